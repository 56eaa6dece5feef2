//@ signature
bool same_chars(const char *s0, const char *s1)
//@ canonical
    for (size_t i = 0; s0[i] != '\0'; i++)
        if (strchr(s1, s0[i]) == NULL) return false;
    for (size_t i = 0; s1[i] != '\0'; i++)
        if (strchr(s0, s1[i]) == NULL) return false;
    return true;
}
//@ wrong
    (void)s0; (void)s1;
    return false;
}
//@ test
int main(void) {
    assert(same_chars("eabcdzzzz", "dddzzzzzzzddeddabc") == true);
    assert(same_chars("abcd", "dddddddabc") == true);
    assert(same_chars("dddddddabc", "abcd") == true);
    assert(same_chars("eabcd", "dddddddabc") == false);
    assert(same_chars("abcd", "dddddddabcf") == false);
    assert(same_chars("eabcdzzzz", "dddzzzzzzzddddabc") == false);
    assert(same_chars("aabb", "aaccc") == false);
    return 0;
}
