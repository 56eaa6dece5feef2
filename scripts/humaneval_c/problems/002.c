//@ signature
float truncate_number(float number)
//@ canonical
    return number - (int)number;
}
//@ wrong
    return 0;
}
//@ test
int main(void) {
    assert(truncate_number(3.5) == 0.5);
    assert(fabsf(truncate_number(1.33) - 0.33) < 1e-4);
    assert(fabsf(truncate_number(123.456) - 0.456) < 1e-4);
    return 0;
}
