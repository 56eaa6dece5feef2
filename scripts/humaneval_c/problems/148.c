//@ signature
char **bf(const char *planet1, const char *planet2, size_t *out_len)
//@ canonical
    static const char *planets[8] = {"Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune"};
    int pos1 = -1, pos2 = -1;
    for (int m = 0; m < 8; m++) {
        if (strcmp(planets[m], planet1) == 0) pos1 = m;
        if (strcmp(planets[m], planet2) == 0) pos2 = m;
    }
    char **out = malloc(8 * sizeof(char *));
    size_t k = 0;
    if (pos1 != -1 && pos2 != -1) {
        if (pos1 > pos2) {
            int m = pos1;
            pos1 = pos2;
            pos2 = m;
        }
        for (int m = pos1 + 1; m < pos2; m++) {
            out[k] = malloc(strlen(planets[m]) + 1);
            strcpy(out[k++], planets[m]);
        }
    }
    *out_len = k;
    return out;
}
//@ wrong
    (void)planet1; (void)planet2;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    char **r;
    r = bf("Jupiter", "Neptune", &n);
    assert(same_strs(r, n, STRS("Saturn", "Uranus")));
    r = bf("Earth", "Mercury", &n);
    assert(same_strs(r, n, STRS("Venus")));
    r = bf("Mercury", "Uranus", &n);
    assert(same_strs(r, n, STRS("Venus", "Earth", "Mars", "Jupiter", "Saturn")));
    r = bf("Neptune", "Venus", &n);
    assert(same_strs(r, n, STRS("Earth", "Mars", "Jupiter", "Saturn", "Uranus")));
    r = bf("Earth", "Earth", &n);
    assert(same_strs(r, n, NULL, 0));
    r = bf("Mars", "Earth", &n);
    assert(same_strs(r, n, NULL, 0));
    r = bf("Jupiter", "Makemake", &n);
    assert(same_strs(r, n, NULL, 0));
    return 0;
}
