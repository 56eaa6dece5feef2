//@ signature
char **words_string(const char *s, size_t *out_len)
//@ canonical
    size_t n = strlen(s), k = 0, start = 0;
    char **out = malloc((n / 2 + 2) * sizeof(char *));
    for (size_t i = 0; i <= n; i++) {
        if (s[i] == ' ' || s[i] == ',' || s[i] == '\0') {
            if (i > start) {
                out[k] = malloc(i - start + 1);
                memcpy(out[k], s + start, i - start);
                out[k++][i - start] = '\0';
            }
            start = i + 1;
        }
    }
    *out_len = k;
    return out;
}
//@ wrong
    (void)s;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    char **r;
    r = words_string("Hi, my name is John", &n);
    assert(same_strs(r, n, STRS("Hi", "my", "name", "is", "John")));
    r = words_string("One, two, three, four, five, six", &n);
    assert(same_strs(r, n, STRS("One", "two", "three", "four", "five", "six")));
    r = words_string("Hi, my name", &n);
    assert(same_strs(r, n, STRS("Hi", "my", "name")));
    r = words_string("One,, two, three, four, five, six,", &n);
    assert(same_strs(r, n, STRS("One", "two", "three", "four", "five", "six")));
    r = words_string("", &n);
    assert(same_strs(r, n, NULL, 0));
    r = words_string("ahmed     , gamal", &n);
    assert(same_strs(r, n, STRS("ahmed", "gamal")));
    return 0;
}
