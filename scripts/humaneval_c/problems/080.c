//@ signature
bool is_happy(const char *s)
//@ canonical
    size_t n = strlen(s);
    if (n < 3) return false;
    for (size_t i = 2; i < n; i++)
        if (s[i] == s[i - 1] || s[i] == s[i - 2]) return false;
    return true;
}
//@ wrong
    (void)s;
    return false;
}
//@ test
int main(void) {
    assert(is_happy("a") == false);
    assert(is_happy("aa") == false);
    assert(is_happy("abcd") == true);
    assert(is_happy("aabb") == false);
    assert(is_happy("adb") == true);
    assert(is_happy("xyy") == false);
    assert(is_happy("iopaxpoi") == true);
    assert(is_happy("iopaxioi") == false);
    return 0;
}
