//@ signature
int greatest_common_divisor(int a, int b)
//@ canonical
    while (true) {
        if (a < b) {
            int m = a;
            a = b;
            b = m;
        }
        a = a % b;
        if (a == 0) return b;
    }
}
//@ wrong
    (void)a; (void)b;
    return 0;
}
//@ test
int main(void) {
    assert(greatest_common_divisor(3, 7) == 1);
    assert(greatest_common_divisor(10, 15) == 5);
    assert(greatest_common_divisor(49, 14) == 7);
    assert(greatest_common_divisor(144, 60) == 12);
    return 0;
}
