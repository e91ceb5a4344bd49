/* test_chart.c: the chart model (render/chart.c) and its gnuplot writer (render/gnuplot.c): the reader
 * of timeline JSON (versions 1 and 2, unknown keys ignored, errors that leave the chart unchanged), lanes
 * per article and per entity, conflicts, the time window, the "earlier" panel, tick formats, density
 * bins, article text kept out of the script, and byte-identical output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <chronicle/chronicle.h>

/* A timeline with the given entries (JSON text of the array) and optional extra top-level keys. */
static char *timeline(int version, const char *entries, const char *extra) {
    static const char fmt[] =
        "{\"version\": %d, \"schema\": \"x\", \"documents\": [{\"id\": \"a.txt\", \"dct\": "
        "\"2014-12-03\"}, {\"id\": \"b.txt\", \"dct\": null}], \"entries\": %s, "
        "\"undated\": []%s}";
    size_t n = sizeof fmt + strlen(entries) + strlen(extra) + 16;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, fmt, version, entries, extra);
    return s;
}

#define E(begin, end, flags, actor, summary, doc)                                                            \
    "{\"begin\": " begin ", \"end\": " end ", \"flags\": [" flags "], \"actor\": " actor                     \
    ", \"summary\": " summary ", \"sources\": [{\"document\": \"" doc "\"}]}"

static const char *const two =
    "[" E("\"1979-01-01\"", "\"2014-12-03\"", "\"open_end\", \"end_dct\"", "\"Iran\"", "\"no relations\"",
          "a.txt") ", " E("\"2014-12-01\"", "\"2014-12-01\"", "", "\"Kirby\"", "\"Kirby confirmed\"",
                          "a.txt") ", " E("\"2014-12-02\"", "\"2014-12-02\"", "", "\"Kirby\"",
                                          "\"Kirby confirmed it\"", "b.txt") "]";

static chr_chart *chart_of(const char *json) {
    chr_chart *c = NULL;
    chr_error err;
    assert_int_equal(chr_chart_new(&c), 0);
    int st = chr_chart_add_text(c, json, strlen(json), &err);
    if (st)
        fail_msg("%s", err.message);
    return c;
}

typedef struct drawn {
    char *script, *data;
    size_t slen, dlen;
    chr_chart_stats st;
    int rc;
} drawn;

static drawn draw(const chr_chart *c, const chr_chart_opts *o) {
    drawn d;
    chr_error err;
    memset(&d, 0, sizeof d);
    d.rc = chr_chart_gnuplot(&d.script, &d.slen, &d.data, &d.dlen, c, o, &d.st, &err);
    return d;
}

static void drawn_free(drawn *d) {
    free(d->script);
    free(d->data);
}

static void test_reads_version_1_sample(void **state) {
    (void)state;
    FILE *f = fopen(CHRONICLE_SOURCE_DIR "/samples/kerry-iran-2014-12-03.timeline.json", "rb");
    assert_non_null(f);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    chr_chart *c = NULL;
    chr_error err;
    assert_int_equal(chr_chart_new(&c), 0);
    assert_int_equal(chr_chart_add_text(c, buf, n, &err), 0);
    json_t *j = json_loadb(buf, n, 0, NULL);
    assert_int_equal(chr_chart_count(c), json_array_size(json_object_get(j, "entries")));
    json_decref(j);
    chr_chart_opts o;
    memset(&o, 0, sizeof o);
    drawn d = draw(c, &o);
    assert_int_equal(d.rc, 0);
    assert_int_equal(d.st.lanes, 1);
    assert_int_equal(d.st.gutter, 1);                            /* 1979 and December 2014 */
    assert_non_null(strstr(d.script, "set format x \"%d %b\"")); /* the main panel spans weeks */
    assert_non_null(strstr(d.script, "set xdata time"));
    assert_non_null(strstr(d.script, "noenhanced"));
    drawn_free(&d);
    chr_chart_free(c);
}

static void test_version_2_and_unknown_keys(void **state) {
    (void)state;
    char *j = timeline(2, two,
                       ", \"conflicts\": [{\"entries\": [1, 2], \"why\": \"day\"}, {\"entries\": [7]}], "
                       "\"future\": {\"x\": [1, 2]}");
    chr_chart *c = chart_of(j);
    assert_int_equal(chr_chart_count(c), 3);
    chr_chart_opts o;
    memset(&o, 0, sizeof o);
    drawn d = draw(c, &o);
    assert_int_equal(d.rc, 0);
    assert_int_equal(d.st.lanes, 2); /* auto: two articles */
    assert_int_equal(d.st.conflicts, 2);
    assert_non_null(strstr(d.data, "a.txt\n"));
    assert_non_null(strstr(d.data, "b.txt\n"));
    assert_non_null(strstr(d.script, "'conflict'"));
    assert_non_null(strstr(d.data, "# conflict links"));
    drawn_free(&d);
    o.lanes = CHR_LANES_ENTITY;
    d = draw(c, &o);
    assert_int_equal(d.st.lanes, 2); /* Kirby (2), Iran (1) */
    const char *kirby = strstr(d.data, "Kirby\n"), *iran = strstr(d.data, "Iran\n");
    assert_non_null(kirby);
    assert_non_null(iran);
    assert_true(kirby < iran); /* the most frequent first */
    drawn_free(&d);
    o.lanes = CHR_LANES_NONE;
    d = draw(c, &o);
    assert_int_equal(d.st.lanes, 1);
    assert_null(strstr(d.script, "ytic("));
    drawn_free(&d);
    chr_chart_free(c);
    free(j);
}

static void test_bad_timelines(void **state) {
    (void)state;
    chr_chart *c = NULL;
    chr_error err;
    assert_int_equal(chr_chart_new(&c), 0);
    char *good = timeline(1, two, "");
    assert_int_equal(chr_chart_add_text(c, good, strlen(good), &err), 0);
    free(good);
    static const char *const bad[] = {
        "[1, 2]",
        "{\"version\": 3, \"entries\": []}",
        "{\"entries\": []}",
        "{\"version\": 1}",
        "{\"version\": 1, \"entries\": [{\"begin\": \"2014-13-01\", \"end\": null}]}",
        "{\"version\": 1, \"entries\": [{\"begin\": null, \"end\": null}]}",
        "{\"version\": 1, \"entries\": [{\"begin\": \"2014-12-02\", \"end\": \"2014-12-01\"}]}",
        "{\"version\": 1, \"entries\": [{\"begin\": \"2014-12-02\", \"end\": \"2014-12-02\"}, 5]}",
        "{\"version\": 1, \"entries\": [",
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        memset(&err, 0, sizeof err);
        assert_int_equal(chr_chart_add_text(c, bad[k], strlen(bad[k]), &err), CHR_EJSON);
        assert_true(err.message[0] != '\0');
        assert_int_equal(chr_chart_count(c), 3); /* unchanged */
    }
    chr_chart_free(c);
    chr_chart_free(NULL);
}

/* Article text is data: it never reaches the script, and it cannot break the data file's columns. */
static void test_hostile_labels(void **state) {
    (void)state;
    const char *entries =
        "[{\"begin\": \"2014-12-01\", \"end\": \"2014-12-01\", \"flags\": [], \"actor\": \"x'; system('id') "
        "#\","
        " \"summary\": \"'\\\"; system(\\\"touch pwned\\\"); print \\\"\\t`id`\\n{/Symbol a} @x\","
        " \"sources\": [{\"document\": \"evil'\\\"\\n.txt\"}]}]";
    char *j = timeline(1, entries, "");
    chr_chart *c = chart_of(j);
    chr_chart_opts o;
    memset(&o, 0, sizeof o);
    o.lanes = CHR_LANES_ENTITY;
    o.title = "it's \"mine\"\n";
    drawn d = draw(c, &o);
    assert_int_equal(d.rc, 0);
    assert_null(strstr(d.script, "system"));
    assert_null(strstr(d.script, "`"));
    assert_null(strstr(d.script, "touch"));
    assert_non_null(strstr(d.script, "'it''s \"mine\" '")); /* quotes doubled, the line break a space */
    /* every data line keeps its columns: a lane name has 1 tab before it, a label 2, never more */
    for (const char *p = d.data; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p), tabs = 0;
        for (size_t k = 0; k < len; k++)
            tabs += p[k] == '\t';
        assert_true(tabs <= 5);
        if (len && strstr(p, "system") && strstr(p, "system") < p + len && p[0] != '#')
            assert_true(tabs == 1 || tabs == 2);
        p += len + (e != NULL);
    }
    assert_non_null(strstr(d.data, "\t''; system('touch pwned'); print ' `...\n"));
    assert_non_null(strstr(d.data, "\tx'; system('id') #\n"));
    drawn_free(&d);
    chr_chart_free(c);
    free(j);
}

static void test_deterministic(void **state) {
    (void)state;
    char *j = timeline(1, two, "");
    chr_chart *c = chart_of(j);
    chr_chart_opts o;
    memset(&o, 0, sizeof o);
    o.term = CHR_TERM_SVG;
    drawn a = draw(c, &o), b = draw(c, &o);
    assert_int_equal(a.slen, b.slen);
    assert_int_equal(a.dlen, b.dlen);
    assert_memory_equal(a.script, b.script, a.slen);
    assert_memory_equal(a.data, b.data, a.dlen);
    assert_non_null(strstr(a.script, "set terminal svg size 1200,"));
    drawn_free(&a);
    drawn_free(&b);
    o.term = CHR_TERM_PDF;
    o.width = 800;
    o.height = 450;
    a = draw(c, &o);
    assert_non_null(strstr(a.script, "set terminal pdfcairo size 8.00in,4.50in"));
    drawn_free(&a);
    chr_chart_free(c);
    free(j);
}

static void test_window_and_axis(void **state) {
    (void)state;
    char *j = timeline(1, two, "");
    chr_chart *c = chart_of(j);
    chr_chart_opts o;
    memset(&o, 0, sizeof o);
    o.has_from = 1;
    o.from_day = chr_date_days(2014, 12, 2);
    drawn d = draw(c, &o);
    assert_int_equal(d.rc, 0);
    assert_int_equal(d.st.gutter, 0);
    assert_int_equal(d.st.events, 2); /* since 1979 runs into the window; Monday is out */
    assert_non_null(strstr(d.script, "set format x \"%d %b %H:%M\""));
    drawn_free(&d);
    o.from_day = chr_date_days(2015, 1, 1);
    d = draw(c, &o);
    assert_int_equal(d.rc, CHR_EEMPTY);
    assert_null(d.script);
    o.has_from = 0;
    o.has_to = 1;
    o.to_day = chr_date_days(2000, 1, 1);
    drawn_free(&d);
    d = draw(c, &o);
    assert_int_equal(d.rc, 0);
    assert_int_equal(d.st.events, 1);
    assert_non_null(strstr(d.script, "set format x \"%Y\""));
    drawn_free(&d);
    o.has_from = 1;
    o.from_day = chr_date_days(2001, 1, 1);
    d = draw(c, &o);
    assert_int_equal(d.rc, CHR_EINVAL);
    drawn_free(&d);
    chr_chart_free(c);
    free(j);
}

static void test_density(void **state) {
    (void)state;
    /* Tue 2014-12-02 and Wed 12-03 share the week of Monday 12-01; Sun 11-30 is the week before */
    const char *entries = "[" E("\"2014-11-30\"", "\"2014-11-30\"", "", "null", "\"a\"", "a.txt") ", " E(
        "\"2014-12-02\"", "\"2014-12-02\"", "", "null", "\"b\"",
        "a.txt") ", " E("null", "\"2014-12-03\"", "\"open_start\"", "null", "\"c\"", "a.txt") "]";
    char *j = timeline(1, entries, "");
    chr_chart *c = chart_of(j);
    chr_chart_opts o;
    memset(&o, 0, sizeof o);
    o.density = CHR_DENSITY_WEEK;
    drawn d = draw(c, &o);
    assert_int_equal(d.rc, 0);
    char want[128];
    long long mon = (long long)chr_date_days(2014, 12, 1) * 86400, prev = mon - 7 * 86400;
    snprintf(want, sizeof want, "%lld\t1\t604800\n%lld\t2\t604800\n", prev + 302400, mon + 302400);
    assert_non_null(strstr(d.data, want));
    assert_non_null(strstr(d.script, "with boxes"));
    assert_non_null(strstr(d.script, "'events per week'"));
    drawn_free(&d);
    o.density = CHR_DENSITY_MONTH;
    d = draw(c, &o);
    snprintf(want, sizeof want, "%lld\t1\t%lld\n", ((long long)chr_date_days(2014, 11, 1) * 2 + 30) * 43200,
             30LL * 86400);
    assert_non_null(strstr(d.data, want));
    drawn_free(&d);
    chr_chart_free(c);
    free(j);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_version_1_sample),
        cmocka_unit_test(test_version_2_and_unknown_keys),
        cmocka_unit_test(test_bad_timelines),
        cmocka_unit_test(test_hostile_labels),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_window_and_axis),
        cmocka_unit_test(test_density),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
