//@ signature
bool monotonic(const float *l, size_t l_len)
//@ canonical
    bool incr = false, decr = false;
    for (size_t i = 1; i < l_len; i++) {
        if (l[i] > l[i - 1]) incr = true;
        if (l[i] < l[i - 1]) decr = true;
    }
    return !(incr && decr);
}
//@ wrong
    (void)l; (void)l_len;
    return false;
}
//@ test
int main(void) {
    assert(monotonic(FLOATS(1, 2, 4, 10)) == true);
    assert(monotonic(FLOATS(1, 2, 4, 20)) == true);
    assert(monotonic(FLOATS(1, 20, 4, 10)) == false);
    assert(monotonic(FLOATS(4, 1, 0, -10)) == true);
    assert(monotonic(FLOATS(4, 1, 1, 0)) == true);
    assert(monotonic(FLOATS(1, 2, 3, 2, 5, 60)) == false);
    assert(monotonic(FLOATS(1, 2, 3, 4, 5, 60)) == true);
    assert(monotonic(FLOATS(9, 9, 9, 9)) == true);
    return 0;
}
