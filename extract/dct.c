/* dct.c: the document creation time found in an article's header, and the date-string parser shared
 * with the JSON Lines reader.
 *
 * Exports (doc.h): chr_doc_find_dct; (dct_internal.h): chr__dct_parse_string, chr__dct_from_epoch.
 *
 * Hand-written scanning: a line is cut into tokens (numbers, ASCII words, punctuation), and a "stamp" is
 * a date (ISO, US numeric, "March 15, 2019", "9 Nov 2016", with an optional weekday) with an optional
 * time of day and zone before or after it. In the header (the first 12 non-empty lines, at most 2 KiB) a
 * stamp counts when its line is short or a header cue precedes it (Published, Posted, Updated, a byline
 * bar, the start of the line, a dateline). The first stamp that is not an "Updated" one wins; an updated
 * one is used only when there is no other. ET/CT/MT/PT follow the US daylight saving rule. */
#include <string.h>

#include "dct_internal.h"
#include "internal.h"

#define MAX_TOKS 256
#define HEADER_LINES 12
#define HEADER_BYTES 2048
#define SHORT_LINE 120
#define MAX_STRING 256

enum { T_NUM, T_WORD, T_PUNCT };

typedef struct tok {
    int kind;
    int space; /* whitespace (or the start of the line) before it */
    size_t start, end;
    unsigned ch; /* T_PUNCT: the code point */
    long val;    /* T_NUM: the value, saturated */
    int ndig;    /* T_NUM: number of digits */
} tok;

typedef struct line {
    const char *s;
    size_t len;
    size_t n;
    tok t[MAX_TOKS];
} line;

enum { ZONE_NONE = 0, ZONE_FIXED, ZONE_US };

typedef struct stamp {
    int y, m, d;
    int has_time, hh, mm;
    int zone;          /* ZONE_* */
    int off;           /* ZONE_FIXED: minutes east of UTC; ZONE_US: the standard time offset */
    size_t first, end; /* token range */
    int cue, updated;
} stamp;

/* ---- tokens ---- */

static int is_space_cp(unsigned cp) {
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x3000 || cp == 0xFEFF;
}

static size_t decode(const unsigned char *s, size_t len, size_t i, unsigned *cp) {
    unsigned c = s[i];
    size_t n, k;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n == 1 || i + n > len) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c & (0x7Fu >> n);
    for (k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        *cp = (*cp << 6) | (s[i + k] & 0x3Fu);
    }
    return n;
}

static int is_alpha(unsigned c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static int is_digit(unsigned c) { return c >= '0' && c <= '9'; }

static void tokenize(line *L, const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    int space = 1;

    L->s = s;
    L->len = len;
    L->n = 0;
    while (i < len && L->n < MAX_TOKS) {
        unsigned c = p[i];
        tok *t = &L->t[L->n];

        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            space = 1;
            i++;
            continue;
        }
        memset(t, 0, sizeof *t);
        t->start = i;
        if (is_digit(c)) {
            t->kind = T_NUM;
            while (i < len && is_digit(p[i])) {
                if (t->val < 100000000L) {
                    t->val = t->val * 10 + (p[i] - '0');
                }
                t->ndig++;
                i++;
            }
        } else if (is_alpha(c)) {
            t->kind = T_WORD;
            while (i < len && is_alpha(p[i])) {
                i++;
            }
        } else {
            unsigned cp;
            size_t n = decode(p, len, i, &cp);
            if (is_space_cp(cp)) {
                space = 1;
                i += n;
                continue;
            }
            t->kind = T_PUNCT;
            t->ch = cp;
            i += n;
        }
        t->end = i;
        t->space = space;
        space = 0;
        L->n++;
    }
}

static int is_num(const line *L, size_t i, int min, int max) {
    return i < L->n && L->t[i].kind == T_NUM && L->t[i].ndig >= min && L->t[i].ndig <= max;
}

static int is_num_adj(const line *L, size_t i, int min, int max) {
    return is_num(L, i, min, max) && !L->t[i].space;
}

static int is_p(const line *L, size_t i, unsigned ch) {
    return i < L->n && L->t[i].kind == T_PUNCT && L->t[i].ch == ch;
}

static int is_p_adj(const line *L, size_t i, unsigned ch) { return is_p(L, i, ch) && !L->t[i].space; }

static int word_is(const line *L, size_t i, const char *w) {
    const tok *t;
    size_t n = strlen(w), k;

    if (i >= L->n || L->t[i].kind != T_WORD) {
        return 0;
    }
    t = &L->t[i];
    if (t->end - t->start != n) {
        return 0;
    }
    for (k = 0; k < n; k++) {
        unsigned c = (unsigned char)L->s[t->start + k];
        if (c >= 'A' && c <= 'Z') {
            c += 'a' - 'A';
        }
        if (c != (unsigned char)w[k]) {
            return 0;
        }
    }
    return 1;
}

/* Case-sensitive comparison, for zone abbreviations. */
static int word_exact(const line *L, size_t i, const char *w) {
    size_t n = strlen(w);

    return i < L->n && L->t[i].kind == T_WORD && L->t[i].end - L->t[i].start == n &&
           memcmp(L->s + L->t[i].start, w, n) == 0;
}

static int word_capitalized(const line *L, size_t i) {
    unsigned c = (unsigned char)L->s[L->t[i].start];
    return c >= 'A' && c <= 'Z';
}

static int word_all_caps(const line *L, size_t i) {
    size_t k;

    if (L->t[i].kind != T_WORD || L->t[i].end - L->t[i].start < 2) {
        return 0;
    }
    for (k = L->t[i].start; k < L->t[i].end; k++) {
        if (L->s[k] < 'A' || L->s[k] > 'Z') {
            return 0;
        }
    }
    return 1;
}

/* ---- names ---- */

static int month_at(const line *L, size_t i) {
    static const struct {
        const char *name;
        int month;
    } months[] = {
        {"january", 1},  {"jan", 1},    {"february", 2},  {"feb", 2},       {"march", 3},     {"mar", 3},
        {"april", 4},    {"apr", 4},    {"may", 5},       {"june", 6},      {"jun", 6},       {"july", 7},
        {"jul", 7},      {"august", 8}, {"aug", 8},       {"september", 9}, {"sept", 9},      {"sep", 9},
        {"october", 10}, {"oct", 10},   {"november", 11}, {"nov", 11},      {"december", 12}, {"dec", 12},
    };
    size_t k;

    for (k = 0; k < sizeof months / sizeof months[0]; k++) {
        if (word_is(L, i, months[k].name)) {
            return months[k].month;
        }
    }
    return 0;
}

static int weekday_at(const line *L, size_t i) {
    static const char *const names[] = {
        "monday", "mon",  "tuesday", "tue",    "tues", "wednesday", "wed", "weds",   "thursday",
        "thu",    "thur", "thurs",   "friday", "fri",  "saturday",  "sat", "sunday", "sun",
    };
    size_t k;

    for (k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (word_is(L, i, names[k])) {
            return 1;
        }
    }
    return 0;
}

static int ordinal_at(const line *L, size_t i) {
    return i < L->n && !L->t[i].space &&
           (word_is(L, i, "st") || word_is(L, i, "nd") || word_is(L, i, "rd") || word_is(L, i, "th"));
}

/* ---- zones and US daylight saving time ---- */

static const struct {
    const char *name;
    int kind;
    int off;
} zones[] = {
    {"UTC", ZONE_FIXED, 0},     {"GMT", ZONE_FIXED, 0},     {"UT", ZONE_FIXED, 0},
    {"ET", ZONE_US, -300},      {"CT", ZONE_US, -360},      {"MT", ZONE_US, -420},
    {"PT", ZONE_US, -480},      {"EST", ZONE_FIXED, -300},  {"EDT", ZONE_FIXED, -240},
    {"CST", ZONE_FIXED, -360},  {"CDT", ZONE_FIXED, -300},  {"MST", ZONE_FIXED, -420},
    {"MDT", ZONE_FIXED, -360},  {"PST", ZONE_FIXED, -480},  {"PDT", ZONE_FIXED, -420},
    {"AKST", ZONE_FIXED, -540}, {"AKDT", ZONE_FIXED, -480}, {"HST", ZONE_FIXED, -600},
    {"BST", ZONE_FIXED, 60},    {"WET", ZONE_FIXED, 0},     {"WEST", ZONE_FIXED, 60},
    {"CET", ZONE_FIXED, 60},    {"CEST", ZONE_FIXED, 120},  {"EET", ZONE_FIXED, 120},
    {"EEST", ZONE_FIXED, 180},  {"MSK", ZONE_FIXED, 180},   {"IST", ZONE_FIXED, 330},
    {"PKT", ZONE_FIXED, 300},   {"SGT", ZONE_FIXED, 480},   {"HKT", ZONE_FIXED, 480},
    {"JST", ZONE_FIXED, 540},   {"KST", ZONE_FIXED, 540},   {"AWST", ZONE_FIXED, 480},
    {"ACST", ZONE_FIXED, 570},  {"AEST", ZONE_FIXED, 600},  {"AEDT", ZONE_FIXED, 660},
    {"NZST", ZONE_FIXED, 720},  {"NZDT", ZONE_FIXED, 780},
};

/* Day of the month of the nth Sunday (nth >= 1) or of the last one (nth == 0). */
static int sunday_of(int y, int m, int nth) {
    int64_t first = chr_date_days(y, m, 1);
    int d = 1 + (7 - chr_date_weekday(first)) % 7;

    if (nth > 0) {
        return d + 7 * (nth - 1);
    }
    while (chr_date_valid(y, m, d + 7)) {
        d += 7;
    }
    return d;
}

/* 1 when US daylight saving time is in force at local (y, m, d, hh): since 2007 from the second
 * Sunday of March to the first Sunday of November, 1987-2006 first Sunday of April to the last Sunday
 * of October, before that the last Sunday of April to the last Sunday of October; 2:00 local. */
static int us_dst(int y, int m, int d, int hh) {
    int sm, sd, em, ed, key, start, end;

    if (y >= 2007) {
        sm = 3, sd = sunday_of(y, 3, 2), em = 11, ed = sunday_of(y, 11, 1);
    } else if (y >= 1987) {
        sm = 4, sd = sunday_of(y, 4, 1), em = 10, ed = sunday_of(y, 10, 0);
    } else {
        sm = 4, sd = sunday_of(y, 4, 0), em = 10, ed = sunday_of(y, 10, 0);
    }
    key = m * 100 + d;
    start = sm * 100 + sd;
    end = em * 100 + ed;
    if (key < start || key > end) {
        return 0;
    }
    if (key == start) {
        return hh >= 2;
    }
    if (key == end) {
        return hh < 2;
    }
    return 1;
}

/* A numeric offset at i: "+0500", "-05:00", "+1", "+05". */
static size_t match_offset(const line *L, size_t i, int *off) {
    int sign, h, m = 0;
    size_t j;

    if (!(is_p(L, i, '+') || is_p(L, i, '-') || is_p(L, i, 0x2212))) {
        return 0;
    }
    sign = L->t[i].ch == '+' ? 1 : -1;
    if (is_num_adj(L, i + 1, 4, 4)) {
        h = (int)(L->t[i + 1].val / 100);
        m = (int)(L->t[i + 1].val % 100);
        j = i + 2;
    } else if (is_num_adj(L, i + 1, 1, 2)) {
        h = (int)L->t[i + 1].val;
        j = i + 2;
        if (is_p_adj(L, j, ':') && is_num_adj(L, j + 1, 2, 2)) {
            m = (int)L->t[j + 1].val;
            j += 2;
        }
    } else {
        return 0;
    }
    if (h > 14 || m > 59) {
        return 0;
    }
    *off = sign * (h * 60 + m);
    return j;
}

static size_t match_zone(const line *L, size_t j, stamp *c) {
    size_t k, e;
    int off;

    if (j >= L->n) {
        return 0;
    }
    if (!L->t[j].space && (word_exact(L, j, "Z") || word_exact(L, j, "z"))) {
        c->zone = ZONE_FIXED;
        c->off = 0;
        return j + 1;
    }
    if ((e = match_offset(L, j, &off)) != 0) {
        c->zone = ZONE_FIXED;
        c->off = off;
        return e;
    }
    for (k = 0; k < sizeof zones / sizeof zones[0]; k++) {
        if (word_exact(L, j, zones[k].name)) {
            c->zone = zones[k].kind;
            c->off = zones[k].off;
            j++;
            /* "GMT+1", "UTC+05:30" */
            if (c->off == 0 && j < L->n && !L->t[j].space && (e = match_offset(L, j, &off)) != 0) {
                c->off = off;
                j = e;
            }
            return j;
        }
    }
    return 0;
}

/* ---- dates and times ---- */

static size_t match_ampm(const line *L, size_t j, int *pm) {
    if (word_is(L, j, "am") || word_is(L, j, "pm")) {
        *pm = word_is(L, j, "pm");
        return j + 1;
    }
    if ((word_is(L, j, "a") || word_is(L, j, "p")) && is_p_adj(L, j + 1, '.') && word_is(L, j + 2, "m") &&
        !L->t[j + 2].space) {
        *pm = word_is(L, j, "p");
        return is_p_adj(L, j + 3, '.') ? j + 4 : j + 3;
    }
    return 0;
}

/* A time of day at i: "20:58", "8:58 pm", "10:02 a.m. EDT", "06.30 GMT" (the dot form only with a
 * zone or am/pm, or right after a date when allow_dot), "20:58:00.000Z", "9 pm". */
static size_t match_time(const line *L, size_t i, int allow_dot, stamp *c) {
    stamp z = {0};
    size_t j, k;
    int h, m = 0, colon = 0, dot = 0, ampm = 0, pm = 0;

    if (!is_num(L, i, 1, 2)) {
        return 0;
    }
    h = (int)L->t[i].val;
    j = i + 1;
    if (is_p_adj(L, j, ':') && is_num_adj(L, j + 1, 2, 2)) {
        m = (int)L->t[j + 1].val;
        j += 2;
        colon = 1;
        if (is_p_adj(L, j, ':') && is_num_adj(L, j + 1, 2, 2)) {
            if (L->t[j + 1].val > 60) {
                return 0;
            }
            j += 2;
            if ((is_p_adj(L, j, '.') || is_p_adj(L, j, ',')) && is_num_adj(L, j + 1, 1, 9)) {
                j += 2;
            }
        }
    } else if (is_p_adj(L, j, '.') && is_num_adj(L, j + 1, 2, 2)) {
        m = (int)L->t[j + 1].val;
        j += 2;
        dot = 1;
    }
    if ((k = match_ampm(L, j, &pm)) != 0) {
        ampm = 1;
        j = k;
    }
    if (!colon && !dot && !ampm) {
        return 0;
    }
    if ((k = match_zone(L, j, &z)) != 0) {
        j = k;
    }
    if (dot && !ampm && !z.zone && !allow_dot) {
        return 0;
    }
    if (ampm) {
        if (h < 1 || h > 12) {
            return 0;
        }
        h = h % 12 + (pm ? 12 : 0);
    } else if (h > 23) {
        return 0;
    }
    if (m > 59) {
        return 0;
    }
    c->has_time = 1;
    c->hh = h;
    c->mm = m;
    c->zone = z.zone;
    c->off = z.off;
    return j;
}

/* A date with a year at i, with an optional weekday before it. Does not check that it exists. */
static size_t match_date(const line *L, size_t i, stamp *c) {
    size_t j = i, k;
    int mo;

    if (weekday_at(L, j)) {
        j++;
        if (is_p_adj(L, j, '.')) {
            j++;
        }
        if (is_p(L, j, ',')) {
            j++;
        }
    }
    /* 2019-03-15, 2019/03/15 */
    if (is_num(L, j, 4, 4) && (is_p_adj(L, j + 1, '-') || is_p_adj(L, j + 1, '/')) &&
        is_num_adj(L, j + 2, 1, 2) && is_p_adj(L, j + 3, L->t[j + 1].ch) && is_num_adj(L, j + 4, 1, 2)) {
        c->y = (int)L->t[j].val;
        c->m = (int)L->t[j + 2].val;
        c->d = (int)L->t[j + 4].val;
        return j + 5;
    }
    /* 12/03/2014 (US order; day first when the first number cannot be a month) */
    if (is_num(L, j, 1, 2) && is_p_adj(L, j + 1, '/') && is_num_adj(L, j + 2, 1, 2) &&
        is_p_adj(L, j + 3, '/') && is_num_adj(L, j + 4, 4, 4)) {
        int a = (int)L->t[j].val, b = (int)L->t[j + 2].val;
        c->y = (int)L->t[j + 4].val;
        c->m = a > 12 && b <= 12 ? b : a;
        c->d = a > 12 && b <= 12 ? a : b;
        return j + 5;
    }
    /* 15.03.2019 (day first: the order where dots separate the numbers) */
    if (is_num(L, j, 1, 2) && is_p_adj(L, j + 1, '.') && is_num_adj(L, j + 2, 1, 2) &&
        is_p_adj(L, j + 3, '.') && is_num_adj(L, j + 4, 4, 4)) {
        c->d = (int)L->t[j].val;
        c->m = (int)L->t[j + 2].val;
        c->y = (int)L->t[j + 4].val;
        return j + 5;
    }
    /* March 15, 2019; Mar. 15th 2019 */
    if ((mo = month_at(L, j)) != 0) {
        k = j + 1;
        if (is_p_adj(L, k, '.')) {
            k++;
        }
        if (!is_num(L, k, 1, 2)) {
            return 0;
        }
        c->d = (int)L->t[k].val;
        k++;
        if (ordinal_at(L, k)) {
            k++;
        }
        if (is_p(L, k, ',')) {
            k++;
        }
        if (!is_num(L, k, 4, 4)) {
            return 0;
        }
        c->m = mo;
        c->y = (int)L->t[k].val;
        return k + 1;
    }
    /* 9 Nov 2016; 15th of March, 2019 */
    if (is_num(L, j, 1, 2)) {
        c->d = (int)L->t[j].val;
        k = j + 1;
        if (ordinal_at(L, k)) {
            k++;
        }
        if (word_is(L, k, "of")) {
            k++;
        }
        if ((mo = month_at(L, k)) == 0) {
            return 0;
        }
        k++;
        if (is_p_adj(L, k, '.')) {
            k++;
        }
        if (is_p(L, k, ',')) {
            k++;
        }
        if (!is_num(L, k, 4, 4)) {
            return 0;
        }
        c->m = mo;
        c->y = (int)L->t[k].val;
        return k + 1;
    }
    return 0;
}

static int is_separator(const line *L, size_t k) {
    static const unsigned seps[] = {',', '-', '|', '@', 0xB7, 0x2013, 0x2014, 0x2022};
    size_t s;

    if (k >= L->n) {
        return 0;
    }
    if (L->t[k].kind == T_PUNCT) {
        for (s = 0; s < sizeof seps / sizeof seps[0]; s++) {
            if (L->t[k].ch == seps[s]) {
                return 1;
            }
        }
        return 0;
    }
    return word_is(L, k, "at") || word_is(L, k, "on");
}

static size_t skip_separators(const line *L, size_t k) {
    int n;

    for (n = 0; n < 3 && is_separator(L, k); n++) {
        k++;
    }
    return k;
}

/* A stamp at i: [time [,]] date, or date [[,|at|T] time]. The date must exist. */
static size_t match_stamp(const line *L, size_t i, stamp *out) {
    stamp c = {0}, t = {0};
    size_t e, k;

    if ((k = match_time(L, i, 0, &t)) != 0) {
        k = skip_separators(L, k);
        if ((e = match_date(L, k, &c)) == 0 || !chr_date_valid(c.y, c.m, c.d)) {
            return 0;
        }
        c.has_time = 1;
        c.hh = t.hh;
        c.mm = t.mm;
        c.zone = t.zone;
        c.off = t.off;
    } else {
        if ((e = match_date(L, i, &c)) == 0 || !chr_date_valid(c.y, c.m, c.d)) {
            return 0;
        }
        if (word_exact(L, e, "T") && !L->t[e].space && !(e + 1 < L->n && L->t[e + 1].space)) {
            k = e + 1;
        } else {
            k = skip_separators(L, e);
        }
        if ((k = match_time(L, k, 1, &c)) != 0) {
            e = k;
        }
    }
    c.first = i;
    c.end = e;
    *out = c;
    return e;
}

static void to_time(const stamp *c, chr_time *t) {
    memset(t, 0, sizeof *t);
    t->day = chr_date_days(c->y, c->m, c->d);
    if (!c->has_time) {
        t->gran = CHR_GRAN_DAY;
        return;
    }
    t->gran = CHR_GRAN_MINUTE;
    t->sec = c->hh * 3600 + c->mm * 60;
    if (c->zone == ZONE_FIXED) {
        t->tz = (int16_t)c->off;
        t->flags |= CHR_TIME_HAS_TZ;
    } else if (c->zone == ZONE_US) {
        t->tz = (int16_t)(c->off + (us_dst(c->y, c->m, c->d, c->hh) ? 60 : 0));
        t->flags |= CHR_TIME_HAS_TZ;
    }
}

/* ---- the header ---- */

enum { CUE_NONE = 0, CUE_PUBLISHED, CUE_UPDATED };

static int cue_word(const line *L, size_t k) {
    static const char *const published[] = {"published", "posted",   "date",  "dated",  "created",
                                            "issued",    "released", "filed", "written"};
    static const char *const updated[] = {"updated", "modified", "edited", "revised"};
    size_t s;

    for (s = 0; s < sizeof published / sizeof published[0]; s++) {
        if (word_is(L, k, published[s])) {
            return CUE_PUBLISHED;
        }
    }
    for (s = 0; s < sizeof updated / sizeof updated[0]; s++) {
        if (word_is(L, k, updated[s])) {
            return CUE_UPDATED;
        }
    }
    return CUE_NONE;
}

/* Tokens [0, k) are a dateline place: "WASHINGTON", "NEW YORK", "ST. LOUIS", and a state or country after
 * a comma: "SAN JOSE, Calif.", "PARIS, France". */
static int dateline_place(const line *L, size_t k) {
    size_t i;
    int words = 0;

    if (k == 0) {
        return 0;
    }
    for (i = 0; i < k; i++) {
        if (word_all_caps(L, i)) {
            words++;
        } else if (words > 0 && is_p(L, i, ',') && i + 1 < k && word_capitalized(L, i + 1) &&
                   (i + 2 == k || (i + 3 == k && is_p(L, i + 2, '.')))) {
            return 1; /* the state: "Calif.", "Texas" */
        } else if (words > 0 && is_p(L, i, '(') && i + 2 < k && L->t[i + 1].kind == T_WORD &&
                   is_p(L, i + 2, ')')) {
            i += 2; /* the agency: "WASHINGTON (AP) - Nov. 6, 2024." */
        } else if (!(is_p(L, i, '.') || is_p(L, i, '\''))) {
            return 0;
        }
    }
    return words > 0;
}

/* Walk back from token k over separators and joiners ("on", ":", ","), not below `from`. */
static size_t walk_back(const line *L, size_t from, size_t k) {
    while (k > from) {
        size_t p = k - 1;
        if (is_p(L, p, ',') || is_p(L, p, ':') || is_p(L, p, '-') || is_p(L, p, 0x2013) ||
            is_p(L, p, 0x2014) || word_is(L, p, "on") || word_is(L, p, "at")) {
            k--;
            continue;
        }
        break;
    }
    return k;
}

static void classify(const line *L, size_t from, stamp *c) {
    size_t k, i;
    int last = CUE_NONE;

    for (i = from; i < c->first; i++) {
        int w = cue_word(L, i);
        if (w) {
            last = w;
        }
    }
    c->updated = last == CUE_UPDATED;
    k = walk_back(L, from, c->first);
    if (k == 0) {
        c->cue = 1; /* the stamp starts the line */
    } else if (k > from) {
        size_t p = k - 1;
        if (cue_word(L, p) && (word_capitalized(L, p) || p <= 1)) {
            c->cue = 1;
        } else if (is_p(L, p, '|') || is_p(L, p, 0xB7) || is_p(L, p, 0x2022)) {
            c->cue = 1; /* byline: "By NAME | date" */
        } else if (k < c->first && dateline_place(L, k)) {
            c->cue = 1; /* "WASHINGTON, March 1, 2008 -" */
        }
    }
    /* "March 1, 2008 (Reuters) -" */
    if (is_p(L, c->end, '(') && c->end + 2 < L->n && L->t[c->end + 1].kind == T_WORD &&
        is_p(L, c->end + 2, ')')) {
        c->cue = 1;
    }
}

typedef struct header {
    stamp best, updated;
    int have_best, have_updated;
    int dl_m, dl_d;  /* a year-less dateline, "WASHINGTON, Dec. 3 (Reuters) -" */
    int year, years; /* standalone years on short lines: the first one and how many distinct */
} header;

/* A dateline without a year at token i of a line starting with a place. */
static void note_dateline(const line *L, size_t i, header *h) {
    size_t k, j;
    int mo;

    if (h->dl_m || (mo = month_at(L, i)) == 0) {
        return;
    }
    k = walk_back(L, 0, i);
    if (k == i || !dateline_place(L, k)) {
        return;
    }
    j = i + 1;
    if (is_p_adj(L, j, '.')) {
        j++;
    }
    if (!is_num(L, j, 1, 2)) {
        return;
    }
    if (is_num(L, j + 1, 4, 4) || (is_p(L, j + 1, ',') && is_num(L, j + 2, 4, 4))) {
        return;
    }
    h->dl_m = mo;
    h->dl_d = (int)L->t[j].val;
}

static void note_year(const line *L, size_t i, header *h) {
    int y = (int)L->t[i].val;

    if (!is_num(L, i, 4, 4) || y < 1900 || y > 2100) {
        return;
    }
    /* not part of a larger number or a range: "2014-15", "1,2014" */
    if ((i > 0 && !L->t[i].space && L->t[i - 1].kind == T_PUNCT) ||
        (i + 1 < L->n && !L->t[i + 1].space && is_p(L, i + 1, '-'))) {
        return;
    }
    if (h->years == 0) {
        h->year = y;
        h->years = 1;
    } else if (h->year != y) {
        h->years++;
    }
}

static void scan_line(const line *L, size_t trimmed_len, header *h) {
    size_t i = 0, from = 0;
    int short_line = trimmed_len < SHORT_LINE;

    while (i < L->n) {
        stamp c;
        size_t e = match_stamp(L, i, &c);

        if (!e) {
            note_dateline(L, i, h);
            if (short_line) {
                note_year(L, i, h);
            }
            i++;
            continue;
        }
        classify(L, from, &c);
        if (short_line || c.cue) {
            if (!c.updated && !h->have_best) {
                h->best = c;
                h->have_best = 1;
            } else if (c.updated && !h->have_updated) {
                h->updated = c;
                h->have_updated = 1;
            }
        }
        from = i = e;
    }
}

int chr_doc_find_dct(chr_doc *doc) {
    header h;
    line *L;
    const char *p, *end;
    int lines = 0;
    chr_time t;
    line scratch;

    if (!doc || !doc->text) {
        return 0;
    }
    if (doc->dct_source != CHR_DCT_NONE && doc->dct.gran != CHR_GRAN_NONE) {
        return 1;
    }
    memset(&h, 0, sizeof h);
    L = &scratch;
    p = doc->text;
    end = doc->text + (doc->len < HEADER_BYTES ? doc->len : HEADER_BYTES);
    while (p < end && lines < HEADER_LINES && !h.have_best) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end, *a = p, *b = le;

        while (a < b && (*a == ' ' || *a == '\t' || *a == '\r' || *a == '\f' || *a == '\v')) {
            a++;
        }
        while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r')) {
            b--;
        }
        p = nl ? nl + 1 : end;
        if (a == b) {
            continue;
        }
        lines++;
        tokenize(L, a, (size_t)(b - a));
        scan_line(L, (size_t)(b - a), &h);
    }
    if (h.have_best) {
        to_time(&h.best, &t);
    } else if (h.have_updated) {
        to_time(&h.updated, &t);
    } else if (h.dl_m && h.years == 1 && chr_date_valid(h.year, h.dl_m, h.dl_d)) {
        memset(&t, 0, sizeof t);
        t.day = chr_date_days(h.year, h.dl_m, h.dl_d);
        t.gran = CHR_GRAN_DAY;
    } else {
        return 0;
    }
    chr_doc_set_dct_time(doc, &t, CHR_DCT_HEADER);
    return 1;
}

/* ---- whole strings (JSON date fields) ---- */

int chr__dct_from_epoch(chr_time *out, long long seconds) {
    long long day = seconds / 86400, sec = seconds % 86400;

    if (sec < 0) {
        sec += 86400;
        day--;
    }
    if (day < chr_date_days(1, 1, 1) || day > chr_date_days(9999, 12, 31)) {
        return CHR_EDATE;
    }
    memset(out, 0, sizeof *out);
    out->day = day;
    out->sec = (int32_t)(sec - sec % 60);
    out->gran = CHR_GRAN_MINUTE;
    out->tz = 0;
    out->flags = CHR_TIME_HAS_TZ;
    return CHR_OK;
}

static int parse_epoch(chr_time *out, const char *s, size_t len) {
    size_t i = 0, digits;
    long long v = 0;
    int neg = 0;

    if (len && s[0] == '-') {
        neg = 1;
        i = 1;
    }
    digits = len - i;
    if (digits < 9 || digits > 14) {
        return CHR_EDATE;
    }
    for (; i < len; i++) {
        if (!is_digit((unsigned char)s[i])) {
            return CHR_EDATE;
        }
        v = v * 10 + (s[i] - '0');
    }
    if (neg) {
        v = -v;
    }
    if (digits >= 12) { /* milliseconds, rounded toward the past */
        v = v / 1000 - (v % 1000 < 0);
    }
    return chr__dct_from_epoch(out, v);
}

int chr__dct_parse_string(chr_time *out, const char *s, size_t len) {
    line scratch;
    line *L = &scratch;
    stamp c;
    size_t e;
    chr_time t;

    if (!out || !s) {
        return CHR_EDATE;
    }
    while (len && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' || s[len - 1] == '\n')) {
        len--;
    }
    if (len == 0 || len > MAX_STRING) {
        return CHR_EDATE;
    }
    /* "2019-03-15", the usual date field, read by hand as match_stamp reads it (no time can open with four
     * digits, and nothing follows): tokenizing it cost some 1.2 M instructions on the 2 MB slice */
    int y, m, d;
    if (len == 10 && s[4] == '-' && s[7] == '-' && (y = chr__digits(s, 4)) >= 0 &&
        (m = chr__digits(s + 5, 2)) >= 0 && (d = chr__digits(s + 8, 2)) >= 0) {
        if (chr_date_valid(y, m, d)) {
            memset(out, 0, sizeof *out);
            out->day = chr_date_days(y, m, d);
            out->gran = CHR_GRAN_DAY;
            return CHR_OK;
        }
    }
    tokenize(L, s, len);
    if ((e = match_stamp(L, 0, &c)) != 0) {
        /* "-0500 (EST)" */
        if (e + 3 == L->n && is_p(L, e, '(') && L->t[e + 1].kind == T_WORD && is_p(L, e + 2, ')')) {
            e += 3;
        }
        if (e == L->n) {
            to_time(&c, out);
            return CHR_OK;
        }
    }
    if (chr_time_parse_iso(&t, s, len, NULL) == CHR_OK) {
        *out = t;
        return CHR_OK;
    }
    return parse_epoch(out, s, len);
}
