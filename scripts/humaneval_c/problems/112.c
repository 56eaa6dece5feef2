//@ signature
char **reverse_delete(const char *s, const char *c, size_t *out_len)
//@ canonical
    size_t n = strlen(s), k = 0;
    char *kept = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        if (strchr(c, s[i]) == NULL) kept[k++] = s[i];
    kept[k] = '\0';
    bool palindrome = true;
    for (size_t i = 0; i < k / 2; i++)
        if (kept[i] != kept[k - 1 - i]) palindrome = false;
    char **out = malloc(2 * sizeof(char *));
    out[0] = kept;
    out[1] = malloc(6);
    strcpy(out[1], palindrome ? "True" : "False");
    *out_len = 2;
    return out;
}
//@ wrong
    (void)s; (void)c;
    *out_len = 0;
    return NULL;
}
//@ notes
The (result, "True"/"False") pair comes back as an array of two strings, as in the C++ version.
//@ test
int main(void) {
    size_t n;
    char **r;
    r = reverse_delete("abcde", "ae", &n);
    assert(same_strs(r, n, STRS("bcd", "False")));
    r = reverse_delete("abcdef", "b", &n);
    assert(same_strs(r, n, STRS("acdef", "False")));
    r = reverse_delete("abcdedcba", "ab", &n);
    assert(same_strs(r, n, STRS("cdedc", "True")));
    r = reverse_delete("dwik", "w", &n);
    assert(same_strs(r, n, STRS("dik", "False")));
    r = reverse_delete("a", "a", &n);
    assert(same_strs(r, n, STRS("", "True")));
    r = reverse_delete("abcdedcba", "", &n);
    assert(same_strs(r, n, STRS("abcdedcba", "True")));
    r = reverse_delete("abcdedcba", "v", &n);
    assert(same_strs(r, n, STRS("abcdedcba", "True")));
    r = reverse_delete("vabba", "v", &n);
    assert(same_strs(r, n, STRS("abba", "True")));
    r = reverse_delete("mamma", "mia", &n);
    assert(same_strs(r, n, STRS("", "True")));
    return 0;
}
