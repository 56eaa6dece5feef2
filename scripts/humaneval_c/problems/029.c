//@ signature
char **filter_by_prefix(const char **strings, size_t strings_len, const char *prefix, size_t *out_len)
//@ canonical
    char **out = malloc((strings_len + 1) * sizeof(char *));
    size_t k = 0, m = strlen(prefix);
    for (size_t i = 0; i < strings_len; i++)
        if (strncmp(strings[i], prefix, m) == 0) {
            out[k] = malloc(strlen(strings[i]) + 1);
            strcpy(out[k++], strings[i]);
        }
    *out_len = k;
    return out;
}
//@ wrong
    (void)strings; (void)strings_len; (void)prefix;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    char **r;
    r = filter_by_prefix(NULL, 0, "john", &n);
    assert(same_strs(r, n, NULL, 0));
    r = filter_by_prefix(STRS("xxx", "asd", "xxy", "john doe", "xxxAAA", "xxx"), "xxx", &n);
    assert(same_strs(r, n, STRS("xxx", "xxxAAA", "xxx")));
    return 0;
}
