//@ signature
char *Strongest_Extension(const char *class_name, const char **extensions, size_t extensions_len)
//@ canonical
    const char *strongest = "";
    int max = -1000;
    for (size_t i = 0; i < extensions_len; i++) {
        int strength = 0;
        for (size_t j = 0; extensions[i][j] != '\0'; j++) {
            char chr = extensions[i][j];
            if (chr >= 'A' && chr <= 'Z') strength += 1;
            if (chr >= 'a' && chr <= 'z') strength -= 1;
        }
        if (strength > max) {
            max = strength;
            strongest = extensions[i];
        }
    }
    char *out = malloc(strlen(class_name) + strlen(strongest) + 2);
    sprintf(out, "%s.%s", class_name, strongest);
    return out;
}
//@ wrong
    (void)class_name; (void)extensions; (void)extensions_len;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(Strongest_Extension("Watashi", STRS("tEN", "niNE", "eIGHt8OKe")), "Watashi.eIGHt8OKe"));
    assert(same_str(Strongest_Extension("Boku123", STRS("nani", "NazeDa", "YEs.WeCaNe", "32145tggg")), "Boku123.YEs.WeCaNe"));
    assert(same_str(Strongest_Extension("__YESIMHERE", STRS("t", "eMptY", "(nothing", "zeR00", "NuLl__", "123NoooneB321")), "__YESIMHERE.NuLl__"));
    assert(same_str(Strongest_Extension("K", STRS("Ta", "TAR", "t234An", "cosSo")), "K.TAR"));
    assert(same_str(Strongest_Extension("__HAHA", STRS("Tab", "123", "781345", "-_-")), "__HAHA.123"));
    assert(same_str(Strongest_Extension("YameRore", STRS("HhAas", "okIWILL123", "WorkOut", "Fails", "-_-")), "YameRore.okIWILL123"));
    assert(same_str(Strongest_Extension("finNNalLLly", STRS("Die", "NowW", "Wow", "WoW")), "finNNalLLly.WoW"));
    assert(same_str(Strongest_Extension("_", STRS("Bb", "91245")), "_.Bb"));
    assert(same_str(Strongest_Extension("Sp", STRS("671235", "Bb")), "Sp.671235"));
    return 0;
}
