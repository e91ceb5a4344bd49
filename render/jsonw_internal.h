/* jsonw_internal.h: a JSON writer that streams (render/jsonw.c): values written one after the other into
 * a buffer handed to a callback when full, or into a text that grows, laid out byte for byte as jansson's
 * json_dumps lays out the same tree (JSON_INDENT(n) or JSON_COMPACT, keys in the order written), so that a
 * big document needs no json_t tree. Used by the document JSON (render/json.c), the timeline JSON writer and
 * the part format (render/timeline_write.c). Not installed. */
#ifndef CHRONICLE_JSONW_INTERNAL_H
#define CHRONICLE_JSONW_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "chronicle/timeline.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define CHR__JSONW_DEPTH 32

typedef struct chr__jsonw {
    chr_write_fn write; /* NULL: the writer grows its own text (chr__jsonw_init_text) */
    void *ctx;
    int indent;  /* spaces a level; 0: one line */
    int compact; /* "," and ":" without a space */
    int depth, after_key;
    unsigned char first[CHR__JSONW_DEPTH]; /* nothing written yet in the container at that depth */
    int status; /* 0, or CHR_EIO once a write failed, CHR_ENOMEM once the text could not grow */
    char *buf;  /* own when streaming, else the text (malloc'ed) */
    size_t len, cap;
    char own[1 << 16];
} chr__jsonw;

/* flags as for json_dumps: JSON_INDENT(n), JSON_COMPACT. */
void chr__jsonw_init(chr__jsonw *w, size_t flags, chr_write_fn write, void *ctx);
/* A writer of one text in memory, taken with chr__jsonw_take_text: the bytes are written straight into
 * it, with no buffer to copy from. */
void chr__jsonw_init_text(chr__jsonw *w, size_t flags);
/* A text writer's first buffer made n bytes at once (a guess of the text's size: growing by doubling
 * copies the text each time); a no-op for a streaming writer, and when memory is short. */
void chr__jsonw_reserve(chr__jsonw *w, size_t n);
void chr__jsonw_open(chr__jsonw *w, char c); /* '{' or '[' */
void chr__jsonw_close(chr__jsonw *w, char c);
void chr__jsonw_key(chr__jsonw *w, const char *k);
/* A key k[0..n) that holds nothing to escape (the writer's own words): inline, so that where the key is a
 * literal its length is known and it is copied without a call; chr__jsonw_key_slow where the buffer may
 * fill or the layout needs more than a separator (indentation, a key right after a key). */
void chr__jsonw_key_slow(chr__jsonw *w, const char *k, size_t n);
static inline void chr__jsonw_keyn(chr__jsonw *w, const char *k, size_t n) {
    if (w->indent || w->after_key || w->depth == 0 || n + 6 > w->cap - w->len) {
        chr__jsonw_key_slow(w, k, n);
        return;
    }
    char *p = w->buf + w->len;
    if (!w->first[w->depth]) {
        *p++ = ',';
        if (!w->compact)
            *p++ = ' ';
    }
    w->first[w->depth] = 0;
    *p++ = '"';
    memcpy(p, k, n);
    p += n;
    *p++ = '"';
    *p++ = ':';
    if (!w->compact)
        *p++ = ' ';
    w->len = (size_t)(p - w->buf);
    w->after_key = 1;
}
void chr__jsonw_str(chr__jsonw *w, const char *s); /* NULL or "" are written as they are: "" */
/* s[0..n), NUL bytes escaped. Returns whether s holds a byte of 0x80 or more (is not all ASCII), so that
 * a caller who must know the text is UTF-8 need check only then. */
int chr__jsonw_strn(chr__jsonw *w, const char *s, size_t n);
void chr__jsonw_str_or_null(chr__jsonw *w, const char *s); /* null for NULL or "" */
void chr__jsonw_int(chr__jsonw *w, int64_t v);
void chr__jsonw_null(chr__jsonw *w);
void chr__jsonw_raw(chr__jsonw *w, const char *s, size_t n); /* bytes as they are (a newline, say) */

/* A cursor: compact JSON written straight into the buffer, whole fragments of fixed keys and separators at
 * a time, with none of the writer's bookkeeping of where it stands (render/json.c writes a document so).
 * The caller takes the cursor with chr__jsonw_cursor, makes room before what it writes and hands the cursor
 * back with chr__jsonw_set_cursor; in between it calls no other function of the writer. */
char *chr__jsonw_room_slow(chr__jsonw *w, char *p, size_t n);
/* Room for n bytes at the cursor p: p, or where p is once the buffer moved. Once the writer has failed (a
 * text that cannot grow, a stream that cannot be written, n more than a stream's buffer) the cursor is the
 * start of a scratch place of sizeof w->own bytes, where n bytes fit only if n is no more than that, and
 * what is written is dropped. */
static inline char *chr__jsonw_room(chr__jsonw *w, char *p, size_t n) {
    return n <= (size_t)(w->buf + w->cap - p) ? p : chr__jsonw_room_slow(w, p, n);
}
/* The cursor where the writer stands, with room for n bytes. */
char *chr__jsonw_cursor(chr__jsonw *w, size_t n);
void chr__jsonw_set_cursor(chr__jsonw *w, char *p);
/* s[0..n) as a JSON string at p, which has room for 6 n + 2 bytes (the most it takes: a control character
 * becomes 6); returns the end. *high: whether s holds a byte of 0x80 or more. */
char *chr__jsonw_put_str(char *p, const char *s, size_t n, int *high);
#if defined(__SSE2__)
/* The bytes of v that a JSON string escapes, one bit each: '"', '\\', and below 0x20 (where the unsigned
 * minimum with 0x1F is the byte itself). */
static inline int chr__jsonw_escapes16(__m128i v) {
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    return _mm_movemask_epi8(_mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v)));
}
#endif
char *chr__jsonw_put_str_portable(char *p, const char *s, size_t n, int *high); /* without SSE2 */
char *chr__jsonw_put_uint_big(char *p, uint64_t u);
extern const char chr__jsonw_pairs[201]; /* "00" "01" ... "99" */
/* u in decimal at p, which has room for 20 bytes; returns the end. Inline for the small numbers that
 * offsets mostly are. */
static inline char *chr__jsonw_put_uint(char *p, uint64_t u) {
    if (u < 10) {
        *p = (char)('0' + u);
        return p + 1;
    }
    if (u < 100) {
        memcpy(p, chr__jsonw_pairs + 2 * u, 2);
        return p + 2;
    }
    if (u < 10000) {
        unsigned hi = (unsigned)u / 100, lo = (unsigned)u % 100;
        if (hi < 10) {
            *p++ = (char)('0' + hi);
        } else {
            memcpy(p, chr__jsonw_pairs + 2 * hi, 2);
            p += 2;
        }
        memcpy(p, chr__jsonw_pairs + 2 * lo, 2);
        return p + 2;
    }
    return chr__jsonw_put_uint_big(p, u);
}
/* Hand what is buffered to the callback (a writer of text keeps it). The writer's status: 0, CHR_EIO or
 * CHR_ENOMEM. */
int chr__jsonw_flush(chr__jsonw *w);
/* A writer of text: its text (malloc'ed, the caller frees it; NUL-terminated, *len bytes before the NUL)
 * and 0, or its status and *text NULL when it failed (the text is freed). The writer holds no text after. */
int chr__jsonw_take_text(chr__jsonw *w, char **text, size_t *len);

#endif
