//@ signature
bool below_zero(const int *operations, size_t operations_len)
//@ canonical
    int num = 0;
    for (size_t i = 0; i < operations_len; i++) {
        num += operations[i];
        if (num < 0) return true;
    }
    return false;
}
//@ wrong
    return false;
}
//@ test
int main(void) {
    assert(below_zero(NULL, 0) == false);
    assert(below_zero(INTS(1, 2, -3, 1, 2, -3)) == false);
    assert(below_zero(INTS(1, 2, -4, 5, 6)) == true);
    assert(below_zero(INTS(1, -1, 2, -2, 5, -5, 4, -4)) == false);
    assert(below_zero(INTS(1, -1, 2, -2, 5, -5, 4, -5)) == true);
    assert(below_zero(INTS(1, -2, 2, -2, 5, -5, 4, -4)) == true);
    return 0;
}
