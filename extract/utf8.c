/* utf8.c: strict UTF-8 validation, code point counting, encoding a code point, and decoding a JSON
 * string's escapes (the JSON readers written here: the lean JSON Lines reader and the timeline parts).
 *
 * Exports (internal.h): chr__utf8_check (rejects overlong forms, UTF-16 surrogates, code points above
 * U+10FFFF, truncated sequences, stray continuation bytes and NUL bytes), chr__utf8_count, chr__utf8_put,
 * chr__json_escape; the ASCII class of each byte, chr__ascii_class. */
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal.h"

#define A CHR__ASCII_ALNUM
#define S CHR__ASCII_SPACE
const unsigned char chr__ascii_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, S, S, S, S, S, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    S, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20 */
    A, A, A, A, A, A, A, A, A, A, 0, 0, 0, 0, 0, 0, /* 0x30 */
    0, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, /* 0x40 */
    A, A, A, A, A, A, A, A, A, A, A, 0, 0, 0, 0, 0, /* 0x50 */
    0, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, /* 0x60 */
    A, A, A, A, A, A, A, A, A, A, A, 0, 0, 0, 0, 0, /* 0x70 */
};
#undef A
#undef S

int chr__utf8_check(const char *s, size_t len, size_t *bad) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        unsigned c = p[i];
        size_t n, k;
        unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */

        if (c >= 0x01 && c <= 0x7F) {
            i++;
#if defined(__SSE2__)
            /* a run of ASCII without NUL, 16 bytes a step: no high bit, in the bytes or in their
             * comparison with zero */
            while (len - i >= 16) {
                __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
                if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_setzero_si128()))))
                    break;
                i += 16;
            }
#endif
            /* then 8 bytes a step: no high bit, and no zero byte (whose borrow would show in the lowest
             * one) */
            while (len - i >= 8) {
                uint64_t x;
                memcpy(&x, p + i, 8);
                if ((x | ((x - 0x0101010101010101u) & ~x)) & 0x8080808080808080u)
                    break;
                i += 8;
            }
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0) {
                lo = 0xA0; /* overlong */
            } else if (c == 0xED) {
                hi = 0x9F; /* surrogates */
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0) {
                lo = 0x90; /* overlong */
            } else if (c == 0xF4) {
                hi = 0x8F; /* above U+10FFFF */
            }
        } else {
            /* NUL, continuation byte, C0/C1 overlong lead, F5..FF */
            goto fail;
        }
        if (len - i < n) {
            goto fail;
        }
        if (p[i + 1] < lo || p[i + 1] > hi) {
            goto fail;
        }
        for (k = 2; k < n; k++) {
            if ((p[i + k] & 0xC0) != 0x80) {
                goto fail;
            }
        }
        i += n;
    }
    return 0;

fail:
    if (bad) {
        *bad = i;
    }
    return CHR_EUTF8;
}

size_t chr__utf8_count(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, n = 0;

    /* 8 bytes a step: a continuation byte is 10xxxxxx, its top bit set and the next one clear */
    for (; len - i >= 8; i += 8) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        uint64_t cont = x & ~(x << 1) & 0x8080808080808080u;
        n += 8 - (size_t)(((cont >> 7) * 0x0101010101010101u) >> 56); /* the sum of the 0/1 bytes */
    }
    for (; i < len; i++) {
        n += (p[i] & 0xC0) != 0x80;
    }
    return n;
}

size_t chr__utf8_put(char *out, unsigned long cp) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static int hex4(const char *p, unsigned *v) {
    unsigned x = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = (unsigned char)p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return 0;
        x = x << 4 | d;
    }
    *v = x;
    return 1;
}

size_t chr__json_escape(const char *p, const char *end, char **o, const char **why) {
    if (end - p < 2)
        return *why = "a string without its end", 0;
    switch (p[1]) {
    case '"':
    case '\\':
    case '/':
        *(*o)++ = p[1];
        return 2;
    case 'b':
        *(*o)++ = '\b';
        return 2;
    case 'f':
        *(*o)++ = '\f';
        return 2;
    case 'n':
        *(*o)++ = '\n';
        return 2;
    case 'r':
        *(*o)++ = '\r';
        return 2;
    case 't':
        *(*o)++ = '\t';
        return 2;
    case 'u': {
        unsigned c, lo;
        if (end - p < 6 || !hex4(p + 2, &c) || c == 0)
            return *why = "a bad \\u escape", 0;
        if (c >= 0xDC00 && c <= 0xDFFF)
            return *why = "a lone surrogate", 0;
        size_t n = 6;
        if (c >= 0xD800 && c <= 0xDBFF) {
            if (end - p < 12 || p[6] != '\\' || p[7] != 'u' || !hex4(p + 8, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                return *why = "a lone surrogate", 0;
            c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
            n = 12;
        }
        *o += chr__utf8_put(*o, c);
        return n;
    }
    default:
        return *why = "a bad escape", 0;
    }
}
