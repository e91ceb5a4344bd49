/* task4.c: a timeline in the format of SemEval-2015 Task 4 (TimeLine): the entity on the first line,
 * then "ORDINAL<TAB>ANCHOR<TAB>DOCID-SENTENCE-WORD..." lines (timeline/eval.c scores them).
 *
 * Each entry becomes one line with all its mentions that have a sentence number (TimeML <s id> input;
 * the others cannot be named and are left out); WORD is the event's first word. ANCHOR is the date the
 * entry sits in, at the granularity known: a day, a month or a year ("2010-06-07", "2010-06", "2010");
 * a week, quarter or season within one month or year gives that month or year; "since 2004" gives
 * its start, 2004; an event placed only by tense against the document date (before it, after it) is
 * anchored to the document's day, as a news report's events mostly are; anything else is XXXX-XX-XX.
 * Entries follow the timeline's order; consecutive entries with the same anchor share an ordinal
 * (simultaneous as far as the timeline knows), each change of anchor starts the next one; the events
 * with no time come first, under ordinal 0, as the task's timelines put what they cannot order.
 *
 * Exports chr_timeline_task4 (timeline.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct buf {
    char *p;
    size_t len, cap;
    int failed;
} buf;

static void add(buf *b, const char *s, size_t n) {
    if (b->failed)
        return;
    if (b->cap - b->len < n + 1) {
        size_t c = b->cap ? b->cap : 4096;
        while (c - b->len < n + 1)
            c *= 2;
        char *p = realloc(b->p, c);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = c;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void adds(buf *b, const char *s) { add(b, s, strlen(s)); }

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
static void mention(buf *b, const chr_timeline *tl, const chr_timeline_entry *e, int *any) {
    char tmp[64];
    size_t w = 0;
    if (e->sentence_no < 0 || !e->text[0])
        return;
    while (e->text[w] && e->text[w] != ' ' && e->text[w] != '\t' && e->text[w] != '\n')
        w++;
    adds(b, "\t");
    adds(b, chr_timeline_doc_id(tl, e->doc));
    snprintf(tmp, sizeof tmp, "-%d-", e->sentence_no);
    adds(b, tmp);
    add(b, e->text, w);
    *any = 1;
}

int chr_timeline_task4(char **out, size_t *len, const chr_timeline *tl) {
    buf b = {0};
    char prev[32] = "", anchor[32], head[64];
    long ord = 0;
    if (!out || !tl)
        return CHR_EINVAL;
    *out = NULL;
    adds(&b, chr_timeline_entity(tl));
    adds(&b, "\n");
    for (size_t i = 0; i < chr_timeline_undated_count(tl); i++) {
        size_t mark = b.len;
        int any = 0;
        adds(&b, "0\tXXXX-XX-XX");
        mention(&b, tl, chr_timeline_undated_at(tl, i), &any);
        if (any)
            adds(&b, "\n");
        else if (!b.failed)
            b.p[b.len = mark] = '\0';
    }
    for (size_t i = 0; i < chr_timeline_count(tl); i++) {
        const chr_timeline_entry *e = chr_timeline_entry_at(tl, i);
        size_t mark = b.len;
        int any = 0;
        anchor_of(anchor, sizeof anchor, tl, e);
        long o = strcmp(anchor, prev) ? ord + 1 : ord;
        snprintf(head, sizeof head, "%ld\t%s", o, anchor);
        adds(&b, head);
        for (size_t k = 0; k < chr_timeline_source_count(tl, i); k++)
            mention(&b, tl, chr_timeline_source_at(tl, i, k), &any);
        if (any) {
            adds(&b, "\n");
            ord = o;
            memcpy(prev, anchor, sizeof prev);
        } else if (!b.failed)
            b.p[b.len = mark] = '\0';
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
