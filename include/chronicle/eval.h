/* eval.h: TempEval-3 scoring against gold TimeML: Task A (time expressions), Task B (events), event
 * dating and the temporal awareness of event-time links.
 *
 * A chr_eval accumulates, document by document, the pairing of system timexes with gold ones and
 * gives micro-averaged figures over everything added:
 *   strict match  = identical extents; relaxed match = overlapping extents, paired one to one;
 *   attribute F1  = (share of relaxed pairs whose attribute agrees) x relaxed F1 (type, value).
 * Documents whose gold has EVENTs are also scored for events the same way (class F1 as attribute
 * F1), for event dating and for temporal awareness: see chr_event_scores and extract/eval_events.c. */
#ifndef CHRONICLE_EVAL_H
#define CHRONICLE_EVAL_H

#include "chronicle/doc.h"
#include "chronicle/error.h"
#include "chronicle/event.h"
#include "chronicle/extract.h"
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct chr_scores {
    size_t docs, gold, system;          /* counts over the corpus */
    size_t strict_match, relaxed_match; /* matched pairs */
    size_t type_match, value_match;     /* relaxed pairs whose type / value agree */
    double strict_p, strict_r, strict_f1;
    double relaxed_p, relaxed_r, relaxed_f1;
    double type_accuracy, value_accuracy; /* over relaxed pairs */
    double type_f1, value_f1;
} chr_scores;

typedef enum chr_eval_kind {
    CHR_EVAL_MISS = 0, /* gold timex with no system timex overlapping it */
    CHR_EVAL_EXTRA,    /* system timex with no gold one */
    CHR_EVAL_EXTENT,   /* paired, value right, extent differs */
    CHR_EVAL_TYPE,     /* paired, type differs */
    CHR_EVAL_VALUE     /* paired, value differs */
} chr_eval_kind;

/* One error, for --errors. gold / sys are NULL for an extra / a miss. The pointers and doc_id are
 * valid until chr_eval_free. Offsets are code points in the document text. */
typedef struct chr_eval_error {
    chr_eval_kind kind;
    const char *doc_id;
    const chr_timex *gold;
    const chr_timex *sys;
    const char *gold_text; /* the gold extent's text, or NULL */
    const char *sys_text;  /* the system extent's text, or NULL */
} chr_eval_error;

typedef struct chr_eval chr_eval;

int chr_eval_new(chr_eval **out);
void chr_eval_free(chr_eval *ev);

/* Score one document: gold timexes are chr_doc_gold(doc, ...), system ones come from res (produced
 * from the same doc's text). */
int chr_eval_add(chr_eval *ev, const chr_doc *doc, const chr_result *res);

void chr_eval_scores(const chr_eval *ev, chr_scores *out);
size_t chr_eval_error_count(const chr_eval *ev);
const chr_eval_error *chr_eval_error_at(const chr_eval *ev, size_t i);
const char *chr_eval_kind_name(chr_eval_kind k); /* "miss", "extra", "extent", "type", "value" */

/* Event figures, over the documents added whose gold has events (docs counts them; all 0 when none).
 *   Task B: events paired as timexes are (strict = identical extents, relaxed = overlapping, one to
 *     one); class, tense, aspect and polarity accuracy are over the relaxed pairs, class F1 =
 *     class accuracy x relaxed F1.
 *   Event dating: of the gold TLINKs between an event and a timex of the event's sentence (not the
 *     DCT), how many the system gets: the gold event is paired with a system event whose time.timex
 *     overlaps the gold timex, with a relation of the same family (overlap, before, after, begin,
 *     end). The misses are split by cause: gold event not found; found but dated by another time (or
 *     none); right time, other relation family.
 *   Temporal awareness (UzZaman & Allen): precision = system event-time/DCT links entailed by the
 *     closure of the gold links over all system links, recall = gold links entailed by the closure of
 *     the system links over all gold links (entities mapped through the relaxed pairings). */
typedef struct chr_event_scores {
    size_t docs, gold, system;
    size_t strict_match, relaxed_match;
    size_t class_match, tense_match, aspect_match, polarity_match; /* relaxed pairs that agree */
    double strict_p, strict_r, strict_f1;
    double relaxed_p, relaxed_r, relaxed_f1;
    double class_accuracy, class_f1;
    double tense_accuracy, aspect_accuracy, polarity_accuracy;
    /* dating: the same-sentence gold event-timex links, those the system gets (hits / links = dating),
     * and the misses by cause */
    size_t dating_links, dating_hits;
    size_t dating_no_event, dating_other_time, dating_other_relation;
    double dating;
    size_t awareness_system, awareness_system_verified; /* system links, those the gold closure entails */
    size_t awareness_gold, awareness_gold_verified;     /* gold links, those the system closure entails */
    double awareness_p, awareness_r, awareness_f1;
} chr_event_scores;

void chr_eval_event_scores(const chr_eval *ev, chr_event_scores *out);

/* Why a same-sentence gold event-time link was missed (event dating). */
typedef enum chr_dating_miss {
    CHR_DATING_NO_EVENT = 0,   /* the gold event was not found */
    CHR_DATING_OTHER_TIME,     /* found, but dated by another time expression, the DCT or nothing */
    CHR_DATING_OTHER_RELATION  /* the right time expression, a relation of another family */
} chr_dating_miss;

/* One missed dating link, for --errors. Strings are valid until chr_eval_free; sys_time is the system
 * time expression's text, "DCT" or NULL (no time, or no event); sys_value its value or NULL. */
typedef struct chr_eval_dating_error {
    chr_dating_miss cause;
    const char *doc_id;
    const char *event;                     /* the gold event's text */
    chr_relation gold_relation;            /* from the event's side */
    const char *gold_time, *gold_value;    /* the gold time expression's text and value */
    chr_relation sys_relation;             /* CHR_REL_NONE when no event or no time */
    const char *sys_time, *sys_value;
    const char *sentence;                  /* the gold event's sentence, blanks collapsed */
} chr_eval_dating_error;

size_t chr_eval_dating_error_count(const chr_eval *ev);
const chr_eval_dating_error *chr_eval_dating_error_at(const chr_eval *ev, size_t i);
const char *chr_dating_miss_name(chr_dating_miss m); /* "no-event", "other-time", "other-relation" */

/* SemEval-2015 Task 4 (TimeLine: cross-document event ordering) scoring of entity timelines
 * (timeline/eval.c says exactly how). A timeline is text in the task's format: the target entity on
 * the first line, then one line per event, "ORDINAL<TAB>ANCHOR<TAB>DOCID-SENTENCE-WORD[<TAB>...]",
 * ANCHOR being YYYY, YYYY-MM, YYYY-MM-DD or XXXX-XX-XX. Each pair (gold, system) is turned into a graph
 * of relations (mentions of one ordinal SIMULTANEOUS, consecutive ordinals BEFORE, a mention
 * IS_INCLUDED its anchor; ordinal 0 is not ordered) and scored by temporal awareness: precision =
 * system relations the closure of the gold graph entails / system relations, recall = gold relations
 * the closure of the system graph entails / gold relations, micro-averaged over the timelines added. */
typedef struct chr_tleval chr_tleval;

typedef struct chr_tl_scores {
    size_t timelines;
    size_t system, system_verified; /* system relations, those the gold closure entails */
    size_t gold, gold_verified;     /* gold relations, those the system closure entails */
    double p, r, f1;
} chr_tl_scores;

int chr_tleval_new(chr_tleval **out);
void chr_tleval_free(chr_tleval *ev);
/* Score one target entity: gold and sys are timelines (sys may be empty: nothing found). 0, CHR_ENOMEM,
 * or CHR_EINVAL for a malformed timeline (err says which line). */
int chr_tleval_add(chr_tleval *ev, const char *gold, size_t glen, const char *sys, size_t slen,
                   chr_error *err);
/* Totals, and the figures of the i-th timeline added (its entity name in *name, borrowed). */
void chr_tleval_scores(const chr_tleval *ev, chr_tl_scores *out);
size_t chr_tleval_count(const chr_tleval *ev);
int chr_tleval_at(const chr_tleval *ev, size_t i, const char **name, chr_tl_scores *out);

#ifdef __cplusplus
}
#endif
#endif
