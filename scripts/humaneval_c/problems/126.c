//@ signature
bool is_sorted(const int *lst, size_t lst_len)
//@ canonical
    for (size_t i = 1; i < lst_len; i++) {
        if (lst[i] < lst[i - 1]) return false;
        if (i >= 2 && lst[i] == lst[i - 1] && lst[i] == lst[i - 2]) return false;
    }
    return true;
}
//@ wrong
    (void)lst; (void)lst_len;
    return false;
}
//@ test
int main(void) {
    assert(is_sorted(INTS(5)) == true);
    assert(is_sorted(INTS(1, 2, 3, 4, 5)) == true);
    assert(is_sorted(INTS(1, 3, 2, 4, 5)) == false);
    assert(is_sorted(INTS(1, 2, 3, 4, 5, 6)) == true);
    assert(is_sorted(INTS(1, 2, 3, 4, 5, 6, 7)) == true);
    assert(is_sorted(INTS(1, 3, 2, 4, 5, 6, 7)) == false);
    assert(is_sorted(NULL, 0) == true);
    assert(is_sorted(INTS(1)) == true);
    assert(is_sorted(INTS(3, 2, 1)) == false);
    assert(is_sorted(INTS(1, 2, 2, 2, 3, 4)) == false);
    assert(is_sorted(INTS(1, 2, 3, 3, 3, 4)) == false);
    assert(is_sorted(INTS(1, 2, 2, 3, 3, 4)) == true);
    assert(is_sorted(INTS(1, 2, 3, 4)) == true);
    return 0;
}
