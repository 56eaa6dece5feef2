//@ signature
bool cycpattern_check(const char *a, const char *b)
//@ canonical
    size_t n = strlen(b);
    char *rotate = malloc(n + 1);
    bool found = false;
    for (size_t i = 0; i < n && !found; i++) {
        memcpy(rotate, b + i, n - i);
        memcpy(rotate + n - i, b, i);
        rotate[n] = '\0';
        found = strstr(a, rotate) != NULL;
    }
    free(rotate);
    return found;
}
//@ wrong
    (void)a; (void)b;
    return false;
}
//@ test
int main(void) {
    assert(cycpattern_check("xyzw", "xyw") == false);
    assert(cycpattern_check("yello", "ell") == true);
    assert(cycpattern_check("whattup", "ptut") == false);
    assert(cycpattern_check("efef", "fee") == true);
    assert(cycpattern_check("abab", "aabb") == false);
    assert(cycpattern_check("winemtt", "tinem") == true);
    return 0;
}
