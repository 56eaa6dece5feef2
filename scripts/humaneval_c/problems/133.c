//@ signature
int sum_squares(const float *lst, size_t lst_len)
//@ canonical
    int sum = 0;
    for (size_t i = 0; i < lst_len; i++) {
        int c = (int)ceilf(lst[i]);
        sum += c * c;
    }
    return sum;
}
//@ wrong
    (void)lst; (void)lst_len;
    return 0;
}
//@ test
int main(void) {
    assert(sum_squares(FLOATS(1, 2, 3)) == 14);
    assert(sum_squares(FLOATS(1.0, 2, 3)) == 14);
    assert(sum_squares(FLOATS(1, 3, 5, 7)) == 84);
    assert(sum_squares(FLOATS(1.4, 4.2, 0)) == 29);
    assert(sum_squares(FLOATS(-2.4, 1, 1)) == 6);
    assert(sum_squares(FLOATS(100, 1, 15, 2)) == 10230);
    assert(sum_squares(FLOATS(10000, 10000)) == 200000000);
    assert(sum_squares(FLOATS(-1.4, 4.6, 6.3)) == 75);
    assert(sum_squares(FLOATS(-1.4, 17.9, 18.9, 19.9)) == 1086);
    assert(sum_squares(FLOATS(0)) == 0);
    assert(sum_squares(FLOATS(-1)) == 1);
    assert(sum_squares(FLOATS(-1, 1, 0)) == 2);
    return 0;
}
