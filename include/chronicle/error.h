/* error.h: status codes and the caller-owned error record filled by fallible calls.
 *
 * Every fallible function returns 0 (CHR_OK) or a negative CHR_E* code and, when the caller passes a
 * non-NULL chr_error, writes a one-line message and, where it applies, the rule file and line or the
 * input offset. The library never prints and never exits. */
#ifndef CHRONICLE_ERROR_H
#define CHRONICLE_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    CHR_OK = 0,
    CHR_ENOMEM = -1,   /* out of memory */
    CHR_EINVAL = -2,   /* bad argument (NULL where not allowed, bad option value) */
    CHR_EUTF8 = -3,    /* input is not valid UTF-8 (or holds NUL bytes: binary) */
    CHR_EJSON = -4,    /* malformed JSON, or a record without the expected fields */
    CHR_EDATE = -5,    /* impossible or unparsable date */
    CHR_ERULE = -6,    /* a rule file is broken (file and line are set) */
    CHR_EIO = -7,      /* reading or writing failed */
    CHR_EFORMAT = -8,  /* malformed TimeML or other structured input */
    CHR_ETOOBIG = -9,  /* input larger than the library's limit */
    CHR_EEMPTY = -10,  /* empty input */
    CHR_ELIMIT = -11   /* a pattern hit its PCRE2 match limit */
};

typedef struct chr_error {
    int code;             /* the same negative code the call returned */
    char message[512];    /* one line, no trailing newline */
    char file[256];       /* rule file (or input name) the error is about, "" if none */
    int line;             /* 1-based line in that file, 0 if none */
    size_t offset;        /* byte offset into the input, where it applies */
} chr_error;

/* A short fixed name for a status code ("invalid UTF-8", ...). Never NULL. */
const char *chr_strerror(int code);

#ifdef __cplusplus
}
#endif
#endif
