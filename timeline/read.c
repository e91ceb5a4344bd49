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
 * chr_timeline_read_json reads the same JSON from a stream without its tree: the top-level object is
 * walked byte by byte and each document, entry and undated event is parsed on its own (json_loadb) and
 * let go, so that memory holds one entry and the timeline being built, not the JSON of the whole (an
 * array met before the documents it needs is kept as text until the end).
 *
 * Exports chr_timeline_from_json, chr_timeline_read_json (timeline.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "timeline_internal.h"

/* A mention with where it came from, to order the mentions of each document. */
typedef struct slot {
    chr_timeline_entry e;
    int dated;
    char where[96];
} slot;

typedef struct reader {
    chr_timeline *tl;
    const char **ids; /* the documents' ids so far (the timeline's copies), in id order */
    size_t nids, ids_cap;
    slot *v; /* the mentions so far, their strings kept by tl */
    size_t n, cap;
    chr_error *err;
    char where[96]; /* "entries[3].sources[1]" */
} reader;

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
    const json_t *a = json_object_get(o, "flags"), *v;
    size_t i;
    *flags = 0;
    if (!json_is_array(a))
        return bad(r, "flags", "expected an array");
    json_array_foreach(a, i, v) {
        const char *name = NULL;
        unsigned bit = 0;
        for (size_t k = 0; json_is_string(v) && (name = chr_timeline_flag_name(k, &bit)); k++)
            if (!strcmp(json_string_value(v), name))
                break;
        if (!name)
            return bad(r, "flags", "unknown flag");
        *flags |= bit;
    }
    return 0;
}

/* The index of document id in "documents" (in id order: binary search). */
static int find_doc(reader *r, const char *id, size_t *out) {
    size_t lo = 0, hi = r->nids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(r->ids[mid], id);
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

/* The strings of mention e kept by the timeline (the JSON they come from may go). */
static int keep_strings(reader *r, chr_timeline_entry *e) {
    const char **f[] = {&e->event_id, &e->text, &e->actor, &e->summary, &e->value, &e->timex_id, &e->rule};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        if (!(*f[i] = chr__timeline_keep(r->tl, *f[i])))
            return chr__error_set(r->err, CHR_ENOMEM, "out of memory");
    return 0;
}

/* The sources of item i of "entries" (l 0: dated) or "undated" (l 1) into r->v. */
static int read_item(reader *r, int l, size_t i, const json_t *item) {
    static const char *const lists[] = {"entries", "undated"};
    const json_t *srcs = json_object_get(item, "sources"), *s;
    size_t k;
    snprintf(r->where, sizeof r->where, "%s[%zu]", lists[l], i);
    if (!json_is_array(srcs) || !json_array_size(srcs) || (l == 1 && json_array_size(srcs) != 1))
        return bad(r, "sources", l ? "expected an array of one source" : "expected a non-empty array");
    json_array_foreach(srcs, k, s) {
        if (r->n == r->cap) {
            size_t c = r->cap ? r->cap * 2 : 64;
            slot *p = realloc(r->v, c * sizeof *p);
            if (!p)
                return chr__error_set(r->err, CHR_ENOMEM, "out of memory");
            r->v = p;
            r->cap = c;
        }
        slot *sl = &r->v[r->n];
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
        if (keep_strings(r, &sl->e))
            return CHR_ENOMEM;
        r->n++;
    }
    return 0;
}

/* Document i of "documents". */
static int read_doc(reader *r, size_t i, const json_t *d) {
    const char *id;
    chr_time dct;
    snprintf(r->where, sizeof r->where, "documents[%zu]", i);
    if (!json_is_object(d))
        return bad(r, "", "expected an object");
    if (!(id = get_str(r, d, "id", 0)) || get_time(r, d, "dct", &dct))
        return CHR_EJSON;
    if (r->nids && strcmp(r->ids[r->nids - 1], id) >= 0)
        return bad(r, "id",
                   strcmp(r->ids[r->nids - 1], id) ? "documents not in id order" : "a document id twice");
    if (r->nids == r->ids_cap) {
        size_t c = r->ids_cap ? r->ids_cap * 2 : 64;
        const char **p = realloc(r->ids, c * sizeof *p);
        if (!p)
            return chr__error_set(r->err, CHR_ENOMEM, "out of memory");
        r->ids = p;
        r->ids_cap = c;
    }
    if (chr__timeline_put_doc(r->tl, id, &dct))
        return chr__error_set(r->err, CHR_ENOMEM, "out of memory");
    r->ids[r->nids++] = chr__timeline_last_doc_id(r->tl);
    *r->where = '\0';
    return 0;
}

static int read_entity(reader *r, const json_t *v) {
    *r->where = '\0';
    if (!json_is_null(v) && !json_is_string(v))
        return bad(r, "entity", "expected a string or null");
    int rc = chr_timeline_set_entity(r->tl, json_is_string(v) ? json_string_value(v) : "");
    return rc ? chr__error_set(r->err, rc, "out of memory") : 0;
}

static int check_version(const json_t *ver, chr_error *err) {
    if (!json_is_integer(ver) || json_integer_value(ver) != CHR_TIMELINE_VERSION)
        return chr__error_set(err, CHR_EJSON, "timeline JSON: version %s, expected %d (build it again)",
                              json_is_integer(ver) ? (json_integer_value(ver) == 1 ? "1" : "unknown")
                                                   : "missing",
                              CHR_TIMELINE_VERSION);
    return 0;
}

/* The mentions in: the text order of each document's mentions (a mention twice is an error), then into
 * the timeline, in its canonical order. */
static int finish(reader *r) {
    if (r->n > 1)
        qsort(r->v, r->n, sizeof *r->v, cmp_slots);
    for (size_t i = 0, seq = 0; i < r->n; i++) {
        if (i > 0 && !cmp_slots(&r->v[i - 1], &r->v[i])) {
            memcpy(r->where, r->v[i].where, sizeof r->where);
            return bad(r, "event", "the same mention twice");
        }
        seq = i > 0 && r->v[i - 1].e.doc == r->v[i].e.doc ? seq + 1 : 0;
        r->v[i].e.seq = seq;
        if (chr__timeline_put_mention(r->tl, &r->v[i].e, r->v[i].dated))
            return chr__error_set(r->err, CHR_ENOMEM, "out of memory");
    }
    chr__timeline_settle(r->tl);
    return 0;
}

static void reader_free(reader *r) {
    free(r->v);
    free(r->ids);
    chr_timeline_free(r->tl);
}

int chr_timeline_from_json(chr_timeline **out, const json_t *json, chr_error *err) {
    reader r;
    int rc;
    memset(&r, 0, sizeof r);
    r.err = err;
    if (!out)
        return chr__error_set(err, CHR_EINVAL, "chr_timeline_from_json: NULL argument");
    *out = NULL;
    if (!json_is_object(json))
        return chr__error_set(err, CHR_EJSON, "timeline JSON: expected an object");
    if ((rc = check_version(json_object_get(json, "version"), err)))
        return rc;
    if (chr_timeline_new(&r.tl))
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    const json_t *docs = json_object_get(json, "documents"), *d;
    size_t i;
    if (!json_is_array(docs)) {
        rc = bad(&r, "documents", "expected an array");
        goto done;
    }
    json_array_foreach(docs, i, d) {
        if ((rc = read_doc(&r, i, d)))
            goto done;
    }
    if ((rc = read_entity(&r, json_object_get(json, "entity"))))
        goto done;
    static const char *const lists[] = {"entries", "undated"};
    for (int l = 0; l < 2; l++) {
        const json_t *a = json_object_get(json, lists[l]), *item;
        if (!json_is_array(a)) {
            *r.where = '\0';
            rc = bad(&r, lists[l], "expected an array");
            goto done;
        }
        json_array_foreach(a, i, item) {
            if ((rc = read_item(&r, l, i, item)))
                goto done;
        }
    }
    if ((rc = finish(&r)))
        goto done;
    *out = r.tl;
    r.tl = NULL;
done:
    reader_free(&r);
    return rc;
}

/* --- From a stream, piece by piece ----------------------------------------------------------------- */

/* Bytes from a FILE, or from memory (the raw text of an array met before the documents). */
typedef struct src {
    FILE *f;
    const char *p, *end;
    size_t at; /* bytes read */
} src;

static int get(src *s) {
    int c = s->f ? getc(s->f) : s->p < s->end ? (unsigned char)*s->p++ : EOF;
    s->at += c != EOF;
    return c;
}

static void unget(src *s, int c) {
    if (c == EOF)
        return;
    s->at--;
    if (s->f)
        ungetc(c, s->f);
    else
        s->p--;
}

/* The next byte that is not white space (read). */
static int skip_ws(src *s) {
    int c;
    while ((c = get(s)) == ' ' || c == '\t' || c == '\n' || c == '\r')
        ;
    return c;
}

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static int put(text *t, int c) {
    if (t->len + 1 >= t->cap) {
        size_t n = t->cap ? t->cap * 2 : 4096;
        char *p = realloc(t->p, n);
        if (!p)
            return -1;
        t->p = p;
        t->cap = n;
    }
    t->p[t->len++] = (char)c;
    return 0;
}

static int syntax(reader *r, const src *s, const char *what) {
    return chr__error_set(r->err, CHR_EJSON, "not a timeline: %s (byte %zu)", what, s->at);
}

/* The bytes of one JSON value whose first byte c was read, into t (appended): strings whole, brackets
 * counted; whether they make a value is for json_loadb to say. */
static int scan(reader *r, src *s, int c, text *t) {
    int depth = 0, in_str = 0;
    if (c == EOF)
        return syntax(r, s, "the text ends before a value");
    if (c != '"' && c != '{' && c != '[') {
        /* a number, true, false, null */
        while (c != EOF && c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t' && c != '\n' &&
               c != '\r') {
            if (put(t, c))
                return chr__error_set(r->err, CHR_ENOMEM, "out of memory");
            c = get(s);
        }
        unget(s, c);
        return 0;
    }
    for (;;) {
        if (put(t, c))
            return chr__error_set(r->err, CHR_ENOMEM, "out of memory");
        if (in_str) {
            if (c == '\\') {
                if ((c = get(s)) == EOF)
                    break;
                if (put(t, c))
                    return chr__error_set(r->err, CHR_ENOMEM, "out of memory");
            } else if (c == '"') {
                in_str = 0;
                if (depth == 0)
                    return 0;
            }
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return 0;
        }
        if ((c = get(s)) == EOF)
            break;
    }
    return syntax(r, s, "the text ends inside a value");
}

/* The value scanned into t, parsed. NULL: error set. */
static json_t *parse(reader *r, const src *s, const text *t) {
    json_error_t jerr;
    json_t *v = json_loadb(t->p, t->len, JSON_DECODE_ANY, &jerr);
    if (!v)
        syntax(r, s, jerr.text);
    return v;
}

/* An array whose '[' is c, each element parsed on its own and handed to each (list l: 0 entries, 1
 * undated, 2 documents). */
static int each_element(reader *r, src *s, int c, int l, text *t) {
    static const char *const names[] = {"entries", "undated", "documents"};
    size_t i = 0;
    int rc;
    if (c != '[') {
        *r->where = '\0';
        return bad(r, names[l], "expected an array");
    }
    if ((c = skip_ws(s)) == ']')
        return 0;
    for (;; i++) {
        t->len = 0;
        if ((rc = scan(r, s, c, t)))
            return rc;
        json_t *v = parse(r, s, t);
        if (!v)
            return CHR_EJSON;
        rc = l == 2 ? read_doc(r, i, v) : read_item(r, l, i, v);
        json_decref(v);
        if (rc)
            return rc;
        if ((c = skip_ws(s)) == ']')
            return 0;
        if (c != ',')
            return syntax(r, s, "expected , or ] in an array");
        c = skip_ws(s);
    }
}

int chr_timeline_read_json(chr_timeline **out, FILE *f, chr_error *err) {
    static const char *const lists[] = {"entries", "undated"};
    reader r;
    src s = {f, NULL, NULL, 0};
    text t = {0}, key = {0}, pending[2] = {{0}}, docs = {0};
    int have_version = 0, have_docs = 0, have_entity = 0, have[2] = {0, 0}, c, rc = 0;
    memset(&r, 0, sizeof r);
    r.err = err;
    if (!out || !f)
        return chr__error_set(err, CHR_EINVAL, "chr_timeline_read_json: NULL argument");
    *out = NULL;
    if ((c = skip_ws(&s)) != '{') {
        unget(&s, c);
        return syntax(&r, &s, "expected a JSON object");
    }
    if (chr_timeline_new(&r.tl))
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    c = skip_ws(&s);
    while (c != '}') {
        json_t *k, *v;
        key.len = 0;
        if (c != '"') {
            rc = syntax(&r, &s, "expected a key");
            goto done;
        }
        if ((rc = scan(&r, &s, c, &key)) || !(k = parse(&r, &s, &key))) {
            rc = rc ? rc : CHR_EJSON;
            goto done;
        }
        char name[16] = "";
        if (json_string_length(k) < sizeof name)
            memcpy(name, json_string_value(k), json_string_length(k));
        json_decref(k);
        if ((c = skip_ws(&s)) != ':') {
            rc = syntax(&r, &s, "expected :");
            goto done;
        }
        c = skip_ws(&s);
        int l = !strcmp(name, "entries") ? 0 : !strcmp(name, "undated") ? 1 : -1;
        if (l >= 0 && have_version && have_docs) {
            /* the usual order (version, documents, entries): an entry at a time */
            if ((rc = each_element(&r, &s, c, l, &t)))
                goto done;
            have[l] = 1;
        } else if (l >= 0 || (!strcmp(name, "documents") && !have_version)) {
            /* before what they need: their text kept, read at the end */
            text *keep = l >= 0 ? &pending[l] : &docs;
            keep->len = 0;
            if ((rc = scan(&r, &s, c, keep)))
                goto done;
            if (l >= 0)
                have[l] = 1;
            else
                have_docs = 1;
        } else if (!strcmp(name, "documents")) {
            if ((rc = each_element(&r, &s, c, 2, &t)))
                goto done;
            have_docs = 1;
        } else {
            t.len = 0;
            if ((rc = scan(&r, &s, c, &t)) || !(v = parse(&r, &s, &t))) {
                rc = rc ? rc : CHR_EJSON;
                goto done;
            }
            if (!strcmp(name, "version")) {
                rc = check_version(v, err);
                have_version = 1;
            } else if (!strcmp(name, "entity")) {
                rc = read_entity(&r, v);
                have_entity = 1;
            }
            json_decref(v);
            if (rc)
                goto done;
        }
        if ((c = skip_ws(&s)) == ',')
            c = skip_ws(&s);
        else if (c != '}') {
            rc = syntax(&r, &s, "expected , or } in an object");
            goto done;
        }
    }
    if (!have_version && (rc = check_version(NULL, err)))
        goto done;
    if (docs.len) {
        src m = {NULL, docs.p, docs.p + docs.len, 0};
        if ((rc = each_element(&r, &m, get(&m), 2, &t)))
            goto done;
    } else if (!have_docs) {
        rc = bad(&r, "documents", "expected an array");
        goto done;
    }
    if (!have_entity && (rc = read_entity(&r, NULL)))
        goto done;
    for (int l = 0; l < 2; l++) {
        if (!have[l]) {
            *r.where = '\0';
            rc = bad(&r, lists[l], "expected an array");
            goto done;
        }
        if (pending[l].len) {
            src m = {NULL, pending[l].p, pending[l].p + pending[l].len, 0};
            if ((rc = each_element(&r, &m, get(&m), l, &t)))
                goto done;
        }
    }
    if ((rc = finish(&r)))
        goto done;
    *out = r.tl;
    r.tl = NULL;
done:
    free(t.p);
    free(key.p);
    free(docs.p);
    free(pending[0].p);
    free(pending[1].p);
    reader_free(&r);
    return rc;
}
