//@ signature
bool pairs_sum_to_zero(const int *l, size_t l_len)
//@ canonical
    for (size_t i = 0; i < l_len; i++)
        for (size_t j = i + 1; j < l_len; j++)
            if (l[i] + l[j] == 0) return true;
    return false;
}
//@ wrong
    (void)l; (void)l_len;
    return false;
}
//@ test
int main(void) {
    assert(pairs_sum_to_zero(INTS(1, 3, 5, 0)) == false);
    assert(pairs_sum_to_zero(INTS(1, 3, -2, 1)) == false);
    assert(pairs_sum_to_zero(INTS(1, 2, 3, 7)) == false);
    assert(pairs_sum_to_zero(INTS(2, 4, -5, 3, 5, 7)) == true);
    assert(pairs_sum_to_zero(INTS(1)) == false);
    assert(pairs_sum_to_zero(INTS(-3, 9, -1, 3, 2, 30)) == true);
    assert(pairs_sum_to_zero(INTS(-3, 9, -1, 3, 2, 31)) == true);
    assert(pairs_sum_to_zero(INTS(-3, 9, -1, 4, 2, 30)) == false);
    assert(pairs_sum_to_zero(INTS(-3, 9, -1, 4, 2, 31)) == false);
    return 0;
}
