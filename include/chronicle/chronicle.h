/* chronicle.h: the umbrella header of libchronicle, which turns news articles into dated time
 * expressions (TimeML TIMEX3) and, later, events and timelines.
 *
 * Ownership, without exception:
 *   - Objects come in chr_<thing>_new (or chr_<thing>_from_*) / chr_<thing>_free pairs; free(NULL) does
 *     nothing. Output parameters come first.
 *   - Pointers returned by accessors (const char *, const chr_timex *) are borrowed: they live as long as
 *     the object they came from and must not be freed.
 *   - A function returning json_t * says whether the reference is new (the caller json_decref()s it) or
 *     borrowed.
 *   - Buffers handed out through char ** are malloc'ed and the caller free()s them.
 *   - Input text is (const char *text, size_t len), UTF-8, not necessarily NUL-terminated.
 *   - A chr_engine is immutable once built and safe to share between threads; documents and results are
 *     per thread.
 *   - The library never reads the clock, the locale or TZ, never prints and never exits. */
#ifndef CHRONICLE_H
#define CHRONICLE_H

#define CHR_VERSION "0.1.0"

#include "chronicle/error.h"
#include "chronicle/date.h"
#include "chronicle/doc.h"
#include "chronicle/event.h"
#include "chronicle/extract.h"
#include "chronicle/render.h"
#include "chronicle/timeline.h"
#include "chronicle/compare.h"
#include "chronicle/chart.h"
#include "chronicle/eval.h"

#endif
