/* test_render_json.c: the JSON view of a document (render/json.c): key order, code point offsets,
 * nulls for empty attributes, the DCT object and the optional keys, and the events with their time. */
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

/* The compact text; the direct writer must give jansson's bytes, compact and indented. */
static char *render(const chr_doc *doc, const chr_result *res) {
    json_t *j = chr_render_json(doc, res);
    char *s, *pretty, *t;
    size_t n;
    assert_non_null(j);
    s = json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT);
    pretty = json_dumps(j, JSON_PRESERVE_ORDER | JSON_INDENT(2));
    json_decref(j);
    assert_non_null(s);
    assert_non_null(pretty);
    assert_int_equal(chr_render_json_text(&t, &n, doc, res, 0), 0);
    assert_string_equal(t, s);
    assert_int_equal(n, strlen(s));
    free(t);
    assert_int_equal(chr_render_json_text(&t, &n, doc, res, CHR_JSON_PRETTY), 0);
    assert_string_equal(t, pretty);
    free(t);
    free(pretty);
    return s;
}

/* Escapes as jansson writes them: quotes, backslashes, control characters (\\u00XX upper case), and
 * text that is not UTF-8 is refused. */
static void test_escapes(void **state) {
    const char *text = "He said \"now\" \\ then\ttab\x01 and \xC3\xA9t\xC3\xA9.";
    chr_doc *doc;
    chr_timex tx[1];
    chr_result *res;
    char *s, *t;
    size_t n;
    (void)state;
    assert_int_equal(chr_doc_from_text(&doc, text, strlen(text), NULL), 0);
    assert_int_equal(chr_doc_set_id(doc, "id \"1\"\x7f/\x1f"), 0);
    tx[0] = timex(doc, "t1", 8, (size_t)(strstr(text, " and") - text), CHR_TIMEX_DATE, "PRESENT_REF");
    res = result_of(tx, 1);
    s = render(doc, res);
    assert_non_null(strstr(s, "\"id\":\"id \\\"1\\\"\x7f/\\u001F\""));
    assert_non_null(strstr(s, "\"text\":\"\\\"now\\\" \\\\ then\\ttab\\u0001\""));
    free(s);
    /* an extent that cuts a character has a null text, not broken JSON */
    res->timexes[0].end = (size_t)(strstr(text, "\xA9t") - text);
    s = render(doc, res);
    assert_non_null(strstr(s, "\"text\":null"));
    free(s);
    /* a string that is not UTF-8 is refused */
    strcpy(res->timexes[0].value, "\xff");
    assert_int_equal(chr_render_json_text(&t, &n, doc, res, 0), CHR_EINVAL);
    assert_null(t);
    assert_null(chr_render_json(doc, res));
    /* wherever the byte stands: the writer looks at long strings 8 bytes a step */
    strcpy(res->timexes[0].value, "\xff"
                                  "bcdefghijklmnop");
    assert_int_equal(chr_render_json_text(&t, &n, doc, res, 0), CHR_EINVAL);
    strcpy(res->timexes[0].value, "abcdefghijk\xC3(mnop");
    assert_int_equal(chr_render_json_text(&t, &n, doc, res, 0), CHR_EINVAL);
    /* and long UTF-8 is taken */
    strcpy(res->timexes[0].value, "\xC3\xA9t\xC3\xA9 \xE2\x80\x94 juin");
    assert_int_equal(chr_render_json_text(&t, &n, doc, res, 0), CHR_OK);
    assert_non_null(strstr(t, "\"value\":\"\xC3\xA9t\xC3\xA9 \xE2\x80\x94 juin\""));
    free(t);
    assert_int_equal(chr_render_json_text(&t, &n, NULL, NULL, 0), CHR_EINVAL);
    free(res->timexes);
    free(res);
    chr_doc_free(doc);
}

static void test_no_dct_no_timexes(void **state) {
    chr_doc *doc;
    char *s;
    (void)state;
    assert_int_equal(chr_doc_from_text(&doc, "Nothing here.", 13, NULL), 0);
    s = render(doc, NULL);
    assert_string_equal(
        s, "{\"id\":\"\",\"dct\":{\"value\":null,\"source\":\"none\"},\"timexes\":[],\"events\":[]}");
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
        "\"value\":\"XXXX-WXX-1\",\"mod\":null,\"anchor\":null,\"interval\":null,\"quant\":\"EVERY\"}],"
        "\"events\":[]}");
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
    assert_string_equal(s, "{\"id\":\"\",\"dct\":{\"value\":\"2019-03-15\",\"source\":\"option\"},"
                           "\"timexes\":[],\"events\":[]}");
    free(s);
    assert_int_equal(chr_doc_set_dct(doc, "2019-03-15T10:02+05:30", CHR_DCT_FIELD, NULL), 0);
    s = render(doc, NULL);
    assert_non_null(strstr(s, "\"source\":\"field\",\"tz\":\"+05:30\""));
    free(s);
    chr_doc_free(doc);
}

/* An event over bytes [start, end) of doc's text, in the sentence [ss, se). */
static chr_event event(const chr_doc *doc, const char *id, size_t start, size_t end, size_t ss, size_t se) {
    chr_event e;
    memset(&e, 0, sizeof e);
    strcpy(e.id, id);
    e.start = start;
    e.end = end;
    e.cp_start = chr_doc_cp_offset(doc, start);
    e.cp_end = chr_doc_cp_offset(doc, end);
    e.sent_start = ss;
    e.sent_end = se;
    e.cp_sent_start = chr_doc_cp_offset(doc, ss);
    e.cp_sent_end = chr_doc_cp_offset(doc, se);
    e.actor = e.source = e.summary = "";
    e.time.timex = -2;
    return e;
}

static void test_events(void **state) {
    /* the em dash makes byte and code point offsets differ */
    const char *text = "\xE2\x80\x94 Kerry said Wednesday. Iran has not had relations since 1979. Talks.";
    const char *said = strstr(text, "said"), *wed = strstr(text, "Wednesday"), *had = strstr(text, "had"),
               *y = strstr(text, "1979"), *talks = strstr(text, "Talks"), *iran = strstr(text, "Iran");
    chr_doc *doc;
    chr_timex tx[2];
    chr_event ev[4];
    chr_result *res;
    char *s;
    (void)state;

    assert_int_equal(chr_doc_from_text(&doc, text, strlen(text), NULL), 0);
    assert_int_equal(chr_doc_set_id(doc, "kerry"), 0);
    assert_int_equal(chr_doc_set_dct(doc, "2014-12-03T20:58", CHR_DCT_HEADER, NULL), 0);
    tx[0] = timex(doc, "t1", (size_t)(wed - text), (size_t)(wed - text) + 9, CHR_TIMEX_DATE, "2014-12-03");
    tx[1] = timex(doc, "t2", (size_t)(y - text), (size_t)(y - text) + 4, CHR_TIMEX_DATE, "1979");
    res = result_of(tx, 2);

    /* "said Wednesday": a reporting event in the past, included in t1 */
    ev[0] = event(doc, "e1", (size_t)(said - text), (size_t)(said - text) + 4, 4, (size_t)(wed - text) + 10);
    ev[0].cls = CHR_EVENT_REPORTING;
    ev[0].tense = CHR_TENSE_PAST;
    ev[0].actor = ev[0].source = "Kerry";
    ev[0].summary = "Kerry said Wednesday";
    ev[0].time.timex = 0;
    ev[0].time.relation = CHR_REL_IS_INCLUDED;
    strcpy(ev[0].time.value, "2014-12-03");
    strcpy(ev[0].time.begin, "2014-12-03");
    strcpy(ev[0].time.end, "2014-12-03");
    ev[0].time.gran = CHR_GRAN_DAY;
    ev[0].time.rule = "same-sentence";
    ev[0].dct = CHR_REL_BEFORE; /* its tense's relation to the document date */
    /* "has not had relations since 1979": a negated state begun by t2, running to the DCT */
    ev[1] = event(doc, "e2", (size_t)(had - text), (size_t)(had - text) + 3, (size_t)(iran - text),
                  (size_t)(y - text) + 5);
    ev[1].cls = CHR_EVENT_STATE;
    ev[1].tense = CHR_TENSE_PRESENT;
    ev[1].aspect = CHR_ASPECT_PERFECTIVE;
    ev[1].negative = 1;
    ev[1].actor = "Iran";
    ev[1].time.timex = 1;
    ev[1].time.relation = CHR_REL_BEGUN_BY;
    strcpy(ev[1].time.value, "1979");
    strcpy(ev[1].time.begin, "1979");
    strcpy(ev[1].time.end, "2014-12-03T20:58");
    ev[1].time.gran = CHR_GRAN_YEAR;
    ev[1].time.rule = "signal:since";
    /* "Talks": no time at all */
    ev[2] = event(doc, "e3", (size_t)(talks - text), (size_t)(talks - text) + 5, (size_t)(talks - text),
                  strlen(text));
    /* placed against the document date by its tense: before it, with no time expression of its own */
    ev[3] = ev[0];
    strcpy(ev[3].id, "e4");
    ev[3].actor = ev[3].summary = "";
    ev[3].time.timex = -1;
    ev[3].time.relation = CHR_REL_BEFORE;
    strcpy(ev[3].time.value, "2014-12-03T20:58");
    ev[3].time.begin[0] = '\0';
    strcpy(ev[3].time.end, "2014-12-03T20:58");
    ev[3].time.gran = CHR_GRAN_MINUTE;
    ev[3].time.rule = "tense";
    ev[3].dct = CHR_REL_BEFORE;
    res->events = ev;
    res->nevents = 4;

    s = render(doc, res);
    const char *events = strstr(s, "\"events\":");
    assert_non_null(events);
    assert_string_equal(
        events,
        "\"events\":["
        "{\"id\":\"e1\",\"start\":8,\"end\":12,\"text\":\"said\",\"class\":\"REPORTING\",\"tense\":\"PAST\","
        "\"aspect\":\"NONE\",\"polarity\":\"POS\",\"actor\":\"Kerry\",\"summary\":\"Kerry said Wednesday\","
        "\"sentence\":{\"start\":2,\"end\":23},"
        "\"time\":{\"timex\":\"t1\",\"relation\":\"IS_INCLUDED\",\"value\":\"2014-12-03\","
        "\"begin\":\"2014-12-03\",\"end\":\"2014-12-03\",\"granularity\":\"day\",\"rule\":\"same-sentence\"},"
        "\"dct_relation\":\"BEFORE\"},"
        "{\"id\":\"e2\",\"start\":37,\"end\":40,\"text\":\"had\",\"class\":\"STATE\",\"tense\":\"PRESENT\","
        "\"aspect\":\"PERFECTIVE\",\"polarity\":\"NEG\",\"actor\":\"Iran\",\"summary\":null,"
        "\"sentence\":{\"start\":24,\"end\":62},"
        "\"time\":{\"timex\":\"t2\",\"relation\":\"BEGUN_BY\",\"value\":\"1979\",\"begin\":\"1979\","
        "\"end\":\"2014-12-03T20:58\",\"granularity\":\"year\",\"rule\":\"signal:since\"},"
        "\"dct_relation\":null},"
        "{\"id\":\"e3\",\"start\":63,\"end\":68,\"text\":\"Talks\",\"class\":\"OCCURRENCE\",\"tense\":"
        "\"NONE\","
        "\"aspect\":\"NONE\",\"polarity\":\"POS\",\"actor\":null,\"summary\":null,"
        "\"sentence\":{\"start\":63,\"end\":69},\"time\":null,\"dct_relation\":null},"
        "{\"id\":\"e4\",\"start\":8,\"end\":12,\"text\":\"said\",\"class\":\"REPORTING\",\"tense\":\"PAST\","
        "\"aspect\":\"NONE\",\"polarity\":\"POS\",\"actor\":null,\"summary\":null,"
        "\"sentence\":{\"start\":2,\"end\":23},"
        "\"time\":{\"timex\":\"t0\",\"relation\":\"BEFORE\",\"value\":\"2014-12-03T20:58\",\"begin\":null,"
        "\"end\":\"2014-12-03T20:58\",\"granularity\":\"minute\",\"rule\":\"tense\"},"
        "\"dct_relation\":\"BEFORE\"}]}");
    /* events come after timexes, and the keys before them are unchanged */
    assert_non_null(
        strstr(s, "\"value\":\"1979\",\"mod\":null,\"anchor\":null,\"interval\":null}],\"events\":["));
    free(s);
    /* the events are on the stack: take them back before the result is freed */
    res->events = NULL;
    res->nevents = 0;
    chr_result_free(res);
    chr_doc_free(doc);
}

/* Each byte that is escaped or next to one (in the byte values: control characters, ' ', '!', '"', '#',
 * '\\', DEL) at each place in strings of 1 to 17 bytes (a word of 8 at a time and the tail), in a text
 * long enough to grow many times, so that strings also meet the end of the room there is: jansson's bytes,
 * compact and indented. */
static void test_escapes_everywhere(void **state) {
    static const char bytes[] = {1, 0x1f, ' ', '!', '"', '#', '\\', 0x7f, 'a'};
    chr_doc *doc;
    chr_timex tx[17 * 18 / 2 * sizeof bytes];
    size_t n = 0;
    char value[18];
    (void)state;
    assert_int_equal(chr_doc_from_text(&doc, "x", 1, NULL), 0);
    for (size_t len = 1; len <= 17; len++)
        for (size_t at = 0; at < len; at++)
            for (size_t b = 0; b < sizeof bytes; b++) {
                memset(value, 'v', len);
                value[len] = '\0';
                value[at] = bytes[b];
                tx[n++] = timex(doc, "t1", 0, 1, CHR_TIMEX_DATE, value);
            }
    chr_result *res = result_of(tx, n);
    char *s = render(doc, res);
    assert_non_null(strstr(s, "\"value\":\"vvvvvvvvvvvvvvvv\\\"\""));
    assert_non_null(strstr(s, "\"value\":\"\\u0001vvvvvvvvvvvvvvvv\""));
    free(s);
    free(res->timexes);
    free(res);
    chr_doc_free(doc);
}

/* Every member that the compact writer writes by its own routines at its edges: offsets of each digit
 * count and beyond what an int64_t holds (as jansson holds them), strings with escapes and UTF-8 in each
 * string member, the null of each, an extent that is not UTF-8, a time against the DCT and one against
 * a time expression that is not there, a SET with quant and freq, an interval without an end: the
 * compact text is jansson's, and the same document as the indented one (render). */
static void test_compact_edges(void **state) {
    const char *text = "\xC3\xA9t\xC3\xA9 \"quoted\"\ttab\\ and more words to cover here, Monday.";
    static const size_t offsets[] = {
        0,       9, 10, 99, 100, 999, 1000, 9999, 10000, 12345678, (size_t)INT64_MAX, (size_t)INT64_MAX + 1,
        SIZE_MAX};
    enum { NO = sizeof offsets / sizeof *offsets };
    chr_doc *doc;
    chr_timex tx[3];
    chr_event ev[NO];
    chr_result *res;
    char *s;
    (void)state;
    assert_int_equal(chr_doc_from_text(&doc, text, strlen(text), NULL), 0);
    assert_int_equal(chr_doc_set_id(doc, "\xE2\x80\x94 \"1\"\n"), 0);
    assert_int_equal(chr_doc_set_dct(doc, "2014-12-03T20:58+05:30", CHR_DCT_FIELD, NULL), 0);
    tx[0] = timex(doc, "t1", 0, 5, CHR_TIMEX_DATE, "2014-12-03\"\\");
    strcpy(tx[0].mod, "\xC3\xA9\x01");
    strcpy(tx[0].anchor, "t\"0");
    strcpy(tx[0].begin, "\xE2\x80\x94");
    tx[0].cp_start = 9999;
    tx[0].cp_end = 10000;
    tx[1] = timex(doc, "t2", 6, 14, CHR_TIMEX_SET, "XXXX-WXX-1");
    strcpy(tx[1].quant, "EV\"ERY");
    strcpy(tx[1].freq, "2X\xC3\xA9");
    strcpy(tx[1].signal, "since\n");
    strcpy(tx[1].begin, "1979");
    strcpy(tx[1].end_value, "\x1f");
    tx[2] = timex(doc, "t3", 1, 3, CHR_TIMEX_DURATION, "P1D"); /* cuts a character: text null */
    res = result_of(tx, 3);
    for (size_t i = 0; i < NO; i++) {
        ev[i] = event(doc, "e\"1", 7, 13, 0, strlen(text));
        ev[i].cp_start = offsets[i];
        ev[i].cp_end = offsets[(i + 1) % NO];
        ev[i].cp_sent_start = offsets[(i + 2) % NO];
        ev[i].cp_sent_end = offsets[(i + 3) % NO];
        ev[i].cls = (chr_event_class)(i % 7);
        ev[i].tense = (chr_tense)(i % 5);
        ev[i].aspect = (chr_aspect)(i % 3);
        ev[i].negative = (int)(i % 2);
        ev[i].actor = i % 3 ? "Caf\xC3\xA9 \"owner\"" : "";
        ev[i].summary =
            i % 4 ? "a summary long enough for words, with a tab\there and \xE2\x80\x94 a dash" : "";
        ev[i].time.timex = (int)(i % 5) - 2; /* none, the DCT, t1, t2, t3 */
        if (i == 4)
            ev[i].time.timex = 7; /* no such time expression: null */
        ev[i].time.relation = (chr_relation)(i % 4);
        strcpy(ev[i].time.value, i % 2 ? "2014-12-03" : "");
        strcpy(ev[i].time.begin, i % 3 ? "\x7f\\" : "");
        strcpy(ev[i].time.end, i % 5 ? "2014\xC3\xA9" : "");
        ev[i].time.gran = (chr_gran)(i % 4);
        ev[i].time.rule = i % 2 ? "rule\"x" : NULL;
        ev[i].dct = (chr_relation)(i % 3);
    }
    ev[1].start = 1; /* cuts a character: text null */
    /* values past the names' tables (kept for the process by the compact writer) */
    ev[5].cls = (chr_event_class)99;
    ev[6].tense = (chr_tense)16;
    ev[6].time.relation = (chr_relation)40;
    ev[7].time.gran = (chr_gran)-1;
    ev[8].dct = (chr_relation)15;
    res->events = ev;
    res->nevents = NO;
    s = render(doc, res);
    assert_non_null(strstr(s, "\"start\":9999,\"end\":10000,"));
    assert_non_null(strstr(s, "\"start\":12345678,\"end\":9223372036854775807,"));
    assert_non_null(strstr(s, "\"start\":-9223372036854775808,\"end\":-1,"));
    assert_non_null(strstr(s, "\"text\":null,\"type\":\"DURATION\""));
    assert_non_null(strstr(s, "\"text\":null,\"class\":"));
    assert_non_null(strstr(s, "\"id\":\"\xE2\x80\x94 \\\"1\\\"\\n\""));
    assert_non_null(
        strstr(s, "\"interval\":{\"begin\":\"1979\",\"end\":\"\\u001F\"},\"quant\":\"EV\\\"ERY\","));
    assert_non_null(strstr(s, "\"timex\":null,"));
    assert_non_null(strstr(s, "\"tz\":\"+05:30\""));
    free(s);
    res->events = NULL;
    res->nevents = 0;
    chr_result_free(res);
    chr_doc_free(doc);
}

/* The strings held in arrays (ids, values, mods, ...), which the compact writer reads 16 bytes at a time
 * up to their NUL: of each length the arrays hold, all ASCII, or ending in a byte to escape or in a UTF-8
 * character (in each word of 16), with bytes after the NUL that would be escaped or are not ASCII (they
 * are not the string's): jansson's bytes. */
static void test_array_strings(void **state) {
    enum { KINDS = 3, N = 64 * KINDS };
    chr_doc *doc;
    chr_timex *tx = calloc(N, sizeof *tx);
    chr_event *ev = calloc(N, sizeof *ev);
    size_t n = 0;
    (void)state;
    assert_non_null(tx);
    assert_non_null(ev);
    assert_int_equal(chr_doc_from_text(&doc, "x", 1, NULL), 0);
    for (size_t len = 0; len < 64; len++)
        for (int kind = 0; kind < KINDS; kind++) {
            char v[64], w[16]; /* a string of len bytes in an array of 64, one of len % 16 in one of 16 */
            for (int k = 0; k < 2; k++) {
                char *a = k ? w : v;
                size_t size = k ? sizeof w : sizeof v, l = k ? len % 16 : len;
                memset(a, kind ? '"' : '\x80', size);
                memset(a, 'v', l);
                if (kind == 1 && l >= 1)
                    a[l - 1] = '\\';
                if (kind == 2 && l >= 2)
                    memcpy(a + l - 2, "\xC3\xA9", 2);
                a[l] = '\0';
            }
            chr_timex *x = &tx[n];
            *x = timex(doc, "t1", 0, 1, CHR_TIMEX_SET, "");
            memcpy(x->id, w, sizeof w);
            memcpy(x->value, v, sizeof v);
            memcpy(x->mod, w, sizeof w);
            memcpy(x->anchor, w, sizeof w);
            memcpy(x->quant, w, sizeof w);
            memcpy(x->freq, w, sizeof w);
            memcpy(x->signal, w, sizeof w);
            memcpy(x->begin, v, sizeof v);
            memcpy(x->end_value, v, sizeof v);
            chr_event *e = &ev[n];
            *e = event(doc, "e1", 0, 1, 0, 1);
            memcpy(e->id, w, sizeof w);
            e->time.timex = len % 2 ? -1 : (int)n; /* the DCT, or this time expression (its id) */
            memcpy(e->time.value, v, sizeof v);
            memcpy(e->time.begin, v, sizeof v);
            memcpy(e->time.end, v, sizeof v);
            n++;
        }
    chr_result *res = result_of(tx, n);
    res->events = ev;
    res->nevents = n;
    char *s = render(doc, res);
    assert_non_null(
        strstr(s, "\"value\":\"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\""));
    assert_non_null(strstr(s, "\"id\":\"vvvvvvvvvvvvv\xC3\xA9\""));
    free(s);
    res->events = NULL;
    res->nevents = 0;
    chr_result_free(res);
    free(tx);
    free(ev);
    chr_doc_free(doc);
}

/* The text of every extent of a document (the compact writer copies one of 16 bytes or less, read inside
 * the document, as a word of 16): with a quote, a backslash, control characters, DEL, a UTF-8 character
 * (cut by some extents: null), and extents near the text's end and of 0, 15, 16 and 17 bytes: the
 * string that jansson makes of the bytes, or null, in jansson's bytes. */
static void test_spans(void **state) {
    const char *text = "ab\"c\\d\te\x01"
                       "f g\xC3\xA9h\nij\x1f klm\x7fnopqrstuvwxyz0123456789ABCDEF";
    size_t len = strlen(text), n = 0;
    chr_doc *doc;
    chr_event *ev = calloc(len * len, sizeof *ev);
    (void)state;
    assert_non_null(ev);
    assert_int_equal(chr_doc_from_text(&doc, text, len, NULL), 0);
    for (size_t start = 0; start <= len; start++)
        for (size_t end = start; end <= len && end <= start + 20; end++)
            ev[n++] = event(doc, "e1", start, end, 0, len);
    chr_result *res = result_of(NULL, 0);
    res->events = ev;
    res->nevents = n;
    char *s = render(doc, res);
    json_t *j = json_loads(s, 0, NULL), *evs = json_object_get(j, "events");
    assert_int_equal(json_array_size(evs), n);
    for (size_t i = 0; i < n; i++) {
        json_t *want = json_stringn(text + ev[i].start, ev[i].end - ev[i].start); /* NULL: not UTF-8 */
        json_t *got = json_object_get(json_array_get(evs, i), "text");
        if (want)
            assert_true(json_equal(got, want));
        else
            assert_true(json_is_null(got));
        json_decref(want);
    }
    json_decref(j);
    free(s);
    res->events = NULL;
    res->nevents = 0;
    chr_result_free(res);
    free(ev);
    chr_doc_free(doc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_dct_no_timexes),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_escapes_everywhere),
        cmocka_unit_test(test_timexes),
        cmocka_unit_test(test_dct_forms),
        cmocka_unit_test(test_events),
        cmocka_unit_test(test_compact_edges),
        cmocka_unit_test(test_array_strings),
        cmocka_unit_test(test_spans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
