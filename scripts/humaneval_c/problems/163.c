//@ signature
int *generate_integers(int a, int b, size_t *out_len)
//@ canonical
    if (b < a) {
        int m = a;
        a = b;
        b = m;
    }
    int *out = malloc(5 * sizeof(int));
    size_t k = 0;
    for (int i = a; i <= b && i < 10; i++)
        if (i % 2 == 0) out[k++] = i;
    *out_len = k;
    return out;
}
//@ wrong
    (void)a; (void)b;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = generate_integers(2, 10, &n);
    assert(same_ints(r, n, INTS(2, 4, 6, 8)));
    r = generate_integers(10, 2, &n);
    assert(same_ints(r, n, INTS(2, 4, 6, 8)));
    r = generate_integers(132, 2, &n);
    assert(same_ints(r, n, INTS(2, 4, 6, 8)));
    r = generate_integers(17, 89, &n);
    assert(same_ints(r, n, NULL, 0));
    return 0;
}
