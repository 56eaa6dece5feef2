//@ signature
int *parse_music(const char *music_string, size_t *out_len)
//@ canonical
    size_t n = strlen(music_string), k = 0, start = 0;
    int *out = malloc((n + 1) * sizeof(int));
    for (size_t i = 0; i <= n; i++) {
        if (music_string[i] == ' ' || music_string[i] == '\0') {
            size_t len = i - start;
            const char *cur = music_string + start;
            if (len == 1 && cur[0] == 'o') out[k++] = 4;
            if (len == 2 && strncmp(cur, "o|", 2) == 0) out[k++] = 2;
            if (len == 2 && strncmp(cur, ".|", 2) == 0) out[k++] = 1;
            start = i + 1;
        }
    }
    *out_len = k;
    return out;
}
//@ wrong
    (void)music_string;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = parse_music("", &n);
    assert(same_ints(r, n, NULL, 0));
    r = parse_music("o o o o", &n);
    assert(same_ints(r, n, INTS(4, 4, 4, 4)));
    r = parse_music(".| .| .| .|", &n);
    assert(same_ints(r, n, INTS(1, 1, 1, 1)));
    r = parse_music("o| o| .| .| o o o o", &n);
    assert(same_ints(r, n, INTS(2, 2, 1, 1, 4, 4, 4, 4)));
    r = parse_music("o| .| o| .| o o| o o|", &n);
    assert(same_ints(r, n, INTS(2, 1, 2, 1, 4, 2, 4, 2)));
    return 0;
}
