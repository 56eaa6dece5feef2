//@ signature
int prime_fib(int n)
//@ canonical
    int f1 = 1, f2 = 2, count = 0;
    while (count < n) {
        int m = f1 + f2;
        f1 = f2;
        f2 = m;
        bool isprime = true;
        for (int w = 2; w * w <= f1; w++)
            if (f1 % w == 0) {
                isprime = false;
                break;
            }
        if (isprime) count += 1;
        if (count == n) return f1;
    }
    return 0;
}
//@ wrong
    (void)n;
    return 0;
}
//@ test
int main(void) {
    assert(prime_fib(1) == 2);
    assert(prime_fib(2) == 3);
    assert(prime_fib(3) == 5);
    assert(prime_fib(4) == 13);
    assert(prime_fib(5) == 89);
    assert(prime_fib(6) == 233);
    assert(prime_fib(7) == 1597);
    assert(prime_fib(8) == 28657);
    assert(prime_fib(9) == 514229);
    assert(prime_fib(10) == 433494437);
    return 0;
}
