/* jsonw.c: a streaming JSON writer with jansson's layout (jsonw_internal.h): the separators and the
 * indentation of json_dumps (a newline and n spaces a level before each member with JSON_INDENT(n), ", "
 * and ": " without JSON_COMPACT, "," and ":" with it; "{}" and "[]" when empty), its string escapes
 * ('"', '\\', \b \f \n \r \t, other control characters as \u00XX in upper case, everything else as it
 * is) and its integers. The writer keeps no tree: the bytes go to the callback 64 KiB at a time, or into
 * a text in memory that grows.
 *
 * Exports chr__jsonw_init, chr__jsonw_open, chr__jsonw_close, chr__jsonw_key, chr__jsonw_key_slow,
 * chr__jsonw_str, chr__jsonw_strn, chr__jsonw_str_or_null, chr__jsonw_int, chr__jsonw_null, chr__jsonw_raw,
 * chr__jsonw_flush, chr__jsonw_init_text, chr__jsonw_take_text; for a cursor, chr__jsonw_cursor,
 * chr__jsonw_set_cursor, chr__jsonw_room_slow, chr__jsonw_put_str (and chr__jsonw_put_str_portable, the
 * same without SSE2, for the tests), chr__jsonw_put_uint_big and chr__jsonw_pairs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"
#include "jsonw_internal.h"

void chr__jsonw_init(chr__jsonw *w, size_t flags, chr_write_fn write, void *ctx) {
    w->write = write;
    w->ctx = ctx;
    w->indent = (int)(flags & 0x1F); /* JSON_INDENT(n) keeps n in the low five bits */
    w->compact = (flags & JSON_COMPACT) != 0;
    w->depth = w->after_key = 0;
    w->status = 0;
    w->buf = w->own;
    w->len = 0;
    w->cap = sizeof w->own;
    memset(w->first, 0, sizeof w->first);
}

void chr__jsonw_init_text(chr__jsonw *w, size_t flags) {
    chr__jsonw_init(w, flags, NULL, NULL);
    w->buf = NULL;
    w->cap = 0;
}

int chr__jsonw_flush(chr__jsonw *w) {
    if (!w->write)
        return w->status;
    if (!w->status && w->len && w->write(w->ctx, w->buf, w->len))
        w->status = CHR_EIO;
    w->len = 0;
    return w->status;
}

/* More room for the n bytes to come: a writer of text grows its text to hold them, a streaming writer
 * hands its buffer over. Returns 0 once the writer has failed (what is written then is dropped). */
static int more_room(chr__jsonw *w, size_t n) {
    if (w->write)
        return chr__jsonw_flush(w) == 0;
    if (w->status)
        return 0;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap - w->len < n)
        cap *= 2;
    char *b = realloc(w->buf, cap);
    if (!b) {
        w->status = CHR_ENOMEM;
        w->len = 0;
        return 0;
    }
    w->buf = b;
    w->cap = cap;
    return 1;
}

void chr__jsonw_reserve(chr__jsonw *w, size_t n) {
    if (w->write || w->status || w->cap >= n)
        return;
    char *b = realloc(w->buf, n);
    if (b) {
        w->buf = b;
        w->cap = n;
    }
}

int chr__jsonw_take_text(chr__jsonw *w, char **text, size_t *len) {
    *text = NULL;
    *len = 0;
    if (w->len == w->cap)
        more_room(w, 1);
    if (!w->status) {
        w->buf[w->len] = '\0';
        *text = w->buf;
        *len = w->len;
    } else if (w->buf != w->own) { /* a failed cursor leaves the writer on its scratch place */
        free(w->buf);
    }
    w->buf = NULL;
    w->len = w->cap = 0;
    return w->status;
}

/* The buffer's room for n more bytes as it stands. */
static int room(const chr__jsonw *w, size_t n) { return n <= w->cap - w->len; }

static void raw_slow(chr__jsonw *w, const char *s, size_t n) {
    while (n) {
        if (w->len == w->cap && !more_room(w, n))
            return;
        size_t k = w->cap - w->len < n ? w->cap - w->len : n;
        memcpy(w->buf + w->len, s, k);
        w->len += k;
        s += k;
        n -= k;
    }
}

static void raw(chr__jsonw *w, const char *s, size_t n) {
    if (room(w, n)) {
        memcpy(w->buf + w->len, s, n);
        w->len += n;
    } else {
        raw_slow(w, s, n);
    }
}

void chr__jsonw_raw(chr__jsonw *w, const char *s, size_t n) { raw(w, s, n); }

static void put1(chr__jsonw *w, char c) {
    if (w->len == w->cap && !more_room(w, 1))
        return;
    w->buf[w->len++] = c;
}

static void newline(chr__jsonw *w, int depth) {
    static const char spaces[] = "                                                                ";
    size_t n = (size_t)depth * (size_t)w->indent;
    put1(w, '\n');
    while (n) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        raw(w, spaces, k);
        n -= k;
    }
}

/* Before a value or a key not right after a key: the separator from what came before in its container,
 * and the indentation. */
static void separate(chr__jsonw *w) {
    if (w->depth == 0)
        return;
    if (!w->first[w->depth]) {
        put1(w, ',');
        if (!w->indent && !w->compact)
            put1(w, ' ');
    }
    w->first[w->depth] = 0;
    if (w->indent)
        newline(w, w->depth);
}

/* Before a value or a key: nothing right after a key, else the separator and the indentation. */
static void before(chr__jsonw *w) {
    if (w->after_key)
        w->after_key = 0;
    else
        separate(w);
}

void chr__jsonw_open(chr__jsonw *w, char c) {
    before(w);
    put1(w, c);
    if (w->depth + 1 < CHR__JSONW_DEPTH)
        w->first[++w->depth] = 1;
}

void chr__jsonw_close(chr__jsonw *w, char c) {
    if (!w->first[w->depth] && w->indent)
        newline(w, w->depth - 1);
    if (w->depth > 0)
        w->depth--;
    put1(w, c);
}

/* 1 for the bytes a JSON string escapes */
static const unsigned char escaped[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};

/* The escape of c (one that is escaped) at e, jansson's: returns its length, 2 or 6. */
static size_t escape(char *e, unsigned char c) {
    static const char hex[] = "0123456789ABCDEF";
    e[0] = '\\';
    switch (c) {
    case '"':
    case '\\':
        e[1] = (char)c;
        return 2;
    case '\b':
        e[1] = 'b';
        return 2;
    case '\f':
        e[1] = 'f';
        return 2;
    case '\n':
        e[1] = 'n';
        return 2;
    case '\r':
        e[1] = 'r';
        return 2;
    case '\t':
        e[1] = 't';
        return 2;
    default:
        memcpy(e + 1, "u00", 3);
        e[4] = hex[c >> 4];
        e[5] = hex[c & 15];
        return 6;
    }
}

/* Whether none of the 8 bytes of x is one to escape: a control character, '"' or '\\'. With y = x ^ 0x02
 * in each byte, the bytes below 0x21 of y are just the control characters and '"' (0x22 -> 0x20; ' ' and
 * '!' go up to 0x22 and 0x23), and a '\\' is a zero byte of x ^ 0x5C. A subtraction borrows out of such
 * a byte, so each test finds at least the lowest one (above it a borrow may find more: harmless); a byte
 * of 0x80 or more, which is none of them, is masked out by ~x. */
static int clean8(uint64_t x) {
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t y = x ^ (ones * 0x02), b = x ^ (ones * '\\');
    return (((y - ones * 0x21) | (b - ones)) & ~x & highs) == 0;
}

/* The rest of a string whose opening quote is written: s[0..n) and the closing quote, with runs without a
 * byte to escape copied as they are, looked at 8 bytes a step. seen: the bytes looked at before, or-ed
 * together. Returns whether s or those held a byte of 0x80 or more. */
static int string_rest(chr__jsonw *w, const char *s, size_t n, uint64_t seen) {
    const char *run = s, *end = s + n;
    for (;;) {
        while (end - s >= 8) {
            uint64_t x;
            memcpy(&x, s, 8);
            if (!clean8(x))
                break;
            seen |= x;
            s += 8;
        }
        if (s == end) {
            raw(w, run, (size_t)(s - run));
            break;
        }
        unsigned char c = (unsigned char)*s++;
        seen |= c;
        if (!escaped[c])
            continue;
        raw(w, run, (size_t)(s - 1 - run));
        run = s;
        char esc[6];
        raw(w, esc, escape(esc, c));
    }
    put1(w, '"');
    return (seen & 0x8080808080808080u) != 0;
}

/* The rest of a string at p, s[0..n) from a word with a byte to escape on: each such word byte by byte, the
 * others whole; then the closing quote. seen: as in put_str; returns the end. Out of line, so that the
 * usual string, which has nothing to escape, saves no registers. */
static __attribute__((noinline)) char *put_rest(char *p, const char *s, size_t n, uint64_t seen, int *high) {
    const char *end = s + n;
    while (s < end) {
        uint64_t x;
        if (end - s >= 8) {
            memcpy(&x, s, 8);
            if (clean8(x)) {
                memcpy(p, &x, 8);
                seen |= x;
                s += 8;
                p += 8;
                continue;
            }
        }
        for (const char *e = end - s < 8 ? end : s + 8; s < e; s++) {
            unsigned char c = (unsigned char)*s;
            seen |= c;
            if (escaped[c])
                p += escape(p, c);
            else
                *p++ = (char)c;
        }
    }
    *p++ = '"';
    *high = (seen & 0x8080808080808080u) != 0;
    return p;
}

/* Words of 8 bytes (16 with SSE2 from 16 bytes on, if simd), checked and copied whole; the last one is the
 * string's last bytes, over some already copied as they are (a string that long with nothing to escape
 * before). Below 8 bytes, the first and the last 4 (4 to 7 bytes) or the first, middle and last byte (1 to
 * 3), which cover the string, make the word. No byte is written past the end of the string. */
static inline char *put_str(char *p, const char *s, size_t n, int *high, int simd)
    __attribute__((always_inline));
static inline char *put_str(char *p, const char *s, size_t n, int *high, int simd) {
    const uint64_t spaces = 0x2020202020202020u; /* nothing to escape */
    uint64_t x, seen = 0;                         /* the bytes looked at, or-ed together: their high bits */
    *p++ = '"';
#if defined(__SSE2__)
    if (simd && n >= 16) {
        __m128i v, all = _mm_setzero_si128();
        for (; n > 16; s += 16, p += 16, n -= 16) {
            v = _mm_loadu_si128((const __m128i *)(const void *)s);
            if (chr__jsonw_escapes16(v))
                goto rest16;
            _mm_storeu_si128((__m128i *)(void *)p, v);
            all = _mm_or_si128(all, v);
        }
        v = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
        if (chr__jsonw_escapes16(v))
            goto rest16;
        _mm_storeu_si128((__m128i *)(void *)(p + n - 16), v);
        all = _mm_or_si128(all, v);
        p += n;
        *p++ = '"';
        *high = _mm_movemask_epi8(all) != 0;
        return p;
    rest16:
        return put_rest(p, s, n, _mm_movemask_epi8(all) ? 0x80 : 0, high);
    }
#endif
    (void)simd;
    if (n >= 8) {
        for (; n > 8; s += 8, p += 8, n -= 8) {
            memcpy(&x, s, 8);
            if (!clean8(x))
                return put_rest(p, s, n, seen, high);
            memcpy(p, &x, 8);
            seen |= x;
        }
        memcpy(&x, s + n - 8, 8);
        if (!clean8(x))
            return put_rest(p, s, n, seen, high);
        memcpy(p + n - 8, &x, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        x = a | (uint64_t)b << 32;
        if (!clean8(x))
            return put_rest(p, s, n, 0, high);
        memcpy(p, &a, 4);
        memcpy(p + n - 4, &b, 4);
    } else if (n) {
        unsigned char a = (unsigned char)s[0], b = (unsigned char)s[n >> 1], c = (unsigned char)s[n - 1];
        x = (spaces << 24) | (uint64_t)c << 16 | (uint64_t)b << 8 | a;
        if (!clean8(x))
            return put_rest(p, s, n, 0, high);
        p[0] = (char)a;
        p[n >> 1] = (char)b;
        p[n - 1] = (char)c;
    } else {
        x = 0;
    }
    seen |= x;
    p += n;
    *p++ = '"';
    *high = (seen & 0x8080808080808080u) != 0;
    return p;
}

char *chr__jsonw_put_str(char *p, const char *s, size_t n, int *high) { return put_str(p, s, n, high, 1); }

char *chr__jsonw_put_str_portable(char *p, const char *s, size_t n, int *high) {
    return put_str(p, s, n, high, 0);
}

/* s[0..n) as a JSON string (a NUL byte inside is escaped like any control character). Returns whether s
 * holds a byte of 0x80 or more. */
static int string(chr__jsonw *w, const char *s, size_t n) {
    /* the usual case, room for it all (made if need be): straight into the buffer */
    if (room(w, 6 * n + 2) || (more_room(w, 6 * n + 2) && room(w, 6 * n + 2))) {
        int high;
        char *p = chr__jsonw_put_str(w->buf + w->len, s, n, &high);
        w->len = (size_t)(p - w->buf);
        return high;
    }
    put1(w, '"');
    return string_rest(w, s, n, 0);
}

void chr__jsonw_key(chr__jsonw *w, const char *k) { chr__jsonw_keyn(w, k, strlen(k)); }

void chr__jsonw_key_slow(chr__jsonw *w, const char *k, size_t n) {
    before(w);
    put1(w, '"');
    raw(w, k, n);
    put1(w, '"');
    if (w->compact)
        put1(w, ':');
    else
        raw(w, ": ", 2);
    w->after_key = 1;
}

void chr__jsonw_str(chr__jsonw *w, const char *s) {
    before(w);
    string(w, s ? s : "", s ? strlen(s) : 0);
}

int chr__jsonw_strn(chr__jsonw *w, const char *s, size_t n) {
    before(w);
    return string(w, s, n);
}

void chr__jsonw_null(chr__jsonw *w) {
    before(w);
    raw(w, "null", 4);
}

void chr__jsonw_str_or_null(chr__jsonw *w, const char *s) {
    if (s && *s)
        chr__jsonw_str(w, s);
    else
        chr__jsonw_null(w);
}

/* The decimal digits of 0 to 99, two by two. */
const char chr__jsonw_pairs[201] = "000102030405060708091011121314151617181920212223242526272829"
                                   "303132333435363738394041424344454647484950515253545556575859"
                                   "606162636465666768697071727374757677787980818283848586878889"
                                   "90919293949596979899";

char *chr__jsonw_put_uint_big(char *p, uint64_t u) {
    char b[20], *q = b + sizeof b;
    for (; u >= 100; u /= 100) {
        q -= 2;
        memcpy(q, chr__jsonw_pairs + 2 * (u % 100), 2);
    }
    if (u >= 10) {
        q -= 2;
        memcpy(q, chr__jsonw_pairs + 2 * u, 2);
    } else {
        *--q = (char)('0' + u);
    }
    memcpy(p, q, (size_t)(b + sizeof b - q));
    return p + (b + sizeof b - q);
}

void chr__jsonw_int(chr__jsonw *w, int64_t v) {
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    before(w);
    if (!room(w, 21) && !(more_room(w, 21) && room(w, 21)))
        return;
    char *p = w->buf + w->len;
    if (v < 0)
        *p++ = '-';
    p = chr__jsonw_put_uint(p, u);
    w->len = (size_t)(p - w->buf);
}

/* Once the writer has failed: its own buffer, the streaming one, as a scratch place for a cursor (a text
 * writer's text is freed). */
static char *scratch(chr__jsonw *w) {
    if (w->buf != w->own)
        free(w->buf);
    w->buf = w->own;
    w->cap = sizeof w->own;
    w->len = 0;
    return w->own;
}

char *chr__jsonw_cursor(chr__jsonw *w, size_t n) {
    if (!w->status && !room(w, n) && !(more_room(w, n) && room(w, n)) && !w->status)
        w->status = CHR_ENOMEM; /* a stream's buffer too small for n */
    return w->status ? scratch(w) : w->buf + w->len;
}

char *chr__jsonw_room_slow(chr__jsonw *w, char *p, size_t n) {
    if (!w->status)
        w->len = (size_t)(p - w->buf);
    return chr__jsonw_cursor(w, n);
}

void chr__jsonw_set_cursor(chr__jsonw *w, char *p) {
    if (!w->status)
        w->len = (size_t)(p - w->buf);
}
