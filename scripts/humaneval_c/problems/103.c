//@ signature
char *rounded_avg(int n, int m)
//@ canonical
    char *out = malloc(40);
    if (n > m) {
        strcpy(out, "-1");
        return out;
    }
    int num = (m + n) / 2;
    char bits[40];
    size_t k = 0;
    while (num > 0) {
        bits[k++] = (char)('0' + num % 2);
        num = num / 2;
    }
    for (size_t i = 0; i < k; i++) out[i] = bits[k - 1 - i];
    out[k] = '\0';
    return out;
}
//@ wrong
    (void)n; (void)m;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(rounded_avg(1, 5), "11"));
    assert(same_str(rounded_avg(7, 13), "1010"));
    assert(same_str(rounded_avg(964, 977), "1111001010"));
    assert(same_str(rounded_avg(996, 997), "1111100100"));
    assert(same_str(rounded_avg(560, 851), "1011000001"));
    assert(same_str(rounded_avg(185, 546), "101101101"));
    assert(same_str(rounded_avg(362, 496), "110101101"));
    assert(same_str(rounded_avg(350, 902), "1001110010"));
    assert(same_str(rounded_avg(197, 233), "11010111"));
    assert(same_str(rounded_avg(7, 5), "-1"));
    assert(same_str(rounded_avg(5, 1), "-1"));
    assert(same_str(rounded_avg(5, 5), "101"));
    return 0;
}
