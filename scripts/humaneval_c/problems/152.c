//@ signature
int *compare(const int *game, size_t game_len, const int *guess, size_t guess_len, size_t *out_len)
//@ canonical
    (void)guess_len;
    int *out = malloc((game_len + 1) * sizeof(int));
    for (size_t i = 0; i < game_len; i++)
        out[i] = abs(game[i] - guess[i]);
    *out_len = game_len;
    return out;
}
//@ wrong
    (void)game; (void)game_len; (void)guess; (void)guess_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = compare(INTS(1, 2, 3, 4, 5, 1), INTS(1, 2, 3, 4, 2, -2), &n);
    assert(same_ints(r, n, INTS(0, 0, 0, 0, 3, 3)));
    r = compare(INTS(0, 5, 0, 0, 0, 4), INTS(4, 1, 1, 0, 0, -2), &n);
    assert(same_ints(r, n, INTS(4, 4, 1, 0, 0, 6)));
    r = compare(INTS(1, 2, 3, 4, 5, 1), INTS(1, 2, 3, 4, 2, -2), &n);
    assert(same_ints(r, n, INTS(0, 0, 0, 0, 3, 3)));
    r = compare(INTS(0, 0, 0, 0, 0, 0), INTS(0, 0, 0, 0, 0, 0), &n);
    assert(same_ints(r, n, INTS(0, 0, 0, 0, 0, 0)));
    r = compare(INTS(1, 2, 3), INTS(-1, -2, -3), &n);
    assert(same_ints(r, n, INTS(2, 4, 6)));
    r = compare(INTS(1, 2, 3, 5), INTS(-1, 2, 3, 4), &n);
    assert(same_ints(r, n, INTS(2, 0, 0, 1)));
    return 0;
}
