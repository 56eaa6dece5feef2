//@ signature
int *order_by_points(const int *nums, size_t nums_len, size_t *out_len)
//@ canonical
    int *out = malloc((nums_len + 1) * sizeof(int));
    int *sumdigit = malloc((nums_len + 1) * sizeof(int));
    for (size_t i = 0; i < nums_len; i++) {
        int w = abs(nums[i]), sum = 0;
        while (w >= 10) {
            sum += w % 10;
            w /= 10;
        }
        sum += nums[i] > 0 ? w : -w;
        out[i] = nums[i];
        sumdigit[i] = sum;
    }
    for (size_t i = 1; i < nums_len; i++)
        for (size_t j = i; j > 0 && sumdigit[j - 1] > sumdigit[j]; j--) {
            int t = sumdigit[j];
            sumdigit[j] = sumdigit[j - 1];
            sumdigit[j - 1] = t;
            t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    free(sumdigit);
    *out_len = nums_len;
    return out;
}
//@ wrong
    (void)nums; (void)nums_len;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    r = order_by_points(INTS(1, 11, -1, -11, -12), &n);
    assert(same_ints(r, n, INTS(-1, -11, 1, -12, 11)));
    r = order_by_points(INTS(1234, 423, 463, 145, 2, 423, 423, 53, 6, 37, 3457, 3, 56, 0, 46), &n);
    assert(same_ints(r, n, INTS(0, 2, 3, 6, 53, 423, 423, 423, 1234, 145, 37, 46, 56, 463, 3457)));
    r = order_by_points(NULL, 0, &n);
    assert(same_ints(r, n, NULL, 0));
    r = order_by_points(INTS(1, -11, -32, 43, 54, -98, 2, -3), &n);
    assert(same_ints(r, n, INTS(-3, -32, -98, -11, 1, 2, 43, 54)));
    r = order_by_points(INTS(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), &n);
    assert(same_ints(r, n, INTS(1, 10, 2, 11, 3, 4, 5, 6, 7, 8, 9)));
    r = order_by_points(INTS(0, 6, 6, -76, -21, 23, 4), &n);
    assert(same_ints(r, n, INTS(-76, -21, 0, 4, 23, 6, 6)));
    return 0;
}
