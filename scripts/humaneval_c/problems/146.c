//@ signature
int specialFilter(const int *nums, size_t nums_len)
//@ canonical
    int num = 0;
    for (size_t i = 0; i < nums_len; i++)
        if (nums[i] > 10) {
            int last = nums[i] % 10, first = nums[i];
            while (first >= 10) first /= 10;
            if (first % 2 == 1 && last % 2 == 1) num += 1;
        }
    return num;
}
//@ wrong
    (void)nums; (void)nums_len;
    return 0;
}
//@ test
int main(void) {
    assert(specialFilter(INTS(5, -2, 1, -5)) == 0);
    assert(specialFilter(INTS(15, -73, 14, -15)) == 1);
    assert(specialFilter(INTS(33, -2, -3, 45, 21, 109)) == 2);
    assert(specialFilter(INTS(43, -12, 93, 125, 121, 109)) == 4);
    assert(specialFilter(INTS(71, -2, -33, 75, 21, 19)) == 3);
    assert(specialFilter(INTS(1)) == 0);
    assert(specialFilter(NULL, 0) == 0);
    return 0;
}
