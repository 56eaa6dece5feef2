//@ signature
int fib(int n)
//@ canonical
    int a = 0, b = 1;
    for (int i = 0; i < n; i++) {
        int t = a + b;
        a = b;
        b = t;
    }
    return a;
}
//@ wrong
    (void)n;
    return 0;
}
//@ test
int main(void) {
    assert(fib(10) == 55);
    assert(fib(1) == 1);
    assert(fib(8) == 21);
    assert(fib(11) == 89);
    assert(fib(12) == 144);
    return 0;
}
