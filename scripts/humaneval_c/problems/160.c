//@ signature
int do_algebra(const char **operato, size_t operato_len, const int *operand, size_t operand_len)
//@ canonical
    // Values and operators still to combine; each pass folds one precedence level, left to right.
    long long *vals = malloc((operand_len + 1) * sizeof(long long));
    const char **ops = malloc((operato_len + 1) * sizeof(char *));
    size_t nv = operand_len, no = operato_len;
    for (size_t i = 0; i < nv; i++) vals[i] = operand[i];
    for (size_t i = 0; i < no; i++) ops[i] = operato[i];
    static const char *levels[3][2] = {{"**", "**"}, {"*", "//"}, {"+", "-"}};
    for (int lv = 0; lv < 3; lv++) {
        size_t i = 0;
        while (i < no) {
            const char *op = ops[i];
            if (strcmp(op, levels[lv][0]) != 0 && strcmp(op, levels[lv][1]) != 0) {
                i++;
                continue;
            }
            long long a = vals[i], b = vals[i + 1], r;
            if (strcmp(op, "**") == 0) {
                r = 1;
                for (long long e = 0; e < b; e++) r *= a;
            } else if (strcmp(op, "*") == 0) r = a * b;
            else if (strcmp(op, "//") == 0) r = a / b;
            else if (strcmp(op, "+") == 0) r = a + b;
            else r = a - b;
            vals[i] = r;
            memmove(vals + i + 1, vals + i + 2, (nv - i - 2) * sizeof(long long));
            memmove(ops + i, ops + i + 1, (no - i - 1) * sizeof(char *));
            nv--;
            no--;
        }
    }
    int result = (int)vals[0];
    free(vals);
    free(ops);
    return result;
}
//@ wrong
    (void)operato; (void)operato_len; (void)operand; (void)operand_len;
    return 0;
}
//@ test
int main(void) {
    assert(do_algebra(STRS("**", "*", "+"), INTS(2, 3, 4, 5)) == 37);
    assert(do_algebra(STRS("+", "*", "-"), INTS(2, 3, 4, 5)) == 9);
    assert(do_algebra(STRS("//", "*"), INTS(7, 3, 4)) == 8);
    return 0;
}
