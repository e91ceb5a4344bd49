/* test_jsonw.c: the streaming JSON writer (render/jsonw.c): integers as jansson writes them, and the same
 * bytes whether the writer streams through its buffer or grows a text in memory. */
/* cmocka.h needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ints),
        cmocka_unit_test(test_text_as_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
