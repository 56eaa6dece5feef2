//@ signature
int *maximum(const int *arr, size_t arr_len, int k, size_t *out_len)
//@ canonical
    int *s = malloc((arr_len + 1) * sizeof(int));
    memcpy(s, arr, arr_len * sizeof(int));
    for (size_t i = 1; i < arr_len; i++)
        for (size_t j = i; j > 0 && s[j - 1] > s[j]; j--) {
            int t = s[j];
            s[j] = s[j - 1];
            s[j - 1] = t;
        }
    int *out = malloc(((size_t)k + 1) * sizeof(int));
    memcpy(out, s + arr_len - (size_t)k, (size_t)k * sizeof(int));
    free(s);
    *out_len = (size_t)k;
    return out;
}
//@ wrong
    (void)arr; (void)arr_len; (void)k;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = maximum(INTS(-3, -4, 5), 3, &n);
    assert(same_ints(r, n, INTS(-4, -3, 5)));
    r = maximum(INTS(4, -4, 4), 2, &n);
    assert(same_ints(r, n, INTS(4, 4)));
    r = maximum(INTS(-3, 2, 1, 2, -1, -2, 1), 1, &n);
    assert(same_ints(r, n, INTS(2)));
    r = maximum(INTS(123, -123, 20, 0, 1, 2, -3), 3, &n);
    assert(same_ints(r, n, INTS(2, 20, 123)));
    r = maximum(INTS(-123, 20, 0, 1, 2, -3), 4, &n);
    assert(same_ints(r, n, INTS(0, 1, 2, 20)));
    r = maximum(INTS(5, 15, 0, 3, -13, -8, 0), 7, &n);
    assert(same_ints(r, n, INTS(-13, -8, 0, 0, 3, 5, 15)));
    r = maximum(INTS(-1, 0, 2, 5, 3, -10), 2, &n);
    assert(same_ints(r, n, INTS(3, 5)));
    r = maximum(INTS(1, 0, 5, -7), 1, &n);
    assert(same_ints(r, n, INTS(5)));
    r = maximum(INTS(4, -4), 2, &n);
    assert(same_ints(r, n, INTS(-4, 4)));
    r = maximum(INTS(-10, 10), 2, &n);
    assert(same_ints(r, n, INTS(-10, 10)));
    r = maximum(INTS(1, 2, 3, -23, 243, -400, 0), 0, &n);
    assert(same_ints(r, n, NULL, 0));
    return 0;
}
