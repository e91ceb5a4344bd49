/* extract_cmd.c: `chronicle extract`, the time expressions of each input document.
 *
 * Reads plain text, TimeML or JSON Lines (detected by content unless --input says), one document per
 * file or stdin, or one per JSON Lines record, streamed line by line. Sets the document date (--dct,
 * else the record's or the TimeML one, else a dateline in the text), extracts, and writes JSON, JSON
 * Lines or TimeML. A bad JSON Lines record becomes an error record in its place. Exports cli_extract. */
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
    "  --dct DATE          document creation time (ISO 8601: 2014-12-03, 2014-12-03T20:58-05:00);\n"
    "                      overrides any date found in the input\n"
    "  --format FMT        output: json (default for one document), jsonl (default for several\n"
    "                      documents or JSON Lines input), timeml\n"
    "  --input FMT         input: auto (default: by content), text, jsonl, timeml\n"
    "  --text-field F      JSON Lines: field holding the text (default: text, body, content, maintext)\n"
    "  --date-field F      JSON Lines: field holding the date (default: dct, date, published,\n"
    "                      date_publish, datePublished)\n"
    "  --id-field F        JSON Lines: field holding the id (default: id, url)\n"
    "  --rules DIR         load the rules from DIR instead of the built-in ones\n"
    "  --pretty            JSON indented by 2 (default for --format json)\n"
    "  --compact           JSON on one line (JSON Lines always is)\n"
    "  -o, --output FILE   write to FILE (whole or nothing) instead of stdout\n"
    "  -h, --help          this help\n"
    "\n"
    "The document date is, in this order: --dct; the record's date field; the TimeML <DCT>; a\n"
    "dateline or header in the first lines of the text. Without one, relative expressions stay\n"
    "underspecified (XXXX-WXX-1) and chronicle warns once.\n"
    "\n"
    "Exit status: 0 ok; 1 some JSON Lines records failed (each has an error record in its place);\n"
    "2 usage error or impossible --dct; 3 input error (unreadable, invalid UTF-8, binary, empty,\n"
    "malformed TimeML, over 256 MiB); 4 broken rule file; 5 cannot write output; 70 internal error.\n";

typedef enum out_format { OUT_DEFAULT = 0, OUT_JSON, OUT_JSONL, OUT_TIMEML } out_format;

typedef struct extract_run {
    const char *dct;
    out_format format; /* as asked; OUT_DEFAULT decided per input */
    chr_format input;
    chr_json_fields fields;
    const char *rules;
    int pretty; /* -1: default, 0: compact, 1: pretty */
    const char *output;
    chr_engine *engine;
    cli_output out;
    int several;       /* more than one FILE */
    int warned_no_dct; /* the one warning has been given */
    size_t failed;     /* JSON Lines records that failed */
    int fatal;         /* an error that ends the run has been reported */
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

/* The engine, compiled when the first document needs it: bad input is reported as such even when the
 * rules are broken. Returns 0, or an exit code with the error printed. */
static int ensure_engine(extract_run *r) {
    return r->engine ? EXIT_OK : cli_engine_new(&r->engine, r->rules);
}

/* Set the DCT, extract and render one document. On failure returns an exit code and fills err (for
 * document errors) so that the caller reports them its way. */
static int process_doc(extract_run *r, out_format fmt, chr_doc *doc, const char *name, chr_error *err) {
    memset(err, 0, sizeof *err);
    int st;
    if (r->dct) {
        st = chr_doc_set_dct(doc, r->dct, CHR_DCT_OPTION, err);
        if (st)
            return cli_exit_for(st);
    } else {
        chr_time t;
        if (chr_doc_dct(doc, &t) == CHR_DCT_NONE && !chr_doc_find_dct(doc) && !r->warned_no_dct) {
            cli_warn("no document date for %s; relative expressions left underspecified", name);
            r->warned_no_dct = 1;
        }
    }
    int erc = ensure_engine(r);
    if (erc) {
        r->fatal = 1;
        return erc;
    }
    chr_result *res = NULL;
    st = chr_extract(&res, r->engine, doc, err);
    if (st)
        return cli_exit_for(st);
    int rc = 0;
    if (fmt == OUT_TIMEML) {
        char *xml = NULL;
        size_t len = 0;
        st = chr_render_timeml(&xml, &len, doc, res, err);
        if (st)
            rc = cli_exit_for(st);
        else if (cli_output_write(&r->out, xml, len))
            rc = EXIT_OUTPUT;
        free(xml);
    } else {
        json_t *obj = chr_render_json(doc, res);
        if (!obj) {
            snprintf(err->message, sizeof err->message, "out of memory");
            rc = EXIT_INTERNAL;
        } else {
            rc = write_json(r, fmt, obj);
            json_decref(obj);
        }
    }
    chr_result_free(res);
    return rc;
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

/* A JSON Lines stream: one output line per non-blank input line. */
static int run_jsonl(extract_run *r, out_format fmt, cli_input *in) {
    size_t records = 0;
    for (;;) {
        const char *line;
        size_t len;
        /* About to wait for more input: let the reader have what is done so far. */
        if (!in->buf || !memchr(in->buf + in->pos, '\n', in->len - in->pos)) {
            if (cli_output_flush(&r->out))
                return EXIT_OUTPUT;
        }
        int got = cli_input_line(in, CLI_MAX_INPUT, &line, &len);
        if (got == 0)
            break;
        char msg[600];
        msg[0] = '\0';
        int rc = 0;
        if (got == CLI_IO_TOOBIG) {
            snprintf(msg, sizeof msg, "record too big (over 256 MiB)");
        } else if (got == CLI_IO_ERROR) {
            cli_error("%s: read error: %s", in->name, strerror(in->err));
            return EXIT_INPUT;
        } else if (got < 0) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        } else {
            size_t k = 0;
            while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r'))
                k++;
            if (k == len)
                continue; /* blank lines make no record */
            chr_doc *doc = NULL;
            chr_error err;
            memset(&err, 0, sizeof err);
            int st = chr_doc_from_json(&doc, line, len, &r->fields, &err);
            if (st) {
                rc = cli_exit_for(st);
            } else {
                char where[300];
                snprintf(where, sizeof where, "%s:%lu", in->name, in->line);
                if (!chr_doc_id(doc)[0]) {
                    char id[300];
                    snprintf(id, sizeof id, "%s:%lu",
                             strcmp(in->path, "-") == 0 ? "stdin" : cli_basename(in->path), in->line);
                    chr_doc_set_id(doc, id);
                }
                rc = process_doc(r, fmt, doc, where, &err);
                chr_doc_free(doc);
            }
            if (rc == EXIT_OUTPUT || r->fatal)
                return rc;
            if (rc == EXIT_INTERNAL && (st == CHR_ENOMEM || err.code == CHR_ENOMEM)) {
                cli_error("%s:%lu: out of memory", in->name, in->line);
                return rc;
            }
            if (rc)
                snprintf(msg, sizeof msg, "%s", cli_errmsg(&err, err.code ? err.code : st));
        }
        records++;
        if (msg[0]) {
            r->failed++;
            cli_error("%s:%lu: %s", in->name, in->line, msg);
            int wrc = write_error_record(r, fmt, in->line, msg);
            if (wrc)
                return wrc;
        }
    }
    if (records == 0) {
        cli_error("%s: empty input", in->name);
        return EXIT_INPUT;
    }
    return 0;
}

/* One whole document: text or TimeML. */
static int run_document(extract_run *r, out_format fmt, chr_format kind, cli_input *in) {
    char *buf = NULL;
    size_t len = 0;
    int got = cli_input_all(in, CLI_MAX_INPUT, &buf, &len);
    if (got == CLI_IO_TOOBIG) {
        cli_error("%s: input too big (over 256 MiB)", in->name);
        return EXIT_INPUT;
    }
    if (got == CLI_IO_ERROR) {
        cli_error("%s: read error: %s", in->name, strerror(in->err));
        return EXIT_INPUT;
    }
    if (got) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    if (kind == CHR_FORMAT_AUTO)
        kind = chr_format_detect(buf, len);
    const char *nul = memchr(buf, '\0', len);
    if (nul) {
        cli_error("%s: binary data (NUL byte at offset %zu)", in->name, (size_t)(nul - buf));
        free(buf);
        return EXIT_INPUT;
    }
    chr_doc *doc = NULL;
    chr_error err;
    memset(&err, 0, sizeof err);
    int st = kind == CHR_FORMAT_TIMEML ? chr_doc_from_timeml(&doc, buf, len, &err)
                                       : chr_doc_from_text(&doc, buf, len, &err);
    free(buf);
    if (st) {
        cli_error("%s: %s", in->name, cli_errmsg(&err, st));
        return cli_exit_for(st);
    }
    if (!chr_doc_id(doc)[0])
        chr_doc_set_id(doc, strcmp(in->path, "-") == 0 ? "stdin" : cli_basename(in->path));
    int rc = process_doc(r, fmt, doc, in->name, &err);
    chr_doc_free(doc);
    if (rc && rc != EXIT_OUTPUT && !r->fatal)
        cli_error("%s: %s", in->name, cli_errmsg(&err, err.code));
    return rc;
}

static int run_input(extract_run *r, const char *path) {
    cli_input in;
    if (cli_input_open(&in, path)) {
        cli_error("%s: cannot read: %s", path, strerror(in.err));
        return EXIT_INPUT;
    }
    chr_format kind = r->input;
    if (kind == CHR_FORMAT_AUTO) {
        /* JSON Lines is known by its first non-blank byte, '{': read no further than that, so that a
         * stream is processed as it comes. Anything else is read whole and detected on all of it. */
        size_t skip = 0;
        for (;;) {
            size_t avail = in.len - in.pos;
            while (skip < avail && strchr(" \t\r\n\f\v", in.buf[in.pos + skip]) && in.buf[in.pos + skip])
                skip++;
            if (skip < avail || in.eof || in.err)
                break;
            if (cli_input_fill(&in, avail + 1) == CLI_IO_NOMEM) {
                cli_error("out of memory");
                cli_input_close(&in);
                return EXIT_INTERNAL;
            }
        }
        if (in.err) {
            cli_error("%s: read error: %s", in.name, strerror(in.err));
            cli_input_close(&in);
            return EXIT_INPUT;
        }
        if (skip < in.len - in.pos && in.buf[in.pos + skip] == '{')
            kind = chr_format_detect(in.buf + in.pos, in.len - in.pos);
    }
    out_format fmt = r->format;
    if (fmt == OUT_DEFAULT)
        fmt = (r->several || kind == CHR_FORMAT_JSONL) ? OUT_JSONL : OUT_JSON;
    int rc = kind == CHR_FORMAT_JSONL ? run_jsonl(r, fmt, &in) : run_document(r, fmt, kind, &in);
    cli_input_close(&in);
    return rc;
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

static int parse_input(const char *v, chr_format *out) {
    if (strcmp(v, "auto") == 0)
        *out = CHR_FORMAT_AUTO;
    else if (strcmp(v, "text") == 0)
        *out = CHR_FORMAT_TEXT;
    else if (strcmp(v, "jsonl") == 0)
        *out = CHR_FORMAT_JSONL;
    else if (strcmp(v, "timeml") == 0)
        *out = CHR_FORMAT_TIMEML;
    else
        return -1;
    return 0;
}

int cli_extract(int argc, char **argv) {
    extract_run r;
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
            fputs(extract_usage, stdout);
            return fflush(stdout) == 0 ? EXIT_OK : EXIT_OUTPUT;
        } else if (cli_args_is(&a, "--pretty", NULL)) {
            r.pretty = 1;
        } else if (cli_args_is(&a, "--compact", NULL)) {
            r.pretty = 0;
        } else if (cli_args_is(&a, "--dct", NULL)) {
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            r.dct = v;
        } else if (cli_args_is(&a, "--format", NULL)) {
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            else if (parse_format(v, &r.format)) {
                cli_error("--format %s: expected json, jsonl or timeml", v);
                rc = EXIT_USAGE;
            }
        } else if (cli_args_is(&a, "--input", NULL)) {
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            else if (parse_input(v, &r.input)) {
                cli_error("--input %s: expected auto, text, jsonl or timeml", v);
                rc = EXIT_USAGE;
            }
        } else if (cli_args_is(&a, "--text-field", NULL)) {
            if (!(r.fields.text = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else if (cli_args_is(&a, "--date-field", NULL)) {
            if (!(r.fields.date = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else if (cli_args_is(&a, "--id-field", NULL)) {
            if (!(r.fields.id = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else if (cli_args_is(&a, "--rules", NULL)) {
            if (!(r.rules = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else if (cli_args_is(&a, "--output", "-o")) {
            if (!(r.output = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else {
            cli_error("extract: unknown option %s (try chronicle extract --help)", a.opt);
            rc = EXIT_USAGE;
        }
        if (rc == EXIT_OK && a.value &&
            (cli_args_is(&a, "--pretty", NULL) || cli_args_is(&a, "--compact", NULL))) {
            cli_error("option %s takes no value", a.opt);
            rc = EXIT_USAGE;
        }
    }
    cli_args_free(&a);
    if (rc != EXIT_OK) {
        free(files);
        return rc;
    }
    if (r.dct) {
        chr_time t;
        chr_error err;
        memset(&err, 0, sizeof err);
        int st = chr_time_parse_iso(&t, r.dct, strlen(r.dct), &err);
        if (st) {
            cli_error("--dct %s: %s", r.dct, cli_errmsg(&err, st));
            free(files);
            return EXIT_USAGE;
        }
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    r.several = nfiles > 1;

    if (cli_output_open(&r.out, r.output)) {
        free(files);
        return EXIT_OUTPUT;
    }
    for (size_t i = 0; i < nfiles && rc == EXIT_OK; i++)
        rc = run_input(&r, files[i]);
    int orc = cli_output_close(&r.out, rc == EXIT_OK);
    chr_engine_free(r.engine);
    free(files);
    if (rc == EXIT_OK && orc != EXIT_OK)
        rc = orc;
    if (rc == EXIT_OK && r.failed > 0)
        rc = EXIT_FAILED;
    return rc;
}
