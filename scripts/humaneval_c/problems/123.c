//@ signature
int *get_odd_collatz(int n, size_t *out_len)
//@ canonical
    size_t k = 0, cap = 16;
    int *out = malloc(cap * sizeof(int));
    out[k++] = 1;
    long long m = n;
    while (m != 1) {
        if (m % 2 == 1) {
            if (k == cap) out = realloc(out, (cap *= 2) * sizeof(int));
            out[k++] = (int)m;
            m = m * 3 + 1;
        } else {
            m = m / 2;
        }
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
    (void)n;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = get_odd_collatz(14, &n);
    assert(same_ints(r, n, INTS(1, 5, 7, 11, 13, 17)));
    r = get_odd_collatz(5, &n);
    assert(same_ints(r, n, INTS(1, 5)));
    r = get_odd_collatz(12, &n);
    assert(same_ints(r, n, INTS(1, 3, 5)));
    r = get_odd_collatz(1, &n);
    assert(same_ints(r, n, INTS(1)));
    return 0;
}
