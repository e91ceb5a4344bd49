/* fuzz_jsonflat.c: libFuzzer target for the lean JSON Lines reader (extract/jsonflat.c), checked against
 * jansson: whatever the lean reader takes, jansson must read to the same object (same members, types,
 * string bytes and integers, the last of a repeated key winning); a difference aborts. The input is
 * given as the reader gets it from chr_doc_from_json: valid UTF-8 without NUL bytes (others skipped). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "jsonflat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    chr__jsonflat f;
    if (chr__utf8_check(s, size, NULL) != 0 || chr__jsonflat_parse(&f, s, size) != 1)
        return 0;
    json_t *j = json_loadb(s, size, JSON_DECODE_ANY, NULL);
    if (!j || !json_is_object(j))
        abort();
    size_t distinct = 0;
    for (size_t i = 0; i < f.n; i++) {
        const chr__jvalue *v = chr__jsonflat_get(&f, f.m[i].key);
        const json_t *jv = json_object_get(j, f.m[i].key);
        if (!v || !jv || json_typeof(jv) != v->type)
            abort();
        distinct += v == &f.m[i].v;
        if (v->type == JSON_STRING &&
            (json_string_length(jv) != v->n || memcmp(json_string_value(jv), v->s, v->n) || v->s[v->n]))
            abort();
        if (v->type == JSON_INTEGER && json_integer_value(jv) != v->i)
            abort();
    }
    if (json_object_size(j) != distinct)
        abort();
    json_decref(j);
    chr__jsonflat_free(&f);
    return 0;
}
