//@ signature
char *intersection(const int *interval1, size_t interval1_len, const int *interval2, size_t interval2_len)
//@ canonical
    (void)interval1_len; (void)interval2_len;
    int inter1 = interval1[0] > interval2[0] ? interval1[0] : interval2[0];
    int inter2 = interval1[1] < interval2[1] ? interval1[1] : interval2[1];
    int l = inter2 - inter1;
    bool prime = l >= 2;
    for (int i = 2; i * i <= l; i++)
        if (l % i == 0) prime = false;
    char *out = malloc(4);
    strcpy(out, prime ? "YES" : "NO");
    return out;
}
//@ wrong
    (void)interval1; (void)interval1_len; (void)interval2; (void)interval2_len;
    return calloc(1, 1);
}
//@ notes
Each interval is an array of two ints, as in the C++ version.
//@ test
int main(void) {
    assert(same_str(intersection(INTS(1, 2), INTS(2, 3)), "NO"));
    assert(same_str(intersection(INTS(-1, 1), INTS(0, 4)), "NO"));
    assert(same_str(intersection(INTS(-3, -1), INTS(-5, 5)), "YES"));
    assert(same_str(intersection(INTS(-2, 2), INTS(-4, 0)), "YES"));
    assert(same_str(intersection(INTS(-11, 2), INTS(-1, -1)), "NO"));
    assert(same_str(intersection(INTS(1, 2), INTS(3, 5)), "NO"));
    assert(same_str(intersection(INTS(1, 2), INTS(1, 2)), "NO"));
    assert(same_str(intersection(INTS(-2, -2), INTS(-3, -2)), "NO"));
    return 0;
}
