/* test_rules_jit.c: rules are JIT-compiled before their first match attempt (extract/rules.c,
 * chr__rules_jit), not at start-up: a new engine has no JIT code, a text compiles the rules it tries
 * and only those, and the results are those of an engine whose rules were all compiled first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "engine.h"

static size_t jit_size(const chr_engine *e, size_t i) {
    size_t n = 0;
    pcre2_pattern_info(e->rules[i].code, PCRE2_INFO_JITSIZE, &n);
    return n;
}

static char *extract_json(chr_engine *e, const char *text) {
    chr_doc *doc;
    chr_result *res;
    char *out;
    assert_int_equal(chr_doc_from_text(&doc, text, strlen(text), NULL), 0);
    assert_int_equal(chr_doc_set_dct(doc, "2014-12-03", CHR_DCT_OPTION, NULL), 0);
    assert_int_equal(chr_extract(&res, e, doc, NULL), 0);
    assert_int_equal(chr_render_json_text(&out, NULL, doc, res, 0), 0);
    chr_result_free(res);
    chr_doc_free(doc);
    return out;
}

static void test_lazy(void **state) {
    (void)state;
    uint32_t jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &jit);
    chr_engine *e, *all;
    assert_int_equal(chr_engine_new(&e, NULL, NULL), 0);
    for (size_t i = 0; i < e->nrules; i++)
        assert_int_equal(jit_size(e, i), 0);
    const char *text = "Kerry said on Wednesday that the talks, held three days ago, resume next week.";
    char *a = extract_json(e, text);
    size_t compiled = 0;
    for (size_t i = 0; i < e->nrules; i++)
        compiled += jit_size(e, i) > 0;
    if (jit) { /* some rules, not all */
        assert_true(compiled > 0);
        assert_true(compiled < e->nrules);
    }
    /* an engine with every rule compiled up front gives the same text */
    assert_int_equal(chr_engine_new(&all, NULL, NULL), 0);
    for (size_t i = 0; i < all->nrules; i++)
        chr__rules_jit(all, i);
    for (size_t i = 0; jit && i < all->nrules; i++)
        assert_true(jit_size(all, i) > 0);
    char *b = extract_json(all, text);
    assert_string_equal(a, b);
    /* and again: compiling a rule twice is a no-op */
    chr__rules_jit(e, 0);
    chr__rules_jit(e, 0);
    char *c = extract_json(e, text);
    assert_string_equal(a, c);
    free(a);
    free(b);
    free(c);
    chr_engine_free(e);
    chr_engine_free(all);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lazy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
