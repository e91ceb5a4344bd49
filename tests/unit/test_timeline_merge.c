/* test_timeline_merge.c: timelines across articles: the mentions of one event in two articles become
 * one entry with both sources and the rule that merged them, whatever order the documents are added
 * in; reporting events on one day are not merged without a shared name; conflicts; entity variants;
 * EDTF; the SemEval-2015 Task 4 scorer (a timeline against itself is 1, known counts on a small case,
 * malformed lines). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "engine.h" /* struct chr_result */
#include "internal.h"
#include "timeline_internal.h"

/* A document id with one event: word at the start of text, dated by value (a day) via t1. */
static void doc_with(chr_doc **doc, chr_result **res, const char *id, const char *text, const char *word,
                     const char *value, chr_event_class cls, const char *summary) {
    chr_result *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->events = calloc(1, sizeof *r->events);
    r->timexes = calloc(1, sizeof *r->timexes);
    assert_non_null(r->events);
    assert_int_equal(chr_doc_from_text(doc, text, strlen(text), NULL), 0);
    assert_int_equal(chr_doc_set_id(*doc, id), 0);
    assert_int_equal(chr_doc_set_dct(*doc, "2014-12-05", CHR_DCT_OPTION, NULL), 0);
    strcpy(r->timexes[0].id, "t1");
    strcpy(r->timexes[0].value, value);
    r->n = 1;
    r->cap = 1;
    chr_event *ev = &r->events[0];
    const char *p = strstr(text, word);
    assert_non_null(p);
    strcpy(ev->id, "e1");
    ev->start = ev->cp_start = (size_t)(p - text);
    ev->end = ev->cp_end = ev->start + strlen(word);
    ev->sent_end = ev->cp_sent_end = strlen(text);
    ev->cls = cls;
    ev->actor = ev->source = "";
    ev->summary = summary;
    ev->time.timex = 0;
    ev->time.relation = CHR_REL_IS_INCLUDED;
    strcpy(ev->time.value, value);
    ev->time.gran = CHR_GRAN_DAY;
    ev->time.rule = "same-sentence";
    r->nevents = 1;
    *res = r;
}

static char *timeline_json(chr_doc **d, chr_result **r, const size_t *order, size_t n) {
    chr_timeline *tl;
    assert_int_equal(chr_timeline_new(&tl), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(chr_timeline_add(tl, d[order[i]], r[order[i]], NULL), 0);
    json_t *j = chr_timeline_json(tl);
    char *s = json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT);
    json_decref(j);
    chr_timeline_free(tl);
    return s;
}

static void test_merge_and_order(void **state) {
    chr_doc *d[3];
    chr_result *r[3];
    (void)state;
    /* "Monday" in a Tuesday article and "last Monday" in a Friday article: both 2014-12-01 */
    doc_with(&d[0], &r[0], "tue", "Apple launched the phone Monday.", "launched", "2014-12-01",
             CHR_EVENT_OCCURRENCE, "Apple launched the phone Monday");
    doc_with(&d[1], &r[1], "fri", "Apple launches its phone: the launch was last Monday.", "launches",
             "2014-12-01", CHR_EVENT_OCCURRENCE, "Apple launches its phone");
    doc_with(&d[2], &r[2], "other", "Officials said so on Monday.", "said", "2014-12-01", CHR_EVENT_REPORTING,
             "Officials said so");
    size_t o1[] = {0, 1, 2}, o2[] = {2, 1, 0}, o3[] = {1, 2, 0};
    char *a = timeline_json(d, r, o1, 3), *b = timeline_json(d, r, o2, 3), *c = timeline_json(d, r, o3, 3);
    /* the same bytes whatever the order the documents come in */
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    /* documents in id order; two entries: the launch (two sources) and the report */
    assert_non_null(strstr(a, "\"documents\":[{\"id\":\"fri\""));
    assert_non_null(strstr(a, "\"match\":\"same-day+same-trigger\""));
    assert_non_null(strstr(a, "\"merged_by\":[\"same-day+same-trigger\"]"));
    chr_timeline *tl;
    assert_int_equal(chr_timeline_new(&tl), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(chr_timeline_add(tl, d[i], r[i], NULL), 0);
    assert_int_equal(chr_timeline_mention_count(tl), 3);
    assert_int_equal(chr_timeline_count(tl), 2);
    size_t launch = chr_timeline_source_count(tl, 0) == 2 ? 0 : 1;
    assert_int_equal(chr_timeline_source_count(tl, launch), 2);
    assert_int_equal(chr_timeline_source_count(tl, 1 - launch), 1);
    assert_string_equal(chr_timeline_source_at(tl, launch, 0)->match, "");
    assert_null(chr_timeline_source_at(tl, launch, 2));
    char edtf[64];
    chr_timeline_edtf(edtf, sizeof edtf, chr_timeline_entry_at(tl, 0));
    assert_string_equal(edtf, "2014-12-01");
    chr_timeline_free(tl);
    free(a);
    free(b);
    free(c);
    for (int i = 0; i < 3; i++) {
        chr_doc_free(d[i]);
        chr_result_free(r[i]);
    }
}

static void test_reports_and_conflicts(void **state) {
    chr_doc *d[3];
    chr_result *r[3];
    (void)state;
    /* two reports the same day, nothing shared: apart; a death on two dates: a conflict */
    doc_with(&d[0], &r[0], "a", "Smith said it rained.", "said", "2014-12-01", CHR_EVENT_REPORTING,
             "Smith said it");
    doc_with(&d[1], &r[1], "b", "Steve Jobs died in Palo Alto.", "died", "2011-10-05", CHR_EVENT_OCCURRENCE,
             "Steve Jobs died in Palo Alto");
    doc_with(&d[2], &r[2], "c", "Steve Jobs died in Palo Alto, it said.", "died", "2011-10-01",
             CHR_EVENT_OCCURRENCE, "Steve Jobs died in Palo Alto");
    chr_timeline *tl;
    assert_int_equal(chr_timeline_new(&tl), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(chr_timeline_add(tl, d[i], r[i], NULL), 0);
    assert_int_equal(chr_timeline_count(tl), 3);
    assert_int_equal(chr_timeline_conflict_count(tl), 1);
    const chr_timeline_conflict *c = chr_timeline_conflict_at(tl, 0);
    assert_int_equal(c->a, 0);
    assert_int_equal(c->b, 1);
    assert_null(chr_timeline_conflict_at(tl, 1));
    chr_timeline_free(tl);
    for (int i = 0; i < 3; i++) {
        chr_doc_free(d[i]);
        chr_result_free(r[i]);
    }
}

static void test_entity(void **state) {
    chr__entity e;
    (void)state;
    assert_int_equal(chr__entity_init(&e, "Apple  Inc."), 0);
    assert_true(chr__entity_in(&e, "shares of Apple rose", 20));
    assert_true(chr__entity_in(&e, "Apple's phone", 13));
    assert_false(chr__entity_in(&e, "Snapple rose", 12));
    assert_false(chr__entity_in(&e, "the Apple TV", 12)); /* a longer name */
    chr__entity_free(&e);
    assert_int_equal(chr__entity_init(&e, "Steve Jobs"), 0);
    assert_true(chr__entity_in(&e, "said Jobs.", 10));
    assert_true(chr__entity_in(&e, "STEVE JOBS", 10));
    assert_false(chr__entity_in(&e, "jobsite", 7));
    chr__entity_free(&e);
    assert_int_equal(chr__entity_init(&e, "iPhone 4"), 0);
    assert_false(chr__entity_in(&e, "the iPhone 3G", 13));
    assert_true(chr__entity_in(&e, "the iPhone 4 sold", 17));
    chr__entity_free(&e);
}

static void score(const char *gold, const char *sys, chr_tl_scores *s) {
    chr_tleval *ev;
    assert_int_equal(chr_tleval_new(&ev), 0);
    assert_int_equal(chr_tleval_add(ev, gold, strlen(gold), sys, strlen(sys), NULL), 0);
    chr_tleval_scores(ev, s);
    chr_tleval_free(ev);
}

static void test_scorer(void **state) {
    (void)state;
    const char *gold = "Steve Jobs\n"
                       "0\tXXXX-XX-XX\t1-1-said\n"
                       "1\t1955-02-24\t1-5-born\n"
                       "2\t1976\t1-6-started\t2-3-founded\n"
                       "3\t2011-10-05\t1-2-died\n";
    chr_tl_scores s;
    score(gold, gold, &s);
    /* born IS_INCLUDED, started IS_INCLUDED, started = founded, died IS_INCLUDED, two BEFOREs */
    assert_int_equal(s.gold, 6);
    assert_int_equal(s.system, 6);
    assert_true(s.f1 > 0.9999);
    /* born before died, directly: entailed by the gold closure (born < started < died) */
    score(gold, "Steve Jobs\n1\tXXXX-XX-XX\t1-5-born\n2\tXXXX-XX-XX\t1-2-died\n", &s);
    assert_int_equal(s.system, 1);
    assert_int_equal(s.system_verified, 1);
    assert_int_equal(s.gold_verified, 0);
    /* the wrong way round: not entailed */
    score(gold, "Steve Jobs\n1\t2011-10-05\t1-2-died\n2\t1955-02-24\t1-5-born\n", &s);
    assert_int_equal(s.system, 3);
    assert_int_equal(s.system_verified, 2); /* the two anchors */
    assert_int_equal(s.gold_verified, 2);
    /* nothing found */
    score(gold, "", &s);
    assert_int_equal(s.system, 0);
    assert_true(s.f1 == 0.0);
    /* malformed */
    chr_tleval *ev;
    chr_error err = {0};
    assert_int_equal(chr_tleval_new(&ev), 0);
    assert_int_equal(chr_tleval_add(ev, gold, strlen(gold), "X\n1\t2011\n", 10, &err), CHR_EINVAL);
    assert_non_null(strstr(err.message, "system timeline, line 2"));
    assert_int_equal(chr_tleval_count(ev), 0);
    chr_tleval_free(ev);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_and_order),
        cmocka_unit_test(test_reports_and_conflicts),
        cmocka_unit_test(test_entity),
        cmocka_unit_test(test_scorer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
