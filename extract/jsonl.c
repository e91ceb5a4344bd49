/* jsonl.c: the JSON Lines reader: one record (one line) -> one document.
 *
 * Exports (doc.h): chr_doc_from_json.
 *
 * The text is the first string among the candidate text fields (or the one named by the caller); the
 * DCT comes from the first candidate date field whose value parses (string forms of
 * chr__dct_parse_string, or epoch seconds as a JSON number); the id from "id" or "url" (string or
 * integer). Every failure is one line naming the field. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "dct_internal.h"
#include "internal.h"

static const char *const text_names[] = {"text", "body", "content", "maintext"};
static const char *const date_names[] = {"dct", "date", "published", "date_publish", "datePublished"};
static const char *const id_names[] = {"id", "url"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *kind_name(const json_t *v) {
    switch (json_typeof(v)) {
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
static int find_text(const json_t *rec, const char *name, const json_t **out, const char **used,
                     chr_error *err) {
    const json_t *v, *first_bad = NULL;
    const char *bad_name = NULL;
    size_t i;

    if (name) {
        v = json_object_get(rec, name);
        if (!v) {
            return chr__error_set(err, CHR_EJSON, "no text field \"%s\"", name);
        }
        if (!json_is_string(v)) {
            return chr__error_set(err, CHR_EJSON, "text field \"%s\" is %s, not a string", name,
                                  kind_name(v));
        }
        *out = v;
        *used = name;
        return CHR_OK;
    }
    for (i = 0; i < COUNT(text_names); i++) {
        v = json_object_get(rec, text_names[i]);
        if (v && json_is_string(v)) {
            *out = v;
            *used = text_names[i];
            return CHR_OK;
        }
        if (v && !first_bad && !json_is_null(v)) {
            first_bad = v;
            bad_name = text_names[i];
        }
    }
    if (first_bad) {
        return chr__error_set(err, CHR_EJSON, "text field \"%s\" is %s, not a string", bad_name,
                              kind_name(first_bad));
    }
    return chr__error_set(err, CHR_EJSON, "no text field (tried text, body, content, maintext)");
}

/* 1 and *t set when v is a usable date, 0 when it is absent or null, CHR_EDATE when it is not a date. */
static int parse_date_value(const json_t *v, chr_time *t) {
    if (!v || json_is_null(v)) {
        return 0;
    }
    if (json_is_string(v)) {
        return chr__dct_parse_string(t, json_string_value(v), json_string_length(v)) == CHR_OK ? 1
                                                                                               : CHR_EDATE;
    }
    if (json_is_integer(v)) {
        json_int_t n = json_integer_value(v);
        if (n > 99999999999LL || n < -99999999999LL) {
            n /= 1000; /* milliseconds */
        }
        return chr__dct_from_epoch(t, (long long)n) == CHR_OK ? 1 : CHR_EDATE;
    }
    if (json_is_real(v)) {
        double d = json_real_value(v);
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

static void describe(const json_t *v, char *buf, size_t n) {
    if (json_is_string(v)) {
        snprintf(buf, n, "\"%.60s\"", json_string_value(v));
    } else if (json_is_integer(v)) {
        snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    } else {
        snprintf(buf, n, "%s", kind_name(v));
    }
}

/* The DCT: fields->date, or the first candidate whose value parses. */
static int find_date(const json_t *rec, const char *name, chr_time *t, int *found, chr_error *err) {
    const json_t *v, *bad = NULL;
    const char *bad_name = NULL;
    char what[96];
    size_t i;
    int rc;

    *found = 0;
    if (name) {
        v = json_object_get(rec, name);
        rc = parse_date_value(v, t);
        if (rc == CHR_EDATE) {
            bad = v;
            bad_name = name;
        }
        *found = rc == 1;
    } else {
        for (i = 0; i < COUNT(date_names) && !*found; i++) {
            v = json_object_get(rec, date_names[i]);
            rc = parse_date_value(v, t);
            if (rc == CHR_EDATE && !bad) {
                bad = v;
                bad_name = date_names[i];
            }
            *found = rc == 1;
        }
    }
    if (!*found && bad) {
        describe(bad, what, sizeof what);
        return chr__error_set(err, CHR_EDATE, "date field \"%s\" is not a date: %s", bad_name, what);
    }
    return CHR_OK;
}

static int set_id(chr_doc *doc, const json_t *rec, const char *name) {
    char buf[32];
    size_t i;

    for (i = 0; i < (name ? 1 : COUNT(id_names)); i++) {
        const json_t *v = json_object_get(rec, name ? name : id_names[i]);
        if (json_is_string(v)) {
            return chr_doc_set_id(doc, json_string_value(v));
        }
        if (json_is_integer(v)) {
            snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
            return chr_doc_set_id(doc, buf);
        }
    }
    return CHR_OK;
}

int chr_doc_from_json(chr_doc **out, const char *line, size_t len, const chr_json_fields *fields,
                      chr_error *err) {
    json_error_t jerr;
    json_t *rec;
    const json_t *text = NULL;
    const char *used = NULL;
    chr_doc *doc = NULL;
    chr_time t;
    size_t bad = 0, i;
    int rc, found;

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
    if (chr__utf8_check(line, len, &bad) != 0) {
        rc = chr__error_set(err, CHR_EUTF8, "invalid UTF-8 in JSON record at byte offset %zu", bad);
        if (err) {
            err->offset = bad;
        }
        return rc;
    }
    for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\n'); i++) {
    }
    if (i == len) {
        return chr__error_set(err, CHR_EEMPTY, "empty JSON record");
    }
    rec = json_loadb(line, len, JSON_DECODE_ANY, &jerr);
    if (!rec) {
        rc = chr__error_set(err, CHR_EJSON, "malformed JSON at column %d: %s", jerr.column, jerr.text);
        if (err) {
            err->offset = jerr.position > 0 ? (size_t)jerr.position : 0;
        }
        return rc;
    }
    if (!json_is_object(rec)) {
        rc = chr__error_set(err, CHR_EJSON, "JSON record is %s, not an object", kind_name(rec));
        goto done;
    }
    rc = find_text(rec, fields ? fields->text : NULL, &text, &used, err);
    if (rc != CHR_OK) {
        goto done;
    }
    rc = chr_doc_from_text(&doc, json_string_value(text), json_string_length(text), err);
    if (rc == CHR_EEMPTY) {
        chr__error_set(err, rc, "text field \"%s\" is empty", used);
        goto done;
    }
    if (rc != CHR_OK) {
        goto done;
    }
    doc->format = CHR_FORMAT_JSONL;
    rc = find_date(rec, fields ? fields->date : NULL, &t, &found, err);
    if (rc != CHR_OK) {
        goto done;
    }
    if (found) {
        chr_doc_set_dct_time(doc, &t, CHR_DCT_FIELD);
    }
    if (set_id(doc, rec, fields ? fields->id : NULL) != CHR_OK) {
        rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
        goto done;
    }
    *out = doc;
    doc = NULL;
done:
    chr_doc_free(doc);
    json_decref(rec);
    return rc;
}
