/* extract.h: the engine (compiled rules) and the extraction of time expressions from a document.
 *
 * A chr_engine is immutable once built and may be shared between threads. A chr_result holds the
 * time expressions and the events of one document, each in text order. */
#ifndef CHRONICLE_EXTRACT_H
#define CHRONICLE_EXTRACT_H

#include <stddef.h>
#include "chronicle/doc.h"
#include "chronicle/event.h"
#include "chronicle/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct chr_engine chr_engine;
typedef struct chr_result chr_result;

/* Compile the rules: the built-in English rules when rules_dir is NULL, otherwise every *.rules file
 * of rules_dir (plus its tables). The event model is rules_dir/events.model when that file exists, else
 * the built-in one. A broken rule -> CHR_ERULE with err->file and err->line set. */
int chr_engine_new(chr_engine **out, const char *rules_dir, chr_error *err);
void chr_engine_free(chr_engine *engine);

/* Number of rules, and the self-test: run every rule's example lines and count failures. For each
 * failure, when report is not NULL, it is called with the rule file, line, example text, expected and
 * actual value. Returns the number of failing examples, or a negative code. */
size_t chr_engine_rule_count(const chr_engine *engine);
typedef void (*chr_example_report)(void *ctx, const char *file, int line, const char *text,
                                   const char *expected, const char *actual);
int chr_engine_check_examples(const chr_engine *engine, chr_example_report report, void *ctx,
                              size_t *checked);
/* The rules that are tried at every position of every text, because their pattern shows no string that
 * each of their matches begins with (or uses a construct the analysis does not read, such as \x{...}):
 * legal, but each one slows extraction down. For each, when report is not NULL, it is called with the
 * rule's file, line and name. Returns how many there are. */
typedef void (*chr_rule_report)(void *ctx, const char *file, int line, const char *name);
size_t chr_engine_unbounded_rules(const chr_engine *engine, chr_rule_report report, void *ctx);

/* Find and resolve the time expressions of doc, find its events and anchor each in time. Uses the
 * document's DCT; without one, relative expressions stay underspecified ("XXXX-WXX-1"). */
int chr_extract(chr_result **out, const chr_engine *engine, const chr_doc *doc, chr_error *err);

/* A thread's scratch: what the event model worked out for each word it has seen (up to 32768 words,
 * 8.8 MB), kept from one document to the next so that a stream of documents goes faster. One per
 * thread, never shared; bound to its engine, and freed before it. chr_extract_with gives the same result
 * as chr_extract, with or without it (scratch NULL is chr_extract); a scratch of another engine ->
 * CHR_EINVAL. */
typedef struct chr_scratch chr_scratch;
int chr_scratch_new(chr_scratch **out, const chr_engine *engine, chr_error *err);
void chr_scratch_free(chr_scratch *scratch);
int chr_extract_with(chr_result **out, const chr_engine *engine, chr_scratch *scratch, const chr_doc *doc,
                     chr_error *err);

/* As chr_extract, but the events are the document's gold EVENTs (a TimeML document: extents, class, tense,
 * aspect, polarity as annotated) instead of the detected ones; each is anchored in time and described as
 * chr_extract does. For measuring the time anchoring alone (`chronicle eval --gold-events`). A document
 * without gold events gives no events. */
int chr_extract_gold_events(chr_result **out, const chr_engine *engine, const chr_doc *doc, chr_error *err);

size_t chr_result_count(const chr_result *res);
const chr_timex *chr_result_timex(const chr_result *res, size_t i);
size_t chr_result_event_count(const chr_result *res);
const chr_event *chr_result_event(const chr_result *res, size_t i);
void chr_result_free(chr_result *res);

/* Train the event model (an averaged perceptron) on gold TimeML documents (chr_doc_from_timeml with
 * EVENT annotations) for the given number of epochs; *model is the model file's text (malloc'ed),
 * loadable as events.model. Deterministic: the same documents in the same order give the same bytes. */
int chr_events_train(char **model, size_t *model_len, const chr_doc *const *docs, size_t ndocs, int epochs,
                     chr_error *err);
/* How chr_events_train_with trains. */
typedef struct chr_train_options {
    int epochs;          /* passes over the data, >= 1 (chr_events_train: its argument) */
    int runs;            /* perceptrons trained on differently shuffled passes, their averaged weights
                          * averaged again: a steadier model (1 to 100; chr_events_train: 1) */
    const char *lexicon; /* a word lexicon, the "wn" records of chr_events_lexicon_wordnet, that the
                          * model's features read and that the model carries (tagging needs no WordNet);
                          * NULL for none (chr_events_train: none) */
    size_t lexicon_len;
} chr_train_options;
/* As chr_events_train, with options. Deterministic too. */
int chr_events_train_with(char **model, size_t *model_len, const chr_doc *const *docs, size_t ndocs,
                          const chr_train_options *opts, chr_error *err);
/* The word lexicon of a WordNet 3.0 database, from its dict directory (index.*, data.*, *.exc and
 * cntlist.rev; Debian's wordnet-base puts them in /usr/share/wordnet): *text (malloc'ed) holds one
 * "wn" record a word (format: extract/event_model.h). CHR_EIO when a file is missing or unreadable,
 * CHR_EFORMAT when one is not WordNet's. */
int chr_events_lexicon_wordnet(char **text, size_t *len, const char *dir, chr_error *err);

#ifdef __cplusplus
}
#endif
#endif
