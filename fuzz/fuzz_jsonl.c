/* fuzz_jsonl.c: libFuzzer target for one JSON Lines record: field detection, the date field's many
 * forms, and extraction of what a record yields. */
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
    chr_error err;
    if (chr_doc_from_json(&doc, (const char *)data, size, NULL, &err) != CHR_OK)
        return 0;
    chr_doc_find_dct(doc);
    chr_result *res;
    if (chr_extract(&res, engine, doc, NULL) == CHR_OK) {
        json_t *j = chr_render_json(doc, res);
        json_decref(j);
        chr_result_free(res);
    }
    chr_doc_free(doc);
    return 0;
}
