/* test_jsonl.c: JSON Lines records -> documents (extract/jsonl.c): field detection, explicit field
 * names, the date forms of news metadata, and every error a bad record can give. */
/* cmocka.h needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"

static chr_doc *load(const char *line, const chr_json_fields *f) {
    chr_doc *doc = NULL;
    chr_error err;
    int rc = chr_doc_from_json(&doc, line, strlen(line), f, &err);
    if (rc != 0) {
        print_error("unexpected error %d: %s\n", rc, err.message);
    }
    assert_int_equal(rc, 0);
    assert_non_null(doc);
    return doc;
}

/* The DCT as "value tz" ("2014-12-03T20:58 -300"), or "none". */
static const char *dct_of(const chr_doc *doc, chr_dct_source want) {
    static char buf[80];
    chr_time t;
    char v[64];
    chr_dct_source s = chr_doc_dct(doc, &t);
    if (s == CHR_DCT_NONE) {
        return "none";
    }
    assert_int_equal(s, want);
    chr_time_format(v, sizeof v, &t);
    if (t.flags & CHR_TIME_HAS_TZ) {
        snprintf(buf, sizeof buf, "%s %d", v, t.tz);
    } else {
        snprintf(buf, sizeof buf, "%s", v);
    }
    return buf;
}

static void test_common_names(void **state) {
    chr_doc *doc;
    (void)state;

    doc = load("{\"id\": \"a1\", \"text\": \"Kerry said Wednesday.\", \"date\": \"2014-12-03\"}", NULL);
    assert_string_equal(chr_doc_text(doc, NULL), "Kerry said Wednesday.");
    assert_string_equal(chr_doc_id(doc), "a1");
    assert_string_equal(dct_of(doc, CHR_DCT_FIELD), "2014-12-03");
    assert_int_equal(chr_doc_format(doc), CHR_FORMAT_JSONL);
    chr_doc_free(doc);

    doc = load("{\"url\": \"https://example.com/a\", \"body\": \"B\\u00e9b\\u00e9\", "
               "\"published\": \"Wed, 03 Dec 2014 20:58:00 GMT\"}",
               NULL);
    assert_string_equal(chr_doc_text(doc, NULL), "B\xC3\xA9"
                                                 "b\xC3\xA9");
    assert_string_equal(chr_doc_id(doc), "https://example.com/a");
    assert_string_equal(dct_of(doc, CHR_DCT_FIELD), "2014-12-03T20:58 0");
    chr_doc_free(doc);

    doc = load("{\"maintext\": \"M\", \"datePublished\": \"2014-12-03T20:58:00-05:00\", \"id\": 42}", NULL);
    assert_string_equal(chr_doc_text(doc, NULL), "M");
    assert_string_equal(chr_doc_id(doc), "42");
    assert_string_equal(dct_of(doc, CHR_DCT_FIELD), "2014-12-03T20:58 -300");
    chr_doc_free(doc);

    doc = load("{\"content\": \"C\", \"date_publish\": \"2014-12-03 20:58:00\"}", NULL);
    assert_string_equal(chr_doc_text(doc, NULL), "C");
    assert_string_equal(chr_doc_id(doc), "");
    assert_string_equal(dct_of(doc, CHR_DCT_FIELD), "2014-12-03T20:58");
    chr_doc_free(doc);

    /* text null is skipped for the next candidate; "dct" comes first among dates */
    doc = load("{\"text\": null, \"body\": \"from body\", \"date\": \"2001-01-01\", \"dct\": "
               "\"December 3, 2014\"}",
               NULL);
    assert_string_equal(chr_doc_text(doc, NULL), "from body");
    assert_string_equal(dct_of(doc, CHR_DCT_FIELD), "2014-12-03");
    chr_doc_free(doc);
}

static void test_date_forms(void **state) {
    static const struct {
        const char *json, *dct;
    } cases[] = {
        {"{\"text\": \"x\", \"date\": 1417640280}", "2014-12-03T20:58 0"},    /* epoch seconds */
        {"{\"text\": \"x\", \"date\": 1417640280000}", "2014-12-03T20:58 0"}, /* milliseconds */
        {"{\"text\": \"x\", \"date\": \"1417640280\"}", "2014-12-03T20:58 0"},
        {"{\"text\": \"x\", \"date\": \"2014-12-03T20:58:00.000Z\"}", "2014-12-03T20:58 0"},
        {"{\"text\": \"x\", \"date\": \"Wed, 03 Dec 2014 20:58:00 -0500\"}", "2014-12-03T20:58 -300"},
        {"{\"text\": \"x\", \"date\": \"Dec 3, 2014\"}", "2014-12-03"},
        {"{\"text\": \"x\", \"date\": \"3 December 2014\"}", "2014-12-03"},
        {"{\"text\": \"x\", \"date\": \"2014-12\"}", "2014-12"},
        {"{\"text\": \"x\", \"date\": null}", "none"},
        {"{\"text\": \"x\"}", "none"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        chr_doc *doc = load(cases[i].json, NULL);
        assert_string_equal(dct_of(doc, CHR_DCT_FIELD), cases[i].dct);
        chr_doc_free(doc);
    }
}

static void test_explicit_fields(void **state) {
    chr_json_fields f = {"article", "when", "guid"};
    chr_doc *doc;
    chr_error err;
    const char *rec = "{\"text\": \"not me\", \"article\": \"me\", \"date\": \"2001-01-01\", "
                      "\"when\": \"2014-12-03\", \"id\": \"no\", \"guid\": \"g-1\"}";
    (void)state;

    doc = load(rec, &f);
    assert_string_equal(chr_doc_text(doc, NULL), "me");
    assert_string_equal(chr_doc_id(doc), "g-1");
    assert_string_equal(dct_of(doc, CHR_DCT_FIELD), "2014-12-03");
    chr_doc_free(doc);

    /* a named field that is missing is an error for the text, no DCT / no id for the others */
    f.text = "headline";
    assert_int_equal(chr_doc_from_json(&doc, rec, strlen(rec), &f, &err), CHR_EJSON);
    assert_string_equal(err.message, "no text field \"headline\"");
    f.text = "article";
    f.date = "updated";
    f.id = "uuid";
    doc = load(rec, &f);
    assert_string_equal(dct_of(doc, CHR_DCT_FIELD), "none");
    assert_string_equal(chr_doc_id(doc), "");
    chr_doc_free(doc);

    /* only some members set: the others use the common names */
    f.text = NULL;
    f.date = "when";
    f.id = NULL;
    doc = load(rec, &f);
    assert_string_equal(chr_doc_text(doc, NULL), "not me");
    assert_string_equal(chr_doc_id(doc), "no");
    assert_string_equal(dct_of(doc, CHR_DCT_FIELD), "2014-12-03");
    chr_doc_free(doc);
}

/* Runs a bad record; returns the message. */
static const char *fails(const char *line, size_t len, int code) {
    static chr_error err;
    chr_doc *doc = (chr_doc *)&err;
    memset(&err, 0, sizeof err);
    assert_int_equal(chr_doc_from_json(&doc, line, len, NULL, &err), code);
    assert_null(doc);
    assert_int_equal(err.code, code);
    assert_null(strchr(err.message, '\n'));
    return err.message;
}

#define FAILS(s, code) fails((s), strlen(s), (code))

static void test_errors(void **state) {
    const char *m;
    chr_error err;
    chr_doc *doc;
    (void)state;

    m = FAILS("[1, 2]", CHR_EJSON);
    assert_string_equal(m, "JSON record is an array, not an object");
    m = FAILS("\"just a string\"", CHR_EJSON);
    assert_string_equal(m, "JSON record is a string, not an object");

    m = FAILS("{\"text\": \"abc\", }", CHR_EJSON);
    assert_non_null(strstr(m, "malformed JSON at column"));
    m = FAILS("{\"text\": \"abc\"", CHR_EJSON);
    assert_non_null(strstr(m, "malformed JSON"));
    m = FAILS("{\"text\": \"abc\"} trailing", CHR_EJSON);
    assert_non_null(strstr(m, "malformed JSON"));
    /* \u0000 would put a NUL byte into the text */
    m = FAILS("{\"text\": \"a\\u0000b\"}", CHR_EJSON);

    m = FAILS("{\"title\": \"no body here\"}", CHR_EJSON);
    assert_string_equal(m, "no text field (tried text, body, content, maintext)");
    m = FAILS("{\"text\": 12}", CHR_EJSON);
    assert_string_equal(m, "text field \"text\" is an integer, not a string");
    m = FAILS("{\"body\": [\"para 1\", \"para 2\"]}", CHR_EJSON);
    assert_string_equal(m, "text field \"body\" is an array, not a string");
    m = FAILS("{\"text\": \"  \\n \"}", CHR_EEMPTY);
    assert_string_equal(m, "text field \"text\" is empty");

    m = FAILS("{\"text\": \"x\", \"date\": \"sometime last week\"}", CHR_EDATE);
    assert_string_equal(m, "date field \"date\" is not a date: \"sometime last week\"");
    m = FAILS("{\"text\": \"x\", \"published\": \"2014-02-30\"}", CHR_EDATE);
    assert_non_null(strstr(m, "\"published\""));
    m = FAILS("{\"text\": \"x\", \"date\": true}", CHR_EDATE);
    assert_string_equal(m, "date field \"date\" is not a date: a boolean");

    m = FAILS("{\"text\": \"caf\xC3\"}", CHR_EUTF8);
    assert_non_null(strstr(m, "invalid UTF-8"));
    assert_int_equal(chr_doc_from_json(&doc, "{\"text\": \"caf\xC3\"}", 16, NULL, &err), CHR_EUTF8);
    assert_int_equal(err.offset, 13);

    FAILS("", CHR_EEMPTY);
    FAILS("   ", CHR_EEMPTY);
    assert_int_equal(chr_doc_from_json(&doc, "[", 1, NULL, NULL), CHR_EJSON); /* NULL err */
}

static void test_deep_nesting(void **state) {
    size_t n = 200000, i;
    char *s = malloc(2 * n + 32);
    const char *m;
    (void)state;

    assert_non_null(s);
    for (i = 0; i < n; i++) {
        s[i] = '[';
    }
    m = fails(s, n, CHR_EJSON);
    assert_non_null(strstr(m, "malformed JSON"));

    /* nested inside a field of an otherwise good record, closed properly */
    memcpy(s, "{\"text\": \"x\", \"meta\": ", 22);
    for (i = 22; i < 22 + n; i++) {
        s[i] = '[';
    }
    for (i = 22 + n; i < 22 + 2 * n; i++) {
        s[i] = ']';
    }
    s[i++] = '}';
    fails(s, i, CHR_EJSON);
    free(s);
}

/* The same record read by the lean reader and, with a member it leaves to jansson (an array, a real),
 * by jansson: the same document. */
static void test_both_readers(void **state) {
    static const char *const pairs[][2] = {
        {"{\"id\": 7, \"text\": \"Kerry said \\u00e9 Wednesday.\", \"date\": 1417640280}",
         "{\"id\": 7, \"tags\": [1, {}], \"text\": \"Kerry said \\u00e9 Wednesday.\", \"date\": 1417640280}"},
        {"{\"url\": \"u\", \"text\": null, \"body\": \"B\", \"dct\": \"2014-12-03\", \"x\": true}",
         "{\"url\": \"u\", \"text\": null, \"body\": \"B\", \"dct\": \"2014-12-03\", \"x\": 1.5}"},
        {"{\"text\": \"one\", \"text\": \"two\", \"id\": \"a\", \"id\": \"b\"}",
         "{\"text\": \"one\", \"text\": \"two\", \"id\": \"a\", \"id\": \"b\", \"z\": [null]}"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        chr_doc *a = load(pairs[i][0], NULL), *b = load(pairs[i][1], NULL);
        char da[80];
        assert_string_equal(chr_doc_text(a, NULL), chr_doc_text(b, NULL));
        assert_string_equal(chr_doc_id(a), chr_doc_id(b));
        snprintf(da, sizeof da, "%s", dct_of(a, CHR_DCT_FIELD));
        assert_string_equal(da, dct_of(b, CHR_DCT_FIELD));
        chr_doc_free(a);
        chr_doc_free(b);
    }
    /* the same errors whichever reader read the record */
    static const char *const bad[][2] = {
        {"{\"text\": 12}", "{\"text\": 12, \"a\": []}"},
        {"{\"text\": \"x\", \"date\": false}", "{\"text\": \"x\", \"date\": false, \"a\": {}}"},
        {"{\"text\": \"x\", \"date\": 999999999999999}", "{\"text\": \"x\", \"date\": 999999999999999, \"a\": 0.5}"},
        {"{\"text\": \"x\", \"date\": \"soon\"}", "{\"text\": \"x\", \"date\": \"soon\", \"a\": [1]}"},
        {"{\"body\": \" \"}", "{\"body\": \" \", \"a\": [1]}"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        chr_error ea, eb;
        chr_doc *doc;
        int ra = chr_doc_from_json(&doc, bad[i][0], strlen(bad[i][0]), NULL, &ea);
        int rb = chr_doc_from_json(&doc, bad[i][1], strlen(bad[i][1]), NULL, &eb);
        assert_int_not_equal(ra, 0);
        assert_int_equal(ra, rb);
        assert_string_equal(ea.message, eb.message);
    }
}

static void test_crlf_and_bom(void **state) {
    chr_doc *doc;
    (void)state;
    doc = load("\xEF\xBB\xBF{\"text\": \"a\\r\\nb\"}\r", NULL);
    assert_string_equal(chr_doc_text(doc, NULL), "a\r\nb");
    chr_doc_free(doc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_common_names),    cmocka_unit_test(test_date_forms),
        cmocka_unit_test(test_explicit_fields), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_deep_nesting),    cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_both_readers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
