/* eval_timeline.h: the point-algebra closure the timeline scorer reasons with (closure.c). Not
 * installed. */
#ifndef CHRONICLE_EVAL_TIMELINE_H
#define CHRONICLE_EVAL_TIMELINE_H

#include "chronicle/event.h"
#include <stddef.h>

typedef struct chr__pa chr__pa;

/* A graph over `intervals` intervals (numbered from 0), each with its start before its end. 0 or -1. */
int chr__pa_new(chr__pa **out, size_t intervals);
void chr__pa_free(chr__pa *g);
/* a r b for r in BEFORE, AFTER, SIMULTANEOUS, IS_INCLUDED, INCLUDES (others are ignored). */
void chr__pa_add(chr__pa *g, size_t a, chr_relation r, size_t b);
void chr__pa_close(chr__pa *g);
/* After chr__pa_close: 1 when a r b follows. */
int chr__pa_entails(const chr__pa *g, size_t a, chr_relation r, size_t b);

#endif
