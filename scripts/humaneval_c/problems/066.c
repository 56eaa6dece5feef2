//@ signature
int digitSum(const char *s)
//@ canonical
    int sum = 0;
    for (size_t i = 0; s[i] != '\0'; i++)
        if (s[i] >= 'A' && s[i] <= 'Z') sum += s[i];
    return sum;
}
//@ wrong
    (void)s;
    return 0;
}
//@ test
int main(void) {
    assert(digitSum("") == 0);
    assert(digitSum("abAB") == 131);
    assert(digitSum("abcCd") == 67);
    assert(digitSum("helloE") == 69);
    assert(digitSum("woArBld") == 131);
    assert(digitSum("aAaaaXa") == 153);
    assert(digitSum(" How are yOu?") == 151);
    assert(digitSum("You arE Very Smart") == 327);
    return 0;
}
