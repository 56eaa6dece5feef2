//@ signature
int *remove_duplicates(const int *numbers, size_t numbers_len, size_t *out_len)
//@ canonical
    int *out = malloc((numbers_len + 1) * sizeof(int));
    size_t k = 0;
    for (size_t i = 0; i < numbers_len; i++) {
        size_t count = 0;
        for (size_t j = 0; j < numbers_len; j++)
            if (numbers[j] == numbers[i]) count++;
        if (count == 1) out[k++] = numbers[i];
    }
    *out_len = k;
    return out;
}
//@ wrong
    (void)numbers; (void)numbers_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = remove_duplicates(NULL, 0, &n);
    assert(same_ints(r, n, NULL, 0));
    r = remove_duplicates(INTS(1, 2, 3, 4), &n);
    assert(same_ints(r, n, INTS(1, 2, 3, 4)));
    r = remove_duplicates(INTS(1, 2, 3, 2, 4, 3, 5), &n);
    assert(same_ints(r, n, INTS(1, 4, 5)));
    return 0;
}
