//@ signature
bool check_dict_case(const char **keys, const char **values, size_t dict_len)
//@ docstring
Given a dictionary as two parallel arrays (keys[i] maps to values[i], dict_len entries),
return true if all keys are strings in lower
case or all keys are strings in upper case, else return false.
The function should return false is the given dictionary is empty.
Examples:
check_dict_case({{"a","apple"}, {"b","banana"}}) should return true.
check_dict_case({{"a","apple"}, {"A","banana"}, {"B","banana"}}) should return false.
check_dict_case({{"a","apple"}, {"8","banana"}, {"a","apple"}}) should return false.
check_dict_case({{"Name","John"}, {"Age","36"}, {"City","Houston"}}) should return false.
check_dict_case({{"STATE","NC"}, {"ZIP","12345"} }) should return true.
//@ notes
map<string,string> becomes two parallel arrays (keys, values) and a length; the docstring says so.
//@ canonical
    (void)values;
    bool has_lower = false, has_upper = false;
    if (dict_len == 0) return false;
    for (size_t k = 0; k < dict_len; k++)
        for (size_t i = 0; keys[k][i] != '\0'; i++) {
            char c = keys[k][i];
            if (c >= 'a' && c <= 'z') has_lower = true;
            else if (c >= 'A' && c <= 'Z') has_upper = true;
            else return false;
            if (has_lower && has_upper) return false;
        }
    return true;
}
//@ wrong
    (void)keys; (void)values; (void)dict_len;
    return false;
}
//@ test
int main(void) {
    assert(check_dict_case((const char *[]){"p", "b"}, (const char *[]){"pineapple", "banana"}, 2) == true);
    assert(check_dict_case((const char *[]){"p", "A", "B"}, (const char *[]){"pineapple", "banana", "banana"}, 3) == false);
    assert(check_dict_case((const char *[]){"p", "5", "a"}, (const char *[]){"pineapple", "banana", "apple"}, 3) == false);
    assert(check_dict_case((const char *[]){"Name", "Age", "City"}, (const char *[]){"John", "36", "Houston"}, 3) == false);
    assert(check_dict_case((const char *[]){"STATE", "ZIP"}, (const char *[]){"NC", "12345"}, 2) == true);
    assert(check_dict_case((const char *[]){"fruit", "taste"}, (const char *[]){"Orange", "Sweet"}, 2) == true);
    assert(check_dict_case(NULL, NULL, 0) == false);
    return 0;
}
