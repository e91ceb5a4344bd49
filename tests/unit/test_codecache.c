/* test_codecache.c: the built-in rules' PCRE2 codes compiled at build time (extract/codecache.c): the
 * built-in engine finds one for each of its patterns, it matches as the code compiled at run time does,
 * and a pattern that is not the one a code was compiled from gets none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "engine.h"

static void test_builtin_codes(void **state) {
    (void)state;
    chr_engine *e;
    assert_int_equal(chr_engine_new(&e, NULL, NULL), 0);
    chr__codecache cc;
    chr__codecache_open(&cc);
    assert_int_equal(cc.n, e->nrules);
    static const char *const texts[] = {"last Tuesday", "three days ago", "on 3 December 2014 at 8:58 pm",
                                        "every week", "the 1990s", "since 1979", "tomorrow morning"};
    pcre2_match_data *md = pcre2_match_data_create(64, NULL);
    for (size_t i = 0; i < e->nrules; i++) {
        /* another pattern: no code for it */
        assert_null(chr__codecache_take(&cc, i, "(?:not the pattern)"));
        pcre2_code *c = chr__codecache_take(&cc, i, e->rules[i].pattern);
        if (!c)
            fail_msg("no precompiled code for rule %zu (%s)", i, e->rules[i].name);
        assert_null(chr__codecache_take(&cc, i, e->rules[i].pattern)); /* taken once */
        int ec;
        PCRE2_SIZE eo;
        pcre2_code *fresh = pcre2_compile((PCRE2_SPTR)e->rules[i].pattern, PCRE2_ZERO_TERMINATED,
                                          PCRE2_ANCHORED | PCRE2_CASELESS | PCRE2_UTF | PCRE2_DUPNAMES, &ec, &eo,
                                          NULL);
        assert_non_null(fresh);
        for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
            size_t len = strlen(texts[t]);
            for (size_t p = 0; p < len; p++) {
                int a = pcre2_match(c, (PCRE2_SPTR)texts[t], len, p, 0, md, NULL);
                PCRE2_SIZE ea = a >= 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
                int b = pcre2_match(fresh, (PCRE2_SPTR)texts[t], len, p, 0, md, NULL);
                PCRE2_SIZE eb = b >= 0 ? pcre2_get_ovector_pointer(md)[1] : 0;
                assert_int_equal(a, b);
                assert_int_equal(ea, eb);
            }
        }
        pcre2_code_free(fresh);
        pcre2_code_free(c);
    }
    assert_null(chr__codecache_take(&cc, e->nrules, "x")); /* past the end */
    pcre2_match_data_free(md);
    chr__codecache_close(&cc);
    chr__codecache_close(&cc); /* closing twice is harmless */
    chr_engine_free(e);
}

/* Saved from an engine and taken back by the same patterns: what the build does. */
static void test_save(void **state) {
    (void)state;
    chr_engine *e;
    assert_int_equal(chr_engine_new(&e, NULL, NULL), 0);
    unsigned char *b;
    size_t n;
    assert_int_equal(chr__codes_save(&b, &n, e), 0);
    assert_true(n > 16 + e->nrules);
    const chr__builtin_file *f = NULL;
    for (size_t i = 0; i < chr__builtin_rules_count; i++)
        if (!strcmp(chr__builtin_rules[i].name, "rules.pcre2"))
            f = &chr__builtin_rules[i];
    assert_non_null(f);
    /* the patterns part is the embedded one's (the encoded codes may differ only if PCRE2 did) */
    assert_true(f->len > 16);
    size_t plen = 16;
    for (size_t i = 0; i < e->nrules; i++)
        plen += strlen(e->rules[i].pattern) + 1;
    assert_memory_equal(b, f->data, plen);
    free(b);
    chr_engine_free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_codes),
        cmocka_unit_test(test_save),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
