//@ signature
char *words_in_sentence(const char *sentence)
//@ canonical
    size_t n = strlen(sentence), k = 0, start = 0;
    char *out = malloc(n + 1);
    for (size_t i = 0; i <= n; i++) {
        if (sentence[i] != ' ' && sentence[i] != '\0') continue;
        size_t l = i - start;
        bool isp = l >= 2;
        for (size_t j = 2; j * j <= l; j++)
            if (l % j == 0) isp = false;
        if (isp) {
            if (k > 0) out[k++] = ' ';
            memcpy(out + k, sentence + start, l);
            k += l;
        }
        start = i + 1;
    }
    out[k] = '\0';
    return out;
}
//@ wrong
    (void)sentence;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(words_in_sentence("This is a test"), "is"));
    assert(same_str(words_in_sentence("lets go for swimming"), "go for"));
    assert(same_str(words_in_sentence("there is no place available here"), "there is no place"));
    assert(same_str(words_in_sentence("Hi I am Hussein"), "Hi am Hussein"));
    assert(same_str(words_in_sentence("go for it"), "go for it"));
    assert(same_str(words_in_sentence("here"), ""));
    assert(same_str(words_in_sentence("here is"), "is"));
    return 0;
}
