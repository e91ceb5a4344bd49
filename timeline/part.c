/* part.c: a timeline read back from the part format (chr_timeline_part_write, render/timeline_write.c),
 * the lean intermediate of a distributed run: one compact JSON array a line, a header
 * ["chronicle-part", 1, ENTITY, DOCUMENTS, MENTIONS], the documents [ID, DCT] in id order, then the
 * mentions, each with every field of chr_timeline_entry. The lines hold strings, integers and nothing
 * else, so they are read by a small scanner of their own, without a json_t tree: a part is read at the
 * speed of copying it, and only the timeline it makes stays in memory.
 *
 * Exports chr_timeline_from_part (timeline.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "timeline_internal.h"

#define MAX_FIELDS 32
#define UNDATED_FIELDS 21
#define DATED_FIELDS 28

typedef struct field {
    int is_str;
    const char *s; /* decoded, NUL-terminated (in the scratch buffer) */
    int64_t n;
} field;

typedef struct parser {
    const char *p, *end; /* the line, without its newline */
    char *out;           /* where the next decoded string goes */
    const char *why;
} parser;

/* A JSON string at ps->p (after its opening quote) decoded into ps->out. */
static int string(parser *ps, field *f) {
    const char *p = ps->p;
    char *o = ps->out;
    f->is_str = 1;
    f->s = o;
    while (p < ps->end && *p != '"') {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20) {
            ps->why = "a control character in a string";
            return -1;
        }
        if (c != '\\') {
            *o++ = *p++;
            continue;
        }
        size_t k = chr__json_escape(p, ps->end, &o, &ps->why);
        if (!k)
            return -1;
        p += k;
    }
    if (p >= ps->end) {
        ps->why = "a string without its end";
        return -1;
    }
    *o++ = '\0';
    ps->p = p + 1;
    ps->out = o;
    return 0;
}

static int number(parser *ps, field *f) {
    const char *p = ps->p;
    int neg = p < ps->end && *p == '-';
    uint64_t v = 0;
    p += neg;
    if (p >= ps->end || *p < '0' || *p > '9') {
        ps->why = "expected a string or an integer";
        return -1;
    }
    while (p < ps->end && *p >= '0' && *p <= '9') {
        if (v > (uint64_t)INT64_MAX / 10) {
            ps->why = "an integer out of range";
            return -1;
        }
        v = v * 10 + (uint64_t)(*p++ - '0');
    }
    if (v > (uint64_t)INT64_MAX) {
        ps->why = "an integer out of range";
        return -1;
    }
    f->is_str = 0;
    f->n = neg ? -(int64_t)v : (int64_t)v;
    ps->p = p;
    return 0;
}

/* The line [p, end) as an array of strings and integers into f[0..*n). */
static int fields(parser *ps, field *f, size_t *n) {
    *n = 0;
    if (ps->p >= ps->end || *ps->p != '[') {
        ps->why = "expected a JSON array";
        return -1;
    }
    ps->p++;
    if (ps->p < ps->end && *ps->p == ']') {
        ps->p++;
    } else {
        for (;;) {
            if (*n == MAX_FIELDS) {
                ps->why = "too many fields";
                return -1;
            }
            int rc = ps->p < ps->end && *ps->p == '"' ? (ps->p++, string(ps, &f[*n])) : number(ps, &f[*n]);
            if (rc)
                return -1;
            (*n)++;
            if (ps->p < ps->end && *ps->p == ',') {
                ps->p++;
                continue;
            }
            if (ps->p < ps->end && *ps->p == ']') {
                ps->p++;
                break;
            }
            ps->why = "expected , or ]";
            return -1;
        }
    }
    if (ps->p < ps->end && *ps->p == '\r')
        ps->p++;
    if (ps->p != ps->end) {
        ps->why = "something after the array";
        return -1;
    }
    return 0;
}

typedef struct reader {
    chr_error *err;
    size_t line;
    const char *why;
} reader;

static int bad(reader *r, const char *what) {
    return chr__error_set(r->err, CHR_EJSON, "part: line %zu: %s", r->line, what);
}

static int types(const field *f, size_t n, const char *want) {
    for (size_t i = 0; i < n; i++)
        if (f[i].is_str != (want[i] == 's'))
            return -1;
    return 0;
}

static int parse_gran(const char *s) {
    for (int g = CHR_GRAN_MILLENNIUM; g <= CHR_GRAN_SECOND; g++)
        if (!strcmp(chr_gran_name((chr_gran)g), s))
            return g;
    return -1;
}

/* An enum from its name ("" is 0). */
static int name(int (*parse)(const char *), const char *s, int *out) {
    int v = *s ? parse(s) : 0;
    if (v < 0)
        return -1;
    *out = v;
    return 0;
}

static int mention(reader *r, chr_timeline *tl, const field *f, size_t n, size_t ndocs) {
    static const char want[] = "iiisiiiiissssisssssssiiiiiss";
    chr_timeline_entry e;
    int dated = n == DATED_FIELDS, v;
    if ((n != DATED_FIELDS && n != UNDATED_FIELDS) || types(f, n, want))
        return bad(r, "not a mention (expected 21 or 28 fields of the part format)");
    if ((f[0].n != 0 && f[0].n != 1) || f[0].n != dated)
        return bad(r, "a mention dated or not (field 1) with the other number of fields");
    for (size_t i = 1; i <= 7; i++)
        if (f[i].n < 0)
            return bad(r, "a negative document, order or offset");
    if ((uint64_t)f[1].n >= ndocs)
        return bad(r, "a mention of no document of the part");
    memset(&e, 0, sizeof e);
    e.doc = (size_t)f[1].n;
    e.seq = (size_t)f[2].n;
    e.event_id = f[3].s;
    e.start = (size_t)f[4].n;
    e.end = (size_t)f[5].n;
    e.sent_start = (size_t)f[6].n;
    e.sent_end = (size_t)f[7].n;
    e.sentence_no = f[8].n >= -1 && f[8].n <= 1000000000 ? (int)f[8].n : -1;
    e.text = f[9].s;
    if (name(chr_event_class_parse, f[10].s, &v))
        return bad(r, "an unknown class");
    e.cls = (chr_event_class)v;
    if (name(chr_tense_parse, f[11].s, &v))
        return bad(r, "an unknown tense");
    e.tense = (chr_tense)v;
    if (name(chr_aspect_parse, f[12].s, &v))
        return bad(r, "an unknown aspect");
    e.aspect = (chr_aspect)v;
    e.negative = f[13].n != 0;
    e.actor = f[14].s;
    e.summary = f[15].s;
    if (name(chr_relation_parse, f[16].s, &v))
        return bad(r, "an unknown relation");
    e.relation = (chr_relation)v;
    e.value = f[17].s;
    e.timex_id = f[18].s;
    e.rule = f[19].s;
    if (name(parse_gran, f[20].s, &v))
        return bad(r, "an unknown granularity");
    e.gran = (chr_gran)v;
    e.match = "";
    if (dated) {
        e.flags =
            (unsigned)f[21].n & CHR_TL_FLAGS;
        e.has_begin = f[22].n != 0;
        e.first_day = f[23].n;
        e.has_end = f[24].n != 0;
        e.after_day = f[25].n;
        if (!e.has_begin && !e.has_end)
            return bad(r, "a dated mention needs a begin or an end");
        if ((*f[26].s && chr_time_parse_value(&e.begin_at, f[26].s, NULL)) ||
            (*f[27].s && chr_time_parse_value(&e.end_at, f[27].s, NULL)))
            return bad(r, "\"from\" or \"to\" is not a date value");
        if (e.has_begin != (e.begin_at.gran != CHR_GRAN_NONE) ||
            e.has_end != (e.end_at.gran != CHR_GRAN_NONE))
            return bad(r, "\"from\" and \"to\" do not match the begin and the end");
    }
    return chr__timeline_put_mention(tl, &e, dated) ? chr__error_set(r->err, CHR_ENOMEM, "out of memory") : 0;
}

int chr_timeline_from_part(chr_timeline **out, const char *buf, size_t len, size_t *used, chr_error *err) {
    reader r = {err, 0, NULL};
    chr_timeline *tl = NULL;
    field f[MAX_FIELDS];
    size_t n, ndocs = 0, nmentions = 0, at = 0, scratch_cap = 0;
    char *scratch = NULL, *prev = NULL;
    int rc = CHR_OK;
    if (!out || (!buf && len))
        return chr__error_set(err, CHR_EINVAL, "chr_timeline_from_part: NULL argument");
    *out = NULL;
    if (chr_timeline_new(&tl))
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    for (size_t k = 0; rc == CHR_OK; k++) {
        if (k > 0 && k == 1 + ndocs + nmentions)
            break;
        r.line = k + 1;
        if (at >= len) {
            rc = bad(&r, k ? "the part ends early (fewer lines than its header says)" : "empty");
            break;
        }
        const char *nl = memchr(buf + at, '\n', len - at);
        size_t ll = nl ? (size_t)(nl - (buf + at)) : len - at;
        if (ll + 1 > scratch_cap) {
            char *s = realloc(scratch, ll + 1);
            if (!s) {
                rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
                break;
            }
            scratch = s;
            scratch_cap = ll + 1;
        }
        parser ps = {buf + at, buf + at + ll, scratch, NULL};
        at += ll + (nl != NULL);
        if (fields(&ps, f, &n)) {
            rc = bad(&r, k ? ps.why : "not a part (expected its header line)");
            break;
        }
        if (k == 0) {
            if (n != 5 || types(f, n, "sisii") || strcmp(f[0].s, CHR_TIMELINE_PART)) {
                rc = bad(&r, "not a part (expected [\"" CHR_TIMELINE_PART
                             "\", VERSION, ENTITY, DOCUMENTS, MENTIONS])");
                break;
            }
            if (f[1].n != CHR_TIMELINE_PART_VERSION) {
                rc = chr__error_set(err, CHR_EJSON, "part: version %lld, expected %d (build it again)",
                                    (long long)f[1].n, CHR_TIMELINE_PART_VERSION);
                break;
            }
            if (f[3].n < 0 || f[4].n < 0) {
                rc = bad(&r, "negative counts");
                break;
            }
            ndocs = (size_t)f[3].n;
            nmentions = (size_t)f[4].n;
            if (chr_timeline_set_entity(tl, f[2].s))
                rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
        } else if (k <= ndocs) {
            chr_time dct;
            memset(&dct, 0, sizeof dct);
            if (n != 2 || types(f, n, "ss")) {
                rc = bad(&r, "not a document (expected [ID, DCT])");
                break;
            }
            if (*f[1].s && chr_time_parse_value(&dct, f[1].s, NULL)) {
                rc = bad(&r, "the document date is not a date value");
                break;
            }
            if (prev && strcmp(prev, f[0].s) >= 0) {
                rc = bad(&r, strcmp(prev, f[0].s) ? "documents not in id order" : "a document id twice");
                break;
            }
            if (chr__timeline_put_doc(tl, f[0].s, &dct)) {
                rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
                break;
            }
            prev = (char *)chr__timeline_last_doc_id(tl);
        } else {
            rc = mention(&r, tl, f, n, ndocs);
        }
    }
    free(scratch);
    if (rc) {
        chr_timeline_free(tl);
        return rc;
    }
    chr__timeline_settle(tl);
    if (used)
        *used = at;
    *out = tl;
    return CHR_OK;
}
