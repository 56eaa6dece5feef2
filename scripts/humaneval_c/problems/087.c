//@ signature
int *get_row(const int **lst, const size_t *lst_row_lens, size_t lst_len, int x, size_t *out_len)
//@ docstring
You are given a 2 dimensional data, as a nested arrays,
which is similar to matrix, however, unlike matrices,
each row may contain a different number of columns:
row i is lst[i] and has lst_row_lens[i] elements.
Given lst, and integer x, find integers x in the array,
and return the coordinates as a flat array of (row, column) pairs,
{row0, col0, row1, col1, ...}, each pair a coordinate starting with 0;
*out_len is the number of ints written (twice the number of coordinates).
Sort coordinates initially by rows in ascending order.
Also, sort coordinates of the row by columns in descending order.

Examples:
get_row({
  {1,2,3,4,5,6},
  {1,2,3,4,1,6},
  {1,2,3,4,5,1}
}, 1) == {0, 0, 1, 4, 1, 0, 2, 5, 2, 0}
get_row({}, 1) == {}
get_row({{}, {1}, {1, 2, 3}}, 3) == {2, 2}
//@ notes
The ragged 2-D input is an array of row pointers plus an array of row lengths; the list of (row, column) pairs comes back as one flat int array. The docstring says so.
//@ canonical
    size_t total = 0, k = 0;
    for (size_t i = 0; i < lst_len; i++) total += lst_row_lens[i];
    int *out = malloc((2 * total + 1) * sizeof(int));
    for (size_t i = 0; i < lst_len; i++)
        for (size_t j = lst_row_lens[i]; j-- > 0;)
            if (lst[i][j] == x) {
                out[k++] = (int)i;
                out[k++] = (int)j;
            }
    *out_len = k;
    return out;
}
//@ wrong
    (void)lst; (void)lst_row_lens; (void)lst_len; (void)x;
    *out_len = 0;
    return NULL;
}
//@ test
int main(void) {
    size_t n;
    int *r;
    const int *a[] = {(int[]){1, 2, 3, 4, 5, 6}, (int[]){1, 2, 3, 4, 1, 6}, (int[]){1, 2, 3, 4, 5, 1}};
    r = get_row(a, (size_t[]){6, 6, 6}, 3, 1, &n);
    assert(same_ints(r, n, INTS(0, 0, 1, 4, 1, 0, 2, 5, 2, 0)));
    const int row[] = {1, 2, 3, 4, 5, 6};
    const int *b[] = {row, row, row, row, row, row};
    r = get_row(b, (size_t[]){6, 6, 6, 6, 6, 6}, 6, 2, &n);
    assert(same_ints(r, n, INTS(0, 1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1)));
    const int *c[] = {(int[]){1, 2, 3, 4, 5, 6}, (int[]){1, 2, 3, 4, 5, 6}, (int[]){1, 1, 3, 4, 5, 6},
                      (int[]){1, 2, 1, 4, 5, 6}, (int[]){1, 2, 3, 1, 5, 6}, (int[]){1, 2, 3, 4, 1, 6},
                      (int[]){1, 2, 3, 4, 5, 1}};
    r = get_row(c, (size_t[]){6, 6, 6, 6, 6, 6, 6}, 7, 1, &n);
    assert(same_ints(r, n, INTS(0, 0, 1, 0, 2, 1, 2, 0, 3, 2, 3, 0, 4, 3, 4, 0, 5, 4, 5, 0, 6, 5, 6, 0)));
    r = get_row(NULL, NULL, 0, 1, &n);
    assert(same_ints(r, n, NULL, 0));
    const int *d[] = {(int[]){1}};
    r = get_row(d, (size_t[]){1}, 1, 2, &n);
    assert(same_ints(r, n, NULL, 0));
    const int *e[] = {NULL, (int[]){1}, (int[]){1, 2, 3}};
    r = get_row(e, (size_t[]){0, 1, 3}, 3, 3, &n);
    assert(same_ints(r, n, INTS(2, 2)));
    return 0;
}
