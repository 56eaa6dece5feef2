//@ signature
int digits(int n)
//@ canonical
    int prod = 1;
    bool has = false;
    for (; n > 0; n /= 10) {
        int d = n % 10;
        if (d % 2 == 1) {
            has = true;
            prod *= d;
        }
    }
    return has ? prod : 0;
}
//@ wrong
    (void)n;
    return 0;
}
//@ test
int main(void) {
    assert(digits(5) == 5);
    assert(digits(54) == 5);
    assert(digits(120) == 1);
    assert(digits(5014) == 5);
    assert(digits(98765) == 315);
    assert(digits(5576543) == 2625);
    assert(digits(2468) == 0);
    return 0;
}
