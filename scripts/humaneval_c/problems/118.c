//@ signature
char *get_closest_vowel(const char *word)
//@ canonical
    const char *vowels = "AEIOUaeiou";
    size_t n = strlen(word);
    char *out = calloc(2, 1);
    for (size_t i = n >= 2 ? n - 2 : 0; i >= 1; i--)
        if (strchr(vowels, word[i]) != NULL && strchr(vowels, word[i + 1]) == NULL &&
            strchr(vowels, word[i - 1]) == NULL) {
            out[0] = word[i];
            break;
        }
    return out;
}
//@ wrong
    (void)word;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(get_closest_vowel("yogurt"), "u"));
    assert(same_str(get_closest_vowel("full"), "u"));
    assert(same_str(get_closest_vowel("easy"), ""));
    assert(same_str(get_closest_vowel("eAsy"), ""));
    assert(same_str(get_closest_vowel("ali"), ""));
    assert(same_str(get_closest_vowel("bad"), "a"));
    assert(same_str(get_closest_vowel("most"), "o"));
    assert(same_str(get_closest_vowel("ab"), ""));
    assert(same_str(get_closest_vowel("ba"), ""));
    assert(same_str(get_closest_vowel("quick"), ""));
    assert(same_str(get_closest_vowel("anime"), "i"));
    assert(same_str(get_closest_vowel("Asia"), ""));
    assert(same_str(get_closest_vowel("Above"), "o"));
    return 0;
}
