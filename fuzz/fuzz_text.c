/* fuzz_text.c: libFuzzer target for a plain text article end to end: the UTF-8 check, the header date
 * (DCT) search, extraction of time expressions and events, and both renderers. The engine is built once;
 * everything per input is freed, so leaks show up under LeakSanitizer. */
#include <stdint.h>
#include <stdlib.h>

#include <chronicle/chronicle.h>

static chr_engine *engine;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (chr_engine_new(&engine, NULL, NULL) != CHR_OK)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chr_doc *doc;
    if (chr_doc_from_text(&doc, (const char *)data, size, NULL) != CHR_OK)
        return 0;
    chr_doc_find_dct(doc);
    chr_result *res;
    if (chr_extract(&res, engine, doc, NULL) == CHR_OK) {
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
