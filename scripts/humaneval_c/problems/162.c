//@ signature
char *string_to_md5(const char *text)
//@ docstring
Given a string 'text", return its md5 hash equivalent string.
If 'text" is an empty string, return "None".

>>> string_to_md5("Hello world") == "3e25960a79dbc69b674cd4ec67a72c62"
//@ notes
The C++ version calls OpenSSL's MD5; C has no MD5 in its standard library and the benchmark links only libm, so a solution has to compute MD5 itself (the canonical solution implements RFC 1321). Harder than in the languages with a hashing library.
//@ canonical
    if (text[0] == '\0') {
        char *none = malloc(5);
        strcpy(none, "None");
        return none;
    }
    static const int S[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                              5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
                              4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                              6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
    uint32_t K[64];
    for (int i = 0; i < 64; i++) K[i] = (uint32_t)(fabs(sin(i + 1.0)) * 4294967296.0);
    size_t len = strlen(text);
    size_t total = ((len + 8) / 64 + 1) * 64;
    unsigned char *msg = calloc(total, 1);
    memcpy(msg, text, len);
    msg[len] = 0x80;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++) msg[total - 8 + i] = (unsigned char)(bits >> (8 * i));
    uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    for (size_t off = 0; off < total; off += 64) {
        uint32_t M[16];
        for (int i = 0; i < 16; i++)
            M[i] = (uint32_t)msg[off + 4 * i] | (uint32_t)msg[off + 4 * i + 1] << 8 |
                   (uint32_t)msg[off + 4 * i + 2] << 16 | (uint32_t)msg[off + 4 * i + 3] << 24;
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
        for (int i = 0; i < 64; i++) {
            uint32_t f;
            int g;
            if (i < 16) {
                f = (b & c) | (~b & d);
                g = i;
            } else if (i < 32) {
                f = (d & b) | (~d & c);
                g = (5 * i + 1) % 16;
            } else if (i < 48) {
                f = b ^ c ^ d;
                g = (3 * i + 5) % 16;
            } else {
                f = c ^ (b | ~d);
                g = (7 * i) % 16;
            }
            f = f + a + K[i] + M[g];
            a = d;
            d = c;
            c = b;
            b = b + ((f << S[i]) | (f >> (32 - S[i])));
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
    }
    free(msg);
    char *out = malloc(33);
    for (int i = 0; i < 16; i++) sprintf(out + 2 * i, "%02x", (unsigned)((h[i / 4] >> (8 * (i % 4))) & 0xff));
    return out;
}
//@ wrong
    (void)text;
    return calloc(1, 1);
}
//@ test
int main(void) {
    assert(same_str(string_to_md5("Hello world"), "3e25960a79dbc69b674cd4ec67a72c62"));
    assert(same_str(string_to_md5(""), "None"));
    assert(same_str(string_to_md5("A B C"), "0ef78513b0cb8cef12743f5aeb35f888"));
    assert(same_str(string_to_md5("password"), "5f4dcc3b5aa765d61d8327deb882cf99"));
    return 0;
}
