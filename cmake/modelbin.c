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
#include "internal.h"

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
    char *data;
    size_t len;
    int rc = chr__file_slurp(f, (size_t)-1, &data, &len);
    fclose(f);
    if (rc) {
        fprintf(stderr, "chr_modelbin: %s: %s\n", argv[1],
                rc == CHR_ENOMEM ? "out of memory" : "cannot read");
        return 1;
    }
    chr__event_model *m = NULL;
    chr_error err = {0};
    if (chr__event_model_load(&m, data, len, argv[1], &err)) {
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
