/* test_value.c: TIMEX3 values read back into the date model (timeline/value.c): every value form
 * chronicle writes, round trips with chr_time_format and chr_time_span, and the values that are not a
 * point or period in time (X-values, *_REF, durations) refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

/* value parses, formats back to itself and spans [first, after) given as ISO dates. */
static void check(const char *value, chr_gran gran, const char *first, const char *after) {
    chr_time t, f, a;
    char buf[64];
    int64_t d0, d1;
    chr_error err;
    memset(&err, 0, sizeof err);
    if (chr_time_parse_value(&t, value, &err) != 0)
        fail_msg("%s: %s", value, err.message);
    assert_int_equal(t.gran, gran);
    chr_time_format(buf, sizeof buf, &t);
    assert_string_equal(buf, value);
    chr_time_span(&t, &d0, &d1);
    assert_int_equal(chr_time_parse_iso(&f, first, strlen(first), NULL), 0);
    assert_int_equal(chr_time_parse_iso(&a, after, strlen(after), NULL), 0);
    assert_int_equal(d0, f.day);
    assert_int_equal(d1, a.day);
}

static void test_every_form(void **state) {
    (void)state;
    check("1979", CHR_GRAN_YEAR, "1979-01-01", "1980-01-01");
    check("2014-11", CHR_GRAN_MONTH, "2014-11-01", "2014-12-01");
    check("2014-12", CHR_GRAN_MONTH, "2014-12-01", "2015-01-01");
    check("2014-12-03", CHR_GRAN_DAY, "2014-12-03", "2014-12-04");
    check("2014-W48", CHR_GRAN_WEEK, "2014-11-24", "2014-12-01");
    check("2014-W48-WE", CHR_GRAN_WEEKEND, "2014-11-29", "2014-12-01");
    check("2020-W53", CHR_GRAN_WEEK, "2020-12-28", "2021-01-04");
    check("2015-W01", CHR_GRAN_WEEK, "2014-12-29", "2015-01-05");
    check("2014-Q1", CHR_GRAN_QUARTER, "2014-01-01", "2014-04-01");
    check("2014-Q4", CHR_GRAN_QUARTER, "2014-10-01", "2015-01-01");
    check("2014-H2", CHR_GRAN_HALF, "2014-07-01", "2015-01-01");
    check("2019-SU", CHR_GRAN_SEASON, "2019-06-01", "2019-09-01");
    check("2014-WI", CHR_GRAN_SEASON, "2014-12-01", "2015-03-01");
    check("197", CHR_GRAN_DECADE, "1970-01-01", "1980-01-01");
    check("19", CHR_GRAN_CENTURY, "1900-01-01", "2000-01-01");
    check("2", CHR_GRAN_MILLENNIUM, "2000-01-01", "3000-01-01");
    check("2014-12-01TNI", CHR_GRAN_PART_OF_DAY, "2014-12-01", "2014-12-02");
    check("2014-12-01TMO", CHR_GRAN_PART_OF_DAY, "2014-12-01", "2014-12-02");
    check("2014-12-01TAF", CHR_GRAN_PART_OF_DAY, "2014-12-01", "2014-12-02");
    check("2014-12-01TEV", CHR_GRAN_PART_OF_DAY, "2014-12-01", "2014-12-02");
    check("2014-12-03T20:58", CHR_GRAN_MINUTE, "2014-12-03", "2014-12-04");
    check("2014-12-03T20:58:07", CHR_GRAN_SECOND, "2014-12-03", "2014-12-04");
    check("2016-02-29", CHR_GRAN_DAY, "2016-02-29", "2016-03-01");
}

static void test_other_accepted_forms(void **state) {
    chr_time t;
    (void)state;
    /* a clock hour alone, a weekday of a week, and T24:00 (the end of the day) */
    assert_int_equal(chr_time_parse_value(&t, "2014-12-03T20", NULL), 0);
    assert_int_equal(t.gran, CHR_GRAN_HOUR);
    assert_int_equal(t.sec, 20 * 3600);
    assert_int_equal(chr_time_parse_value(&t, "2014-W48-3", NULL), 0);
    assert_int_equal(t.gran, CHR_GRAN_DAY);
    assert_int_equal(t.day, chr_date_days(2014, 11, 26));
    assert_int_equal(chr_time_parse_value(&t, "1991-02-22T24:00", NULL), 0);
    assert_int_equal(t.gran, CHR_GRAN_MINUTE);
    assert_int_equal(t.day, chr_date_days(1991, 2, 23));
    assert_int_equal(t.sec, 0);
    /* the time-of-day part: Monday night is a part of a day, with its code */
    assert_int_equal(chr_time_parse_value(&t, "2014-12-01TNI", NULL), 0);
    assert_int_equal(t.sub, 5);
    assert_int_equal(t.day, chr_date_days(2014, 12, 1));
}

static void test_refused(void **state) {
    static const char *const bad[] = {"XXXX-WXX-1",
                                      "2014-XX",
                                      "XXXX",
                                      "201X",
                                      "19XX",
                                      "PRESENT_REF",
                                      "PAST_REF",
                                      "FUTURE_REF",
                                      "P3D",
                                      "PT48H",
                                      "P1Y",
                                      "",
                                      "0",
                                      "000",
                                      "0000",
                                      "2014-13",
                                      "2014-02-30",
                                      "2014-W54",
                                      "2014-W53",
                                      "2014-Q5",
                                      "2014-H3",
                                      "2014-XY",
                                      "2014-12-03T25:00",
                                      "2014-12-03T20:60",
                                      "2014-12-03TXX",
                                      "20141",
                                      "2014-",
                                      "2014-12-",
                                      "2014-12-03T",
                                      "2014-12-03T20:58Z",
                                      " 2014",
                                      "2014 ",
                                      "abc",
                                      "2014-11-30x"};
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        chr_time t;
        chr_error err;
        memset(&err, 0, sizeof err);
        t.gran = CHR_GRAN_DAY;
        if (chr_time_parse_value(&t, bad[i], &err) != CHR_EDATE)
            fail_msg("'%s' was accepted", bad[i]);
        assert_int_equal(t.gran, CHR_GRAN_NONE);
        assert_int_equal(err.code, CHR_EDATE);
        assert_non_null(strstr(err.message, bad[i]));
    }
    assert_int_equal(chr_time_parse_value(NULL, "2014", NULL), CHR_EINVAL);
}

/* Every period of every granularity over two centuries formats to a value that parses back to the
 * same value and the same span. */
static void test_roundtrip_sweep(void **state) {
    static const chr_gran grans[] = {CHR_GRAN_CENTURY, CHR_GRAN_DECADE, CHR_GRAN_YEAR,  CHR_GRAN_HALF,
                                     CHR_GRAN_QUARTER, CHR_GRAN_SEASON, CHR_GRAN_MONTH, CHR_GRAN_WEEK,
                                     CHR_GRAN_WEEKEND, CHR_GRAN_DAY,    CHR_GRAN_MINUTE};
    (void)state;
    size_t checked = 0;
    for (int64_t d = chr_date_days(1900, 1, 1); d < chr_date_days(2100, 1, 1); d += 3) {
        for (size_t g = 0; g < sizeof grans / sizeof *grans; g++) {
            chr_time src = {.day = d, .sec = (int32_t)(((d % 1440 + 1440) % 1440) * 60)}, t, back;
            char v1[64], v2[64];
            int64_t a0, a1, b0, b1;
            t = chr__time_period(&src, grans[g]);
            if (grans[g] == CHR_GRAN_MINUTE)
                t.sec = src.sec;
            chr_time_format(v1, sizeof v1, &t);
            if (chr_time_parse_value(&back, v1, NULL) != 0)
                fail_msg("%s does not parse", v1);
            chr_time_format(v2, sizeof v2, &back);
            assert_string_equal(v1, v2);
            chr_time_span(&t, &a0, &a1);
            chr_time_span(&back, &b0, &b1);
            if (a0 != b0 || a1 != b1)
                fail_msg("%s: span [%lld, %lld) came back as [%lld, %lld)", v1, (long long)a0, (long long)a1,
                         (long long)b0, (long long)b1);
            assert_int_equal(back.gran, t.gran);
            checked++;
        }
    }
    assert_true(checked > 200000);
}

static void test_gran_names(void **state) {
    (void)state;
    assert_string_equal(chr_gran_name(CHR_GRAN_YEAR), "year");
    assert_string_equal(chr_gran_name(CHR_GRAN_WEEKEND), "weekend");
    assert_string_equal(chr_gran_name(CHR_GRAN_PART_OF_DAY), "part_of_day");
    assert_string_equal(chr_gran_name(CHR_GRAN_SECOND), "second");
    assert_string_equal(chr_gran_name(CHR_GRAN_NONE), "");
    assert_string_equal(chr_gran_name((chr_gran)99), "");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_form), cmocka_unit_test(test_other_accepted_forms),
        cmocka_unit_test(test_refused),    cmocka_unit_test(test_roundtrip_sweep),
        cmocka_unit_test(test_gran_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
