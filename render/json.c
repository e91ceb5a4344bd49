/* json.c: the JSON view of one document's extraction.
 *
 * Exports (render.h): chr_render_json.
 *
 * Keys are added in the documented order; dump with JSON_PRESERVE_ORDER to keep it:
 *   {"id", "dct": {"value", "source"[, "tz"]},
 *    "timexes": [{"id", "start", "end", "text", "type", "value", "mod", "anchor",
 *                 "interval": {"begin", "end"}[, "quant", "freq"][, "signal"]}],
 *    "events": [{"id", "start", "end", "text", "class", "tense", "aspect", "polarity", "actor", "summary",
 *                "sentence": {"start", "end"},
 *                "time": {"timex", "relation", "value", "begin", "end", "granularity", "rule"}}]}
 * start/end are code point offsets (end exclusive); mod, anchor, interval (and its end) are null when
 * empty; quant and freq appear only on a SET that has them, signal only when there is one. An event's
 * actor and summary are null when unknown; its time is null when it has none; time.timex is the id of
 * the time expression ("t3", "t0" for the DCT); the other members of time are null when empty. */
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

/* The text of bytes [start, end) of the document, or null. */
static json_t *render_span(const chr_doc *doc, size_t start, size_t end) {
    size_t len;
    const char *text = chr_doc_text(doc, &len);

    if (!text || start > end || end > len) {
        return json_null();
    }
    /* json_stringn checks UTF-8: an extent that cuts a character gives null, not broken JSON */
    json_t *s = json_stringn(text + start, end - start);
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
    put(o, "text", render_span(doc, x->start, x->end), ok);
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

static json_t *render_event_time(const chr_result *res, const chr_event_time *t, int *ok) {
    json_t *o;
    const chr_timex *x;

    if (t->timex == -2) {
        return json_null();
    }
    o = json_object();
    if (!o) {
        *ok = 0;
        return NULL;
    }
    if (t->timex == -1) {
        put(o, "timex", json_string("t0"), ok);
    } else {
        x = t->timex >= 0 && res ? chr_result_timex(res, (size_t)t->timex) : NULL;
        put(o, "timex", x ? json_string(x->id) : json_null(), ok);
    }
    put(o, "relation", string_or_null(chr_relation_name(t->relation)), ok);
    put(o, "value", string_or_null(t->value), ok);
    put(o, "begin", string_or_null(t->begin), ok);
    put(o, "end", string_or_null(t->end), ok);
    put(o, "granularity", string_or_null(chr_gran_name(t->gran)), ok);
    put(o, "rule", string_or_null(t->rule), ok);
    return o;
}

static json_t *render_event(const chr_doc *doc, const chr_result *res, const chr_event *e, int *ok) {
    json_t *o = json_object(), *sent;

    if (!o) {
        *ok = 0;
        return NULL;
    }
    put(o, "id", json_string(e->id), ok);
    put(o, "start", json_integer((json_int_t)e->cp_start), ok);
    put(o, "end", json_integer((json_int_t)e->cp_end), ok);
    put(o, "text", render_span(doc, e->start, e->end), ok);
    put(o, "class", json_string(chr_event_class_name(e->cls)), ok);
    put(o, "tense", json_string(chr_tense_name(e->tense)), ok);
    put(o, "aspect", json_string(chr_aspect_name(e->aspect)), ok);
    put(o, "polarity", json_string(e->negative ? "NEG" : "POS"), ok);
    put(o, "actor", string_or_null(e->actor), ok);
    put(o, "summary", string_or_null(e->summary), ok);
    sent = json_object();
    if (sent) {
        put(sent, "start", json_integer((json_int_t)e->cp_sent_start), ok);
        put(sent, "end", json_integer((json_int_t)e->cp_sent_end), ok);
    }
    put(o, "sentence", sent, ok);
    put(o, "time", render_event_time(res, &e->time, ok), ok);
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
    list = json_array();
    n = res ? chr_result_event_count(res) : 0;
    for (i = 0; i < n && ok && list; i++) {
        const chr_event *e = chr_result_event(res, i);
        json_t *o;
        if (!e) {
            continue;
        }
        o = render_event(doc, res, e, &ok);
        if (!o || json_array_append_new(list, o) != 0) {
            ok = 0;
        }
    }
    put(root, "events", list, &ok);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}
