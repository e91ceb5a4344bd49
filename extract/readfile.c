/* readfile.c: an open file read whole into memory, NUL-terminated, up to a bound: what loading a rules
 * directory, an events.model and a WordNet database each need.
 *
 * Exports chr__file_slurp (internal.h). */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

int chr__file_slurp(FILE *f, size_t max, char **out, size_t *len) {
    char *b = NULL;
    size_t n = 0, cap = 0;
    *out = NULL;
    *len = 0;
    for (;;) {
        if (n + 65536 + 1 > cap) {
            cap = cap ? cap * 2 : 1 << 20;
            char *p = realloc(b, cap);
            if (!p) {
                free(b);
                return CHR_ENOMEM;
            }
            b = p;
        }
        size_t got = fread(b + n, 1, cap - n - 1, f);
        n += got;
        if (n > max) {
            free(b);
            return CHR_ETOOBIG;
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(b);
        return CHR_EIO;
    }
    b[n] = '\0';
    *out = b;
    *len = n;
    return 0;
}
