/* compare.c (render): views of a comparison of chronologies (compare.h): its JSON
 * (docs/compare.schema.json) and a report for people, 100 columns wide whatever the terminal. A client
 * of the public comparison and timeline accessors only.
 *
 * Exports (compare.h): chr_compare_json, chr_compare_text.
 *
 * JSON keys, in this order (dump with JSON_PRESERVE_ORDER):
 *   {"version", "schema", "documents": [{"id", "dct", "events", "only"}], "entity",
 *    "counts": {"documents", "events", "shared", "partial", "single", "date_conflicts",
 *               "order_conflicts"},
 *    "events": [{"label", "begin", "end", "text", "actor", "summary", "status", "entries", "told_by",
 *                "missing_from", "mentions": [{"document", "event", "text", "label", "begin", "end",
 *                "summary"}]}],
 *    "conflicts": [{"kind", "events", "entries", "reason", ("dates" | "before", "after")}]} */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chronicle/compare.h"
#include "internal.h"
#include "strbuf_internal.h"

#define TEXT_WIDTH 100
#define COL_WHEN 22
#define COL_GAP 2
#define COL_WHAT (TEXT_WIDTH - COL_WHEN - COL_GAP)

static const char *const status_names[] = {"shared", "partial", "single"};

/* --- JSON ---------------------------------------------------------------------------------------- */

static json_t *str_or_null(const char *s) { return s && *s ? json_string(s) : json_null(); }

static void put(json_t *obj, const char *key, json_t *v, int *ok) {
    if (!v || json_object_set_new(obj, key, v) != 0)
        *ok = 0;
}

static void append(json_t *arr, json_t *v, int *ok) {
    if (!v || json_array_append_new(arr, v) != 0)
        *ok = 0;
}

static json_t *day_or_null(int known, int64_t day) {
    char buf[32];
    int y, m, d;
    if (!known)
        return json_null();
    chr_date_civil(day, &y, &m, &d);
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return json_string(buf);
}

/* label, begin, end of a mention */
static void interval_fields(json_t *o, const chr_timeline_entry *e, int *ok) {
    char label[160];
    chr_timeline_label(label, sizeof label, e);
    put(o, "label", json_string(label), ok);
    put(o, "begin", day_or_null(e->has_begin, e->first_day), ok);
    put(o, "end", day_or_null(e->has_end, e->after_day - 1), ok);
}

static json_t *index_array(const size_t *v, size_t n, int *ok) {
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        append(a, json_integer((json_int_t)v[i]), ok);
    if (!a)
        *ok = 0;
    return a;
}

/* The ids of the documents v[0..n), or with missing set those not in v. */
static json_t *doc_ids(const chr_timeline *tl, const size_t *v, size_t n, int missing, int *ok) {
    json_t *a = json_array();
    size_t nd = chr_timeline_doc_count(tl), k = 0;
    for (size_t d = 0; a && d < nd; d++) {
        while (k < n && v[k] < d)
            k++;
        int in = k < n && v[k] == d;
        if (in != missing)
            append(a, json_string(chr_timeline_doc_id(tl, d)), ok);
    }
    if (!a)
        *ok = 0;
    return a;
}

static json_t *event_json(const chr_compare *c, const chr_compare_event *ev, int *ok) {
    const chr_timeline *tl = chr_compare_timeline(c);
    const chr_timeline_entry *e = chr_timeline_entry_at(tl, ev->entries[0]);
    json_t *o = json_object(), *mentions = json_array();
    if (!o || !mentions) {
        json_decref(o);
        json_decref(mentions);
        *ok = 0;
        return NULL;
    }
    interval_fields(o, e, ok);
    put(o, "text", json_string(e->text), ok);
    put(o, "actor", str_or_null(e->actor), ok);
    put(o, "summary", str_or_null(e->summary), ok);
    put(o, "status", json_string(status_names[ev->status]), ok);
    put(o, "entries", index_array(ev->entries, ev->nentries, ok), ok);
    put(o, "told_by", doc_ids(tl, ev->docs, ev->ndocs, 0, ok), ok);
    put(o, "missing_from", doc_ids(tl, ev->docs, ev->ndocs, 1, ok), ok);
    for (size_t j = 0; j < ev->nentries; j++) {
        for (size_t k = 0; k < chr_timeline_source_count(tl, ev->entries[j]); k++) {
            const chr_timeline_entry *m = chr_timeline_source_at(tl, ev->entries[j], k);
            json_t *mo = json_object();
            if (!mo) {
                *ok = 0;
                break;
            }
            put(mo, "document", json_string(chr_timeline_doc_id(tl, m->doc)), ok);
            put(mo, "event", json_string(m->event_id), ok);
            put(mo, "text", json_string(m->text), ok);
            interval_fields(mo, m, ok);
            put(mo, "summary", str_or_null(m->summary), ok);
            append(mentions, mo, ok);
        }
    }
    put(o, "mentions", mentions, ok);
    return o;
}

static json_t *conflict_json(const chr_compare *c, const chr_compare_conflict *k, int *ok) {
    const chr_timeline *tl = chr_compare_timeline(c);
    json_t *o = json_object();
    if (!o) {
        *ok = 0;
        return NULL;
    }
    put(o, "kind", json_string(k->kind == CHR_COMPARE_DATE ? "date" : "order"), ok);
    if (k->kind == CHR_COMPARE_DATE)
        put(o, "events", json_pack("[I]", (json_int_t)k->a), ok);
    else
        put(o, "events", json_pack("[I,I]", (json_int_t)k->a, (json_int_t)k->b), ok);
    put(o, "entries", json_pack("[I,I]", (json_int_t)k->entry_a, (json_int_t)k->entry_b), ok);
    put(o, "reason", json_string(k->reason), ok);
    if (k->kind == CHR_COMPARE_DATE) {
        json_t *dates = json_array();
        size_t entry[2] = {k->entry_a, k->entry_b};
        const size_t *docs[2] = {k->docs_before, k->docs_after};
        size_t nd[2] = {k->nbefore, k->nafter};
        for (int s = 0; dates && s < 2; s++) {
            char label[160];
            chr_timeline_label(label, sizeof label, chr_timeline_entry_at(tl, entry[s]));
            json_t *d = json_object();
            if (!d) {
                *ok = 0;
                break;
            }
            put(d, "entry", json_integer((json_int_t)entry[s]), ok);
            put(d, "label", json_string(label), ok);
            put(d, "documents", doc_ids(tl, docs[s], nd[s], 0, ok), ok);
            append(dates, d, ok);
        }
        put(o, "dates", dates, ok);
    } else {
        put(o, "before", doc_ids(tl, k->docs_before, k->nbefore, 0, ok), ok);
        put(o, "after", doc_ids(tl, k->docs_after, k->nafter, 0, ok), ok);
    }
    return o;
}

json_t *chr_compare_json(const chr_compare *c) {
    const chr_timeline *tl = chr_compare_timeline(c);
    int ok = 1;
    if (!c)
        return NULL;
    json_t *root = json_object(), *docs = json_array(), *events = json_array(), *conf = json_array();
    if (!root || !docs || !events || !conf) {
        json_decref(root);
        json_decref(docs);
        json_decref(events);
        json_decref(conf);
        return NULL;
    }
    chr_compare_counts n = chr_compare_get_counts(c);
    put(root, "version", json_integer(CHR_COMPARE_VERSION), &ok);
    put(root, "schema", json_string(CHR_COMPARE_SCHEMA), &ok);
    for (size_t i = 0; i < n.documents && ok; i++) {
        chr_time dct = chr_timeline_doc_dct(tl, i);
        char v[64];
        chr_time_format(v, sizeof v, &dct);
        json_t *d = json_object();
        if (!d) {
            ok = 0;
            break;
        }
        put(d, "id", json_string(chr_timeline_doc_id(tl, i)), &ok);
        put(d, "dct", str_or_null(v), &ok);
        put(d, "events", json_integer((json_int_t)chr_compare_doc_events(c, i)), &ok);
        put(d, "only", json_integer((json_int_t)chr_compare_doc_only(c, i)), &ok);
        append(docs, d, &ok);
    }
    put(root, "documents", docs, &ok);
    put(root, "entity", str_or_null(chr_timeline_entity(tl)), &ok);
    put(root, "counts",
        json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "documents", (json_int_t)n.documents, "events",
                  (json_int_t)n.events, "shared", (json_int_t)n.shared, "partial", (json_int_t)n.partial,
                  "single", (json_int_t)n.single, "date_conflicts", (json_int_t)n.date_conflicts,
                  "order_conflicts", (json_int_t)n.order_conflicts),
        &ok);
    for (size_t i = 0; i < chr_compare_event_count(c) && ok; i++)
        append(events, event_json(c, chr_compare_event_at(c, i), &ok), &ok);
    put(root, "events", events, &ok);
    for (size_t i = 0; i < chr_compare_conflict_count(c) && ok; i++)
        append(conf, conflict_json(c, chr_compare_conflict_at(c, i), &ok), &ok);
    put(root, "conflicts", conf, &ok);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* --- Text ---------------------------------------------------------------------------------------- */

/* when (padded to COL_WHEN, or on a line of its own when longer), then what wrapped to COL_WHAT columns
 * at spaces, the following lines indented under it. */
static void row(chr__sbuf *b, const char *when, const char *what) {
    size_t wl = strlen(when);
    chr__sbuf_add(b, when, wl);
    if (wl > COL_WHEN) {
        chr__sbuf_add(b, "\n", 1);
        wl = 0;
    }
    chr__sbuf_spaces(b, COL_WHEN - wl + COL_GAP);
    size_t len = strlen(what);
    int first = 1;
    while (len) {
        size_t cut = chr__text_line(&what, &len, COL_WHAT);
        if (!len)
            break;
        if (!first)
            chr__sbuf_spaces(b, COL_WHEN + COL_GAP);
        for (size_t i = 0; i < cut; i++)
            chr__sbuf_add(b, chr__text_space(what[i]) ? " " : what + i, 1);
        while (b->len && b->p[b->len - 1] == ' ') /* no trailing blanks */
            b->p[--b->len] = '\0';
        chr__sbuf_add(b, "\n", 1);
        what += cut;
        len -= cut;
        first = 0;
    }
    if (first)
        chr__sbuf_add(b, "\n", 1);
}

static void heading(chr__sbuf *b, const char *title) {
    chr__sbuf_addf(b, "\n%s\n", title);
    for (int i = 0; i < TEXT_WIDTH; i++)
        chr__sbuf_add(b, "-", 1);
    chr__sbuf_add(b, "\n", 1);
}

/* "a.txt, b.txt" for the documents v[0..n) (or, with missing, the others), into buf. */
static void doc_list(char *buf, size_t size, const chr_timeline *tl, const size_t *v, size_t n, int missing) {
    size_t nd = chr_timeline_doc_count(tl), k = 0, used = 0;
    buf[0] = '\0';
    for (size_t d = 0; d < nd && used < size - 1; d++) {
        while (k < n && v[k] < d)
            k++;
        if ((k < n && v[k] == d) == missing)
            continue;
        int w = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", chr_timeline_doc_id(tl, d));
        used += w > 0 ? (size_t)w : 0;
    }
    if (used >= size)
        buf[size - 1] = '\0';
}

static const char *what_of(const chr_timeline_entry *e) { return e->summary[0] ? e->summary : e->text; }

/* One event: #index, what, and with_docs 1 the documents that tell it, 2 also those that do not. */
static void event_row(chr__sbuf *b, const chr_compare *c, size_t i, int with_docs) {
    const chr_timeline *tl = chr_compare_timeline(c);
    const chr_compare_event *ev = chr_compare_event_at(c, i);
    const chr_timeline_entry *e = chr_timeline_entry_at(tl, ev->entries[0]);
    char label[160], what[1600], told[400], missing[400];
    chr_timeline_label(label, sizeof label, e);
    const char *neg = e->summary[0] || !e->negative ? "" : "not ";
    doc_list(told, sizeof told, tl, ev->docs, ev->ndocs, 0);
    if (with_docs == 2) {
        doc_list(missing, sizeof missing, tl, ev->docs, ev->ndocs, 1);
        snprintf(what, sizeof what, "#%zu %s%.600s [told by %s; not by %s]", i, neg, what_of(e), told,
                 missing);
    } else if (with_docs == 1) {
        snprintf(what, sizeof what, "#%zu %s%.600s [%s]", i, neg, what_of(e), told);
    } else {
        snprintf(what, sizeof what, "#%zu %s%.900s", i, neg, what_of(e));
    }
    row(b, label, what);
}

static void conflict_rows(chr__sbuf *b, const chr_compare *c, const chr_compare_conflict *k) {
    const chr_timeline *tl = chr_compare_timeline(c);
    char label[160], docs[400], what[1400];
    if (k->kind == CHR_COMPARE_DATE) {
        const chr_timeline_entry *e = chr_timeline_entry_at(tl, k->entry_a);
        snprintf(what, sizeof what, "date: #%zu \"%s\" told on dates that do not meet", k->a, e->text);
        row(b, "", what);
        size_t entry[2] = {k->entry_a, k->entry_b};
        const size_t *v[2] = {k->docs_before, k->docs_after};
        size_t n[2] = {k->nbefore, k->nafter};
        for (int s = 0; s < 2; s++) {
            const chr_timeline_entry *m = chr_timeline_entry_at(tl, entry[s]);
            chr_timeline_label(label, sizeof label, m);
            doc_list(docs, sizeof docs, tl, v[s], n[s], 0);
            snprintf(what, sizeof what, "%.900s [%s]", what_of(m), docs);
            row(b, label, what);
        }
    } else {
        const chr_timeline_entry *x = chr_timeline_entry_at(tl, k->entry_a);
        const chr_timeline_entry *y = chr_timeline_entry_at(tl, k->entry_b);
        snprintf(what, sizeof what, "order: #%zu \"%s\" and #%zu \"%s\" told in a different order", k->a,
                 x->text, k->b, y->text);
        row(b, "", what);
        doc_list(docs, sizeof docs, tl, k->docs_before, k->nbefore, 0);
        snprintf(what, sizeof what, "\"%s\" before \"%s\" [%s]", x->text, y->text, docs);
        row(b, "", what);
        doc_list(docs, sizeof docs, tl, k->docs_after, k->nafter, 0);
        snprintf(what, sizeof what, "\"%s\" before \"%s\" [%s]", y->text, x->text, docs);
        row(b, "", what);
    }
}

int chr_compare_text(char **out, size_t *len, const chr_compare *c, int list_single) {
    chr__sbuf b = {0};
    if (!out || !c)
        return CHR_EINVAL;
    *out = NULL;
    if (len)
        *len = 0;
    const chr_timeline *tl = chr_compare_timeline(c);
    chr_compare_counts n = chr_compare_get_counts(c);
    chr__sbuf_addf(&b, "Comparison of %zu documents%s%s\n", n.documents,
                   chr_timeline_entity(tl)[0] ? ", entity " : "", chr_timeline_entity(tl));
    for (size_t d = 0; d < n.documents; d++) {
        chr_time dct = chr_timeline_doc_dct(tl, d);
        char v[64];
        chr_time_format(v, sizeof v, &dct);
        chr__sbuf_addf(&b, "  %-40.200s  %-16s  %3zu told, %3zu by it alone\n", chr_timeline_doc_id(tl, d),
                       v[0] ? v : "no date", chr_compare_doc_events(c, d), chr_compare_doc_only(c, d));
    }
    chr__sbuf_addf(
        &b,
        "%zu events: %zu told by all, %zu by some, %zu by one only; conflicts: %zu of date, %zu of order\n",
        n.events, n.shared, n.partial, n.single, n.date_conflicts, n.order_conflicts);
    static const char *const titles[] = {"Told by all", "Told by some, not all", "Told by one only"};
    for (int s = 0; s < 3; s++) {
        size_t count = s == 0 ? n.shared : s == 1 ? n.partial : n.single;
        if (s == 2 && !list_single)
            break;
        heading(&b, titles[s]);
        if (!count)
            row(&b, "", "(none)");
        for (size_t i = 0; i < chr_compare_event_count(c); i++)
            if ((int)chr_compare_event_at(c, i)->status == s)
                event_row(&b, c, i, s == 1 ? 2 : s == 2);
    }
    heading(&b, "Conflicts");
    if (!chr_compare_conflict_count(c))
        row(&b, "", "(none)");
    for (size_t i = 0; i < chr_compare_conflict_count(c); i++)
        conflict_rows(&b, c, chr_compare_conflict_at(c, i));
    if (!list_single && n.single)
        chr__sbuf_addf(&b, "\n%zu event%s told by one document only %s not listed (--all lists them)\n",
                       n.single, n.single == 1 ? "" : "s", n.single == 1 ? "is" : "are");
    if (b.failed || !b.p) {
        free(b.p);
        return CHR_ENOMEM;
    }
    *out = b.p;
    if (len)
        *len = b.len;
    return CHR_OK;
}
