//@ signature
float *rescale_to_unit(const float *numbers, size_t numbers_len, size_t *out_len)
//@ canonical
    float min = numbers[0], max = numbers[0];
    for (size_t i = 0; i < numbers_len; i++) {
        if (numbers[i] < min) min = numbers[i];
        if (numbers[i] > max) max = numbers[i];
    }
    float *out = malloc(numbers_len * sizeof(float));
    for (size_t i = 0; i < numbers_len; i++)
        out[i] = (numbers[i] - min) / (max - min);
    *out_len = numbers_len;
    return out;
}
//@ wrong
    (void)numbers; (void)numbers_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    float *r;
    r = rescale_to_unit(FLOATS(2.0, 49.9), &n);
    assert(same_floats(r, n, FLOATS(0.0, 1.0)));
    r = rescale_to_unit(FLOATS(100.0, 49.9), &n);
    assert(same_floats(r, n, FLOATS(1.0, 0.0)));
    r = rescale_to_unit(FLOATS(1.0, 2.0, 3.0, 4.0, 5.0), &n);
    assert(same_floats(r, n, FLOATS(0.0, 0.25, 0.5, 0.75, 1.0)));
    r = rescale_to_unit(FLOATS(2.0, 1.0, 5.0, 3.0, 4.0), &n);
    assert(same_floats(r, n, FLOATS(0.25, 0.0, 1.0, 0.5, 0.75)));
    r = rescale_to_unit(FLOATS(12.0, 11.0, 15.0, 13.0, 14.0), &n);
    assert(same_floats(r, n, FLOATS(0.25, 0.0, 1.0, 0.5, 0.75)));
    return 0;
}
