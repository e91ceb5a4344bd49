/* test_limits.c: the PCRE2 limits on every match. A rule directory with catastrophic-backtracking
 * patterns runs on 100 KB pathological inputs: each pattern really hits a limit (checked with a direct
 * match under the engine's match context), the extraction still returns within a few seconds, and the
 * well-behaved rule of the same set still finds the year at the end of the text (a position where a
 * pattern hit its limit is skipped, the scan goes on). And the built-in rules on 100 KB of number words,
 * which overflowed the JIT stack. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "chronicle/chronicle.h"
#include "engine.h"

/* Wall-clock seconds any one extraction may take (about 1 s here; ASan and a loaded machine are slower). */
#define LIMIT_SECONDS 10.0
#define TEXT_BYTES (100u << 10)

static char dir[] = "/tmp/chronicle-limits-XXXXXX";
static char path[256];

static const char rules[] =
    "# catastrophic backtracking, and one rule that behaves\n"
    "rule nested_plus\n"
    "  pattern (?:a+)+b\n"
    "  type DATE\n"
    "  value 2014\n"
    "rule words_to_end\n"
    "  pattern (?:\\w+\\s?)+$\n"
    "  type DATE\n"
    "  value 2014\n"
    "rule alternation\n"
    "  pattern (?:a|aa)+c\n"
    "  type DATE\n"
    "  value 2014\n"
    "rule year\n"
    "  pattern in\\s+(?<y>20\\d\\d)\n"
    "  type DATE\n"
    "  value {y}\n"
    "  example it was [in 2014]. => 2014\n";

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/evil.rules", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(rules, f);
    return fclose(f);
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    rmdir(dir);
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* unit repeated to TEXT_BYTES, then tail */
static char *make_text(const char *unit, const char *tail, size_t *len)
{
    size_t ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(TEXT_BYTES + tl + 1);
    assert_non_null(s);
    for (size_t i = 0; i < TEXT_BYTES; i++)
        s[i] = unit[i % ul];
    memcpy(s + TEXT_BYTES, tail, tl + 1);
    *len = TEXT_BYTES + tl;
    return s;
}

static const chr__rule *rule_named(const chr_engine *e, const char *name)
{
    for (size_t i = 0; i < e->nrules; i++)
        if (!strcmp(e->rules[i].name, name))
            return &e->rules[i];
    fail_msg("no rule %s", name);
    return NULL;
}

/* The pattern of rule `name` hits one of the engine's limits at offset 0 of text. */
static void assert_hits_limit(const chr_engine *e, const char *name, const char *text, size_t len)
{
    const chr__rule *r = rule_named(e, name);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(r->code, NULL);
    assert_non_null(md);
    double t0 = now();
    int rc = pcre2_match(r->code, (PCRE2_SPTR)text, len, 0, PCRE2_NO_UTF_CHECK, md, e->mctx);
    double secs = now() - t0;
    pcre2_match_data_free(md);
    if (rc != PCRE2_ERROR_MATCHLIMIT && rc != PCRE2_ERROR_DEPTHLIMIT && rc != PCRE2_ERROR_HEAPLIMIT &&
        rc != PCRE2_ERROR_JIT_STACKLIMIT)
        fail_msg("rule %s: pcre2_match gave %d, not a limit error", name, rc);
    if (secs > 1.0)
        fail_msg("rule %s: one match took %.2f s before its limit", name, secs);
}

/* Extract text with the evil rule set; it must end within LIMIT_SECONDS and still find "in 2014". */
static void extract_quickly(const chr_engine *e, const char *what, const char *text, size_t len)
{
    chr_doc *doc;
    chr_error err = {0};
    assert_int_equal(chr_doc_from_text(&doc, text, len, &err), CHR_OK);
    assert_int_equal(chr_doc_set_dct(doc, "2014-12-03", CHR_DCT_OPTION, &err), CHR_OK);
    chr_result *res = NULL;
    double t0 = now();
    int rc = chr_extract(&res, e, doc, &err);
    double secs = now() - t0;
    print_message("%s: %zu bytes in %.2f s\n", what, len, secs);
    if (rc != CHR_OK && rc != CHR_ELIMIT)
        fail_msg("%s: chr_extract gave %d: %s", what, rc, err.message);
    if (secs > LIMIT_SECONDS)
        fail_msg("%s: took %.1f s (limit %.0f s)", what, secs, LIMIT_SECONDS);
    if (rc == CHR_OK) {
        /* the positions where a pattern gave up were skipped, not the rest of the text */
        size_t n = chr_result_count(res);
        assert_true(n >= 1);
        const chr_timex *t = chr_result_timex(res, n - 1);
        assert_string_equal(t->rule, "year");
        assert_string_equal(t->value, "2014");
        assert_int_equal(t->end, len - 1);
    }
    chr_result_free(res);
    chr_doc_free(doc);
}

static void test_limits(void **state)
{
    (void)state;
    chr_engine *e = NULL;
    chr_error err = {0};
    assert_int_equal(chr_engine_new(&e, dir, &err), CHR_OK);
    size_t checked = 0;
    assert_int_equal(chr_engine_check_examples(e, NULL, NULL, &checked), 0);
    assert_int_equal(checked, 1);

    size_t len;
    char *a = make_text("a", "!bc in 2014.", &len); /* (?:a+)+b and (?:a|aa)+c: b and c, not after the a run */
    assert_hits_limit(e, "nested_plus", a, len);
    assert_hits_limit(e, "alternation", a, len);
    extract_quickly(e, "100 KB of a", a, len);
    free(a);

    char *w = make_text("aaaa ", "x! in 2014.", &len); /* (?:\w+\s?)+$: never at the end */
    assert_hits_limit(e, "words_to_end", w, len);
    extract_quickly(e, "100 KB of words, then '!'", w, len);
    free(w);

    char *aw = make_text("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ",
                         " in 2014.", &len); /* long runs of a between spaces: each word a small bomb */
    extract_quickly(e, "100 KB of 95-letter words", aw, len);
    free(aw);

    chr_engine_free(e);
}

/* The built-in rules on 100 KB of number words ("one one one ... days"): the 'ago' pattern overflowed the
 * JIT stack at every position, which failed the whole document (match error -46); later, skipping one
 * byte per failure took 34 s. Now: CHR_OK, quickly, and the expression after the run is found. */
static void test_builtin_number_words(void **state)
{
    (void)state;
    chr_engine *e = NULL;
    chr_error err = {0};
    assert_int_equal(chr_engine_new(&e, NULL, &err), CHR_OK);
    size_t len;
    char *s = make_text("one ", "days ago. Talks resumed on Monday.", &len);
    chr_doc *doc;
    assert_int_equal(chr_doc_from_text(&doc, s, len, &err), CHR_OK);
    assert_int_equal(chr_doc_set_dct(doc, "2014-12-03", CHR_DCT_OPTION, &err), CHR_OK);
    chr_result *res = NULL;
    double t0 = now();
    int rc = chr_extract(&res, e, doc, &err);
    double secs = now() - t0;
    print_message("built-in rules, 100 KB of number words: %.2f s\n", secs);
    if (rc != CHR_OK)
        fail_msg("chr_extract gave %d: %s", rc, err.message);
    if (secs > LIMIT_SECONDS)
        fail_msg("took %.1f s (limit %.0f s)", secs, LIMIT_SECONDS);
    size_t n = chr_result_count(res);
    assert_true(n >= 1);
    const chr_timex *t = chr_result_timex(res, n - 1);
    assert_int_equal(t->end, len - 1);
    assert_string_equal(t->value, "2014-12-01");
    chr_result_free(res);
    chr_doc_free(doc);
    free(s);
    chr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_builtin_number_words),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
