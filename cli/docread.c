/* docread.c: reading documents for the commands that extract from them (extract, timeline).
 *
 * The input options they share (--dct, --input, --text-field, --date-field, --id-field, --rules), and a
 * walk over one FILE: plain text or TimeML read whole, JSON Lines streamed record by record (detected by
 * content unless --input says). Each document gets its id (the record's, the TimeML DOCID, else the
 * file's base name, FILE:LINE for a record) and its DCT (--dct, else the record's or the TimeML one, else a
 * dateline in the text; one warning per run when there is none), is extracted, and handed to the
 * command's callback. A bad JSON Lines record is reported on stderr, counted, and handed to the command's
 * record callback (extract writes an error record in its place). Exports cli_docs_*. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

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

int cli_docs_option(cli_docs *d, cli_args *a, int *rc) {
    const char *v;
    if (cli_args_is(a, "--dct", NULL)) {
        if (!(d->dct = cli_args_value(a)))
            *rc = EXIT_USAGE;
    } else if (cli_args_is(a, "--input", NULL)) {
        if (!(v = cli_args_value(a)))
            *rc = EXIT_USAGE;
        else if (parse_input(v, &d->input)) {
            cli_error("--input %s: expected auto, text, jsonl or timeml", v);
            *rc = EXIT_USAGE;
        }
    } else if (cli_args_is(a, "--text-field", NULL)) {
        if (!(d->fields.text = cli_args_value(a)))
            *rc = EXIT_USAGE;
    } else if (cli_args_is(a, "--date-field", NULL)) {
        if (!(d->fields.date = cli_args_value(a)))
            *rc = EXIT_USAGE;
    } else if (cli_args_is(a, "--id-field", NULL)) {
        if (!(d->fields.id = cli_args_value(a)))
            *rc = EXIT_USAGE;
    } else if (cli_args_is(a, "--rules", NULL)) {
        if (!(d->rules = cli_args_value(a)))
            *rc = EXIT_USAGE;
    } else {
        return 0;
    }
    return 1;
}

int cli_docs_check(const cli_docs *d) {
    if (d->dct) {
        chr_time t;
        chr_error err;
        memset(&err, 0, sizeof err);
        int st = chr_time_parse_iso(&t, d->dct, strlen(d->dct), &err);
        if (st) {
            cli_error("--dct %s: %s", d->dct, cli_errmsg(&err, st));
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

void cli_docs_free(cli_docs *d) {
    chr_scratch_free(d->scratch);
    d->scratch = NULL;
    chr_engine_free(d->engine);
    d->engine = NULL;
}

/* Set the DCT, extract and hand one document to the command. On failure returns an exit code and fills
 * err (for document errors) so that the caller reports them its way. The document is named in a warning
 * as file name, or name:line for the JSON Lines record at line (line > 0): put together only then, as a
 * snprintf a record cost some 1 K instructions. */
static int process_doc(cli_docs *d, const cli_docs_sink *sink, chr_format kind, chr_doc *doc,
                       const char *name, unsigned long line, chr_error *err) {
    memset(err, 0, sizeof *err);
    int st;
    if (d->dct) {
        st = chr_doc_set_dct(doc, d->dct, CHR_DCT_OPTION, err);
        if (st)
            return cli_exit_for(st);
    }
    /* The engine is compiled when the first document needs it: bad input is reported as such even when
     * the rules are broken (and a broken rule file is the only message, before any warning). */
    if (!d->engine) {
        int erc = cli_engine_new(&d->engine, d->rules);
        if (erc) {
            d->fatal = 1;
            return erc;
        }
    }
    if (!d->dct) {
        chr_time t;
        if (chr_doc_dct(doc, &t) == CHR_DCT_NONE && !chr_doc_find_dct(doc) && !d->warned_no_dct) {
            char where[300];
            if (line)
                snprintf(where, sizeof where, "%s:%lu", name, line);
            cli_warn("no document date for %s; relative expressions left underspecified (%s gives one)",
                     line ? where : name,
                     kind == CHR_FORMAT_JSONL ? "--dct or --date-field" : "--dct");
            d->warned_no_dct = 1;
        }
    }
    chr_result *res = NULL;
    if (!d->scratch) /* left NULL when out of memory: extraction goes on without it, same results */
        chr_scratch_new(&d->scratch, d->engine, NULL);
    st = chr_extract_with(&res, d->engine, d->scratch, doc, err);
    if (st)
        return cli_exit_for(st);
    int rc = sink->doc(sink->ctx, kind, doc, res, err);
    chr_result_free(res);
    return rc;
}

void cli_docs_record_id(char *id, size_t size, const cli_input *in, unsigned long line) {
    snprintf(id, size, "%s:%lu", strcmp(in->path, "-") == 0 ? "stdin" : cli_basename(in->path), line);
}

/* A JSON Lines stream: one document per non-blank input line. */
static int run_jsonl(cli_docs *d, const cli_docs_sink *sink, cli_input *in) {
    size_t records = 0;
    for (;;) {
        const char *line;
        size_t len;
        /* About to wait for more input: let the reader have what is done so far. */
        if (sink->out && (!in->buf || !memchr(in->buf + in->pos, '\n', in->len - in->pos))) {
            if (cli_output_flush(sink->out))
                return EXIT_OUTPUT;
        }
        int got = cli_input_line(in, CLI_MAX_INPUT, &line, &len);
        if (got == 0)
            break;
        char msg[600];
        msg[0] = '\0';
        int rc = 0;
        if (got == CLI_IO_TOOBIG) {
            snprintf(msg, sizeof msg, "record too big (over 64 MiB)");
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
            int st = chr_doc_from_json(&doc, line, len, &d->fields, &err);
            if (st) {
                rc = cli_exit_for(st);
            } else {
                if (!chr_doc_id(doc)[0]) {
                    char id[300];
                    cli_docs_record_id(id, sizeof id, in, in->line);
                    chr_doc_set_id(doc, id);
                }
                rc = process_doc(d, sink, CHR_FORMAT_JSONL, doc, in->name, in->line, &err);
                chr_doc_free(doc);
            }
            if (rc == EXIT_OUTPUT || d->fatal)
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
            d->failed++;
            cli_error("%s:%lu: %s", in->name, in->line, msg);
            int wrc = sink->bad_record ? sink->bad_record(sink->ctx, in->line, msg) : 0;
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
static int run_document(cli_docs *d, const cli_docs_sink *sink, chr_format kind, cli_input *in) {
    char *buf = NULL;
    size_t len = 0;
    int got = cli_input_all(in, CLI_MAX_INPUT, &buf, &len);
    if (got == CLI_IO_TOOBIG) {
        cli_error("%s: input too big (over 64 MiB)", in->name);
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
    int rc = process_doc(d, sink, kind, doc, in->name, 0, &err);
    chr_doc_free(doc);
    if (rc && rc != EXIT_OUTPUT && !d->fatal)
        cli_error("%s: %s", in->name, cli_errmsg(&err, err.code));
    return rc;
}

int cli_docs_read(cli_docs *d, const char *path, const cli_docs_sink *sink) {
    cli_input in;
    if (cli_input_open(&in, path)) {
        cli_error("%s: cannot read: %s", path, strerror(in.err));
        return EXIT_INPUT;
    }
    chr_format kind = d->input;
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
    int rc;
    if (kind == CHR_FORMAT_JSONL)
        rc = d->jobs > 1 && sink->render ? cli_docs_jsonl_jobs(d, sink, &in) : run_jsonl(d, sink, &in);
    else
        rc = run_document(d, sink, kind, &in);
    cli_input_close(&in);
    return rc;
}
