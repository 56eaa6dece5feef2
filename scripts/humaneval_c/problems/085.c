//@ signature
int add(const int *lst, size_t lst_len)
//@ canonical
    int sum = 0;
    for (size_t i = 1; i < lst_len; i += 2)
        if (lst[i] % 2 == 0) sum += lst[i];
    return sum;
}
//@ wrong
    (void)lst; (void)lst_len;
    return 0;
}
//@ test
int main(void) {
    assert(add(INTS(4, 88)) == 88);
    assert(add(INTS(4, 5, 6, 7, 2, 122)) == 122);
    assert(add(INTS(4, 0, 6, 7)) == 0);
    assert(add(INTS(4, 4, 6, 8)) == 12);
    return 0;
}
