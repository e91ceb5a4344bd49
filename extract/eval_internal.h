/* eval_internal.h: the document-level entry of the TempEval-3 scorer (extract/eval.c), which
 * chr_eval_add calls with the doc's gold timexes and the result's, and which the tests call directly
 * with hand-made or gold timexes. Not installed. */
#ifndef CHRONICLE_EVAL_INTERNAL_H
#define CHRONICLE_EVAL_INTERNAL_H

#include "chronicle/eval.h"
#include <stddef.h>

/* Score one document. text[0..len) is its text (for the error list's extent texts); gold and sys
 * are arrays of ngold / nsys timexes (byte offsets into text), copied as needed. 0 or CHR_ENOMEM
 * (CHR_EINVAL for a NULL ev, or NULL arrays with nonzero counts). */
int chr__eval_add_timexes(chr_eval *ev, const char *doc_id, const char *text, size_t len,
                          const chr_timex *gold, size_t ngold, const chr_timex *sys, size_t nsys);

#endif
