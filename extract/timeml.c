/* timeml.c: the TimeML reader (.tml gold files, .TE3input raw files, SemEval-2015 timeline files).
 *
 * Exports chr_doc_from_timeml (doc.h) and the tokenizer shared with render/timeml.c
 * (chr__timeml_next, chr__timeml_is, chr__timeml_attr, chr__timeml_sentence_break: timeml_internal.h).
 *
 * A hand-written XML scanner, linear in the input: it checks that tags are well formed and balanced,
 * takes the id from <DOCID>, the DCT from the TIMEX3 inside <DCT> (or, failing that, the TIMEX3 with
 * functionInDocument="CREATION_TIME"), and the document text from <TEXT>: its content with every tag
 * removed and the XML entities (&amp; &lt; &gt; &quot; &apos; &#N; &#xN;) decoded, so that the text of
 * a gold .tml is byte-identical to that of its .TE3input. The TIMEX3 tags inside TEXT become the gold
 * timexes, the EVENT tags the gold events (with tense, aspect and polarity from their first
 * MAKEINSTANCE), and the TLINKs between an event instance and a timex the gold event-time links, turned
 * so that the relation reads from the event's side. Unknown named entities and a bare '&' are kept as
 * text (the files are not validated against a DTD). The one addition to the text: an </s> sentence tag directly followed by a non-blank
 * byte gives a "\n" (see chr__timeml_sentence_break). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "timeml_internal.h"

/* ---- errors and buffers ---------------------------------------------------------------------- */

static int fail(chr_error *err, int code, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(chr_error *err, int code, size_t off, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    chr__error_set(err, code, "%s", msg);
    if (err)
        err->offset = off;
    return code;
}

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static int buf_add(buf *b, const char *s, size_t n) {
    if (n == 0)
        return 0;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

/* ---- the tokenizer ----------------------------------------------------------------------------- */

static int is_blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int is_name_start(unsigned char c) { return is_alpha(c) || c == '_' || c == ':' || c >= 0x80; }

static int is_name_char(unsigned char c) { return is_name_start(c) || is_digit(c) || c == '-' || c == '.'; }

static int has_prefix(const char *raw, size_t len, size_t pos, const char *lit) {
    size_t n = strlen(lit);
    return pos <= len && len - pos >= n && memcmp(raw + pos, lit, n) == 0;
}

/* First position >= from where lit starts, or len. lit is at most 3 bytes, so this is linear. */
static size_t find(const char *raw, size_t len, size_t from, const char *lit) {
    size_t n = strlen(lit);
    for (size_t i = from; i + n <= len; i++)
        if (raw[i] == lit[0] && memcmp(raw + i, lit, n) == 0)
            return i;
    return len;
}

/* The entity at raw[pos] == '&'. 1: decoded into dec, *end past the ';'. 0: not an entity (a bare
 * '&' or an unknown name, kept as text). -1: a malformed or forbidden character reference. */
static int entity_at(const char *raw, size_t len, size_t pos, char dec[4], size_t *dec_len, size_t *end) {
    static const struct {
        const char *name;
        char c;
    } named[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    size_t i = pos + 1;
    if (i < len && raw[i] == '#') {
        int hex = 0;
        unsigned long cp = 0;
        size_t digits = 0;
        i++;
        if (i < len && (raw[i] == 'x' || raw[i] == 'X')) {
            hex = 1;
            i++;
        }
        for (; i < len && digits < 12; i++, digits++) {
            unsigned char c = (unsigned char)raw[i];
            unsigned d;
            if (is_digit(c))
                d = c - '0';
            else if (hex && c >= 'a' && c <= 'f')
                d = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F')
                d = c - 'A' + 10;
            else
                break;
            cp = cp * (hex ? 16u : 10u) + d;
        }
        if (digits == 0 || digits >= 12 || i >= len || raw[i] != ';')
            return -1;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF ||
            (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r'))
            return -1;
        *dec_len = chr__utf8_put(dec, cp);
        *end = i + 1;
        return 1;
    }
    size_t n = 0;
    while (i + n < len && n < 5 && is_alpha((unsigned char)raw[i + n]))
        n++;
    if (i + n >= len || raw[i + n] != ';')
        return 0;
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
        if (strlen(named[k].name) == n && memcmp(raw + i, named[k].name, n) == 0) {
            dec[0] = named[k].c;
            *dec_len = 1;
            *end = i + n + 1;
            return 1;
        }
    }
    return 0;
}

/* A start or empty tag at raw[pos] == '<', raw[pos + 1] a name start. */
static int read_tag(const char *raw, size_t len, size_t pos, chr__xml_tok *tok, chr_error *err) {
    size_t i = pos + 1;
    while (i < len && is_name_char((unsigned char)raw[i]))
        i++;
    tok->name = pos + 1;
    tok->name_len = i - (pos + 1);
    for (;;) {
        while (i < len && is_blank((unsigned char)raw[i]))
            i++;
        if (i >= len)
            break;
        if (raw[i] == '>') {
            tok->kind = CHR__XML_START;
            tok->end = i + 1;
            return 0;
        }
        if (raw[i] == '/') {
            if (i + 1 >= len)
                break;
            if (raw[i + 1] != '>')
                return fail(err, CHR_EFORMAT, i, "malformed tag at byte %zu: '/' not followed by '>'", pos);
            tok->kind = CHR__XML_EMPTY;
            tok->end = i + 2;
            return 0;
        }
        if (!is_name_start((unsigned char)raw[i]))
            return fail(err, CHR_EFORMAT, i, "malformed tag at byte %zu: unexpected '%c' at byte %zu", pos,
                        raw[i], i);
        while (i < len && is_name_char((unsigned char)raw[i]))
            i++;
        while (i < len && is_blank((unsigned char)raw[i]))
            i++;
        if (i >= len)
            break;
        if (raw[i] != '=')
            return fail(err, CHR_EFORMAT, i, "malformed tag at byte %zu: attribute without a value", pos);
        i++;
        while (i < len && is_blank((unsigned char)raw[i]))
            i++;
        if (i >= len)
            break;
        char q = raw[i];
        if (q != '"' && q != '\'')
            return fail(err, CHR_EFORMAT, i, "malformed tag at byte %zu: attribute value not quoted", pos);
        const char *close = memchr(raw + i + 1, q, len - (i + 1));
        if (!close)
            break;
        i = (size_t)(close - raw) + 1;
    }
    return fail(err, CHR_EFORMAT, pos, "truncated input: the tag at byte %zu is not closed", pos);
}

int chr__timeml_next(const char *raw, size_t len, size_t pos, chr__xml_tok *tok, chr_error *err) {
    memset(tok, 0, sizeof *tok);
    tok->start = pos;
    unsigned char c = (unsigned char)raw[pos];
    if (c == '&') {
        size_t end = pos + 1;
        int r = entity_at(raw, len, pos, tok->dec, &tok->dec_len, &end);
        if (r < 0)
            return fail(err, CHR_EFORMAT, pos, "malformed or forbidden character reference at byte %zu", pos);
        if (r > 0) {
            tok->kind = CHR__XML_ENTITY;
            tok->end = end;
            return 0;
        }
        tok->kind = CHR__XML_TEXT;
        tok->text = pos;
        tok->text_len = 1;
        tok->end = pos + 1;
        return 0;
    }
    if (c != '<') {
        size_t i = pos;
        while (i < len && raw[i] != '<' && raw[i] != '&')
            i++;
        tok->kind = CHR__XML_TEXT;
        tok->text = pos;
        tok->text_len = i - pos;
        tok->end = i;
        return 0;
    }
    if (has_prefix(raw, len, pos, "<!--")) {
        size_t e = find(raw, len, pos + 4, "-->");
        if (e == len)
            return fail(err, CHR_EFORMAT, pos, "truncated input: comment at byte %zu is not closed", pos);
        tok->kind = CHR__XML_OTHER;
        tok->end = e + 3;
        return 0;
    }
    if (has_prefix(raw, len, pos, "<![CDATA[")) {
        size_t e = find(raw, len, pos + 9, "]]>");
        if (e == len)
            return fail(err, CHR_EFORMAT, pos, "truncated input: CDATA section at byte %zu is not closed",
                        pos);
        tok->kind = CHR__XML_CDATA;
        tok->text = pos + 9;
        tok->text_len = e - (pos + 9);
        tok->end = e + 3;
        return 0;
    }
    if (has_prefix(raw, len, pos, "<!")) { /* DOCTYPE, possibly with an internal subset */
        int depth = 0;
        char q = 0;
        for (size_t i = pos + 2; i < len; i++) {
            char d = raw[i];
            if (q) {
                if (d == q)
                    q = 0;
            } else if (d == '"' || d == '\'') {
                q = d;
            } else if (d == '[') {
                depth++;
            } else if (d == ']') {
                depth--;
            } else if (d == '>' && depth <= 0) {
                tok->kind = CHR__XML_OTHER;
                tok->end = i + 1;
                return 0;
            }
        }
        return fail(err, CHR_EFORMAT, pos, "truncated input: declaration at byte %zu is not closed", pos);
    }
    if (has_prefix(raw, len, pos, "<?")) {
        size_t e = find(raw, len, pos + 2, "?>");
        if (e == len)
            return fail(err, CHR_EFORMAT, pos,
                        "truncated input: processing instruction at byte %zu is not closed", pos);
        tok->kind = CHR__XML_OTHER;
        tok->end = e + 2;
        return 0;
    }
    if (pos + 1 >= len)
        return fail(err, CHR_EFORMAT, pos, "truncated input: '<' at the end");
    if (raw[pos + 1] == '/') {
        size_t i = pos + 2;
        if (i < len && !is_name_start((unsigned char)raw[i]))
            return fail(err, CHR_EFORMAT, pos, "malformed end tag at byte %zu", pos);
        while (i < len && is_name_char((unsigned char)raw[i]))
            i++;
        tok->name = pos + 2;
        tok->name_len = i - (pos + 2);
        while (i < len && is_blank((unsigned char)raw[i]))
            i++;
        if (i >= len)
            return fail(err, CHR_EFORMAT, pos, "truncated input: the end tag at byte %zu is not closed", pos);
        if (raw[i] != '>')
            return fail(err, CHR_EFORMAT, i, "malformed end tag at byte %zu", pos);
        tok->kind = CHR__XML_END;
        tok->end = i + 1;
        return 0;
    }
    if (!is_name_start((unsigned char)raw[pos + 1]))
        return fail(err, CHR_EFORMAT, pos, "'<' at byte %zu does not start a tag (write &lt;)", pos);
    return read_tag(raw, len, pos, tok, err);
}

int chr__timeml_is(const char *raw, const chr__xml_tok *tok, const char *name) {
    size_t n = strlen(name);
    return (tok->kind == CHR__XML_START || tok->kind == CHR__XML_END || tok->kind == CHR__XML_EMPTY) &&
           tok->name_len == n && memcmp(raw + tok->name, name, n) == 0;
}

/* Append s[0..n) to out (capacity cap, used *used) if it fits whole; else mark full. */
static void put_bounded(char *out, size_t cap, size_t *used, int *full, const char *s, size_t n) {
    if (*full || *used + n + 1 > cap) {
        *full = 1;
        return;
    }
    memcpy(out + *used, s, n);
    *used += n;
}

int chr__timeml_attr(const char *raw, const chr__xml_tok *tok, const char *attr, char *out, size_t n) {
    size_t an = strlen(attr);
    size_t i = tok->name + tok->name_len;
    size_t end = tok->end;
    if (n)
        out[0] = '\0';
    if (tok->kind != CHR__XML_START && tok->kind != CHR__XML_EMPTY)
        return 0;
    while (i < end) { /* the tag was validated by chr__timeml_next */
        while (i < end && (is_blank((unsigned char)raw[i]) || raw[i] == '/' || raw[i] == '>'))
            i++;
        if (i >= end)
            break;
        size_t name = i;
        while (i < end && is_name_char((unsigned char)raw[i]))
            i++;
        size_t name_len = i - name;
        while (i < end && raw[i] != '"' && raw[i] != '\'')
            i++;
        if (i >= end)
            break;
        char q = raw[i++];
        size_t v = i;
        while (i < end && raw[i] != q)
            i++;
        size_t v_end = i++;
        if (name_len != an || memcmp(raw + name, attr, an) != 0)
            continue;
        if (n == 0)
            return 1;
        size_t used = 0;
        int full = 0;
        for (size_t k = v; k < v_end && !full;) {
            char dec[4];
            size_t dl = 0, e = k + 1;
            if (raw[k] == '&' && entity_at(raw, v_end, k, dec, &dl, &e) > 0) {
                put_bounded(out, n, &used, &full, dec, dl);
                k = e;
                continue;
            }
            /* one whole UTF-8 sequence, so a cut never splits a code point */
            size_t cl = 1;
            while (k + cl < v_end && ((unsigned char)raw[k + cl] & 0xC0) == 0x80)
                cl++;
            put_bounded(out, n, &used, &full, raw + k, cl);
            k += cl;
        }
        out[used] = '\0';
        return 1;
    }
    return 0;
}

int chr__timeml_sentence_break(const char *raw, size_t limit, const chr__xml_tok *tok) {
    return tok->kind == CHR__XML_END && chr__timeml_is(raw, tok, "s") && tok->end < limit &&
           !is_blank((unsigned char)raw[tok->end]);
}

/* ---- the reader ---------------------------------------------------------------------------------- */

typedef struct open_elem {
    size_t name, name_len, start;
} open_elem;

/* A MAKEINSTANCE and an event-timex TLINK as read, resolved once the whole file is read. */
typedef struct instance {
    char event[16], eiid[16], tense[24], aspect[32], polarity[8];
} instance;

typedef struct raw_tlink {
    char instance[16], timex[16];
    chr_relation rel; /* from the event's side */
} raw_tlink;

typedef struct reader {
    const char *raw;
    size_t len;
    chr_error *err;
    open_elem *stack;
    size_t depth, stack_cap;
    buf text, id;
    chr_timex *gold;
    size_t ngold, gold_cap;
    int seen_text, in_text, text_closed, docid_depth, docid_done, dct_depth;
    size_t text_begin, text_end;
    int timex_open, timex_gold; /* a TIMEX3 is open; it is a gold one (in TEXT, not the DCT) */
    chr_timex cur;
    chr_event *events; /* gold EVENTs in TEXT, in text order */
    size_t nevents, events_cap;
    int event_open;
    instance *inst;
    size_t ninst, inst_cap;
    raw_tlink *links;
    size_t nlinks, links_cap;
    char dct_value[64], fallback_value[64];
    int have_dct, have_fallback;
    size_t dct_off, fallback_off;
} reader;

static int oom(reader *r) { return fail(r->err, CHR_ENOMEM, 0, "out of memory"); }

static int push(reader *r, const chr__xml_tok *tok) {
    if (r->depth == r->stack_cap) {
        size_t cap = r->stack_cap ? r->stack_cap * 2 : 16;
        open_elem *s = realloc(r->stack, cap * sizeof *s);
        if (!s)
            return oom(r);
        r->stack = s;
        r->stack_cap = cap;
    }
    r->stack[r->depth].name = tok->name;
    r->stack[r->depth].name_len = tok->name_len;
    r->stack[r->depth].start = tok->start;
    r->depth++;
    return 0;
}

static int parse_type(const char *s, chr_timex_type *t) {
    static const char *names[] = {"DATE", "TIME", "DURATION", "SET"};
    static const chr_timex_type types[] = {CHR_TIMEX_DATE, CHR_TIMEX_TIME, CHR_TIMEX_DURATION, CHR_TIMEX_SET};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *t = types[i];
            return 0;
        }
    return -1;
}

/* A TIMEX3 start (or empty) tag. */
static int timex_open(reader *r, const chr__xml_tok *tok) {
    const char *raw = r->raw;
    char fun[32];
    if (r->timex_open)
        return fail(r->err, CHR_EFORMAT, tok->start, "nested TIMEX3 at byte %zu", tok->start);
    chr__timeml_attr(raw, tok, "functionInDocument", fun, sizeof fun);
    int creation = strcmp(fun, "CREATION_TIME") == 0;
    if (r->dct_depth && !r->have_dct) {
        if (!chr__timeml_attr(raw, tok, "value", r->dct_value, sizeof r->dct_value))
            return fail(r->err, CHR_EFORMAT, tok->start, "the DCT TIMEX3 at byte %zu has no value attribute",
                        tok->start);
        r->have_dct = 1;
        r->dct_off = tok->start;
    } else if (creation && !r->have_fallback) {
        if (chr__timeml_attr(raw, tok, "value", r->fallback_value, sizeof r->fallback_value)) {
            r->have_fallback = 1;
            r->fallback_off = tok->start;
        }
    }
    if (tok->kind == CHR__XML_EMPTY)
        return 0; /* an empty TIMEX3 has no extent: not a gold timex */
    r->timex_open = 1;
    r->timex_gold = r->in_text && !creation;
    if (!r->timex_gold)
        return 0;
    chr_timex *t = &r->cur;
    char type[32];
    memset(t, 0, sizeof *t);
    chr__timeml_attr(raw, tok, "tid", t->id, sizeof t->id);
    if (!chr__timeml_attr(raw, tok, "type", type, sizeof type))
        return fail(r->err, CHR_EFORMAT, tok->start, "TIMEX3 at byte %zu has no type attribute", tok->start);
    if (parse_type(type, &t->type) != 0)
        return fail(r->err, CHR_EFORMAT, tok->start,
                    "TIMEX3 at byte %zu: type \"%s\" is not DATE, TIME, DURATION or SET", tok->start, type);
    chr__timeml_attr(raw, tok, "value", t->value, sizeof t->value);
    chr__timeml_attr(raw, tok, "mod", t->mod, sizeof t->mod);
    chr__timeml_attr(raw, tok, "quant", t->quant, sizeof t->quant);
    chr__timeml_attr(raw, tok, "freq", t->freq, sizeof t->freq);
    chr__timeml_attr(raw, tok, "anchorTimeID", t->anchor, sizeof t->anchor);
    t->start = r->text.len;
    return 0;
}

static int timex_close(reader *r) {
    int gold = r->timex_gold;
    r->timex_open = r->timex_gold = 0;
    if (!gold)
        return 0;
    r->cur.end = r->text.len;
    if (r->ngold == r->gold_cap) {
        size_t cap = r->gold_cap ? r->gold_cap * 2 : 16;
        chr_timex *g = realloc(r->gold, cap * sizeof *g);
        if (!g)
            return oom(r);
        r->gold = g;
        r->gold_cap = cap;
    }
    r->gold[r->ngold++] = r->cur;
    return 0;
}

/* Room for one more element of size sz in *v (count n, capacity *cap). */
static int grow(void **v, size_t n, size_t *cap, size_t sz) {
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *p = realloc(*v, c * sz);
    if (!p)
        return -1;
    *v = p;
    *cap = c;
    return 0;
}

/* An EVENT start tag inside TEXT. A missing or unknown class reads as OCCURRENCE. */
static int event_open(reader *r, const chr__xml_tok *tok) {
    char cls[32];
    if (r->event_open)
        return fail(r->err, CHR_EFORMAT, tok->start, "nested EVENT at byte %zu", tok->start);
    if (tok->kind == CHR__XML_EMPTY)
        return 0;
    if (grow((void **)&r->events, r->nevents, &r->events_cap, sizeof *r->events))
        return oom(r);
    chr_event *e = &r->events[r->nevents];
    memset(e, 0, sizeof *e);
    chr__timeml_attr(r->raw, tok, "eid", e->id, sizeof e->id);
    chr__timeml_attr(r->raw, tok, "class", cls, sizeof cls);
    int c = chr_event_class_parse(cls);
    e->cls = c < 0 ? CHR_EVENT_OCCURRENCE : (chr_event_class)c;
    e->start = r->text.len;
    e->actor = e->source = e->summary = "";
    e->time.timex = -2;
    r->event_open = 1;
    return 0;
}

static chr_relation invert(chr_relation rel) {
    switch (rel) {
    case CHR_REL_BEFORE: return CHR_REL_AFTER;
    case CHR_REL_AFTER: return CHR_REL_BEFORE;
    case CHR_REL_INCLUDES: return CHR_REL_IS_INCLUDED;
    case CHR_REL_IS_INCLUDED: return CHR_REL_INCLUDES;
    case CHR_REL_BEGINS: return CHR_REL_BEGUN_BY;
    case CHR_REL_BEGUN_BY: return CHR_REL_BEGINS;
    case CHR_REL_ENDS: return CHR_REL_ENDED_BY;
    case CHR_REL_ENDED_BY: return CHR_REL_ENDS;
    case CHR_REL_IBEFORE: return CHR_REL_IAFTER;
    case CHR_REL_IAFTER: return CHR_REL_IBEFORE;
    default: return rel; /* DURING, SIMULTANEOUS, IDENTITY */
    }
}

/* MAKEINSTANCE and TLINK, wherever they are (TimeBank puts them after TEXT). A TLINK is kept when it
 * links an event instance and a timex; DURING_INV reads as DURING, unknown relations are skipped. */
static int link_tags(reader *r, const chr__xml_tok *tok) {
    const char *raw = r->raw;
    if (chr__timeml_is(raw, tok, "MAKEINSTANCE")) {
        if (grow((void **)&r->inst, r->ninst, &r->inst_cap, sizeof *r->inst))
            return oom(r);
        instance *in = &r->inst[r->ninst];
        memset(in, 0, sizeof *in);
        chr__timeml_attr(raw, tok, "eventID", in->event, sizeof in->event);
        chr__timeml_attr(raw, tok, "eiid", in->eiid, sizeof in->eiid);
        chr__timeml_attr(raw, tok, "tense", in->tense, sizeof in->tense);
        chr__timeml_attr(raw, tok, "aspect", in->aspect, sizeof in->aspect);
        chr__timeml_attr(raw, tok, "polarity", in->polarity, sizeof in->polarity);
        if (in->event[0] && in->eiid[0])
            r->ninst++;
        return 0;
    }
    if (!chr__timeml_is(raw, tok, "TLINK"))
        return 0;
    char rel[32], ev[16], tm[16], to_time[16], to_ev[16];
    chr__timeml_attr(raw, tok, "relType", rel, sizeof rel);
    chr__timeml_attr(raw, tok, "eventInstanceID", ev, sizeof ev);
    chr__timeml_attr(raw, tok, "timeID", tm, sizeof tm);
    chr__timeml_attr(raw, tok, "relatedToTime", to_time, sizeof to_time);
    chr__timeml_attr(raw, tok, "relatedToEventInstance", to_ev, sizeof to_ev);
    int inverse = 0;
    if (!strcmp(rel, "DURING_INV"))
        strcpy(rel, "DURING");
    int rt = chr_relation_parse(rel);
    if (rt <= 0)
        return 0;
    const char *e = NULL, *t = NULL;
    if (ev[0] && to_time[0]) {
        e = ev;
        t = to_time;
    } else if (tm[0] && to_ev[0]) {
        e = to_ev;
        t = tm;
        inverse = 1;
    } else {
        return 0;
    }
    if (grow((void **)&r->links, r->nlinks, &r->links_cap, sizeof *r->links))
        return oom(r);
    raw_tlink *l = &r->links[r->nlinks++];
    snprintf(l->instance, sizeof l->instance, "%s", e);
    snprintf(l->timex, sizeof l->timex, "%s", t);
    l->rel = inverse ? invert((chr_relation)rt) : (chr_relation)rt;
    return 0;
}

static int on_start(reader *r, const chr__xml_tok *tok) {
    const char *raw = r->raw;
    if (chr__timeml_is(raw, tok, "TEXT")) {
        if (r->seen_text)
            return fail(r->err, CHR_EFORMAT, tok->start, "a second <TEXT> element at byte %zu", tok->start);
        if (tok->kind == CHR__XML_EMPTY) {
            r->seen_text = r->text_closed = 1;
            r->text_begin = r->text_end = tok->end;
            return 0;
        }
        r->seen_text = r->in_text = 1;
        r->text_begin = tok->end;
    } else if (chr__timeml_is(raw, tok, "DOCID") && !r->docid_done && tok->kind == CHR__XML_START) {
        r->docid_depth = (int)r->depth + 1;
    } else if (chr__timeml_is(raw, tok, "DCT") && tok->kind == CHR__XML_START) {
        r->dct_depth = (int)r->depth + 1;
    } else if (chr__timeml_is(raw, tok, "TIMEX3")) {
        int rc = timex_open(r, tok);
        if (rc)
            return rc;
    } else if (chr__timeml_is(raw, tok, "EVENT")) {
        int rc = r->in_text ? event_open(r, tok) : 0;
        if (rc)
            return rc;
    } else {
        int rc = link_tags(r, tok);
        if (rc)
            return rc;
    }
    return tok->kind == CHR__XML_START ? push(r, tok) : 0;
}

static int on_end(reader *r, const chr__xml_tok *tok) {
    const char *raw = r->raw;
    if (r->depth == 0)
        return fail(r->err, CHR_EFORMAT, tok->start, "</%.*s> at byte %zu closes nothing", (int)tok->name_len,
                    raw + tok->name, tok->start);
    open_elem *top = &r->stack[r->depth - 1];
    if (top->name_len != tok->name_len || memcmp(raw + top->name, raw + tok->name, tok->name_len) != 0)
        return fail(r->err, CHR_EFORMAT, tok->start, "</%.*s> at byte %zu does not close <%.*s> (byte %zu)",
                    (int)tok->name_len, raw + tok->name, tok->start, (int)top->name_len, raw + top->name,
                    top->start);
    if (r->docid_depth == (int)r->depth) {
        r->docid_depth = 0;
        r->docid_done = 1;
    }
    if (r->dct_depth == (int)r->depth)
        r->dct_depth = 0;
    r->depth--;
    if (chr__timeml_is(raw, tok, "TIMEX3"))
        return timex_close(r);
    if (chr__timeml_is(raw, tok, "EVENT")) {
        if (r->event_open) {
            r->events[r->nevents++].end = r->text.len;
            r->event_open = 0;
        }
        return 0;
    }
    if (r->in_text && chr__timeml_is(raw, tok, "TEXT")) {
        r->in_text = 0;
        r->text_closed = 1;
        r->text_end = tok->start;
        return 0;
    }
    if (r->in_text && chr__timeml_sentence_break(raw, r->len, tok) && buf_add(&r->text, "\n", 1))
        return oom(r);
    return 0;
}

static int on_text(reader *r, const char *s, size_t n) {
    if (r->in_text && buf_add(&r->text, s, n))
        return oom(r);
    if (r->docid_depth && buf_add(&r->id, s, n))
        return oom(r);
    return 0;
}

static int scan(reader *r) {
    size_t pos = 0;
    while (pos < r->len) {
        chr__xml_tok tok;
        int rc = chr__timeml_next(r->raw, r->len, pos, &tok, r->err);
        if (rc)
            return rc;
        switch (tok.kind) {
        case CHR__XML_TEXT:
        case CHR__XML_CDATA:
            rc = on_text(r, r->raw + tok.text, tok.text_len);
            break;
        case CHR__XML_ENTITY:
            rc = on_text(r, tok.dec, tok.dec_len);
            break;
        case CHR__XML_START:
        case CHR__XML_EMPTY:
            rc = on_start(r, &tok);
            break;
        case CHR__XML_END:
            rc = on_end(r, &tok);
            break;
        case CHR__XML_OTHER:
            break;
        }
        if (rc)
            return rc;
        pos = tok.end;
    }
    if (r->depth > 0) {
        open_elem *top = &r->stack[r->depth - 1];
        return fail(r->err, CHR_EFORMAT, r->len, "truncated input: <%.*s> at byte %zu is never closed",
                    (int)top->name_len, r->raw + top->name, top->start);
    }
    if (!r->seen_text || !r->text_closed)
        return fail(r->err, CHR_EFORMAT, r->len, "no <TEXT> element");
    return 0;
}

/* The id without surrounding blanks. */
static void trim(buf *b) {
    size_t s = 0, e = b->len;
    if (!b->p)
        return;
    while (s < e && is_blank((unsigned char)b->p[s]))
        s++;
    while (e > s && is_blank((unsigned char)b->p[e - 1]))
        e--;
    memmove(b->p, b->p + s, e - s);
    b->len = e - s;
    b->p[b->len] = '\0';
}

static int cmp_event_id(const void *a, const void *b) {
    const chr_event *const *x = a, *const *y = b;
    int c = strcmp((*x)->id, (*y)->id);
    return c ? c : ((*x)->start > (*y)->start) - ((*x)->start < (*y)->start);
}

static int cmp_inst_eiid(const void *a, const void *b) {
    return strcmp(((const instance *)a)->eiid, ((const instance *)b)->eiid);
}

/* The first event with that id (by is sorted by id), or NULL. */
static chr_event *event_by_id(chr_event **by, size_t n, const char *id) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(by[mid]->id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && !strcmp(by[lo]->id, id) ? by[lo] : NULL;
}

/* Attributes of the first MAKEINSTANCE of each event, then the event-timex TLINKs with their event id. */
static int resolve_links(reader *r, chr_tlink **out, size_t *nout) {
    chr_event **by = NULL;
    *out = NULL;
    *nout = 0;
    if (r->nevents) {
        by = malloc(r->nevents * sizeof *by);
        if (!by)
            return -1;
        for (size_t i = 0; i < r->nevents; i++)
            by[i] = &r->events[i];
        qsort(by, r->nevents, sizeof *by, cmp_event_id);
    }
    for (size_t i = 0; i < r->ninst; i++) {
        const instance *in = &r->inst[i];
        chr_event *e = event_by_id(by, r->nevents, in->event);
        if (!e || e->instance[0])
            continue;
        snprintf(e->instance, sizeof e->instance, "%s", in->eiid);
        int t = chr_tense_parse(in->tense), a = chr_aspect_parse(in->aspect);
        e->tense = t < 0 ? CHR_TENSE_NONE : (chr_tense)t;
        e->aspect = a < 0 ? CHR_ASPECT_NONE : (chr_aspect)a;
        e->negative = !strcmp(in->polarity, "NEG");
    }
    free(by);
    if (r->nlinks == 0)
        return 0;
    chr_tlink *links = calloc(r->nlinks, sizeof *links);
    if (!links)
        return -1;
    if (r->ninst > 1) /* qsort of a NULL array is undefined even when empty */
        qsort(r->inst, r->ninst, sizeof *r->inst, cmp_inst_eiid);
    for (size_t i = 0; i < r->nlinks; i++) {
        const raw_tlink *l = &r->links[i];
        chr_tlink *g = &links[i];
        instance key;
        memset(&key, 0, sizeof key);
        snprintf(key.eiid, sizeof key.eiid, "%s", l->instance);
        const instance *in = r->ninst ? bsearch(&key, r->inst, r->ninst, sizeof *r->inst, cmp_inst_eiid) : NULL;
        snprintf(g->event_instance, sizeof g->event_instance, "%s", l->instance);
        snprintf(g->event_id, sizeof g->event_id, "%s", in ? in->event : "");
        snprintf(g->timex_id, sizeof g->timex_id, "%s", l->timex);
        g->relation = l->rel;
    }
    *out = links;
    *nout = r->nlinks;
    return 0;
}

static int build(chr_doc **out, reader *r) {
    size_t bad = 0;
    if (r->text.len && chr__utf8_check(r->text.p, r->text.len, &bad) != 0)
        return fail(r->err, CHR_EUTF8, r->text_begin, "the TEXT is not valid UTF-8 (text byte %zu)", bad);
    chr_time dct;
    int have = 0;
    if (r->have_dct || r->have_fallback) {
        const char *v = r->have_dct ? r->dct_value : r->fallback_value;
        size_t off = r->have_dct ? r->dct_off : r->fallback_off;
        if (chr_time_parse_iso(&dct, v, strlen(v), NULL) != 0)
            return fail(r->err, CHR_EFORMAT, off, "the DCT value \"%s\" (byte %zu) is not an ISO 8601 date",
                        v, off);
        have = 1;
    }
    /* code point offsets: the gold timexes are in text order, so one pass */
    size_t at = 0, cp = 0;
    for (size_t i = 0; i < r->ngold; i++) {
        chr_timex *t = &r->gold[i];
        if (t->start >= at) {
            cp += chr__utf8_count(r->text.p + at, t->start - at);
            at = t->start;
        }
        t->cp_start = cp;
        t->cp_end = cp + chr__utf8_count(r->text.p + t->start, t->end - t->start);
    }
    chr_doc *doc = chr__doc_alloc(r->text.p ? r->text.p : "", r->text.len);
    if (!doc)
        return oom(r);
    char *raw = malloc(r->len + 1);
    if (!raw || chr_doc_set_id(doc, r->id.p ? r->id.p : "") != 0) {
        free(raw);
        chr_doc_free(doc);
        return oom(r);
    }
    if (r->len)
        memcpy(raw, r->raw, r->len);
    raw[r->len] = '\0';
    doc->format = CHR_FORMAT_TIMEML;
    if (have)
        chr_doc_set_dct_time(doc, &dct, CHR_DCT_TIMEML);
    doc->raw = raw;
    doc->raw_len = r->len;
    doc->text_begin = r->text_begin;
    doc->text_end = r->text_end;
    doc->gold = r->gold;
    doc->ngold = r->ngold;
    r->gold = NULL;
    chr_tlink *links = NULL;
    size_t nlinks = 0;
    if (resolve_links(r, &links, &nlinks)) {
        chr_doc_free(doc);
        return oom(r);
    }
    for (size_t i = 0; i < r->nevents; i++) {
        chr_event *e = &r->events[i];
        e->cp_start = chr_doc_cp_offset(doc, e->start);
        e->cp_end = chr_doc_cp_offset(doc, e->end);
    }
    doc->gold_events = r->events;
    doc->ngold_events = r->nevents;
    r->events = NULL;
    doc->gold_tlinks = links;
    doc->ngold_tlinks = nlinks;
    *out = doc;
    return 0;
}

int chr_doc_from_timeml(chr_doc **out, const char *xml, size_t len, chr_error *err) {
    if (!out)
        return fail(err, CHR_EINVAL, 0, "chr_doc_from_timeml: out is NULL");
    *out = NULL;
    if (!xml && len)
        return fail(err, CHR_EINVAL, 0, "chr_doc_from_timeml: xml is NULL");
    if (len == 0)
        return fail(err, CHR_EEMPTY, 0, "empty input");
    size_t bad = 0;
    if (chr__utf8_check(xml, len, &bad) != 0)
        return fail(err, CHR_EUTF8, bad, "invalid UTF-8 or a NUL byte at byte %zu", bad);
    reader r;
    memset(&r, 0, sizeof r);
    r.raw = xml;
    r.len = len;
    r.err = err;
    int rc = scan(&r);
    if (rc == 0) {
        trim(&r.id);
        rc = build(out, &r);
    }
    free(r.stack);
    free(r.text.p);
    free(r.id.p);
    free(r.gold);
    free(r.events);
    free(r.inst);
    free(r.links);
    return rc;
}
