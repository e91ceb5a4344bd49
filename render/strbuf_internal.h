/* strbuf_internal.h: the growing text the text renderers write into (render/strbuf.c): the timeline's
 * table, the comparison's report, TimelineJS and CSV, the Task 4 lines; and the line breaking of their
 * wrapped columns. Not installed. */
#ifndef CHRONICLE_STRBUF_INTERNAL_H
#define CHRONICLE_STRBUF_INTERNAL_H

#include <stddef.h>

/* p is NUL-terminated once anything was added; failed once an allocation failed (then nothing more is
 * added, and the owner frees p and reports out of memory). */
typedef struct chr__sbuf {
    char *p;
    size_t len, cap;
    int failed;
} chr__sbuf;

void chr__sbuf_add(chr__sbuf *b, const char *s, size_t n);
void chr__sbuf_adds(chr__sbuf *b, const char *s);
/* printf-style, at most 1023 bytes a call. */
void chr__sbuf_addf(chr__sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void chr__sbuf_spaces(chr__sbuf *b, size_t n);

/* Wrapping text in a column: whether c is white space; and the next line of s[0..*len): white space at
 * its start skipped (*s and *len move past it), then at most width code points, broken after the last
 * space that fits (a word longer than the width is cut). Returns the line's length in bytes. */
int chr__text_space(char c);
size_t chr__text_line(const char **s, size_t *len, size_t width);

#endif
