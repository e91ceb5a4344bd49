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
 *                "time": {"timex", "relation", "value", "begin", "end", "granularity", "rule"},
 *                "dct_relation"}]}
 * start/end are code point offsets (end exclusive); mod, anchor, interval (and its end) are null when
 * empty; quant and freq appear only on a SET that has them, signal only when there is one. An event's
 * actor and summary are null when unknown; its time is null when it has none; time.timex is the id of
 * the time expression ("t3", "t0" for the DCT); the other members of time are null when empty; the text
 * of an extent that does not hold whole UTF-8 characters is null.
 *
 * The layout is jansson's (json_dumps with JSON_PRESERVE_ORDER and JSON_COMPACT, or JSON_INDENT(2)),
 * byte for byte, through the streaming writer of render/jsonw.c, so that the text is the same whichever
 * way it is made; writing it directly costs a fraction of building a json_t tree and dumping it, which
 * matters when a run writes millions of records. A string that is not UTF-8 fails the whole text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"
#include "jsonw_internal.h"

/* The writer, and whether a string was refused (not UTF-8). */
typedef struct jw {
    chr__jsonw w;
    int bad;
} jw;

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

/* Whether s[0..n) is all ASCII without NUL (then it is UTF-8 as it stands); 8 bytes a step. */
static int plain_ascii(const char *s, size_t n) {
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t bad = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        bad |= x | ((x - ones) & ~x); /* a high bit, or the lowest zero byte's borrow */
    }
    for (; i < n; i++)
        bad |= (unsigned char)s[i] == 0 ? 0x80u : (unsigned char)s[i];
    return (bad & highs) == 0;
}

/* A string value: refused (the whole text fails) when not UTF-8 (the writer says whether it is ASCII). */
static void str(jw *w, const char *s, size_t n) {
    if (chr__jsonw_strn(&w->w, s, n) && !utf8(s, n))
        w->bad = 1;
}

/* inline, these small helpers, so that the compiler works out strlen of each literal key */
static inline void key(jw *w, const char *k) { chr__jsonw_keyn(&w->w, k, strlen(k)); }
static void open(jw *w, char c) { chr__jsonw_open(&w->w, c); }
static void close(jw *w, char c) { chr__jsonw_close(&w->w, c); }

static inline void kstr(jw *w, const char *k, const char *v) {
    key(w, k);
    str(w, v, strlen(v));
}

/* A string member, null when v is empty. */
static inline void kstr_or_null(jw *w, const char *k, const char *v) {
    key(w, k);
    if (v && *v)
        str(w, v, strlen(v));
    else
        chr__jsonw_null(&w->w);
}

static inline void kint(jw *w, const char *k, size_t v) {
    key(w, k);
    chr__jsonw_int(&w->w, (int64_t)v);
}

static inline void knull(jw *w, const char *k) {
    key(w, k);
    chr__jsonw_null(&w->w);
}

/* The text of bytes [start, end) of the document, or null when it does not hold whole characters. */
static void kspan(jw *w, const char *k, const chr_doc *doc, size_t start, size_t end) {
    size_t len;
    const char *text = chr_doc_text(doc, &len);
    key(w, k);
    if (!text || start > end || end > len ||
        (!plain_ascii(text + start, end - start) && !utf8(text + start, end - start)))
        chr__jsonw_null(&w->w);
    else
        chr__jsonw_strn(&w->w, text + start, end - start);
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
        chr__jsonw_null(&w->w);
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
    kstr_or_null(w, "dct_relation", e->dct != CHR_REL_NONE ? chr_relation_name(e->dct) : NULL);
    close(w, '}');
}

int chr_render_json_text(char **out, size_t *out_len, const chr_doc *doc, const chr_result *res,
                         unsigned flags) {
    *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!doc)
        return CHR_EINVAL;
    jw *w = malloc(sizeof *w); /* the writer is big (it could also stream through a 64 KiB buffer) */
    if (!w)
        return CHR_ENOMEM;
    w->bad = 0;
    chr__jsonw_init_text(&w->w, (flags & CHR_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT);
    {
        /* on the 276 corpus documents a timex takes some 150 bytes and an event 410 (compact) */
        size_t nt = res ? chr_result_count(res) : 0, ne = res ? chr_result_event_count(res) : 0;
        chr__jsonw_reserve(&w->w, (512 + 256 * nt + 600 * ne) * ((flags & CHR_JSON_PRETTY) ? 2 : 1));
    }
    open(w, '{');
    kstr(w, "id", chr_doc_id(doc));
    write_dct(w, doc);
    key(w, "timexes");
    open(w, '[');
    size_t n = res ? chr_result_count(res) : 0;
    for (size_t i = 0; i < n; i++) {
        const chr_timex *x = chr_result_timex(res, i);
        if (x)
            write_timex(w, doc, x);
    }
    close(w, ']');
    key(w, "events");
    open(w, '[');
    n = res ? chr_result_event_count(res) : 0;
    for (size_t i = 0; i < n; i++) {
        const chr_event *e = chr_result_event(res, i);
        if (e)
            write_event(w, doc, res, e);
    }
    close(w, ']');
    close(w, '}');
    char *text;
    size_t len;
    int st = chr__jsonw_take_text(&w->w, &text, &len) ? CHR_ENOMEM : w->bad ? CHR_EINVAL : CHR_OK;
    free(w);
    if (st) {
        free(text);
        return st;
    }
    *out = text;
    if (out_len)
        *out_len = len;
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
