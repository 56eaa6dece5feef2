//@ signature
int *f(int n, size_t *out_len)
//@ canonical
    int *out = malloc(((size_t)n + 1) * sizeof(int));
    int sum = 0, prod = 1;
    for (int i = 1; i <= n; i++) {
        sum += i;
        prod *= i;
        out[i - 1] = i % 2 == 0 ? prod : sum;
    }
    *out_len = (size_t)n;
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
    r = f(5, &n);
    assert(same_ints(r, n, INTS(1, 2, 6, 24, 15)));
    r = f(7, &n);
    assert(same_ints(r, n, INTS(1, 2, 6, 24, 15, 720, 28)));
    r = f(1, &n);
    assert(same_ints(r, n, INTS(1)));
    r = f(3, &n);
    assert(same_ints(r, n, INTS(1, 2, 6)));
    return 0;
}
