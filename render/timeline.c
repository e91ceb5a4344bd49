/* timeline.c (render): views of a chronology: the readable label of an entry's interval, the timeline
 * JSON (docs/timeline.schema.json) and a fixed-width text table. A client of the public timeline
 * accessors only.
 *
 * Exports (timeline.h): chr_timeline_label, chr_timeline_json, chr_timeline_text.
 *
 * JSON keys, in this order (dump with JSON_PRESERVE_ORDER):
 *   {"version", "schema", "documents": [{"id", "dct"}],
 *    "entries": [{"label", "begin", "end", "granularity", "flags", "relation", "value", "timex", "rule",
 *                 "text", "class", "tense", "aspect", "polarity", "actor", "summary",
 *                 "sources": [{"document", "event", "start", "end", "sentence": {"start", "end"}}]}],
 *    "undated": [{"text", "class", "tense", "aspect", "polarity", "actor", "summary", "relation",
 *                 "value", "sources": [...]}]}
 * The text table is TEXT_WIDTH columns whatever the terminal: the same timeline gives the same bytes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "strbuf_internal.h"

#define TEXT_WIDTH 100
#define COL_DATE 22
#define COL_REL 6
#define COL_ACTOR 16
#define COL_GAP 2
#define COL_WHAT (TEXT_WIDTH - COL_DATE - COL_REL - COL_ACTOR - 3 * COL_GAP)

/* --- Labels -------------------------------------------------------------------------------------- */

/* A whole period at its own granularity, for people: "2014-12-01 night", "2014-12-03 20:58", "1970s". */
static void pretty(char *buf, size_t n, const chr_time *t) {
    static const char *const part[] = {"", "morning", "midday", "afternoon", "evening", "night", "daytime"};
    char v[64];
    int y, m, d;
    chr_date_civil(t->day, &y, &m, &d);
    switch (t->gran) {
    case CHR_GRAN_PART_OF_DAY:
        snprintf(buf, n, "%04d-%02d-%02d %s", y, m, d, part[t->sub >= 1 && t->sub <= 6 ? t->sub : 5]);
        break;
    case CHR_GRAN_HOUR:
    case CHR_GRAN_MINUTE:
        snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", y, m, d, (int)(t->sec / 3600), (int)(t->sec / 60 % 60));
        break;
    case CHR_GRAN_SECOND:
        snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, (int)(t->sec / 3600),
                 (int)(t->sec / 60 % 60), (int)(t->sec % 60));
        break;
    case CHR_GRAN_DECADE:
        snprintf(buf, n, "%ds", y / 10 * 10);
        break;
    case CHR_GRAN_CENTURY:
        snprintf(buf, n, "%ds", y / 100 * 100);
        break;
    case CHR_GRAN_MILLENNIUM:
        snprintf(buf, n, "%d-%d", y / 1000 * 1000, y / 1000 * 1000 + 999);
        break;
    default:
        chr_time_format(v, sizeof v, t);
        snprintf(buf, n, "%s", v);
        break;
    }
}

/* One end of an interval: the period of granularity g (a day at the finest) that holds day and starts
 * (begin) or ends (end) exactly there; a day when no such period does. */
static void side(char *buf, size_t n, int64_t day, chr_gran g, int is_end) {
    chr_time src = {0}, t;
    int64_t a, b;
    src.day = day;
    if (g == CHR_GRAN_NONE || g > CHR_GRAN_DAY)
        g = CHR_GRAN_DAY;
    t = chr__time_period(&src, g);
    chr_time_span(&t, &a, &b);
    if (is_end ? b != day + 1 : a != day) {
        t = chr__time_period(&src, CHR_GRAN_DAY);
    }
    pretty(buf, n, &t);
}

size_t chr_timeline_label(char *buf, size_t n, const chr_timeline_entry *e) {
    char b[64] = "", en[64] = "";
    int r;
    int64_t a0, a1;
    if (!e->has_begin && !e->has_end) {
        r = snprintf(buf, n, "%s", "");
        return (size_t)r;
    }
    /* one period, as written ("2014-12-01 night"); the document date is a day, not its minute */
    if (e->has_begin && e->has_end && !(e->flags & (CHR_TL_BEGIN_DCT | CHR_TL_END_DCT)) &&
        e->begin_at.gran == e->end_at.gran && e->begin_at.day == e->end_at.day &&
        e->begin_at.sec == e->end_at.sec && e->begin_at.sub == e->end_at.sub) {
        chr_time_span(&e->begin_at, &a0, &a1);
        if (a0 == e->first_day && a1 == e->after_day) {
            pretty(b, sizeof b, &e->begin_at);
            r = snprintf(buf, n, "%s", b);
            return r < 0 ? 0 : (size_t)r;
        }
    }
    if (e->has_begin)
        side(b, sizeof b, e->first_day, e->begin_at.gran, 0);
    if (e->has_end)
        side(en, sizeof en, e->after_day - 1, e->end_at.gran, 1);
    if (!e->has_begin)
        r = snprintf(buf, n, ".. %s", en);
    else if (!e->has_end)
        r = snprintf(buf, n, "%s ..", b);
    else if (!strcmp(b, en))
        r = snprintf(buf, n, "%s", b);
    else
        r = snprintf(buf, n, "%s .. %s", b, en);
    return r < 0 ? 0 : (size_t)r;
}

/* --- JSON ---------------------------------------------------------------------------------------- */

static json_t *str_or_null(const char *s) { return s && *s ? json_string(s) : json_null(); }

static void put(json_t *obj, const char *key, json_t *v, int *ok) {
    if (!v || json_object_set_new(obj, key, v) != 0)
        *ok = 0;
}

static json_t *iso_day(int64_t day) {
    char buf[32];
    int y, m, d;
    chr_date_civil(day, &y, &m, &d);
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return json_string(buf);
}

static json_t *flags_json(unsigned f, int *ok) {
    json_t *a = json_array();
    if (!a) {
        *ok = 0;
        return NULL;
    }
    const char *name;
    unsigned bit;
    for (size_t i = 0; (name = chr_timeline_flag_name(i, &bit)); i++)
        if ((f & bit) && json_array_append_new(a, json_string(name)))
            *ok = 0;
    return a;
}

/* One mention as a source: where it is told and, from version 2, what it says there (enough to rebuild
 * the mention: timeline --merge reads it back). */
static json_t *source_json(const chr_timeline *tl, const chr_timeline_entry *e, int dated, int *ok) {
    json_t *s = json_object(), *sent = json_object(), *tm = dated ? json_object() : NULL;
    char label[160], edtf[128];
    if (!s || !sent || (dated && !tm)) {
        json_decref(s);
        json_decref(sent);
        json_decref(tm);
        *ok = 0;
        return NULL;
    }
    put(s, "document", json_string(chr_timeline_doc_id(tl, e->doc)), ok);
    put(s, "event", json_string(e->event_id), ok);
    put(s, "start", json_integer((json_int_t)e->start), ok);
    put(s, "end", json_integer((json_int_t)e->end), ok);
    put(sent, "start", json_integer((json_int_t)e->sent_start), ok);
    put(sent, "end", json_integer((json_int_t)e->sent_end), ok);
    put(sent, "number", e->sentence_no >= 0 ? json_integer(e->sentence_no) : json_null(), ok);
    put(s, "sentence", sent, ok);
    put(s, "match", str_or_null(e->match), ok);
    put(s, "text", json_string(e->text), ok);
    put(s, "class", json_string(chr_event_class_name(e->cls)), ok);
    put(s, "tense", json_string(chr_tense_name(e->tense)), ok);
    put(s, "aspect", json_string(chr_aspect_name(e->aspect)), ok);
    put(s, "polarity", json_string(e->negative ? "NEG" : "POS"), ok);
    put(s, "actor", str_or_null(e->actor), ok);
    put(s, "summary", str_or_null(e->summary), ok);
    if (dated) {
        chr_timeline_label(label, sizeof label, e);
        chr_timeline_edtf(edtf, sizeof edtf, e);
        put(tm, "label", json_string(label), ok);
        put(tm, "begin", e->has_begin ? iso_day(e->first_day) : json_null(), ok);
        put(tm, "end", e->has_end ? iso_day(e->after_day - 1) : json_null(), ok);
        put(tm, "granularity", str_or_null(chr_gran_name(e->gran)), ok);
        put(tm, "flags", flags_json(e->flags, ok), ok);
        put(tm, "relation", str_or_null(chr_relation_name(e->relation)), ok);
        put(tm, "value", str_or_null(e->value), ok);
        put(tm, "timex", str_or_null(e->timex_id), ok);
        put(tm, "rule", str_or_null(e->rule), ok);
        put(tm, "edtf", str_or_null(edtf), ok);
        /* the times the two ends are read from, whole (timeline --merge rebuilds the mention from them) */
        chr_time_format(label, sizeof label, &e->begin_at);
        put(tm, "from", e->has_begin ? str_or_null(label) : json_null(), ok);
        chr_time_format(label, sizeof label, &e->end_at);
        put(tm, "to", e->has_end ? str_or_null(label) : json_null(), ok);
        put(s, "time", tm, ok);
    } else {
        put(s, "time", json_null(), ok);
    }
    return s;
}

/* The sources of dated entry i (index >= 0), or of an undated mention e. */
static json_t *sources_json(const chr_timeline *tl, size_t i, const chr_timeline_entry *e, int *ok) {
    json_t *a = json_array();
    if (!a) {
        *ok = 0;
        return NULL;
    }
    size_t n = e ? 1 : chr_timeline_source_count(tl, i);
    for (size_t k = 0; k < n; k++) {
        json_t *s = source_json(tl, e ? e : chr_timeline_source_at(tl, i, k), !e, ok);
        if (!s || json_array_append_new(a, s))
            *ok = 0;
    }
    return a;
}

static void event_fields(json_t *o, const chr_timeline_entry *e, int *ok) {
    put(o, "text", json_string(e->text), ok);
    put(o, "class", json_string(chr_event_class_name(e->cls)), ok);
    put(o, "tense", json_string(chr_tense_name(e->tense)), ok);
    put(o, "aspect", json_string(chr_aspect_name(e->aspect)), ok);
    put(o, "polarity", json_string(e->negative ? "NEG" : "POS"), ok);
    put(o, "actor", str_or_null(e->actor), ok);
    put(o, "summary", str_or_null(e->summary), ok);
}

static json_t *entry_json(const chr_timeline *tl, size_t i, int *ok) {
    const chr_timeline_entry *e = chr_timeline_entry_at(tl, i);
    json_t *o = json_object(), *rules = json_array();
    char label[160], edtf[128];
    if (!rules) {
        json_decref(o);
        *ok = 0;
        return NULL;
    }
    if (!o) {
        *ok = 0;
        return NULL;
    }
    chr_timeline_label(label, sizeof label, e);
    put(o, "label", json_string(label), ok);
    put(o, "begin", e->has_begin ? iso_day(e->first_day) : json_null(), ok);
    put(o, "end", e->has_end ? iso_day(e->after_day - 1) : json_null(), ok);
    put(o, "granularity", str_or_null(chr_gran_name(e->gran)), ok);
    put(o, "flags", flags_json(e->flags, ok), ok);
    put(o, "relation", str_or_null(chr_relation_name(e->relation)), ok);
    put(o, "value", str_or_null(e->value), ok);
    put(o, "timex", str_or_null(e->timex_id), ok);
    put(o, "rule", str_or_null(e->rule), ok);
    event_fields(o, e, ok);
    put(o, "sources", sources_json(tl, i, NULL, ok), ok);
    chr_timeline_edtf(edtf, sizeof edtf, e);
    put(o, "edtf", str_or_null(edtf), ok);
    /* the rules that merged its mentions, each once, in the order of the sources */
    for (size_t k = 1; k < chr_timeline_source_count(tl, i); k++) {
        const char *m = chr_timeline_source_at(tl, i, k)->match;
        int seen = !m[0];
        for (size_t j = 0; j < json_array_size(rules) && !seen; j++)
            seen = !strcmp(json_string_value(json_array_get(rules, j)), m);
        if (!seen && json_array_append_new(rules, json_string(m)))
            *ok = 0;
    }
    put(o, "merged_by", rules, ok);
    return o;
}

static json_t *undated_json(const chr_timeline *tl, const chr_timeline_entry *e, int *ok) {
    json_t *o = json_object();
    if (!o) {
        *ok = 0;
        return NULL;
    }
    event_fields(o, e, ok);
    put(o, "relation", str_or_null(chr_relation_name(e->relation)), ok);
    put(o, "value", str_or_null(e->value), ok);
    put(o, "sources", sources_json(tl, 0, e, ok), ok);
    return o;
}

json_t *chr_timeline_json(const chr_timeline *tl) {
    json_t *root, *docs, *entries, *undated;
    int ok = 1;
    if (!tl)
        return NULL;
    root = json_object();
    docs = json_array();
    entries = json_array();
    undated = json_array();
    if (!root || !docs || !entries || !undated) {
        json_decref(root);
        json_decref(docs);
        json_decref(entries);
        json_decref(undated);
        return NULL;
    }
    put(root, "version", json_integer(CHR_TIMELINE_VERSION), &ok);
    put(root, "schema", json_string(CHR_TIMELINE_SCHEMA), &ok);
    for (size_t i = 0; i < chr_timeline_doc_count(tl) && ok; i++) {
        json_t *d = json_object();
        chr_time dct = chr_timeline_doc_dct(tl, i);
        char v[64];
        if (!d) {
            ok = 0;
            break;
        }
        chr_time_format(v, sizeof v, &dct);
        put(d, "id", json_string(chr_timeline_doc_id(tl, i)), &ok);
        put(d, "dct", str_or_null(v), &ok);
        if (json_array_append_new(docs, d))
            ok = 0;
    }
    for (size_t i = 0; i < chr_timeline_count(tl) && ok; i++) {
        json_t *o = entry_json(tl, i, &ok);
        if (!o || json_array_append_new(entries, o))
            ok = 0;
    }
    for (size_t i = 0; i < chr_timeline_undated_count(tl) && ok; i++) {
        json_t *o = undated_json(tl, chr_timeline_undated_at(tl, i), &ok);
        if (!o || json_array_append_new(undated, o))
            ok = 0;
    }
    put(root, "documents", docs, &ok);
    put(root, "entity", str_or_null(chr_timeline_entity(tl)), &ok);
    put(root, "entries", entries, &ok);
    put(root, "undated", undated, &ok);
    json_t *conf = json_array();
    for (size_t i = 0; conf && i < chr_timeline_conflict_count(tl); i++) {
        const chr_timeline_conflict *c = chr_timeline_conflict_at(tl, i);
        json_t *o =
            json_pack("{s:[I,I],s:s}", "entries", (json_int_t)c->a, (json_int_t)c->b, "reason", c->reason);
        if (!o || json_array_append_new(conf, o))
            ok = 0;
    }
    put(root, "conflicts", conf, &ok);
    if (!ok) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* --- Text ---------------------------------------------------------------------------------------- */

/* A cell being wrapped: the rest of its text. */
typedef struct cell {
    const char *s;
    size_t len;
    size_t width;
} cell;

/* The next line of c (at most c->width code points, broken at a space when there is one), written to b
 * and padded to the width unless pad is 0. */
static void cell_line(chr__sbuf *b, cell *c, int pad) {
    size_t cut = chr__text_line(&c->s, &c->len, c->width);
    size_t cps = 0, out = 0;
    for (size_t i = 0; i < cut; i++) {
        char ch = chr__text_space(c->s[i]) ? ' ' : c->s[i];
        chr__sbuf_add(b, &ch, 1);
        out++;
        if (((unsigned char)c->s[i] & 0xC0) != 0x80)
            cps++;
    }
    /* no trailing blanks at the end of a line */
    while (out > 0 && b->p && b->p[b->len - 1] == ' ' && !pad) {
        b->len--;
        b->p[b->len] = '\0';
        out--;
        cps--;
    }
    c->s += cut;
    c->len -= cut;
    if (pad && cps < c->width)
        chr__sbuf_spaces(b, c->width - cps);
}

static int cell_done(const cell *c) {
    for (size_t i = 0; i < c->len; i++)
        if (!chr__text_space(c->s[i]))
            return 0;
    return 1;
}

/* One row of the table: the four cells wrapped side by side. */
static void row(chr__sbuf *b, const char *date, const char *rel, const char *actor, const char *what) {
    cell c[4] = {{date, strlen(date), COL_DATE},
                 {rel, strlen(rel), COL_REL},
                 {actor, strlen(actor), COL_ACTOR},
                 {what, strlen(what), COL_WHAT}};
    do {
        size_t mark = b->len;
        for (int i = 0; i < 4; i++) {
            cell_line(b, &c[i], i < 3);
            if (i < 3)
                chr__sbuf_spaces(b, COL_GAP);
        }
        /* trim what padding the line does not need */
        while (!b->failed && b->len > mark && b->p[b->len - 1] == ' ') {
            b->len--;
            b->p[b->len] = '\0';
        }
        chr__sbuf_add(b, "\n", 1);
    } while (!cell_done(&c[0]) || !cell_done(&c[1]) || !cell_done(&c[2]) || !cell_done(&c[3]));
}

/* The relation column's word for entry e: "since" for an interval begun by its time that runs to the
 * document date ("since 1979"), "from" for one closed at another time ("from 2010 to 2018") or whose end the
 * text does not give ("directed the lab from 1983"). */
static const char *relation_word(const chr_timeline_entry *e) {
    switch (e->relation) {
    case CHR_REL_IS_INCLUDED:
        return "in";
    case CHR_REL_DURING:
        return "during";
    case CHR_REL_SIMULTANEOUS:
    case CHR_REL_IDENTITY:
        return "at";
    case CHR_REL_INCLUDES:
        return "around";
    case CHR_REL_BEGINS:
        return "starts";
    case CHR_REL_BEGUN_BY:
        return e->flags & CHR_TL_END_DCT ? "since" : "from";
    case CHR_REL_ENDS:
        return "ends";
    case CHR_REL_ENDED_BY:
        return "until";
    case CHR_REL_BEFORE:
    case CHR_REL_IBEFORE:
        return "before";
    case CHR_REL_AFTER:
    case CHR_REL_IAFTER:
        return "after";
    default:
        return "";
    }
}

static void entry_row(chr__sbuf *b, const chr_timeline *tl, const chr_timeline_entry *e, int dated,
                      size_t index) {
    char label[160] = "", what[1200], docs[400] = "";
    size_t used = 0;
    /* the documents that tell it: the entry's own, then the others merged into it */
    for (size_t k = 0; k < (dated ? chr_timeline_source_count(tl, index) : 1) && used < sizeof docs - 1;
         k++) {
        const chr_timeline_entry *s = dated ? chr_timeline_source_at(tl, index, k) : e;
        int n =
            snprintf(docs + used, sizeof docs - used, "%s%s", k ? ", " : "", chr_timeline_doc_id(tl, s->doc));
        used += n > 0 ? (size_t)n : 0;
    }
    size_t nd = chr_timeline_doc_count(tl);
    if (dated)
        chr_timeline_label(label, sizeof label, e);
    const char *w = e->summary[0] ? e->summary : e->text;
    if (nd > 1)
        snprintf(what, sizeof what, "%s%s [%s]", e->summary[0] || !e->negative ? "" : "not ", w, docs);
    else
        snprintf(what, sizeof what, "%s%s", e->summary[0] || !e->negative ? "" : "not ", w);
    row(b, label, dated ? relation_word(e) : "", e->actor[0] ? e->actor : "-", what);
}

static void rule_line(chr__sbuf *b) {
    for (int i = 0; i < TEXT_WIDTH; i++)
        chr__sbuf_add(b, "-", 1);
    chr__sbuf_add(b, "\n", 1);
}

int chr_timeline_text(char **out, size_t *len, const chr_timeline *tl) {
    chr__sbuf b = {0};
    if (!out || !tl)
        return CHR_EINVAL;
    *out = NULL;
    if (len)
        *len = 0;
    for (size_t i = 0; i < chr_timeline_doc_count(tl); i++) {
        chr_time dct = chr_timeline_doc_dct(tl, i);
        char v[64];
        const char *id = chr_timeline_doc_id(tl, i);
        chr_time_format(v, sizeof v, &dct);
        chr__sbuf_addf(&b, "%s%.200s, document date %s\n", i == 0 ? "Timeline of " : "            ",
                       id[0] ? id : "(no id)", v[0] ? v : "unknown");
    }
    if (chr_timeline_mention_count(tl) > chr_timeline_count(tl))
        chr__sbuf_addf(&b, "%zu dated events (%zu mentions), %zu undated\n\n", chr_timeline_count(tl),
                       chr_timeline_mention_count(tl), chr_timeline_undated_count(tl));
    else
        chr__sbuf_addf(&b, "%zu dated events, %zu undated\n\n", chr_timeline_count(tl),
                       chr_timeline_undated_count(tl));
    row(&b, "WHEN", "", "WHO", "WHAT");
    rule_line(&b);
    for (size_t i = 0; i < chr_timeline_count(tl); i++)
        entry_row(&b, tl, chr_timeline_entry_at(tl, i), 1, i);
    if (chr_timeline_undated_count(tl)) {
        chr__sbuf_addf(&b, "\nUndated\n");
        rule_line(&b);
        for (size_t i = 0; i < chr_timeline_undated_count(tl); i++)
            entry_row(&b, tl, chr_timeline_undated_at(tl, i), 0, i);
    }
    if (b.failed || !b.p) {
        free(b.p);
        return CHR_ENOMEM;
    }
    *out = b.p;
    if (len)
        *len = b.len;
    return CHR_OK;
}
