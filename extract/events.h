/* events.h: what the event recognizer (events.c, model.c), the tokenizer (tokenize.c) and the time
 * anchoring of events (link.c) share. Not installed. */
#ifndef CHRONICLE_EVENTS_H
#define CHRONICLE_EVENTS_H

#include "internal.h"

/* Tokens and sentences of a text, byte offsets. */
typedef struct chr__token {
    size_t start, end;
    size_t sent; /* index of its sentence */
} chr__token;

typedef struct chr__tokens {
    chr__token *v;
    size_t n;
    size_t *sent_start, *sent_end; /* bytes, per sentence */
    size_t *sent_first;            /* index of the sentence's first token */
    size_t nsent;
    size_t cap, scap; /* room in v and in each of the sentence arrays */
} chr__tokens;

int chr__tokenize(chr__tokens *out, const char *text, size_t len);
/* chr__tokenize into the arrays t already has (from a chr__tokenize, or all zeros), grown as needed: a
 * thread's scratch keeps them from one document to the next. On failure t is freed (and zeroed). */
int chr__tokenize_again(chr__tokens *t, const char *text, size_t len);
/* Is s[0..n) (without its dot) an abbreviation that keeps its dot ("Mr", "vs", "Ala")? */
int chr__tokenize_abbrev(const char *s, size_t n);
void chr__tokens_free(chr__tokens *t);

/* The event model: an averaged perceptron over word features (model.c). Immutable once loaded. */
typedef struct chr__event_model chr__event_model;
int chr__event_model_load(chr__event_model **out, const char *data, size_t len, const char *name,
                          chr_error *err);
void chr__event_model_free(chr__event_model *m);
/* The model in its compiled form (model.c says the layout): written at build time by cmake/modelbin.c
 * for the built-in model, read at start-up without parsing or copying. *out of save is malloc'ed. The
 * model that load_bin makes reads its tables in data itself, which must stay unchanged for as long as the
 * model lives, and be aligned for uint64 (malloc's is; the built-in copy is aligned on 64 bytes, a cache
 * line; misaligned bytes are refused: CHR_ERULE). */
int chr__event_model_save_bin(char **out, size_t *len, const chr__event_model *m);
int chr__event_model_load_bin(chr__event_model **out, const char *data, size_t len, const char *name,
                              chr_error *err);

/* What the event model worked out for each word, kept across documents by one thread (wordcache.c).
 * chr__wordcache_new(words): room for that many words, NULL when out of memory. chr__wordcache_begin at
 * each document's start binds it to model m (emptying it for another model, or when full). */
typedef struct chr__wordcache chr__wordcache;
chr__wordcache *chr__wordcache_new(size_t words);
void chr__wordcache_free(chr__wordcache *c);
void chr__wordcache_begin(chr__wordcache *c, const chr__event_model *m);

/* Whether the tagger's lists of irregular past forms and participles are sorted (their binary search needs
 * it): for the tests. */
int chr__ev_forms_sorted(void);

/* An entry of the word cache: what the event model and the linker worked out for one word
 * (event_model.h). */
typedef struct chr__wordent chr__wordent;

/* Find the event mentions of text: fills start/end, cls, tense, aspect, negative, the sentence bounds
 * (bytes) and id "e1".., instance "ei1".. in text order; actor, source, summary are set to "" and time to
 * {timex -2}. *out is malloc'ed (NULL when none). words: the thread's word cache, or NULL (a cache for
 * this document alone); the results do not depend on it. tx[0..ntx): the document's time expressions in
 * text order (byte offsets), or none: a word close to one is taken for an event more readily. went: NULL,
 * or (with words not NULL) toks->n places where each token's entry in words is left for the linker (NULL
 * for a token not cached), valid until words is next begun; filled when some event is found. tok_of: NULL,
 * or toks->n places where the index of each event's token is left for the linker. */
int chr__events_detect(chr_event **out, size_t *n, const chr__event_model *m, chr__wordcache *words,
                       chr__wordent **went, const char *text, size_t len, const chr__tokens *toks,
                       size_t *tok_of, const chr_timex *tx, size_t ntx, chr_error *err);

/* link.c: anchor each event in time against the result's timexes and the DCT, and find its actor and
 * summary (strings allocated into res). went: each token's word cache entry as chr__events_detect left it
 * (where the linker keeps what it works out of a word, once a word rather than once a token), or NULL.
 * tok_of: the index of each event's token as chr__events_detect left it, or NULL (looked for here). */
int chr__events_link(chr_result *res, const chr_doc *doc, const chr__tokens *toks, chr__wordent *const *went,
                     const size_t *tok_of, chr_error *err);

#endif
