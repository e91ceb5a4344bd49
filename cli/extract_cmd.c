/* extract_cmd.c: `chronicle extract`, the time expressions of each input document.
 *
 * Reads plain text, TimeML or JSON Lines (detected by content unless --input says), one document per
 * file or stdin, or one per JSON Lines record, streamed line by line. Sets the document date (--dct,
 * else the record's or the TimeML one, else a dateline in the text), extracts, and writes JSON, JSON
 * Lines or TimeML. A bad JSON Lines record becomes an error record in its place. Reading documents is
 * shared with `chronicle timeline` (docread.c). Exports cli_extract. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static const char extract_usage[] =
    "usage: chronicle extract [OPTIONS] [FILE...]\n"
    "\n"
    "Find and normalize the time expressions of each document. FILE is plain UTF-8 text, TimeML\n"
    "(.tml, .TE3input) or JSON Lines (one record per line); without FILE, or with -, read stdin.\n"
    "\n"
    "Options:\n"
    CLI_DOCS_HELP
    "  --format FMT        output: json (default for one document), jsonl (default for several\n"
    "                      documents or JSON Lines input), timeml\n"
    "  --pretty            JSON indented by 2 (default for --format json)\n"
    "  --compact           JSON on one line (JSON Lines always is)\n"
    "  -j, --jobs N        extract JSON Lines records with N threads (default 1); the output is\n"
    "                      the same, in input order\n"
    "  -o, --output FILE   write to FILE (whole or nothing) instead of stdout\n"
    "  -h, --help          this help\n"
    "\n"
    "The document date is, in this order: --dct; the record's date field; the TimeML <DCT>; a\n"
    "dateline or header in the first lines of the text. Without one, relative expressions stay\n"
    "underspecified (XXXX-WXX-1) and chronicle warns once.\n"
    "\n"
    "Exit status: 0 ok; 1 some JSON Lines records failed (each has an error record in its place);\n"
    "2 usage error or impossible --dct; 3 input error (unreadable, invalid UTF-8, binary, empty,\n"
    "malformed TimeML, over 64 MiB); 4 broken rule file; 5 cannot write output; 70 internal error.\n";

typedef enum out_format { OUT_DEFAULT = 0, OUT_JSON, OUT_JSONL, OUT_TIMEML } out_format;

typedef struct extract_run {
    cli_docs docs;     /* input options and the run over documents */
    out_format format; /* as asked; OUT_DEFAULT decided per input */
    int pretty;        /* -1: default, 0: compact, 1: pretty */
    const char *output;
    cli_output out;
    int several; /* more than one FILE */
} extract_run;

/* Write one rendered document (or error record). Returns 0, or EXIT_OUTPUT on a write error. */
static int write_json(extract_run *r, out_format fmt, json_t *obj) {
    /* JSON Lines is one line per document whatever --pretty says. */
    int pretty = fmt == OUT_JSON && r->pretty != 0;
    size_t flags = JSON_PRESERVE_ORDER | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
    char *s = json_dumps(obj, flags);
    if (!s)
        return EXIT_INTERNAL;
    int rc = cli_output_write(&r->out, s, strlen(s));
    if (!rc)
        rc = cli_output_write(&r->out, "\n", 1);
    free(s);
    return rc ? EXIT_OUTPUT : 0;
}

/* The error record that stands in for a bad JSON Lines record. */
static int write_error_record(extract_run *r, out_format fmt, unsigned long line, const char *msg) {
    if (fmt == OUT_TIMEML)
        return 0; /* no place for it in TimeML: stderr has it */
    json_t *obj = json_object();
    json_t *m = json_string(msg);
    if (!m)
        m = json_string("unprintable error message");
    if (!obj || !m || json_object_set_new(obj, "line", json_integer((json_int_t)line)) ||
        json_object_set_new(obj, "error", m)) {
        json_decref(obj);
        return EXIT_INTERNAL;
    }
    int rc = write_json(r, fmt, obj);
    json_decref(obj);
    return rc;
}

/* The output format of a document of the given input format. */
static out_format format_for(const extract_run *r, chr_format kind) {
    if (r->format != OUT_DEFAULT)
        return r->format;
    return (r->several || kind == CHR_FORMAT_JSONL) ? OUT_JSONL : OUT_JSON;
}

/* Render one extracted document into a malloc'ed buffer, a JSON document ending in a newline or TimeML
 * (cli_docs_sink.render). Touches nothing shared: the -j workers call it at the same time. */
static int render_doc(void *ctx, chr_format kind, const chr_doc *doc, const chr_result *res, char **out,
                      size_t *len, chr_error *err) {
    const extract_run *r = ctx;
    out_format fmt = format_for(r, kind);
    *out = NULL;
    *len = 0;
    if (fmt == OUT_TIMEML) {
        int st = chr_render_timeml(out, len, doc, res, err);
        return st ? cli_exit_for(st) : 0;
    }
    /* JSON Lines is one line per document whatever --pretty says. */
    unsigned flags = fmt == OUT_JSON && r->pretty != 0 ? CHR_JSON_PRETTY : 0;
    char *s = NULL;
    size_t n = 0;
    int st = chr_render_json_text(&s, &n, doc, res, flags);
    if (st) {
        snprintf(err->message, sizeof err->message, "%s",
                 st == CHR_ENOMEM ? "out of memory" : "cannot render the document as JSON");
        return EXIT_INTERNAL;
    }
    s[n] = '\n'; /* the NUL's place: the line and its end in one write */
    *out = s;
    *len = n + 1;
    return 0;
}

/* Render and write one extracted document (cli_docs_sink.doc). */
static int write_doc(void *ctx, chr_format kind, const chr_doc *doc, const chr_result *res, chr_error *err) {
    extract_run *r = ctx;
    char *buf = NULL;
    size_t len = 0;
    int rc = render_doc(ctx, kind, doc, res, &buf, &len, err);
    if (!rc && cli_output_write(&r->out, buf, len))
        rc = EXIT_OUTPUT;
    free(buf);
    return rc;
}

/* The error record of a bad JSON Lines record (cli_docs_sink.bad_record). */
static int bad_record(void *ctx, unsigned long line, const char *msg) {
    extract_run *r = ctx;
    return write_error_record(r, format_for(r, CHR_FORMAT_JSONL), line, msg);
}

static int parse_format(const char *v, out_format *out) {
    if (strcmp(v, "json") == 0)
        *out = OUT_JSON;
    else if (strcmp(v, "jsonl") == 0)
        *out = OUT_JSONL;
    else if (strcmp(v, "timeml") == 0)
        *out = OUT_TIMEML;
    else
        return -1;
    return 0;
}

#define MAX_JOBS 256

/* -j N: a decimal number of threads, 1 to MAX_JOBS. */
static int parse_jobs(const char *v, unsigned *out) {
    unsigned long n = 0;
    if (!*v)
        return -1;
    for (const char *c = v; *c; c++) {
        if (*c < '0' || *c > '9')
            return -1;
        n = n * 10 + (unsigned long)(*c - '0');
        if (n > MAX_JOBS)
            return -1;
    }
    if (n == 0)
        return -1;
    *out = (unsigned)n;
    return 0;
}

int cli_extract(int argc, char **argv) {
    extract_run r;
    memset(&r, 0, sizeof r);
    r.pretty = -1;
    cli_args a;
    int rc = cli_args_start(&a, argc, argv);
    while (rc == EXIT_OK && cli_args_option(&a)) {
        const char *v = NULL;
        if (cli_args_is(&a, "--help", "-h")) {
            return cli_args_usage(&a, extract_usage);
        } else if (cli_args_is(&a, "--pretty", NULL) || cli_args_is(&a, "--compact", NULL)) {
            r.pretty = cli_args_is(&a, "--pretty", NULL);
            rc = cli_args_flag(&a);
        } else if (cli_args_is(&a, "--format", NULL)) {
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            else if (parse_format(v, &r.format)) {
                cli_error("--format %s: expected json, jsonl or timeml", v);
                rc = EXIT_USAGE;
            }
        } else if (cli_docs_option(&r.docs, &a, &rc)) {
            /* --dct, --input, --text-field, --date-field, --id-field, --rules */
        } else if (cli_args_is(&a, "--jobs", "-j")) {
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            else if (parse_jobs(v, &r.docs.jobs)) {
                cli_error("-j %s: expected a number of threads from 1 to %d", v, MAX_JOBS);
                rc = EXIT_USAGE;
            }
        } else if (cli_args_is(&a, "--output", "-o")) {
            if (!(r.output = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else {
            cli_error("extract: unknown option %s (try chronicle extract --help)", a.opt);
            rc = EXIT_USAGE;
        }
    }
    const char **files = a.pos;
    size_t nfiles = a.npos;
    if (rc != EXIT_OK) {
        cli_args_free(&a);
        return rc;
    }
    if (cli_docs_check(&r.docs) != EXIT_OK) {
        cli_args_free(&a);
        return EXIT_USAGE;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    r.several = nfiles > 1;

    if (cli_output_open(&r.out, r.output)) {
        cli_args_free(&a);
        return EXIT_OUTPUT;
    }
    cli_docs_sink sink = {&r, write_doc, bad_record, &r.out, render_doc};
    for (size_t i = 0; i < nfiles && rc == EXIT_OK; i++)
        rc = cli_docs_read(&r.docs, files[i], &sink);
    int orc = cli_output_close(&r.out, rc == EXIT_OK);
    cli_docs_free(&r.docs);
    cli_args_free(&a);
    if (rc == EXIT_OK && orc != EXIT_OK)
        rc = orc;
    if (rc == EXIT_OK && r.docs.failed > 0)
        rc = EXIT_FAILED;
    return rc;
}
