/* read.c: a timeline read back from its JSON (docs/timeline.schema.json, version 2), so that timelines
 * built apart (on the shards of a corpus, on other machines) can be merged: the reduce of a distributed
 * run (`chronicle timeline --merge`).
 *
 * Every mention is rebuilt from its source, which carries all of it: document, event id, offsets,
 * sentence, words, class, tense, aspect, polarity, actor, summary and, when dated, its own time (first
 * and last day, granularity, flags, relation, value, timex, rule, and "from"/"to": the times its ends are
 * read from). What an entry says besides its sources (label, edtf, merged_by) and the conflicts are
 * computed again: they follow from the mentions. The text order of the mentions of one document (their
 * index in the extraction, which the JSON does not keep) is their order by start, end and event id.
 *
 * Exports chr_timeline_from_json (timeline.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "timeline_internal.h"

typedef struct reader {
    chr_timeline *tl;
    const json_t *docs; /* the "documents" array */
    chr_error *err;
    char where[96]; /* "entries[3].sources[1]" */
} reader;

/* A mention with where it came from, to order the mentions of each document. */
typedef struct slot {
    chr_timeline_entry e;
    int dated;
    char where[96];
} slot;

static int bad(reader *r, const char *key, const char *what) {
    return chr__error_set(r->err, CHR_EJSON, "timeline JSON: %s%s%s: %s", r->where, *r->where ? "." : "", key,
                          what);
}

/* A string member ("" for null when nullable). NULL when absent or of another type (error set). */
static const char *get_str(reader *r, const json_t *o, const char *key, int nullable) {
    const json_t *v = json_object_get(o, key);
    if (nullable && json_is_null(v))
        return "";
    if (!json_is_string(v)) {
        bad(r, key, nullable ? "expected a string or null" : "expected a string");
        return NULL;
    }
    return json_string_value(v);
}

static int get_size(reader *r, const json_t *o, const char *key, size_t *out) {
    const json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return bad(r, key, "expected an integer >= 0");
    *out = (size_t)json_integer_value(v);
    return 0;
}

/* "2014-12-03" -> days; null -> *has = 0. */
static int get_day(reader *r, const json_t *o, const char *key, int *has, int64_t *day) {
    const json_t *v = json_object_get(o, key);
    int y, m, d, n = 0;
    *has = 0;
    if (json_is_null(v))
        return 0;
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
        !chr_date_valid(y, m, d))
        return bad(r, key, "expected a day (YYYY-MM-DD) or null");
    *has = 1;
    *day = chr_date_days(y, m, d);
    return 0;
}

/* A TIMEX3 value as a time, null -> gran NONE. */
static int get_time(reader *r, const json_t *o, const char *key, chr_time *t) {
    const char *s = get_str(r, o, key, 1);
    memset(t, 0, sizeof *t);
    if (!s)
        return CHR_EJSON;
    if (*s && chr_time_parse_value(t, s, NULL))
        return bad(r, key, "not a date value");
    return 0;
}

/* An enum by name: names(i) for i in [0, n); "" (or null when nullable) is none_value. */
static int get_enum(reader *r, const json_t *o, const char *key, int (*parse)(const char *), int *out) {
    const char *s = get_str(r, o, key, 1);
    if (!s)
        return CHR_EJSON;
    int v = *s ? parse(s) : 0;
    if (v < 0)
        return bad(r, key, "unknown name");
    *out = v;
    return 0;
}

static int parse_gran(const char *s) {
    for (int g = CHR_GRAN_MILLENNIUM; g <= CHR_GRAN_SECOND; g++)
        if (!strcmp(chr_gran_name((chr_gran)g), s))
            return g;
    return -1;
}

static int parse_polarity(const char *s) { return !strcmp(s, "POS") ? 0 : !strcmp(s, "NEG") ? 1 : -1; }

static int get_flags(reader *r, const json_t *o, unsigned *flags) {
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{CHR_TL_OPEN_START, "open_start"},
                 {CHR_TL_OPEN_END, "open_end"},
                 {CHR_TL_BEGIN_DCT, "begin_dct"},
                 {CHR_TL_END_DCT, "end_dct"}};
    const json_t *a = json_object_get(o, "flags"), *v;
    size_t i;
    *flags = 0;
    if (!json_is_array(a))
        return bad(r, "flags", "expected an array");
    json_array_foreach(a, i, v) {
        size_t k = 0;
        while (k < 4 && !(json_is_string(v) && !strcmp(json_string_value(v), names[k].name)))
            k++;
        if (k == 4)
            return bad(r, "flags", "unknown flag");
        *flags |= names[k].bit;
    }
    return 0;
}

/* The index of document id in "documents" (in id order: binary search). */
static int find_doc(reader *r, const char *id, size_t *out) {
    size_t lo = 0, hi = json_array_size(r->docs);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(json_string_value(json_object_get(json_array_get(r->docs, mid), "id")), id);
        if (!c) {
            *out = mid;
            return 0;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return bad(r, "document", "not one of \"documents\"");
}

/* The mention of source s (dated: its "time" is an object). */
static int read_source(reader *r, const json_t *s, chr_timeline_entry *e, int dated) {
    const json_t *sent = json_object_get(s, "sentence"), *tm = json_object_get(s, "time"), *num;
    const char *doc;
    int v, rc;
    memset(e, 0, sizeof e[0]);
    e->sentence_no = -1;
    e->timex_id = e->value = e->rule = e->match = "";
    if (!json_is_object(s))
        return bad(r, "", "expected an object");
    if (!(doc = get_str(r, s, "document", 0)) || (rc = find_doc(r, doc, &e->doc)) ||
        !(e->event_id = get_str(r, s, "event", 0)) || !(e->text = get_str(r, s, "text", 0)) ||
        !(e->actor = get_str(r, s, "actor", 1)) || !(e->summary = get_str(r, s, "summary", 1)))
        return CHR_EJSON;
    if (get_size(r, s, "start", &e->start) || get_size(r, s, "end", &e->end))
        return CHR_EJSON;
    if (!json_is_object(sent))
        return bad(r, "sentence", "expected an object");
    if (get_size(r, sent, "start", &e->sent_start) || get_size(r, sent, "end", &e->sent_end))
        return CHR_EJSON;
    num = json_object_get(sent, "number");
    if (json_is_integer(num) && json_integer_value(num) >= 0 && json_integer_value(num) <= 1000000000)
        e->sentence_no = (int)json_integer_value(num);
    else if (num && !json_is_null(num))
        return bad(r, "sentence.number", "expected an integer >= 0 or null");
    if (get_enum(r, s, "class", chr_event_class_parse, &v))
        return CHR_EJSON;
    e->cls = (chr_event_class)v;
    if (get_enum(r, s, "tense", chr_tense_parse, &v))
        return CHR_EJSON;
    e->tense = (chr_tense)v;
    if (get_enum(r, s, "aspect", chr_aspect_parse, &v))
        return CHR_EJSON;
    e->aspect = (chr_aspect)v;
    if (get_enum(r, s, "polarity", parse_polarity, &e->negative))
        return CHR_EJSON;
    if (!dated)
        return json_is_null(tm) || !tm ? 0 : bad(r, "time", "expected null (an undated event)");
    if (!json_is_object(tm))
        return bad(r, "time", "expected an object (a dated mention)");
    size_t n = strlen(r->where);
    snprintf(r->where + n, sizeof r->where - n, ".time");
    if (get_day(r, tm, "begin", &e->has_begin, &e->first_day) ||
        get_day(r, tm, "end", &e->has_end, &e->after_day) || get_enum(r, tm, "granularity", parse_gran, &v))
        return CHR_EJSON;
    e->gran = (chr_gran)v;
    e->after_day += e->has_end;
    if (!e->has_begin && !e->has_end)
        return bad(r, "begin", "a dated mention needs a begin or an end");
    if (get_flags(r, tm, &e->flags) || get_enum(r, tm, "relation", chr_relation_parse, &v) ||
        !(e->value = get_str(r, tm, "value", 1)) || !(e->timex_id = get_str(r, tm, "timex", 1)) ||
        !(e->rule = get_str(r, tm, "rule", 1)))
        return CHR_EJSON;
    e->relation = (chr_relation)v;
    if (!json_object_get(tm, "from") || !json_object_get(tm, "to"))
        return bad(r, "from", "missing (a timeline written before timeline --merge existed: build it again)");
    if (get_time(r, tm, "from", &e->begin_at) || get_time(r, tm, "to", &e->end_at))
        return CHR_EJSON;
    if (e->has_begin != (e->begin_at.gran != CHR_GRAN_NONE) ||
        e->has_end != (e->end_at.gran != CHR_GRAN_NONE))
        return bad(r, "from", "\"from\" and \"to\" do not match \"begin\" and \"end\"");
    r->where[n] = '\0';
    return 0;
}

static int cmp_slots(const void *pa, const void *pb) {
    const chr_timeline_entry *a = &((const slot *)pa)->e, *b = &((const slot *)pb)->e;
    if (a->doc != b->doc)
        return a->doc < b->doc ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return strcmp(a->event_id, b->event_id);
}

/* The sources of every entry (dated) and undated event into v[0..*n). */
static int read_mentions(reader *r, const json_t *root, slot **v, size_t *n) {
    static const char *const lists[] = {"entries", "undated"};
    size_t cap = 0;
    for (int l = 0; l < 2; l++) {
        const json_t *a = json_object_get(root, lists[l]), *item;
        size_t i;
        if (!json_is_array(a)) {
            *r->where = '\0';
            return bad(r, lists[l], "expected an array");
        }
        json_array_foreach(a, i, item) {
            const json_t *srcs = json_object_get(item, "sources"), *s;
            size_t k;
            snprintf(r->where, sizeof r->where, "%s[%zu]", lists[l], i);
            if (!json_is_array(srcs) || !json_array_size(srcs) || (l == 1 && json_array_size(srcs) != 1))
                return bad(r, "sources",
                           l ? "expected an array of one source" : "expected a non-empty array");
            json_array_foreach(srcs, k, s) {
                if (*n == cap) {
                    size_t c = cap ? cap * 2 : 64;
                    slot *p = realloc(*v, c * sizeof *p);
                    if (!p)
                        return chr__error_set(r->err, CHR_ENOMEM, "out of memory");
                    *v = p;
                    cap = c;
                }
                slot *sl = &(*v)[*n];
                snprintf(r->where, sizeof r->where, "%s[%zu].sources[%zu]", lists[l], i, k);
                memcpy(sl->where, r->where, sizeof sl->where);
                sl->dated = !l;
                if (read_source(r, s, &sl->e, !l))
                    return CHR_EJSON;
                if (l == 1) {
                    /* an undated event's own time: relation and value (no interval) */
                    int rel;
                    snprintf(r->where, sizeof r->where, "%s[%zu]", lists[l], i);
                    if (get_enum(r, item, "relation", chr_relation_parse, &rel) ||
                        !(sl->e.value = get_str(r, item, "value", 1)))
                        return CHR_EJSON;
                    sl->e.relation = (chr_relation)rel;
                }
                (*n)++;
            }
        }
    }
    return 0;
}

static int read_docs(reader *r, const json_t *root) {
    const json_t *d;
    size_t i;
    const char *prev = NULL;
    if (!json_is_array(r->docs))
        return bad(r, "documents", "expected an array");
    json_array_foreach(r->docs, i, d) {
        const char *id;
        chr_time dct;
        snprintf(r->where, sizeof r->where, "documents[%zu]", i);
        if (!json_is_object(d))
            return bad(r, "", "expected an object");
        if (!(id = get_str(r, d, "id", 0)) || get_time(r, d, "dct", &dct))
            return CHR_EJSON;
        if (prev && strcmp(prev, id) >= 0)
            return bad(r, "id", strcmp(prev, id) ? "documents not in id order" : "a document id twice");
        prev = id;
        if (chr__timeline_put_doc(r->tl, id, &dct))
            return chr__error_set(r->err, CHR_ENOMEM, "out of memory");
    }
    *r->where = '\0';
    const char *entity = get_str(r, root, "entity", 1);
    if (!entity)
        return CHR_EJSON;
    int rc = chr_timeline_set_entity(r->tl, entity);
    return rc ? chr__error_set(r->err, rc, "out of memory") : 0;
}

int chr_timeline_from_json(chr_timeline **out, const json_t *json, chr_error *err) {
    reader r = {NULL, NULL, err, ""};
    slot *v = NULL;
    size_t n = 0;
    int rc;
    if (!out)
        return chr__error_set(err, CHR_EINVAL, "chr_timeline_from_json: NULL argument");
    *out = NULL;
    if (!json_is_object(json))
        return chr__error_set(err, CHR_EJSON, "timeline JSON: expected an object");
    const json_t *ver = json_object_get(json, "version");
    if (!json_is_integer(ver) || json_integer_value(ver) != CHR_TIMELINE_VERSION)
        return chr__error_set(err, CHR_EJSON, "timeline JSON: version %s, expected %d (build it again)",
                              json_is_integer(ver) ? (json_integer_value(ver) == 1 ? "1" : "unknown")
                                                   : "missing",
                              CHR_TIMELINE_VERSION);
    if (chr_timeline_new(&r.tl))
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    r.docs = json_object_get(json, "documents");
    if ((rc = read_docs(&r, json)) || (rc = read_mentions(&r, json, &v, &n)))
        goto done;
    /* the text order of each document's mentions; a mention twice is an error */
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_slots);
    for (size_t i = 0, seq = 0; i < n; i++) {
        if (i > 0 && !cmp_slots(&v[i - 1], &v[i])) {
            memcpy(r.where, v[i].where, sizeof r.where);
            rc = bad(&r, "event", "the same mention twice");
            goto done;
        }
        seq = i > 0 && v[i - 1].e.doc == v[i].e.doc ? seq + 1 : 0;
        v[i].e.seq = seq;
        if (chr__timeline_put_mention(r.tl, &v[i].e, v[i].dated)) {
            rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
            goto done;
        }
    }
    chr__timeline_settle(r.tl);
    *out = r.tl;
    r.tl = NULL;
    rc = CHR_OK;
done:
    free(v);
    chr_timeline_free(r.tl);
    return rc;
}
