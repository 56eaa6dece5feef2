//@ signature
float *derivative(const float *xs, size_t xs_len, size_t *out_len)
//@ canonical
    float *out = malloc((xs_len + 1) * sizeof(float));
    size_t k = 0;
    for (size_t i = 1; i < xs_len; i++)
        out[k++] = (float)i * xs[i];
    *out_len = k;
    return out;
}
//@ wrong
    (void)xs; (void)xs_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    float *r;
    r = derivative(FLOATS(3, 1, 2, 4, 5), &n);
    assert(same_floats(r, n, FLOATS(1, 4, 12, 20)));
    r = derivative(FLOATS(1, 2, 3), &n);
    assert(same_floats(r, n, FLOATS(2, 6)));
    r = derivative(FLOATS(3, 2, 1), &n);
    assert(same_floats(r, n, FLOATS(2, 2)));
    r = derivative(FLOATS(3, 2, 1, 0, 4), &n);
    assert(same_floats(r, n, FLOATS(2, 2, 0, 16)));
    r = derivative(FLOATS(1), &n);
    assert(same_floats(r, n, NULL, 0));
    return 0;
}
