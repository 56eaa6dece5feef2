//@ signature
char *string_xor(const char *a, const char *b)
//@ canonical
    size_t n = strlen(a), m = strlen(b), len = n < m ? n : m;
    char *out = malloc(len + 1);
    for (size_t i = 0; i < len; i++)
        out[i] = a[i] == b[i] ? '0' : '1';
    out[len] = '\0';
    return out;
}
//@ wrong
    (void)a; (void)b;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(string_xor("111000", "101010"), "010010"));
    assert(same_str(string_xor("1", "1"), "0"));
    assert(same_str(string_xor("0101", "0000"), "0101"));
    return 0;
}
