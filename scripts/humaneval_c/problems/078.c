//@ signature
int hex_key(const char *num)
//@ canonical
    int out = 0;
    for (size_t i = 0; num[i] != '\0'; i++)
        if (strchr("2357BD", num[i]) != NULL) out += 1;
    return out;
}
//@ wrong
    (void)num;
    return 0;
}
//@ test
int main(void) {
    assert(hex_key("AB") == 1);
    assert(hex_key("1077E") == 2);
    assert(hex_key("ABED1A33") == 4);
    assert(hex_key("2020") == 2);
    assert(hex_key("123456789ABCDEF0") == 6);
    assert(hex_key("112233445566778899AABBCCDDEEFF00") == 12);
    assert(hex_key("") == 0);
    return 0;
}
