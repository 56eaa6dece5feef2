//@ signature
bool is_simple_power(int x, int n)
//@ canonical
    long long p = 1;
    int count = 0;
    while (p <= x && count < 100) {
        if (p == x) return true;
        p = p * n;
        count += 1;
    }
    return false;
}
//@ wrong
    (void)x; (void)n;
    return false;
}
//@ test
int main(void) {
    assert(is_simple_power(1, 4) == true);
    assert(is_simple_power(2, 2) == true);
    assert(is_simple_power(8, 2) == true);
    assert(is_simple_power(3, 2) == false);
    assert(is_simple_power(3, 1) == false);
    assert(is_simple_power(5, 3) == false);
    assert(is_simple_power(16, 2) == true);
    assert(is_simple_power(143214, 16) == false);
    assert(is_simple_power(4, 2) == true);
    assert(is_simple_power(9, 3) == true);
    assert(is_simple_power(16, 4) == true);
    assert(is_simple_power(24, 2) == false);
    assert(is_simple_power(128, 4) == false);
    assert(is_simple_power(12, 6) == false);
    assert(is_simple_power(1, 1) == true);
    assert(is_simple_power(1, 12) == true);
    return 0;
}
