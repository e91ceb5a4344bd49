/* test_prefilter.c: the prefilter (extract/prefilter.c) must be exact: at every position where a
 * pattern has a match (tried anchored, as the recognizer does), the walk names that pattern. Checked
 * for tricky patterns (lookarounds, classes, optional prefixes, quantified last characters, caseless
 * folding, characters outside ASCII) over texts that contain their matches, and that a pattern the
 * analysis cannot follow is tried everywhere rather than nowhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "engine.h"

static const char *const patterns[] = {
    "(?<![\\w-])(?<u>days|weeks)(?=\\s)",
    "['\xe2\x80\x99](?<d>[0-9])0s",
    "(?-i:(?=[A-Z]))(?<m>january|june)(?!\\s+\\d)",
    "(?:a|one)\\s+year\\s+ago",
    "half\\s+an\\s+hour",
    "(?:(?:the\\s+)?(?:past|last)\\s+)?(?<n>\\d+|two|three)\\s+days?",
    "x{2,3}y",
    "\\x{41}b", /* an escape the analysis does not follow: tried everywhere */
    "[^a]bc",   /* a negated class: tried everywhere */
    "(?i)ab|cd?e",
    "kelvin|stra\xc3\x9f"
    "e",
    "(?<=\\bin )(?-i:May)",
    "[$\xc2\xa3\xe2\x82\xac]\\s?\\d+",
    "(?:%|percent)",
    "a{2}b",
    "ab{0}c",
    "x\\s*y",
    "(?:ab)+c",
    "(?:q|r)(?:s|t)(?:u|v)",
    "(?:a|b|c|d|e|f|g|h)(?:a|b|c|d|e|f|g|h)(?:a|b|c|d|e|f|g|h)(?:1|2)", /* too many to extend */
    "(?:the\\s+)?(?:(?:past|last)\\s+)?(?:\\d+|two)\\s*-?\\s*(?:days?|weeks)",
    /* runs of digits (one byte each to the walk, that tells their length) */
    "(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\\s+(?:of\\s+)?may",
    "q[1-4]\\s*(?:1[0-9]|20)\\d\\d",
    "\\d{1,3}(?:,\\d{3})+\\s+people",
    "\\d\\d?:\\d\\d",
    "20\\d\\d",
    "\\d{2}(?:\\d\\d)*x",
    /* a lookahead that ends the pattern: its strings go on with those of the match */
    "(?:jan|feb)(?=\\s+(?:and|or)\\s+mar)|\\d+\\s+days?(?=\\s+ago)",
    "(?-i:(?=[A-Z]))(?:jan|feb)\\b(?=\\s)",
};
#define NPAT (sizeof patterns / sizeof patterns[0])

static const char *const texts[] = {
    "It took three days, then two weeks-long waits; the days go on.",
    "In the '90s and the \xe2\x80\x99"
    "80s, June 5 and January came. JUNE came and january.",
    "One year ago, a year  ago, half an hour; the past 12 days and last two day trips.",
    "xxy xxxy xy AB aB cde ce cE ddbc \x41"
    "b Ab xbc",
    "\xe2\x84\xaa"
    "elvin (the Kelvin sign) and \xc5\xbf"
    "omething, STRASSE, Stra\xc3\x9f"
    "e, STRA\xe1\xba\x9e"
    "E",
    "We met in May. in May and May be. $5 \xc2\xa3 12 \xe2\x82\xac"
    "3 and 4% or 5 percent; aab ac abc",
    "x  y, xy, x\ty; ababc abc rsv qtu hge2 abc1; the past 3 - days, last two\n\nweeks, THE 12days",
    "the 3rd of May, 21 may and 05 MAY; Q3 2014, q4 1999 and Q2 20145; 1,000,000 people or 12,5 people; "
    "at 10:30, 9:05 and 123:456; in 201455 and 2014; 12x 123x 1234x 123456x; Jan and March, feb  or mar, "
    "jan to mar, 3 days ago, 4 days later",
};

struct seen {
    unsigned char hit[NPAT];
};

static void mark(void *ctx, size_t pos, uint32_t rule) {
    (void)pos;
    struct seen *s = ctx;
    assert_true(rule < NPAT);
    s->hit[rule] = 1;
}

static void mark_any(void *ctx, size_t pos, uint32_t rule) {
    (void)pos;
    ((unsigned char *)ctx)[rule] = 1;
}

/* The walk from text[p] alone (a batch of one position). */
static size_t walk1(const chr__prefilter *pf, const char *text, size_t len, size_t p,
                    chr__prefilter_sink sink, void *ctx) {
    return chr__prefilter_walk(pf, text, len, &p, 1, sink, ctx);
}

/* Does text[s..e) hold a blank line (a line end, blanks, a line end), as the recognizer's? */
static int spans_blank_line(const char *text, size_t s, size_t e) {
    for (size_t i = s; i < e; i++) {
        if (text[i] != '\n')
            continue;
        size_t j = i + 1;
        while (j < e && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
            j++;
        if (j < e && text[j] == '\n')
            return 1;
    }
    return 0;
}

/* Do the sets of rule r and of the paragraph of position p meet (chr__paras)? */
static int para_meets(const chr__prefilter *pf, const chr__paras *ps, size_t r, size_t p) {
    size_t k = 0;
    while (p > ps->last[k])
        k++;
    const uint64_t *a = ps->sets + k * ps->words, *b = chr__prefilter_rule_sets(pf) + r * ps->words;
    for (size_t w = 0; w < ps->words; w++)
        if (a[w] & b[w])
            return 1;
    return 0;
}

static void test_exact(void **state) {
    (void)state;
    pcre2_code *code[NPAT];
    for (size_t i = 0; i < NPAT; i++) {
        int ec;
        PCRE2_SIZE eo;
        code[i] = pcre2_compile((PCRE2_SPTR)patterns[i], PCRE2_ZERO_TERMINATED,
                                PCRE2_ANCHORED | PCRE2_CASELESS | PCRE2_UTF | PCRE2_DUPNAMES, &ec, &eo, NULL);
        assert_non_null(code[i]);
    }
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, patterns, NPAT), 0);
    pcre2_match_data *md = pcre2_match_data_create(16, NULL);
    size_t matches = 0;
    unsigned char matched[NPAT] = {0};
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        const char *s = texts[t];
        size_t len = strlen(s);
        size_t last1[NPAT];
        chr__paras ps;
        assert_int_equal(chr__prefilter_required_paras(pf, s, len, last1, &ps), 0);
        for (size_t p = 0; p < len; p++) {
            if (((unsigned char)s[p] & 0xC0) == 0x80)
                continue;
            struct seen seen = {{0}};
            if (chr__prefilter_starts(pf)[(unsigned char)s[p]]) /* as the recognizer walks */
                walk1(pf, s, len, p, mark, &seen);
            for (size_t i = 0; i < NPAT; i++) {
                int rc = pcre2_match(code[i], (PCRE2_SPTR)s, len, p, 0, md, NULL);
                if (rc >= 0 && pcre2_get_ovector_pointer(md)[1] > p) {
                    matches++;
                    matched[i] = 1;
                    if (!seen.hit[i])
                        fail_msg("pattern %zu matches at %zu of text %zu but the prefilter left it out", i, p,
                                 t);
                    if (p >= last1[i])
                        fail_msg("pattern %zu matches at %zu of text %zu but its required strings end before",
                                 i, p, t);
                    size_t e = pcre2_get_ovector_pointer(md)[1];
                    if (!spans_blank_line(s, p, e) && !para_meets(pf, &ps, i, p))
                        fail_msg("pattern %zu matches at %zu of text %zu but its paragraph is said not to "
                                 "hold its strings", i, p, t);
                }
            }
        }
        chr__paras_free(&ps);
    }
    for (size_t i = 0; i < NPAT; i++)
        if (!matched[i])
            fail_msg("pattern %zu never matched: the texts do not test it", i);
    assert_true(matches > 40);
    pcre2_match_data_free(md);
    chr__prefilter_free(pf);
    for (size_t i = 0; i < NPAT; i++)
        pcre2_code_free(code[i]);
}

/* The prefilter must also leave rules out, or it would not be worth having: "the day" is no place for a
 * pattern that starts with "half", a digit or "the weekend"; strings go on over white space of any length. */
static void test_selective(void **state) {
    (void)state;
    const char *const pats[] = {"half\\s+an\\s+hour", "\\d+\\s+days", "(?:the\\s+)?weekend", "[^x]y"};
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, pats, 4), 0);
    struct seen seen = {{0}};
    const char *s = "the day";
    walk1(pf, s, strlen(s), 0, mark, &seen);
    assert_int_equal(seen.hit[0], 0);
    assert_int_equal(seen.hit[1], 0);
    assert_int_equal(seen.hit[2], 0); /* "the" then "day" cannot begin "the weekend" */
    assert_int_equal(seen.hit[3], 1); /* a negated class: everywhere */
    memset(&seen, 0, sizeof seen);
    s = "The \t\n Weekend";
    walk1(pf, s, strlen(s), 0, mark, &seen);
    assert_int_equal(seen.hit[2], 1);
    memset(&seen, 0, sizeof seen);
    s = "Half  an\nhour";
    walk1(pf, s, strlen(s), 0, mark, &seen);
    assert_int_equal(seen.hit[0], 1);
    memset(&seen, 0, sizeof seen);
    s = "half an day";
    walk1(pf, s, strlen(s), 0, mark, &seen);
    assert_int_equal(seen.hit[0], 0);
    chr__prefilter_free(pf);
}

/* A run of digits is one byte to the walk, that tells its length (1 to 5, 5 for more): a year is no
 * place for a day of the month, nor a number for a rule that goes on with words it does not have. */
static void test_digit_runs(void **state) {
    (void)state;
    const char *const pats[] = {"(?:1[0-9]\\d\\d|20\\d\\d)-(?:0[1-9]|1[0-2])",
                                "may\\s+(?:[12]\\d|3[01]|0?[1-9])(?!\\d)\\s+and",
                                "(?:\\d{1,3}(?:,\\d{3})+|\\d+)\\s+people"};
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, pats, 3), 0);
    static const struct {
        const char *text;
        unsigned char hit[3];
    } cases[] = {
        {"2014-05", {1, 0, 0}},      {"214-05", {0, 0, 0}},     {"20145-05", {0, 0, 0}},
        {"2014 was", {0, 0, 0}},     {"May 5 and", {0, 1, 0}},  {"May 31  and", {0, 1, 0}},
        {"May 2014 and", {0, 0, 0}}, {"may 5, and", {0, 0, 0}}, {"1,000,000 people", {0, 0, 1}},
        {"12 People", {0, 0, 1}},    {"12 days", {0, 0, 0}},    {"123456789 people", {0, 0, 1}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct seen seen = {{0}};
        walk1(pf, cases[i].text, strlen(cases[i].text), 0, mark, &seen);
        for (size_t r = 0; r < 3; r++)
            if (seen.hit[r] != cases[i].hit[r])
                fail_msg("\"%s\": pattern %zu %s", cases[i].text, r, seen.hit[r] ? "tried" : "left out");
    }
    chr__prefilter_free(pf);
}

/* A positive lookahead that ends the pattern: the text there begins with what it begins with ("jan" is
 * tried at "Jan and March", not at "Jan to March"); one before more of the pattern tells nothing. */
static void test_lookahead_strings(void **state) {
    (void)state;
    const char *const pats[] = {"(?:jan|feb)(?=\\s+(?:and|or)\\s+mar)", "(?-i:(?=[A-Z]))(?:jan|feb)"};
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, pats, 2), 0);
    static const struct {
        const char *text;
        unsigned char hit[2];
    } cases[] = {
        {"Jan and March", {1, 1}}, {"feb  OR mar", {1, 1}}, {"Jan to March", {0, 1}}, {"jan", {0, 1}}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct seen seen = {{0}};
        walk1(pf, cases[i].text, strlen(cases[i].text), 0, mark, &seen);
        for (size_t r = 0; r < 2; r++)
            if (seen.hit[r] != cases[i].hit[r])
                fail_msg("\"%s\": pattern %zu %s", cases[i].text, r, seen.hit[r] ? "tried" : "left out");
    }
    chr__prefilter_free(pf);
}

/* What every match holds: a rule whose required word does not occur after a position is not tried there
 * ("ago" for "three days ago"), and not at all in a text without it; white space and case do not
 * matter. A sign counts whatever its length, a word only from three letters on. */
static void test_required(void **state) {
    (void)state;
    const char *const pats[] = {"(?:\\d+|three)\\s+(?:days?|weeks?)\\s+ago", "(?:the\\s+)?weekend",
                                "\\d+\\s*%", "\\d+\\s*am"};
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, pats, 4), 0);
    size_t last1[4];
    const char *s = "three days ago and 3 days later, 5 % or 4 %, 5 am";
    assert_int_equal(chr__prefilter_required(pf, s, strlen(s), last1), 0);
    assert_int_equal(last1[0], (size_t)(strstr(s, "ago") - s) + 1);
    assert_int_equal(last1[1], 0);                               /* "weekend" occurs nowhere */
    assert_int_equal(last1[2], (size_t)(strrchr(s, '%') - s) + 1); /* the sign */
    assert_int_equal(last1[3], SIZE_MAX);                        /* "am" is too short to look for */
    s = "Three  Days\nAGO";
    assert_int_equal(chr__prefilter_required(pf, s, strlen(s), last1), 0);
    assert_int_equal(last1[0], (size_t)(strstr(s, "AGO") - s) + 1);
    chr__prefilter_free(pf);
}

/* A positive lookahead's text is required too ("three days(?= from now)": "from now" comes after the match's
 * start); a negative one's and a lookbehind's are not. */
static void test_required_lookahead(void **state) {
    (void)state;
    const char *const pats[] = {"\\d+\\s+days?(?=\\s+(?:from\\s+now|hence)\\b)", "(?<=since\\s)\\d+",
                                "\\d+\\s+days?(?!\\s+ago)"};
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, pats, 3), 0);
    size_t last1[3];
    const char *s = "3 days from now and 5 days later";
    assert_int_equal(chr__prefilter_required(pf, s, strlen(s), last1), 0);
    assert_int_equal(last1[0], (size_t)(strstr(s, "from now") - s) + 1);
    s = "since 1979, 3 days ago";
    assert_int_equal(chr__prefilter_required(pf, s, strlen(s), last1), 0);
    assert_int_equal(last1[0], 0);        /* neither "from now" nor "hence" */
    assert_int_equal(last1[1], SIZE_MAX); /* "since" lies before the match: not required */
    assert_int_equal(last1[2], (size_t)(strstr(s, "days") - s) + 1);
    chr__prefilter_free(pf);
}

/* The paragraphs: a rule none of whose strings starts from a position's piece of paragraph to the
 * paragraph's end is left out there; for a rule with a lookahead (it may look past a blank line), the
 * strings of its pattern without the lookahead count; short paragraphs are joined to the next. */
static void test_required_paragraphs(void **state) {
    (void)state;
    const char *const pats[] = {"(?:\\d+|three)\\s+(?:days?|weeks?)\\s+ago", "\\d+\\s+days?(?=\\s+later)",
                                "\\d+\\s*am"};
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, pats, 3), 0);
    assert_int_equal(chr__prefilter_keep_occurrences(pf, 0), 0);
    assert_int_equal(chr__prefilter_keep_occurrences(pf, 1), 0);
    size_t last1[3];
    chr__paras ps;
    const char *s = "It was three days ago, the first paragraph says, and goes on for a while to be long.\n"
                    " \t\n"
                    "The second paragraph: 3 days, and more words to make it longer than a short one is.\n\n"
                    "The third: 4 days\n\nlater, ago. 5 %";
    assert_int_equal(chr__prefilter_required_paras(pf, s, strlen(s), last1, &ps), 0);
    assert_int_equal(ps.n, 3);
    size_t second = (size_t)(strstr(s, "3 days") - s), third = (size_t)(strstr(s, "4 days") - s);
    assert_true(para_meets(pf, &ps, 0, 0));       /* "ago" in the first paragraph */
    assert_false(para_meets(pf, &ps, 0, second)); /* not in the second */
    assert_true(para_meets(pf, &ps, 0, third));   /* the last one has them all */
    assert_true(para_meets(pf, &ps, 1, second));  /* "day" before the lookahead */
    assert_true(para_meets(pf, &ps, 1, third));   /* "later" is past the blank line, "day" is not */
    assert_true(para_meets(pf, &ps, 2, second));  /* no required string: everywhere */
    /* where each string of the rules asked for starts, in order (a rule's reach is told from them): "ago"
     * twice */
    size_t n;
    const uint32_t *l = chr__prefilter_rule_strings(pf, 0, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ps.occ_at[l[0] + 1] - ps.occ_at[l[0]], 2);
    assert_int_equal(ps.occ[ps.occ_at[l[0]]], (size_t)(strstr(s, "ago") - s));
    assert_int_equal(ps.occ[ps.occ_at[l[0]] + 1], (size_t)(strstr(s, "ago.") - s));
    l = chr__prefilter_rule_strings(pf, 1, &n); /* the lookahead's "later", longer than "day" */
    assert_int_equal(n, 1);
    assert_int_equal(ps.occ_at[l[0] + 1] - ps.occ_at[l[0]], 1);
    assert_int_equal(ps.occ[ps.occ_at[l[0]]], (size_t)(strstr(s, "later") - s));
    chr__prefilter_rule_strings(pf, 2, &n);
    assert_int_equal(n, 0);
    chr__paras_free(&ps);
    assert_int_equal(chr__prefilter_required_paras(pf, "a\n\nb\n\nthree days ago", 18, last1, &ps), 0);
    assert_int_equal(ps.n, 1); /* too short to split */
    chr__paras_free(&ps);
    char t[400]; /* "ago" early in a long paragraph: not after its first pieces */
    snprintf(t, sizeof t, "3 days ago%0240d\n\n9 days ago", 0);
    assert_int_equal(chr__prefilter_required_paras(pf, t, strlen(t), last1, &ps), 0);
    assert_true(ps.n > 3);
    assert_true(para_meets(pf, &ps, 0, 0));
    assert_false(para_meets(pf, &ps, 0, 200));
    assert_false(para_meets(pf, &ps, 1, 200)); /* no "day" after it in its paragraph, nor "later" */
    chr__paras_free(&ps);
    chr__prefilter_free(pf);
}

/* Where a required string that spans folded text starts: runs of white space, the Kelvin sign and the
 * long s are one folded byte each, before and inside the string. (The optional "the" keeps the string
 * required: a rule tried only where one of its strings starts requires none, test_implied.) */
static void test_required_folded(void **state) {
    (void)state;
    const char *const pats[] = {"(?:the\\s+)?kelvin\\s+scales"};
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, pats, 1), 0);
    static const struct {
        const char *text;
        size_t start; /* of the last occurrence */
    } cases[] = {
        {"kelvin scales", 0},
        {"a  \xe2\x84\xaa\x65lvin \t\n scale\xc5\xbf.", 3},
        {"\xc5\xc5\xbf \xe2\xe2\x84\xaa\x45LVIN  SCALES", 5},
        {"kelvin scales, \t  Kelvin\xc2\xa0scales and kelvin   scales", 37},
        {"x\xe2\x84\xaa\x65lvin\tscale\xc5\xbf", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t last1;
        assert_int_equal(chr__prefilter_required(pf, cases[i].text, strlen(cases[i].text), &last1), 0);
        if (last1 != cases[i].start + 1)
            fail_msg("case %zu: last1 %zu, not %zu", i, last1, cases[i].start + 1);
    }
    chr__prefilter_free(pf);
}

/* As test_required_folded for strings without white space, whose occurrences the pass takes as the bytes
 * before their end unless a character of more bytes folds among them: one just before, inside, last, or a
 * lead byte folded() reads as itself. */
static void test_required_folded_plain(void **state) {
    (void)state;
    const char *const pats[] = {"(?:the\\s+)?kelvin", "(?:the\\s+)?seconds"};
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, pats, 2), 0);
    static const struct {
        const char *text;
        size_t start[2]; /* of the last occurrence of each, SIZE_MAX: none */
    } cases[] = {
        {"kelvin seconds", {0, 7}},
        {"a \xe2\x84\xaa\x65lvin, \xc5\xbf\x65\x63onds", {2, 12}},
        {"\xe2\x84\xaakelvin \xc5\xbfseconds", {3, 12}},
        {"KELVIN second\xc5\xbf ke\xc5\xbflvin", {0, 7}},
        {"\xe2\x80\x99kelvin\xe2\x80\x99seconds\xe2\x84\xaa", {3, 12}},
        {"kel\xe2\x84\xaavin \xe2\x84\xaa\xe2\x84\xaa\x45LVIN", {13, SIZE_MAX}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t last1[2];
        assert_int_equal(chr__prefilter_required(pf, cases[i].text, strlen(cases[i].text), last1), 0);
        for (size_t k = 0; k < 2; k++) {
            size_t want = cases[i].start[k] == SIZE_MAX ? 0 : cases[i].start[k] + 1;
            if (last1[k] != want)
                fail_msg("case %zu, pattern %zu: last1 %zu, not %zu", i, k, last1[k], want);
        }
    }
    chr__prefilter_free(pf);
}

/* A rule whose every string the walk tries it at begins with one of its required strings ("yesterday
 * morning", "yesterday evening": "yesterday") requires nothing of the pass (one of them starts wherever it
 * is tried), and its reach is always met; one that the walk may try elsewhere ("3 days ago": "days") still
 * requires its strings, and so does one whose strings hold a digit (the walk reads a run of them as one
 * byte: "4th of x" is "1th of x" to it). */
static void test_implied(void **state) {
    (void)state;
    const char *const pats[] = {"yesterday\\s+(?:morning|evening)", "\\d+\\s+days\\s+ago",
                                "(?:3rd|4th)\\s+of\\s+(?:x|y)"};
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, pats, 3), 0);
    size_t n, last1[3];
    chr__prefilter_rule_strings(pf, 0, &n);
    assert_true(n > 0); /* it has them: a reach is allowed */
    assert_int_equal(chr__prefilter_reach_met(pf, 0), 1);
    assert_int_equal(chr__prefilter_reach_met(pf, 1), 0);
    assert_int_equal(chr__prefilter_reach_met(pf, 2), 0);
    const char *s = "nothing here";
    assert_int_equal(chr__prefilter_required(pf, s, strlen(s), last1), 0);
    assert_int_equal(last1[0], SIZE_MAX); /* requires nothing */
    assert_int_equal(last1[1], 0);        /* "days" occurs nowhere */
    assert_int_equal(last1[2], 0);
    s = "yesterday evening, 3 days ago, 4th of x";
    assert_int_equal(chr__prefilter_required(pf, s, strlen(s), last1), 0);
    assert_int_equal(last1[0], SIZE_MAX);
    assert_int_equal(last1[1], (size_t)(strstr(s, "days") - s) + 1);
    assert_int_equal(last1[2], (size_t)(strstr(s, "4th") - s) + 1);
    chr__prefilter_free(pf);
}

/* A pattern the analysis gives up on half-way inside a group (an escape it does not follow) is tried
 * everywhere, and what was analysed before is freed (found by fuzz_rules as a leak; make asan checks). */
static void test_given_up_inside_group(void **state) {
    (void)state;
    const char *const pats[] = {"(?:(?:jan|feb)\\0x)y", "(?:ab(?:c|d\\1))"};
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, pats, 2), 0);
    struct seen seen = {{0}};
    walk1(pf, "zzz", 3, 0, mark, &seen);
    assert_int_equal(seen.hit[0], 1);
    assert_int_equal(seen.hit[1], 1);
    chr__prefilter_free(pf);
}

/* The bytes a walk may start at: the first bytes of the strings, either case, any white space for a
 * string that starts with one; a walk from any other byte names no rule. */
static void test_starts(void **state) {
    (void)state;
    const char *const pats[] = {"jan(?:uary)?", "\\s+feb", "[0-9]+"};
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, pats, 3), 0);
    const unsigned char *st = chr__prefilter_starts(pf);
    const char *yes = "jJ \t\n0123456789", *no = "fFaAxX,.-";
    for (const char *c = yes; *c; c++)
        assert_int_equal(st[(unsigned char)*c], 1);
    for (const char *c = no; *c; c++)
        assert_int_equal(st[(unsigned char)*c], 0);
    const char *text = "In January, Feb 3 \t feb 4 and JAN 5; fine.";
    for (size_t p = 0; p < strlen(text); p++) {
        struct seen seen = {{0}};
        size_t n = walk1(pf, text, strlen(text), p, mark, &seen);
        if (!st[(unsigned char)text[p]])
            assert_int_equal(n, 0);
    }
    struct seen seen = {{0}};
    walk1(pf, text, strlen(text), 17, mark, &seen); /* " \t feb": a run of white space */
    assert_int_equal(seen.hit[1], 1);
    chr__prefilter_free(pf);
}

/* The prefilter saved (as the build embeds it) and loaded back walks as the one built, and is refused
 * for other patterns or when damaged. */
static void test_saved(void **state) {
    (void)state;
    chr__prefilter *pf, *back;
    unsigned char *bin;
    size_t n;
    assert_int_equal(chr__prefilter_build(&pf, patterns, NPAT), 0);
    assert_int_equal(chr__prefilter_save(&bin, &n, pf, patterns, NPAT), 0);
    assert_int_equal(chr__prefilter_load(&back, bin, n, patterns, NPAT), 1);
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        const char *s = texts[t];
        size_t len = strlen(s), l1[NPAT], l2[NPAT];
        assert_int_equal(chr__prefilter_required(pf, s, len, l1), 0);
        assert_int_equal(chr__prefilter_required(back, s, len, l2), 0);
        assert_memory_equal(l1, l2, sizeof l1);
        for (size_t p = 0; p < len; p++) {
            struct seen a = {{0}}, b = {{0}};
            assert_int_equal(walk1(pf, s, len, p, mark, &a), walk1(back, s, len, p, mark, &b));
            assert_memory_equal(a.hit, b.hit, sizeof a.hit);
        }
    }
    chr__prefilter_free(back);
    /* other patterns: fewer, or one byte changed */
    assert_int_equal(chr__prefilter_load(&back, bin, n, patterns, NPAT - 1), 0);
    const char *other[NPAT];
    memcpy(other, patterns, sizeof other);
    other[3] = "(?:a|one)\\s+year\\s+agO";
    assert_int_equal(chr__prefilter_load(&back, bin, n, other, NPAT), 0);
    assert_null(back);
    /* cut short anywhere, or a byte too many: refused, nothing read past the end (every cut of the first
     * 256 bytes, then cuts ever further apart: the tables read in place make 1.2 MB, which a cut every 97
     * bytes took 72 s to go through under AddressSanitizer) */
    for (size_t k = 0; k < n; k += k < 256 ? 1 : 97 + k / 64) {
        unsigned char *cut = malloc(k ? k : 1);
        memcpy(cut, bin, k);
        assert_int_equal(chr__prefilter_load(&back, cut, k, patterns, NPAT), 0);
        free(cut);
    }
    unsigned char *more = malloc(n + 1);
    memcpy(more, bin, n);
    more[n] = 0;
    assert_int_equal(chr__prefilter_load(&back, more, n + 1, patterns, NPAT), 0);
    more[0] ^= 1; /* not a saved prefilter at all */
    assert_int_equal(chr__prefilter_load(&back, more, n, patterns, NPAT), 0);
    free(more);
    free(bin);
    chr__prefilter_free(pf);
}

/* The built-in rules take the prefilter the build made for them (else start-up does the analysis). */
static void test_builtin_saved(void **state) {
    (void)state;
    chr_engine *e;
    assert_int_equal(chr_engine_new(&e, NULL, NULL), 0);
    const chr__builtin_file *f = NULL;
    for (size_t i = 0; i < chr__builtin_rules_count; i++)
        if (!strcmp(chr__builtin_rules[i].name, "prefilter.bin"))
            f = &chr__builtin_rules[i];
    assert_non_null(f);
    const char **pats = malloc(e->nrules * sizeof *pats);
    for (size_t i = 0; i < e->nrules; i++)
        pats[i] = e->rules[i].pattern;
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_load(&pf, (const unsigned char *)f->data, f->len, pats, e->nrules), 1);
    chr__prefilter_free(pf);
    free(pats);
    chr_engine_free(e);
}

/* A pattern of many words after an optional "the" (more strings than a sequence keeps): the strings
 * that are kept go on past "the ", so that "the day" is no place to try it. */
static void test_long_product(void **state) {
    (void)state;
    const char *const pats[] = {
        "(?:the\\s+)?(?:(?:early|late|mid|the\\s+start\\s+of|the\\s+end\\s+of)[\\s-]+)?"
        "(?:the\\s+)?(?:1[0-9]|20)\\d0'?s",
        "(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an|a\\s+few|several)\\s+"
        "(?:days?|weeks?|months?|years?|decades?|hours?|minutes?|seconds?|nights?)\\s+"
        "(?:later|earlier)"};
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, pats, 2), 0);
    const char *no[] = {"the day", "the  best", "a house", "an owl", "one of them"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
        struct seen seen = {{0}};
        walk1(pf, no[i], strlen(no[i]), 0, mark, &seen);
        assert_int_equal(seen.hit[0], 0);
        assert_int_equal(seen.hit[1], 0);
    }
    const char *yes[] = {"The 1990s", "the early 1980's", "the start of the 1920s", "a few days later",
                         "Several  Nights earlier"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        struct seen seen = {{0}};
        walk1(pf, yes[i], strlen(yes[i]), 0, mark, &seen);
        assert_int_equal(seen.hit[0] + seen.hit[1], 1);
    }
    chr__prefilter_free(pf);
}

/* The built-in rules over the sample articles: at every place where a rule has a match (tried anchored,
 * as the recognizer does), the walk names the rule and the rule's required strings occur from there on. */
static void test_builtin_exact(void **state) {
    (void)state;
    chr_engine *e;
    assert_int_equal(chr_engine_new(&e, NULL, NULL), 0);
    static const char *const files[] = {
        "samples/kerry-iran-2014-12-03.txt", "samples/jobs-2011/2011-01-17-jobs-medical-leave.txt",
        "samples/jobs-2011/2011-08-25-jobs-resigns.txt", "samples/jobs-2011/2011-10-06-jobs-dies.txt"};
    pcre2_match_data *md = pcre2_match_data_create(e->max_groups ? e->max_groups : 1, NULL);
    unsigned char *hit = malloc(e->nrules);
    size_t *last1 = malloc(e->nrules * sizeof *last1);
    size_t matches = 0, kept_paras = 0;
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[1024];
#ifdef CHRONICLE_SOURCE_DIR
        snprintf(path, sizeof path, "%s/%s", CHRONICLE_SOURCE_DIR, files[f]);
#else
        snprintf(path, sizeof path, "%s", files[f]);
#endif
        FILE *in = fopen(path, "rb");
        assert_non_null(in);
        static char text[1 << 17];
        size_t len = fread(text, 1, sizeof text, in);
        fclose(in);
        chr__paras ps;
        assert_int_equal(chr__prefilter_required_paras(e->prefilter, text, len, last1, &ps), 0);
        for (size_t p = 0; p < len; p++) {
            if (((unsigned char)text[p] & 0xC0) == 0x80)
                continue; /* not inside a character */
            memset(hit, 0, e->nrules);
            if (chr__prefilter_starts(e->prefilter)[(unsigned char)text[p]]) /* as the recognizer walks */
                walk1(e->prefilter, text, len, p, mark_any, hit);
            for (size_t r = 0; r < e->nrules; r++) {
                int rc =
                    pcre2_match(e->rules[r].code, (PCRE2_SPTR)text, len, p, PCRE2_NO_UTF_CHECK, md, NULL);
                if (rc <= 0 || pcre2_get_ovector_pointer(md)[1] == p)
                    continue;
                matches++;
                if (!hit[r] || p >= last1[r])
                    fail_msg("rule %s matches at %zu of %s but the prefilter left it out", e->rules[r].name,
                             p, files[f]);
                if (!spans_blank_line(text, p, pcre2_get_ovector_pointer(md)[1]) &&
                    !para_meets(e->prefilter, &ps, r, p))
                    fail_msg("rule %s matches at %zu of %s but the paragraphs left it out", e->rules[r].name,
                             p, files[f]);
                kept_paras += ps.n > 1;
            }
        }
        chr__paras_free(&ps);
    }
    assert_true(kept_paras > 0); /* the samples have paragraphs */
    assert_true(matches > 50);
    size_t left_out = 0; /* the first bytes are worth having: most bytes start no walk */
    for (unsigned b = 0; b < 256; b++)
        left_out += !chr__prefilter_starts(e->prefilter)[b];
    assert_true(left_out > 128);
    free(hit);
    free(last1);
    pcre2_match_data_free(md);
    chr_engine_free(e);
}

/* The analysis of the built-in rules' patterns, as it runs at start-up for a rules directory whose
 * patterns differ from the built-in ones (the built-in prefilter is made at build time): it took 3.0 s
 * (25.7 G instructions) once the cut of long string sets asked for the estimate of every beginning of
 * every string again at each step of its search, 0.07 s once each was worked out once. The bound is CPU
 * time, checked in optimized builds only (a sanitizer build is many times slower). */
static void test_analysis_time(void **state) {
    (void)state;
    chr_engine *e;
    assert_int_equal(chr_engine_new(&e, NULL, NULL), 0);
    const char **pats = malloc(e->nrules * sizeof *pats);
    assert_non_null(pats);
    for (size_t r = 0; r < e->nrules; r++)
        pats[r] = e->rules[r].pattern;
    clock_t t0 = clock();
    chr__prefilter *pf = NULL;
    assert_int_equal(chr__prefilter_build(&pf, pats, e->nrules), 0);
    double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
    /* the same analysis as the build-time one: the same walk over a sample sentence */
    const char *text = "On Monday, three days ago, the 1990s and Q3 2014 ended at 3 p.m. local time Friday.";
    for (size_t p = 0; text[p]; p++) {
        unsigned char *a = calloc(e->nrules, 1), *b = calloc(e->nrules, 1);
        walk1(pf, text, strlen(text), p, mark_any, a);
        walk1(e->prefilter, text, strlen(text), p, mark_any, b);
        assert_memory_equal(a, b, e->nrules);
        free(a);
        free(b);
    }
#ifdef NDEBUG
    if (cpu > 1.0)
        fail_msg("the prefilter analysis of the built-in rules took %.2f s of CPU time (0.07 s expected)", cpu);
#endif
    (void)cpu;
    chr__prefilter_free(pf);
    free(pats);
    chr_engine_free(e);
}

/* The calls of sink a walk made, in order: (position, rule). */
struct calls {
    size_t n, cap;
    size_t (*v)[2];
};

static void record(void *ctx, size_t pos, uint32_t rule) {
    struct calls *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 256;
        c->v = realloc(c->v, c->cap * sizeof *c->v);
        assert_non_null(c->v);
    }
    c->v[c->n][0] = pos;
    c->v[c->n][1] = rule;
    c->n++;
}

/* Every position of text walked in one batch, as the recognizer walks them, and each alone: the same
 * calls in the same order, each with its position (the last position too, with no second byte after it
 * for the first two steps taken at once). */
static void same_in_batch(const chr__prefilter *pf, const char *text) {
    size_t len = strlen(text);
    size_t *pos = malloc((len ? len : 1) * sizeof *pos);
    assert_non_null(pos);
    struct calls one = {0}, batch = {0};
    size_t n1 = 0;
    for (size_t p = 0; p < len; p++) {
        pos[p] = p;
        n1 += walk1(pf, text, len, p, record, &one);
    }
    assert_int_equal(chr__prefilter_walk(pf, text, len, pos, len, record, &batch), n1);
    assert_int_equal(batch.n, one.n);
    assert_true(one.n > 0);
    if (one.n)
        assert_memory_equal(batch.v, one.v, one.n * sizeof *one.v);
    free(one.v);
    free(batch.v);
    free(pos);
}

static void test_batch(void **state) {
    (void)state;
    chr__prefilter *pf;
    assert_int_equal(chr__prefilter_build(&pf, patterns, NPAT), 0);
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
        same_in_batch(pf, texts[t]);
    chr__prefilter_free(pf);
    chr_engine *e;
    assert_int_equal(chr_engine_new(&e, NULL, NULL), 0);
    same_in_batch(e->prefilter, "On Monday, three days ago, the 1990s and Q3 2014 ended at 3 p.m. local time "
                                "Friday. A year  earlier\n\nthe first quarter of 2015, 12 May; May 5");
    same_in_batch(e->prefilter, "In May");
    chr_engine_free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact),
        cmocka_unit_test(test_selective),
        cmocka_unit_test(test_digit_runs),
        cmocka_unit_test(test_lookahead_strings),
        cmocka_unit_test(test_given_up_inside_group),
        cmocka_unit_test(test_required),
        cmocka_unit_test(test_required_lookahead),
        cmocka_unit_test(test_required_folded),
        cmocka_unit_test(test_required_folded_plain),
        cmocka_unit_test(test_implied),
        cmocka_unit_test(test_required_paragraphs),
        cmocka_unit_test(test_starts),
        cmocka_unit_test(test_batch),
        cmocka_unit_test(test_saved),
        cmocka_unit_test(test_builtin_saved),
        cmocka_unit_test(test_long_product),
        cmocka_unit_test(test_builtin_exact),
        cmocka_unit_test(test_analysis_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
