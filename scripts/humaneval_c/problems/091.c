//@ signature
int is_bored(const char *S)
//@ canonical
    bool isstart = true, isi = false;
    int sum = 0;
    for (size_t i = 0; S[i] != '\0'; i++) {
        if (S[i] == ' ' && isi) {
            isi = false;
            sum += 1;
        }
        if (S[i] == 'I' && isstart) isi = true;
        else isi = false;
        if (S[i] != ' ') isstart = false;
        if (S[i] == '.' || S[i] == '?' || S[i] == '!') isstart = true;
    }
    return sum;
}
//@ wrong
    (void)S;
    return 0;
}
//@ test
int main(void) {
    assert(is_bored("Hello world") == 0);
    assert(is_bored("Is the sky blue?") == 0);
    assert(is_bored("I love It !") == 1);
    assert(is_bored("bIt") == 0);
    assert(is_bored("I feel good today. I will be productive. will kill It") == 2);
    assert(is_bored("You and I are going for a walk") == 0);
    return 0;
}
