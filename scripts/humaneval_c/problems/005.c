//@ signature
int *intersperse(const int *numbers, size_t numbers_len, int delimeter, size_t *out_len)
//@ canonical
    int *out = malloc((2 * numbers_len + 1) * sizeof(int));
    size_t k = 0;
    if (numbers_len > 0) out[k++] = numbers[0];
    for (size_t i = 1; i < numbers_len; i++) {
        out[k++] = delimeter;
        out[k++] = numbers[i];
    }
    *out_len = k;
    return out;
}
//@ wrong
    (void)numbers; (void)numbers_len; (void)delimeter;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = intersperse(NULL, 0, 7, &n);
    assert(same_ints(r, n, NULL, 0));
    r = intersperse(INTS(5, 6, 3, 2), 8, &n);
    assert(same_ints(r, n, INTS(5, 8, 6, 8, 3, 8, 2)));
    r = intersperse(INTS(2, 2, 2), 2, &n);
    assert(same_ints(r, n, INTS(2, 2, 2, 2, 2)));
    return 0;
}
