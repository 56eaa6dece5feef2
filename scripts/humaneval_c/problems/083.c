//@ signature
int starts_one_ends(int n)
//@ canonical
    if (n < 1) return 0;
    if (n == 1) return 1;
    int out = 18;
    for (int i = 2; i < n; i++)
        out = out * 10;
    return out;
}
//@ wrong
    (void)n;
    return 0;
}
//@ test
int main(void) {
    assert(starts_one_ends(1) == 1);
    assert(starts_one_ends(2) == 18);
    assert(starts_one_ends(3) == 180);
    assert(starts_one_ends(4) == 1800);
    assert(starts_one_ends(5) == 18000);
    return 0;
}
