/* jsonflat.c: the lean reader of the common JSON Lines record (jsonflat.h), so that reading news
 * records does not build a jansson tree for each: one pass over the line, the strings decoded into one
 * buffer.
 *
 * What it takes, and reads as jansson's json_loadb does: white space (space, tab, CR, LF) around an
 * object of members "key": value, where a value is a string (the escapes \" \\ \/ \b \f \n \r \t and
 * \uXXXX, a surrogate pair for a character past U+FFFF), an integer of at most 15 digits without a
 * leading zero, true, false or null. A key given twice keeps its last value. Anything else makes it
 * answer 0 and the caller use jansson: nesting, a number with a fraction or an exponent or more digits,
 * \u0000, a lone surrogate, a control character in a string, more than CHR__JSONFLAT_MAX members, and
 * every syntax error (jansson words the error).
 *
 * Exports chr__jsonflat_parse, chr__jsonflat_get, chr__jsonflat_free. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal.h"
#include "jsonflat.h"

typedef struct rd {
    const unsigned char *p, *end;
    char *out; /* where the next decoded string goes */
    unsigned high; /* not 0 once a string held a byte of 0x80 or more */
} rd;

/* The room the buffer of decoded strings has past the line's length: a step of 16 bytes is stored whole. */
#define SPARE 16

static void skip_ws(rd *r) {
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

/* A string at r->p (its opening quote), decoded to r->out and NUL-terminated: 1, or 0 when it is not
 * one this reader takes. The decoded text is never longer than the quoted one, so r->out has room. */
/* Whether none of the 8 bytes at p is '"', '\\' or below 0x20 (each test is exact for "some byte is"). */
static inline int plain8(const unsigned char *p) {
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t x, q, b;
    memcpy(&x, p, 8);
    q = x ^ (ones * '"');
    b = x ^ (ones * '\\');
    return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs ? 0 : 1;
}

#if defined(__SSE2__)
/* The bytes of v that end a run, one bit each: '"', '\\', and below 0x20 (where the unsigned minimum with
 * 0x1F is the byte itself). */
static inline unsigned stops16(__m128i v) {
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v));
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

static int string(rd *r, const char **s, size_t *n) {
    const unsigned char *p = r->p + 1, *end = r->end;
    char *o = r->out;
    unsigned high = 0;
#if defined(__SSE2__)
    __m128i seen = _mm_setzero_si128(); /* the line's bytes read, or-ed together (past the run's end too) */
#endif
    *s = o;
    for (;;) {
#if defined(__SSE2__)
        /* 16 bytes a step, stored whole (the decoded text is never ahead of the line, and the buffer has
         * SPARE bytes past its length), up to the first that ends the run */
        while (end - p >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
            unsigned m = stops16(v);
            _mm_storeu_si128((__m128i *)(void *)o, v);
            seen = _mm_or_si128(seen, v);
            if (m) {
                unsigned k = (unsigned)__builtin_ctz(m);
                p += k;
                o += k;
                goto stop;
            }
            p += 16;
            o += 16;
        }
#endif
        const unsigned char *run = p;
        while (end - p >= 8 && plain8(p))
            p += 8; /* 8 bytes without a quote, a backslash or a control character at a time */
        while (p < end && *p != '"' && *p != '\\' && *p >= 0x20)
            p++;
        memcpy(o, run, (size_t)(p - run));
        o += p - run;
        for (; run < p; run++)
            high |= *run & 0x80u;
#if defined(__SSE2__)
    stop:
#endif
        if (p == end || *p < 0x20)
            return 0;
        if (*p == '"')
            break;
        const char *why;
        size_t k = chr__json_escape((const char *)p, (const char *)end, &o, &why);
        if (!k)
            return 0;
        p += k;
    }
#if defined(__SSE2__)
    high |= (unsigned)_mm_movemask_epi8(seen);
#endif
    r->high |= high;
    *n = (size_t)(o - *s);
    *o++ = '\0';
    r->out = o;
    r->p = p + 1;
    return 1;
}

static int is_delim(const rd *r) {
    return r->p == r->end || *r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r' ||
           *r->p == ',' || *r->p == '}';
}

static int literal(rd *r, const char *word, size_t n) {
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return 0;
    r->p += n;
    return is_delim(r);
}

/* An integer of at most 15 digits (always within json_int_t, as jansson reads it), else 0. */
static int integer(rd *r, json_int_t *v) {
    const unsigned char *p = r->p;
    int neg = 0, digits = 0;
    json_int_t x = 0;
    if (p < r->end && *p == '-') {
        neg = 1;
        p++;
    }
    if (p == r->end || *p < '0' || *p > '9')
        return 0;
    if (*p == '0' && p + 1 < r->end && p[1] >= '0' && p[1] <= '9')
        return 0; /* a leading zero: jansson's error */
    while (p < r->end && *p >= '0' && *p <= '9') {
        if (++digits > 15)
            return 0;
        x = x * 10 + (*p++ - '0');
    }
    r->p = p;
    *v = neg ? -x : x;
    return is_delim(r); /* not a fraction or an exponent */
}

static int value(rd *r, chr__jvalue *v) {
    memset(v, 0, sizeof *v);
    if (r->p == r->end)
        return 0;
    switch (*r->p) {
    case '"':
        v->type = JSON_STRING;
        return string(r, &v->s, &v->n);
    case 't':
        v->type = JSON_TRUE;
        return literal(r, "true", 4);
    case 'f':
        v->type = JSON_FALSE;
        return literal(r, "false", 5);
    case 'n':
        v->type = JSON_NULL;
        return literal(r, "null", 4);
    default:
        v->type = JSON_INTEGER;
        return integer(r, &v->i);
    }
}

static int members(rd *r, chr__jsonflat *out) {
    skip_ws(r);
    if (r->p == r->end || *r->p != '{')
        return 0;
    r->p++;
    skip_ws(r);
    if (r->p < r->end && *r->p == '}') {
        r->p++;
        return 1;
    }
    for (;;) {
        if (out->n == CHR__JSONFLAT_MAX || r->p == r->end || *r->p != '"')
            return 0;
        if (!string(r, &out->m[out->n].key, &out->m[out->n].klen))
            return 0;
        skip_ws(r);
        if (r->p == r->end || *r->p != ':')
            return 0;
        r->p++;
        skip_ws(r);
        if (!value(r, &out->m[out->n].v))
            return 0;
        out->n++;
        skip_ws(r);
        if (r->p == r->end)
            return 0;
        if (*r->p == '}') {
            r->p++;
            return 1;
        }
        if (*r->p != ',')
            return 0;
        r->p++;
        skip_ws(r);
    }
}

int chr__jsonflat_parse(chr__jsonflat *out, const char *s, size_t len) {
    out->n = 0;
    out->ascii = 0;
    out->buf = NULL;
    if (!s)
        return 0;
    out->buf = len + 1 + SPARE <= sizeof out->own ? out->own : malloc(len + 1 + SPARE);
    if (!out->buf)
        return CHR_ENOMEM;
    rd r = {(const unsigned char *)s, (const unsigned char *)s + len, out->buf, 0};
    int ok = members(&r, out);
    if (ok) {
        skip_ws(&r);
        ok = r.p == r.end;
    }
    if (!ok) {
        chr__jsonflat_free(out);
        return 0;
    }
    /* each byte of the line outside the strings is white space or JSON's own */
    out->ascii = !r.high;
    return 1;
}

const chr__jvalue *chr__jsonflat_get(const chr__jsonflat *r, const char *name) {
    size_t n = strlen(name);
    for (size_t i = r->n; i-- > 0;)
        if (r->m[i].klen == n && memcmp(r->m[i].key, name, n) == 0)
            return &r->m[i].v;
    return NULL;
}

void chr__jsonflat_free(chr__jsonflat *r) {
    if (r->buf != r->own)
        free(r->buf);
    r->buf = NULL;
    r->n = 0;
}
