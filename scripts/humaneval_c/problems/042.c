//@ signature
int *incr_list(const int *l, size_t l_len, size_t *out_len)
//@ canonical
    int *out = malloc((l_len + 1) * sizeof(int));
    for (size_t i = 0; i < l_len; i++)
        out[i] = l[i] + 1;
    *out_len = l_len;
    return out;
}
//@ wrong
    (void)l; (void)l_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = incr_list(NULL, 0, &n);
    assert(same_ints(r, n, NULL, 0));
    r = incr_list(INTS(3, 2, 1), &n);
    assert(same_ints(r, n, INTS(4, 3, 2)));
    r = incr_list(INTS(5, 2, 5, 2, 3, 3, 9, 0, 123), &n);
    assert(same_ints(r, n, INTS(6, 3, 6, 3, 4, 4, 10, 1, 124)));
    return 0;
}
