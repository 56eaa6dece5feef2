//@ signature
char *filp_case(const char *str)
//@ canonical
    size_t n = strlen(str);
    char *out = malloc(n + 1);
    for (size_t i = 0; i <= n; i++) {
        char w = str[i];
        if (w >= 'a' && w <= 'z') w -= 32;
        else if (w >= 'A' && w <= 'Z') w += 32;
        out[i] = w;
    }
    return out;
}
//@ wrong
    (void)str;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(filp_case(""), ""));
    assert(same_str(filp_case("Hello!"), "hELLO!"));
    assert(same_str(filp_case("These violent delights have violent ends"), "tHESE VIOLENT DELIGHTS HAVE VIOLENT ENDS"));
    return 0;
}
