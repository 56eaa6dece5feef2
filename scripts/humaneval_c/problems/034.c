//@ signature
int *unique(const int *l, size_t l_len, size_t *out_len)
//@ canonical
    int *out = malloc((l_len + 1) * sizeof(int));
    size_t k = 0;
    for (size_t i = 0; i < l_len; i++) {
        bool seen = false;
        for (size_t j = 0; j < k; j++)
            if (out[j] == l[i]) seen = true;
        if (!seen) out[k++] = l[i];
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
    (void)l; (void)l_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = unique(INTS(5, 3, 5, 2, 3, 3, 9, 0, 123), &n);
    assert(same_ints(r, n, INTS(0, 2, 3, 5, 9, 123)));
    return 0;
}
