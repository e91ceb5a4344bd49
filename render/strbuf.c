/* strbuf.c: the growing text of the text renderers (strbuf_internal.h).
 *
 * Exports chr__sbuf_add, chr__sbuf_adds, chr__sbuf_addf, chr__sbuf_spaces, chr__text_space,
 * chr__text_line. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf_internal.h"

void chr__sbuf_add(chr__sbuf *b, const char *s, size_t n) {
    if (b->failed)
        return;
    if (b->cap - b->len < n + 1) {
        size_t c = b->cap ? b->cap : 4096;
        while (c - b->len < n + 1)
            c *= 2;
        char *p = realloc(b->p, c);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = c;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void chr__sbuf_adds(chr__sbuf *b, const char *s) { chr__sbuf_add(b, s, strlen(s)); }

void chr__sbuf_addf(chr__sbuf *b, const char *fmt, ...) {
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        chr__sbuf_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

void chr__sbuf_spaces(chr__sbuf *b, size_t n) {
    static const char sp[] = "                                                                ";
    while (n > 0) {
        size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;
        chr__sbuf_add(b, sp, k);
        n -= k;
    }
}

int chr__text_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t chr__text_line(const char **s, size_t *len, size_t width) {
    while (*len && chr__text_space(**s)) {
        (*s)++;
        (*len)--;
    }
    const char *t = *s;
    size_t n = *len, take = 0, cps = 0;
    while (take < n && cps < width) { /* the longest prefix of at most width code points */
        take++;
        while (take < n && ((unsigned char)t[take] & 0xC0) == 0x80)
            take++;
        cps++;
    }
    size_t cut = take;
    if (take < n) { /* break at the last space that fits, else cut the word */
        size_t k = take;
        while (k > 0 && !chr__text_space(t[k]))
            k--;
        if (k > 0)
            cut = k;
    }
    return cut;
}
