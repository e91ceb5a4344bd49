/* recognize.c: runs the rules over a text and selects the expressions: the longest match wins, then the
 * earliest, then the rule that comes first; a REJECT rule that wins hides what it covers. Matches must
 * start and end on word boundaries. Between matches of the same extent, the rule with the higher
 * priority wins, then the one that comes first.
 *
 * Each rule is compiled anchored and tried at each word boundary where the prefilter (prefilter.c) says
 * one of its matches may start and be kept (in a paragraph that holds none of the strings its matches
 * hold, a match would span a blank line); that finds every match a search from each position would find
 * and this keeps. A pattern that hits a PCRE2 limit (match, depth, heap, JIT stack) gives up there and is
 * not tried again for a while, longer each time it hits again.
 *
 * Exports chr__recognize and chr__cands_free. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* After a pattern hits a PCRE2 limit, the scan goes on at most this far on (bytes). */
#define MAX_SKIP 4096u
/* The positions walked by one call of the prefilter: at least these (those of the last block of 64 bytes
 * that reached them), or the last. */
#define WALK_BATCH 256
/* The most rules whose state a scan keeps on the stack (4 words a rule), and the most required strings
 * (a word each: 2 KB, which memset zeroes without a rep stosb). */
#define LOCAL_RULES 256
#define LOCAL_STRINGS 256

/* The candidates of a scan, and their ovectors, ng pairs each (the match data's: the same for all), in
 * one array in the order they came (a malloc each had cost 4 M instructions on the 2 MB slice). */
typedef struct cands {
    chr__cand *v;
    size_t n, cap;
    PCRE2_SIZE *ov;
    uint32_t ng;
} cands;

static int push(cands *cs, size_t start, size_t end, size_t rule, int priority, pcre2_match_data *md) {
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 64;
        chr__cand *p = realloc(cs->v, cap * sizeof *p);
        if (!p)
            return CHR_ENOMEM;
        cs->v = p;
        PCRE2_SIZE *o = realloc(cs->ov, cap * 2 * cs->ng * sizeof *o);
        if (!o)
            return CHR_ENOMEM;
        cs->ov = o;
        cs->cap = cap;
    }
    memcpy(cs->ov + cs->n * 2 * cs->ng, pcre2_get_ovector_pointer(md), 2 * cs->ng * sizeof *cs->ov);
    chr__cand *c = &cs->v[cs->n++];
    c->start = start;
    c->end = end;
    c->rule = rule;
    c->priority = priority;
    c->ngroups = cs->ng;
    c->ovector = NULL; /* known once the array stops moving */
    return 0;
}

static inline __attribute__((always_inline)) int by_preference(const void *a, const void *b) {
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

static inline __attribute__((always_inline)) int by_start(const void *a, const void *b) {
    const chr__cand *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* v[0..n) sorted by cmp (a total order): by insertion when they are few, as in most documents (the C
 * library's qsort, a call of cmp a comparison, had cost 4.2 M instructions on the 2 MB slice), else by
 * qsort. Inlined, with cmp inlined into it. */
#define FEW_CANDS 32
static inline __attribute__((always_inline)) void sort_cands(chr__cand *v, size_t n,
                                                             int (*cmp)(const void *, const void *)) {
    if (n > FEW_CANDS) {
        qsort(v, n, sizeof *v, cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        chr__cand c = v[i];
        size_t j = i;
        for (; j > 0 && cmp(&c, &v[j - 1]) < 0; j--)
            v[j] = v[j - 1];
        v[j] = c;
    }
}

void chr__cands_free(chr__cand *c, size_t n) {
    if (n)
        free(c[0].ovector); /* the block of them all */
    free(c);
}

/* The state of one scan: each rule's match attempts at the positions where it may start. */
typedef struct scan {
    cands cs;
    const chr_engine *e;
    const char *text;
    size_t len, pos;
    pcre2_match_data *md;
    size_t *from;     /* per rule: not tried before this position: 1 + the last it was tried at (a rule may
                       * come twice), or after a PCRE2 limit where it tries again */
    size_t *skip;     /* per rule: how far on to try again after the next limit (doubles), less 1 */
    size_t *last1;    /* per rule: 1 + the last position a match of it can start at (prefilter) */
    const uint64_t *para_set; /* the required strings from pos's piece of paragraph on (prefilter) */
    size_t para;              /* pos's piece of paragraph */
    const uint64_t *rule_sets; /* per rule: those of its matches, nwords each */
    size_t nwords;
    const chr__paras *paras; /* where each required string starts (for the rules' reach) */
    size_t *next1;           /* per rule with a reach: 1 + the next start of its strings, 0 not known */
    size_t *cur; /* per required string: its first occurrence not before pos (so far), from its first */
    int rc;
    chr_error *err;
} scan;

/* Is offset p inside a word, after its apostrophe ("easter" in "nor'easter", or after U+2019)? No time
 * expression starts there. */
static int inside_word(const char *text, size_t p) {
    const unsigned char *s = (const unsigned char *)text;
    if (p < 2 || (s[p - 1] != '\'' && s[p - 1] != 0x99)) /* most positions: at once */
        return 0;
    size_t k = s[p - 1] == '\'' ? p - 2 : p >= 4 && s[p - 2] == 0x80 && s[p - 3] == 0xE2 ? p - 4 : p;
    return k < p && (unsigned)((s[k] | 0x20) - 'a') < 26;
}

#if defined(__SSE2__)
/* alnum_bits' 16 bytes from s + k: a range of bytes is one signed compare, with its first byte moved to
 * -128 */
static inline __attribute__((always_inline)) void alnum_16(const unsigned char *s, size_t k, uint64_t *m,
                                                           uint64_t *c, uint64_t *q) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
    __m128i l = _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8((char)(0x80 - 'a')));
    __m128i d = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0')));
    __m128i a = _mm_or_si128(_mm_cmplt_epi8(l, _mm_set1_epi8(-128 + 26)),
                             _mm_cmplt_epi8(d, _mm_set1_epi8(-128 + 10)));
    __m128i ap =
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0x99)));
    *m |= (uint64_t)(unsigned)_mm_movemask_epi8(a) << k;
    *c |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-128 + 0x40))) << k;
    *q |= (uint64_t)(unsigned)_mm_movemask_epi8(ap) << k;
}
#endif

/* For the n bytes from s (at most 64), bit k set where s[k] is an ASCII letter or digit; in *tail, where
 * it is a UTF-8 continuation byte; in *apos, where it is an apostrophe or the last byte of U+2019. */
static inline uint64_t alnum_bits(const unsigned char *s, size_t n, uint64_t *tail, uint64_t *apos) {
    uint64_t m = 0, c = 0, q = 0;
    size_t k = 0;
#if defined(__SSE2__)
    if (n == 64) { /* the usual block, its four steps written out: shifts by constants, no loop */
        alnum_16(s, 0, &m, &c, &q);
        alnum_16(s, 16, &m, &c, &q);
        alnum_16(s, 32, &m, &c, &q);
        alnum_16(s, 48, &m, &c, &q);
        k = 64;
    }
    for (; n - k >= 16; k += 16)
        alnum_16(s, k, &m, &c, &q);
#endif
    for (; k < n; k++) {
        m |= (uint64_t)chr__ascii_alnum(s[k]) << k;
        c |= (uint64_t)((s[k] & 0xC0) == 0x80) << k;
        q |= (uint64_t)(s[k] == '\'' || s[k] == 0x99) << k;
    }
    *tail = c;
    *apos = q;
    return m;
}

/* Is text[i] a line end followed, after blanks, by another before offset e: a blank line? */
static int blank_line_at(const char *text, size_t i, size_t e) {
    if (text[i] != '\n')
        return 0;
    for (i++; i < e && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'); i++)
        ;
    return i < e && text[i] == '\n';
}

/* Does text[s..e) hold a blank line? No time expression spans one: "... through Thursday\n\nJanuary 20,
 * 2025 6:30 AM" is a headline's weekday and a dateline. */
static int blank_line_in(const char *text, size_t s, size_t e) {
    for (const char *p = memchr(text + s, '\n', e - s); p;
         p = memchr(p + 1, '\n', (size_t)(text + e - p - 1)))
        if (blank_line_at(text, (size_t)(p - text), e))
            return 1;
    return 0;
}

#define UNLESS_REACH 400 /* bytes looked at on each side of a match for its paragraph's words */

/* Does the paragraph around text[s..e), within UNLESS_REACH bytes of it, hold a word of table t ("unless"
 * of a rule: "the fourth quarter" in "Buffalo led at halftime ... The Bills tied the game with a field
 * goal in the fourth quarter" is no quarter of a year)? */
static int paragraph_has(const chr__table *t, const char *text, size_t len, size_t s, size_t e) {
    size_t a = s, b = e;
    while (a > 0 && s - a < UNLESS_REACH && (text[a - 1] != '\n' || !blank_line_at(text, a - 1, len)))
        a--;
    while (b < len && b - e < UNLESS_REACH && (text[b] != '\n' || !blank_line_at(text, b, len)))
        b++;
    /* the first two bytes of the table's keys (5 bits of each), so that most words need no lookup */
    uint64_t two[16] = {0};
    for (size_t k = 0; k < t->n; k++) {
        unsigned x = ((unsigned char)t->keys[k][0] & 31) << 5 | (t->keys[k][0] ? t->keys[k][1] & 31 : 0);
        two[x >> 6] |= (uint64_t)1 << (x & 63);
    }
    for (size_t i = a; i < b;) {
        if ((unsigned)((text[i] | 0x20) - 'a') >= 26) {
            i++;
            continue;
        }
        char w[32];
        size_t n = 0, ws = i;
        for (; i < b && ((unsigned)((text[i] | 0x20) - 'a') < 26 || text[i] == '-'); i++)
            if (n < sizeof w - 1)
                w[n++] = (char)(text[i] | 0x20);
        w[n] = '\0';
        unsigned x = ((unsigned char)w[0] & 31) << 5 | ((unsigned char)w[1] & 31);
        if ((i <= s || ws >= e) && two[x >> 6] >> (x & 63) & 1 && chr__table_lookup(t, w))
            return 1;
    }
    return 0;
}

/* Does one of rule ri's required strings start at most reach bytes after sc->pos? A start at or after pos
 * is kept per rule: the first of them, or one in reach of the pos it was found at (the look stops there),
 * which stays in reach until pos passes it. Each string's place in its occurrences only moves on, as pos
 * does. */
static int in_reach(scan *sc, uint32_t ri, size_t reach) {
    size_t pos = sc->pos, nx = sc->next1[ri];
    if (nx <= pos) { /* not known, or behind pos */
        const chr__paras *ps = sc->paras;
        size_t n;
        const uint32_t *l = chr__prefilter_rule_strings(sc->e->prefilter, ri, &n);
        nx = SIZE_MAX;
        for (size_t j = 0; j < n && nx - 1 - pos > reach; j++) {
            size_t k = l[j], c = ps->occ_at[k] + sc->cur[k], end = ps->occ_at[k + 1];
            while (c < end && ps->occ[c] < pos)
                c++;
            sc->cur[k] = c - ps->occ_at[k];
            if (c < end && ps->occ[c] < nx - 1)
                nx = ps->occ[c] + 1;
        }
        sc->next1[ri] = nx;
    }
    return nx - 1 - pos <= reach;
}

/* Match rule ri anchored at sc->pos, unless none of its required strings is in its reach; keep a match
 * that ends on a word boundary, spans no blank line, and whose paragraph holds no word of the rule's
 * "unless" table. Out of line: most calls of try_rule end before it, and do not save the registers it
 * needs. */
static void match_rule(scan *sc, uint32_t ri) __attribute__((noinline));
static void match_rule(scan *sc, uint32_t ri) {
    const chr__rule *r = &sc->e->rules[ri];
    if (r->reach && !in_reach(sc, ri, r->reach))
        return;
    sc->from[ri] = sc->pos + 1;
    const char *text = sc->text;
    size_t len = sc->len;
    /* a JIT-compiled code goes straight to its machine code (pcre2_match would check and go there too) */
    int jit;
    const pcre2_code *code = chr__rules_code(r, &jit);
    int rc =
        jit ? pcre2_jit_match(code, (PCRE2_SPTR)text, len, sc->pos, PCRE2_NO_UTF_CHECK, sc->md, sc->e->mctx)
            : pcre2_match(code, (PCRE2_SPTR)text, len, sc->pos, PCRE2_NO_UTF_CHECK, sc->md, sc->e->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return;
    if (rc < 0) {
        if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
            rc == PCRE2_ERROR_JIT_STACKLIMIT) {
            /* hostile or pathological text: the rule gives up here and is not tried again for a while. A
             * hostile stretch fails at every position: the pause doubles (up to MAX_SKIP) while the tries
             * keep failing, so that a stretch of n bytes costs about log n + n / MAX_SKIP tries, not n. */
            sc->from[ri] = sc->pos + sc->skip[ri] + 1;
            if (sc->skip[ri] + 1 < MAX_SKIP)
                sc->skip[ri] = 2 * sc->skip[ri] + 1;
            return;
        }
        sc->rc = chr__error_set(sc->err, CHR_ELIMIT, "rule '%s': match error %d", r->name, rc);
        return;
    }
    sc->skip[ri] = 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
    size_t s = ov[0], en = ov[1];
    if (en > s &&
        (en == len || !chr__ascii_alnum((unsigned char)text[en]) ||
         !chr__ascii_alnum((unsigned char)text[en - 1])) &&
        !blank_line_in(text, s, en) && !(r->unless_table && paragraph_has(r->unless_table, text, len, s, en)))
        if (push(&sc->cs, s, en, ri, r->priority, sc->md))
            sc->rc = CHR_ENOMEM;
}

/* The walk's sink: rule ri at pos, unless it was tried there already, is paused after a PCRE2 limit, or
 * no match of it can start there or be kept (the required strings after pos, in pos's paragraph). */
static void try_rule(void *ctx, size_t pos, uint32_t ri) {
    scan *sc = ctx;
    if (pos != sc->pos) { /* the positions come in order */
        sc->pos = pos;
        if (pos > sc->paras->last[sc->para]) {
            while (pos > sc->paras->last[sc->para])
                sc->para++;
            sc->para_set = sc->paras->sets + sc->para * sc->nwords;
        }
    }
    if (sc->rc || sc->pos < sc->from[ri] || sc->pos >= sc->last1[ri])
        return;
    const uint64_t *rs = sc->rule_sets + ri * sc->nwords;
    for (size_t w = 0; w < sc->nwords; w++)
        if (sc->para_set[w] & rs[w]) { /* the first word holds the bit of the rules tried everywhere */
            match_rule(sc, ri);
            return;
        }
}

/* The bits of a bitmap's word w (the lowest first) that lie in [s, e), s < e. */
static inline uint64_t bits_in(size_t w, size_t s, size_t e) {
    uint64_t lo = w == s >> 6 ? ~(uint64_t)0 << (s & 63) : ~(uint64_t)0;
    uint64_t hi = w == (e - 1) >> 6 ? ~(uint64_t)0 >> (63 - ((e - 1) & 63)) : ~(uint64_t)0;
    return lo & hi;
}

/* Are the bits [s, e) (s < e) of the bitmap m all clear? */
static int bits_clear(const uint64_t *m, size_t s, size_t e) {
    for (size_t w = s >> 6; w <= (e - 1) >> 6; w++)
        if (m[w] & bits_in(w, s, e))
            return 0;
    return 1;
}

/* Set the bits [s, e) (s < e) of the bitmap m. */
static void bits_set(uint64_t *m, size_t s, size_t e) {
    for (size_t w = s >> 6; w <= (e - 1) >> 6; w++)
        m[w] |= bits_in(w, s, e);
}

int chr__recognize(chr__cand **out, size_t *nout, const chr_engine *e, const char *text, size_t len,
                   chr_error *err) {
    *out = NULL;
    *nout = 0;
    scan sc = {0};
    sc.e = e;
    sc.text = text;
    sc.len = len;
    sc.err = err;
    /* the rules' four arrays in one block, on the stack for up to LOCAL_RULES rules (five allocations a
     * document had cost 3 M instructions on the 2 MB slice): from, next1 and skip zeroed (a
     * skip of 1 is kept as 0: a loop setting each to 1 had cost 0.5 M) */
    size_t nr = e->nrules ? e->nrules : 1, local[4 * LOCAL_RULES];
    size_t *block = nr <= LOCAL_RULES ? local : malloc(4 * nr * sizeof *block);
    if (block) {
        /* zeroed one by one: the C library's memset of more than 2 KB is a rep stosb, which callgrind
         * counts as an instruction a byte (3 M on the slice) */
        sc.from = memset(block, 0, nr * sizeof *block);
        sc.next1 = memset(block + nr, 0, nr * sizeof *block);
        sc.skip = memset(block + 2 * nr, 0, nr * sizeof *block);
        sc.last1 = block + 3 * nr;
    }
    sc.md = pcre2_match_data_create(e->max_groups ? e->max_groups : 1, NULL);
    sc.cs.ng = sc.md ? pcre2_get_ovector_count(sc.md) : 0;
    int rc = block && sc.md ? 0 : CHR_ENOMEM;
    chr__paras paras = {0};
    size_t local_cur[LOCAL_STRINGS];
    if (!rc && e->nrules) {
        rc = chr__prefilter_required_paras(e->prefilter, text, len, sc.last1, &paras);
        sc.rule_sets = chr__prefilter_rule_sets(e->prefilter);
        sc.nwords = paras.words;
        sc.para_set = paras.sets;
        sc.paras = &paras;
        size_t ns = paras.strings ? paras.strings : 1;
        sc.cur = rc ? NULL : ns <= LOCAL_STRINGS ? local_cur : malloc(ns * sizeof *sc.cur);
        if (!rc && !sc.cur)
            rc = CHR_ENOMEM;
        if (!rc)
            memset(sc.cur, 0, ns * sizeof *sc.cur);
    }
    /* a match starts at a word boundary, never inside a UTF-8 character, and where the walk would
     * try some rule (the prefilter's first bytes): at the start of the text or after a byte that is no
     * ASCII letter or digit. The text is read 64 bytes at a time, a bit a byte for those boundaries (a byte
     * at a time, the loop had cost 23 M instructions on the 2 MB slice); the positions are walked
     * WALK_BATCH or a few more at a time. */
    const unsigned char *t = (const unsigned char *)text;
    const unsigned char *starts = e->nrules ? chr__prefilter_starts(e->prefilter) : NULL;
    size_t batch[WALK_BATCH + 64], nb = 0;
    uint64_t last = 0, last_apos = 0; /* the last byte before b is a letter or digit, an apostrophe's */
    for (size_t b = 0; b < len && !rc && e->nrules; b += 64) {
        size_t n = len - b < 64 ? len - b : 64;
        uint64_t tail, apos, an = alnum_bits(t + b, n, &tail, &apos), at = ~(an << 1 | last) & ~tail;
        uint64_t after_apos = apos << 1 | last_apos;
        last = an >> 63;
        last_apos = apos >> 63;
        if (n < 64)
            at &= ((uint64_t)1 << n) - 1;
        for (uint64_t q = at & after_apos; q; q &= q - 1) /* few: the positions after an apostrophe */
            if (inside_word(text, b + (size_t)__builtin_ctzll(q)))
                at &= ~(q & (0 - q));
        /* each boundary stored, and kept when a rule may start with its byte: no branch a position */
        for (; at; at &= at - 1) {
            size_t p = b + (size_t)__builtin_ctzll(at);
            batch[nb] = p;
            nb += starts[t[p]] != 0;
        }
        if (nb >= WALK_BATCH) { /* the batch has room for the next block's 64 */
            chr__prefilter_walk(e->prefilter, text, len, batch, nb, try_rule, &sc);
            nb = 0;
            rc = sc.rc;
        }
    }
    if (nb && !rc) {
        chr__prefilter_walk(e->prefilter, text, len, batch, nb, try_rule, &sc);
        rc = sc.rc;
    }
    pcre2_match_data_free(sc.md);
    chr__paras_free(&paras);
    if (block != local)
        free(block);
    if (sc.cur != local_cur)
        free(sc.cur);
    cands cs = sc.cs;
    if (rc) {
        free(cs.ov);
        free(cs.v);
        return rc == CHR_ENOMEM ? chr__error_set(err, rc, "out of memory") : rc;
    }
    for (size_t i = 0; i < cs.n; i++)
        cs.v[i].ovector = cs.ov + i * 2 * cs.ng;
    if (cs.n > 1) /* qsort with a NULL array is undefined, even for no elements */
        sort_cands(cs.v, cs.n, by_preference);
    /* greedy selection; the bytes already taken are marked in a bitmap, so that each candidate costs
     * its own length (64 bytes a step) and a long text with many candidates stays linear (on the stack up
     * to 16 KB of text) */
    uint64_t local_taken[256];
    size_t ntaken = len / 64 + 1;
    uint64_t *taken = ntaken <= 256 ? memset(local_taken, 0, ntaken * sizeof *local_taken)
                                    : calloc(ntaken, sizeof *local_taken);
    if (!taken) {
        free(cs.ov);
        free(cs.v);
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    size_t kept = 0;
    for (size_t i = 0; i < cs.n; i++) {
        chr__cand c = cs.v[i];
        if (!bits_clear(taken, c.start, c.end))
            continue;
        bits_set(taken, c.start, c.end);
        cs.v[i] = cs.v[kept];
        cs.v[kept++] = c;
    }
    if (taken != local_taken)
        free(taken);
    /* drop what REJECT rules won */
    size_t n = 0;
    for (size_t i = 0; i < kept; i++)
        if (e->rules[cs.v[i].rule].kind != CHR_RULE_REJECT)
            cs.v[n++] = cs.v[i];
    if (n > 1)
        sort_cands(cs.v, n, by_start);
    /* the ovectors of those kept, in one block of their own (chr__cands_free frees it with c[0]'s) */
    PCRE2_SIZE *ov = n ? malloc(n * 2 * cs.ng * sizeof *ov) : NULL;
    if (n && !ov) {
        free(cs.ov);
        free(cs.v);
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        memcpy(ov + i * 2 * cs.ng, cs.v[i].ovector, 2 * cs.ng * sizeof *ov);
        cs.v[i].ovector = ov + i * 2 * cs.ng;
    }
    free(cs.ov);
    *out = cs.v;
    *nout = n;
    return 0;
}
