/* timeline_write.c: the timeline written as it is rendered, piece by piece, without a json_t tree: the
 * timeline JSON (the same bytes as json_dumps of chr_timeline_json with the same flags: the layout is
 * jansson's, render/jsonw.c) and the part format of the reduce (one compact JSON array a line: a header,
 * the documents, then every mention with all its fields; timeline/part.c reads it back). Memory stays
 * that of one entry whatever the size of the timeline; the bytes go to a callback 64 KiB at a time.
 *
 * Exports (timeline.h): chr_timeline_json_write, chr_timeline_jsonl_write, chr_timeline_part_write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"
#include "jsonw_internal.h"

static void day(chr__jsonw *w, int has, int64_t d) {
    char buf[32];
    int y, m, dd;
    if (!has) {
        chr__jsonw_null(w);
        return;
    }
    chr_date_civil(d, &y, &m, &dd);
    if (y >= 0 && y <= 9999) {
        /* "%04d-%02d-%02d" without printf: this is most of the numbers written */
        buf[0] = (char)('0' + y / 1000);
        buf[1] = (char)('0' + y / 100 % 10);
        buf[2] = (char)('0' + y / 10 % 10);
        buf[3] = (char)('0' + y % 10);
        buf[4] = '-';
        buf[5] = (char)('0' + m / 10);
        buf[6] = (char)('0' + m % 10);
        buf[7] = '-';
        buf[8] = (char)('0' + dd / 10);
        buf[9] = (char)('0' + dd % 10);
        buf[10] = '\0';
    } else {
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, dd);
    }
    chr__jsonw_str(w, buf);
}

static void flags(chr__jsonw *w, unsigned f) {
    const char *name;
    unsigned bit;
    chr__jsonw_open(w, '[');
    for (size_t i = 0; (name = chr_timeline_flag_name(i, &bit)); i++)
        if (f & bit)
            chr__jsonw_str(w, name);
    chr__jsonw_close(w, ']');
}

static void kv_str(chr__jsonw *w, const char *k, const char *v) {
    chr__jsonw_key(w, k);
    chr__jsonw_str(w, v);
}

static void kv_opt(chr__jsonw *w, const char *k, const char *v) {
    chr__jsonw_key(w, k);
    chr__jsonw_str_or_null(w, v);
}

static void event_fields(chr__jsonw *w, const chr_timeline_entry *e) {
    kv_str(w, "text", e->text);
    kv_str(w, "class", chr_event_class_name(e->cls));
    kv_str(w, "tense", chr_tense_name(e->tense));
    kv_str(w, "aspect", chr_aspect_name(e->aspect));
    kv_str(w, "polarity", e->negative ? "NEG" : "POS");
    kv_opt(w, "actor", e->actor);
    kv_opt(w, "summary", e->summary);
}

/* The interval and time of a dated mention, the keys shared by an entry and a source's "time". */
static void interval(chr__jsonw *w, const chr_timeline_entry *e) {
    chr__jsonw_key(w, "begin");
    day(w, e->has_begin, e->first_day);
    chr__jsonw_key(w, "end");
    day(w, e->has_end, e->after_day - 1);
    kv_opt(w, "granularity", chr_gran_name(e->gran));
    chr__jsonw_key(w, "flags");
    flags(w, e->flags);
    kv_opt(w, "relation", chr_relation_name(e->relation));
    kv_opt(w, "value", e->value);
    kv_opt(w, "timex", e->timex_id);
    kv_opt(w, "rule", e->rule);
}

static void source(chr__jsonw *w, const chr_timeline *tl, const chr_timeline_entry *e, int dated) {
    char buf[160];
    chr__jsonw_open(w, '{');
    kv_str(w, "document", chr_timeline_doc_id(tl, e->doc));
    kv_str(w, "event", e->event_id);
    chr__jsonw_key(w, "start");
    chr__jsonw_int(w, (int64_t)e->start);
    chr__jsonw_key(w, "end");
    chr__jsonw_int(w, (int64_t)e->end);
    chr__jsonw_key(w, "sentence");
    chr__jsonw_open(w, '{');
    chr__jsonw_key(w, "start");
    chr__jsonw_int(w, (int64_t)e->sent_start);
    chr__jsonw_key(w, "end");
    chr__jsonw_int(w, (int64_t)e->sent_end);
    chr__jsonw_key(w, "number");
    if (e->sentence_no >= 0)
        chr__jsonw_int(w, e->sentence_no);
    else
        chr__jsonw_null(w);
    chr__jsonw_close(w, '}');
    kv_opt(w, "match", e->match);
    event_fields(w, e);
    chr__jsonw_key(w, "time");
    if (!dated) {
        chr__jsonw_null(w);
        chr__jsonw_close(w, '}');
        return;
    }
    chr__jsonw_open(w, '{');
    chr_timeline_label(buf, sizeof buf, e);
    kv_str(w, "label", buf);
    interval(w, e);
    chr_timeline_edtf(buf, sizeof buf, e);
    kv_opt(w, "edtf", buf);
    chr_time_format(buf, sizeof buf, &e->begin_at);
    kv_opt(w, "from", e->has_begin ? buf : NULL);
    chr_time_format(buf, sizeof buf, &e->end_at);
    kv_opt(w, "to", e->has_end ? buf : NULL);
    chr__jsonw_close(w, '}');
    chr__jsonw_close(w, '}');
}

/* Dated entry i; kind: a last key "kind" with that value (jsonl), or NULL. */
static void entry(chr__jsonw *w, const chr_timeline *tl, size_t i, const char *kind) {
    const chr_timeline_entry *e = chr_timeline_entry_at(tl, i);
    size_t n = chr_timeline_source_count(tl, i);
    char buf[160];
    chr__jsonw_open(w, '{');
    chr_timeline_label(buf, sizeof buf, e);
    kv_str(w, "label", buf);
    interval(w, e);
    event_fields(w, e);
    chr__jsonw_key(w, "sources");
    chr__jsonw_open(w, '[');
    for (size_t k = 0; k < n; k++)
        source(w, tl, chr_timeline_source_at(tl, i, k), 1);
    chr__jsonw_close(w, ']');
    chr_timeline_edtf(buf, sizeof buf, e);
    kv_opt(w, "edtf", buf);
    /* the rules that merged its mentions, each once, in the order of the sources */
    chr__jsonw_key(w, "merged_by");
    chr__jsonw_open(w, '[');
    for (size_t k = 1; k < n; k++) {
        const char *m = chr_timeline_source_at(tl, i, k)->match;
        int seen = !m[0];
        for (size_t j = 1; j < k && !seen; j++)
            seen = !strcmp(chr_timeline_source_at(tl, i, j)->match, m);
        if (!seen)
            chr__jsonw_str(w, m);
    }
    chr__jsonw_close(w, ']');
    if (kind)
        kv_str(w, "kind", kind);
    chr__jsonw_close(w, '}');
}

/* Undated event e, as entry(). */
static void undated(chr__jsonw *w, const chr_timeline *tl, const chr_timeline_entry *e, const char *kind) {
    chr__jsonw_open(w, '{');
    event_fields(w, e);
    kv_opt(w, "relation", chr_relation_name(e->relation));
    kv_opt(w, "value", e->value);
    chr__jsonw_key(w, "sources");
    chr__jsonw_open(w, '[');
    source(w, tl, e, 0);
    chr__jsonw_close(w, ']');
    if (kind)
        kv_str(w, "kind", kind);
    chr__jsonw_close(w, '}');
}

int chr_timeline_json_write(const chr_timeline *tl, size_t fl, chr_write_fn write, void *ctx) {
    chr__jsonw *w;
    char v[64];
    if (!tl || !write)
        return CHR_EINVAL;
    if (!(w = malloc(sizeof *w)))
        return CHR_ENOMEM;
    chr__jsonw_init(w, fl, write, ctx);
    chr__jsonw_open(w, '{');
    chr__jsonw_key(w, "version");
    chr__jsonw_int(w, CHR_TIMELINE_VERSION);
    kv_str(w, "schema", CHR_TIMELINE_SCHEMA);
    chr__jsonw_key(w, "documents");
    chr__jsonw_open(w, '[');
    for (size_t i = 0; i < chr_timeline_doc_count(tl) && !w->status; i++) {
        chr_time dct = chr_timeline_doc_dct(tl, i);
        chr_time_format(v, sizeof v, &dct);
        chr__jsonw_open(w, '{');
        kv_str(w, "id", chr_timeline_doc_id(tl, i));
        kv_opt(w, "dct", v);
        chr__jsonw_close(w, '}');
    }
    chr__jsonw_close(w, ']');
    kv_opt(w, "entity", chr_timeline_entity(tl));
    chr__jsonw_key(w, "entries");
    chr__jsonw_open(w, '[');
    for (size_t i = 0; i < chr_timeline_count(tl) && !w->status; i++)
        entry(w, tl, i, NULL);
    chr__jsonw_close(w, ']');
    chr__jsonw_key(w, "undated");
    chr__jsonw_open(w, '[');
    for (size_t i = 0; i < chr_timeline_undated_count(tl) && !w->status; i++)
        undated(w, tl, chr_timeline_undated_at(tl, i), NULL);
    chr__jsonw_close(w, ']');
    chr__jsonw_key(w, "conflicts");
    chr__jsonw_open(w, '[');
    for (size_t i = 0; i < chr_timeline_conflict_count(tl) && !w->status; i++) {
        const chr_timeline_conflict *c = chr_timeline_conflict_at(tl, i);
        chr__jsonw_open(w, '{');
        chr__jsonw_key(w, "entries");
        chr__jsonw_open(w, '[');
        chr__jsonw_int(w, (int64_t)c->a);
        chr__jsonw_int(w, (int64_t)c->b);
        chr__jsonw_close(w, ']');
        kv_str(w, "reason", c->reason);
        chr__jsonw_close(w, '}');
    }
    chr__jsonw_close(w, ']');
    chr__jsonw_close(w, '}');
    int st = chr__jsonw_flush(w);
    free(w);
    return st;
}

int chr_timeline_jsonl_write(const chr_timeline *tl, chr_write_fn write, void *ctx) {
    chr__jsonw *w;
    if (!tl || !write)
        return CHR_EINVAL;
    if (!(w = malloc(sizeof *w)))
        return CHR_ENOMEM;
    chr__jsonw_init(w, JSON_COMPACT, write, ctx);
    for (size_t i = 0; i < chr_timeline_count(tl) && !w->status; i++) {
        entry(w, tl, i, "entry");
        chr__jsonw_raw(w, "\n", 1);
    }
    for (size_t i = 0; i < chr_timeline_undated_count(tl) && !w->status; i++) {
        undated(w, tl, chr_timeline_undated_at(tl, i), "undated");
        chr__jsonw_raw(w, "\n", 1);
    }
    int st = chr__jsonw_flush(w);
    free(w);
    return st;
}

/* --- The part format ------------------------------------------------------------------------------ */

static void part_mention(chr__jsonw *w, const chr_timeline_entry *e, int dated) {
    char buf[64];
    chr__jsonw_open(w, '[');
    chr__jsonw_int(w, dated);
    chr__jsonw_int(w, (int64_t)e->doc);
    chr__jsonw_int(w, (int64_t)e->seq);
    chr__jsonw_str(w, e->event_id);
    chr__jsonw_int(w, (int64_t)e->start);
    chr__jsonw_int(w, (int64_t)e->end);
    chr__jsonw_int(w, (int64_t)e->sent_start);
    chr__jsonw_int(w, (int64_t)e->sent_end);
    chr__jsonw_int(w, e->sentence_no);
    chr__jsonw_str(w, e->text);
    chr__jsonw_str(w, chr_event_class_name(e->cls));
    chr__jsonw_str(w, chr_tense_name(e->tense));
    chr__jsonw_str(w, chr_aspect_name(e->aspect));
    chr__jsonw_int(w, e->negative);
    chr__jsonw_str(w, e->actor);
    chr__jsonw_str(w, e->summary);
    chr__jsonw_str(w, chr_relation_name(e->relation));
    chr__jsonw_str(w, e->value);
    chr__jsonw_str(w, e->timex_id);
    chr__jsonw_str(w, e->rule);
    chr__jsonw_str(w, chr_gran_name(e->gran));
    if (dated) {
        chr__jsonw_int(w, e->flags);
        chr__jsonw_int(w, e->has_begin);
        chr__jsonw_int(w, e->first_day);
        chr__jsonw_int(w, e->has_end);
        chr__jsonw_int(w, e->after_day);
        chr_time_format(buf, sizeof buf, &e->begin_at);
        chr__jsonw_str(w, e->has_begin ? buf : "");
        chr_time_format(buf, sizeof buf, &e->end_at);
        chr__jsonw_str(w, e->has_end ? buf : "");
    }
    chr__jsonw_close(w, ']');
    chr__jsonw_raw(w, "\n", 1);
}

int chr_timeline_part_write(const chr_timeline *tl, chr_write_fn write, void *ctx) {
    chr__jsonw *w;
    char v[64];
    if (!tl || !write)
        return CHR_EINVAL;
    if (!(w = malloc(sizeof *w)))
        return CHR_ENOMEM;
    chr__jsonw_init(w, JSON_COMPACT, write, ctx);
    size_t nd = chr_timeline_doc_count(tl), nm = chr_timeline_mention_count(tl),
           nu = chr_timeline_undated_count(tl);
    chr__jsonw_open(w, '[');
    chr__jsonw_str(w, CHR_TIMELINE_PART);
    chr__jsonw_int(w, CHR_TIMELINE_PART_VERSION);
    chr__jsonw_str(w, chr_timeline_entity(tl));
    chr__jsonw_int(w, (int64_t)nd);
    chr__jsonw_int(w, (int64_t)(nm + nu));
    chr__jsonw_close(w, ']');
    chr__jsonw_raw(w, "\n", 1);
    for (size_t i = 0; i < nd && !w->status; i++) {
        chr_time dct = chr_timeline_doc_dct(tl, i);
        chr_time_format(v, sizeof v, &dct);
        chr__jsonw_open(w, '[');
        chr__jsonw_str(w, chr_timeline_doc_id(tl, i));
        chr__jsonw_str(w, v);
        chr__jsonw_close(w, ']');
        chr__jsonw_raw(w, "\n", 1);
    }
    for (size_t i = 0; i < nm && !w->status; i++)
        part_mention(w, chr_timeline_mention_at(tl, i), 1);
    for (size_t i = 0; i < nu && !w->status; i++)
        part_mention(w, chr_timeline_undated_at(tl, i), 0);
    int st = chr__jsonw_flush(w);
    free(w);
    return st;
}
