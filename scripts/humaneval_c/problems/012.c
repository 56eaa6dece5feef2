//@ signature
char *longest(const char **strings, size_t strings_len)
//@ canonical
    const char *out = "";
    for (size_t i = 0; i < strings_len; i++)
        if (strlen(strings[i]) > strlen(out)) out = strings[i];
    char *copy = malloc(strlen(out) + 1);
    strcpy(copy, out);
    return copy;
}
//@ wrong
    (void)strings; (void)strings_len;
    return calloc(1, 1);
}
//@ docstring
Out of an array of strings, return the longest one. Return the first one in case of multiple
strings of the same length. Return "" in case the input array is empty.
>>> longest({})
""
>>> longest({"a", "b", "c"})
"a"
>>> longest({"a", "bb", "ccc"})
"ccc"
//@ notes
Returns a malloc'd copy of the longest string, and "" for an empty array as the C++ code does (its docstring says None).
//@ test
int main(void) {
    assert(same_str(longest(NULL, 0), ""));
    assert(same_str(longest(STRS("x", "y", "z")), "x"));
    assert(same_str(longest(STRS("x", "yyy", "zzzz", "www", "kkkk", "abc")), "zzzz"));
    return 0;
}
