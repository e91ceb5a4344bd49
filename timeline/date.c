/* date.c: the date model: civil dates <-> day numbers, weekdays, ISO 8601 parsing and the TIMEX3 view
 * of a chr_time.
 *
 * Exports chr_date_days, chr_date_civil, chr_date_weekday, chr_date_valid, chr_time_parse_iso,
 * chr_time_format, chr_time_span and the internal chr__date_iso_week. */
#include <stdio.h>
#include <string.h>

#include "chronicle/date.h"
#include "internal.h"

int64_t chr_date_days(int year, int month, int day) {
    /* days from civil, proleptic Gregorian, era-based so that it is exact for all years */
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (month + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void chr_date_civil(int64_t days, int *year, int *month, int *day) {
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)(y + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

int chr_date_weekday(int64_t days) {
    /* 1970-01-01 was a Thursday (4) */
    int64_t w = (days + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

static int month_length(int year, int month) {
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) {
        int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return 28 + leap;
    }
    return len[month - 1];
}

int chr_date_valid(int year, int month, int day) {
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= month_length(year, month);
}

/* ISO 8601 week: the ISO year and week number of a day. */
void chr__date_iso_week(int64_t days, int *iso_year, int *week) {
    int wd = chr_date_weekday(days);
    int64_t thursday = days - wd + 4;
    int y, m, d;
    chr_date_civil(thursday, &y, &m, &d);
    int64_t jan1 = chr_date_days(y, 1, 1);
    *iso_year = y;
    *week = (int)((thursday - jan1) / 7) + 1;
}

/* Monday of ISO week `week` of ISO year `iso_year`. */
int64_t chr__date_iso_week_start(int iso_year, int week) {
    int64_t jan4 = chr_date_days(iso_year, 1, 4);
    int64_t week1 = jan4 - (chr_date_weekday(jan4) - 1);
    return week1 + (int64_t)(week - 1) * 7;
}

static int digits(const char *s, size_t len, size_t *pos, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (*pos >= len || s[*pos] < '0' || s[*pos] > '9')
            return 0;
        v = v * 10 + (s[*pos] - '0');
        (*pos)++;
    }
    *out = v;
    return 1;
}

int chr_time_parse_iso(chr_time *out, const char *s, size_t len, chr_error *err) {
    chr_time t = {0};
    size_t p = 0;
    int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0;
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    while (p < len && (s[p] == ' ' || s[p] == '\t'))
        p++;
    if (!digits(s, len, &p, 4, &y))
        goto bad;
    t.gran = CHR_GRAN_YEAR;
    if (p < len && (s[p] == '-' || (s[p] >= '0' && s[p] <= '9'))) {
        int compact = s[p] != '-';
        if (!compact)
            p++;
        if (!digits(s, len, &p, 2, &mo))
            goto bad;
        t.gran = CHR_GRAN_MONTH;
        if (p < len && (compact ? (s[p] >= '0' && s[p] <= '9') : s[p] == '-')) {
            if (!compact)
                p++;
            if (!digits(s, len, &p, 2, &d))
                goto bad;
            t.gran = CHR_GRAN_DAY;
        } else if (compact) {
            goto bad; /* "201412" is ambiguous */
        }
    }
    if (p < len && t.gran == CHR_GRAN_DAY && (s[p] == 'T' || s[p] == ' ')) {
        p++;
        if (!digits(s, len, &p, 2, &h))
            goto bad;
        t.gran = CHR_GRAN_HOUR;
        if (p < len && s[p] == ':') {
            p++;
            if (!digits(s, len, &p, 2, &mi))
                goto bad;
            t.gran = CHR_GRAN_MINUTE;
            if (p < len && s[p] == ':') {
                p++;
                if (!digits(s, len, &p, 2, &sec))
                    goto bad;
                t.gran = CHR_GRAN_SECOND;
                if (p < len && (s[p] == '.' || s[p] == ',')) {
                    p++;
                    while (p < len && s[p] >= '0' && s[p] <= '9')
                        p++;
                }
            }
        }
        if (h > 24 || mi > 59 || sec > 60 || (h == 24 && (mi || sec)))
            goto impossible;
        if (p < len && s[p] == ' ')
            p++;
        if (p < len && s[p] == 'Z') {
            p++;
            t.flags |= CHR_TIME_HAS_TZ;
            t.tz = 0;
        } else if (p < len && (s[p] == '+' || s[p] == '-')) {
            int sign = s[p] == '-' ? -1 : 1, th, tm = 0;
            p++;
            if (!digits(s, len, &p, 2, &th))
                goto bad;
            if (p < len && s[p] == ':')
                p++;
            if (p < len)
                if (!digits(s, len, &p, 2, &tm))
                    goto bad;
            if (th > 14 || tm > 59)
                goto impossible;
            t.flags |= CHR_TIME_HAS_TZ;
            t.tz = (int16_t)(sign * (th * 60 + tm));
        }
    }
    if (p != len)
        goto bad;
    if (!chr_date_valid(y, mo, d))
        goto impossible;
    if (h == 24) { /* 24:00 is the end of the day */
        h = 0;
        t.day = chr_date_days(y, mo, d) + 1;
    } else {
        t.day = chr_date_days(y, mo, d);
    }
    t.sec = h * 3600 + mi * 60 + sec;
    *out = t;
    return CHR_OK;
bad:
    return chr__error_set(err, CHR_EDATE, "not an ISO 8601 date: '%.*s'", (int)(len > 64 ? 64 : len), s);
impossible:
    return chr__error_set(err, CHR_EDATE, "impossible date: '%.*s'", (int)(len > 64 ? 64 : len), s);
}

/* v (0 <= v < 10^k) in k decimal digits at p, as "%0kd" writes it; returns the end. */
static char *put_digits(char *p, int v, int k) {
    for (int i = k - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + k;
}

size_t chr_time_format(char *buf, size_t n, const chr_time *t) {
    static const char *const season[] = {"", "SP", "SU", "FA", "WI"};
    static const char *const part[] = {"", "MO", "MI", "AF", "EV", "NI", "DT"};
    int y, m, d, iy, w;
    int r;
    if (t->gran == CHR_GRAN_NONE) {
        if (n)
            buf[0] = '\0';
        return 0;
    }
    chr_date_civil(t->day, &y, &m, &d);
    int weeks = t->gran == CHR_GRAN_WEEK || t->gran == CHR_GRAN_WEEKEND;
    if (weeks)
        chr__date_iso_week(t->day, &iy, &w);
    /* the common values written digit by digit, as the formats below write them: a year, month, day or
     * clock time, the parts of a year (a quarter is the most common of them), the weeks and the parts of a
     * day */
    int clock = t->gran == CHR_GRAN_YEAR || t->gran == CHR_GRAN_MONTH || t->gran == CHR_GRAN_DAY ||
                t->gran == CHR_GRAN_HOUR || t->gran == CHR_GRAN_MINUTE;
    if (n >= 20 && y >= 0 && y <= 9999 &&
        ((clock && t->sec >= 0 && t->sec < 100 * 3600) || t->gran == CHR_GRAN_HALF ||
         t->gran == CHR_GRAN_QUARTER || t->gran == CHR_GRAN_SEASON || t->gran == CHR_GRAN_PART_OF_DAY ||
         (weeks && iy >= 0 && iy <= 9999))) {
        char *p = put_digits(buf, weeks ? iy : y, 4);
        switch (t->gran) {
        case CHR_GRAN_YEAR:
            break;
        case CHR_GRAN_MONTH:
        case CHR_GRAN_DAY:
        case CHR_GRAN_HOUR:
        case CHR_GRAN_MINUTE:
            *p++ = '-';
            p = put_digits(p, m, 2);
            if (t->gran == CHR_GRAN_MONTH)
                break;
            *p++ = '-';
            p = put_digits(p, d, 2);
            if (t->gran == CHR_GRAN_DAY)
                break;
            *p++ = 'T';
            p = put_digits(p, (int)(t->sec / 3600), 2);
            *p++ = ':';
            p = put_digits(p, (int)(t->sec / 60 % 60), 2);
            break;
        case CHR_GRAN_HALF:
            *p++ = '-';
            *p++ = 'H';
            *p++ = (char)('0' + (t->sub >= 1 && t->sub <= 2 ? t->sub : 1));
            break;
        case CHR_GRAN_QUARTER:
            *p++ = '-';
            *p++ = 'Q';
            *p++ = (char)('0' + (t->sub >= 1 && t->sub <= 4 ? t->sub : 1));
            break;
        case CHR_GRAN_SEASON:
            *p++ = '-';
            memcpy(p, season[t->sub >= 1 && t->sub <= 4 ? t->sub : 1], 2);
            p += 2;
            break;
        case CHR_GRAN_PART_OF_DAY:
            *p++ = '-';
            p = put_digits(p, m, 2);
            *p++ = '-';
            p = put_digits(p, d, 2);
            *p++ = 'T';
            memcpy(p, part[t->sub >= 1 && t->sub <= 6 ? t->sub : 1], 2);
            p += 2;
            break;
        default: /* a week or a weekend */
            *p++ = '-';
            *p++ = 'W';
            p = put_digits(p, w, 2);
            if (t->gran == CHR_GRAN_WEEKEND) {
                memcpy(p, "-WE", 3);
                p += 3;
            }
            break;
        }
        *p = '\0';
        return (size_t)(p - buf);
    }
    switch (t->gran) {
    case CHR_GRAN_MILLENNIUM:
        r = snprintf(buf, n, "%d", y / 1000);
        break;
    case CHR_GRAN_CENTURY:
        r = snprintf(buf, n, "%02d", y / 100);
        break;
    case CHR_GRAN_DECADE:
        r = snprintf(buf, n, "%03d", y / 10);
        break;
    case CHR_GRAN_YEAR:
        r = snprintf(buf, n, "%04d", y);
        break;
    case CHR_GRAN_HALF:
        r = snprintf(buf, n, "%04d-H%d", y, t->sub >= 1 && t->sub <= 2 ? t->sub : 1);
        break;
    case CHR_GRAN_QUARTER:
        r = snprintf(buf, n, "%04d-Q%d", y, t->sub >= 1 && t->sub <= 4 ? t->sub : 1);
        break;
    case CHR_GRAN_SEASON:
        r = snprintf(buf, n, "%04d-%s", y, season[t->sub >= 1 && t->sub <= 4 ? t->sub : 1]);
        break;
    case CHR_GRAN_MONTH:
        r = snprintf(buf, n, "%04d-%02d", y, m);
        break;
    case CHR_GRAN_WEEK:
        r = snprintf(buf, n, "%04d-W%02d", iy, w);
        break;
    case CHR_GRAN_WEEKEND:
        r = snprintf(buf, n, "%04d-W%02d-WE", iy, w);
        break;
    case CHR_GRAN_DAY:
        r = snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
        break;
    case CHR_GRAN_PART_OF_DAY:
        r = snprintf(buf, n, "%04d-%02d-%02dT%s", y, m, d, part[t->sub >= 1 && t->sub <= 6 ? t->sub : 1]);
        break;
    case CHR_GRAN_HOUR:
    case CHR_GRAN_MINUTE:
        r = snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d", y, m, d, (int)(t->sec / 3600),
                     (int)(t->sec / 60 % 60));
        break;
    case CHR_GRAN_SECOND:
    default:
        r = snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, (int)(t->sec / 3600),
                     (int)(t->sec / 60 % 60), (int)(t->sec % 60));
        break;
    }
    return r < 0 ? 0 : (size_t)r;
}

void chr_time_span(const chr_time *t, int64_t *first_day, int64_t *after_day) {
    int y, m, d;
    chr_date_civil(t->day, &y, &m, &d);
    int64_t a = t->day, b = t->day + 1;
    switch (t->gran) {
    case CHR_GRAN_MILLENNIUM:
        a = chr_date_days(y / 1000 * 1000, 1, 1);
        b = chr_date_days(y / 1000 * 1000 + 1000, 1, 1);
        break;
    case CHR_GRAN_CENTURY:
        a = chr_date_days(y / 100 * 100, 1, 1);
        b = chr_date_days(y / 100 * 100 + 100, 1, 1);
        break;
    case CHR_GRAN_DECADE:
        a = chr_date_days(y / 10 * 10, 1, 1);
        b = chr_date_days(y / 10 * 10 + 10, 1, 1);
        break;
    case CHR_GRAN_YEAR:
        a = chr_date_days(y, 1, 1);
        b = chr_date_days(y + 1, 1, 1);
        break;
    case CHR_GRAN_HALF:
        a = chr_date_days(y, t->sub == 2 ? 7 : 1, 1);
        b = t->sub == 2 ? chr_date_days(y + 1, 1, 1) : chr_date_days(y, 7, 1);
        break;
    case CHR_GRAN_QUARTER: {
        int q = t->sub >= 1 && t->sub <= 4 ? t->sub : 1;
        a = chr_date_days(y, (q - 1) * 3 + 1, 1);
        b = q == 4 ? chr_date_days(y + 1, 1, 1) : chr_date_days(y, q * 3 + 1, 1);
        break;
    }
    case CHR_GRAN_SEASON: {
        /* meteorological seasons: SP Mar-May, SU Jun-Aug, FA Sep-Nov, WI Dec-Feb */
        int s = t->sub >= 1 && t->sub <= 4 ? t->sub : 1;
        a = chr_date_days(y, s * 3, 1);
        b = s == 4 ? chr_date_days(y + 1, 3, 1) : chr_date_days(y, s * 3 + 3, 1);
        break;
    }
    case CHR_GRAN_MONTH:
        a = chr_date_days(y, m, 1);
        b = m == 12 ? chr_date_days(y + 1, 1, 1) : chr_date_days(y, m + 1, 1);
        break;
    case CHR_GRAN_WEEK:
        a = t->day - (chr_date_weekday(t->day) - 1);
        b = a + 7;
        break;
    case CHR_GRAN_WEEKEND:
        a = t->day - (chr_date_weekday(t->day) - 1) + 5;
        b = a + 2;
        break;
    default:
        break;
    }
    *first_day = a;
    *after_day = b;
}
