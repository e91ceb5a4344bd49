/* render.h: output views of a document's extraction: JSON and TimeML. */
#ifndef CHRONICLE_RENDER_H
#define CHRONICLE_RENDER_H

#include <stddef.h>
#include <jansson.h>
#include "chronicle/doc.h"
#include "chronicle/extract.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The JSON object of one document:
 * {"id", "dct": {"value", "source"}, "timexes": [{"id", "start", "end", "text", "type", "value", "mod",
 *  "anchor", "interval": {"begin", "end"}}],
 *  "events": [{"id", "start", "end", "text", "class", "tense", "aspect", "polarity", "actor", "summary",
 *              "sentence": {"start", "end"},
 *              "time": {"timex", "relation", "value", "begin", "end", "granularity", "rule"} or null}]}
 * start/end are code point offsets, end exclusive. Returns a NEW reference, or NULL when out of memory. */
json_t *chr_render_json(const chr_doc *doc, const chr_result *res);

/* The same object as JSON text, written directly (much cheaper than a json_t): compact on one line, or
 * with CHR_JSON_PRETTY indented by two spaces; byte for byte what json_dumps gives for chr_render_json's
 * object with JSON_PRESERVE_ORDER and JSON_COMPACT or JSON_INDENT(2). No newline at the end. *out is
 * malloc'ed (NUL-terminated) and owned by the caller. Returns 0, CHR_EINVAL (no document, or a string
 * that is not UTF-8) or CHR_ENOMEM. */
#define CHR_JSON_PRETTY 0x1u
int chr_render_json_text(char **out, size_t *out_len, const chr_doc *doc, const chr_result *res, unsigned flags);

/* TimeML: the input passes through unchanged with TIMEX3 tags added inside TEXT. For a document read
 * from TimeML, everything outside TEXT is copied byte for byte (TIMEX3 tags it had inside TEXT are
 * replaced by ours); for other documents a minimal TimeML file is written (DOCID, DCT, TEXT).
 * *out is malloc'ed and owned by the caller. */
int chr_render_timeml(char **out, size_t *out_len, const chr_doc *doc, const chr_result *res,
                      chr_error *err);

#ifdef __cplusplus
}
#endif
#endif
