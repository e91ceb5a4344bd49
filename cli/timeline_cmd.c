/* timeline_cmd.c: `chronicle timeline`, the chronology of the events the input documents report.
 *
 * Reads documents as `extract` does (docread.c: text, TimeML, JSON Lines; the same DCT and id rules),
 * extracts each, adds its events to one chr_timeline, and writes it at the end: the timeline JSON
 * (docs/timeline.schema.json) or a 100-column text table. A bad JSON Lines record is reported and skipped
 * (exit 1 at the end). Exports cli_timeline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static const char timeline_usage[] =
    "usage: chronicle timeline [OPTIONS] [FILE...]\n"
    "\n"
    "The chronology of the events the documents report: each dated event with the interval it covers,\n"
    "oldest first, then the events with no time. FILE is plain UTF-8 text, TimeML or JSON Lines, as for\n"
    "extract; without FILE, or with -, read stdin. All documents go into one timeline.\n"
    "\n"
    "Options:\n"
    "  --format FMT        output: json (default; docs/timeline.schema.json) or text (a table, 100\n"
    "                      columns wide)\n"
    "  --dct DATE          document creation time (ISO 8601); overrides any date found in the input\n"
    "  --input FMT         input: auto (default: by content), text, jsonl, timeml\n"
    "  --text-field F      JSON Lines: field holding the text\n"
    "  --date-field F      JSON Lines: field holding the date\n"
    "  --id-field F        JSON Lines: field holding the id\n"
    "  --rules DIR         load the rules from DIR instead of the built-in ones\n"
    "  --pretty            JSON indented by 2 (the default)\n"
    "  --compact           JSON on one line\n"
    "  -o, --output FILE   write to FILE (whole or nothing) instead of stdout\n"
    "  -h, --help          this help\n"
    "\n"
    "Order: by first day (an open start sorts at its last day), then last day, closed intervals before\n"
    "open ones, dated by the text before placed against the document date, finer granularity first,\n"
    "then input order and text order.\n"
    "\n"
    "Exit status: 0 ok; 1 some JSON Lines records failed (reported, left out); 2 usage error or\n"
    "impossible --dct; 3 input error; 4 broken rule file; 5 cannot write output; 70 internal error.\n";

typedef struct timeline_run {
    cli_docs docs;
    int text;   /* --format text */
    int pretty; /* -1: default, 0: compact, 1: pretty */
    const char *output;
    chr_timeline *tl;
} timeline_run;

/* Add one extracted document to the timeline (cli_docs_sink.doc). */
static int add_doc(void *ctx, chr_format kind, const chr_doc *doc, const chr_result *res, chr_error *err) {
    timeline_run *r = ctx;
    (void)kind;
    int st = chr_timeline_add(r->tl, doc, res, err);
    return st ? cli_exit_for(st) : EXIT_OK;
}

/* Render the timeline and write it whole. */
static int write_timeline(timeline_run *r) {
    cli_output out;
    char *s = NULL;
    size_t len = 0;
    if (r->text) {
        if (chr_timeline_text(&s, &len, r->tl)) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
    } else {
        json_t *j = chr_timeline_json(r->tl);
        size_t flags = JSON_PRESERVE_ORDER | (r->pretty != 0 ? JSON_INDENT(2) : JSON_COMPACT);
        s = j ? json_dumps(j, flags) : NULL;
        json_decref(j);
        if (!s) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        len = strlen(s);
    }
    if (cli_output_open(&out, r->output)) {
        free(s);
        return EXIT_OUTPUT;
    }
    int wrc = cli_output_write(&out, s, len);
    if (!wrc && !r->text)
        wrc = cli_output_write(&out, "\n", 1);
    free(s);
    return cli_output_close(&out, wrc == 0);
}

int cli_timeline(int argc, char **argv) {
    timeline_run r;
    memset(&r, 0, sizeof r);
    r.pretty = -1;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    size_t nfiles = 0;
    int rc = EXIT_OK;
    cli_args a;
    cli_args_init(&a, argc, argv);
    int k;
    while (rc == EXIT_OK && (k = cli_args_next(&a)) >= 0) {
        if (k == 0) {
            files[nfiles++] = a.value;
            continue;
        }
        const char *v = NULL;
        if (cli_args_is(&a, "--help", "-h")) {
            cli_args_free(&a);
            free(files);
            fputs(timeline_usage, stdout);
            return fflush(stdout) == 0 ? EXIT_OK : EXIT_OUTPUT;
        } else if (cli_args_is(&a, "--pretty", NULL) || cli_args_is(&a, "--compact", NULL)) {
            r.pretty = cli_args_is(&a, "--pretty", NULL);
            if (a.value) {
                cli_error("option %s takes no value", a.opt);
                rc = EXIT_USAGE;
            }
        } else if (cli_args_is(&a, "--format", NULL)) {
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            else if (strcmp(v, "json") == 0 || strcmp(v, "text") == 0)
                r.text = strcmp(v, "text") == 0;
            else {
                cli_error("--format %s: expected json or text", v);
                rc = EXIT_USAGE;
            }
        } else if (cli_docs_option(&r.docs, &a, &rc)) {
            /* --dct, --input, --text-field, --date-field, --id-field, --rules */
        } else if (cli_args_is(&a, "--output", "-o")) {
            if (!(r.output = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else {
            cli_error("timeline: unknown option %s (try chronicle timeline --help)", a.opt);
            rc = EXIT_USAGE;
        }
    }
    cli_args_free(&a);
    if (rc == EXIT_OK)
        rc = cli_docs_check(&r.docs);
    if (rc != EXIT_OK) {
        free(files);
        return rc;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    if (chr_timeline_new(&r.tl)) {
        cli_error("out of memory");
        free(files);
        return EXIT_INTERNAL;
    }
    cli_docs_sink sink = {&r, add_doc, NULL, NULL, NULL};
    for (size_t i = 0; i < nfiles && rc == EXIT_OK; i++)
        rc = cli_docs_read(&r.docs, files[i], &sink);
    if (rc == EXIT_OK)
        rc = write_timeline(&r);
    chr_timeline_free(r.tl);
    cli_docs_free(&r.docs);
    free(files);
    if (rc == EXIT_OK && r.docs.failed > 0)
        rc = EXIT_FAILED;
    return rc;
}
