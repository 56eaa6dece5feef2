//@ signature
bool correct_bracketing(const char *brackets)
//@ canonical
    int level = 0;
    for (size_t i = 0; brackets[i] != '\0'; i++) {
        if (brackets[i] == '<') level += 1;
        if (brackets[i] == '>') level -= 1;
        if (level < 0) return false;
    }
    return level == 0;
}
//@ wrong
    (void)brackets;
    return false;
}
//@ test
int main(void) {
    assert(correct_bracketing("<>"));
    assert(correct_bracketing("<<><>>"));
    assert(correct_bracketing("<><><<><>><>"));
    assert(correct_bracketing("<><><<<><><>><>><<><><<>>>"));
    assert(!correct_bracketing("<<<><>>>>"));
    assert(!correct_bracketing("><<>"));
    assert(!correct_bracketing("<"));
    assert(!correct_bracketing("<<<<"));
    assert(!correct_bracketing(">"));
    assert(!correct_bracketing("<<>"));
    assert(!correct_bracketing("<><><<><>><>><<>"));
    assert(!correct_bracketing("<><><<><>><>>><>"));
    return 0;
}
