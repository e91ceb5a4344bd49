/* gold_events.c: extraction with the document's own gold events, for measuring the time anchoring of
 * events (link.c) without the errors of event detection: the time expressions are found as chr_extract
 * finds them, the events are the gold EVENTs of a TimeML document (extent, class, tense, aspect,
 * polarity), and each is anchored, given an actor and a summary by the linker.
 *
 * Exports chr_extract_gold_events (extract.h). */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "events.h"

int chr_extract_gold_events(chr_result **out, const chr_engine *e, const chr_doc *doc, chr_error *err)
{
    *out = NULL;
    chr_result *r = NULL;
    int rc = chr_extract(&r, e, doc, err);
    if (rc)
        return rc;
    free(r->events);
    r->events = NULL;
    r->nevents = 0;
    size_t n = doc->ngold_events;
    if (!n) {
        *out = r;
        return CHR_OK;
    }
    chr__tokens toks;
    r->events = malloc(n * sizeof *r->events);
    if (!r->events || chr__tokenize(&toks, doc->text, doc->len)) {
        chr_result_free(r);
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    /* gold events are in text order (TimeML tags are); the sentence is the tokenizer's */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        chr_event *ev = &r->events[r->nevents++];
        *ev = doc->gold_events[i];
        ev->actor = ev->source = ev->summary = "";
        while (k + 1 < toks.n && toks.v[k].end <= ev->start)
            k++;
        if (toks.n) {
            size_t s = toks.v[k].sent;
            ev->sent_start = toks.sent_start[s];
            ev->sent_end = toks.sent_end[s];
        } else {
            ev->sent_start = 0;
            ev->sent_end = doc->len;
        }
        ev->cp_start = chr_doc_cp_offset(doc, ev->start);
        ev->cp_end = chr_doc_cp_offset(doc, ev->end);
        ev->cp_sent_start = chr_doc_cp_offset(doc, ev->sent_start);
        ev->cp_sent_end = chr_doc_cp_offset(doc, ev->sent_end);
        memset(&ev->time, 0, sizeof ev->time);
        ev->time.timex = -2;
    }
    rc = chr__events_link(r, doc, &toks, NULL, NULL, err);
    chr__tokens_free(&toks);
    if (rc) {
        chr_result_free(r);
        return rc;
    }
    *out = r;
    return CHR_OK;
}
