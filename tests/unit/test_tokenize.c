/* test_tokenize.c: the tokenizer and sentence splitter (extract/tokenize.c): words, clitics,
 * abbreviations that keep their dot and do not end a sentence, numbers, sentence bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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
        cmocka_unit_test(test_sentences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
