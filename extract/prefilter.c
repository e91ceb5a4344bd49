/* prefilter.c: where each rule may start a match, so that the recognizer tries a rule only there.
 *
 * From a rule's pattern (after macros and tables) the prefilter works out a set of strings one of which
 * begins every non-empty match ("the past", "last week", "jan", "1", ...), or finds that it cannot say
 * ("any": a pattern that starts with \w or a dot). A string goes on over the pieces of the pattern that
 * match exactly one of a few strings ("the" + \s+ + "past|last" gives "the past" and "the last"), up to
 * MAX_PREFIX bytes. A sequence keeps at most MAX_PRODUCT strings: when it would have more, each is cut
 * where a rough estimate of how often it begins a word in English falls below a bound, the least bound
 * that leaves few enough ("1 september" and "1 of april" become "1 septem" and "1 of apr" where "1 may"
 * stays whole; "the " itself stays out: it is everywhere). The strings of all rules go into one trie, folded:
 * lower case, a run of white space is one ' ', and a run of digits one byte that tells its length, '1' to '5'
 * (RUN: "May 6, 2014" is "may 1, 4"; in the pattern and in the text as it is walked), so that
 * "(?:[12]\d|3[01]|0?[1-9])" is two strings, not 31, and the strings of "\d+\s+days" go on past the
 * number ("1 days" to "5 days"), where those of each digit were too many. A positive lookahead that ends
 * the pattern goes on with the strings: the text after the match begins with its ("may(?=\s+and\s+june)"
 * is "may and june", tried at no other "may"). At a position where a match may start, one walk down the
 * trie over the text gives the rules worth trying there; the rules that could start anywhere are tried
 * everywhere. This is exact: a rule is left out at a position only where no match of it can start.
 *
 * The analysis reads PCRE2 syntax and errs on the safe side: whatever it does not understand makes the
 * rule "any". Matching is caseless (PCRE2_CASELESS | PCRE2_UTF without UCP), so the strings are folded
 * to lower case, and the only characters outside ASCII that fold to ASCII letters, the long s (U+017F,
 * "s") and the Kelvin sign (U+212A, "k"), are folded in the text as it is walked. A string is cut before
 * any other character outside ASCII (it may have case variants the trie would not know).
 *
 * Second, what every match holds: from the pattern too, a set of strings one of which every match
 * contains ("ago" in "three days ago"; the best such set of the pattern's pieces, none shorter than
 * MIN_REQUIRED). Once per document an Aho-Corasick automaton over the folded text finds where each
 * occurs last; a rule is not tried after the last occurrence of its strings, nor at all in a document
 * without them. Also exact. The same pass notes which strings start in each piece of a paragraph: a
 * kept match spans no blank line (recognize.c), so a rule none of whose strings starts from a position's
 * piece to its paragraph's end need not be tried there (for a rule with a positive lookahead, which may
 * look past the paragraph, the strings of its pattern without the lookaheads: they lie in the match). A
 * rule whose every walk string begins with one of its required strings needs none of this (one starts
 * wherever it is tried): it requires nothing of the pass, and a string only such rules require is not
 * looked for ("the").
 *
 * Exports chr__prefilter_build, chr__prefilter_free, chr__prefilter_walk, chr__prefilter_starts,
 * chr__prefilter_required, chr__prefilter_required_paras, chr__paras_free, chr__prefilter_rule_sets,
 * chr__prefilter_keep_occurrences, chr__prefilter_reach_met, chr__prefilter_rule_strings,
 * chr__prefilter_save, chr__prefilter_load (engine.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* More strings than this for one rule, and the rule is tried everywhere instead. */
#define MAX_STRINGS 4096
/* Only the first bytes of each string go into the trie: enough to tell a few words apart. */
#define MAX_PREFIX 20
/* A sequence keeps at most this many strings (more, and they are cut shorter: f_reduce)... (512 took 4.2 M
 * instructions more on the 2 MB slice: month names cut before what follows them, the lookahead of
 * month_and_year, the year and hour of date_clock, let through tries that fail; the saved prefilter is
 * 6.3 MB, not 4.3 MB, read in place; a one-line run 13.21 M -> 12.47 M instructions) */
#define MAX_PRODUCT 1024
/* ... and one step of it makes at most this many before that (the most frequent extended first). */
#define PRODUCT_CAP 4096

/* ---- the analysis ------------------------------------------------------------------------------ */

typedef struct str {
    unsigned char b[MAX_PREFIX];
    size_t n;
    int exact; /* the piece matches exactly this (so what follows it may extend it) */
} str;

/* What may begin the non-empty matches of a piece of pattern: strings of folded text, where letters are
 * lower case and a run of white space is one ' ' (the walk folds the text the same way). */
/* Strings one of which every match of a piece holds somewhere (folded likewise), or "any". */
typedef struct reqset {
    str *v;
    size_t n, cap;
    int any;
} reqset;

typedef struct first {
    str *v;
    size_t n, cap;
    int any;      /* cannot say: anything may come first */
    int nullable; /* the piece may match the empty string (then what follows it may come first) */
    int ahead;    /* a positive lookahead: its strings begin the text there, and take none of it */
    int oom;
    reqset req; /* what every match of it holds */
} first;

typedef struct parser {
    const unsigned char *p, *end;
    int bad; /* syntax this analysis does not follow */
    int oom;
    int no_ahead; /* a positive lookahead holds nothing (what the matched text itself must hold) */
    /* the strings are the walk's (not only what every match holds): a run of digits is one byte, its
     * length (RUN), as the walk reads the text, and a positive lookahead that ends the pattern goes on
     * with them */
    int walk;
    int depth; /* of groups around the item being read */
} parser;

/* With parser.walk, a run of digits is one byte, '1' to '5' for its length (5: five or more): "May 6,
 * 2014" is "may 1, 4" to the walk, and "(?:[12]\d|3[01]|0?[1-9])" two strings, "1" and "2", where there
 * were 31. */
#define RUN_MAX 5
static int is_run(unsigned char c) { return c >= '1' && c <= '0' + RUN_MAX; }
static unsigned char run_of(size_t n) { return (unsigned char)('0' + (n < RUN_MAX ? n : RUN_MAX)); }

static void f_free(first *f) {
    free(f->v);
    free(f->req.v);
    memset(f, 0, sizeof *f);
}

/* ---- what every match holds ---------------------------------------------------------------------- */

static void r_clear(reqset *r, int any) {
    free(r->v);
    memset(r, 0, sizeof *r);
    r->any = any;
}

static int r_push(reqset *r, const str *x) {
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        str *v = realloc(r->v, cap * sizeof *v);
        if (!v)
            return -1;
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n++] = *x;
    return 0;
}

/* r = the strings of f (which match the whole of an atom: a literal run, a class, an escape). */
static void r_from_first(first *f) {
    r_clear(&f->req, f->any || f->n == 0 || f->n > 64);
    for (size_t i = 0; i < f->n && !f->req.any; i++)
        if (r_push(&f->req, &f->v[i])) {
            f->oom = 1;
            r_clear(&f->req, 1);
        }
}

/* How much a set narrows things down: its shortest string (0 for "any"), then fewer strings. */
static int r_better(const reqset *a, const reqset *b) {
    size_t la = SIZE_MAX, lb = SIZE_MAX;
    if (a->any || !a->n)
        return 0;
    if (b->any || !b->n)
        return 1;
    for (size_t i = 0; i < a->n; i++)
        la = a->v[i].n < la ? a->v[i].n : la;
    for (size_t i = 0; i < b->n; i++)
        lb = b->v[i].n < lb ? b->v[i].n : lb;
    return la != lb ? la > lb : a->n < b->n;
}

/* dst = src (a copy). */
static int r_copy(reqset *dst, const reqset *src) {
    r_clear(dst, src->any);
    for (size_t i = 0; i < src->n; i++)
        if (r_push(dst, &src->v[i]))
            return -1;
    return 0;
}


/* A new string at the end of f, or NULL (f->oom set) when out of memory. */
static str *f_push(first *f) {
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 8;
        str *v = realloc(f->v, cap * sizeof *v);
        if (!v) {
            f->oom = 1;
            return NULL;
        }
        f->v = v;
        f->cap = cap;
    }
    return &f->v[f->n++];
}

/* Add s[0..n), folded (with P->walk, a run of digits as its RUN, and a string f holds already not
 * again); "" makes f "any". A string longer than MAX_PREFIX is cut and no longer exact. */
static void f_add(const parser *P, first *f, const unsigned char *s, size_t n, int exact) {
    if (f->any || f->oom)
        return;
    if (f->n >= MAX_STRINGS || n == 0) {
        f->any = 1;
        return;
    }
    str *d = f_push(f);
    if (!d)
        return;
    d->n = 0;
    d->exact = exact;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (chr__ascii_space(c)) {
            if (d->n && d->b[d->n - 1] == ' ')
                continue;
            c = ' ';
        } else if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c + 32);
        } else if (P->walk && c >= '0' && c <= '9') {
            if (d->n && is_run(d->b[d->n - 1])) {
                d->b[d->n - 1] = run_of(d->b[d->n - 1] - '0' + 1u);
                continue;
            }
            c = run_of(1);
        }
        if (d->n == MAX_PREFIX) {
            d->exact = 0;
            break;
        }
        d->b[d->n++] = c;
    }
    for (size_t i = 0; P->walk && i + 1 < f->n; i++) /* [0-9] is "1" once */
        if (f->v[i].n == d->n && f->v[i].exact == d->exact && !memcmp(f->v[i].b, d->b, d->n)) {
            f->n--;
            break;
        }
}

/* Add a string as it is, "" included (the sequence uses "" for "nothing matched yet"), once. */
static void f_keep(first *f, const str *x) {
    if (f->oom)
        return;
    for (size_t i = f->n; i-- > 0 && i + 2 >= f->n;) /* a cheap look back for the same string */
        if (f->v[i].n == x->n && f->v[i].exact == x->exact && !memcmp(f->v[i].b, x->b, x->n))
            return;
    str *d = f_push(f);
    if (d)
        *d = *x;
}

/* x, no longer exact: what follows it is not known. */
static void f_keep_open(first *f, const str *x) {
    str c = *x;
    c.exact = 0;
    f_keep(f, &c);
}

/* a ∪= b (b is left as it was; its strings are folded already) */
static void f_union(first *a, const first *b) {
    a->any |= b->any;
    a->oom |= b->oom;
    if (a->any || a->oom || !b->n)
        return;
    if (a->n + b->n > MAX_STRINGS) {
        a->any = 1;
        return;
    }
    if (a->n + b->n > a->cap) {
        size_t cap = a->cap ? a->cap : 8;
        while (cap < a->n + b->n)
            cap *= 2;
        str *v = realloc(a->v, cap * sizeof *v);
        if (!v) {
            a->oom = 1;
            return;
        }
        a->v = v;
        a->cap = cap;
    }
    memcpy(a->v + a->n, b->v, b->n * sizeof *b->v);
    a->n += b->n;
}

static int at_end(const parser *P) { return P->p >= P->end; }

/* The length of the UTF-8 character at s (1 for a stray byte). */
static size_t char_len(const unsigned char *s, const unsigned char *end) {
    size_t n = *s < 0x80 ? 1 : *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : *s >= 0xC0 ? 2 : 1;
    return n > (size_t)(end - s) ? (size_t)(end - s) : n;
}

static void add_digits(const parser *P, first *f) {
    for (unsigned char c = '0'; c <= (P->walk ? '0' : '9'); c++)
        f_add(P, f, &c, 1, 1);
}

static void add_spaces(const parser *P, first *f) { f_add(P, f, (const unsigned char *)" ", 1, 1); }

static void parse_alt(parser *P, first *out);

/* What an escape stands for. */
enum esc { ESC_SET, ESC_LIT, ESC_ZERO, ESC_ANY };

/* An escape after the backslash. ESC_SET: what it matches was added to f (\d, \s); ESC_LIT: one
 * character, in lit[0..*litn); ESC_ZERO: zero-width (\b, \A, ...); ESC_ANY: a class this analysis does
 * not list (\w, \S, ...). An escape that takes more characters than one (\x{..}, \p{..}, \Q..\E,
 * back references) sets P->bad. */
static enum esc parse_escape(parser *P, first *f, unsigned char *lit, size_t *litn) {
    *litn = 0;
    if (at_end(P)) {
        P->bad = 1;
        return ESC_ANY;
    }
    unsigned char c = *P->p++;
    switch (c) {
    case 'd':
        add_digits(P, f);
        return ESC_SET;
    case 's':
        add_spaces(P, f);
        return ESC_SET;
    case 'b':
    case 'B':
    case 'A':
    case 'z':
    case 'Z':
    case 'G':
        return ESC_ZERO;
    case 'w':
    case 'W':
    case 'S':
    case 'D':
    case 'h':
    case 'H':
    case 'v':
    case 'V':
    case 'R':
    case 'X':
        return ESC_ANY;
    case 'n':
        lit[0] = '\n';
        *litn = 1;
        return ESC_LIT;
    case 't':
        lit[0] = '\t';
        *litn = 1;
        return ESC_LIT;
    case 'r':
        lit[0] = '\r';
        *litn = 1;
        return ESC_LIT;
    case 'f':
        lit[0] = '\f';
        *litn = 1;
        return ESC_LIT;
    default:
        break;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        P->bad = 1; /* \x \p \Q \k \g \K \1 ...: not followed here */
        return ESC_ANY;
    }
    /* an escaped punctuation character or a character outside ASCII stands for itself */
    P->p--;
    size_t n = char_len(P->p, P->end);
    memcpy(lit, P->p, n);
    *litn = n;
    P->p += n;
    return ESC_LIT;
}

/* A character class after '[': its characters when it lists at most a few of them. */
static void parse_class(parser *P, first *f) {
    int negated = 0;
    if (!at_end(P) && *P->p == '^') {
        negated = 1;
        P->p++;
    }
    first set = {0};
    int firstch = 1;
    while (!at_end(P) && (*P->p != ']' || firstch)) {
        firstch = 0;
        unsigned char lo[4];
        size_t lon = 0;
        if (*P->p == '[' && P->p + 1 < P->end && P->p[1] == ':') { /* [:alpha:] */
            P->bad = 1;
            break;
        }
        if (*P->p == '\\') {
            P->p++;
            enum esc k = parse_escape(P, &set, lo, &lon);
            if (P->bad)
                break;
            if (k == ESC_ZERO) { /* \b in a class is a backspace: not followed */
                P->bad = 1;
                break;
            }
            if (k == ESC_ANY)
                set.any = 1;
            if (k != ESC_LIT)
                continue;
        } else {
            lon = char_len(P->p, P->end);
            memcpy(lo, P->p, lon);
            P->p += lon;
        }
        if (P->p + 1 < P->end && *P->p == '-' && P->p[1] != ']') { /* a range */
            P->p++;
            unsigned char hi = *P->p;
            if (lon != 1 || hi >= 0x80 || hi == '\\' || hi < lo[0] || hi - lo[0] > 40) {
                P->bad = 1;
                break;
            }
            P->p++;
            for (unsigned c = lo[0]; c <= hi; c++) {
                unsigned char ch = (unsigned char)c;
                f_add(P, &set, &ch, 1, 1);
            }
            continue;
        }
        f_add(P, &set, lo, lon, 1);
    }
    if (at_end(P))
        P->bad = 1;
    else
        P->p++; /* ']' */
    if (negated || P->bad || set.any || set.n > 64)
        f->any = 1;
    else
        f_union(f, &set);
    f_free(&set);
}

/* A quantifier after an atom: its minimum, and its maximum in *max (-1 for no limit); -1 when there is
 * none. */
static long parse_quant(parser *P, long *max) {
    long dummy;
    if (!max)
        max = &dummy;
    if (at_end(P))
        return -1;
    long min = -1;
    switch (*P->p) {
    case '?':
        min = 0;
        *max = 1;
        P->p++;
        break;
    case '*':
        min = 0;
        *max = -1;
        P->p++;
        break;
    case '+':
        min = 1;
        *max = -1;
        P->p++;
        break;
    case '{': {
        const unsigned char *q = P->p + 1;
        long m = 0, x = 0;
        int digits = 0, xdigits = 0, comma = 0;
        while (q < P->end && *q >= '0' && *q <= '9') {
            if (m < 100000)
                m = m * 10 + (*q - '0');
            q++;
            digits++;
        }
        if (q < P->end && *q == ',') {
            comma = 1;
            q++;
            while (q < P->end && *q >= '0' && *q <= '9') {
                if (x < 100000)
                    x = x * 10 + (*q - '0');
                q++;
                xdigits++;
            }
        }
        if (!digits || q >= P->end || *q != '}') /* not a quantifier: a literal brace */
            return -1;
        P->p = q + 1;
        min = m;
        *max = !comma ? m : xdigits ? x : -1;
        break;
    }
    default:
        return -1;
    }
    if (!at_end(P) && (*P->p == '?' || *P->p == '+')) /* lazy or possessive */
        P->p++;
    return min;
}

/* Item a, every string of it one run of digits, repeated min to max times (max -1: no limit): the runs of
 * the lengths the repeats add up to, exact (the text's run ends where the match's does, or the pattern
 * goes on with digits that join it). Returns 0, leaving a as it was, for an item of other strings. */
static int runs_repeated(first *a, long min, long max) {
    if (a->any || a->oom || !a->n)
        return 0;
    unsigned one = 0; /* bit k: a run of length k in one repeat */
    for (size_t i = 0; i < a->n; i++) {
        if (a->v[i].n != 1 || !is_run(a->v[i].b[0]) || !a->v[i].exact)
            return 0;
        one |= 1u << (a->v[i].b[0] - '0');
    }
    unsigned now = 1, all = 0; /* the lengths after j repeats; those of min to max repeats */
    for (long j = 1; j <= RUN_MAX && (max < 0 || j <= max); j++) {
        unsigned next = 0;
        for (unsigned k = 0; k <= RUN_MAX; k++)
            for (unsigned l = 1; l <= RUN_MAX; l++)
                if ((now >> k & 1) && (one >> l & 1))
                    next |= 1u << (k + l < RUN_MAX ? k + l : RUN_MAX);
        now = next;
        if (j >= min)
            all |= now;
    }
    if (max < 0 || max > RUN_MAX) /* more repeats than RUN_MAX make a run of RUN_MAX */
        all |= 1u << RUN_MAX;
    a->n = 0;
    for (unsigned k = 1; k <= RUN_MAX; k++)
        if (all >> k & 1) {
            str *d = f_push(a);
            if (!d)
                return 1;
            d->n = 1;
            d->b[0] = (unsigned char)('0' + k);
            d->exact = 1;
        }
    return 1;
}

/* One atom with its quantifier into a (an item of a sequence). Returns 0 at the end of the sequence. */
static int parse_item(parser *P, first *a) {
    memset(a, 0, sizeof *a);
    if (at_end(P) || *P->p == '|' || *P->p == ')')
        return 0;
    int zero_width = 0;
    reqset ahead = {0}; /* what a positive lookahead's text holds */
    first look = {0};   /* with P->walk, what it begins with */
    unsigned char c = *P->p;
    if (c == '(') {
        P->p++;
        P->depth++;
        if (!at_end(P) && *P->p == '?') {
            P->p++;
            if (at_end(P)) {
                P->bad = 1;
                return 0;
            }
            unsigned char k = *P->p;
            if (k == ':' || k == '|' || k == '>') {
                P->p++;
                parse_alt(P, a);
            } else if (k == '=' || k == '!') {
                P->p++;
                first skip = {0};
                parse_alt(P, &skip);
                if (k == '=' && !P->no_ahead) {
                    /* "three days(?=\s+from\s+now)": the text after a match's start holds what the
                     * lookahead's holds, which is all the required strings ask (chr__prefilter_required) */
                    ahead = skip.req;
                    skip.req = (reqset){0};
                }
                if (k == '=' && P->walk) {
                    look = skip;
                    look.req = (reqset){0};
                    skip = (first){.req = skip.req};
                }
                f_free(&skip);
                zero_width = 1;
            } else if (k == '<' && P->p + 1 < P->end && (P->p[1] == '=' || P->p[1] == '!')) {
                P->p += 2;
                first skip = {0};
                parse_alt(P, &skip);
                f_free(&skip);
                zero_width = 1;
            } else if (k == '<' || k == 'P' || k == '\'') { /* a named group */
                if (k == 'P')
                    P->p++;
                unsigned char close = (!at_end(P) && *P->p == '\'') ? '\'' : '>';
                if (at_end(P) || (*P->p != '<' && *P->p != '\'')) {
                    P->bad = 1;
                    return 0;
                }
                P->p++;
                while (!at_end(P) && *P->p != close)
                    P->p++;
                if (at_end(P)) {
                    P->bad = 1;
                    return 0;
                }
                P->p++;
                parse_alt(P, a);
            } else if (k == '#') { /* a comment */
                while (!at_end(P) && *P->p != ')')
                    P->p++;
                zero_width = 1;
            } else if (k == '-' || k == '^' || (k >= 'a' && k <= 'z') || (k >= 'A' && k <= 'Z')) {
                /* option letters: (?i) (?-i) set them, (?i: ...) groups with them */
                while (!at_end(P) && (*P->p == '-' || *P->p == '^' || (*P->p >= 'a' && *P->p <= 'z') ||
                                      (*P->p >= 'A' && *P->p <= 'Z')))
                    P->p++;
                if (at_end(P)) {
                    P->bad = 1;
                    return 0;
                }
                if (*P->p == ')') {
                    zero_width = 1;
                } else if (*P->p == ':') {
                    P->p++;
                    parse_alt(P, a);
                } else {
                    P->bad = 1;
                    return 0;
                }
            } else {
                P->bad = 1; /* recursion, conditionals, callouts, verbs */
                return 0;
            }
        } else if (!at_end(P) && *P->p == '*') {
            P->bad = 1; /* (*VERB) */
            return 0;
        } else {
            parse_alt(P, a);
        }
        P->depth--;
        if (at_end(P) || *P->p != ')') {
            free(ahead.v);
            f_free(&look);
            P->bad = 1;
            return 0;
        }
        P->p++;
        if (zero_width) {
            f_free(a);
            a->nullable = 1;
            a->req = ahead;
            if (!a->req.n)
                a->req.any = 1;
            ahead = (reqset){0};
            if (look.v || look.any) {
                a->v = look.v;
                a->n = look.n;
                a->cap = look.cap;
                a->any = look.any;
                a->nullable = look.nullable;
                a->oom = look.oom;
                a->ahead = 1;
            }
        }
    } else if (c == '[') {
        P->p++;
        parse_class(P, a);
        r_from_first(a);
    } else if (c == '\\') {
        P->p++;
        unsigned char lit[4];
        size_t litn;
        enum esc k = parse_escape(P, a, lit, &litn);
        if (k == ESC_ZERO) {
            a->nullable = 1;
            zero_width = 1;
        } else if (k == ESC_ANY) {
            a->any = 1;
        } else if (k == ESC_LIT) {
            f_add(P, a, lit, litn, 1);
        }
        r_from_first(a);
    } else if (c == '^' || c == '$') {
        P->p++;
        a->nullable = 1;
        a->req.any = 1;
        zero_width = 1;
    } else if (c == '.') {
        P->p++;
        a->any = 1;
        a->req.any = 1;
    } else {
        /* a run of literal characters is one string; a quantifier takes only the last of them */
        unsigned char buf[MAX_PREFIX + 4];
        size_t n = 0;
        int full = 0;
        const unsigned char *start = P->p;
        for (;;) {
            if (at_end(P))
                break;
            unsigned char d = *P->p;
            if (d == '(' || d == ')' || d == '[' || d == '\\' || d == '|' || d == '.' || d == '^' ||
                d == '$' || d == '?' || d == '*' || d == '+')
                break;
            if (d == '{') {
                const unsigned char *save = P->p;
                if (parse_quant(P, NULL) >= 0) {
                    P->p = save;
                    break;
                }
                P->p = save;
            }
            size_t cl = char_len(P->p, P->end);
            /* a quantifier right after this character applies to it alone: end the run before it */
            const unsigned char *after = P->p + cl;
            if (P->p != start && after < P->end &&
                (*after == '?' || *after == '*' || *after == '+' || *after == '{')) {
                parser Q = *P;
                Q.p = after;
                if (parse_quant(&Q, NULL) >= 0)
                    break;
            }
            if (!full && n + cl <= sizeof buf) {
                memcpy(buf + n, P->p, cl);
                n += cl;
            } else {
                full = 1; /* the string stays a prefix of the run */
            }
            P->p += cl;
        }
        if (P->p == start) { /* a quantifier with nothing to repeat: PCRE2 refused it already */
            P->bad = 1;
            return 0;
        }
        f_add(P, a, buf, n, !full);
        r_from_first(a);
    }
    long max = 1, min = parse_quant(P, &max);
    if (min == 0) {
        a->nullable = 1;
        r_clear(&a->req, 1); /* it may be absent */
    }
    if (min >= 0 && max != 1) {
        /* repeated: a match still begins with one of the strings, but may go on with another; a run
         * of white space folds to one ' ' whatever its length, so it stays exact, and runs of digits
         * make runs of the lengths they add up to */
        if (!(P->walk && max != 0 && runs_repeated(a, min, max)))
            for (size_t i = 0; i < a->n; i++)
                if (!(a->v[i].n == 1 && a->v[i].b[0] == ' '))
                    a->v[i].exact = 0;
        if (max == 0) { /* X{0}: matches the empty string only */
            f_free(a);
            a->nullable = 1;
        }
    }
    (void)zero_width;
    return 1;
}

/* r + i into f (both folded), a run of white space across the join folding to one ' ', and with digits
 * (the walk's strings) runs of digits across it to one run of their lengths together. */
static void f_join(first *f, const str *r, const str *i, int digits) {
    str c;
    unsigned char e = r->n ? r->b[r->n - 1] : 0, b = i->n ? i->b[0] : 0;
    size_t k = (e == ' ' && b == ' ') || (digits && is_run(e) && is_run(b)) ? 1 : 0;
    size_t n = r->n + i->n - k;
    c.exact = i->exact;
    if (n > MAX_PREFIX) {
        n = MAX_PREFIX;
        c.exact = 0;
    }
    memcpy(c.b, r->b, r->n);
    memcpy(c.b + r->n, i->b + k, n - r->n);
    if (k && e != ' ')
        c.b[r->n - 1] = run_of((size_t)(e - '0') + (size_t)(b - '0'));
    c.n = n;
    f_keep(f, &c);
}

/* How often a folded byte comes in English news text, roughly (letters as in running text, white space
 * as one ' '); a string's estimate is the product over its bytes. It only ranks strings: which to
 * extend first, where to cut. */
static double byte_freq(unsigned char c) {
    static const double letters[26] = {.065,  .012, .022, .034, .102, .018,  .016, .049,  .057,
                                       .0012, .006, .033, .02,  .057, .06,   .015, .0008, .049,
                                       .053,  .075, .022, .008, .019, .0012, .016, .0006};
    if (c >= 'a' && c <= 'z')
        return letters[c - 'a'];
    if (c == ' ')
        return .18;
    /* a number of one digit, two, ... (RUN: a string's digits are runs of them; years are frequent) */
    static const double runs[RUN_MAX] = {.01, .008, .003, .007, .002};
    if (is_run(c))
        return runs[c - '1'];
    if (c == ',' || c == '.')
        return .01;
    return c < 0x80 ? .002 : .0005;
}

/* The commonest words of news text and how many words in a hundred they are, roughly: a string that
 * begins with one is far more frequent than its letters make it look. */
static const struct {
    const char *w;
    double freq;
} common_words[] = {
    {"the", .06},    {"of", .03},     {"to", .026},     {"a", .024},    {"and", .024},  {"in", .02},
    {"that", .01},   {"for", .009},   {"is", .009},     {"on", .007},   {"said", .006}, {"with", .006},
    {"he", .006},    {"was", .006},   {"it", .006},     {"at", .005},   {"as", .005},   {"by", .005},
    {"from", .004},  {"his", .004},   {"be", .004},     {"has", .004},  {"have", .004}, {"an", .004},
    {"are", .004},   {"but", .003},   {"will", .003},   {"not", .003},  {"its", .003},  {"were", .003},
    {"had", .003},   {"they", .003},  {"who", .003},    {"this", .003}, {"been", .002}, {"after", .002},
    {"more", .002},  {"last", .002},  {"year", .002},   {"one", .002},  {"new", .002},  {"would", .002},
    {"which", .002}, {"their", .002}, {"about", .0015}, {"up", .0015},  {"out", .0015}, {"two", .0012},
};

/* The factor of byte i of a string in str_freq: the first letter of a word, or any other byte. */
static double letter_freq(const unsigned char *b, size_t i) {
    /* the first letters of words: */
    static const double initial[26] = {.117, .044, .052, .031, .028, .04,   .016,  .042, .07,
                                       .005, .006, .024, .038, .023, .076,  .043,  .002, .028,
                                       .067, .16,  .012, .006, .055, .0005, .0076, .0004};
    return i == 0 && b[i] >= 'a' && b[i] <= 'z' ? initial[b[i] - 'a'] : byte_freq(b[i]);
}

#define NWORDS (sizeof common_words / sizeof *common_words)

/* The common words that b[0..n) may begin or go on after, their indexes in table order into cand: those
 * of its first byte, or all of them for the empty string; and for each, its length into wl and how many
 * bytes it shares with b into cp. Returns how many. */
static size_t candidates(const unsigned char *b, size_t n, size_t *cand, size_t *wl, size_t *cp) {
    size_t nc = 0;
    for (size_t k = 0; k < NWORDS; k++)
        if (!n || b[0] == (unsigned char)common_words[k].w[0]) {
            const char *w = common_words[k].w;
            size_t m = 0;
            wl[nc] = strlen(w);
            while (m < n && m < wl[nc] && b[m] == (unsigned char)w[m])
                m++;
            cp[nc] = m;
            cand[nc++] = k;
        }
    return nc;
}

/* The estimate of b[0..n) (str_freq) from its candidate words (candidates(b, n), or those of a longer
 * string that begins with it) and the factors fac[i] = letter_freq(b, i). */
static double estimate(const unsigned char *b, size_t n, const size_t *cand, const size_t *wl,
                       const size_t *cp, size_t nc, const double *fac) {
    double p = 1, words = 0;
    size_t skip = 0;
    for (size_t c = 0; c < nc; c++) {
        size_t l = wl[c];
        if (n <= l + 1 && cp[c] >= (n < l ? n : l) && (n <= l || b[l] == ' '))
            words += common_words[cand[c]].freq; /* b begins the word (and its space) */
        else if (n > l + 1 && cp[c] >= l && b[l] == ' ' && !skip) {
            p = common_words[cand[c]].freq; /* b goes on after the word */
            skip = l + 1;
        }
    }
    for (size_t i = skip; i < n; i++)
        p *= fac[i];
    return p > words ? p : words;
}

/* How often a match of the walk reaches b[0..n) at a word start, roughly (n at most MAX_PREFIX): a string
 * that is the beginning of common words ("th", "the ") as often as those words, one that goes on after a
 * common word ("the 1") that much less; else the product of its bytes. */
static double str_freq(const unsigned char *b, size_t n) {
    size_t cand[NWORDS], wl[NWORDS], cp[NWORDS], nc = candidates(b, n, cand, wl, cp);
    double fac[MAX_PREFIX];
    for (size_t i = 0; i < n; i++)
        fac[i] = letter_freq(b, i);
    return estimate(b, n, cand, wl, cp, nc, fac);
}

/* str_freq(b, l) for every l from 0 to n, into out[0..n], to the same bits (out[0] is empty, which is
 * str_freq(b, 0) for any b): the candidate words, what they share with b and the factor of each byte are
 * found once, not for each l (the cut of a long set of strings asks for every beginning of every
 * string). */
static void prefix_freqs(const unsigned char *b, size_t n, double *out, double empty) {
    size_t cand[NWORDS], wl[NWORDS], cp[NWORDS], nc = candidates(b, n, cand, wl, cp);
    double fac[MAX_PREFIX];
    for (size_t i = 0; i < n; i++)
        fac[i] = letter_freq(b, i);
    out[0] = empty;
    for (size_t l = 1; l <= n; l++)
        out[l] = estimate(b, l, cand, wl, cp, nc, fac);
}

static int by_bytes(const void *a, const void *b) {
    const str *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->b, y->b, n);
    if (c)
        return c;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    return x->exact - y->exact;
}

/* v (sorted) without repeats and without the strings that an open string before them begins (every match
 * of those begins with it too); returns how many are left. */
static size_t drop_covered(str *v, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && v[k - 1].n == v[i].n && v[k - 1].exact == v[i].exact && !memcmp(v[k - 1].b, v[i].b, v[i].n))
            continue;
        /* an open string covers those that follow it in sorted order while they begin with it */
        size_t j = k;
        int covered = 0;
        while (j-- > 0) {
            if (v[j].n > v[i].n || memcmp(v[j].b, v[i].b, v[j].n))
                break; /* not a prefix: nor is any before it that is shorter... */
            if (!v[j].exact) {
                covered = 1;
                break;
            }
        }
        if (!covered)
            v[k++] = v[i];
    }
    return k;
}

/* f sorted, without repeats and without the strings an open string of it begins: with runs of digits
 * (RUN), two branches ("[12]\d|3[01]") or two ways through a sequence often make the same string. */
static void f_unique(first *f) {
    if (f->n > 1 && !f->any && !f->oom) {
        qsort(f->v, f->n, sizeof *f->v, by_bytes);
        f->n = drop_covered(f->v, f->n);
    }
}

/* Where string x is cut for the bound t (x->n: not cut): before the first byte l where the estimate of
 * its first l bytes, fq[l], falls below t (not inside a character). l is where the string before was
 * cut, same how many bytes the two share: the cut of those is the one before's (same bytes, same
 * estimates), so x is read from where the two part or where the one before was cut. */
static size_t cut_len(const str *x, size_t l, size_t same, double t, const double *fq) {
    if (l > same)
        l = same;
    while (l < x->n && ((x->b[l] & 0xC0) == 0x80 || fq[l] >= t))
        l++;
    return l;
}

/* The strings of f cut where the estimate of their beginning falls below t (a string whose whole
 * estimate is above t stays as it is; a character outside ASCII stays whole), into w; returns how many
 * are left. freq[at[i] + l] is the estimate of the first l bytes of string i (str_freq), same[i] how many
 * bytes string i shares with the one before. */
static size_t cut_at(str *w, const first *f, double t, const double *freq, const size_t *at,
                     const size_t *same) {
    for (size_t i = 0, l = 0; i < f->n; i++) {
        l = cut_len(&f->v[i], l, same[i], t, freq + at[i]);
        w[i] = f->v[i];
        if (l < f->v[i].n) {
            w[i].n = l;
            w[i].exact = 0;
        }
    }
    /* f->v is sorted (f_reduce): cut strings stay in order but where a cut string meets the same bytes
     * left whole (open sorts before exact), so a pass of insertion puts them as qsort would; a string
     * left whole is not less than any before it (each is a beginning of a string not greater) */
    for (size_t i = 1; i < f->n; i++)
        if (w[i].n < f->v[i].n)
            for (size_t j = i; j > 0 && by_bytes(&w[j - 1], &w[j]) > 0; j--) {
                str tmp = w[j];
                w[j] = w[j - 1];
                w[j - 1] = tmp;
            }
    return drop_covered(w, f->n);
}

/* How many strings cut_at leaves, without making them. The strings of f (sorted) that begin with a cut
 * string's bytes are next to it and are cut there too (or are those bytes): one open string for them
 * all. So an open string (cut, or open as it was) covers the strings that follow while they share its
 * bytes, and takes the place of an exact string of its bytes just before it; an exact string left whole
 * counts unless it repeats the one before. */
static size_t cut_count(const first *f, double t, const double *freq, const size_t *at, const size_t *same) {
    size_t k = 0, l = 0;
    size_t cov = SIZE_MAX, mcov = 0; /* the covering string's length, the least bytes shared since it */
    size_t exn = SIZE_MAX, mex = 0;  /* the last exact string counted: likewise */
    for (size_t i = 0; i < f->n; i++) {
        const str *x = &f->v[i];
        l = cut_len(x, l, same[i], t, freq + at[i]);
        mcov = same[i] < mcov ? same[i] : mcov;
        mex = same[i] < mex ? same[i] : mex;
        if (cov != SIZE_MAX && mcov >= cov)
            continue; /* begins with the covering string */
        if (l < x->n || !x->exact) {
            if (exn == l && mex >= l) {
                k--; /* the exact string of these bytes counted just before */
                exn = SIZE_MAX;
            }
            cov = l;
            mcov = SIZE_MAX;
            k++;
        } else if (!(exn == l && mex >= l)) {
            exn = l;
            mex = SIZE_MAX;
            k++;
        }
    }
    return k;
}

static int by_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* At most k strings in f where it can be done: each string is cut where the estimate of its beginning
 * falls below a bound, the least bound that leaves k strings or fewer (a string rarer than that is not
 * worth the room its longer forms take). Every match still begins with one of them. The estimates of
 * every beginning are worked out once, not at each step of the search for the bound (that made the
 * analysis of a rule file at start-up take seconds). */
static void f_reduce(first *f, size_t k) {
    if (f->n <= k || f->any || f->oom)
        return;
    size_t total = 0;
    for (size_t i = 0; i < f->n; i++)
        total += f->v[i].n + 1;
    str *w = malloc(f->n * sizeof *w);
    size_t *at = malloc(2 * f->n * sizeof *at), *same = at + f->n;
    double *freq = malloc(total * sizeof *freq);
    double *bounds = malloc((total + 1) * sizeof *bounds);
    if (!w || !at || !freq || !bounds) {
        free(w);
        free(at);
        free(freq);
        free(bounds);
        f->oom = 1;
        return;
    }
    const double empty = str_freq(f->v[0].b, 0);
    /* sorted once: a cut keeps the order but for a few neighbours (cut_at) */
    qsort(f->v, f->n, sizeof *f->v, by_bytes);
    /* the estimate of each beginning, and the candidate bounds: just above each (but the empty one) */
    size_t nb = 0;
    for (size_t i = 0, o = 0; i < f->n; o += f->v[i].n + 1, i++) {
        at[i] = o;
        prefix_freqs(f->v[i].b, f->v[i].n, freq + o, empty);
        /* a beginning the string before shares has the same estimate: its bound is there already */
        size_t sh = 0;
        if (i)
            while (sh < f->v[i].n && sh < f->v[i - 1].n && f->v[i].b[sh] == f->v[i - 1].b[sh])
                sh++;
        same[i] = sh;
        for (size_t l = sh + 1; l <= f->v[i].n; l++)
            bounds[nb++] = freq[o + l] * 1.0000001;
    }
    qsort(bounds, nb, sizeof *bounds, by_double);
    /* the least bound that leaves at most k (more strings are cut, and cut shorter, as it grows) */
    size_t lo = 0, hi = nb;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cut_count(f, bounds[mid], freq, at, same) <= k)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (lo < nb) {
        f->n = cut_at(w, f, bounds[lo], freq, at, same);
        memcpy(f->v, w, f->n * sizeof *w);
    }
    free(w);
    free(at);
    free(freq);
    free(bounds);
}

typedef struct rank {
    size_t at;
    double freq;
} rank;

/* the most frequent first, then in their order */
static int by_freq(const void *a, const void *b) {
    const rank *x = a, *y = b;
    if (x->freq != y->freq)
        return x->freq > y->freq ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* N = R followed by the item it. Each exact string of R is extended by the item's strings (r + "3" ...);
 * when that would make more than PRODUCT_CAP strings, the most frequent exact strings of R are
 * extended first (they narrow things down least: "the " before "the early ") as far as the cap lets,
 * and the others stay as they are, no longer exact (prefixes still). Nothing matched yet ("" exact) is
 * always extended: the item's own strings, however many. */
static void extend_seq(first *N, const first *R, const first *it, int digits) {
    size_t per = it->n + (size_t)(it->nullable != 0) + (size_t)(it->any != 0); /* strings per extension */
    size_t grow = 0;
    for (size_t j = 0; j < R->n; j++)
        grow += R->v[j].exact ? per : 1;
    unsigned char *ext = malloc(R->n ? R->n : 1); /* per string of R: extend it */
    if (!ext) {
        N->oom = 1;
        return;
    }
    for (size_t j = 0; j < R->n; j++)
        ext[j] = R->v[j].exact && (grow <= PRODUCT_CAP || R->v[j].n == 0);
    if (grow > PRODUCT_CAP) {
        size_t total = 0;
        for (size_t j = 0; j < R->n; j++)
            total += ext[j] ? per : 1;
        /* the exact strings, the most frequent first: extend while they fit */
        size_t cost = per > 1 ? per - 1 : 0;
        rank *order = malloc(R->n * sizeof *order);
        if (!order) {
            free(ext);
            N->oom = 1;
            return;
        }
        for (size_t j = 0; j < R->n; j++) {
            order[j].at = j;
            order[j].freq = str_freq(R->v[j].b, R->v[j].n);
        }
        qsort(order, R->n, sizeof *order, by_freq);
        for (size_t o = 0; o < R->n; o++) {
            size_t j = order[o].at;
            if (R->v[j].exact && R->v[j].n && !ext[j] && (!cost || total + cost <= PRODUCT_CAP)) {
                ext[j] = 1;
                total += cost;
            }
        }
        free(order);
    }
    for (size_t j = 0; j < R->n && !N->oom; j++) {
        const str *r = &R->v[j];
        if (!ext[j]) {
            f_keep_open(N, r);
            continue;
        }
        if (it->any)
            f_keep_open(N, r);
        for (size_t k = 0; k < it->n; k++)
            f_join(N, r, &it->v[k], digits);
        if (it->nullable)
            f_keep(N, r);
    }
    free(ext);
}

/* A sequence: what may begin its matches is what its first items may begin with, extended over the
 * items that match exactly a string ("the" then " " then "past" gives "the past"), up to MAX_PREFIX
 * bytes, cut to MAX_PRODUCT strings after each item. The empty string, exact, stands for "nothing
 * matched yet". */
static void parse_seq(parser *P, first *out) {
    first R = {0};
    static const unsigned char none[1] = {0};
    /* R starts as { "" exact } */
    R.v = malloc(sizeof *R.v);
    if (!R.v) {
        memset(out, 0, sizeof *out);
        out->oom = 1;
        P->oom = 1;
        return;
    }
    R.cap = 1;
    R.n = 1;
    R.v[0].n = 0;
    R.v[0].exact = 1;
    (void)none;
    first it = {0};
    reqset best = {0}; /* what every match holds: the best of what one of the items holds */
    best.any = 1;
    int req_oom = 0;
    for (;;) {
        if (P->bad || !parse_item(P, &it)) {
            f_free(&it); /* an item cut short may hold strings already */
            break;
        }
        if (r_better(&it.req, &best) && r_copy(&best, &it.req))
            req_oom = 1;
        if (it.ahead) {
            /* "three days(?=\s+from\s+now)": the text after a match begins with what the lookahead's does
             * (taking none of it: no string goes on after them); not where more of the pattern follows,
             * matched from the same place ("(?=[A-Z])(?:january|june)") */
            int last = P->depth == 0 && (at_end(P) || *P->p == '|');
            for (size_t i = 0; i < it.n; i++)
                it.v[i].exact = 0;
            if (!last) {
                it.n = 0;
                it.any = 0;
                it.nullable = 1;
            }
        }
        first N = {0};
        extend_seq(&N, &R, &it, P->walk);
        if (P->walk)
            f_unique(&N);
        f_reduce(&N, MAX_PRODUCT);
        N.oom |= it.oom;
        f_free(&it);
        f_free(&R);
        R = N;
        if (R.oom)
            break;
    }
    /* out: the non-empty strings; "" exact means the sequence may match empty, "" open means anything */
    memset(out, 0, sizeof *out);
    out->oom = R.oom || req_oom;
    out->req = best;
    for (size_t j = 0; j < R.n; j++) {
        if (R.v[j].n)
            f_keep(out, &R.v[j]);
        else if (R.v[j].exact)
            out->nullable = 1;
        else
            out->any = 1;
    }
    f_free(&R);
}

static void parse_alt(parser *P, first *out) {
    parse_seq(P, out);
    while (!P->bad && !at_end(P) && *P->p == '|') {
        P->p++;
        first b;
        parse_seq(P, &b);
        f_union(out, &b);
        out->nullable |= b.nullable;
        /* every match holds what its branch holds */
        if (b.req.any || out->req.any)
            r_clear(&out->req, 1);
        for (size_t i = 0; i < b.req.n && !out->req.any; i++)
            if (r_push(&out->req, &b.req.v[i]))
                out->oom = 1;
        f_free(&b);
    }
    if (P->walk)
        f_unique(out);
}

/* Whether the character at s (n bytes) has no case: punctuation and symbols of Latin-1 (but the micro
 * sign, which folds to a Greek letter), general punctuation and currency signs. */
static int caseless_char(const unsigned char *s, size_t n) {
    uint32_t cp;
    if (n == 2 && (s[0] & 0xE0) == 0xC0)
        cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
    else if (n == 3 && (s[0] & 0xF0) == 0xE0)
        cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    else
        return 0;
    return (cp >= 0xA0 && cp <= 0xBF && cp != 0xB5) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF);
}

/* Cut each string before the first character outside ASCII that may have case variants (the trie
 * would not know them). */
static void fold_safe(first *f) {
    for (size_t i = 0; i < f->n; i++) {
        size_t k = 0;
        while (k < f->v[i].n) {
            const unsigned char *b = f->v[i].b;
            if (b[k] < 0x80) {
                k++;
                continue;
            }
            size_t cl = char_len(b + k, b + f->v[i].n);
            if (cl < 2 || !caseless_char(b + k, cl))
                break;
            k += cl;
        }
        f->v[i].n = k;
        if (k == 0)
            f->any = 1;
    }
}

/* ---- the trie ---------------------------------------------------------------------------------- */

/* Node 0 is the root; the nodes are numbered by how often a walk reaches them (renumber), so the first
 * ones are those most walks go through and end at. Children are found through one open-addressing table
 * keyed (node, byte), and for the first DENSE_NODES nodes through a dense table over the classes of the
 * bytes the trie holds too (made from the edges once built, saved with them), so that the walk's usual
 * steps do not hash. */
#define DENSE_NODES 8192 /* 4096 took 1.3 M instructions more on the 2 MB slice (566.5 M); 8192 had cost 230
                          * page faults at start when the table was made at load, none now that a saved one
                          * is read in place (the binary is 0.9 MB bigger) */
/* The walk's class of a text byte that folded() must read: the leads of the long s and the Kelvin sign;
 * of white space (a run of it is one ' '); of a digit (a run of them is one byte, its RUN). */
#define CLS_SLOW 0xFFFF
#define CLS_SPACE 0xFFFE
#define CLS_DIGIT 0xFFFD
/* In the dense table: the child has rules to call; the walk's quick loop leaves the step to the full one
 * (the child is beyond the dense table, or the byte is one folded() must read: then the child is 0); no
 * child, the walk ends (an entry of its own rather than 0, so that one comparison tells a plain step from
 * all the others); the child's row. */
#define WALK_RULES 0x80000000u
#define WALK_FULL 0x40000000u
#define WALK_END 0x20000000u
#define WALK_NODE 0x1FFFFFFFu
/* The pair table's entries: one for each two bytes */
#define PAIRS 65536

struct chr__prefilter {
    uint32_t *rules_at; /* per node: offset of its rule list in rule_list, or UINT32_MAX */
    uint32_t *rules_n;  /* per node: how many rules end a string there */
    uint32_t *rule_list;
    size_t nnodes, nlist;
    uint64_t *ekeys; /* (node << 8 | byte) + 1, 0 empty */
    uint32_t *evals; /* the child */
    size_t ecap;
    uint32_t *anywhere; /* rules tried at every position */
    size_t nanywhere;
    size_t nrules;
    /* what every match of a rule holds: an Aho-Corasick automaton over the folded text finds, once per
     * document, where each required string occurs last */
    str *rstr; /* the distinct required strings */
    size_t nrstr;
    /* the strings the pass looks for, rstr[0 .. nreq) (the others only implied rules require: they are
     * numbered last, so that the paragraphs' sets and the pass's arrays are of these: 191 of 211, three
     * words a set rather than four) */
    size_t nreq;
    /* per rule r: its strings are rule_req[at .. at + n), n == 0: none required; at nrules + r, those of
     * a rule with a positive lookahead that lie in the matched text itself (finish_sets) */
    uint32_t *rule_req_at;
    uint32_t *rule_req_n;
    uint32_t *rule_req;
    size_t rule_req_total;
    unsigned char cls[256]; /* folded byte -> class (0: in no string) */
    size_t ncls;
    uint32_t *delta;  /* state * ncls + class -> next state * ncls, | DELTA_OUT when strings end there */
    uint32_t *out_at; /* per state: the strings that end there, out[out_at[s] .. out_at[s + 1]) */
    uint32_t *out;
    size_t nstates;
    /* the walk's dense table (made from the edges; saved finished) and its classes */
    uint16_t wcls[256];       /* folded byte -> class, 0: in no string of the trie */
    uint16_t rcls[256];       /* text byte -> the class of its folded byte, or CLS_SLOW, _SPACE, _DIGIT */
    uint16_t qcls[256];       /* text byte -> its column in the dense table (the quick loop's class) */
    unsigned char wbyte[257]; /* class -> folded byte */
    size_t nwcls, ndense;
    /* row + class -> the child's row | WALK_RULES | WALK_FULL, WALK_END none, where a node's row is node *
     * (nwcls + 1) (so that a step multiplies nothing), for the nodes below ndense. Column nwcls is the leads
     * folded() must read (WALK_FULL), and a node reached by ' ' stays on ' ', so that the quick loop takes a
     * run of white space as one ' ' without a branch for it. */
    uint32_t *dense;
    /* the first two steps from the root at once, on the two text bytes themselves: pair[b0 | b1 << 8] ->
     * the row of the node they reach (as dense, without flags), WALK_END where the walk ends, WALK_FULL where
     * either step has rules or is a full one (the walk takes them one by one); most walks end at the
     * second or third byte. Saved with dense: 256 KB, of which a run reads the few pages of the byte pairs
     * of words (a class pair table, made at load, took two class loads and a multiplication a walk more) */
    uint32_t *pair;
    uint32_t row_inv;          /* 2^32 / (nwcls + 1), rounded up (row_node) */
    uint32_t ndrow;            /* the first row past the dense table: ndense * (nwcls + 1) */
    unsigned char starts[256]; /* 0: a walk from a position at this byte calls nothing */
    /* the required-strings pass's table (made from delta at build time; saved, read in place, rather than
     * made at each start: 0.3 M instructions): as delta with one more class, ncls, for the leads of the
     * long s and the Kelvin sign (DELTA_SLOW | the row it is in: folded() reads them, from that state),
     * rows of ncls + 1 rounded up to a power of two (row_len), state << rshift; white space is the class
     * of ' ', and a state reached by ' ' stays on more of it, so that a run of it is one ' ' without a
     * branch for it. (A column for each byte saved the class load, 1.9 M instructions on the 2 MB slice,
     * but made the scan 8% slower: 879 KB, of which the states of most steps used 115 KB, not 15) */
    uint32_t *rdelta;
    uint16_t rbcls[256]; /* text byte -> its class in rdelta */
    unsigned rshift;
    /* per rule, the set of its required strings for the paragraphs (chr__paras; made from the lists and
     * the patterns, not saved): bit k + 1 for rstr[k], bit 0 (every paragraph has it, and the first word
     * is looked at first) for a rule without required strings or with a positive lookahead (its strings
     * may lie past the match) */
    uint64_t *rsets;
    size_t nwords;
    /* per required string k: the rules that require it (for last1), str_rule[str_rule_at[k] ..
     * str_rule_at[k + 1]); and last1 before any string is seen, per rule: 0, or SIZE_MAX when it requires
     * none (made from the lists, not saved) */
    uint32_t *str_rule_at, *str_rule;
    /* per rule: every string the walk tries it at begins with one of its required strings (none with a
     * digit: the walk reads a run of them as one byte), so that one starts wherever it is tried: its last
     * start and the paragraphs' sets would never keep it from being tried, and its reach is always met.
     * Such a rule requires nothing of the pass, and a string only such rules require is not looked for
     * ("the", 25148 of the 60344 strings the pass found in 2 MB of news, only for "the past two years"
     * and "the early 1990s"). Saved. */
    unsigned char *implied;
    size_t *last1_none;
    /* per entry of out: the string | its length << ROUT_LEN_SHIFT | ROUT_KEEP when its occurrences are
     * kept for chr__paras (a rule's reach needs them; set at load by chr__prefilter_keep_occurrences), so
     * that the pass reads one word a string (made from out, not saved) */
    uint32_t *rout;
    /* rules_at, rules_n, rule_list, ekeys, evals, pair, dense and rdelta point into a saved prefilter,
     * which chr__prefilter_load reads in place: the free leaves them */
    int borrowed;
};

/* The automaton's transitions: the next state's row (state * ncls), and this bit when strings end at it */
#define DELTA_OUT 0x80000000u
/* In rdelta: the byte is the lead of a character folded() must read */
#define DELTA_SLOW 0x40000000u
/* rout: the string, its length, the last of its state's, kept */
#define ROUT_ID 0xFFFFFFu
#define ROUT_LEN_SHIFT 24
#define ROUT_LEN 0x1Fu
#define ROUT_LAST 0x40000000u
#define ROUT_KEEP 0x80000000u
_Static_assert(MAX_PREFIX <= ROUT_LEN, "a string's length fits in rout");

static uint64_t mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return k;
}

static uint32_t child(const chr__prefilter *pf, uint32_t node, unsigned char b) {
    uint64_t key = ((uint64_t)node << 8 | b) + 1;
    size_t mask = pf->ecap - 1, i = mix(key) & mask;
    while (pf->ekeys[i]) {
        if (pf->ekeys[i] == key)
            return pf->evals[i];
        i = (i + 1) & mask;
    }
    return 0;
}

/* Put the edge key -> val into the edge table (which has room). */
static void edge_put(chr__prefilter *pf, uint64_t key, uint32_t val) {
    size_t m = mix(key) & (pf->ecap - 1);
    while (pf->ekeys[m])
        m = (m + 1) & (pf->ecap - 1);
    pf->ekeys[m] = key;
    pf->evals[m] = val;
}

/* The walk's classes: one for each byte on an edge of the trie, in byte order. */
static void make_classes(chr__prefilter *pf) {
    unsigned char used[256] = {0};
    for (size_t j = 0; j < pf->ecap; j++)
        if (pf->ekeys[j])
            used[(pf->ekeys[j] - 1) & 0xFF] = 1;
    memset(pf->wcls, 0, sizeof pf->wcls);
    pf->nwcls = 1;
    for (unsigned b = 0; b < 256; b++)
        if (used[b]) {
            pf->wcls[b] = (uint16_t)pf->nwcls;
            pf->wbyte[pf->nwcls++] = (unsigned char)b;
        }
}

/* The dense table (no child anywhere) for the walk's classes, just after the pair table (made later) in
 * one block: the walk reaches both from one pointer. */
static int alloc_dense(chr__prefilter *pf) {
    size_t n = (pf->ndense = pf->nnodes < DENSE_NODES ? pf->nnodes : DENSE_NODES) * (pf->nwcls + 1);
    free(pf->pair);
    pf->pair = malloc((PAIRS + n) * sizeof *pf->pair);
    pf->dense = pf->pair ? pf->pair + PAIRS : NULL;
    for (size_t i = 0; pf->dense && i < n; i++)
        pf->dense[i] = WALK_END;
    return pf->dense ? 0 : CHR_ENOMEM;
}

/* Edge key -> child into the dense table when its node is in it and its byte has a class (column 0, the
 * bytes in no string, stays WALK_END even for a damaged copy); rules_n is known. */
static inline void dense_put(chr__prefilter *pf, uint64_t key, uint32_t child) {
    uint64_t k = key - 1;
    size_t nw1 = pf->nwcls + 1;
    if ((k >> 8) < pf->ndense && pf->wcls[k & 0xFF] && child < pf->nnodes && child * nw1 <= WALK_NODE)
        pf->dense[(k >> 8) * nw1 + pf->wcls[k & 0xFF]] = (uint32_t)(child * nw1) |
                                                        (pf->rules_n[child] ? WALK_RULES : 0) |
                                                        (child >= pf->ndense ? WALK_FULL : 0);
}

/* Once the dense table is filled from the edges: its column for the bytes the full walk must read (the
 * leads folded() reads, digits: their run is one byte), its nodes reached by ' ' staying there on more of
 * it (the full walk reads the run as one ' ': a ' ' edge out of such a node is never taken). A saved
 * prefilter holds the table so finished. */
static void finish_dense(chr__prefilter *pf) {
    size_t nw1 = pf->nwcls + 1, sp = pf->wcls[' '];
    for (size_t node = 0; node < pf->ndense; node++) {
        pf->dense[node * nw1 + pf->nwcls] = WALK_FULL;
        uint32_t c = pf->dense[node * nw1 + sp];
        if (sp && c != WALK_END && !(c & WALK_FULL))
            pf->dense[(c & WALK_NODE) + sp] = c & WALK_NODE;
    }
}

/* The two bytes at t as one number, the pair table's index (in the machine's byte order, as the table
 * was made: one load). */
static inline uint16_t two_bytes(const unsigned char *t) {
    uint16_t w;
    memcpy(&w, t, sizeof w);
    return w;
}

/* Once the dense table is finished (and qcls known): the pair table, before it. A digit followed by
 * another byte is a run of one, its RUN; two digits are the full walk's. */
static void make_pair(chr__prefilter *pf) {
    for (unsigned b0 = 0; b0 < 256; b0++) {
        int digit = b0 >= '0' && b0 <= '9';
        uint32_t d0 = pf->dense[digit ? pf->wcls[(unsigned char)run_of(1)] : pf->qcls[b0]];
        for (unsigned b1 = 0; b1 < 256; b1++) {
            uint32_t d1 = digit && b1 >= '0' && b1 <= '9' ? WALK_FULL
                          : d0 < WALK_END                 ? pf->dense[d0 + pf->qcls[b1]]
                                                          : d0;
            unsigned char two[2] = {(unsigned char)b0, (unsigned char)b1};
            pf->pair[two_bytes(two)] = d1 & (WALK_RULES | WALK_FULL) ? WALK_FULL : d1;
        }
    }
}

/* Once the dense table is finished: the class of each text byte, and the bytes a walk may start at. */
static void finish_walk(chr__prefilter *pf) {
    pf->row_inv = (uint32_t)(0xFFFFFFFFu / (pf->nwcls + 1) + 1);
    pf->ndrow = (uint32_t)(pf->ndense * (pf->nwcls + 1));
    int number = 0; /* a string starts with a run of digits */
    for (unsigned r = 1; r <= RUN_MAX; r++)
        number |= pf->wcls['0' + r] && pf->dense[pf->wcls['0' + r]] != WALK_END;
    for (unsigned b = 0; b < 256; b++) {
        int slow = b == 0xC5 || b == 0xE2, digit = b >= '0' && b <= '9';
        unsigned k = b >= 'A' && b <= 'Z'                 ? pf->wcls[b + 32]
                     : chr__ascii_space((unsigned char)b) ? pf->wcls[' ']
                     : digit                              ? 0
                                                          : pf->wcls[b];
        pf->rcls[b] = slow                                 ? CLS_SLOW
                      : chr__ascii_space((unsigned char)b) ? CLS_SPACE
                      : digit                              ? CLS_DIGIT
                                                           : (uint16_t)k;
        pf->qcls[b] = slow || digit ? (uint16_t)pf->nwcls : (uint16_t)k;
        pf->starts[b] = pf->nanywhere || slow || (digit ? number : k && pf->dense[k] != WALK_END);
    }
}

/* The required-strings pass's table from the automaton's, and the class of each text byte in it. */
/* The entries of a row of rdelta for ncls classes: ncls + 1, rounded up to a power of two (a row's state
 * is a shift away). */
static size_t row_len(size_t ncls) {
    size_t n = 1;
    while (n < ncls + 1)
        n *= 2;
    return n;
}

/* The required-strings pass's table, from the automaton's (at build time: saved). */
static int make_rdelta(chr__prefilter *pf) {
    size_t nc = pf->ncls, sp = pf->cls[' '], rn = (size_t)1 << pf->rshift;
    free(pf->rdelta);
    pf->rdelta = calloc(pf->nstates * rn, sizeof *pf->rdelta); /* the columns past nc: 0, never read */
    if (!pf->rdelta)
        return CHR_ENOMEM;
    for (size_t st = 0; st < pf->nstates; st++) {
        for (size_t c = 0; c < nc; c++) {
            uint32_t d = pf->delta[st * nc + c], t = (d & ~DELTA_OUT) / (uint32_t)nc;
            pf->rdelta[st * rn + c] = (uint32_t)(t * rn) | (d & DELTA_OUT);
        }
        pf->rdelta[st * rn + nc] = DELTA_SLOW | (uint32_t)(st * rn);
    }
    /* a state reached by ' ' stays there on more white space (the strings neither begin nor end with
     * ' ': none ends at such a state, and the root, where ' ' leads when no string has one, has none) */
    for (size_t st = 0; sp && st < pf->nstates; st++) {
        uint32_t t = (pf->delta[st * nc + sp] & ~DELTA_OUT) / (uint32_t)nc;
        if (t && t < pf->nstates)
            pf->rdelta[t * rn + sp] = pf->rdelta[st * rn + sp];
    }
    return 0;
}

/* The row length of rdelta and the class of each text byte (before make_rdelta at build time). */
static void required_classes(chr__prefilter *pf) {
    size_t nc = pf->ncls, sp = pf->cls[' '];
    for (pf->rshift = 0; ((size_t)1 << pf->rshift) < row_len(nc);)
        pf->rshift++;
    for (unsigned b = 0; b < 256; b++)
        pf->rbcls[b] = chr__ascii_space((unsigned char)b) ? (uint16_t)sp
                       : b == 0xC5 || b == 0xE2           ? (uint16_t)nc
                       : b >= 'A' && b <= 'Z'             ? pf->cls[b + 32]
                                                          : pf->cls[b];
}

/* The required-strings pass's list of strings by state, once rdelta and the lists are there. */
static int finish_required(chr__prefilter *pf) {
    free(pf->rout);
    size_t nout = pf->out_at[pf->nstates];
    pf->rout = malloc((nout ? nout : 1) * sizeof *pf->rout);
    if (!pf->rout)
        return CHR_ENOMEM;
    for (size_t o = 0; o < nout; o++)
        pf->rout[o] = pf->out[o] | (uint32_t)pf->rstr[pf->out[o]].n << ROUT_LEN_SHIFT;
    for (size_t st = 0; st < pf->nstates; st++)
        if (pf->out_at[st + 1] > pf->out_at[st])
            pf->rout[pf->out_at[st + 1] - 1] |= ROUT_LAST;
    return 0;
}

/* The rules of each required string, for last1: a document has few of the strings, and a rule's last1
 * is the most of its strings' last starts, so that the pass looks only at the rules of the strings it saw
 * rather than at every string of every rule. */
static int finish_last1(chr__prefilter *pf) {
    free(pf->str_rule_at);
    free(pf->str_rule);
    free(pf->last1_none);
    pf->str_rule_at = calloc(pf->nrstr + 1, sizeof *pf->str_rule_at);
    pf->str_rule = malloc((pf->rule_req_total ? pf->rule_req_total : 1) * sizeof *pf->str_rule);
    pf->last1_none = malloc((pf->nrules ? pf->nrules : 1) * sizeof *pf->last1_none);
    if (!pf->str_rule_at || !pf->str_rule || !pf->last1_none)
        return CHR_ENOMEM;
    for (size_t r = 0; r < pf->nrules; r++) {
        pf->last1_none[r] = pf->rule_req_n[r] && !pf->implied[r] ? 0 : SIZE_MAX;
        for (uint32_t j = 0; j < pf->rule_req_n[r] && !pf->implied[r]; j++) {
            uint32_t k = pf->rule_req[pf->rule_req_at[r] + j];
            if (k < pf->nrstr)
                pf->str_rule_at[k]++;
        }
    }
    /* each string's count, then where its rules end, then (filled from the back) where they start */
    for (size_t k = 1; k <= pf->nrstr; k++)
        pf->str_rule_at[k] += pf->str_rule_at[k - 1];
    for (size_t r = pf->nrules; r-- > 0;)
        for (uint32_t j = pf->implied[r] ? 0 : pf->rule_req_n[r]; j-- > 0;) {
            uint32_t k = pf->rule_req[pf->rule_req_at[r] + j];
            if (k < pf->nrstr)
                pf->str_rule[--pf->str_rule_at[k]] = (uint32_t)r;
        }
    return 0;
}

/* The rules' sets for the paragraphs (chr__paras). */
static int finish_sets(chr__prefilter *pf, const char *const *patterns) {
    size_t w = pf->nwords = (pf->nreq + 1 + 63) / 64;
    free(pf->rsets);
    pf->rsets = calloc((pf->nrules ? pf->nrules : 1) * w, sizeof *pf->rsets);
    if (!pf->rsets)
        return CHR_ENOMEM;
    for (size_t r = 0; r < pf->nrules; r++) {
        uint64_t *set = pf->rsets + r * w;
        /* the analysis follows no other way for a match to hold a string outside itself: a lookbehind
         * adds nothing, \K and verbs make a rule "any"; a rule with a positive lookahead has the strings
         * of its pattern without the lookaheads, which lie in the matched text */
        size_t q = strstr(patterns[r], "(?=") ? pf->nrules + r : r;
        if (!pf->rule_req_n[q] || pf->implied[r]) {
            set[0] |= 1;
            continue;
        }
        for (uint32_t j = 0; j < pf->rule_req_n[q]; j++) {
            uint32_t k = pf->rule_req[pf->rule_req_at[q] + j] + 1;
            if (k <= pf->nreq)
                set[k / 64] |= (uint64_t)1 << (k % 64);
        }
    }
    return finish_last1(pf);
}

/* The walk's tables from the edge table. */
static int make_dense(chr__prefilter *pf) {
    make_classes(pf);
    if (alloc_dense(pf))
        return CHR_ENOMEM;
    for (size_t j = 0; j < pf->ecap; j++)
        if (pf->ekeys[j])
            dense_put(pf, pf->ekeys[j], pf->evals[j]);
    finish_dense(pf);
    finish_walk(pf);
    make_pair(pf);
    return 0;
}

void chr__prefilter_free(chr__prefilter *pf) {
    if (!pf)
        return;
    if (!pf->borrowed) {
        free(pf->pair); /* and dense, in its block */
        free(pf->rdelta);
        free(pf->rules_at);
        free(pf->rules_n);
        free(pf->rule_list);
        free(pf->ekeys);
        free(pf->evals);
    }
    free(pf->anywhere);
    free(pf->rstr);
    free(pf->rule_req_at);
    free(pf->rule_req_n);
    free(pf->rule_req);
    free(pf->implied);
    free(pf->delta);
    free(pf->rsets);
    free(pf->str_rule_at);
    free(pf->str_rule);
    free(pf->last1_none);
    free(pf->rout);
    free(pf->out_at);
    free(pf->out);
    free(pf);
}

typedef struct builder {
    /* node -> (first rule pair index), pairs as a flat list built then grouped */
    uint32_t (*pairs)[2]; /* (node, rule) */
    size_t npairs, pcap;
    size_t nnodes;
} builder;

static int insert(chr__prefilter *pf, builder *B, const str *s, uint32_t rule) {
    uint32_t node = 0;
    for (size_t i = 0; i < s->n; i++) {
        uint32_t c = child(pf, node, s->b[i]);
        if (!c) {
            if ((B->nnodes + 1) * 2 > pf->ecap) { /* grow the edge table */
                size_t cap = pf->ecap * 2;
                uint64_t *k = calloc(cap, sizeof *k);
                uint32_t *v = calloc(cap, sizeof *v);
                if (!k || !v) {
                    free(k);
                    free(v);
                    return CHR_ENOMEM;
                }
                for (size_t j = 0; j < pf->ecap; j++) {
                    if (!pf->ekeys[j])
                        continue;
                    size_t m = mix(pf->ekeys[j]) & (cap - 1);
                    while (k[m])
                        m = (m + 1) & (cap - 1);
                    k[m] = pf->ekeys[j];
                    v[m] = pf->evals[j];
                }
                free(pf->ekeys);
                free(pf->evals);
                pf->ekeys = k;
                pf->evals = v;
                pf->ecap = cap;
            }
            c = (uint32_t)B->nnodes++;
            edge_put(pf, ((uint64_t)node << 8 | s->b[i]) + 1, c);
        }
        node = c;
    }
    if (B->npairs == B->pcap) {
        size_t cap = B->pcap ? B->pcap * 2 : 256;
        void *p = realloc(B->pairs, cap * sizeof *B->pairs);
        if (!p)
            return CHR_ENOMEM;
        B->pairs = p;
        B->pcap = cap;
    }
    B->pairs[B->npairs][0] = node;
    B->pairs[B->npairs][1] = rule;
    B->npairs++;
    return 0;
}

/* Number the nodes by how often a walk reaches them, the most often first (str_freq of the string to
 * each; the root first, ties breadth first, the children of a node by their bytes), in the edge table and
 * in the (node, rule) pairs: the nodes the dense table holds are those most walks reach. Breadth first
 * alone left "the c", "about", "presi" out of it: 18310 walks of the 2 MB slice went on past it, 6832 so. */
static int renumber(chr__prefilter *pf, builder *B) {
    size_t nn = B->nnodes;
    uint32_t *par = malloc(nn * sizeof *par), *at = calloc(nn + 1, sizeof *at);
    uint32_t *kids = malloc(nn * sizeof *kids), *order = malloc(nn * sizeof *order);
    uint32_t *newid = malloc(nn * sizeof *newid);
    unsigned char *byte = malloc(nn);
    rank *rk = malloc(nn * sizeof *rk);
    int rc = par && at && kids && order && newid && byte && rk ? 0 : CHR_ENOMEM;
    if (!rc) {
        for (size_t j = 0; j < pf->ecap; j++)
            if (pf->ekeys[j]) {
                uint32_t c = pf->evals[j];
                par[c] = (uint32_t)((pf->ekeys[j] - 1) >> 8);
                byte[c] = (unsigned char)((pf->ekeys[j] - 1) & 0xFF);
                at[par[c] + 1]++;
            }
        for (size_t i = 0; i < nn; i++) /* the children of node i: kids[at[i] .. at[i + 1]) */
            at[i + 1] += at[i];
        for (size_t i = 0; i < nn; i++)
            order[i] = at[i]; /* the next free place for a child of i, for now */
        for (uint32_t c = 1; c < nn; c++) {
            size_t k = order[par[c]]++;
            while (k > at[par[c]] && byte[kids[k - 1]] > byte[c]) { /* in byte order */
                kids[k] = kids[k - 1];
                k--;
            }
            kids[k] = c;
        }
        size_t next = 1;
        order[0] = 0;
        newid[0] = 0;
        for (size_t q = 0; q < next; q++)
            for (uint32_t k = at[order[q]]; k < at[order[q] + 1]; k++)
                order[next++] = kids[k];
        for (size_t q = 1; q < nn; q++) {
            unsigned char b[MAX_PREFIX];
            size_t n = 0;
            for (uint32_t c = order[q]; c && n < MAX_PREFIX; c = par[c])
                n++;
            for (uint32_t c = order[q], i = (uint32_t)n; c && i > 0; c = par[c])
                b[--i] = byte[c];
            rk[q - 1] = (rank){q, str_freq(b, n)};
        }
        qsort(rk, nn - 1, sizeof *rk, by_freq);
        for (size_t j = 0; j + 1 < nn; j++)
            newid[order[rk[j].at]] = (uint32_t)(j + 1);
        memset(pf->ekeys, 0, pf->ecap * sizeof *pf->ekeys);
        for (uint32_t c = 1; c < nn; c++)
            edge_put(pf, ((uint64_t)newid[par[c]] << 8 | byte[c]) + 1, newid[c]);
        for (size_t i = 0; i < B->npairs; i++)
            B->pairs[i][0] = newid[B->pairs[i][0]];
    }
    free(par);
    free(at);
    free(kids);
    free(order);
    free(newid);
    free(byte);
    free(rk);
    return rc;
}

static int by_pair(const void *a, const void *b) {
    const uint32_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Strings shorter than this are not worth looking for (a digit, a space, "am")... */
#define MIN_REQUIRED 3

/* ... but for a string of signs, rare in text whatever its length ("%"). */
static int worth_requiring(const str *x) {
    if (x->n >= MIN_REQUIRED)
        return 1;
    for (size_t i = 0; i < x->n; i++)
        if (!x->b[i] || !strchr("%$&#@*+=<>^~|_", x->b[i]))
            return 0;
    return x->n > 0;
}

/* Keep what every match of rule r holds, when it is worth it: each string without the white space at
 * its ends (a match may begin or end inside a run of it) and cut before a character with case variants;
 * all of them MIN_REQUIRED bytes or more, or signs (worth_requiring). */
static int keep_required(chr__prefilter *pf, const reqset *req, uint32_t r) {
    if (req->any || !req->n || req->n > 64)
        return 0;
    str tmp[64];
    for (size_t i = 0; i < req->n; i++) {
        str x = req->v[i];
        size_t a = 0, b = x.n;
        while (a < b && x.b[a] == ' ')
            a++;
        while (b > a && x.b[b - 1] == ' ')
            b--;
        memmove(x.b, x.b + a, b - a);
        x.n = b - a;
        first one = {0};
        one.v = &x;
        one.n = one.cap = 1;
        fold_safe(&one); /* cuts x in place */
        if (!worth_requiring(&x))
            return 0;
        tmp[i] = x;
    }
    if (pf->nrstr + req->n > ROUT_ID) /* more strings than the pass numbers: the rule requires none */
        return 0;
    pf->rule_req_at[r] = 0; /* set below, once the list is known */
    for (size_t i = 0; i < req->n; i++) {
        size_t k = 0;
        while (k < pf->nrstr && !(pf->rstr[k].n == tmp[i].n && !memcmp(pf->rstr[k].b, tmp[i].b, tmp[i].n)))
            k++;
        if (k == pf->nrstr) {
            str *v = realloc(pf->rstr, (pf->nrstr + 1) * sizeof *v);
            if (!v)
                return CHR_ENOMEM;
            pf->rstr = v;
            pf->rstr[pf->nrstr++] = tmp[i];
        }
        int again = 0; /* the same string from two branches ("may" of two months) is listed once */
        for (uint32_t j = 0; j < pf->rule_req_n[r] && !again; j++)
            again = pf->rule_req[pf->rule_req_at[r] + j] == k;
        if (again)
            continue;
        uint32_t *l = realloc(pf->rule_req, (pf->rule_req_total + 1) * sizeof *l);
        if (!l)
            return CHR_ENOMEM;
        pf->rule_req = l;
        if (pf->rule_req_n[r] == 0)
            pf->rule_req_at[r] = (uint32_t)pf->rule_req_total;
        pf->rule_req[pf->rule_req_total++] = (uint32_t)k;
        pf->rule_req_n[r]++;
    }
    return 0;
}

/* The strings a rule not implied requires numbered first, rstr[0 .. nreq), the others after them, each
 * in the order they were; the rules' lists in the new numbers. */
static int number_required(chr__prefilter *pf) {
    size_t n = pf->nrstr, next = 0;
    uint32_t *newid = malloc((n ? n : 1) * sizeof *newid);
    str *v = malloc((n ? n : 1) * sizeof *v);
    unsigned char *needed = calloc(n ? n : 1, 1);
    int rc = newid && v && needed ? 0 : CHR_ENOMEM;
    for (size_t r = 0; r < 2 * pf->nrules && !rc; r++)
        for (uint32_t j = 0; j < pf->rule_req_n[r] && !(r < pf->nrules && pf->implied[r]); j++)
            needed[pf->rule_req[pf->rule_req_at[r] + j]] = 1;
    for (int pass = 1; pass >= 0 && !rc; pass--)
        for (size_t k = 0; k < n; k++)
            if (needed[k] == pass) {
                newid[k] = (uint32_t)next;
                v[next++] = pf->rstr[k];
            }
    if (!rc) {
        for (size_t j = 0; j < pf->rule_req_total; j++)
            pf->rule_req[j] = newid[pf->rule_req[j]];
        free(pf->rstr);
        pf->rstr = v;
        v = NULL;
        pf->nreq = 0;
        for (size_t k = 0; k < n; k++)
            pf->nreq += needed[k];
    }
    free(newid);
    free(v);
    free(needed);
    return rc;
}

/* The Aho-Corasick automaton of the required strings, as a full transition table over byte classes. */
static int build_automaton(chr__prefilter *pf) {
    size_t total = 1;
    memset(pf->cls, 0, sizeof pf->cls);
    pf->ncls = 1;
    for (size_t k = 0; k < pf->nreq; k++) { /* the strings a rule not implied requires */
        total += pf->rstr[k].n;
        for (size_t i = 0; i < pf->rstr[k].n; i++)
            if (!pf->cls[pf->rstr[k].b[i]])
                pf->cls[pf->rstr[k].b[i]] = (unsigned char)pf->ncls++;
    }
    size_t nc = pf->ncls;
    uint32_t *go = malloc(total * nc * sizeof *go); /* trie edges, UINT32_MAX none */
    uint32_t *fail = calloc(total, sizeof *fail);
    uint32_t *queue = malloc(total * sizeof *queue);
    uint32_t *first_out = malloc(total * sizeof *first_out); /* string ending exactly here, or UINT32_MAX */
    uint32_t *next_out = malloc((pf->nrstr ? pf->nrstr : 1) * sizeof *next_out);
    if (!go || !fail || !queue || !first_out || !next_out) {
        free(go);
        free(fail);
        free(queue);
        free(first_out);
        free(next_out);
        return CHR_ENOMEM;
    }
    for (size_t i = 0; i < total * nc; i++)
        go[i] = UINT32_MAX;
    for (size_t i = 0; i < total; i++)
        first_out[i] = UINT32_MAX;
    size_t ns = 1;
    for (size_t k = 0; k < pf->nreq; k++) {
        uint32_t st = 0;
        for (size_t i = 0; i < pf->rstr[k].n; i++) {
            size_t c = pf->cls[pf->rstr[k].b[i]];
            if (go[st * nc + c] == UINT32_MAX)
                go[st * nc + c] = (uint32_t)ns++;
            st = go[st * nc + c];
        }
        next_out[k] = first_out[st]; /* distinct strings: one ends here, but keep a list anyway */
        first_out[st] = (uint32_t)k;
    }
    /* breadth first: fail links and the full transition table */
    size_t qh = 0, qt = 0;
    for (size_t c = 0; c < nc; c++) {
        if (go[c] == UINT32_MAX) {
            go[c] = 0;
        } else {
            fail[go[c]] = 0;
            queue[qt++] = go[c];
        }
    }
    while (qh < qt) {
        uint32_t st = queue[qh++];
        for (size_t c = 0; c < nc; c++) {
            uint32_t t = go[st * nc + c];
            if (t == UINT32_MAX) {
                go[st * nc + c] = go[fail[st] * nc + c];
            } else {
                fail[t] = go[fail[st] * nc + c];
                queue[qt++] = t;
            }
        }
    }
    /* the states numbered breadth first, by their depth (the scan's pair steps are from the first few):
     * order[new] = old, and the table in the new numbers */
    uint32_t *order = malloc(ns * sizeof *order), *newid = malloc(ns * sizeof *newid);
    uint32_t *ngo = malloc(ns * nc * sizeof *ngo);
    /* outputs: the strings ending at a state and at the states its fail links reach */
    pf->out_at = malloc((ns + 1) * sizeof *pf->out_at);
    size_t cap = 64, n = 0;
    pf->out = malloc(cap * sizeof *pf->out);
    int rc = pf->out_at && pf->out && order && newid && ngo ? 0 : CHR_ENOMEM;
    if (!rc) {
        order[0] = 0;
        memcpy(order + 1, queue, (ns - 1) * sizeof *order); /* every state but the root, breadth first */
        for (size_t j = 0; j < ns; j++)
            newid[order[j]] = (uint32_t)j;
        for (size_t j = 0; j < ns; j++)
            for (size_t c = 0; c < nc; c++)
                ngo[j * nc + c] = newid[go[order[j] * nc + c]];
    }
    for (size_t j = 0; j < ns && !rc; j++) {
        size_t st = order[j];
        pf->out_at[j] = (uint32_t)n;
        for (uint32_t s2 = (uint32_t)st;; s2 = fail[s2]) {
            for (uint32_t k = first_out[s2]; k != UINT32_MAX; k = next_out[k]) {
                if (n == cap) {
                    uint32_t *o = realloc(pf->out, 2 * cap * sizeof *o);
                    if (!o) {
                        rc = CHR_ENOMEM;
                        break;
                    }
                    pf->out = o;
                    cap *= 2;
                }
                pf->out[n++] = k;
            }
            if (s2 == 0 || rc)
                break;
        }
    }
    if (!rc)
        pf->out_at[ns] = (uint32_t)n;
    for (size_t i = 0; i < ns * nc && !rc; i++) /* rows, and the bit for the states with strings */
        ngo[i] = (uint32_t)(ngo[i] * nc) | (pf->out_at[ngo[i] + 1] > pf->out_at[ngo[i]] ? DELTA_OUT : 0);
    pf->delta = ngo;
    pf->nstates = ns;
    free(go);
    free(order);
    free(newid);
    free(fail);
    free(queue);
    free(first_out);
    free(next_out);
    return rc;
}

/* Does every string of f (the walk's for rule r) begin with one of r's required strings, none of which
 * has a digit? (pf->implied) */
static int implied_by_walk(const chr__prefilter *pf, uint32_t r, const first *f) {
    int all = pf->rule_req_n[r] > 0 && f->n > 0;
    for (size_t i = 0; i < f->n && all; i++) {
        int begins = 0;
        for (uint32_t j = 0; j < pf->rule_req_n[r] && !begins; j++) {
            const str *x = &pf->rstr[pf->rule_req[pf->rule_req_at[r] + j]];
            begins = x->n <= f->v[i].n && !memcmp(x->b, f->v[i].b, x->n);
            for (size_t b = 0; b < x->n && begins; b++)
                begins = x->b[b] < '0' || x->b[b] > '9';
        }
        all = begins;
    }
    return all;
}

int chr__prefilter_build(chr__prefilter **out, const char *const *patterns, size_t n) {
    *out = NULL;
    chr__prefilter *pf = calloc(1, sizeof *pf);
    builder B = {0};
    B.nnodes = 1;
    if (!pf)
        return CHR_ENOMEM;
    pf->nrules = n;
    pf->anywhere = malloc((n ? n : 1) * sizeof *pf->anywhere);
    /* entries n + r: what a match of a rule r with a lookahead holds in its own text (finish_sets) */
    pf->rule_req_at = calloc(n ? 2 * n : 1, sizeof *pf->rule_req_at);
    pf->rule_req_n = calloc(n ? 2 * n : 1, sizeof *pf->rule_req_n);
    pf->implied = calloc(n ? n : 1, 1);
    if (!pf->rule_req_at || !pf->rule_req_n || !pf->implied) {
        chr__prefilter_free(pf);
        return CHR_ENOMEM;
    }
    pf->ecap = 1024;
    pf->ekeys = calloc(pf->ecap, sizeof *pf->ekeys);
    pf->evals = calloc(pf->ecap, sizeof *pf->evals);
    int rc = (pf->anywhere && pf->ekeys && pf->evals) ? 0 : CHR_ENOMEM;
    for (size_t r = 0; r < n && !rc; r++) {
        parser P = {.p = (const unsigned char *)patterns[r],
                    .end = (const unsigned char *)patterns[r] + strlen(patterns[r])};
        first f;
        parse_alt(&P, &f);
        if (!P.bad && !at_end(&P)) /* a stray ')': PCRE2 refused it already */
            P.bad = 1;
        if (f.oom)
            rc = CHR_ENOMEM;
        if (!P.bad && !rc)
            rc = keep_required(pf, &f.req, (uint32_t)r);
        if (!P.bad && !rc && strstr(patterns[r], "(?=")) {
            parser Q = {.p = (const unsigned char *)patterns[r], .end = P.end, .no_ahead = 1};
            first g;
            parse_alt(&Q, &g);
            if (g.oom)
                rc = CHR_ENOMEM;
            fold_safe(&g);
            if (!Q.bad && at_end(&Q) && !rc)
                rc = keep_required(pf, &g.req, (uint32_t)(n + r));
            f_free(&g);
        }
        f_free(&f);
        /* the strings a match may begin with: again, with a run of digits as its length (RUN), as the
         * walk reads the text */
        parser D = {.p = (const unsigned char *)patterns[r], .end = P.end, .walk = 1};
        parse_alt(&D, &f);
        if (f.oom)
            rc = CHR_ENOMEM;
        fold_safe(&f);
        if (P.bad || f.any || f.n == 0) {
            pf->anywhere[pf->nanywhere++] = (uint32_t)r;
        } else {
            pf->implied[r] = !strstr(patterns[r], "(?=") && implied_by_walk(pf, (uint32_t)r, &f);
            for (size_t i = 0; i < f.n && !rc; i++) {
                /* a run of digits that ends a string may go on in the text: a longer one is there too */
                str x = f.v[i];
                rc = insert(pf, &B, &x, (uint32_t)r);
                while (!rc && is_run(x.b[x.n - 1]) && x.b[x.n - 1] < '0' + RUN_MAX) {
                    x.b[x.n - 1]++;
                    rc = insert(pf, &B, &x, (uint32_t)r);
                }
            }
        }
        f_free(&f);
    }
    if (!rc)
        rc = renumber(pf, &B);
    if (!rc) {
        pf->nnodes = B.nnodes;
        pf->rules_at = malloc(B.nnodes * sizeof *pf->rules_at);
        pf->rules_n = calloc(B.nnodes, sizeof *pf->rules_n);
        pf->rule_list = malloc((B.npairs ? B.npairs : 1) * sizeof *pf->rule_list);
        if (!pf->rules_at || !pf->rules_n || !pf->rule_list)
            rc = CHR_ENOMEM;
    }
    if (!rc) {
        if (B.npairs > 1)
            qsort(B.pairs, B.npairs, sizeof *B.pairs, by_pair);
        for (size_t i = 0; i < B.nnodes; i++)
            pf->rules_at[i] = UINT32_MAX;
        for (size_t i = 0; i < B.npairs; i++) {
            uint32_t node = B.pairs[i][0], rule = B.pairs[i][1];
            if (i && B.pairs[i - 1][0] == node && B.pairs[i - 1][1] == rule)
                continue; /* one rule, two strings with the same first bytes */
            if (pf->rules_at[node] == UINT32_MAX)
                pf->rules_at[node] = (uint32_t)pf->nlist;
            pf->rule_list[pf->nlist++] = rule;
            pf->rules_n[node]++;
        }
    }
    free(B.pairs);
    if (!rc)
        rc = number_required(pf);
    if (!rc)
        rc = build_automaton(pf);
    if (!rc)
        rc = make_dense(pf);
    if (!rc) {
        required_classes(pf);
        rc = make_rdelta(pf);
    }
    if (!rc)
        rc = finish_required(pf);
    if (!rc)
        rc = finish_sets(pf, patterns);
    if (rc) {
        chr__prefilter_free(pf);
        return rc;
    }
    *out = pf;
    return 0;
}

/* The byte the trie sees at text[*i], folded (lower case, a run of white space as one ' ', the long s
 * and the Kelvin sign as their ASCII letters); advances *i. */
static unsigned char folded(const char *text, size_t len, size_t *i) {
    unsigned char c = (unsigned char)text[*i];
    if (chr__ascii_space(c)) { /* a run of white space is one ' ' */
        while (*i < len && chr__ascii_space((unsigned char)text[*i]))
            (*i)++;
        return ' ';
    }
    if (c < 0x80) {
        (*i)++;
        return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
    }
    if (c == 0xC5 && *i + 1 < len && (unsigned char)text[*i + 1] == 0xBF) { /* U+017F long s */
        *i += 2;
        return 's';
    }
    if (c == 0xE2 && *i + 2 < len && (unsigned char)text[*i + 1] == 0x84 &&
        (unsigned char)text[*i + 2] == 0xAA) {
        *i += 3; /* U+212A Kelvin sign */
        return 'k';
    }
    (*i)++;
    return c;
}

/* For a text byte whose class (in tc, the walk's) is CLS_SPACE, CLS_DIGIT or CLS_SLOW, the folded byte
 * it stands for, *ip (just past that byte) moved past what it takes: a run of white space is one ' ', one
 * of digits its RUN, and folded() reads a character that may fold to ASCII. */
static inline unsigned char fold_run(unsigned k, const uint16_t *tc, const char *text, size_t len, size_t *ip) {
    size_t i = *ip;
    unsigned char b = ' ';
    if (k != CLS_SLOW) {
        while (i < len && tc[(unsigned char)text[i]] == k)
            i++;
        if (k == CLS_DIGIT)
            b = run_of(i - *ip + 1);
    } else {
        i--;
        b = folded(text, len, &i);
    }
    *ip = i;
    return b;
}

/* The node of a row of the dense table (row / (nwcls + 1), exact for a multiple of it below 2^32, as a
 * multiplication: a division took 20 to 40 cycles a call of rules). */
static inline uint32_t row_node(const chr__prefilter *pf, uint32_t row) {
    return (uint32_t)((uint64_t)row * pf->row_inv >> 32);
}

/* A node with rules that the walk from pos[k] meets. */
typedef struct walk_hit {
    uint32_t k, node;
} walk_hit;

/* Room for the hits of a batch of walks, and at least for those of one walk (a node a folded byte). */
#define WALK_HITS 256
_Static_assert(WALK_HITS > MAX_PREFIX, "one walk's hits fit");

/* The walk from t[i] on, at the node of row, after its first steps (walk_quick): its nodes with rules
 * into h (at most MAX_PREFIX); how many. In walk_quick's loop (out of line, walk_quick had kept fewer of its
 * tables in registers: 1.5 M instructions more). */
static inline __attribute__((always_inline)) size_t walk_on(const chr__prefilter *pf, const unsigned char *t,
                                                            size_t len, size_t i, uint32_t row, uint32_t k,
                                                            walk_hit *h) {
    const uint32_t *dense = pf->dense;
    const uint16_t *qcls = pf->qcls;
    size_t n = 0;
    while (i < len) {
        /* the quick loop, in the dense table: a byte a step (no string is longer than MAX_PREFIX, and a
         * run of white space ends: the walk ends by itself) */
        uint32_t d;
        while ((d = dense[row + qcls[t[i]]]) < WALK_END) {
            row = d;
            if (++i == len)
                return n;
        }
        if (d == WALK_END)
            return n;
        if (!(d & WALK_FULL)) {
            row = d & WALK_NODE;
            i++;
            h[n++] = (walk_hit){k, row_node(pf, row)};
            continue;
        }
        /* the full steps: a run of digits, characters folded() reads, children beyond the dense table
         * (through the edge table); back to the quick loop once in the dense table again. A full step
         * starts in the dense table: the quick loop stops before a step out of it. */
        const uint16_t *rcls = pf->rcls;
        uint32_t ndrow = pf->ndrow, node = 0;
        do {
            unsigned c = rcls[t[i++]];
            if (c >= CLS_DIGIT)
                c = pf->wcls[fold_run(c, rcls, (const char *)t, len, &i)];
            if (row < ndrow) {
                row = dense[row + c] & WALK_NODE; /* column 0 (a byte in no string) is all WALK_END */
                if (!row)
                    return n;
                node = row_node(pf, row);
            } else {
                node = c ? child(pf, node, pf->wbyte[c]) : 0;
                if (!node)
                    return n;
                row = node < pf->ndense ? node * (uint32_t)(pf->nwcls + 1) : ndrow;
            }
            if (pf->rules_n[node] && n < MAX_PREFIX)
                h[n++] = (walk_hit){k, node};
        } while (row >= ndrow && i < len);
    }
    return n;
}

/* The walks from pos[0..n), up to the first that might not find room in h: the nodes with rules they meet,
 * in order, into h (*nh of them); how many positions it took. It calls nothing: its caller calls the
 * rules once it is over (the same calls, in the same order), so that it keeps its tables in registers (the
 * calls of the rules in the walk had made it save and reload most of them).
 *
 * A walk's first steps, until a node with rules, another step or the end, are the quick loop's; most walks
 * end in them (284520 of 325615 at the word starts of 2 MB of news; 90347 at the second byte, 129649 at
 * the third). The first two bytes are one step in the pair table, and the third one is there to read (p <
 * lim, len - 2; a walk from one of the last two bytes is walk_on's from the root). */
static size_t walk_quick(const chr__prefilter *pf, const unsigned char *t, size_t len, const size_t *pos,
                         size_t n, walk_hit *h, size_t *nh) __attribute__((noinline));
static size_t walk_quick(const chr__prefilter *pf, const unsigned char *t, size_t len, const size_t *pos,
                         size_t n, walk_hit *h, size_t *nh) {
    const uint32_t *dense = pf->dense, *pair = dense - PAIRS; /* one pointer (alloc_dense) */
    const uint16_t *qcls = pf->qcls;
    /* the positions are ascending: those from nq on are the last two bytes' (walk_on's from the root),
     * those before have a third byte to read */
    size_t lim = len > 2 ? len - 2 : 0, m = 0, nq = n, k = 0;
    while (nq > 0 && pos[nq - 1] >= lim)
        nq--;
    for (; k < nq; k++) {
        size_t p = pos[k], i, row, d;
        if ((d = pair[two_bytes(t + p)]) >= WALK_END) {
            if (d == WALK_END)
                continue;
            i = p, row = 0;
            goto on;
        }
        row = d, i = p + 2; /* the third byte is there */
        while ((d = dense[row + qcls[t[i]]]) < WALK_END) {
            row = d;
            if (++i == len)
                goto next;
        }
        if (d == WALK_END)
            continue;
    on:
        m += walk_on(pf, t, len, i, (uint32_t)row, (uint32_t)k, h + m);
        if (m > WALK_HITS - MAX_PREFIX) {
            *nh = m;
            return k + 1;
        }
    next:;
    }
    for (; k < n; k++) {
        m += walk_on(pf, t, len, pos[k], 0, (uint32_t)k, h + m);
        if (m > WALK_HITS - MAX_PREFIX) {
            *nh = m;
            return k + 1;
        }
    }
    *nh = m;
    return n;
}

size_t chr__prefilter_walk(const chr__prefilter *pf, const char *text, size_t len, const size_t *pos,
                           size_t n, chr__prefilter_sink sink, void *ctx) {
    walk_hit h[WALK_HITS];
    size_t tried = 0;
    for (size_t k = 0; k < n;) {
        if (pf->nanywhere) { /* some rules are tried everywhere: at each position, before its walk's */
            for (size_t j = 0; j < pf->nanywhere; j++)
                sink(ctx, pos[k], pf->anywhere[j]);
            tried += pf->nanywhere;
        }
        size_t nh, took = walk_quick(pf, (const unsigned char *)text, len, pos + k,
                                     pf->nanywhere ? 1 : n - k, h, &nh);
        for (const walk_hit *hp = h, *he = h + nh; hp < he; hp++) {
            const uint32_t *l = pf->rule_list + pf->rules_at[hp->node], *le = l + pf->rules_n[hp->node];
            size_t p = pos[k + hp->k];
            tried += (size_t)(le - l);
            for (; l < le; l++)
                sink(ctx, p, *l);
        }
        k += took;
    }
    return tried;
}

const unsigned char *chr__prefilter_starts(const chr__prefilter *pf) { return pf->starts; }

/* Where the n folded bytes before text[end] start (end is where one of them ends, as folded() reads
 * from the start of the text): back over a run of white space, a long s, a Kelvin sign as one byte
 * each. None of these can be the tail of another (folded() reads whole runs, and the bytes of the two
 * characters are not white space nor their lead bytes), so the steps back are folded()'s steps. */
static size_t folded_back(const char *text, size_t end, size_t n) __attribute__((noinline));
static size_t folded_back(const char *text, size_t end, size_t n) {
    const unsigned char *t = (const unsigned char *)text;
    while (n-- > 0 && end > 0) {
        unsigned char c = t[end - 1];
        if (chr__ascii_space(c)) {
            while (end > 0 && chr__ascii_space(t[end - 1]))
                end--;
        } else if (c == 0xBF && end >= 2 && t[end - 2] == 0xC5) {
            end -= 2;
        } else if (c == 0xAA && end >= 3 && t[end - 2] == 0x84 && t[end - 3] == 0xE2) {
            end -= 3;
        } else {
            end--;
        }
    }
    return end;
}

/* Paragraphs end at a blank line, and are cut into pieces, only where that leaves pieces this long
 * (bytes): a piece's set is of the strings that start from it to its paragraph's end, so that a position
 * is told about what starts after it more than about its whole paragraph; and a text of blank lines does
 * not make a piece of each. */
#define PARA_MIN 64

void chr__paras_free(chr__paras *ps) {
    free(ps->last); /* with the pieces' ends and sets: one block (paras_split) */
    free(ps->occ_at); /* with occ (occ_group) */
    memset(ps, 0, sizeof *ps);
}

/* The occurrences (id, start) pairs[0..n) grouped by string into ps, each string's in the order found:
 * the order of their starts (occurrences of one string end in order, and start as many folded bytes
 * before). occ_at and occ are one block; next (nrstr of them) is room to use. */
static int occ_group(chr__paras *ps, const size_t *pairs, size_t n, size_t nrstr, size_t *next) {
    size_t *at = ps->occ_at = malloc((nrstr + 1 + n) * sizeof *ps->occ_at);
    if (!at)
        return CHR_ENOMEM;
    ps->occ = at + nrstr + 1;
    memset(at, 0, (nrstr + 1) * sizeof *at);
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++)
        at[pairs[2 * i] + 1]++;
    size_t s = 0, k = 1; /* the counts' running sums, four a turn */
    for (; k + 4 <= nrstr + 1; k += 4) {
        at[k] = s += at[k];
        at[k + 1] = s += at[k + 1];
        at[k + 2] = s += at[k + 2];
        at[k + 3] = s += at[k + 3];
    }
    for (; k <= nrstr; k++)
        at[k] = s += at[k];
    memcpy(next, at, nrstr * sizeof *next);
    for (size_t i = 0; i < n; i++)
        ps->occ[next[pairs[2 * i]]++] = pairs[2 * i + 1];
    return 0;
}

/* The pieces of the paragraphs of text: ends (ps->last) and, per piece, where the blank line after its
 * paragraph ends (*endp: a string starting before it counts); the sets hold bit 0, of every piece, all
 * bits for the last. The three are one block (a document had made eight allocations in this pass). */
static int paras_split(chr__paras *ps, size_t **endp, const char *text, size_t len, size_t nrstr) {
    size_t cap = len / PARA_MIN + 2, n = 0, lo = 0, w = ps->words = (nrstr + 1 + 63) / 64;
    size_t *last = malloc(cap * (2 * sizeof *last + w * sizeof *ps->sets)), *end = last ? last + cap : NULL;
    if (!last)
        return CHR_ENOMEM;
    for (const char *q = len ? memchr(text, '\n', len) : NULL; q;
         q = memchr(q + 1, '\n', (size_t)(text + len - q - 1))) {
        size_t i = (size_t)(q - text), j = i + 1;
        while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) /* as recognize.c's */
            j++;
        if (j >= len || text[j] != '\n' || i - lo < PARA_MIN)
            continue;
        for (; i - lo >= 2 * PARA_MIN; lo += PARA_MIN) {
            last[n] = lo + PARA_MIN - 1;
            end[n++] = j;
        }
        last[n] = i;
        end[n++] = j;
        lo = i + 1;
    }
    uint64_t *sets = (uint64_t *)(end + cap);
    memset(sets, 0, n * w * sizeof *sets);
    last[n] = SIZE_MAX;
    end[n] = SIZE_MAX;
    for (size_t k = 0; k < n; k++)
        sets[k * w] |= 1;
    memset(sets + n * w, 0xFF, w * sizeof *sets);
    ps->n = n + 1;
    ps->last = last;
    ps->sets = sets;
    ps->strings = nrstr;
    *endp = end;
    return 0;
}

/* Each piece's set takes in those of the pieces after it in its paragraph. */
static void paras_finish(chr__paras *ps, const size_t *end) {
    size_t w = ps->words;
    uint64_t *s = ps->sets + (ps->n - 1) * w; /* piece k + 1's set */
    for (size_t k = ps->n - 1; k-- > 0; s -= w)
        if (end[k] == end[k + 1])
            for (size_t x = 0; x < w; x++)
                (s - w)[x] |= s[x];
}

const uint64_t *chr__prefilter_rule_sets(const chr__prefilter *pf) { return pf->rsets; }

int chr__prefilter_required(const chr__prefilter *pf, const char *text, size_t len, size_t *last1) {
    return chr__prefilter_required_paras(pf, text, len, last1, NULL);
}

/* Where strings end, as the scan finds them: its step ended at text[i - 1] in a state where strings end,
 * of this row of rdelta. The scan puts them in a small buffer, and the strings are looked at in a loop of
 * their own (req_strings): each loop keeps its own values in registers. */
typedef struct req_end {
    size_t i, row;
} req_end;

#define REQ_ENDS 64
/* Up to this many strings, the pass's arrays per string are on the stack. */
#define REQ_STACK 256

/* The state of the pass over a document's occurrences. */
typedef struct req_pass {
    const char *text;
    size_t slow;     /* just past the last character folded() read of more bytes than one */
    size_t *seen;    /* per string: 1 + the start of its last occurrence, 0 none */
    uint32_t *found; /* the strings seen, in the order first seen */
    size_t nfound;
    const size_t *last; /* the pieces (chr__paras), or NULL */
    uint64_t *sets;
    size_t words;
    size_t piece;                /* the piece of the last start put */
    size_t *pairs, npairs, pcap; /* the kept occurrences, (string, start) as found */
    size_t *pairs_stack;         /* pairs while on the stack */
    int rc;
} req_pass;

/* Room for more kept occurrences: 0, or CHR_ENOMEM. */
static int pairs_grow(req_pass *R) {
    size_t c = R->pcap * 2, *v = R->pairs == R->pairs_stack ? malloc(2 * c * sizeof *v)
                                                             : realloc(R->pairs, 2 * c * sizeof *v);
    if (!v)
        return CHR_ENOMEM;
    if (R->pairs == R->pairs_stack)
        memcpy(v, R->pairs, 2 * R->npairs * sizeof *v);
    R->pairs = v;
    R->pcap = c;
    return 0;
}

/* The strings that end at e[0..n): their starts, last starts, pieces and kept occurrences. A string
 * starts at no white space, so never inside a blank line: the paragraph before has no business with it;
 * the starts come about in order, so a start's piece is found from the last one's. What it reads and
 * writes through pointers is in locals (the stores to seen and sets would have made every other field
 * read again). */
static void req_strings(const chr__prefilter *pf, req_pass *R, const req_end *e, size_t n)
    __attribute__((noinline));
static void req_strings(const chr__prefilter *pf, req_pass *R, const req_end *e, size_t n) {
    const uint32_t *rout = pf->rout, *out_at = pf->out_at;
    unsigned rshift = pf->rshift;
    size_t *seen = R->seen, piece = R->piece, w = R->words, slow = pf->cls[' '] ? SIZE_MAX : R->slow;
    size_t *pairs = R->pairs, np = R->npairs;
    uint32_t *found = R->found + R->nfound;
    const size_t *last = R->last;
    uint64_t *pset = R->sets + piece * w;
    for (const req_end *ee = e + n; e < ee; e++) {
        /* a string of m folded bytes is the m bytes before i unless folded() read a character of more
         * bytes among them (after slow), or the strings hold white space */
        size_t i = e->i, fast = slow == SIZE_MAX ? 0 : i - slow;
        for (const uint32_t *x = rout + out_at[e->row >> rshift];; x++) {
            size_t id = *x & ROUT_ID, m = *x >> ROUT_LEN_SHIFT & ROUT_LEN;
            size_t q = fast >= m ? i - m : folded_back(R->text, i, m);
            if (!seen[id])
                *found++ = (uint32_t)id;
            seen[id] = q + 1;
            if (last) {
                if (q > last[piece] || (piece > 0 && q <= last[piece - 1])) {
                    while (q > last[piece])
                        piece++;
                    while (piece > 0 && q <= last[piece - 1])
                        piece--;
                    pset = R->sets + piece * w;
                }
                pset[(id + 1) / 64] |= (uint64_t)1 << ((id + 1) % 64);
                if (*x & ROUT_KEEP) {
                    if (np == R->pcap && !R->rc) {
                        R->npairs = np;
                        R->rc = pairs_grow(R);
                        pairs = R->pairs;
                    }
                    if (np < R->pcap) { /* else out of memory: R->rc says so */
                        pairs[2 * np] = id;
                        pairs[2 * np + 1] = q;
                        np++;
                    }
                }
            }
            if (*x & ROUT_LAST)
                break;
        }
    }
    R->nfound = (size_t)(found - R->found);
    R->piece = piece;
    R->npairs = np;
}

enum { REQ_END, REQ_SLOW, REQ_FULL };

/* The scan from t[*ip] on, in the state of row *dp of rdelta, that puts where strings end in ev (from
 * *nev on), until the end (REQ_END), a lead byte folded() must read (REQ_SLOW: *ip just past it, *dp its
 * entry, DELTA_SLOW | the row it was in) or REQ_ENDS of them (REQ_FULL). A usual step is two loads and
 * one branch, sixteen of them a turn of the loop, and the state is all it keeps; it calls nothing, so that
 * all it keeps is in registers (the strings that end are looked at after it: req_strings). Four steps a
 * turn took 1.3 M instructions more on the 2 MB slice, eight 0.6 M; a scan that returned at each end to a
 * loop that looked at its strings, 2.5 M more. */
static int req_scan(const uint32_t *rdelta, const uint16_t *rbcls, const unsigned char *t, size_t len,
                    size_t *ip, size_t *dp, req_end *ev, size_t *nev) __attribute__((noinline));
static int req_scan(const uint32_t *rdelta, const uint16_t *rbcls, const unsigned char *t, size_t len,
                    size_t *ip, size_t *dp, req_end *ev, size_t *nev) {
    /* before stop, sixteen bytes are there to read */
    const unsigned char *p = t + *ip, *end = t + len, *stop = len > 15 ? end - 15 : t;
    size_t d = *dp, n = *nev;
    int r;
    for (;;) {
#define REQ_STEP(k)                                                                                        \
    if ((d = rdelta[d + rbcls[p[k]]]) >= DELTA_SLOW) {                                                     \
        p += (k) + 1;                                                                                      \
        goto flagged;                                                                                      \
    }
        for (; p < stop; p += 16) {
            REQ_STEP(0)
            REQ_STEP(1)
            REQ_STEP(2)
            REQ_STEP(3)
            REQ_STEP(4)
            REQ_STEP(5)
            REQ_STEP(6)
            REQ_STEP(7)
            REQ_STEP(8)
            REQ_STEP(9)
            REQ_STEP(10)
            REQ_STEP(11)
            REQ_STEP(12)
            REQ_STEP(13)
            REQ_STEP(14)
            REQ_STEP(15)
        }
#undef REQ_STEP
        while (p < end)
            if ((d = rdelta[d + rbcls[*p++]]) >= DELTA_SLOW)
                goto flagged;
        r = REQ_END;
        break;
    flagged:
        if (d & DELTA_SLOW) {
            r = REQ_SLOW;
            break;
        }
        d &= ~DELTA_OUT;
        ev[n].i = (size_t)(p - t);
        ev[n].row = d;
        if (++n == REQ_ENDS) {
            r = REQ_FULL;
            break;
        }
    }
    *ip = (size_t)(p - t);
    *dp = d;
    *nev = n;
    return r;
}

int chr__prefilter_required_paras(const chr__prefilter *pf, const char *text, size_t len, size_t *last1,
                                  chr__paras *ps) {
    size_t *pend = NULL; /* where the blank line after each paragraph ends */
    if (ps && paras_split(ps, &pend, text, len, pf->nreq))
        return CHR_ENOMEM;
    size_t seen_stack[REQ_STACK], pairs_stack[2 * 64];
    uint32_t found_stack[REQ_STACK];
    req_pass R = {text, 0, seen_stack, found_stack, 0, ps ? ps->last : NULL, ps ? ps->sets : NULL,
                  ps ? ps->words : 0, 0, pairs_stack, 0, 64, pairs_stack, 0};
    if (pf->nreq > REQ_STACK) {
        R.seen = malloc(pf->nreq * sizeof *R.seen);
        R.found = malloc(pf->nreq * sizeof *R.found);
        if (!R.seen || !R.found) {
            free(R.seen);
            free(R.found);
            if (ps)
                chr__paras_free(ps);
            return CHR_ENOMEM;
        }
    }
    memset(R.seen, 0, pf->nreq * sizeof *R.seen);
    if (pf->nreq) {
        size_t i = 0, d = 0, nev = 0; /* d: the state's row, or its entry when flagged */
        req_end ev[REQ_ENDS];
        for (int r = REQ_FULL; r != REQ_END;) {
            r = req_scan(pf->rdelta, pf->rbcls, (const unsigned char *)text, len, &i, &d, ev, &nev);
            req_strings(pf, &R, ev, nev); /* those before a slow byte with the slow before it */
            nev = 0;
            if (r == REQ_SLOW) {
                i--;
                d = pf->rdelta[(d & ~DELTA_SLOW) + pf->cls[folded(text, len, &i)]];
                R.slow = i;
                if (d & DELTA_OUT) {
                    d &= ~DELTA_OUT;
                    ev[nev].i = i;
                    ev[nev++].row = d;
                }
            }
        }
    }
    memcpy(last1, pf->last1_none, pf->nrules * sizeof *last1);
    for (size_t f = 0; f < R.nfound; f++) {
        size_t v = R.seen[R.found[f]];
        for (uint32_t j = pf->str_rule_at[R.found[f]]; j < pf->str_rule_at[R.found[f] + 1]; j++)
            if (v > last1[pf->str_rule[j]])
                last1[pf->str_rule[j]] = v;
    }
    int rc = R.rc;
    if (ps) {
        paras_finish(ps, pend);
        rc = rc ? rc : occ_group(ps, R.pairs, R.npairs, pf->nreq, R.seen);
        if (rc)
            chr__paras_free(ps);
    }
    if (R.pairs != pairs_stack)
        free(R.pairs);
    if (R.seen != seen_stack) {
        free(R.seen);
        free(R.found);
    }
    return rc;
}

int chr__prefilter_keep_occurrences(chr__prefilter *pf, size_t r) {
    if (pf->implied[r]) /* its reach is always met (chr__prefilter_reach_met) */
        return 0;
    unsigned char *keep = calloc(pf->nrstr ? pf->nrstr : 1, 1);
    if (!keep)
        return CHR_ENOMEM;
    for (uint32_t j = 0; j < pf->rule_req_n[r]; j++)
        keep[pf->rule_req[pf->rule_req_at[r] + j]] = 1;
    for (size_t o = 0; o < pf->out_at[pf->nstates]; o++)
        if (keep[pf->rout[o] & ROUT_ID])
            pf->rout[o] |= ROUT_KEEP;
    free(keep);
    return 0;
}

int chr__prefilter_reach_met(const chr__prefilter *pf, size_t r) { return pf->implied[r]; }

const uint32_t *chr__prefilter_anywhere(const chr__prefilter *pf, size_t *n) {
    *n = pf->nanywhere;
    return pf->anywhere;
}

const uint32_t *chr__prefilter_rule_strings(const chr__prefilter *pf, size_t r, size_t *n) {
    *n = pf->rule_req_n[r];
    return pf->rule_req + pf->rule_req_at[r];
}

/* ---- the prefilter kept at build time -------------------------------------------------------------
 * The analysis costs most of the engine's start-up, and depends only on the patterns: the build runs it
 * once over the built-in rules (cmake/rulesbin.c) and embeds the result with the patterns it came
 * from; the engine takes it only when its own patterns are byte for byte those. The layout: a header of
 * 64-bit counts, then each array as it is in memory (little or big endian as built: the header's
 * byte-order mark must read back), the walk's class bytes after the patterns, strings as their bytes,
 * length and exactness. The eight big tables, the trie's rules by node (rules_at, rules_n, rule_list), the
 * edge table (ekeys, evals) whole, the pair table and just after it the dense table finished, and the
 * required strings' table (rdelta), each start at a multiple of 64 bytes
 * and are read in place (the built-in copy is aligned on 64), so that a run faults in only the pages
 * of them it reads. Copying them out (and filling the edge and dense tables from a list of the edges)
 * had touched all of their 3.0 MB: 790 of the 1,618 page faults of a one-line run. What it holds is
 * trusted as the build's own output once its patterns match; the counts and lengths are checked all
 * the same, so that a damaged copy is refused rather than read past its end, and so is an empty slot of
 * the edge table, which ends every probe. */

#define PF_MAGIC 0x43485250464c5439ull /* "CHRPFLT9" */
#define PF_ORDER 0x0102030405060708ull
#define PF_COUNTS 16

typedef struct bout {
    unsigned char *p;
    size_t n, cap;
    int oom;
} bout;

static void b_put(bout *o, const void *s, size_t n) {
    if (o->oom || !n)
        return;
    if (o->n + n > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap < o->n + n)
            cap *= 2;
        unsigned char *p = realloc(o->p, cap);
        if (!p) {
            o->oom = 1;
            return;
        }
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->n, s, n);
    o->n += n;
}

static void b_u64(bout *o, uint64_t v) { b_put(o, &v, sizeof v); }

/* Zeros up to the next multiple of 64 bytes from the start. */
static void b_pad(bout *o) {
    static const unsigned char zeros[64];
    b_put(o, zeros, (64 - o->n % 64) % 64);
}

/* The patterns as one block: each with its NUL. */
static size_t patterns_len(const char *const *patterns, size_t n) {
    size_t t = 0;
    for (size_t i = 0; i < n; i++)
        t += strlen(patterns[i]) + 1;
    return t;
}

int chr__prefilter_save(unsigned char **out, size_t *out_len, const chr__prefilter *pf,
                        const char *const *patterns, size_t n) {
    bout o = {0};
    size_t nout = pf->out_at ? pf->out_at[pf->nstates] : 0;
    size_t empty = 0;
    while (empty < pf->ecap && pf->ekeys[empty])
        empty++;
    uint64_t counts[PF_COUNTS] = {pf->nrules,
                                  pf->nnodes,
                                  pf->nlist,
                                  pf->ecap,
                                  pf->nanywhere,
                                  pf->nrstr,
                                  pf->rule_req_total,
                                  pf->ncls,
                                  pf->nstates,
                                  nout,
                                  patterns_len(patterns, n),
                                  n,
                                  pf->nwcls,
                                  pf->ndense,
                                  empty,
                                  pf->nreq};
    *out = NULL;
    *out_len = 0;
    b_u64(&o, PF_MAGIC);
    b_u64(&o, PF_ORDER);
    for (size_t i = 0; i < PF_COUNTS; i++)
        b_u64(&o, counts[i]);
    for (size_t i = 0; i < n; i++)
        b_put(&o, patterns[i], strlen(patterns[i]) + 1);
    b_put(&o, pf->wbyte + 1, pf->nwcls - 1);
    const void *tables[8] = {pf->rules_at, pf->rules_n, pf->rule_list, pf->ekeys,
                             pf->evals,    pf->pair,    pf->dense,     pf->rdelta};
    const size_t sizes[8] = {pf->nnodes * sizeof *pf->rules_at,
                             pf->nnodes * sizeof *pf->rules_n,
                             pf->nlist * sizeof *pf->rule_list,
                             pf->ecap * sizeof *pf->ekeys,
                             pf->ecap * sizeof *pf->evals,
                             PAIRS * sizeof *pf->pair,
                             pf->ndense * (pf->nwcls + 1) * sizeof *pf->dense,
                             (pf->nstates << pf->rshift) * sizeof *pf->rdelta};
    for (int t = 0; t < 8; t++) {
        b_pad(&o);
        b_put(&o, tables[t], sizes[t]);
    }
    b_put(&o, pf->anywhere, pf->nanywhere * sizeof *pf->anywhere);
    for (size_t i = 0; i < pf->nrstr; i++) {
        uint32_t len = (uint32_t)pf->rstr[i].n, exact = (uint32_t)pf->rstr[i].exact;
        unsigned char b[MAX_PREFIX] = {0}; /* the bytes past the string are not set: zeros, not garbage */
        memcpy(b, pf->rstr[i].b, pf->rstr[i].n);
        b_put(&o, b, MAX_PREFIX);
        b_put(&o, &len, sizeof len);
        b_put(&o, &exact, sizeof exact);
    }
    b_put(&o, pf->rule_req_at, 2 * pf->nrules * sizeof *pf->rule_req_at);
    b_put(&o, pf->rule_req_n, 2 * pf->nrules * sizeof *pf->rule_req_n);
    b_put(&o, pf->rule_req, pf->rule_req_total * sizeof *pf->rule_req);
    b_put(&o, pf->implied, pf->nrules);
    b_put(&o, pf->cls, sizeof pf->cls);
    b_put(&o, pf->out_at, (pf->nstates + 1) * sizeof *pf->out_at);
    b_put(&o, pf->out, nout * sizeof *pf->out);
    if (o.oom) {
        free(o.p);
        return CHR_ENOMEM;
    }
    *out = o.p;
    *out_len = o.n;
    return 0;
}

typedef struct bin {
    const unsigned char *start, *p, *end;
    int short_;
} bin;

static int b_get(bin *in, void *dst, size_t n) {
    if ((size_t)(in->end - in->p) < n) {
        in->short_ = 1;
        return -1;
    }
    if (n)
        memcpy(dst, in->p, n);
    in->p += n;
    return 0;
}

/* A copy of the next n elements of size sz (at least one element allocated), or NULL. */
static void *b_array(bin *in, size_t n, size_t sz) {
    if (in->short_ || (n && (size_t)(in->end - in->p) / sz < n)) {
        in->short_ = 1;
        return NULL;
    }
    void *v = malloc((n ? n : 1) * sz);
    if (v && b_get(in, v, n * sz)) {
        free(v);
        return NULL;
    }
    return v;
}

/* The next n elements of size sz in place, from the next multiple of 64 bytes (b_pad), or NULL. */
static const void *b_view(bin *in, size_t n, size_t sz) {
    size_t pad = (64 - (size_t)(in->p - in->start) % 64) % 64;
    if (in->short_ || (size_t)(in->end - in->p) < pad || (size_t)(in->end - in->p - pad) / sz < n) {
        in->short_ = 1;
        return NULL;
    }
    const void *v = in->p + pad;
    in->p += pad + n * sz;
    return v;
}

int chr__prefilter_load(chr__prefilter **out, const unsigned char *data, size_t len,
                        const char *const *patterns, size_t n) {
    bin in = {data, data, data + len, 0};
    uint64_t magic = 0, order = 0, c[PF_COUNTS];
    *out = NULL;
    if ((uintptr_t)data % sizeof(uint64_t) || b_get(&in, &magic, sizeof magic) ||
        b_get(&in, &order, sizeof order) || magic != PF_MAGIC || order != PF_ORDER || b_get(&in, c, sizeof c))
        return 0; /* misaligned (the tables are read in place), or not a saved prefilter */
    /* the patterns it was made from, byte for byte */
    if (c[11] != n || c[10] != patterns_len(patterns, n) || (size_t)(in.end - in.p) < c[10])
        return 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(patterns[i]) + 1;
        if (memcmp(in.p, patterns[i], l) != 0)
            return 0;
        in.p += l;
    }
    /* sane sizes: the edge table a power of two, the automaton's tables as big as their counts say */
    if (c[0] != n || c[1] == 0 || c[3] == 0 || (c[3] & (c[3] - 1)) || c[3] > ((size_t)1 << 32) ||
        c[1] > c[3] || c[4] > n || c[7] == 0 || c[7] > 256 || c[8] == 0 || c[12] == 0 || c[12] > 257 ||
        c[1] > WALK_NODE / (c[12] + 1) ||
        c[8] > (DELTA_SLOW - 1) / row_len(c[7]) || c[13] != (c[1] < DENSE_NODES ? c[1] : DENSE_NODES) ||
        c[14] >= c[3] || c[5] > ROUT_ID || c[15] > c[5])
        return 0;
    chr__prefilter *pf = calloc(1, sizeof *pf);
    if (!pf)
        return CHR_ENOMEM;
    pf->nrules = c[0];
    pf->nnodes = c[1];
    pf->nlist = c[2];
    pf->ecap = c[3];
    pf->nanywhere = c[4];
    pf->nrstr = c[5];
    pf->nreq = c[15];
    pf->rule_req_total = c[6];
    pf->ncls = c[7];
    pf->nstates = c[8];
    /* the walk's classes: distinct bytes in order */
    pf->nwcls = c[12];
    if (c[12] == 0 || c[12] > 257 || (size_t)(in.end - in.p) < c[12] - 1)
        in.short_ = 1;
    for (size_t k = 1; !in.short_ && k < pf->nwcls; k++, in.p++) {
        if (k > 1 && *in.p <= pf->wbyte[k - 1])
            in.short_ = 1;
        pf->wbyte[k] = *in.p;
        pf->wcls[*in.p] = (uint16_t)k;
    }
    /* the big tables in place (never written through: the prefilter is immutable once loaded) */
    pf->borrowed = 1;
    pf->ndense = c[13];
    pf->rules_at = (uint32_t *)(uintptr_t)b_view(&in, pf->nnodes, sizeof *pf->rules_at);
    pf->rules_n = (uint32_t *)(uintptr_t)b_view(&in, pf->nnodes, sizeof *pf->rules_n);
    pf->rule_list = (uint32_t *)(uintptr_t)b_view(&in, pf->nlist, sizeof *pf->rule_list);
    pf->ekeys = (uint64_t *)(uintptr_t)b_view(&in, pf->ecap, sizeof *pf->ekeys);
    pf->evals = (uint32_t *)(uintptr_t)b_view(&in, pf->ecap, sizeof *pf->evals);
    pf->pair = (uint32_t *)(uintptr_t)b_view(&in, PAIRS, sizeof *pf->pair);
    pf->dense = (uint32_t *)(uintptr_t)b_view(&in, pf->ndense * (pf->nwcls + 1), sizeof *pf->dense);
    if (pf->pair && pf->dense != pf->pair + PAIRS) /* 64-byte multiples: dense just after */
        in.short_ = 1;
    pf->rdelta = (uint32_t *)(uintptr_t)b_view(&in, pf->nstates * row_len(pf->ncls), sizeof *pf->rdelta);
    if (pf->ekeys && pf->ekeys[c[14]])
        in.short_ = 1; /* no empty slot where the header says: a probe might not end */
    pf->anywhere = b_array(&in, pf->nanywhere, sizeof *pf->anywhere);
    pf->rstr = in.short_ || pf->nrstr > (size_t)(in.end - in.p) ? NULL : calloc(pf->nrstr ? pf->nrstr : 1, sizeof *pf->rstr);
    for (size_t i = 0; pf->rstr && i < pf->nrstr; i++) {
        uint32_t l = 0, exact = 0;
        if (b_get(&in, pf->rstr[i].b, MAX_PREFIX) || b_get(&in, &l, sizeof l) || b_get(&in, &exact, sizeof exact) ||
            l > MAX_PREFIX)
            in.short_ = 1;
        pf->rstr[i].n = l;
        pf->rstr[i].exact = (int)exact;
    }
    pf->rule_req_at = b_array(&in, 2 * pf->nrules, sizeof *pf->rule_req_at);
    pf->rule_req_n = b_array(&in, 2 * pf->nrules, sizeof *pf->rule_req_n);
    pf->rule_req = b_array(&in, pf->rule_req_total, sizeof *pf->rule_req);
    pf->implied = b_array(&in, pf->nrules, 1);
    b_get(&in, pf->cls, sizeof pf->cls);
    required_classes(pf);
    pf->out_at = b_array(&in, pf->nstates + 1, sizeof *pf->out_at);
    pf->out = b_array(&in, c[9], sizeof *pf->out);
    if (in.p != in.end)
        in.short_ = 1;
    int rrc = 0;
    if (!in.short_ && pf->dense && pf->rdelta && pf->rule_req_n && pf->rule_req_at && pf->rule_req &&
        pf->implied) {
        finish_walk(pf);
        rrc = finish_required(pf);
        if (!rrc)
            rrc = finish_sets(pf, patterns);
    }
    int ok = !in.short_ && in.p == in.end && pf->rules_at && pf->rules_n && pf->rule_list && pf->ekeys &&
             pf->evals && pf->anywhere && pf->rstr && pf->rule_req_at && pf->rule_req_n && pf->rule_req &&
             pf->rdelta && pf->out_at && pf->out && pf->dense && pf->pair && pf->implied && !rrc;
    if (!ok) {
        int oom = !in.short_;
        chr__prefilter_free(pf);
        return oom ? CHR_ENOMEM : 0;
    }
    *out = pf;
    return 1;
}
