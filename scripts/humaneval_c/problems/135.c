//@ signature
int can_arrange(const int *arr, size_t arr_len)
//@ canonical
    int max = -1;
    for (size_t i = 0; i < arr_len; i++)
        if (arr[i] <= (int)i) max = (int)i;
    return max;
}
//@ wrong
    (void)arr; (void)arr_len;
    return 0;
}
//@ test
int main(void) {
    assert(can_arrange(INTS(1, 2, 4, 3, 5)) == 3);
    assert(can_arrange(INTS(1, 2, 4, 5)) == -1);
    assert(can_arrange(INTS(1, 4, 2, 5, 6, 7, 8, 9, 10)) == 2);
    assert(can_arrange(INTS(4, 8, 5, 7, 3)) == 4);
    assert(can_arrange(NULL, 0) == -1);
    return 0;
}
