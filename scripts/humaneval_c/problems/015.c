//@ signature
char *string_sequence(int n)
//@ canonical
    char *out = malloc(12 * ((size_t)n + 1) + 1);
    size_t len = (size_t)sprintf(out, "0");
    for (int i = 1; i <= n; i++)
        len += (size_t)sprintf(out + len, " %d", i);
    return out;
}
//@ wrong
    (void)n;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(string_sequence(0), "0"));
    assert(same_str(string_sequence(3), "0 1 2 3"));
    assert(same_str(string_sequence(10), "0 1 2 3 4 5 6 7 8 9 10"));
    return 0;
}
