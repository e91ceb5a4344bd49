/* event.h: the events an article reports (TimeML EVENT), how each is anchored in time (a TLINK to a
 * time expression or to the document date), who did it and a readable summary of its clause.
 *
 * Events come with the time expressions in the same chr_result (chr_extract finds both). A document read
 * from TimeML also carries the EVENT and TLINK annotations it had (the gold ones, for `eval`). */
#ifndef CHRONICLE_EVENT_H
#define CHRONICLE_EVENT_H

#include <stddef.h>
#include "chronicle/date.h"
#include "chronicle/doc.h"
#include "chronicle/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum chr_event_class {
    CHR_EVENT_OCCURRENCE = 0,
    CHR_EVENT_REPORTING,
    CHR_EVENT_STATE,
    CHR_EVENT_I_ACTION,
    CHR_EVENT_I_STATE,
    CHR_EVENT_ASPECTUAL,
    CHR_EVENT_PERCEPTION,
    CHR_EVENT_CLASS_COUNT
} chr_event_class;

typedef enum chr_tense {
    CHR_TENSE_NONE = 0,
    CHR_TENSE_PAST,
    CHR_TENSE_PRESENT,
    CHR_TENSE_FUTURE,
    CHR_TENSE_INFINITIVE,
    CHR_TENSE_PRESPART,
    CHR_TENSE_PASTPART
} chr_tense;

typedef enum chr_aspect {
    CHR_ASPECT_NONE = 0,
    CHR_ASPECT_PROGRESSIVE,
    CHR_ASPECT_PERFECTIVE,
    CHR_ASPECT_PERFECTIVE_PROGRESSIVE
} chr_aspect;

/* TimeML TLINK relation types (the subset chronicle produces and scores). */
typedef enum chr_relation {
    CHR_REL_NONE = 0,
    CHR_REL_BEFORE,
    CHR_REL_AFTER,
    CHR_REL_INCLUDES,
    CHR_REL_IS_INCLUDED,
    CHR_REL_DURING,
    CHR_REL_SIMULTANEOUS,
    CHR_REL_IDENTITY,
    CHR_REL_BEGINS,
    CHR_REL_BEGUN_BY,
    CHR_REL_ENDS,
    CHR_REL_ENDED_BY,
    CHR_REL_IBEFORE,
    CHR_REL_IAFTER,
    CHR_REL_COUNT
} chr_relation;

/* "OCCURRENCE", ...; "NONE", "PAST", ...; "NONE", "PROGRESSIVE", ...; "BEFORE", ... ("" for NONE).
 * The _parse functions return -1 for an unknown name. */
const char *chr_event_class_name(chr_event_class c);
const char *chr_tense_name(chr_tense t);
const char *chr_aspect_name(chr_aspect a);
const char *chr_relation_name(chr_relation r);
int chr_event_class_parse(const char *s);
int chr_tense_parse(const char *s);
int chr_aspect_parse(const char *s);
int chr_relation_parse(const char *s);

/* Where an event sits in time. timex is the index of the time expression in the same result (or, for gold
 * links, in chr_doc_gold), -1 when the event is placed against the document date, -2 when it has no time.
 * value/begin/end are TIMEX3-style values of the interval that follows ("1979" to the DCT for "since
 * 1979"); gran is the granularity of the anchor. */
typedef struct chr_event_time {
    int timex;
    chr_relation relation;
    char value[64];
    char begin[64];
    char end[64];
    chr_gran gran;
    const char *rule; /* what placed it: "same-sentence", "tense", "signal:since", ... (static), or NULL */
} chr_event_time;

/* One event mention. Offsets are bytes into the document text (end exclusive), cp_* code points.
 * Strings are NUL-terminated; actor and summary are owned by the result (or the document for gold
 * events) and may be "" when unknown. */
typedef struct chr_event {
    char id[16];             /* "e1", ... (gold: the eid) */
    char instance[16];       /* TimeML event instance id: "ei1", ... */
    size_t start, end;
    size_t cp_start, cp_end;
    chr_event_class cls;
    chr_tense tense;
    chr_aspect aspect;
    int negative;            /* polarity NEG ("has not had relations") */
    size_t sent_start, sent_end;       /* the sentence, bytes */
    size_t cp_sent_start, cp_sent_end; /* the sentence, code points */
    const char *actor;       /* the subject phrase: "Kerry", "a U.S. defense official" */
    const char *source;      /* for REPORTING events, who reports (same as actor), else "" */
    const char *summary;     /* a short readable clause: "Kerry said the U.S. would be happy to ..." */
    chr_event_time time;
    chr_relation dct; /* the event against the document date, from its tense (TimeML's event-DCT link):
                       * BEFORE, AFTER, IS_INCLUDED or INCLUDES; NONE when the tense says nothing. The
                       * same as time.relation when time.timex is -1 */
} chr_event;

/* A TLINK between an event instance and a time expression, as read from gold TimeML. */
typedef struct chr_tlink {
    char event_instance[16]; /* "ei12" */
    char event_id[16];       /* "e12" (resolved through MAKEINSTANCE), "" if unknown */
    char timex_id[16];       /* "t3", "t0" for the DCT */
    chr_relation relation;   /* from the event's side: event IS_INCLUDED timex */
} chr_tlink;

/* Gold annotations of a TimeML document (0 for other formats). */
size_t chr_doc_gold_event_count(const chr_doc *doc);
const chr_event *chr_doc_gold_event(const chr_doc *doc, size_t i);
size_t chr_doc_gold_tlink_count(const chr_doc *doc);
const chr_tlink *chr_doc_gold_tlink(const chr_doc *doc, size_t i);

#ifdef __cplusplus
}
#endif
#endif
