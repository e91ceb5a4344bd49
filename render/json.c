/* json.c: the JSON view of one document's extraction, written straight to text.
 *
 * Exports (render.h): chr_render_json_text, and chr_render_json (the same text read back by jansson).
 *
 * The members come in the documented order:
 *   {"id", "dct": {"value", "source"[, "tz"]},
 *    "timexes": [{"id", "start", "end", "text", "type", "value", "mod", "anchor",
 *                 "interval": {"begin", "end"}[, "quant", "freq"][, "signal"]}],
 *    "events": [{"id", "start", "end", "text", "class", "tense", "aspect", "polarity", "actor", "summary",
 *                "sentence": {"start", "end"},
 *                "time": {"timex", "relation", "value", "begin", "end", "granularity", "rule"}}]}
 * start/end are code point offsets (end exclusive); mod, anchor, interval (and its end) are null when
 * empty; quant and freq appear only on a SET that has them, signal only when there is one. An event's
 * actor and summary are null when unknown; its time is null when it has none; time.timex is the id of
 * the time expression ("t3", "t0" for the DCT); the other members of time are null when empty; the text
 * of an extent that does not hold whole UTF-8 characters is null.
 *
 * The layout is jansson's (json_dumps with JSON_PRESERVE_ORDER and JSON_COMPACT, or JSON_INDENT(2)),
 * byte for byte, so that the text is the same whichever way it is made; writing it directly costs a
 * fraction of building a json_t tree and dumping it, which matters when a run writes millions of
 * records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_DEPTH 8

/* A growing text, with the nesting it is in. */
typedef struct jw {
    char *b;
    size_t n, cap;
    int fail; /* CHR_ENOMEM, or CHR_EINVAL for a string that is not UTF-8 */
    int pretty;
    int depth;
    int count[MAX_DEPTH]; /* members written so far at each depth */
} jw;

static void grow(jw *w, size_t need) {
    size_t cap = w->cap ? w->cap : 4096;
    while (cap < need)
        cap *= 2;
    char *b = realloc(w->b, cap);
    if (!b) {
        w->fail = CHR_ENOMEM;
        return;
    }
    w->b = b;
    w->cap = cap;
}

static inline void raw(jw *w, const char *s, size_t n) {
    if (w->n + n + 1 > w->cap) {
        if (w->fail)
            return;
        grow(w, w->n + n + 1);
        if (w->fail)
            return;
    }
    memcpy(w->b + w->n, s, n);
    w->n += n;
}

static void newline(jw *w) {
    static const char spaces[] = "                ";
    raw(w, "\n", 1);
    for (int i = 0; i < w->depth; i++)
        raw(w, spaces, 2);
}

/* Before a member or an element: the separator and, pretty, the line. */
static void next(jw *w) {
    if (w->count[w->depth]++)
        raw(w, ",", 1);
    if (w->pretty)
        newline(w);
}

static void open(jw *w, char c) {
    raw(w, &c, 1);
    if (w->depth + 1 >= MAX_DEPTH) { /* the layout above never goes this deep */
        w->fail = CHR_EINVAL;
        return;
    }
    w->count[++w->depth] = 0;
}

static void close(jw *w, char c) {
    int had = w->count[w->depth];
    w->depth--;
    if (had && w->pretty)
        newline(w);
    raw(w, &c, 1);
}

/* Whether s[0..n) is UTF-8, NUL bytes allowed (jansson takes them; chr__utf8_check does not). */
static int utf8(const char *s, size_t n) {
    for (;;) {
        const char *z = memchr(s, '\0', n);
        size_t k = z ? (size_t)(z - s) : n;
        if (chr__utf8_check(s, k, NULL) != 0)
            return 0;
        if (!z)
            return 1;
        s += k + 1;
        n -= k + 1;
    }
}

/* Whether s[0..n) is all ASCII without NUL (then it is UTF-8 as it stands). */
static int plain_ascii(const char *s, size_t n) {
    unsigned char any = 0, nul = 0;
    for (size_t i = 0; i < n; i++) {
        any |= (unsigned char)s[i];
        nul |= s[i] == 0;
    }
    return !(any & 0x80) && !nul;
}

/* A JSON string of s[0..n): jansson's escapes; not UTF-8 fails the whole text. */
static void str(jw *w, const char *s, size_t n) {
    raw(w, "\"", 1);
    size_t run = 0;
    unsigned char high = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        high |= c;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        raw(w, s + run, i - run);
        run = i + 1;
        char esc[8];
        switch (c) {
        case '"':
            raw(w, "\\\"", 2);
            break;
        case '\\':
            raw(w, "\\\\", 2);
            break;
        case '\b':
            raw(w, "\\b", 2);
            break;
        case '\f':
            raw(w, "\\f", 2);
            break;
        case '\n':
            raw(w, "\\n", 2);
            break;
        case '\r':
            raw(w, "\\r", 2);
            break;
        case '\t':
            raw(w, "\\t", 2);
            break;
        default:
            snprintf(esc, sizeof esc, "\\u%04X", c);
            raw(w, esc, 6);
        }
    }
    raw(w, s + run, n - run);
    raw(w, "\"", 1);
    if ((high & 0x80) && !utf8(s, n) && !w->fail)
        w->fail = CHR_EINVAL; /* the text written is dropped with the rest */
}

/* A member's name: a constant of plain ASCII, written as it is. */
static void key(jw *w, const char *k) {
    next(w);
    raw(w, "\"", 1);
    raw(w, k, strlen(k));
    raw(w, w->pretty ? "\": " : "\":", w->pretty ? 3 : 2);
}

static void kstr(jw *w, const char *k, const char *v) {
    key(w, k);
    str(w, v, strlen(v));
}

/* A string member, null when v is empty. */
static void kstr_or_null(jw *w, const char *k, const char *v) {
    key(w, k);
    if (v && *v)
        str(w, v, strlen(v));
    else
        raw(w, "null", 4);
}

static void kint(jw *w, const char *k, size_t v) {
    char buf[24];
    size_t i = sizeof buf;
    key(w, k);
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    raw(w, buf + i, sizeof buf - i);
}

static void knull(jw *w, const char *k) {
    key(w, k);
    raw(w, "null", 4);
}

/* The text of bytes [start, end) of the document, or null when it does not hold whole characters. */
static void kspan(jw *w, const char *k, const chr_doc *doc, size_t start, size_t end) {
    size_t len;
    const char *text = chr_doc_text(doc, &len);
    key(w, k);
    if (!text || start > end || end > len ||
        (!plain_ascii(text + start, end - start) && !utf8(text + start, end - start)))
        raw(w, "null", 4);
    else
        str(w, text + start, end - start);
}

static void write_dct(jw *w, const chr_doc *doc) {
    chr_time t;
    chr_dct_source src = chr_doc_dct(doc, &t);
    char buf[64];
    key(w, "dct");
    open(w, '{');
    if (src == CHR_DCT_NONE) {
        knull(w, "value");
    } else {
        chr_time_format(buf, sizeof buf, &t);
        kstr(w, "value", buf);
    }
    kstr(w, "source", chr_dct_source_name(src));
    if (src != CHR_DCT_NONE && (t.flags & CHR_TIME_HAS_TZ)) {
        int a = t.tz < 0 ? -t.tz : t.tz;
        snprintf(buf, sizeof buf, "%c%02d:%02d", t.tz < 0 ? '-' : '+', a / 60, a % 60);
        kstr(w, "tz", buf);
    }
    close(w, '}');
}

static void write_timex(jw *w, const chr_doc *doc, const chr_timex *x) {
    next(w);
    open(w, '{');
    kstr(w, "id", x->id);
    kint(w, "start", x->cp_start);
    kint(w, "end", x->cp_end);
    kspan(w, "text", doc, x->start, x->end);
    kstr(w, "type", chr_timex_type_name(x->type));
    kstr(w, "value", x->value);
    kstr_or_null(w, "mod", x->mod);
    kstr_or_null(w, "anchor", x->anchor);
    if (x->begin[0]) {
        key(w, "interval");
        open(w, '{');
        kstr(w, "begin", x->begin);
        kstr_or_null(w, "end", x->end_value);
        close(w, '}');
    } else {
        knull(w, "interval");
    }
    if (x->type == CHR_TIMEX_SET) {
        if (x->quant[0])
            kstr(w, "quant", x->quant);
        if (x->freq[0])
            kstr(w, "freq", x->freq);
    }
    if (x->signal[0])
        kstr(w, "signal", x->signal);
    close(w, '}');
}

static void write_event_time(jw *w, const chr_result *res, const chr_event_time *t) {
    key(w, "time");
    if (t->timex == -2) {
        raw(w, "null", 4);
        return;
    }
    open(w, '{');
    if (t->timex == -1) {
        kstr(w, "timex", "t0");
    } else {
        const chr_timex *x = t->timex >= 0 && res ? chr_result_timex(res, (size_t)t->timex) : NULL;
        if (x)
            kstr(w, "timex", x->id);
        else
            knull(w, "timex");
    }
    kstr_or_null(w, "relation", chr_relation_name(t->relation));
    kstr_or_null(w, "value", t->value);
    kstr_or_null(w, "begin", t->begin);
    kstr_or_null(w, "end", t->end);
    kstr_or_null(w, "granularity", chr_gran_name(t->gran));
    kstr_or_null(w, "rule", t->rule);
    close(w, '}');
}

static void write_event(jw *w, const chr_doc *doc, const chr_result *res, const chr_event *e) {
    next(w);
    open(w, '{');
    kstr(w, "id", e->id);
    kint(w, "start", e->cp_start);
    kint(w, "end", e->cp_end);
    kspan(w, "text", doc, e->start, e->end);
    kstr(w, "class", chr_event_class_name(e->cls));
    kstr(w, "tense", chr_tense_name(e->tense));
    kstr(w, "aspect", chr_aspect_name(e->aspect));
    kstr(w, "polarity", e->negative ? "NEG" : "POS");
    kstr_or_null(w, "actor", e->actor);
    kstr_or_null(w, "summary", e->summary);
    key(w, "sentence");
    open(w, '{');
    kint(w, "start", e->cp_sent_start);
    kint(w, "end", e->cp_sent_end);
    close(w, '}');
    write_event_time(w, res, &e->time);
    close(w, '}');
}

int chr_render_json_text(char **out, size_t *out_len, const chr_doc *doc, const chr_result *res,
                         unsigned flags) {
    *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!doc)
        return CHR_EINVAL;
    jw w = {0};
    w.pretty = (flags & CHR_JSON_PRETTY) != 0;
    open(&w, '{');
    kstr(&w, "id", chr_doc_id(doc));
    write_dct(&w, doc);
    key(&w, "timexes");
    open(&w, '[');
    size_t n = res ? chr_result_count(res) : 0;
    for (size_t i = 0; i < n && !w.fail; i++) {
        const chr_timex *x = chr_result_timex(res, i);
        if (x)
            write_timex(&w, doc, x);
    }
    close(&w, ']');
    key(&w, "events");
    open(&w, '[');
    n = res ? chr_result_event_count(res) : 0;
    for (size_t i = 0; i < n && !w.fail; i++) {
        const chr_event *e = chr_result_event(res, i);
        if (e)
            write_event(&w, doc, res, e);
    }
    close(&w, ']');
    close(&w, '}');
    if (w.fail) {
        free(w.b);
        return w.fail;
    }
    w.b[w.n] = '\0';
    *out = w.b;
    if (out_len)
        *out_len = w.n;
    return CHR_OK;
}

json_t *chr_render_json(const chr_doc *doc, const chr_result *res) {
    char *s;
    size_t n;
    if (chr_render_json_text(&s, &n, doc, res, 0) != CHR_OK)
        return NULL;
    json_t *j = json_loadb(s, n, JSON_ALLOW_NUL, NULL);
    free(s);
    return j;
}
