//@ signature
int smallest_change(const int *arr, size_t arr_len)
//@ canonical
    int out = 0;
    for (size_t i = 0; i < arr_len / 2; i++)
        if (arr[i] != arr[arr_len - 1 - i]) out += 1;
    return out;
}
//@ wrong
    (void)arr; (void)arr_len;
    return 0;
}
//@ test
int main(void) {
    assert(smallest_change(INTS(1, 2, 3, 5, 4, 7, 9, 6)) == 4);
    assert(smallest_change(INTS(1, 2, 3, 4, 3, 2, 2)) == 1);
    assert(smallest_change(INTS(1, 4, 2)) == 1);
    assert(smallest_change(INTS(1, 4, 4, 2)) == 1);
    assert(smallest_change(INTS(1, 2, 3, 2, 1)) == 0);
    assert(smallest_change(INTS(3, 1, 1, 3)) == 0);
    assert(smallest_change(INTS(1)) == 0);
    assert(smallest_change(INTS(0, 1)) == 1);
    return 0;
}
