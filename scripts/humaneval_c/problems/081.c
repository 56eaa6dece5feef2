//@ signature
char **numerical_letter_grade(const float *grades, size_t grades_len, size_t *out_len)
//@ canonical
    char **out = malloc((grades_len + 1) * sizeof(char *));
    for (size_t i = 0; i < grades_len; i++) {
        float g = grades[i];
        const char *letter;
        if (g >= 3.9999) letter = "A+";
        else if (g > 3.7001) letter = "A";
        else if (g > 3.3001) letter = "A-";
        else if (g > 3.0001) letter = "B+";
        else if (g > 2.7001) letter = "B";
        else if (g > 2.3001) letter = "B-";
        else if (g > 2.0001) letter = "C+";
        else if (g > 1.7001) letter = "C";
        else if (g > 1.3001) letter = "C-";
        else if (g > 1.0001) letter = "D+";
        else if (g > 0.7001) letter = "D";
        else if (g > 0.0001) letter = "D-";
        else letter = "E";
        out[i] = malloc(strlen(letter) + 1);
        strcpy(out[i], letter);
    }
    *out_len = grades_len;
    return out;
}
//@ wrong
    (void)grades; (void)grades_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    char **r;
    r = numerical_letter_grade(FLOATS(4.0, 3, 1.7, 2, 3.5), &n);
    assert(same_strs(r, n, STRS("A+", "B", "C-", "C", "A-")));
    r = numerical_letter_grade(FLOATS(1.2), &n);
    assert(same_strs(r, n, STRS("D+")));
    r = numerical_letter_grade(FLOATS(0.5), &n);
    assert(same_strs(r, n, STRS("D-")));
    r = numerical_letter_grade(FLOATS(0.0), &n);
    assert(same_strs(r, n, STRS("E")));
    r = numerical_letter_grade(FLOATS(1, 0.3, 1.5, 2.8, 3.3), &n);
    assert(same_strs(r, n, STRS("D", "D-", "C-", "B", "B+")));
    r = numerical_letter_grade(FLOATS(0, 0.7), &n);
    assert(same_strs(r, n, STRS("E", "D-")));
    return 0;
}
