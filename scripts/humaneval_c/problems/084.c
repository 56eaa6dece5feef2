//@ signature
char *solve(int N)
//@ canonical
    int sum = 0;
    for (; N > 0; N /= 10) sum += N % 10;
    char bits[40];
    size_t k = 0;
    while (sum > 0) {
        bits[k++] = (char)('0' + sum % 2);
        sum = sum / 2;
    }
    char *out = malloc(k + 1);
    for (size_t i = 0; i < k; i++) out[i] = bits[k - 1 - i];
    out[k] = '\0';
    return out;
}
//@ wrong
    (void)N;
    return calloc(1, 1);
}
//@ notes
Like the C++ canonical solution, returns "" when the digit sum is 0 (N = 0).
//@ test
int main(void) {
    assert(same_str(solve(1000), "1"));
    assert(same_str(solve(150), "110"));
    assert(same_str(solve(147), "1100"));
    assert(same_str(solve(333), "1001"));
    assert(same_str(solve(963), "10010"));
    return 0;
}
