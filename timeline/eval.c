/* eval.c: the SemEval-2015 Task 4 (TimeLine) scorer: temporal awareness of entity timelines.
 *
 * Format (one timeline per target entity): the entity's name on the first line, then lines
 * "ORDINAL<TAB>ANCHOR<TAB>MENTION[<TAB>MENTION...]", MENTION = "DOCID-SENTENCE-WORD" (the word as
 * written: "4596-16-founded"), ANCHOR = YYYY, YYYY-MM, YYYY-MM-DD or XXXX-XX-XX (no date; any anchor
 * with an X is taken as no date, as the trial data's one "XXX-XX-XX" means). Blank lines
 * are skipped; a line that is not of this form is an error (CHR_EINVAL, with its number).
 *
 * Each timeline becomes a graph, as the task turned timelines into TimeML relations:
 *   - every mention is an interval (mentions are the same across the two graphs when their strings
 *     are); every anchor value other than XXXX-XX-XX is an interval, one per value;
 *   - the mentions of one ordinal are SIMULTANEOUS (each with the ordinal's first mention, in file
 *     order);
 *   - consecutive ordinals (ordinal 0 left out: it holds what the timeline could not order) are in
 *     order: the first mention of one is BEFORE the first mention of the next;
 *   - a mention IS_INCLUDED its anchor (one relation per ordinal and anchor value: the other mentions
 *     of the ordinal follow through SIMULTANEOUS).
 * These are the relations of the graph with nothing implied by the others, which is what the task's
 * scorer (the TempEval-3 one) counts. Precision = system relations entailed by the closure of the gold
 * graph / system relations; recall = gold relations entailed by the closure of the system graph / gold
 * relations; both summed over the timelines (micro-average), F1 from the two. The closure is the point
 * algebra of closure.c, over the mentions and anchors of both graphs together (a mention only one side
 * has is unconstrained on the other).
 *
 * Exports chr_tleval_new, chr_tleval_free, chr_tleval_add, chr_tleval_scores, chr_tleval_count,
 * chr_tleval_at (eval.h). */
#include <stdlib.h>
#include <string.h>

#include "eval_timeline.h"
#include "internal.h"

typedef struct one {
    char *name;
    size_t system, system_ok, gold, gold_ok;
} one;

struct chr_tleval {
    one *v;
    size_t n, cap;
};

int chr_tleval_new(chr_tleval **out) {
    if (!out)
        return CHR_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? CHR_OK : CHR_ENOMEM;
}

void chr_tleval_free(chr_tleval *ev) {
    if (!ev)
        return;
    for (size_t i = 0; i < ev->n; i++)
        free(ev->v[i].name);
    free(ev->v);
    free(ev);
}

/* ---- names: the mentions and anchors of both timelines, numbered ------------------------------- */

typedef struct names {
    char **s;
    size_t n, cap;
} names;

/* The number of s[0..len), added when new. (size_t)-1 when out of memory. Linear: timelines are small. */
static size_t intern(names *t, const char *s, size_t len) {
    for (size_t i = 0; i < t->n; i++)
        if (strlen(t->s[i]) == len && !memcmp(t->s[i], s, len))
            return i;
    if (t->n == t->cap) {
        size_t c = t->cap ? t->cap * 2 : 64;
        char **p = realloc(t->s, c * sizeof *p);
        if (!p)
            return (size_t)-1;
        t->s = p;
        t->cap = c;
    }
    char *c = malloc(len + 1);
    if (!c)
        return (size_t)-1;
    memcpy(c, s, len);
    c[len] = '\0';
    t->s[t->n] = c;
    return t->n++;
}

static void names_free(names *t) {
    for (size_t i = 0; i < t->n; i++)
        free(t->s[i]);
    free(t->s);
}

/* ---- one timeline as relations ------------------------------------------------------------------- */

typedef struct rel {
    size_t a, b;
    chr_relation r;
} rel;

typedef struct graph {
    rel *v;
    size_t n, cap;
} graph;

static int add_rel(graph *g, size_t a, chr_relation r, size_t b) {
    for (size_t i = 0; i < g->n; i++)
        if (g->v[i].a == a && g->v[i].b == b && g->v[i].r == r)
            return 0;
    if (g->n == g->cap) {
        size_t c = g->cap ? g->cap * 2 : 64;
        rel *p = realloc(g->v, c * sizeof *p);
        if (!p)
            return -1;
        g->v = p;
        g->cap = c;
    }
    g->v[g->n++] = (rel){a, b, r};
    return 0;
}

typedef struct group {
    long ordinal;
    size_t head; /* its first mention */
} group;

static int digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

/* An anchor with an X anywhere is "no date": the trial data has one "XXX-XX-XX". */
static int undated_anchor(const char *s, size_t n) { return n > 0 && memchr(s, 'X', n) != NULL; }

static int valid_anchor(const char *s, size_t n) {
    if (undated_anchor(s, n))
        return 1;
    if (n == 4)
        return digits(s, 4);
    if (n == 7)
        return digits(s, 4) && s[4] == '-' && digits(s + 5, 2);
    if (n == 10)
        return digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2);
    return 0;
}

/* Parse text into relations over the names t; *entity gets the first line (malloc'ed, may be NULL). */
static int parse(const char *text, size_t len, names *t, graph *g, char **entity, const char *which,
                 chr_error *err) {
    group *gr = NULL;
    size_t ng = 0, gcap = 0, lineno = 0;
    int rc = CHR_ENOMEM;
    *entity = NULL;
    for (size_t pos = 0; pos < len;) {
        size_t e = pos;
        while (e < len && text[e] != '\n')
            e++;
        size_t le = e;
        if (le > pos && text[le - 1] == '\r')
            le--;
        lineno++;
        const char *line = text + pos;
        size_t ll = le - pos;
        pos = e + 1;
        int blank = 1;
        for (size_t i = 0; i < ll; i++)
            blank &= line[i] == ' ' || line[i] == '\t';
        if (blank)
            continue;
        /* fields */
        const char *f[3];
        size_t fl[3], nf = 0, i = 0;
        while (i <= ll && nf < 3) {
            size_t b = i;
            while (i < ll && line[i] != '\t')
                i++;
            f[nf] = line + b;
            fl[nf++] = i - b;
            i++;
        }
        if (lineno == 1 && !(nf == 3 && digits(f[0], fl[0]))) {
            if (!(*entity = malloc(ll + 1)))
                goto done;
            memcpy(*entity, line, ll);
            (*entity)[ll] = '\0';
            continue;
        }
        if (nf < 3 || !digits(f[0], fl[0]) || fl[0] > 9 || !valid_anchor(f[1], fl[1])) {
            rc = chr__error_set(err, CHR_EINVAL,
                                "%s timeline, line %zu: expected ORDINAL<TAB>ANCHOR<TAB>DOC-SENTENCE-WORD...",
                                which, lineno);
            goto done;
        }
        long ord = strtol(f[0], NULL, 10);
        size_t anchor = (size_t)-1;
        int dated = !undated_anchor(f[1], fl[1]);
        if (dated && (anchor = intern(t, f[1], fl[1])) == (size_t)-1)
            goto done;
        /* the ordinal's group */
        size_t gi = 0;
        while (gi < ng && gr[gi].ordinal != ord)
            gi++;
        /* mentions: the rest of the line */
        const char *m = f[2];
        size_t rest = (size_t)(line + ll - m);
        for (size_t k = 0; k <= rest;) {
            size_t b = k;
            while (k < rest && m[k] != '\t')
                k++;
            if (k > b) {
                size_t id = intern(t, m + b, k - b);
                if (id == (size_t)-1)
                    goto done;
                if (gi == ng) {
                    if (ng == gcap) {
                        size_t c = gcap ? gcap * 2 : 32;
                        group *p = realloc(gr, c * sizeof *p);
                        if (!p)
                            goto done;
                        gr = p;
                        gcap = c;
                    }
                    gr[ng++] = (group){ord, id};
                } else if (id != gr[gi].head && add_rel(g, gr[gi].head, CHR_REL_SIMULTANEOUS, id))
                    goto done;
                if (dated && add_rel(g, gr[gi].head, CHR_REL_IS_INCLUDED, anchor))
                    goto done;
            }
            k++;
        }
    }
    /* consecutive ordinals (0 left out) */
    for (size_t i = 1; i < ng; i++) { /* insertion sort by ordinal: few groups */
        group x = gr[i];
        size_t j = i;
        while (j > 0 && gr[j - 1].ordinal > x.ordinal) {
            gr[j] = gr[j - 1];
            j--;
        }
        gr[j] = x;
    }
    for (size_t i = 0; i + 1 < ng; i++)
        if (gr[i].ordinal > 0 && add_rel(g, gr[i].head, CHR_REL_BEFORE, gr[i + 1].head))
            goto done;
    rc = CHR_OK;
done:
    if (rc == CHR_ENOMEM)
        chr__error_set(err, CHR_ENOMEM, "out of memory");
    free(gr);
    return rc;
}

/* The relations of g the closure of h entails. */
static int verified(const graph *g, const graph *h, size_t nodes, size_t *ok) {
    chr__pa *pa;
    *ok = 0;
    if (chr__pa_new(&pa, nodes ? nodes : 1))
        return -1;
    for (size_t i = 0; i < h->n; i++)
        chr__pa_add(pa, h->v[i].a, h->v[i].r, h->v[i].b);
    chr__pa_close(pa);
    for (size_t i = 0; i < g->n; i++)
        *ok += (size_t)chr__pa_entails(pa, g->v[i].a, g->v[i].r, g->v[i].b);
    chr__pa_free(pa);
    return 0;
}

int chr_tleval_add(chr_tleval *ev, const char *gold, size_t glen, const char *sys, size_t slen,
                   chr_error *err) {
    if (!ev || (!gold && glen) || (!sys && slen))
        return chr__error_set(err, CHR_EINVAL, "chr_tleval_add: NULL argument");
    names t = {0};
    graph gg = {0}, sg = {0};
    char *gname = NULL, *sname = NULL;
    one o = {0};
    int rc = parse(gold, glen, &t, &gg, &gname, "gold", err);
    if (!rc)
        rc = parse(sys, slen, &t, &sg, &sname, "system", err);
    if (rc)
        goto done;
    rc = CHR_ENOMEM;
    if (verified(&gg, &sg, t.n, &o.gold_ok) || verified(&sg, &gg, t.n, &o.system_ok)) {
        chr__error_set(err, CHR_ENOMEM, "out of memory");
        goto done;
    }
    o.gold = gg.n;
    o.system = sg.n;
    if (ev->n == ev->cap) {
        size_t c = ev->cap ? ev->cap * 2 : 8;
        one *p = realloc(ev->v, c * sizeof *p);
        if (!p) {
            chr__error_set(err, CHR_ENOMEM, "out of memory");
            goto done;
        }
        ev->v = p;
        ev->cap = c;
    }
    o.name = gname ? gname : sname;
    if (o.name == gname)
        gname = NULL;
    else
        sname = NULL;
    if (!o.name && !(o.name = calloc(1, 1))) {
        chr__error_set(err, CHR_ENOMEM, "out of memory");
        goto done;
    }
    ev->v[ev->n++] = o;
    rc = CHR_OK;
done:
    free(gname);
    free(sname);
    free(gg.v);
    free(sg.v);
    names_free(&t);
    return rc;
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0.0; }

static void fill(chr_tl_scores *s) {
    s->p = ratio(s->system_verified, s->system);
    s->r = ratio(s->gold_verified, s->gold);
    s->f1 = s->p + s->r > 0 ? 2 * s->p * s->r / (s->p + s->r) : 0.0;
}

void chr_tleval_scores(const chr_tleval *ev, chr_tl_scores *out) {
    memset(out, 0, sizeof *out);
    if (!ev)
        return;
    for (size_t i = 0; i < ev->n; i++) {
        out->timelines++;
        out->system += ev->v[i].system;
        out->system_verified += ev->v[i].system_ok;
        out->gold += ev->v[i].gold;
        out->gold_verified += ev->v[i].gold_ok;
    }
    fill(out);
}

size_t chr_tleval_count(const chr_tleval *ev) { return ev ? ev->n : 0; }

int chr_tleval_at(const chr_tleval *ev, size_t i, const char **name, chr_tl_scores *out) {
    memset(out, 0, sizeof *out);
    if (!ev || i >= ev->n)
        return CHR_EINVAL;
    if (name)
        *name = ev->v[i].name;
    out->timelines = 1;
    out->system = ev->v[i].system;
    out->system_verified = ev->v[i].system_ok;
    out->gold = ev->v[i].gold;
    out->gold_verified = ev->v[i].gold_ok;
    fill(out);
    return CHR_OK;
}
