//@ signature
float median(const float *l, size_t l_len)
//@ canonical
    float *s = malloc(l_len * sizeof(float));
    memcpy(s, l, l_len * sizeof(float));
    for (size_t i = 1; i < l_len; i++)
        for (size_t j = i; j > 0 && s[j - 1] > s[j]; j--) {
            float t = s[j];
            s[j] = s[j - 1];
            s[j - 1] = t;
        }
    float m = l_len % 2 == 1 ? s[l_len / 2] : 0.5f * (s[l_len / 2] + s[l_len / 2 - 1]);
    free(s);
    return m;
}
//@ wrong
    (void)l; (void)l_len;
    return 0;
}
//@ test
int main(void) {
    assert(fabsf(median(FLOATS(3, 1, 2, 4, 5)) - 3) < 1e-4);
    assert(fabsf(median(FLOATS(-10, 4, 6, 1000, 10, 20)) - 8.0) < 1e-4);
    assert(fabsf(median(FLOATS(5)) - 5) < 1e-4);
    assert(fabsf(median(FLOATS(6, 5)) - 5.5) < 1e-4);
    assert(fabsf(median(FLOATS(8, 1, 3, 9, 9, 2, 7)) - 7) < 1e-4);
    return 0;
}
