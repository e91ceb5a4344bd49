/* compare.c: the chronologies of several documents set side by side (compare.h): the timeline's entries
 * joined by its date conflicts into events, each event's documents and status (shared, partial,
 * single), the date conflicts, and the order conflicts between events told by the same documents.
 *
 * Everything is computed once, in chr_compare_new, from the timeline's public accessors; the order of
 * events and conflicts follows from the timeline's order, so the result depends only on the set of
 * documents. Rendering (JSON, text) is in render/compare.c.
 *
 * Exports (compare.h): chr_compare_new, chr_compare_free, chr_compare_timeline, chr_compare_get_counts,
 * chr_compare_event_count, chr_compare_event_at, chr_compare_conflict_count, chr_compare_conflict_at,
 * chr_compare_doc_events, chr_compare_doc_only. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chronicle/compare.h"
#include "internal.h"

struct chr_compare {
    const chr_timeline *tl;
    chr_compare_event *events;
    size_t nevents;
    chr_compare_conflict *conflicts;
    size_t nconflicts, conflicts_cap;
    size_t *pool; /* the index lists the events and conflicts point into */
    size_t npool, pool_cap;
    size_t *doc_events, *doc_only;
    chr_compare_counts counts;
};

/* Offsets into the pool while it may still move: kept in the pointer fields as offsets + 1 and turned
 * into pointers at the end. */
#define OFFSET(p) ((size_t)(uintptr_t)(p))

static int pool_push(chr_compare *c, size_t v) {
    if (c->npool == c->pool_cap) {
        size_t cap = c->pool_cap ? c->pool_cap * 2 : 64;
        size_t *p = realloc(c->pool, cap * sizeof *p);
        if (!p)
            return -1;
        c->pool = p;
        c->pool_cap = cap;
    }
    c->pool[c->npool++] = v;
    return 0;
}

static size_t find(size_t *parent, size_t x) {
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* Mark in seen[] the documents of entry i's mentions. */
static void mark_docs(const chr_timeline *tl, size_t i, unsigned char *seen) {
    size_t k = chr_timeline_source_count(tl, i);
    for (size_t s = 0; s < k; s++)
        seen[chr_timeline_source_at(tl, i, s)->doc] = 1;
}

/* Push the marked documents (ascending) and clear the marks; returns how many. */
static int push_marked(chr_compare *c, unsigned char *seen, size_t nd, size_t *count) {
    *count = 0;
    for (size_t d = 0; d < nd; d++) {
        if (!seen[d])
            continue;
        seen[d] = 0;
        if (pool_push(c, d))
            return -1;
        (*count)++;
    }
    return 0;
}

static int add_conflict(chr_compare *c, const chr_compare_conflict *k) {
    if (c->nconflicts == c->conflicts_cap) {
        size_t cap = c->conflicts_cap ? c->conflicts_cap * 2 : 8;
        chr_compare_conflict *p = realloc(c->conflicts, cap * sizeof *p);
        if (!p)
            return -1;
        c->conflicts = p;
        c->conflicts_cap = cap;
    }
    c->conflicts[c->nconflicts++] = *k;
    return 0;
}

/* Where one document tells one event: the first day of its earliest mention and the day after the last
 * day of its latest, each known only when every mention has that end. */
typedef struct span {
    int present, lo_ok, hi_ok;
    int64_t lo, hi;
} span;

static void span_add(span *s, const chr_timeline_entry *m) {
    if (!s->present) {
        s->present = s->lo_ok = s->hi_ok = 1;
        s->lo = INT64_MAX;
        s->hi = INT64_MIN;
    }
    if (m->has_begin && m->first_day < s->lo)
        s->lo = m->first_day;
    s->lo_ok &= m->has_begin != 0;
    if (m->has_end && m->after_day > s->hi)
        s->hi = m->after_day;
    s->hi_ok &= m->has_end != 0;
}

/* Does the document with spans x and y place x before y? */
static int before(const span *x, const span *y) {
    return x->present && y->present && x->hi_ok && y->lo_ok && x->hi <= y->lo;
}

static int order_conflicts(chr_compare *c, size_t nd) {
    const chr_timeline *tl = c->tl;
    size_t nm = 0, *multi = malloc((c->nevents + 1) * sizeof *multi);
    span *sp = NULL;
    int rc = -1;
    if (!multi)
        return -1;
    for (size_t e = 0; e < c->nevents; e++)
        if (c->events[e].ndocs >= 2)
            multi[nm++] = e;
    if (nm < 2) {
        free(multi);
        return 0;
    }
    if (!(sp = calloc(nm * nd, sizeof *sp)))
        goto done;
    for (size_t k = 0; k < nm; k++) {
        const chr_compare_event *ev = &c->events[multi[k]];
        const size_t *entries = c->pool + OFFSET(ev->entries) - 1;
        for (size_t j = 0; j < ev->nentries; j++) {
            size_t ns = chr_timeline_source_count(tl, entries[j]);
            for (size_t s = 0; s < ns; s++) {
                const chr_timeline_entry *m = chr_timeline_source_at(tl, entries[j], s);
                span_add(&sp[k * nd + m->doc], m);
            }
        }
    }
    for (size_t x = 0; x < nm; x++) {
        for (size_t y = x + 1; y < nm; y++) {
            size_t nb = 0, na = 0;
            for (size_t d = 0; d < nd; d++) {
                nb += before(&sp[x * nd + d], &sp[y * nd + d]);
                na += before(&sp[y * nd + d], &sp[x * nd + d]);
            }
            if (!nb || !na)
                continue;
            chr_compare_conflict k = {0};
            k.kind = CHR_COMPARE_ORDER;
            k.a = multi[x];
            k.b = multi[y];
            k.entry_a = c->pool[OFFSET(c->events[k.a].entries) - 1];
            k.entry_b = c->pool[OFFSET(c->events[k.b].entries) - 1];
            k.reason = "told in a different order";
            k.docs_before = (const size_t *)(uintptr_t)(c->npool + 1);
            for (size_t d = 0; d < nd; d++)
                if (before(&sp[x * nd + d], &sp[y * nd + d]) && pool_push(c, d))
                    goto done;
            k.docs_after = (const size_t *)(uintptr_t)(c->npool + 1);
            for (size_t d = 0; d < nd; d++)
                if (before(&sp[y * nd + d], &sp[x * nd + d]) && pool_push(c, d))
                    goto done;
            k.nbefore = nb;
            k.nafter = na;
            if (add_conflict(c, &k))
                goto done;
        }
    }
    rc = 0;
done:
    free(sp);
    free(multi);
    return rc;
}

int chr_compare_new(chr_compare **out, const chr_timeline *tl, chr_error *err) {
    if (!out || !tl)
        return chr__error_set(err, CHR_EINVAL, "chr_compare_new: NULL argument");
    *out = NULL;
    chr_compare *c = calloc(1, sizeof *c);
    size_t ne = chr_timeline_count(tl), nd = chr_timeline_doc_count(tl);
    size_t nconf = chr_timeline_conflict_count(tl);
    size_t *parent = malloc((ne + 1) * sizeof *parent), *event_of = malloc((ne + 1) * sizeof *event_of);
    size_t *next = malloc((ne + 1) * sizeof *next);
    unsigned char *seen = calloc(nd + 1, 1);
    if (!c || !parent || !event_of || !next || !seen)
        goto nomem;
    c->tl = tl;
    if (!(c->events = calloc(ne + 1, sizeof *c->events)) ||
        !(c->doc_events = calloc(nd + 1, sizeof(size_t))) || !(c->doc_only = calloc(nd + 1, sizeof(size_t))))
        goto nomem;
    /* entries in a date conflict are one event; the root of a group is its first entry */
    for (size_t i = 0; i < ne; i++)
        parent[i] = i;
    for (size_t k = 0; k < nconf; k++) {
        const chr_timeline_conflict *tc = chr_timeline_conflict_at(tl, k);
        if (tc->a >= ne || tc->b >= ne)
            continue;
        size_t a = find(parent, tc->a), b = find(parent, tc->b);
        if (a != b)
            parent[a < b ? b : a] = a < b ? a : b;
    }
    /* the entries of each group, chained in ascending order: next[j] the group's entry after j */
    for (size_t i = 0; i < ne; i++)
        next[i] = (size_t)-1;
    for (size_t i = ne; i-- > 0;) {
        size_t r = find(parent, i);
        if (r != i) {
            next[i] = next[r];
            next[r] = i;
        }
    }
    for (size_t i = 0; i < ne; i++) {
        if (find(parent, i) != i)
            continue;
        chr_compare_event *ev = &c->events[c->nevents];
        event_of[i] = c->nevents++;
        ev->entries = (const size_t *)(uintptr_t)(c->npool + 1);
        for (size_t j = i; j != (size_t)-1; j = next[j]) {
            if (pool_push(c, j))
                goto nomem;
            ev->nentries++;
            mark_docs(tl, j, seen);
        }
        ev->docs = (const size_t *)(uintptr_t)(c->npool + 1);
        if (push_marked(c, seen, nd, &ev->ndocs))
            goto nomem;
        ev->status = ev->ndocs >= nd  ? CHR_COMPARE_SHARED
                     : ev->ndocs >= 2 ? CHR_COMPARE_PARTIAL
                                      : CHR_COMPARE_SINGLE;
    }
    /* date conflicts: the timeline's, in its order (by a then b) */
    for (size_t k = 0; k < nconf; k++) {
        const chr_timeline_conflict *tc = chr_timeline_conflict_at(tl, k);
        if (tc->a >= ne || tc->b >= ne)
            continue;
        chr_compare_conflict cf = {0};
        cf.kind = CHR_COMPARE_DATE;
        cf.a = cf.b = event_of[find(parent, tc->a)];
        cf.entry_a = tc->a;
        cf.entry_b = tc->b;
        cf.reason = "dates that do not meet";
        mark_docs(tl, tc->a, seen);
        cf.docs_before = (const size_t *)(uintptr_t)(c->npool + 1);
        if (push_marked(c, seen, nd, &cf.nbefore))
            goto nomem;
        mark_docs(tl, tc->b, seen);
        cf.docs_after = (const size_t *)(uintptr_t)(c->npool + 1);
        if (push_marked(c, seen, nd, &cf.nafter) || add_conflict(c, &cf))
            goto nomem;
    }
    size_t ndate = c->nconflicts;
    if (order_conflicts(c, nd))
        goto nomem;
    /* offsets to pointers */
    for (size_t e = 0; e < c->nevents; e++) {
        c->events[e].entries = c->pool + OFFSET(c->events[e].entries) - 1;
        c->events[e].docs = c->pool + OFFSET(c->events[e].docs) - 1;
    }
    for (size_t k = 0; k < c->nconflicts; k++) {
        c->conflicts[k].docs_before = c->pool + OFFSET(c->conflicts[k].docs_before) - 1;
        c->conflicts[k].docs_after = c->pool + OFFSET(c->conflicts[k].docs_after) - 1;
    }
    /* counts */
    c->counts.documents = nd;
    c->counts.events = c->nevents;
    c->counts.date_conflicts = ndate;
    c->counts.order_conflicts = c->nconflicts - ndate;
    for (size_t e = 0; e < c->nevents; e++) {
        const chr_compare_event *ev = &c->events[e];
        c->counts.shared += ev->status == CHR_COMPARE_SHARED;
        c->counts.partial += ev->status == CHR_COMPARE_PARTIAL;
        c->counts.single += ev->status == CHR_COMPARE_SINGLE;
        for (size_t d = 0; d < ev->ndocs; d++) {
            c->doc_events[ev->docs[d]]++;
            c->doc_only[ev->docs[d]] += ev->ndocs == 1;
        }
    }
    free(parent);
    free(event_of);
    free(next);
    free(seen);
    *out = c;
    return CHR_OK;
nomem:
    free(parent);
    free(event_of);
    free(next);
    free(seen);
    if (c) {
        /* pointer fields still hold offsets: nothing to fix before freeing */
        free(c->events);
        free(c->conflicts);
        free(c->pool);
        free(c->doc_events);
        free(c->doc_only);
        free(c);
    }
    return chr__error_set(err, CHR_ENOMEM, "out of memory");
}

void chr_compare_free(chr_compare *c) {
    if (!c)
        return;
    free(c->events);
    free(c->conflicts);
    free(c->pool);
    free(c->doc_events);
    free(c->doc_only);
    free(c);
}

const chr_timeline *chr_compare_timeline(const chr_compare *c) { return c ? c->tl : NULL; }

chr_compare_counts chr_compare_get_counts(const chr_compare *c) {
    chr_compare_counts none = {0};
    return c ? c->counts : none;
}

size_t chr_compare_event_count(const chr_compare *c) { return c ? c->nevents : 0; }

const chr_compare_event *chr_compare_event_at(const chr_compare *c, size_t i) {
    return c && i < c->nevents ? &c->events[i] : NULL;
}

size_t chr_compare_conflict_count(const chr_compare *c) { return c ? c->nconflicts : 0; }

const chr_compare_conflict *chr_compare_conflict_at(const chr_compare *c, size_t i) {
    return c && i < c->nconflicts ? &c->conflicts[i] : NULL;
}

size_t chr_compare_doc_events(const chr_compare *c, size_t doc) {
    return c && doc < c->counts.documents ? c->doc_events[doc] : 0;
}

size_t chr_compare_doc_only(const chr_compare *c, size_t doc) {
    return c && doc < c->counts.documents ? c->doc_only[doc] : 0;
}
