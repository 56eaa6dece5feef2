//@ signature
int count_nums(const int *n, size_t n_len)
//@ canonical
    int num = 0;
    for (size_t i = 0; i < n_len; i++) {
        if (n[i] > 0) {
            num += 1;
            continue;
        }
        int w = abs(n[i]), sum = 0;
        while (w >= 10) {
            sum += w % 10;
            w = w / 10;
        }
        sum -= w;
        if (sum > 0) num += 1;
    }
    return num;
}
//@ wrong
    (void)n; (void)n_len;
    return 0;
}
//@ test
int main(void) {
    assert(count_nums(NULL, 0) == 0);
    assert(count_nums(INTS(-1, -2, 0)) == 0);
    assert(count_nums(INTS(1, 1, 2, -2, 3, 4, 5)) == 6);
    assert(count_nums(INTS(1, 6, 9, -6, 0, 1, 5)) == 5);
    assert(count_nums(INTS(1, 100, 98, -7, 1, -1)) == 4);
    assert(count_nums(INTS(12, 23, 34, -45, -56, 0)) == 5);
    assert(count_nums(INTS(-0, 1)) == 1);
    assert(count_nums(INTS(1)) == 1);
    return 0;
}
