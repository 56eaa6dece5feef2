//@ signature
long long double_the_difference(const float *lst, size_t lst_len)
//@ canonical
    long long sum = 0;
    for (size_t i = 0; i < lst_len; i++) {
        float r = roundf(lst[i]);
        if (fabsf(lst[i] - r) < 1e-4 && lst[i] > 0 && (long long)r % 2 == 1)
            sum += (long long)r * (long long)r;
    }
    return sum;
}
//@ wrong
    (void)lst; (void)lst_len;
    return 0;
}
//@ test
int main(void) {
    assert(double_the_difference(NULL, 0) == 0);
    assert(double_the_difference(FLOATS(5, 4)) == 25);
    assert(double_the_difference(FLOATS(0.1, 0.2, 0.3)) == 0);
    assert(double_the_difference(FLOATS(-10, -20, -30)) == 0);
    assert(double_the_difference(FLOATS(-1, -2, 8)) == 0);
    assert(double_the_difference(FLOATS(0.2, 3, 5)) == 34);
    long long odd_sum = 0;
    float lst[100];
    size_t lst_len = 0;
    for (int i = -99; i < 100; i += 2) {
        lst[lst_len++] = (float)i;
        if (i > 0 && i % 2 == 1) odd_sum += i * i;
    }
    assert(double_the_difference(lst, lst_len) == odd_sum);
    return 0;
}
