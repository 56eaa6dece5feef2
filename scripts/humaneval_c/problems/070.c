//@ signature
int *strange_sort_list(const int *lst, size_t lst_len, size_t *out_len)
//@ canonical
    int *s = malloc((lst_len + 1) * sizeof(int));
    int *out = malloc((lst_len + 1) * sizeof(int));
    if (lst_len > 0) memcpy(s, lst, lst_len * sizeof(int));
    for (size_t i = 1; i < lst_len; i++)
        for (size_t j = i; j > 0 && s[j - 1] > s[j]; j--) {
            int t = s[j];
            s[j] = s[j - 1];
            s[j - 1] = t;
        }
    size_t l = 0, r = lst_len, k = 0;
    while (l < r) {
        out[k++] = s[l++];
        if (l < r) out[k++] = s[--r];
    }
    free(s);
    *out_len = k;
    return out;
}
//@ wrong
    (void)lst; (void)lst_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = strange_sort_list(INTS(1, 2, 3, 4), &n);
    assert(same_ints(r, n, INTS(1, 4, 2, 3)));
    r = strange_sort_list(INTS(5, 6, 7, 8, 9), &n);
    assert(same_ints(r, n, INTS(5, 9, 6, 8, 7)));
    r = strange_sort_list(INTS(1, 2, 3, 4, 5), &n);
    assert(same_ints(r, n, INTS(1, 5, 2, 4, 3)));
    r = strange_sort_list(INTS(5, 6, 7, 8, 9, 1), &n);
    assert(same_ints(r, n, INTS(1, 9, 5, 8, 6, 7)));
    r = strange_sort_list(INTS(5, 5, 5, 5), &n);
    assert(same_ints(r, n, INTS(5, 5, 5, 5)));
    r = strange_sort_list(NULL, 0, &n);
    assert(same_ints(r, n, NULL, 0));
    r = strange_sort_list(INTS(1, 2, 3, 4, 5, 6, 7, 8), &n);
    assert(same_ints(r, n, INTS(1, 8, 2, 7, 3, 6, 4, 5)));
    r = strange_sort_list(INTS(0, 2, 2, 2, 5, 5, -5, -5), &n);
    assert(same_ints(r, n, INTS(-5, 5, -5, 5, 0, 2, 2, 2)));
    r = strange_sort_list(INTS(111111), &n);
    assert(same_ints(r, n, INTS(111111)));
    return 0;
}
