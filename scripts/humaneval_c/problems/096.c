//@ signature
int *count_up_to(int n, size_t *out_len)
//@ canonical
    int *out = malloc(((size_t)(n > 0 ? n : 0) + 1) * sizeof(int));
    size_t k = 0;
    for (int i = 2; i < n; i++) {
        bool isp = true;
        for (size_t j = 0; j < k && out[j] * out[j] <= i; j++)
            if (i % out[j] == 0) isp = false;
        if (isp) out[k++] = i;
    }
    *out_len = k;
    return out;
}
//@ wrong
    (void)n;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = count_up_to(5, &n);
    assert(same_ints(r, n, INTS(2, 3)));
    r = count_up_to(6, &n);
    assert(same_ints(r, n, INTS(2, 3, 5)));
    r = count_up_to(7, &n);
    assert(same_ints(r, n, INTS(2, 3, 5)));
    r = count_up_to(10, &n);
    assert(same_ints(r, n, INTS(2, 3, 5, 7)));
    r = count_up_to(0, &n);
    assert(same_ints(r, n, NULL, 0));
    r = count_up_to(22, &n);
    assert(same_ints(r, n, INTS(2, 3, 5, 7, 11, 13, 17, 19)));
    r = count_up_to(1, &n);
    assert(same_ints(r, n, NULL, 0));
    r = count_up_to(18, &n);
    assert(same_ints(r, n, INTS(2, 3, 5, 7, 11, 13, 17)));
    r = count_up_to(47, &n);
    assert(same_ints(r, n, INTS(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43)));
    r = count_up_to(101, &n);
    assert(same_ints(r, n, INTS(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97)));
    return 0;
}
