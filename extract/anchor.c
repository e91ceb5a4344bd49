/* anchor.c: turns a rule match into a TIMEX3 value. The rule's value template is filled from the
 * match's named groups, then either taken as a literal value ("1979", "P{n:num}D") or evaluated as a
 * function against the document creation time (DCT) or the time being talked about (the reference).
 *
 * The templates are filled by template.c.
 * Functions (arguments may be empty):
 *   rel(UNIT, N)              the DCT's UNIT shifted by N ("last week": rel(week,-1)); N may be -X / +X
 *   ref(UNIT, N)              the reference time shifted by N UNITs ("a year earlier", "the next day")
 *   weekday(D, POD, DIR)      day D (1 = Monday) by tense, or DIR -1 / +1 / 0 (last / next / this)
 *   month(M, DIR[, M2])  monthday(M, D, DIR[, WD])  season(S, DIR)  quarter(Q, DIR)  half(H, DIR)
 *                             (WD: the weekday written with the day, which picks its year; M2: the month
 *                             that ends a range M opens, "April-June", whose year M takes, or the one before)
 *   pod(N, P)                 part P (MO AF EV NI) of the DCT day + N
 *   time(H, M, AMPM, N)       a clock time on the reference day (DCT + N days)
 *   dtime(H, M, AMPM, N)      a clock time on the DCT's day + N ("9 a.m. tomorrow")
 *   weekendof(M, N, Y)        the weekend of the first Saturday from day N of month M (N 28: its last)
 *   weekof(M, D, Y[, we])     the ISO week holding day D of month M (we: that week's weekend)
 *   weekdayof(M, N, D, Y)     the first weekday D (1 = Monday) from day N of month M (N 28: its last D):
 *                             "the first Monday in October"
 *   monthref(M, N[, D])       month M (day D) of the reference year shifted by N ("February of that year",
 *                             "Jan. 17 of that year")
 *   seasonafter(S, N)         the first season S after (N = 1) or the last before (N = -1) the reference
 *   holiday(NAME, YEAR, DIR, WE)  a holiday from the "holiday" table (MM-DD, nth weekday "11:4:4", or
 *                             easter; the last two shifted by days: "11:4:4+1" Black Friday, "11:4:4-1"
 *                             Thanksgiving Eve, "easter-2" Good Friday); WE "we": the weekend it makes
 *                             ("Labor Day weekend"), "5+":
 *                             the first Friday after it, "5-" the last before it
 *   holtime(NAME, H, M, AMPM, P)  a clock time on a holiday ("midnight on New Year's Eve"), or its part of
 *                             the day P (MO AF EV NI: "Christmas Eve night")
 * UNIT is day, week, weekend, month, quarter, half, season, year, decade, century.
 *
 * Exports chr__anchor_resolve. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define MAXV 64
/* how far (bytes) a quarter mentioned before "a year ago" still decides its granularity */
#define PERIOD_REACH 1200
/* how far after the DCT a month-day of a past-tense sentence may fall and still be this year's */
#define NEAR_DAYS 92
/* how many days before the DCT a day after until/through/till with no tense may be and still be past */
#define UNTIL_RECENT_DAYS 31
/* how many bytes may separate a weekday from the day listed before it ("Thursday night and ... Friday") */
#define LIST_GAP 40
/* how many quarters back a quarter of a future-tense sentence may be and still be this year's */
#define QUARTERS_BACK 1
/* how far (bytes) after a date of a past episode a month or month-day without a year is still of it */
#define STORY_REACH 600

/* ---- function evaluation ---- */

/* The functions a value may call, found by name once (parse_call), not by a chain of strcmp at each match. */
enum fn {
    FN_UNKNOWN,
    FN_REL, FN_REF, FN_SEQ, FN_WEEKDAY, FN_POD, FN_MONTH, FN_MONTHDAY, FN_WEEKENDOF, FN_WEEKOF, FN_SEASON,
    FN_QUARTER, FN_HALF, FN_TIME, FN_DTIME, FN_VAGUE, FN_YEARSPAN, FN_DATETIME, FN_DECADE, FN_CENTURY,
    FN_WEEKEND, FN_QUARTERYEAR, FN_HALFYEAR, FN_SEASONYEAR, FN_YEARAGO, FN_PERIODIN, FN_WDTIME,
    FN_SEASONAFTER, FN_MONTHIN, FN_MONTHREF, FN_LONG, FN_REFPOD, FN_HOLIDAY, FN_WEEKDAYOF,
    FN_HOLTIME,
};

/* the most called first (in news) */
#define FN(name, fn) {name, sizeof name - 1, fn}
static const struct {
    const char *name;
    size_t len;
    enum fn fn;
} fns[] = {
    FN("rel", FN_REL), FN("weekday", FN_WEEKDAY), FN("monthday", FN_MONTHDAY), FN("month", FN_MONTH),
    FN("quarteryear", FN_QUARTERYEAR), FN("yearago", FN_YEARAGO), FN("vague", FN_VAGUE),
    FN("seasonyear", FN_SEASONYEAR), FN("ref", FN_REF), FN("time", FN_TIME), FN("pod", FN_POD),
    FN("wdtime", FN_WDTIME), FN("weekend", FN_WEEKEND), FN("monthin", FN_MONTHIN), FN("holiday", FN_HOLIDAY),
    FN("century", FN_CENTURY), FN("periodin", FN_PERIODIN), FN("seq", FN_SEQ), FN("long", FN_LONG),
    FN("decade", FN_DECADE), FN("datetime", FN_DATETIME), FN("weekof", FN_WEEKOF), FN("refpod", FN_REFPOD),
    FN("yearspan", FN_YEARSPAN), FN("monthref", FN_MONTHREF), FN("halfyear", FN_HALFYEAR),
    FN("dtime", FN_DTIME), FN("weekendof", FN_WEEKENDOF), FN("season", FN_SEASON), FN("quarter", FN_QUARTER),
    FN("half", FN_HALF), FN("seasonafter", FN_SEASONAFTER), FN("weekdayof", FN_WEEKDAYOF),
    FN("holtime", FN_HOLTIME),
};
#undef FN

typedef struct call {
    enum fn fn;
    char arg[6][MAXV];
    int nargs;
} call;

static int parse_call(call *c, const char *v)
{
    const char *open = strchr(v, '(');
    size_t vl = strlen(v);
    if (!open || vl < 3 || v[vl - 1] != ')')
        return 0;
    size_t nl = (size_t)(open - v);
    if (nl == 0 || nl >= 32)
        return 0;
    for (size_t i = 0; i < nl; i++)
        if (!isalpha((unsigned char)v[i]))
            return 0;
    c->fn = FN_UNKNOWN; /* a call all the same: it resolves to nothing */
    for (size_t i = 0; i < sizeof fns / sizeof *fns && !c->fn; i++)
        if (fns[i].len == nl && fns[i].name[0] == v[0] && !memcmp(fns[i].name, v, nl))
            c->fn = fns[i].fn;
    c->nargs = 0;
    const char *p = open + 1, *end = v + vl - 1;
    while (p <= end && c->nargs < 6) {
        const char *q = p;
        while (q < end && *q != ',')
            q++;
        size_t al = (size_t)(q - p);
        while (al && isspace((unsigned char)*p)) {
            p++;
            al--;
        }
        while (al && isspace((unsigned char)p[al - 1]))
            al--;
        if (al >= MAXV)
            al = MAXV - 1;
        memcpy(c->arg[c->nargs], p, al);
        c->arg[c->nargs][al] = '\0';
        c->nargs++;
        p = q + 1;
        if (q >= end)
            break;
    }
    for (int i = c->nargs; i < 6; i++)
        c->arg[i][0] = '\0';
    return 1;
}

/* Do the words right before offset at read phrase (lower case, one space between words), whatever the
 * case and the blanks between them? */
static int words_before(const char *text, size_t at, const char *phrase)
{
    size_t i = at, k = strlen(phrase);
    while (i > 0 && isspace((unsigned char)text[i - 1]))
        i--;
    while (k > 0) {
        if (phrase[k - 1] == ' ') {
            if (i == 0 || !isspace((unsigned char)text[i - 1]))
                return 0;
            while (i > 0 && isspace((unsigned char)text[i - 1]))
                i--;
        } else {
            if (i == 0 || tolower((unsigned char)text[i - 1]) != phrase[k - 1])
                return 0;
            i--;
        }
        k--;
    }
    return i == 0 || !isalnum((unsigned char)text[i - 1]);
}

/* Is the expression of c the day something was put off to ("postponed until Friday", "delayed to
 * Monday", "extended to March 31")? */
static int postponed(const chr__anchor_ctx *ctx, const chr__cand *c)
{
    static const char *const verbs[] = {"postponed", "delayed", "adjourned", "deferred", "rescheduled",
                                        "put off", "pushed back", "moved back", "extended"};
    static const char *const signals[] = {"until", "till", "to", "for"};
    size_t at = c->start;
    while (at > 0 && isspace((unsigned char)ctx->text[at - 1]))
        at--;
    for (size_t g = 0; g < sizeof signals / sizeof *signals; g++) {
        size_t n = strlen(signals[g]);
        if (!words_before(ctx->text, c->start, signals[g]))
            continue;
        for (size_t v = 0; v < sizeof verbs / sizeof *verbs; v++)
            if (words_before(ctx->text, at - n, verbs[v]))
                return 1;
        return 0;
    }
    return 0;
}

/* Is the expression of c after until, through or till ("through 6 p.m. Thursday")? */
static int until_signal(const chr__anchor_ctx *ctx, const chr__cand *c)
{
    const char *sig = chr__context_signal(ctx->text, ctx->len, c->start);
    return sig && (!strcmp(sig, "until") || !strcmp(sig, "through") || !strcmp(sig, "till"));
}

/* Is the expression of c listed right after the time talked about, a day or a part of one not before the
 * DCT, in the same sentence ("late Thursday night and New England on Friday afternoon")? */
static int next_in_list(const chr__anchor_ctx *ctx, const chr__cand *c)
{
    if (ctx->ref.gran < CHR_GRAN_DAY || ctx->ref.gran == CHR_GRAN_NONE || ctx->ref.day < ctx->dct.day ||
        ctx->ref_end > c->start || c->start - ctx->ref_end > LIST_GAP)
        return 0;
    for (size_t i = ctx->ref_end; i < c->start; i++)
        if (ctx->text[i] == '.' || ctx->text[i] == ';' || ctx->text[i] == '\n')
            return 0;
    return 1;
}

static int direction(const chr__anchor_ctx *ctx, const chr__cand *c, const char *arg)
{
    if (arg[0])
        return atoi(arg);
    size_t s = c->start, en = c->end;
    chr_tense t = chr__context_tense(ctx->e, ctx->text, ctx->len, s, en);
    if (t == CHR_TENSE_FUTURE)
        return 2; /* "coming": the next one, or today */
    if (t == CHR_TENSE_PAST)
        return -2; /* "the last one", or today */
    return -3;     /* unknown or present: the nearest (a weekday: the last one, or today) */
}

/* Pick the year of a yearly date (a month, a day of a month, a quarter) given cmp, roughly how many days
 * the date falls after the DCT when put in the DCT's year, and a direction: -1 last (strictly before),
 * +1 next (strictly after), 0 this year, -2 past-leaning (today allowed), 2 future-leaning, -3 unknown:
 * the nearest one. */
static int pick_year(int dy, int cmp, int dir)
{
    switch (dir) {
    case -1:
        return cmp < 0 ? dy : dy - 1;
    case 1:
        return cmp > 0 ? dy : dy + 1;
    case 0:
        return dy;
    case 2:
        return cmp >= 0 ? dy : dy + 1;
    case -2:
        return cmp <= 0 ? dy : dy - 1;
    default:
        return cmp > 183 ? dy - 1 : cmp < -183 ? dy + 1 : dy;
    }
}

static int set_time(chr_time *out, chr_time t)
{
    *out = t;
    return 1;
}

static int holiday_day(const chr_engine *e, const char *name, int year, int64_t *day)
{
    char key[MAXV];
    chr__key_normalize(key, sizeof key, name, strlen(name));
    const char *v = chr__table_get(e, "holiday", key);
    if (!v)
        return 0;
    int m, d, nth, wd;
    if (!strncmp(v, "easter", 6) && (!v[6] || v[6] == '+' || v[6] == '-')) { /* "easter-2": Good Friday */
        /* anonymous Gregorian computus */
        int a = year % 19, b = year / 100, c = year % 100, dd = b / 4, ee = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - dd - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * ee + 2 * i - h - k) % 7;
        int mm = (a + 11 * h + 22 * l) / 451;
        m = (h + l - 7 * mm + 114) / 31;
        d = (h + l - 7 * mm + 114) % 31 + 1;
        *day = chr_date_days(year, m, d) + atoi(v + 6);
        return 1;
    }
    if (sscanf(v, "%d-%d", &m, &d) == 2 && v[2] == '-') {
        if (!chr_date_valid(year, m, d))
            return 0;
        *day = chr_date_days(year, m, d);
        return 1;
    }
    /* "11:4:4" = month 11, 4th Thursday; nth -1 = last; "11:1:1+1" = the day after November's first Monday,
     * "11:4:4-1" the day before Thanksgiving */
    int after = 0, used = 0;
    if (sscanf(v, "%d:%d:%d%n", &m, &nth, &wd, &used) == 3) {
        if (v[used] == '+' || v[used] == '-')
            after = atoi(v + used);
        if (nth > 0) {
            int64_t first = chr_date_days(year, m, 1);
            int off = (wd - chr_date_weekday(first) + 7) % 7;
            *day = first + off + 7 * (nth - 1);
        } else {
            int64_t last = chr_date_days(m == 12 ? year + 1 : year, m == 12 ? 1 : m + 1, 1) - 1;
            int off = (chr_date_weekday(last) - wd + 7) % 7;
            *day = last - off;
        }
        *day += after;
        return 1;
    }
    return 0;
}

/* The year of a date in a story at year sy, given cmp, roughly how many days it falls after the story's
 * date when put in year sy: a story moves on, so the date is the one up to ten months after that date
 * ("In March 1903 she defended her thesis, and in December"), else up to five before it ("lasted until 25
 * January 1945. On 16 December"). */
static int story_year(int sy, int cmp)
{
    return cmp > 10 * 31 ? sy - 1 : cmp < -5 * 31 ? sy + 1 : sy;
}

/* Is a call that used_ref says was counted from the DCT (or would have been, with none) a time told from
 * the writer's day ("Tuesday", "last week", "two years ago"), not just a year picked for a month, a season
 * or a holiday? News is told from its day: no story there (chr__anchor_ctx.story). */
static int deictic(const call *k, int used_ref)
{
    return used_ref == 0 && k->fn != FN_MONTH && k->fn != FN_MONTHDAY && k->fn != FN_HOLIDAY &&
           k->fn != FN_SEASON && k->fn != FN_QUARTER && k->fn != FN_HALF && k->fn != FN_WEEKOF;
}

/* Is the expression of c within reach of a past episode being told (chr__anchor_ctx.story)? With a DCT,
 * two dates written with their old year must have told it ("launched on 16 December 1944 and lasted until
 * 25 January 1945"): one ("Born on May 4, 1950, she died on March 3") is no story. */
static int in_story(const chr__anchor_ctx *ctx, const chr__cand *c)
{
    return ctx->story.gran != CHR_GRAN_NONE && (ctx->story_dates >= 2 || ctx->dct.gran == CHR_GRAN_NONE) &&
           c->start >= ctx->story_end && c->start - ctx->story_end <= STORY_REACH;
}

/* A time counted from the DCT was told: the text is news, told from its day, and holds no story. */
static void told_from_dct(chr__anchor_ctx *ctx)
{
    ctx->deictic = 1;
    ctx->story.gran = CHR_GRAN_NONE;
}

/* Keep the story of ctx up to date with t, the time just resolved from c: a month or day of its own year
 * two years or more before the DCT's starts one (literal: the year was written), one dated from the story
 * moves it on, a time of another year ends it. */
static void follow_story(chr__anchor_ctx *ctx, const chr__cand *c, const chr_time *t, int literal)
{
    int y, m, d, dy = 0, dm, dd;
    chr_date_civil(t->day, &y, &m, &d);
    if (ctx->dct.gran != CHR_GRAN_NONE)
        chr_date_civil(ctx->dct.day, &dy, &dm, &dd);
    int dated = t->gran == CHR_GRAN_MONTH || t->gran == CHR_GRAN_SEASON || t->gran == CHR_GRAN_DAY;
    if (ctx->story_used || (literal && dated && (!dy || y <= dy - 2) && !ctx->deictic)) {
        ctx->story_dates += !ctx->story_used;
        ctx->story = *t;
        ctx->story_end = c->end;
        return;
    }
    if (ctx->story.gran != CHR_GRAN_NONE && t->gran <= CHR_GRAN_DAY) { /* not a bare "early morning" */
        int sy, sm, sd;
        chr_date_civil(ctx->story.day, &sy, &sm, &sd);
        if (y < sy - 1 || y > sy + 1)
            ctx->story.gran = CHR_GRAN_NONE;
    }
}

/* Hour h of a clock time written with ap ("p.m.", "am", or none) on the 24-hour clock: 8 p.m. is 20, 12 a.m.
 * is 0. */
static int hour24(int h, const char *ap)
{
    if ((ap[0] == 'p' || ap[0] == 'P') && h < 12)
        return h + 12;
    if ((ap[0] == 'a' || ap[0] == 'A') && h == 12)
        return 0;
    return h;
}

/* The sub of a part of the day by its TIMEX3 code (MO MI AF EV NI DT): 1 to 6; 0 when code is none of them
 * (as strstr finds it: "" is the first). */
static int pod_sub(const char *code)
{
    const char *pods = "MOMIAFEVNIDT", *p = strstr(pods, code);
    return p && (p - pods) % 2 == 0 ? (int)(p - pods) / 2 + 1 : 0;
}

/* Evaluate a function. Returns 1 with *out set, 0 when it cannot be resolved (no DCT: *und set). */
static int eval_call(chr_time *out, char *und, size_t undn, chr__anchor_ctx *ctx, const chr__cand *c,
                     const call *k, int *used_ref)
{
    const chr_time *dct = &ctx->dct;
    int have = dct->gran != CHR_GRAN_NONE;
    int dy = 0, dm = 0, dd = 0;
    if (have)
        chr_date_civil(dct->day, &dy, &dm, &dd);
    *used_ref = 0;

    if (k->fn == FN_REL || k->fn == FN_REF || k->fn == FN_SEQ) {
        /* seq: the unit after (or before) the one the text talks about, as a whole unit ("the following
         * year" of 1995-05-22 is 1996); ref keeps the reference's own granularity ("a year earlier" of
         * 1989-Q3 is 1988-Q3) */
        const int seq = k->fn == FN_SEQ;
        chr_gran u = chr__time_unit(k->arg[0]);
        if (u == CHR_GRAN_NONE)
            return -1;
        const char *ns = k->arg[1];
        if (strchr(ns, 'X')) {
            snprintf(und, undn, "%s", ns[0] == '-' ? "PAST_REF" : "FUTURE_REF");
            return 0;
        }
        long n = atol(ns);
        int from_ref = (seq || k->fn == FN_REF) && ctx->ref.gran != CHR_GRAN_NONE;
        if (!from_ref && !have) {
            chr__time_underspecified(und, undn, u);
            return 0;
        }
        chr_time t;
        if (from_ref) {
            t = ctx->ref;
            *used_ref = 1;
            if (t.gran > CHR_GRAN_DAY)
                t.gran = CHR_GRAN_DAY;
            /* the reference keeps its own granularity ("a year earlier" of 1989-Q3 is 1988-Q3); when it is
             * coarser than a unit finer than a month ("that day" after "in 2011") only its year and month
             * are known: 2011-XX-XX */
            if (t.gran < u && u > CHR_GRAN_MONTH && t.gran < CHR_GRAN_MONTH) {
                int ry, rm, rd;
                chr_date_civil(t.day, &ry, &rm, &rd);
                snprintf(und, undn, u >= CHR_GRAN_DAY ? "%04d-XX-XX" : "%04d-WXX", ry);
                return 0;
            }
            if ((t.gran < u && u > CHR_GRAN_MONTH) || (seq && t.gran >= u) || (n == 0 && u < t.gran))
                t = chr__time_period(&t, u); /* and "later that year" of March 2012 is 2012, not March */
            else
                t = chr__time_period(&t, t.gran);
        } else if (u > CHR_GRAN_PART_OF_DAY && dct->gran <= CHR_GRAN_DAY) {
            /* hours or minutes back from a document date with no time of day ("two hours ago"): the clock
             * is unknown, the day is the document's (a shift from its midnight would name the day before) */
            return set_time(out, chr__time_period(dct, CHR_GRAN_DAY));
        } else {
            /* hours back from 20:58 are counted from 20:58, not from 20:00 */
            t = chr__time_period(dct, u > CHR_GRAN_PART_OF_DAY && dct->gran > u ? dct->gran : u);
        }
        chr__time_shift(&t, u, n);
        if (u == CHR_GRAN_WEEKEND)
            t.gran = CHR_GRAN_WEEKEND;
        return set_time(out, t);
    }
    if (k->fn == FN_WEEKDAY) {
        int wd = atoi(k->arg[0]);
        if (wd < 1 || wd > 7)
            return -1;
        if (!have) {
            snprintf(und, undn, "XXXX-WXX-%d", wd);
            return 0;
        }
        int dir = direction(ctx, c, k->arg[2]);
        if ((dir == -3 || dir == -2) && postponed(ctx, c))
            dir = 2; /* "The hearing was postponed until Friday": to a day to come, whatever the tense */
        if (dir == -3) {
            /* "remains in effect through 6 p.m. Thursday": in the present, or with no tense, what lasts
             * until a weekday lasts until the coming one; and "as early as Monday night" is to come */
            if (until_signal(ctx, c) || words_before(ctx->text, c->start, "as early as") ||
                words_before(ctx->text, c->start, "as soon as"))
                dir = 2;
        }
        int cur = chr_date_weekday(dct->day);
        int64_t day;
        int back = (cur - wd + 7) % 7, fwd = (wd - cur + 7) % 7;
        switch (dir) {
        case -1:
            day = dct->day - (back ? back : 7);
            break;
        case 1:
            day = dct->day + (fwd ? fwd : 7);
            break;
        case 0:
            day = dct->day - (cur - wd);
            break;
        case 2:
            day = dct->day + fwd;
            break;
        default:
            day = dct->day - back;
            /* "to reach the mid-Atlantic late Thursday night and New England on Friday afternoon" (on a
             * Thursday): with no tense, a weekday listed right after a day not before the DCT, one or two
             * days after that day's weekday, follows it ("statements made Friday and Thursday" do not) */
            if (next_in_list(ctx, c) && day < ctx->ref.day) {
                int ahead = (wd - chr_date_weekday(ctx->ref.day) + 7) % 7;
                if (ahead >= 1 && ahead <= 2)
                    day = ctx->ref.day + ahead;
            }
            break;
        }
        if (k->arg[3][0]) { /* "a week from Friday": so many days or weeks after the weekday */
            long n = atol(k->arg[3]);
            int unit = !strcmp(k->arg[4], "W") ? 7 : !strcmp(k->arg[4], "D") ? 1 : 0;
            if (!unit || n < 0 || n > 520)
                return -1;
            day += n * unit;
        }
        chr_time t = {.day = day, .gran = CHR_GRAN_DAY};
        int sub = k->arg[1][0] ? pod_sub(k->arg[1]) : 0;
        if (sub) {
            t.gran = CHR_GRAN_PART_OF_DAY;
            t.sub = (int8_t)sub;
        }
        return set_time(out, t);
    }
    if (k->fn == FN_POD) {
        if (!have) {
            snprintf(und, undn, "XXXX-XX-XXT%.2s", k->arg[1]);
            return 0;
        }
        int sub = pod_sub(k->arg[1]);
        if (!sub)
            return -1;
        chr_time t = {.day = dct->day + atol(k->arg[0]), .gran = CHR_GRAN_PART_OF_DAY, .sub = (int8_t)sub};
        return set_time(out, t);
    }
    if (k->fn == FN_MONTH && k->arg[2][0]) {
        /* the first month of a range, "April-June": in the year of the month that ends it, found as that
         * month alone would be, or in the year before when it comes later in the calendar ("November-
         * February") */
        int m = atoi(k->arg[0]), m2;
        call k2 = *k;
        chr_time end;
        snprintf(k2.arg[0], MAXV, "%s", k->arg[2]);
        k2.arg[2][0] = '\0';
        snprintf(k2.arg[3], MAXV, "until"); /* the range lasts until it, as "through June" does */
        int rc = eval_call(&end, und, undn, ctx, c, &k2, used_ref);
        if (m < 1 || m > 12 || rc <= 0) {
            if (rc == 0 && m >= 1 && m <= 12)
                snprintf(und, undn, "XXXX-%02d", m);
            return m < 1 || m > 12 ? -1 : rc;
        }
        int y, d;
        chr_date_civil(end.day, &y, &m2, &d);
        if (m > m2)
            y--;
        return set_time(out, (chr_time){.day = chr_date_days(y, m, 1), .gran = CHR_GRAN_MONTH});
    }
    if (k->fn == FN_MONTH || k->fn == FN_MONTHDAY) {
        int m = atoi(k->arg[0]);
        int isday = k->fn == FN_MONTHDAY;
        int d = isday ? atoi(k->arg[1]) : 1;
        if (m < 1 || m > 12 || d < 1 || d > 31)
            return -1;
        if (in_story(ctx, c)) {
            int dir = direction(ctx, c, k->arg[isday ? 2 : 1]);
            if (dir != 1 && dir != 2) {
                /* "launched on 16 December 1944 ... On 19 December": a year of the episode, the one
                 * story_year picks (with or without a DCT) */
                int sy, sm, sd;
                chr_date_civil(ctx->story.day, &sy, &sm, &sd);
                int cmp = (m - sm) * 31 + (isday && ctx->story.gran == CHR_GRAN_DAY ? d - sd : 0);
                int y = story_year(sy, cmp);
                if (!chr_date_valid(y, m, d))
                    return -1;
                ctx->story_used = 1;
                return set_time(out, (chr_time){.day = chr_date_days(y, m, d),
                                                .gran = isday ? CHR_GRAN_DAY : CHR_GRAN_MONTH});
            }
        }
        if (!have) {
            if (isday)
                snprintf(und, undn, "XXXX-%02d-%02d", m, d);
            else
                snprintf(und, undn, "XXXX-%02d", m);
            return 0;
        }
        int dir = direction(ctx, c, k->arg[isday ? 2 : 1]);
        int cmp = isday ? (m - dm) * 31 + (d - dd) : (m - dm) * 31;
        /* a day a few weeks after the DCT in a past-tense sentence is still this year's ("said the offer
         * expires Nov. 21"): news gives the year of a day almost a year back */
        if (isday && dir == -2 && cmp > 0 && cmp <= NEAR_DAYS)
            dir = 0;
        /* "keeps the government open through Sept. 30" (on 2025-03-14): with no tense, what lasts until a day
         * more than a month back lasts until its coming one ("Through Oct. 19, funds have returned", a week
         * back, stays; a month stays too: "this year through August") */
        if ((dir == -3 || dir == -2) && postponed(ctx, c))
            dir = 2; /* "The deadline was extended to March 31": to a day to come, whatever the tense */
        int y = pick_year(dy, cmp, dir);
        if (isday && dir == -3 && chr_date_valid(y, m, d) &&
            chr_date_days(y, m, d) < dct->day - UNTIL_RECENT_DAYS && until_signal(ctx, c))
            y = pick_year(dy, cmp, 2);
        /* the same for a month more than two back: "The contract runs through June" (in November) */
        if (!isday && dir == -3 && y == dy && m < dm - 2 &&
            (!strcmp(k->arg[3], "until") || until_signal(ctx, c)))
            y = pick_year(dy, cmp, 2);
        /* "Monday, March 2": of the year next to the DCT's whose March 2 is a Monday, when one alone is */
        int wd = isday ? atoi(k->arg[3]) : 0;
        if (wd >= 1 && wd <= 7 && chr_date_valid(y, m, d) && chr_date_weekday(chr_date_days(y, m, d)) != wd) {
            int fit = 0, fits = 0;
            for (int yy = dy - 1; yy <= dy + 1; yy++)
                if (chr_date_valid(yy, m, d) && chr_date_weekday(chr_date_days(yy, m, d)) == wd) {
                    fit = yy;
                    fits++;
                }
            if (fits == 1)
                y = fit;
        }
        if (!chr_date_valid(y, m, d))
            return -1;
        chr_time t = {.day = chr_date_days(y, m, d), .gran = isday ? CHR_GRAN_DAY : CHR_GRAN_MONTH};
        return set_time(out, t);
    }
    if (k->fn == FN_WEEKENDOF || k->fn == FN_WEEKDAYOF) {
        /* "the last weekend of May": the weekend of the first Saturday on or after day N of the month (N from
         * table monthweek: 1, 8, 15, 22), or of its last Saturday (N 28); the year as monthday picks it.
         * "the first Monday in October": the day itself, of weekday D */
        int m = atoi(k->arg[0]), n = atoi(k->arg[1]), y;
        int wd = k->fn == FN_WEEKDAYOF ? atoi(k->arg[2]) : 6;
        const char *year = k->arg[k->fn == FN_WEEKDAYOF ? 3 : 2];
        if (m < 1 || m > 12 || n < 1 || n > 28 || wd < 1 || wd > 7)
            return -1;
        if (year[0]) {
            y = atoi(year);
        } else {
            call k2 = *k;
            chr_time md;
            k2.fn = FN_MONTHDAY;
            snprintf(k2.arg[1], MAXV, "%d", n);
            k2.arg[2][0] = k2.arg[3][0] = '\0';
            int rc = eval_call(&md, und, undn, ctx, c, &k2, used_ref);
            if (rc <= 0) {
                snprintf(und, undn, k->fn == FN_WEEKDAYOF ? "XXXX-%02d-XX" : "XXXX-WXX-WE", m);
                return rc;
            }
            int dmd;
            chr_date_civil(md.day, &y, &m, &dmd);
        }
        if (y < 1 || y > 9999)
            return -1;
        int64_t day;
        if (n == 28) {
            int last = 31;
            while (!chr_date_valid(y, m, last))
                last--;
            day = chr_date_days(y, m, last);
            day -= (chr_date_weekday(day) - wd + 7) % 7; /* back to its last weekday D (a Saturday) */
        } else {
            day = chr_date_days(y, m, n);
            day += (wd - chr_date_weekday(day) + 7) % 7; /* on to its weekday D */
        }
        if (k->fn == FN_WEEKDAYOF)
            return set_time(out, (chr_time){.day = day, .gran = CHR_GRAN_DAY});
        chr_time t = chr__time_period(&(chr_time){.day = day, .gran = CHR_GRAN_DAY}, CHR_GRAN_WEEK);
        t.gran = CHR_GRAN_WEEKEND;
        return set_time(out, t);
    }
    if (k->fn == FN_WEEKOF) {
        /* "the week of Dec. 8": the ISO week holding the day (of the year given, else the year monthday
         * picks) */
        chr_time dd;
        if (k->arg[2][0]) {
            int y = atoi(k->arg[2]), m = atoi(k->arg[0]), d = atoi(k->arg[1]);
            if (!chr_date_valid(y, m, d))
                return -1;
            dd = (chr_time){.day = chr_date_days(y, m, d), .gran = CHR_GRAN_DAY};
        } else {
            call k2 = *k;
            k2.fn = FN_MONTHDAY;
            k2.arg[2][0] = k2.arg[3][0] = '\0'; /* no direction, no weekday */
            int rc = eval_call(&dd, und, undn, ctx, c, &k2, used_ref);
            if (rc <= 0)
                return rc; /* no DCT: XXXX-12-08, the day is all that is known */
        }
        chr_time w = chr__time_period(&dd, CHR_GRAN_WEEK);
        if (!strcmp(k->arg[3], "we"))
            w.gran = CHR_GRAN_WEEKEND; /* "the weekend of Oct. 4-5": that week's weekend */
        return set_time(out, w);
    }
    if (k->fn == FN_SEASON || k->fn == FN_QUARTER || k->fn == FN_HALF) {
        int q = atoi(k->arg[0]);
        chr_gran g = k->fn == FN_SEASON    ? CHR_GRAN_SEASON
                     : k->fn == FN_QUARTER ? CHR_GRAN_QUARTER
                                           : CHR_GRAN_HALF;
        int maxq = g == CHR_GRAN_HALF ? 2 : 4;
        if (q < 1 || q > maxq)
            return -1;
        /* the year: from the reference when it is a year or finer in the same year, else the DCT */
        if (!have) {
            static const char *const sn[] = {"SP", "SU", "FA", "WI"};
            if (g == CHR_GRAN_SEASON)
                snprintf(und, undn, "XXXX-%s", sn[q - 1]);
            else
                snprintf(und, undn, "XXXX-%c%d", g == CHR_GRAN_QUARTER ? 'Q' : 'H', q);
            return 0;
        }
        chr_time now = chr__time_period(dct, g);
        int dir = direction(ctx, c, k->arg[1]);
        int span = g == CHR_GRAN_HALF ? 183 : 92;
        /* results are reported after the quarter ends: "third-quarter profit will ..." in the fourth
         * quarter is this year's third quarter */
        if (g != CHR_GRAN_SEASON && dir == 2 && q < now.sub && now.sub - q <= QUARTERS_BACK)
            dir = 0;
        int y = pick_year(dy, (q - now.sub) * span, dir);
        /* in January and February it is the winter of the year before; "this spring" is still the one
         * of the calendar year */
        if (g == CHR_GRAN_SEASON && now.sub == 4 && dm <= 2 && !(dir == 0 && q != 4))
            y = pick_year(dy - 1, (q - now.sub) * span, dir);
        chr_time t = {.gran = g, .sub = (int8_t)q};
        t.day = g == CHR_GRAN_SEASON ? chr_date_days(y, q * 3, 1)
                                     : chr_date_days(y, g == CHR_GRAN_QUARTER ? (q - 1) * 3 + 1 : (q - 1) * 6 + 1, 1);
        return set_time(out, t);
    }
    if (k->fn == FN_TIME || k->fn == FN_DTIME) {
        int on_dct = k->fn == FN_DTIME; /* dtime: on the DCT's day + N, whatever the reference */
        int h = atoi(k->arg[0]), mi = k->arg[1][0] ? atoi(k->arg[1]) : 0;
        const char *ap = k->arg[2];
        if (h < 0 || h > 24 || mi < 0 || mi > 59)
            return -1;
        h = hour24(h, ap);
        if (!have) {
            snprintf(und, undn, "XXXX-XX-XXT%02d:%02d", h, mi);
            return 0;
        }
        chr_time base = *dct;
        if (!on_dct && ctx->ref.gran >= CHR_GRAN_DAY && ctx->ref.gran != CHR_GRAN_NONE) {
            base = ctx->ref;
            *used_ref = 1;
            if (base.day != dct->day) {
                /* a clock time whose tense disagrees with the side of the DCT its reference day is on
                 * ("... until Wednesday afternoon. The snow fell between 2 a.m. and 6 a.m.") is on the DCT's
                 * day */
                chr_tense tn = chr__context_tense(ctx->e, ctx->text, ctx->len, c->start, c->end);
                if ((tn == CHR_TENSE_PAST && base.day > dct->day) ||
                    (tn == CHR_TENSE_FUTURE && base.day < dct->day)) {
                    base = *dct;
                    *used_ref = 0;
                }
            }
        }
        chr_time t = {.day = base.day + atol(k->arg[3]), .sec = h * 3600 + mi * 60, .gran = CHR_GRAN_MINUTE};
        /* "the outage began shortly after midnight": told in the past on the document's day, midnight is
         * the one that began that day (the day before at 24:00), not the one that ends it */
        if (h == 24 && !on_dct && !k->arg[3][0] && t.day == dct->day &&
            chr__context_tense(ctx->e, ctx->text, ctx->len, c->start, c->end) == CHR_TENSE_PAST)
            t.day--;
        return set_time(out, t);
    }
    if (k->fn == FN_VAGUE) {
        static const char *const forms[][2] = {{"day", "PXD"},     {"week", "PXW"},   {"month", "PXM"},
                                               {"year", "PXY"},    {"decade", "PXDE"}, {"century", "PXCE"},
                                               {"hour", "PTXH"},   {"minute", "PTXM"}, {"quarter", "PXQ"},
                                               {"weekend", "PXWE"}};
        for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
            if (!strcmp(k->arg[0], forms[i][0])) {
                snprintf(und, undn, "%s", forms[i][1]);
                return 0;
            }
        return -1;
    }
    if (k->fn == FN_YEARSPAN) {
        /* "1989-90", "2010-15", "1999-00": the years from the first to the one the two digits name (the
         * first such year after it), both counted; a span that would wrap into the next century by ten years
         * or more is none */
        int y = atoi(k->arg[0]), yy = atoi(k->arg[1]);
        if (y <= 0 || yy < 0 || yy > 99)
            return -1;
        int y2 = y - y % 100 + yy;
        if (y2 <= y)
            y2 += 100;
        if (y2 - y >= 10 && yy < y % 100)
            return -1; /* "2014-06" is no span of 93 years (a month, or the start of "2014-06-30T18:00Z") */
        snprintf(und, undn, "P%dY", y2 - y + 1);
        return 0;
    }
    if (k->fn == FN_DATETIME) {
        int y = atoi(k->arg[0]), mo = atoi(k->arg[1]), d = atoi(k->arg[2]), h = atoi(k->arg[3]),
            mi = atoi(k->arg[4]);
        const char *ap = k->arg[5];
        if (!k->arg[0][0]) { /* no year: the day as a month-day */
            call k2 = *k;
            chr_time dd;
            k2.fn = FN_MONTHDAY;
            memcpy(k2.arg[0], k->arg[1], MAXV);
            memcpy(k2.arg[1], k->arg[2], MAXV);
            k2.arg[2][0] = k2.arg[3][0] = '\0'; /* no direction, no weekday (arg 3 is the hour) */
            int rc = eval_call(&dd, und, undn, ctx, c, &k2, used_ref);
            if (rc <= 0)
                return rc;
            chr_date_civil(dd.day, &y, &mo, &d);
        }
        if (!chr_date_valid(y, mo, d) || h > 24 || (h == 24 && mi) || mi > 59)
            return -1; /* 24:00, midnight closing the day ("midnight Dec. 31"), stays on it */
        h = hour24(h, ap);
        chr_time t = {.day = chr_date_days(y, mo, d), .sec = h * 3600 + mi * 60, .gran = CHR_GRAN_MINUTE};
        if (k->arg[0][0])
            *used_ref = -1; /* a full date: anchored on nothing */
        return set_time(out, t);
    }
    if (k->fn == FN_DECADE || k->fn == FN_CENTURY) {
        int n = atoi(k->arg[0]);
        if (k->fn == FN_CENTURY) {
            if (n < 1 || n > 100)
                return -1;
            snprintf(und, undn, "%02d", n - 1);
            return 0;
        }
        if (!have) {
            snprintf(und, undn, "XX%d", n);
            return 0;
        }
        int c = dy / 100;
        if (n * 10 > dy % 100)
            c--;
        snprintf(und, undn, "%02d%d", c, n);
        return 0;
    }
    if (k->fn == FN_WEEKEND) {
        if (!have) {
            snprintf(und, undn, "XXXX-WXX-WE");
            return 0;
        }
        long n;
        int wd = chr_date_weekday(dct->day);
        if (!strcmp(k->arg[0], "T")) {
            /* with no tense, what lasts through the weekend lasts through the coming one ("roads may stay
             * closed through the weekend"), as for a weekday */
            int dir = direction(ctx, c, "");
            n = dir > 0 || wd >= 6 || (dir == -3 && until_signal(ctx, c)) ? 0 : -1;
        } else {
            n = atol(k->arg[0]);
        }
        chr_time t = chr__time_period(dct, CHR_GRAN_WEEK);
        chr__time_shift(&t, CHR_GRAN_WEEK, n);
        t.gran = CHR_GRAN_WEEKEND;
        return set_time(out, t);
    }
    if (k->fn == FN_QUARTERYEAR || k->fn == FN_HALFYEAR || k->fn == FN_SEASONYEAR) {
        int seasonal = k->fn == FN_SEASONYEAR;
        const char *ys = seasonal ? k->arg[2] : k->arg[1];
        int y = isdigit((unsigned char)ys[0]) ? atoi(ys) : 0;
        if (ys[0] == '@' && have) /* "@-1": the DCT's year shifted ("last year's third quarter") */
            y = dy + atoi(ys + 1);
        int q = atoi(k->arg[0]);
        if (!y) {
            call k2 = *k;
            k2.fn = k->fn == FN_QUARTERYEAR ? FN_QUARTER : k->fn == FN_HALFYEAR ? FN_HALF : FN_SEASON;
            snprintf(k2.arg[1], MAXV, "%s", seasonal ? k->arg[1] : "");
            if (!seasonal && ys[0] && have) /* "the first half of this year" */
                snprintf(k2.arg[1], MAXV, "0");
            return eval_call(out, und, undn, ctx, c, &k2, used_ref);
        }
        chr_gran g = k->fn == FN_QUARTERYEAR ? CHR_GRAN_QUARTER
                     : k->fn == FN_HALFYEAR  ? CHR_GRAN_HALF
                                             : CHR_GRAN_SEASON;
        if (q < 1 || q > (g == CHR_GRAN_HALF ? 2 : 4))
            return -1;
        chr_time t = {.gran = g, .sub = (int8_t)q};
        t.day = g == CHR_GRAN_SEASON ? chr_date_days(y, q * 3, 1)
                                     : chr_date_days(y, g == CHR_GRAN_QUARTER ? (q - 1) * 3 + 1 : (q - 1) * 6 + 1, 1);
        if (ys[0] != '@')
            *used_ref = -1;
        return set_time(out, t);
    }
    if (k->fn == FN_YEARAGO) {
        /* "a year ago", "the year-earlier quarter": in results news the period being compared is the
         * quarter (or half, or month) last talked about; otherwise the year before the DCT */
        chr_time t;
        if (ctx->period.gran != CHR_GRAN_NONE && c->start - ctx->period_end < PERIOD_REACH) {
            t = ctx->period;
            *used_ref = 1;
        } else if (have) {
            t = chr__time_period(dct, CHR_GRAN_YEAR);
        } else {
            snprintf(und, undn, "XXXX");
            return 0;
        }
        chr__time_shift(&t, CHR_GRAN_YEAR, -1);
        return set_time(out, t);
    }
    if (k->fn == FN_PERIODIN) {
        /* "the 1988 quarter": the period last talked about, in another year */
        int y = atoi(k->arg[0]);
        if (y < 1 || y > 9999)
            return -1;
        chr_time t = {.day = chr_date_days(y, 1, 1), .gran = CHR_GRAN_YEAR};
        if (ctx->period.gran != CHR_GRAN_NONE) {
            int py, pm, pd;
            chr_date_civil(ctx->period.day, &py, &pm, &pd);
            t = ctx->period;
            t.day = chr_date_days(y, pm, 1);
            *used_ref = 1;
        }
        return set_time(out, t);
    }
    if (k->fn == FN_WDTIME) {
        /* a clock time on a weekday: resolve the day, then put the time on it */
        call k2 = *k;
        k2.fn = FN_WEEKDAY;
        snprintf(k2.arg[1], MAXV, "%s", "");
        snprintf(k2.arg[2], MAXV, "%s", k->arg[4]);
        k2.arg[3][0] = k2.arg[4][0] = '\0'; /* no days after it */
        chr_time d;
        int rc = eval_call(&d, und, undn, ctx, c, &k2, used_ref);
        if (rc <= 0)
            return rc;
        int h = atoi(k->arg[1]), mi = k->arg[2][0] ? atoi(k->arg[2]) : 0;
        const char *ap = k->arg[3];
        if (h > 24 || mi > 59)
            return -1;
        h = hour24(h, ap);
        /* midnight closing the day stays on it: T24:00 */
        d.gran = CHR_GRAN_MINUTE;
        d.sec = h * 3600 + mi * 60;
        return set_time(out, d);
    }
    if (k->fn == FN_HOLTIME) {
        /* a clock time or a part of the day on a holiday: resolve the day, then put the time on it */
        call k2 = *k;
        k2.fn = FN_HOLIDAY;
        k2.arg[1][0] = k2.arg[2][0] = k2.arg[3][0] = '\0'; /* of the year the holiday picks */
        chr_time d;
        int rc = eval_call(&d, und, undn, ctx, c, &k2, used_ref);
        if (rc <= 0)
            return rc;
        if (k->arg[4][0]) {
            int sub = pod_sub(k->arg[4]);
            if (!sub)
                return -1;
            d.gran = CHR_GRAN_PART_OF_DAY;
            d.sub = (int8_t)sub;
            return set_time(out, d);
        }
        int h = atoi(k->arg[1]), mi = k->arg[2][0] ? atoi(k->arg[2]) : 0;
        const char *ap = k->arg[3];
        if (!k->arg[1][0] || h > 24 || (h == 24 && mi) || mi > 59)
            return -1;
        h = hour24(h, ap);
        d.gran = CHR_GRAN_MINUTE; /* midnight closing the day stays on it: T24:00 */
        d.sec = h * 3600 + mi * 60;
        return set_time(out, d);
    }
    if (k->fn == FN_SEASONAFTER) {
        /* "the following spring": the first spring that starts after the time being talked about (the DCT
         * when none was); "the previous winter": the last one that starts before it */
        int q = atoi(k->arg[0]), n = atoi(k->arg[1]);
        if (q < 1 || q > 4 || (n != 1 && n != -1))
            return -1;
        chr_time base;
        if (ctx->ref.gran != CHR_GRAN_NONE) {
            base = ctx->ref;
            *used_ref = 1;
        } else if (have) {
            base = *dct;
        } else {
            static const char *const sn[] = {"SP", "SU", "FA", "WI"};
            snprintf(und, undn, "XXXX-%s", sn[q - 1]);
            return 0;
        }
        int y, bm, bd;
        chr_date_civil(base.day, &y, &bm, &bd);
        if (n > 0)
            while (chr_date_days(y, q * 3, 1) <= base.day)
                y++;
        else
            while (chr_date_days(y, q * 3, 1) >= base.day)
                y--;
        if (y < 1 || y > 9999)
            return -1;
        chr_time t = {.day = chr_date_days(y, q * 3, 1), .gran = CHR_GRAN_SEASON, .sub = (int8_t)q};
        return set_time(out, t);
    }
    if (k->fn == FN_MONTHIN || k->fn == FN_MONTHREF) {
        /* monthin: "June last year", "January this year", in the DCT's year shifted; monthref: "February
         * of that year", "March of the following year", in the year of the time being talked about (the
         * DCT's when none was) */
        int m = atoi(k->arg[0]), y = dy;
        if (m < 1 || m > 12)
            return -1;
        if (k->fn == FN_MONTHREF && ctx->ref.gran != CHR_GRAN_NONE) {
            int rm, rd;
            chr_date_civil(ctx->ref.day, &y, &rm, &rd);
            *used_ref = 1;
        } else if (!have) {
            snprintf(und, undn, "XXXX-%02d", m);
            return 0;
        }
        /* with a day ("Jan. 17 of that year"), that day of the month */
        int d = k->arg[2][0] ? atoi(k->arg[2]) : 0;
        y += atoi(k->arg[1]);
        if (d && !chr_date_valid(y, m, d))
            return -1;
        chr_time t = {.day = chr_date_days(y, m, d ? d : 1), .gran = d ? CHR_GRAN_DAY : CHR_GRAN_MONTH};
        return set_time(out, t);
    }
    if (k->fn == FN_LONG) {
        /* "day-long": one unit; "decades-long": an unknown number of them */
        static const char *const one[][3] = {{"day", "P1D", "PXD"},       {"week", "P1W", "PXW"},
                                             {"month", "P1M", "PXM"},     {"year", "P1Y", "PXY"},
                                             {"decade", "P10Y", "PXDE"}, {"hour", "PT1H", "PTXH"}};
        for (size_t i = 0; i < sizeof one / sizeof *one; i++)
            if (!strcmp(k->arg[0], one[i][0])) {
                snprintf(und, undn, "%s", one[i][k->arg[1][0] ? 2 : 1]);
                return 0;
            }
        return -1;
    }
    if (k->fn == FN_REFPOD) {
        /* "the next morning": a part of the day after (or before) the reference day */
        int sub = pod_sub(k->arg[1]);
        if (!sub || !k->arg[1][0])
            return -1;
        chr_time t;
        if (ctx->ref.gran >= CHR_GRAN_DAY) {
            t = ctx->ref;
            *used_ref = 1;
        } else if (have) {
            t = *dct;
        } else {
            snprintf(und, undn, "XXXX-XX-XXT%.2s", k->arg[1]);
            return 0;
        }
        t.day += atol(k->arg[0]);
        t.sec = 0;
        t.gran = CHR_GRAN_PART_OF_DAY;
        t.sub = (int8_t)sub;
        return set_time(out, t);
    }
    if (k->fn == FN_HOLIDAY) {
        int y = k->arg[1][0] ? atoi(k->arg[1]) : dy;
        /* "On Christmas Eve" of a 1944 story: of the year story_year picks; the clause's tense is looked
         * for only when it picks a year */
        int story = !k->arg[1][0] && in_story(ctx, c);
        int dir = !k->arg[1][0] && (have || story) ? direction(ctx, c, k->arg[2]) : 0;
        story = story && dir != 1 && dir != 2;
        if (story) {
            int sm, sd;
            chr_date_civil(ctx->story.day, &y, &sm, &sd);
        }
        if (!k->arg[1][0] && !have && !story) {
            char key[MAXV];
            chr__key_normalize(key, sizeof key, k->arg[0], strlen(k->arg[0]));
            const char *v = chr__table_get(ctx->e, "holiday", key);
            if (v && v[2] == '-')
                snprintf(und, undn, "XXXX-%s", v);
            else
                snprintf(und, undn, "XXXX-XX-XX");
            return 0;
        }
        int64_t day;
        if (!holiday_day(ctx->e, k->arg[0], y, &day))
            return -1;
        if (!k->arg[1][0]) {
            int cmp = (int)(day - (story ? ctx->story.day : dct->day));
            if (story)
                ctx->story_used = 1;
            int y2 = story ? story_year(y, cmp) : pick_year(y, cmp, dir);
            if (y2 != y && !holiday_day(ctx->e, k->arg[0], y2, &day))
                return -1;
        } else {
            *used_ref = -1; /* "Christmas 2014" */
        }
        chr_time t = {.day = day, .gran = CHR_GRAN_DAY};
        if (k->arg[3][0] >= '1' && k->arg[3][0] <= '7' && (k->arg[3][1] == '+' || k->arg[3][1] == '-')) {
            /* "the Friday after Thanksgiving": the first weekday D after the holiday ("D+"), or the last
             * before it ("D-") */
            int w = chr_date_weekday(day), want = k->arg[3][0] - '0';
            t.day = k->arg[3][1] == '+' ? day + ((want - w + 6) % 7 + 1) : day - ((w - want + 6) % 7 + 1);
        } else if (!strcmp(k->arg[3], "we")) {
            /* "Labor Day weekend": the weekend before a Monday or Tuesday holiday, the one after a
             * Wednesday to Friday one, its own for a Saturday or Sunday */
            int w = chr_date_weekday(day);
            t.day = w <= 2 ? day - (w + 1) : w <= 5 ? day + (6 - w) : w == 6 ? day : day - 1;
            t.gran = CHR_GRAN_WEEKEND;
        }
        return set_time(out, t);
    }
    return -1;
}

/* The stretch of days a duration covers up to the DCT or from it ("the past two years", "over the next three
 * months"): its interval, from the rule's span template "UNIT,N" (N < 0 up to the DCT, N > 0 from it). Not
 * without a DCT, not for a vague count ("the past few days"), not for units finer than a day (a DCT is
 * most often a day) but whole days of hours ("the past 48 hours"), and not in a past episode being told,
 * whose "past two years" are its own. */
static void span(chr_timex *out, const chr__tpl *tmpl, chr__anchor_ctx *ctx, const chr__cand *c)
{
    char s[MAXV];
    if (ctx->dct.gran == CHR_GRAN_NONE || in_story(ctx, c) || chr__template_fill(s, sizeof s, tmpl, ctx, c))
        return;
    char *comma = strchr(s, ',');
    if (!comma || strchr(comma, 'X'))
        return;
    *comma = '\0';
    chr_gran u = chr__time_unit(s);
    long n = strtol(comma + 1, NULL, 10);
    if (u == CHR_GRAN_HOUR && n % 24 == 0) { /* "the past 48 hours": two days */
        u = CHR_GRAN_DAY;
        n /= 24;
    }
    if (u == CHR_GRAN_NONE || u > CHR_GRAN_DAY || n == 0)
        return;
    /* "joined Harvard in 1968 and spent the next three decades there": what came next in a past told (by
     * the verb right before the time) is counted from that past, not from the DCT */
    if (n > 0 && chr__context_past_verb_before(ctx->e, ctx->text, ctx->len, c->start))
        return;
    chr_time now = chr__time_period(&ctx->dct, CHR_GRAN_DAY), far = now;
    chr__time_shift(&far, u, n); /* both ends in: "the past 24 hours" of a day may reach into the day before */
    chr_time_format(out->begin, sizeof out->begin, n < 0 ? &far : &now);
    chr_time_format(out->end_value, sizeof out->end_value, n < 0 ? &now : &far);
    snprintf(out->anchor, sizeof out->anchor, "t0");
}

/* A literal value that is a point or period in time, parsed back so that it can be a reference. A value
 * that opens with four digits and then a dash or its end (the usual one) is read by hand, as sscanf reads
 * it (sscanf cost some 1 M instructions on the 2 MB slice); any other as before. */
static int parse_literal(chr_time *t, const char *v)
{
    int y, m, d, q;
    char c;
    memset(t, 0, sizeof *t);
    size_t l = strlen(v);
    int y4 = l >= 4 ? chr__digits(v, 4) : -1;
    int plain = y4 >= 0 && (l == 4 || v[4] == '-'); /* then y is y4, and the fifth byte the dash */
    if (plain) {
        y = y4;
        c = l > 5 ? v[5] : '\0';
    } else if ((v[0] >= 'A' && v[0] <= 'Z') || (v[0] >= 'a' && v[0] <= 'z')) {
        return 0; /* "XXXX", "PRESENT_REF": no number opens it, so no shape below takes it */
    }
    if (l == 4 && (plain || (sscanf(v, "%4d", &y) == 1 && isdigit((unsigned char)v[3])))) {
        if (y < 1)
            return 0;
        t->day = chr_date_days(y, 1, 1);
        t->gran = CHR_GRAN_YEAR;
        return 1;
    }
    /* "%c" takes the sixth byte whatever it is; the quarter's digit is the seventh */
    if (l == 7 && (plain ? (c == 'Q' || c == 'H') && (q = chr__digits(v + 6, 1)) >= 0
                         : sscanf(v, "%4d-%c%d", &y, &c, &q) == 3 && (c == 'Q' || c == 'H'))) {
        t->gran = c == 'Q' ? CHR_GRAN_QUARTER : CHR_GRAN_HALF;
        if (q < 1 || q > (c == 'Q' ? 4 : 2) || y < 1)
            return 0;
        t->sub = (int8_t)q;
        t->day = chr_date_days(y, c == 'Q' ? (q - 1) * 3 + 1 : (q - 1) * 6 + 1, 1);
        return 1;
    }
    if (l == 7 && (plain && (m = chr__digits(v + 5, 2)) >= 0 ? 1 : sscanf(v, "%4d-%2d", &y, &m) == 2)) {
        if (!chr_date_valid(y, m, 1))
            return -1;
        t->day = chr_date_days(y, m, 1);
        t->gran = CHR_GRAN_MONTH;
        return 1;
    }
    if (l == 10 && (plain && (m = chr__digits(v + 5, 2)) >= 0 && v[7] == '-' &&
                            (d = chr__digits(v + 8, 2)) >= 0
                        ? 1
                        : sscanf(v, "%4d-%2d-%2d", &y, &m, &d) == 3)) {
        if (!chr_date_valid(y, m, d))
            return -1;
        t->day = chr_date_days(y, m, d);
        t->gran = CHR_GRAN_DAY;
        return 1;
    }
    if (l == 16 && v[10] == 'T' && isdigit((unsigned char)v[0])) { /* not "XXXX-WXX-3T12:00" */
        chr_time tt;
        if (chr_time_parse_iso(&tt, v, l, NULL) == 0) {
            *t = tt;
            return 1;
        }
        return -1;
    }
    return 0;
}

int chr__anchor_resolve(chr_timex *out, chr__anchor_ctx *ctx, const chr__cand *c)
{
    const chr__rule *r = &ctx->e->rules[c->rule];
    char v[MAXV];
    ctx->last.gran = CHR_GRAN_NONE;
    ctx->story_used = 0;
    if (chr__template_fill(v, sizeof v, r->tpl.value, ctx, c))
        return 1;
    out->type = r->type;
    out->mod[0] = out->quant[0] = out->freq[0] = out->anchor[0] = '\0';
    if (r->tpl.mod && chr__template_fill(out->mod, sizeof out->mod, r->tpl.mod, ctx, c))
        out->mod[0] = '\0';
    if (r->quant)
        chr__copy(out->quant, sizeof out->quant, r->quant);
    if (r->tpl.freq && chr__template_fill(out->freq, sizeof out->freq, r->tpl.freq, ctx, c))
        out->freq[0] = '\0';
    if (r->tpl.point && out->type == CHR_TIMEX_DURATION) {
        char pv[MAXV], und[MAXV];
        call pk;
        chr_time t;
        int used_ref = 0;
        if (!chr__template_fill(pv, sizeof pv, r->tpl.point, ctx, c) && parse_call(&pk, pv) &&
            eval_call(&t, und, sizeof und, ctx, c, &pk, &used_ref) > 0) {
            chr_time_format(out->begin, sizeof out->begin, &t);
            chr__copy(out->end_value, sizeof out->end_value, out->begin);
            chr__copy(out->anchor, sizeof out->anchor, used_ref > 0 ? ctx->ref_id : used_ref < 0 ? "" : "t0");
        }
    }
    if (r->tpl.span && out->type == CHR_TIMEX_DURATION && !out->begin[0])
        span(out, r->tpl.span, ctx, c);
    call k;
    if (parse_call(&k, v)) {
        chr_time t;
        char und[MAXV] = "";
        int used_ref = 0;
        int rc = eval_call(&t, und, sizeof und, ctx, c, &k, &used_ref);
        if (rc < 0)
            return 1;
        if (rc == 0) {
            chr__copy(out->value, sizeof out->value, und);
            if (deictic(&k, used_ref) && und[0] == 'X' && !strchr(und, 'T')) /* "Friday" with no DCT */
                told_from_dct(ctx);
        } else {
            int y, m, d;
            chr_date_civil(t.day, &y, &m, &d);
            if (y < 1 || y > 9999)
                return 1;
            chr_time_format(out->value, sizeof out->value, &t);
            chr__copy(out->anchor, sizeof out->anchor, used_ref > 0 ? ctx->ref_id : used_ref < 0 ? "" : "t0");
            ctx->last = t;
            if (deictic(&k, used_ref) && t.gran <= CHR_GRAN_DAY)
                told_from_dct(ctx);
            else
                follow_story(ctx, c, &t, used_ref < 0);
            /* a period derived from the last one ("a year ago") does not replace it */
            if ((t.gran == CHR_GRAN_QUARTER || t.gran == CHR_GRAN_HALF) && k.fn != FN_YEARAGO &&
                k.fn != FN_PERIODIN) {
                ctx->period = t;
                ctx->period_end = c->end;
            }
        }
    } else {
        if (r->type == CHR_TIMEX_DURATION)
            chr__duration_exact(v, sizeof v);
        chr__copy(out->value, sizeof out->value, v);
        chr_time t;
        int pr = parse_literal(&t, v);
        if (pr < 0)
            return 1; /* an impossible date such as Feb 30 */
        if (pr > 0 && (r->type == CHR_TIMEX_DATE || r->type == CHR_TIMEX_TIME)) {
            follow_story(ctx, c, &t, 1);
            ctx->last = t;
            if (t.gran == CHR_GRAN_QUARTER || t.gran == CHR_GRAN_HALF) {
                ctx->period = t;
                ctx->period_end = c->end;
            }
        }
    }
    return 0;
}
