/* fuzz_rules.c: libFuzzer target for the rule file loader: the input is one rule file (directives,
 * tables, macros, patterns, templates, examples), parsed and compiled into an engine without the event
 * model; an engine that builds runs its rules' examples, which exercises the templates, the anchor
 * functions and the example DCTs. Everything is freed, so leaks show up under LeakSanitizer. */
#include <stdint.h>
#include <stdlib.h>

#include <chronicle/chronicle.h>

#include "engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chr_engine *e;
    chr_error err = {0};
    if (chr__engine_new_from_mem(&e, "fuzz.rules", (const char *)data, size, &err) != CHR_OK)
        return 0;
    size_t checked = 0;
    (void)chr_engine_check_examples(e, NULL, NULL, &checked);
    chr_engine_free(e);
    return 0;
}
