/* fuzz_timeml.c: libFuzzer target for the TimeML reader and writer: a file that reads is extracted and
 * written back, and the written file must read again to the very same text (the writer only adds
 * tags); a difference aborts, so the fuzzer reports it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
    if (chr_doc_from_timeml(&doc, (const char *)data, size, NULL) != CHR_OK)
        return 0;
    chr_result *res;
    if (chr_extract(&res, engine, doc, NULL) == CHR_OK) {
        char *out;
        size_t n;
        if (chr_render_timeml(&out, &n, doc, res, NULL) == CHR_OK) {
            chr_doc *again;
            if (chr_doc_from_timeml(&again, out, n, NULL) != CHR_OK)
                abort(); /* what we wrote must read */
            size_t l1, l2;
            const char *t1 = chr_doc_text(doc, &l1), *t2 = chr_doc_text(again, &l2);
            if (l1 != l2 || memcmp(t1, t2, l1) != 0)
                abort(); /* and say the same */
            chr_doc_free(again);
            free(out);
        }
        chr_result_free(res);
    }
    chr_doc_free(doc);
    return 0;
}
