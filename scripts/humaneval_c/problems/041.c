//@ signature
int car_race_collision(int n)
//@ canonical
    return n * n;
}
//@ wrong
    (void)n;
    return 0;
}
//@ test
int main(void) {
    assert(car_race_collision(2) == 4);
    assert(car_race_collision(3) == 9);
    assert(car_race_collision(4) == 16);
    assert(car_race_collision(8) == 64);
    assert(car_race_collision(10) == 100);
    return 0;
}
