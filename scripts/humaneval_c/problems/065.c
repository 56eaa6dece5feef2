//@ signature
char *circular_shift(int x, int shift)
//@ canonical
    char xs[16];
    int n = sprintf(xs, "%d", x);
    char *out = malloc((size_t)n + 1);
    if (n < shift) {
        for (int i = 0; i < n; i++) out[i] = xs[n - 1 - i];
    } else {
        for (int i = 0; i < n; i++) out[i] = xs[(i + n - shift) % n];
    }
    out[n] = '\0';
    return out;
}
//@ wrong
    (void)x; (void)shift;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(circular_shift(100, 2), "001"));
    assert(same_str(circular_shift(12, 2), "12"));
    assert(same_str(circular_shift(97, 8), "79"));
    assert(same_str(circular_shift(12, 1), "21"));
    assert(same_str(circular_shift(11, 101), "11"));
    return 0;
}
