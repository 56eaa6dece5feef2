//@ signature
int *tri(int n, size_t *out_len)
//@ canonical
    int *out = malloc(((size_t)n + 2) * sizeof(int));
    out[0] = 1;
    out[1] = 3;
    for (int i = 2; i <= n; i++)
        out[i] = i % 2 == 0 ? 1 + i / 2 : out[i - 1] + out[i - 2] + 1 + (i + 1) / 2;
    *out_len = (size_t)n + 1;
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
    r = tri(3, &n);
    assert(same_ints(r, n, INTS(1, 3, 2, 8)));
    r = tri(4, &n);
    assert(same_ints(r, n, INTS(1, 3, 2, 8, 3)));
    r = tri(5, &n);
    assert(same_ints(r, n, INTS(1, 3, 2, 8, 3, 15)));
    r = tri(6, &n);
    assert(same_ints(r, n, INTS(1, 3, 2, 8, 3, 15, 4)));
    r = tri(7, &n);
    assert(same_ints(r, n, INTS(1, 3, 2, 8, 3, 15, 4, 24)));
    r = tri(8, &n);
    assert(same_ints(r, n, INTS(1, 3, 2, 8, 3, 15, 4, 24, 5)));
    r = tri(9, &n);
    assert(same_ints(r, n, INTS(1, 3, 2, 8, 3, 15, 4, 24, 5, 35)));
    r = tri(20, &n);
    assert(same_ints(r, n, INTS(1, 3, 2, 8, 3, 15, 4, 24, 5, 35, 6, 48, 7, 63, 8, 80, 9, 99, 10, 120, 11)));
    r = tri(0, &n);
    assert(same_ints(r, n, INTS(1)));
    r = tri(1, &n);
    assert(same_ints(r, n, INTS(1, 3)));
    return 0;
}
