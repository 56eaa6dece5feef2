//@ signature
char *decimal_to_binary(int decimal)
//@ canonical
    char bits[40];
    size_t k = 0;
    if (decimal == 0) bits[k++] = '0';
    while (decimal > 0) {
        bits[k++] = (char)('0' + decimal % 2);
        decimal = decimal / 2;
    }
    char *out = malloc(k + 5);
    strcpy(out, "db");
    for (size_t i = 0; i < k; i++) out[2 + i] = bits[k - 1 - i];
    strcpy(out + 2 + k, "db");
    return out;
}
//@ wrong
    (void)decimal;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(decimal_to_binary(0), "db0db"));
    assert(same_str(decimal_to_binary(32), "db100000db"));
    assert(same_str(decimal_to_binary(103), "db1100111db"));
    assert(same_str(decimal_to_binary(15), "db1111db"));
    return 0;
}
