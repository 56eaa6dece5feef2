//@ signature
char *int_to_mini_romank(int number)
//@ canonical
    static const char *rep[13] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
    static const int num[13] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    char *out = malloc(64);
    out[0] = '\0';
    for (int pos = 0; number > 0; pos++)
        while (number >= num[pos]) {
            strcat(out, rep[pos]);
            number -= num[pos];
        }
    return out;
}
//@ wrong
    (void)number;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(int_to_mini_romank(19), "xix"));
    assert(same_str(int_to_mini_romank(152), "clii"));
    assert(same_str(int_to_mini_romank(251), "ccli"));
    assert(same_str(int_to_mini_romank(426), "cdxxvi"));
    assert(same_str(int_to_mini_romank(500), "d"));
    assert(same_str(int_to_mini_romank(1), "i"));
    assert(same_str(int_to_mini_romank(4), "iv"));
    assert(same_str(int_to_mini_romank(43), "xliii"));
    assert(same_str(int_to_mini_romank(90), "xc"));
    assert(same_str(int_to_mini_romank(94), "xciv"));
    assert(same_str(int_to_mini_romank(532), "dxxxii"));
    assert(same_str(int_to_mini_romank(900), "cm"));
    assert(same_str(int_to_mini_romank(994), "cmxciv"));
    assert(same_str(int_to_mini_romank(1000), "m"));
    return 0;
}
