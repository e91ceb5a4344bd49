/* period.c: arithmetic on periods of the date model: the period of a granularity that contains a time,
 * shifting a period by whole units, unit names, and what a value looks like when there is no date to
 * anchor it ("XXXX-WXX").
 *
 * Exports chr__time_unit, chr__time_period, chr__time_shift and chr__time_underspecified. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

chr_gran chr__time_unit(const char *u) {
    static const struct {
        const char *name;
        chr_gran g;
    } units[] = {{"day", CHR_GRAN_DAY},         {"week", CHR_GRAN_WEEK},       {"weekend", CHR_GRAN_WEEKEND},
                 {"month", CHR_GRAN_MONTH},     {"quarter", CHR_GRAN_QUARTER}, {"half", CHR_GRAN_HALF},
                 {"season", CHR_GRAN_SEASON},   {"year", CHR_GRAN_YEAR},       {"decade", CHR_GRAN_DECADE},
                 {"century", CHR_GRAN_CENTURY}, {"hour", CHR_GRAN_HOUR},       {"minute", CHR_GRAN_MINUTE}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (!strcmp(u, units[i].name))
            return units[i].g;
    return CHR_GRAN_NONE;
}

static int season_of_month(int m) { return m == 12 || m <= 2 ? 4 : (m - 3) / 3 + 1; }

/* The period of granularity g that contains t's first day (and second, for HOUR/MINUTE). */
chr_time chr__time_period(const chr_time *t, chr_gran g) {
    chr_time r = {0};
    int y, m, d;
    chr_date_civil(t->day, &y, &m, &d);
    r.gran = g;
    switch (g) {
    case CHR_GRAN_CENTURY:
    case CHR_GRAN_DECADE:
    case CHR_GRAN_MILLENNIUM:
    case CHR_GRAN_YEAR:
        r.day = chr_date_days(y, 1, 1);
        break;
    case CHR_GRAN_HALF:
        r.sub = m <= 6 ? 1 : 2;
        r.day = chr_date_days(y, r.sub == 1 ? 1 : 7, 1);
        break;
    case CHR_GRAN_QUARTER:
        r.sub = (int8_t)((m - 1) / 3 + 1);
        r.day = chr_date_days(y, (r.sub - 1) * 3 + 1, 1);
        break;
    case CHR_GRAN_SEASON:
        r.sub = (int8_t)season_of_month(m);
        /* winter belongs to the year it starts in (Dec) */
        r.day = chr_date_days(r.sub == 4 && m <= 2 ? y - 1 : y, r.sub * 3, 1);
        break;
    case CHR_GRAN_MONTH:
        r.day = chr_date_days(y, m, 1);
        break;
    case CHR_GRAN_WEEK:
    case CHR_GRAN_WEEKEND:
        r.day = t->day - (chr_date_weekday(t->day) - 1);
        break;
    case CHR_GRAN_HOUR:
        r.day = t->day;
        r.sec = t->sec / 3600 * 3600;
        break;
    case CHR_GRAN_MINUTE:
        r.day = t->day;
        r.sec = t->sec / 60 * 60;
        break;
    default:
        r.day = t->day;
        break;
    }
    return r;
}

static int64_t add_months(int64_t day, long n) {
    int y, m, d;
    chr_date_civil(day, &y, &m, &d);
    long total = (long)y * 12 + (m - 1) + n;
    int ny = (int)(total / 12), nm = (int)(total % 12) + 1;
    int ml = 31;
    while (ml > 28 && !chr_date_valid(ny, nm, ml))
        ml--;
    return chr_date_days(ny, nm, d > ml ? ml : d);
}

/* Shift period t by n units of u (t keeps its own granularity). */
void chr__time_shift(chr_time *t, chr_gran u, long n) {
    switch (u) {
    case CHR_GRAN_DAY:
    case CHR_GRAN_PART_OF_DAY:
        t->day += n;
        break;
    case CHR_GRAN_WEEK:
    case CHR_GRAN_WEEKEND:
        t->day += 7 * n;
        break;
    case CHR_GRAN_MONTH:
        t->day = add_months(t->day, n);
        break;
    case CHR_GRAN_QUARTER:
    case CHR_GRAN_SEASON:
        t->day = add_months(t->day, 3 * n);
        if (t->gran == CHR_GRAN_QUARTER || t->gran == CHR_GRAN_SEASON) {
            int s = t->sub - 1 + (int)(n % 4);
            t->sub = (int8_t)((s % 4 + 4) % 4 + 1);
        }
        break;
    case CHR_GRAN_HALF:
        t->day = add_months(t->day, 6 * n);
        if (t->gran == CHR_GRAN_HALF)
            t->sub = (int8_t)(((t->sub - 1 + n) % 2 + 2) % 2 + 1);
        break;
    case CHR_GRAN_YEAR:
        t->day = add_months(t->day, 12 * n);
        break;
    case CHR_GRAN_DECADE:
        t->day = add_months(t->day, 120 * n);
        break;
    case CHR_GRAN_CENTURY:
        t->day = add_months(t->day, 1200 * n);
        break;
    case CHR_GRAN_HOUR:
        t->sec += (int32_t)(3600 * n);
        break;
    case CHR_GRAN_MINUTE:
        t->sec += (int32_t)(60 * n);
        break;
    default:
        break;
    }
    while (t->sec < 0) {
        t->sec += 86400;
        t->day--;
    }
    while (t->sec >= 86400) {
        t->sec -= 86400;
        t->day++;
    }
}

/* What a value looks like with no DCT: "XXXX-XX-XX" at the granularity asked. */
void chr__time_underspecified(char *out, size_t n, chr_gran g) {
    switch (g) {
    case CHR_GRAN_WEEK:
        snprintf(out, n, "XXXX-WXX");
        break;
    case CHR_GRAN_WEEKEND:
        snprintf(out, n, "XXXX-WXX-WE");
        break;
    case CHR_GRAN_MONTH:
        snprintf(out, n, "XXXX-XX");
        break;
    case CHR_GRAN_YEAR:
    case CHR_GRAN_QUARTER:
    case CHR_GRAN_HALF:
    case CHR_GRAN_SEASON:
        snprintf(out, n, "XXXX");
        break;
    case CHR_GRAN_DECADE:
        snprintf(out, n, "XXX");
        break;
    case CHR_GRAN_CENTURY:
        snprintf(out, n, "XX");
        break;
    default:
        snprintf(out, n, "XXXX-XX-XX");
        break;
    }
}
