/* cli.h: what the files of the `chronicle` program share: exit codes, the commands, option parsing,
 * input reading (io.c), documents read and extracted for extract and timeline (docread.c) and output that
 * is whole or nothing (io.c). The program is a client of the public
 * API only: it includes <chronicle/chronicle.h>, never the library's internal headers. */
#ifndef CHRONICLE_CLI_H
#define CHRONICLE_CLI_H

#include <chronicle/chronicle.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes, documented in --help, README.md and docs/chronicle.1. */
enum {
    EXIT_OK = 0,
    EXIT_FAILED = 1,   /* some JSON Lines records failed (output complete), or rule examples failed */
    EXIT_USAGE = 2,    /* bad option or argument, impossible --dct */
    EXIT_INPUT = 3,    /* unreadable, invalid UTF-8, binary, empty, malformed TimeML, too big */
    EXIT_RULES = 4,    /* a broken rule file */
    EXIT_OUTPUT = 5,   /* cannot write the output (including a closed pipe) */
    EXIT_NO_GNUPLOT = 6, /* render: gnuplot not found (the script and data are written) */
    EXIT_GNUPLOT = 7,  /* render: gnuplot failed or ran out of time */
    EXIT_INTERNAL = 70 /* out of memory, or a bug */
};

/* Largest single document, and largest JSON Lines record. */
#define CLI_MAX_INPUT ((size_t)64 * 1024 * 1024) /* one document: no article is this long */

/* Commands: argv[0] is the command name. They return an exit code. */
int cli_extract(int argc, char **argv);
int cli_eval(int argc, char **argv);
int cli_eval_timeline(int argc, char **argv); /* eval --timeline: called by cli_eval */
int cli_compare(int argc, char **argv);
int cli_rules(int argc, char **argv);
int cli_timeline(int argc, char **argv);
int cli_render(int argc, char **argv);
int cli_train_events(int argc, char **argv);

/* Messages on stderr, prefixed "chronicle: ". */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Exit code for a library status (CHR_ENOMEM -> EXIT_INTERNAL, CHR_ERULE -> EXIT_RULES, ...). */
int cli_exit_for(int status);
/* The message of err, or the generic name of the status when the library left it empty. */
const char *cli_errmsg(const chr_error *err, int status);

/* Compile the rules (built-in when rules is NULL). Returns EXIT_OK, or EXIT_RULES / EXIT_INTERNAL with
 * the error printed as "chronicle: FILE:LINE: message". */
int cli_engine_new(chr_engine **out, const char *rules);

/* Option parsing, getopt-like but for long options: "--name VALUE", "--name=VALUE", "-o VALUE",
 * "-oVALUE", "--" ends options. */
typedef struct cli_args {
    int argc, i;
    char **argv;
    const char *opt;   /* the option being looked at, as written */
    const char *value; /* its value when it had one */
    char *pending;     /* "--name=VALUE" split: heap copy of the name */
    int dashdash;      /* "--" seen: the rest is positional */
    const char **pos;  /* with cli_args_start: the positional arguments, in order */
    size_t npos;
} cli_args;

void cli_args_init(cli_args *a, int argc, char **argv); /* argv[0] is skipped */
/* Next argument: 1 = an option in a->opt, 0 = a positional argument in a->value, -1 = done. */
int cli_args_next(cli_args *a);
/* The loop of a command that takes files: cli_args_start (EXIT_OK, or EXIT_INTERNAL with the error
 * printed), then cli_args_option until it returns 0; it returns 1 for each option, in a->opt, and keeps
 * the positional arguments in a->pos / a->npos until cli_args_free. */
int cli_args_start(cli_args *a, int argc, char **argv);
int cli_args_option(cli_args *a);
int cli_args_is(const cli_args *a, const char *long_name, const char *short_name);
/* Take the option's value; on a missing value prints a usage error and returns NULL. */
const char *cli_args_value(cli_args *a);
/* For an option that takes no value: EXIT_OK, or EXIT_USAGE with the error printed ("--pretty=yes"). */
int cli_args_flag(const cli_args *a);
/* "--help": frees a, prints usage on stdout; EXIT_OK, or EXIT_OUTPUT when stdout fails. */
int cli_args_usage(cli_args *a, const char *usage);
void cli_args_free(cli_args *a);

/* --- Input (io.c) -------------------------------------------------------------------------------- */

typedef struct cli_input {
    const char *path; /* as given; "-" is stdin */
    const char *name; /* for messages and ids: the path, or "stdin" */
    FILE *fp;
    char *buf; /* buf[pos..len) is read but not consumed */
    size_t cap, pos, len;
    int eof;
    int err;            /* errno of a read error, 0 if none */
    unsigned long line; /* number of the line last returned by cli_input_line */
} cli_input;

/* Statuses of the input functions besides 0 */
#define CLI_IO_ERROR (-1)  /* read error: in->err holds errno */
#define CLI_IO_TOOBIG (-2) /* over the limit */
#define CLI_IO_NOMEM (-3)

/* Open path ("-" = stdin). Returns 0 or CLI_IO_ERROR. */
int cli_input_open(cli_input *in, const char *path);
/* Make at least want bytes (or all, at end of input) available in in->buf[in->pos..in->len). */
int cli_input_fill(cli_input *in, size_t want);
/* Read everything that remains into a malloc'ed, NUL-terminated buffer, refusing more than limit. */
int cli_input_all(cli_input *in, size_t limit, char **out, size_t *len);
/* Next line without its newline (and without a trailing CR), into in->buf: valid until the next call.
 * Returns 1 with a line, 0 at end of input, CLI_IO_TOOBIG when the line is longer than limit (it is
 * skipped and counted), or another negative status. */
int cli_input_line(cli_input *in, size_t limit, const char **line, size_t *len);
void cli_input_close(cli_input *in);

/* The last component of a path. */
const char *cli_basename(const char *path);
/* Read a whole named file ("-" = stdin): 0, CLI_IO_ERROR (errno in *err_no), CLI_IO_TOOBIG, CLI_IO_NOMEM. */
int cli_read_file(const char *path, size_t limit, char **out, size_t *len, int *err_no);

/* --- Output (io.c) ------------------------------------------------------------------------------- */

/* Standard output, or -o FILE: a regular file is written to a temporary file beside it and renamed
 * into place on success, so it is written whole or not at all. */
typedef struct cli_output {
    FILE *fp;
    const char *path; /* NULL: stdout */
    char *tmp;        /* temporary file, or NULL when writing in place */
    int err;          /* errno of the first write error */
} cli_output;

/* 0, or -1 with an error printed. */
int cli_output_open(cli_output *out, const char *path);
/* 0, or -1 once a write has failed (out->err set); later writes do nothing. */
int cli_output_write(cli_output *out, const void *data, size_t len);
/* Hand what is buffered to the system (before waiting for input). 0, or -1 on a write error. */
int cli_output_flush(cli_output *out);
/* Flush and, when commit, move into place; otherwise remove the temporary file. Returns EXIT_OK or
 * EXIT_OUTPUT (error printed; a closed pipe is quiet). */
int cli_output_close(cli_output *out, int commit);

/* --- Documents (docread.c): what extract and timeline share ------------------------------------- */

/* The input options and the state of a run over documents. Zero it, then set what the options say. */
typedef struct cli_docs {
    const char *dct;        /* --dct, or NULL */
    chr_format input;       /* --input (CHR_FORMAT_AUTO: by content) */
    chr_json_fields fields; /* --text-field, --date-field, --id-field */
    const char *rules;      /* --rules, or NULL for the built-in rules */
    chr_engine *engine;     /* compiled when the first document needs it */
    chr_scratch *scratch;   /* the thread's scratch, made with the engine (NULL: none, results the same) */
    int warned_no_dct;      /* the one "no document date" warning has been given */
    size_t failed;          /* JSON Lines records that failed */
    int fatal;              /* an error that ends the run has been reported */
    unsigned jobs;          /* -j: worker threads for JSON Lines records (0 or 1: none) */
} cli_docs;

/* What a command does with each document. kind is the input's format (CHR_FORMAT_JSONL for a record).
 * doc returns 0 or an exit code (EXIT_OUTPUT: stop at once; others: err says why, and the document is
 * reported as failed). bad_record (may be NULL) is called after a bad JSON Lines record has been
 * reported on stderr; it returns 0 or an exit code that ends the run. out (may be NULL) is flushed before
 * waiting for more of a stream. render (may be NULL) renders a document into a malloc'ed buffer that
 * is then written to out as it is; it must touch nothing shared, since with d->jobs > 1 the worker
 * threads call it at the same time (docjobs.c), and it returns 0 or an exit code like doc. */
typedef struct cli_docs_sink {
    void *ctx;
    int (*doc)(void *ctx, chr_format kind, const chr_doc *doc, const chr_result *res, chr_error *err);
    int (*bad_record)(void *ctx, unsigned long line, const char *msg);
    cli_output *out;
    int (*render)(void *ctx, chr_format kind, const chr_doc *doc, const chr_result *res, char **buf,
                  size_t *len, chr_error *err);
} cli_docs_sink;

/* The --help lines of the options cli_docs_option takes, for the commands that read documents. */
#define CLI_DOCS_HELP \
    "  --dct DATE          document creation time (ISO 8601: 2014-12-03, 2014-12-03T20:58-05:00);\n" \
    "                      overrides any date found in the input\n" \
    "  --input FMT         input: auto (default: by content), text, jsonl, timeml\n" \
    "  --text-field F      JSON Lines: field holding the text (default: text, body, content, maintext)\n" \
    "  --date-field F      JSON Lines: field holding the date (default: dct, date, published,\n" \
    "                      date_publish, datePublished)\n" \
    "  --id-field F        JSON Lines: field holding the id (default: id, url)\n" \
    "  --rules DIR         load the rules from DIR instead of the built-in ones\n"

/* If a->opt is one of the shared input options, take it (and its value) and return 1; *rc becomes
 * EXIT_USAGE on a missing or bad value. Returns 0 for any other option. */
int cli_docs_option(cli_docs *d, cli_args *a, int *rc);
/* Check the options once parsed (an impossible --dct): EXIT_OK or EXIT_USAGE with the message printed. */
int cli_docs_check(const cli_docs *d);
/* Read every document of path ("-" = stdin) and hand each to sink. Returns EXIT_OK or an exit code with
 * the error printed; failed JSON Lines records are counted in d->failed and do not stop the run. */
int cli_docs_read(cli_docs *d, const char *path, const cli_docs_sink *sink);
void cli_docs_free(cli_docs *d);
/* docjobs.c: a JSON Lines stream extracted by d->jobs worker threads (sink->render must be set), with
 * the same output, messages and exit code as one thread, in input order. Returns like cli_docs_read. */
int cli_docs_jsonl_jobs(cli_docs *d, const cli_docs_sink *sink, cli_input *in);
/* The id of a record without one: BASE:LINE ("stdin:3"). */
void cli_docs_record_id(char *id, size_t size, const cli_input *in, unsigned long line);

/* tmlfiles.c: lists of paths, and the TimeML files an argument names (a directory: every *.tml under
 * it, sorted; else the file). cli_tml_add returns an exit code and prints its errors. */
typedef struct cli_paths {
    char **v;
    size_t n, cap;
} cli_paths;
int cli_paths_add(cli_paths *p, const char *s);
void cli_paths_free(cli_paths *p);
int cli_tml_add(cli_paths *out, const char *arg);
/* The same for any documents: a directory stands for every file under it not starting with '.'; "-"
 * (stdin) for itself. */
int cli_files_add(cli_paths *out, const char *arg);

/* spawn.c: run a program without a shell, with a time limit. cli_find_program looks name up on PATH
 * (or takes it as a path when it has a '/'): 0 with the path in path, -1 when there is none. cli_spawn
 * runs path with argv (stdin /dev/null, output captured): 0 when it exited 0, else -1 with one line in
 * r->message (the program's error line, or why it could not run or was stopped). */
typedef struct cli_spawn_result {
    int status;    /* exit status, -1 when it did not exit */
    int timed_out; /* stopped after the time limit */
    char message[512];
} cli_spawn_result;
int cli_find_program(const char *name, char *path, size_t n);
int cli_spawn(const char *path, char *const argv[], int timeout, cli_spawn_result *r);

#endif
