/* eval_internal.h: the document-level entries of the TempEval-3 scorer (extract/eval.c for timexes,
 * extract/eval_events.c for events), which chr_eval_add calls with the doc's gold annotations and the
 * result's, and which the tests call directly with hand-made or gold ones; the one-to-one pairing of
 * extents both share; the event counts a chr_eval keeps. Not installed. */
#ifndef CHRONICLE_EVAL_INTERNAL_H
#define CHRONICLE_EVAL_INTERNAL_H

#include "chronicle/eval.h"
#include <stddef.h>

/* Score one document. text[0..len) is its text (for the error list's extent texts); gold and sys
 * are arrays of ngold / nsys timexes (byte offsets into text), copied as needed. 0 or CHR_ENOMEM
 * (CHR_EINVAL for a NULL ev, or NULL arrays with nonzero counts). */
int chr__eval_add_timexes(chr_eval *ev, const char *doc_id, const char *text, size_t len,
                          const chr_timex *gold, size_t ngold, const chr_timex *sys, size_t nsys);

/* A text extent, bytes, end exclusive. */
typedef struct chr__span {
    size_t start, end;
} chr__span;

/* The relaxed one-to-one pairing of eval.c's header: pair_of_gold[i] / pair_of_sys[j] get the
 * partner's index or (size_t)-1. 0, or -1 when out of memory. */
int chr__eval_pair(const chr__span *gold, size_t ngold, const chr__span *sys, size_t nsys,
                   size_t *pair_of_gold, size_t *pair_of_sys);
int chr__eval_pair_timexes(const chr_timex *gold, size_t ngold, const chr_timex *sys, size_t nsys,
                           size_t *pair_of_gold, size_t *pair_of_sys);

/* Event counts summed over the documents (eval_events.c fills them, chr_eval holds them). */
typedef struct chr__event_tally {
    size_t docs, gold, system;
    size_t strict, relaxed, cls, tense, aspect, polarity;
    size_t dating_links, dating_hits, dating_no_event, dating_other_time, dating_other_relation;
    size_t aw_system, aw_system_ok, aw_gold, aw_gold_ok;
} chr__event_tally;

chr__event_tally *chr__eval_tally(chr_eval *ev);
const chr__event_tally *chr__eval_tally_const(const chr_eval *ev);

/* One side of a document for event scoring: its events and timexes (byte offsets into the text);
 * an event's time.timex indexes this side's timexes. */
typedef struct chr__eval_side {
    const chr_event *events;
    size_t nevents;
    const chr_timex *timexes;
    size_t ntimexes;
} chr__eval_side;

/* Score the events of one document: Task B, event dating and temporal awareness (eval_events.c).
 * links are the gold event-time TLINKs (timex_id "t0" = the DCT, other ids name gold timexes).
 * 0, CHR_ENOMEM, or CHR_EINVAL for a NULL ev / side or NULL arrays with nonzero counts. */
int chr__eval_add_events(chr_eval *ev, const char *text, size_t len, const chr__eval_side *gold,
                         const chr_tlink *links, size_t nlinks, const chr__eval_side *sys);

/* Keep a missed dating link (copies every string, collapsing blanks; doc_id is that of the document
 * chr__eval_add_timexes added last). 0 or -1 when out of memory. */
int chr__eval_dating_miss(chr_eval *ev, const chr_eval_dating_error *miss);

#endif
