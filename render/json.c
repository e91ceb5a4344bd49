/* json.c: the JSON view of one document's extraction.
 *
 * Exports (render.h): chr_render_json.
 *
 * Keys are added in the documented order; dump with JSON_PRESERVE_ORDER to keep it:
 *   {"id", "dct": {"value", "source"[, "tz"]},
 *    "timexes": [{"id", "start", "end", "text", "type", "value", "mod", "anchor",
 *                 "interval": {"begin", "end"}[, "quant", "freq"][, "signal"]}]}
 * start/end are code point offsets (end exclusive); mod, anchor, interval (and its end) are null when
 * empty; quant and freq appear only on a SET that has them, signal only when there is one. */
#include <stdio.h>

#include "internal.h"

/* A string, or null when s is empty. */
static json_t *string_or_null(const char *s) { return s && *s ? json_string(s) : json_null(); }

/* Sets key to v (stealing it); remembers a failure in *ok. */
static void put(json_t *obj, const char *key, json_t *v, int *ok) {
    if (!v || json_object_set_new(obj, key, v) != 0) {
        *ok = 0;
    }
}

static void format_tz(char *buf, size_t n, int tz) {
    int a = tz < 0 ? -tz : tz;
    snprintf(buf, n, "%c%02d:%02d", tz < 0 ? '-' : '+', a / 60, a % 60);
}

static json_t *render_dct(const chr_doc *doc, int *ok) {
    json_t *o = json_object();
    chr_time t;
    chr_dct_source src = chr_doc_dct(doc, &t);
    char buf[64], tz[8];

    if (!o) {
        *ok = 0;
        return NULL;
    }
    if (src == CHR_DCT_NONE) {
        put(o, "value", json_null(), ok);
    } else {
        chr_time_format(buf, sizeof buf, &t);
        put(o, "value", json_string(buf), ok);
    }
    put(o, "source", json_string(chr_dct_source_name(src)), ok);
    if (src != CHR_DCT_NONE && (t.flags & CHR_TIME_HAS_TZ)) {
        format_tz(tz, sizeof tz, t.tz);
        put(o, "tz", json_string(tz), ok);
    }
    return o;
}

static json_t *render_text(const chr_doc *doc, const chr_timex *x) {
    size_t len;
    const char *text = chr_doc_text(doc, &len);

    if (!text || x->start > x->end || x->end > len) {
        return json_null();
    }
    /* json_stringn checks UTF-8: an extent that cuts a character gives null, not broken JSON */
    json_t *s = json_stringn(text + x->start, x->end - x->start);
    return s ? s : json_null();
}

static json_t *render_timex(const chr_doc *doc, const chr_timex *x, int *ok) {
    json_t *o = json_object(), *iv;

    if (!o) {
        *ok = 0;
        return NULL;
    }
    put(o, "id", json_string(x->id), ok);
    put(o, "start", json_integer((json_int_t)x->cp_start), ok);
    put(o, "end", json_integer((json_int_t)x->cp_end), ok);
    put(o, "text", render_text(doc, x), ok);
    put(o, "type", json_string(chr_timex_type_name(x->type)), ok);
    put(o, "value", json_string(x->value), ok);
    put(o, "mod", string_or_null(x->mod), ok);
    put(o, "anchor", string_or_null(x->anchor), ok);
    if (x->begin[0]) {
        iv = json_object();
        if (iv) {
            put(iv, "begin", json_string(x->begin), ok);
            put(iv, "end", string_or_null(x->end_value), ok);
        }
        put(o, "interval", iv, ok);
    } else {
        put(o, "interval", json_null(), ok);
    }
    if (x->type == CHR_TIMEX_SET) {
        if (x->quant[0]) {
            put(o, "quant", json_string(x->quant), ok);
        }
        if (x->freq[0]) {
            put(o, "freq", json_string(x->freq), ok);
        }
    }
    if (x->signal[0]) {
        put(o, "signal", json_string(x->signal), ok);
    }
    return o;
}

json_t *chr_render_json(const chr_doc *doc, const chr_result *res) {
    json_t *root, *list;
    size_t i, n;
    int ok = 1;

    if (!doc) {
        return NULL;
    }
    root = json_object();
    list = json_array();
    if (!root || !list) {
        json_decref(root);
        json_decref(list);
        return NULL;
    }
    put(root, "id", json_string(chr_doc_id(doc)), &ok);
    put(root, "dct", render_dct(doc, &ok), &ok);
    n = res ? chr_result_count(res) : 0;
    for (i = 0; i < n && ok; i++) {
        const chr_timex *x = chr_result_timex(res, i);
        json_t *o;
        if (!x) {
            continue;
        }
        o = render_timex(doc, x, &ok);
        if (!o || json_array_append_new(list, o) != 0) {
            ok = 0;
        }
    }
    put(root, "timexes", list, &ok);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}
