//@ signature
char *file_name_check(const char *file_name)
//@ canonical
    size_t n = strlen(file_name);
    bool ok = n >= 5 && isalpha((unsigned char)file_name[0]);
    if (ok) {
        const char *last = file_name + n - 4;
        ok = strcmp(last, ".txt") == 0 || strcmp(last, ".exe") == 0 || strcmp(last, ".dll") == 0;
    }
    int numdigit = 0, numdot = 0;
    for (size_t i = 0; i < n; i++) {
        if (isdigit((unsigned char)file_name[i])) numdigit += 1;
        if (file_name[i] == '.') numdot += 1;
    }
    if (numdigit > 3 || numdot != 1) ok = false;
    char *out = malloc(4);
    strcpy(out, ok ? "Yes" : "No");
    return out;
}
//@ wrong
    (void)file_name;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(file_name_check("example.txt"), "Yes"));
    assert(same_str(file_name_check("1example.dll"), "No"));
    assert(same_str(file_name_check("s1sdf3.asd"), "No"));
    assert(same_str(file_name_check("K.dll"), "Yes"));
    assert(same_str(file_name_check("MY16FILE3.exe"), "Yes"));
    assert(same_str(file_name_check("His12FILE94.exe"), "No"));
    assert(same_str(file_name_check("_Y.txt"), "No"));
    assert(same_str(file_name_check("?aREYA.exe"), "No"));
    assert(same_str(file_name_check("/this_is_valid.dll"), "No"));
    assert(same_str(file_name_check("this_is_valid.wow"), "No"));
    assert(same_str(file_name_check("this_is_valid.txt"), "Yes"));
    assert(same_str(file_name_check("this_is_valid.txtexe"), "No"));
    assert(same_str(file_name_check("#this2_i4s_5valid.ten"), "No"));
    assert(same_str(file_name_check("@this1_is6_valid.exe"), "No"));
    assert(same_str(file_name_check("this_is_12valid.6exe4.txt"), "No"));
    assert(same_str(file_name_check("all.exe.txt"), "No"));
    assert(same_str(file_name_check("I563_No.exe"), "Yes"));
    assert(same_str(file_name_check("Is3youfault.txt"), "Yes"));
    assert(same_str(file_name_check("no_one#knows.dll"), "Yes"));
    assert(same_str(file_name_check("1I563_Yes3.exe"), "No"));
    assert(same_str(file_name_check("I563_Yes3.txtt"), "No"));
    assert(same_str(file_name_check("final..txt"), "No"));
    assert(same_str(file_name_check("final132"), "No"));
    assert(same_str(file_name_check("_f4indsartal132."), "No"));
    assert(same_str(file_name_check(".txt"), "No"));
    assert(same_str(file_name_check("s."), "No"));
    return 0;
}
