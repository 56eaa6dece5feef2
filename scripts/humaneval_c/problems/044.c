//@ signature
char *change_base(int x, int base)
//@ canonical
    char digits[40];
    size_t k = 0;
    while (x > 0) {
        digits[k++] = (char)('0' + x % base);
        x = x / base;
    }
    char *out = malloc(k + 1);
    for (size_t i = 0; i < k; i++)
        out[i] = digits[k - 1 - i];
    out[k] = '\0';
    return out;
}
//@ wrong
    (void)x; (void)base;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(change_base(8, 3), "22"));
    assert(same_str(change_base(9, 3), "100"));
    assert(same_str(change_base(234, 2), "11101010"));
    assert(same_str(change_base(16, 2), "10000"));
    assert(same_str(change_base(8, 2), "1000"));
    assert(same_str(change_base(7, 2), "111"));
    for (int x = 2; x < 8; x++) {
        char want[12];
        sprintf(want, "%d", x);
        assert(same_str(change_base(x, x + 1), want));
    }
    return 0;
}
