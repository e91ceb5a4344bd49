/* timeline_internal.h: what the files of timeline/ share besides the public timeline.h: the grouping of
 * mentions into entries (cluster.c), entity names and their variants (entity.c), the TimeML sentence
 * numbers of a document (sentences.c), the pool of its strings (strpool.c), and putting a timeline
 * together from its parts (read.c, part.c). Not installed. */
#ifndef CHRONICLE_TIMELINE_INTERNAL_H
#define CHRONICLE_TIMELINE_INTERNAL_H

#include "chronicle/timeline.h"
#include <stddef.h>
#include <stdint.h>

/* Group the n dated mentions m[] (in the canonical order of timeline.h) into entries. doc_ids[m->doc]
 * names a mention's document. On return members[0..n) lists the mentions entry by entry (each entry's
 * first mention first, then the others in order), entry i being members[first[i] .. first[i + 1]),
 * *nentries entries in time order; match[k] is the rule that joined mention k to its entry ("" for a
 * first mention). *conf (malloc'ed, *nconf items) lists the conflicts between entries. members, first
 * and match are the caller's, of n, n + 1 and n elements. 0, or -1 when out of memory (outputs then
 * undefined). */
int chr__timeline_cluster(const chr_timeline_entry *m, size_t n, const char *const *doc_ids, size_t *members,
                          size_t *first, size_t *nentries, const char **match, chr_timeline_conflict **conf,
                          size_t *nconf);

/* A name and its variants ("Apple Inc." -> "Apple Inc.", "Apple"; "Steve Jobs" -> "Steve Jobs", "Jobs"). */
typedef struct chr__entity {
    char **variants;
    size_t n;
} chr__entity;

int chr__entity_init(chr__entity *e, const char *name); /* 0 or -1 (out of memory) */
void chr__entity_free(chr__entity *e);
/* 1 when one of the variants occurs in s[0..len) as whole words. */
int chr__entity_in(const chr__entity *e, const char *s, size_t len);

/* The TimeML sentence number (<s id="N">) at each of the n byte offsets at[] (ascending) of doc's text:
 * ids[k], -1 when the document has no sentence tags or the offset lies before the first. 0 or -1. */
int chr__doc_sentence_ids(const chr_doc *doc, const size_t *at, size_t n, int *ids);

/* The strings of a timeline, each kept once (strpool.c). Zero-initialized is empty. */
typedef struct chr__strslot {
    const char *s;
    uint32_t h, len;
} chr__strslot;

typedef struct chr__strpool {
    struct chr__strblock *blocks;
    chr__strslot *slots; /* open addressing, cap a power of two, at most half full */
    size_t n, cap;
} chr__strpool;

/* The pool's copy of s[0..len) (NUL-terminated; the same pointer for the same bytes); "" for none;
 * NULL when out of memory. */
const char *chr__strpool_keep(chr__strpool *p, const char *s, size_t len);
void chr__strpool_free(chr__strpool *p);
/* The hash of s[0..len) that the pool files strings by (FNV-1a, 32 bits). */
uint32_t chr__strpool_hash(const char *s, size_t len);

/* A timeline put together piece by piece (read.c): a document at the end of the list (the caller keeps
 * id order), a copy of mention e (dated or not; e->doc indexes the documents, e->seq orders the mentions
 * of one document; e->match is ignored), then the canonical order once everything is in. The first two
 * return 0 or -1 (out of memory; the timeline is then only fit to be freed). */
int chr__timeline_put_doc(chr_timeline *tl, const char *id, const chr_time *dct);
int chr__timeline_put_mention(chr_timeline *tl, const chr_timeline_entry *e, int dated);
void chr__timeline_settle(chr_timeline *tl);
/* The timeline's copy of s (its pool: the same bytes, the same copy); NULL when out of memory. */
const char *chr__timeline_keep(chr_timeline *tl, const char *s);
/* The id of the document put last (before any settling): borrowed. */
const char *chr__timeline_last_doc_id(const chr_timeline *tl);

#endif
