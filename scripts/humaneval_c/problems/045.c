//@ signature
float triangle_area(float a, float h)
//@ canonical
    return (a * h) * 0.5f;
}
//@ wrong
    (void)a; (void)h;
    return 0;
}
//@ test
int main(void) {
    assert(fabsf(triangle_area(5, 3) - 7.5) < 1e-4);
    assert(fabsf(triangle_area(2, 2) - 2.0) < 1e-4);
    assert(fabsf(triangle_area(10, 8) - 40.0) < 1e-4);
    return 0;
}
