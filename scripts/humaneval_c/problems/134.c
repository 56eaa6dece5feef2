//@ signature
bool check_if_last_char_is_a_letter(const char *txt)
//@ canonical
    size_t n = strlen(txt);
    if (n == 0) return false;
    if (!isalpha((unsigned char)txt[n - 1])) return false;
    if (n == 1) return true;
    return !isalpha((unsigned char)txt[n - 2]);
}
//@ wrong
    (void)txt;
    return false;
}
//@ test
int main(void) {
    assert(check_if_last_char_is_a_letter("apple") == false);
    assert(check_if_last_char_is_a_letter("apple pi e") == true);
    assert(check_if_last_char_is_a_letter("eeeee") == false);
    assert(check_if_last_char_is_a_letter("A") == true);
    assert(check_if_last_char_is_a_letter("Pumpkin pie ") == false);
    assert(check_if_last_char_is_a_letter("Pumpkin pie 1") == false);
    assert(check_if_last_char_is_a_letter("") == false);
    assert(check_if_last_char_is_a_letter("eeeee e ") == false);
    assert(check_if_last_char_is_a_letter("apple pie") == false);
    assert(check_if_last_char_is_a_letter("apple pi e ") == false);
    return 0;
}
