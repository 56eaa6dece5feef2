//@ signature
bool is_palindrome(const char *text)
//@ canonical
    size_t n = strlen(text);
    for (size_t i = 0; i < n / 2; i++)
        if (text[i] != text[n - 1 - i]) return false;
    return true;
}
//@ wrong
    (void)text;
    return false;
}
//@ test
int main(void) {
    assert(is_palindrome("") == true);
    assert(is_palindrome("aba") == true);
    assert(is_palindrome("aaaaa") == true);
    assert(is_palindrome("zbcd") == false);
    assert(is_palindrome("xywyx") == true);
    assert(is_palindrome("xywyz") == false);
    assert(is_palindrome("xywzx") == false);
    return 0;
}
