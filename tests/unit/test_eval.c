/* test_eval.c: TempEval-3 Task A scoring (extract/eval.c): strict and relaxed matching, one-to-one
 * pairing, type and value figures and the error list on hand-made cases whose figures are worked out
 * in the comments, and, when the shared corpora are present, each gold corpus scored against itself
 * (1243 / 579 / 138 timexes, every figure 1.0). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "eval_internal.h"
#include "timeml_testutil.h"

#define EPS 1e-9

static const char text[] = "On Monday, 3 May 2010, we met for two days.";

/* A timex over the first occurrence of what in text. */
static chr_timex tx(const char *what, chr_timex_type type, const char *value) {
    chr_timex t;
    const char *p = strstr(text, what);
    memset(&t, 0, sizeof t);
    assert_non_null(p);
    t.start = t.cp_start = (size_t)(p - text);
    t.end = t.cp_end = t.start + strlen(what);
    t.type = type;
    snprintf(t.value, sizeof t.value, "%s", value);
    return t;
}

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

/* gold: "Monday, 3 May 2010" DATE 2010-05-03, "two days" DURATION P2D.
 * system: "3 May 2010" (overlaps, value right: extent error), "two days" with P3D (strict, value
 * error), "we" (extra).
 * strict 1: P 1/3, R 1/2, F1 0.4. relaxed 2: P 2/3, R 1, F1 0.8. type 2/2: F1 0.8. value 1/2: F1 0.4. */
static void test_strict_relaxed_and_value(void **state) {
    (void)state;
    chr_timex gold[2] = {tx("Monday, 3 May 2010", CHR_TIMEX_DATE, "2010-05-03"),
                         tx("two days", CHR_TIMEX_DURATION, "P2D")};
    chr_timex sys[3] = {tx("3 May 2010", CHR_TIMEX_DATE, " 2010-05-03\n"), /* trimmed: same value */
                        tx("two days", CHR_TIMEX_DURATION, "P3D"), tx("we", CHR_TIMEX_DATE, "XXXX")};
    char *copy = strdup(text);
    chr_eval *ev = eval_new();
    assert_int_equal(chr__eval_add_timexes(ev, "d1", copy, strlen(copy), gold, 2, sys, 3), 0);
    /* the error list keeps copies: spoil the originals */
    memset(copy, 'x', strlen(copy));
    memset(gold, 0, sizeof gold);
    memset(sys, 0, sizeof sys);
    free(copy);

    chr_scores s;
    chr_eval_scores(ev, &s);
    assert_int_equal(s.docs, 1);
    assert_int_equal(s.gold, 2);
    assert_int_equal(s.system, 3);
    assert_int_equal(s.strict_match, 1);
    assert_int_equal(s.relaxed_match, 2);
    assert_int_equal(s.type_match, 2);
    assert_int_equal(s.value_match, 1);
    assert_near(s.strict_p, 1.0 / 3);
    assert_near(s.strict_r, 0.5);
    assert_near(s.strict_f1, 0.4);
    assert_near(s.relaxed_p, 2.0 / 3);
    assert_near(s.relaxed_r, 1.0);
    assert_near(s.relaxed_f1, 0.8);
    assert_near(s.type_accuracy, 1.0);
    assert_near(s.type_f1, 0.8);
    assert_near(s.value_accuracy, 0.5);
    assert_near(s.value_f1, 0.4);

    /* in text order: extent (Monday...), extra (we), value (two days) */
    assert_int_equal(chr_eval_error_count(ev), 3);
    const chr_eval_error *e = chr_eval_error_at(ev, 0);
    assert_int_equal(e->kind, CHR_EVAL_EXTENT);
    assert_string_equal(e->doc_id, "d1");
    assert_string_equal(e->gold_text, "Monday, 3 May 2010");
    assert_string_equal(e->sys_text, "3 May 2010");
    assert_int_equal(e->gold->cp_start, 3);
    assert_int_equal(e->sys->cp_start, 11);
    e = chr_eval_error_at(ev, 1);
    assert_int_equal(e->kind, CHR_EVAL_EXTRA);
    assert_null(e->gold);
    assert_null(e->gold_text);
    assert_string_equal(e->sys_text, "we");
    assert_string_equal(e->sys->value, "XXXX");
    e = chr_eval_error_at(ev, 2);
    assert_int_equal(e->kind, CHR_EVAL_VALUE);
    assert_string_equal(e->gold->value, "P2D");
    assert_string_equal(e->sys->value, "P3D");
    assert_string_equal(e->gold_text, "two days");
    assert_null(chr_eval_error_at(ev, 3));
    chr_eval_free(ev);
}

/* One system timex overlapping two gold ones pairs with the one it overlaps most; the other is a
 * miss. Two system timexes inside one gold: the longer overlap wins, the other is extra.
 * gold: "3 May 2010" [11,21), "two days" [34,42); system: "2010, we met for two" [17,37), which
 * overlaps the first by 4 and the second by 3: paired with "3 May 2010", "two days" is missed.
 * Second document: gold "two days", system "two" (3) and "days" (4): "days" is paired.
 * Totals: gold 3, system 3, relaxed 2, strict 0: P = R = F1 = 2/3, strict all 0. */
static void test_one_to_one_pairing(void **state) {
    (void)state;
    chr_eval *ev = eval_new();
    chr_timex gold[2] = {tx("3 May 2010", CHR_TIMEX_DATE, "2010-05-03"),
                         tx("two days", CHR_TIMEX_DURATION, "P2D")};
    chr_timex sys[1] = {tx("2010, we met for two", CHR_TIMEX_DATE, "2010-05-03")};
    assert_int_equal(chr__eval_add_timexes(ev, "a", text, strlen(text), gold, 2, sys, 1), 0);
    chr_timex gold2[1] = {tx("two days", CHR_TIMEX_DURATION, "P2D")};
    chr_timex sys2[2] = {tx("two", CHR_TIMEX_DURATION, "P2D"), tx("days", CHR_TIMEX_DURATION, "P2D")};
    assert_int_equal(chr__eval_add_timexes(ev, "b", text, strlen(text), gold2, 1, sys2, 2), 0);

    chr_scores s;
    chr_eval_scores(ev, &s);
    assert_int_equal(s.docs, 2);
    assert_int_equal(s.gold, 3);
    assert_int_equal(s.system, 3);
    assert_int_equal(s.relaxed_match, 2);
    assert_int_equal(s.strict_match, 0);
    assert_near(s.relaxed_p, 2.0 / 3);
    assert_near(s.relaxed_r, 2.0 / 3);
    assert_near(s.relaxed_f1, 2.0 / 3);
    assert_near(s.strict_f1, 0.0);
    assert_near(s.value_f1, 2.0 / 3);

    /* a: extent (3 May 2010 ~ 2010, we met for two), miss (two days); b: extra (two), extent (days) */
    static const chr_eval_kind kinds[] = {CHR_EVAL_EXTENT, CHR_EVAL_MISS, CHR_EVAL_EXTRA, CHR_EVAL_EXTENT};
    static const char *docs[] = {"a", "a", "b", "b"};
    assert_int_equal(chr_eval_error_count(ev), 4);
    for (size_t i = 0; i < 4; i++) {
        const chr_eval_error *e = chr_eval_error_at(ev, i);
        assert_int_equal(e->kind, kinds[i]);
        assert_string_equal(e->doc_id, docs[i]);
    }
    assert_string_equal(chr_eval_error_at(ev, 0)->sys_text, "2010, we met for two");
    assert_string_equal(chr_eval_error_at(ev, 1)->gold_text, "two days");
    assert_string_equal(chr_eval_error_at(ev, 2)->sys_text, "two");
    assert_string_equal(chr_eval_error_at(ev, 3)->sys_text, "days");
    chr_eval_free(ev);
}

/* Same extent, type wrong, value right: strict 1, type accuracy 0 (type F1 0), value F1 1; one type
 * error and no extent error. An identical system timex wins over a longer one that also covers the
 * gold extent, whatever their order. */
static void test_type_error_and_exact_preferred(void **state) {
    (void)state;
    chr_eval *ev = eval_new();
    chr_timex gold[1] = {tx("two days", CHR_TIMEX_DURATION, "P2D")};
    chr_timex sys[1] = {tx("two days", CHR_TIMEX_DATE, "P2D")};
    assert_int_equal(chr__eval_add_timexes(ev, "d", text, strlen(text), gold, 1, sys, 1), 0);
    chr_scores s;
    chr_eval_scores(ev, &s);
    assert_int_equal(s.strict_match, 1);
    assert_near(s.strict_f1, 1.0);
    assert_near(s.type_accuracy, 0.0);
    assert_near(s.type_f1, 0.0);
    assert_near(s.value_f1, 1.0);
    assert_int_equal(chr_eval_error_count(ev), 1);
    assert_int_equal(chr_eval_error_at(ev, 0)->kind, CHR_EVAL_TYPE);
    chr_eval_free(ev);

    ev = eval_new();
    chr_timex g2[1] = {tx("May 2010", CHR_TIMEX_DATE, "2010-05")};
    chr_timex s2[2] = {tx("3 May 2010", CHR_TIMEX_DATE, "2010-05-03"),
                       tx("May 2010", CHR_TIMEX_DATE, "2010-05")};
    assert_int_equal(chr__eval_add_timexes(ev, "d", text, strlen(text), g2, 1, s2, 2), 0);
    chr_eval_scores(ev, &s);
    assert_int_equal(s.strict_match, 1);
    assert_int_equal(s.value_match, 1);
    assert_int_equal(chr_eval_error_count(ev), 1);
    assert_int_equal(chr_eval_error_at(ev, 0)->kind, CHR_EVAL_EXTRA);
    assert_string_equal(chr_eval_error_at(ev, 0)->sys_text, "3 May 2010");
    chr_eval_free(ev);
}

static void test_empty_and_names(void **state) {
    (void)state;
    chr_eval *ev = eval_new();
    chr_scores s;
    chr_eval_scores(ev, &s);
    assert_int_equal(s.docs, 0);
    assert_near(s.relaxed_f1, 0.0);
    assert_int_equal(chr__eval_add_timexes(ev, NULL, "", 0, NULL, 0, NULL, 0), 0);
    assert_int_equal(chr__eval_add_timexes(NULL, "x", "", 0, NULL, 0, NULL, 0), CHR_EINVAL);
    chr_eval_scores(ev, &s);
    assert_int_equal(s.docs, 1);
    assert_int_equal(chr_eval_error_count(ev), 0);
    chr_eval_free(ev);
    chr_eval_free(NULL);
    assert_string_equal(chr_eval_kind_name(CHR_EVAL_MISS), "miss");
    assert_string_equal(chr_eval_kind_name(CHR_EVAL_EXTRA), "extra");
    assert_string_equal(chr_eval_kind_name(CHR_EVAL_EXTENT), "extent");
    assert_string_equal(chr_eval_kind_name(CHR_EVAL_TYPE), "type");
    assert_string_equal(chr_eval_kind_name(CHR_EVAL_VALUE), "value");
}

/* The public entry: a TimeML doc's gold timexes against a result. */
static void test_eval_add_with_doc(void **state) {
    (void)state;
    const char *xml = "<TimeML><DOCID>x1</DOCID><TEXT>It rained <TIMEX3 tid=\"t1\" type=\"DATE\" "
                      "value=\"2010-05-03\">on Monday</TIMEX3> and <TIMEX3 tid=\"t2\" type=\"DURATION\" "
                      "value=\"P2D\">two days</TIMEX3>.</TEXT></TimeML>";
    chr_doc *doc = NULL;
    assert_int_equal(chr_doc_from_timeml(&doc, xml, strlen(xml), NULL), 0);
    chr_timex sys = *chr_doc_gold(doc, 0);
    sys.start += 3; /* "Monday" */
    chr_result *res = result_of(&sys, 1);
    chr_eval *ev = eval_new();
    assert_int_equal(chr_eval_add(ev, doc, res), 0);
    assert_int_equal(chr_eval_add(ev, doc, NULL), 0); /* nothing found: two misses */
    chr_result_free(res);
    chr_doc_free(doc);
    chr_scores s;
    chr_eval_scores(ev, &s);
    assert_int_equal(s.gold, 4);
    assert_int_equal(s.system, 1);
    assert_int_equal(s.relaxed_match, 1);
    assert_int_equal(s.strict_match, 0);
    assert_int_equal(chr_eval_error_count(ev), 4);
    assert_string_equal(chr_eval_error_at(ev, 0)->doc_id, "x1");
    assert_string_equal(chr_eval_error_at(ev, 0)->sys_text, "Monday");
    assert_string_equal(chr_eval_error_at(ev, 0)->gold_text, "on Monday");
    assert_int_equal(chr_eval_add(NULL, NULL, NULL), CHR_EINVAL);
    chr_eval_free(ev);
}

/* Each gold corpus against itself: every figure 1.0, and the README's timex counts. */
static void test_corpus_gold_against_itself(void **state) {
    (void)state;
    const char *root = corpora_dir();
    if (!root) {
        print_message("skipped: corpora not found\n");
        skip();
    }
    static const char *dirs[] = {"tbaq/timebank", "tbaq/aquaint", "te3-platinum"};
    static const size_t counts[] = {1243, 579, 138};
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
            size_t tl;
            const char *t = chr_doc_text(doc, &tl);
            size_t ng = chr_doc_gold_count(doc);
            const chr_timex *g = ng ? chr_doc_gold(doc, 0) : NULL;
            assert_int_equal(chr__eval_add_timexes(ev, chr_doc_id(doc), t, tl, g, ng, g, ng), 0);
            chr_doc_free(doc);
            free(xml);
        }
        chr_scores s;
        chr_eval_scores(ev, &s);
        print_message("%s: %zu docs, %zu gold timexes, strict F1 %.3f, relaxed F1 %.3f, value F1 %.3f\n",
                      dirs[d], s.docs, s.gold, s.strict_f1, s.relaxed_f1, s.value_f1);
        assert_int_equal(s.docs, n);
        assert_int_equal(s.gold, counts[d]);
        assert_int_equal(s.system, counts[d]);
        assert_int_equal(s.strict_match, counts[d]);
        assert_int_equal(s.relaxed_match, counts[d]);
        assert_near(s.strict_f1, 1.0);
        assert_near(s.relaxed_p, 1.0);
        assert_near(s.relaxed_r, 1.0);
        assert_near(s.type_f1, 1.0);
        assert_near(s.value_f1, 1.0);
        assert_int_equal(chr_eval_error_count(ev), 0);
        chr_eval_free(ev);
        free_names(names, n);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strict_relaxed_and_value),
        cmocka_unit_test(test_one_to_one_pairing),
        cmocka_unit_test(test_type_error_and_exact_preferred),
        cmocka_unit_test(test_empty_and_names),
        cmocka_unit_test(test_eval_add_with_doc),
        cmocka_unit_test(test_corpus_gold_against_itself),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
