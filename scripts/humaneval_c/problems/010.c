//@ helper
bool is_palindrome(const char *str) {
    // Test if given string is a palindrome
    size_t n = strlen(str);
    for (size_t i = 0; i < n / 2; i++)
        if (str[i] != str[n - 1 - i]) return false;
    return true;
}
//@ signature
char *make_palindrome(const char *str)
//@ docstring
Find the shortest palindrome that begins with a supplied string.
Algorithm idea is simple: - Find the longest postfix of supplied string that is a palindrome.
- Append to the end of the string reverse of a string prefix that comes before the palindromic suffix.
>>> make_palindrome("")
""
>>> make_palindrome("cat")
"catac"
>>> make_palindrome("cata")
"catac"
//@ notes
As in the C++ prompt, the helper is_palindrome is given before the function; the docstring moves in front of the prompt.
//@ canonical
    size_t n = strlen(str), i;
    for (i = 0; i < n; i++)
        if (is_palindrome(str + i)) break;
    char *out = malloc(n + i + 1);
    memcpy(out, str, n);
    for (size_t j = 0; j < i; j++)
        out[n + j] = str[i - 1 - j];
    out[n + i] = '\0';
    return out;
}
//@ wrong
    (void)str;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(make_palindrome(""), ""));
    assert(same_str(make_palindrome("x"), "x"));
    assert(same_str(make_palindrome("xyz"), "xyzyx"));
    assert(same_str(make_palindrome("xyx"), "xyx"));
    assert(same_str(make_palindrome("jerry"), "jerryrrej"));
    return 0;
}
