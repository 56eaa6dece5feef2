//@ signature
char *find_max(const char **words, size_t words_len)
//@ canonical
    const char *max = "";
    int maxu = 0;
    for (size_t i = 0; i < words_len; i++) {
        bool seen[256] = {false};
        int unique = 0;
        for (size_t j = 0; words[i][j] != '\0'; j++) {
            unsigned char c = (unsigned char)words[i][j];
            if (!seen[c]) {
                seen[c] = true;
                unique++;
            }
        }
        if (unique > maxu || (unique == maxu && strcmp(words[i], max) < 0)) {
            max = words[i];
            maxu = unique;
        }
    }
    char *out = malloc(strlen(max) + 1);
    strcpy(out, max);
    return out;
}
//@ wrong
    (void)words; (void)words_len;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(find_max(STRS("name", "of", "string")), "string"));
    assert(same_str(find_max(STRS("name", "enam", "game")), "enam"));
    assert(same_str(find_max(STRS("aaaaaaa", "bb", "cc")), "aaaaaaa"));
    assert(same_str(find_max(STRS("abc", "cba")), "abc"));
    assert(same_str(find_max(STRS("play", "this", "game", "of", "footbott")), "footbott"));
    assert(same_str(find_max(STRS("we", "are", "gonna", "rock")), "gonna"));
    assert(same_str(find_max(STRS("we", "are", "a", "mad", "nation")), "nation"));
    assert(same_str(find_max(STRS("this", "is", "a", "prrk")), "this"));
    assert(same_str(find_max(STRS("b")), "b"));
    assert(same_str(find_max(STRS("play", "play", "play")), "play"));
    return 0;
}
