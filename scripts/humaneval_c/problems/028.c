//@ signature
char *concatenate(const char **strings, size_t strings_len)
//@ canonical
    size_t total = 0;
    for (size_t i = 0; i < strings_len; i++) total += strlen(strings[i]);
    char *out = malloc(total + 1);
    out[0] = '\0';
    for (size_t i = 0; i < strings_len; i++) strcat(out, strings[i]);
    return out;
}
//@ wrong
    (void)strings; (void)strings_len;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(concatenate(NULL, 0), ""));
    assert(same_str(concatenate(STRS("x", "y", "z")), "xyz"));
    assert(same_str(concatenate(STRS("x", "y", "z", "w", "k")), "xyzwk"));
    return 0;
}
