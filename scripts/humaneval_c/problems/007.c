//@ signature
char **filter_by_substring(const char **strings, size_t strings_len, const char *substring, size_t *out_len)
//@ canonical
    char **out = malloc((strings_len + 1) * sizeof(char *));
    size_t k = 0;
    for (size_t i = 0; i < strings_len; i++)
        if (strstr(strings[i], substring) != NULL) {
            out[k] = malloc(strlen(strings[i]) + 1);
            strcpy(out[k++], strings[i]);
        }
    *out_len = k;
    return out;
}
//@ wrong
    (void)strings; (void)strings_len; (void)substring;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    char **r;
    r = filter_by_substring(NULL, 0, "john", &n);
    assert(same_strs(r, n, NULL, 0));
    r = filter_by_substring(STRS("xxx", "asd", "xxy", "john doe", "xxxAAA", "xxx"), "xxx", &n);
    assert(same_strs(r, n, STRS("xxx", "xxxAAA", "xxx")));
    r = filter_by_substring(STRS("xxx", "asd", "aaaxxy", "john doe", "xxxAAA", "xxx"), "xx", &n);
    assert(same_strs(r, n, STRS("xxx", "aaaxxy", "xxxAAA", "xxx")));
    r = filter_by_substring(STRS("grunt", "trumpet", "prune", "gruesome"), "run", &n);
    assert(same_strs(r, n, STRS("grunt", "prune")));
    return 0;
}
