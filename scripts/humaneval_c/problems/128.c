//@ signature
int prod_signs(const int *arr, size_t arr_len)
//@ canonical
    if (arr_len == 0) return -32768;
    int sum = 0, prods = 1;
    for (size_t i = 0; i < arr_len; i++) {
        sum += abs(arr[i]);
        if (arr[i] == 0) prods = 0;
        if (arr[i] < 0) prods = -prods;
    }
    return sum * prods;
}
//@ wrong
    (void)arr; (void)arr_len;
    return 0;
}
//@ test
int main(void) {
    assert(prod_signs(INTS(1, 2, 2, -4)) == -9);
    assert(prod_signs(INTS(0, 1)) == 0);
    assert(prod_signs(INTS(1, 1, 1, 2, 3, -1, 1)) == -10);
    assert(prod_signs(NULL, 0) == -32768);
    assert(prod_signs(INTS(2, 4, 1, 2, -1, -1, 9)) == 20);
    assert(prod_signs(INTS(-1, 1, -1, 1)) == 4);
    assert(prod_signs(INTS(-1, 1, 1, 1)) == -4);
    assert(prod_signs(INTS(-1, 1, 1, 0)) == 0);
    return 0;
}
