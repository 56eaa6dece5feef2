//@ signature
char *solve(const char *s)
//@ canonical
    size_t n = strlen(s), nletter = 0;
    char *out = malloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        char w = s[i];
        if (w >= 'A' && w <= 'Z') w = (char)(w + 32);
        else if (w >= 'a' && w <= 'z') w = (char)(w - 32);
        else nletter += 1;
        out[i] = w;
    }
    if (nletter == n)
        for (size_t i = 0; i < n; i++) out[i] = s[n - 1 - i];
    out[n] = '\0';
    return out;
}
//@ wrong
    (void)s;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(solve("AsDf"), "aSdF"));
    assert(same_str(solve("1234"), "4321"));
    assert(same_str(solve("ab"), "AB"));
    assert(same_str(solve("#a@C"), "#A@c"));
    assert(same_str(solve("#AsdfW^45"), "#aSDFw^45"));
    assert(same_str(solve("#6@2"), "2@6#"));
    assert(same_str(solve("#$a^D"), "#$A^d"));
    assert(same_str(solve("#ccc"), "#CCC"));
    return 0;
}
