/* task4.c: a timeline in the format of SemEval-2015 Task 4 (TimeLine): the entity on the first line,
 * then "ORDINAL<TAB>ANCHOR<TAB>DOCID-SENTENCE-WORD..." lines (timeline/eval.c scores them).
 *
 * Each entry becomes one line with all its mentions that have a sentence number (TimeML <s id> input;
 * the others cannot be named and are left out); WORD is the event's first word. ANCHOR is the date the
 * entry sits in, at the granularity known: a day, a month or a year ("2010-06-07", "2010-06", "2010");
 * a week, quarter or season within one month or year gives that month or year; "since 2004" gives
 * its start, 2004; an event placed only by tense against the document date (before it, after it) is
 * anchored to the document's day, as a news report's events mostly are; anything else is XXXX-XX-XX.
 * An event with no time at all is anchored to its document's day too (a news report's events mostly
 * happen about then); without a document date it goes under ordinal 0, unordered, as the task's
 * timelines put what they cannot order. Lines are sorted by the days of their anchor (an entry with no
 * anchor by its own interval), then the anchor, then timeline order; lines with the same anchor share
 * an ordinal (simultaneous as far as chronicle knows), each new anchor takes the next one.
 *
 * Exports chr_timeline_task4 (timeline.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "strbuf_internal.h"

/* The anchor of a period [first, after): the finest of day, month, year that holds it all. */
static void period_anchor(char *out, size_t n, int64_t first, int64_t after, chr_gran g) {
    int y0, m0, d0, y1, m1, d1;
    chr_date_civil(first, &y0, &m0, &d0);
    chr_date_civil(after - 1, &y1, &m1, &d1);
    if (after - first == 1 && g >= CHR_GRAN_DAY)
        snprintf(out, n, "%04d-%02d-%02d", y0, m0, d0);
    else if (y0 == y1 && m0 == m1 && g >= CHR_GRAN_MONTH)
        snprintf(out, n, "%04d-%02d", y0, m0);
    else if (y0 == y1 && g >= CHR_GRAN_YEAR)
        snprintf(out, n, "%04d", y0);
    else
        snprintf(out, n, "XXXX-XX-XX");
}

static void anchor_of(char *out, size_t n, const chr_timeline *tl, const chr_timeline_entry *e) {
    chr_time dct = chr_timeline_doc_dct(tl, e->doc);
    if (!strcmp(e->timex_id, "t0") && dct.gran != CHR_GRAN_NONE) {
        period_anchor(out, n, dct.day, dct.day + 1, CHR_GRAN_DAY);
        return;
    }
    if (e->relation == CHR_REL_BEGUN_BY && e->has_begin) {
        int64_t a, b;
        chr_time_span(&e->begin_at, &a, &b);
        period_anchor(out, n, a, b, e->begin_at.gran);
        return;
    }
    if (e->has_begin && e->has_end && !(e->flags & (CHR_TL_OPEN_START | CHR_TL_OPEN_END))) {
        period_anchor(out, n, e->first_day, e->after_day, e->gran);
        return;
    }
    snprintf(out, n, "XXXX-XX-XX");
}

/* " \t" + DOCID-SENTENCE-WORD of a mention, or nothing when it has no sentence number. */
static void mention(chr__sbuf *b, const chr_timeline *tl, const chr_timeline_entry *e, int *any) {
    char tmp[64];
    size_t w = 0;
    if (e->sentence_no < 0 || !e->text[0])
        return;
    while (e->text[w] && e->text[w] != ' ' && e->text[w] != '\t' && e->text[w] != '\n')
        w++;
    chr__sbuf_adds(b, "\t");
    chr__sbuf_adds(b, chr_timeline_doc_id(tl, e->doc));
    snprintf(tmp, sizeof tmp, "-%d-", e->sentence_no);
    chr__sbuf_adds(b, tmp);
    chr__sbuf_add(b, e->text, w);
    *any = 1;
}

typedef struct line {
    char anchor[32];
    int64_t first, after; /* the anchor's days; an entry's own when it has no anchor */
    size_t index;         /* dated entry, or undated mention (undated set) */
    int undated;
} line;

/* The days of an anchor "YYYY", "YYYY-MM", "YYYY-MM-DD"; 0 for XXXX-XX-XX. */
static int anchor_days(const char *a, int64_t *first, int64_t *after) {
    int y, m = 0, d = 0;
    if (a[0] == 'X' || sscanf(a, "%d-%d-%d", &y, &m, &d) < 1)
        return 0;
    if (!m) {
        *first = chr_date_days(y, 1, 1);
        *after = chr_date_days(y + 1, 1, 1);
    } else if (!d) {
        *first = chr_date_days(y, m, 1);
        *after = m == 12 ? chr_date_days(y + 1, 1, 1) : chr_date_days(y, m + 1, 1);
    } else {
        *first = chr_date_days(y, m, d);
        *after = *first + 1;
    }
    return 1;
}

static int by_days(const void *x, const void *y) {
    const line *a = x, *b = y;
    if (a->first != b->first)
        return a->first < b->first ? -1 : 1;
    if (a->after != b->after)
        return a->after < b->after ? -1 : 1;
    int c = strcmp(a->anchor, b->anchor);
    if (c)
        return c;
    if (a->undated != b->undated)
        return a->undated - b->undated;
    return a->index < b->index ? -1 : a->index > b->index;
}

int chr_timeline_task4(char **out, size_t *len, const chr_timeline *tl) {
    chr__sbuf b = {0};
    char head[64];
    size_t nd = chr_timeline_count(tl), nu = chr_timeline_undated_count(tl), nl = 0;
    line *v;
    if (!out || !tl)
        return CHR_EINVAL;
    *out = NULL;
    if (!(v = malloc((nd + nu + 1) * sizeof *v)))
        return CHR_ENOMEM;
    chr__sbuf_adds(&b, chr_timeline_entity(tl));
    chr__sbuf_adds(&b, "\n");
    /* events with no time: the day of their document, when it has a date; else unordered (0) */
    for (size_t i = 0; i < nu; i++) {
        const chr_timeline_entry *e = chr_timeline_undated_at(tl, i);
        chr_time dct = chr_timeline_doc_dct(tl, e->doc);
        line *l = &v[nl];
        l->index = i;
        l->undated = 1;
        if (dct.gran != CHR_GRAN_NONE) {
            period_anchor(l->anchor, sizeof l->anchor, dct.day, dct.day + 1, CHR_GRAN_DAY);
            l->first = dct.day;
            l->after = dct.day + 1;
            nl++;
        } else {
            int any = 0;
            size_t mark = b.len;
            chr__sbuf_adds(&b, "0\tXXXX-XX-XX");
            mention(&b, tl, e, &any);
            if (any)
                chr__sbuf_adds(&b, "\n");
            else if (!b.failed)
                b.p[b.len = mark] = '\0';
        }
    }
    for (size_t i = 0; i < nd; i++) {
        const chr_timeline_entry *e = chr_timeline_entry_at(tl, i);
        line *l = &v[nl++];
        l->index = i;
        l->undated = 0;
        anchor_of(l->anchor, sizeof l->anchor, tl, e);
        if (!anchor_days(l->anchor, &l->first, &l->after)) {
            l->first = e->has_begin ? e->first_day : e->after_day - 1;
            l->after = e->has_end ? e->after_day : INT64_MAX;
        }
    }
    qsort(v, nl, sizeof *v, by_days);
    long ord = 0;
    for (size_t i = 0; i < nl; i++) {
        int any = 0;
        size_t mark = b.len;
        int same = i > 0 && v[i].first == v[i - 1].first && v[i].after == v[i - 1].after &&
                   !strcmp(v[i].anchor, v[i - 1].anchor);
        snprintf(head, sizeof head, "%ld\t%s", same && ord ? ord : ord + 1, v[i].anchor);
        chr__sbuf_adds(&b, head);
        if (v[i].undated)
            mention(&b, tl, chr_timeline_undated_at(tl, v[i].index), &any);
        else
            for (size_t k = 0; k < chr_timeline_source_count(tl, v[i].index); k++)
                mention(&b, tl, chr_timeline_source_at(tl, v[i].index, k), &any);
        if (any) {
            chr__sbuf_adds(&b, "\n");
            ord = same && ord ? ord : ord + 1;
        } else if (!b.failed)
            b.p[b.len = mark] = '\0';
    }
    free(v);
    if (b.failed || !b.p) {
        free(b.p);
        return CHR_ENOMEM;
    }
    *out = b.p;
    if (len)
        *len = b.len;
    return CHR_OK;
}
