//@ signature
char **all_prefixes(const char *str, size_t *out_len)
//@ canonical
    size_t n = strlen(str);
    char **out = malloc((n + 1) * sizeof(char *));
    for (size_t i = 0; i < n; i++) {
        out[i] = malloc(i + 2);
        memcpy(out[i], str, i + 1);
        out[i][i + 1] = '\0';
    }
    *out_len = n;
    return out;
}
//@ wrong
    (void)str;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    char **r;
    r = all_prefixes("", &n);
    assert(same_strs(r, n, NULL, 0));
    r = all_prefixes("asdfgh", &n);
    assert(same_strs(r, n, STRS("a", "as", "asd", "asdf", "asdfg", "asdfgh")));
    r = all_prefixes("WWW", &n);
    assert(same_strs(r, n, STRS("W", "WW", "WWW")));
    return 0;
}
