/* test_doc.c: documents from plain text, strict UTF-8 checking, format detection, code point offsets
 * and the small accessors and name tables of extract/doc.c, utf8.c and error.c. */
/* cmocka.h needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int bad_at(const char *s, size_t len, size_t *bad) {
    *bad = (size_t)-1;
    return chr__utf8_check(s, len, bad);
}

static void test_utf8_valid(void **state) {
    size_t bad;
    /* ASCII, é (2 bytes), € (3), U+FFFF, U+10000, U+10FFFF (4) */
    const char s[] = "abc \xC3\xA9 \xE2\x82\xAC \xEF\xBF\xBF \xF0\x90\x80\x80 \xF4\x8F\xBF\xBF";
    (void)state;
    assert_int_equal(bad_at(s, sizeof s - 1, &bad), 0);
    assert_int_equal(bad_at("", 0, &bad), 0);
    assert_int_equal(chr__utf8_count(s, sizeof s - 1), 13);
    assert_int_equal(chr__utf8_count("", 0), 0);
}

/* The word-at-a-time paths of chr__utf8_check and chr__utf8_count agree with a byte-by-byte reading,
 * wherever in a run of ASCII a multibyte character, a bad byte or a NUL falls. */
static void test_utf8_runs(void **state) {
    static const char *const ins[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xc3", "\x80", "\xed\xa0\x80",
                                      "\x7f"};
    (void)state;
    for (size_t w = 0; w < sizeof ins / sizeof ins[0]; w++) {
        for (size_t at = 0; at < 24; at++) {
            char buf[64];
            size_t il = strlen(ins[w]), len = 40;
            memset(buf, 'a', sizeof buf);
            memcpy(buf + at, ins[w], il);
            size_t bad = 999, cps = 0, want_bad = w == 3 || w == 4 || w == 5 ? at : 999;
            for (size_t i = 0; i < len; i++)
                cps += ((unsigned char)buf[i] & 0xC0) != 0x80;
            assert_int_equal(chr__utf8_count(buf, len), cps);
            if (want_bad == 999) {
                assert_int_equal(chr__utf8_check(buf, len, &bad), 0);
            } else {
                assert_int_equal(chr__utf8_check(buf, len, &bad), CHR_EUTF8);
                assert_int_equal(bad, want_bad);
            }
        }
    }
    char nul[40];
    memset(nul, 'b', sizeof nul);
    for (size_t at = 0; at < sizeof nul; at++) {
        size_t bad = 999;
        nul[at] = '\0';
        assert_int_equal(chr__utf8_check(nul, sizeof nul, &bad), CHR_EUTF8);
        assert_int_equal(bad, at);
        nul[at] = 'b';
    }
}

static void test_utf8_invalid(void **state) {
    static const struct {
        const char *s;
        size_t len, bad;
    } cases[] = {
        {"ab\xC0\x80", 4, 2},       /* overlong NUL */
        {"ab\xC1\xBF", 4, 2},       /* overlong 2-byte */
        {"\xE0\x80\x80", 3, 0},     /* overlong 3-byte */
        {"x\xE0\x9F\xBF", 4, 1},    /* overlong U+07FF */
        {"\xF0\x80\x80\x80", 4, 0}, /* overlong 4-byte */
        {"ok\xED\xA0\x80", 5, 2},   /* surrogate U+D800 */
        {"\xED\xBF\xBF", 3, 0},     /* surrogate U+DFFF */
        {"\xF4\x90\x80\x80", 4, 0}, /* U+110000 */
        {"\xF5\x80\x80\x80", 4, 0}, /* lead byte F5 */
        {"\xFF", 1, 0},
        {"abc\xE2\x82", 5, 3}, /* truncated at the end */
        {"a\xE2\x82z", 4, 1},  /* truncated in the middle */
        {"\x80", 1, 0},        /* stray continuation byte */
        {"ab\0cd", 5, 2},      /* NUL byte */
    };
    size_t i, bad;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(bad_at(cases[i].s, cases[i].len, &bad), CHR_EUTF8);
        assert_int_equal(bad, cases[i].bad);
    }
}

static void test_from_text(void **state) {
    chr_doc *doc = NULL;
    chr_error err;
    const char *t;
    size_t len;
    const char crlf[] = "Title\r\nBody text.\r\n";
    (void)state;

    assert_int_equal(chr_doc_from_text(&doc, crlf, sizeof crlf - 1, &err), 0);
    t = chr_doc_text(doc, &len);
    assert_int_equal(len, sizeof crlf - 1); /* CRLF kept */
    assert_memory_equal(t, crlf, len);
    assert_int_equal(t[len], '\0');
    assert_int_equal(chr_doc_format(doc), CHR_FORMAT_TEXT);
    assert_string_equal(chr_doc_id(doc), "");
    assert_int_equal(chr_doc_gold_count(doc), 0);
    assert_null(chr_doc_gold(doc, 0));
    assert_null(chr_doc_raw(doc, &len, NULL, NULL));
    assert_int_equal(len, 0);
    chr_doc_free(doc);

    /* not NUL-terminated input */
    assert_int_equal(chr_doc_from_text(&doc, "Hello world", 5, NULL), 0);
    assert_string_equal(chr_doc_text(doc, NULL), "Hello");
    chr_doc_free(doc);
}

static void test_bom(void **state) {
    chr_doc *doc = NULL;
    chr_error err;
    size_t len;
    (void)state;

    assert_int_equal(chr_doc_from_text(&doc, "\xEF\xBB\xBFNews", 7, &err), 0);
    assert_string_equal(chr_doc_text(doc, &len), "News");
    assert_int_equal(len, 4);
    chr_doc_free(doc);

    /* offsets of bad bytes count the BOM: they are offsets into the input */
    assert_int_equal(chr_doc_from_text(&doc, "\xEF\xBB\xBFNe\xFFws", 8, &err), CHR_EUTF8);
    assert_null(doc);
    assert_int_equal(err.code, CHR_EUTF8);
    assert_int_equal(err.offset, 5);
    assert_non_null(strstr(err.message, "offset 5"));

    /* a BOM alone is empty */
    assert_int_equal(chr_doc_from_text(&doc, "\xEF\xBB\xBF", 3, &err), CHR_EEMPTY);
}

static void test_bad_text(void **state) {
    chr_doc *doc = (chr_doc *)1;
    chr_error err;
    const char bin[] = "GIF89a\0\0\x01";
    (void)state;

    assert_int_equal(chr_doc_from_text(&doc, "", 0, &err), CHR_EEMPTY);
    assert_null(doc);
    assert_int_equal(err.code, CHR_EEMPTY);
    assert_int_equal(chr_doc_from_text(&doc, NULL, 0, &err), CHR_EEMPTY);
    assert_int_equal(chr_doc_from_text(&doc, " \t\r\n\n  ", 7, &err), CHR_EEMPTY);
    /* no-break space and ideographic space are blank too */
    assert_int_equal(chr_doc_from_text(&doc, "\xC2\xA0\n\xE3\x80\x80", 6, &err), CHR_EEMPTY);
    assert_int_equal(chr_doc_from_text(&doc, bin, sizeof bin - 1, &err), CHR_EUTF8);
    assert_int_equal(err.offset, 6);
    assert_non_null(strstr(err.message, "NUL"));
    assert_int_equal(chr_doc_from_text(&doc, "abc\xC3", 4, NULL), CHR_EUTF8); /* NULL err is fine */
    assert_int_equal(chr_doc_from_text(NULL, "abc", 3, &err), CHR_EINVAL);
}

static void test_format_detect(void **state) {
    static const struct {
        const char *s;
        chr_format f;
    } cases[] = {
        {"<?xml version=\"1.0\" ?>\n<TimeML xmlns:xsi=\"x\">\n<DOCID>a</DOCID>", CHR_FORMAT_TIMEML},
        {"<TimeML>", CHR_FORMAT_TIMEML},
        {"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- a comment -->\n<TimeML>", CHR_FORMAT_TIMEML},
        {"<?xml version=\"1.0\"?><!DOCTYPE TimeML SYSTEM \"t.dtd\"><TimeML>", CHR_FORMAT_TIMEML},
        {"<DOC>\n<DOCID>x</DOCID>\n<TEXT>\nHello\n</TEXT></DOC>", CHR_FORMAT_TIMEML},
        {"  \n{\"text\": \"x\"}\n{\"text\": \"y\"}\n", CHR_FORMAT_JSONL},
        {"\xEF\xBB\xBF{\"text\": \"x\"}", CHR_FORMAT_JSONL},
        {"12/03/2014 08:58 pm ET\n\nJohn Kerry", CHR_FORMAT_TEXT},
        {"<p>An HTML fragment</p>", CHR_FORMAT_TEXT},
        {"<TimeMLX>", CHR_FORMAT_TEXT},
        {"Text that mentions <TEXT> but does not start with a tag", CHR_FORMAT_TEXT},
        {"", CHR_FORMAT_TEXT},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(chr_format_detect(cases[i].s, strlen(cases[i].s)), cases[i].f);
    }
}

static void test_format_detect_window(void **state) {
    /* <TEXT> counts only within the first 4 KiB */
    size_t n = 6000;
    char *buf = malloc(n + 1);
    (void)state;
    assert_non_null(buf);
    memset(buf, ' ', n);
    memcpy(buf, "<DOC>", 5);
    memcpy(buf + 100, "<TEXT>", 6);
    assert_int_equal(chr_format_detect(buf, n), CHR_FORMAT_TIMEML);
    memset(buf + 100, ' ', 6);
    memcpy(buf + 5000, "<TEXT>", 6);
    assert_int_equal(chr_format_detect(buf, n), CHR_FORMAT_TEXT);
    free(buf);
}

static void test_cp_offsets(void **state) {
    /* a text of mixed 1- to 4-byte characters, long enough to cross many 64-byte blocks */
    static const char *const pieces[] = {"a", "\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x93\xB0", " ", "Z"};
    char *text = malloc(5000);
    size_t len = 0, i, expect = 0;
    chr_doc *doc;
    unsigned r = 1;
    (void)state;

    assert_non_null(text);
    while (len < 4900) {
        const char *p;
        r = r * 1103515245u + 12345u;
        p = pieces[(r >> 16) % 6];
        memcpy(text + len, p, strlen(p));
        len += strlen(p);
    }
    assert_int_equal(chr_doc_from_text(&doc, text, len, NULL), 0);
    for (i = 0; i <= len; i++) {
        /* expected: code points that start before byte i */
        assert_int_equal(chr_doc_cp_offset(doc, i), expect);
        if (i < len && ((unsigned char)text[i] & 0xC0) != 0x80) {
            expect++;
        }
    }
    assert_int_equal(chr_doc_cp_offset(doc, len + 100), expect); /* clamped to the end */
    assert_int_equal(chr_doc_cp_offset(doc, len), chr__utf8_count(text, len));
    chr_doc_free(doc);
    free(text);

    /* ASCII text, where whole blocks of 64 code points take a shortcut, with characters of several bytes
     * at the block edges: one whose lead byte ends a block (that block still has 64 code points), one
     * across the next edge, one inside a block */
    text = malloc(1024);
    assert_non_null(text);
    memset(text, 'x', 1024);
    memcpy(text + 63, "\xC3\xA9", 2);
    memcpy(text + 190, "\xF0\x9F\x93\xB0", 4);
    memcpy(text + 300, "\xE2\x80\x94", 3);
    len = 1000;
    assert_int_equal(chr_doc_from_text(&doc, text, len, NULL), 0);
    for (i = 0, expect = 0; i <= len; i++) {
        assert_int_equal(chr_doc_cp_offset(doc, i), expect);
        if (i < len && ((unsigned char)text[i] & 0xC0) != 0x80) {
            expect++;
        }
    }
    chr_doc_free(doc);
    free(text);

    assert_int_equal(chr_doc_from_text(&doc, "Caf\xC3\xA9 on Monday", 15, NULL), 0);
    assert_int_equal(chr_doc_cp_offset(doc, 9), 8); /* "Monday" starts at byte 9, code point 8 */
    chr_doc_free(doc);
}

static void test_id_and_dct(void **state) {
    chr_doc *doc;
    chr_time t;
    chr_error err;
    char buf[32];
    (void)state;

    assert_int_equal(chr_doc_from_text(&doc, "text", 4, NULL), 0);
    assert_int_equal(chr_doc_dct(doc, &t), CHR_DCT_NONE);
    assert_int_equal(t.gran, CHR_GRAN_NONE);
    assert_int_equal(chr_doc_set_id(doc, "doc-7"), 0);
    assert_string_equal(chr_doc_id(doc), "doc-7");
    assert_int_equal(chr_doc_set_id(doc, NULL), 0);
    assert_string_equal(chr_doc_id(doc), "");

    assert_int_equal(chr_doc_set_dct(doc, "2014-12-03", CHR_DCT_OPTION, &err), 0);
    assert_int_equal(chr_doc_dct(doc, &t), CHR_DCT_OPTION);
    chr_time_format(buf, sizeof buf, &t);
    assert_string_equal(buf, "2014-12-03");

    assert_int_equal(chr_doc_set_dct(doc, "2014-02-30", CHR_DCT_OPTION, &err), CHR_EDATE);
    assert_int_equal(err.code, CHR_EDATE);
    assert_int_equal(chr_doc_dct(doc, &t), CHR_DCT_OPTION); /* unchanged */
    assert_int_equal(chr_doc_set_dct(doc, "yesterday", CHR_DCT_OPTION, NULL), CHR_EDATE);

    chr_doc_set_dct_time(doc, NULL, CHR_DCT_OPTION);
    assert_int_equal(chr_doc_dct(doc, NULL), CHR_DCT_NONE);
    chr_doc_free(doc);
    chr_doc_free(NULL);
}

static void test_names(void **state) {
    chr_error err;
    (void)state;
    assert_string_equal(chr_dct_source_name(CHR_DCT_NONE), "none");
    assert_string_equal(chr_dct_source_name(CHR_DCT_OPTION), "option");
    assert_string_equal(chr_dct_source_name(CHR_DCT_FIELD), "field");
    assert_string_equal(chr_dct_source_name(CHR_DCT_TIMEML), "timeml");
    assert_string_equal(chr_dct_source_name(CHR_DCT_HEADER), "header");
    assert_string_equal(chr_timex_type_name(CHR_TIMEX_DATE), "DATE");
    assert_string_equal(chr_timex_type_name(CHR_TIMEX_TIME), "TIME");
    assert_string_equal(chr_timex_type_name(CHR_TIMEX_DURATION), "DURATION");
    assert_string_equal(chr_timex_type_name(CHR_TIMEX_SET), "SET");
    assert_string_equal(chr_strerror(CHR_EUTF8), "invalid UTF-8");
    assert_string_equal(chr_strerror(CHR_EEMPTY), "empty input");
    assert_non_null(chr_strerror(-999));

    assert_int_equal(chr__error_set(NULL, CHR_EJSON, "x %d", 1), CHR_EJSON);
    assert_int_equal(chr__error_set(&err, CHR_EJSON, "two\nlines %s", "here"), CHR_EJSON);
    assert_string_equal(err.message, "two lines here");
    assert_int_equal(err.code, CHR_EJSON);
    assert_int_equal(chr__error_at(&err, CHR_ERULE, "dates.rules", 12, "bad group %s", "y"), CHR_ERULE);
    assert_string_equal(err.file, "dates.rules");
    assert_int_equal(err.line, 12);
    assert_string_equal(err.message, "bad group y");
}

/* Encoding a code point, and decoding JSON escapes (the lean JSON Lines reader and the timeline parts). */
static void test_utf8_put_and_json_escape(void **state) {
    (void)state;
    char b[8];
    assert_int_equal(chr__utf8_put(b, 'A'), 1);
    assert_int_equal(chr__utf8_put(b, 0xE9), 2);
    assert_memory_equal(b, "\xC3\xA9", 2);
    assert_int_equal(chr__utf8_put(b, 0x20AC), 3);
    assert_memory_equal(b, "\xE2\x82\xAC", 3);
    assert_int_equal(chr__utf8_put(b, 0x1F600), 4);
    assert_memory_equal(b, "\xF0\x9F\x98\x80", 4);
    static const struct {
        const char *in, *out, *why;
        size_t used;
    } cases[] = {
        {"\\n", "\n", NULL, 2},
        {"\\/", "/", NULL, 2},
        {"\\u00e9x", "\xC3\xA9", NULL, 6},
        {"\\ud83d\\ude00", "\xF0\x9F\x98\x80", NULL, 12},
        {"\\u0000", NULL, "a bad \\u escape", 0},
        {"\\u12g4", NULL, "a bad \\u escape", 0},
        {"\\ude00", NULL, "a lone surrogate", 0},
        {"\\ud83dx", NULL, "a lone surrogate", 0},
        {"\\q", NULL, "a bad escape", 0},
        {"\\", NULL, "a string without its end", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[16], *o = out;
        const char *why = NULL;
        size_t n = chr__json_escape(cases[i].in, cases[i].in + strlen(cases[i].in), &o, &why);
        assert_int_equal(n, cases[i].used);
        if (cases[i].out) {
            assert_int_equal((size_t)(o - out), strlen(cases[i].out));
            assert_memory_equal(out, cases[i].out, strlen(cases[i].out));
        } else {
            assert_string_equal(why, cases[i].why);
        }
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_invalid),
        cmocka_unit_test(test_utf8_runs),
        cmocka_unit_test(test_utf8_put_and_json_escape),
        cmocka_unit_test(test_from_text),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_bad_text),
        cmocka_unit_test(test_format_detect),
        cmocka_unit_test(test_format_detect_window),
        cmocka_unit_test(test_cp_offsets),
        cmocka_unit_test(test_id_and_dct),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
