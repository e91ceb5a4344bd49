/* event_model.h: what the event model (model.c), the event recognizer (events.c) and the trainer
 * (train.c) share: labels, word categories, per-token features and weight lookup. Not installed.
 *
 * The model file (events.model) is text, one record a line, fields separated by tabs:
 *   chronicle-events-model 1      first line
 *   list CAT word word ...         a word list (CAT is one of the category names below)
 *   scale N                        weights are integers, N of them make 1.0 (informational)
 *   f FEATURE L:W L:W ...          the nonzero weights of a feature, L a label index
 * Blank lines and lines starting with '#' are ignored. Labels 0..7 are O and the seven event classes
 * (1 + chr_event_class): the detection head; labels 8 and 9 say whether an event is verbal (has a tense)
 * or not; labels 10..16 are the seven classes again, a head trained on event tokens only, which gives
 * the class of a detected event. */
#ifndef CHRONICLE_EVENT_MODEL_H
#define CHRONICLE_EVENT_MODEL_H

#include <stdint.h>

#include "events.h"

#define CHR__EV_NCLASS 8 /* O + 7 classes */
#define CHR__EV_NOMINAL 8
#define CHR__EV_VERBAL 9
#define CHR__EV_CLASS0 10 /* 10..16: the class head, trained on event tokens only */
#define CHR__EV_NLABELS 17

/* Word categories (bits), from the model's lists. */
enum {
    CHR__CAT_DET = 1 << 0,
    CHR__CAT_PREP = 1 << 1,
    CHR__CAT_BE = 1 << 2,
    CHR__CAT_HAVE = 1 << 3,
    CHR__CAT_DO = 1 << 4,
    CHR__CAT_MODAL = 1 << 5,
    CHR__CAT_WILL = 1 << 6, /* will, shall, 'll: future */
    CHR__CAT_TO = 1 << 7,
    CHR__CAT_NEG = 1 << 8,
    CHR__CAT_PRON = 1 << 9,
    CHR__CAT_CONJ = 1 << 10,
    CHR__CAT_ADV = 1 << 11, /* adverbs that may sit between an auxiliary and its verb */
    /* class lexicons, matched on the crude stem of a word (listed words are stemmed on loading) */
    CHR__CAT_LREP = 1 << 12,
    CHR__CAT_LIACT = 1 << 13,
    CHR__CAT_LISTATE = 1 << 14,
    CHR__CAT_LASP = 1 << 15,
    CHR__CAT_LPERC = 1 << 16,
    CHR__CAT_LSTATE = 1 << 17,
    CHR__CAT_COUNT = 18
};
extern const char *const chr__cat_names[CHR__CAT_COUNT];

/* A token as the features see it. */
typedef struct chr__ev_tok {
    char w[32];        /* lower case, cut at 31 bytes (at a UTF-8 boundary) */
    unsigned char wl;
    char shape[8];     /* "Xx", "x", "X", "d", "Xd", "p", ... */
    unsigned cat;      /* CHR__CAT_* bits */
    unsigned char cap; /* 1 initial capital, 2 all capitals */
} chr__ev_tok;

/* Fill t[0..toks->n) (caller-sized array). */
void chr__ev_prepare(chr__ev_tok *t, const chr__event_model *m, const char *text, const chr__tokens *toks);

/* Call sink for every feature of token i: its 64-bit hash and its text. */
typedef void (*chr__ev_sink)(void *ctx, uint64_t h, const char *f, size_t n);
void chr__ev_features(const chr__ev_tok *t, const chr__tokens *toks, size_t i, chr__ev_sink sink, void *ctx);

uint64_t chr__ev_hash(const char *s, size_t n);

/* The categories of a lower-case word; the weights (CHR__EV_NLABELS) of a feature hash, or NULL. */
unsigned chr__event_model_cat(const chr__event_model *m, const char *w, size_t n);
const int32_t *chr__event_model_weights(const chr__event_model *m, uint64_t h);

#endif
