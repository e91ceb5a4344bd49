/* timeml.c (render): the TimeML writer. Exports chr_render_timeml (render.h).
 *
 * For a document read from TimeML the file passes through byte for byte: everything before and after
 * the TEXT content is copied, and the TEXT content is walked token by token with the reader's own
 * tokenizer (timeml_internal.h), copying every byte except the TIMEX3 tags it had and inserting ours
 * where the running offset into the document text reaches a timex boundary. Entities, CDATA and other
 * tags (EVENT, SIGNAL, s) stay exactly as they were, and a tag never lands inside one of them. Our tags
 * nest properly wherever the spans allow it: a start tag goes in just before the first text byte,
 * inside the elements that start at that offset, except one that ends before our timex does (a
 * pre-pass finds where each element ends), and an end tag goes in just after the last text byte,
 * after the end tags of elements opened inside ours. So <EVENT>x</EVENT> becomes
 * <EVENT><TIMEX3>x</TIMEX3></EVENT> and "<SIGNAL>by</SIGNAL> noon" becomes
 * <TIMEX3><SIGNAL>by</SIGNAL> noon</TIMEX3>. Spans that cross an element (a timex that starts before an
 * EVENT and ends inside it) cannot nest and are left out of the TimeML (the JSON has them): tags that do
 * not nest would make a file no reader takes.
 * Events go in the same way as EVENT tags; their MAKEINSTANCE and TLINK tags (each event's link to its
 * time expression or to the document date, t0, and for an event dated by a time expression its tense's
 * link to t0 too) follow the closing </TEXT>. The annotation tags the input
 * had give way to ours: TIMEX3 always; EVENT inside TEXT and MAKEINSTANCE, TLINK, SLINK, ALINK after it
 * when the result has events. Every other byte is kept.
 * For other documents a minimal TimeML file is written.
 * Timexes and events that are empty, out of range, not on code point boundaries or overlapping the
 * previous one (a timex wins over an event) are skipped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "timeml_internal.h"

typedef struct outbuf {
    char *p;
    size_t len, cap;
    int failed;
} outbuf;

static void put(outbuf *b, const char *s, size_t n) {
    if (b->failed || n == 0)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void puts_(outbuf *b, const char *s) { put(b, s, strlen(s)); }

/* s[0..n) escaped for XML text (attr = 0) or a double-quoted attribute value (attr = 1). */
static void put_escaped(outbuf *b, const char *s, size_t n, int attr) {
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = attr ? "&quot;" : NULL;
            break;
        default:
            break;
        }
        if (rep) {
            put(b, s + from, i - from);
            puts_(b, rep);
            from = i + 1;
        }
    }
    put(b, s + from, n - from);
}

static void put_attr(outbuf *b, const char *name, const char *value) {
    put(b, " ", 1);
    puts_(b, name);
    put(b, "=\"", 2);
    put_escaped(b, value, strlen(value), 1);
    put(b, "\"", 1);
}

/* ---- the spans to insert: timexes and events ------------------------------------------------------ */

typedef struct span {
    size_t start, end;
    const chr_timex *t; /* one of t, e */
    const chr_event *e;
} span;

typedef struct walk {
    outbuf *out;
    span *tx;    /* the usable spans, in text order */
    size_t n, k; /* count, next one to open or the open one */
    int open;
    size_t t;          /* running offset into the document text */
    size_t depth;      /* elements open in TEXT (TIMEX3 and EVENT tags aside) */
    int events;        /* the result has events: they replace the input's EVENTs and links */
    size_t open_depth; /* depth when ours was opened */
} walk;

static int cp_boundary(const char *text, size_t len, size_t off) {
    return off == len || ((unsigned char)text[off] & 0xC0) != 0x80;
}

static int usable(const chr_doc *doc, size_t start, size_t end) {
    return start < end && end <= doc->len && cp_boundary(doc->text, doc->len, start) &&
           cp_boundary(doc->text, doc->len, end);
}

static int by_span_start(const void *a, const void *b) {
    const span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->t == NULL) - (y->t == NULL); /* a timex before an event at the same offset */
}

static int collect(walk *w, const chr_doc *doc, const chr_result *res) {
    size_t nt = res ? chr_result_count(res) : 0, ne = res ? chr_result_event_count(res) : 0;
    span *all = nt + ne ? malloc((nt + ne) * sizeof *all) : NULL;
    if (nt + ne && !all)
        return -1;
    size_t m = 0;
    for (size_t i = 0; i < nt; i++) {
        const chr_timex *t = chr_result_timex(res, i);
        if (t && usable(doc, t->start, t->end))
            all[m++] = (span){t->start, t->end, t, NULL};
    }
    for (size_t i = 0; i < ne; i++) {
        const chr_event *e = chr_result_event(res, i);
        if (e && usable(doc, e->start, e->end))
            all[m++] = (span){e->start, e->end, NULL, e};
    }
    if (m > 1)
        qsort(all, m, sizeof *all, by_span_start);
    size_t prev_end = 0;
    w->n = 0;
    for (size_t i = 0; i < m; i++) {
        if (all[i].start < prev_end)
            continue;
        all[w->n++] = all[i];
        prev_end = all[i].end;
    }
    w->tx = all;
    return 0;
}

static void open_tag(walk *w) {
    const span *sp = &w->tx[w->k];
    if (sp->e) {
        puts_(w->out, "<EVENT");
        put_attr(w->out, "eid", sp->e->id);
        put_attr(w->out, "class", chr_event_class_name(sp->e->cls));
    } else {
        const chr_timex *t = sp->t;
        char tid[32];
        if (t->id[0])
            snprintf(tid, sizeof tid, "%s", t->id);
        else
            snprintf(tid, sizeof tid, "t%zu", w->k + 1);
        puts_(w->out, "<TIMEX3");
        put_attr(w->out, "tid", tid);
        put_attr(w->out, "type", chr_timex_type_name(t->type));
        put_attr(w->out, "value", t->value);
        if (t->mod[0])
            put_attr(w->out, "mod", t->mod);
        if (t->quant[0])
            put_attr(w->out, "quant", t->quant);
        if (t->freq[0])
            put_attr(w->out, "freq", t->freq);
    }
    put(w->out, ">", 1);
    w->open = 1;
    w->open_depth = w->depth;
}

static void close_tag(walk *w) {
    puts_(w->out, w->tx[w->k].e ? "</EVENT>" : "</TIMEX3>");
    w->open = 0;
    w->k++;
}

/* The text has reached the open timex's end: close it, unless an element opened inside it is still
 * open and may close at this same offset (force = 0). */
static void close_due(walk *w, int force) {
    if (w->open && w->tx[w->k].end <= w->t && (force || w->depth <= w->open_depth))
        close_tag(w);
}

/* The next timex begins at or before offset t. */
static int start_due(const walk *w, size_t t) { return !w->open && w->k < w->n && w->tx[w->k].start <= t; }

/* Text that may be split anywhere: s[0..n) is both the raw form and the text (escape = 0), or the
 * text to be escaped (escape = 1). */
static void text_run(walk *w, const char *s, size_t n, int escape) {
    size_t i = 0;
    while (i < n) {
        close_due(w, 1);
        if (start_due(w, w->t))
            open_tag(w);
        size_t next = w->t + (n - i);
        if (w->open && w->tx[w->k].end < next)
            next = w->tx[w->k].end;
        else if (!w->open && w->k < w->n && w->tx[w->k].start < next)
            next = w->tx[w->k].start;
        if (next < w->t) /* a span an atom (entity, CDATA) already carried the text past: it stays empty */
            next = w->t;
        size_t m = next - w->t;
        if (escape)
            put_escaped(w->out, s + i, m, 0);
        else
            put(w->out, s + i, m);
        i += m;
        w->t = next;
    }
    close_due(w, 0);
}

/* A token that cannot be split (entity, CDATA, the sentence-break "\n"): raw[0..raw_n) stands for n
 * bytes of text. A boundary inside it moves to its edge. */
static void atom(walk *w, const char *raw, size_t raw_n, size_t n) {
    if (n == 0) { /* an empty CDATA section */
        put(w->out, raw, raw_n);
        return;
    }
    close_due(w, 1);
    if (start_due(w, w->t + n - 1))
        open_tag(w);
    put(w->out, raw, raw_n);
    w->t += n;
    close_due(w, 0);
}

/* The tags inside TEXT that ours replace: TIMEX3 always, EVENT when we write events. */
static int ours(const char *raw, const chr__xml_tok *tok, int events) {
    return chr__timeml_is(raw, tok, "TIMEX3") || (events && chr__timeml_is(raw, tok, "EVENT"));
}

/* MAKEINSTANCE and TLINK tags of the events: each event's instance, and its link to its time expression
 * or to the document date (t0). */
/* TLINK number lid: event instance to time expression tid. */
static void put_tlink(outbuf *b, size_t lid, chr_relation rel, const char *instance, const char *tid) {
    char l[32];
    snprintf(l, sizeof l, "l%zu", lid);
    puts_(b, "\n<TLINK");
    put_attr(b, "lid", l);
    put_attr(b, "relType", chr_relation_name(rel));
    put_attr(b, "eventInstanceID", instance);
    put_attr(b, "relatedToTime", tid);
    puts_(b, "/>");
}

static void put_links(outbuf *b, const chr_result *res) {
    size_t ne = res ? chr_result_event_count(res) : 0, lid = 0;
    for (size_t i = 0; i < ne; i++) {
        const chr_event *e = chr_result_event(res, i);
        puts_(b, "\n<MAKEINSTANCE");
        put_attr(b, "eventID", e->id);
        put_attr(b, "eiid", e->instance);
        put_attr(b, "tense", chr_tense_name(e->tense));
        put_attr(b, "aspect", chr_aspect_name(e->aspect));
        put_attr(b, "polarity", e->negative ? "NEG" : "POS");
        put_attr(b, "pos", e->tense == CHR_TENSE_NONE ? "NOUN" : "VERB");
        puts_(b, "/>");
    }
    for (size_t i = 0; i < ne; i++) {
        const chr_event *e = chr_result_event(res, i);
        if (e->time.timex == -2 || e->time.relation == CHR_REL_NONE)
            continue;
        const char *tid = "t0";
        if (e->time.timex >= 0) {
            const chr_timex *t = chr_result_timex(res, (size_t)e->time.timex);
            if (!t)
                continue;
            tid = t->id;
        }
        put_tlink(b, ++lid, e->time.relation, e->instance, tid);
        if (e->time.timex >= 0 && e->dct != CHR_REL_NONE) /* dated by its text, and by its tense */
            put_tlink(b, ++lid, e->dct, e->instance, "t0");
    }
}

/* The offset just after the tag starting at raw[i] ('<'): its '>', not one inside a quoted attribute
 * value (where XML allows it). */
static size_t tag_end(const char *raw, size_t i, size_t end) {
    char quote = 0;
    for (size_t k = i + 1; k < end; k++) {
        if (quote) {
            if (raw[k] == quote)
                quote = 0;
        } else if (raw[k] == '"' || raw[k] == '\'') {
            quote = raw[k];
        } else if (raw[k] == '>') {
            return k + 1;
        }
    }
    return end;
}

/* Is raw[i..) a link tag (MAKEINSTANCE, TLINK, SLINK, ALINK) that ours replace? */
static int droppable(const char *raw, size_t i, size_t end) {
    static const char *const drop[] = {"<MAKEINSTANCE", "<TLINK", "<SLINK", "<ALINK"};
    for (size_t d = 0; d < sizeof drop / sizeof *drop; d++) {
        size_t dl = strlen(drop[d]);
        if (i + dl < end && !memcmp(raw + i, drop[d], dl) &&
            (raw[i + dl] == ' ' || raw[i + dl] == '/' || raw[i + dl] == '\n' || raw[i + dl] == '\t'))
            return 1;
    }
    return 0;
}

/* The part of the file after the TEXT content: its annotation links (MAKEINSTANCE, TLINK, SLINK, ALINK)
 * give way to ours, which go right after </TEXT>; everything else is copied. */
static void put_tail(outbuf *b, const chr_doc *doc, const chr_result *res) {
    const char *raw = doc->raw;
    size_t pos = doc->text_end, end = doc->raw_len;
    /* the TEXT content ends where its closing tag starts ("</TEXT>", or "</TEXT\n>": XML allows blanks) */
    size_t after = pos < end && raw[pos] == '<' ? tag_end(raw, pos, end) : pos;
    put(b, raw + pos, after - pos);
    if (!res || !chr_result_event_count(res)) { /* no events of ours: the input's links stay */
        put(b, raw + after, end - after);
        return;
    }
    put_links(b, res);
    /* copy the rest token by token (the reader's own tokenizer: a comment or declaration is one token,
     * whatever it holds), leaving out each link tag with the line break before it; a tail the
     * tokenizer cannot read is copied as it is */
    size_t i = after, copied = after;
    while (i < end) {
        chr__xml_tok tok;
        if (chr__timeml_next(raw, end, i, &tok, NULL) != 0)
            break;
        if ((tok.kind == CHR__XML_START || tok.kind == CHR__XML_EMPTY) && droppable(raw, tok.start, end)) {
            size_t chunk_end = tok.start;
            if (chunk_end > copied && raw[chunk_end - 1] == '\n')
                chunk_end--;
            put(b, raw + copied, chunk_end - copied);
            copied = tok.end;
        }
        i = tok.end;
    }
    put(b, raw + copied, end - copied);
}

/* Pre-pass over the TEXT content: for the i-th start tag (TIMEX3 aside), the text offsets where its
 * element starts and ends ((size_t)-1: never closed inside TEXT). *starts and *ends are malloc'ed (NULL
 * when there are no start tags); *count is how many. */
static int element_ends(const chr_doc *doc, int events, size_t **starts, size_t **ends, size_t *count_out,
                        chr_error *err) {
    const char *raw = doc->raw;
    size_t pos = doc->text_begin, t = 0, count = 0, cap = 0, depth = 0;
    size_t *stack = NULL, *e = NULL, *st = NULL;
    int rc = 0;
    while (pos < doc->text_end) {
        chr__xml_tok tok;
        rc = chr__timeml_next(raw, doc->text_end, pos, &tok, err);
        if (rc)
            break;
        if (tok.kind == CHR__XML_TEXT)
            t += tok.text_len;
        else if (tok.kind == CHR__XML_CDATA)
            t += tok.text_len;
        else if (tok.kind == CHR__XML_ENTITY)
            t += tok.dec_len;
        else if (tok.kind == CHR__XML_START && !ours(raw, &tok, events)) {
            if (count == cap) {
                cap = cap ? cap * 2 : 64;
                size_t *ne = realloc(e, cap * sizeof *e), *ns = NULL, *nt = NULL;
                if (ne)
                    e = ne;
                nt = ne ? realloc(st, cap * sizeof *st) : NULL;
                if (nt)
                    st = nt;
                ns = nt ? realloc(stack, cap * sizeof *stack) : NULL;
                if (!ns) {
                    rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
                    break;
                }
                stack = ns;
            }
            st[count] = t;
            e[count] = (size_t)-1; /* never closed inside TEXT */
            stack[depth++] = count++;
        } else if (tok.kind == CHR__XML_END && !ours(raw, &tok, events)) {
            if (depth > 0)
                e[stack[--depth]] = t;
            if (chr__timeml_sentence_break(raw, doc->raw_len, &tok))
                t++;
        }
        pos = tok.end;
    }
    free(stack);
    if (rc) {
        free(e);
        free(st);
        e = st = NULL;
        count = 0;
    }
    *ends = e;
    *starts = st;
    *count_out = count;
    return rc;
}

/* Range maxima over v[0..n) (a sparse table): the largest of v[i..j] in O(1). */
typedef struct rmq {
    size_t *t; /* level k: t[k * n + i] = max of v[i .. i + 2^k) */
    size_t n, levels;
} rmq;

static int rmq_build(rmq *q, const size_t *v, size_t n) {
    q->n = n;
    q->levels = 1;
    while (((size_t)1 << q->levels) <= n)
        q->levels++;
    q->t = malloc((n ? n : 1) * q->levels * sizeof *q->t);
    if (!q->t)
        return -1;
    memcpy(q->t, v, n * sizeof *v);
    for (size_t k = 1; k < q->levels; k++)
        for (size_t i = 0; i + ((size_t)1 << k) <= n; i++) {
            size_t a = q->t[(k - 1) * n + i], b = q->t[(k - 1) * n + i + ((size_t)1 << (k - 1))];
            q->t[k * n + i] = a > b ? a : b;
        }
    return 0;
}

static size_t rmq_max(const rmq *q, size_t i, size_t j) { /* i <= j < n */
    size_t k = 0;
    while (((size_t)2 << k) <= j - i + 1)
        k++;
    size_t a = q->t[k * q->n + i], b = q->t[k * q->n + j + 1 - ((size_t)1 << k)];
    return a > b ? a : b;
}

/* The first index of sorted v[0..n) whose value is greater than x. */
static size_t upper(const size_t *v, size_t n, size_t x) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int by_value(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Leave out the spans that would cross an element of the input (one that starts before a span and ends
 * inside it, or starts inside it and ends after it): they cannot nest, and tags that do not nest would
 * make a file no reader takes. Elements come in start order; ends of -1 never close. */
static int drop_crossing(walk *w, const size_t *starts, const size_t *ends, size_t n) {
    if (!n || !w->n)
        return 0;
    /* inside-out: for the elements that start in (s, e), the latest end must not pass e */
    rmq by_start = {0};
    /* outside-in: for the elements that end in (s, e), the negated earliest start must not be above -s */
    size_t(*pairs)[2] = malloc(n * sizeof *pairs);
    size_t *end_sorted = malloc(n * sizeof *end_sorted), *neg_start = malloc(n * sizeof *neg_start);
    rmq by_end = {0};
    int rc = pairs && end_sorted && neg_start && !rmq_build(&by_start, ends, n) ? 0 : -1;
    if (!rc) {
        for (size_t i = 0; i < n; i++) {
            pairs[i][0] = ends[i];
            pairs[i][1] = starts[i];
        }
        qsort(pairs, n, sizeof *pairs, by_value); /* by end (the first member) */
        for (size_t i = 0; i < n; i++) {
            end_sorted[i] = pairs[i][0];
            neg_start[i] = (size_t)-1 - pairs[i][1];
        }
        rc = rmq_build(&by_end, neg_start, n);
    }
    if (!rc) {
        size_t kept = 0;
        for (size_t k = 0; k < w->n; k++) {
            size_t s = w->tx[k].start, e = w->tx[k].end, lo, hi;
            int cross = 0;
            lo = upper(starts, n, s);     /* elements starting after s ... */
            hi = upper(starts, n, e - 1); /* ... and before e */
            if (lo < hi && rmq_max(&by_start, lo, hi - 1) > e)
                cross = 1;
            lo = upper(end_sorted, n, s);
            hi = upper(end_sorted, n, e - 1);
            if (!cross && lo < hi && (size_t)-1 - rmq_max(&by_end, lo, hi - 1) < s)
                cross = 1;
            if (!cross)
                w->tx[kept++] = w->tx[k];
        }
        w->n = kept;
    }
    free(pairs);
    free(end_sorted);
    free(neg_start);
    free(by_start.t);
    free(by_end.t);
    return rc;
}

static int render_passthrough(walk *w, const chr_doc *doc, const chr_result *res, chr_error *err) {
    const char *raw = doc->raw;
    size_t pos = doc->text_begin, end = doc->text_end, nstart = 0, nelem = 0;
    size_t *ends = NULL, *starts = NULL;
    int rc = element_ends(doc, w->events, &starts, &ends, &nelem, err);
    if (rc)
        return rc;
    if (drop_crossing(w, starts, ends, nelem)) {
        free(starts);
        free(ends);
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    free(starts);
    put(w->out, raw, doc->text_begin);
    while (pos < end) {
        chr__xml_tok tok;
        rc = chr__timeml_next(raw, end, pos, &tok, err);
        if (rc)
            break;
        pos = tok.end;
        if (ours(raw, &tok, w->events))
            continue; /* the input's own timexes and events give way to ours */
        switch (tok.kind) {
        case CHR__XML_TEXT:
            text_run(w, raw + tok.text, tok.text_len, 0);
            break;
        case CHR__XML_ENTITY:
            atom(w, raw + tok.start, tok.end - tok.start, tok.dec_len);
            break;
        case CHR__XML_CDATA:
            atom(w, raw + tok.start, tok.end - tok.start, tok.text_len);
            break;
        case CHR__XML_START:
            /* ours goes outside an element that starts here and ends before it does */
            close_due(w, 1);
            if (start_due(w, w->t) && ends[nstart] < w->tx[w->k].end)
                open_tag(w);
            nstart++;
            put(w->out, raw + tok.start, tok.end - tok.start);
            w->depth++;
            break;
        case CHR__XML_END:
            close_due(w, 0);
            put(w->out, raw + tok.start, tok.end - tok.start);
            if (w->depth > 0)
                w->depth--;
            close_due(w, 0);
            if (chr__timeml_sentence_break(raw, doc->raw_len, &tok))
                atom(w, "", 0, 1);
            break;
        default: /* empty tags, comments */
            close_due(w, 0);
            put(w->out, raw + tok.start, tok.end - tok.start);
            break;
        }
    }
    free(ends);
    if (rc)
        return rc;
    while (w->open) /* only if the text and raw disagree */
        close_tag(w);
    put_tail(w->out, doc, res);
    return 0;
}

static void render_minimal(walk *w, const chr_doc *doc, const chr_result *res) {
    chr_time dct;
    puts_(w->out, "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>");
    const char *id = chr_doc_id(doc);
    put_escaped(w->out, id, strlen(id), 0);
    puts_(w->out, "</DOCID>\n");
    if (chr_doc_dct(doc, &dct) != CHR_DCT_NONE && dct.gran != CHR_GRAN_NONE) {
        char value[64];
        chr_time_format(value, sizeof value, &dct);
        int has_time = dct.gran >= CHR_GRAN_PART_OF_DAY;
        puts_(w->out, "<DCT><TIMEX3 tid=\"t0\"");
        put_attr(w->out, "type", has_time ? "TIME" : "DATE");
        put_attr(w->out, "value", value);
        puts_(w->out, " temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">");
        put_escaped(w->out, value, strlen(value), 0);
        puts_(w->out, "</TIMEX3></DCT>\n");
    }
    puts_(w->out, "<TEXT>");
    text_run(w, doc->text, doc->len, 1);
    while (w->open)
        close_tag(w);
    puts_(w->out, "</TEXT>");
    put_links(w->out, res);
    puts_(w->out, "\n</TimeML>\n");
}

int chr_render_timeml(char **out, size_t *out_len, const chr_doc *doc, const chr_result *res,
                      chr_error *err) {
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!out || !out_len || !doc)
        return chr__error_set(err, CHR_EINVAL, "chr_render_timeml: out, out_len and doc must not be NULL");
    outbuf b = {NULL, 0, 0, 0};
    walk w;
    memset(&w, 0, sizeof w);
    w.out = &b;
    w.events = res && chr_result_event_count(res) > 0;
    if (collect(&w, doc, res) != 0)
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    int rc = 0;
    if (doc->format == CHR_FORMAT_TIMEML && doc->raw && doc->text_begin <= doc->text_end &&
        doc->text_end <= doc->raw_len)
        rc = render_passthrough(&w, doc, res, err);
    else
        render_minimal(&w, doc, res);
    free(w.tx);
    if (rc == 0 && !b.failed && !b.p) { /* an empty output is still a malloc'ed string */
        b.p = calloc(1, 1);
        b.failed = !b.p;
    }
    if (rc != 0 || b.failed) {
        free(b.p);
        return rc ? rc : chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    *out = b.p;
    *out_len = b.len;
    return 0;
}
