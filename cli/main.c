/* main.c: the chronicle program's entry point: command dispatch, --help, --version, and the helpers
 * every command uses (messages on stderr, exit codes for library statuses, option parsing).
 * Exports main, cli_error, cli_warn, cli_exit_for, cli_errmsg, cli_engine_new and cli_args_*. */
#include <signal.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: chronicle COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Find the time expressions of news articles and normalize them to TimeML TIMEX3 values.\n"
    "\n"
    "Commands:\n"
    "  extract [OPTIONS] [FILE...]   time expressions of each document, as JSON, JSON Lines or TimeML\n"
    "  timeline [OPTIONS] [FILE...]  one chronology of the documents' events (merged across articles)\n"
    "                                --merge PART.json...: timelines of parts merged into the whole\n"
    "  compare [OPTIONS] FILE...     the chronologies of two or more articles side by side: the events\n"
    "                                each tells, date and order conflicts\n"
    "  render -o OUT [OPTIONS] [FILE...]   a chart of the timeline (PNG, SVG, PDF) drawn by gnuplot\n"
    "  eval [OPTIONS] GOLD...        TempEval-3 scores (time expressions, events) against gold TimeML;\n"
    "                                --timeline GOLD_DIR FILE...: SemEval-2015 Task 4 timelines\n"
    "  rules check [--rules DIR]     run every rule's example lines\n"
    "  train-events -o FILE [--epochs N] [--runs N] [--wordnet DIR] CORPUS...\n"
    "                                train the event model on gold TimeML\n"
    "\n"
    "Options:\n"
    "  -h, --help      this help; `chronicle COMMAND --help` for a command\n"
    "  -V, --version   the version\n"
    "\n"
    "Exit status:\n"
    "  0   success\n"
    "  1   some JSON Lines records failed (the output is still complete), or rule examples failed\n"
    "  2   usage error: bad option or argument, impossible --dct\n"
    "  3   input error: unreadable file, invalid UTF-8, binary data, empty input, malformed TimeML,\n"
    "      input over 64 MiB\n"
    "  4   rules error: a broken rule file (the message names file:line)\n"
    "  5   output error: cannot write the output, or the reader closed the pipe\n"
    "  6   render: gnuplot not found (the script and data file are written; install gnuplot-nox)\n"
    "  7   render: gnuplot failed or ran out of time (its error line is shown)\n"
    "  70  internal error (out of memory, a bug)\n";

static void vmessage(const char *kind, const char *fmt, va_list ap) {
    fflush(stdout);
    fputs("chronicle: ", stderr);
    if (kind)
        fputs(kind, stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vmessage(NULL, fmt, ap);
    va_end(ap);
}

void cli_warn(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning: ", fmt, ap);
    va_end(ap);
}

int cli_exit_for(int status) {
    switch (status) {
    case CHR_OK:
        return EXIT_OK;
    case CHR_EINVAL:
        return EXIT_USAGE;
    case CHR_EUTF8:
    case CHR_EJSON:
    case CHR_EDATE:
    case CHR_EFORMAT:
    case CHR_ETOOBIG:
    case CHR_EEMPTY:
    case CHR_ELIMIT:
        return EXIT_INPUT;
    case CHR_ERULE:
        return EXIT_RULES;
    case CHR_EIO:
        return EXIT_INPUT;
    default:
        return EXIT_INTERNAL;
    }
}

const char *cli_errmsg(const chr_error *err, int status) {
    if (err && err->message[0])
        return err->message;
    return chr_strerror(status);
}

int cli_engine_new(chr_engine **out, const char *rules) {
    chr_error err;
    memset(&err, 0, sizeof err);
    *out = NULL;
    int st = chr_engine_new(out, rules, &err);
    if (!st)
        return EXIT_OK;
    *out = NULL;
    const char *where = err.file[0] ? err.file : rules ? rules : "built-in rules";
    if (err.line > 0)
        cli_error("%s:%d: %s", where, err.line, cli_errmsg(&err, st));
    else
        cli_error("%s: %s", where, cli_errmsg(&err, st));
    return st == CHR_ENOMEM ? EXIT_INTERNAL : EXIT_RULES;
}

/* --- Options ------------------------------------------------------------------------------------ */

void cli_args_init(cli_args *a, int argc, char **argv) {
    memset(a, 0, sizeof *a);
    a->argc = argc;
    a->argv = argv;
    a->i = 1;
}

void cli_args_free(cli_args *a) {
    free(a->pending);
    a->pending = NULL;
    free(a->pos);
    a->pos = NULL;
    a->npos = 0;
}

int cli_args_start(cli_args *a, int argc, char **argv) {
    cli_args_init(a, argc, argv);
    a->pos = calloc((size_t)(argc > 0 ? argc : 1), sizeof *a->pos);
    if (!a->pos) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    return EXIT_OK;
}

int cli_args_option(cli_args *a) {
    int k;
    while ((k = cli_args_next(a)) == 0)
        a->pos[a->npos++] = a->value;
    return k > 0;
}

int cli_args_flag(const cli_args *a) {
    if (!a->value)
        return EXIT_OK;
    cli_error("option %s takes no value", a->opt);
    return EXIT_USAGE;
}

int cli_args_usage(cli_args *a, const char *usage) {
    cli_args_free(a);
    fputs(usage, stdout);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_OUTPUT;
}

int cli_args_next(cli_args *a) {
    free(a->pending);
    a->pending = NULL;
    a->opt = NULL;
    a->value = NULL;
    if (a->i >= a->argc)
        return -1;
    char *arg = a->argv[a->i++];
    if (a->dashdash || arg[0] != '-' || arg[1] == '\0') {
        a->value = arg; /* positional, "-" included */
        return 0;
    }
    if (strcmp(arg, "--") == 0) {
        a->dashdash = 1;
        return cli_args_next(a);
    }
    a->opt = arg;
    if (arg[1] == '-') {
        const char *eq = strchr(arg, '=');
        if (eq) {
            size_t n = (size_t)(eq - arg);
            a->pending = malloc(n + 1);
            if (!a->pending) {
                a->opt = arg;
                return 1;
            }
            memcpy(a->pending, arg, n);
            a->pending[n] = '\0';
            a->opt = a->pending;
            a->value = eq + 1;
        }
    } else if (arg[2] != '\0') {
        /* "-oFILE" */
        a->pending = malloc(3);
        if (a->pending) {
            memcpy(a->pending, arg, 2);
            a->pending[2] = '\0';
            a->opt = a->pending;
            a->value = arg + 2;
        }
    }
    return 1;
}

int cli_args_is(const cli_args *a, const char *long_name, const char *short_name) {
    return (long_name && strcmp(a->opt, long_name) == 0) || (short_name && strcmp(a->opt, short_name) == 0);
}

const char *cli_args_value(cli_args *a) {
    if (a->value)
        return a->value;
    if (a->i >= a->argc) {
        cli_error("option %s needs a value", a->opt);
        return NULL;
    }
    a->value = a->argv[a->i++];
    return a->value;
}

/* --- Dispatch ------------------------------------------------------------------------------------ */

int main(int argc, char **argv) {
    /* A closed pipe is a write error (EPIPE) that we report with exit 5, not a signal. */
    signal(SIGPIPE, SIG_IGN);
#if defined(__GLIBC__)
    /* Each document's scratch is freed before the next is read. glibc's defaults hand the top of the heap
     * back to the kernel once 128 KiB of it is free, and ask for it again at the next document: in a JSON
     * Lines archive that was 16,500 page faults and 1,300 brk calls for 16 MB of news, 12% of the run.
     * Keeping up to 32 MiB of freed heap (4 MiB asked for at a time) leaves 6,000 faults, the pages the
     * process touches once; peak memory is unchanged (bench/bench.py). */
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
    mallopt(M_TOP_PAD, 4 << 20);
#endif

    if (argc < 2) {
        cli_error("no command (try chronicle --help)");
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        if (argc > 2 && strcmp(cmd, "help") == 0) {
            char help[] = "--help";
            char *sub[] = {argv[2], help, NULL};
            if (strcmp(argv[2], "extract") == 0)
                return cli_extract(2, sub);
            if (strcmp(argv[2], "timeline") == 0)
                return cli_timeline(2, sub);
            if (strcmp(argv[2], "render") == 0)
                return cli_render(2, sub);
            if (strcmp(argv[2], "compare") == 0)
                return cli_compare(2, sub);
            if (strcmp(argv[2], "eval") == 0)
                return cli_eval(2, sub);
            if (strcmp(argv[2], "rules") == 0)
                return cli_rules(2, sub);
            if (strcmp(argv[2], "train-events") == 0)
                return cli_train_events(2, sub);
        }
        fputs(usage_text, stdout);
        return fflush(stdout) == 0 ? EXIT_OK : EXIT_OUTPUT;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("chronicle %s\n", CHR_VERSION);
        return fflush(stdout) == 0 ? EXIT_OK : EXIT_OUTPUT;
    }
    if (strcmp(cmd, "extract") == 0)
        return cli_extract(argc - 1, argv + 1);
    if (strcmp(cmd, "timeline") == 0)
        return cli_timeline(argc - 1, argv + 1);
    if (strcmp(cmd, "render") == 0)
        return cli_render(argc - 1, argv + 1);
    if (strcmp(cmd, "compare") == 0)
        return cli_compare(argc - 1, argv + 1);
    if (strcmp(cmd, "eval") == 0)
        return cli_eval(argc - 1, argv + 1);
    if (strcmp(cmd, "rules") == 0)
        return cli_rules(argc - 1, argv + 1);
    if (strcmp(cmd, "train-events") == 0)
        return cli_train_events(argc - 1, argv + 1);
    if (cmd[0] == '-')
        cli_error("unknown option %s (try chronicle --help)", cmd);
    else
        cli_error("unknown command %s (try chronicle --help)", cmd);
    return EXIT_USAGE;
}
