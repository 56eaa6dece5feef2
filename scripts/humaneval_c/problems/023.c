//@ signature
int string_length(const char *str)
//@ docstring
Return length of given string
>>> string_length("")
0
>>> string_length("abc")
3
//@ notes
Renamed from strlen, which would clash with the C library's strlen from <string.h>.
//@ canonical
    int n = 0;
    while (str[n] != '\0') n++;
    return n;
}
//@ wrong
    (void)str;
    return 0;
}
//@ test
int main(void) {
    assert(string_length("") == 0);
    assert(string_length("x") == 1);
    assert(string_length("asdasnakj") == 9);
    return 0;
}
