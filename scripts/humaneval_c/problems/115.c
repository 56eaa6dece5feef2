//@ signature
int max_fill(const int **grid, const size_t *grid_row_lens, size_t grid_len, int capacity)
//@ notes
The 2-D grid is an array of row pointers plus an array of row lengths (the convention for vector<vector<int>>).
//@ canonical
    int out = 0;
    for (size_t i = 0; i < grid_len; i++) {
        int sum = 0;
        for (size_t j = 0; j < grid_row_lens[i]; j++) sum += grid[i][j];
        if (sum > 0) out += (sum - 1) / capacity + 1;
    }
    return out;
}
//@ wrong
    (void)grid; (void)grid_row_lens; (void)grid_len; (void)capacity;
    return 0;
}
//@ test
int main(void) {
    const int *a[] = {(int[]){0, 0, 1, 0}, (int[]){0, 1, 0, 0}, (int[]){1, 1, 1, 1}};
    assert(max_fill(a, (size_t[]){4, 4, 4}, 3, 1) == 6);
    const int *b[] = {(int[]){0, 0, 1, 1}, (int[]){0, 0, 0, 0}, (int[]){1, 1, 1, 1}, (int[]){0, 1, 1, 1}};
    assert(max_fill(b, (size_t[]){4, 4, 4, 4}, 4, 2) == 5);
    const int *c[] = {(int[]){0, 0, 0}, (int[]){0, 0, 0}};
    assert(max_fill(c, (size_t[]){3, 3}, 2, 5) == 0);
    const int *d[] = {(int[]){1, 1, 1, 1}, (int[]){1, 1, 1, 1}};
    assert(max_fill(d, (size_t[]){4, 4}, 2, 2) == 4);
    assert(max_fill(d, (size_t[]){4, 4}, 2, 9) == 2);
    return 0;
}
