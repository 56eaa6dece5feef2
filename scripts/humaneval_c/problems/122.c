//@ signature
int add_elements(const int *arr, size_t arr_len, int k)
//@ canonical
    int sum = 0;
    for (size_t i = 0; i < (size_t)k && i < arr_len; i++)
        if (arr[i] >= -99 && arr[i] <= 99) sum += arr[i];
    return sum;
}
//@ wrong
    (void)arr; (void)arr_len; (void)k;
    return 0;
}
//@ test
int main(void) {
    assert(add_elements(INTS(1, -2, -3, 41, 57, 76, 87, 88, 99), 3) == -4);
    assert(add_elements(INTS(111, 121, 3, 4000, 5, 6), 2) == 0);
    assert(add_elements(INTS(11, 21, 3, 90, 5, 6, 7, 8, 9), 4) == 125);
    assert(add_elements(INTS(111, 21, 3, 4000, 5, 6, 7, 8, 9), 4) == 24);
    assert(add_elements(INTS(1), 1) == 1);
    return 0;
}
