//@ signature
bool is_nested(const char *str)
//@ canonical
    int count = 0, maxcount = 0;
    for (size_t i = 0; str[i] != '\0'; i++) {
        if (str[i] == '[') count += 1;
        if (str[i] == ']') count -= 1;
        if (count < 0) count = 0;
        if (count > maxcount) maxcount = count;
        if (count <= maxcount - 2) return true;
    }
    return false;
}
//@ wrong
    (void)str;
    return false;
}
//@ test
int main(void) {
    assert(is_nested("[[]]") == true);
    assert(is_nested("[]]]]]]][[[[[]") == false);
    assert(is_nested("[][]") == false);
    assert(is_nested("[]") == false);
    assert(is_nested("[[[[]]]]") == true);
    assert(is_nested("[]]]]]]]]]]") == false);
    assert(is_nested("[][][[]]") == true);
    assert(is_nested("[[]") == false);
    assert(is_nested("[]]") == false);
    assert(is_nested("[[]][[") == true);
    assert(is_nested("[[][]]") == true);
    assert(is_nested("") == false);
    assert(is_nested("[[[[[[[[") == false);
    assert(is_nested("]]]]]]]]") == false);
    return 0;
}
