/* fuzz_text.c: libFuzzer target for a plain text article end to end: the UTF-8 check, the header date
 * (DCT) search, extraction of time expressions and events, and both renderers. The engine is built once;
 * everything per input is freed, so leaks show up under LeakSanitizer. Each input is also extracted with
 * a scratch kept over all inputs (chr_extract_with: its word cache fills, empties when full, and carries
 * what earlier inputs left): its events must be the ones chr_extract finds, else the target aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <chronicle/chronicle.h>

static chr_engine *engine;
static chr_scratch *scratch;

static int same_events(const chr_result *a, const chr_result *b)
{
    size_t n = chr_result_event_count(a);
    if (chr_result_event_count(b) != n || chr_result_count(a) != chr_result_count(b))
        return 0;
    for (size_t i = 0; i < n; i++) {
        const chr_event *x = chr_result_event(a, i), *y = chr_result_event(b, i);
        if (x->start != y->start || x->end != y->end || x->cls != y->cls || x->tense != y->tense ||
            x->aspect != y->aspect || x->negative != y->negative || x->time.timex != y->time.timex ||
            strcmp(x->summary, y->summary) || strcmp(x->actor, y->actor))
            return 0;
    }
    return 1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (chr_engine_new(&engine, NULL, NULL) != CHR_OK || chr_scratch_new(&scratch, engine, NULL) != CHR_OK)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chr_doc *doc;
    if (chr_doc_from_text(&doc, (const char *)data, size, NULL) != CHR_OK)
        return 0;
    chr_doc_find_dct(doc);
    chr_result *res, *res2;
    int st = chr_extract(&res, engine, doc, NULL), st2 = chr_extract_with(&res2, engine, scratch, doc, NULL);
    if (st != st2 || (st == CHR_OK && !same_events(res, res2)))
        abort(); /* the scratch changed a result */
    if (st2 == CHR_OK)
        chr_result_free(res2);
    if (st == CHR_OK) {
        json_t *j = chr_render_json(doc, res);
        char *s = j ? json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT) : NULL;
        free(s);
        json_decref(j);
        char *out;
        size_t n;
        if (chr_render_timeml(&out, &n, doc, res, NULL) == CHR_OK)
            free(out);
        chr_result_free(res);
    }
    chr_doc_free(doc);
    return 0;
}
