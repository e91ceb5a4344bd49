/* value.c: TIMEX3 values read back into the date model, the inverse of chr_time_format for the values
 * chronicle produces ("1979", "2014-11", "2014-W48-WE", "2019-SU", "197", "2014-12-01TNI",
 * "2014-12-03T20:58"), and the names of granularities.
 *
 * Exports chr_time_parse_value and chr_gran_name (date.h). */
#include <string.h>

#include "chronicle/date.h"
#include "internal.h"

const char *chr_gran_name(chr_gran g) {
    static const char *const names[] = {
        "",      "millennium", "century", "decade", "year",        "half", "quarter", "season",
        "month", "week",       "weekend", "day",    "part_of_day", "hour", "minute",  "second"};
    return (unsigned)g < sizeof names / sizeof *names ? names[g] : "";
}

/* n digits at s[*p], exactly (not followed by another digit when exact). */
static int take_digits(const char *s, size_t *p, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = s[*p];
        if (c < '0' || c > '9')
            return 0;
        v = v * 10 + (c - '0');
        (*p)++;
    }
    *out = v;
    return 1;
}

static int count_digits(const char *s) {
    int n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

static int index_of(const char *const *names, int n, const char *s) {
    for (int i = 0; i < n; i++)
        if (!strncmp(s, names[i], 2))
            return i + 1;
    return 0;
}

/* The time of day after a day's 'T': "NI" (part of day), "20", "20:58", "20:58:07". */
static int parse_clock(chr_time *t, const char *s, size_t *p) {
    static const char *const part[] = {"MO", "MI", "AF", "EV", "NI", "DT"};
    int h, mi = 0, sec = 0;
    int k = index_of(part, 6, s + *p);
    if (k) {
        *p += 2;
        t->gran = CHR_GRAN_PART_OF_DAY;
        t->sub = (int8_t)k;
        return 1;
    }
    if (!take_digits(s, p, 2, &h))
        return 0;
    t->gran = CHR_GRAN_HOUR;
    if (s[*p] == ':') {
        (*p)++;
        if (!take_digits(s, p, 2, &mi))
            return 0;
        t->gran = CHR_GRAN_MINUTE;
        if (s[*p] == ':') {
            (*p)++;
            if (!take_digits(s, p, 2, &sec))
                return 0;
            t->gran = CHR_GRAN_SECOND;
        }
    }
    if (h > 24 || mi > 59 || sec > 59 || (h == 24 && (mi || sec)))
        return 0;
    if (h == 24) { /* T24:00 is the end of its day: midnight of the next one */
        t->day += 1;
        h = 0;
    }
    t->sec = h * 3600 + mi * 60 + sec;
    return 1;
}

/* What follows "YYYY-": a month (and day, and time), a week, a quarter, a half or a season. */
static int parse_after_year(chr_time *t, int y, const char *s, size_t *p) {
    static const char *const season[] = {"SP", "SU", "FA", "WI"};
    int m, d, w, k;
    if (s[*p] == 'W' && s[*p + 1] >= '0' && s[*p + 1] <= '9') {
        (*p)++;
        if (!take_digits(s, p, 2, &w) || w < 1 || w > 53)
            return 0;
        int64_t monday = chr__date_iso_week_start(y, w);
        int iy, iw;
        chr__date_iso_week(monday, &iy, &iw);
        if (iy != y || iw != w)
            return 0; /* no week 53 that year */
        t->day = monday;
        t->gran = CHR_GRAN_WEEK;
        if (s[*p] == '-' && s[*p + 1] == 'W' && s[*p + 2] == 'E') {
            *p += 3;
            t->gran = CHR_GRAN_WEEKEND;
        } else if (s[*p] == '-' && s[*p + 1] >= '1' && s[*p + 1] <= '7' && !s[*p + 2]) {
            t->day = monday + (s[*p + 1] - '1');
            t->gran = CHR_GRAN_DAY;
            *p += 2;
        }
        return 1;
    }
    if ((s[*p] == 'Q' || s[*p] == 'H') && s[*p + 1] >= '1' && s[*p + 1] <= '4') {
        int q = s[*p + 1] - '0';
        if (s[*p] == 'H' && q > 2)
            return 0;
        t->gran = s[*p] == 'Q' ? CHR_GRAN_QUARTER : CHR_GRAN_HALF;
        t->sub = (int8_t)q;
        t->day = chr_date_days(y, s[*p] == 'Q' ? (q - 1) * 3 + 1 : (q - 1) * 6 + 1, 1);
        *p += 2;
        return 1;
    }
    if ((k = index_of(season, 4, s + *p)) != 0) {
        /* winter belongs to the year it starts in (December), as in period.c */
        t->gran = CHR_GRAN_SEASON;
        t->sub = (int8_t)k;
        t->day = chr_date_days(y, k * 3, 1);
        *p += 2;
        return 1;
    }
    if (!take_digits(s, p, 2, &m) || m < 1 || m > 12)
        return 0;
    t->gran = CHR_GRAN_MONTH;
    t->day = chr_date_days(y, m, 1);
    if (s[*p] != '-')
        return 1;
    (*p)++;
    if (!take_digits(s, p, 2, &d) || !chr_date_valid(y, m, d))
        return 0;
    t->gran = CHR_GRAN_DAY;
    t->day = chr_date_days(y, m, d);
    if (s[*p] != 'T')
        return 1;
    (*p)++;
    return parse_clock(t, s, p);
}

int chr_time_parse_value(chr_time *out, const char *value, chr_error *err) {
    chr_time t = {0};
    size_t p = 0;
    const char *why = "not a TIMEX3 date or time";
    if (out)
        memset(out, 0, sizeof *out);
    if (!out || !value)
        return chr__error_set(err, CHR_EINVAL, "chr_time_parse_value: NULL argument");
    if (value[0] == 'P') {
        why = "a duration, not a point in time";
        goto bad;
    }
    if (strstr(value, "_REF")) {
        why = "a reference to the present, past or future, not a date";
        goto bad;
    }
    if (strchr(value, 'X')) {
        why = "underspecified";
        goto bad;
    }
    int n = count_digits(value), y = 0;
    if (n == 1 || n == 2 || n == 3) {
        /* millennium "2", century "19", decade "197": nothing may follow */
        int v = 0;
        take_digits(value, &p, n, &v);
        int mult = n == 1 ? 1000 : n == 2 ? 100 : 10;
        t.gran = n == 1 ? CHR_GRAN_MILLENNIUM : n == 2 ? CHR_GRAN_CENTURY : CHR_GRAN_DECADE;
        if (v == 0 || value[p])
            goto bad;
        t.day = chr_date_days(v * mult, 1, 1);
    } else if (n == 4) {
        take_digits(value, &p, 4, &y);
        if (y < 1)
            goto bad;
        t.gran = CHR_GRAN_YEAR;
        t.day = chr_date_days(y, 1, 1);
        if (value[p] == '-') {
            p++;
            if (!parse_after_year(&t, y, value, &p))
                goto bad;
        }
        if (value[p])
            goto bad;
    } else {
        goto bad;
    }
    *out = t;
    return CHR_OK;
bad:
    return chr__error_set(err, CHR_EDATE, "'%.64s': %s", value, why);
}
