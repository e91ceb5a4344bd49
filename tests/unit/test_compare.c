/* test_compare.c: the comparison of chronologies (timeline/compare.c, render/compare.c) on hand-made
 * documents: an event all articles tell, one some tell (with the article that misses it), one a single
 * article tells; the same event on dates that do not meet (a date conflict); two events told in a
 * different order by two articles; the result does not depend on the order the documents come in; the
 * JSON keys and counts; the text report; the merge and conflict rules compare relies on (coarse times
 * with related triggers, conflicts of one shared name a few days apart). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "chronicle/compare.h"
#include "engine.h" /* struct chr_result */
#include "internal.h"

/* One event of a hand-made document: its word in the text, the day it is dated by (a time expression of
 * the text), and the clause (summary) that gives its names. */
typedef struct ev_spec {
    const char *word, *day, *summary;
} ev_spec;

#define MAX_EV 8

/* A document id with the events spec[0..n), each sentence of text holding one of them. */
static void make_doc(chr_doc **doc, chr_result **res, const char *id, const char *text, const ev_spec *spec,
                     size_t n) {
    chr_result *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->events = calloc(MAX_EV, sizeof *r->events);
    r->timexes = calloc(MAX_EV, sizeof *r->timexes);
    assert_non_null(r->events);
    assert_non_null(r->timexes);
    r->cap = MAX_EV;
    assert_int_equal(chr_doc_from_text(doc, text, strlen(text), NULL), 0);
    assert_int_equal(chr_doc_set_id(*doc, id), 0);
    assert_int_equal(chr_doc_set_dct(*doc, "2014-12-10", CHR_DCT_OPTION, NULL), 0);
    for (size_t i = 0; i < n; i++) {
        chr_timex *x = &r->timexes[i];
        snprintf(x->id, sizeof x->id, "t%u", (unsigned)(i + 1) % 1000u);
        strcpy(x->value, spec[i].day);
        chr_event *ev = &r->events[i];
        const char *p = strstr(text, spec[i].word);
        assert_non_null(p);
        snprintf(ev->id, sizeof ev->id, "e%u", (unsigned)(i + 1) % 1000u);
        ev->start = ev->cp_start = (size_t)(p - text);
        ev->end = ev->cp_end = ev->start + strlen(spec[i].word);
        ev->sent_start = ev->cp_sent_start = ev->start;
        ev->sent_end = ev->cp_sent_end = ev->end;
        ev->cls = CHR_EVENT_OCCURRENCE;
        ev->tense = CHR_TENSE_PAST;
        ev->actor = ev->source = "";
        ev->summary = spec[i].summary;
        ev->time.timex = (int)i;
        ev->time.relation = CHR_REL_IS_INCLUDED;
        strcpy(ev->time.value, spec[i].day);
        ev->time.gran = strlen(spec[i].day) == 7 ? CHR_GRAN_MONTH : CHR_GRAN_DAY; /* "2014-11" */
        ev->time.rule = "same-sentence";
    }
    r->n = n;
    r->nevents = n;
    *res = r;
}

typedef struct corpus {
    chr_doc *doc[4];
    chr_result *res[4];
    size_t n;
} corpus;

static void corpus_free(corpus *c) {
    for (size_t i = 0; i < c->n; i++) {
        chr_doc_free(c->doc[i]);
        chr_result_free(c->res[i]);
    }
}

static chr_timeline *timeline_of(const corpus *c, const size_t *order) {
    chr_timeline *tl;
    assert_int_equal(chr_timeline_new(&tl), 0);
    for (size_t i = 0; i < c->n; i++) {
        size_t k = order ? order[i] : i;
        assert_int_equal(chr_timeline_add(tl, c->doc[k], c->res[k], NULL), 0);
    }
    return tl;
}

static const char launch_text[] = "Apple launched the phone. Cisco sued Apple Inc. Apple hired Jony Ive.";
static const ev_spec launched = {"launched", "2014-12-01", "Apple launched the Widget phone"};
static const ev_spec sued = {"sued", "2014-12-02", "Cisco sued Apple over the Widget name"};
static const ev_spec hired = {"hired", "2014-12-03", "Apple hired Jony Ive"};

/* Three articles: all tell the launch, a and b the lawsuit, c alone the hiring. */
static void agreement_corpus(corpus *c) {
    ev_spec a[] = {launched, sued}, b[] = {sued, launched}, cc[] = {launched, hired};
    make_doc(&c->doc[0], &c->res[0], "a", launch_text, a, 2);
    make_doc(&c->doc[1], &c->res[1], "b", launch_text, b, 2);
    make_doc(&c->doc[2], &c->res[2], "c", launch_text, cc, 2);
    c->n = 3;
}

static void test_agreement_and_gaps(void **state) {
    corpus c;
    (void)state;
    agreement_corpus(&c);
    chr_timeline *tl = timeline_of(&c, NULL);
    chr_compare *cmp;
    assert_int_equal(chr_compare_new(&cmp, tl, NULL), 0);
    chr_compare_counts n = chr_compare_get_counts(cmp);
    assert_int_equal(n.documents, 3);
    assert_int_equal(n.events, 3);
    assert_int_equal(n.shared, 1);
    assert_int_equal(n.partial, 1);
    assert_int_equal(n.single, 1);
    assert_int_equal(n.date_conflicts, 0);
    assert_int_equal(n.order_conflicts, 0);
    assert_int_equal(chr_compare_conflict_count(cmp), 0);
    /* in time order: the launch (all), the lawsuit (a and b), the hiring (c) */
    const chr_compare_event *e0 = chr_compare_event_at(cmp, 0), *e1 = chr_compare_event_at(cmp, 1),
                            *e2 = chr_compare_event_at(cmp, 2);
    assert_int_equal(e0->status, CHR_COMPARE_SHARED);
    assert_int_equal(e0->ndocs, 3);
    assert_int_equal(e1->status, CHR_COMPARE_PARTIAL);
    assert_int_equal(e1->ndocs, 2);
    assert_int_equal(e1->docs[0], 0);
    assert_int_equal(e1->docs[1], 1);
    assert_int_equal(e2->status, CHR_COMPARE_SINGLE);
    assert_int_equal(e2->docs[0], 2);
    assert_null(chr_compare_event_at(cmp, 3));
    assert_int_equal(chr_compare_doc_events(cmp, 0), 2);
    assert_int_equal(chr_compare_doc_only(cmp, 0), 0);
    assert_int_equal(chr_compare_doc_only(cmp, 2), 1);
    /* JSON: the lawsuit is missing from c */
    json_t *j = chr_compare_json(cmp);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(j, "version")), CHR_COMPARE_VERSION);
    json_t *ev1 = json_array_get(json_object_get(j, "events"), 1);
    assert_string_equal(json_string_value(json_object_get(ev1, "status")), "partial");
    json_t *missing = json_object_get(ev1, "missing_from");
    assert_int_equal(json_array_size(missing), 1);
    assert_string_equal(json_string_value(json_array_get(missing, 0)), "c");
    assert_int_equal(json_array_size(json_object_get(ev1, "mentions")), 2);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "counts"), "single")), 1);
    json_decref(j);
    /* text: the counts line, the lawsuit with the article that misses it, the hiring counted only */
    char *text;
    size_t len;
    assert_int_equal(chr_compare_text(&text, &len, cmp, 0), 0);
    assert_int_equal(strlen(text), len);
    assert_non_null(
        strstr(text, "3 events: 1 told by all, 1 by some, 1 by one only; conflicts: 0 of date, 0 of order"));
    assert_non_null(strstr(text, "[told by a, b; not by c]"));
    assert_null(strstr(text, "Jony Ive"));
    free(text);
    assert_int_equal(chr_compare_text(&text, &len, cmp, 1), 0);
    assert_non_null(strstr(text, "Apple hired Jony Ive [c]"));
    free(text);
    chr_compare_free(cmp);
    chr_timeline_free(tl);
    corpus_free(&c);
}

/* The same documents in any order give the same bytes. */
static void test_input_order(void **state) {
    corpus c;
    (void)state;
    agreement_corpus(&c);
    size_t orders[][3] = {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}};
    char *first = NULL;
    for (size_t o = 0; o < 3; o++) {
        chr_timeline *tl = timeline_of(&c, orders[o]);
        chr_compare *cmp;
        assert_int_equal(chr_compare_new(&cmp, tl, NULL), 0);
        json_t *j = chr_compare_json(cmp);
        char *s = json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT);
        json_decref(j);
        if (first) {
            assert_string_equal(first, s);
            free(s);
        } else {
            first = s;
        }
        chr_compare_free(cmp);
        chr_timeline_free(tl);
    }
    free(first);
    corpus_free(&c);
}

static const char jobs_text[] = "Steve Jobs resigned as Apple CEO. Cisco sued Apple Inc.";

/* a: Jobs resigned on the 3rd, the lawsuit on the 4th; b: the lawsuit on the 4th, the resignation on
 * the 5th. One event on two dates (a date conflict), and so the two events in a different order. */
static void test_date_and_order_conflicts(void **state) {
    corpus c;
    (void)state;
    ev_spec a[] = {{"resigned", "2014-12-03", "Steve Jobs resigned as Apple CEO"},
                   {"sued", "2014-12-04", "Cisco sued Apple over the Widget name"}};
    ev_spec b[] = {{"resigned", "2014-12-05", "Steve Jobs resigned as Apple CEO"},
                   {"sued", "2014-12-04", "Cisco sued Apple over the Widget name"}};
    make_doc(&c.doc[0], &c.res[0], "a", jobs_text, a, 2);
    make_doc(&c.doc[1], &c.res[1], "b", jobs_text, b, 2);
    c.n = 2;
    chr_timeline *tl = timeline_of(&c, NULL);
    /* the timeline: three entries (resigned 3rd, sued 4th merged, resigned 5th) and one conflict */
    assert_int_equal(chr_timeline_count(tl), 3);
    assert_int_equal(chr_timeline_conflict_count(tl), 1);
    chr_compare *cmp;
    assert_int_equal(chr_compare_new(&cmp, tl, NULL), 0);
    chr_compare_counts n = chr_compare_get_counts(cmp);
    assert_int_equal(n.events, 2);
    assert_int_equal(n.shared, 2); /* both articles tell both events */
    assert_int_equal(n.date_conflicts, 1);
    assert_int_equal(n.order_conflicts, 1);
    const chr_compare_event *res = chr_compare_event_at(cmp, 0);
    assert_int_equal(res->nentries, 2);
    assert_int_equal(res->entries[0], 0);
    assert_int_equal(res->entries[1], 2);
    const chr_compare_conflict *d = chr_compare_conflict_at(cmp, 0), *o = chr_compare_conflict_at(cmp, 1);
    assert_int_equal(d->kind, CHR_COMPARE_DATE);
    assert_int_equal(d->a, 0);
    assert_int_equal(d->entry_a, 0);
    assert_int_equal(d->entry_b, 2);
    assert_int_equal(d->nbefore, 1);
    assert_int_equal(d->docs_before[0], 0); /* a tells the 3rd */
    assert_int_equal(d->docs_after[0], 1);  /* b the 5th */
    assert_int_equal(o->kind, CHR_COMPARE_ORDER);
    assert_int_equal(o->a, 0);
    assert_int_equal(o->b, 1);
    assert_int_equal(o->nbefore, 1);
    assert_int_equal(o->docs_before[0], 0); /* a: resigned before sued */
    assert_int_equal(o->nafter, 1);
    assert_int_equal(o->docs_after[0], 1); /* b: sued before resigned */
    json_t *j = chr_compare_json(cmp);
    char *s = json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT);
    assert_non_null(strstr(s, "{\"kind\":\"date\",\"events\":[0],\"entries\":[0,2]"));
    assert_non_null(strstr(s, "{\"kind\":\"order\",\"events\":[0,1],\"entries\":[0,1]"));
    assert_non_null(strstr(s, "\"before\":[\"a\"],\"after\":[\"b\"]"));
    free(s);
    json_decref(j);
    char *text;
    assert_int_equal(chr_compare_text(&text, NULL, cmp, 0), 0);
    assert_non_null(strstr(text, "date: #0 \"resigned\" told on dates that do not meet"));
    assert_non_null(strstr(text, "order: #0 \"resigned\" and #1 \"sued\" told in a different order"));
    free(text);
    chr_compare_free(cmp);
    chr_timeline_free(tl);
    corpus_free(&c);
}

/* One day apart is no order when the days touch: a mention on the 4th and one on the 4th..5th overlap,
 * and a document telling only one of two events places nothing. */
static void test_no_order_without_both(void **state) {
    corpus c;
    (void)state;
    ev_spec a[] = {{"resigned", "2014-12-03", "Steve Jobs resigned as Apple CEO"},
                   {"sued", "2014-12-04", "Cisco sued Apple over the Widget name"}};
    ev_spec b[] = {{"resigned", "2014-12-05", "Steve Jobs resigned as Apple CEO"}};
    ev_spec cc[] = {{"sued", "2014-12-04", "Cisco sued Apple over the Widget name"}};
    make_doc(&c.doc[0], &c.res[0], "a", jobs_text, a, 2);
    make_doc(&c.doc[1], &c.res[1], "b", jobs_text, b, 1);
    make_doc(&c.doc[2], &c.res[2], "c", jobs_text, cc, 1);
    c.n = 3;
    chr_timeline *tl = timeline_of(&c, NULL);
    chr_compare *cmp;
    assert_int_equal(chr_compare_new(&cmp, tl, NULL), 0);
    chr_compare_counts n = chr_compare_get_counts(cmp);
    assert_int_equal(n.events, 2);
    assert_int_equal(n.partial, 2);
    assert_int_equal(n.date_conflicts, 1);
    assert_int_equal(n.order_conflicts, 0); /* b does not tell the lawsuit, c not the resignation */
    chr_compare_free(cmp);
    chr_timeline_free(tl);
    corpus_free(&c);
}

/* Conflicts with one shared name: only when the dates are less than a week apart. Coarse times: related
 * triggers merge with two shared names, not with one. */
static void test_cluster_rules(void **state) {
    corpus c;
    (void)state;
    static const char text[] = "Jobs resigned. Apple unveiled it. Apple introduced it. Apple presented it.";
    ev_spec a[] = {{"resigned", "2014-12-03", "Jobs resigned as chief"},
                   {"unveiled", "2014-11", "Apple unveiled the Widget at Moscone"}};
    ev_spec b[] = {{"resigned", "2014-12-09", "Jobs resigned as chief"},
                   {"introduced", "2014-11", "Apple introduced the Widget at Moscone"}};
    ev_spec cc[] = {{"resigned", "2014-12-10", "Jobs resigned as chief"},
                    {"presented", "2014-11", "Apple presented the Gadget"}};
    make_doc(&c.doc[0], &c.res[0], "a", text, a, 2);
    make_doc(&c.doc[1], &c.res[1], "b", text, b, 2);
    make_doc(&c.doc[2], &c.res[2], "c", text, cc, 2);
    c.n = 3;
    chr_timeline *tl = timeline_of(&c, NULL);
    /* entries: the November unveiling of a and b merged (Apple, Widget, Moscone), c's apart (only
     * Apple); the resignation on the 3rd, 9th and 10th */
    assert_int_equal(chr_timeline_count(tl), 5);
    const chr_timeline_entry *first = chr_timeline_entry_at(tl, 0);
    assert_string_equal(first->text, "unveiled");
    assert_int_equal(chr_timeline_source_count(tl, 0), 2);
    assert_string_equal(chr_timeline_source_at(tl, 0, 1)->match, "same-period+related-trigger+shared-names");
    assert_int_equal(chr_timeline_source_count(tl, 1), 1);
    /* 3rd and 9th: five days between, one name: a conflict; 3rd and 10th: six days between, a conflict;
     * 9th and 10th: they do not overlap either, a day apart */
    assert_int_equal(chr_timeline_conflict_count(tl), 3);
    assert_string_equal(chr_timeline_conflict_at(tl, 0)->reason,
                        "same trigger and name, dates a few days apart");
    chr_timeline_free(tl);
    corpus_free(&c);
    /* a week or more between the dates with one shared name: no conflict */
    ev_spec far_a[] = {{"resigned", "2014-12-01", "Jobs resigned as chief"}};
    ev_spec far_b[] = {{"resigned", "2014-12-09", "Jobs resigned as chief"}};
    make_doc(&c.doc[0], &c.res[0], "a", text, far_a, 1);
    make_doc(&c.doc[1], &c.res[1], "b", text, far_b, 1);
    c.n = 2;
    tl = timeline_of(&c, NULL);
    assert_int_equal(chr_timeline_count(tl), 2);
    assert_int_equal(chr_timeline_conflict_count(tl), 0);
    chr_timeline_free(tl);
    corpus_free(&c);
}

static void test_null_and_empty(void **state) {
    (void)state;
    chr_compare *cmp = NULL;
    chr_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(chr_compare_new(&cmp, NULL, &err), CHR_EINVAL);
    assert_null(cmp);
    chr_compare_free(NULL);
    assert_int_equal(chr_compare_event_count(NULL), 0);
    chr_timeline *tl;
    assert_int_equal(chr_timeline_new(&tl), 0);
    assert_int_equal(chr_compare_new(&cmp, tl, NULL), 0);
    assert_int_equal(chr_compare_get_counts(cmp).events, 0);
    json_t *j = chr_compare_json(cmp);
    assert_int_equal(json_array_size(json_object_get(j, "events")), 0);
    json_decref(j);
    chr_compare_free(cmp);
    chr_timeline_free(tl);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agreement_and_gaps),
        cmocka_unit_test(test_input_order),
        cmocka_unit_test(test_date_and_order_conflicts),
        cmocka_unit_test(test_no_order_without_both),
        cmocka_unit_test(test_cluster_rules),
        cmocka_unit_test(test_null_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
