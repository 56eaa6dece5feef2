//@ signature
char **split_words(const char *txt, size_t *out_len)
//@ canonical
    size_t n = strlen(txt), k = 0, start = 0;
    char **out = malloc((n / 2 + 2) * sizeof(char *));
    char sep = strchr(txt, ' ') != NULL ? ' ' : strchr(txt, ',') != NULL ? ',' : '\0';
    if (sep == '\0') {
        int num = 0;
        for (size_t i = 0; i < n; i++)
            if (txt[i] >= 'a' && txt[i] <= 'z' && txt[i] % 2 == 0) num += 1;
        out[0] = malloc(12);
        sprintf(out[0], "%d", num);
        *out_len = 1;
        return out;
    }
    for (size_t i = 0; i <= n; i++) {
        if (txt[i] == sep || txt[i] == '\0') {
            if (i > start) {
                out[k] = malloc(i - start + 1);
                memcpy(out[k], txt + start, i - start);
                out[k++][i - start] = '\0';
            }
            start = i + 1;
        }
    }
    *out_len = k;
    return out;
}
//@ wrong
    (void)txt;
    *out_len = 0;
    return NULL;
}
//@ notes
As in the C++ version, the count case returns an array of one string holding the number.
//@ test
int main(void) {
    size_t n;
    char **r;
    r = split_words("Hello world!", &n);
    assert(same_strs(r, n, STRS("Hello", "world!")));
    r = split_words("Hello,world!", &n);
    assert(same_strs(r, n, STRS("Hello", "world!")));
    r = split_words("Hello world,!", &n);
    assert(same_strs(r, n, STRS("Hello", "world,!")));
    r = split_words("Hello,Hello,world !", &n);
    assert(same_strs(r, n, STRS("Hello,Hello,world", "!")));
    r = split_words("abcdef", &n);
    assert(same_strs(r, n, STRS("3")));
    r = split_words("aaabb", &n);
    assert(same_strs(r, n, STRS("2")));
    r = split_words("aaaBb", &n);
    assert(same_strs(r, n, STRS("1")));
    r = split_words("", &n);
    assert(same_strs(r, n, STRS("0")));
    return 0;
}
