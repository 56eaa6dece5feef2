//@ signature
char *match_parens(const char **lst, size_t lst_len)
//@ canonical
    (void)lst_len;
    bool ok = false;
    for (int order = 0; order < 2 && !ok; order++) {
        const char *parts[2] = {lst[order], lst[1 - order]};
        int count = 0;
        bool can = true;
        for (int p = 0; p < 2; p++)
            for (size_t i = 0; parts[p][i] != '\0'; i++) {
                if (parts[p][i] == '(') count += 1;
                if (parts[p][i] == ')') count -= 1;
                if (count < 0) can = false;
            }
        ok = can && count == 0;
    }
    char *out = malloc(4);
    strcpy(out, ok ? "Yes" : "No");
    return out;
}
//@ wrong
    (void)lst; (void)lst_len;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(match_parens(STRS("()(", ")")), "Yes"));
    assert(same_str(match_parens(STRS(")", ")")), "No"));
    assert(same_str(match_parens(STRS("(()(())", "())())")), "No"));
    assert(same_str(match_parens(STRS(")())", "(()()(")), "Yes"));
    assert(same_str(match_parens(STRS("(())))", "(()())((")), "Yes"));
    assert(same_str(match_parens(STRS("()", "())")), "No"));
    assert(same_str(match_parens(STRS("(()(", "()))()")), "Yes"));
    assert(same_str(match_parens(STRS("((((", "((())")), "No"));
    assert(same_str(match_parens(STRS(")(()", "(()(")), "No"));
    assert(same_str(match_parens(STRS(")(", ")(")), "No"));
    assert(same_str(match_parens(STRS("(", ")")), "Yes"));
    assert(same_str(match_parens(STRS(")", "(")), "Yes"));
    return 0;
}
