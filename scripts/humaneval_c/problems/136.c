//@ signature
int *largest_smallest_integers(const int *lst, size_t lst_len, size_t *out_len)
//@ canonical
    int maxneg = 0, minpos = 0;
    for (size_t i = 0; i < lst_len; i++) {
        if (lst[i] < 0 && (maxneg == 0 || lst[i] > maxneg)) maxneg = lst[i];
        if (lst[i] > 0 && (minpos == 0 || lst[i] < minpos)) minpos = lst[i];
    }
    int *out = malloc(2 * sizeof(int));
    out[0] = maxneg;
    out[1] = minpos;
    *out_len = 2;
    return out;
}
//@ wrong
    (void)lst; (void)lst_len;
    *out_len = 0;
    return NULL;
}
//@ notes
The (a, b) pair comes back as an array of two, 0 standing for "none", as in the C++ version.
//@ test
int main(void) {
    size_t n;
    int *r;
    r = largest_smallest_integers(INTS(2, 4, 1, 3, 5, 7), &n);
    assert(same_ints(r, n, INTS(0, 1)));
    r = largest_smallest_integers(INTS(2, 4, 1, 3, 5, 7, 0), &n);
    assert(same_ints(r, n, INTS(0, 1)));
    r = largest_smallest_integers(INTS(1, 3, 2, 4, 5, 6, -2), &n);
    assert(same_ints(r, n, INTS(-2, 1)));
    r = largest_smallest_integers(INTS(4, 5, 3, 6, 2, 7, -7), &n);
    assert(same_ints(r, n, INTS(-7, 2)));
    r = largest_smallest_integers(INTS(7, 3, 8, 4, 9, 2, 5, -9), &n);
    assert(same_ints(r, n, INTS(-9, 2)));
    r = largest_smallest_integers(NULL, 0, &n);
    assert(same_ints(r, n, INTS(0, 0)));
    r = largest_smallest_integers(INTS(0), &n);
    assert(same_ints(r, n, INTS(0, 0)));
    r = largest_smallest_integers(INTS(-1, -3, -5, -6), &n);
    assert(same_ints(r, n, INTS(-1, 0)));
    r = largest_smallest_integers(INTS(-1, -3, -5, -6, 0), &n);
    assert(same_ints(r, n, INTS(-1, 0)));
    r = largest_smallest_integers(INTS(-6, -4, -4, -3, 1), &n);
    assert(same_ints(r, n, INTS(-3, 1)));
    r = largest_smallest_integers(INTS(-6, -4, -4, -3, -100, 1), &n);
    assert(same_ints(r, n, INTS(-3, 1)));
    return 0;
}
