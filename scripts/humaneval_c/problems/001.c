//@ signature
char **separate_paren_groups(const char *paren_string, size_t *out_len)
//@ canonical
    size_t n = strlen(paren_string), count = 0, cur_len = 0;
    char **out = malloc((n / 2 + 1) * sizeof(char *));
    char *current = malloc(n + 1);
    int level = 0;
    for (size_t i = 0; i < n; i++) {
        char chr = paren_string[i];
        if (chr == '(') {
            level += 1;
            current[cur_len++] = chr;
        }
        if (chr == ')') {
            level -= 1;
            current[cur_len++] = chr;
            if (level == 0) {
                current[cur_len] = '\0';
                out[count] = malloc(cur_len + 1);
                strcpy(out[count++], current);
                cur_len = 0;
            }
        }
    }
    free(current);
    *out_len = count;
    return out;
}
//@ wrong
    (void)paren_string;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    char **r;
    r = separate_paren_groups("(()()) ((())) () ((())()())", &n);
    assert(same_strs(r, n, STRS("(()())", "((()))", "()", "((())()())")));
    r = separate_paren_groups("() (()) ((())) (((())))", &n);
    assert(same_strs(r, n, STRS("()", "(())", "((()))", "(((())))")));
    r = separate_paren_groups("(()(())((())))", &n);
    assert(same_strs(r, n, STRS("(()(())((())))")));
    r = separate_paren_groups("( ) (( )) (( )( ))", &n);
    assert(same_strs(r, n, STRS("()", "(())", "(()())")));
    return 0;
}
