/* modelbin.c: a build-time tool, not installed: compiles the event model (extract/rules/en/events.model,
 * text) into the form the library reads without parsing, for embedding into the binary.
 *
 *   chr_modelbin events.model events.model.bin
 *
 * It links the library's own model loader (extract/model.c), so the hashes in the output are the ones
 * the library computes. Exit status 0, or 1 with a message. */
#include <stdio.h>
#include <stdlib.h>

#include "events.h"

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: chr_modelbin MODEL OUT\n");
        return 1;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 65536 > cap) {
            cap = cap ? cap * 2 : 1 << 20;
            char *p = realloc(data, cap);
            if (!p) {
                fprintf(stderr, "chr_modelbin: out of memory\n");
                return 1;
            }
            data = p;
        }
        size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    fclose(f);
    chr__event_model *m = NULL;
    chr_error err = {0};
    if (chr__event_model_load(&m, data ? data : "", len, argv[1], &err)) {
        fprintf(stderr, "chr_modelbin: %s:%d: %s\n", argv[1], err.line, err.message);
        return 1;
    }
    char *bin;
    size_t n;
    if (chr__event_model_save_bin(&bin, &n, m)) {
        fprintf(stderr, "chr_modelbin: out of memory\n");
        return 1;
    }
    FILE *o = fopen(argv[2], "wb");
    if (!o || fwrite(bin, 1, n, o) != n || fclose(o) != 0) {
        perror(argv[2]);
        return 1;
    }
    free(bin);
    free(data);
    chr__event_model_free(m);
    return 0;
}
