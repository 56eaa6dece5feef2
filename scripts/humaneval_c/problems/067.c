//@ signature
int fruit_distribution(const char *s, int n)
//@ canonical
    int nums[2] = {0, 0}, which = 0;
    bool in_number = false;
    for (size_t i = 0; s[i] != '\0' && which < 2; i++) {
        if (isdigit((unsigned char)s[i])) {
            nums[which] = nums[which] * 10 + (s[i] - '0');
            in_number = true;
        } else if (in_number) {
            which++;
            in_number = false;
        }
    }
    return n - nums[0] - nums[1];
}
//@ wrong
    (void)s; (void)n;
    return 0;
}
//@ test
int main(void) {
    assert(fruit_distribution("5 apples and 6 oranges", 19) == 8);
    assert(fruit_distribution("5 apples and 6 oranges", 21) == 10);
    assert(fruit_distribution("0 apples and 1 oranges", 3) == 2);
    assert(fruit_distribution("1 apples and 0 oranges", 3) == 2);
    assert(fruit_distribution("2 apples and 3 oranges", 100) == 95);
    assert(fruit_distribution("2 apples and 3 oranges", 5) == 0);
    assert(fruit_distribution("1 apples and 100 oranges", 120) == 19);
    return 0;
}
