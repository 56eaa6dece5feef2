//@ signature
int *sort_third(const int *l, size_t l_len, size_t *out_len)
//@ canonical
    int *out = malloc((l_len + 1) * sizeof(int));
    memcpy(out, l, l_len * sizeof(int));
    for (size_t i = 0; i < l_len; i += 3)
        for (size_t j = i + 3; j < l_len; j += 3)
            if (out[j] < out[i]) {
                int t = out[i];
                out[i] = out[j];
                out[j] = t;
            }
    *out_len = l_len;
    return out;
}
//@ wrong
    (void)l; (void)l_len;
    *out_len = 0;
    return NULL;
}
//@ notes
The first three C++ asserts compare sort_third(x) with itself (they always pass); here they compare with the expected arrays.
//@ test
int main(void) {
    size_t n;
    int *r;
    r = sort_third(INTS(1, 2, 3), &n);
    assert(same_ints(r, n, INTS(1, 2, 3)));
    r = sort_third(INTS(5, 3, -5, 2, -3, 3, 9, 0, 123, 1, -10), &n);
    assert(same_ints(r, n, INTS(1, 3, -5, 2, -3, 3, 5, 0, 123, 9, -10)));
    r = sort_third(INTS(5, 8, -12, 4, 23, 2, 3, 11, 12, -10), &n);
    assert(same_ints(r, n, INTS(-10, 8, -12, 3, 23, 2, 4, 11, 12, 5)));
    r = sort_third(INTS(5, 6, 3, 4, 8, 9, 2), &n);
    assert(same_ints(r, n, INTS(2, 6, 3, 4, 8, 9, 5)));
    r = sort_third(INTS(5, 8, 3, 4, 6, 9, 2), &n);
    assert(same_ints(r, n, INTS(2, 8, 3, 4, 6, 9, 5)));
    r = sort_third(INTS(5, 6, 9, 4, 8, 3, 2), &n);
    assert(same_ints(r, n, INTS(2, 6, 9, 4, 8, 3, 5)));
    r = sort_third(INTS(5, 6, 3, 4, 8, 9, 2, 1), &n);
    assert(same_ints(r, n, INTS(2, 6, 3, 4, 8, 9, 5, 1)));
    return 0;
}
