/* compare_cmd.c: `chronicle compare`, several articles' chronologies set side by side: the events all
 * of them tell, those only some tell (and which articles miss them), and the conflicts (one event on
 * dates that do not meet, two events in a different order).
 *
 * Reads documents as `timeline` does (docread.c: text, TimeML, JSON Lines; a directory stands for every
 * file under it), puts them into one chr_timeline (the same-event merging of timeline/cluster.c) and
 * compares them (chr_compare_new). Writes the comparison JSON (docs/compare.schema.json; the default
 * when stdout is not a terminal) or a report for people (--format text; the default on a terminal).
 * Exports cli_compare. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"

static const char compare_usage[] =
    "usage: chronicle compare [OPTIONS] FILE...\n"
    "\n"
    "Set the chronologies of two or more articles side by side: the events all of them tell, those\n"
    "only some tell (and which articles miss them), those one article alone tells, and the conflicts:\n"
    "one event told on dates that do not meet, and two events told in a different order. FILE is plain\n"
    "UTF-8 text, TimeML or JSON Lines, as for extract; a directory stands for every file under it;\n"
    "- reads stdin. Each document (a file, or a JSON Lines record) is one article; at least two.\n"
    "\n"
    "Same event: the mentions `chronicle timeline` merges into one entry (overlapping day-level dates,\n"
    "the same or a related trigger, shared names), and two entries it lists as a conflict (the same\n"
    "trigger and names, dates that do not meet). Order: an article places X before Y when all its\n"
    "mentions of X end before all its mentions of Y begin (by their days); X and Y are in a different\n"
    "order when one article places X before Y and another Y before X.\n"
    "\n"
    "Options:\n"
    "  --format FMT        output: json (docs/compare.schema.json; the default when stdout is not a\n"
    "                      terminal) or text (a report, 100 columns; the default on a terminal)\n"
    "  --all               text: list the events told by one article only too\n"
    "  --entity NAME       only the events NAME takes part in (as timeline --entity)\n"
    CLI_DOCS_HELP
    "  --pretty            JSON indented by 2 (the default)\n"
    "  --compact           JSON on one line\n"
    "  -o, --output FILE   write to FILE (whole or nothing) instead of stdout\n"
    "  -h, --help          this help\n"
    "\n"
    "Exit status: 0 ok (conflicts or not); 1 some JSON Lines records failed (reported, left out);\n"
    "2 usage error, impossible --dct, or fewer than two documents; 3 input error; 4 broken rule file;\n"
    "5 cannot write output; 70 internal error.\n";

typedef struct compare_run {
    cli_docs docs;
    chr_timeline *tl;
} compare_run;

static int add_doc(void *ctx, chr_format kind, const chr_doc *doc, const chr_result *res, chr_error *err) {
    compare_run *r = ctx;
    (void)kind;
    int st = chr_timeline_add(r->tl, doc, res, err);
    return st ? cli_exit_for(st) : EXIT_OK;
}

/* Compare the documents of r->tl and write the result whole. */
static int write_comparison(compare_run *r, int text, int list_single, int pretty, const char *output) {
    chr_compare *c = NULL;
    char *s = NULL;
    size_t len = 0;
    cli_output out;
    int st = chr_compare_new(&c, r->tl, NULL);
    if (!st && text) {
        st = chr_compare_text(&s, &len, c, list_single);
    } else if (!st) {
        json_t *j = chr_compare_json(c);
        s = j ? json_dumps(j, JSON_PRESERVE_ORDER | (pretty ? JSON_INDENT(2) : JSON_COMPACT)) : NULL;
        json_decref(j);
        len = s ? strlen(s) : 0;
    }
    chr_compare_free(c);
    if (st || !s) {
        free(s);
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    if (cli_output_open(&out, output)) {
        free(s);
        return EXIT_OUTPUT;
    }
    int wrc = cli_output_write(&out, s, len);
    if (!wrc && !text)
        wrc = cli_output_write(&out, "\n", 1);
    free(s);
    return cli_output_close(&out, wrc == 0);
}

int cli_compare(int argc, char **argv) {
    compare_run r;
    memset(&r, 0, sizeof r);
    const char *format = NULL, *entity = NULL, *output = NULL;
    int pretty = 1, list_single = 0;
    cli_paths paths = {0};
    cli_args a;
    int rc = cli_args_start(&a, argc, argv);
    while (rc == EXIT_OK && cli_args_option(&a)) {
        const char *v = NULL;
        if (cli_args_is(&a, "--help", "-h")) {
            return cli_args_usage(&a, compare_usage);
        } else if (cli_args_is(&a, "--pretty", NULL) || cli_args_is(&a, "--compact", NULL) ||
                   cli_args_is(&a, "--all", NULL)) {
            rc = cli_args_flag(&a);
            if (cli_args_is(&a, "--all", NULL))
                list_single = 1;
            else
                pretty = cli_args_is(&a, "--pretty", NULL);
        } else if (cli_args_is(&a, "--format", NULL)) {
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            else if (!strcmp(v, "json") || !strcmp(v, "text"))
                format = v;
            else {
                cli_error("--format %s: expected json or text", v);
                rc = EXIT_USAGE;
            }
        } else if (cli_args_is(&a, "--entity", NULL)) {
            if (!(entity = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else if (cli_docs_option(&r.docs, &a, &rc)) {
            /* --dct, --input, --text-field, --date-field, --id-field, --rules */
        } else if (cli_args_is(&a, "--output", "-o")) {
            if (!(output = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else {
            cli_error("compare: unknown option %s (try chronicle compare --help)", a.opt);
            rc = EXIT_USAGE;
        }
    }
    const char **files = a.pos;
    size_t nfiles = a.npos;
    if (rc == EXIT_OK)
        rc = cli_docs_check(&r.docs);
    if (rc == EXIT_OK && nfiles == 0) {
        cli_error("compare: no documents given (try chronicle compare --help)");
        rc = EXIT_USAGE;
    }
    if (rc != EXIT_OK) {
        cli_args_free(&a);
        return rc;
    }
    /* text on a terminal, JSON for programs */
    int text = format ? !strcmp(format, "text") : !output && isatty(STDOUT_FILENO);
    for (size_t i = 0; i < nfiles && rc == EXIT_OK; i++)
        rc = cli_files_add(&paths, files[i]);
    if (rc == EXIT_OK && (chr_timeline_new(&r.tl) || chr_timeline_set_entity(r.tl, entity))) {
        cli_error("out of memory");
        rc = EXIT_INTERNAL;
    }
    cli_docs_sink sink = {&r, add_doc, NULL, NULL, NULL};
    for (size_t i = 0; i < paths.n && rc == EXIT_OK; i++)
        rc = cli_docs_read(&r.docs, paths.v[i], &sink);
    cli_paths_free(&paths);
    if (rc == EXIT_OK && chr_timeline_doc_count(r.tl) < 2) {
        cli_error("compare: needs two documents or more, got %zu", chr_timeline_doc_count(r.tl));
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK)
        rc = write_comparison(&r, text, list_single, pretty, output);
    chr_timeline_free(r.tl);
    cli_docs_free(&r.docs);
    cli_args_free(&a);
    if (rc == EXIT_OK && r.docs.failed > 0)
        rc = EXIT_FAILED;
    return rc;
}
