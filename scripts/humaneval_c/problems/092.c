//@ signature
bool any_int(float a, float b, float c)
//@ canonical
    if (roundf(a) != a || roundf(b) != b || roundf(c) != c) return false;
    return a + b == c || a + c == b || b + c == a;
}
//@ wrong
    (void)a; (void)b; (void)c;
    return false;
}
//@ test
int main(void) {
    assert(any_int(2, 3, 1) == true);
    assert(any_int(2.5, 2, 3) == false);
    assert(any_int(1.5, 5, 3.5) == false);
    assert(any_int(2, 6, 2) == false);
    assert(any_int(4, 2, 2) == true);
    assert(any_int(2.2, 2.2, 2.2) == false);
    assert(any_int(-4, 6, 2) == true);
    assert(any_int(2, 1, 1) == true);
    assert(any_int(3, 4, 7) == true);
    assert(any_int(3.01, 4, 7) == false);
    return 0;
}
