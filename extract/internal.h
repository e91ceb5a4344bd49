/* internal.h: what the library's files share and the public API does not show: the layout of a
 * document, error helpers, and the built-in rule files. Not installed. */
#ifndef CHRONICLE_INTERNAL_H
#define CHRONICLE_INTERNAL_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <stdint.h>
#include "chronicle/chronicle.h"

struct chr_doc {
    char *text;          /* NUL-terminated copy, valid UTF-8, no NUL bytes inside */
    size_t len;
    char *id;            /* never NULL once built ("" when none) */
    chr_format format;
    chr_time dct;        /* gran NONE when there is none */
    chr_dct_source dct_source;
    /* TimeML only */
    char *raw;           /* the whole original file */
    size_t raw_len, text_begin, text_end;
    chr_timex *gold;
    size_t ngold;
    chr_event *gold_events;  /* TimeML EVENTs with their MAKEINSTANCE attributes; actor/summary "" */
    size_t ngold_events;
    chr_tlink *gold_tlinks;  /* TimeML TLINKs between an event instance and a timex (or t0) */
    size_t ngold_tlinks;
    /* lazily built code point index: cp_at[i] = code points before byte i * CHR__CP_STEP */
    size_t *cp_index;
};

#define CHR__CP_STEP 64
/* chr_doc_cp_offset, inline in its usual case: an offset in a block of CHR__CP_STEP code points (ASCII),
 * where each byte starts one. The extractor asks for four offsets an event. */
static inline size_t chr__doc_cp(const chr_doc *doc, size_t byte_offset) {
    const size_t *idx = doc->cp_index;
    size_t block = byte_offset / CHR__CP_STEP;
    if (idx && block < doc->len / CHR__CP_STEP && idx[block + 1] - idx[block] == CHR__CP_STEP)
        return idx[block] + byte_offset % CHR__CP_STEP;
    return chr_doc_cp_offset(doc, byte_offset);
}

/* The n ASCII digits at s as a number, or -1 when one of them is not a digit (n at most 9). */
static inline int chr__digits(const char *s, int n) {
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        x = x * 10 + (s[i] - '0');
    }
    return x;
}

/* Fill err (when not NULL) and return code. printf-style message. */
int chr__error_set(chr_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int chr__error_at(chr_error *err, int code, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Allocate an empty document owning a copy of text (NUL-terminated); no validation. */
chr_doc *chr__doc_alloc(const char *text, size_t len);
/* chr_doc_from_text for text the caller has already shown to be valid UTF-8 without NUL bytes (a string
 * the JSON Lines reader decoded from a checked line): the same but for the check. */
int chr__doc_from_utf8(chr_doc **out, const char *text, size_t len, chr_error *err);

/* 0 if text is valid UTF-8 without NUL bytes, else CHR_EUTF8 with *bad set to the offending offset. */
int chr__utf8_check(const char *s, size_t len, size_t *bad);
/* Number of code points in s[0..len). */
size_t chr__utf8_count(const char *s, size_t len);

/* The class of a byte (utf8.c): ASCII letter or digit, ASCII white space (' ', \t, \n, \v, \f, \r: what
 * isspace says in the C locale). A table, not comparisons: the tokenizer asks for every byte. */
enum { CHR__ASCII_ALNUM = 1, CHR__ASCII_SPACE = 2 };
extern const unsigned char chr__ascii_class[256];
static inline int chr__ascii_alnum(unsigned char c) { return chr__ascii_class[c] == CHR__ASCII_ALNUM; }
static inline int chr__ascii_space(unsigned char c) { return chr__ascii_class[c] == CHR__ASCII_SPACE; }
/* How many of the four bytes from s[i] are ASCII letters or digits before the first that is none (4: all). */
static inline size_t chr__ascii_alnum4(const unsigned char *s, size_t i)
{
    return !chr__ascii_alnum(s[i])       ? 0
           : !chr__ascii_alnum(s[i + 1]) ? 1
           : !chr__ascii_alnum(s[i + 2]) ? 2
           : !chr__ascii_alnum(s[i + 3]) ? 3
                                         : 4;
}

/* The end of the run of ASCII letters and digits from s[i] (i itself when s[i] is none), before len. The
 * tokenizer skips every word with it: four bytes to one test of the length. */
static inline size_t chr__ascii_alnum_end(const unsigned char *s, size_t i, size_t len)
{
    for (; len - i >= 4; i += 4) {
        size_t k = chr__ascii_alnum4(s, i);
        if (k < 4)
            return i + k;
    }
    while (i < len && chr__ascii_alnum(s[i]))
        i++;
    return i;
}
/* Whether s[0..n) opens with U+2019, the typographic apostrophe ("it’s", "n’t"), which the tokenizer, the
 * event model's words and the linker's word lists read as '. */
static inline int chr__utf8_rsquo(const unsigned char *s, size_t n)
{
    return n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99;
}
/* The TIMEX3 value v (a date or a time) against the DCT value d, compared on the digits and dashes they
 * share: < 0 before ("2014-11-28" and "2014-12-03T20:58"), > 0 after, 0 the same or not comparable
 * ("2014-Q4" is compared on "2014-" alone; fewer than 4 shared characters compare nothing). */
static inline int chr__value_vs_dct(const char *v, const char *d)
{
    size_t n = 0;
    while (v[n] && d[n] && ((v[n] >= '0' && v[n] <= '9') || v[n] == '-') &&
           ((d[n] >= '0' && d[n] <= '9') || d[n] == '-'))
        n++;
    return n >= 4 ? strncmp(v, d, n) : 0;
}
/* src copied into dst[0..cap) and cut to cap - 1 bytes, as snprintf(dst, cap, "%s", src) does, without
 * the formatting machinery (hot paths: values and ids of every time expression). */
static inline void chr__copy(char *dst, size_t cap, const char *src)
{
    if (!cap)
        return;
    size_t n = strlen(src);
    if (n > cap - 1)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}
/* prefix then the decimal digits of v into dst[0..cap), cut as snprintf(dst, cap, "%s%llu") cuts. */
static inline void chr__copy_num(char *dst, size_t cap, const char *prefix, unsigned long long v)
{
    char b[48];
    size_t p = strlen(prefix), k = sizeof b;
    b[--k] = '\0';
    do
        b[--k] = (char)('0' + v % 10);
    while ((v /= 10) && k > p);
    memcpy(b + k - p, prefix, p);
    chr__copy(dst, cap, b + k - p);
}
/* The rest of the open file f read into *out (malloc'ed, NUL-terminated; *len without the NUL): 0, or
 * CHR_ENOMEM, CHR_ETOOBIG (more than max bytes) or CHR_EIO (a read error), *out NULL then. */
int chr__file_slurp(FILE *f, size_t max, char **out, size_t *len);
/* Code point cp (at most U+10FFFF) as UTF-8 at out (room for 4 bytes); the bytes written. */
size_t chr__utf8_put(char *out, unsigned long cp);
/* The JSON escape at p (its backslash; end: the end of the text) decoded to *o, which moves past it:
 * the bytes of the escape (2, 6, or 12 for a surrogate pair), or 0 for a bad one with *why set ("a bad
 * escape", "a bad \u escape", "a lone surrogate", "a string without its end"). \u0000 counts as bad: the
 * strings are C strings. The decoded text is never longer than the escape. */
size_t chr__json_escape(const char *p, const char *end, char **o, const char **why);

/* ISO weeks (timeline/date.c): the ISO year and week of a day, and the Monday of an ISO week. */
void chr__date_iso_week(int64_t days, int *iso_year, int *week);
int64_t chr__date_iso_week_start(int iso_year, int week);

/* Periods (timeline/period.c): unit names ("week" -> CHR_GRAN_WEEK), the period of granularity g that
 * contains t, shifting a period by n units of u (it keeps its own granularity), and the value a
 * granularity has when nothing anchors it ("XXXX-WXX"). */
chr_gran chr__time_unit(const char *name);
chr_time chr__time_period(const chr_time *t, chr_gran g);
void chr__time_shift(chr_time *t, chr_gran u, long n);
void chr__time_underspecified(char *out, size_t n, chr_gran g);

/* Built-in rule files, embedded at build time from extract/rules/en/ (generated builtin_rules.c). */
typedef struct chr__builtin_file {
    const char *name;  /* file name, e.g. "dates.rules" */
    const char *data;
    size_t len;
} chr__builtin_file;
extern const chr__builtin_file chr__builtin_rules[];
extern const size_t chr__builtin_rules_count;

/* timeline/closure.c: the point-algebra closure of interval relations the two scorers reason with.
 * A graph over `intervals` intervals (numbered from 0), each with its start before its end; a r b for
 * any TimeML relation; after chr__pa_close, whether a r b follows. chr__pa_new: 0 or -1. */
typedef struct chr__pa chr__pa;
int chr__pa_new(chr__pa **out, size_t intervals);
void chr__pa_free(chr__pa *g);
void chr__pa_add(chr__pa *g, size_t a, chr_relation r, size_t b);
void chr__pa_close(chr__pa *g);
int chr__pa_entails(const chr__pa *g, size_t a, chr_relation r, size_t b);

/* Room for n (at least 1) items of size bytes in old, an array of *cap items kept from one use to the next
 * (room.c): old when it is big enough, else a new array (old freed, its contents not kept); NULL, *cap 0
 * and old freed when out of memory. */
void *chr__room(void *old, size_t *cap, size_t n, size_t size);

/* A table built once for the process (once.c): shared when state (0 none, 1 being built, 2 ready) says it is
 * ready or this caller claims it, else local, which a caller that comes while it is being built fills. */
const void *chr__build_once(atomic_int *state, void *shared, void *local, void (*build)(void *));

#endif
