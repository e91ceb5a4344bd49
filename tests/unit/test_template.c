/* test_template.c: a rule's templates, parsed once when the rules are loaded (extract/template.c), must fill
 * as the template text says: group text, table values (a key written with dots found without them),
 * numbers in words times or plus K, two-digit years against the DCT, padding, upper case, defaults for a
 * group that did not take part, a group name used twice, a value cut to the buffer, and no value at all
 * for a missing group, an unknown table or a broken template. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine.h"

static const char rules[] =
    "table month\n  march = 03\n  sept. = 09\nend\n"
    "table weekday\n  monday = 1\n  tuesday = 2\nend\n"
    "table number\n  two = 2\n  three = 3\n  twenty = 20\n  a few = X\nend\n"
    "rule md\n  pattern (?:(?<wd>monday|tuesday),?\\s+)?(?<m>march|sept\\.?)\\s+(?<d>\\d+)\n  type DATE\n"
    "  value monthday({m:month},{d},,{wd:weekday|})\n  mod {wd:upper|NONE}-{d:2}\nend\n"
    "rule decades\n  pattern (?<n>\\d+)\\s+decades|(?<n>[a-z]+(?:[ -][a-z]+)?)\\s+decades\n  type DURATION\n"
    "  value P{n:num*10}Y\n  mod {n:num+2000}\nend\n"
    "rule yy\n  pattern (?<y>'\\d\\d|\\d\\d)\\b\n  type DATE\n  value {y:yy}\n  mod x{y}y{y:nosuch}\nend\n"
    "rule broken\n  pattern (?<a>zz)(?<b>q)?\n  type DATE\n  value {a}{b}\n  mod {a}{a\n"
    "  freq "
    "{a:upper|"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}\nend\n";

static chr_engine *engine;

static int setup(void **state) {
    (void)state;
    chr_error err = {0};
    return chr__engine_new_from_mem(&engine, "template.rules", rules, sizeof rules - 1, &err);
}

static int teardown(void **state) {
    (void)state;
    chr_engine_free(engine);
    return 0;
}

enum which { VALUE, MOD, FREQ };

/* The template which of rule name filled from its match at the start of text, into a buffer of n bytes
 * (out): what chr__template_fill returned. */
static int fill(char *out, size_t n, const char *name, enum which which, const char *text) {
    size_t r = 0;
    while (r < engine->nrules && strcmp(engine->rules[r].name, name))
        r++;
    assert_true(r < engine->nrules);
    const chr__rule *rule = &engine->rules[r];
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(rule->code, NULL);
    assert_non_null(md);
    assert_true(pcre2_match(rule->code, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL) > 0);
    chr__cand c = {
        .rule = r, .ngroups = pcre2_get_ovector_count(md), .ovector = pcre2_get_ovector_pointer(md)};
    c.start = c.ovector[0];
    c.end = c.ovector[1];
    chr__anchor_ctx ctx = {.e = engine, .text = text, .len = strlen(text)};
    assert_int_equal(chr_time_parse_iso(&ctx.dct, "2014-12-03", 10, NULL), 0);
    const chr__tpl *t = which == VALUE ? rule->tpl.value : which == MOD ? rule->tpl.mod : rule->tpl.freq;
    assert_non_null(t);
    memset(out, '#', n);
    int rc = chr__template_fill(out, n, t, &ctx, &c);
    pcre2_match_data_free(md);
    return rc;
}

static void check(const char *name, enum which which, const char *text, const char *want) {
    char out[64];
    assert_int_equal(fill(out, sizeof out, name, which, text), 0);
    assert_string_equal(out, want);
}

static void test_groups_and_tables(void **state) {
    (void)state;
    check("md", VALUE, "Tuesday, March 5", "monthday(03,5,,2)");
    check("md", VALUE, "March 15", "monthday(03,15,,)");
    check("md", VALUE, "Sept. 9", "monthday(09,9,,)"); /* the key "sept." found as "sept" */
    check("md", VALUE, "SEPT 9", "monthday(09,9,,)");
    check("md", MOD, "monday March 5", "MONDAY-05");
    check("md", MOD, "March 5", "NONE-05");
}

static void test_numbers_and_years(void **state) {
    (void)state;
    check("decades", VALUE, "two decades", "P20Y"); /* the second group of the name */
    check("decades", VALUE, "3 decades", "P30Y");   /* the first */
    check("decades", VALUE, "twenty-two decades", "P220Y");
    check("decades", VALUE, "a few decades", "PXY"); /* vague: not multiplied */
    check("decades", MOD, "three decades", "2003");
    check("yy", VALUE, "'98 was", "1998");
    check("yy", VALUE, "09 was", "2009");
    check("yy", VALUE, "24 was", "2024"); /* up to ten years after the DCT's */
    check("yy", VALUE, "25 was", "1925");
}

static void test_no_value(void **state) {
    (void)state;
    char out[64];
    assert_int_equal(fill(out, sizeof out, "yy", MOD, "98"), -1);       /* an unknown table */
    assert_int_equal(fill(out, sizeof out, "broken", VALUE, "zz"), -1); /* {b} did not take part */
    assert_int_equal(fill(out, sizeof out, "broken", MOD, "zzq"), -1);  /* a '{' without its '}' */
    assert_int_equal(fill(out, sizeof out, "broken", FREQ, "zz"), -1);  /* a spec of 128 bytes or more */
    assert_int_equal(fill(out, sizeof out, "decades", VALUE, "ten decades"), -1); /* no such number */
    check("broken", VALUE, "zzq", "zzq");
}

static void test_cut_to_the_buffer(void **state) {
    (void)state;
    char out[8];
    assert_int_equal(fill(out, sizeof out, "md", VALUE, "Tuesday, March 5"), 0);
    assert_string_equal(out, "monthda");
    assert_int_equal(fill(out, 1, "md", VALUE, "March 5"), 0);
    assert_string_equal(out, "");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_groups_and_tables),
        cmocka_unit_test(test_numbers_and_years),
        cmocka_unit_test(test_no_value),
        cmocka_unit_test(test_cut_to_the_buffer),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
