/* prefilterbin.c: a build-time tool, not installed: runs the prefilter analysis (extract/prefilter.c)
 * over the rules of a directory (extract/rules/en) and writes it, with the patterns it came from, in the
 * form chr__prefilter_load reads, for embedding into the binary as "prefilter.bin".
 *
 *   chr_prefilterbin RULES_DIR OUT
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

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: chr_prefilterbin RULES_DIR OUT\n");
        return 1;
    }
    chr_engine *e = calloc(1, sizeof *e);
    chr_error err = {0};
    if (!e) {
        fprintf(stderr, "chr_prefilterbin: out of memory\n");
        return 1;
    }
    if (chr__rules_load(e, argv[1], &err)) {
        fprintf(stderr, "chr_prefilterbin: %s:%d: %s\n", err.file[0] ? err.file : argv[1], err.line, err.message);
        return 1;
    }
    const char **patterns = malloc((e->nrules ? e->nrules : 1) * sizeof *patterns);
    unsigned char *bin = NULL;
    size_t n = 0;
    if (!patterns) {
        fprintf(stderr, "chr_prefilterbin: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < e->nrules; i++)
        patterns[i] = e->rules[i].pattern;
    if (chr__prefilter_save(&bin, &n, e->prefilter, patterns, e->nrules)) {
        fprintf(stderr, "chr_prefilterbin: out of memory\n");
        return 1;
    }
    FILE *o = fopen(argv[2], "wb");
    if (!o || fwrite(bin, 1, n, o) != n || fclose(o) != 0) {
        perror(argv[2]);
        return 1;
    }
    free(bin);
    free(patterns);
    chr__rules_free(e);
    free(e);
    return 0;
}
