//@ signature
char **odd_count(const char **lst, size_t lst_len, size_t *out_len)
//@ canonical
    static const char *s = "the number of odd elements in the string i of the input.";
    char **out = malloc((lst_len + 1) * sizeof(char *));
    for (size_t i = 0; i < lst_len; i++) {
        int sum = 0;
        for (size_t j = 0; lst[i][j] != '\0'; j++)
            if (lst[i][j] >= '0' && lst[i][j] <= '9' && lst[i][j] % 2 == 1) sum += 1;
        char num[12];
        int num_len = sprintf(num, "%d", sum);
        out[i] = malloc(strlen(s) * (size_t)num_len + 1);
        size_t k = 0;
        for (size_t j = 0; s[j] != '\0'; j++) {
            if (s[j] == 'i') {
                memcpy(out[i] + k, num, (size_t)num_len);
                k += (size_t)num_len;
            } else {
                out[i][k++] = s[j];
            }
        }
        out[i][k] = '\0';
    }
    *out_len = lst_len;
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
    r = odd_count(STRS("1234567"), &n);
    assert(same_strs(r, n, STRS("the number of odd elements 4n the str4ng 4 of the 4nput.")));
    r = odd_count(STRS("3", "11111111"), &n);
    assert(same_strs(r, n, STRS("the number of odd elements 1n the str1ng 1 of the 1nput.",
                                "the number of odd elements 8n the str8ng 8 of the 8nput.")));
    r = odd_count(STRS("271", "137", "314"), &n);
    assert(same_strs(r, n, STRS("the number of odd elements 2n the str2ng 2 of the 2nput.",
                                "the number of odd elements 3n the str3ng 3 of the 3nput.",
                                "the number of odd elements 2n the str2ng 2 of the 2nput.")));
    return 0;
}
