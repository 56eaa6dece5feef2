//@ signature
float triangle_area(float a, float b, float c)
//@ canonical
    if (a + b <= c || a + c <= b || b + c <= a) return -1;
    float h = (a + b + c) / 2;
    return sqrtf(h * (h - a) * (h - b) * (h - c));
}
//@ wrong
    (void)a; (void)b; (void)c;
    return 0;
}
//@ test
int main(void) {
    assert(fabsf(triangle_area(3, 4, 5) - 6.00) < 0.01);
    assert(fabsf(triangle_area(1, 2, 10) + 1) < 0.01);
    assert(fabsf(triangle_area(4, 8, 5) - 8.18) < 0.01);
    assert(fabsf(triangle_area(2, 2, 2) - 1.73) < 0.01);
    assert(fabsf(triangle_area(1, 2, 3) + 1) < 0.01);
    assert(fabsf(triangle_area(10, 5, 7) - 16.25) < 0.01);
    assert(fabsf(triangle_area(2, 6, 3) + 1) < 0.01);
    assert(fabsf(triangle_area(1, 1, 1) - 0.43) < 0.01);
    assert(fabsf(triangle_area(2, 2, 10) + 1) < 0.01);
    return 0;
}
