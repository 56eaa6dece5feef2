//@ signature
bool will_it_fly(const int *q, size_t q_len, int w)
//@ canonical
    int sum = 0;
    for (size_t i = 0; i < q_len; i++) {
        if (q[i] != q[q_len - 1 - i]) return false;
        sum += q[i];
    }
    return sum <= w;
}
//@ wrong
    (void)q; (void)q_len; (void)w;
    return false;
}
//@ test
int main(void) {
    assert(will_it_fly(INTS(3, 2, 3), 9) == true);
    assert(will_it_fly(INTS(1, 2), 5) == false);
    assert(will_it_fly(INTS(3), 5) == true);
    assert(will_it_fly(INTS(3, 2, 3), 1) == false);
    assert(will_it_fly(INTS(1, 2, 3), 6) == false);
    assert(will_it_fly(INTS(5), 5) == true);
    return 0;
}
