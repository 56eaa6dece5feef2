//@ signature
char **sorted_list_sum(const char **lst, size_t lst_len, size_t *out_len)
//@ canonical
    char **out = malloc((lst_len + 1) * sizeof(char *));
    size_t k = 0;
    for (size_t i = 0; i < lst_len; i++)
        if (strlen(lst[i]) % 2 == 0) {
            out[k] = malloc(strlen(lst[i]) + 1);
            strcpy(out[k++], lst[i]);
        }
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0; j--) {
            size_t la = strlen(out[j - 1]), lb = strlen(out[j]);
            if (la < lb || (la == lb && strcmp(out[j - 1], out[j]) <= 0)) break;
            char *t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
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
    char **r;
    r = sorted_list_sum(STRS("aa", "a", "aaa"), &n);
    assert(same_strs(r, n, STRS("aa")));
    r = sorted_list_sum(STRS("school", "AI", "asdf", "b"), &n);
    assert(same_strs(r, n, STRS("AI", "asdf", "school")));
    r = sorted_list_sum(STRS("d", "b", "c", "a"), &n);
    assert(same_strs(r, n, NULL, 0));
    r = sorted_list_sum(STRS("d", "dcba", "abcd", "a"), &n);
    assert(same_strs(r, n, STRS("abcd", "dcba")));
    r = sorted_list_sum(STRS("AI", "ai", "au"), &n);
    assert(same_strs(r, n, STRS("AI", "ai", "au")));
    r = sorted_list_sum(STRS("a", "b", "b", "c", "c", "a"), &n);
    assert(same_strs(r, n, NULL, 0));
    r = sorted_list_sum(STRS("aaaa", "bbbb", "dd", "cc"), &n);
    assert(same_strs(r, n, STRS("cc", "dd", "aaaa", "bbbb")));
    return 0;
}
