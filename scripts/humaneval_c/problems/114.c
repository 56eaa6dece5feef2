//@ signature
long long minSubArraySum(const long long *nums, size_t nums_len)
//@ canonical
    long long current = nums[0], min = nums[0];
    for (size_t i = 1; i < nums_len; i++) {
        if (current < 0) current = current + nums[i];
        else current = nums[i];
        if (current < min) min = current;
    }
    return min;
}
//@ wrong
    (void)nums; (void)nums_len;
    return 0;
}
//@ test
int main(void) {
    assert(minSubArraySum(LONGS(2, 3, 4, 1, 2, 4)) == 1);
    assert(minSubArraySum(LONGS(-1, -2, -3)) == -6);
    assert(minSubArraySum(LONGS(-1, -2, -3, 2, -10)) == -14);
    assert(minSubArraySum(LONGS(-9999999999999999LL)) == -9999999999999999LL);
    assert(minSubArraySum(LONGS(0, 10, 20, 1000000)) == 0);
    assert(minSubArraySum(LONGS(-1, -2, -3, 10, -5)) == -6);
    assert(minSubArraySum(LONGS(100, -1, -2, -3, 10, -5)) == -6);
    assert(minSubArraySum(LONGS(10, 11, 13, 8, 3, 4)) == 3);
    assert(minSubArraySum(LONGS(100, -33, 32, -1, 0, -2)) == -33);
    assert(minSubArraySum(LONGS(-10)) == -10);
    assert(minSubArraySum(LONGS(7)) == 7);
    assert(minSubArraySum(LONGS(1, -1)) == -1);
    return 0;
}
