/* timelinejs.c: other views of a timeline: Knight Lab's TimelineJS JSON and CSV.
 *
 * TimelineJS (https://timeline.knightlab.com, its JSON format): {"title": {"text": {"headline",
 * "text"}}, "events": [{"start_date", "end_date"?, "text": {"headline", "text"}, "group"}]}; dates are
 * {"year", "month"?, "day"?} objects (strings of digits) at the granularity known: a year-level entry
 * has a year only, a month-level one no day; "end_date" only when the interval spans more than that.
 * The group is the entity (with one) else the document of the entry's first mention. Text is escaped
 * for HTML (& < > " '), since TimelineJS shows it as HTML; the text lists the sources.
 *
 * CSV (RFC 4180, CRLF line ends, a header row): label, begin, end, edtf, granularity, relation, value,
 * actor, text, summary, sources (document:event, separated by blanks), merged_by.
 *
 * Exports chr_timeline_timelinejs, chr_timeline_csv (timeline.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "strbuf_internal.h"

static void html(chr__sbuf *b, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '&':
            chr__sbuf_adds(b, "&amp;");
            break;
        case '<':
            chr__sbuf_adds(b, "&lt;");
            break;
        case '>':
            chr__sbuf_adds(b, "&gt;");
            break;
        case '"':
            chr__sbuf_adds(b, "&quot;");
            break;
        case '\'':
            chr__sbuf_adds(b, "&#39;");
            break;
        default:
            chr__sbuf_add(b, s, 1);
        }
    }
}

/* A TimelineJS date of day at granularity g. */
static json_t *tjs_date(int64_t day, chr_gran g) {
    int y, m, d;
    char ys[8], ms[4], ds[4];
    chr_date_civil(day, &y, &m, &d);
    snprintf(ys, sizeof ys, "%d", y);
    snprintf(ms, sizeof ms, "%d", m);
    snprintf(ds, sizeof ds, "%d", d);
    if (g != CHR_GRAN_NONE && g <= CHR_GRAN_YEAR)
        return json_pack("{s:s}", "year", ys);
    if (g != CHR_GRAN_NONE && g <= CHR_GRAN_MONTH)
        return json_pack("{s:s,s:s}", "year", ys, "month", ms);
    return json_pack("{s:s,s:s,s:s}", "year", ys, "month", ms, "day", ds);
}

static json_t *html_string(const char *s) {
    chr__sbuf b = {0};
    chr__sbuf_adds(&b, "");
    html(&b, s);
    json_t *j = b.failed ? NULL : json_string(b.p);
    free(b.p);
    return j;
}

int chr_timeline_timelinejs(json_t **out, const chr_timeline *tl) {
    json_t *root = NULL, *events = NULL;
    if (!out || !tl)
        return CHR_EINVAL;
    *out = NULL;
    const char *entity = chr_timeline_entity(tl);
    char title[300];
    snprintf(title, sizeof title, "%s%s", entity[0] ? entity : "Timeline",
             entity[0]                         ? ""
             : chr_timeline_doc_count(tl) == 1 ? " of one document"
                                               : " of the documents");
    root = json_object();
    events = json_array();
    json_t *t = html_string(title);
    if (!root || !events || !t ||
        json_object_set_new(root, "title", json_pack("{s:{s:o}}", "text", "headline", t)))
        goto nomem;
    for (size_t i = 0; i < chr_timeline_count(tl); i++) {
        const chr_timeline_entry *e = chr_timeline_entry_at(tl, i);
        chr_gran gb = e->has_begin ? e->begin_at.gran : e->end_at.gran;
        int64_t start = e->has_begin ? e->first_day : e->after_day - 1;
        chr__sbuf txt = {0};
        char label[160];
        chr_timeline_label(label, sizeof label, e);
        chr__sbuf_adds(&txt, "");
        html(&txt, label);
        chr__sbuf_adds(&txt, "<br>Sources:");
        for (size_t k = 0; k < chr_timeline_source_count(tl, i); k++) {
            const chr_timeline_entry *s = chr_timeline_source_at(tl, i, k);
            chr__sbuf_adds(&txt, k ? ", " : " ");
            html(&txt, chr_timeline_doc_id(tl, s->doc));
            chr__sbuf_adds(&txt, " (");
            html(&txt, s->text);
            chr__sbuf_adds(&txt, ")");
        }
        if (txt.failed) {
            free(txt.p);
            goto nomem;
        }
        json_t *ev = json_object();
        json_t *headline = html_string(e->summary[0] ? e->summary : e->text);
        json_t *body = json_string(txt.p);
        free(txt.p);
        int bad = !ev || !headline || !body || json_array_append_new(events, ev);
        bad = bad || json_object_set_new(ev, "start_date", tjs_date(start, gb));
        if (!bad && e->has_begin && e->has_end && e->after_day - e->first_day > 1) {
            /* an end only when the interval spans more than its start's period */
            chr_time st = e->begin_at;
            int64_t a0, a1;
            chr_time_span(&st, &a0, &a1);
            if (st.gran == CHR_GRAN_NONE || a1 != e->after_day || a0 != e->first_day)
                bad = json_object_set_new(ev, "end_date", tjs_date(e->after_day - 1, e->end_at.gran)) != 0;
        }
        if (!bad) {
            bad = json_object_set_new(ev, "text",
                                      json_pack("{s:o,s:o}", "headline", headline, "text", body)) != 0;
            headline = body = NULL; /* taken by json_pack */
        }
        bad = bad || json_object_set_new(ev, "group",
                                         html_string(entity[0] ? entity : chr_timeline_doc_id(tl, e->doc)));
        json_decref(headline);
        json_decref(body);
        if (bad)
            goto nomem;
    }
    if (json_object_set_new(root, "events", events))
        goto nomem_root;
    *out = root;
    return CHR_OK;
nomem:
    json_decref(events);
nomem_root:
    json_decref(root);
    return CHR_ENOMEM;
}

static void csv_field(chr__sbuf *b, const char *s, int last) {
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        chr__sbuf_adds(b, "\"");
    for (; *s; s++) {
        if (*s == '"')
            chr__sbuf_adds(b, "\"");
        chr__sbuf_add(b, s, 1);
    }
    if (quote)
        chr__sbuf_adds(b, "\"");
    chr__sbuf_adds(b, last ? "\r\n" : ",");
}

int chr_timeline_csv(char **out, size_t *len, const chr_timeline *tl) {
    chr__sbuf b = {0};
    if (!out || !tl)
        return CHR_EINVAL;
    *out = NULL;
    chr__sbuf_adds(
        &b, "label,begin,end,edtf,granularity,relation,value,actor,text,summary,sources,merged_by\r\n");
    for (size_t i = 0; i < chr_timeline_count(tl); i++) {
        const chr_timeline_entry *e = chr_timeline_entry_at(tl, i);
        char label[160], edtf[128], d0[16] = "", d1[16] = "";
        int y, m, d;
        chr_timeline_label(label, sizeof label, e);
        chr_timeline_edtf(edtf, sizeof edtf, e);
        if (e->has_begin) {
            chr_date_civil(e->first_day, &y, &m, &d);
            snprintf(d0, sizeof d0, "%04d-%02d-%02d", y, m, d);
        }
        if (e->has_end) {
            chr_date_civil(e->after_day - 1, &y, &m, &d);
            snprintf(d1, sizeof d1, "%04d-%02d-%02d", y, m, d);
        }
        csv_field(&b, label, 0);
        csv_field(&b, d0, 0);
        csv_field(&b, d1, 0);
        csv_field(&b, edtf, 0);
        csv_field(&b, chr_gran_name(e->gran), 0);
        csv_field(&b, chr_relation_name(e->relation), 0);
        csv_field(&b, e->value, 0);
        csv_field(&b, e->actor, 0);
        csv_field(&b, e->text, 0);
        csv_field(&b, e->summary, 0);
        chr__sbuf src = {0}, rules = {0};
        chr__sbuf_adds(&src, "");
        chr__sbuf_adds(&rules, "");
        for (size_t k = 0; k < chr_timeline_source_count(tl, i); k++) {
            const chr_timeline_entry *s = chr_timeline_source_at(tl, i, k);
            if (k)
                chr__sbuf_adds(&src, " ");
            chr__sbuf_adds(&src, chr_timeline_doc_id(tl, s->doc));
            chr__sbuf_adds(&src, ":");
            chr__sbuf_adds(&src, s->event_id);
            if (s->match[0] && (!rules.p || !strstr(rules.p, s->match))) {
                if (rules.len)
                    chr__sbuf_adds(&rules, " ");
                chr__sbuf_adds(&rules, s->match);
            }
        }
        b.failed |= src.failed || rules.failed;
        if (!b.failed) {
            csv_field(&b, src.p, 0);
            csv_field(&b, rules.p, 1);
        }
        free(src.p);
        free(rules.p);
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
