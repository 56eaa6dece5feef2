//@ signature
bool is_multiply_prime(int a)
//@ canonical
    int num = 0;
    for (int i = 2; i * i <= a; i++)
        while (a % i == 0 && a > i) {
            a = a / i;
            num += 1;
        }
    return num == 2;
}
//@ wrong
    (void)a;
    return false;
}
//@ test
int main(void) {
    assert(is_multiply_prime(5) == false);
    assert(is_multiply_prime(30) == true);
    assert(is_multiply_prime(8) == true);
    assert(is_multiply_prime(10) == false);
    assert(is_multiply_prime(125) == true);
    assert(is_multiply_prime(3 * 5 * 7) == true);
    assert(is_multiply_prime(3 * 6 * 7) == false);
    assert(is_multiply_prime(9 * 9 * 9) == false);
    assert(is_multiply_prime(11 * 9 * 9) == false);
    assert(is_multiply_prime(11 * 13 * 7) == true);
    return 0;
}
