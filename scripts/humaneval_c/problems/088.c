//@ signature
int *sort_array(const int *array, size_t array_len, size_t *out_len)
//@ canonical
    int *out = malloc((array_len + 1) * sizeof(int));
    *out_len = array_len;
    if (array_len == 0) return out;
    bool descending = (array[0] + array[array_len - 1]) % 2 == 0;
    memcpy(out, array, array_len * sizeof(int));
    for (size_t i = 1; i < array_len; i++)
        for (size_t j = i; j > 0 && (descending ? out[j - 1] < out[j] : out[j - 1] > out[j]); j--) {
            int t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return out;
}
//@ wrong
    (void)array; (void)array_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = sort_array(NULL, 0, &n);
    assert(same_ints(r, n, NULL, 0));
    r = sort_array(INTS(5), &n);
    assert(same_ints(r, n, INTS(5)));
    r = sort_array(INTS(2, 4, 3, 0, 1, 5), &n);
    assert(same_ints(r, n, INTS(0, 1, 2, 3, 4, 5)));
    r = sort_array(INTS(2, 4, 3, 0, 1, 5, 6), &n);
    assert(same_ints(r, n, INTS(6, 5, 4, 3, 2, 1, 0)));
    r = sort_array(INTS(2, 1), &n);
    assert(same_ints(r, n, INTS(1, 2)));
    r = sort_array(INTS(15, 42, 87, 32, 11, 0), &n);
    assert(same_ints(r, n, INTS(0, 11, 15, 32, 42, 87)));
    r = sort_array(INTS(21, 14, 23, 11), &n);
    assert(same_ints(r, n, INTS(23, 21, 14, 11)));
    return 0;
}
