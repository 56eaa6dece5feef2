//@ signature
char **by_length(const int *arr, size_t arr_len, size_t *out_len)
//@ canonical
    static const char *names[10] = {"Zero", "One", "Two", "Three", "Four",
                                    "Five", "Six", "Seven", "Eight", "Nine"};
    char **out = malloc((arr_len + 1) * sizeof(char *));
    size_t k = 0;
    for (int d = 9; d >= 1; d--)
        for (size_t i = 0; i < arr_len; i++)
            if (arr[i] == d) {
                out[k] = malloc(strlen(names[d]) + 1);
                strcpy(out[k++], names[d]);
            }
    *out_len = k;
    return out;
}
//@ wrong
    (void)arr; (void)arr_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    char **r;
    r = by_length(INTS(2, 1, 1, 4, 5, 8, 2, 3), &n);
    assert(same_strs(r, n, STRS("Eight", "Five", "Four", "Three", "Two", "Two", "One", "One")));
    r = by_length(NULL, 0, &n);
    assert(same_strs(r, n, NULL, 0));
    r = by_length(INTS(1, -1, 55), &n);
    assert(same_strs(r, n, STRS("One")));
    r = by_length(INTS(1, -1, 3, 2), &n);
    assert(same_strs(r, n, STRS("Three", "Two", "One")));
    r = by_length(INTS(9, 4, 8), &n);
    assert(same_strs(r, n, STRS("Nine", "Eight", "Four")));
    return 0;
}
