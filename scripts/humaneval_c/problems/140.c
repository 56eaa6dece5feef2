//@ signature
char *fix_spaces(const char *text)
//@ canonical
    size_t n = strlen(text), k = 0;
    char *out = malloc(n + 1);
    int spacelen = 0;
    for (size_t i = 0; i <= n; i++) {
        if (text[i] == ' ') {
            spacelen += 1;
            continue;
        }
        if (spacelen == 1) out[k++] = '_';
        if (spacelen == 2) {
            out[k++] = '_';
            out[k++] = '_';
        }
        if (spacelen > 2) out[k++] = '-';
        spacelen = 0;
        out[k++] = text[i];
    }
    return out;
}
//@ wrong
    (void)text;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(fix_spaces("Example"), "Example"));
    assert(same_str(fix_spaces("Mudasir Hanif "), "Mudasir_Hanif_"));
    assert(same_str(fix_spaces("Yellow Yellow  Dirty  Fellow"), "Yellow_Yellow__Dirty__Fellow"));
    assert(same_str(fix_spaces("Exa   mple"), "Exa-mple"));
    assert(same_str(fix_spaces("   Exa 1 2 2 mple"), "-Exa_1_2_2_mple"));
    return 0;
}
