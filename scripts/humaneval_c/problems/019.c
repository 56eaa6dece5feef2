//@ signature
char *sort_numbers(const char *numbers)
//@ canonical
    static const char *names[10] = {"zero", "one", "two", "three", "four",
                                    "five", "six", "seven", "eight", "nine"};
    int count[10] = {0};
    size_t n = strlen(numbers), start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (numbers[i] == ' ' || numbers[i] == '\0') {
            for (int d = 0; d < 10; d++)
                if (i - start == strlen(names[d]) && strncmp(numbers + start, names[d], i - start) == 0)
                    count[d]++;
            start = i + 1;
        }
    }
    char *out = malloc(n + 2);
    out[0] = '\0';
    for (int d = 0; d < 10; d++)
        for (int j = 0; j < count[d]; j++) {
            if (out[0] != '\0') strcat(out, " ");
            strcat(out, names[d]);
        }
    return out;
}
//@ wrong
    (void)numbers;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(sort_numbers(""), ""));
    assert(same_str(sort_numbers("three"), "three"));
    assert(same_str(sort_numbers("three five nine"), "three five nine"));
    assert(same_str(sort_numbers("five zero four seven nine eight"), "zero four five seven eight nine"));
    assert(same_str(sort_numbers("six five four three two one zero"), "zero one two three four five six"));
    return 0;
}
