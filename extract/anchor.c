/* anchor.c: turns a rule match into a TIMEX3 value. The rule's value template is filled from the
 * match's named groups, then either taken as a literal value ("1979", "P{n:num}D") or evaluated as a
 * function against the document creation time (DCT) or the time being talked about (the reference).
 *
 * Template substitutions: {g} the group's text, {g:TABLE} looked up in a rule table, {g:num} a number
 * (digits or words; "X" when vague), {g:yy} a two-digit year made four, {g:2} zero-padded to two digits,
 * {g:upper}; {g:fn|default} when the group did not take part.
 * Functions (arguments may be empty):
 *   rel(UNIT, N)              the DCT's UNIT shifted by N ("last week": rel(week,-1)); N may be -X / +X
 *   ref(UNIT, N)              the reference time shifted by N UNITs ("a year earlier", "the next day")
 *   weekday(D, POD, DIR)      day D (1 = Monday) by tense, or DIR -1 / +1 / 0 (last / next / this)
 *   month(M, DIR)  monthday(M, D, DIR)  season(S, DIR)  quarter(Q, DIR)  half(H, DIR)
 *   pod(N, P)                 part P (MO AF EV NI) of the DCT day + N
 *   time(H, M, AMPM, N)       a clock time on the reference day (DCT + N days)
 *   holiday(NAME, YEAR, DIR)  a holiday from the "holiday" table (MM-DD, or nth weekday, or easter)
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
/* how many quarters back a quarter of a future-tense sentence may be and still be this year's */
#define QUARTERS_BACK 1

/* ---- group access ---- */

static int group_span(const chr_engine *e, const chr__cand *c, const char *name, size_t *s, size_t *en)
{
    const pcre2_code *code = e->rules[c->rule].code;
    PCRE2_SPTR first, last;
    int size = pcre2_substring_nametable_scan(code, (PCRE2_SPTR)name, &first, &last);
    if (size < 0)
        return -1; /* no such group */
    for (PCRE2_SPTR p = first; p <= last; p += size) {
        size_t g = ((size_t)p[0] << 8) | p[1];
        if (g < c->ngroups && c->ovector[2 * g] != PCRE2_UNSET) {
            *s = c->ovector[2 * g];
            *en = c->ovector[2 * g + 1];
            return 1;
        }
    }
    return 0; /* did not take part */
}

/* Lower case, blanks collapsed to one space, dots dropped. */
static void normalize_key(char *out, size_t n, const char *s, size_t len)
{
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < len && o + 1 < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '.')
            continue;
        if (isspace(ch)) {
            space = o > 0;
            continue;
        }
        if (space && o + 2 < n)
            out[o++] = ' ';
        space = 0;
        out[o++] = (char)tolower(ch);
    }
    out[o] = '\0';
}

static const char *table_get(const chr_engine *e, const char *table, const char *key)
{
    const chr__table *t = chr__rules_table(e, table);
    if (!t)
        return NULL;
    const char *v = chr__table_lookup(t, key);
    if (v)
        return v;
    /* keys are written with dots ("sept."), looked up without */
    char k2[128];
    for (size_t i = 0; i < t->n; i++) {
        normalize_key(k2, sizeof k2, t->keys[i], strlen(t->keys[i]));
        if (!strcmp(k2, key))
            return t->vals[i];
    }
    return NULL;
}

/* Parse a number written in digits or words: "3", "1,000", "three", "twenty-four", "a", "a few". */
static int parse_number(const chr_engine *e, const char *s, double *out)
{
    char buf[128];
    normalize_key(buf, sizeof buf, s, strlen(s));
    if (!buf[0])
        return 0;
    if (isdigit((unsigned char)buf[0])) {
        double v = 0, frac = 0, scale = 1;
        int dot = 0;
        for (const char *p = buf; *p; p++) {
            if (*p == ',')
                continue;
            if (*p == '.' && !dot) {
                dot = 1;
                continue;
            }
            if (!isdigit((unsigned char)*p))
                return 0;
            if (dot) {
                scale /= 10;
                frac += (*p - '0') * scale;
            } else
                v = v * 10 + (*p - '0');
        }
        *out = v + frac;
        return 1;
    }
    const char *v = table_get(e, "number", buf);
    if (!v)
        v = table_get(e, "quantity", buf);
    if (v) {
        *out = strcmp(v, "X") ? atof(v) : -1;
        return 1;
    }
    /* "twenty-four", "twenty four", "one hundred" */
    double total = 0, cur = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, " -", &save); tok; tok = strtok_r(NULL, " -", &save)) {
        if (!strcmp(tok, "and"))
            continue;
        const char *tv = table_get(e, "number", tok);
        if (!tv || !strcmp(tv, "X"))
            return 0;
        double x = atof(tv);
        if (x == 100)
            cur = (cur ? cur : 1) * 100;
        else if (x >= 1000) {
            total += (cur ? cur : 1) * x;
            cur = 0;
        } else
            cur += x;
    }
    *out = total + cur;
    return 1;
}

static void format_number(char *out, size_t n, double v)
{
    if (v < 0)
        snprintf(out, n, "X");
    else if (v == (double)(long long)v)
        snprintf(out, n, "%lld", (long long)v);
    else
        snprintf(out, n, "%g", v);
}

static int dct_year(const chr__anchor_ctx *ctx)
{
    if (ctx->dct.gran == CHR_GRAN_NONE)
        return 0;
    int y, m, d;
    chr_date_civil(ctx->dct.day, &y, &m, &d);
    return y;
}

/* Fill the template. Returns 0, or -1 when a group lookup failed (no value). */
static int fill(char *out, size_t n, const char *tpl, const chr__anchor_ctx *ctx, const chr__cand *c)
{
    size_t o = 0;
    for (const char *p = tpl; *p; p++) {
        if (*p != '{') {
            if (o + 1 < n)
                out[o++] = *p;
            continue;
        }
        const char *close = strchr(p, '}');
        if (!close)
            return -1;
        char spec[128];
        size_t sl = (size_t)(close - p - 1);
        if (sl >= sizeof spec)
            return -1;
        memcpy(spec, p + 1, sl);
        spec[sl] = '\0';
        p = close;
        char *dflt = strchr(spec, '|');
        if (dflt)
            *dflt++ = '\0';
        char *fn = strchr(spec, ':');
        if (fn)
            *fn++ = '\0';
        size_t gs, ge;
        char rep[MAXV];
        int have = group_span(ctx->e, c, spec, &gs, &ge);
        if (have <= 0) {
            if (!dflt)
                return -1;
            snprintf(rep, sizeof rep, "%s", dflt);
        } else {
            char raw[128];
            size_t gl = ge - gs < sizeof raw - 1 ? ge - gs : sizeof raw - 1;
            memcpy(raw, ctx->text + gs, gl);
            raw[gl] = '\0';
            if (!fn) {
                snprintf(rep, sizeof rep, "%s", raw);
            } else if (!strcmp(fn, "num")) {
                double v;
                if (!parse_number(ctx->e, raw, &v))
                    return -1;
                format_number(rep, sizeof rep, v);
            } else if (!strcmp(fn, "yy")) {
                int yy = atoi(raw[0] == '\'' || (unsigned char)raw[0] == 0xE2 ? raw + strcspn(raw, "0123456789") : raw);
                int dy = dct_year(ctx);
                int century = dy ? dy / 100 * 100 : 1900;
                int y = century + yy;
                if (dy && y > dy + 10)
                    y -= 100;
                snprintf(rep, sizeof rep, "%04d", y);
            } else if (!strcmp(fn, "2")) {
                snprintf(rep, sizeof rep, "%02d", atoi(raw));
            } else if (!strcmp(fn, "upper")) {
                size_t k = 0;
                for (; raw[k] && k + 1 < sizeof rep; k++)
                    rep[k] = (char)toupper((unsigned char)raw[k]);
                rep[k] = '\0';
            } else {
                char key[128];
                normalize_key(key, sizeof key, raw, strlen(raw));
                const char *v = table_get(ctx->e, fn, key);
                if (!v)
                    return -1;
                snprintf(rep, sizeof rep, "%s", v);
            }
        }
        for (const char *r = rep; *r && o + 1 < n; r++)
            out[o++] = *r;
    }
    out[o] = '\0';
    return 0;
}

/* ---- periods ---- */

static chr_gran unit_gran(const char *u)
{
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

static int season_of_month(int m)
{
    return m == 12 || m <= 2 ? 4 : (m - 3) / 3 + 1;
}

/* The period of granularity g that contains t's first day (and second, for HOUR/MINUTE). */
static chr_time period(const chr_time *t, chr_gran g)
{
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

static int64_t add_months(int64_t day, long n)
{
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
static void shift(chr_time *t, chr_gran u, long n)
{
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
static void underspecified(char *out, size_t n, chr_gran g)
{
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

/* ---- function evaluation ---- */

typedef struct call {
    char name[32];
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
    if (nl == 0 || nl >= sizeof c->name)
        return 0;
    for (size_t i = 0; i < nl; i++)
        if (!isalpha((unsigned char)v[i]))
            return 0;
    memcpy(c->name, v, nl);
    c->name[nl] = '\0';
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

static int direction(const chr__anchor_ctx *ctx, const chr__cand *c, const char *arg)
{
    if (arg[0])
        return atoi(arg);
    size_t s = c->start, en = c->end;
    chr__tense t = chr__context_tense(ctx->e, ctx->text, ctx->len, s, en);
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
    normalize_key(key, sizeof key, name, strlen(name));
    const char *v = table_get(e, "holiday", key);
    if (!v)
        return 0;
    int m, d, nth, wd;
    if (!strcmp(v, "easter")) {
        /* anonymous Gregorian computus */
        int a = year % 19, b = year / 100, c = year % 100, dd = b / 4, ee = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - dd - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * ee + 2 * i - h - k) % 7;
        int mm = (a + 11 * h + 22 * l) / 451;
        m = (h + l - 7 * mm + 114) / 31;
        d = (h + l - 7 * mm + 114) % 31 + 1;
        *day = chr_date_days(year, m, d);
        return 1;
    }
    if (sscanf(v, "%d-%d", &m, &d) == 2 && v[2] == '-') {
        if (!chr_date_valid(year, m, d))
            return 0;
        *day = chr_date_days(year, m, d);
        return 1;
    }
    /* "11:4:4" = month 11, 4th Thursday; nth -1 = last */
    if (sscanf(v, "%d:%d:%d", &m, &nth, &wd) == 3) {
        if (nth > 0) {
            int64_t first = chr_date_days(year, m, 1);
            int off = (wd - chr_date_weekday(first) + 7) % 7;
            *day = first + off + 7 * (nth - 1);
        } else {
            int64_t last = chr_date_days(m == 12 ? year + 1 : year, m == 12 ? 1 : m + 1, 1) - 1;
            int off = (chr_date_weekday(last) - wd + 7) % 7;
            *day = last - off;
        }
        return 1;
    }
    return 0;
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

    if (!strcmp(k->name, "rel") || !strcmp(k->name, "ref")) {
        chr_gran u = unit_gran(k->arg[0]);
        if (u == CHR_GRAN_NONE)
            return -1;
        const char *ns = k->arg[1];
        if (strchr(ns, 'X')) {
            snprintf(und, undn, "%s", ns[0] == '-' ? "PAST_REF" : "FUTURE_REF");
            return 0;
        }
        long n = atol(ns);
        int from_ref = k->name[2] == 'f' && ctx->ref.gran != CHR_GRAN_NONE;
        if (!from_ref && !have) {
            underspecified(und, undn, u);
            return 0;
        }
        chr_time t;
        if (from_ref) {
            t = ctx->ref;
            *used_ref = 1;
            if (t.gran > CHR_GRAN_DAY)
                t.gran = CHR_GRAN_DAY;
            /* the reference keeps its own granularity ("a year earlier" of 1989-Q3 is 1988-Q3), unless it is
             * coarser than the unit and the unit is finer than a month */
            if (t.gran < u && u > CHR_GRAN_MONTH)
                t = period(&t, u);
            else
                t = period(&t, t.gran);
        } else {
            t = period(dct, u);
        }
        shift(&t, u, n);
        if (u == CHR_GRAN_WEEKEND)
            t.gran = CHR_GRAN_WEEKEND;
        return set_time(out, t);
    }
    if (!strcmp(k->name, "weekday")) {
        int wd = atoi(k->arg[0]);
        if (wd < 1 || wd > 7)
            return -1;
        if (!have) {
            snprintf(und, undn, "XXXX-WXX-%d", wd);
            return 0;
        }
        int dir = direction(ctx, c, k->arg[2]);
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
            break;
        }
        chr_time t = {.day = day, .gran = CHR_GRAN_DAY};
        if (k->arg[1][0]) {
            const char *pods = "MOMIAFEVNIDT";
            const char *p = strstr(pods, k->arg[1]);
            if (p && (p - pods) % 2 == 0) {
                t.gran = CHR_GRAN_PART_OF_DAY;
                t.sub = (int8_t)((p - pods) / 2 + 1);
            }
        }
        return set_time(out, t);
    }
    if (!strcmp(k->name, "pod")) {
        if (!have) {
            snprintf(und, undn, "XXXX-XX-XXT%.2s", k->arg[1]);
            return 0;
        }
        const char *pods = "MOMIAFEVNIDT";
        const char *p = strstr(pods, k->arg[1]);
        if (!p || (p - pods) % 2)
            return -1;
        chr_time t = {.day = dct->day + atol(k->arg[0]), .gran = CHR_GRAN_PART_OF_DAY,
                      .sub = (int8_t)((p - pods) / 2 + 1)};
        return set_time(out, t);
    }
    if (!strcmp(k->name, "month") || !strcmp(k->name, "monthday")) {
        int m = atoi(k->arg[0]);
        int isday = k->name[5] == 'd';
        int d = isday ? atoi(k->arg[1]) : 1;
        if (m < 1 || m > 12 || d < 1 || d > 31)
            return -1;
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
        int y = pick_year(dy, cmp, dir);
        if (!chr_date_valid(y, m, d))
            return -1;
        chr_time t = {.day = chr_date_days(y, m, d), .gran = isday ? CHR_GRAN_DAY : CHR_GRAN_MONTH};
        return set_time(out, t);
    }
    if (!strcmp(k->name, "season") || !strcmp(k->name, "quarter") || !strcmp(k->name, "half")) {
        int q = atoi(k->arg[0]);
        chr_gran g = k->name[0] == 's' ? CHR_GRAN_SEASON : k->name[0] == 'q' ? CHR_GRAN_QUARTER : CHR_GRAN_HALF;
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
        chr_time now = period(dct, g);
        int dir = direction(ctx, c, k->arg[1]);
        int span = g == CHR_GRAN_HALF ? 183 : 92;
        /* results are reported after the quarter ends: "third-quarter profit will ..." in the fourth
         * quarter is this year's third quarter */
        if (g != CHR_GRAN_SEASON && dir == 2 && q < now.sub && now.sub - q <= QUARTERS_BACK)
            dir = 0;
        int y = pick_year(dy, (q - now.sub) * span, dir);
        if (g == CHR_GRAN_SEASON && now.sub == 4 && dm <= 2)
            y = pick_year(dy - 1, (q - now.sub) * span, dir);
        chr_time t = {.gran = g, .sub = (int8_t)q};
        t.day = g == CHR_GRAN_SEASON ? chr_date_days(y, q * 3, 1)
                                     : chr_date_days(y, g == CHR_GRAN_QUARTER ? (q - 1) * 3 + 1 : (q - 1) * 6 + 1, 1);
        return set_time(out, t);
    }
    if (!strcmp(k->name, "time")) {
        int h = atoi(k->arg[0]), mi = k->arg[1][0] ? atoi(k->arg[1]) : 0;
        const char *ap = k->arg[2];
        if (h < 0 || h > 24 || mi < 0 || mi > 59)
            return -1;
        if ((ap[0] == 'p' || ap[0] == 'P') && h < 12)
            h += 12;
        if ((ap[0] == 'a' || ap[0] == 'A') && h == 12)
            h = 0;
        if (!have) {
            snprintf(und, undn, "XXXX-XX-XXT%02d:%02d", h, mi);
            return 0;
        }
        chr_time base = *dct;
        if (ctx->ref.gran >= CHR_GRAN_DAY && ctx->ref.gran != CHR_GRAN_NONE) {
            base = ctx->ref;
            *used_ref = 1;
        }
        chr_time t = {.day = base.day + atol(k->arg[3]), .sec = h * 3600 + mi * 60, .gran = CHR_GRAN_MINUTE};
        return set_time(out, t);
    }
    if (!strcmp(k->name, "vague")) {
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
    if (!strcmp(k->name, "datetime")) {
        int y = atoi(k->arg[0]), mo = atoi(k->arg[1]), d = atoi(k->arg[2]), h = atoi(k->arg[3]),
            mi = atoi(k->arg[4]);
        const char *ap = k->arg[5];
        if (!k->arg[0][0]) { /* no year: the day as a month-day */
            call k2 = *k;
            chr_time dd;
            snprintf(k2.name, sizeof k2.name, "monthday");
            memcpy(k2.arg[0], k->arg[1], MAXV);
            memcpy(k2.arg[1], k->arg[2], MAXV);
            k2.arg[2][0] = '\0';
            int rc = eval_call(&dd, und, undn, ctx, c, &k2, used_ref);
            if (rc <= 0)
                return rc;
            chr_date_civil(dd.day, &y, &mo, &d);
        }
        if (!chr_date_valid(y, mo, d) || h > 23 || mi > 59)
            return -1;
        if ((ap[0] == 'p' || ap[0] == 'P') && h < 12)
            h += 12;
        if ((ap[0] == 'a' || ap[0] == 'A') && h == 12)
            h = 0;
        chr_time t = {.day = chr_date_days(y, mo, d), .sec = h * 3600 + mi * 60, .gran = CHR_GRAN_MINUTE};
        return set_time(out, t);
    }
    if (!strcmp(k->name, "decade") || !strcmp(k->name, "century")) {
        int n = atoi(k->arg[0]);
        if (k->name[0] == 'c') {
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
    if (!strcmp(k->name, "weekend")) {
        if (!have) {
            snprintf(und, undn, "XXXX-WXX-WE");
            return 0;
        }
        long n;
        int wd = chr_date_weekday(dct->day);
        if (!strcmp(k->arg[0], "T")) {
            int dir = direction(ctx, c, "");
            n = dir > 0 || wd >= 6 ? 0 : -1;
        } else {
            n = atol(k->arg[0]);
        }
        chr_time t = period(dct, CHR_GRAN_WEEK);
        shift(&t, CHR_GRAN_WEEK, n);
        t.gran = CHR_GRAN_WEEKEND;
        return set_time(out, t);
    }
    if (!strcmp(k->name, "quarteryear") || !strcmp(k->name, "halfyear") || !strcmp(k->name, "seasonyear")) {
        int seasonal = k->name[0] == 's';
        const char *ys = seasonal ? k->arg[2] : k->arg[1];
        int y = isdigit((unsigned char)ys[0]) ? atoi(ys) : 0;
        if (ys[0] == '@' && have) /* "@-1": the DCT's year shifted ("last year's third quarter") */
            y = dy + atoi(ys + 1);
        int q = atoi(k->arg[0]);
        if (!y) {
            call k2 = *k;
            snprintf(k2.name, sizeof k2.name, "%s", k->name[0] == 'q' ? "quarter" : k->name[0] == 'h' ? "half" : "season");
            snprintf(k2.arg[1], MAXV, "%s", seasonal ? k->arg[1] : "");
            if (!seasonal && ys[0] && have) /* "the first half of this year" */
                snprintf(k2.arg[1], MAXV, "0");
            return eval_call(out, und, undn, ctx, c, &k2, used_ref);
        }
        chr_gran g = k->name[0] == 'q' ? CHR_GRAN_QUARTER : k->name[0] == 'h' ? CHR_GRAN_HALF : CHR_GRAN_SEASON;
        if (q < 1 || q > (g == CHR_GRAN_HALF ? 2 : 4))
            return -1;
        chr_time t = {.gran = g, .sub = (int8_t)q};
        t.day = g == CHR_GRAN_SEASON ? chr_date_days(y, q * 3, 1)
                                     : chr_date_days(y, g == CHR_GRAN_QUARTER ? (q - 1) * 3 + 1 : (q - 1) * 6 + 1, 1);
        return set_time(out, t);
    }
    if (!strcmp(k->name, "yearago")) {
        /* "a year ago", "the year-earlier quarter": in results news the period being compared is the
         * quarter (or half, or month) last talked about; otherwise the year before the DCT */
        chr_time t;
        if (ctx->period.gran != CHR_GRAN_NONE && c->start - ctx->period_end < PERIOD_REACH) {
            t = ctx->period;
            *used_ref = 1;
        } else if (have) {
            t = period(dct, CHR_GRAN_YEAR);
        } else {
            snprintf(und, undn, "XXXX");
            return 0;
        }
        shift(&t, CHR_GRAN_YEAR, -1);
        return set_time(out, t);
    }
    if (!strcmp(k->name, "periodin")) {
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
    if (!strcmp(k->name, "wdtime")) {
        /* a clock time on a weekday: resolve the day, then put the time on it */
        call k2 = *k;
        snprintf(k2.name, sizeof k2.name, "weekday");
        snprintf(k2.arg[1], MAXV, "%s", "");
        snprintf(k2.arg[2], MAXV, "%s", k->arg[4]);
        chr_time d;
        int rc = eval_call(&d, und, undn, ctx, c, &k2, used_ref);
        if (rc <= 0)
            return rc;
        int h = atoi(k->arg[1]), mi = k->arg[2][0] ? atoi(k->arg[2]) : 0;
        const char *ap = k->arg[3];
        if (h > 24 || mi > 59)
            return -1;
        if ((ap[0] == 'p' || ap[0] == 'P') && h < 12)
            h += 12;
        if ((ap[0] == 'a' || ap[0] == 'A') && h == 12)
            h = 0;
        if (h == 24) { /* midnight closing the day */
            h = 0;
            d.day++;
        }
        d.gran = CHR_GRAN_MINUTE;
        d.sec = h * 3600 + mi * 60;
        return set_time(out, d);
    }
    if (!strcmp(k->name, "monthin")) {
        /* "June last year", "January this year" */
        int m = atoi(k->arg[0]);
        if (m < 1 || m > 12)
            return -1;
        if (!have) {
            snprintf(und, undn, "XXXX-%02d", m);
            return 0;
        }
        chr_time t = {.day = chr_date_days(dy + atoi(k->arg[1]), m, 1), .gran = CHR_GRAN_MONTH};
        return set_time(out, t);
    }
    if (!strcmp(k->name, "long")) {
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
    if (!strcmp(k->name, "refpod")) {
        /* "the next morning": a part of the day after (or before) the reference day */
        const char *pods = "MOMIAFEVNIDT";
        const char *p = strstr(pods, k->arg[1]);
        if (!p || (p - pods) % 2 || !k->arg[1][0])
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
        t.sub = (int8_t)((p - pods) / 2 + 1);
        return set_time(out, t);
    }
    if (!strcmp(k->name, "holiday")) {
        int y = k->arg[1][0] ? atoi(k->arg[1]) : dy;
        if (!k->arg[1][0] && !have) {
            char key[MAXV];
            normalize_key(key, sizeof key, k->arg[0], strlen(k->arg[0]));
            const char *v = table_get(ctx->e, "holiday", key);
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
            int dir = direction(ctx, c, k->arg[2]);
            int cmp = (int)(day - dct->day);
            int y2 = pick_year(dy, cmp, dir);
            if (y2 != y && !holiday_day(ctx->e, k->arg[0], y2, &day))
                return -1;
        }
        chr_time t = {.day = day, .gran = CHR_GRAN_DAY};
        return set_time(out, t);
    }
    return -1;
}

/* A literal value that is a point or period in time, parsed back so that it can be a reference. */
static int parse_literal(chr_time *t, const char *v)
{
    int y, m, d, q;
    char c;
    memset(t, 0, sizeof *t);
    size_t l = strlen(v);
    if (l == 4 && sscanf(v, "%4d", &y) == 1 && isdigit((unsigned char)v[3])) {
        if (y < 1)
            return 0;
        t->day = chr_date_days(y, 1, 1);
        t->gran = CHR_GRAN_YEAR;
        return 1;
    }
    if (l == 7 && sscanf(v, "%4d-%c%d", &y, &c, &q) == 3 && (c == 'Q' || c == 'H')) {
        t->gran = c == 'Q' ? CHR_GRAN_QUARTER : CHR_GRAN_HALF;
        if (q < 1 || q > (c == 'Q' ? 4 : 2) || y < 1)
            return 0;
        t->sub = (int8_t)q;
        t->day = chr_date_days(y, c == 'Q' ? (q - 1) * 3 + 1 : (q - 1) * 6 + 1, 1);
        return 1;
    }
    if (l == 7 && sscanf(v, "%4d-%2d", &y, &m) == 2) {
        if (!chr_date_valid(y, m, 1))
            return -1;
        t->day = chr_date_days(y, m, 1);
        t->gran = CHR_GRAN_MONTH;
        return 1;
    }
    if (l == 10 && sscanf(v, "%4d-%2d-%2d", &y, &m, &d) == 3) {
        if (!chr_date_valid(y, m, d))
            return -1;
        t->day = chr_date_days(y, m, d);
        t->gran = CHR_GRAN_DAY;
        return 1;
    }
    if (l == 16 && v[10] == 'T') {
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
    if (fill(v, sizeof v, r->value, ctx, c))
        return 1;
    out->type = r->type;
    out->mod[0] = out->quant[0] = out->freq[0] = out->anchor[0] = '\0';
    if (r->mod && fill(out->mod, sizeof out->mod, r->mod, ctx, c))
        out->mod[0] = '\0';
    if (r->quant)
        snprintf(out->quant, sizeof out->quant, "%s", r->quant);
    if (r->freq)
        snprintf(out->freq, sizeof out->freq, "%s", r->freq);
    if (r->point && out->type == CHR_TIMEX_DURATION) {
        char pv[MAXV], und[MAXV];
        call pk;
        chr_time t;
        int used_ref = 0;
        if (!fill(pv, sizeof pv, r->point, ctx, c) && parse_call(&pk, pv) &&
            eval_call(&t, und, sizeof und, ctx, c, &pk, &used_ref) > 0) {
            chr_time_format(out->begin, sizeof out->begin, &t);
            snprintf(out->end_value, sizeof out->end_value, "%s", out->begin);
            snprintf(out->anchor, sizeof out->anchor, "%s", used_ref ? ctx->ref_id : "t0");
        }
    }
    call k;
    if (parse_call(&k, v)) {
        chr_time t;
        char und[MAXV] = "";
        int used_ref = 0;
        int rc = eval_call(&t, und, sizeof und, ctx, c, &k, &used_ref);
        if (rc < 0)
            return 1;
        if (rc == 0) {
            snprintf(out->value, sizeof out->value, "%s", und);
        } else {
            int y, m, d;
            chr_date_civil(t.day, &y, &m, &d);
            if (y < 1 || y > 9999)
                return 1;
            chr_time_format(out->value, sizeof out->value, &t);
            snprintf(out->anchor, sizeof out->anchor, "%s", used_ref ? ctx->ref_id : "t0");
            ctx->last = t;
            /* a period derived from the last one ("a year ago") does not replace it */
            if ((t.gran == CHR_GRAN_QUARTER || t.gran == CHR_GRAN_HALF) && strcmp(k.name, "yearago") &&
                strcmp(k.name, "periodin")) {
                ctx->period = t;
                ctx->period_end = c->end;
            }
        }
    } else {
        snprintf(out->value, sizeof out->value, "%s", v);
        chr_time t;
        int pr = parse_literal(&t, v);
        if (pr < 0)
            return 1; /* an impossible date such as Feb 30 */
        if (pr > 0 && (r->type == CHR_TIMEX_DATE || r->type == CHR_TIMEX_TIME)) {
            ctx->last = t;
            if (t.gran == CHR_GRAN_QUARTER || t.gran == CHR_GRAN_HALF) {
                ctx->period = t;
                ctx->period_end = c->end;
            }
        }
    }
    return 0;
}
