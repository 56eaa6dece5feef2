//@ signature
int *unique_digits(const int *x, size_t x_len, size_t *out_len)
//@ canonical
    int *out = malloc((x_len + 1) * sizeof(int));
    size_t k = 0;
    for (size_t i = 0; i < x_len; i++) {
        int num = x[i];
        bool u = num != 0;
        for (; num > 0 && u; num /= 10)
            if (num % 2 == 0) u = false;
        if (u) out[k++] = x[i];
    }
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            int t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    *out_len = k;
    return out;
}
//@ wrong
    (void)x; (void)x_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = unique_digits(INTS(15, 33, 1422, 1), &n);
    assert(same_ints(r, n, INTS(1, 15, 33)));
    r = unique_digits(INTS(152, 323, 1422, 10), &n);
    assert(same_ints(r, n, NULL, 0));
    r = unique_digits(INTS(12345, 2033, 111, 151), &n);
    assert(same_ints(r, n, INTS(111, 151)));
    r = unique_digits(INTS(135, 103, 31), &n);
    assert(same_ints(r, n, INTS(31, 135)));
    return 0;
}
