/* date.h: the one date model of chronicle.
 *
 * A chr_time is a day number (days since 1970-01-01, proleptic Gregorian) of the first day of a period,
 * seconds into that day, and a granularity. Every output form (TIMEX3 value, ISO interval) is a view of it.
 * The library never reads the clock: reference times are always passed in. */
#ifndef CHRONICLE_DATE_H
#define CHRONICLE_DATE_H

#include <stddef.h>
#include <stdint.h>
#include "chronicle/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum chr_gran {
    CHR_GRAN_NONE = 0,
    CHR_GRAN_MILLENNIUM,
    CHR_GRAN_CENTURY,
    CHR_GRAN_DECADE,
    CHR_GRAN_YEAR,
    CHR_GRAN_HALF,
    CHR_GRAN_QUARTER,
    CHR_GRAN_SEASON,
    CHR_GRAN_MONTH,
    CHR_GRAN_WEEK,
    CHR_GRAN_WEEKEND,
    CHR_GRAN_DAY,
    CHR_GRAN_PART_OF_DAY,
    CHR_GRAN_HOUR,
    CHR_GRAN_MINUTE,
    CHR_GRAN_SECOND
} chr_gran;

/* Flags */
#define CHR_TIME_HAS_TZ 0x01u /* tz is meaningful */

typedef struct chr_time {
    int64_t day;      /* first day of the period, days since 1970-01-01 */
    int32_t sec;      /* seconds into that day (HOUR and finer), else 0 */
    chr_gran gran;    /* CHR_GRAN_NONE: no time at all */
    int8_t sub;       /* HALF: 1-2, QUARTER: 1-4, SEASON: 1=SP 2=SU 3=FA 4=WI,
                         PART_OF_DAY: 1=MO 2=MI 3=AF 4=EV 5=NI 6=DT */
    int16_t tz;       /* minutes east of UTC when CHR_TIME_HAS_TZ */
    uint8_t flags;
} chr_time;

/* Days since 1970-01-01 for a valid proleptic Gregorian date, and back. */
int64_t chr_date_days(int year, int month, int day);
void chr_date_civil(int64_t days, int *year, int *month, int *day);
/* 1 = Monday ... 7 = Sunday */
int chr_date_weekday(int64_t days);
/* 1 if (year, month, day) exists; years 1..9999 */
int chr_date_valid(int year, int month, int day);

/* Parse an ISO 8601 date or timestamp: "2014", "2014-12", "2014-12-03", "2014-12-03T20:58",
 * "2014-12-03T20:58:00-05:00", "2014-12-03 20:58Z", "20141203". Returns CHR_EDATE for impossible dates
 * (2014-02-30), years outside 1..9999 or trailing garbage. */
int chr_time_parse_iso(chr_time *out, const char *s, size_t len, chr_error *err);

/* The TIMEX3 value of t ("2014-12-03", "2014-W48", "2014-12-01TNI", "2014-12-03T20:58", "197", "19").
 * Writes at most n bytes including the NUL; returns the length it needed. */
size_t chr_time_format(char *buf, size_t n, const chr_time *t);

/* First day of the period and the first day after it (end exclusive). */
void chr_time_span(const chr_time *t, int64_t *first_day, int64_t *after_day);

/* Read back a TIMEX3 value that names a point or period in time, the inverse of chr_time_format:
 * "1979", "2014-11", "2014-12-03", "2014-W48", "2014-W48-WE", "2014-Q1", "2014-H2", "2019-SU", "197"
 * (decade), "19" (century), "2" (millennium), "2014-12-01TNI", "2014-12-03T20:58", "2014-12-03T20:58:07"
 * (also "2014-W48-3" and "T24:00", the end of a day). X-values ("XXXX-WXX-1", "2014-XX"), the *_REF values,
 * durations ("P3D") and anything else -> CHR_EDATE. value is NUL-terminated; *out is zeroed (gran NONE)
 * on failure. */
int chr_time_parse_value(chr_time *out, const char *value, chr_error *err);

/* The name of a granularity: "millennium", "century", "decade", "year", "half", "quarter", "season",
 * "month", "week", "weekend", "day", "part_of_day", "hour", "minute", "second"; "" for NONE. */
const char *chr_gran_name(chr_gran g);

#ifdef __cplusplus
}
#endif
#endif
