//@ signature
bool move_one_ball(const int *arr, size_t arr_len)
//@ canonical
    int num = 0;
    if (arr_len == 0) return true;
    for (size_t i = 1; i < arr_len; i++)
        if (arr[i] < arr[i - 1]) num += 1;
    if (arr[arr_len - 1] > arr[0]) num += 1;
    return num < 2;
}
//@ wrong
    (void)arr; (void)arr_len;
    return false;
}
//@ test
int main(void) {
    assert(move_one_ball(INTS(3, 4, 5, 1, 2)) == true);
    assert(move_one_ball(INTS(3, 5, 10, 1, 2)) == true);
    assert(move_one_ball(INTS(4, 3, 1, 2)) == false);
    assert(move_one_ball(INTS(3, 5, 4, 1, 2)) == false);
    assert(move_one_ball(NULL, 0) == true);
    return 0;
}
