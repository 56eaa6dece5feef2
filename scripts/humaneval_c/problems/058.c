//@ signature
int *common(const int *l1, size_t l1_len, const int *l2, size_t l2_len, size_t *out_len)
//@ canonical
    int *out = malloc((l1_len + 1) * sizeof(int));
    size_t k = 0;
    for (size_t i = 0; i < l1_len; i++) {
        bool seen = false, in_l2 = false;
        for (size_t j = 0; j < k; j++)
            if (out[j] == l1[i]) seen = true;
        for (size_t j = 0; j < l2_len; j++)
            if (l2[j] == l1[i]) in_l2 = true;
        if (!seen && in_l2) out[k++] = l1[i];
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
    (void)l1; (void)l1_len; (void)l2; (void)l2_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = common(INTS(1, 4, 3, 34, 653, 2, 5), INTS(5, 7, 1, 5, 9, 653, 121), &n);
    assert(same_ints(r, n, INTS(1, 5, 653)));
    r = common(INTS(5, 3, 2, 8), INTS(3, 2), &n);
    assert(same_ints(r, n, INTS(2, 3)));
    r = common(INTS(4, 3, 2, 8), INTS(3, 2, 4), &n);
    assert(same_ints(r, n, INTS(2, 3, 4)));
    r = common(INTS(4, 3, 2, 8), NULL, 0, &n);
    assert(same_ints(r, n, NULL, 0));
    return 0;
}
