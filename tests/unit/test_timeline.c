/* test_timeline.c: the chronology of documents (timeline/timeline.c, render/timeline.c) built from
 * hand-made results: intervals from each relation ("since" to the DCT, before the DCT with an open start),
 * the documented order and its tie-breaks, undated events, several documents, copies that outlive the
 * document and result, the JSON keys and the fixed-width text table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "engine.h" /* struct chr_result */
#include "internal.h"

static const char seed[] =
    "Iran has not had relations with Washington since 1979. Kerry said Wednesday that officials told "
    "HuffPost last month about claims made over the weekend, airstrikes since last week and a story "
    "broken Monday night. Kirby told reporters on Tuesday. Obama wrote a letter. Talks every Monday.";

typedef struct fixture {
    chr_doc *doc;
    chr_result *res;
} fixture;

static size_t at(const char *word) {
    const char *p = strstr(seed, word);
    assert_non_null(p);
    return (size_t)(p - seed);
}

static void add_timex(chr_result *r, const char *word, const char *value) {
    chr_timex *x = &r->timexes[r->n];
    memset(x, 0, sizeof *x);
    snprintf(x->id, sizeof x->id, "t%zu", r->n + 1);
    x->start = x->cp_start = at(word);
    x->end = x->cp_end = x->start + strlen(word);
    strcpy(x->value, value);
    r->n++;
}

/* An event on word, dated by timex ti (-1 the DCT, -2 none) with relation rel and interval [b, e]. */
static void add_event(chr_result *r, const char *word, const char *actor, int ti, chr_relation rel,
                      const char *value, const char *b, const char *e, chr_gran g) {
    chr_event *ev = &r->events[r->nevents];
    memset(ev, 0, sizeof *ev);
    snprintf(ev->id, sizeof ev->id, "e%zu", r->nevents + 1);
    ev->start = ev->cp_start = at(word);
    ev->end = ev->cp_end = ev->start + strlen(word);
    ev->sent_start = ev->cp_sent_start = 0;
    ev->sent_end = ev->cp_sent_end = 10;
    ev->tense = CHR_TENSE_PAST;
    ev->actor = actor;
    ev->source = "";
    ev->summary = actor[0] ? "a summary" : "";
    ev->time.timex = ti;
    ev->time.relation = rel;
    strcpy(ev->time.value, value);
    strcpy(ev->time.begin, b);
    strcpy(ev->time.end, e);
    ev->time.gran = g;
    ev->time.rule = ti == -1 ? "tense" : "same-sentence";
    r->nevents++;
}

static void seed_fixture(fixture *f) {
    const char *dct = "2014-12-03T20:58";
    chr_result *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->timexes = calloc(16, sizeof *r->timexes);
    r->events = calloc(16, sizeof *r->events);
    assert_non_null(r->timexes);
    assert_non_null(r->events);
    r->cap = 16;
    assert_int_equal(chr_doc_from_text(&f->doc, seed, strlen(seed), NULL), 0);
    assert_int_equal(chr_doc_set_id(f->doc, "kerry"), 0);
    assert_int_equal(chr_doc_set_dct(f->doc, dct, CHR_DCT_HEADER, NULL), 0);
    add_timex(r, "1979", "1979");                                                         /* t1 */
    add_timex(r, "Wednesday", "2014-12-03");                                              /* t2 */
    add_timex(r, "last month", "2014-11");                                                /* t3 */
    add_timex(r, "the weekend", "2014-W48-WE");                                           /* t4 */
    add_timex(r, "last week", "2014-W48");                                                /* t5 */
    add_timex(r, "Monday night", "2014-12-01TNI");                                        /* t6 */
    add_timex(r, "Tuesday", "2014-12-02");                                                /* t7 */
    add_timex(r, "every Monday", "XXXX-WXX-1");                                           /* t8 */
    add_event(r, "had", "Iran", 0, CHR_REL_BEGUN_BY, "1979", "1979", dct, CHR_GRAN_YEAR); /* e1 */
    add_event(r, "said", "Kerry", 1, CHR_REL_IS_INCLUDED, "2014-12-03", "2014-12-03", "2014-12-03",
              CHR_GRAN_DAY); /* e2 */
    add_event(r, "told HuffPost", "officials", 2, CHR_REL_IS_INCLUDED, "2014-11", "2014-11", "2014-11",
              CHR_GRAN_MONTH);                                                                       /* e3 */
    add_event(r, "made", "", 3, CHR_REL_IS_INCLUDED, "2014-W48-WE", "", "", CHR_GRAN_WEEKEND);       /* e4 */
    add_event(r, "airstrikes", "", 4, CHR_REL_BEGUN_BY, "2014-W48", "2014-W48", dct, CHR_GRAN_WEEK); /* e5 */
    add_event(r, "broken", "", 5, CHR_REL_IS_INCLUDED, "2014-12-01TNI", "2014-12-01TNI", "2014-12-01TNI",
              CHR_GRAN_PART_OF_DAY); /* e6 */
    add_event(r, "told reporters", "Kirby", 6, CHR_REL_IS_INCLUDED, "2014-12-02", "2014-12-02", "2014-12-02",
              CHR_GRAN_DAY);                                                               /* e7 */
    add_event(r, "wrote", "Obama", -1, CHR_REL_BEFORE, dct, "", dct, CHR_GRAN_MINUTE);     /* e8 */
    add_event(r, "letter", "", -2, CHR_REL_NONE, "", "", "", CHR_GRAN_NONE);               /* e9 */
    add_event(r, "Talks", "", 7, CHR_REL_IS_INCLUDED, "XXXX-WXX-1", "", "", CHR_GRAN_DAY); /* e10 */
    f->res = r;
}

static void fixture_free(fixture *f) {
    /* the event strings are static: the result must not free them */
    chr_result_free(f->res);
    chr_doc_free(f->doc);
}

static char *label_of(const chr_timeline_entry *e) {
    static char buf[128];
    chr_timeline_label(buf, sizeof buf, e);
    return buf;
}

static void test_seed_order_and_intervals(void **state) {
    fixture f;
    chr_timeline *tl;
    (void)state;
    seed_fixture(&f);
    assert_int_equal(chr_timeline_new(&tl), 0);
    assert_int_equal(chr_timeline_add(tl, f.doc, f.res, NULL), 0);
    fixture_free(&f); /* the timeline keeps copies */

    /* since 1979, last month, since last week, the weekend, Monday night, Tuesday, Wednesday, before DCT */
    static const char *const ids[] = {"e1", "e3", "e5", "e4", "e6", "e7", "e2", "e8"};
    static const char *const labels[] = {"1979 .. 2014-12-03", "2014-11",          "2014-W48 .. 2014-12-03",
                                         "2014-W48-WE",        "2014-12-01 night", "2014-12-02",
                                         "2014-12-03",         ".. 2014-12-03"};
    assert_int_equal(chr_timeline_count(tl), 8);
    for (size_t i = 0; i < 8; i++) {
        const chr_timeline_entry *e = chr_timeline_entry_at(tl, i);
        assert_string_equal(e->event_id, ids[i]);
        assert_string_equal(label_of(e), labels[i]);
    }
    const chr_timeline_entry *since = chr_timeline_entry_at(tl, 0);
    assert_true(since->has_begin && since->has_end);
    assert_int_equal(since->first_day, chr_date_days(1979, 1, 1));
    assert_int_equal(since->after_day, chr_date_days(2014, 12, 4));
    assert_int_equal(since->flags, CHR_TL_OPEN_END | CHR_TL_END_DCT);
    assert_string_equal(since->actor, "Iran");
    assert_string_equal(since->text, "had");
    assert_string_equal(since->timex_id, "t1");
    const chr_timeline_entry *month = chr_timeline_entry_at(tl, 1);
    assert_int_equal(month->first_day, chr_date_days(2014, 11, 1));
    assert_int_equal(month->after_day, chr_date_days(2014, 12, 1));
    assert_int_equal(month->flags, 0);
    assert_int_equal(month->gran, CHR_GRAN_MONTH);
    /* the weekend: no interval given, the value's span */
    const chr_timeline_entry *we = chr_timeline_entry_at(tl, 3);
    assert_int_equal(we->first_day, chr_date_days(2014, 11, 29));
    assert_int_equal(we->after_day, chr_date_days(2014, 12, 1));
    /* before the DCT: open start, up to and including the DCT's day */
    const chr_timeline_entry *before = chr_timeline_entry_at(tl, 7);
    assert_false(before->has_begin);
    assert_int_equal(before->after_day, chr_date_days(2014, 12, 4));
    assert_int_equal(before->flags, CHR_TL_OPEN_START | CHR_TL_END_DCT);
    assert_string_equal(before->timex_id, "t0");

    /* no time, and a time that is no date: undated, in text order */
    assert_int_equal(chr_timeline_undated_count(tl), 2);
    assert_string_equal(chr_timeline_undated_at(tl, 0)->event_id, "e9");
    assert_string_equal(chr_timeline_undated_at(tl, 1)->event_id, "e10");
    assert_string_equal(chr_timeline_undated_at(tl, 1)->value, "XXXX-WXX-1");
    assert_string_equal(label_of(chr_timeline_undated_at(tl, 0)), "");
    chr_timeline_free(tl);
    chr_timeline_free(NULL);
}

/* An approximate time (TIMEX3 mod APPROX) flags its entries, and their EDTF dates carry "~" (not the
 * document date's end of "since about 1979"); the flag survives the timeline JSON. */
static void test_approximate(void **state) {
    fixture f;
    chr_timeline *tl;
    char edtf[64];
    (void)state;
    seed_fixture(&f);
    strcpy(f.res->timexes[0].mod, "APPROX"); /* since about 1979 */
    strcpy(f.res->timexes[2].mod, "APPROX"); /* about last month */
    assert_int_equal(chr_timeline_new(&tl), 0);
    assert_int_equal(chr_timeline_add(tl, f.doc, f.res, NULL), 0);
    fixture_free(&f);
    const chr_timeline_entry *since = chr_timeline_entry_at(tl, 0), *month = chr_timeline_entry_at(tl, 1);
    assert_int_equal(since->flags, CHR_TL_OPEN_END | CHR_TL_END_DCT | CHR_TL_APPROX);
    chr_timeline_edtf(edtf, sizeof edtf, since);
    assert_string_equal(edtf, "1979~/2014-12-03");
    chr_timeline_edtf(edtf, sizeof edtf, month);
    assert_string_equal(edtf, "2014-11~");
    chr_timeline_edtf(edtf, sizeof edtf, chr_timeline_entry_at(tl, 5)); /* Tuesday: not approximate */
    assert_string_equal(edtf, "2014-12-02");
    json_t *j = chr_timeline_json(tl);
    assert_non_null(j);
    char *s = json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT);
    assert_non_null(s);
    assert_non_null(strstr(s, "\"flags\":[\"open_end\",\"end_dct\",\"approximate\"]"));
    chr_timeline *back;
    assert_int_equal(chr_timeline_from_json(&back, j, NULL), 0);
    assert_int_equal(chr_timeline_entry_at(back, 0)->flags, since->flags);
    chr_timeline_free(back);
    free(s);
    json_decref(j);
    chr_timeline_free(tl);
}

/* A result with one event per (value, relation) and the DCT 2014-12-03. */
static chr_result *one_event(chr_doc **doc, const char *id, const char *value, chr_relation rel,
                             const char *b, const char *e) {
    static const char text[] = "It happened.";
    chr_result *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->events = calloc(1, sizeof *r->events);
    assert_non_null(r->events);
    assert_int_equal(chr_doc_from_text(doc, text, strlen(text), NULL), 0);
    assert_int_equal(chr_doc_set_id(*doc, id), 0);
    assert_int_equal(chr_doc_set_dct(*doc, "2014-12-03", CHR_DCT_OPTION, NULL), 0);
    chr_event *ev = &r->events[0];
    strcpy(ev->id, "e1");
    ev->start = 3;
    ev->end = 11;
    ev->cp_start = 3;
    ev->cp_end = 11;
    ev->actor = ev->source = ev->summary = "";
    ev->time.timex = -1;
    ev->time.relation = rel;
    strcpy(ev->time.value, value);
    strcpy(ev->time.begin, b);
    strcpy(ev->time.end, e);
    r->nevents = 1;
    return r;
}

static const chr_timeline_entry *place_one(chr_timeline **tl, const char *value, chr_relation rel,
                                           const char *b, const char *e) {
    chr_doc *doc;
    chr_result *r = one_event(&doc, "d", value, rel, b, e);
    assert_int_equal(chr_timeline_new(tl), 0);
    assert_int_equal(chr_timeline_add(*tl, doc, r, NULL), 0);
    chr_result_free(r);
    chr_doc_free(doc);
    return chr_timeline_count(*tl) ? chr_timeline_entry_at(*tl, 0) : NULL;
}

static void test_relations(void **state) {
    chr_timeline *tl;
    const chr_timeline_entry *e;
    (void)state;
    /* until March 2015: open start, through the end of March */
    e = place_one(&tl, "2015-03", CHR_REL_ENDED_BY, "", "2015-03");
    assert_false(e->has_begin);
    assert_int_equal(e->after_day, chr_date_days(2015, 4, 1));
    assert_string_equal(label_of(e), ".. 2015-03");
    chr_timeline_free(tl);
    /* before 1979: up to the last day of 1978 */
    e = place_one(&tl, "1979", CHR_REL_BEFORE, "", "");
    assert_int_equal(e->after_day, chr_date_days(1979, 1, 1));
    assert_string_equal(label_of(e), ".. 1978");
    chr_timeline_free(tl);
    /* after the weekend: from the Monday, open end */
    e = place_one(&tl, "2014-W48-WE", CHR_REL_AFTER, "", "");
    assert_int_equal(e->first_day, chr_date_days(2014, 12, 1));
    assert_false(e->has_end);
    assert_int_equal(e->flags, CHR_TL_OPEN_END);
    assert_string_equal(label_of(e), "2014-12-01 ..");
    chr_timeline_free(tl);
    /* after the DCT (future tense): from its day */
    e = place_one(&tl, "2014-12-03", CHR_REL_AFTER, "2014-12-03", "");
    assert_int_equal(e->first_day, chr_date_days(2014, 12, 3));
    assert_int_equal(e->flags, CHR_TL_OPEN_END | CHR_TL_BEGIN_DCT);
    chr_timeline_free(tl);
    /* PRESENT_REF is the DCT; a decade reads as such */
    e = place_one(&tl, "PRESENT_REF", CHR_REL_INCLUDES, "", "");
    assert_string_equal(label_of(e), "2014-12-03");
    chr_timeline_free(tl);
    e = place_one(&tl, "197", CHR_REL_IS_INCLUDED, "", "");
    assert_string_equal(label_of(e), "1970s");
    assert_int_equal(e->gran, CHR_GRAN_DECADE);
    chr_timeline_free(tl);
    /* a duration with no interval cannot be placed */
    e = place_one(&tl, "P3D", CHR_REL_DURING, "", "");
    assert_null(e);
    assert_int_equal(chr_timeline_undated_count(tl), 1);
    assert_int_equal(chr_timeline_undated_at(tl, 0)->relation, CHR_REL_DURING);
    chr_timeline_free(tl);
}

static void test_several_documents(void **state) {
    chr_timeline *tl;
    chr_doc *d1, *d2, *d3;
    chr_result *r1 = one_event(&d1, "b", "2014-12-02", CHR_REL_IS_INCLUDED, "", "");
    chr_result *r2 = one_event(&d2, "a", "2014-12-02", CHR_REL_IS_INCLUDED, "", "");
    chr_result *r3 = one_event(&d3, "c", "2014-12", CHR_REL_IS_INCLUDED, "", "");
    (void)state;
    assert_int_equal(chr_timeline_new(&tl), 0);
    assert_int_equal(chr_timeline_add(tl, d1, r1, NULL), 0);
    assert_int_equal(chr_timeline_add(tl, d2, r2, NULL), 0);
    assert_int_equal(chr_timeline_add(tl, d3, r3, NULL), 0);
    assert_int_equal(chr_timeline_add(tl, d3, NULL, NULL), 0); /* a document with no events */
    assert_int_equal(chr_timeline_doc_count(tl), 4);
    /* documents in id order, whatever the order added */
    assert_string_equal(chr_timeline_doc_id(tl, 0), "a");
    assert_string_equal(chr_timeline_doc_id(tl, 1), "b");
    assert_string_equal(chr_timeline_doc_id(tl, 2), "c");
    assert_int_equal(chr_timeline_doc_dct(tl, 0).gran, CHR_GRAN_DAY);
    /* December starts on the 1st: first; the same day in two documents: by document id (placed by
     * tense alone, they are not merged) */
    assert_int_equal(chr_timeline_count(tl), 3);
    assert_int_equal(chr_timeline_entry_at(tl, 0)->doc, 2);
    assert_string_equal(chr_timeline_doc_id(tl, chr_timeline_entry_at(tl, 1)->doc), "a");
    assert_string_equal(chr_timeline_doc_id(tl, chr_timeline_entry_at(tl, 2)->doc), "b");
    assert_int_equal(chr_timeline_source_count(tl, 1), 1);
    assert_int_equal(chr_timeline_add(NULL, d1, r1, NULL), CHR_EINVAL);
    chr_result_free(r1);
    chr_result_free(r2);
    chr_result_free(r3);
    chr_doc_free(d1);
    chr_doc_free(d2);
    chr_doc_free(d3);
    chr_timeline_free(tl);
}

/* The flag names: one per CHR_TL_* bit, each bit once, together CHR_TL_FLAGS. */
static void test_flag_names(void **state) {
    (void)state;
    unsigned all = 0, bit = 0;
    const char *name;
    size_t i;
    for (i = 0; (name = chr_timeline_flag_name(i, &bit)); i++) {
        assert_true(bit != 0 && (bit & (bit - 1)) == 0);
        assert_true((all & bit) == 0);
        all |= bit;
    }
    assert_int_equal(i, 5);
    assert_int_equal(all, CHR_TL_FLAGS);
    assert_non_null(chr_timeline_flag_name(0, &bit));
    assert_string_equal(chr_timeline_flag_name(0, &bit), "open_start");
    assert_int_equal(bit, CHR_TL_OPEN_START);
    assert_string_equal(chr_timeline_flag_name(3, &bit), "end_dct");
    assert_int_equal(bit, CHR_TL_END_DCT);
}

static void test_json(void **state) {
    fixture f;
    chr_timeline *tl;
    (void)state;
    seed_fixture(&f);
    assert_int_equal(chr_timeline_new(&tl), 0);
    assert_int_equal(chr_timeline_add(tl, f.doc, f.res, NULL), 0);
    fixture_free(&f);
    json_t *j = chr_timeline_json(tl);
    assert_non_null(j);
    char *s = json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT);
    assert_non_null(s);
    const char *head = "{\"version\":2,\"schema\":\"https://chronicle.invalid/timeline.schema.json\","
                       "\"documents\":[{\"id\":\"kerry\",\"dct\":\"2014-12-03T20:58\"}],\"entity\":null,"
                       "\"entries\":[";
    assert_memory_equal(s, head, strlen(head));
    assert_non_null(strstr(
        s,
        "{\"label\":\"1979 .. 2014-12-03\",\"begin\":\"1979-01-01\",\"end\":\"2014-12-03\","
        "\"granularity\":\"year\",\"flags\":[\"open_end\",\"end_dct\"],\"relation\":\"BEGUN_BY\","
        "\"value\":\"1979\",\"timex\":\"t1\",\"rule\":\"same-sentence\",\"text\":\"had\","
        "\"class\":\"OCCURRENCE\",\"tense\":\"PAST\",\"aspect\":\"NONE\",\"polarity\":\"POS\","
        "\"actor\":\"Iran\",\"summary\":\"a summary\",\"sources\":[{\"document\":\"kerry\",\"event\":\"e1\","
        "\"start\":13,\"end\":16,\"sentence\":{\"start\":0,\"end\":10,\"number\":null},\"match\":null,"
        "\"text\":\"had\""));
    assert_non_null(strstr(s, "\"edtf\":\"1979/2014-12-03\",\"merged_by\":[]}"));
    assert_non_null(strstr(s, "{\"label\":\".. 2014-12-03\",\"begin\":null,\"end\":\"2014-12-03\","
                              "\"granularity\":\"minute\",\"flags\":[\"open_start\",\"end_dct\"],"
                              "\"relation\":\"BEFORE\",\"value\":\"2014-12-03T20:58\",\"timex\":\"t0\""));
    assert_non_null(strstr(s, "\"undated\":[{\"text\":\"letter\",\"class\":\"OCCURRENCE\",\"tense\":\"PAST\","
                              "\"aspect\":\"NONE\",\"polarity\":\"POS\",\"actor\":null,\"summary\":null,"
                              "\"relation\":null,\"value\":null,\"sources\":[{\"document\":\"kerry\""));
    free(s);
    json_decref(j);
    assert_null(chr_timeline_json(NULL));
    chr_timeline_free(tl);
}

/* Code points of s[0..n) */
static size_t cps(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static void test_text(void **state) {
    fixture f;
    chr_timeline *tl;
    char *out;
    size_t len;
    (void)state;
    seed_fixture(&f);
    /* a long summary with a line break and non-ASCII text wraps inside its column */
    f.res->events[1].summary =
        "Kerry said the U.S. would be happy to have Iran\xE2\x80\x99s help in fighting the "
        "Islamic State,\nin remarks following meetings with representatives of other "
        "nations in Brussels";
    assert_int_equal(chr_timeline_new(&tl), 0);
    assert_int_equal(chr_timeline_add(tl, f.doc, f.res, NULL), 0);
    fixture_free(&f);
    assert_int_equal(chr_timeline_text(&out, &len, tl), 0);
    assert_int_equal(strlen(out), len);
    assert_memory_equal(
        out, "Timeline of kerry, document date 2014-12-03T20:58\n8 dated events, 2 undated\n\n", 77);
    assert_non_null(strstr(out, "\n1979 .. 2014-12-03      since   Iran              a summary\n"));
    assert_non_null(strstr(out, "\n2014-12-01 night        in      -                 broken\n"));
    assert_non_null(strstr(out, "\n.. 2014-12-03           before  Obama             a summary\n"));
    assert_non_null(
        strstr(out, "\n2014-12-03              in      Kerry             Kerry said the U.S. would be happy "
                    "to have Iran\xE2\x80\x99s\n"
                    "                                                  help in fighting the Islamic "
                    "State, in remarks\n"));
    assert_non_null(strstr(out, "\nUndated\n"));
    assert_non_null(strstr(out, "\n                                -                 letter\n"));
    /* every line at most 100 columns, no trailing blanks */
    for (const char *p = out; *p;) {
        const char *nl = strchr(p, '\n');
        assert_non_null(nl);
        assert_true(cps(p, (size_t)(nl - p)) <= 100);
        assert_true(nl == p || nl[-1] != ' ');
        p = nl + 1;
    }
    /* the same timeline, the same bytes */
    char *again;
    assert_int_equal(chr_timeline_text(&again, NULL, tl), 0);
    assert_string_equal(out, again);
    free(again);
    free(out);
    chr_timeline_free(tl);
    /* begun by a time and closed at another ("from 2010 to 2018"): "from", not "since" (which it was) */
    chr_doc *doc;
    chr_result *r = one_event(&doc, "d", "2010", CHR_REL_BEGUN_BY, "2010", "2018");
    assert_int_equal(chr_timeline_new(&tl), 0);
    assert_int_equal(chr_timeline_add(tl, doc, r, NULL), 0);
    chr_result_free(r);
    chr_doc_free(doc);
    assert_int_equal(chr_timeline_text(&out, NULL, tl), 0);
    assert_non_null(strstr(out, "\n2010 .. 2018            from    -                 "));
    free(out);
    chr_timeline_free(tl);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_order_and_intervals),
        cmocka_unit_test(test_relations),
        cmocka_unit_test(test_several_documents),
        cmocka_unit_test(test_flag_names),
        cmocka_unit_test(test_approximate),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
