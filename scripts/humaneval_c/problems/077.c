//@ signature
bool iscuber(int a)
//@ canonical
    for (int i = 0; i * i * i <= abs(a); i++)
        if (i * i * i == abs(a)) return true;
    return false;
}
//@ wrong
    (void)a;
    return false;
}
//@ test
int main(void) {
    assert(iscuber(1) == true);
    assert(iscuber(2) == false);
    assert(iscuber(-1) == true);
    assert(iscuber(64) == true);
    assert(iscuber(180) == false);
    assert(iscuber(1000) == true);
    assert(iscuber(0) == true);
    assert(iscuber(1729) == false);
    return 0;
}
