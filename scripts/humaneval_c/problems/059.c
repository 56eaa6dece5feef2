//@ signature
int largest_prime_factor(int n)
//@ canonical
    for (int i = 2; i * i <= n; i++)
        while (n % i == 0 && n > i) n = n / i;
    return n;
}
//@ wrong
    (void)n;
    return 0;
}
//@ test
int main(void) {
    assert(largest_prime_factor(15) == 5);
    assert(largest_prime_factor(27) == 3);
    assert(largest_prime_factor(63) == 7);
    assert(largest_prime_factor(330) == 11);
    assert(largest_prime_factor(13195) == 29);
    return 0;
}
