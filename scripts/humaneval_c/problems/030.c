//@ signature
float *get_positive(const float *l, size_t l_len, size_t *out_len)
//@ canonical
    float *out = malloc((l_len + 1) * sizeof(float));
    size_t k = 0;
    for (size_t i = 0; i < l_len; i++)
        if (l[i] > 0) out[k++] = l[i];
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
    float *r;
    r = get_positive(FLOATS(-1, -2, 4, 5, 6), &n);
    assert(same_floats(r, n, FLOATS(4, 5, 6)));
    r = get_positive(FLOATS(5, 3, -5, 2, 3, 3, 9, 0, 123, 1, -10), &n);
    assert(same_floats(r, n, FLOATS(5, 3, 2, 3, 3, 9, 123, 1)));
    r = get_positive(FLOATS(-1, -2), &n);
    assert(same_floats(r, n, NULL, 0));
    r = get_positive(NULL, 0, &n);
    assert(same_floats(r, n, NULL, 0));
    return 0;
}
