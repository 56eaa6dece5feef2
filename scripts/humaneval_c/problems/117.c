//@ signature
char **select_words(const char *s, int n, size_t *out_len)
//@ canonical
    size_t len = strlen(s), k = 0, start = 0;
    char **out = malloc((len / 2 + 2) * sizeof(char *));
    int numc = 0;
    for (size_t i = 0; i <= len; i++) {
        if (s[i] == ' ' || s[i] == '\0') {
            if (numc == n) {
                out[k] = malloc(i - start + 1);
                memcpy(out[k], s + start, i - start);
                out[k++][i - start] = '\0';
            }
            numc = 0;
            start = i + 1;
        } else if (isalpha((unsigned char)s[i]) && strchr("aeiouAEIOU", s[i]) == NULL) {
            numc += 1;
        }
    }
    *out_len = k;
    return out;
}
//@ wrong
    (void)s; (void)n;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    char **r;
    r = select_words("Mary had a little lamb", 4, &n);
    assert(same_strs(r, n, STRS("little")));
    r = select_words("Mary had a little lamb", 3, &n);
    assert(same_strs(r, n, STRS("Mary", "lamb")));
    r = select_words("simple white space", 2, &n);
    assert(same_strs(r, n, NULL, 0));
    r = select_words("Hello world", 4, &n);
    assert(same_strs(r, n, STRS("world")));
    r = select_words("Uncle sam", 3, &n);
    assert(same_strs(r, n, STRS("Uncle")));
    r = select_words("", 4, &n);
    assert(same_strs(r, n, NULL, 0));
    r = select_words("a b c d e f", 1, &n);
    assert(same_strs(r, n, STRS("b", "c", "d", "f")));
    return 0;
}
