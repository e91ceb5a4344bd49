/* train_cmd.c: `chronicle train-events`, training the event model on gold TimeML.
 *
 * Collects the *.tml files of each directory (recursively, sorted by path) and the files named on the
 * command line, reads each as gold TimeML, reads the WordNet lexicon when --wordnet names a database
 * (chr_events_lexicon_wordnet), trains the averaged perceptron (chr_events_train_with) and writes the
 * model file to -o FILE, whole or not at all. Exports cli_train_events. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char train_usage[] =
    "usage: chronicle train-events -o FILE [--epochs N] [--runs N] [--wordnet DIR] CORPUS_DIR_OR_FILE...\n"
    "\n"
    "Train the event model (an averaged perceptron tagging each word as no event or one of the seven\n"
    "TimeML event classes) on gold TimeML: every *.tml file under each directory (recursively, sorted by\n"
    "path) and every file named. The same files give the same model, byte for byte. Put the model in a\n"
    "rules directory as events.model (`--rules DIR`), or in extract/rules/en/ to build it in.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE   where to write the model (required)\n"
    "  --epochs N          training passes over the data (default 10)\n"
    "  --runs N            perceptrons trained on differently shuffled passes and averaged, 1 to 100\n"
    "                      (default 5)\n"
    "  --wordnet DIR       a WordNet 3.0 database (Debian's wordnet-base: /usr/share/wordnet): its word\n"
    "                      lexicon goes into the model and the features read it (the shipped model has\n"
    "                      it); without, the model has no word lexicon\n"
    "  -h, --help          this help\n"
    "\n"
    "Exit status: 0 ok; 2 usage error; 3 a file is unreadable or malformed, or has no events, or the\n"
    "WordNet directory lacks a file or holds one that is not WordNet's;\n"
    "5 cannot write output; 70 internal error.\n";


static int read_doc(chr_doc **doc, const char *path) {
    char *buf = NULL;
    size_t len = 0;
    int err_no = 0;
    int r = cli_read_file(path, CLI_MAX_INPUT, &buf, &len, &err_no);
    if (r == CLI_IO_NOMEM) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    if (r) {
        cli_error("%s: %s", path, r == CLI_IO_TOOBIG ? "input over 64 MiB" : strerror(err_no));
        return EXIT_INPUT;
    }
    chr_error err;
    memset(&err, 0, sizeof err);
    int st = chr_doc_from_timeml(doc, buf, len, &err);
    free(buf);
    if (st) {
        cli_error("%s: %s", path, cli_errmsg(&err, st));
        return cli_exit_for(st);
    }
    return EXIT_OK;
}

int cli_train_events(int argc, char **argv) {
    const char *output = NULL, *wordnet = NULL;
    long epochs = 10, runs = 5;
    cli_paths files = {0};
    int rc = EXIT_OK;
    cli_args a;
    cli_args_init(&a, argc, argv);
    int k;
    while (rc == EXIT_OK && (k = cli_args_next(&a)) >= 0) {
        if (k == 0) {
            rc = cli_tml_add(&files, a.value);
        } else if (cli_args_is(&a, "--help", "-h")) {
            cli_args_free(&a);
            cli_paths_free(&files);
            fputs(train_usage, stdout);
            return fflush(stdout) == 0 ? EXIT_OK : EXIT_OUTPUT;
        } else if (cli_args_is(&a, "--output", "-o")) {
            if (!(output = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else if (cli_args_is(&a, "--wordnet", NULL)) {
            if (!(wordnet = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else if (cli_args_is(&a, "--epochs", NULL) || cli_args_is(&a, "--runs", NULL)) {
            int is_runs = cli_args_is(&a, "--runs", NULL);
            const char *v = cli_args_value(&a);
            char *end = NULL;
            long max = is_runs ? 100 : 1000, x = 0;
            if (!v) {
                rc = EXIT_USAGE;
            } else {
                errno = 0;
                x = strtol(v, &end, 10);
                if (errno || end == v || *end || x < 1 || x > max) {
                    cli_error("train-events: %s wants a number from 1 to %ld, not \"%s\"",
                              is_runs ? "--runs" : "--epochs", max, v);
                    rc = EXIT_USAGE;
                } else if (is_runs) {
                    runs = x;
                } else {
                    epochs = x;
                }
            }
        } else {
            cli_error("train-events: unknown option %s (try chronicle train-events --help)", a.opt);
            rc = EXIT_USAGE;
        }
    }
    cli_args_free(&a);
    if (rc == EXIT_OK && !output) {
        cli_error("train-events: no output file (-o FILE)");
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK && files.n == 0) {
        cli_error("train-events: no TimeML files (give corpus directories or .tml files)");
        rc = EXIT_USAGE;
    }
    chr_doc **docs = NULL;
    size_t ndocs = 0;
    if (rc == EXIT_OK) {
        docs = calloc(files.n, sizeof *docs);
        if (!docs) {
            cli_error("out of memory");
            rc = EXIT_INTERNAL;
        }
    }
    for (size_t i = 0; rc == EXIT_OK && i < files.n; i++) {
        rc = read_doc(&docs[i], files.v[i]);
        if (rc == EXIT_OK)
            ndocs++;
    }
    char *model = NULL, *lexicon = NULL;
    size_t model_len = 0, lexicon_len = 0;
    if (rc == EXIT_OK && wordnet) {
        chr_error err;
        memset(&err, 0, sizeof err);
        int st = chr_events_lexicon_wordnet(&lexicon, &lexicon_len, wordnet, &err);
        if (st) {
            cli_error("train-events: --wordnet: %s", cli_errmsg(&err, st));
            rc = st == CHR_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
        }
    }
    if (rc == EXIT_OK) {
        chr_error err;
        memset(&err, 0, sizeof err);
        chr_train_options opts = {(int)epochs, (int)runs, lexicon, lexicon_len};
        int st = chr_events_train_with(&model, &model_len, (const chr_doc *const *)docs, ndocs, &opts, &err);
        if (st) {
            cli_error("train-events: %s", cli_errmsg(&err, st));
            rc = st == CHR_EINVAL ? EXIT_INPUT : cli_exit_for(st);
        }
    }
    if (rc == EXIT_OK) {
        cli_output out;
        if (cli_output_open(&out, output) != 0) {
            rc = EXIT_OUTPUT;
        } else {
            cli_output_write(&out, model, model_len);
            rc = cli_output_close(&out, 1);
        }
    }
    free(model);
    free(lexicon);
    for (size_t i = 0; i < ndocs; i++)
        chr_doc_free(docs[i]);
    free(docs);
    cli_paths_free(&files);
    return rc;
}
