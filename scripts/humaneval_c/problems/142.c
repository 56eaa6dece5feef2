//@ signature
int sum_squares(const int *lst, size_t lst_len)
//@ canonical
    int sum = 0;
    for (size_t i = 0; i < lst_len; i++) {
        if (i % 3 == 0) sum += lst[i] * lst[i];
        else if (i % 4 == 0) sum += lst[i] * lst[i] * lst[i];
        else sum += lst[i];
    }
    return sum;
}
//@ wrong
    (void)lst; (void)lst_len;
    return 0;
}
//@ test
int main(void) {
    assert(sum_squares(INTS(1, 2, 3)) == 6);
    assert(sum_squares(INTS(1, 4, 9)) == 14);
    assert(sum_squares(NULL, 0) == 0);
    assert(sum_squares(INTS(1, 1, 1, 1, 1, 1, 1, 1, 1)) == 9);
    assert(sum_squares(INTS(-1, -1, -1, -1, -1, -1, -1, -1, -1)) == -3);
    assert(sum_squares(INTS(0)) == 0);
    assert(sum_squares(INTS(-1, -5, 2, -1, -5)) == -126);
    assert(sum_squares(INTS(-56, -99, 1, 0, -2)) == 3030);
    assert(sum_squares(INTS(-1, 0, 0, 0, 0, 0, 0, 0, -1)) == 0);
    assert(sum_squares(INTS(-16, -9, -2, 36, 36, 26, -20, 25, -40, 20, -4, 12, -26, 35, 37)) == -14196);
    assert(sum_squares(INTS(-1, -3, 17, -1, -15, 13, -1, 14, -14, -12, -5, 14, -14, 6, 13, 11, 16, 16, 4, 10)) == -1448);
    return 0;
}
