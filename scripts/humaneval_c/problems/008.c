//@ signature
int *sum_product(const int *numbers, size_t numbers_len, size_t *out_len)
//@ canonical
    int sum = 0, product = 1;
    for (size_t i = 0; i < numbers_len; i++) {
        sum += numbers[i];
        product *= numbers[i];
    }
    int *out = malloc(2 * sizeof(int));
    out[0] = sum;
    out[1] = product;
    *out_len = 2;
    return out;
}
//@ wrong
    (void)numbers; (void)numbers_len;
    *out_len = 0;
    return NULL;
}
//@ notes
The C++ version returns the (sum, product) pair as a vector of two; so does this one (an array of two).
//@ test
int main(void) {
    size_t n;
    int *r;
    r = sum_product(NULL, 0, &n);
    assert(same_ints(r, n, INTS(0, 1)));
    r = sum_product(INTS(1, 1, 1), &n);
    assert(same_ints(r, n, INTS(3, 1)));
    r = sum_product(INTS(100, 0), &n);
    assert(same_ints(r, n, INTS(100, 0)));
    r = sum_product(INTS(3, 5, 7), &n);
    assert(same_ints(r, n, INTS(3 + 5 + 7, 3 * 5 * 7)));
    r = sum_product(INTS(10), &n);
    assert(same_ints(r, n, INTS(10, 10)));
    return 0;
}
