//@ signature
int *even_odd_palindrome(int n, size_t *out_len)
//@ canonical
    int num_odd = 0, num_even = 0;
    for (int i = 1; i <= n; i++) {
        int rev = 0;
        for (int q = i; q > 0; q /= 10) rev = rev * 10 + q % 10;
        if (rev == i) {
            if (i % 2 == 1) num_odd += 1;
            else num_even += 1;
        }
    }
    int *out = malloc(2 * sizeof(int));
    out[0] = num_even;
    out[1] = num_odd;
    *out_len = 2;
    return out;
}
//@ wrong
    (void)n;
    *out_len = 0;
    return NULL;
}
//@ notes
The (even, odd) pair comes back as an array of two, as in the C++ version.
//@ test
int main(void) {
    size_t n;
    int *r;
    r = even_odd_palindrome(123, &n);
    assert(same_ints(r, n, INTS(8, 13)));
    r = even_odd_palindrome(12, &n);
    assert(same_ints(r, n, INTS(4, 6)));
    r = even_odd_palindrome(3, &n);
    assert(same_ints(r, n, INTS(1, 2)));
    r = even_odd_palindrome(63, &n);
    assert(same_ints(r, n, INTS(6, 8)));
    r = even_odd_palindrome(25, &n);
    assert(same_ints(r, n, INTS(5, 6)));
    r = even_odd_palindrome(19, &n);
    assert(same_ints(r, n, INTS(4, 6)));
    r = even_odd_palindrome(9, &n);
    assert(same_ints(r, n, INTS(4, 5)));
    r = even_odd_palindrome(1, &n);
    assert(same_ints(r, n, INTS(0, 1)));
    return 0;
}
