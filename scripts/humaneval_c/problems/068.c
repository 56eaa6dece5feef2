//@ signature
int *pluck(const int *arr, size_t arr_len, size_t *out_len)
//@ canonical
    int *out = malloc(2 * sizeof(int));
    size_t k = 0;
    for (size_t i = 0; i < arr_len; i++)
        if (arr[i] % 2 == 0 && (k == 0 || arr[i] < out[0])) {
            out[0] = arr[i];
            out[1] = (int)i;
            k = 2;
        }
    *out_len = k;
    return out;
}
//@ wrong
    (void)arr; (void)arr_len;
    *out_len = 0;
    return NULL;
}
//@ notes
Returns [value, index] as an array of two, or an empty array, as the C++ version does.
//@ test
int main(void) {
    size_t n;
    int *r;
    r = pluck(INTS(4, 2, 3), &n);
    assert(same_ints(r, n, INTS(2, 1)));
    r = pluck(INTS(1, 2, 3), &n);
    assert(same_ints(r, n, INTS(2, 1)));
    r = pluck(NULL, 0, &n);
    assert(same_ints(r, n, NULL, 0));
    r = pluck(INTS(5, 0, 3, 0, 4, 2), &n);
    assert(same_ints(r, n, INTS(0, 1)));
    r = pluck(INTS(1, 2, 3, 0, 5, 3), &n);
    assert(same_ints(r, n, INTS(0, 3)));
    r = pluck(INTS(5, 4, 8, 4, 8), &n);
    assert(same_ints(r, n, INTS(4, 1)));
    r = pluck(INTS(7, 6, 7, 1), &n);
    assert(same_ints(r, n, INTS(6, 1)));
    r = pluck(INTS(7, 9, 7, 1), &n);
    assert(same_ints(r, n, NULL, 0));
    return 0;
}
