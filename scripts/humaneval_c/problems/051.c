//@ signature
char *remove_vowels(const char *text)
//@ canonical
    size_t n = strlen(text), k = 0;
    char *out = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        if (strchr("AEIOUaeiou", text[i]) == NULL) out[k++] = text[i];
    out[k] = '\0';
    return out;
}
//@ wrong
    (void)text;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(remove_vowels(""), ""));
    assert(same_str(remove_vowels("abcdef\nghijklm"), "bcdf\nghjklm"));
    assert(same_str(remove_vowels("fedcba"), "fdcb"));
    assert(same_str(remove_vowels("eeeee"), ""));
    assert(same_str(remove_vowels("acBAA"), "cB"));
    assert(same_str(remove_vowels("EcBOO"), "cB"));
    assert(same_str(remove_vowels("ybcd"), "ybcd"));
    return 0;
}
