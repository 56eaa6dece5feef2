//@ signature
long long special_factorial(int n)
//@ canonical
    long long fact = 1, bfact = 1;
    for (int i = 1; i <= n; i++) {
        fact = fact * i;
        bfact = bfact * fact;
    }
    return bfact;
}
//@ wrong
    (void)n;
    return 0;
}
//@ test
int main(void) {
    assert(special_factorial(4) == 288);
    assert(special_factorial(5) == 34560);
    assert(special_factorial(7) == 125411328000LL);
    assert(special_factorial(1) == 1);
    return 0;
}
