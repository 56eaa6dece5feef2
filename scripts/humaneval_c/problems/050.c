//@ helper
char *encode_shift(const char *s) {
    // returns encoded string by shifting every character by 5 in the alphabet.
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        out[i] = (char)(((int)s[i] + 5 - (int)'a') % 26 + (int)'a');
    out[n] = '\0';
    return out;
}
//@ signature
char *decode_shift(const char *s)
//@ docstring
takes as input string encoded with encode_shift function. Returns decoded string.
//@ notes
As in the C++ prompt, the helper encode_shift is given before the function; the docstring moves in front of the prompt. The test draws strings with rand() (glibc's fixed default seed), as the C++ test does.
//@ canonical
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        out[i] = (char)(((int)s[i] + 21 - (int)'a') % 26 + (int)'a');
    out[n] = '\0';
    return out;
}
//@ wrong
    (void)s;
    return calloc(1, 1);
}
//@ test
int main(void) {
    for (int i = 0; i < 100; i++) {
        int l = 10 + rand() % 11;
        char str[21];
        for (int j = 0; j < l; j++)
            str[j] = (char)(97 + rand() % 26);
        str[l] = '\0';
        char *encoded_str = encode_shift(str);
        assert(same_str(decode_shift(encoded_str), str));
        free(encoded_str);
    }
    return 0;
}
