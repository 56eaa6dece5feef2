//@ signature
char *exchange(const int *lst1, size_t lst1_len, const int *lst2, size_t lst2_len)
//@ canonical
    size_t num = 0;
    for (size_t i = 0; i < lst1_len; i++)
        if (lst1[i] % 2 == 0) num += 1;
    for (size_t i = 0; i < lst2_len; i++)
        if (lst2[i] % 2 == 0) num += 1;
    const char *answer = num >= lst1_len ? "YES" : "NO";
    char *out = malloc(strlen(answer) + 1);
    strcpy(out, answer);
    return out;
}
//@ wrong
    (void)lst1; (void)lst1_len; (void)lst2; (void)lst2_len;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(exchange(INTS(1, 2, 3, 4), INTS(1, 2, 3, 4)), "YES"));
    assert(same_str(exchange(INTS(1, 2, 3, 4), INTS(1, 5, 3, 4)), "NO"));
    assert(same_str(exchange(INTS(1, 2, 3, 4), INTS(2, 1, 4, 3)), "YES"));
    assert(same_str(exchange(INTS(5, 7, 3), INTS(2, 6, 4)), "YES"));
    assert(same_str(exchange(INTS(5, 7, 3), INTS(2, 6, 3)), "NO"));
    assert(same_str(exchange(INTS(3, 2, 6, 1, 8, 9), INTS(3, 5, 5, 1, 1, 1)), "NO"));
    assert(same_str(exchange(INTS(100, 200), INTS(200, 200)), "YES"));
    return 0;
}
