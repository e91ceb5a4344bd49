/* timeline.c: the chronology of documents: events placed on intervals of days and put in time order.
 *
 * Each event of a result whose time can be read back as dates (chr_time_parse_value) becomes an entry
 * with its first day and the day after its last, from the relation and the TIMEX3 values of its time
 * (rules and order in timeline.h); the others are kept apart, undated. Documents are kept in id order and
 * the mentions are sorted after every chr_timeline_add by a total order that looks at data only (the
 * document's id, not when it was added), so the result depends neither on the sort algorithm nor on
 * the order of the inputs. The first accessor call after an add groups the mentions into entries
 * (cluster.c). With an entity set (entity.c), only the events whose actor or clause (summary) names it
 * are kept, and those whose actor is "he" or "she" in the sentence right after one that named it (or
 * after such a sentence in turn).
 *
 * Exports (timeline.h): chr_timeline_new, chr_timeline_free, chr_timeline_set_entity,
 * chr_timeline_entity, chr_timeline_add, chr_timeline_doc_count, chr_timeline_doc_id,
 * chr_timeline_doc_dct, chr_timeline_count, chr_timeline_entry_at, chr_timeline_source_count,
 * chr_timeline_source_at, chr_timeline_mention_count, chr_timeline_mention_at, chr_timeline_conflict_count,
 * chr_timeline_conflict_at, chr_timeline_undated_count, chr_timeline_undated_at, chr_timeline_merge
 * (the documents and mentions of one timeline added to another: the reduce of a distributed run); and
 * chr__timeline_put_doc, chr__timeline_put_mention, chr__timeline_settle, chr__timeline_last_doc_id for
 * read.c and part.c. Rendering is in render/timeline.c. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "timeline_internal.h"

typedef struct tl_doc {
    char *id;
    chr_time dct; /* gran NONE when none */
} tl_doc;

/* A document in id order: its id and where it is in docs[]. */
typedef struct tl_rank {
    const char *id;
    size_t at;
} tl_rank;

struct chr_timeline {
    /* documents, in the order added until the timeline is settled (put in id order, mentions in the
     * canonical order): the first accessor after an add or a merge does it, once, so that adding D
     * documents costs a sort, not D of them */
    tl_doc *docs, *docs_tmp;
    tl_rank *order; /* the documents in id order; valid when order_ok */
    size_t *rank;   /* scratch: the new place of each document when settling */
    size_t ndocs, docs_cap;
    int order_ok, settled;
    chr_timeline_entry *dated, *undated;
    size_t ndated, dated_cap, nundated, undated_cap;
    chr__strpool strings; /* everything the entries point to */
    /* entries: groups of dated mentions (cluster.c), computed when first asked for */
    int grouped;
    size_t *members, *first, nentries, group_cap; /* group_cap: room in members (first has one more) */
    const char **match;
    chr_timeline_conflict *conflicts;
    size_t nconflicts;
    char *entity_name;
    chr__entity entity;
};

int chr_timeline_new(chr_timeline **out) {
    if (!out)
        return CHR_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? CHR_OK : CHR_ENOMEM;
}

void chr_timeline_free(chr_timeline *tl) {
    if (!tl)
        return;
    for (size_t i = 0; i < tl->ndocs; i++)
        free(tl->docs[i].id);
    free(tl->docs);
    free(tl->docs_tmp);
    free(tl->order);
    free(tl->rank);
    free(tl->members);
    free(tl->first);
    free(tl->match);
    free(tl->conflicts);
    free(tl->entity_name);
    chr__entity_free(&tl->entity);
    free(tl->dated);
    free(tl->undated);
    chr__strpool_free(&tl->strings);
    free(tl);
}

/* Room for n more elements of size sz in *v (count *len, capacity *cap). */
static int reserve(void **v, size_t *cap, size_t len, size_t n, size_t sz) {
    if (*cap - len >= n)
        return 0;
    size_t c = *cap ? *cap : 16;
    while (c - len < n) {
        if (c > SIZE_MAX / 2 / sz)
            return -1;
        c *= 2;
    }
    void *p = realloc(*v, c * sz);
    if (!p)
        return -1;
    *v = p;
    *cap = c;
    return 0;
}

/* Room for n more documents in docs and its companions (same capacity). */
static int reserve_docs(chr_timeline *tl, size_t n) {
    if (tl->docs_cap - tl->ndocs >= n && tl->docs)
        return 0;
    size_t c = tl->docs_cap ? tl->docs_cap : 16;
    while (c - tl->ndocs < n) {
        if (c > SIZE_MAX / 2 / sizeof(tl_doc))
            return -1;
        c *= 2;
    }
    tl_doc *d = realloc(tl->docs, c * sizeof *d);
    if (d)
        tl->docs = d;
    tl_doc *t = realloc(tl->docs_tmp, c * sizeof *t);
    if (t)
        tl->docs_tmp = t;
    tl_rank *o = realloc(tl->order, c * sizeof *o);
    if (o)
        tl->order = o;
    size_t *r = realloc(tl->rank, c * sizeof *r);
    if (r)
        tl->rank = r;
    if (!d || !t || !o || !r)
        return -1;
    tl->docs_cap = c;
    return 0;
}

/* A copy of s[0..len) kept by the timeline; "" costs nothing. NULL when out of memory. */
static const char *keep(chr_timeline *tl, const char *s, size_t len) {
    return chr__strpool_keep(&tl->strings, s, len);
}

static const char *keep_str(chr_timeline *tl, const char *s) { return keep(tl, s, s ? strlen(s) : 0); }

/* Room for the grouping of n dated mentions (members and match: n, first: n + 1); the arrays exist even
 * for none (the grouping writes first[0]). */
static int reserve_groups(chr_timeline *tl, size_t n) {
    if (tl->group_cap >= n && tl->first)
        return 0;
    if (n < tl->group_cap * 2 && tl->group_cap < SIZE_MAX / 4 / sizeof(size_t))
        n = tl->group_cap * 2; /* mentions put one by one: room grows by doubling */
    size_t *m = realloc(tl->members, (n + 1) * sizeof *m);
    if (m)
        tl->members = m;
    size_t *f = realloc(tl->first, (n + 1) * sizeof *f);
    if (f)
        tl->first = f;
    const char **mt = realloc(tl->match, (n + 1) * sizeof *mt);
    if (mt)
        tl->match = mt;
    if (!m || !f || !mt)
        return -1;
    tl->group_cap = n;
    return 0;
}

const char *chr_timeline_flag_name(size_t i, unsigned *bit) {
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{CHR_TL_OPEN_START, "open_start"},
                 {CHR_TL_OPEN_END, "open_end"},
                 {CHR_TL_BEGIN_DCT, "begin_dct"},
                 {CHR_TL_END_DCT, "end_dct"},
                 {CHR_TL_APPROX, "approximate"}};
    if (i >= sizeof names / sizeof *names)
        return NULL;
    *bit = names[i].bit;
    return names[i].name;
}

/* A TIMEX3 value as a time: a date or period, or the document date for PRESENT_REF. */
static int read_value(chr_time *out, const char *v, const chr_time *dct) {
    if (!v || !*v)
        return 0;
    if (!strcmp(v, "PRESENT_REF")) {
        *out = *dct;
        return dct->gran != CHR_GRAN_NONE;
    }
    return chr_time_parse_value(out, v, NULL) == CHR_OK;
}

static int same_time(const chr_time *a, const chr_time *b) {
    return a->gran != CHR_GRAN_NONE && a->gran == b->gran && a->day == b->day && a->sec == b->sec &&
           a->sub == b->sub;
}

/* Place e on days from its time. Returns 1 when at least one end is known. */
static int place(chr_timeline_entry *e, const chr_event_time *t, const chr_time *dct) {
    const char *bv = t->begin, *ev = t->end;
    chr_relation rel = t->relation;
    chr_time b = {0}, en = {0}, v;
    int64_t a0, a1;

    if (!*bv && !*ev) {
        /* no interval given: it follows from the relation to the value */
        if (rel == CHR_REL_BEFORE || rel == CHR_REL_IBEFORE || rel == CHR_REL_ENDED_BY)
            ev = t->value;
        else if (rel == CHR_REL_AFTER || rel == CHR_REL_IAFTER || rel == CHR_REL_BEGUN_BY)
            bv = t->value;
        else
            bv = ev = t->value;
    }
    e->has_begin = read_value(&b, bv, dct);
    e->has_end = read_value(&en, ev, dct);
    if (!e->has_begin && !e->has_end)
        return 0;
    if (e->has_begin) {
        chr_time_span(&b, &a0, &a1);
        /* after V begins after V's period; after a time of day or the document date (a point in
         * time, whatever its granularity), on its day */
        if (rel == CHR_REL_AFTER || rel == CHR_REL_IAFTER)
            e->first_day = b.gran > CHR_GRAN_DAY || same_time(&b, dct) ? b.day : a1;
        else
            e->first_day = a0;
        e->begin_at = b;
        if (same_time(&b, dct))
            e->flags |= CHR_TL_BEGIN_DCT;
    } else {
        e->flags |= CHR_TL_OPEN_START;
    }
    if (e->has_end) {
        chr_time_span(&en, &a0, &a1);
        /* before V ends before V's period; before a time of day or the document date, on its day */
        if (rel == CHR_REL_BEFORE || rel == CHR_REL_IBEFORE)
            e->after_day = en.gran > CHR_GRAN_DAY || same_time(&en, dct) ? en.day + 1 : a0;
        else
            e->after_day = a1;
        e->end_at = en;
        if (same_time(&en, dct))
            e->flags |= CHR_TL_END_DCT;
    } else {
        e->flags |= CHR_TL_OPEN_END;
    }
    if (e->has_begin && e->has_end && e->after_day <= e->first_day)
        e->after_day = e->first_day + 1;
    /* "since 1979" goes on at the document date */
    if (rel == CHR_REL_BEGUN_BY && (e->flags & CHR_TL_END_DCT))
        e->flags |= CHR_TL_OPEN_END;
    e->gran = t->gran;
    if (e->gran == CHR_GRAN_NONE)
        e->gran = read_value(&v, t->value, dct) ? v.gran : e->has_begin ? b.gran : en.gran;
    return 1;
}

/* Fill one entry from an event (strings kept by tl). Returns 0, or -1 when out of memory. */
static int make_entry(chr_timeline *tl, chr_timeline_entry *out, size_t doc_index, const chr_doc *doc,
                      const chr_result *res, const chr_event *ev, size_t seq, const chr_time *dct,
                      int *dated) {
    size_t len;
    const char *text = chr_doc_text(doc, &len);
    chr_timeline_entry e;
    char tid[16] = "";

    memset(&e, 0, sizeof e);
    e.doc = doc_index;
    e.seq = seq;
    e.cls = ev->cls;
    e.tense = ev->tense;
    e.aspect = ev->aspect;
    e.negative = ev->negative;
    e.start = ev->cp_start;
    e.end = ev->cp_end;
    e.sent_start = ev->cp_sent_start;
    e.sent_end = ev->cp_sent_end;
    e.event_id = keep_str(tl, ev->id);
    e.text = ev->start <= ev->end && ev->end <= len ? keep(tl, text + ev->start, ev->end - ev->start) : "";
    e.actor = keep_str(tl, ev->actor);
    e.summary = keep_str(tl, ev->summary);
    e.timex_id = e.value = e.rule = e.match = "";
    e.sentence_no = -1;
    *dated = 0;
    if (ev->time.timex != -2) {
        const chr_timex *x = ev->time.timex >= 0 ? chr_result_timex(res, (size_t)ev->time.timex) : NULL;
        if (ev->time.timex == -1)
            strcpy(tid, "t0");
        else if (x)
            memcpy(tid, x->id, sizeof tid - 1);
        e.relation = ev->time.relation;
        e.timex_id = keep_str(tl, tid);
        e.value = keep_str(tl, ev->time.value);
        e.rule = keep_str(tl, ev->time.rule);
        e.gran = ev->time.gran;
        /* an event that only shares its sentence's time (another event owns it: rule "sentence") or is
         * what a report of its sentence reports ("reported") is not an entry of its own */
        if (x && !strcmp(x->mod, "APPROX"))
            e.flags |= CHR_TL_APPROX;
        *dated =
            place(&e, &ev->time, dct) &&
            !(ev->time.rule && (!strcmp(ev->time.rule, "sentence") || !strcmp(ev->time.rule, "reported")));
    }
    if (!e.event_id || !e.text || !e.actor || !e.summary || !e.timex_id || !e.value || !e.rule)
        return -1;
    *out = e;
    return 0;
}

static int cmp_i64(int64_t a, int64_t b) { return a < b ? -1 : a > b; }

static int64_t sort_first(const chr_timeline_entry *e) {
    return e->has_begin ? e->first_day : e->has_end ? e->after_day - 1 : INT64_MIN;
}

static int cmp_entries(const void *pa, const void *pb) {
    const chr_timeline_entry *a = pa, *b = pb;
    int c;
    if ((c = cmp_i64(sort_first(a), sort_first(b))) != 0)
        return c;
    if ((c = cmp_i64(a->has_end ? a->after_day : INT64_MAX, b->has_end ? b->after_day : INT64_MAX)) != 0)
        return c;
    int oa = (a->flags & (CHR_TL_OPEN_START | CHR_TL_OPEN_END)) != 0;
    int ob = (b->flags & (CHR_TL_OPEN_START | CHR_TL_OPEN_END)) != 0;
    if (oa != ob)
        return oa - ob;
    int da = !strcmp(a->timex_id, "t0"), db = !strcmp(b->timex_id, "t0");
    if (da != db)
        return da - db; /* dated by the text before placed against the document date */
    if (a->gran != b->gran)
        return a->gran > b->gran ? -1 : 1; /* finer first */
    if (a->doc != b->doc)
        return a->doc < b->doc ? -1 : 1; /* documents are kept in id order */
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int cmp_undated(const void *pa, const void *pb) {
    const chr_timeline_entry *a = pa, *b = pb;
    if (a->doc != b->doc)
        return a->doc < b->doc ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

int chr_timeline_set_entity(chr_timeline *tl, const char *name) {
    if (!tl)
        return CHR_EINVAL;
    free(tl->entity_name);
    tl->entity_name = NULL;
    chr__entity_free(&tl->entity);
    if (!name || !*name)
        return CHR_OK;
    if (!(tl->entity_name = malloc(strlen(name) + 1)))
        return CHR_ENOMEM;
    strcpy(tl->entity_name, name);
    if (chr__entity_init(&tl->entity, name)) {
        free(tl->entity_name);
        tl->entity_name = NULL;
        return CHR_ENOMEM;
    }
    return CHR_OK;
}

const char *chr_timeline_entity(const chr_timeline *tl) {
    return tl && tl->entity_name ? tl->entity_name : "";
}

/* Does the entity take part in ev: named by its actor or in its clause (the summary)? The whole sentence
 * would take in the events of other clauses that only mention it. */
static int takes_part(const chr_timeline *tl, const chr_doc *doc, const chr_event *ev) {
    size_t len;
    const char *text = chr_doc_text(doc, &len);
    if (!tl->entity_name)
        return 1;
    if (ev->actor && chr__entity_in(&tl->entity, ev->actor, strlen(ev->actor)))
        return 1;
    if (ev->summary && ev->summary[0])
        return chr__entity_in(&tl->entity, ev->summary, strlen(ev->summary));
    /* no summary: the event's own words */
    return ev->start < ev->end && ev->end <= len &&
           chr__entity_in(&tl->entity, text + ev->start, ev->end - ev->start);
}

int chr_timeline_add(chr_timeline *tl, const chr_doc *doc, const chr_result *res, chr_error *err) {
    if (!tl || !doc)
        return chr__error_set(err, CHR_EINVAL, "chr_timeline_add: NULL argument");
    size_t n = res ? chr_result_event_count(res) : 0;
    size_t saved_dated = tl->ndated, saved_undated = tl->nundated;
    char *id = NULL;
    size_t *starts = NULL;
    int *sent_ids = NULL;
    chr_time dct;

    if (chr_doc_dct(doc, &dct) == CHR_DCT_NONE)
        memset(&dct, 0, sizeof dct);
    if (reserve_docs(tl, 1) ||
        reserve((void **)&tl->dated, &tl->dated_cap, tl->ndated, n, sizeof *tl->dated) ||
        reserve((void **)&tl->undated, &tl->undated_cap, tl->nundated, n, sizeof *tl->undated) ||
        !(id = malloc(strlen(chr_doc_id(doc)) + 1)) || !(starts = malloc((n + 1) * sizeof *starts)) ||
        !(sent_ids = malloc((n + 1) * sizeof *sent_ids)))
        goto nomem;
    if (reserve_groups(tl, tl->ndated + n))
        goto nomem;
    strcpy(id, chr_doc_id(doc));
    size_t pos = tl->ndocs; /* in the order added; settle() puts it in id order */
    size_t last_named = 0;  /* end of the last sentence that named the entity */
    /* TimeML sentence numbers of the events (ascending offsets: events are in text order) */
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        const chr_event *ev = chr_result_event(res, i);
        size_t at = ev ? ev->start : 0;
        starts[i] = ns && at < starts[i - 1] ? starts[i - 1] : at;
        ns++;
    }
    if (chr__doc_sentence_ids(doc, starts, n, sent_ids))
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        const chr_event *ev = chr_result_event(res, i);
        chr_timeline_entry e;
        int dated;
        if (!ev)
            continue;
        if (takes_part(tl, doc, ev)) {
            last_named = ev->sent_end;
        } else {
            /* "He returned to Apple": a personal pronoun as actor, the entity named in the sentence
             * before */
            const char *a = ev->actor ? ev->actor : "";
            int pronoun = !strcmp(a, "He") || !strcmp(a, "he") || !strcmp(a, "She") || !strcmp(a, "she");
            if (!pronoun || !last_named || ev->sent_start > last_named + 2 ||
                (ev->sent_start < last_named && ev->sent_end != last_named))
                continue;
            last_named = ev->sent_end; /* "He ... He ...": the chain goes on */
        }
        if (make_entry(tl, &e, pos, doc, res, ev, i, &dct, &dated))
            goto nomem;
        e.sentence_no = sent_ids[i];
        if (dated)
            tl->dated[tl->ndated++] = e;
        else
            tl->undated[tl->nundated++] = e;
    }
    tl->docs[pos].id = id;
    tl->docs[pos].dct = dct;
    tl->ndocs++;
    tl->order_ok = tl->settled = tl->grouped = 0;
    free(starts);
    free(sent_ids);
    return CHR_OK;
nomem:
    /* leave the timeline as it was (strings kept on the way stay in the pool, unseen) */
    free(id);
    free(starts);
    free(sent_ids);
    tl->ndated = saved_dated;
    tl->nundated = saved_undated;
    return chr__error_set(err, CHR_ENOMEM, "out of memory");
}

static int cmp_rank(const void *pa, const void *pb) {
    const tl_rank *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);
    return c ? c : a->at < b->at ? -1 : a->at > b->at; /* equal ids in the order added */
}

/* The documents in id order (tl->order), from the documents as they are. */
static void sort_order(chr_timeline *tl) {
    if (tl->order_ok)
        return;
    for (size_t i = 0; i < tl->ndocs; i++)
        tl->order[i] = (tl_rank){tl->docs[i].id, i};
    if (tl->ndocs > 1)
        qsort(tl->order, tl->ndocs, sizeof *tl->order, cmp_rank);
    tl->order_ok = 1;
}

/* Documents in id order, the mentions in the canonical order (timeline.h). Cannot fail: its scratch
 * arrays are reserved with the documents. */
static void settle(const chr_timeline *ctl) {
    chr_timeline *tl = (chr_timeline *)ctl; /* a cache: logically const */
    if (tl->settled)
        return;
    sort_order(tl);
    int moved = 0;
    for (size_t k = 0; k < tl->ndocs; k++) {
        tl->rank[tl->order[k].at] = k;
        tl->docs_tmp[k] = tl->docs[tl->order[k].at];
        moved |= tl->order[k].at != k;
    }
    if (moved) {
        memcpy(tl->docs, tl->docs_tmp, tl->ndocs * sizeof *tl->docs);
        for (size_t i = 0; i < tl->ndated; i++)
            tl->dated[i].doc = tl->rank[tl->dated[i].doc];
        for (size_t i = 0; i < tl->nundated; i++)
            tl->undated[i].doc = tl->rank[tl->undated[i].doc];
        for (size_t k = 0; k < tl->ndocs; k++)
            tl->order[k].at = k;
    }
    if (tl->ndated > 1)
        qsort(tl->dated, tl->ndated, sizeof *tl->dated, cmp_entries);
    if (tl->nundated > 1)
        qsort(tl->undated, tl->nundated, sizeof *tl->undated, cmp_undated);
    tl->settled = 1;
    tl->grouped = 0;
}

/* Group the mentions into entries when documents were added since the last time. Out of memory: every
 * mention is an entry of its own (the arrays have room for that). */
static void group(const chr_timeline *ctl) {
    chr_timeline *tl = (chr_timeline *)ctl; /* a cache: logically const */
    settle(tl);
    if (tl->grouped)
        return;
    if (!tl->ndated) {
        /* nothing to group (and no arrays to group into: a timeline of documents without events) */
        free(tl->conflicts);
        tl->conflicts = NULL;
        tl->nconflicts = tl->nentries = 0;
        tl->grouped = 1;
        return;
    }
    const char **ids = malloc((tl->ndocs + 1) * sizeof *ids);
    free(tl->conflicts);
    tl->conflicts = NULL;
    tl->nconflicts = 0;
    for (size_t i = 0; ids && i < tl->ndocs; i++)
        ids[i] = tl->docs[i].id;
    if (!ids || chr__timeline_cluster(tl->dated, tl->ndated, ids, tl->members, tl->first, &tl->nentries,
                                      tl->match, &tl->conflicts, &tl->nconflicts)) {
        for (size_t i = 0; i < tl->ndated; i++) {
            tl->members[i] = tl->first[i] = i;
            tl->match[i] = "";
        }
        tl->nentries = tl->ndated;
        tl->nconflicts = 0;
    }
    if (tl->ndated)
        tl->first[tl->nentries] = tl->ndated;
    for (size_t i = 0; i < tl->ndated; i++)
        tl->dated[i].match = tl->match[i];
    free(ids);
    tl->grouped = 1;
}

size_t chr_timeline_doc_count(const chr_timeline *tl) { return tl ? tl->ndocs : 0; }

const char *chr_timeline_doc_id(const chr_timeline *tl, size_t i) {
    if (!tl || i >= tl->ndocs)
        return "";
    settle(tl);
    return tl->docs[i].id;
}

chr_time chr_timeline_doc_dct(const chr_timeline *tl, size_t i) {
    chr_time none = {0};
    if (!tl || i >= tl->ndocs)
        return none;
    settle(tl);
    return tl->docs[i].dct;
}

size_t chr_timeline_count(const chr_timeline *tl) {
    if (!tl)
        return 0;
    group(tl);
    return tl->nentries;
}

const chr_timeline_entry *chr_timeline_entry_at(const chr_timeline *tl, size_t i) {
    return chr_timeline_source_at(tl, i, 0);
}

size_t chr_timeline_source_count(const chr_timeline *tl, size_t i) {
    if (!tl)
        return 0;
    group(tl);
    return i < tl->nentries ? tl->first[i + 1] - tl->first[i] : 0;
}

const chr_timeline_entry *chr_timeline_source_at(const chr_timeline *tl, size_t i, size_t k) {
    if (k >= chr_timeline_source_count(tl, i))
        return NULL;
    return &tl->dated[tl->members[tl->first[i] + k]];
}

size_t chr_timeline_mention_count(const chr_timeline *tl) { return tl ? tl->ndated : 0; }

const chr_timeline_entry *chr_timeline_mention_at(const chr_timeline *tl, size_t i) {
    if (!tl || i >= tl->ndated)
        return NULL;
    settle(tl);
    return &tl->dated[i];
}

size_t chr_timeline_conflict_count(const chr_timeline *tl) {
    if (!tl)
        return 0;
    group(tl);
    return tl->nconflicts;
}

const chr_timeline_conflict *chr_timeline_conflict_at(const chr_timeline *tl, size_t i) {
    return i < chr_timeline_conflict_count(tl) ? &tl->conflicts[i] : NULL;
}

size_t chr_timeline_undated_count(const chr_timeline *tl) { return tl ? tl->nundated : 0; }

const chr_timeline_entry *chr_timeline_undated_at(const chr_timeline *tl, size_t i) {
    if (!tl || i >= tl->nundated)
        return NULL;
    settle(tl);
    return &tl->undated[i];
}

/* --- Timelines put together from parts (read.c, chr_timeline_merge) ----------------------------------- */

int chr__timeline_put_doc(chr_timeline *tl, const char *id, const chr_time *dct) {
    char *c;
    if (reserve_docs(tl, 1) || !(c = malloc(strlen(id) + 1)))
        return -1;
    strcpy(c, id);
    tl->docs[tl->ndocs].id = c;
    tl->docs[tl->ndocs].dct = *dct;
    tl->ndocs++;
    tl->order_ok = tl->settled = tl->grouped = 0;
    return 0;
}

/* A copy of mention e whose strings tl keeps; match is left to the grouping. 0 or -1. */
static int copy_mention(chr_timeline *tl, chr_timeline_entry *out, const chr_timeline_entry *e) {
    *out = *e;
    out->event_id = keep_str(tl, e->event_id);
    out->text = keep_str(tl, e->text);
    out->actor = keep_str(tl, e->actor);
    out->summary = keep_str(tl, e->summary);
    out->timex_id = keep_str(tl, e->timex_id);
    out->value = keep_str(tl, e->value);
    out->rule = keep_str(tl, e->rule);
    out->match = "";
    return out->event_id && out->text && out->actor && out->summary && out->timex_id && out->value &&
                   out->rule
               ? 0
               : -1;
}

int chr__timeline_put_mention(chr_timeline *tl, const chr_timeline_entry *e, int dated) {
    if (dated) {
        if (reserve((void **)&tl->dated, &tl->dated_cap, tl->ndated, 1, sizeof *tl->dated) ||
            reserve_groups(tl, tl->ndated + 1) || copy_mention(tl, &tl->dated[tl->ndated], e))
            return -1;
        tl->ndated++;
    } else {
        if (reserve((void **)&tl->undated, &tl->undated_cap, tl->nundated, 1, sizeof *tl->undated) ||
            copy_mention(tl, &tl->undated[tl->nundated], e))
            return -1;
        tl->nundated++;
    }
    tl->settled = tl->grouped = 0;
    return 0;
}

void chr__timeline_settle(chr_timeline *tl) { settle(tl); }

const char *chr__timeline_keep(chr_timeline *tl, const char *s) { return keep_str(tl, s); }

const char *chr__timeline_last_doc_id(const chr_timeline *tl) {
    return tl->ndocs ? tl->docs[tl->ndocs - 1].id : "";
}

int chr_timeline_merge(chr_timeline *tl, const chr_timeline *from, chr_error *err) {
    if (!tl || !from || tl == from)
        return chr__error_set(err, CHR_EINVAL,
                              "chr_timeline_merge: NULL argument, or a timeline with itself");
    if (strcmp(chr_timeline_entity(tl), chr_timeline_entity(from)))
        return chr__error_set(err, CHR_EINVAL, "the timelines are of different entities (\"%s\" and \"%s\")",
                              chr_timeline_entity(tl), chr_timeline_entity(from));
    size_t n0 = tl->ndocs, i = 0, j = 0, k = 0, nfresh = 0;
    if (reserve_docs(tl, from->ndocs + 1) ||
        reserve((void **)&tl->dated, &tl->dated_cap, tl->ndated, from->ndated, sizeof *tl->dated) ||
        reserve((void **)&tl->undated, &tl->undated_cap, tl->nundated, from->nundated, sizeof *tl->undated) ||
        reserve_groups(tl, tl->ndated + from->ndated))
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    settle(from); /* its documents in id order (a cache: from does not change) */
    sort_order(tl);
    /* both in id order: an id in both is an error (the same article counted twice); the merged order
     * goes to docs_tmp (ids) and rank (places), the documents of from after those of tl */
    tl_rank *merged = malloc((n0 + from->ndocs + 1) * sizeof *merged);
    if (!merged)
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    while (i < n0 || j < from->ndocs) {
        int c = i == n0 ? 1 : j == from->ndocs ? -1 : strcmp(tl->order[i].id, from->docs[j].id);
        if (c == 0) {
            int rc = chr__error_set(err, CHR_EINVAL, "document \"%s\" is in both timelines", tl->order[i].id);
            free(merged);
            return rc;
        }
        if (c < 0)
            merged[k++] = tl->order[i++];
        else {
            merged[k++] = (tl_rank){NULL, n0 + j}; /* its id once copied */
            j++;
        }
    }
    for (j = 0; j < from->ndocs; j++) {
        char *c = malloc(strlen(from->docs[j].id) + 1);
        if (!c)
            goto nomem;
        strcpy(c, from->docs[j].id);
        tl->docs[n0 + j].id = c;
        tl->docs[n0 + j].dct = from->docs[j].dct;
        nfresh++;
    }
    for (size_t m = 0; m < from->ndated; m++)
        if (copy_mention(tl, &tl->dated[tl->ndated + m], &from->dated[m]))
            goto nomem;
    for (size_t m = 0; m < from->nundated; m++)
        if (copy_mention(tl, &tl->undated[tl->nundated + m], &from->undated[m]))
            goto nomem;
    /* nothing can fail from here on */
    for (size_t m = 0; m < from->ndated; m++)
        tl->dated[tl->ndated + m].doc = n0 + from->dated[m].doc;
    for (size_t m = 0; m < from->nundated; m++)
        tl->undated[tl->nundated + m].doc = n0 + from->undated[m].doc;
    for (k = 0; k < n0 + from->ndocs; k++)
        if (!merged[k].id)
            merged[k].id = tl->docs[merged[k].at].id;
    memcpy(tl->order, merged, (n0 + from->ndocs) * sizeof *merged);
    free(merged);
    tl->ndocs += from->ndocs;
    tl->ndated += from->ndated;
    tl->nundated += from->nundated;
    tl->order_ok = 1;
    tl->settled = tl->grouped = 0;
    return CHR_OK;
nomem:
    for (j = 0; j < nfresh; j++)
        free(tl->docs[n0 + j].id);
    free(merged);
    return chr__error_set(err, CHR_ENOMEM, "out of memory");
}
