/* event_model.h: what the event model (model.c), the event recognizer (events.c) and the trainer
 * (train.c) share: labels, word categories, per-token features and weight lookup; and the word cache's
 * entries, which the linker (link.c) reads too. Not installed.
 *
 * The model file (events.model) is text, one record a line, fields separated by tabs:
 *   chronicle-events-model 2      first line
 *   list CAT word word ...         a word list (CAT is one of the category names below)
 *   lex KEY COUNT EVENTS CLASS     the event lexicon: a word form (or "~" and a stem) seen COUNT times in
 *                                  the training text, EVENTS times as an event, mostly of CLASS (0..6,
 *                                  chr_event_class; -1 when never an event)
 *   wn WORD N V POS E F            the word lexicon (chronicle train-events --wordnet, from WordNet 3.0):
 *                                  the lexicographer file of WORD's first noun sense N (3..28) and first
 *                                  verb sense V (29..43), "-" for none; POS "a", "r", "ar" or "-" for
 *                                  adjective and adverb senses; E 0..3 the share of its noun senses in the
 *                                  files of acts, events, phenomena, processes and states (none, some, half
 *                                  or more, all); F the part of speech its sense counts favour: n, v, a
 *                                  (adjective or adverb), b (none by twice), - (no counts)
 *   scale N                        weights are integers (-32768..32767), N of them make 1.0
 *                                  (informational)
 *   near_time BIAS BYTES           a word within BYTES bytes of a time expression of its sentence (not in
 *                                  it) is an event when its event score beats its no-event score lowered
 *                                  by BIAS (in weight units); without the record, 0 and 0
 *   f FEATURE L:W L:W ...          the nonzero weights of a feature, L a label index
 * Blank lines and lines starting with '#' are ignored. Labels 0 and 1 are O and event: the detection
 * head; labels 2 and 3 say whether an event is verbal (has a tense) or not; labels 4..10 are the seven
 * classes (4 + chr_event_class), a head trained on event tokens only, which gives the class of a
 * detected event. */
#ifndef CHRONICLE_EVENT_MODEL_H
#define CHRONICLE_EVENT_MODEL_H

#include <stdint.h>

#include "events.h"

#define CHR__EV_O 0
#define CHR__EV_EVENT 1
#define CHR__EV_NOMINAL 2
#define CHR__EV_VERBAL 3
#define CHR__EV_CLASS0 4 /* 4..10: the class head, trained on event tokens only */
#define CHR__EV_NLABELS 11

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
    char w[32]; /* lower case, cut at 31 bytes (at a UTF-8 boundary) */
    unsigned char wl;
    char shape[8];     /* "Xx", "x", "X", "d", "Xd", "p", ... */
    unsigned cat;      /* CHR__CAT_* bits */
    unsigned char cap; /* 1 initial capital, 2 all capitals */
    char lem[32];      /* its crude stem (chr__ev_lemma) */
    unsigned char ll;
    char pl;          /* 'E' when the previous word is an event (the tagger's decision, or the gold label when
                       * training), else 'O' or 0; set by the caller as it goes left to right */
    unsigned char pd; /* 1 when the shape starts with p, d or ' (punctuation, a number, a quote or clitic) */
    uint16_t lx, lxs; /* the word's and its stem's event-lexicon entries (chr__event_model_lex), 0 none */
    uint16_t wn;      /* the word's WordNet entry (chr__event_model_wn), 0 none */
    uint64_t hw, hl, hsh, hs3;  /* chr__ev_hash of the word, its stem, its shape, its last 3 bytes (or all) */
    const char *g;              /* its part-of-speech guess from the suffix ("ING", "NEV", "-") */
    const char *cw;             /* its category word ("det", "be", ...), or NULL */
    unsigned char shl, gl, cwl; /* lengths of shape, g and cw */
    unsigned char gi;           /* g's index among the guesses (model.c) */
    uint64_t hg, hcs;           /* hashes of g, and of cw (or the shape when it has none) */
    /* the tagger's: the weights of the context features that read this word alone where it stands as
     * the neighbour of another, summed for each place (2 before: c-2; 1 before: c-1, l-1; 1 after: c+1,
     * er+1; 2 after: w+2, c+2), and the row of la (NULL when the model lacks it); worked out once a word
     * (chr__ev_prepare_one) instead of at each token that it neighbours. Aligned for vector loads. */
    _Alignas(16) int32_t nbsum[4][12];
    const int16_t *larow;
} chr__ev_tok;

/* Fill t[0..toks->n) (caller-sized array); or one token, from its bytes text[0..n). A token's fields
 * depend on its bytes only (and the model's lists and weights), pl aside, which is left 0. Its word is
 * lower case, with the apostrophe U+2019 as ' ("n’t" is "n't"). */
void chr__ev_prepare(chr__ev_tok *t, const chr__event_model *m, const char *text, const chr__tokens *toks);
void chr__ev_prepare_one(chr__ev_tok *x, const chr__event_model *m, const char *text, size_t n);

/* Call sink for every feature of token i: its 64-bit hash and its text. t[i].pl must hold the previous
 * word's label (a context feature). */
typedef void (*chr__ev_sink)(void *ctx, uint64_t h, const char *f, size_t n);
void chr__ev_features(const chr__ev_tok *t, const chr__tokens *toks, size_t i, chr__ev_sink sink, void *ctx);
/* Only some of them: the features of the word itself (the same wherever the same word stands, so that
 * the tagger can score them once per word) or those of its context. The two parts make up the whole. */
#define CHR__EV_WORD 1u
#define CHR__EV_CONTEXT 2u
/* The weights of the features of `parts` of token i added to scores[0..12): the features as the trainer
 * composes them, what the tagger's own paths below must add up to (the tests compare them). */
void chr__ev_score_part(const chr__ev_tok *t, const chr__tokens *toks, size_t i, unsigned parts,
                        const chr__event_model *m, int32_t *scores);
/* The tagger's way: the word part of token x (its features of CHR__EV_WORD), and the context part of
 * token i of tp[0..toks->n) (pointers, as the tagger finds its tokens in the word cache), where pl is
 * the previous word's label (t[i].pl of chr__ev_score_part). Both add to scores[0..12). */
void chr__ev_score_word(const chr__ev_tok *x, const chr__event_model *m, int32_t *scores);
void chr__ev_score_context(const chr__ev_tok *const *tp, const chr__tokens *toks, size_t i, char pl,
                           const chr__event_model *m, int32_t *scores);

uint64_t chr__ev_hash(const char *s, size_t n);

/* The model's near_time record (0 and 0 when it has none, or m is NULL). */
void chr__event_model_near_time(const chr__event_model *m, int32_t *bias, size_t *bytes);

/* The word cache's entries (wordcache.c, events.h): chr__wordcache_get gives the entry of the token of
 * bytes s[0..n), its x prepared (verdict 0 until the caller sets it); NULL when the token is too long to
 * cache or the cache is full. chr__wordcache_tokens does it for every token of text (len bytes): went[i]
 * the entry (or NULL), t[i] its x (or NULL); it returns the number of NULLs. */
struct chr__wordent {
    chr__ev_tok x;
    unsigned char verdict; /* what the recognizer made of the word alone (events.c), 0 until it sets it */
    uint16_t forms;        /* the recognizer's own facts about the word (events.c), 0 until it sets them */
    int32_t s[12];         /* the word part of the scores (chr__ev_score_word), when the verdict needs them */
    char bytes[32];
    unsigned char n;
    uint32_t link; /* the linker's facts about the word (link.c), 0 until it sets them */
};
chr__wordent *chr__wordcache_get(chr__wordcache *c, const char *s, size_t n);
size_t chr__wordcache_tokens(chr__wordent **went, const chr__ev_tok **t, chr__wordcache *c, const char *text,
                             size_t len, const chr__tokens *toks);
/* Room for n token pointers (the t of chr__wordcache_tokens), kept in the cache from one document to the
 * next; NULL when out of memory. */
const chr__ev_tok **chr__wordcache_room(chr__wordcache *c, size_t n);

/* The categories of a lower-case word. */
unsigned chr__event_model_cat(const chr__event_model *m, const char *w, size_t n);

/* The event lexicon: how often a word (or, keyed "~stem", a stem) was an event in the training data.
 * An entry packs a rate bin (bits 0-2), a frequency bin (bits 3-4), the majority class + 1 (bits 5-7)
 * and bit 15 (present); 0 when the key is not listed. */
uint16_t chr__event_model_lex(const chr__event_model *m, const char *w, size_t n);
uint16_t chr__ev_lex_pack(long n, long e, long cls);

/* The WordNet lexicon ("wn" records): the entry of a lower-case word, or of the base form that WordNet's
 * detachment rules find for it ("attacks" -> "attack", "moved" -> "move"), a form's own parts of speech
 * first. An entry packs the lexicographer file of the first noun sense - 2 (bits 0-4, 0 none), of the
 * first verb sense - 28 (bits 5-8, 0 none), an adjective sense (bit 9), an adverb sense (bit 10), the share
 * of noun senses in the files of acts, events, phenomena, processes and states (bits 11-12: none, some,
 * half or more, all) and bit 15 (present); 0 when WordNet lacks the word. */
uint16_t chr__event_model_wn(const chr__event_model *m, const char *w, size_t n);
uint16_t chr__ev_wn_pack(long noun, long verb, int adj, int adv, long eventive, int dom);

/* The crude stem of a lower-case word (out holds n bytes). */
size_t chr__ev_lemma(const char *w, size_t n, char *out);

#endif
