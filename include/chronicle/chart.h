/* chart.h: timelines as pictures. A chr_chart is read from timeline JSON (docs/timeline.schema.json,
 * version 1 or 2, unknown keys ignored) and written as a gnuplot script and its data file.
 *
 * Safety: article text (summaries, actors, document ids) goes only into the data file, never into the
 * script; the script turns enhanced text off, so no article can make gnuplot run a command or change
 * fonts. The only caller text in the script is the title and the file names of the options, written as
 * gnuplot single-quoted strings (quotes doubled, control characters replaced by spaces).
 *
 * The library writes the script and the data (strings); it never runs gnuplot. The script reads two
 * variables when they are set before it runs (gnuplot -e "datafile='...'; outfile='...'"), else uses
 * the names of the options.
 *
 * Deterministic: the same chart and options give byte-identical script and data. */
#ifndef CHRONICLE_CHART_H
#define CHRONICLE_CHART_H

#include "chronicle/error.h"
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct chr_chart chr_chart;

typedef enum chr_chart_lanes {
    CHR_LANES_AUTO = 0, /* per article when there are several documents, else none */
    CHR_LANES_NONE,
    CHR_LANES_ARTICLE, /* one lane per document (entries[].sources[].document) */
    CHR_LANES_ENTITY   /* one lane per actor (entries[].actor, or entries[].entities when present) */
} chr_chart_lanes;

typedef enum chr_chart_density {
    CHR_DENSITY_NONE = 0, /* events drawn one by one */
    CHR_DENSITY_DAY,      /* a histogram of events per day, week or month */
    CHR_DENSITY_WEEK,
    CHR_DENSITY_MONTH
} chr_chart_density;

typedef enum chr_chart_term { CHR_TERM_PNG = 0, CHR_TERM_SVG, CHR_TERM_PDF } chr_chart_term;

/* Options of a chart. Zero it, then set what is wanted. */
typedef struct chr_chart_opts {
    chr_chart_lanes lanes;
    chr_chart_density density;
    chr_chart_term term;
    int width, height;    /* pixels (PDF: hundredths of an inch); 0: the default for the lanes */
    const char *title;    /* NULL: "chronicle: N events" */
    int has_from, has_to; /* a time window: days since 1970-01-01, inclusive */
    int64_t from_day, to_day;
    const char *datafile; /* the data file name the script reads by default ("chart.tsv" when NULL) */
    const char *outfile;  /* the picture the script writes by default ("chart.png" when NULL) */
} chr_chart_opts;

/* What the layout did (for messages and tests). */
typedef struct chr_chart_stats {
    size_t events;        /* entries drawn (inside the window) */
    size_t lanes;         /* lanes shown */
    size_t labels;        /* labels drawn */
    size_t labels_hidden; /* labels left out because they would have piled on others */
    int gutter;           /* 1: dates far before the rest are drawn in an "earlier" panel on the left */
    size_t conflicts;     /* entries highlighted as conflicting */
} chr_chart_stats;

int chr_chart_new(chr_chart **out);
void chr_chart_free(chr_chart *c);

/* Add the entries of one timeline (a parsed JSON object, borrowed). Version 1 or 2; keys it does not
 * know are ignored. Documents come from documents[].id, lanes from entries[].sources[].document and
 * entries[].actor / entries[].entities, conflicts from the top-level "conflicts": [{"entries": [i, j]}].
 * Returns 0, CHR_EJSON (not a timeline, an unknown version, a bad date; err says where) or CHR_ENOMEM;
 * on error the chart is unchanged. */
int chr_chart_add_json(chr_chart *c, const json_t *timeline, chr_error *err);
/* The same from JSON text (len bytes, not necessarily NUL-terminated). */
int chr_chart_add_text(chr_chart *c, const char *text, size_t len, chr_error *err);

/* Entries read so far (dated ones; the undated are not drawn). */
size_t chr_chart_count(const chr_chart *c);

/* Write the gnuplot script and its tab-separated data. *script and *data are malloc'ed, NUL-terminated.
 * stats may be NULL. Returns 0, CHR_EEMPTY (no dated entry inside the window), CHR_EINVAL (bad
 * options) or CHR_ENOMEM. */
int chr_chart_gnuplot(char **script, size_t *script_len, char **data, size_t *data_len, const chr_chart *c,
                      const chr_chart_opts *opts, chr_chart_stats *stats, chr_error *err);

#ifdef __cplusplus
}
#endif
#endif
