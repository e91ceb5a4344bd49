/* test_eval_events.c: event scoring (extract/eval_events.c): TempEval-3 Task B (strict and relaxed
 * matching, class and the other attributes), event dating (hits and each kind of miss, which sentence
 * a link belongs to) and the temporal awareness of event-time links (closure), on hand-made cases whose
 * figures are worked out in the comments; chr_eval_add's hook on a document with gold events; and, when
 * the shared corpora are present, each gold corpus's events scored against themselves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "eval_internal.h"
#include "timeml_testutil.h"

#define EPS 1e-9

static const char text[] =
    "Kerry said on Monday that talks ended. Iran attacked on Friday after the election.";

static void assert_near(double a, double b) {
    if (a < b - EPS || a > b + EPS)
        fail_msg("%.12f != %.12f", a, b);
}

static chr_eval *eval_new(void) {
    chr_eval *ev = NULL;
    assert_int_equal(chr_eval_new(&ev), 0);
    assert_non_null(ev);
    return ev;
}

/* Byte offset of the first occurrence of what in s. */
static size_t at(const char *s, const char *what) {
    const char *p = strstr(s, what);
    assert_non_null(p);
    return (size_t)(p - s);
}

/* An event over the first occurrence of what in s, with no time; sentence bounds unset. */
static chr_event event_in(const char *s, const char *id, const char *what, chr_event_class cls,
                          chr_tense tense) {
    chr_event e;
    memset(&e, 0, sizeof e);
    snprintf(e.id, sizeof e.id, "%s", id);
    snprintf(e.instance, sizeof e.instance, "ei%s", id + 1);
    e.start = e.cp_start = at(s, what);
    e.end = e.cp_end = e.start + strlen(what);
    e.cls = cls;
    e.tense = tense;
    e.actor = e.source = e.summary = "";
    e.time.timex = -2;
    return e;
}

static chr_event ev_(const char *id, const char *what, chr_event_class cls, chr_tense tense) {
    return event_in(text, id, what, cls, tense);
}

/* A system event placed against timex (index, -1 DCT) with relation, in the sentence [ss, se). */
static chr_event timed(chr_event e, int timex, chr_relation rel, size_t ss, size_t se) {
    e.time.timex = timex;
    e.time.relation = rel;
    e.sent_start = e.cp_sent_start = ss;
    e.sent_end = e.cp_sent_end = se;
    return e;
}

static chr_timex timex_in(const char *s, const char *id, const char *what) {
    chr_timex t;
    memset(&t, 0, sizeof t);
    snprintf(t.id, sizeof t.id, "%s", id);
    t.start = t.cp_start = at(s, what);
    t.end = t.cp_end = t.start + strlen(what);
    t.type = CHR_TIMEX_DATE;
    return t;
}

static chr_tlink tlink(const char *eid, const char *tid, chr_relation rel) {
    chr_tlink l;
    memset(&l, 0, sizeof l);
    snprintf(l.event_id, sizeof l.event_id, "%s", eid);
    snprintf(l.event_instance, sizeof l.event_instance, "ei%s", eid + 1);
    snprintf(l.timex_id, sizeof l.timex_id, "%s", tid);
    l.relation = rel;
    return l;
}

static void add(chr_eval *ev, const char *s, const chr_event *ge, size_t nge, const chr_timex *gt, size_t ngt,
                const chr_tlink *links, size_t nl, const chr_event *se, size_t nse, const chr_timex *st,
                size_t nst) {
    chr__eval_side gold = {ge, nge, gt, ngt}, sys = {se, nse, st, nst};
    assert_int_equal(chr__eval_add_events(ev, s, strlen(s), &gold, links, nl, &sys), 0);
}

/* gold: said REPORTING PAST, talks OCCURRENCE, ended OCCURRENCE PAST, attacked OCCURRENCE PAST,
 * election OCCURRENCE. system: said REPORTING PAST (strict), "talks ended" (overlaps talks and ended
 * by 5 each: paired with the earlier gold, talks; negative), attacked STATE PRESENT (strict, class and
 * tense wrong), Friday (extra).
 * strict 2: P 2/4, R 2/5, F1 4/9. relaxed 3: P 3/4, R 3/5, F1 2/3. class 2/3: class F1 4/9.
 * tense 2/3, aspect 3/3, polarity 2/3. */
static void test_task_b(void **state) {
    (void)state;
    chr_event gold[5] = {ev_("e1", "said", CHR_EVENT_REPORTING, CHR_TENSE_PAST),
                         ev_("e2", "talks", CHR_EVENT_OCCURRENCE, CHR_TENSE_NONE),
                         ev_("e3", "ended", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST),
                         ev_("e4", "attacked", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST),
                         ev_("e5", "election", CHR_EVENT_OCCURRENCE, CHR_TENSE_NONE)};
    chr_event sys[4] = {ev_("e1", "said", CHR_EVENT_REPORTING, CHR_TENSE_PAST),
                        ev_("e2", "talks ended", CHR_EVENT_OCCURRENCE, CHR_TENSE_NONE),
                        ev_("e3", "attacked", CHR_EVENT_STATE, CHR_TENSE_PRESENT),
                        ev_("e4", "Friday", CHR_EVENT_OCCURRENCE, CHR_TENSE_NONE)};
    sys[1].negative = 1;
    chr_eval *ev = eval_new();
    add(ev, text, gold, 5, NULL, 0, NULL, 0, sys, 4, NULL, 0);
    chr_event_scores s;
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.docs, 1);
    assert_int_equal(s.gold, 5);
    assert_int_equal(s.system, 4);
    assert_int_equal(s.strict_match, 2);
    assert_int_equal(s.relaxed_match, 3);
    assert_int_equal(s.class_match, 2);
    assert_near(s.strict_p, 0.5);
    assert_near(s.strict_r, 0.4);
    assert_near(s.strict_f1, 4.0 / 9);
    assert_near(s.relaxed_p, 0.75);
    assert_near(s.relaxed_r, 0.6);
    assert_near(s.relaxed_f1, 2.0 / 3);
    assert_near(s.class_accuracy, 2.0 / 3);
    assert_near(s.class_f1, 4.0 / 9);
    assert_near(s.tense_accuracy, 2.0 / 3);
    assert_near(s.aspect_accuracy, 1.0);
    assert_near(s.polarity_accuracy, 2.0 / 3);
    /* no links at all: dating and awareness stay 0 */
    assert_int_equal(s.dating_links, 0);
    assert_near(s.dating, 0.0);
    assert_int_equal(s.awareness_gold, 0);
    assert_int_equal(s.awareness_system, 0);
    assert_near(s.awareness_f1, 0.0);

    /* the timex figures are untouched, and a second document adds up (micro-average) */
    chr_scores ts;
    chr_eval_scores(ev, &ts);
    assert_int_equal(ts.docs, 0);
    add(ev, text, gold, 1, NULL, 0, NULL, 0, sys, 1, NULL, 0); /* said ~ said: strict */
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.docs, 2);
    assert_int_equal(s.gold, 6);
    assert_int_equal(s.system, 5);
    assert_near(s.strict_p, 3.0 / 5);
    assert_near(s.relaxed_r, 4.0 / 6);
    chr_eval_free(ev);
}

/* Sentence 1 "Kerry said on Monday that talks ended. ", sentence 2 "Iran attacked on Friday after the
 * election.". Gold timexes t1 Monday, t2 Friday; gold links:
 *   said IS_INCLUDED t1        same sentence: system said -> "on Monday" IS_INCLUDED: hit
 *   ended BEFORE t1            same sentence: system ended -> "on Monday" IS_INCLUDED: other relation
 *   attacked IS_INCLUDED t2    same sentence: system attacked -> DCT BEFORE: other time
 *   election BEFORE t2         same sentence: no system event: event not found
 *   attacked AFTER t1          other sentence: not counted
 *   said BEFORE t0             the DCT: not counted
 * links 4, hits 1 (0.25), one miss of each kind. */
static void test_dating(void **state) {
    (void)state;
    size_t s2 = at(text, "Iran"), len = strlen(text);
    chr_event gold[4] = {ev_("e1", "said", CHR_EVENT_REPORTING, CHR_TENSE_PAST),
                         ev_("e2", "ended", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST),
                         ev_("e3", "attacked", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST),
                         ev_("e4", "election", CHR_EVENT_OCCURRENCE, CHR_TENSE_NONE)};
    chr_timex gtx[2] = {timex_in(text, "t1", "Monday"), timex_in(text, "t2", "Friday")};
    chr_tlink links[6] = {tlink("e1", "t1", CHR_REL_IS_INCLUDED), tlink("e2", "t1", CHR_REL_BEFORE),
                          tlink("e3", "t2", CHR_REL_IS_INCLUDED), tlink("e4", "t2", CHR_REL_BEFORE),
                          tlink("e3", "t1", CHR_REL_AFTER),       tlink("e1", "t0", CHR_REL_BEFORE)};
    chr_timex stx[2] = {timex_in(text, "t1", "on Monday"), timex_in(text, "t2", "Friday")};
    chr_event sys[3] = {timed(gold[0], 0, CHR_REL_IS_INCLUDED, 0, s2),
                        timed(gold[1], 0, CHR_REL_IS_INCLUDED, 0, s2),
                        timed(gold[2], -1, CHR_REL_BEFORE, s2, len)};
    chr_eval *ev = eval_new();
    add(ev, text, gold, 4, gtx, 2, links, 6, sys, 3, stx, 2);
    chr_event_scores s;
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.dating_links, 4);
    assert_int_equal(s.dating_hits, 1);
    assert_int_equal(s.dating_no_event, 1);
    assert_int_equal(s.dating_other_time, 1);
    assert_int_equal(s.dating_other_relation, 1);
    assert_near(s.dating, 0.25);
    chr_eval_free(ev);

    /* The sentences are the scorer's own, whatever the system says: with "attacked" given the whole
     * text as its sentence, its AFTER t1 link (another sentence) still does not count. A relation of
     * the same family is a hit: ended dated IBEFORE "on Monday" for the gold BEFORE t1.
     * links 4, hits 2 (said, ended), other time 1 (attacked), event not found 1: 0.5. */
    sys[2] = timed(gold[2], -1, CHR_REL_BEFORE, 0, len);
    sys[1] = timed(gold[1], 0, CHR_REL_IBEFORE, 0, s2);
    ev = eval_new();
    add(ev, text, gold, 4, gtx, 2, links, 6, sys, 3, stx, 2);
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.dating_links, 4);
    assert_int_equal(s.dating_hits, 2);
    assert_int_equal(s.dating_other_time, 1);
    assert_int_equal(s.dating_other_relation, 0);
    assert_near(s.dating, 0.5);
    chr_eval_free(ev);
}

/* Sentences found without the system: "Mr." and "U.S." do not end one, ". T", ". ``T" and a blank line do.
 * gold events met, left, resumed (none found by the system); links met-Monday (same sentence),
 * left-Monday (across the blank line), left-Friday (same), resumed-Friday (across ". T"): links 2,
 * both missed as "event not found". */
static void test_own_sentences(void **state) {
    (void)state;
    static const char t[] = "Mr. Smith met U.S. officials on Monday.\n\nThey left on Friday. Talks resumed.";
    chr_event gold[3] = {event_in(t, "e1", "met", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST),
                         event_in(t, "e2", "left", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST),
                         event_in(t, "e3", "resumed", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST)};
    chr_timex gtx[2] = {timex_in(t, "t1", "Monday"), timex_in(t, "t2", "Friday")};
    chr_tlink links[4] = {tlink("e1", "t1", CHR_REL_IS_INCLUDED), tlink("e2", "t1", CHR_REL_AFTER),
                          tlink("e2", "t2", CHR_REL_IS_INCLUDED), tlink("e3", "t2", CHR_REL_AFTER)};
    chr_eval *ev = eval_new();
    add(ev, t, gold, 3, gtx, 2, links, 4, NULL, 0, NULL, 0);
    chr_event_scores s;
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.dating_links, 2);
    assert_int_equal(s.dating_no_event, 2);
    assert_int_equal(s.dating_hits, 0);
    chr_eval_free(ev);

    /* the wire services' opening quotes `` start a sentence too: "said Eitan" is not in Sunday's sentence */
    static const char q[] = "Eitan spoke Sunday. ``We will defend our north,'' said Eitan.";
    chr_event qg[2] = {event_in(q, "e1", "spoke", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST),
                       event_in(q, "e2", "said", CHR_EVENT_REPORTING, CHR_TENSE_PAST)};
    chr_timex qt[1] = {timex_in(q, "t1", "Sunday")};
    chr_tlink ql[2] = {tlink("e1", "t1", CHR_REL_IS_INCLUDED), tlink("e2", "t1", CHR_REL_IS_INCLUDED)};
    ev = eval_new();
    add(ev, q, qg, 2, qt, 1, ql, 2, NULL, 0, NULL, 0);
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.dating_links, 1);
    chr_eval_free(ev);
}

/* Temporal awareness. Gold: A IS_INCLUDED t1, B SIMULTANEOUS t1 (twice: once as DURING, the same
 * link after DURING -> SIMULTANEOUS), B BEFORE t0, C AFTER t2; a link to an unknown timex t9 is
 * dropped; C's link is given by instance id only. 4 distinct gold links.
 * Gold closure: A+ < t1+ = B+ < t0-, so A BEFORE t0 is entailed.
 * System: A BEFORE DCT (verified through the closure), B SIMULTANEOUS "Monday" = t1 (verified), C
 * IS_INCLUDED t2 (not: the gold has C after t2), D (no gold event) DURING t1 (nothing verifies it).
 * P = 2/4. The system closure has A BEFORE t0, B = t1, C in t2: of the gold links only B SIMULTANEOUS t1
 * is entailed (A IS_INCLUDED t1 is not: A before t0 says nothing of A and t1): R = 1/4, F1 = 1/3. */
static void test_awareness(void **state) {
    (void)state;
    static const char t[] = "A on Monday, B then, C after Friday, D.";
    chr_event gold[3] = {event_in(t, "e1", "A", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST),
                         event_in(t, "e2", "B", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST),
                         event_in(t, "e3", "C", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST)};
    chr_timex gtx[2] = {timex_in(t, "t1", "Monday"), timex_in(t, "t2", "Friday")};
    chr_tlink links[6] = {tlink("e1", "t1", CHR_REL_IS_INCLUDED), tlink("e2", "t1", CHR_REL_SIMULTANEOUS),
                          tlink("e2", "t1", CHR_REL_DURING),      tlink("e2", "t0", CHR_REL_BEFORE),
                          tlink("e3", "t2", CHR_REL_AFTER),       tlink("e1", "t9", CHR_REL_AFTER)};
    links[4].event_id[0] = '\0';
    chr_timex stx[2] = {timex_in(t, "t1", "on Monday"), timex_in(t, "t2", "Friday")};
    chr_event sys[4] = {
        timed(gold[0], -1, CHR_REL_BEFORE, 0, 0), timed(gold[1], 0, CHR_REL_SIMULTANEOUS, 0, 0),
        timed(gold[2], 1, CHR_REL_IS_INCLUDED, 0, 0),
        timed(event_in(t, "e4", "D", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST), 0, CHR_REL_DURING, 0, 0)};
    chr_eval *ev = eval_new();
    add(ev, t, gold, 3, gtx, 2, links, 6, sys, 4, stx, 2);
    chr_event_scores s;
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.awareness_gold, 4);
    assert_int_equal(s.awareness_system, 4);
    assert_int_equal(s.awareness_system_verified, 2);
    assert_int_equal(s.awareness_gold_verified, 1);
    assert_near(s.awareness_p, 0.5);
    assert_near(s.awareness_r, 0.25);
    assert_near(s.awareness_f1, 1.0 / 3);
    /* all on one sentence: dating counts A-t1, B-t1 (once per gold link: 3 with the DURING copy),
     * C-t2; hits B twice (SIMULTANEOUS and DURING are both "overlap"). */
    assert_int_equal(s.dating_links, 4);
    assert_int_equal(s.dating_hits, 2);
    chr_eval_free(ev);
}

/* Closure through chains and the interval relations. Gold: A SIMULTANEOUS t1, A IS_INCLUDED t2,
 * B IS_INCLUDED t1, B ENDS t3, C IBEFORE t3. The gold closure puts t1 (= A) inside t2, so B IS_INCLUDED
 * t2 is entailed. System: A SIMULTANEOUS t1 (a gold link), B IS_INCLUDED t2 (entailed through t1), C
 * IBEFORE t3 (a gold link): 3 of 3 verified. The system closure (A = t1, B inside t2, C meets t3)
 * entails 2 of the 5 gold links: A SIMULTANEOUS t1 and C IBEFORE t3. */
static void test_closure_chain(void **state) {
    (void)state;
    static const char t[] = "A B C at t1, t2 and t3.";
    chr_event gold[3] = {event_in(t, "e1", "A", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST),
                         event_in(t, "e2", "B", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST),
                         event_in(t, "e3", "C", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST)};
    chr_timex gtx[3] = {timex_in(t, "t1", "t1"), timex_in(t, "t2", "t2"), timex_in(t, "t3", "t3")};
    chr_tlink links[5] = {tlink("e1", "t1", CHR_REL_SIMULTANEOUS), tlink("e1", "t2", CHR_REL_IS_INCLUDED),
                          tlink("e2", "t1", CHR_REL_IS_INCLUDED), tlink("e2", "t3", CHR_REL_ENDS),
                          tlink("e3", "t3", CHR_REL_IBEFORE)};
    chr_event sys[3] = {timed(gold[0], 0, CHR_REL_SIMULTANEOUS, 0, 0),
                        timed(gold[1], 1, CHR_REL_IS_INCLUDED, 0, 0),
                        timed(gold[2], 2, CHR_REL_IBEFORE, 0, 0)};
    chr_eval *ev = eval_new();
    add(ev, t, gold, 3, gtx, 3, links, 5, sys, 3, gtx, 3);
    chr_event_scores s;
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.awareness_system, 3);
    assert_int_equal(s.awareness_system_verified, 3);
    /* system closure: A = t1, B in t2, C meets t3: gold A SIMULTANEOUS t1 and C IBEFORE t3 verified */
    assert_int_equal(s.awareness_gold, 5);
    assert_int_equal(s.awareness_gold_verified, 2);
    chr_eval_free(ev);

    /* B against t3, where the gold has B ENDS t3 (B+ = t3+, t3- < B-): BEGINS, AFTER, BEGUN_BY are
     * refuted, and ENDED_BY (B+ = t3+, B- < t3-) has one constraint entailed and one refuted: none is
     * verified, 2 of 3 system links are. */
    static const chr_relation wrong[] = {CHR_REL_BEGINS, CHR_REL_AFTER, CHR_REL_BEGUN_BY, CHR_REL_ENDED_BY};
    for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++) {
        sys[1] = timed(gold[1], 2, wrong[i], 0, 0);
        ev = eval_new();
        add(ev, t, gold, 3, gtx, 3, links, 5, sys, 3, gtx, 3);
        chr_eval_event_scores(ev, &s);
        assert_int_equal(s.awareness_system_verified, 2);
        chr_eval_free(ev);
    }
    /* B ENDS t3 is the gold's own link; C IS_INCLUDED t2 is half known: C+ = t3- < B- < B+ < t2+, but
     * nothing orders t2- and C-: not verified. 2 of 3. */
    sys[1] = timed(gold[1], 2, CHR_REL_ENDS, 0, 0);
    sys[2] = timed(gold[2], 1, CHR_REL_IS_INCLUDED, 0, 0);
    ev = eval_new();
    add(ev, t, gold, 3, gtx, 3, links, 5, sys, 3, gtx, 3);
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.awareness_system_verified, 2);
    chr_eval_free(ev);
}

static void test_empty_and_invalid(void **state) {
    (void)state;
    chr_eval *ev = eval_new();
    chr_event_scores s;
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.docs, 0);
    assert_near(s.relaxed_f1, 0.0);
    chr_eval_event_scores(NULL, &s);
    assert_int_equal(s.docs, 0);
    chr_eval_event_scores(ev, NULL);
    chr__eval_side empty = {NULL, 0, NULL, 0}, bad = {NULL, 2, NULL, 0};
    assert_int_equal(chr__eval_add_events(ev, "", 0, &empty, NULL, 0, &empty), 0);
    assert_int_equal(chr__eval_add_events(NULL, "", 0, &empty, NULL, 0, &empty), CHR_EINVAL);
    assert_int_equal(chr__eval_add_events(ev, "", 0, &bad, NULL, 0, &empty), CHR_EINVAL);
    assert_int_equal(chr__eval_add_events(ev, "", 0, &empty, NULL, 1, &empty), CHR_EINVAL);
    assert_int_equal(chr__eval_add_events(ev, "", 0, NULL, NULL, 0, &empty), CHR_EINVAL);
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.docs, 1);
    assert_int_equal(s.gold, 0);
    chr_eval_free(ev);
}

/* chr_eval_add hands a document with gold events to the event scorer, and one without does not. */
static void test_eval_add_hook(void **state) {
    (void)state;
    chr_doc *doc = chr__doc_alloc(text, strlen(text));
    assert_non_null(doc);
    doc->gold = malloc(2 * sizeof *doc->gold);
    doc->gold_events = malloc(2 * sizeof *doc->gold_events);
    doc->gold_tlinks = malloc(sizeof *doc->gold_tlinks);
    assert_non_null(doc->gold);
    assert_non_null(doc->gold_events);
    assert_non_null(doc->gold_tlinks);
    doc->gold[0] = timex_in(text, "t1", "Monday");
    doc->ngold = 1;
    doc->gold_events[0] = ev_("e1", "said", CHR_EVENT_REPORTING, CHR_TENSE_PAST);
    doc->gold_events[1] = ev_("e2", "attacked", CHR_EVENT_OCCURRENCE, CHR_TENSE_PAST);
    doc->ngold_events = 2;
    doc->gold_tlinks[0] = tlink("e1", "t1", CHR_REL_IS_INCLUDED);
    doc->ngold_tlinks = 1;

    chr_result *res = result_of(doc->gold, 1);
    assert_non_null(res);
    res->events = malloc(sizeof *res->events);
    assert_non_null(res->events);
    res->events[0] = timed(ev_("e1", "said", CHR_EVENT_REPORTING, CHR_TENSE_PAST), 0, CHR_REL_IS_INCLUDED, 0,
                           at(text, "Iran"));
    res->nevents = 1;

    chr_eval *ev = eval_new();
    assert_int_equal(chr_eval_add(ev, doc, res), 0);
    chr_event_scores s;
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.docs, 1);
    assert_int_equal(s.gold, 2);
    assert_int_equal(s.system, 1);
    assert_int_equal(s.strict_match, 1);
    assert_int_equal(s.dating_links, 1);
    assert_int_equal(s.dating_hits, 1);
    assert_near(s.awareness_p, 1.0);
    assert_near(s.awareness_r, 1.0);
    assert_int_equal(chr_eval_add(ev, doc, NULL), 0); /* nothing found */
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.docs, 2);
    assert_int_equal(s.gold, 4);
    assert_int_equal(s.dating_links, 2);
    assert_int_equal(s.dating_no_event, 1);
    chr_result_free(res);
    chr_doc_free(doc);

    /* no gold events: no event document */
    chr_doc *plain = chr__doc_alloc(text, strlen(text));
    assert_non_null(plain);
    assert_int_equal(chr_eval_add(ev, plain, NULL), 0);
    chr_eval_event_scores(ev, &s);
    assert_int_equal(s.docs, 2);
    chr_doc_free(plain);
    chr_eval_free(ev);
}

/* Each gold corpus's events against themselves, each dated by one of its gold links (a timex link if it
 * has one, else its DCT link): Task B all 1.0 with the README's event counts (those inside TEXT), awareness
 * precision 1.0 (every system link is a gold link); dating and awareness recall are the ceilings of a system
 * giving each event one time. */
static void test_corpus_gold_against_itself(void **state) {
    (void)state;
    const char *root = corpora_dir();
    if (!root) {
        print_message("skipped: corpora not found\n");
        skip();
    }
    static const char *dirs[] = {"tbaq/timebank", "tbaq/aquaint", "te3-platinum"};
    /* EVENT tags inside TEXT: the README's 6714 TimeBank events include 16 in headlines outside it */
    static const size_t counts[] = {6698, 4431, 746};
    for (size_t d = 0; d < 3; d++) {
        char dir[4096];
        path_join(dir, sizeof dir, root, dirs[d]);
        size_t n = 0;
        char **names = list_files(dir, ".tml", &n);
        assert_true(n > 0);
        chr_eval *ev = eval_new();
        for (size_t i = 0; i < n; i++) {
            char path[4096];
            size_t len = 0;
            path_join(path, sizeof path, dir, names[i]);
            char *xml = read_whole(path, &len);
            assert_non_null(xml);
            chr_doc *doc = NULL;
            chr_error err;
            if (chr_doc_from_timeml(&doc, xml, len, &err) != 0)
                fail_msg("%s: %s", path, err.message);
            size_t ne = chr_doc_gold_event_count(doc), nl = chr_doc_gold_tlink_count(doc);
            size_t nt = chr_doc_gold_count(doc);
            chr_event *sys = malloc((ne + 1) * sizeof *sys);
            assert_non_null(sys);
            for (size_t k = 0; k < ne; k++) {
                sys[k] = *chr_doc_gold_event(doc, k);
                sys[k].sent_start = sys[k].sent_end = 0; /* sentences found by the scorer */
                sys[k].time.timex = -2;
                sys[k].time.relation = CHR_REL_NONE;
                for (size_t j = 0; j < nl; j++) {
                    const chr_tlink *l = chr_doc_gold_tlink(doc, j);
                    if (strcmp(l->event_id, sys[k].id) != 0 || l->relation == CHR_REL_NONE)
                        continue;
                    int tx = -2;
                    for (size_t m = 0; m < nt; m++)
                        if (strcmp(chr_doc_gold(doc, m)->id, l->timex_id) == 0)
                            tx = (int)m;
                    if (tx == -2 && strcmp(l->timex_id, "t0") == 0)
                        tx = -1;
                    if (tx == -2 || (tx == -1 && sys[k].time.timex != -2))
                        continue;
                    sys[k].time.timex = tx;
                    sys[k].time.relation = l->relation;
                    if (tx >= 0)
                        break;
                }
            }
            chr__eval_side gold = {ne ? chr_doc_gold_event(doc, 0) : NULL, ne,
                                   nt ? chr_doc_gold(doc, 0) : NULL, nt};
            chr__eval_side system = {sys, ne, gold.timexes, nt};
            size_t tl;
            const char *t = chr_doc_text(doc, &tl);
            assert_int_equal(
                chr__eval_add_events(ev, t, tl, &gold, nl ? chr_doc_gold_tlink(doc, 0) : NULL, nl, &system),
                0);
            free(sys);
            chr_doc_free(doc);
            free(xml);
        }
        chr_event_scores s;
        chr_eval_event_scores(ev, &s);
        print_message("%s: %zu docs, %zu gold events; dating ceiling %zu of %zu (%.4f); awareness P %.4f "
                      "R %.4f (%zu of %zu gold links)\n",
                      dirs[d], s.docs, s.gold, s.dating_hits, s.dating_links, s.dating, s.awareness_p,
                      s.awareness_r, s.awareness_gold_verified, s.awareness_gold);
        assert_int_equal(s.docs, n);
        assert_int_equal(s.gold, counts[d]);
        assert_int_equal(s.system, counts[d]);
        assert_int_equal(s.strict_match, counts[d]);
        assert_int_equal(s.relaxed_match, counts[d]);
        assert_near(s.strict_f1, 1.0);
        assert_near(s.relaxed_f1, 1.0);
        assert_near(s.class_f1, 1.0);
        assert_near(s.tense_accuracy, 1.0);
        assert_near(s.aspect_accuracy, 1.0);
        assert_near(s.polarity_accuracy, 1.0);
        assert_true(s.dating_links > 0);
        assert_int_equal(s.dating_no_event, 0);
        assert_int_equal(s.awareness_system, s.awareness_system_verified);
        assert_true(s.awareness_gold_verified > 0);
        chr_eval_free(ev);
        free_names(names, n);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_task_b),        cmocka_unit_test(test_dating),
        cmocka_unit_test(test_own_sentences), cmocka_unit_test(test_awareness),
        cmocka_unit_test(test_closure_chain), cmocka_unit_test(test_empty_and_invalid),
        cmocka_unit_test(test_eval_add_hook), cmocka_unit_test(test_corpus_gold_against_itself),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
