//@ signature
float *find_closest_elements(const float *numbers, size_t numbers_len, size_t *out_len)
//@ canonical
    float *out = malloc(2 * sizeof(float));
    bool found = false;
    for (size_t i = 0; i < numbers_len; i++)
        for (size_t j = i + 1; j < numbers_len; j++)
            if (!found || fabsf(numbers[i] - numbers[j]) < fabsf(out[0] - out[1])) {
                out[0] = numbers[i];
                out[1] = numbers[j];
                found = true;
            }
    if (out[0] > out[1]) {
        float t = out[0];
        out[0] = out[1];
        out[1] = t;
    }
    *out_len = 2;
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
    r = find_closest_elements(FLOATS(1.0, 2.0, 3.9, 4.0, 5.0, 2.2), &n);
    assert(same_floats(r, n, FLOATS(3.9, 4.0)));
    r = find_closest_elements(FLOATS(1.0, 2.0, 5.9, 4.0, 5.0), &n);
    assert(same_floats(r, n, FLOATS(5.0, 5.9)));
    r = find_closest_elements(FLOATS(1.0, 2.0, 3.0, 4.0, 5.0, 2.2), &n);
    assert(same_floats(r, n, FLOATS(2.0, 2.2)));
    r = find_closest_elements(FLOATS(1.0, 2.0, 3.0, 4.0, 5.0, 2.0), &n);
    assert(same_floats(r, n, FLOATS(2.0, 2.0)));
    r = find_closest_elements(FLOATS(1.1, 2.2, 3.1, 4.1, 5.1), &n);
    assert(same_floats(r, n, FLOATS(2.2, 3.1)));
    return 0;
}
