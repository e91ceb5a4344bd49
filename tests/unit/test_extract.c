/* test_extract.c: the engine end to end on small texts (built-in rules), the rule loader's errors
 * (file and line), intervals from signals, a document without a DCT, and a pathological input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "chronicle/chronicle.h"
#include "engine.h"

static chr_engine *engine;

static int setup(void **state) {
    (void)state;
    chr_error err = {0};
    return chr_engine_new(&engine, NULL, &err);
}

static int teardown(void **state) {
    (void)state;
    chr_engine_free(engine);
    return 0;
}

/* Extract text against dct (NULL = none) and return the result; the doc goes to *docp. */
static chr_result *run(const char *text, const char *dct, chr_doc **docp) {
    chr_doc *doc;
    chr_error err = {0};
    assert_int_equal(chr_doc_from_text(&doc, text, strlen(text), &err), CHR_OK);
    if (dct)
        assert_int_equal(chr_doc_set_dct(doc, dct, CHR_DCT_OPTION, &err), CHR_OK);
    chr_result *res;
    assert_int_equal(chr_extract(&res, engine, doc, &err), CHR_OK);
    *docp = doc;
    return res;
}

static const chr_timex *find(const chr_result *res, const chr_doc *doc, const char *text) {
    size_t len;
    const char *t = chr_doc_text(doc, &len);
    for (size_t i = 0; i < chr_result_count(res); i++) {
        const chr_timex *x = chr_result_timex(res, i);
        if (x->end - x->start == strlen(text) && !memcmp(t + x->start, text, strlen(text)))
            return x;
    }
    fail_msg("no timex '%s'", text);
    return NULL;
}

static void test_tense_picks_weekday(void **state) {
    (void)state;
    chr_doc *doc;
    chr_result *res =
        run("Kerry said Tuesday that talks will resume next Tuesday. The talks are scheduled for "
            "Friday.",
            "2014-12-03", &doc);
    assert_string_equal(find(res, doc, "Tuesday")->value, "2014-12-02");
    assert_string_equal(find(res, doc, "next Tuesday")->value, "2014-12-09");
    assert_string_equal(find(res, doc, "Friday")->value, "2014-12-05");
    assert_string_equal(find(res, doc, "Tuesday")->anchor, "t0");
    chr_result_free(res);
    chr_doc_free(doc);
}

/* "last" after "to", "will" or a modal is a verb, not the "last" of "last week": "expected to last until
 * Friday" is the coming Friday. Before, the past one (and "until" made an interval that ended before it
 * began). */
static void test_last_as_a_verb(void **state) {
    (void)state;
    static const char *const texts[] = {"The strike is expected to last until Friday.",
                                        "The strike will last until Friday."};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        chr_doc *doc;
        chr_result *res = run(texts[i], "2014-12-03", &doc);
        assert_string_equal(find(res, doc, "Friday")->value, "2014-12-05");
        chr_result_free(res);
        chr_doc_free(doc);
    }
    chr_doc *doc;
    chr_result *res = run("Sales rose last Friday.", "2014-12-03", &doc);
    assert_string_equal(find(res, doc, "last Friday")->value, "2014-11-28");
    chr_result_free(res);
    chr_doc_free(doc);
    /* the tense of a clause is read across an abbreviation's dot: "Roe vs. Wade ruling was upheld" (the
     * window stopped at "vs." and January was the coming one, 1999-01) */
    res = run("In January the Roe vs. Wade ruling was upheld.", "1998-10-25", &doc);
    assert_string_equal(find(res, doc, "January")->value, "1998-01");
    chr_result_free(res);
    chr_doc_free(doc);
}

/* "two days later" leads to a time counted from the one talked about; "two days after the committee met" is
 * counted from an event the rules do not see, so it leads to none (it led to March 3, two days after the
 * "March" of the sentence before). */
static void test_after_leads_nowhere(void **state) {
    (void)state;
    chr_doc *doc;
    chr_result *res = run("The fight began in March. The vote came two days after the committee met. It "
                          "closed two days later.",
                          "2014-12-03", &doc);
    const chr_timex *after = chr_result_timex(res, 1), *later = chr_result_timex(res, 2);
    assert_string_equal(after->value, "P2D");
    assert_string_equal(after->begin, "");
    assert_string_equal(later->value, "P2D");
    assert_string_equal(later->begin, "2014-03-03");
    chr_result_free(res);
    chr_doc_free(doc);
    /* "a month later than expected" compares; it had led to July, a month after the June before it */
    res = run("The cut came in June, a month later than expected.", "2014-12-03", &doc);
    const chr_timex *than = chr_result_timex(res, 1);
    assert_string_equal(than->value, "P1M");
    assert_string_equal(than->begin, "");
    chr_result_free(res);
    chr_doc_free(doc);
}

static void test_tense_stays_in_its_sentence(void **state) {
    (void)state;
    chr_doc *doc;
    /* the "will" of the line before must not make this January the coming one */
    chr_result *res = run("Sales will grow.\nJanuary: flat.", "2013-03-22", &doc);
    assert_string_equal(find(res, doc, "January")->value, "2013-01");
    chr_result_free(res);
    chr_doc_free(doc);
}

static void test_since_interval(void **state) {
    (void)state;
    chr_doc *doc;
    chr_result *res = run("Iran has not had relations with Washington since 1979.", "2014-12-03", &doc);
    const chr_timex *t = find(res, doc, "1979");
    assert_string_equal(t->value, "1979");
    assert_string_equal(t->signal, "since");
    assert_string_equal(t->begin, "1979");
    assert_string_equal(t->end_value, "2014-12-03");
    chr_result_free(res);
    chr_doc_free(doc);
    res = run("Prices rose from May to July.", "2014-12-03", &doc);
    assert_string_equal(find(res, doc, "May")->begin, "2014-05");
    assert_string_equal(find(res, doc, "May")->end_value, "2014-07");
    chr_result_free(res);
    chr_doc_free(doc);
    /* "until" a time to come runs from the document date; "until" a past one has no known start (it ran
     * from the DCT backwards before: begin 2014-12-03, end 2014-11-28) */
    res = run("Prices will stay high until March.", "2014-12-03", &doc);
    assert_string_equal(find(res, doc, "March")->begin, "2014-12-03");
    assert_string_equal(find(res, doc, "March")->end_value, "2015-03");
    chr_result_free(res);
    chr_doc_free(doc);
    res = run("He stayed there until Friday.", "2014-12-03", &doc);
    assert_string_equal(find(res, doc, "Friday")->begin, "");
    assert_string_equal(find(res, doc, "Friday")->end_value, "2014-11-28");
    chr_result_free(res);
    chr_doc_free(doc);
}

/* A duration up to the DCT or from it covers the days between (TimeBank's endPoint / beginPoint "t0"): an
 * event "in the past two years" has an interval to be placed on. Before, these had none. */
static void test_span_of_a_duration(void **state) {
    (void)state;
    static const struct {
        const char *text, *timex, *begin, *end;
    } cases[] = {
        {"It has cut jobs three times in the past two years.", "the past two years", "2012-12-03", "2014-12-03"},
        {"The firm will hire 500 people over the next three months.", "the next three months", "2014-12-03",
         "2015-03-03"},
        {"Sales fell over the past decade.", "the past decade", "2004-12-03", "2014-12-03"},
        {"Over the past 48 hours, analysts cut their targets.", "the past 48 hours", "2014-12-01", "2014-12-03"},
        /* no span: a vague count, hours not making whole days, a duration with no direction */
        {"It grew in the past few years.", "the past few years", "", ""},
        {"Over the past 36 hours, analysts cut their targets.", "the past 36 hours", "", ""},
        {"The talks lasted three years.", "three years", "", ""},
        /* what came next in a past being told is counted from that past */
        {"She joined Harvard in 1968 and spent the next three decades there.", "the next three decades", "",
         ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        chr_doc *doc;
        chr_result *res = run(cases[i].text, "2014-12-03", &doc);
        const chr_timex *t = find(res, doc, cases[i].timex);
        assert_string_equal(t->begin, cases[i].begin);
        assert_string_equal(t->end_value, cases[i].end);
        chr_result_free(res);
        chr_doc_free(doc);
    }
    /* with no DCT, none */
    chr_doc *doc;
    chr_result *res = run("It has cut jobs three times in the past two years.", NULL, &doc);
    assert_string_equal(find(res, doc, "the past two years")->begin, "");
    chr_result_free(res);
    chr_doc_free(doc);
}

static void test_no_dct_underspecified(void **state) {
    (void)state;
    chr_doc *doc;
    chr_result *res =
        run("The minister arrived Monday, stayed for three days and left last week.", NULL, &doc);
    assert_string_equal(find(res, doc, "Monday")->value, "XXXX-WXX-1");
    assert_string_equal(find(res, doc, "three days")->value, "P3D");
    assert_string_equal(find(res, doc, "last week")->value, "XXXX-WXX");
    chr_result_free(res);
    chr_doc_free(doc);
    /* a time of unknown year becomes the one talked about: "a month earlier" is not counted back from the
     * older "August 2023" (it gave 2023-07); news ("this summer"), so no past episode gives December 2023 */
    res = run("Rates rose until August 2023 and may fall this summer. Unemployment rose to 4.0% in the three "
              "months to December, up from 3.9% a month earlier.",
              NULL, &doc);
    assert_string_equal(find(res, doc, "December")->value, "XXXX-12");
    assert_string_equal(find(res, doc, "a month earlier")->value, "XXXX-XX");
    chr_result_free(res);
    chr_doc_free(doc);
}

/* A past episode told with its dates ("launched on 16 December 1944 ... On 19 December") gives its year to
 * the days and months after it that have none, with a DCT or without one; news, told from its own day
 * ("said Tuesday"), keeps the DCT's year, and a time of another year ends the episode. */
static void test_story_year(void **state) {
    (void)state;
    static const char *const story = "The offensive was launched on 16 December 1944 and lasted until 25 "
                                     "January 1945. On 19 December, Patton promised to attack. On Christmas "
                                     "Eve the advance stalled. The line was restored in February.";
    const char *const dcts[] = {"2020-05-01", NULL};
    for (int i = 0; i < 2; i++) {
        chr_doc *doc;
        chr_result *res = run(story, dcts[i], &doc);
        assert_string_equal(find(res, doc, "19 December")->value, "1944-12-19");
        assert_string_equal(find(res, doc, "Christmas Eve")->value, "1944-12-24");
        assert_string_equal(find(res, doc, "February")->value, "1945-02");
        chr_result_free(res);
        chr_doc_free(doc);
    }
    chr_doc *doc;
    chr_result *res = run("The minister said on Tuesday that the talks began on 16 December 2011. On 19 "
                          "December, she will fly to Paris. On 20 December the talks resume.",
                          "2020-05-01", &doc);
    assert_string_equal(find(res, doc, "19 December")->value, "2020-12-19");
    assert_string_equal(find(res, doc, "20 December")->value, "2019-12-20"); /* the nearest, not 2011 */
    chr_result_free(res);
    chr_doc_free(doc);
    res = run("It opened on 16 December 1944. On 2 March 2019 it closed. On 19 December it was sold.", NULL,
              &doc);
    assert_string_equal(find(res, doc, "19 December")->value, "2019-12-19");
    chr_result_free(res);
    chr_doc_free(doc);
}

static void test_reference_time(void **state) {
    (void)state;
    chr_doc *doc;
    chr_result *res = run("Third-quarter profit rose 5%, compared with a year earlier.", "1989-11-02", &doc);
    assert_string_equal(find(res, doc, "Third-quarter")->value, "1989-Q3");
    const chr_timex *t = find(res, doc, "a year earlier");
    assert_string_equal(t->value, "1988-Q3");
    assert_string_equal(t->anchor, "t1");
    chr_result_free(res);
    chr_doc_free(doc);
}

/* A clock time takes the day of the last date mentioned, except when its tense says the other side of
 * the document date: "fell between 2 a.m. and 6 a.m." after "until Wednesday afternoon" is on the DCT's
 * day (it was the Wednesday). */
static void test_clock_time_and_tense(void **state) {
    (void)state;
    chr_doc *doc;
    chr_result *res = run("The storm will linger until Wednesday afternoon. The heaviest snow fell between "
                          "2 a.m. and 6 a.m. It will end at 9 a.m. on Wednesday, and crews will leave at 11 a.m.",
                          "2014-12-01T10:00", &doc);
    assert_string_equal(find(res, doc, "2 a.m.")->value, "2014-12-01T02:00");
    assert_string_equal(find(res, doc, "6 a.m.")->value, "2014-12-01T06:00");
    assert_string_equal(find(res, doc, "11 a.m.")->value, "2014-12-03T11:00"); /* the reference day */
    chr_result_free(res);
    chr_doc_free(doc);
}

/* No time expression starts inside a word after its apostrophe ("nor'easter", "nor’easter" are no
 * Easter); a word that follows an apostrophe and a blank, or a clitic, still can. */
static void test_no_match_inside_a_word(void **state) {
    (void)state;
    chr_doc *doc;
    chr_result *res = run("A nor'easter and a nor\xE2\x80\x99"
                          "easter hit the coast. Easter Sunday's mass was held at 5 o'clock.",
                          "2014-12-01", &doc);
    assert_int_equal(res->n, 2);
    assert_string_equal(res->timexes[0].value, "2014-04-20");
    assert_non_null(find(res, doc, "5 o'clock"));
    chr_result_free(res);
    chr_doc_free(doc);
}

/* No time expression spans a blank line: a headline's weekday and the dateline under it are two ("through
 * Thursday" and "January 20, 2025 6:30 AM", not one TIME); a single line end may still lie inside one. */
static void test_no_match_across_a_blank_line(void **state) {
    (void)state;
    chr_doc *doc;
    chr_result *res = run("Snow will fall through Thursday\n\nJanuary 20, 2025 6:30 AM\n\n"
                          "The storm hit on Monday,\nJanuary 20, 2025.",
                          "2025-01-20", &doc);
    const chr_timex *t = find(res, doc, "Thursday");
    assert_non_null(t);
    assert_string_equal(t->value, "2025-01-23");
    t = find(res, doc, "January 20, 2025 6:30 AM");
    assert_non_null(t);
    assert_string_equal(t->value, "2025-01-20T06:30");
    assert_non_null(find(res, doc, "Monday,\nJanuary 20, 2025"));
    chr_result_free(res);
    chr_doc_free(doc);
}

static void test_absolute_dates_have_no_anchor(void **state) {
    (void)state;
    chr_doc *doc;
    chr_result *res = run("Posted 12/03/2014 08:58 pm ET. Profit fell in the third quarter of 2013 and on "
                          "Christmas 2012, but rose Monday.",
                          "2014-12-03", &doc);
    assert_string_equal(find(res, doc, "12/03/2014 08:58 pm ET")->anchor, "");
    assert_string_equal(find(res, doc, "the third quarter of 2013")->anchor, "");
    assert_string_equal(find(res, doc, "Christmas 2012")->anchor, "");
    assert_string_equal(find(res, doc, "Monday")->anchor, "t0");
    chr_result_free(res);
    chr_doc_free(doc);
}

static void test_code_point_offsets(void **state) {
    (void)state;
    chr_doc *doc;
    chr_result *res = run("“Café” opened Monday.", "2014-12-03", &doc);
    const chr_timex *t = find(res, doc, "Monday");
    assert_int_equal(t->cp_start, 14);
    assert_int_equal(t->cp_end, 20);
    assert_true(t->start > t->cp_start);
    chr_result_free(res);
    chr_doc_free(doc);
}

static void write_file(const char *path, const char *content) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

static void check_bad_rules(const char *content, int line, const char *needle) {
    char dir[] = "/tmp/chronicle-rules-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/bad.rules", dir);
    write_file(path, content);
    chr_engine *e = NULL;
    chr_error err = {0};
    assert_int_equal(chr_engine_new(&e, dir, &err), CHR_ERULE);
    assert_null(e);
    assert_int_equal(err.line, line);
    assert_non_null(strstr(err.file, "bad.rules"));
    if (!strstr(err.message, needle))
        fail_msg("message '%s' lacks '%s'", err.message, needle);
    unlink(path);
    rmdir(dir);
}

static void test_rule_errors(void **state) {
    (void)state;
    check_bad_rules("# ok\nrule a\n  pattern (unclosed\n  type DATE\n  value 1\n", 2, "bad pattern");
    check_bad_rules("rule a\n  pattern x\n  type DATUM\n", 3, "unknown type");
    check_bad_rules("rule a\n  pattern %NOPE\n  type DATE\n  value 1\n", 1, "unknown macro");
    check_bad_rules("table t\n  a = 1\n", 3, "not closed");
    check_bad_rules("rule a\n  type DATE\n  value 1\n", 1, "no pattern");
    check_bad_rules("frobnicate\n", 1, "unknown directive");
    check_bad_rules("rule a\n  pattern x\n  type DATE\n  value 1\n  example no arrow\n", 5, "=>");
    check_bad_rules("rule a\n  pattern x\n  type DATE\n  value 1\n  unless nosuch\n", 1,
                    "unknown table 'nosuch'");
}

/* A rule's "unless" table vetoes its matches in a paragraph holding one of the table's words, in another
 * sentence of it too, not beyond the paragraph, and not the words of the match itself. */
static void test_rule_unless(void **state) {
    (void)state;
    chr_doc *doc;
    chr_result *res =
        run("Buffalo led at halftime. The Bills tied the game in the fourth quarter.\n\nRevenue rose "
            "in the fourth quarter.",
            "2025-05-10", &doc);
    assert_int_equal(res->n, 1);
    assert_string_equal(res->timexes[0].value, "2024-Q4");
    assert_true(res->timexes[0].start > 60);
    chr_result_free(res);
    chr_doc_free(doc);
}

static void test_rules_dir_loads(void **state) {
    (void)state;
    char dir[] = "/tmp/chronicle-rules-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/x.rules", dir);
    write_file(path, "table w\n  blue moon = 2\nend\nrule once\n  pattern once\\s+in\\s+a\\s+(?<w>%{w})\n"
                     "  type SET\n  value P{w:w}Y\n  example [once in a blue moon] => P2Y\n");
    chr_engine *e = NULL;
    chr_error err = {0};
    assert_int_equal(chr_engine_new(&e, dir, &err), CHR_OK);
    assert_int_equal(chr_engine_rule_count(e), 1);
    size_t checked = 0;
    assert_int_equal(chr_engine_check_examples(e, NULL, NULL, &checked), 0);
    assert_int_equal(checked, 1);
    chr_engine_free(e);
    unlink(path);
    rmdir(dir);
}

static void test_priority_breaks_ties(void **state) {
    (void)state;
    char dir[] = "/tmp/chronicle-rules-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/p.rules", dir);
    write_file(path,
               "rule first\n  pattern the\\s+year\n  type DATE\n  value rel(year,0)\n"
               "rule second\n  pattern (?<=for\\s)the\\s+year\n  type DURATION\n  value P1Y\n  priority 1\n"
               "  example profit for [the year] => P1Y\n  example profit in [the year] => 2014\n");
    chr_engine *e = NULL;
    chr_error err = {0};
    assert_int_equal(chr_engine_new(&e, dir, &err), CHR_OK);
    size_t checked = 0;
    assert_int_equal(chr_engine_check_examples(e, NULL, NULL, &checked), 0);
    assert_int_equal(checked, 2);
    chr_engine_free(e);
    unlink(path);
    rmdir(dir);
}

/* Report the examples that fail (test_rule_reach). */
static void count_report(void *ctx, const char *file, int line, const char *text, const char *expected,
                         const char *actual) {
    (void)file, (void)line, (void)text, (void)expected;
    if (strstr(actual, "within its reach"))
        ++*(int *)ctx;
}

/* A rule's reach: it is tried only where one of the strings every match holds starts that many bytes after
 * the start at most; a bad reach is an error of the rule file, and an example whose match has its string
 * farther fails the check. */
static void test_rule_reach(void **state) {
    (void)state;
    check_bad_rules("rule a\n  pattern (?<n>\\d+)\\s+days\n  type DURATION\n  value P{n}D\n  reach 0\n", 5,
                    "reach must be");
    check_bad_rules("rule a\n  pattern (?<n>\\d+)\\s+days\n  type DURATION\n  value P{n}D\n  reach 9x\n", 5,
                    "reach must be");
    check_bad_rules("rule a\n  pattern (?<n>\\d+)\\s+d\n  type DURATION\n  value P{n}D\n  reach 9\n", 1,
                    "no string that every match holds");
    static const char rules[] = "rule n_days\n  pattern (?<n>\\d[\\d,]*)\\s+days\n"
                                "  type DURATION\n  value P{n}D\n  reach 12\n"
                                "  example it took [12 days] => P12D\n"
                                "  example it took [1234567890 days] => P1234567890D\n"
                                "  example it took [123456789012 days] => P123456789012D\n";
    chr_engine *e = NULL;
    chr_error err = {0};
    assert_int_equal(chr__engine_new_from_mem(&e, "reach.rules", rules, sizeof rules - 1, &err), CHR_OK);
    /* "days" is what every match holds: 12 bytes on at most */
    size_t checked = 0;
    int reported = 0;
    assert_int_equal(chr_engine_check_examples(e, count_report, &reported, &checked), 1);
    assert_int_equal(checked, 3);
    assert_int_equal(reported, 1);
    chr_doc *doc;
    const char *text = "12 days; 1234 days, 1234567890123 days";
    assert_int_equal(chr_doc_from_text(&doc, text, strlen(text), &err), CHR_OK);
    chr_result *res;
    assert_int_equal(chr_extract(&res, e, doc, &err), CHR_OK);
    assert_int_equal(res->n, 2);
    assert_string_equal(res->timexes[0].value, "P12D");
    assert_string_equal(res->timexes[1].value, "P1234D");
    chr_result_free(res);
    chr_doc_free(doc);
    chr_engine_free(e);
}

static void test_builtin_examples_pass(void **state) {
    (void)state;
    size_t checked = 0;
    assert_int_equal(chr_engine_check_examples(engine, NULL, NULL, &checked), 0);
    assert_true(checked > 100);
}

static void test_absurd_numbers(void **state) {
    (void)state;
    /* found by fuzz_jsonl: a count of units too big for any integer (undefined behaviour once) */
    chr_doc *doc;
    chr_result *res = run("It lasted 88888888888888888888888888888888888888888888888888888888888888 years, "
                          "then 2.5 years, then 1,000 days.",
                          "2014-12-03", &doc);
    for (size_t i = 0; i < chr_result_count(res); i++)
        assert_null(strstr(chr_result_timex(res, i)->value, "888888"));
    assert_string_equal(find(res, doc, "2.5 years")->value,
                        "P2Y6M"); /* the half year in months, as TimeBank */
    assert_string_equal(find(res, doc, "1,000 days")->value, "P1000D");
    chr_result_free(res);
    chr_doc_free(doc);
}

/* A one-unit duration with a fraction takes the next smaller unit when that comes out whole (TimeBank's
 * "2 1/2 years" = P2Y6M, "5 1/2 hours" = PT5H30M); anything else is left as written. Before, "P2.5Y". */
static void test_duration_fractions(void **state) {
    (void)state;
    static const char *const cases[][2] = {
        {"P2.5Y", "P2Y6M"},    {"P0.5Y", "P6M"},      {"P1.25Y", "P1Y3M"},
        {"PT5.5H", "PT5H30M"}, {"PT0.25H", "PT15M"},  {"P1.5D", "P1DT12H"},
        {"P0.5D", "PT12H"},    {"P1.125D", "P1DT3H"}, {"PT1.5M", "PT1M30S"},
        {"P2.3Y", "P2.3Y"},    {"P1.5M", "P1.5M"},    {"P1.5W", "P1.5W"},
        {"PT1.5S", "PT1.5S"},  {"P1.05D", "P1.05D"},  {"PXY", "PXY"},
        {"P2Y", "P2Y"},        {"P2.5", "P2.5"},      {"P.5Y", "P.5Y"},
        {"P2.5YX", "P2.5YX"},  {"1998", "1998"},      {"P1234567890.5Y", "P1234567890.5Y"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char v[64];
        snprintf(v, sizeof v, "%s", cases[i][0]);
        chr__duration_exact(v, sizeof v);
        assert_string_equal(v, cases[i][1]);
    }
    /* through the rules: the written forms of a fraction */
    chr_doc *doc;
    chr_result *res = run("He served 2 1/2 years, spent 5 1/2 hours there, waited an hour and a half and "
                          "a day and a half, then 2\xc2\xbd years.",
                          "2014-12-03", &doc);
    assert_string_equal(find(res, doc, "2 1/2 years")->value, "P2Y6M");
    assert_string_equal(find(res, doc, "5 1/2 hours")->value, "PT5H30M");
    assert_string_equal(find(res, doc, "an hour and a half")->value, "PT1H30M");
    assert_string_equal(find(res, doc, "a day and a half")->value, "P1DT12H");
    assert_string_equal(find(res, doc, "2\xc2\xbd years")->value, "P2Y6M");
    chr_result_free(res);
    chr_doc_free(doc);
}

/* A SET's freq is filled from its match, as TIMEX3 writes it ("twice a week": P1W, freq 2X; "eight times a
 * year": P1Y, 8X). Before, the freq was the rule's template itself, "{n:times}", and "eight times a year"
 * was a DURATION "a year". */
static void test_set_frequency(void **state) {
    (void)state;
    static const char *const cases[][3] = {
        {"twice a week", "P1W", "2X"},
        {"once a month", "P1M", "1X"},
        {"three times a day", "P1D", "3X"},
        {"eight times a year", "P1Y", "8X"},
        {"12 times a year", "P1Y", "12X"},
        {"four times per decade", "P10Y", "4X"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[96];
        snprintf(text, sizeof text, "The board meets %s.", cases[i][0]);
        chr_doc *doc;
        chr_result *res = run(text, "2014-12-03", &doc);
        const chr_timex *x = find(res, doc, cases[i][0]);
        assert_int_equal(x->type, CHR_TIMEX_SET);
        assert_string_equal(x->value, cases[i][1]);
        assert_string_equal(x->freq, cases[i][2]);
        chr_result_free(res);
        chr_doc_free(doc);
    }
}

static void test_pathological_input_is_quick(void **state) {
    (void)state;
    size_t n = 2u << 20;
    char *s = malloc(n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        s[i] = "1 a- 2,0 ,the  the"[i % 18];
    s[n] = '\0';
    chr_doc *doc;
    chr_error err = {0};
    assert_int_equal(chr_doc_from_text(&doc, s, n, &err), CHR_OK);
    chr_doc_set_dct(doc, "2014-12-03", CHR_DCT_OPTION, NULL);
    clock_t c0 = clock();
    chr_result *res;
    assert_int_equal(chr_extract(&res, engine, doc, &err), CHR_OK);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    assert_true(secs < 20.0);
    chr_result_free(res);
    chr_doc_free(doc);
    free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tense_picks_weekday),
        cmocka_unit_test(test_last_as_a_verb),
        cmocka_unit_test(test_after_leads_nowhere),
        cmocka_unit_test(test_tense_stays_in_its_sentence),
        cmocka_unit_test(test_since_interval),
        cmocka_unit_test(test_span_of_a_duration),
        cmocka_unit_test(test_no_dct_underspecified),
        cmocka_unit_test(test_story_year),
        cmocka_unit_test(test_reference_time),
        cmocka_unit_test(test_clock_time_and_tense),
        cmocka_unit_test(test_no_match_inside_a_word),
        cmocka_unit_test(test_no_match_across_a_blank_line),
        cmocka_unit_test(test_code_point_offsets),
        cmocka_unit_test(test_absolute_dates_have_no_anchor),
        cmocka_unit_test(test_rule_errors),
        cmocka_unit_test(test_rule_unless),
        cmocka_unit_test(test_rules_dir_loads),
        cmocka_unit_test(test_priority_breaks_ties),
        cmocka_unit_test(test_rule_reach),
        cmocka_unit_test(test_builtin_examples_pass),
        cmocka_unit_test(test_absurd_numbers),
        cmocka_unit_test(test_duration_fractions),
        cmocka_unit_test(test_set_frequency),
        cmocka_unit_test(test_pathological_input_is_quick),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
