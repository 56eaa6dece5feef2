//@ signature
int next_smallest(const int *lst, size_t lst_len)
//@ docstring
You are given an array of integers.
Write a function next_smallest() that returns the 2nd smallest element of the array.
Return -1 if there is no such element.

next_smallest({1, 2, 3, 4, 5}) == 2
next_smallest({5, 1, 4, 3, 2}) == 2
next_smallest({}) == -1
next_smallest({1, 1}) == -1
//@ notes
The C++ docstring says "Return None"; its code and tests return -1, and so does the docstring here.
//@ canonical
    bool have_min = false, have_second = false;
    int min = 0, second = 0;
    for (size_t i = 0; i < lst_len; i++)
        if (!have_min || lst[i] < min) {
            min = lst[i];
            have_min = true;
        }
    for (size_t i = 0; i < lst_len; i++)
        if (lst[i] != min && (!have_second || lst[i] < second)) {
            second = lst[i];
            have_second = true;
        }
    return have_second ? second : -1;
}
//@ wrong
    (void)lst; (void)lst_len;
    return 0;
}
//@ test
int main(void) {
    assert(next_smallest(INTS(1, 2, 3, 4, 5)) == 2);
    assert(next_smallest(INTS(5, 1, 4, 3, 2)) == 2);
    assert(next_smallest(NULL, 0) == -1);
    assert(next_smallest(INTS(1, 1)) == -1);
    assert(next_smallest(INTS(1, 1, 1, 1, 0)) == 1);
    assert(next_smallest(INTS(-35, 34, 12, -45)) == -35);
    return 0;
}
