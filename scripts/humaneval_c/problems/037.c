//@ signature
float *sort_even(const float *l, size_t l_len, size_t *out_len)
//@ canonical
    float *out = malloc((l_len + 1) * sizeof(float));
    memcpy(out, l, l_len * sizeof(float));
    for (size_t i = 0; i < l_len; i += 2)
        for (size_t j = i + 2; j < l_len; j += 2)
            if (out[j] < out[i]) {
                float t = out[i];
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
//@ test
int main(void) {
    size_t n;
    float *r;
    r = sort_even(FLOATS(1, 2, 3), &n);
    assert(same_floats(r, n, FLOATS(1, 2, 3)));
    r = sort_even(FLOATS(5, 3, -5, 2, -3, 3, 9, 0, 123, 1, -10), &n);
    assert(same_floats(r, n, FLOATS(-10, 3, -5, 2, -3, 3, 5, 0, 9, 1, 123)));
    r = sort_even(FLOATS(5, 8, -12, 4, 23, 2, 3, 11, 12, -10), &n);
    assert(same_floats(r, n, FLOATS(-12, 8, 3, 4, 5, 2, 12, 11, 23, -10)));
    return 0;
}
