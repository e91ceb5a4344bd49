/* eval_timeline.h: the point-algebra closure the timeline scorer reasons with (closure.c). Not
 * installed. */
#ifndef CHRONICLE_EVAL_TIMELINE_H
#define CHRONICLE_EVAL_TIMELINE_H

#include "chronicle/event.h"
#include <stddef.h>

#include "internal.h" /* chr__pa_*: the closure (timeline/closure.c) */

#endif
