/* edtf.c: the EDTF (ISO 8601-2, Extended Date/Time Format) string of a timeline entry's interval, beside
 * its TIMEX3 value: "2014-11" (a month), "2014-12-01" (a day), "1979/2014-12-03" (since 1979, to the
 * document date), "../2014-12-03" (open start), "2014-12-03/.." (open end), "197X" (a decade), "19XX"
 * (a century), "2019-22" (summer 2019: EDTF seasons 21-24); a week, a weekend, a quarter or a half is
 * the interval of its days ("2014-11-24/2014-11-30"); times of day count as their day. An end is
 * written at the granularity of the time it comes from when the interval starts (ends) exactly where
 * that period does, else as a day. An approximate time ("about three years ago": CHR_TL_APPROX) puts
 * EDTF's "~" after each date it gives ("2011~", "2011~/2014-12-03"), never after the document date.
 *
 * Exports chr_timeline_edtf (timeline.h). */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static void day_str(char *buf, size_t n, int64_t day) {
    int y, m, d;
    chr_date_civil(day, &y, &m, &d);
    snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

/* One period of granularity g holding day, as EDTF, if it starts (is_end: ends) exactly at day;
 * else the day alone. */
static void side(char *buf, size_t n, int64_t day, const chr_time *from, int is_end) {
    chr_time src = {0}, t;
    int64_t a, b;
    int y, m, d;
    chr_gran g = from->gran;
    src.day = day;
    if (g == CHR_GRAN_NONE || g > CHR_GRAN_DAY)
        g = CHR_GRAN_DAY;
    t = chr__time_period(&src, g);
    chr_time_span(&t, &a, &b);
    chr_date_civil(t.day, &y, &m, &d);
    if (is_end ? b != day + 1 : a != day) {
        day_str(buf, n, day);
        return;
    }
    switch (g) {
    case CHR_GRAN_MILLENNIUM:
        snprintf(buf, n, "%dXXX", y / 1000);
        break;
    case CHR_GRAN_CENTURY:
        snprintf(buf, n, "%02dXX", y / 100);
        break;
    case CHR_GRAN_DECADE:
        snprintf(buf, n, "%03dX", y / 10);
        break;
    case CHR_GRAN_YEAR:
        snprintf(buf, n, "%04d", y);
        break;
    case CHR_GRAN_MONTH:
        snprintf(buf, n, "%04d-%02d", y, m);
        break;
    case CHR_GRAN_SEASON:
        if (from->sub >= 1 && from->sub <= 4) {
            snprintf(buf, n, "%04d-%d", y, 20 + from->sub);
            break;
        }
        /* fall through */
    default:
        day_str(buf, n, day);
        break;
    }
}

size_t chr_timeline_edtf(char *buf, size_t n, const chr_timeline_entry *e) {
    char b[48] = "..", en[48] = "..";
    int r;
    if (!e || (!e->has_begin && !e->has_end)) {
        r = snprintf(buf, n, "%s", "");
        return r < 0 ? 0 : (size_t)r;
    }
    const char *qb = "", *qe = "";
    if (e->flags & CHR_TL_APPROX) {
        qb = e->flags & CHR_TL_BEGIN_DCT ? "" : "~";
        qe = e->flags & CHR_TL_END_DCT ? "" : "~";
    }
    if (e->has_begin)
        side(b, sizeof b, e->first_day, &e->begin_at, 0);
    if (e->has_end)
        side(en, sizeof en, e->after_day - 1, &e->end_at, 1);
    /* one period: the same string on both sides, or a week's days */
    if (e->has_begin && e->has_end && !strcmp(b, en))
        r = snprintf(buf, n, "%s%s", b, qb);
    else if (e->has_begin && e->has_end && e->begin_at.gran == e->end_at.gran &&
             e->begin_at.gran >= CHR_GRAN_HALF && e->begin_at.gran < CHR_GRAN_DAY &&
             e->begin_at.gran != CHR_GRAN_MONTH && e->begin_at.gran != CHR_GRAN_SEASON) {
        char d0[16], d1[16];
        day_str(d0, sizeof d0, e->first_day);
        day_str(d1, sizeof d1, e->after_day - 1);
        r = snprintf(buf, n, "%s%s/%s%s", d0, qb, d1, qe);
    } else
        r = snprintf(buf, n, "%s%s/%s%s", b, e->has_begin ? qb : "", en, e->has_end ? qe : "");
    return r < 0 ? 0 : (size_t)r;
}
