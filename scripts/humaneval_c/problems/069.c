//@ signature
int search(const int *lst, size_t lst_len)
//@ canonical
    int max = -1;
    for (size_t i = 0; i < lst_len; i++) {
        int count = 0;
        for (size_t j = 0; j < lst_len; j++)
            if (lst[j] == lst[i]) count++;
        if (count >= lst[i] && lst[i] > max) max = lst[i];
    }
    return max;
}
//@ wrong
    (void)lst; (void)lst_len;
    return 0;
}
//@ test
int main(void) {
    assert(search(INTS(5, 5, 5, 5, 1)) == 1);
    assert(search(INTS(4, 1, 4, 1, 4, 4)) == 4);
    assert(search(INTS(3, 3)) == -1);
    assert(search(INTS(8, 8, 8, 8, 8, 8, 8, 8)) == 8);
    assert(search(INTS(2, 3, 3, 2, 2)) == 2);
    assert(search(INTS(2, 7, 8, 8, 4, 8, 7, 3, 9, 6, 5, 10, 4, 3, 6, 7, 1, 7, 4, 10, 8, 1)) == 1);
    assert(search(INTS(3, 2, 8, 2)) == 2);
    assert(search(INTS(6, 7, 1, 8, 8, 10, 5, 8, 5, 3, 10)) == 1);
    assert(search(INTS(8, 8, 3, 6, 5, 6, 4)) == -1);
    assert(search(INTS(6, 9, 6, 7, 1, 4, 7, 1, 8, 8, 9, 8, 10, 10, 8, 4, 10, 4, 10, 1, 2, 9, 5, 7, 9)) == 1);
    assert(search(INTS(1, 9, 10, 1, 3)) == 1);
    assert(search(INTS(6, 9, 7, 5, 8, 7, 5, 3, 7, 5, 10, 10, 3, 6, 10, 2, 8, 6, 5, 4, 9, 5, 3, 10)) == 5);
    assert(search(INTS(1)) == 1);
    assert(search(INTS(8, 8, 10, 6, 4, 3, 5, 8, 2, 4, 2, 8, 4, 6, 10, 4, 2, 1, 10, 2, 1, 1, 5)) == 4);
    assert(search(INTS(2, 10, 4, 8, 2, 10, 5, 1, 2, 9, 5, 5, 6, 3, 8, 6, 4, 10)) == 2);
    assert(search(INTS(1, 6, 10, 1, 6, 9, 10, 8, 6, 8, 7, 3)) == 1);
    assert(search(INTS(9, 2, 4, 1, 5, 1, 5, 2, 5, 7, 7, 7, 3, 10, 1, 5, 4, 2, 8, 4, 1, 9, 10, 7, 10, 2, 8, 10, 9, 4)) == 4);
    assert(search(INTS(2, 6, 4, 2, 8, 7, 5, 6, 4, 10, 4, 6, 3, 7, 8, 8, 3, 1, 4, 2, 2, 10, 7)) == 4);
    assert(search(INTS(9, 8, 6, 10, 2, 6, 10, 2, 7, 8, 10, 3, 8, 2, 6, 2, 3, 1)) == 2);
    assert(search(INTS(5, 5, 3, 9, 5, 6, 3, 2, 8, 5, 6, 10, 10, 6, 8, 4, 10, 7, 7, 10, 8)) == -1);
    assert(search(INTS(10)) == -1);
    assert(search(INTS(9, 7, 7, 2, 4, 7, 2, 10, 9, 7, 5, 7, 2)) == 2);
    assert(search(INTS(5, 4, 10, 2, 1, 1, 10, 3, 6, 1, 8)) == 1);
    assert(search(INTS(7, 9, 9, 9, 3, 4, 1, 5, 9, 1, 2, 1, 1, 10, 7, 5, 6, 7, 6, 7, 7, 6)) == 1);
    assert(search(INTS(3, 10, 10, 9, 2)) == -1);
    return 0;
}
