//@ signature
bool has_close_elements(const float *numbers, size_t numbers_len, float threshold)
//@ canonical
    for (size_t i = 0; i < numbers_len; i++)
        for (size_t j = i + 1; j < numbers_len; j++)
            if (fabsf(numbers[i] - numbers[j]) < threshold)
                return true;
    return false;
}
//@ wrong
    return false;
}
//@ test
int main(void) {
    float a[] = {1.0, 2.0, 3.9, 4.0, 5.0, 2.2};
    assert(has_close_elements(a, 6, 0.3) == true);
    assert(has_close_elements(a, 6, 0.05) == false);
    assert(has_close_elements(FLOATS(1.0, 2.0, 5.9, 4.0, 5.0), 0.95) == true);
    assert(has_close_elements(FLOATS(1.0, 2.0, 5.9, 4.0, 5.0), 0.8) == false);
    assert(has_close_elements(FLOATS(1.0, 2.0, 3.0, 4.0, 5.0), 2.0) == true);
    assert(has_close_elements(FLOATS(1.1, 2.2, 3.1, 4.1, 5.1), 1.0) == true);
    assert(has_close_elements(FLOATS(1.1, 2.2, 3.1, 4.1, 5.1), 0.5) == false);
    return 0;
}
