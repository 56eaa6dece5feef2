//@ signature
bool below_threshold(const int *l, size_t l_len, int t)
//@ canonical
    for (size_t i = 0; i < l_len; i++)
        if (l[i] >= t) return false;
    return true;
}
//@ wrong
    (void)l; (void)l_len; (void)t;
    return false;
}
//@ test
int main(void) {
    assert(below_threshold(INTS(1, 2, 4, 10), 100));
    assert(!below_threshold(INTS(1, 20, 4, 10), 5));
    assert(below_threshold(INTS(1, 20, 4, 10), 21));
    assert(below_threshold(INTS(1, 20, 4, 10), 22));
    assert(below_threshold(INTS(1, 8, 4, 10), 11));
    assert(!below_threshold(INTS(1, 8, 4, 10), 10));
    return 0;
}
