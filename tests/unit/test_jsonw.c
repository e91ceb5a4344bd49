/* test_jsonw.c: the streaming JSON writer (render/jsonw.c): integers as jansson writes them, and the same
 * bytes whether the writer streams through its buffer or grows a text in memory; the cursor's strings and
 * numbers as jansson writes them, within the room they are given, and a cursor on a writer that fails. */
/* cmocka.h needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chronicle/chronicle.h" /* CHR_EIO, CHR_ENOMEM */

#include "../../render/jsonw_internal.h"

/* What a streaming writer hands over, gathered. */
typedef struct sink {
    char *b;
    size_t n;
    int calls;
} sink;

static int gather(void *ctx, const char *s, size_t n) {
    sink *k = ctx;
    k->b = realloc(k->b, k->n + n + 1);
    assert_non_null(k->b);
    memcpy(k->b + k->n, s, n);
    k->n += n;
    k->b[k->n] = '\0';
    k->calls++;
    return 0;
}

/* Integers at the edges of their digit counts, negative ones, and the extremes. */
static void test_ints(void **state) {
    static const int64_t v[] = {0,   1,    9,      10,        11,        99,        100,       101,
                                999, 1000, 12345,  99999,     100000,    -1,        -9,        -10,
                                -99, -100, -12345, INT64_MAX, INT64_MIN, 123456789, -987654321};
    chr__jsonw *w = malloc(sizeof *w);
    json_t *a = json_array();
    char *t, *s;
    size_t n;
    (void)state;
    assert_non_null(w);
    chr__jsonw_init_text(w, JSON_COMPACT);
    chr__jsonw_open(w, '[');
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        chr__jsonw_int(w, v[i]);
        json_array_append_new(a, json_integer(v[i]));
    }
    chr__jsonw_close(w, ']');
    assert_int_equal(chr__jsonw_take_text(w, &t, &n), 0);
    s = json_dumps(a, JSON_COMPACT);
    assert_string_equal(t, s);
    assert_int_equal(n, strlen(s));
    free(s);
    free(t);
    json_decref(a);
    free(w);
}

/* Many members, long and short strings with escapes, compact and indented: a text that grows many times
 * holds the bytes a streaming writer hands over in several pieces. */
static void write_many(chr__jsonw *w) {
    char v[300];
    chr__jsonw_open(w, '[');
    for (int i = 0; i < 3000; i++) {
        size_t len = (size_t)(i * 7) % sizeof v;
        for (size_t j = 0; j < len; j++)
            v[j] = (char)('a' + (i + j) % 26);
        if (len > 3)
            v[i % len] = i % 3 ? '"' : '\n';
        chr__jsonw_open(w, '{');
        chr__jsonw_key(w, "n");
        chr__jsonw_int(w, i - 1500);
        chr__jsonw_key(w, "s");
        chr__jsonw_strn(w, v, len);
        chr__jsonw_key(w, "none");
        chr__jsonw_str_or_null(w, "");
        chr__jsonw_close(w, '}');
    }
    chr__jsonw_close(w, ']');
}

static void test_text_as_stream(void **state) {
    static const size_t flags[] = {JSON_COMPACT, 0, JSON_INDENT(2)};
    chr__jsonw *w = malloc(sizeof *w);
    (void)state;
    assert_non_null(w);
    for (size_t f = 0; f < sizeof flags / sizeof *flags; f++) {
        sink k = {0};
        char *t;
        size_t n;
        chr__jsonw_init(w, flags[f], gather, &k);
        write_many(w);
        assert_int_equal(chr__jsonw_flush(w), 0);
        assert_true(k.calls > 1);
        chr__jsonw_init_text(w, flags[f]);
        write_many(w);
        assert_int_equal(chr__jsonw_take_text(w, &t, &n), 0);
        assert_int_equal(n, k.n);
        assert_int_equal(strlen(t), n);
        assert_memory_equal(t, k.b, n);
        json_t *j = json_loadb(t, n, 0, NULL); /* and it is JSON */
        assert_non_null(j);
        assert_int_equal(json_array_size(j), 3000);
        json_decref(j);
        free(t);
        /* with a first buffer reserved, too small (it grows) or big enough, the same text */
        for (size_t r = 16; r <= (1u << 20); r *= 256) {
            chr__jsonw_init_text(w, flags[f]);
            chr__jsonw_reserve(w, r);
            write_many(w);
            assert_int_equal(chr__jsonw_take_text(w, &t, &n), 0);
            assert_int_equal(n, k.n);
            assert_memory_equal(t, k.b, n);
            free(t);
        }
        free(k.b);
    }
    /* a writer that wrote nothing gives an empty text, reserved or not */
    chr__jsonw_init_text(w, JSON_COMPACT);
    chr__jsonw_reserve(w, 100);
    {
        char *t0;
        size_t n0;
        assert_int_equal(chr__jsonw_take_text(w, &t0, &n0), 0);
        assert_string_equal(t0, "");
        free(t0);
    }
    char *t;
    size_t n;
    chr__jsonw_init_text(w, JSON_COMPACT);
    assert_int_equal(chr__jsonw_take_text(w, &t, &n), 0);
    assert_string_equal(t, "");
    assert_int_equal(n, 0);
    free(t);
    free(w);
}

/* s[0..n) through chr__jsonw_put_str (or its version without SSE2) against jansson, in a buffer of exactly
 * 6 n + 2 bytes with guards around it that must stay as they are. */
static void check_put_str_by(char *(*put)(char *, const char *, size_t, int *), const char *s, size_t n) {
    char *b = malloc(6 * n + 2 + 32), *e;
    json_t *j = json_stringn(s, n);
    int high = -1, want_high = 0;
    assert_non_null(b);
    assert_non_null(j);
    char *want = json_dumps(j, JSON_ENCODE_ANY);
    assert_non_null(want);
    memset(b, '#', 6 * n + 2 + 32);
    e = put(b + 16, s, n, &high);
    assert_true(e >= b + 16 && e <= b + 16 + 6 * n + 2);
    *e = '\0';
    assert_string_equal(b + 16, want);
    for (size_t i = 0; i < n; i++)
        want_high |= (unsigned char)s[i] >= 0x80;
    assert_int_equal(high, want_high);
    for (size_t i = 0; i < 16; i++)
        assert_int_equal(b[i], '#');
    for (char *g = e + 1; g < b + 6 * n + 2 + 32; g++)
        assert_int_equal(*g, '#');
    free(want);
    json_decref(j);
    free(b);
}

static void check_put_str(const char *s, size_t n) {
    check_put_str_by(chr__jsonw_put_str, s, n);
    check_put_str_by(chr__jsonw_put_str_portable, s, n);
}

/* Strings of 0 to 50 bytes (short ones made of their first, middle and last bytes or two halves, long ones
 * of words of 8 or 16 bytes and a last word over the one before), with each byte that is escaped or next to
 * one, or part of a UTF-8 character, at each place, alone or with a second one further on; with SSE2 and
 * without. */
static void test_put_str(void **state) {
    static const char *const bytes[] = {"\x01", "\x1f", " ", "!", "\"", "#", "\\", "\x7f", "\n", "\t",
                                        "[", "]", "\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80"};
    char s[64];
    (void)state;
    for (size_t len = 0; len <= 50; len++) {
        memset(s, 'v', len);
        check_put_str(s, len);
        for (size_t b = 0; b < sizeof bytes / sizeof *bytes; b++) {
            size_t k = strlen(bytes[b]);
            for (size_t at = 0; at + k <= len; at++) {
                memset(s, 'v', len);
                memcpy(s + at, bytes[b], k);
                check_put_str(s, len);
                if (at + k + 3 < len) {
                    s[len - 1 - (at % 3)] = '"';
                    check_put_str(s, len);
                }
            }
        }
    }
    /* a NUL byte inside is a control character like any other */
    check_put_str("a\0b", 3);
    check_put_str("abcdefgh\0", 9);
}

/* Numbers at the edges of their digit counts, through the inline routine and the general one. */
static void test_put_uint(void **state) {
    static const uint64_t v[] = {0,          1,           9,          10,     11,    99,    100,
                                 101,        999,         1000,       1001,   9999,  10000, 10001,
                                 99999,      123456,      999999,     1000000, 65535, 1,     2,
                                 4294967295u, 4294967296u, UINT64_MAX, UINT64_MAX / 10};
    (void)state;
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        char b[32], want[32];
        memset(b, '#', sizeof b);
        char *e = chr__jsonw_put_uint(b, v[i]);
        assert_true(e - b <= 20);
        assert_int_equal(*e, '#');
        *e = '\0';
        snprintf(want, sizeof want, "%llu", (unsigned long long)v[i]);
        assert_string_equal(b, want);
    }
}

/* Fragments written through a cursor, with room made before each: the same text whether the writer
 * streams (the room flushes its buffer) or grows a text, and the members written by the writer's other
 * functions before and after. */
static void write_by_cursor(chr__jsonw *w) {
    char v[300];
    chr__jsonw_open(w, '[');
    chr__jsonw_int(w, -1);
    char *p = chr__jsonw_cursor(w, 16);
    for (int i = 0; i < 3000; i++) {
        size_t len = (size_t)(i * 7) % sizeof v;
        int high;
        for (size_t j = 0; j < len; j++)
            v[j] = (char)('a' + (i + j) % 26);
        if (len > 3)
            v[i % len] = i % 3 ? '"' : '\n';
        p = chr__jsonw_room(w, p, 6 * len + 2 + 64);
        p = chr__jsonw_put_str(memcpy(p, ",{\"s\":", 6) + 6, v, len, &high);
        memcpy(p, ",\"n\":", 5);
        p = chr__jsonw_put_uint(p + 5, (uint64_t)i * 1000);
        *p++ = '}';
    }
    chr__jsonw_set_cursor(w, p);
    chr__jsonw_close(w, ']');
}

static void test_cursor(void **state) {
    chr__jsonw *w = malloc(sizeof *w);
    sink k = {0};
    char *t;
    size_t n;
    (void)state;
    assert_non_null(w);
    chr__jsonw_init(w, JSON_COMPACT, gather, &k);
    write_by_cursor(w);
    assert_int_equal(chr__jsonw_flush(w), 0);
    assert_true(k.calls > 1);
    chr__jsonw_init_text(w, JSON_COMPACT);
    write_by_cursor(w);
    assert_int_equal(chr__jsonw_take_text(w, &t, &n), 0);
    assert_int_equal(n, k.n);
    assert_memory_equal(t, k.b, n);
    json_t *j = json_loadb(t, n, 0, NULL);
    assert_non_null(j);
    assert_int_equal(json_array_size(j), 3001);
    json_decref(j);
    free(t);
    free(k.b);
    free(w);
}

static int refuse(void *ctx, const char *s, size_t n) {
    (void)ctx;
    (void)s;
    (void)n;
    return -1;
}

/* A stream that cannot be written, or room asked beyond a stream's buffer: the writer fails, and the
 * cursor goes on writing into a scratch place. */
static void test_cursor_fails(void **state) {
    chr__jsonw *w = malloc(sizeof *w);
    (void)state;
    assert_non_null(w);
    chr__jsonw_init(w, JSON_COMPACT, refuse, NULL);
    write_by_cursor(w);
    assert_int_equal(chr__jsonw_flush(w), CHR_EIO);
    chr__jsonw_init(w, JSON_COMPACT, gather, &(sink){0});
    char *p = chr__jsonw_cursor(w, sizeof w->own + 1);
    assert_ptr_equal(p, w->own);
    assert_int_equal(chr__jsonw_flush(w), CHR_ENOMEM);
    p = chr__jsonw_room(w, p + 100, 1000);
    assert_ptr_equal(p, w->own + 100);
    p = chr__jsonw_room(w, p, sizeof w->own);
    assert_ptr_equal(p, w->own);
    chr__jsonw_set_cursor(w, p + 10);
    assert_int_equal(chr__jsonw_flush(w), CHR_ENOMEM);
    free(w);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ints),
        cmocka_unit_test(test_text_as_stream),
        cmocka_unit_test(test_put_str),
        cmocka_unit_test(test_put_uint),
        cmocka_unit_test(test_cursor),
        cmocka_unit_test(test_cursor_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
