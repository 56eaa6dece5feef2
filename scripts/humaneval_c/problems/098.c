//@ signature
int count_upper(const char *s)
//@ canonical
    int count = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i += 2)
        if (strchr("AEIOU", s[i]) != NULL) count += 1;
    return count;
}
//@ wrong
    (void)s;
    return 0;
}
//@ test
int main(void) {
    assert(count_upper("aBCdEf") == 1);
    assert(count_upper("abcdefg") == 0);
    assert(count_upper("dBBE") == 0);
    assert(count_upper("B") == 0);
    assert(count_upper("U") == 1);
    assert(count_upper("") == 0);
    assert(count_upper("EEEE") == 2);
    return 0;
}
