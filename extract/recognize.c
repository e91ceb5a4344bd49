/* recognize.c: runs every rule over a text and selects the expressions: the longest match wins,
 * then the earliest, then the rule that comes first; a REJECT rule that wins hides what it covers.
 * Matches must start and end on word boundaries. Between matches of the same extent, the rule with the
 * higher priority wins, then the one that comes first. A pattern that hits a PCRE2 limit (match, depth,
 * heap, JIT stack) gives up there and the scan goes on after it, further on each time it hits again.
 *
 * Exports chr__recognize and chr__cands_free. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* After a pattern hits a PCRE2 limit, the scan goes on at most this far on (bytes). */
#define MAX_SKIP 4096u

typedef struct cands {
    chr__cand *v;
    size_t n, cap;
} cands;

static int push(cands *cs, size_t start, size_t end, size_t rule, int priority, pcre2_match_data *md)
{
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 64;
        chr__cand *p = realloc(cs->v, cap * sizeof *p);
        if (!p)
            return CHR_ENOMEM;
        cs->v = p;
        cs->cap = cap;
    }
    uint32_t ng = pcre2_get_ovector_count(md);
    PCRE2_SIZE *ov = malloc(2 * ng * sizeof *ov);
    if (!ov)
        return CHR_ENOMEM;
    memcpy(ov, pcre2_get_ovector_pointer(md), 2 * ng * sizeof *ov);
    chr__cand *c = &cs->v[cs->n++];
    c->start = start;
    c->end = end;
    c->rule = rule;
    c->priority = priority;
    c->ngroups = ng;
    c->ovector = ov;
    return 0;
}

static int by_preference(const void *a, const void *b)
{
    const chr__cand *x = a, *y = b;
    size_t lx = x->end - x->start, ly = y->end - y->start;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->priority != y->priority)
        return x->priority > y->priority ? -1 : 1;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static int by_start(const void *a, const void *b)
{
    const chr__cand *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

void chr__cands_free(chr__cand *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(c[i].ovector);
    free(c);
}

/* Scan one rule over the whole text, keeping every match on word boundaries (overlapping ones too:
 * the search restarts one character after each match start). */
static int scan_rule(cands *cs, const chr_engine *e, size_t ri, const char *text, size_t len,
                     pcre2_match_data *md, chr_error *err)
{
    const chr__rule *r = &e->rules[ri];
    size_t pos = 0;
    size_t skip = 1; /* how far on to try again after a limit: doubles while the limits keep hitting */
    while (pos <= len) {
        int rc = pcre2_match(r->code, (PCRE2_SPTR)text, len, pos, PCRE2_NO_UTF_CHECK, md, e->mctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            return 0;
        if (rc < 0) {
            if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
                rc == PCRE2_ERROR_JIT_STACKLIMIT) {
                /* hostile or pathological text: give up on this rule here and keep going after it. Each
                 * try can cost a whole match limit, and a hostile stretch fails at every position: the
                 * step doubles (up to MAX_SKIP) while the tries keep failing, so that a stretch of n
                 * bytes costs about log n + n / MAX_SKIP tries, not n. */
                pos = skip > len - pos ? len + 1 : pos + skip;
                while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
                    pos++;
                if (skip < MAX_SKIP)
                    skip *= 2;
                continue;
            }
            return chr__error_set(err, CHR_ELIMIT, "rule '%s': match error %d", r->name, rc);
        }
        skip = 1;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        size_t s = ov[0], en = ov[1];
        if (en > s && (s == 0 || !is_word_byte((unsigned char)text[s - 1])) &&
            (en == len || !is_word_byte((unsigned char)text[en]) || !is_word_byte((unsigned char)text[en - 1]))) {
            if (push(cs, s, en, ri, r->priority, md))
                return CHR_ENOMEM;
        }
        pos = s + 1;
        while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
            pos++;
    }
    return 0;
}

int chr__recognize(chr__cand **out, size_t *nout, const chr_engine *e, const char *text, size_t len,
                   chr_error *err)
{
    cands cs = {0};
    *out = NULL;
    *nout = 0;
    pcre2_match_data *md = NULL;
    int rc = 0;
    for (size_t i = 0; i < e->nrules && !rc; i++) {
        pcre2_match_data *m = pcre2_match_data_create_from_pattern(e->rules[i].code, NULL);
        if (!m) {
            rc = CHR_ENOMEM;
            break;
        }
        pcre2_match_data_free(md);
        md = m;
        rc = scan_rule(&cs, e, i, text, len, md, err);
    }
    pcre2_match_data_free(md);
    if (rc) {
        chr__cands_free(cs.v, cs.n);
        return rc == CHR_ENOMEM ? chr__error_set(err, rc, "out of memory") : rc;
    }
    if (cs.n > 1) /* qsort with a NULL array is undefined, even for no elements */
        qsort(cs.v, cs.n, sizeof *cs.v, by_preference);
    /* greedy selection; the bytes already taken are marked in a bitmap, so that each candidate costs
     * its own length and a long text with many candidates stays linear */
    unsigned char *taken = calloc(len / 8 + 1, 1);
    if (!taken) {
        chr__cands_free(cs.v, cs.n);
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    size_t kept = 0;
    for (size_t i = 0; i < cs.n; i++) {
        chr__cand c = cs.v[i];
        int overlaps = 0;
        for (size_t b = c.start; b < c.end && !overlaps; b++)
            overlaps = taken[b >> 3] & (1u << (b & 7));
        if (overlaps) {
            free(c.ovector);
            continue;
        }
        for (size_t b = c.start; b < c.end; b++)
            taken[b >> 3] |= (unsigned char)(1u << (b & 7));
        cs.v[i] = cs.v[kept];
        cs.v[kept++] = c;
    }
    free(taken);
    /* drop what REJECT rules won */
    size_t n = 0;
    for (size_t i = 0; i < kept; i++) {
        if (e->rules[cs.v[i].rule].kind == CHR_RULE_REJECT)
            free(cs.v[i].ovector);
        else
            cs.v[n++] = cs.v[i];
    }
    if (n > 1)
        qsort(cs.v, n, sizeof *cs.v, by_start);
    *out = cs.v;
    *nout = n;
    return 0;
}
