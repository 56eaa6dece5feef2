//@ signature
int *eat(int number, int need, int remaining, size_t *out_len)
//@ canonical
    int *out = malloc(2 * sizeof(int));
    if (need > remaining) {
        out[0] = number + remaining;
        out[1] = 0;
    } else {
        out[0] = number + need;
        out[1] = remaining - need;
    }
    *out_len = 2;
    return out;
}
//@ wrong
    (void)number; (void)need; (void)remaining;
    *out_len = 0;
    return NULL;
}
//@ notes
The (eaten, left) pair comes back as an array of two, as in the C++ version.
//@ test
int main(void) {
    size_t n;
    int *r;
    r = eat(5, 6, 10, &n);
    assert(same_ints(r, n, INTS(11, 4)));
    r = eat(4, 8, 9, &n);
    assert(same_ints(r, n, INTS(12, 1)));
    r = eat(1, 10, 10, &n);
    assert(same_ints(r, n, INTS(11, 0)));
    r = eat(2, 11, 5, &n);
    assert(same_ints(r, n, INTS(7, 0)));
    r = eat(4, 5, 7, &n);
    assert(same_ints(r, n, INTS(9, 2)));
    r = eat(4, 5, 1, &n);
    assert(same_ints(r, n, INTS(5, 0)));
    return 0;
}
