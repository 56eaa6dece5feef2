//@ signature
int get_matrix_triples(int n)
//@ canonical
    int count[3] = {0, 0, 0};
    for (int i = 1; i <= n; i++) count[(i * i - i + 1) % 3]++;
    int total = 0;
    for (int r1 = 0; r1 < 3; r1++)
        for (int r2 = r1; r2 < 3; r2++)
            for (int r3 = r2; r3 < 3; r3++) {
                if ((r1 + r2 + r3) % 3 != 0) continue;
                if (r1 == r2 && r2 == r3) total += count[r1] * (count[r1] - 1) * (count[r1] - 2) / 6;
                else if (r1 == r2) total += count[r1] * (count[r1] - 1) / 2 * count[r3];
                else if (r2 == r3) total += count[r1] * count[r2] * (count[r2] - 1) / 2;
                else total += count[r1] * count[r2] * count[r3];
            }
    return total;
}
//@ wrong
    (void)n;
    return 0;
}
//@ test
int main(void) {
    assert(get_matrix_triples(5) == 1);
    assert(get_matrix_triples(6) == 4);
    assert(get_matrix_triples(10) == 36);
    assert(get_matrix_triples(100) == 53361);
    return 0;
}
