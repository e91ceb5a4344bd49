/* eval.c: TempEval-3 Task A scoring of time expressions. Exports chr_eval_new, chr_eval_free,
 * chr_eval_add, chr_eval_scores, chr_eval_error_count, chr_eval_error_at, chr_eval_kind_name,
 * chr_eval_dating_error_count, chr_eval_dating_error_at, chr_dating_miss_name (eval.h) and
 * chr__eval_add_timexes, chr__eval_pair, chr__eval_pair_timexes, chr__eval_tally,
 * chr__eval_tally_const, chr__eval_dating_miss (eval_internal.h). chr_eval_add also hands documents
 * whose gold has events to the event scorer (eval_events.c), which keeps its counts and its missed
 * dating links in the chr_eval.
 *
 * Pairing, per document (timexes here, events in eval_events.c, through chr__eval_pair): every
 * (gold, system) pair whose extents overlap is a candidate; candidates
 * are taken greedily, largest overlap first, then identical extents first, then the earliest gold
 * start, then the earliest system start, skipping any whose gold or system timex is already paired.
 * The pairs are the relaxed matches; those with identical extents are the strict matches (an identical
 * pair always has the largest overlap either side can have, so greedy pairing never loses one).
 * Counts are summed over the corpus (micro-average): P = matches / system, R = matches / gold (0 when
 * the denominator is 0); type and value accuracy are over the relaxed pairs and their F1 is accuracy x
 * relaxed F1, as the TE3 scorer defines attribute F1. Values are compared as strings after trimming
 * blanks. The error list has one entry per miss and per extra, and for a pair one "extent" entry when
 * the value agrees but the extents differ, one "type" entry when the types differ and one "value"
 * entry when the values differ, so that the type / value entries count exactly the pairs that lower
 * type / value accuracy. Errors are in document order, then text order. */
#include <stdlib.h>
#include <string.h>

#include "eval_internal.h"
#include "internal.h"

typedef struct err_rec {
    chr_eval_error pub;
    chr_timex gold, sys;
    char *gold_text, *sys_text;
} err_rec;

struct chr_eval {
    size_t docs, gold, system;
    size_t strict, relaxed, type_match, value_match;
    err_rec **errs;
    size_t nerr, err_cap;
    char **ids;
    size_t nids, id_cap;
    chr__event_tally events; /* Task B, dating and awareness counts (eval_events.c) */
    chr_eval_dating_error *dmiss; /* missed dating links; their strings are malloc'ed */
    size_t ndmiss, dmiss_cap;
};

int chr_eval_new(chr_eval **out) {
    if (!out)
        return CHR_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? CHR_OK : CHR_ENOMEM;
}

static void rec_free(err_rec *r) {
    if (!r)
        return;
    free(r->gold_text);
    free(r->sys_text);
    free(r);
}

void chr_eval_free(chr_eval *ev) {
    if (!ev)
        return;
    for (size_t i = 0; i < ev->nerr; i++)
        rec_free(ev->errs[i]);
    for (size_t i = 0; i < ev->nids; i++)
        free(ev->ids[i]);
    for (size_t i = 0; i < ev->ndmiss; i++) {
        chr_eval_dating_error *d = &ev->dmiss[i];
        free((char *)d->event);
        free((char *)d->gold_time);
        free((char *)d->gold_value);
        free((char *)d->sys_time);
        free((char *)d->sys_value);
        free((char *)d->sentence);
    }
    free(ev->dmiss);
    free(ev->errs);
    free(ev->ids);
    free(ev);
}

const char *chr_eval_kind_name(chr_eval_kind k) {
    switch (k) {
    case CHR_EVAL_MISS:
        return "miss";
    case CHR_EVAL_EXTRA:
        return "extra";
    case CHR_EVAL_EXTENT:
        return "extent";
    case CHR_EVAL_TYPE:
        return "type";
    case CHR_EVAL_VALUE:
        return "value";
    }
    return "unknown";
}

/* ---- pairing ------------------------------------------------------------------------------------- */

typedef struct cand {
    size_t g, s, overlap;
    int exact;
    size_t gstart, sstart;
} cand;

/* An index into an array of spans, carrying the array (qsort has no user pointer in C11). */
typedef struct sort_ctx {
    const chr__span *sp;
    size_t idx;
} sort_ctx;

static int by_start(const void *a, const void *b) {
    const sort_ctx *x = a, *y = b;
    const chr__span *p = &x->sp[x->idx], *q = &y->sp[y->idx];
    if (p->start != q->start)
        return p->start < q->start ? -1 : 1;
    if (p->end != q->end)
        return p->end < q->end ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int by_preference(const void *a, const void *b) {
    const cand *x = a, *y = b;
    if (x->overlap != y->overlap)
        return x->overlap > y->overlap ? -1 : 1;
    if (x->exact != y->exact)
        return x->exact ? -1 : 1;
    if (x->gstart != y->gstart)
        return x->gstart < y->gstart ? -1 : 1;
    if (x->sstart != y->sstart)
        return x->sstart < y->sstart ? -1 : 1;
    if (x->g != y->g)
        return x->g < y->g ? -1 : 1;
    return x->s < y->s ? -1 : x->s > y->s;
}

static int push_cand(cand **c, size_t *n, size_t *cap, cand v) {
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        cand *p = realloc(*c, nc * sizeof *p);
        if (!p)
            return -1;
        *c = p;
        *cap = nc;
    }
    (*c)[(*n)++] = v;
    return 0;
}

int chr__eval_pair(const chr__span *gold, size_t ngold, const chr__span *sys, size_t nsys,
                   size_t *pair_of_gold, size_t *pair_of_sys) {
    const size_t none = (size_t)-1;
    sort_ctx *gs = malloc((ngold + 1) * sizeof *gs), *ss = malloc((nsys + 1) * sizeof *ss);
    cand *c = NULL;
    size_t nc = 0, cap = 0;
    int rc = 0;
    if (!gs || !ss) {
        rc = -1;
        goto done;
    }
    for (size_t i = 0; i < ngold; i++) {
        gs[i].sp = gold;
        gs[i].idx = i;
        pair_of_gold[i] = none;
    }
    for (size_t j = 0; j < nsys; j++) {
        ss[j].sp = sys;
        ss[j].idx = j;
        pair_of_sys[j] = none;
    }
    qsort(gs, ngold, sizeof *gs, by_start);
    qsort(ss, nsys, sizeof *ss, by_start);
    /* gold starts increase, so a system timex ending before one gold starts overlaps no later one */
    size_t lo = 0;
    for (size_t a = 0; a < ngold; a++) {
        const chr__span *g = &gold[gs[a].idx];
        while (lo < nsys && sys[ss[lo].idx].end <= g->start)
            lo++;
        for (size_t b = lo; b < nsys && sys[ss[b].idx].start < g->end; b++) {
            const chr__span *s = &sys[ss[b].idx];
            size_t from = g->start > s->start ? g->start : s->start;
            size_t to = g->end < s->end ? g->end : s->end;
            if (to <= from)
                continue;
            cand v = {gs[a].idx, ss[b].idx, to - from, g->start == s->start && g->end == s->end,
                      g->start,  s->start};
            if (push_cand(&c, &nc, &cap, v)) {
                rc = -1;
                goto done;
            }
        }
    }
    if (nc)
        qsort(c, nc, sizeof *c, by_preference);
    for (size_t k = 0; k < nc; k++) {
        if (pair_of_gold[c[k].g] != none || pair_of_sys[c[k].s] != none)
            continue;
        pair_of_gold[c[k].g] = c[k].s;
        pair_of_sys[c[k].s] = c[k].g;
    }
done:
    free(gs);
    free(ss);
    free(c);
    return rc;
}

int chr__eval_pair_timexes(const chr_timex *gold, size_t ngold, const chr_timex *sys, size_t nsys,
                           size_t *pair_of_gold, size_t *pair_of_sys) {
    chr__span *gs = malloc((ngold + 1) * sizeof *gs), *ss = malloc((nsys + 1) * sizeof *ss);
    int rc = -1;
    if (gs && ss) {
        for (size_t i = 0; i < ngold; i++)
            gs[i] = (chr__span){gold[i].start, gold[i].end};
        for (size_t j = 0; j < nsys; j++)
            ss[j] = (chr__span){sys[j].start, sys[j].end};
        rc = chr__eval_pair(gs, ngold, ss, nsys, pair_of_gold, pair_of_sys);
    }
    free(gs);
    free(ss);
    return rc;
}

/* ---- recording ----------------------------------------------------------------------------------- */

static int same_value(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    while (la && (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r'))
        a++, la--;
    while (lb && (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r'))
        b++, lb--;
    while (la && (a[la - 1] == ' ' || a[la - 1] == '\t' || a[la - 1] == '\n' || a[la - 1] == '\r'))
        la--;
    while (lb && (b[lb - 1] == ' ' || b[lb - 1] == '\t' || b[lb - 1] == '\n' || b[lb - 1] == '\r'))
        lb--;
    return la == lb && memcmp(a, b, la) == 0;
}

static char *extent_text(const char *text, size_t len, const chr_timex *t) {
    size_t s = t->start < len ? t->start : len;
    size_t e = t->end < len ? t->end : len;
    if (e < s)
        e = s;
    char *p = malloc(e - s + 1);
    if (!p)
        return NULL;
    if (e > s)
        memcpy(p, text + s, e - s);
    p[e - s] = '\0';
    return p;
}

typedef struct pending {
    size_t pos;
    chr_eval_kind kind;
    const chr_timex *gold, *sys;
} pending;

static int by_position(const void *a, const void *b) {
    const pending *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

static int record(chr_eval *ev, const char *id, const char *text, size_t len, const pending *p) {
    err_rec *r = calloc(1, sizeof *r);
    if (!r)
        return -1;
    r->pub.kind = p->kind;
    r->pub.doc_id = id;
    if (p->gold) {
        r->gold = *p->gold;
        r->pub.gold = &r->gold;
        r->gold_text = extent_text(text, len, p->gold);
        r->pub.gold_text = r->gold_text;
    }
    if (p->sys) {
        r->sys = *p->sys;
        r->pub.sys = &r->sys;
        r->sys_text = extent_text(text, len, p->sys);
        r->pub.sys_text = r->sys_text;
    }
    if ((p->gold && !r->gold_text) || (p->sys && !r->sys_text)) {
        rec_free(r);
        return -1;
    }
    if (ev->nerr == ev->err_cap) {
        size_t cap = ev->err_cap ? ev->err_cap * 2 : 64;
        err_rec **e = realloc(ev->errs, cap * sizeof *e);
        if (!e) {
            rec_free(r);
            return -1;
        }
        ev->errs = e;
        ev->err_cap = cap;
    }
    ev->errs[ev->nerr++] = r;
    return 0;
}

static char *keep_id(chr_eval *ev, const char *doc_id) {
    size_t n = strlen(doc_id);
    char *id = malloc(n + 1);
    if (!id)
        return NULL;
    memcpy(id, doc_id, n + 1);
    if (ev->nids == ev->id_cap) {
        size_t cap = ev->id_cap ? ev->id_cap * 2 : 16;
        char **p = realloc(ev->ids, cap * sizeof *p);
        if (!p) {
            free(id);
            return NULL;
        }
        ev->ids = p;
        ev->id_cap = cap;
    }
    ev->ids[ev->nids++] = id;
    return id;
}

int chr__eval_add_timexes(chr_eval *ev, const char *doc_id, const char *text, size_t len,
                          const chr_timex *gold, size_t ngold, const chr_timex *sys, size_t nsys) {
    const size_t none = (size_t)-1;
    if (!ev || (!gold && ngold) || (!sys && nsys) || (!text && len))
        return CHR_EINVAL;
    size_t *pg = malloc((ngold + 1) * sizeof *pg), *ps = malloc((nsys + 1) * sizeof *ps);
    /* at most three errors per pair, one per miss or extra */
    pending *pend = malloc((3 * ngold + nsys + 1) * sizeof *pend);
    char *id = keep_id(ev, doc_id ? doc_id : "");
    int rc = CHR_ENOMEM;
    size_t np = 0;
    if (!pg || !ps || !pend || !id || chr__eval_pair_timexes(gold, ngold, sys, nsys, pg, ps) != 0)
        goto done;
    size_t strict = 0, relaxed = 0, type_ok = 0, value_ok = 0;
    for (size_t i = 0; i < ngold; i++) {
        const chr_timex *g = &gold[i];
        if (pg[i] == none) {
            pend[np++] = (pending){g->start, CHR_EVAL_MISS, g, NULL};
            continue;
        }
        const chr_timex *s = &sys[pg[i]];
        int exact = g->start == s->start && g->end == s->end;
        int type_same = g->type == s->type, value_same = same_value(g->value, s->value);
        relaxed++;
        strict += exact;
        type_ok += type_same;
        value_ok += value_same;
        if (!exact && value_same)
            pend[np++] = (pending){g->start, CHR_EVAL_EXTENT, g, s};
        if (!type_same)
            pend[np++] = (pending){g->start, CHR_EVAL_TYPE, g, s};
        if (!value_same)
            pend[np++] = (pending){g->start, CHR_EVAL_VALUE, g, s};
    }
    for (size_t j = 0; j < nsys; j++)
        if (ps[j] == none)
            pend[np++] = (pending){sys[j].start, CHR_EVAL_EXTRA, NULL, &sys[j]};
    qsort(pend, np, sizeof *pend, by_position);
    for (size_t k = 0; k < np; k++)
        if (record(ev, id, text, len, &pend[k]) != 0)
            goto done;
    ev->docs++;
    ev->gold += ngold;
    ev->system += nsys;
    ev->strict += strict;
    ev->relaxed += relaxed;
    ev->type_match += type_ok;
    ev->value_match += value_ok;
    rc = CHR_OK;
done:
    free(pg);
    free(ps);
    free(pend);
    return rc;
}

/* A copy of s with runs of blanks collapsed to one space (NULL stays NULL); *fail set when out of memory. */
static char *copy_flat(const char *s, int *fail) {
    if (!s)
        return NULL;
    char *c = malloc(strlen(s) + 1);
    if (!c) {
        *fail = 1;
        return NULL;
    }
    size_t o = 0;
    for (const char *p = s; *p; p++) {
        int blank = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
        if (!blank)
            c[o++] = *p;
        else if (o && c[o - 1] != ' ')
            c[o++] = ' ';
    }
    while (o && c[o - 1] == ' ')
        o--;
    c[o] = '\0';
    return c;
}

int chr__eval_dating_miss(chr_eval *ev, const chr_eval_dating_error *miss) {
    if (ev->ndmiss == ev->dmiss_cap) {
        size_t cap = ev->dmiss_cap ? ev->dmiss_cap * 2 : 64;
        chr_eval_dating_error *p = realloc(ev->dmiss, cap * sizeof *p);
        if (!p)
            return -1;
        ev->dmiss = p;
        ev->dmiss_cap = cap;
    }
    chr_eval_dating_error d = *miss;
    int fail = 0;
    d.doc_id = ev->nids ? ev->ids[ev->nids - 1] : "";
    d.event = copy_flat(miss->event ? miss->event : "", &fail);
    d.gold_time = copy_flat(miss->gold_time ? miss->gold_time : "", &fail);
    d.gold_value = copy_flat(miss->gold_value ? miss->gold_value : "", &fail);
    d.sys_time = copy_flat(miss->sys_time, &fail);
    d.sys_value = copy_flat(miss->sys_value, &fail);
    d.sentence = copy_flat(miss->sentence ? miss->sentence : "", &fail);
    ev->dmiss[ev->ndmiss++] = d; /* kept even when a copy failed, so that chr_eval_free frees it */
    return fail ? -1 : 0;
}

size_t chr_eval_dating_error_count(const chr_eval *ev) { return ev ? ev->ndmiss : 0; }

const chr_eval_dating_error *chr_eval_dating_error_at(const chr_eval *ev, size_t i) {
    return ev && i < ev->ndmiss ? &ev->dmiss[i] : NULL;
}

const char *chr_dating_miss_name(chr_dating_miss m) {
    switch (m) {
    case CHR_DATING_NO_EVENT:
        return "no-event";
    case CHR_DATING_OTHER_TIME:
        return "other-time";
    case CHR_DATING_OTHER_RELATION:
        return "other-relation";
    }
    return "";
}

chr__event_tally *chr__eval_tally(chr_eval *ev) { return ev ? &ev->events : NULL; }

const chr__event_tally *chr__eval_tally_const(const chr_eval *ev) { return ev ? &ev->events : NULL; }

int chr_eval_add(chr_eval *ev, const chr_doc *doc, const chr_result *res) {
    if (!ev || !doc)
        return CHR_EINVAL;
    size_t nsys = res ? chr_result_count(res) : 0;
    chr_timex *sys = malloc((nsys + 1) * sizeof *sys);
    if (!sys)
        return CHR_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < nsys; i++) {
        const chr_timex *t = chr_result_timex(res, i);
        if (t)
            sys[n++] = *t;
    }
    int rc = chr__eval_add_timexes(ev, chr_doc_id(doc), doc->text, doc->len, doc->gold, doc->ngold, sys, n);
    if (rc == CHR_OK && chr_doc_gold_event_count(doc) > 0) {
        size_t nev = res ? chr_result_event_count(res) : 0;
        chr_event *evs = malloc((nev + 1) * sizeof *evs);
        size_t m = 0;
        if (!evs) {
            free(sys);
            return CHR_ENOMEM;
        }
        for (size_t i = 0; i < nev; i++) {
            const chr_event *e = chr_result_event(res, i);
            if (e)
                evs[m++] = *e;
        }
        chr__eval_side gold = {doc->gold_events, doc->ngold_events, doc->gold, doc->ngold};
        chr__eval_side system = {evs, m, sys, n};
        rc = chr__eval_add_events(ev, doc->text, doc->len, &gold, doc->gold_tlinks, doc->ngold_tlinks,
                                  &system);
        free(evs);
    }
    free(sys);
    return rc;
}

/* ---- figures ------------------------------------------------------------------------------------- */

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0.0; }

static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

void chr_eval_scores(const chr_eval *ev, chr_scores *out) {
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!ev)
        return;
    out->docs = ev->docs;
    out->gold = ev->gold;
    out->system = ev->system;
    out->strict_match = ev->strict;
    out->relaxed_match = ev->relaxed;
    out->type_match = ev->type_match;
    out->value_match = ev->value_match;
    out->strict_p = ratio(ev->strict, ev->system);
    out->strict_r = ratio(ev->strict, ev->gold);
    out->strict_f1 = f1(out->strict_p, out->strict_r);
    out->relaxed_p = ratio(ev->relaxed, ev->system);
    out->relaxed_r = ratio(ev->relaxed, ev->gold);
    out->relaxed_f1 = f1(out->relaxed_p, out->relaxed_r);
    out->type_accuracy = ratio(ev->type_match, ev->relaxed);
    out->value_accuracy = ratio(ev->value_match, ev->relaxed);
    out->type_f1 = out->type_accuracy * out->relaxed_f1;
    out->value_f1 = out->value_accuracy * out->relaxed_f1;
}

size_t chr_eval_error_count(const chr_eval *ev) { return ev ? ev->nerr : 0; }

const chr_eval_error *chr_eval_error_at(const chr_eval *ev, size_t i) {
    return ev && i < ev->nerr ? &ev->errs[i]->pub : NULL;
}
