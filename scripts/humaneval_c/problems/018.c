//@ signature
int how_many_times(const char *str, const char *substring)
//@ canonical
    size_t n = strlen(str), m = strlen(substring);
    int out = 0;
    for (size_t i = 0; i + m <= n; i++)
        if (strncmp(str + i, substring, m) == 0) out += 1;
    return out;
}
//@ wrong
    (void)str; (void)substring;
    return 0;
}
//@ test
int main(void) {
    assert(how_many_times("", "x") == 0);
    assert(how_many_times("xyxyxyx", "x") == 4);
    assert(how_many_times("cacacacac", "cac") == 4);
    assert(how_many_times("john doe", "john") == 1);
    return 0;
}
