//@ signature
int *factorize(int n, size_t *out_len)
//@ canonical
    int *out = malloc(32 * sizeof(int));
    size_t k = 0;
    for (int i = 2; i * i <= n; i++)
        if (n % i == 0) {
            n = n / i;
            out[k++] = i;
            i -= 1;
        }
    out[k++] = n;
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
    r = factorize(2, &n);
    assert(same_ints(r, n, INTS(2)));
    r = factorize(4, &n);
    assert(same_ints(r, n, INTS(2, 2)));
    r = factorize(8, &n);
    assert(same_ints(r, n, INTS(2, 2, 2)));
    r = factorize(3 * 19, &n);
    assert(same_ints(r, n, INTS(3, 19)));
    r = factorize(3 * 19 * 3 * 19, &n);
    assert(same_ints(r, n, INTS(3, 3, 19, 19)));
    r = factorize(3 * 19 * 3 * 19 * 3 * 19, &n);
    assert(same_ints(r, n, INTS(3, 3, 3, 19, 19, 19)));
    r = factorize(3 * 19 * 19 * 19, &n);
    assert(same_ints(r, n, INTS(3, 19, 19, 19)));
    r = factorize(3 * 2 * 3, &n);
    assert(same_ints(r, n, INTS(2, 3, 3)));
    return 0;
}
