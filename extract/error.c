/* error.c: filling the caller-owned chr_error record.
 *
 * Exports (internal.h): chr__error_set, chr__error_at. Both accept a NULL err, format a one-line
 * message (newlines become spaces) and return the code they were given, so that callers can write
 * `return chr__error_set(err, CHR_EJSON, "...")`. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static void fill(chr_error *err, int code, const char *file, int line, const char *fmt, va_list ap) {
    char *p;

    err->code = code;
    err->line = line;
    err->offset = 0;
    err->file[0] = '\0';
    if (file) {
        snprintf(err->file, sizeof err->file, "%s", file);
    }
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    for (p = err->message; *p; p++) {
        if (*p == '\n' || *p == '\r') {
            *p = ' ';
        }
    }
}

int chr__error_set(chr_error *err, int code, const char *fmt, ...) {
    va_list ap;

    if (!err) {
        return code;
    }
    va_start(ap, fmt);
    fill(err, code, NULL, 0, fmt, ap);
    va_end(ap);
    return code;
}

int chr__error_at(chr_error *err, int code, const char *file, int line, const char *fmt, ...) {
    va_list ap;

    if (!err) {
        return code;
    }
    va_start(ap, fmt);
    fill(err, code, file, line, fmt, ap);
    va_end(ap);
    return code;
}
