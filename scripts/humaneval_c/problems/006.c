//@ signature
int *parse_nested_parens(const char *paren_string, size_t *out_len)
//@ canonical
    size_t n = strlen(paren_string), k = 0;
    int *out = malloc((n / 2 + 1) * sizeof(int));
    int level = 0, max_level = 0;
    for (size_t i = 0; i < n; i++) {
        char chr = paren_string[i];
        if (chr == '(') {
            level += 1;
            if (level > max_level) max_level = level;
        }
        if (chr == ')') {
            level -= 1;
            if (level == 0) {
                out[k++] = max_level;
                max_level = 0;
            }
        }
    }
    *out_len = k;
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
    int *r;
    r = parse_nested_parens("(()()) ((())) () ((())()())", &n);
    assert(same_ints(r, n, INTS(2, 3, 1, 3)));
    r = parse_nested_parens("() (()) ((())) (((())))", &n);
    assert(same_ints(r, n, INTS(1, 2, 3, 4)));
    r = parse_nested_parens("(()(())((())))", &n);
    assert(same_ints(r, n, INTS(4)));
    return 0;
}
