//@ signature
char *encrypt(const char *s)
//@ canonical
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        out[i] = (char)(((int)s[i] + 4 - (int)'a') % 26 + (int)'a');
    out[n] = '\0';
    return out;
}
//@ wrong
    (void)s;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(encrypt("hi"), "lm"));
    assert(same_str(encrypt("asdfghjkl"), "ewhjklnop"));
    assert(same_str(encrypt("gf"), "kj"));
    assert(same_str(encrypt("et"), "ix"));
    assert(same_str(encrypt("faewfawefaewg"), "jeiajeaijeiak"));
    assert(same_str(encrypt("hellomyfriend"), "lippsqcjvmirh"));
    assert(same_str(encrypt("dxzdlmnilfuhmilufhlihufnmlimnufhlimnufhfucufh"), "hbdhpqrmpjylqmpyjlpmlyjrqpmqryjlpmqryjljygyjl"));
    assert(same_str(encrypt("a"), "e"));
    return 0;
}
