//@ signature
int vowels_count(const char *s)
//@ canonical
    size_t n = strlen(s);
    int count = 0;
    for (size_t i = 0; i < n; i++)
        if (strchr("aeiouAEIOU", s[i]) != NULL) count += 1;
    if (n > 0 && (s[n - 1] == 'y' || s[n - 1] == 'Y')) count += 1;
    return count;
}
//@ wrong
    (void)s;
    return 0;
}
//@ test
int main(void) {
    assert(vowels_count("abcde") == 2);
    assert(vowels_count("Alone") == 3);
    assert(vowels_count("key") == 2);
    assert(vowels_count("bye") == 1);
    assert(vowels_count("keY") == 2);
    assert(vowels_count("bYe") == 1);
    assert(vowels_count("ACEDY") == 3);
    return 0;
}
