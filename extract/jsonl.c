/* jsonl.c: the JSON Lines reader: one record (one line) -> one document.
 *
 * Exports (doc.h): chr_doc_from_json.
 *
 * The text is the first string among the candidate text fields (or the one named by the caller); the
 * DCT comes from the first candidate date field whose value parses (string forms of
 * chr__dct_parse_string, or epoch seconds as a JSON number); the id from "id" or "url" (string or
 * integer). Every failure is one line naming the field.
 *
 * The common record (an object of strings, small integers, booleans and nulls) is read by the lean
 * reader of jsonflat.c, which makes no tree; anything else, and every malformed record, by jansson. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "dct_internal.h"
#include "internal.h"
#include "jsonflat.h"

static const char *const text_names[] = {"text", "body", "content", "maintext"};
static const char *const date_names[] = {"dct", "date", "published", "date_publish", "datePublished"};
static const char *const id_names[] = {"id", "url"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The record: the lean reader's members, or else jansson's tree. */
typedef struct record {
    json_t *tree;
    chr__jsonflat flat;
} record;

/* Member name as a value: 1, or 0 when absent. */
static int get(const record *r, const char *name, chr__jvalue *v) {
    if (!r->tree) {
        const chr__jvalue *f = chr__jsonflat_get(&r->flat, name);
        if (f)
            *v = *f;
        return f != NULL;
    }
    const json_t *j = json_object_get(r->tree, name);
    if (!j)
        return 0;
    memset(v, 0, sizeof *v);
    v->type = json_typeof(j);
    if (v->type == JSON_STRING) {
        v->s = json_string_value(j);
        v->n = json_string_length(j);
    } else if (v->type == JSON_INTEGER) {
        v->i = json_integer_value(j);
    } else if (v->type == JSON_REAL) {
        v->d = json_real_value(j);
    }
    return 1;
}

static const char *kind_name(json_type t) {
    switch (t) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    }
    return "a value";
}

/* The text field: fields->text, or the first candidate that is a string. */
static int find_text(const record *rec, const char *name, chr__jvalue *out, const char **used,
                     chr_error *err) {
    chr__jvalue v, first_bad = {0};
    const char *bad_name = NULL;
    size_t i;

    if (name) {
        if (!get(rec, name, &v)) {
            return chr__error_set(err, CHR_EJSON, "no text field \"%s\"", name);
        }
        if (v.type != JSON_STRING) {
            return chr__error_set(err, CHR_EJSON, "text field \"%s\" is %s, not a string", name,
                                  kind_name(v.type));
        }
        *out = v;
        *used = name;
        return CHR_OK;
    }
    for (i = 0; i < COUNT(text_names); i++) {
        if (!get(rec, text_names[i], &v)) {
            continue;
        }
        if (v.type == JSON_STRING) {
            *out = v;
            *used = text_names[i];
            return CHR_OK;
        }
        if (!bad_name && v.type != JSON_NULL) {
            first_bad = v;
            bad_name = text_names[i];
        }
    }
    if (bad_name) {
        return chr__error_set(err, CHR_EJSON, "text field \"%s\" is %s, not a string", bad_name,
                              kind_name(first_bad.type));
    }
    return chr__error_set(err, CHR_EJSON, "no text field (tried text, body, content, maintext)");
}

/* 1 and *t set when v is a usable date, 0 when it is absent (v NULL) or null, CHR_EDATE when it is not a
 * date. */
static int parse_date_value(const chr__jvalue *v, chr_time *t) {
    if (!v || v->type == JSON_NULL) {
        return 0;
    }
    if (v->type == JSON_STRING) {
        return chr__dct_parse_string(t, v->s, v->n) == CHR_OK ? 1 : CHR_EDATE;
    }
    if (v->type == JSON_INTEGER) {
        json_int_t n = v->i;
        if (n > 99999999999LL || n < -99999999999LL) {
            n /= 1000; /* milliseconds */
        }
        return chr__dct_from_epoch(t, (long long)n) == CHR_OK ? 1 : CHR_EDATE;
    }
    if (v->type == JSON_REAL) {
        double d = v->d;
        if (d > 99999999999.0 || d < -99999999999.0) {
            d /= 1000;
        }
        if (!(d > -1e15 && d < 1e15)) {
            return CHR_EDATE;
        }
        return chr__dct_from_epoch(t, (long long)d) == CHR_OK ? 1 : CHR_EDATE;
    }
    return CHR_EDATE;
}

static void describe(const chr__jvalue *v, char *buf, size_t n) {
    if (v->type == JSON_STRING) {
        snprintf(buf, n, "\"%.60s\"", v->s);
    } else if (v->type == JSON_INTEGER) {
        snprintf(buf, n, "%" JSON_INTEGER_FORMAT, v->i);
    } else {
        snprintf(buf, n, "%s", kind_name(v->type));
    }
}

/* The DCT: fields->date, or the first candidate whose value parses. */
static int find_date(const record *rec, const char *name, chr_time *t, int *found, chr_error *err) {
    chr__jvalue v, bad = {0};
    const char *bad_name = NULL;
    char what[96];
    size_t i;
    int rc;

    *found = 0;
    if (name) {
        rc = parse_date_value(get(rec, name, &v) ? &v : NULL, t);
        if (rc == CHR_EDATE) {
            bad = v;
            bad_name = name;
        }
        *found = rc == 1;
    } else {
        for (i = 0; i < COUNT(date_names) && !*found; i++) {
            rc = parse_date_value(get(rec, date_names[i], &v) ? &v : NULL, t);
            if (rc == CHR_EDATE && !bad_name) {
                bad = v;
                bad_name = date_names[i];
            }
            *found = rc == 1;
        }
    }
    if (!*found && bad_name) {
        describe(&bad, what, sizeof what);
        return chr__error_set(err, CHR_EDATE, "date field \"%s\" is not a date: %s", bad_name, what);
    }
    return CHR_OK;
}

static int set_id(chr_doc *doc, const record *rec, const char *name) {
    char buf[32];
    chr__jvalue v;
    size_t i;

    for (i = 0; i < (name ? 1 : COUNT(id_names)); i++) {
        if (!get(rec, name ? name : id_names[i], &v)) {
            continue;
        }
        if (v.type == JSON_STRING) {
            return chr_doc_set_id(doc, v.s);
        }
        if (v.type == JSON_INTEGER) {
            snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, v.i);
            return chr_doc_set_id(doc, buf);
        }
    }
    return CHR_OK;
}

int chr_doc_from_json(chr_doc **out, const char *line, size_t len, const chr_json_fields *fields,
                      chr_error *err) {
    json_error_t jerr;
    record rec; /* not {0}: the lean reader's members are thousands of bytes */
    chr__jvalue text = {0};
    const char *used = NULL;
    chr_doc *doc = NULL;
    chr_time t;
    size_t bad = 0, i;
    int rc, found;

    rec.tree = NULL;
    rec.flat.buf = NULL;
    rec.flat.n = 0;
    if (!out) {
        return chr__error_set(err, CHR_EINVAL, "chr_doc_from_json: out is NULL");
    }
    *out = NULL;
    if (!line && len) {
        return chr__error_set(err, CHR_EINVAL, "chr_doc_from_json: line is NULL");
    }
    if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        len -= 3;
    }
    /* the common record without a tree; jansson for the rest, and for its error messages. The line is
     * checked for UTF-8 first as far as anyone can tell: a record the lean reader took, all ASCII, need
     * not be (the check cost some 1.6 M instructions on the 2 MB slice) */
    rc = chr__jsonflat_parse(&rec.flat, line, len);
    if (!(rc == 1 && rec.flat.ascii) && chr__utf8_check(line, len, &bad) != 0) {
        chr__jsonflat_free(&rec.flat);
        rc = chr__error_set(err, CHR_EUTF8, "invalid UTF-8 in JSON record at byte offset %zu", bad);
        if (err) {
            err->offset = bad;
        }
        return rc;
    }
    if (rc != 1) {
        for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\n');
             i++) {
        }
        if (i == len) {
            return chr__error_set(err, CHR_EEMPTY, "empty JSON record");
        }
    }
    if (rc < 0) {
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    if (rc == 0) {
        rec.tree = json_loadb(line, len, JSON_DECODE_ANY, &jerr);
        if (!rec.tree) {
            rc = chr__error_set(err, CHR_EJSON, "malformed JSON at column %d: %s", jerr.column, jerr.text);
            if (err) {
                err->offset = jerr.position > 0 ? (size_t)jerr.position : 0;
            }
            return rc;
        }
        if (!json_is_object(rec.tree)) {
            rc = chr__error_set(err, CHR_EJSON, "JSON record is %s, not an object",
                                kind_name(json_typeof(rec.tree)));
            goto done;
        }
    }
    rc = find_text(&rec, fields ? fields->text : NULL, &text, &used, err);
    if (rc != CHR_OK) {
        goto done;
    }
    /* the lean reader's strings are the checked line's bytes, cut at ASCII quotes and backslashes, and
     * escapes it decoded to valid UTF-8 (no \u0000, no lone surrogate): no second check. jansson's are
     * checked again. */
    if (rec.tree) {
        rc = chr_doc_from_text(&doc, text.s, text.n, err);
    } else {
        rc = chr__doc_from_utf8(&doc, text.s, text.n, err);
    }
    if (rc == CHR_EEMPTY) {
        chr__error_set(err, rc, "text field \"%s\" is empty", used);
        goto done;
    }
    if (rc != CHR_OK) {
        goto done;
    }
    doc->format = CHR_FORMAT_JSONL;
    rc = find_date(&rec, fields ? fields->date : NULL, &t, &found, err);
    if (rc != CHR_OK) {
        goto done;
    }
    if (found) {
        chr_doc_set_dct_time(doc, &t, CHR_DCT_FIELD);
    }
    if (set_id(doc, &rec, fields ? fields->id : NULL) != CHR_OK) {
        rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
        goto done;
    }
    *out = doc;
    doc = NULL;
done:
    chr_doc_free(doc);
    json_decref(rec.tree);
    chr__jsonflat_free(&rec.flat);
    return rc;
}
