//@ signature
int count_distinct_characters(const char *str)
//@ canonical
    bool seen[256] = {false};
    int count = 0;
    for (size_t i = 0; str[i] != '\0'; i++) {
        unsigned char c = (unsigned char)tolower((unsigned char)str[i]);
        if (!seen[c]) {
            seen[c] = true;
            count++;
        }
    }
    return count;
}
//@ wrong
    (void)str;
    return 0;
}
//@ test
int main(void) {
    assert(count_distinct_characters("") == 0);
    assert(count_distinct_characters("abcde") == 5);
    assert(count_distinct_characters("abcdecadeCADE") == 5);
    assert(count_distinct_characters("aaaaAAAAaaaa") == 1);
    assert(count_distinct_characters("Jerry jERRY JeRRRY") == 5);
    return 0;
}
