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
 * matters when a run writes millions of records. Compact text (JSON Lines) is written by a second writer
 * of the same members, through the writer's cursor: the fixed keys with the separators around them as
 * whole fragments, the offsets by an inline routine, the names of an event's values kept for the
 * process, the strings held in arrays (ids, values) found and copied 16 bytes at a time, none of the
 * writer's bookkeeping of where it stands: some 40 per cent of the instructions. The tests hold the two
 * to jansson's bytes. A string that is not UTF-8 fails the whole text. */
#include <assert.h>
#include <stdatomic.h>
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

/* The members of the document date. */
typedef struct dct_view {
    const char *value; /* NULL: null */
    const char *source;
    char tz[32]; /* "" when it has none */
    char buf[64];
} dct_view;

static void dct_view_of(dct_view *v, const chr_doc *doc) {
    chr_time t;
    chr_dct_source src = chr_doc_dct(doc, &t);
    v->value = NULL;
    v->source = chr_dct_source_name(src);
    v->tz[0] = '\0';
    if (src != CHR_DCT_NONE) {
        chr_time_format(v->buf, sizeof v->buf, &t);
        v->value = v->buf;
        if (t.flags & CHR_TIME_HAS_TZ) {
            int a = t.tz < 0 ? -t.tz : t.tz;
            snprintf(v->tz, sizeof v->tz, "%c%02d:%02d", t.tz < 0 ? '-' : '+', a / 60, a % 60);
        }
    }
}

static void write_dct(jw *w, const chr_doc *doc) {
    dct_view v;
    dct_view_of(&v, doc);
    key(w, "dct");
    open(w, '{');
    if (v.value)
        kstr(w, "value", v.value);
    else
        knull(w, "value");
    kstr(w, "source", v.source);
    if (v.tz[0])
        kstr(w, "tz", v.tz);
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

static void write_doc(jw *w, const chr_doc *doc, const chr_result *res) {
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
}

/* The compact writer. Room is made once a record (the document's head, a time expression, an event) from a
 * bound of its size, so that what it holds is written with no test of room: each string at 6 bytes a byte
 * (a control character becomes \u00XX) and 4 more (its quotes, or null), a string held in an array as one
 * of the array's size, a name at its longest, and FIXED bytes for the keys, separators and numbers (at
 * most some 330: an event's, with its four offsets of 21 characters, and the "],"events":[" that may
 * follow). Tested before each string, the room had cost some 4 M of the 42 M instructions of the 2 MB
 * slice's JSON: the compiler reads the writer's end again after each byte written, which may be it. */
#define FIXED 512

/* s of n bytes, as the bound counts it */
#define STR_ROOM(n) (6 * (n) + 4)
#define TIMEX_ID sizeof(((chr_timex *)0)->id)

/* inline, so that the compiler works out strlen of each literal fragment */
static inline char *lit(char *p, const char *f) {
    size_t n = strlen(f);
    memcpy(p, f, n);
    return p + n;
}

/* Room for the need bytes of a record at p: p, or where p is once the text moved; NULL once the writer has
 * failed (memory is short), and the rest of the text is dropped. */
static inline char *record_room(jw *w, char *p, size_t need) {
    if (need <= (size_t)(w->w.buf + w->w.cap - p))
        return p;
    p = chr__jsonw_room_slow(&w->w, p, need);
    return w->w.status ? NULL : p;
}

/* A string value s[0..n), refused when not UTF-8 (the whole text fails). */
static inline char *cstrn(jw *w, char *p, const char *s, size_t n) {
    int high;
    p = chr__jsonw_put_str(p, s, n, &high);
    if (high && !utf8(s, n))
        w->bad = 1;
    return p;
}

/* An offset as kint writes it: an int64_t, as jansson holds integers. */
static inline char *cint(char *p, size_t v) {
    uint64_t u = v;
    if ((int64_t)u < 0) {
        *p++ = '-';
        u = 0 - u;
    }
    return chr__jsonw_put_uint(p, u);
}

static inline char *cstr(jw *w, char *p, const char *s) { return cstrn(w, p, s, strlen(s)); }

/* s, or null when it is NULL or "" */
static inline char *cstr_or_null(jw *w, char *p, const char *s) {
    return s && *s ? cstrn(w, p, s, strlen(s)) : lit(p, "null");
}

/* The length of s, 0 for NULL */
static inline size_t len0(const char *s) { return s ? strlen(s) : 0; }

/* A string held in an array of size bytes, a multiple of 16 (an id, a value: NUL-terminated in it), as
 * cstr writes it. With SSE2, one that is all ASCII with nothing to escape (the usual one) is found and
 * copied 16 bytes at a time, with no call of strlen nor of the writer; any other goes to cstr. The array
 * is read whole, never past its end; the bytes after its NUL are copied too (at most size + 2 bytes in
 * all), and written over. */
static inline char *cfixed(jw *w, char *p, const char *s, size_t size) __attribute__((always_inline));
static inline char *cfixed(jw *w, char *p, const char *s, size_t size) {
#if defined(__SSE2__)
    char *q = p + 1;
    for (size_t i = 0; i < size; i += 16, q += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned nul = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
        unsigned odd = (unsigned)(chr__jsonw_escapes16(v) | _mm_movemask_epi8(v)); /* or not ASCII */
        if (odd & (nul - 1) & ~nul) /* before the NUL (the NUL itself is a byte to escape) */
            break;
        _mm_storeu_si128((__m128i *)(void *)q, v);
        if (nul) {
            q += __builtin_ctz(nul);
            *p = '"';
            *q = '"';
            return q + 1;
        }
    }
#else
    (void)size;
#endif
    return cstr(w, p, s);
}

/* cfixed, or null when s is "" */
static inline char *cfixed_or_null(jw *w, char *p, const char *s, size_t size) {
    return *s ? cfixed(w, p, s, size) : lit(p, "null");
}

/* The text of an extent of the document, found once for a record (its room, then its writing: the
 * record's fields are read again after each byte written, a char may be anything). */
typedef struct span {
    const char *s; /* NULL: the extent is not inside the text, and its text is null */
    size_t n;      /* its bytes */
    size_t avail;  /* the bytes of the document's text from s on */
} span;

/* The extent of bytes [start, end) of the document text[0..len). */
static inline span span_of(const char *text, size_t len, size_t start, size_t end) {
    span sp = {NULL, 0, 0};
    if (text && start <= end && end <= len) {
        sp.s = text + start;
        sp.n = end - start;
        sp.avail = len - start;
    }
    return sp;
}

/* The text of an extent, or null when it does not hold whole characters: written, and written over by
 * null in the rare text that is not all ASCII and not UTF-8. With SSE2, a text of 16 bytes or less (an
 * event's is 6.3 bytes on average) all ASCII with nothing to escape is checked and copied as one word of
 * 16, read inside the document's text, and the bytes after it written over (the record's room holds them):
 * 1.5 M instructions fewer on the 2 MB slice. */
static inline char *cspan(char *p, span sp) {
    if (!sp.s)
        return lit(p, "null");
    size_t n = sp.n;
#if defined(__SSE2__)
    if (n <= 16 && sp.avail >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)sp.s);
        unsigned odd = (unsigned)(chr__jsonw_escapes16(v) | _mm_movemask_epi8(v)); /* or not ASCII */
        if (!(odd & ((1u << n) - 1))) {
            *p = '"';
            _mm_storeu_si128((__m128i *)(void *)(p + 1), v);
            p[n + 1] = '"';
            return p + n + 2;
        }
    }
#endif
    int high;
    char *q = chr__jsonw_put_str(p, sp.s, n, &high);
    return high && !utf8(sp.s, n) ? lit(p, "null") : q;
}

/* The names of the values of the enumerations an event and a time expression show, as the library gives
 * them (chr_tense_name, ...), kept as the JSON they become: then copied 24 bytes at once, with no call.
 * The names are the same for every document, so the table is built once for the process, by the first
 * caller that claims it (the others, while it builds, build their own): built a document long, it cost
 * some 2.6 M of the 47 M instructions of the 2 MB slice's JSON, and a test of each name before its use. */
enum { N_CLASS, N_TENSE, N_ASPECT, N_RELATION, N_GRAN, N_TYPE, N_KINDS, N_VALUES = 16 };
#define NAME_JSON 31   /* the longest JSON text kept (a name of 29 bytes; the longest is 22) */
#define NAME_ASIS 0xFF /* the name is written as any string: it is longer, or not ASCII */

typedef struct name_json {
    char json[NAME_JSON];
    unsigned char n; /* the length of json, or NAME_ASIS */
} name_json;
typedef struct name_table {
    name_json v[N_KINDS][N_VALUES];
    size_t most;  /* the room a name of the table takes at most: NAME_JSON, or a longer one's STR_ROOM */
    int all_kept; /* no value below N_VALUES is NAME_ASIS */
} name_table;

typedef struct names {
    jw *w;
    const char *text; /* the document's, len bytes */
    size_t len;
    const chr_result *res;
    const name_table *t;
    struct rule_json *rules; /* RULES of them */
} names;

static const char *name_of(int kind, int v) {
    switch (kind) {
    case N_CLASS:
        return chr_event_class_name((chr_event_class)v);
    case N_TENSE:
        return chr_tense_name((chr_tense)v);
    case N_ASPECT:
        return chr_aspect_name((chr_aspect)v);
    case N_RELATION:
        return chr_relation_name((chr_relation)v);
    case N_GRAN:
        return chr_gran_name((chr_gran)v);
    default:
        return chr_timex_type_name((chr_timex_type)v);
    }
}

/* Whether a kind's name is null when it is NULL or "" (kstr_or_null), rather than "" (kstr). */
static int null_when_empty(int kind) { return kind == N_RELATION || kind == N_GRAN; }

/* A name as kstr or kstr_or_null writes it, past the names kept or not kept. */
static __attribute__((noinline)) char *cname_slow(jw *w, char *p, int kind, int v) {
    const char *s = name_of(kind, v);
    if (null_when_empty(kind))
        return cstr_or_null(w, p, s);
    return cstr(w, p, s);
}

/* The room of the names of values v[0..n) of the given kinds when one is not kept in the table (out of
 * it: a value past the library's names): each name at its STR_ROOM. */
static __attribute__((noinline)) size_t names_room_slow(const int *kind, const int *v, size_t n) {
    size_t need = 0;
    for (size_t i = 0; i < n; i++)
        need += NAME_JSON + STR_ROOM(len0(name_of(kind[i], v[i])));
    return need;
}

/* The JSON of value v's name (v < N_VALUES), looked up; returns the room it takes. */
static size_t name_fill(name_json *out, int kind, int v) {
    const char *s = name_of(kind, v);
    size_t n = len0(s);
    char b[6 * (NAME_JSON - 2) + 2], *e = b;
    int high = 0;
    if (!n && null_when_empty(kind))
        e = lit(b, "null");
    else if (n <= NAME_JSON - 2)
        e = chr__jsonw_put_str(b, s, n, &high);
    if (e == b || high || e - b > NAME_JSON) {
        out->n = NAME_ASIS;
        return STR_ROOM(n);
    }
    out->n = (unsigned char)(e - b);
    memcpy(out->json, b, (size_t)(e - b));
    return NAME_JSON; /* copied whole */
}

static void names_build(name_table *t) {
    t->most = NAME_JSON;
    t->all_kept = 1;
    for (int kind = 0; kind < N_KINDS; kind++)
        for (int v = 0; v < N_VALUES; v++) {
            size_t room = name_fill(&t->v[kind][v], kind, v);
            if (room > t->most)
                t->most = room;
            if (t->v[kind][v].n == NAME_ASIS)
                t->all_kept = 0;
        }
}

static name_table shared_names;
static atomic_int shared_state; /* 0 none, 1 being built, 2 ready */

static void names_build_any(void *t) { names_build(t); }

static const name_table *names_table(name_table *local) {
    return chr__build_once(&shared_state, &shared_names, local, names_build_any);
}

/* The room of the names of values v[0..n) of the given kinds: at most the table's longest each, when the
 * values are all in it (or-ed together, they are below N_VALUES, a power of two). */
static inline size_t names_room(const names *t, const int *kind, const int *v, size_t n) {
    unsigned all = 0;
    for (size_t i = 0; i < n; i++)
        all |= (unsigned)v[i];
    return all < N_VALUES ? n * t->t->most : names_room_slow(kind, v, n);
}

/* The room of the six names of event e when they are not all kept (event_names_kept): out of line, as
 * an array filled and read in a loop cost some 1 M instructions on the 2 MB slice. */
static __attribute__((noinline)) size_t event_names_room_slow(const chr_event *e) {
    static const int kinds[] = {N_CLASS, N_TENSE, N_ASPECT, N_RELATION, N_GRAN, N_RELATION};
    const int vals[] = {(int)e->cls,           (int)e->tense,     (int)e->aspect,
                        (int)e->time.relation, (int)e->time.gran, (int)e->dct};
    return names_room_slow(kinds, vals, 6);
}

/* Whether the six names of event e are all kept in the table t, the usual case: then they are written
 * with no test of each (cname's checked 0). */
static inline int event_names_kept(const name_table *t, const chr_event *e) {
    unsigned all = (unsigned)e->cls | (unsigned)e->tense | (unsigned)e->aspect | (unsigned)e->time.relation |
                   (unsigned)e->time.gran | (unsigned)e->dct;
    return all < N_VALUES && t->all_kept;
}

/* The name of value v of an enumeration of the given kind, from the table t; checked 0 where the caller
 * knows it is kept (the test of each of 255 K names cost some 1 M instructions on the 2 MB slice). The
 * caller holds t in a variable of its own: read from memory, it would be read again after each byte
 * written (a char may be anything), which cost some 2 M instructions on the 2 MB slice. */
static inline char *cname(const name_table *t, jw *w, char *p, int kind, int v, int checked) {
    if (checked && ((unsigned)v >= N_VALUES || t->v[kind][v].n == NAME_ASIS))
        return cname_slow(w, p, kind, v);
    memcpy(p, t->v[kind][v].json, NAME_JSON);
    return p + t->v[kind][v].n;
}

/* The members a time expression and an event open with: "{"id":..,"start":..,"end":..,"text":.." (the id
 * an array of idsize bytes, code points, then the text of the extent sp). Inline: the call with its ten
 * arguments cost some 0.6 M instructions on the 2 MB slice. */
static inline char *compact_head(jw *w, char *p, const char *id, size_t idsize, size_t cp_start,
                                 size_t cp_end, span sp) __attribute__((always_inline));
static inline char *compact_head(jw *w, char *p, const char *id, size_t idsize, size_t cp_start,
                                 size_t cp_end, span sp) {
    p = lit(p, "{\"id\":");
    p = cfixed(w, p, id, idsize);
    p = lit(p, ",\"start\":");
    p = cint(p, cp_start);
    p = lit(p, ",\"end\":");
    p = cint(p, cp_end);
    p = lit(p, ",\"text\":");
    return cspan(p, sp);
}

/* A time expression, at p with room made for it; NULL once the writer has failed. */
static char *compact_timex(names *nm, char *p, const chr_timex *x) {
    jw *w = nm->w;
    const int kind = N_TYPE, type = (int)x->type;
    /* every string of a time expression but its text is held in it, in arrays */
    span sp = span_of(nm->text, nm->len, x->start, x->end);
    size_t need = FIXED + STR_ROOM(sp.n) + STR_ROOM(sizeof *x);
    need += names_room(nm, &kind, &type, 1);
    if (!(p = record_room(w, p, need)))
        return NULL;
    char *start = p;
    p = compact_head(w, p, x->id, sizeof x->id, x->cp_start, x->cp_end, sp);
    p = lit(p, ",\"type\":");
    p = cname(nm->t, w, p, N_TYPE, type, 1);
    p = lit(p, ",\"value\":");
    p = cfixed(w, p, x->value, sizeof x->value);
    p = lit(p, ",\"mod\":");
    p = cfixed_or_null(w, p, x->mod, sizeof x->mod);
    p = lit(p, ",\"anchor\":");
    p = cfixed_or_null(w, p, x->anchor, sizeof x->anchor);
    if (x->begin[0]) {
        p = lit(p, ",\"interval\":{\"begin\":");
        p = cfixed(w, p, x->begin, sizeof x->begin);
        p = lit(p, ",\"end\":");
        p = cfixed_or_null(w, p, x->end_value, sizeof x->end_value);
        p = lit(p, "}");
    } else {
        p = lit(p, ",\"interval\":null");
    }
    if (x->type == CHR_TIMEX_SET) {
        if (x->quant[0]) {
            p = lit(p, ",\"quant\":");
            p = cfixed(w, p, x->quant, sizeof x->quant);
        }
        if (x->freq[0]) {
            p = lit(p, ",\"freq\":");
            p = cfixed(w, p, x->freq, sizeof x->freq);
        }
    }
    if (x->signal[0]) {
        p = lit(p, ",\"signal\":");
        p = cfixed(w, p, x->signal, sizeof x->signal);
    }
    p = lit(p, "}");
    assert((size_t)(p - start) + FIXED / 2 <= need); /* and room for what follows */
    (void)start;
    return p;
}

/* The rule that placed an event's time (static, a handful a document: 30.6 K uses of some 5 K a document
 * on the 2 MB slice), kept as its JSON by its address a document long, as the names are; one not kept
 * (not ASCII, with a byte to escape, or longer than NAME_JSON) has n NAME_ASIS and its length in len. */
#define RULE_BITS 5 /* 32 slots, by the address, probed in turn: the library has about a dozen rules, and
                      * 8 slots with one place each made the cost depend on where the linker put its string
                      * literals (one more rule, "signal:than", cost 0.9 M instructions on the 2 MB slice) */
#define RULES (1u << RULE_BITS)
typedef struct rule_json {
    const char *s; /* NULL: an empty slot */
    size_t len;
    unsigned char n;
    char json[NAME_JSON];
} rule_json;

/* The slot of rule s (not NULL nor ""): its own, or the first empty one from its place (a full table, which
 * the library's rules do not fill, gives up the slot at that place). */
static inline const rule_json *rule_of(rule_json *rules, const char *s) {
    size_t h = ((uintptr_t)s * 0x9e3779b97f4a7c15u) >> (64 - RULE_BITS);
    rule_json *r = &rules[h];
    for (size_t k = 0; k < RULES && r->s != s; k++) {
        if (!r->s)
            break;
        if (k + 1 == RULES) {
            r = &rules[h]; /* full: take the first place */
            break;
        }
        r = &rules[(h + k + 1) & (RULES - 1)];
    }
    if (r->s != s) {
        char b[6 * (NAME_JSON - 2) + 2];
        int high = 1;
        r->s = s;
        r->len = strlen(s);
        r->n = NAME_ASIS;
        if (r->len <= NAME_JSON - 2) {
            char *e = chr__jsonw_put_str(b, s, r->len, &high);
            if (!high && e - b <= NAME_JSON) {
                r->n = (unsigned char)(e - b);
                memcpy(r->json, b, r->n);
            }
        }
    }
    return r;
}

/* An event's time; rule: its slot, NULL for none; checked as for cname. */
static inline char *compact_event_time(names *nm, char *p, const chr_event_time *t, const rule_json *rule,
                                       int checked) __attribute__((always_inline));
static inline char *compact_event_time(names *nm, char *p, const chr_event_time *t, const rule_json *rule,
                                       int checked) {
    jw *w = nm->w;
    const name_table *tab = nm->t;
    if (t->timex == -2)
        return lit(p, "null");
    if (t->timex == -1) {
        p = lit(p, "{\"timex\":\"t0\"");
    } else {
        const chr_timex *x = t->timex >= 0 && nm->res ? chr_result_timex(nm->res, (size_t)t->timex) : NULL;
        p = lit(p, "{\"timex\":");
        p = x ? cfixed(w, p, x->id, sizeof x->id) : lit(p, "null");
    }
    p = lit(p, ",\"relation\":");
    p = cname(tab, w, p, N_RELATION, (int)t->relation, checked);
    p = lit(p, ",\"value\":");
    p = cfixed_or_null(w, p, t->value, sizeof t->value);
    p = lit(p, ",\"begin\":");
    p = cfixed_or_null(w, p, t->begin, sizeof t->begin);
    p = lit(p, ",\"end\":");
    p = cfixed_or_null(w, p, t->end, sizeof t->end);
    p = lit(p, ",\"granularity\":");
    p = cname(tab, w, p, N_GRAN, (int)t->gran, checked);
    p = lit(p, ",\"rule\":");
    if (!rule)
        p = lit(p, "null");
    else if (rule->n != NAME_ASIS)
        p = (char *)memcpy(p, rule->json, NAME_JSON) + rule->n;
    else
        p = cstrn(w, p, rule->s, rule->len);
    return lit(p, "}");
}

/* The members of event e, at p with room for them: sp is its extent, nactor and nsummary the lengths of its
 * actor and summary (0: null), rule the slot of its time's rule; checked as for cname. */
static inline char *event_members(names *nm, char *p, const chr_event *e, span sp, size_t nactor,
                                  size_t nsummary, const rule_json *rule, int checked)
    __attribute__((always_inline));
static inline char *event_members(names *nm, char *p, const chr_event *e, span sp, size_t nactor,
                                  size_t nsummary, const rule_json *rule, int checked) {
    jw *w = nm->w;
    const name_table *tab = nm->t;
    p = compact_head(w, p, e->id, sizeof e->id, e->cp_start, e->cp_end, sp);
    p = lit(p, ",\"class\":");
    p = cname(tab, w, p, N_CLASS, (int)e->cls, checked);
    p = lit(p, ",\"tense\":");
    p = cname(tab, w, p, N_TENSE, (int)e->tense, checked);
    p = lit(p, ",\"aspect\":");
    p = cname(tab, w, p, N_ASPECT, (int)e->aspect, checked);
    p = lit(p, e->negative ? ",\"polarity\":\"NEG\",\"actor\":" : ",\"polarity\":\"POS\",\"actor\":");
    p = nactor ? cstrn(w, p, e->actor, nactor) : lit(p, "null");
    p = lit(p, ",\"summary\":");
    p = nsummary ? cstrn(w, p, e->summary, nsummary) : lit(p, "null");
    p = lit(p, ",\"sentence\":{\"start\":");
    p = cint(p, e->cp_sent_start);
    p = lit(p, ",\"end\":");
    p = cint(p, e->cp_sent_end);
    p = lit(p, "},\"time\":");
    p = compact_event_time(nm, p, &e->time, rule, checked);
    p = lit(p, ",\"dct_relation\":");
    p = e->dct != CHR_REL_NONE ? cname(tab, w, p, N_RELATION, (int)e->dct, checked) : lit(p, "null");
    return lit(p, "}");
}

/* event_members with each name checked, for an event whose names are not all kept (out of line). */
static __attribute__((noinline)) char *event_members_checked(names *nm, char *p, const chr_event *e, span sp,
                                                             size_t nactor, size_t nsummary,
                                                             const rule_json *rule) {
    return event_members(nm, p, e, sp, nactor, nsummary, rule, 1);
}

/* An event, at p with room made for it; NULL once the writer has failed. The lengths of its actor and
 * summary, measured for the room, are handed on. */
static char *compact_event(names *nm, char *p, const chr_event *e) {
    jw *w = nm->w;
    const name_table *tab = nm->t;
    const chr_event_time *t = &e->time;
    size_t nactor = e->actor && *e->actor ? strlen(e->actor) : 0, nsummary = len0(e->summary);
    const rule_json *rule = t->timex != -2 && t->rule && *t->rule ? rule_of(nm->rules, t->rule) : NULL;
    int kept = event_names_kept(tab, e);
    /* the id and the strings of the time are held in arrays, and so is the id of the time's timex */
    size_t arrays = sizeof e->id + sizeof t->value + sizeof t->begin + sizeof t->end + TIMEX_ID;
    span sp = span_of(nm->text, nm->len, e->start, e->end);
    size_t need = FIXED + STR_ROOM(sp.n) + STR_ROOM(nactor) + STR_ROOM(nsummary) + STR_ROOM(arrays) +
                  (kept ? 6 * NAME_JSON : event_names_room_slow(e));
    need += rule && rule->n == NAME_ASIS ? STR_ROOM(rule->len) : NAME_JSON;
    if (!(p = record_room(w, p, need)))
        return NULL;
    char *start = p;
    p = kept ? event_members(nm, p, e, sp, nactor, nsummary, rule, 0)
             : event_members_checked(nm, p, e, sp, nactor, nsummary, rule);
    assert((size_t)(p - start) + FIXED / 2 <= need); /* and room for what follows */
    (void)start;
    return p;
}

static void write_compact(jw *w, const chr_doc *doc, const chr_result *res) {
    size_t len, n;
    const char *text = chr_doc_text(doc, &len);
    const char *id = chr_doc_id(doc);
    dct_view v;
    name_table local;
    rule_json rules[RULES] = {{NULL, 0, 0, {0}}};
    names nm = {w, text, len, res, names_table(&local), rules};
    dct_view_of(&v, doc);
    size_t nid = strlen(id), nvalue = len0(v.value), nsource = strlen(v.source), ntz = strlen(v.tz);
    size_t need = FIXED + STR_ROOM(nid) + STR_ROOM(nvalue) + STR_ROOM(nsource) + STR_ROOM(ntz);
    char *p = record_room(w, chr__jsonw_cursor(&w->w, FIXED), need);
    if (!p)
        return;
    p = lit(p, "{\"id\":");
    p = cstrn(w, p, id, nid);
    p = lit(p, ",\"dct\":{\"value\":");
    p = v.value ? cstrn(w, p, v.value, nvalue) : lit(p, "null");
    p = lit(p, ",\"source\":");
    p = cstrn(w, p, v.source, nsource);
    if (ntz) {
        p = lit(p, ",\"tz\":");
        p = cstrn(w, p, v.tz, ntz);
    }
    p = lit(p, "},\"timexes\":[");
    n = res ? chr_result_count(res) : 0;
    for (size_t i = 0, k = 0; i < n; i++) {
        const chr_timex *x = chr_result_timex(res, i);
        if (!x)
            continue;
        if (k++)
            *p++ = ',';
        if (!(p = compact_timex(&nm, p, x)))
            return;
    }
    p = lit(p, "],\"events\":[");
    n = res ? chr_result_event_count(res) : 0;
    for (size_t i = 0, k = 0; i < n; i++) {
        const chr_event *e = chr_result_event(res, i);
        if (!e)
            continue;
        if (k++)
            *p++ = ',';
        if (!(p = compact_event(&nm, p, e)))
            return;
    }
    p = lit(p, "]}");
    chr__jsonw_set_cursor(&w->w, p);
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
    if (flags & CHR_JSON_PRETTY)
        write_doc(w, doc, res);
    else
        write_compact(w, doc, res);
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
