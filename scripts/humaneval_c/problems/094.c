//@ signature
int skjkasdkd(const int *lst, size_t lst_len)
//@ canonical
    int largest = 0;
    for (size_t i = 0; i < lst_len; i++)
        if (lst[i] > largest) {
            bool prime = lst[i] > 1;
            for (int j = 2; j * j <= lst[i]; j++)
                if (lst[i] % j == 0) prime = false;
            if (prime) largest = lst[i];
        }
    int sum = 0;
    for (; largest > 0; largest /= 10) sum += largest % 10;
    return sum;
}
//@ wrong
    (void)lst; (void)lst_len;
    return 0;
}
//@ test
int main(void) {
    assert(skjkasdkd(INTS(0, 3, 2, 1, 3, 5, 7, 4, 5, 5, 5, 2, 181, 32, 4, 32, 3, 2, 32, 324, 4, 3)) == 10);
    assert(skjkasdkd(INTS(1, 0, 1, 8, 2, 4597, 2, 1, 3, 40, 1, 2, 1, 2, 4, 2, 5, 1)) == 25);
    assert(skjkasdkd(INTS(1, 3, 1, 32, 5107, 34, 83278, 109, 163, 23, 2323, 32, 30, 1, 9, 3)) == 13);
    assert(skjkasdkd(INTS(0, 724, 32, 71, 99, 32, 6, 0, 5, 91, 83, 0, 5, 6)) == 11);
    assert(skjkasdkd(INTS(0, 81, 12, 3, 1, 21)) == 3);
    assert(skjkasdkd(INTS(0, 8, 1, 2, 1, 7)) == 7);
    assert(skjkasdkd(INTS(8191)) == 19);
    assert(skjkasdkd(INTS(8191, 123456, 127, 7)) == 19);
    assert(skjkasdkd(INTS(127, 97, 8192)) == 10);
    return 0;
}
