/* jsonw.c: a streaming JSON writer with jansson's layout (jsonw_internal.h): the separators and the
 * indentation of json_dumps (a newline and n spaces a level before each member with JSON_INDENT(n), ", "
 * and ": " without JSON_COMPACT, "," and ":" with it; "{}" and "[]" when empty), its string escapes
 * ('"', '\\', \b \f \n \r \t, other control characters as \u00XX in upper case, everything else as it
 * is) and its integers. The writer keeps no tree: the bytes go to the callback 64 KiB at a time, or into
 * a text in memory that grows.
 *
 * Exports chr__jsonw_init, chr__jsonw_open, chr__jsonw_close, chr__jsonw_key, chr__jsonw_key_slow,
 * chr__jsonw_str, chr__jsonw_strn, chr__jsonw_str_or_null, chr__jsonw_int, chr__jsonw_null, chr__jsonw_raw,
 * chr__jsonw_flush, chr__jsonw_init_text, chr__jsonw_take_text.
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
    } else {
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

/* The last n (< 8) bytes of a string as a word, padded with spaces (nothing to escape). */
static uint64_t tail8(const char *s, size_t n) {
    char b[8];
    uint64_t x;
    memcpy(b, "        ", 8);
    if (n & 4)
        memcpy(b, s, 4);
    if (n & 2)
        memcpy(b + (n & 4), s + (n & 4), 2);
    if (n & 1)
        b[n - 1] = s[n - 1];
    memcpy(&x, b, 8);
    return x;
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
        char esc[8];
        switch (c) {
        case '"':
            raw(w, "\\\"", 2);
            break;
        case '\\':
            raw(w, "\\\\", 2);
            break;
        case '\b':
            raw(w, "\\b", 2);
            break;
        case '\f':
            raw(w, "\\f", 2);
            break;
        case '\n':
            raw(w, "\\n", 2);
            break;
        case '\r':
            raw(w, "\\r", 2);
            break;
        case '\t':
            raw(w, "\\t", 2);
            break;
        default:
            esc[0] = '\\';
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = "0123456789ABCDEF"[c >> 4];
            esc[5] = "0123456789ABCDEF"[c & 15];
            raw(w, esc, 6);
        }
    }
    put1(w, '"');
    return (seen & 0x8080808080808080u) != 0;
}

/* s[0..n) as a JSON string (a NUL byte inside is escaped like any control character). Returns whether s
 * holds a byte of 0x80 or more. */
static int string(chr__jsonw *w, const char *s, size_t n) {
    uint64_t seen = 0; /* the bytes looked at, or-ed together: their high bits */
    if (!room(w, n + 10)) {
        put1(w, '"');
        return string_rest(w, s, n, seen);
    }
    /* the usual case, room for it all: copied a word at a time straight into the buffer (the last word
     * padded and written whole, then the end moved back over the padding) until a word holds a byte to
     * escape */
    char *p = w->buf + w->len;
    *p++ = '"';
    for (;;) {
        uint64_t x;
        if (n >= 8)
            memcpy(&x, s, 8);
        else
            x = tail8(s, n);
        if (!clean8(x))
            break;
        memcpy(p, &x, 8);
        seen |= x;
        if (n <= 8) {
            p += n;
            *p++ = '"';
            w->len = (size_t)(p - w->buf);
            return (seen & 0x8080808080808080u) != 0;
        }
        s += 8;
        p += 8;
        n -= 8;
    }
    w->len = (size_t)(p - w->buf);
    return string_rest(w, s, n, seen);
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
static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                            "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                            "8081828384858687888990919293949596979899";

void chr__jsonw_int(chr__jsonw *w, int64_t v) {
    char b[24], *p = b + sizeof b;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    for (; u >= 100; u /= 100) {
        p -= 2;
        memcpy(p, pairs + 2 * (u % 100), 2);
    }
    if (u >= 10) {
        p -= 2;
        memcpy(p, pairs + 2 * u, 2);
    } else {
        *--p = (char)('0' + u);
    }
    if (v < 0)
        *--p = '-';
    before(w);
    raw(w, p, (size_t)(b + sizeof b - p));
}
