/* test_tokenize.c: the tokenizer and sentence splitter (extract/tokenize.c): words, clitics,
 * abbreviations that keep their dot and do not end a sentence, numbers, sentence bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "events.h"

/* The tokens of s joined by '|'. */
static void joined(const char *s, char *out, size_t n, chr__tokens *t) {
    assert_int_equal(chr__tokenize(t, s, strlen(s)), 0);
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < t->n; i++) {
        int w = snprintf(out + used, n - used, "%s%.*s", i ? "|" : "", (int)(t->v[i].end - t->v[i].start),
                         s + t->v[i].start);
        used += (size_t)w;
    }
}

static void test_words_and_clitics(void **state) {
    (void)state;
    char buf[512];
    chr__tokens t;
    joined("He didn't say it's over, can't we?", buf, sizeof buf, &t);
    assert_string_equal(buf, "He|did|n't|say|it|'s|over|,|ca|n't|we|?");
    chr__tokens_free(&t);
    joined("Iran\xe2\x80\x99s cease-fire cost $1,000.50 (3.5%) -- AT&T", buf, sizeof buf, &t);
    assert_string_equal(buf, "Iran|\xe2\x80\x99s|cease-fire|cost|$|1,000.50|(|3.5|%|)|--|AT&T");
    chr__tokens_free(&t);
}

static void test_abbreviations_do_not_end_sentences(void **state) {
    (void)state;
    char buf[512];
    chr__tokens t;
    const char *s = "Mr. Kerry met U.S. officials on Jan. 5 at 3 p.m. in Washington. They talked.";
    joined(s, buf, sizeof buf, &t);
    assert_string_equal(buf, "Mr.|Kerry|met|U.S.|officials|on|Jan.|5|at|3|p.m.|in|Washington|.|They|talked|.");
    assert_int_equal(t.nsent, 2);
    assert_int_equal(t.sent_start[0], 0);
    assert_int_equal(t.sent_end[0], strstr(s, " They") - s);
    assert_int_equal(t.sent_first[1], 14);
    assert_int_equal(t.v[15].sent, 1);
    chr__tokens_free(&t);
}

/* A capital letter and a dot before a capitalised word is an initial ("Timothy D. Cook"): one token, no
 * sentence end; before a lower-case word or the end of the text it is a letter and a full stop. */
static void test_initials(void **state) {
    (void)state;
    char buf[512];
    chr__tokens t;
    joined("He left Timothy D. Cook in charge. Plan B. was never tried. It is plan B.", buf, sizeof buf, &t);
    assert_string_equal(buf, "He|left|Timothy|D.|Cook|in|charge|.|Plan|B|.|was|never|tried|.|It|is|plan|B|.");
    assert_int_equal(t.nsent, 3);
    chr__tokens_free(&t);
}

/* Each abbreviation of the list keeps its dot, in lower case and capitalized, and a word not in the list
 * (before or after one in the order of the list, or longer) does not. */
static void test_every_abbreviation(void **state) {
    (void)state;
    static const char *const list[] = {
        "mr",   "mrs",   "ms",   "dr",  "prof",   "gen",  "col",  "lt",   "sgt",  "capt", "cmdr", "adm",
        "maj",  "gov",   "sen",  "rep", "rev",    "st",   "jr",   "sr",   "inc",  "corp", "co",   "ltd",
        "bros", "jan",   "feb",  "mar", "apr",    "jun",  "jul",  "aug",  "sep",  "sept", "oct",  "nov",
        "dec",  "vs",    "etc",  "no",  "nos",    "fig",  "ave",  "blvd", "mt",   "ft",   "pres", "messrs",
        "mass", "calif", "conn", "fla", "ill",    "penn", "tenn", "tex",  "va",   "wash", "ariz", "ga",
        "md",   "mich",  "minn", "mo",  "n.j",    "n.y",  "okla", "ore",  "pa",   "wis",  "colo", "del",
        "ky",   "la",    "nev",  "wyo", "approx", "dept", "est",  "govt", "assn", "univ", "u.s",  "u.n",
        "u.k",  "e.g",   "i.e",  "a.m", "p.m",    "ala",  "ark",  "ind",  "kan",  "mont", "neb",  "vt"};
    char text[64], buf[256];
    chr__tokens t;
    for (size_t i = 0; i < sizeof list / sizeof *list; i++)
        for (int cap = 0; cap < 2; cap++) {
            snprintf(text, sizeof text, "See %c%s. Next", cap ? list[i][0] - 32 : list[i][0], list[i] + 1);
            joined(text, buf, sizeof buf, &t);
            if (!strstr(buf, ".|Next") || t.nsent != 1)
                fail_msg("%s: %s in %d sentences", text, buf, (int)t.nsent);
            chr__tokens_free(&t);
        }
    static const char *const others[] = {"a", "zz", "mra", "messrsx", "approxi", "said", "cal", "wyom"};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        snprintf(text, sizeof text, "See %s. Next", others[i]);
        joined(text, buf, sizeof buf, &t);
        if (!strstr(buf, "|.|Next") || t.nsent != 2)
            fail_msg("%s: %s in %d sentences", text, buf, (int)t.nsent);
        chr__tokens_free(&t);
    }
}

/* A dot before a comma or a semicolon ends no sentence, whatever the word before it: "in Birmingham, Ala.,
 * killed" and "a place called Xyz., where" are one sentence each (the first was two, so "killed" lost the
 * "In January" of its sentence). */
static void test_no_end_before_a_comma(void **state) {
    (void)state;
    char buf[512];
    chr__tokens t;
    joined("In January, a bombing in Birmingham, Ala., killed a guard. Then it ended.", buf, sizeof buf, &t);
    assert_int_equal(t.nsent, 2);
    chr__tokens_free(&t);
    joined("He went to Xyz., where it rained; he left Qq.; then he came back.", buf, sizeof buf, &t);
    assert_int_equal(t.nsent, 1);
    chr__tokens_free(&t);
}

/* A text without sentence ends is cut every 250 tokens. */
static void test_long_sentence_cut(void **state) {
    (void)state;
    static char text[1200];
    for (size_t i = 0; i < 600; i++)
        memcpy(text + 2 * i, "a ", 2);
    chr__tokens t;
    assert_int_equal(chr__tokenize(&t, text, 1200), 0);
    assert_int_equal(t.n, 600);
    assert_int_equal(t.nsent, 3);
    assert_int_equal(t.sent_first[1], 250);
    assert_int_equal(t.sent_first[2], 500);
    assert_int_equal(t.v[499].sent, 1);
    assert_int_equal(t.sent_end[2], 1199);
    chr__tokens_free(&t);
}

static void test_sentences(void **state) {
    (void)state;
    char buf[512];
    chr__tokens t;
    /* a closing quote stays with its sentence; lower case after '.' goes on; a blank line ends one */
    const char *s = "\"It is over.\" Then he left... and came back!\n\nHeadline without stop\nNext one";
    joined(s, buf, sizeof buf, &t);
    assert_int_equal(t.nsent, 3); /* a single newline does not end one */
    assert_int_equal(t.sent_end[0], strstr(s, " Then") - s);
    assert_int_equal(t.sent_start[1], strstr(s, "Then") - s);
    assert_int_equal(t.sent_start[2], strstr(s, "Headline") - s);
    chr__tokens_free(&t);
    assert_int_equal(chr__tokenize(&t, "", 0), 0);
    assert_int_equal(t.n, 0);
    assert_int_equal(t.nsent, 0);
    chr__tokens_free(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_and_clitics),
        cmocka_unit_test(test_abbreviations_do_not_end_sentences),
        cmocka_unit_test(test_every_abbreviation), cmocka_unit_test(test_initials),
        cmocka_unit_test(test_long_sentence_cut),
        cmocka_unit_test(test_no_end_before_a_comma),
        cmocka_unit_test(test_sentences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
