//@ signature
int fibfib(int n)
//@ canonical
    int ff[100];
    ff[0] = 0;
    ff[1] = 0;
    ff[2] = 1;
    for (int i = 3; i <= n; i++)
        ff[i] = ff[i - 1] + ff[i - 2] + ff[i - 3];
    return ff[n];
}
//@ wrong
    (void)n;
    return 0;
}
//@ test
int main(void) {
    assert(fibfib(2) == 1);
    assert(fibfib(1) == 0);
    assert(fibfib(5) == 4);
    assert(fibfib(8) == 24);
    assert(fibfib(10) == 81);
    assert(fibfib(12) == 274);
    assert(fibfib(14) == 927);
    return 0;
}
