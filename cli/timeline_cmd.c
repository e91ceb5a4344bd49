/* timeline_cmd.c: `chronicle timeline`, the chronology of the events the input documents report.
 *
 * Reads documents as `extract` does (docread.c: text, TimeML, JSON Lines; the same DCT and id rules;
 * a directory stands for every file under it), extracts each, adds its events to one chr_timeline
 * (only those of --entity when given), and writes it at the end: the timeline JSON
 * (docs/timeline.schema.json), one entry per line (jsonl), a 100-column text table, CSV, TimelineJS
 * JSON, the SemEval-2015 Task 4 format or the part format (the mentions only: the lean intermediate of
 * a distributed run). JSON, JSON Lines and parts are written as they are rendered, without a tree of
 * the whole timeline. A bad JSON Lines record is reported and skipped (exit 1 at the end). With --merge
 * the FILEs are parts or timeline JSON files instead (built apart, on shards of a corpus), read back
 * (chr_timeline_from_part, chr_timeline_read_json) and merged into the timeline of all their documents
 * (chr_timeline_merge): the reduce of a distributed run (scale/). Exports cli_timeline. */
#include <errno.h>
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
    "extract; a directory stands for every file under it; without FILE, or with -, read stdin. All\n"
    "documents go into one timeline: the mentions of one event in several articles become one entry.\n"
    "\n"
    "  chronicle timeline --merge PART...\n"
    "\n"
    "merges parts (--format part) or timelines (JSON, as written by timeline) of disjoint sets of\n"
    "documents into the timeline of them all, the same bytes as one run over all the documents, whatever\n"
    "the grouping and order of the parts (the reduce of a distributed run: see scale/ and the README).\n"
    "\n"
    "Options:\n"
    "  --format FMT        output: json (default; docs/timeline.schema.json), jsonl (one entry per\n"
    "                      line), text (a table, 100 columns wide), csv, timelinejs (Knight Lab's\n"
    "                      TimelineJS), task4 (SemEval-2015 Task 4 timeline lines), part (the\n"
    "                      mentions only, one JSON array a line: the lean input of --merge)\n"
    "  --merge             FILEs are parts or timeline JSON files to merge (same entity, no document\n"
    "                      twice); a file may hold several, one after the other\n"
    "  --entity NAME       only the events NAME takes part in (actor, or named in the sentence; name\n"
    "                      variants: \"Apple Inc.\" also as \"Apple\", \"Steve Jobs\" also as \"Jobs\")\n"
    CLI_DOCS_HELP
    "  --pretty            JSON indented by 2 (the default)\n"
    "  --compact           JSON on one line\n"
    "  -o, --output FILE   write to FILE (whole or nothing) instead of stdout\n"
    "  -h, --help          this help\n"
    "\n"
    "Order: by first day (an open start sorts at its last day), then last day, closed intervals before\n"
    "open ones, dated by the text before placed against the document date, finer granularity first,\n"
    "then document id and text order: never the order of the inputs.\n"
    "\n"
    "Exit status: 0 ok; 1 some JSON Lines records failed (reported, left out); 2 usage error or\n"
    "impossible --dct; 3 input error (with --merge: not a timeline, a document in two parts, other\n"
    "entities); 4 broken rule file; 5 cannot write output; 70 internal error.\n";

typedef struct timeline_run {
    cli_docs docs;
    const char *format; /* json, jsonl, text, csv, timelinejs, task4 */
    int pretty;         /* -1: default, 0: compact, 1: pretty */
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

/* One part (timeline --format part) from f, its first byte next: the header line says how many lines
 * follow. Read into memory (the part only), then into a timeline. */
static int read_part(FILE *f, const char *name, int n, chr_timeline **part) {
    char *line = NULL, *buf = NULL;
    size_t cap = 0, len = 0, bcap = 0, want = 1, got = 0;
    ssize_t k;
    chr_error err;
    memset(&err, 0, sizeof err);
    while (got < want && (k = getline(&line, &cap, f)) > 0) {
        if (got == 0) {
            /* the header: ["chronicle-part", VERSION, ENTITY, DOCUMENTS, MENTIONS] */
            json_t *h = json_loadb(line, (size_t)k, 0, NULL);
            json_int_t d = json_integer_value(json_array_get(h, 3)),
                       m = json_integer_value(json_array_get(h, 4));
            if (json_array_size(h) == 5 && d >= 0 && m >= 0)
                want = 1 + (size_t)d + (size_t)m;
            json_decref(h);
        }
        if (bcap - len < (size_t)k + 1) {
            size_t c = bcap ? bcap : 1 << 16;
            while (c - len < (size_t)k + 1)
                c *= 2;
            char *p = realloc(buf, c);
            if (!p) {
                free(line);
                free(buf);
                cli_error("out of memory");
                return EXIT_INTERNAL;
            }
            buf = p;
            bcap = c;
        }
        memcpy(buf + len, line, (size_t)k);
        len += (size_t)k;
        got++;
    }
    free(line);
    int st = chr_timeline_from_part(part, buf ? buf : "", len, NULL, &err);
    free(buf);
    if (st) {
        cli_error("%s: timeline %d: %s", name, n, cli_errmsg(&err, st));
        return st == CHR_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
    }
    return EXIT_OK;
}

/* Merge part into r->tl (the first one becomes r->tl); part is taken. */
static int merge_part(timeline_run *r, const char *name, chr_timeline *part) {
    chr_error err;
    memset(&err, 0, sizeof err);
    if (!r->tl) {
        r->tl = part;
        return EXIT_OK;
    }
    int st = chr_timeline_merge(r->tl, part, &err);
    chr_timeline_free(part);
    if (st) {
        cli_error("%s: %s", name, cli_errmsg(&err, st));
        return st == CHR_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
    }
    return EXIT_OK;
}

/* --merge: read the timelines in the file at path ("-": stdin), one or several one after the other
 * (the compact lines or parts of parallel runs), each timeline JSON or a part, and merge each into
 * r->tl. */
static int merge_file(timeline_run *r, const char *path) {
    const char *name = strcmp(path, "-") ? path : "stdin";
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    int rc = EXIT_OK, n = 0, c;
    if (!f) {
        cli_error("%s: cannot read: %s", name, strerror(errno));
        return EXIT_INPUT;
    }
    while (rc == EXIT_OK) {
        while ((c = getc(f)) == ' ' || c == '\t' || c == '\n' || c == '\r')
            ;
        if (c == EOF && n > 0)
            break;
        if (c != EOF)
            ungetc(c, f);
        if (c == '[') {
            chr_timeline *part = NULL;
            rc = read_part(f, name, n + 1, &part);
            if (rc == EXIT_OK)
                rc = merge_part(r, name, part);
            n++;
            continue;
        }
        /* a timeline JSON, read an entry at a time */
        chr_timeline *part = NULL;
        chr_error err;
        memset(&err, 0, sizeof err);
        int st = chr_timeline_read_json(&part, f, &err);
        n++;
        if (st) {
            cli_error("%s: timeline %d: %s", name, n, cli_errmsg(&err, st));
            rc = st == CHR_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
            break;
        }
        rc = merge_part(r, name, part);
    }
    if (f != stdin)
        fclose(f);
    return rc;
}

/* cli_output as a chr_write_fn */
static int to_output(void *ctx, const char *s, size_t len) { return cli_output_write(ctx, s, len); }

/* Render the timeline and write it whole. */
static int write_timeline(timeline_run *r) {
    cli_output out;
    char *s = NULL;
    size_t len = 0;
    int st = CHR_OK, newline = 0;
    if (!strcmp(r->format, "text"))
        st = chr_timeline_text(&s, &len, r->tl);
    else if (!strcmp(r->format, "csv"))
        st = chr_timeline_csv(&s, &len, r->tl);
    else if (!strcmp(r->format, "task4"))
        st = chr_timeline_task4(&s, &len, r->tl);
    else if (!strcmp(r->format, "json") || !strcmp(r->format, "jsonl") || !strcmp(r->format, "part")) {
        /* written as it is rendered: no tree of the whole timeline */
        if (cli_output_open(&out, r->output))
            return EXIT_OUTPUT;
        if (!strcmp(r->format, "part"))
            st = chr_timeline_part_write(r->tl, to_output, &out);
        else if (!strcmp(r->format, "jsonl"))
            st = chr_timeline_jsonl_write(r->tl, to_output, &out);
        else
            st = chr_timeline_json_write(r->tl, r->pretty != 0 ? JSON_INDENT(2) : JSON_COMPACT, to_output,
                                         &out);
        if (st == CHR_OK && !strcmp(r->format, "json"))
            st = cli_output_write(&out, "\n", 1) ? CHR_EIO : CHR_OK;
        int crc = cli_output_close(&out, st == CHR_OK);
        if (st == CHR_ENOMEM) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        return crc;
    } else {
        json_t *j = NULL;
        if (!strcmp(r->format, "timelinejs"))
            st = chr_timeline_timelinejs(&j, r->tl);
        else
            j = chr_timeline_json(r->tl);
        size_t flags = JSON_PRESERVE_ORDER | (r->pretty != 0 ? JSON_INDENT(2) : JSON_COMPACT);
        s = j ? json_dumps(j, flags) : NULL;
        json_decref(j);
        len = s ? strlen(s) : 0;
        newline = 1;
    }
    if (st || !s) {
        free(s);
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    if (cli_output_open(&out, r->output)) {
        free(s);
        return EXIT_OUTPUT;
    }
    int wrc = cli_output_write(&out, s, len);
    if (!wrc && newline)
        wrc = cli_output_write(&out, "\n", 1);
    free(s);
    return cli_output_close(&out, wrc == 0);
}

int cli_timeline(int argc, char **argv) {
    timeline_run r;
    memset(&r, 0, sizeof r);
    r.pretty = -1;
    r.format = "json";
    const char *entity = NULL;
    int merge = 0;
    cli_paths paths = {0};
    cli_args a;
    int rc = cli_args_start(&a, argc, argv);
    while (rc == EXIT_OK && cli_args_option(&a)) {
        const char *v = NULL;
        if (cli_args_is(&a, "--help", "-h")) {
            return cli_args_usage(&a, timeline_usage);
        } else if (cli_args_is(&a, "--pretty", NULL) || cli_args_is(&a, "--compact", NULL)) {
            r.pretty = cli_args_is(&a, "--pretty", NULL);
            rc = cli_args_flag(&a);
        } else if (cli_args_is(&a, "--format", NULL)) {
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            else if (!strcmp(v, "json") || !strcmp(v, "text") || !strcmp(v, "jsonl") || !strcmp(v, "csv") ||
                     !strcmp(v, "timelinejs") || !strcmp(v, "task4") || !strcmp(v, "part"))
                r.format = v;
            else {
                cli_error("--format %s: expected json, jsonl, text, csv, timelinejs, task4 or part", v);
                rc = EXIT_USAGE;
            }
        } else if (cli_args_is(&a, "--merge", NULL)) {
            merge = 1;
            rc = cli_args_flag(&a);
        } else if (cli_args_is(&a, "--entity", NULL)) {
            if (!(entity = cli_args_value(&a)))
                rc = EXIT_USAGE;
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
    const char **files = a.pos;
    size_t nfiles = a.npos;
    if (rc == EXIT_OK)
        rc = cli_docs_check(&r.docs);
    if (rc != EXIT_OK) {
        cli_args_free(&a);
        return rc;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    if (merge) {
        if (entity) {
            cli_error("--merge takes the entity from the timelines; --entity is for articles");
            rc = EXIT_USAGE;
        }
        for (size_t i = 0; i < nfiles && rc == EXIT_OK; i++)
            rc = merge_file(&r, files[i]);
        if (rc == EXIT_OK && !r.tl && chr_timeline_new(&r.tl)) {
            cli_error("out of memory");
            rc = EXIT_INTERNAL;
        }
        if (rc == EXIT_OK)
            rc = write_timeline(&r);
        chr_timeline_free(r.tl);
        cli_docs_free(&r.docs);
        cli_args_free(&a);
        return rc;
    }
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
    if (rc == EXIT_OK)
        rc = write_timeline(&r);
    chr_timeline_free(r.tl);
    cli_docs_free(&r.docs);
    cli_args_free(&a);
    if (rc == EXIT_OK && r.docs.failed > 0)
        rc = EXIT_FAILED;
    return rc;
}
