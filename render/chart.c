/* chart.c: the chart model and its reader of timeline JSON (docs/timeline.schema.json, version 1 or 2).
 *
 * The reader is lenient where later versions may differ (unknown keys are ignored; an entry may have
 * several sources, an "entities" array of strings; the top level may have "conflicts" naming entries by
 * index) and strict where a drawing would be wrong (a date that is no ISO day, an entry with neither
 * end, an unknown version). Exports chr_chart_new, chr_chart_free, chr_chart_add_json,
 * chr_chart_add_text, chr_chart_count. */
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"
#include "internal.h"

int chr_chart_new(chr_chart **out) {
    *out = calloc(1, sizeof **out);
    return *out ? 0 : CHR_ENOMEM;
}

static void item_free(chr__chart_item *it) {
    free(it->text);
    free(it->actor);
    for (size_t k = 0; k < it->nents; k++)
        free(it->ents[k]);
    free(it->ents);
    free(it->docs);
}

/* Drop what was added after n items, nd documents and np pairs (an add that failed). */
static void truncate_to(chr_chart *c, size_t n, size_t nd, size_t np) {
    while (c->n > n)
        item_free(&c->items[--c->n]);
    while (c->ndocs > nd)
        free(c->docs[--c->ndocs]);
    c->npairs = np;
}

void chr_chart_free(chr_chart *c) {
    if (!c)
        return;
    truncate_to(c, 0, 0, 0);
    free(c->items);
    free(c->docs);
    free(c->pairs);
    free(c);
}

size_t chr_chart_count(const chr_chart *c) { return c ? c->n : 0; }

static int grow(void **v, size_t *cap, size_t need, size_t size) {
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*v, n * size);
    if (!p)
        return CHR_ENOMEM;
    *v = p;
    *cap = n;
    return 0;
}

/* "YYYY-MM-DD" -> day number; -1 when it is no such day. */
static int iso_day(const char *s, int64_t *day) {
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (!chr_date_valid(y, m, d))
        return -1;
    *day = chr_date_days(y, m, d);
    return 0;
}

static char *dup_str(const json_t *j) {
    const char *s = json_is_string(j) ? json_string_value(j) : "";
    return strdup(s);
}

/* Index of document id, added when new. (size_t)-1 when out of memory. */
static size_t doc_index(chr_chart *c, size_t from, const char *id) {
    for (size_t k = from; k < c->ndocs; k++)
        if (strcmp(c->docs[k], id) == 0)
            return k;
    if (grow((void **)&c->docs, &c->docs_cap, c->ndocs + 1, sizeof *c->docs))
        return (size_t)-1;
    if (!(c->docs[c->ndocs] = strdup(id)))
        return (size_t)-1;
    return c->ndocs++;
}

static unsigned read_flags(const json_t *a) {
    unsigned f = 0;
    size_t k;
    json_t *v;
    json_array_foreach(a, k, v) {
        const char *s = json_is_string(v) ? json_string_value(v) : "";
        if (strcmp(s, "open_start") == 0)
            f |= CHR__CH_OPEN_START;
        else if (strcmp(s, "open_end") == 0)
            f |= CHR__CH_OPEN_END;
        else if (strcmp(s, "end_dct") == 0)
            f |= CHR__CH_END_DCT;
        else if (strcmp(s, "begin_dct") == 0)
            f |= CHR__CH_BEGIN_DCT;
    }
    return f;
}

/* One entry (index i) into item it, documents looked up from doc0 on. */
static int read_entry(chr_chart *c, size_t doc0, size_t i, const json_t *e, chr__chart_item *it,
                      chr_error *err) {
    if (!json_is_object(e))
        return chr__error_set(err, CHR_EJSON, "entries[%zu]: not an object", i);
    static const char *const ends[2] = {"begin", "end"};
    for (int s = 0; s < 2; s++) {
        const json_t *v = json_object_get(e, ends[s]);
        int64_t day;
        if (!v || json_is_null(v))
            continue;
        if (!json_is_string(v) || iso_day(json_string_value(v), &day))
            return chr__error_set(err, CHR_EJSON, "entries[%zu].%s: not an ISO date (YYYY-MM-DD)", i,
                                  ends[s]);
        if (s == 0) {
            it->has_begin = 1;
            it->first = day;
        } else {
            it->has_end = 1;
            it->last = day;
        }
    }
    if (!it->has_begin && !it->has_end)
        return chr__error_set(err, CHR_EJSON, "entries[%zu]: neither begin nor end", i);
    if (it->has_begin && it->has_end && it->last < it->first)
        return chr__error_set(err, CHR_EJSON, "entries[%zu]: end before begin", i);
    it->flags = read_flags(json_object_get(e, "flags"));
    if (!it->has_begin)
        it->flags |= CHR__CH_OPEN_START;
    if (!it->has_end)
        it->flags |= CHR__CH_OPEN_END;
    const json_t *summary = json_object_get(e, "summary");
    it->text = dup_str(json_is_string(summary) && json_string_length(summary) ? summary
                                                                              : json_object_get(e, "text"));
    it->actor = dup_str(json_object_get(e, "actor"));
    if (!it->text || !it->actor)
        return CHR_ENOMEM;
    const json_t *ents = json_object_get(e, "entities");
    if (json_is_array(ents) && json_array_size(ents) > 0) {
        it->ents = calloc(json_array_size(ents), sizeof *it->ents);
        if (!it->ents)
            return CHR_ENOMEM;
        size_t k;
        json_t *v;
        json_array_foreach(ents, k, v) {
            if (!json_is_string(v) || json_string_length(v) == 0)
                continue;
            int seen = 0;
            for (size_t m = 0; m < it->nents && !seen; m++)
                seen = strcmp(it->ents[m], json_string_value(v)) == 0;
            if (seen)
                continue;
            if (!(it->ents[it->nents] = strdup(json_string_value(v))))
                return CHR_ENOMEM;
            it->nents++;
        }
    }
    const json_t *srcs = json_object_get(e, "sources");
    size_t nsrc = json_is_array(srcs) ? json_array_size(srcs) : 0;
    it->docs = calloc(nsrc ? nsrc : 1, sizeof *it->docs);
    if (!it->docs)
        return CHR_ENOMEM;
    for (size_t k = 0; k < nsrc; k++) {
        const json_t *d = json_object_get(json_array_get(srcs, k), "document");
        if (!json_is_string(d))
            continue;
        size_t di = doc_index(c, doc0, json_string_value(d));
        if (di == (size_t)-1)
            return CHR_ENOMEM;
        int seen = 0;
        for (size_t m = 0; m < it->ndocs && !seen; m++)
            seen = it->docs[m] == di;
        if (!seen)
            it->docs[it->ndocs++] = di;
    }
    if (it->ndocs == 0) { /* no source named: the first document of this timeline */
        size_t di = doc_index(c, doc0, "");
        if (di == (size_t)-1)
            return CHR_ENOMEM;
        it->docs[it->ndocs++] = di;
    }
    return 0;
}

static int add_pair(chr_chart *c, size_t a, size_t b) {
    if (grow((void **)&c->pairs, &c->pairs_cap, 2 * (c->npairs + 1), sizeof *c->pairs))
        return CHR_ENOMEM;
    c->pairs[2 * c->npairs] = a;
    c->pairs[2 * c->npairs + 1] = b;
    c->npairs++;
    return 0;
}

/* Conflicts: [{"entries": [i, j, ...]}, ...]; indices outside the entries are ignored. */
static int read_conflicts(chr_chart *c, size_t base, size_t count, const json_t *conf) {
    size_t k;
    json_t *cf;
    json_array_foreach(conf, k, cf) {
        const json_t *ix = json_object_get(cf, "entries");
        size_t prev = (size_t)-1, m;
        json_t *v;
        json_array_foreach(ix, m, v) {
            if (!json_is_integer(v) || json_integer_value(v) < 0 ||
                (json_int_t)count <= json_integer_value(v))
                continue;
            size_t at = base + (size_t)json_integer_value(v);
            c->items[at].conflict = 1;
            if (prev != (size_t)-1 && prev != at && add_pair(c, prev, at))
                return CHR_ENOMEM;
            prev = at;
        }
    }
    return 0;
}

int chr_chart_add_json(chr_chart *c, const json_t *tl, chr_error *err) {
    if (!c || !tl)
        return chr__error_set(err, CHR_EINVAL, "no chart or no timeline");
    if (!json_is_object(tl))
        return chr__error_set(err, CHR_EJSON, "not a timeline: the top level is not an object");
    const json_t *ver = json_object_get(tl, "version");
    if (!json_is_integer(ver))
        return chr__error_set(err, CHR_EJSON, "not a timeline: no \"version\"");
    if (json_integer_value(ver) < 1 || json_integer_value(ver) > 2)
        return chr__error_set(err, CHR_EJSON, "timeline version %lld: this chronicle reads versions 1 and 2",
                              (long long)json_integer_value(ver));
    const json_t *entries = json_object_get(tl, "entries");
    if (!json_is_array(entries))
        return chr__error_set(err, CHR_EJSON, "not a timeline: no \"entries\" array");
    size_t n0 = c->n, nd0 = c->ndocs, np0 = c->npairs;
    int st = 0;
    /* documents first, so that lanes keep their input order */
    size_t k;
    json_t *d;
    json_array_foreach(json_object_get(tl, "documents"), k, d) {
        const json_t *id = json_object_get(d, "id");
        if (json_is_string(id) && doc_index(c, nd0, json_string_value(id)) == (size_t)-1) {
            st = CHR_ENOMEM;
            break;
        }
    }
    size_t count = json_array_size(entries);
    if (!st && grow((void **)&c->items, &c->cap, c->n + count, sizeof *c->items))
        st = CHR_ENOMEM;
    for (size_t i = 0; !st && i < count; i++) {
        chr__chart_item *it = &c->items[c->n];
        memset(it, 0, sizeof *it);
        c->n++; /* freed by truncate_to on error */
        st = read_entry(c, nd0, i, json_array_get(entries, i), it, err);
    }
    if (!st)
        st = read_conflicts(c, n0, count, json_object_get(tl, "conflicts"));
    if (st) {
        if (st == CHR_ENOMEM)
            chr__error_set(err, st, "out of memory");
        for (size_t i = n0; i < c->n; i++)
            c->items[i].conflict = 0;
        truncate_to(c, n0, nd0, np0);
        return st;
    }
    return 0;
}

int chr_chart_add_text(chr_chart *c, const char *text, size_t len, chr_error *err) {
    json_error_t je;
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!j)
        return chr__error_set(err, CHR_EJSON, "not JSON: line %d: %s", je.line, je.text);
    int st = chr_chart_add_json(c, j, err);
    json_decref(j);
    return st;
}
