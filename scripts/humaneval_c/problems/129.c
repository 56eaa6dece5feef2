//@ signature
int *minPath(const int **grid, const size_t *grid_row_lens, size_t grid_len, int k, size_t *out_len)
//@ notes
The 2-D grid is an array of row pointers plus an array of row lengths (the convention for vector<vector<int>>).
//@ canonical
    (void)grid_row_lens;
    size_t x = 0, y = 0, n = grid_len;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (grid[i][j] == 1) {
                x = i;
                y = j;
            }
    int min = (int)(n * n);
    if (x > 0 && grid[x - 1][y] < min) min = grid[x - 1][y];
    if (x + 1 < n && grid[x + 1][y] < min) min = grid[x + 1][y];
    if (y > 0 && grid[x][y - 1] < min) min = grid[x][y - 1];
    if (y + 1 < n && grid[x][y + 1] < min) min = grid[x][y + 1];
    int *out = malloc(((size_t)k + 1) * sizeof(int));
    for (int i = 0; i < k; i++)
        out[i] = i % 2 == 0 ? 1 : min;
    *out_len = (size_t)k;
    return out;
}
//@ wrong
    (void)grid; (void)grid_row_lens; (void)grid_len; (void)k;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    size_t l2[] = {2, 2}, l3[] = {3, 3, 3}, l4[] = {4, 4, 4, 4};
    const int *a[] = {(int[]){1, 2, 3}, (int[]){4, 5, 6}, (int[]){7, 8, 9}};
    r = minPath(a, l3, 3, 3, &n);
    assert(same_ints(r, n, INTS(1, 2, 1)));
    const int *b[] = {(int[]){5, 9, 3}, (int[]){4, 1, 6}, (int[]){7, 8, 2}};
    r = minPath(b, l3, 3, 1, &n);
    assert(same_ints(r, n, INTS(1)));
    const int *c[] = {(int[]){1, 2, 3, 4}, (int[]){5, 6, 7, 8}, (int[]){9, 10, 11, 12}, (int[]){13, 14, 15, 16}};
    r = minPath(c, l4, 4, 4, &n);
    assert(same_ints(r, n, INTS(1, 2, 1, 2)));
    const int *d[] = {(int[]){6, 4, 13, 10}, (int[]){5, 7, 12, 1}, (int[]){3, 16, 11, 15}, (int[]){8, 14, 9, 2}};
    r = minPath(d, l4, 4, 7, &n);
    assert(same_ints(r, n, INTS(1, 10, 1, 10, 1, 10, 1)));
    const int *e[] = {(int[]){8, 14, 9, 2}, (int[]){6, 4, 13, 15}, (int[]){5, 7, 1, 12}, (int[]){3, 10, 11, 16}};
    r = minPath(e, l4, 4, 5, &n);
    assert(same_ints(r, n, INTS(1, 7, 1, 7, 1)));
    const int *f[] = {(int[]){11, 8, 7, 2}, (int[]){5, 16, 14, 4}, (int[]){9, 3, 15, 6}, (int[]){12, 13, 10, 1}};
    r = minPath(f, l4, 4, 9, &n);
    assert(same_ints(r, n, INTS(1, 6, 1, 6, 1, 6, 1, 6, 1)));
    const int *g[] = {(int[]){12, 13, 10, 1}, (int[]){9, 3, 15, 6}, (int[]){5, 16, 14, 4}, (int[]){11, 8, 7, 2}};
    r = minPath(g, l4, 4, 12, &n);
    assert(same_ints(r, n, INTS(1, 6, 1, 6, 1, 6, 1, 6, 1, 6, 1, 6)));
    const int *h[] = {(int[]){2, 7, 4}, (int[]){3, 1, 5}, (int[]){6, 8, 9}};
    r = minPath(h, l3, 3, 8, &n);
    assert(same_ints(r, n, INTS(1, 3, 1, 3, 1, 3, 1, 3)));
    const int *i[] = {(int[]){6, 1, 5}, (int[]){3, 8, 9}, (int[]){2, 7, 4}};
    r = minPath(i, l3, 3, 8, &n);
    assert(same_ints(r, n, INTS(1, 5, 1, 5, 1, 5, 1, 5)));
    const int *j[] = {(int[]){1, 2}, (int[]){3, 4}};
    r = minPath(j, l2, 2, 10, &n);
    assert(same_ints(r, n, INTS(1, 2, 1, 2, 1, 2, 1, 2, 1, 2)));
    const int *k[] = {(int[]){1, 3}, (int[]){3, 2}};
    r = minPath(k, l2, 2, 10, &n);
    assert(same_ints(r, n, INTS(1, 3, 1, 3, 1, 3, 1, 3, 1, 3)));
    return 0;
}
