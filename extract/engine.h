/* engine.h: the compiled rule set and the per-document working state shared by the recognizer
 * (recognize.c), the resolver (anchor.c) and the rule loader (rules.c). Not installed. */
#ifndef CHRONICLE_ENGINE_H
#define CHRONICLE_ENGINE_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>
#include <stdint.h>

#include "internal.h"

typedef struct chr__example {
    char *text;                /* example sentence, brackets removed */
    size_t exp_start, exp_end; /* expected extent (bytes) when the line had [brackets], else both 0 */
    int has_extent;
    char *value; /* expected value */
    char *dct;   /* ISO DCT for the example, NULL = the default */
    int line;
} chr__example;

typedef enum chr__rule_kind { CHR_RULE_TIMEX = 0, CHR_RULE_REJECT } chr__rule_kind;

typedef struct chr__table chr__table;

typedef struct chr__rule {
    char *name;
    char *file;
    int line;
    chr__rule_kind kind;
    chr_timex_type type;
    char *pattern;    /* after macro expansion */
    pcre2_code *code; /* interpreted; its JIT-compiled copy is made at the rule's first match: */
    /* that copy (chr__rules_code), published once made, NULL until then; jit_none: JIT gave none (not
     * built with it, or it failed), so code is what matches */
    _Atomic(pcre2_code *) jit_code;
    _Atomic int jit_none;
    char *value; /* value template */
    char *mod;   /* mod template, or NULL */
    char *point; /* template of the point in time a duration leads to ("two days later"), or NULL */
    char *span;  /* template "UNIT,N" of the stretch a duration covers up to the DCT (N < 0: "the past two
                  * years") or from it ("the next three months"), or NULL */
    char *quant, *freq;
    char *unless;                   /* a table: no match in a paragraph holding one of its words, or NULL */
    const chr__table *unless_table; /* that table, once the rules are compiled */
    int priority; /* breaks ties between matches of the same extent: higher wins (default 0) */
    /* the rule is tried only where one of its required strings (chr__prefilter_rule_strings) starts at
     * most this many bytes after the start (0: wherever they occur) */
    size_t reach;
    chr__example *examples;
    size_t nexamples;
    /* value, mod, point, span and freq parsed (template.c), once the rules are loaded; NULL where the rule
     * has none */
    struct chr__tpls {
        struct chr__tpl *value, *mod, *point, *span, *freq;
    } tpl;
} chr__rule;

struct chr__table {
    char *name;
    char **keys; /* lower case, sorted */
    char **vals;
    size_t n;
    /* a table of 16 keys or more: the keys' slots by hash (open addressing, mask + 1 of them, at most half
     * used), each the key's hash and 1 + the index the binary search finds it at; NULL: the search only */
    struct chr__table_slot {
        uint32_t hash, idx;
    } *slots;
    size_t mask;
};

typedef struct chr__macro {
    char *name;
    char *body;
} chr__macro;

/* prefilter.c: the rules worth trying at a position (see there). */
typedef struct chr__prefilter chr__prefilter;
typedef void (*chr__prefilter_sink)(void *ctx, size_t pos, uint32_t rule);
/* Work out where each pattern may start; patterns[i] belongs to rule i. 0 or CHR_ENOMEM. */
int chr__prefilter_build(chr__prefilter **out, const char *const *patterns, size_t n);
void chr__prefilter_free(chr__prefilter *pf);
/* For each position p of pos[0..n) in turn (ascending, each below len), call sink with p for each rule
 * that may start a match at text[p] (a rule may come more than once); returns how many calls it made. */
size_t chr__prefilter_walk(const chr__prefilter *pf, const char *text, size_t len, const size_t *pos,
                           size_t n, chr__prefilter_sink sink, void *ctx);
/* 256 flags, one for each byte: 0 where a walk from a position at that byte calls nothing (the
 * recognizer need not walk there). */
const unsigned char *chr__prefilter_starts(const chr__prefilter *pf);
/* The rules tried at every position (their pattern gave the analysis no string a match begins with), in
 * rule order: *n of them. */
const uint32_t *chr__prefilter_anywhere(const chr__prefilter *pf, size_t *n);
/* For each rule r, where in text a match of it can start at the latest: last1[r] is 1 + the start of
 * the last occurrence of a string every match of it holds (a match starting after that cannot be), 0
 * when none occurs (no match at all), SIZE_MAX when the rule requires no string. 0 or CHR_ENOMEM. */
int chr__prefilter_required(const chr__prefilter *pf, const char *text, size_t len, size_t *last1);
/* A document's paragraphs (the text between blank lines: a line end, blanks, a line end; short ones
 * joined to the next) in pieces, and for each piece the required strings that start from it to the end of
 * its paragraph, as sets of words 64-bit words. No kept match spans a blank line: a rule whose every
 * match holds one of its required strings (none from a lookahead, which may look past the match) has no
 * match kept at a position in a piece whose set has none of them. */
typedef struct chr__paras {
    size_t n, words;
    size_t *last;   /* per piece: its last position (SIZE_MAX for the last one) */
    uint64_t *sets; /* per piece: its set, words of them; the last piece has every string */
    /* where each required string starts in the text, in order: string k's are occ[occ_at[k] ..
     * occ_at[k + 1]) (for the rules' reach: recognize.c), for the strings of the rules given to
     * chr__prefilter_keep_occurrences (none for the others); k below strings, the number of the strings
     * the pass looks for (those of every rule whose reach is not always met among them) */
    size_t strings, *occ_at, *occ;
} chr__paras;
/* chr__prefilter_required, and the paragraphs of text into *ps (chr__paras_free frees them). */
int chr__prefilter_required_paras(const chr__prefilter *pf, const char *text, size_t len, size_t *last1,
                                  chr__paras *ps);
void chr__paras_free(chr__paras *ps);
/* The rules' sets, words of them each, in the words of chr__paras: a rule may have a match kept in a
 * piece whose set meets its own (a rule this cannot tell about has bit 0, which every piece has). */
const uint64_t *chr__prefilter_rule_sets(const chr__prefilter *pf);
/* The code to match rule r with, and in *jit whether it is JIT-compiled (then pcre2_jit_match may run
 * it): the rule's JIT-compiled copy, made at its first call rather than for every rule at start-up (the
 * JIT compilation of the 134 built-in rules was 48 M of the 57 M instructions of a one-line run, and
 * most documents try a few of them). The engine stays safe to share: a thread that finds no copy makes
 * one and publishes it atomically, or frees its own when another thread's came first; every match of a
 * rule runs the same kind of code as before, JIT-compiled whenever JIT works for it. */
const pcre2_code *chr__rules_jit(const chr__rule *r, int *jit);
static inline const pcre2_code *chr__rules_code(const chr__rule *r, int *jit) {
    chr__rule *w = (chr__rule *)(uintptr_t)r; /* atomic_load takes no const before C17 */
    const pcre2_code *j = atomic_load_explicit(&w->jit_code, memory_order_acquire);
    if (j) {
        *jit = 1;
        return j;
    }
    return chr__rules_jit(r, jit);
}

/* The required strings of rule r (one of which every match holds, a lookahead's text included), as
 * string numbers of chr__paras's occurrences; *n of them, 0 when the rule requires none. */
const uint32_t *chr__prefilter_rule_strings(const chr__prefilter *pf, size_t r, size_t *n);
/* Keep the occurrences of rule r's required strings in chr__paras from now on (while the engine is
 * built, before it is shared): 0 or CHR_ENOMEM. Nothing for a rule whose reach is always met. */
int chr__prefilter_keep_occurrences(chr__prefilter *pf, size_t r);
/* 1 when one of rule r's required strings starts wherever the walk tries it (every string it is tried at
 * begins with one): its reach is always met, and its strings' occurrences are not kept; else 0. */
int chr__prefilter_reach_met(const chr__prefilter *pf, size_t r);
/* The prefilter of patterns[0..n) as bytes to embed (*out malloc'd), holding the patterns themselves:
 * 0 or CHR_ENOMEM. Loading it back: 1 and *out when data was saved from exactly these patterns, 0 when
 * not (or data is damaged, or not aligned for uint64; then build it), CHR_ENOMEM. The loaded prefilter
 * reads its big tables in data itself, which must stay unchanged while it lives. */
int chr__prefilter_save(unsigned char **out, size_t *out_len, const chr__prefilter *pf,
                        const char *const *patterns, size_t n);
int chr__prefilter_load(chr__prefilter **out, const unsigned char *data, size_t len,
                        const char *const *patterns, size_t n);

#define CHR__CUE_SLOTS 1024 /* a power of two; the built-in cue tables hold about 200 keys */
#define CHR__CUE_TABLES 11 /* the tense cue tables (context.c) */

struct chr_engine {
    chr__rule *rules;
    size_t nrules;
    chr__table *tables;
    size_t ntables;
    chr__macro *macros;
    size_t nmacros;
    pcre2_match_context *mctx;       /* match limits; shared read-only */
    chr__prefilter *prefilter;       /* where each rule may start (the rules are compiled anchored) */
    uint32_t max_groups;             /* the most capture groups of any rule, plus one */
    struct chr__event_model *events; /* the event model */
    const chr__table *tense_cues[CHR__CUE_TABLES]; /* tables tense_future, _past, _present, _not_past,
                                                    * _copula, _adverb, _determiner, _unit, _fixture,
                                                    * _lasting, _implicative (context.c), found once;
                                                    * NULL when absent */
    /* every key of those tables with the tables it is in (bit k: tense_cues[k]), open addressing; the
     * words around each time expression are looked up once here, not up to eleven binary searches each
     * (context.c). Unused (cue_hashed 0) when the tables hold more keys than fit. */
    struct chr__cue_slot {
        const char *key; /* a table's own key; NULL: free */
        uint16_t mask;
        uint8_t len;
    } cue_slots[CHR__CUE_SLOTS];
    int cue_hashed;
};

struct chr_result {
    chr_timex *timexes;
    size_t n, cap;
    chr_event *events;
    size_t nevents;
    char **strings; /* blocks holding the actor and summary strings of the events, owned here */
    size_t nstrings, strings_cap;
    char *strings_next; /* where the next string goes in the last block: strings_left bytes free */
    size_t strings_left;
};

/* The result's strings are packed into blocks, not allocated one by one, and written in place: a string of
 * at most cap bytes with its NUL is written at chr__result_room(res, cap) (NULL when out of memory), then
 * kept with chr__result_keep(res, len), which returns it. Written in place, the actor and summary of each
 * event are not built on the stack and copied again (3 M instructions on the 2 MB slice). */
char *chr__result_grow(chr_result *res, size_t cap);

static inline char *chr__result_room(chr_result *res, size_t cap) {
    return res->strings_left >= cap ? res->strings_next : chr__result_grow(res, cap);
}

static inline const char *chr__result_keep(chr_result *res, size_t len) {
    char *s = res->strings_next;
    s[len] = '\0';
    res->strings_next += len + 1;
    res->strings_left -= len + 1;
    return s;
}

/* codecache.c: the built-in rules' PCRE2 codes, compiled at build time. chr__codes_save: the codes of
 * e's rules with their patterns, as bytes to embed (*out malloc'd): 0 or CHR_ENOMEM. A cache opened
 * from the embedded "rules.pcre2" (empty when there is none or it cannot be decoded) gives the code of
 * rule i when pattern is the one it was compiled from (the caller then owns it), else NULL. */
typedef struct chr__codecache {
    const char **pats;
    pcre2_code **codes;
    size_t n;
} chr__codecache;
int chr__codes_save(unsigned char **out, size_t *out_len, const chr_engine *e);
void chr__codecache_open(chr__codecache *cc);
pcre2_code *chr__codecache_take(chr__codecache *cc, size_t i, const char *pattern);
void chr__codecache_close(chr__codecache *cc);

/* rules.c: load rule files into an engine (builtin when dir is NULL). */
int chr__rules_load(chr_engine *e, const char *dir, chr_error *err);
/* One rule file from memory (name is what error messages call it), parsed and compiled; for the fuzzer
 * and tests. */
int chr__rules_load_mem(chr_engine *e, const char *name, const char *data, size_t len, chr_error *err);
void chr__rules_free(chr_engine *e);
const chr__table *chr__rules_table(const chr_engine *e, const char *name);
const char *chr__table_lookup(const chr__table *t, const char *key);

/* engine.c: an engine from one in-memory rule file, without an event model (finds no events); for the
 * rule file fuzzer and tests. Free with chr_engine_free. */
int chr__engine_new_from_mem(chr_engine **out, const char *name, const char *data, size_t len,
                             chr_error *err);

/* A candidate: a rule's match before selection and resolution. */
typedef struct chr__cand {
    size_t start, end; /* bytes */
    size_t rule;       /* index into engine->rules */
    int priority;      /* the rule's priority */
    size_t ngroups;
    PCRE2_SIZE *ovector; /* copy of the match's ovector (2 * ngroups entries) */
} chr__cand;

/* recognize.c: all rule matches over text, selected to a non-overlapping set in text order.
 * *out is malloc'ed, and the ovectors one block (free both with chr__cands_free). */
int chr__recognize(chr__cand **out, size_t *n, const chr_engine *e, const char *text, size_t len,
                   chr_error *err);
void chr__cands_free(chr__cand *c, size_t n);

/* anchor.c: resolve one candidate into a timex (value, type, mod, anchor). ctx carries the reference
 * time through the document. Returns 0 if the candidate yields a timex, 1 if it should be dropped. */
typedef struct chr__anchor_ctx {
    const chr_engine *e;
    const char *text;
    size_t len;
    chr_time dct;      /* gran NONE when unknown */
    chr_time ref;      /* the time being talked about (last specific date), gran NONE at start */
    char ref_id[16];   /* id of the timex ref came from */
    size_t ref_end;    /* where that timex ended (bytes) */
    chr_time last;     /* the value of the timex just resolved (gran NONE if not a point in time) */
    chr_time period;   /* the last quarter or half mentioned ("a year ago" in results news) */
    size_t period_end; /* where that mention ended (bytes) */
    /* a past episode being told ("launched on 16 December 1944 ... On 19 December"): the last date written
     * with its year, a month or a day at least two years before the DCT's, or one dated from it; gran NONE
     * when none. A later time of another year ends it. */
    chr_time story;
    size_t story_end; /* where it was written (bytes) */
    int story_used;   /* the expression just resolved took its year from the story */
    int story_dates;  /* the dates written with such a year so far: with a DCT, a story needs two */
    int deictic;      /* a time counted from the DCT ("Tuesday", "last week") came before: news, no story */
} chr__anchor_ctx;
int chr__anchor_resolve(chr_timex *out, chr__anchor_ctx *ctx, const chr__cand *c);

/* template.c: the templates of e's rules parsed, once its rules and tables are loaded (0 or CHR_ENOMEM), and
 * freed; fill a template from a match (0, or -1 when a group or table lookup failed); table lookups and the
 * key normalization they use (lower case, one space, no dots). */
typedef struct chr__tpl chr__tpl;
int chr__templates_compile(chr_engine *e);
void chr__templates_free(chr_engine *e);
int chr__template_fill(char *out, size_t n, const chr__tpl *t, const chr__anchor_ctx *ctx,
                       const chr__cand *c);
/* A one-unit duration with a fraction written with the next smaller unit when exact: "P2.5Y" -> "P2Y6M". */
void chr__duration_exact(char *v, size_t n);
const char *chr__table_get(const chr_engine *e, const char *table, const char *key);
void chr__key_normalize(char *out, size_t n, const char *s, size_t len);

/* context.c: clues from the words around an expression. */
/* CHR_TENSE_NONE, _PAST, _PRESENT or _FUTURE (the public chr_tense) */
/* The engine's tense cue tables, found once its rules are loaded. */
void chr__context_init(chr_engine *e);
chr_tense chr__context_tense(const chr_engine *e, const char *text, size_t len, size_t start, size_t end);
/* Is the word before start (or before a preposition there: "spent over the next decade") a past verb? */
int chr__context_past_verb_before(const chr_engine *e, const char *text, size_t len, size_t start);
/* The interval signal word just before start ("since", "until", "from", "between", "through"), or NULL. */
const char *chr__context_signal(const char *text, size_t len, size_t start);

#endif
