/* rules_cmd.c: `chronicle rules check`, the self-test of the rules: every rule's example lines are
 * extracted and compared with the value they expect, and the rules tried at every position are named.
 * Exports cli_rules. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char rules_usage[] =
    "usage: chronicle rules check [--rules DIR]\n"
    "\n"
    "Run every rule's example lines (built-in rules, or the *.rules files of DIR) and print each\n"
    "failure as  file:line: \"text\": expected X, got Y  then  N passed, M failed.\n"
    "A rule tried at every position of every text (its pattern shows no string its matches begin\n"
    "with, or uses a construct the prefilter does not read, such as \\x{...}) is legal but slow: each\n"
    "gets a warning on stderr, which changes no exit status.\n"
    "\n"
    "Options:\n"
    "  --rules DIR   check the rules of DIR instead of the built-in ones\n"
    "  -h, --help    this help\n"
    "\n"
    "Exit status: 0 all examples pass; 1 some fail; 2 usage error; 4 broken rule file;\n"
    "5 cannot write output; 70 internal error.\n";

static void warn_unbounded(void *ctx, const char *file, int line, const char *name) {
    (void)ctx;
    cli_error("warning: %s:%d: rule %s is tried at every position of every text (slow): the prefilter "
              "finds no string its matches begin with",
              file ? file : "?", line, name ? name : "?");
}

static void report(void *ctx, const char *file, int line, const char *text, const char *expected,
                   const char *actual) {
    (void)ctx;
    printf("%s:%d: \"%s\": expected %s, got %s\n", file ? file : "?", line, text ? text : "",
           expected && expected[0] ? expected : "(nothing)", actual && actual[0] ? actual : "(nothing)");
}

int cli_rules(int argc, char **argv) {
    const char *rules = NULL;
    int check = 0;
    int rc = EXIT_OK;
    cli_args a;
    cli_args_init(&a, argc, argv);
    int k;
    while (rc == EXIT_OK && (k = cli_args_next(&a)) >= 0) {
        if (k == 0) {
            if (!check && strcmp(a.value, "check") == 0) {
                check = 1;
            } else {
                cli_error("rules: unknown command %s (try chronicle rules --help)", a.value);
                rc = EXIT_USAGE;
            }
        } else if (cli_args_is(&a, "--help", "-h")) {
            return cli_args_usage(&a, rules_usage);
        } else if (cli_args_is(&a, "--rules", NULL)) {
            if (!(rules = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else {
            cli_error("rules: unknown option %s (try chronicle rules --help)", a.opt);
            rc = EXIT_USAGE;
        }
    }
    cli_args_free(&a);
    if (rc == EXIT_OK && !check) {
        cli_error("rules: no subcommand; the one there is: check (try chronicle rules --help)");
        rc = EXIT_USAGE;
    }
    if (rc != EXIT_OK)
        return rc;

    chr_engine *engine = NULL;
    rc = cli_engine_new(&engine, rules);
    if (rc != EXIT_OK)
        return rc;
    size_t checked = 0;
    chr_engine_unbounded_rules(engine, warn_unbounded, NULL);
    int failed = chr_engine_check_examples(engine, report, NULL, &checked);
    chr_engine_free(engine);
    if (failed < 0) {
        fflush(stdout);
        cli_error("rules check: %s", chr_strerror(failed));
        return cli_exit_for(failed);
    }
    size_t nfailed = (size_t)failed;
    printf("%zu passed, %zu failed\n", checked >= nfailed ? checked - nfailed : 0, nfailed);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE)
            cli_error("stdout: write error: %s", strerror(errno));
        return EXIT_OUTPUT;
    }
    return failed ? EXIT_FAILED : EXIT_OK;
}
