/* fuzz_model.c: libFuzzer target for the event model loader: the input is an events.model text (word
 * lists, lexicon and WordNet records, weights). A model that loads tags a fixed text (every word through
 * the features and the lexicon lookups with WordNet's detachment rules), and its compiled form must load
 * back and tag the same. An input that starts as a compiled form does ("CHRMODL4", seed model-compiled.bin)
 * is loaded as one, as foreign bytes: refused, or read in place and tagged with, without reading out of
 * bounds or probing forever. Everything is freed, so leaks show up under LeakSanitizer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "event_model.h"
#include "events.h"

static const char text[] = "Rebels attacked the towns and officials said the attacks were moving closer; "
                           "he went, she goes, they are fighting | said ||.";

static size_t tag(const chr__event_model *m, chr_event **ev) {
    chr__tokens toks;
    size_t n = 0;
    *ev = NULL;
    if (chr__tokenize(&toks, text, sizeof text - 1))
        return 0;
    if (chr__events_detect(ev, &n, m, NULL, NULL, text, sizeof text - 1, &toks, NULL, NULL, 0, NULL))
        n = 0;
    chr__tokens_free(&toks);
    return n;
}

static void wn_words(const chr__event_model *m) {
    static const char *const words[] = {"attacks",  "moved", "goes",
                                        "ies",      "went",  "a",
                                        "fighting", "",      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        (void)chr__event_model_wn(m, words[i], strlen(words[i]));
}

/* The input as a compiled form, in a copy of its own (aligned, and exactly as long, so that ASan sees a
 * read past it). */
static void foreign_bin(const uint8_t *data, size_t size) {
    char *copy = malloc(size);
    if (!copy)
        return;
    memcpy(copy, data, size);
    chr__event_model *m = NULL;
    if (chr__event_model_load_bin(&m, copy, size, "fuzz.bin", NULL) == 0) {
        chr_event *ev;
        wn_words(m);
        (void)tag(m, &ev);
        free(ev);
        chr__event_model_free(m);
    }
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    chr__event_model *m = NULL, *b = NULL;
    if (size >= 8 && !memcmp(data, "CHRMODL4", 8)) {
        foreign_bin(data, size);
        return 0;
    }
    if (chr__event_model_load(&m, (const char *)data, size, "fuzz.model", NULL) != 0)
        return 0;
    wn_words(m);
    chr_event *ea, *eb;
    size_t na = tag(m, &ea), nb = 0;
    char *bin = NULL;
    size_t len = 0;
    if (chr__event_model_save_bin(&bin, &len, m) == 0 &&
        chr__event_model_load_bin(&b, bin, len, "fuzz.bin", NULL) == 0) {
        nb = tag(b, &eb);
        if (nb != na)
            abort();
        for (size_t i = 0; i < na; i++)
            if (ea[i].start != eb[i].start || ea[i].cls != eb[i].cls || ea[i].tense != eb[i].tense)
                abort();
        free(eb);
        chr__event_model_free(b);
    }
    free(bin);
    free(ea);
    chr__event_model_free(m);
    return 0;
}
