//@ signature
void histogram(const char *test, int counts[26])
//@ docstring
Given a string representing a space separated lowercase letters, fill counts
(counts[0] for 'a' ... counts[25] for 'z') with the count of the letter with the most repetition;
if several letters have the same occurrence, fill in all of them. Every other entry is 0.

Example (as letter: count for the nonzero entries):
histogram("a b c") == {a: 1, b: 1, c: 1}
histogram("a b b a") == {a: 2, b: 2}
histogram("a b c a b") == {a: 2, b: 2}
histogram("b b b b a") == {b: 4}
histogram("") == {}
//@ notes
map<char,int> over lowercase letters becomes an out-parameter int[26] indexed by letter (0 = absent); the docstring says so.
//@ canonical
    int all[26] = {0}, max = 0;
    for (size_t i = 0; test[i] != '\0'; i++)
        if (test[i] >= 'a' && test[i] <= 'z') {
            int c = ++all[test[i] - 'a'];
            if (c > max) max = c;
        }
    for (int i = 0; i < 26; i++)
        counts[i] = all[i] == max && max > 0 ? max : 0;
}
//@ wrong
    (void)test;
    memset(counts, 0, 26 * sizeof(int));
}
//@ test
static bool histogram_is(const char *test, const char *letters, int count) {
    int got[26];
    histogram(test, got);
    for (int i = 0; i < 26; i++)
        if (got[i] != (strchr(letters, 'a' + i) != NULL ? count : 0)) return false;
    return true;
}
int main(void) {
    assert(histogram_is("a b b a", "ab", 2));
    assert(histogram_is("a b c a b", "ab", 2));
    assert(histogram_is("a b c d g", "abcdg", 1));
    assert(histogram_is("r t g", "rtg", 1));
    assert(histogram_is("b b b b a", "b", 4));
    assert(histogram_is("r t g", "rtg", 1));
    assert(histogram_is("", "", 0));
    assert(histogram_is("a", "a", 1));
    return 0;
}
