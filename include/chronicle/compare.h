/* compare.h: several articles' chronologies set side by side: which events every article tells, which
 * only some tell (and which articles leave them out), and where the articles contradict each other.
 *
 * A comparison is built on a chr_timeline of the articles (timeline.h): its entries are the events, the
 * mentions merged into one entry being the same event told by several articles (timeline/cluster.c).
 * Two entries the timeline lists as a conflict (the same trigger and names, dates that do not meet) are
 * one event told on incompatible dates: the comparison joins them into one event with a date conflict.
 *
 * An event is
 *   shared   told by every document of the timeline;
 *   partial  told by two documents or more, not all;
 *   single   told by one document only.
 * Conflicts:
 *   date     one event on dates that do not meet (the timeline's conflicts: entries i and j);
 *   order    two events X and Y, both told by documents d1 and d2, where d1 places X before Y and d2
 *            places Y before X. A document places X before Y when every mention of X in it ends before
 *            every mention of Y in it begins (by their intervals of days: X's last day before Y's first
 *            day; an open end never comes before anything). Mentions merged into one entry overlap, so
 *            an order conflict goes with a date conflict of one of the two events: the articles that
 *            date it differently also tell a different order with the events around it.
 *
 * Events are in time order (the order of their first entries); conflicts date before order, then by
 * their events. The comparison borrows the timeline: keep it alive (and add no documents to it) until
 * chr_compare_free. The same timeline gives the same comparison, byte for byte in JSON and text. */
#ifndef CHRONICLE_COMPARE_H
#define CHRONICLE_COMPARE_H

#include "chronicle/error.h"
#include "chronicle/timeline.h"
#include <jansson.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the comparison JSON (docs/compare.schema.json) and the schema's id. */
#define CHR_COMPARE_VERSION 1
#define CHR_COMPARE_SCHEMA "https://chronicle.invalid/compare.schema.json"

typedef struct chr_compare chr_compare;

typedef enum chr_compare_status {
    CHR_COMPARE_SHARED = 0, /* told by every document */
    CHR_COMPARE_PARTIAL,    /* by two or more, not all */
    CHR_COMPARE_SINGLE      /* by one only */
} chr_compare_status;

typedef enum chr_compare_kind {
    CHR_COMPARE_DATE = 0, /* one event on dates that do not meet */
    CHR_COMPARE_ORDER     /* two events in a different order */
} chr_compare_kind;

/* One event of the comparison. Arrays are borrowed from the comparison. */
typedef struct chr_compare_event {
    chr_compare_status status;
    const size_t
        *entries; /* the timeline entries it is made of, ascending (more than one: a date conflict) */
    size_t nentries;
    const size_t *docs; /* the documents that tell it (timeline document indexes), ascending */
    size_t ndocs;
} chr_compare_event;

/* One conflict. For a date conflict: event a (b == a), its two entries entry_a < entry_b (timeline
 * indexes), docs_before the documents that tell entry_a's date, docs_after those that tell entry_b's.
 * For an order conflict: events a < b, entry_a and entry_b their first entries, docs_before the
 * documents that place a before b, docs_after those that place b before a. Document lists ascending;
 * reason is static text. */
typedef struct chr_compare_conflict {
    chr_compare_kind kind;
    size_t a, b;
    size_t entry_a, entry_b;
    const size_t *docs_before, *docs_after;
    size_t nbefore, nafter;
    const char *reason;
} chr_compare_conflict;

typedef struct chr_compare_counts {
    size_t documents, events, shared, partial, single, date_conflicts, order_conflicts;
} chr_compare_counts;

/* Compare the documents of tl. 0, CHR_EINVAL (NULL arguments), or CHR_ENOMEM. */
int chr_compare_new(chr_compare **out, const chr_timeline *tl, chr_error *err);
void chr_compare_free(chr_compare *c);

const chr_timeline *chr_compare_timeline(const chr_compare *c);
chr_compare_counts chr_compare_get_counts(const chr_compare *c);
size_t chr_compare_event_count(const chr_compare *c);
const chr_compare_event *chr_compare_event_at(const chr_compare *c, size_t i); /* NULL past the end */
size_t chr_compare_conflict_count(const chr_compare *c);
const chr_compare_conflict *chr_compare_conflict_at(const chr_compare *c, size_t i);
/* The events a document tells (of any status), and those only it tells. */
size_t chr_compare_doc_events(const chr_compare *c, size_t doc);
size_t chr_compare_doc_only(const chr_compare *c, size_t doc);

/* The comparison as JSON (docs/compare.schema.json, version CHR_COMPARE_VERSION; render/compare.c):
 * {"version", "schema", "documents": [{"id", "dct", "events", "only"}],
 *  "counts": {"documents", "events", "shared", "partial", "single", "date_conflicts", "order_conflicts"},
 *  "events": [{"label", "begin", "end", "text", "actor", "summary", "status", "entries",
 *              "told_by", "missing_from", "mentions": [{"document", "event", "text", "label", "begin",
 *              "end", "summary"}]}],
 *  "conflicts": [{"kind": "date", "events": [k], "entries": [i, j], "reason", "dates": [{"entry",
 *                 "label", "documents"}]} |
 *                {"kind": "order", "events": [x, y], "entries": [i, j], "reason", "before", "after"}]}
 * "entries" are indexes into the timeline JSON's entries of the same documents. Returns a NEW
 * reference, or NULL when out of memory. */
json_t *chr_compare_json(const chr_compare *c);

/* The comparison for people, 100 columns wide: the counts, then the events told by all, by some (with
 * the documents that miss them), the conflicts, and the number each document tells alone; with
 * list_single, the events told by one document too. *out is malloc'ed (NUL-terminated). 0 or
 * CHR_ENOMEM. */
int chr_compare_text(char **out, size_t *len, const chr_compare *c, int list_single);

#ifdef __cplusplus
}
#endif
#endif
