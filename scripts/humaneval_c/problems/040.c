//@ signature
bool triples_sum_to_zero(const int *l, size_t l_len)
//@ canonical
    for (size_t i = 0; i < l_len; i++)
        for (size_t j = i + 1; j < l_len; j++)
            for (size_t k = j + 1; k < l_len; k++)
                if (l[i] + l[j] + l[k] == 0) return true;
    return false;
}
//@ wrong
    (void)l; (void)l_len;
    return false;
}
//@ test
int main(void) {
    assert(triples_sum_to_zero(INTS(1, 3, 5, 0)) == false);
    assert(triples_sum_to_zero(INTS(1, 3, 5, -1)) == false);
    assert(triples_sum_to_zero(INTS(1, 3, -2, 1)) == true);
    assert(triples_sum_to_zero(INTS(1, 2, 3, 7)) == false);
    assert(triples_sum_to_zero(INTS(1, 2, 5, 7)) == false);
    assert(triples_sum_to_zero(INTS(2, 4, -5, 3, 9, 7)) == true);
    assert(triples_sum_to_zero(INTS(1)) == false);
    assert(triples_sum_to_zero(INTS(1, 3, 5, -100)) == false);
    assert(triples_sum_to_zero(INTS(100, 3, 5, -100)) == false);
    return 0;
}
