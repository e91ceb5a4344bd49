/* test_render_json.c: the JSON view of a document (render/json.c): key order, code point offsets,
 * nulls for empty attributes, the DCT object and the optional keys. */
/* cmocka.h needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "engine.h" /* struct chr_result */
#include "internal.h"

static chr_result *result_of(const chr_timex *tx, size_t n) {
    chr_result *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->timexes = calloc(n ? n : 1, sizeof *tx);
    assert_non_null(r->timexes);
    if (n) {
        memcpy(r->timexes, tx, n * sizeof *tx);
    }
    r->n = r->cap = n;
    return r;
}

/* A timex over bytes [start, end) of doc's text. */
static chr_timex timex(const chr_doc *doc, const char *id, size_t start, size_t end, chr_timex_type type,
                       const char *value) {
    chr_timex x;
    memset(&x, 0, sizeof x);
    strcpy(x.id, id);
    x.start = start;
    x.end = end;
    x.cp_start = chr_doc_cp_offset(doc, start);
    x.cp_end = chr_doc_cp_offset(doc, end);
    x.type = type;
    strcpy(x.value, value);
    return x;
}

static char *render(const chr_doc *doc, const chr_result *res) {
    json_t *j = chr_render_json(doc, res);
    char *s;
    assert_non_null(j);
    s = json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT);
    json_decref(j);
    assert_non_null(s);
    return s;
}

static void test_no_dct_no_timexes(void **state) {
    chr_doc *doc;
    char *s;
    (void)state;
    assert_int_equal(chr_doc_from_text(&doc, "Nothing here.", 13, NULL), 0);
    s = render(doc, NULL);
    assert_string_equal(s, "{\"id\":\"\",\"dct\":{\"value\":null,\"source\":\"none\"},\"timexes\":[]}");
    free(s);
    chr_doc_free(doc);
    assert_null(chr_render_json(NULL, NULL));
}

static void test_timexes(void **state) {
    /* "Café" and the em dash make byte and code point offsets differ */
    const char *text = "Caf\xC3\xA9 \xE2\x80\x94 Kerry said Wednesday, since 1979, every Monday.";
    const char *wed = strstr(text, "Wednesday"), *y = strstr(text, "1979"), *mon = strstr(text, "every");
    chr_doc *doc;
    chr_timex tx[3];
    chr_result *res;
    chr_time dct;
    char *s;
    (void)state;

    assert_int_equal(chr_doc_from_text(&doc, text, strlen(text), NULL), 0);
    assert_int_equal(chr_doc_set_id(doc, "kerry"), 0);
    assert_int_equal(chr_time_parse_iso(&dct, "2014-12-03T20:58-05:00", 22, NULL), 0);
    chr_doc_set_dct_time(doc, &dct, CHR_DCT_HEADER);

    tx[0] = timex(doc, "t1", (size_t)(wed - text), (size_t)(wed - text) + 9, CHR_TIMEX_DATE, "2014-12-03");
    strcpy(tx[0].anchor, "t0");
    tx[1] = timex(doc, "t2", (size_t)(y - text), (size_t)(y - text) + 4, CHR_TIMEX_DATE, "1979");
    strcpy(tx[1].signal, "since");
    strcpy(tx[1].begin, "1979");
    strcpy(tx[1].end_value, "2014-12-03T20:58");
    strcpy(tx[1].mod, "START");
    tx[2] = timex(doc, "t3", (size_t)(mon - text), (size_t)(mon - text) + 12, CHR_TIMEX_SET, "XXXX-WXX-1");
    strcpy(tx[2].quant, "EVERY");
    res = result_of(tx, 3);

    s = render(doc, res);
    assert_string_equal(
        s,
        "{\"id\":\"kerry\",\"dct\":{\"value\":\"2014-12-03T20:58\",\"source\":\"header\",\"tz\":\"-05:00\"},"
        "\"timexes\":["
        "{\"id\":\"t1\",\"start\":18,\"end\":27,\"text\":\"Wednesday\",\"type\":\"DATE\","
        "\"value\":\"2014-12-03\",\"mod\":null,\"anchor\":\"t0\",\"interval\":null},"
        "{\"id\":\"t2\",\"start\":35,\"end\":39,\"text\":\"1979\",\"type\":\"DATE\",\"value\":\"1979\","
        "\"mod\":\"START\",\"anchor\":null,\"interval\":{\"begin\":\"1979\",\"end\":\"2014-12-03T20:58\"},"
        "\"signal\":\"since\"},"
        "{\"id\":\"t3\",\"start\":41,\"end\":53,\"text\":\"every Monday\",\"type\":\"SET\","
        "\"value\":\"XXXX-WXX-1\",\"mod\":null,\"anchor\":null,\"interval\":null,\"quant\":\"EVERY\"}]}");
    free(s);
    chr_result_free(res);
    chr_doc_free(doc);
}

static void test_dct_forms(void **state) {
    chr_doc *doc;
    char *s;
    (void)state;
    assert_int_equal(chr_doc_from_text(&doc, "x", 1, NULL), 0);
    assert_int_equal(chr_doc_set_dct(doc, "2019-03-15", CHR_DCT_OPTION, NULL), 0);
    s = render(doc, NULL);
    assert_string_equal(
        s, "{\"id\":\"\",\"dct\":{\"value\":\"2019-03-15\",\"source\":\"option\"},\"timexes\":[]}");
    free(s);
    assert_int_equal(chr_doc_set_dct(doc, "2019-03-15T10:02+05:30", CHR_DCT_FIELD, NULL), 0);
    s = render(doc, NULL);
    assert_non_null(strstr(s, "\"source\":\"field\",\"tz\":\"+05:30\""));
    free(s);
    chr_doc_free(doc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_dct_no_timexes),
        cmocka_unit_test(test_timexes),
        cmocka_unit_test(test_dct_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
