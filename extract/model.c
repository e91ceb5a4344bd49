/* model.c: the event model: loading events.model (format in event_model.h), the word lists, the
 * per-token features that the recognizer and the trainer both use, and weight lookup.
 *
 * Exports chr__event_model_load, chr__event_model_free (events.h), chr__ev_prepare, chr__ev_features,
 * chr__ev_hash, chr__event_model_cat, chr__event_model_weights, chr__cat_names (event_model.h).
 *
 * Features are strings ("w=said", "s3=aid", "w-1|w=has|said"), composed in a stack buffer and hashed
 * (FNV-1a, 64 bits); the loaded model keeps only the hashes, in a flat open-addressing table, so that
 * tagging allocates nothing per token. */
#include <stdlib.h>
#include <string.h>

#include "event_model.h"

const char *const chr__cat_names[CHR__CAT_COUNT] = {"DET", "PREP", "BE",   "HAVE", "DO",   "MODAL",
                                                    "WILL", "TO",  "NEG", "PRON", "CONJ", "ADV",
                                                    "REPORTING", "I_ACTION", "I_STATE", "ASPECTUAL",
                                                    "PERCEPTION", "STATE"};
#define LEXICONS (CHR__CAT_LREP | CHR__CAT_LIACT | CHR__CAT_LISTATE | CHR__CAT_LASP | CHR__CAT_LPERC | CHR__CAT_LSTATE)

static size_t lemma(const char *w, size_t n, char *out);

struct chr__event_model {
    uint64_t *keys;  /* feature hashes, 0 = empty slot */
    uint32_t *slot;  /* index into w */
    size_t cap;      /* power of 2 */
    int32_t *w;      /* nf * CHR__EV_NLABELS */
    size_t nf;
    uint64_t *ckeys; /* word categories */
    unsigned *cvals;
    size_t ccap;
    uint64_t *lkeys; /* the event lexicon */
    uint16_t *lvals;
    size_t lcap;
};

uint64_t chr__ev_hash(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ? h : 1;
}

/* ---- loading ------------------------------------------------------------------------------------ */

static size_t pow2_at_least(size_t n) {
    size_t c = 16;
    while (c < n)
        c *= 2;
    return c;
}

static int cat_put(chr__event_model *m, const char *w, size_t n, unsigned bit) {
    uint64_t h = chr__ev_hash(w, n);
    size_t mask = m->ccap - 1, i = h & mask;
    while (m->ckeys[i] && m->ckeys[i] != h)
        i = (i + 1) & mask;
    m->ckeys[i] = h;
    m->cvals[i] |= bit;
    return 0;
}

unsigned chr__event_model_cat(const chr__event_model *m, const char *w, size_t n) {
    if (!m || !m->ccap)
        return 0;
    uint64_t h = chr__ev_hash(w, n);
    size_t mask = m->ccap - 1, i = h & mask;
    while (m->ckeys[i]) {
        if (m->ckeys[i] == h)
            return m->cvals[i];
        i = (i + 1) & mask;
    }
    return 0;
}

uint16_t chr__event_model_lex(const chr__event_model *m, const char *w, size_t n) {
    if (!m || !m->lcap)
        return 0;
    uint64_t h = chr__ev_hash(w, n);
    size_t mask = m->lcap - 1, i = h & mask;
    while (m->lkeys[i]) {
        if (m->lkeys[i] == h)
            return m->lvals[i];
        i = (i + 1) & mask;
    }
    return 0;
}

uint16_t chr__ev_lex_pack(long n, long e, long cls) {
    unsigned rate, freq = n < 2 ? 0 : n < 6 ? 1 : 2;
    if (e <= 0)
        rate = 0;
    else if (e >= n)
        rate = 7;
    else {
        double r = (double)e / (double)n;
        rate = r < 0.1 ? 1 : r < 0.3 ? 2 : r < 0.5 ? 3 : r < 0.7 ? 4 : r < 0.9 ? 5 : 6;
    }
    if (cls < 0 || cls > 6)
        cls = -1;
    return (uint16_t)(0x8000u | rate | freq << 3 | (unsigned)(cls + 1) << 5);
}

const int32_t *chr__event_model_weights(const chr__event_model *m, uint64_t h) {
    if (!m || !m->cap)
        return NULL;
    size_t mask = m->cap - 1, i = h & mask;
    while (m->keys[i]) {
        if (m->keys[i] == h)
            return m->w + (size_t)m->slot[i] * CHR__EV_NLABELS;
        i = (i + 1) & mask;
    }
    return NULL;
}

void chr__event_model_free(chr__event_model *m) {
    if (!m)
        return;
    free(m->keys);
    free(m->slot);
    free(m->w);
    free(m->ckeys);
    free(m->cvals);
    free(m->lkeys);
    free(m->lvals);
    free(m);
}

/* The next tab-separated field of line[*pos..end): start and length; 0 at the end. */
static int field(const char *line, size_t end, size_t *pos, const char **f, size_t *n) {
    if (*pos >= end)
        return 0;
    size_t i = *pos;
    while (i < end && line[i] != '\t')
        i++;
    *f = line + *pos;
    *n = i - *pos;
    *pos = i < end ? i + 1 : end;
    return 1;
}

static int parse_long(const char *s, size_t n, long *out) {
    size_t i = 0;
    int neg = 0;
    long v = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    if (i == n)
        return -1;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || v > 100000000L)
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = neg ? -v : v;
    return 0;
}

int chr__event_model_load(chr__event_model **out, const char *data, size_t len, const char *name,
                          chr_error *err) {
    *out = NULL;
    if (!name)
        name = "events.model";
    size_t nlines = 0, nlex = 0;
    for (const char *q = data, *e = data + len; q < e;) {
        const char *nl = memchr(q, '\n', (size_t)(e - q));
        if ((size_t)(e - q) > 4 && !memcmp(q, "lex\t", 4))
            nlex++;
        nlines++;
        q = nl ? nl + 1 : e;
    }
    chr__event_model *m = calloc(1, sizeof *m);
    if (!m)
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    m->cap = pow2_at_least(2 * (nlines + 1));
    m->ccap = 4096;
    m->keys = calloc(m->cap, sizeof *m->keys);
    m->slot = malloc(m->cap * sizeof *m->slot);
    m->w = calloc((nlines + 1) * CHR__EV_NLABELS, sizeof *m->w);
    m->ckeys = calloc(m->ccap, sizeof *m->ckeys);
    m->cvals = calloc(m->ccap, sizeof *m->cvals);
    m->lcap = pow2_at_least(2 * (nlex + 1));
    m->lkeys = calloc(m->lcap, sizeof *m->lkeys);
    m->lvals = calloc(m->lcap, sizeof *m->lvals);
    if (!m->keys || !m->slot || !m->w || !m->ckeys || !m->cvals || !m->lkeys || !m->lvals) {
        chr__event_model_free(m);
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    size_t pos = 0, ncat = 0;
    int line = 0, rc = 0;
    while (pos < len && !rc) {
        const char *l = data + pos;
        const char *nl = memchr(l, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - l) : len - pos;
        pos += end + (nl ? 1 : 0);
        line++;
        if (end && l[end - 1] == '\r')
            end--;
        size_t p = 0, n;
        const char *f;
        if (line == 1) {
            if (end < 24 || memcmp(l, "chronicle-events-model\t2", 24) != 0)
                rc = chr__error_at(err, CHR_ERULE, name, line, "not an event model (no \"chronicle-events-model\t2\" header)");
            continue;
        }
        if (end == 0 || l[0] == '#' || !field(l, end, &p, &f, &n))
            continue;
        if (n == 1 && f[0] == 'f') {
            const char *feat;
            size_t fl;
            if (!field(l, end, &p, &feat, &fl) || fl == 0) {
                rc = chr__error_at(err, CHR_ERULE, name, line, "feature line without a feature");
                break;
            }
            uint64_t h = chr__ev_hash(feat, fl);
            size_t mask = m->cap - 1, i = h & mask;
            while (m->keys[i] && m->keys[i] != h)
                i = (i + 1) & mask;
            if (m->keys[i]) {
                rc = chr__error_at(err, CHR_ERULE, name, line, "feature %.*s appears twice", (int)fl, feat);
                break;
            }
            m->keys[i] = h;
            m->slot[i] = (uint32_t)m->nf;
            int32_t *w = m->w + m->nf * CHR__EV_NLABELS;
            m->nf++;
            while (!rc && field(l, end, &p, &f, &n)) {
                const char *colon = memchr(f, ':', n);
                long lab, val;
                if (!colon || parse_long(f, (size_t)(colon - f), &lab) || lab < 0 || lab >= CHR__EV_NLABELS ||
                    parse_long(colon + 1, n - (size_t)(colon - f) - 1, &val))
                    rc = chr__error_at(err, CHR_ERULE, name, line, "bad weight \"%.*s\" (want LABEL:WEIGHT, label 0..%d)",
                                       (int)n, f, CHR__EV_NLABELS - 1);
                else
                    w[lab] = (int32_t)val;
            }
        } else if (n == 4 && memcmp(f, "list", 4) == 0) {
            const char *cat;
            size_t cl;
            unsigned bit = 0;
            if (field(l, end, &p, &cat, &cl))
                for (int k = 0; k < CHR__CAT_COUNT; k++)
                    if (strlen(chr__cat_names[k]) == cl && !memcmp(chr__cat_names[k], cat, cl))
                        bit = 1u << k;
            if (!bit) {
                rc = chr__error_at(err, CHR_ERULE, name, line, "list of an unknown category");
                break;
            }
            while (field(l, end, &p, &f, &n)) {
                if (n == 0 || ++ncat > m->ccap / 2) {
                    rc = chr__error_at(err, CHR_ERULE, name, line, n ? "too many listed words" : "empty word in a list");
                    break;
                }
                if (bit & LEXICONS) {
                    char lem[32];
                    if (n > 31)
                        n = 31;
                    n = lemma(f, n, lem);
                    cat_put(m, lem, n, bit);
                } else {
                    cat_put(m, f, n, bit);
                }
            }
        } else if (n == 3 && memcmp(f, "lex", 3) == 0) {
            const char *key;
            size_t kl;
            long v[3];
            int k = 0;
            if (!field(l, end, &p, &key, &kl) || kl == 0) {
                rc = chr__error_at(err, CHR_ERULE, name, line, "lex line without a word");
                break;
            }
            for (; k < 3 && field(l, end, &p, &f, &n); k++)
                if (parse_long(f, n, &v[k]))
                    break;
            if (k < 3 || v[0] < 1 || v[1] < 0 || v[1] > v[0]) {
                rc = chr__error_at(err, CHR_ERULE, name, line, "bad lex line (want WORD COUNT EVENTS CLASS)");
                break;
            }
            uint64_t h = chr__ev_hash(key, kl);
            size_t mask = m->lcap - 1, i = h & mask;
            while (m->lkeys[i] && m->lkeys[i] != h)
                i = (i + 1) & mask;
            m->lkeys[i] = h;
            m->lvals[i] = chr__ev_lex_pack(v[0], v[1], v[2]);
        } else if (n == 5 && memcmp(f, "scale", 5) == 0) {
            /* informational */
        } else {
            rc = chr__error_at(err, CHR_ERULE, name, line, "unknown record \"%.*s\"", (int)(n > 40 ? 40 : n), f);
        }
    }
    if (!rc && line == 0)
        rc = chr__error_at(err, CHR_ERULE, name, 1, "empty event model");
    if (rc) {
        chr__event_model_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

/* ---- features ----------------------------------------------------------------------------------- */

void chr__ev_prepare(chr__ev_tok *t, const chr__event_model *m, const char *text, const chr__tokens *toks) {
    for (size_t i = 0; i < toks->n; i++) {
        const unsigned char *s = (const unsigned char *)text + toks->v[i].start;
        size_t n = toks->v[i].end - toks->v[i].start, k = 0, sh = 0;
        chr__ev_tok *x = &t[i];
        int upper = 0, lower = 0;
        char last = 0;
        if (n > 31) {
            n = 31;
            while (n > 0 && (s[n] & 0xC0) == 0x80)
                n--;
        }
        for (k = 0; k < n; k++) {
            unsigned char c = s[k];
            char kind;
            if (c >= 'A' && c <= 'Z') {
                c = (unsigned char)(c + 32);
                kind = 'X';
                upper++;
            } else if (c >= 'a' && c <= 'z') {
                kind = 'x';
                lower++;
            } else if (c >= '0' && c <= '9') {
                kind = 'd';
            } else if (c >= 0x80) {
                kind = 'x';
            } else if (c == 0x27) {
                kind = '\'';
            } else {
                kind = 'p';
            }
            x->w[k] = (char)c;
            if (kind != last && sh < 7)
                x->shape[sh++] = kind;
            last = kind;
        }
        x->w[n] = '\0';
        x->wl = (unsigned char)n;
        x->shape[sh] = '\0';
        x->cap = upper == 0 ? 0 : (lower == 0 && upper > 1 ? 2 : ((s[0] >= 'A' && s[0] <= 'Z') ? 1 : 0));
        x->cat = chr__event_model_cat(m, x->w, x->wl) & ~(unsigned)LEXICONS;
        char *lem = x->lem;
        size_t ll = lemma(x->w, x->wl, lem);
        x->ll = (unsigned char)ll;
        x->cat |= chr__event_model_cat(m, lem, ll) & LEXICONS;
        x->lx = chr__event_model_lex(m, x->w, x->wl);
        char sk[33];
        sk[0] = '~';
        memcpy(sk + 1, lem, ll);
        x->lxs = chr__event_model_lex(m, sk, ll + 1);
    }
}

typedef struct fbuf {
    char b[128];
    size_t n;
} fbuf;

static void put(fbuf *f, const char *s, size_t n) {
    if (f->n + n > sizeof f->b)
        n = sizeof f->b - f->n;
    memcpy(f->b + f->n, s, n);
    f->n += n;
}

static void emit(chr__ev_sink sink, void *ctx, const char *key, const char *a, size_t an, const char *b,
                 size_t bn) {
    fbuf f;
    f.n = 0;
    put(&f, key, strlen(key));
    put(&f, "=", 1);
    put(&f, a, an);
    if (b) {
        put(&f, "|", 1);
        put(&f, b, bn);
    }
    sink(ctx, chr__ev_hash(f.b, f.n), f.b, f.n);
}

/* A crude part-of-speech guess from the suffix. */
static const char *guess(const char *w, size_t n) {
    static const struct {
        const char *suf;
        const char *g;
    } t[] = {{"ing", "ING"},  {"ed", "ED"},    {"tion", "NEV"}, {"sion", "NEV"}, {"ment", "NEV"},
             {"ance", "NEV"}, {"ence", "NEV"}, {"ure", "NEV"},  {"al", "AL"},    {"ity", "NST"},
             {"ness", "NST"}, {"ly", "ADV"},   {"ous", "ADJ"},  {"ful", "ADJ"},  {"ive", "ADJ"},
             {"able", "ADJ"}, {"ible", "ADJ"}, {"ize", "V"},    {"ise", "V"},    {"ate", "V"},
             {"er", "ER"},    {"or", "ER"},    {"ist", "ER"},   {"s", "S"}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        size_t k = strlen(t[i].suf);
        if (n > k + 2 && !memcmp(w + n - k, t[i].suf, k))
            return t[i].g;
    }
    return "-";
}

/* A crude stem: -ies/-ied -> y, -es/-s, -ed, -ing, -ly dropped (a final e restored after a consonant
 * pair is not attempted: "moved" and "move" both give "mov"). */
size_t chr__ev_lemma(const char *w, size_t n, char *out) { return lemma(w, n, out); }

static size_t lemma(const char *w, size_t n, char *out) {
    size_t k = n;
    if (n > 4 && (!memcmp(w + n - 3, "ies", 3) || !memcmp(w + n - 3, "ied", 3))) {
        memcpy(out, w, n - 3);
        out[n - 3] = 'y';
        return n - 2;
    }
    if (n > 5 && !memcmp(w + n - 3, "ing", 3))
        k = n - 3;
    else if (n > 4 && !memcmp(w + n - 2, "ed", 2))
        k = n - 2;
    else if (n > 4 && !memcmp(w + n - 2, "es", 2) && strchr("sxzh", w[n - 3]))
        k = n - 2;
    else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
        k = n - 1;
    if (k < n && k >= 2 && w[k - 1] == w[k - 2] && !strchr("aeiouls", w[k - 1]))
        k--; /* stopped -> stop */
    if (k < n && k >= 1 && w[k - 1] == 'e' && n - k <= 1)
        k--; /* moves -> mov, like moved */
    memcpy(out, w, k);
    if (k >= 1 && out[k - 1] == 'e')
        k--; /* move -> mov */
    return k;
}

static const char *cat_word(const chr__ev_tok *x) {
    static const char *names[] = {"det", "prep", "be", "have", "do", "modal", "will", "to", "neg", "pron", "conj", "adv"};
    for (int k = 0; k < 12; k++)
        if (x->cat & (1u << k))
            return names[k];
    return NULL;
}

#define AUXLIKE (CHR__CAT_BE | CHR__CAT_HAVE | CHR__CAT_DO | CHR__CAT_MODAL | CHR__CAT_WILL | CHR__CAT_TO)

void chr__ev_features(const chr__ev_tok *t, const chr__tokens *toks, size_t i, chr__ev_sink sink, void *ctx) {
    const chr__ev_tok *x = &t[i];
    size_t sent = toks->v[i].sent;
    size_t first = toks->sent_first[sent];
    size_t last = sent + 1 < toks->nsent ? toks->sent_first[sent + 1] : toks->n; /* exclusive */
    const chr__ev_tok *nb[5];
    static const chr__ev_tok bos = {"<s>", 3, "<s>", 0, 0, "<s>", 3, 0, 0}, eos = {"</s>", 4, "</s>", 0, 0, "</s>", 4, 0, 0};
    for (int d = -2; d <= 2; d++) {
        long j = (long)i + d;
        nb[d + 2] = j < (long)first ? &bos : j >= (long)last ? &eos : &t[j];
    }
    char num[8];
    const char *w = x->w;
    size_t n = x->wl;
    sink(ctx, chr__ev_hash("b", 1), "b", 1);
    emit(sink, ctx, "w", w, n, NULL, 0);
    static const char *pk[] = {"p1", "p2", "p3"}, *sk[] = {"s1", "s2", "s3", "s4"};
    for (size_t k = 1; k <= 3 && k < n; k++)
        emit(sink, ctx, pk[k - 1], w, k, NULL, 0);
    for (size_t k = 1; k <= 4 && k < n; k++)
        emit(sink, ctx, sk[k - 1], w + n - k, k, NULL, 0);
    emit(sink, ctx, "sh", x->shape, strlen(x->shape), NULL, 0);
    num[0] = (char)('0' + x->cap);
    num[1] = i == first ? 'F' : 'm';
    emit(sink, ctx, "cap", num, 2, NULL, 0);
    static const char *wk[] = {"w-2", "w-1", "", "w+1", "w+2"};
    for (int d = 0; d < 5; d++)
        if (d != 2)
            emit(sink, ctx, wk[d], nb[d]->w, nb[d]->wl, NULL, 0);
    const chr__ev_tok *p = nb[1], *q = nb[3];
    emit(sink, ctx, "s3-1", p->w + (p->wl > 3 ? p->wl - 3 : 0), p->wl > 3 ? 3 : p->wl, NULL, 0);
    emit(sink, ctx, "s3+1", q->w + (q->wl > 3 ? q->wl - 3 : 0), q->wl > 3 ? 3 : q->wl, NULL, 0);
    emit(sink, ctx, "w-1|w", p->w, p->wl, w, n);
    emit(sink, ctx, "w|w+1", w, n, q->w, q->wl);
    emit(sink, ctx, "w-2|w-1", nb[0]->w, nb[0]->wl, p->w, p->wl);
    static const char *ck[] = {"c-2", "c-1", "", "c+1", "c+2"};
    for (int d = 0; d < 5; d++) {
        if (d == 2)
            continue;
        const char *c = cat_word(nb[d]);
        if (c)
            emit(sink, ctx, ck[d], c, strlen(c), NULL, 0);
    }
    const char *g = guess(w, n);
    emit(sink, ctx, "g", g, strlen(g), NULL, 0);
    const char *cw = cat_word(x);
    if (cw)
        emit(sink, ctx, "c", cw, strlen(cw), NULL, 0);
    /* the nearest auxiliary-like word on the left, over adverbs and negation, within 4 tokens */
    for (size_t k = 1; k <= 4 && i >= first + k; k++) {
        const chr__ev_tok *y = &t[i - k];
        if (y->cat & AUXLIKE) {
            emit(sink, ctx, "la", y->w, y->wl, NULL, 0);
            emit(sink, ctx, "la|g", y->w, y->wl, g, strlen(g));
            break;
        }
        if (!(y->cat & (CHR__CAT_ADV | CHR__CAT_NEG)))
            break;
    }
    const char *lem = x->lem;
    size_t ll = x->ll;
    emit(sink, ctx, "l", lem, ll, NULL, 0);
    /* the class lexicons, on the stem; x->cat holds the categories of the word itself */
    static const char *lk[] = {"REP", "IACT", "ISTATE", "ASP", "PERC", "STATE"};
    unsigned lc = x->cat & LEXICONS;
    for (int k = 0; k < 6; k++)
        if (lc & (CHR__CAT_LREP << k))
            emit(sink, ctx, "lex", lk[k], strlen(lk[k]), NULL, 0);
    emit(sink, ctx, "l|w+1", lem, ll, q->w, q->wl);
    emit(sink, ctx, "w-1|l", p->w, p->wl, lem, ll);
    emit(sink, ctx, "sh-1|sh", p->shape, strlen(p->shape), x->shape, strlen(x->shape));
    emit(sink, ctx, "g|w+1", g, strlen(g), q->w, q->wl);
    const char *cp = cat_word(p), *cq = cat_word(q);
    if (!cp)
        cp = p->shape;
    if (!cq)
        cq = q->shape;
    /* the suffix, guess and stem against the category (or shape) of the neighbours */
    emit(sink, ctx, "s3|c-1", w + (n > 3 ? n - 3 : 0), n > 3 ? 3 : n, cp, strlen(cp));
    emit(sink, ctx, "g|c-1", g, strlen(g), cp, strlen(cp));
    emit(sink, ctx, "l|c-1", lem, ll, cp, strlen(cp));
    emit(sink, ctx, "g|c+1", g, strlen(g), cq, strlen(cq));
    emit(sink, ctx, "l|c+1", lem, ll, cq, strlen(cq));
    for (int k = 0; k < 6; k++)
        if (lc & (CHR__CAT_LREP << k))
            emit(sink, ctx, "lex|c+1", lk[k], strlen(lk[k]), cq, strlen(cq));
    /* the stems of the neighbours */
    emit(sink, ctx, "l-1", p->lem, p->ll, NULL, 0);
    emit(sink, ctx, "l+1", q->lem, q->ll, NULL, 0);
    emit(sink, ctx, "sh|g", x->shape, strlen(x->shape), g, strlen(g));
    emit(sink, ctx, "cap|g", num, 1, g, strlen(g));
    /* the event lexicon: the word's (else its stem's) event rate and majority class, the neighbours' rates */
    {
        char code[3];
        unsigned v = x->lx ? x->lx : x->lxs;
        const char *key = x->lx ? "er" : "ers";
        if (v) {
            code[0] = (char)('0' + (v & 7));
            code[1] = (char)('a' + ((v >> 3) & 3));
            emit(sink, ctx, key, code, 2, NULL, 0);
            emit(sink, ctx, "er|g", code, 2, g, strlen(g));
            if ((v >> 5) & 7) {
                code[2] = (char)('0' + ((v >> 5) & 7));
                emit(sink, ctx, "mc", code + 2, 1, code, 1);
            }
        } else {
            emit(sink, ctx, "er", "u", 1, NULL, 0);
        }
        const chr__ev_tok *nn[2] = {p, q};
        static const char *nk[2] = {"er-1", "er+1"};
        for (int d = 0; d < 2; d++) {
            v = nn[d]->lx ? nn[d]->lx : nn[d]->lxs;
            code[0] = v ? (char)('0' + (v & 7)) : 'u';
            emit(sink, ctx, nk[d], code, 1, NULL, 0);
        }
    }
}
