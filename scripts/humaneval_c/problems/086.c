//@ signature
char *anti_shuffle(const char *s)
//@ canonical
    size_t n = strlen(s), start = 0;
    char *out = malloc(n + 1);
    memcpy(out, s, n + 1);
    for (size_t i = 0; i <= n; i++) {
        if (out[i] == ' ' || out[i] == '\0') {
            for (size_t a = start + 1; a < i; a++)
                for (size_t b = a; b > start && out[b - 1] > out[b]; b--) {
                    char t = out[b];
                    out[b] = out[b - 1];
                    out[b - 1] = t;
                }
            start = i + 1;
        }
    }
    return out;
}
//@ wrong
    (void)s;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(anti_shuffle("Hi"), "Hi"));
    assert(same_str(anti_shuffle("hello"), "ehllo"));
    assert(same_str(anti_shuffle("number"), "bemnru"));
    assert(same_str(anti_shuffle("abcd"), "abcd"));
    assert(same_str(anti_shuffle("Hello World!!!"), "Hello !!!Wdlor"));
    assert(same_str(anti_shuffle(""), ""));
    assert(same_str(anti_shuffle("Hi. My name is Mister Robot. How are you?"), ".Hi My aemn is Meirst .Rboot How aer ?ouy"));
    return 0;
}
