/* test_jsonflat.c: the lean JSON Lines reader (extract/jsonflat.c) must read what it takes exactly as
 * jansson does, and leave everything else (nesting, reals, long integers, \u0000, lone surrogates,
 * control characters, malformed records) to jansson. Each record of the tables is read both ways and
 * the members compared. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonflat.h"

/* The record read by jansson agrees with the lean reading, member by member (last of a name wins). */
static void agrees(const char *line, const chr__jsonflat *f) {
    json_error_t e;
    json_t *j = json_loadb(line, strlen(line), JSON_DECODE_ANY, &e);
    if (!j)
        fail_msg("jansson refuses what the lean reader took: %s (%s)", line, e.text);
    assert_true(json_is_object(j));
    size_t distinct = 0;
    for (size_t i = 0; i < f->n; i++) {
        const chr__jvalue *v = chr__jsonflat_get(f, f->m[i].key);
        const json_t *jv = json_object_get(j, f->m[i].key);
        assert_non_null(v);
        assert_non_null(jv);
        distinct += v == &f->m[i].v;
        assert_int_equal(json_typeof(jv), v->type);
        if (v->type == JSON_STRING) {
            assert_int_equal(json_string_length(jv), v->n);
            assert_memory_equal(json_string_value(jv), v->s, v->n);
            assert_int_equal(v->s[v->n], '\0');
        } else if (v->type == JSON_INTEGER) {
            assert_true(json_integer_value(jv) == v->i);
        }
    }
    assert_int_equal(json_object_size(j), distinct);
    json_decref(j);
}

static void test_taken(void **state) {
    static const char *const lines[] = {
        "{}",
        " \t{ } \r\n",
        "{\"text\": \"Kerry said Wednesday.\", \"date\": \"2014-12-03\", \"id\": \"a1\"}",
        "{\"text\":\"x\",\"id\":42,\"n\":-7,\"z\":0,\"m\":-0,\"big\":999999999999999}",
        "{\"a\": true, \"b\": false, \"c\": null, \"\": \"empty key\"}",
        "{\"s\": \"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\"}",
        "{\"u\": \"\\u00e9\\u00E9 \\u20ac \\ud83d\\ude00 \\u0041\"}",
        "{\"k\\u00e9y\": \"v\", \"k\\n\": 1}",
        "{\"text\": \"caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d\"}",
        "{\"text\": \"first\", \"text\": \"second\", \"id\": 1, \"id\": \"two\"}",
        "{\"x\"\t:\n\"y\"\r,\"w\" : 1 }",
    };
    (void)state;
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        chr__jsonflat f;
        if (chr__jsonflat_parse(&f, lines[i], strlen(lines[i])) != 1)
            fail_msg("not taken: %s", lines[i]);
        agrees(lines[i], &f);
        chr__jsonflat_free(&f);
    }
}

static void test_values(void **state) {
    chr__jsonflat f;
    const char *line = "{\"text\": \"a\\u00e9\\ud83d\\ude00\", \"id\": -12, \"text\": \"b\\n\"}";
    (void)state;
    assert_int_equal(chr__jsonflat_parse(&f, line, strlen(line)), 1);
    assert_int_equal(f.n, 3);
    const chr__jvalue *v = chr__jsonflat_get(&f, "text");
    assert_non_null(v);
    assert_int_equal(v->type, JSON_STRING);
    assert_string_equal(v->s, "b\n"); /* the last of two */
    v = chr__jsonflat_get(&f, "id");
    assert_int_equal(v->type, JSON_INTEGER);
    assert_true(v->i == -12);
    assert_string_equal(f.m[0].v.s, "a\xc3\xa9\xf0\x9f\x98\x80");
    assert_null(chr__jsonflat_get(&f, "date"));
    assert_null(chr__jsonflat_get(&f, "tex"));
    chr__jsonflat_free(&f);
    chr__jsonflat_free(&f); /* twice is harmless */
}

/* Records the lean reader leaves to jansson, valid and malformed alike. */
static void test_left_to_jansson(void **state) {
    static const char *const lines[] = {
        /* valid, but not the simple case */
        "[1, 2]",
        "\"just a string\"",
        "12",
        "null",
        "{\"body\": [\"para 1\", \"para 2\"]}",
        "{\"meta\": {\"a\": 1}, \"text\": \"x\"}",
        "{\"date\": 1417640280.5}",
        "{\"date\": 1e9}",
        "{\"date\": 1E9}",
        "{\"n\": 1234567890123456}",     /* 16 digits */
        "{\"n\": 99999999999999999999}", /* too big for jansson: its error */
        "{\"text\": \"a\\u0000b\"}",
        "{\"a\\u0000\": \"b\"}",
        /* malformed */
        "",
        "   ",
        "{",
        "{\"text\": \"abc\"",
        "{\"text\": \"abc\", }",
        "{\"text\": \"abc\"} trailing",
        "{\"text\": \"abc\"}}",
        "{\"text\" \"abc\"}",
        "{\"text\": }",
        "{text: \"abc\"}",
        "{'text': 'abc'}",
        "{\"a\": 1,}",
        "{,}",
        "{\"a\": 01}",
        "{\"a\": -}",
        "{\"a\": -a}",
        "{\"a\": 1.}",
        "{\"a\": 12abc}",
        "{\"a\": tru}",
        "{\"a\": truex}",
        "{\"a\": nul}",
        "{\"a\": falsey}",
        "{\"a\": \"b\\x\"}",
        "{\"a\": \"b\\u12\"}",
        "{\"a\": \"b\\u12g4\"}",
        "{\"a\": \"\\ud83d\"}",
        "{\"a\": \"\\ud83dx\"}",
        "{\"a\": \"\\ud83d\\u0041\"}",
        "{\"a\": \"\\ude00\"}",
        "{\"a\": \"tab\there\"}",
        "{\"a\": \"nl\nhere\"}",
        "{\"a\": \"unterminated}",
        "{\"a\": \"b\\",
        "{\"a\": \"b\"\x0b}",
        "{\"a\" : \"b\" ,\f\"c\": 1}",
    };
    (void)state;
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        chr__jsonflat f;
        if (chr__jsonflat_parse(&f, lines[i], strlen(lines[i])) != 0)
            fail_msg("taken but should go to jansson: %s", lines[i]);
        assert_null(f.buf);
    }
    /* and not a byte past the length given */
    chr__jsonflat f;
    assert_int_equal(chr__jsonflat_parse(&f, "{\"a\": \"b\"}", 8), 0);
    assert_int_equal(chr__jsonflat_parse(&f, "{\"a\": true}", 9), 0);
    assert_int_equal(chr__jsonflat_parse(&f, "{\"a\": 12}", 8), 0);
    assert_int_equal(chr__jsonflat_parse(&f, NULL, 0), 0);
}

/* More members than the reader keeps: jansson's. */
static void test_many_members(void **state) {
    char line[4096], *p = line;
    chr__jsonflat f;
    (void)state;
    p += sprintf(p, "{");
    for (int i = 0; i < CHR__JSONFLAT_MAX; i++)
        p += sprintf(p, "%s\"k%d\": %d", i ? ", " : "", i, i);
    sprintf(p, "}");
    assert_int_equal(chr__jsonflat_parse(&f, line, strlen(line)), 1);
    agrees(line, &f);
    chr__jsonflat_free(&f);
    sprintf(p, ", \"one more\": 1}");
    assert_int_equal(chr__jsonflat_parse(&f, line, strlen(line)), 0);
}

/* Strings of 1 to 40 bytes with one special byte at each place, in steps of 16 bytes (SSE2), words of 8 and
 * the tail: an escape (\", \\, \n, \u00e9) is read as jansson reads it, and the bytes next to the ones
 * that stop a run; a raw control byte or a quote cut short is left to jansson (which refuses it too). */
static void test_strings_by_place(void **state) {
    static const char *const specials[] = {"\\\"", "\\\\", "\\n", "\\u00e9", "\xc3\xa9", "\x01", "\x1f",
                                           " ",    "!",    "#",   "[",      "]",   "\x7f", "\xe2\x80\x94"};
    char line[256], body[128];
    (void)state;
    for (size_t len = 1; len <= 40; len++)
        for (size_t at = 0; at < len; at++)
            for (size_t k = 0; k < sizeof specials / sizeof *specials; k++) {
                size_t o = 0;
                for (size_t i = 0; i < len; i++) {
                    if (i == at) {
                        memcpy(body + o, specials[k], strlen(specials[k]));
                        o += strlen(specials[k]);
                    } else {
                        body[o++] = (char)('a' + i % 26);
                    }
                }
                body[o] = '\0';
                snprintf(line, sizeof line, "{\"text\": \"%s\", \"id\": \"x\"}", body);
                chr__jsonflat f;
                int got = chr__jsonflat_parse(&f, line, strlen(line));
                int control = specials[k][0] == '\x01' || specials[k][0] == '\x1f';
                if (control) {
                    assert_int_equal(got, 0);
                } else {
                    assert_int_equal(got, 1);
                    agrees(line, &f);
                    chr__jsonflat_free(&f);
                }
            }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taken),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_left_to_jansson),
        cmocka_unit_test(test_many_members),
        cmocka_unit_test(test_strings_by_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
