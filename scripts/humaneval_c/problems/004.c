//@ signature
float mean_absolute_deviation(const float *numbers, size_t numbers_len)
//@ canonical
    float sum = 0, avg, msum = 0;
    for (size_t i = 0; i < numbers_len; i++)
        sum += numbers[i];
    avg = sum / numbers_len;
    for (size_t i = 0; i < numbers_len; i++)
        msum += fabsf(numbers[i] - avg);
    return msum / numbers_len;
}
//@ wrong
    return 0;
}
//@ test
int main(void) {
    assert(fabsf(mean_absolute_deviation(FLOATS(1.0, 2.0, 3.0)) - 2.0 / 3.0) < 1e-4);
    assert(fabsf(mean_absolute_deviation(FLOATS(1.0, 2.0, 3.0, 4.0)) - 1.0) < 1e-4);
    assert(fabsf(mean_absolute_deviation(FLOATS(1.0, 2.0, 3.0, 4.0, 5.0)) - 6.0 / 5.0) < 1e-4);
    return 0;
}
