//@ signature
int *rolling_max(const int *numbers, size_t numbers_len, size_t *out_len)
//@ canonical
    int *out = malloc((numbers_len + 1) * sizeof(int));
    int max = 0;
    for (size_t i = 0; i < numbers_len; i++) {
        if (i == 0 || numbers[i] > max) max = numbers[i];
        out[i] = max;
    }
    *out_len = numbers_len;
    return out;
}
//@ wrong
    (void)numbers; (void)numbers_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = rolling_max(NULL, 0, &n);
    assert(same_ints(r, n, NULL, 0));
    r = rolling_max(INTS(1, 2, 3, 4), &n);
    assert(same_ints(r, n, INTS(1, 2, 3, 4)));
    r = rolling_max(INTS(4, 3, 2, 1), &n);
    assert(same_ints(r, n, INTS(4, 4, 4, 4)));
    r = rolling_max(INTS(3, 2, 3, 100, 3), &n);
    assert(same_ints(r, n, INTS(3, 3, 3, 100, 100)));
    return 0;
}
