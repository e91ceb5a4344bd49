/* timeline.h: the chronology of documents: each dated event as an entry with the interval of days it
 * covers, in time order, and the events with no time apart ("undated"), in text order.
 *
 * A chr_timeline copies what it needs from each (document, result) added, so both may be freed right
 * after chr_timeline_add. Several documents may be added; their events (mentions) are put in one order,
 * and the mentions of one real-world event told by several articles become one entry with all of them
 * as its sources (timeline/cluster.c says when: overlapping day-level times, the same or a related
 * trigger word, shared names). The result depends only on the set of documents, never on the order
 * they were added in: documents are kept in id order and every tie is broken by data (so timelines of
 * parts of a corpus merge into the timeline of the whole).
 *
 * Interval of an entry, from the event's time (chr_event_time) and its TIMEX3 values:
 *   - IS_INCLUDED, DURING, SIMULTANEOUS, ... in V: the days of V ("last month": 2014-11-01..2014-11-30);
 *   - BEGUN_BY V ("since 1979"): from the first day of V to the end given (the document date): open end;
 *   - ENDED_BY V ("until March"): to the last day of V, begin unknown: open start;
 *   - BEFORE V: begin unknown, ends before V (before the document date: up to and including its day);
 *   - AFTER V: begins after V (after the document date: from its day on), end unknown.
 * Values finer than a day count as their day; so does the document date, a point in time whatever its
 * granularity. "PRESENT_REF" is the document date.
 *
 * Order of entries (stable and total, so the same input always gives the same order):
 *   1. the first day; an entry with an open start sorts at its last day;
 *   2. the day after the last (an open end counts as the far future);
 *   3. closed intervals before open ones;
 *   4. dated by a time expression of the text before placed against the document date (by tense);
 *   5. finer granularity first (a day before its week);
 *   6. the document id (byte order), then text order within a document.
 * An entry of several mentions sits where its first mention does: the one with a closed interval and the
 * finest granularity, ties in the order above. */
#ifndef CHRONICLE_TIMELINE_H
#define CHRONICLE_TIMELINE_H

#include "chronicle/date.h"
#include "chronicle/doc.h"
#include "chronicle/error.h"
#include "chronicle/event.h"
#include "chronicle/extract.h"
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the timeline JSON (docs/timeline.schema.json) and the schema's id. */
#define CHR_TIMELINE_VERSION 2
#define CHR_TIMELINE_SCHEMA "https://chronicle.invalid/timeline.schema.json"
/* The part format (chr_timeline_part_write): the first word of its header line, and its version. */
#define CHR_TIMELINE_PART "chronicle-part"
#define CHR_TIMELINE_PART_VERSION 1

/* Where a writer puts its bytes: 0, or nonzero to stop (the writer then returns CHR_EIO). */
typedef int (*chr_write_fn)(void *ctx, const char *s, size_t len);

/* Flags of an entry */
#define CHR_TL_OPEN_START 0x01u /* the first day is not known: the event is only known to end by the last */
#define CHR_TL_OPEN_END 0x02u   /* the event goes on after the last day, or the last day is not known */
#define CHR_TL_END_DCT 0x04u    /* the interval ends at the document date ("since 1979", "before DCT") */
#define CHR_TL_BEGIN_DCT 0x08u  /* the interval begins at the document date (after it) */
#define CHR_TL_APPROX 0x10u     /* its time is approximate (TIMEX3 mod APPROX: "about three years ago") */
#define CHR_TL_FLAGS 0x1fu      /* all of them */

/* The JSON name of flag i (i = 0, 1, ...: "open_start", "open_end", "begin_dct", "end_dct",
 * "approximate"), its bit in *bit; NULL past the last. */
const char *chr_timeline_flag_name(size_t i, unsigned *bit);

typedef struct chr_timeline chr_timeline;

/* One event of the chronology. Strings are NUL-terminated and owned by the timeline ("" when absent). */
typedef struct chr_timeline_entry {
    size_t doc;           /* index of its document: chr_timeline_doc_id(tl, doc) */
    size_t seq;           /* index of the event in its document's result (text order) */
    const char *event_id; /* "e12" */
    const char *text;     /* the event's words as written ("said") */
    const char *actor;    /* "Kerry", or "" */
    const char *summary;  /* "Kerry said the U.S. would be happy ...", or "" */
    chr_event_class cls;
    chr_tense tense;
    chr_aspect aspect;
    int negative;
    size_t start, end;           /* code points in its document, end exclusive */
    size_t sent_start, sent_end; /* its sentence, code points */
    /* time: relation NONE and value "" for an event with no time */
    chr_relation relation;
    const char *timex_id; /* "t3", "t0" for the document date, or "" */
    const char *value;    /* the TIMEX3 value it is dated by */
    const char *rule;     /* what placed it ("same-sentence", "signal:since", "tense"), or "" */
    chr_gran gran;        /* granularity of its anchor */
    /* interval (dated entries only) */
    int has_begin, has_end;
    int64_t first_day;         /* days since 1970-01-01; when has_begin */
    int64_t after_day;         /* the day after the last one; when has_end */
    chr_time begin_at, end_at; /* the times the two ends come from (gran NONE when open) */
    unsigned flags;            /* CHR_TL_* */
    int sentence_no;           /* the TimeML <s id="N"> of its sentence, -1 when the input had none */
    const char *match;         /* the rule that put this mention into its entry ("" for the first) */
} chr_timeline_entry;

/* A conflict between two entries: the same event (same trigger, shared names) told on incompatible
 * dates. a < b are entry indexes; reason is static text. */
typedef struct chr_timeline_conflict {
    size_t a, b;
    const char *reason;
} chr_timeline_conflict;

int chr_timeline_new(chr_timeline **out);
void chr_timeline_free(chr_timeline *tl);

/* Keep only the events NAME takes part in: those whose actor or clause (summary) names it, and those
 * whose actor is "he"/"she" in the sentence right after one that did; with the usual name variants ("Apple
 * Inc." also as "Apple", "Steve Jobs" also as "Jobs": timeline/entity.c). Set it before adding documents;
 * NULL or "" keeps every event. 0, CHR_EINVAL or CHR_ENOMEM. */
int chr_timeline_set_entity(chr_timeline *tl, const char *name);
const char *chr_timeline_entity(const chr_timeline *tl); /* "" when none */

/* Add the events of one document (res comes from chr_extract on doc). Events whose time places them
 * become entries; the others (no time, or a time that is no date: "XXXX-WXX-1" without a DCT, "P3D"
 * alone) become undated ones, and so do the events whose time rule is "sentence" (a time of their
 * sentence that another event owns) or "reported" (what a report of their sentence reports). Returns 0,
 * CHR_EINVAL, or CHR_ENOMEM (the timeline is then unchanged). */
int chr_timeline_add(chr_timeline *tl, const chr_doc *doc, const chr_result *res, chr_error *err);

/* Documents, in id order (byte order of the ids; equal ids in the order added): id ("" when none) and
 * DCT (gran NONE when none). An entry's doc indexes this order. */
size_t chr_timeline_doc_count(const chr_timeline *tl);
const char *chr_timeline_doc_id(const chr_timeline *tl, size_t i);
chr_time chr_timeline_doc_dct(const chr_timeline *tl, size_t i);

/* Dated entries in time order, and undated ones in document then text order (borrowed). An entry is
 * its first mention; chr_timeline_source_at gives them all (k = 0 is the entry itself). The first call
 * after adding documents groups the mentions (it may allocate; should that fail, every mention stays an
 * entry of its own). Not safe to call from two threads at once right after chr_timeline_add. */
size_t chr_timeline_count(const chr_timeline *tl);
const chr_timeline_entry *chr_timeline_entry_at(const chr_timeline *tl, size_t i);
size_t chr_timeline_source_count(const chr_timeline *tl, size_t i);
const chr_timeline_entry *chr_timeline_source_at(const chr_timeline *tl, size_t i, size_t k);
/* All dated mentions, in the order above, whatever entry they belong to; chr_timeline_mention_at does
 * not group them into entries. */
size_t chr_timeline_mention_count(const chr_timeline *tl);
const chr_timeline_entry *chr_timeline_mention_at(const chr_timeline *tl, size_t i);
/* Conflicts between entries (borrowed), by a then b. */
size_t chr_timeline_conflict_count(const chr_timeline *tl);
const chr_timeline_conflict *chr_timeline_conflict_at(const chr_timeline *tl, size_t i);
size_t chr_timeline_undated_count(const chr_timeline *tl);
const chr_timeline_entry *chr_timeline_undated_at(const chr_timeline *tl, size_t i);

/* Add the documents and mentions of `from` to tl, as if the documents of both had been added to one
 * timeline: merge(timeline(A), timeline(B)) is timeline(A + B) for any split of a corpus, so partial
 * timelines can be built apart (on shards, by other machines) and merged in any grouping and order. The
 * mentions are grouped into entries again over the whole (entries of different parts may become one).
 * Both must have the same entity (chr_timeline_entity) and no document id in common (CHR_EINVAL: the
 * same article twice). 0, CHR_EINVAL or CHR_ENOMEM (tl is then unchanged); from is not changed. */
int chr_timeline_merge(chr_timeline *tl, const chr_timeline *from, chr_error *err);

/* Read a timeline back from its JSON (chr_timeline_json, version 2: timeline/read.c): *out is a new
 * timeline with the documents, entity and mentions of json, which renders to the same JSON again. Each
 * mention is rebuilt from its source (the keys of docs/timeline.schema.json, "time" with "from" and
 * "to"); the mentions of a document are ordered by their place in its text. Document ids must be
 * unique (in id order). 0; CHR_EJSON for anything else (version 1, a missing or wrong key, an unknown
 * document, a mention twice: the message says where), *out then NULL; CHR_EINVAL; CHR_ENOMEM. */
int chr_timeline_from_json(chr_timeline **out, const json_t *json, chr_error *err);

/* The same from a stream: one timeline JSON value read from f, f left right after it (several may follow
 * one another), each document, entry and undated event parsed on its own, so that memory holds the
 * timeline being built and one entry, not the tree of the whole JSON. The same result and errors as
 * chr_timeline_from_json, and CHR_EJSON "not a timeline: ... (byte N)" for text that is no JSON. */
int chr_timeline_read_json(chr_timeline **out, FILE *f, chr_error *err);

/* Read a timeline back from the part format (chr_timeline_part_write): buf[0..len) holds one part, its
 * header line and the lines it announces; *used is set to the bytes it took (the next part of a stream
 * begins there). The same timeline as the one written, without grouping or rendering on the way: the
 * lean intermediate of a distributed run (timeline --format part, then timeline --merge). 0; CHR_EJSON
 * (not a part, a bad line: the message gives its number and what is wrong), *out then NULL;
 * CHR_EINVAL; CHR_ENOMEM. */
int chr_timeline_from_part(chr_timeline **out, const char *buf, size_t len, size_t *used, chr_error *err);

/* A readable label of an entry's interval, at the granularity of its ends: "2014-11", "2014-W48-WE",
 * "2014-12-01 night", "2014-12-03 20:58", "1970s", "1979 .. 2014-12-03", ".. 2014-12-03" (open start),
 * "2014-12-03 .." (open end); "" for an undated entry. Writes at most n bytes including the NUL; returns
 * the length it needed. */
size_t chr_timeline_label(char *buf, size_t n, const chr_timeline_entry *e);

/* The EDTF string of an entry's interval (ISO 8601-2): "2014-11", "1979/2014-12-03", "../2014-12-03",
 * "2014-12-03/..", "197X", "2019-22", "2011~" (CHR_TL_APPROX); "" for an undated entry (render/edtf.c).
 * As chr_timeline_label. */
size_t chr_timeline_edtf(char *buf, size_t n, const chr_timeline_entry *e);

/* The timeline in the format of SemEval-2015 Task 4 (render/task4.c): the entity, then
 * "ORDINAL<TAB>ANCHOR<TAB>DOCID-SENTENCE-WORD..." per entry (mentions without a TimeML sentence number
 * are left out). *out is malloc'ed, NUL-terminated. 0, CHR_EINVAL or CHR_ENOMEM. */
int chr_timeline_task4(char **out, size_t *len, const chr_timeline *tl);

/* Knight Lab's TimelineJS JSON of the dated entries (render/timelinejs.c): {"title", "events":
 * [{"start_date":
 * {"year", "month", "day"} at the granularity known, "end_date" when it spans more, "text": {"headline",
 * "text"} escaped for HTML, "group": the entity, else the document}]}. *out is a NEW reference.
 * 0, CHR_EINVAL or CHR_ENOMEM. */
int chr_timeline_timelinejs(json_t **out, const chr_timeline *tl);

/* The dated entries as CSV (RFC 4180, CRLF, a header row: label, begin, end, edtf, granularity,
 * relation, value, actor, text, summary, sources, merged_by). *out is malloc'ed. 0 or CHR_ENOMEM. */
int chr_timeline_csv(char **out, size_t *len, const chr_timeline *tl);

/* The timeline as JSON (docs/timeline.schema.json, version CHR_TIMELINE_VERSION):
 * {"version", "schema", "documents": [{"id", "dct"}],
 *  "entries": [{"label", "begin", "end", "granularity", "flags", "relation", "value", "timex", "rule",
 *               "text", "class", "tense", "aspect", "polarity", "actor", "summary",
 *               "sources": [{"document", "event", "start", "end", "sentence": {"start", "end"}}]}],
 *  "undated": [{"text", "class", "tense", "aspect", "polarity", "actor", "summary", "relation", "value",
 *               "sources": [...]}]}
 * begin/end are ISO dates of the first and the last day (inclusive), null when open. Returns a NEW
 * reference, or NULL when out of memory. */
json_t *chr_timeline_json(const chr_timeline *tl);

/* The same JSON written piece by piece (render/timeline_write.c): the bytes of json_dumps of
 * chr_timeline_json(tl) with flags (JSON_INDENT(n) or JSON_COMPACT; keys in the order above), handed to
 * write 64 KiB at a time, without the tree of the whole timeline in memory. 0, CHR_EINVAL, CHR_ENOMEM, or
 * CHR_EIO when write asked to stop. */
int chr_timeline_json_write(const chr_timeline *tl, size_t flags, chr_write_fn write, void *ctx);

/* The JSON Lines view, written the same way: one compact line per dated entry, then per undated event,
 * each the object of "entries" or "undated" above with a last key "kind": "entry" or "undated". */
int chr_timeline_jsonl_write(const chr_timeline *tl, chr_write_fn write, void *ctx);

/* The part format: what timeline --merge needs and nothing else, one compact JSON array a line: a
 * header ["chronicle-part", 1, ENTITY, DOCUMENTS, MENTIONS], each document [ID, DCT], then each mention,
 * dated ones first, with every field of chr_timeline_entry (no entries, labels, EDTF or conflicts: they
 * follow from the mentions and are computed by the merge). Read back by chr_timeline_from_part.
 * Returns as chr_timeline_json_write. */
int chr_timeline_part_write(const chr_timeline *tl, chr_write_fn write, void *ctx);

/* The timeline as a text table, 100 columns wide whatever the terminal: date, relation, actor and what
 * happened, wrapped; then the undated events. *out is malloc'ed (NUL-terminated). 0 or CHR_ENOMEM. */
int chr_timeline_text(char **out, size_t *len, const chr_timeline *tl);

#ifdef __cplusplus
}
#endif
#endif
