//@ signature
char **total_match(const char **lst1, size_t lst1_len, const char **lst2, size_t lst2_len, size_t *out_len)
//@ canonical
    size_t num1 = 0, num2 = 0;
    for (size_t i = 0; i < lst1_len; i++) num1 += strlen(lst1[i]);
    for (size_t i = 0; i < lst2_len; i++) num2 += strlen(lst2[i]);
    const char **src = num1 > num2 ? lst2 : lst1;
    size_t len = num1 > num2 ? lst2_len : lst1_len;
    char **out = malloc((len + 1) * sizeof(char *));
    for (size_t i = 0; i < len; i++) {
        out[i] = malloc(strlen(src[i]) + 1);
        strcpy(out[i], src[i]);
    }
    *out_len = len;
    return out;
}
//@ wrong
    (void)lst1; (void)lst1_len; (void)lst2; (void)lst2_len;
    *out_len = 0;
    return NULL;
}
//@ notes
Returns a malloc'd copy of the chosen array (strings copied too).
//@ test
int main(void) {
    size_t n;
    char **r;
    r = total_match(NULL, 0, NULL, 0, &n);
    assert(same_strs(r, n, NULL, 0));
    r = total_match(STRS("hi", "admin"), STRS("hi", "hi"), &n);
    assert(same_strs(r, n, STRS("hi", "hi")));
    r = total_match(STRS("hi", "admin"), STRS("hi", "hi", "admin", "project"), &n);
    assert(same_strs(r, n, STRS("hi", "admin")));
    r = total_match(STRS("4"), STRS("1", "2", "3", "4", "5"), &n);
    assert(same_strs(r, n, STRS("4")));
    r = total_match(STRS("hi", "admin"), STRS("hI", "Hi"), &n);
    assert(same_strs(r, n, STRS("hI", "Hi")));
    r = total_match(STRS("hi", "admin"), STRS("hI", "hi", "hi"), &n);
    assert(same_strs(r, n, STRS("hI", "hi", "hi")));
    r = total_match(STRS("hi", "admin"), STRS("hI", "hi", "hii"), &n);
    assert(same_strs(r, n, STRS("hi", "admin")));
    r = total_match(NULL, 0, STRS("this"), &n);
    assert(same_strs(r, n, NULL, 0));
    r = total_match(STRS("this"), NULL, 0, &n);
    assert(same_strs(r, n, NULL, 0));
    return 0;
}
