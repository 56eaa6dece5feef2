//@ signature
int *even_odd_count(int num, size_t *out_len)
//@ canonical
    int n1 = 0, n2 = 0, w = abs(num);
    do {
        if (w % 10 % 2 == 1) n1 += 1;
        else n2 += 1;
        w /= 10;
    } while (w > 0);
    int *out = malloc(2 * sizeof(int));
    out[0] = n2;
    out[1] = n1;
    *out_len = 2;
    return out;
}
//@ wrong
    (void)num;
    *out_len = 0;
    return NULL;
}
//@ notes
The (even, odd) pair comes back as an array of two, as in the C++ version.
//@ test
int main(void) {
    size_t n;
    int *r;
    r = even_odd_count(7, &n);
    assert(same_ints(r, n, INTS(0, 1)));
    r = even_odd_count(-78, &n);
    assert(same_ints(r, n, INTS(1, 1)));
    r = even_odd_count(3452, &n);
    assert(same_ints(r, n, INTS(2, 2)));
    r = even_odd_count(346211, &n);
    assert(same_ints(r, n, INTS(3, 3)));
    r = even_odd_count(-345821, &n);
    assert(same_ints(r, n, INTS(3, 3)));
    r = even_odd_count(-2, &n);
    assert(same_ints(r, n, INTS(1, 0)));
    r = even_odd_count(-45347, &n);
    assert(same_ints(r, n, INTS(2, 3)));
    r = even_odd_count(0, &n);
    assert(same_ints(r, n, INTS(1, 0)));
    return 0;
}
