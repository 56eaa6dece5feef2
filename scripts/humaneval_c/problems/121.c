//@ signature
int solutions(const int *lst, size_t lst_len)
//@ canonical
    int sum = 0;
    for (size_t i = 0; i < lst_len; i += 2)
        if (lst[i] % 2 == 1) sum += lst[i];
    return sum;
}
//@ wrong
    (void)lst; (void)lst_len;
    return 0;
}
//@ test
int main(void) {
    assert(solutions(INTS(5, 8, 7, 1)) == 12);
    assert(solutions(INTS(3, 3, 3, 3, 3)) == 9);
    assert(solutions(INTS(30, 13, 24, 321)) == 0);
    assert(solutions(INTS(5, 9)) == 5);
    assert(solutions(INTS(2, 4, 8)) == 0);
    assert(solutions(INTS(30, 13, 23, 32)) == 23);
    assert(solutions(INTS(3, 13, 2, 9)) == 3);
    return 0;
}
