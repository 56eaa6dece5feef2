//@ signature
float max_element(const float *l, size_t l_len)
//@ canonical
    float max = l[0];
    for (size_t i = 1; i < l_len; i++)
        if (max < l[i]) max = l[i];
    return max;
}
//@ wrong
    (void)l; (void)l_len;
    return 0;
}
//@ test
int main(void) {
    assert(fabsf(max_element(FLOATS(1, 2, 3)) - 3) < 1e-4);
    assert(fabsf(max_element(FLOATS(5, 3, -5, 2, -3, 3, 9, 0, 124, 1, -10)) - 124) < 1e-4);
    return 0;
}
