//@ helper
char *encode_cyclic(const char *s) {
    // returns encoded string by cycling groups of three characters.
    // split string to groups. Each of length 3.
    size_t l = strlen(s);
    char *output = malloc(l + 1);
    memcpy(output, s, l + 1);
    for (size_t i = 0; i + 3 <= l; i += 3) {
        // cycle elements in each group. Unless group has fewer elements than 3.
        output[i] = s[i + 1];
        output[i + 1] = s[i + 2];
        output[i + 2] = s[i];
    }
    return output;
}
//@ signature
char *decode_cyclic(const char *s)
//@ docstring
takes as input string encoded with encode_cyclic function. Returns decoded string.
//@ notes
As in the C++ prompt, the helper encode_cyclic is given before the function; the docstring moves in front of the prompt. The test draws strings with rand() (glibc's fixed default seed), as the C++ test does.
//@ canonical
    size_t l = strlen(s);
    char *output = malloc(l + 1);
    memcpy(output, s, l + 1);
    for (size_t i = 0; i + 3 <= l; i += 3) {
        output[i] = s[i + 2];
        output[i + 1] = s[i];
        output[i + 2] = s[i + 1];
    }
    return output;
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
        char *encoded_str = encode_cyclic(str);
        assert(same_str(decode_cyclic(encoded_str), str));
        free(encoded_str);
    }
    return 0;
}
