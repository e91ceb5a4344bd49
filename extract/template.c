/* template.c: fills a rule's value template from its match: {g} the group's text, {g:TABLE} the text
 * looked up in a rule table, {g:num} a number in digits or words ("X" when vague), {g:yy} a two-digit
 * year made four (against the DCT), {g:2} zero-padded to two digits, {g:upper}; {g:fn|default} when the
 * group did not take part; {g:num*K} the number times K ("two decades": {n:num*10}), {g:num+K} the number
 * plus K ("two thousand and one": {yy:num+2000}). A template is parsed once, when the rules are loaded:
 * its groups found in the pattern's name table, its functions and tables named once, not at each match.
 *
 * Exports chr__templates_compile, chr__templates_free, chr__template_fill, chr__table_get,
 * chr__key_normalize and chr__duration_exact. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define MAXV 64
/* a count of units beyond this is no time expression ("8888888888888888 years") */
#define MAX_NUMBER 1e9

/* What a {spec} does with its group's text. */
enum fn { FN_TEXT, FN_NUM, FN_YY, FN_PAD2, FN_UPPER, FN_TABLE };

/* One {spec} of a template and the literal text before it. */
typedef struct spec {
    const char *lit; /* the literal text before it, lit_len bytes */
    size_t lit_len;
    PCRE2_SPTR first; /* the group's entries in the pattern's name table (one per group of the name), n of
                       * them size bytes apart; n 0 when the pattern has no such group */
    int n, size;
    enum fn fn;
    char op;                            /* FN_NUM: '*' or '+' K, or 0 */
    double k;                           /* that K */
    const chr__table *table, *quantity; /* FN_TABLE: its table; FN_NUM: tables number and quantity;
                                         * NULL when there is none */
    const char *dflt; /* the text when the group did not take part, dflt_len bytes; NULL: no value then */
    size_t dflt_len;
} spec;

struct chr__tpl {
    int bad;          /* a '{' without its '}', or a spec of 128 bytes or more: the template never fills */
    const char *tail; /* the literal text after the last spec, tail_len bytes */
    size_t tail_len, n;
    spec specs[];
};

/* Template tpl of rule r parsed into *out (malloc'd): 0 or CHR_ENOMEM. */
static int compile(chr__tpl **out, const chr_engine *e, const chr__rule *r, const char *tpl) {
    size_t cap = 0;
    for (const char *p = tpl; *p; p++)
        cap += *p == '{';
    chr__tpl *t = calloc(1, sizeof *t + cap * sizeof t->specs[0]);
    if (!(*out = t))
        return CHR_ENOMEM;
    const char *lit = tpl;
    for (const char *p = tpl; *p; p++) {
        if (*p != '{')
            continue;
        const char *close = strchr(p, '}');
        char name[128];
        size_t sl = close ? (size_t)(close - p - 1) : sizeof name;
        if (sl >= sizeof name) {
            t->bad = 1;
            return 0;
        }
        spec *sp = &t->specs[t->n++];
        sp->lit = lit;
        sp->lit_len = (size_t)(p - lit);
        memcpy(name, p + 1, sl);
        name[sl] = '\0';
        lit = close + 1;
        p = close;
        char *dflt = strchr(name, '|');
        if (dflt) {
            *dflt++ = '\0';
            sp->dflt = p - strlen(dflt); /* in tpl: it ends at the '}' */
            sp->dflt_len = strlen(dflt);
        }
        char *fn = strchr(name, ':');
        if (fn)
            *fn++ = '\0';
        PCRE2_SPTR first, last;
        int size = pcre2_substring_nametable_scan(r->code, (PCRE2_SPTR)name, &first, &last);
        if (size > 0) {
            sp->first = first;
            sp->size = size;
            sp->n = (int)((last - first) / size + 1);
        }
        if (!fn) {
            sp->fn = FN_TEXT;
        } else if (!strncmp(fn, "num", 3) && (fn[3] == '\0' || fn[3] == '*' || fn[3] == '+')) {
            sp->fn = FN_NUM;
            sp->op = fn[3];
            sp->k = fn[3] ? atof(fn + 4) : 0;
            sp->table = chr__rules_table(e, "number");
            sp->quantity = chr__rules_table(e, "quantity");
        } else if (!strcmp(fn, "yy")) {
            sp->fn = FN_YY;
        } else if (!strcmp(fn, "2")) {
            sp->fn = FN_PAD2;
        } else if (!strcmp(fn, "upper")) {
            sp->fn = FN_UPPER;
        } else {
            sp->fn = FN_TABLE;
            sp->table = chr__rules_table(e, fn);
        }
    }
    t->tail = lit;
    t->tail_len = strlen(lit);
    return 0;
}

int chr__templates_compile(chr_engine *e) {
    for (size_t i = 0; i < e->nrules; i++) {
        chr__rule *r = &e->rules[i];
        const char *src[] = {r->value, r->mod, r->point, r->span, r->freq};
        chr__tpl **dst[] = {&r->tpl.value, &r->tpl.mod, &r->tpl.point, &r->tpl.span, &r->tpl.freq};
        for (size_t k = 0; k < sizeof src / sizeof *src; k++)
            if (src[k] && compile(dst[k], e, r, src[k]))
                return CHR_ENOMEM;
    }
    return 0;
}

void chr__templates_free(chr_engine *e) {
    for (size_t i = 0; i < e->nrules; i++) {
        chr__rule *r = &e->rules[i];
        free(r->tpl.value);
        free(r->tpl.mod);
        free(r->tpl.point);
        free(r->tpl.span);
        free(r->tpl.freq);
        r->tpl = (struct chr__tpls){0};
    }
}

/* Where the group of sp matched in c: 1 with [*s, *en), 0 when it did not take part (or there is none). */
static int group_span(const spec *sp, const chr__cand *c, size_t *s, size_t *en) {
    PCRE2_SPTR p = sp->first;
    for (int i = 0; i < sp->n; i++, p += sp->size) {
        size_t g = ((size_t)p[0] << 8) | p[1];
        if (g < c->ngroups && c->ovector[2 * g] != PCRE2_UNSET) {
            *s = c->ovector[2 * g];
            *en = c->ovector[2 * g + 1];
            return 1;
        }
    }
    return 0;
}

/* ch in lower case, as tolower has it in the C locale the library keeps to, without a call per byte. */
static inline char lower(unsigned char ch) { return (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch); }

/* Lower case, blanks collapsed to one space, dots dropped. */
void chr__key_normalize(char *out, size_t n, const char *s, size_t len) {
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < len && o + 1 < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '.')
            continue;
        if (chr__ascii_space(ch)) {
            space = o > 0;
            continue;
        }
        if (space && o + 2 < n)
            out[o++] = ' ';
        space = 0;
        out[o++] = lower(ch);
    }
    out[o] = '\0';
}

/* Is chr__key_normalize of k (into 128 bytes) key? Compared as it is normalized, so that a key that differs
 * in its first letters (most of a table) costs a byte or two, not a copy of it. */
static int normalizes_to(const char *k, const char *key) {
    size_t o = 0;
    int space = 0;
    for (; *k && o + 1 < 128; k++) {
        unsigned char ch = (unsigned char)*k;
        if (ch == '.')
            continue;
        if (chr__ascii_space(ch)) {
            space = o > 0;
            continue;
        }
        if (space && o + 2 < 128 && key[o++] != ' ')
            return 0;
        space = 0;
        if (key[o++] != lower(ch))
            return 0;
    }
    return key[o] == '\0';
}

/* The value of the (normalized) key in t, a key written with dots found without them; NULL when none. */
static const char *table_find(const chr__table *t, const char *key) {
    if (!t)
        return NULL;
    const char *v = chr__table_lookup(t, key);
    if (v)
        return v;
    /* keys are written with dots ("sept."), looked up without */
    for (size_t i = 0; i < t->n; i++)
        if (normalizes_to(t->keys[i], key))
            return t->vals[i];
    return NULL;
}

const char *chr__table_get(const chr_engine *e, const char *table, const char *key) {
    /* chr__rules_table's search, with the first letter tried before a call to strcmp */
    for (size_t i = 0; i < e->ntables; i++)
        if (e->tables[i].name[0] == table[0] && !strcmp(e->tables[i].name, table))
            return table_find(&e->tables[i], key);
    return NULL;
}

/* Parse a number written in digits or words: "3", "1,000", "three", "twenty-four", "a", "a few". */
static int parse_number(const chr__table *number, const chr__table *quantity, const char *s, double *out) {
    char buf[128];
    /* lower case and single spaces, but keep the dots: "2.5" */
    size_t o = 0;
    for (const char *p = s; *p && o + 1 < sizeof buf; p++) {
        if (chr__ascii_space((unsigned char)*p)) {
            if (o && buf[o - 1] != ' ')
                buf[o++] = ' ';
        } else {
            buf[o++] = lower((unsigned char)*p);
        }
    }
    while (o && buf[o - 1] == ' ')
        o--;
    buf[o] = '\0';
    if (!buf[0])
        return 0;
    /* "two and a half" */
    static const char half[] = " and a half";
    size_t hl = sizeof half - 1;
    if (o > hl && !strcmp(buf + o - hl, half)) {
        buf[o - hl] = '\0';
        if (!parse_number(number, quantity, buf, out))
            return 0;
        if (*out >= 0)
            *out += 0.5;
        return 1;
    }
    /* a mixed fraction: "2 1/2", "3-1/4", "2Â½" (the vulgar fraction characters), "Â½" alone */
    static const struct {
        const char *s;
        double v;
    } fracs[] = {{"1/2", 0.5},      {"1/4", 0.25},      {"3/4", 0.75},
                 {"\xc2\xbd", 0.5}, {"\xc2\xbc", 0.25}, {"\xc2\xbe", 0.75}};
    for (size_t k = 0; k < sizeof fracs / sizeof fracs[0]; k++) {
        size_t fl = strlen(fracs[k].s);
        if (o < fl || strcmp(buf + o - fl, fracs[k].s))
            continue;
        int glyph = fracs[k].s[0] != '1' && fracs[k].s[0] != '3';
        size_t w = o - fl; /* the whole number before it */
        if (!glyph && (w < 2 || (buf[w - 1] != ' ' && buf[w - 1] != '-')))
            break; /* "1/2" alone or glued to digits: not a mixed fraction */
        if (!glyph)
            w--;
        double whole = 0;
        if (w) {
            buf[w] = '\0';
            if (!isdigit((unsigned char)buf[0]) || !parse_number(number, quantity, buf, &whole) || whole < 0)
                return 0;
        }
        *out = whole + fracs[k].v;
        return 1;
    }
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
        if (v + frac > MAX_NUMBER)
            return 0;
        *out = v + frac;
        return 1;
    }
    const char *v = table_find(number, buf);
    if (!v)
        v = table_find(quantity, buf);
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
        const char *tv = table_find(number, tok);
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

static void format_number(char *out, size_t n, double v) {
    if (v < 0 || v > MAX_NUMBER)
        snprintf(out, n, "X");
    else if (v == (double)(long long)v)
        chr__copy_num(out, n, "", (unsigned long long)v); /* 0 <= v <= MAX_NUMBER */
    else
        snprintf(out, n, "%g", v);
}

static int dct_year(const chr__anchor_ctx *ctx) {
    if (ctx->dct.gran == CHR_GRAN_NONE)
        return 0;
    int y, m, d;
    chr_date_civil(ctx->dct.day, &y, &m, &d);
    return y;
}

/* A duration of one unit with a fraction, as TimeBank writes it: the fraction in the next smaller unit
 * when it comes out whole ("P2.5Y" -> "P2Y6M", "PT5.5H" -> "PT5H30M", "P1.5D" -> "P1DT12H", "PT1.5M" ->
 * "PT1M30S", "P0.5Y" -> "P6M"); any other value is left as it is ("P1.5M", "P1.5W", "P2.3Y"). */
void chr__duration_exact(char *v, size_t n) {
    if (v[0] != 'P')
        return;
    int time = v[1] == 'T';
    const char *p = v + 1 + time, *q = p;
    unsigned long whole = 0;
    int digits = 0;
    for (; *q >= '0' && *q <= '9' && digits < 9; q++, digits++)
        whole = whole * 10 + (unsigned long)(*q - '0');
    if (!digits || *q != '.' || q[1] < '0' || q[1] > '9')
        return;
    double frac = 0, scale = 1;
    for (q++; *q >= '0' && *q <= '9'; q++) {
        scale /= 10;
        frac += (*q - '0') * scale;
    }
    char unit = *q;
    if (!unit || q[1])
        return;
    int factor;
    char small;
    if (!time && unit == 'Y')
        factor = 12, small = 'M';
    else if (!time && unit == 'D')
        factor = 24, small = 'H';
    else if (time && unit == 'H')
        factor = 60, small = 'M';
    else if (time && unit == 'M')
        factor = 60, small = 'S';
    else
        return;
    double x = frac * factor;
    long part = (long)(x + 0.5);
    if (part <= 0 || part >= factor || x - (double)part > 1e-9 || (double)part - x > 1e-9)
        return;
    char out[64];
    if (unit == 'D' && whole)
        snprintf(out, sizeof out, "P%luDT%ld%c", whole, part, small);
    else if (unit == 'D')
        snprintf(out, sizeof out, "PT%ld%c", part, small);
    else if (whole)
        snprintf(out, sizeof out, "P%s%lu%c%ld%c", time ? "T" : "", whole, unit, part, small);
    else
        snprintf(out, sizeof out, "P%s%ld%c", time ? "T" : "", part, small);
    chr__copy(v, n, out);
}

/* Fill the template. Returns 0, or -1 when a group lookup failed (no value). */
int chr__template_fill(char *out, size_t n, const chr__tpl *t, const chr__anchor_ctx *ctx,
                       const chr__cand *c) {
    if (t->bad)
        return -1;
    size_t o = 0;
    for (size_t i = 0; i <= t->n; i++) {
        const spec *sp = i < t->n ? &t->specs[i] : NULL;
        const char *lit = sp ? sp->lit : t->tail;
        size_t ll = sp ? sp->lit_len : t->tail_len;
        if (ll > n - 1 - o)
            ll = n - 1 - o;
        memcpy(out + o, lit, ll);
        o += ll;
        if (!sp)
            break;
        size_t gs, ge;
        char rep[MAXV];
        if (!group_span(sp, c, &gs, &ge)) {
            if (!sp->dflt)
                return -1;
            size_t dl = sp->dflt_len < sizeof rep - 1 ? sp->dflt_len : sizeof rep - 1;
            memcpy(rep, sp->dflt, dl);
            rep[dl] = '\0';
        } else {
            char raw[128];
            size_t gl = ge - gs < sizeof raw - 1 ? ge - gs : sizeof raw - 1;
            memcpy(raw, ctx->text + gs, gl);
            raw[gl] = '\0';
            switch (sp->fn) {
            case FN_TEXT:
                chr__copy(rep, sizeof rep, raw);
                break;
            case FN_NUM: {
                /* {g:num}, {g:num*10} for units counted in another ("two decades" = P20Y), {g:num+2000} for
                 * a number added to a base ("the year two thousand and one" = 2001) */
                double v;
                if (!parse_number(sp->table, sp->quantity, raw, &v))
                    return -1;
                if (sp->op == '*' && v >= 0)
                    v *= sp->k;
                if (sp->op == '+' && v >= 0)
                    v += sp->k;
                format_number(rep, sizeof rep, v);
                break;
            }
            case FN_YY: {
                int yy = atoi(
                    raw[0] == '\'' || (unsigned char)raw[0] == 0xE2 ? raw + strcspn(raw, "0123456789") : raw);
                int dy = dct_year(ctx);
                int century = dy ? dy / 100 * 100 : 1900;
                int y = century + yy;
                if (dy && y > dy + 10)
                    y -= 100;
                snprintf(rep, sizeof rep, "%04d", y);
                break;
            }
            case FN_PAD2:
                snprintf(rep, sizeof rep, "%02d", atoi(raw));
                break;
            case FN_UPPER: {
                size_t k = 0;
                for (; raw[k] && k + 1 < sizeof rep; k++)
                    rep[k] = (char)toupper((unsigned char)raw[k]);
                rep[k] = '\0';
                break;
            }
            case FN_TABLE: {
                char key[128];
                chr__key_normalize(key, sizeof key, raw, strlen(raw));
                const char *v = table_find(sp->table, key);
                if (!v)
                    return -1;
                chr__copy(rep, sizeof rep, v);
                break;
            }
            }
        }
        for (const char *r = rep; *r && o + 1 < n; r++)
            out[o++] = *r;
    }
    out[o] = '\0';
    return 0;
}
