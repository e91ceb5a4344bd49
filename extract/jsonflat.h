/* jsonflat.h: a lean reader for the common JSON Lines record (extract/jsonflat.c): one object whose
 * members are strings, small integers, true, false or null. It takes a record only when jansson would
 * read it to the same values, and says "not mine" for anything else (nesting, reals, long integers,
 * \u0000, lone surrogates, any syntax error), so that the caller hands that record to jansson, which
 * then gives its usual values or its usual error. Not installed. */
#ifndef CHRONICLE_JSONFLAT_H
#define CHRONICLE_JSONFLAT_H

#include <stddef.h>

#include <jansson.h>

/* One value: a jansson type and, by type, the string (decoded, NUL-terminated, no NUL inside), the
 * integer or the real. */
typedef struct chr__jvalue {
    json_type type;
    const char *s;
    size_t n;
    json_int_t i;
    double d;
} chr__jvalue;

#define CHR__JSONFLAT_MAX 64 /* members; a record with more goes to jansson */

typedef struct chr__jsonflat {
    char *buf; /* the decoded keys and strings */
    size_t n;
    int ascii; /* a line taken: every byte of it is below 0x80 (escapes are ASCII) */
    struct {
        const char *key;
        size_t klen;
        chr__jvalue v;
    } m[CHR__JSONFLAT_MAX];
    char own[8192]; /* buf for a line that fits (99 in 100 news records), with no malloc */
} chr__jsonflat;

/* 1: s[0..len) is one such object, now in *out (free it with chr__jsonflat_free); 0: it is not (nothing
 * to free); CHR_ENOMEM. s need not be UTF-8: a string's bytes are taken as they are, so that the caller
 * may check the line only when out->ascii is 0. */
int chr__jsonflat_parse(chr__jsonflat *out, const char *s, size_t len);
/* The value of member name (the last one of that name, as jansson keeps it), or NULL. */
const chr__jvalue *chr__jsonflat_get(const chr__jsonflat *r, const char *name);
void chr__jsonflat_free(chr__jsonflat *r);

#endif
