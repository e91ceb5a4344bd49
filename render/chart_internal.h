/* chart_internal.h: the chart model shared by the timeline JSON reader (chart.c) and the gnuplot
 * writer (gnuplot.c). Not installed. */
#ifndef CHRONICLE_CHART_INTERNAL_H
#define CHRONICLE_CHART_INTERNAL_H

#include "chronicle/chart.h"

/* Kinds of flags of an item (the timeline's entry flags) */
#define CHR__CH_OPEN_START 0x01u
#define CHR__CH_OPEN_END 0x02u
#define CHR__CH_END_DCT 0x04u
#define CHR__CH_BEGIN_DCT 0x08u

typedef struct chr__chart_item {
    int has_begin, has_end;
    int64_t first, last; /* days since 1970-01-01, inclusive */
    unsigned flags;
    char *text;  /* what to show: the summary, else the event's words ("" when none) */
    char *actor; /* "" when unknown */
    char **ents; /* entities[] when the entry had them */
    size_t nents;
    size_t *docs; /* indices into the chart's documents, distinct, in source order */
    size_t ndocs;
    int conflict; /* named by a conflict */
} chr__chart_item;

struct chr_chart {
    chr__chart_item *items;
    size_t n, cap;
    char **docs; /* document ids, all timelines added, in order */
    size_t ndocs, docs_cap;
    size_t *pairs; /* conflicting item pairs: pairs[2k], pairs[2k+1] */
    size_t npairs, pairs_cap;
};

#endif
