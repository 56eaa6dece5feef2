//@ signature
int *sort_array(const int *arr, size_t arr_len, size_t *out_len)
//@ canonical
    int *out = malloc((arr_len + 1) * sizeof(int));
    int *bin = malloc((arr_len + 1) * sizeof(int));
    for (size_t i = 0; i < arr_len; i++) {
        int b = 0;
        for (int n = abs(arr[i]); n > 0; n /= 2) b += n % 2;
        out[i] = arr[i];
        bin[i] = b;
    }
    for (size_t i = 1; i < arr_len; i++)
        for (size_t j = i; j > 0 && (bin[j] < bin[j - 1] || (bin[j] == bin[j - 1] && out[j] < out[j - 1])); j--) {
            int t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
            t = bin[j];
            bin[j] = bin[j - 1];
            bin[j - 1] = t;
        }
    free(bin);
    *out_len = arr_len;
    return out;
}
//@ wrong
    (void)arr; (void)arr_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = sort_array(INTS(1, 5, 2, 3, 4), &n);
    assert(same_ints(r, n, INTS(1, 2, 4, 3, 5)));
    r = sort_array(INTS(-2, -3, -4, -5, -6), &n);
    assert(same_ints(r, n, INTS(-4, -2, -6, -5, -3)));
    r = sort_array(INTS(1, 0, 2, 3, 4), &n);
    assert(same_ints(r, n, INTS(0, 1, 2, 4, 3)));
    r = sort_array(NULL, 0, &n);
    assert(same_ints(r, n, NULL, 0));
    r = sort_array(INTS(2, 5, 77, 4, 5, 3, 5, 7, 2, 3, 4), &n);
    assert(same_ints(r, n, INTS(2, 2, 4, 4, 3, 3, 5, 5, 5, 7, 77)));
    r = sort_array(INTS(3, 6, 44, 12, 32, 5), &n);
    assert(same_ints(r, n, INTS(32, 3, 5, 6, 12, 44)));
    r = sort_array(INTS(2, 4, 8, 16, 32), &n);
    assert(same_ints(r, n, INTS(2, 4, 8, 16, 32)));
    r = sort_array(INTS(2, 4, 8, 16, 32), &n);
    assert(same_ints(r, n, INTS(2, 4, 8, 16, 32)));
    return 0;
}
