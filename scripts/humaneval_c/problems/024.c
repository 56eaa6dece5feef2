//@ signature
int largest_divisor(int n)
//@ canonical
    for (int i = 2; i * i <= n; i++)
        if (n % i == 0) return n / i;
    return 1;
}
//@ wrong
    (void)n;
    return 0;
}
//@ test
int main(void) {
    assert(largest_divisor(3) == 1);
    assert(largest_divisor(7) == 1);
    assert(largest_divisor(10) == 5);
    assert(largest_divisor(100) == 50);
    assert(largest_divisor(49) == 7);
    return 0;
}
