//@ signature
char *encode(const char *message)
//@ canonical
    size_t n = strlen(message);
    char *out = malloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        char w = message[i];
        if (w >= 'a' && w <= 'z') w = (char)(w - 32);
        else if (w >= 'A' && w <= 'Z') w = (char)(w + 32);
        if (strchr("aeiouAEIOU", w) != NULL) w = (char)(w + 2);
        out[i] = w;
    }
    out[n] = '\0';
    return out;
}
//@ wrong
    (void)message;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(encode("TEST"), "tgst"));
    assert(same_str(encode("Mudasir"), "mWDCSKR"));
    assert(same_str(encode("YES"), "ygs"));
    assert(same_str(encode("This is a message"), "tHKS KS C MGSSCGG"));
    assert(same_str(encode("I DoNt KnOw WhAt tO WrItE"), "k dQnT kNqW wHcT Tq wRkTg"));
    return 0;
}
