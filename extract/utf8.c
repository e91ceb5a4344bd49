/* utf8.c: strict UTF-8 validation and code point counting.
 *
 * Exports (internal.h): chr__utf8_check (rejects overlong forms, UTF-16 surrogates, code points above
 * U+10FFFF, truncated sequences, stray continuation bytes and NUL bytes), chr__utf8_count. */
#include <stdint.h>
#include <string.h>

#include "internal.h"

int chr__utf8_check(const char *s, size_t len, size_t *bad) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        unsigned c = p[i];
        size_t n, k;
        unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */

        if (c >= 0x01 && c <= 0x7F) {
            i++;
            /* a run of ASCII without NUL, 8 bytes a step: no high bit, and no zero byte (whose borrow
             * would show in the lowest one) */
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
