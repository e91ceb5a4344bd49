/* rulesbin.c: a build-time tool, not installed: loads the rules of a directory (extract/rules/en) and
 * writes what start-up would otherwise work out again each time, each with the patterns it came from,
 * for embedding into the binary: the prefilter analysis (extract/prefilter.c, read back by
 * chr__prefilter_load) as "prefilter.bin", and the compiled PCRE2 codes (extract/codecache.c) as
 * "rules.pcre2".
 *
 *   chr_rulesbin RULES_DIR PREFILTER_OUT CODES_OUT
 *
 * It links the library's own rule loader and analysis (extract/rules.c, extract/prefilter.c), so the
 * patterns are expanded exactly as the library expands the embedded copies of the same files. Exit
 * status 0, or 1 with a message. */
#include <stdio.h>
#include <stdlib.h>

#include "engine.h"

/* This tool's own build of rules.c sees no embedded files (they are what it helps to make). */
const chr__builtin_file chr__builtin_rules[] = {{NULL, NULL, 0}};
const size_t chr__builtin_rules_count = 0;

static int write_file(const char *path, const unsigned char *b, size_t n) {
    FILE *o = fopen(path, "wb");
    if (!o || fwrite(b, 1, n, o) != n || fclose(o) != 0) {
        perror(path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: chr_rulesbin RULES_DIR PREFILTER_OUT CODES_OUT\n");
        return 1;
    }
    chr_engine *e = calloc(1, sizeof *e);
    chr_error err = {0};
    if (!e) {
        fprintf(stderr, "chr_rulesbin: out of memory\n");
        return 1;
    }
    if (chr__rules_load(e, argv[1], &err)) {
        fprintf(stderr, "chr_rulesbin: %s:%d: %s\n", err.file[0] ? err.file : argv[1], err.line, err.message);
        return 1;
    }
    const char **patterns = malloc((e->nrules ? e->nrules : 1) * sizeof *patterns);
    unsigned char *bin = NULL;
    size_t n = 0;
    if (!patterns) {
        fprintf(stderr, "chr_rulesbin: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < e->nrules; i++)
        patterns[i] = e->rules[i].pattern;
    if (chr__prefilter_save(&bin, &n, e->prefilter, patterns, e->nrules)) {
        fprintf(stderr, "chr_rulesbin: out of memory\n");
        return 1;
    }
    if (write_file(argv[2], bin, n))
        return 1;
    free(bin);
    if (chr__codes_save(&bin, &n, e)) {
        fprintf(stderr, "chr_rulesbin: cannot encode the compiled patterns\n");
        return 1;
    }
    if (write_file(argv[3], bin, n))
        return 1;
    free(bin);
    free(patterns);
    chr__rules_free(e);
    free(e);
    return 0;
}
