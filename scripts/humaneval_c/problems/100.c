//@ signature
int *make_a_pile(int n, size_t *out_len)
//@ canonical
    int *out = malloc(((size_t)n + 1) * sizeof(int));
    for (int i = 0; i < n; i++)
        out[i] = n + 2 * i;
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
    r = make_a_pile(3, &n);
    assert(same_ints(r, n, INTS(3, 5, 7)));
    r = make_a_pile(4, &n);
    assert(same_ints(r, n, INTS(4, 6, 8, 10)));
    r = make_a_pile(5, &n);
    assert(same_ints(r, n, INTS(5, 7, 9, 11, 13)));
    r = make_a_pile(6, &n);
    assert(same_ints(r, n, INTS(6, 8, 10, 12, 14, 16)));
    r = make_a_pile(8, &n);
    assert(same_ints(r, n, INTS(8, 10, 12, 14, 16, 18, 20, 22)));
    return 0;
}
