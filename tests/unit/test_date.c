/* test_date.c: the date model: civil dates <-> day numbers, weekdays, ISO weeks, ISO 8601 parsing,
 * and the TIMEX3 view of each granularity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

static void test_days_roundtrip(void **state) {
    (void)state;
    assert_int_equal(chr_date_days(1970, 1, 1), 0);
    assert_int_equal(chr_date_days(2000, 3, 1), 11017);
    assert_int_equal(chr_date_days(1969, 12, 31), -1);
    for (int64_t d = -800000; d < 2900000; d += 997) {
        int y, m, dd;
        chr_date_civil(d, &y, &m, &dd);
        assert_true(chr_date_valid(y, m, dd) || y < 1);
        assert_int_equal(chr_date_days(y, m, dd), d);
    }
}

static void test_weekday_and_iso_week(void **state) {
    (void)state;
    assert_int_equal(chr_date_weekday(chr_date_days(2014, 12, 3)), 3); /* a Wednesday */
    assert_int_equal(chr_date_weekday(chr_date_days(2014, 11, 30)), 7);
    int iy, w;
    chr__date_iso_week(chr_date_days(2014, 11, 24), &iy, &w);
    assert_int_equal(iy, 2014);
    assert_int_equal(w, 48);
    chr__date_iso_week(chr_date_days(2021, 1, 3), &iy, &w); /* belongs to 2020-W53 */
    assert_int_equal(iy, 2020);
    assert_int_equal(w, 53);
    assert_int_equal(chr__date_iso_week_start(2014, 48), chr_date_days(2014, 11, 24));
}

static void test_valid(void **state) {
    (void)state;
    assert_true(chr_date_valid(2016, 2, 29));
    assert_false(chr_date_valid(2014, 2, 29));
    assert_false(chr_date_valid(1900, 2, 29));
    assert_true(chr_date_valid(2000, 2, 29));
    assert_false(chr_date_valid(2014, 2, 30));
    assert_false(chr_date_valid(0, 1, 1));
    assert_false(chr_date_valid(10000, 1, 1));
    assert_false(chr_date_valid(2014, 13, 1));
}

static void check_parse(const char *in, const char *want) {
    chr_time t;
    chr_error err = {0};
    assert_int_equal(chr_time_parse_iso(&t, in, strlen(in), &err), CHR_OK);
    char buf[64];
    chr_time_format(buf, sizeof buf, &t);
    assert_string_equal(buf, want);
}

static void test_parse_iso(void **state) {
    (void)state;
    check_parse("2014", "2014");
    check_parse("2014-12", "2014-12");
    check_parse("2014-12-03", "2014-12-03");
    check_parse("20141203", "2014-12-03");
    check_parse("2014-12-03T20:58", "2014-12-03T20:58");
    check_parse("2014-12-03 20:58:07Z", "2014-12-03T20:58:07");
    check_parse("2014-12-03T20:58:00-05:00", "2014-12-03T20:58:00");
    chr_time t;
    chr_error err = {0};
    const char *bad[] = {"2014-02-30", "0000-01-01", "2014-13-01", "2014-12-03T25:00",      "2014-12-03x",
                         "",           "201412",     "12/03/2014", "2014-12-03T20:58+99:00"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        memset(&err, 0, sizeof err);
        assert_int_equal(chr_time_parse_iso(&t, bad[i], strlen(bad[i]), &err), CHR_EDATE);
        assert_int_equal(err.code, CHR_EDATE);
        assert_true(strlen(err.message) > 0);
    }
    assert_int_equal(chr_time_parse_iso(&t, "2014-12-03T10:00-05:00", 22, NULL), CHR_OK);
    assert_true(t.flags & CHR_TIME_HAS_TZ);
    assert_int_equal(t.tz, -300);
}

static void check_format(chr_gran g, int sub, int y, int m, int d, const char *want) {
    chr_time t = {.day = chr_date_days(y, m, d), .gran = g, .sub = (int8_t)sub};
    char buf[64];
    chr_time_format(buf, sizeof buf, &t);
    assert_string_equal(buf, want);
}

static void test_format_views(void **state) {
    (void)state;
    check_format(CHR_GRAN_WEEK, 0, 2014, 11, 26, "2014-W48");
    check_format(CHR_GRAN_WEEKEND, 0, 2014, 11, 29, "2014-W48-WE");
    check_format(CHR_GRAN_PART_OF_DAY, 5, 2014, 12, 1, "2014-12-01TNI");
    check_format(CHR_GRAN_QUARTER, 1, 2018, 1, 1, "2018-Q1");
    check_format(CHR_GRAN_HALF, 2, 2014, 7, 1, "2014-H2");
    check_format(CHR_GRAN_SEASON, 2, 2019, 6, 1, "2019-SU");
    check_format(CHR_GRAN_DECADE, 0, 1975, 1, 1, "197");
    check_format(CHR_GRAN_CENTURY, 0, 1975, 1, 1, "19");
    check_format(CHR_GRAN_MONTH, 0, 2014, 11, 1, "2014-11");
}

/* The digit-by-digit formats (year, month, day, hour, minute) write what the printf formats write: every
 * month of years 0 to 9999 (a step of 37 years), several times of day, a small buffer (the fast path needs
 * 20 bytes) and a year out of 0..9999 (printf again). */
/* chr_time_format writes t as want, whole in a large buffer and cut in a small one, and returns want's
 * length either way. */
static void format_as(const chr_time *t, const char *want) {
    char got[64], small[8], swant[8];
    assert_int_equal(chr_time_format(got, sizeof got, t), strlen(want));
    assert_string_equal(got, want);
    /* cut on purpose, as chr_time_format cuts; its return value used, so that GCC (-Wformat-truncation)
     * knows the cut is meant */
    assert_true(snprintf(swant, sizeof swant, "%s", want) >= 0);
    assert_int_equal(chr_time_format(small, sizeof small, t), strlen(want));
    assert_string_equal(small, swant);
}

static void test_format_digits(void **state) {
    (void)state;
    char got[64], want[64];
    static const chr_gran grans[] = {CHR_GRAN_YEAR, CHR_GRAN_MONTH, CHR_GRAN_DAY, CHR_GRAN_HOUR,
                                     CHR_GRAN_MINUTE};
    static const int32_t secs[] = {0, 59, 3600, 45296, 86399};
    for (int y = 0; y <= 9999; y += 37)
        for (int m = 1; m <= 12; m++)
            for (size_t g = 0; g < 5; g++) {
                chr_time t = {0};
                int d = 1 + (y + m) % 28;
                t.day = chr_date_days(y, m, d);
                t.gran = grans[g];
                t.sec = g >= 3 ? secs[(y + m) % 5] : 0;
                int hh = t.sec / 3600, mi = t.sec / 60 % 60;
                switch (t.gran) {
                case CHR_GRAN_YEAR:
                    snprintf(want, sizeof want, "%04d", y);
                    break;
                case CHR_GRAN_MONTH:
                    snprintf(want, sizeof want, "%04d-%02d", y, m);
                    break;
                case CHR_GRAN_DAY:
                    snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
                    break;
                default:
                    snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d", y, m, d, hh, mi);
                    break;
                }
                format_as(&t, want);
            }
    chr_time t = {0};
    t.day = chr_date_days(12345, 6, 7);
    t.gran = CHR_GRAN_DAY;
    chr_time_format(got, sizeof got, &t);
    assert_string_equal(got, "12345-06-07");
}

/* The parts of a year, the weeks and the parts of a day, written without printf in years 0 to 9999, write
 * what the printf formats write: each sub value (out of range ones too), a small buffer, and ISO years
 * next to the ends of the range. */
static void test_format_periods(void **state) {
    (void)state;
    static const char *const season[] = {"", "SP", "SU", "FA", "WI"};
    static const char *const part[] = {"", "MO", "MI", "AF", "EV", "NI", "DT"};
    static const chr_gran grans[] = {CHR_GRAN_HALF, CHR_GRAN_QUARTER, CHR_GRAN_SEASON,
                                     CHR_GRAN_WEEK, CHR_GRAN_WEEKEND, CHR_GRAN_PART_OF_DAY};
    char got[64], want[64];
    for (int y = 0; y <= 9999; y += 37)
        for (int m = 1; m <= 12; m++)
            for (size_t g = 0; g < 6; g++) {
                int d = 1 + (y + m) % 31, iy, w;
                if (d > 28 && m == 2)
                    d = 28;
                if (d == 31 && (m == 4 || m == 6 || m == 9 || m == 11))
                    d = 30;
                chr_time t = {.day = chr_date_days(y, m, d), .gran = grans[g], .sub = (int8_t)((y + m) % 8)};
                int sub = t.sub;
                chr__date_iso_week(t.day, &iy, &w);
                switch (t.gran) {
                case CHR_GRAN_HALF:
                    snprintf(want, sizeof want, "%04d-H%d", y, sub >= 1 && sub <= 2 ? sub : 1);
                    break;
                case CHR_GRAN_QUARTER:
                    snprintf(want, sizeof want, "%04d-Q%d", y, sub >= 1 && sub <= 4 ? sub : 1);
                    break;
                case CHR_GRAN_SEASON:
                    snprintf(want, sizeof want, "%04d-%s", y, season[sub >= 1 && sub <= 4 ? sub : 1]);
                    break;
                case CHR_GRAN_WEEK:
                    snprintf(want, sizeof want, "%04d-W%02d", iy, w);
                    break;
                case CHR_GRAN_WEEKEND:
                    snprintf(want, sizeof want, "%04d-W%02d-WE", iy, w);
                    break;
                default:
                    snprintf(want, sizeof want, "%04d-%02d-%02dT%s", y, m, d,
                             part[sub >= 1 && sub <= 6 ? sub : 1]);
                    break;
                }
                format_as(&t, want);
            }
    chr_time t = {.day = chr_date_days(9999, 12, 31), .gran = CHR_GRAN_WEEK};
    chr_time_format(got, sizeof got, &t);
    assert_string_equal(got, "9999-W52");
    t.day = chr_date_days(0, 1, 1);
    chr_time_format(got, sizeof got, &t);
    assert_string_equal(got, "-001-W52"); /* ISO year -1: printf again */
}

static void test_spans(void **state) {
    (void)state;
    chr_time t = {.day = chr_date_days(2014, 11, 26), .gran = CHR_GRAN_WEEKEND};
    int64_t a, b;
    chr_time_span(&t, &a, &b);
    assert_int_equal(a, chr_date_days(2014, 11, 29));
    assert_int_equal(b, chr_date_days(2014, 12, 1));
    chr_time q = {.day = chr_date_days(2018, 10, 1), .gran = CHR_GRAN_QUARTER, .sub = 4};
    chr_time_span(&q, &a, &b);
    assert_int_equal(a, chr_date_days(2018, 10, 1));
    assert_int_equal(b, chr_date_days(2019, 1, 1));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days_roundtrip), cmocka_unit_test(test_weekday_and_iso_week),
        cmocka_unit_test(test_valid),          cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_format_views),   cmocka_unit_test(test_spans),
        cmocka_unit_test(test_format_digits),  cmocka_unit_test(test_format_periods),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
