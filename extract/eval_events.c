/* eval_events.c: scoring of events against gold TimeML: TempEval-3 Task B (event extraction), event
 * dating, and the temporal awareness of event-time links. Exports chr_eval_event_scores (eval.h) and
 * chr__eval_add_events (eval_internal.h), which chr_eval_add calls for documents whose gold has events.
 *
 * Task B. Gold and system events are paired as eval.c pairs timexes (chr__eval_pair: overlapping
 * extents, one to one, largest overlap first). Strict matches have identical extents; P = matches /
 * system events, R = matches / gold events, micro-averaged over documents. Class, tense, aspect and
 * polarity accuracy are over the relaxed pairs; class F1 = class accuracy x relaxed F1, as the TE3
 * scorer defines attribute F1 (tense, aspect and polarity are extra figures; TE3 scored class only).
 *
 * Event dating. The links counted are the gold TLINKs between an event and a timex of the event's own
 * sentence (links to t0, the DCT, are not counted). The event's sentence is found here, the same way
 * whatever the system does, so that the count is the system's own: a sentence ends at '.', '!' or '?' (and
 * any closing quotes or brackets) followed by blanks and a capital letter, maybe after opening quotes (", ',
 * the wire services' ``, U+201C) or a bracket (not after a single letter, "U.S.",
 * or a title or month abbreviation, "Mr.", "Jan."), or at a blank line. The timex is in the sentence when it
 * starts in it. A link is a hit when the gold event is paired with a system event whose time.timex is a
 * system timex overlapping the gold timex and whose relation is in the same family as the gold one (both read
 * from the event's side): overlap  IS_INCLUDED, DURING, SIMULTANEOUS, IDENTITY, INCLUDES before   BEFORE,
 * IBEFORE after    AFTER, IAFTER begin    BEGUN_BY, BEGINS end      ENDED_BY, ENDS A gold event with two such
 * links (two times in its sentence) counts twice and can hit only once. Misses are counted by cause: the gold
 * event not paired; paired, but the system event has no time, the DCT or a timex not overlapping the gold
 * one; right timex, relation of another family. Each miss is kept (chr__eval_dating_miss) for the error list
 * of `chronicle eval --errors`.
 *
 * Temporal awareness (UzZaman & Allen 2011; TE3 Task C). Per document, the nodes are the gold events,
 * the gold timexes and the DCT. The gold graph holds the gold event-timex and event-DCT TLINKs whose
 * event and timex resolve (event by eid, else by instance id; timex by tid, "t0" = DCT). The system
 * graph holds one link per system event that has a time (time.timex >= 0: that timex; -1: the DCT;
 * relation not NONE), mapped onto gold nodes through the relaxed event pairing and the Task A timex
 * pairing; a link whose event or timex is unpaired stays out of the graph but counts as a system
 * link that nothing verifies. Relations are read from the event's side; DURING and IDENTITY are taken
 * as SIMULTANEOUS (as the TE3 scorer does with DURING). Each interval X has endpoints X- < X+ and a
 * relation becomes endpoint constraints (A rel B):
 *     BEFORE A+ < B-          IBEFORE A+ = B-          BEGINS   A- = B-, A+ < B+
 *     AFTER  B+ < A-          IAFTER  B+ = A-          BEGUN_BY A- = B-, B+ < A+
 *     INCLUDES    A- < B-, B+ < A+                     ENDS     A+ = B+, B- < A-
 *     IS_INCLUDED B- < A-, A+ < B+                     ENDED_BY A+ = B+, A- < B-
 *     SIMULTANEOUS A- = B-, A+ = B+
 * The closure of a graph is the closure of its point constraints (a convex point algebra: "<=" and
 * "<" only, so path consistency is exact): Floyd-Warshall over bit rows, a path with one "<" step
 * being "<". A link is verified by a closure when every constraint of its relation is entailed.
 * Precision = system links verified by the gold closure / system links, recall = gold links verified
 * by the system closure / gold links (distinct gold links: a link repeated in the gold counts once),
 * both summed over documents.
 * How it differs from the official TE3 scorer (temporal_evaluation.py with its timegraph): the
 * official one scores all TLINKs (event-event and timex-timex too) and counts links of the reduced
 * graphs (links implied by the others are dropped first), where this counts every distinct
 * event-time link, as the scorer's "acl11" option does; it maps entities through the TimeML
 * normalizer's token alignment, this through the relaxed pairings; it reasons with Gerevini &
 * Schubert's timegraph, this with the point-algebra closure (same answers on consistent graphs; an
 * inconsistent gold graph, one with X < X, makes everything reachable through it verified here). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eval_internal.h"
#include "internal.h"

#define NONE ((size_t)-1)

/* ---- relation families (event dating) ------------------------------------------------------------ */

typedef enum family { FAM_NONE = 0, FAM_OVERLAP, FAM_BEFORE, FAM_AFTER, FAM_BEGIN, FAM_END } family;

static family family_of(chr_relation r) {
    switch (r) {
    case CHR_REL_IS_INCLUDED:
    case CHR_REL_DURING:
    case CHR_REL_SIMULTANEOUS:
    case CHR_REL_IDENTITY:
    case CHR_REL_INCLUDES:
        return FAM_OVERLAP;
    case CHR_REL_BEFORE:
    case CHR_REL_IBEFORE:
        return FAM_BEFORE;
    case CHR_REL_AFTER:
    case CHR_REL_IAFTER:
        return FAM_AFTER;
    case CHR_REL_BEGUN_BY:
    case CHR_REL_BEGINS:
        return FAM_BEGIN;
    case CHR_REL_ENDED_BY:
    case CHR_REL_ENDS:
        return FAM_END;
    default:
        return FAM_NONE;
    }
}

/* ---- sentences (for gold events the system did not find) ------------------------------------------ */

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_alpha(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Does the '.' at text[dot] end an abbreviation: a single letter ("U.S.", "J.") or a title or month? */
static int abbreviation(const char *text, size_t dot) {
    static const char *const words[] = {"Mr",  "Mrs", "Ms",  "Dr",   "Prof", "Sen", "Rep", "Gov", "Gen",
                                        "Lt",  "Col", "Sgt", "Capt", "Adm",  "Rev", "Hon", "St",  "Jr",
                                        "Sr",  "Mt",  "Ft",  "No",   "Jan",  "Feb", "Mar", "Apr", "Jun",
                                        "Jul", "Aug", "Sep", "Sept", "Oct",  "Nov", "Dec", "vs"};
    size_t b = dot;
    while (b > 0 && is_alpha(text[b - 1]))
        b--;
    size_t n = dot - b;
    if (n == 1)
        return 1;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && memcmp(words[i], text + b, n) == 0)
            return 1;
    return 0;
}

/* Sentence starts of text (the first is 0), malloc'ed into *out; -1 when out of memory. */
static int split_sentences(const char *text, size_t len, size_t **out, size_t *n) {
    size_t cap = 16, k = 0;
    size_t *v = malloc(cap * sizeof *v);
    if (!v)
        return -1;
    v[k++] = 0;
    for (size_t i = 0; i < len; i++) {
        size_t next = 0;
        char c = text[i];
        if (c == '.' || c == '!' || c == '?') {
            size_t j = i + 1;
            while (j < len && (text[j] == '"' || text[j] == '\'' || text[j] == ')' || text[j] == ']'))
                j++;
            if (j >= len || !is_blank(text[j]))
                continue;
            while (j < len && is_blank(text[j]))
                j++;
            size_t start = j;
            while (j < len && (text[j] == '"' || text[j] == '\'' || text[j] == '`' || text[j] == '('))
                j++; /* opening quotes: also the wire services' `` */
            if (j + 2 < len && (unsigned char)text[j] == 0xE2 && (unsigned char)text[j + 1] == 0x80 &&
                (unsigned char)text[j + 2] == 0x9C) /* U+201C left double quotation mark */
                j += 3;
            if (j < len && is_upper(text[j]) && !(c == '.' && abbreviation(text, i)))
                next = start;
        } else if (c == '\n') {
            size_t j = i + 1;
            while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
                j++;
            if (j < len && text[j] == '\n') {
                while (j < len && is_blank(text[j]))
                    j++;
                next = j;
            }
        }
        if (!next || next >= len || next <= v[k - 1])
            continue;
        if (k == cap) {
            size_t *p = realloc(v, 2 * cap * sizeof *p);
            if (!p) {
                free(v);
                return -1;
            }
            v = p;
            cap *= 2;
        }
        v[k++] = next;
        i = next - 1;
    }
    *out = v;
    *n = k;
    return 0;
}

/* The sentence [*s, *e) containing byte pos, from the starts of split_sentences. */
static void sentence_at(const size_t *starts, size_t n, size_t len, size_t pos, size_t *s, size_t *e) {
    size_t lo = 0, hi = n; /* the last start <= pos */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] <= pos)
            lo = mid;
        else
            hi = mid;
    }
    *s = starts[lo];
    *e = lo + 1 < n ? starts[lo + 1] : len;
}

/* ---- temporal awareness: the point-algebra closure of timeline/closure.c ----------------------------- */

/* A link between an event node and a time node (compact point indices a*2, b*2 are their starts). */
typedef struct link {
    size_t event, time; /* node numbers: events, then timexes, then the DCT */
    chr_relation rel;
} link;

static chr_relation canonical(chr_relation r) {
    return r == CHR_REL_DURING || r == CHR_REL_IDENTITY ? CHR_REL_SIMULTANEOUS : r;
}

static int by_link(const void *x, const void *y) {
    const link *a = x, *b = y;
    if (a->event != b->event)
        return a->event < b->event ? -1 : 1;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    return (int)a->rel - (int)b->rel;
}

/* The closure of links over the used nodes (compact map, nused nodes), or NULL when out of memory. */
static chr__pa *closure(const size_t *compact, size_t nused, const link *links, size_t n) {
    chr__pa *g;
    if (chr__pa_new(&g, nused))
        return NULL;
    for (size_t i = 0; i < n; i++)
        chr__pa_add(g, compact[links[i].event], links[i].rel, compact[links[i].time]);
    chr__pa_close(g);
    return g;
}

static int entails(const chr__pa *g, const size_t *compact, const link *l) {
    return chr__pa_entails(g, compact[l->event], l->rel, compact[l->time]);
}

/* Verified links of gold and system graphs: *gold_ok of the ng gold links are entailed by the system
 * closure, *sys_ok of the ns system links by the gold closure. nodes = number of node numbers. */
static int awareness(const link *gold, size_t ng, const link *sys, size_t ns, size_t nodes, size_t *gold_ok,
                     size_t *sys_ok) {
    *gold_ok = *sys_ok = 0;
    if (!ng && !ns)
        return 0;
    size_t *compact = malloc(nodes * sizeof *compact), nused = 0;
    chr__pa *gg = NULL, *sg = NULL;
    int rc = -1;
    if (!compact)
        return -1;
    for (size_t i = 0; i < nodes; i++)
        compact[i] = NONE;
    for (size_t i = 0; i < ng + ns; i++) {
        const link *l = i < ng ? &gold[i] : &sys[i - ng];
        if (compact[l->event] == NONE)
            compact[l->event] = nused++;
        if (compact[l->time] == NONE)
            compact[l->time] = nused++;
    }
    gg = closure(compact, nused, gold, ng);
    sg = gg ? closure(compact, nused, sys, ns) : NULL;
    if (!sg)
        goto done;
    for (size_t i = 0; i < ns; i++)
        *sys_ok += (size_t)entails(gg, compact, &sys[i]);
    for (size_t i = 0; i < ng; i++)
        *gold_ok += (size_t)entails(sg, compact, &gold[i]);
    rc = 0;
done:
    chr__pa_free(gg);
    chr__pa_free(sg);
    free(compact);
    return rc;
}

/* ---- one document ------------------------------------------------------------------------------- */

static size_t find_event(const chr__eval_side *gold, const chr_tlink *l) {
    if (l->event_id[0])
        for (size_t i = 0; i < gold->nevents; i++)
            if (strcmp(gold->events[i].id, l->event_id) == 0)
                return i;
    if (l->event_instance[0])
        for (size_t i = 0; i < gold->nevents; i++)
            if (strcmp(gold->events[i].instance, l->event_instance) == 0)
                return i;
    return NONE;
}

/* The gold timex named id, gold->ntimexes for the DCT ("t0"), NONE when there is none. */
static size_t find_timex(const chr__eval_side *gold, const char *id) {
    for (size_t i = 0; i < gold->ntimexes; i++)
        if (strcmp(gold->timexes[i].id, id) == 0)
            return i;
    return strcmp(id, "t0") == 0 ? gold->ntimexes : NONE;
}

static int overlaps(const chr_timex *a, const chr_timex *b) {
    size_t from = a->start > b->start ? a->start : b->start;
    size_t to = a->end < b->end ? a->end : b->end;
    return to > from;
}

static int valid_side(const chr__eval_side *s) {
    return s && (s->events || !s->nevents) && (s->timexes || !s->ntimexes);
}

static char *substr(const char *text, size_t a, size_t b) {
    char *c = malloc(b > a ? b - a + 1 : 1);
    if (c) {
        if (b > a)
            memcpy(c, text + a, b - a);
        c[b > a ? b - a : 0] = '\0';
    }
    return c;
}

/* Keep the missed dating link of gold event g to gold timex x (sentence [ss, se)); s is the paired system
 * event or NULL. 0 or -1 when out of memory. */
static int keep_miss(chr_eval *ev, const char *text, chr_dating_miss cause, const chr_event *g,
                     chr_relation rel, const chr_timex *x, const chr_event *s, const chr_timex *st,
                     size_t nst, size_t ss, size_t se) {
    chr_eval_dating_error d;
    memset(&d, 0, sizeof d);
    d.cause = cause;
    d.gold_relation = rel;
    d.gold_value = x->value;
    d.sys_relation = s && s->time.timex >= -1 ? s->time.relation : CHR_REL_NONE;
    char *evt = substr(text, g->start, g->end), *gt = substr(text, x->start, x->end);
    char *sent = substr(text, ss, se), *sys = NULL;
    if (s && s->time.timex >= 0 && (size_t)s->time.timex < nst) {
        const chr_timex *t = &st[s->time.timex];
        sys = substr(text, t->start, t->end);
        d.sys_value = t->value;
    } else if (s && s->time.timex == -1) {
        d.sys_time = "DCT";
        d.sys_value = s->time.value;
    }
    if (sys)
        d.sys_time = sys;
    d.event = evt;
    d.gold_time = gt;
    d.sentence = sent;
    int rc = evt && gt && sent && (sys || !s || s->time.timex < 0 || (size_t)s->time.timex >= nst)
                 ? chr__eval_dating_miss(ev, &d)
                 : -1;
    free(evt);
    free(gt);
    free(sent);
    free(sys);
    return rc;
}

int chr__eval_add_events(chr_eval *ev, const char *text, size_t len, const chr__eval_side *gold,
                         const chr_tlink *links, size_t nlinks, const chr__eval_side *sys) {
    chr__event_tally *t = chr__eval_tally(ev);
    if (!t || !valid_side(gold) || !valid_side(sys) || (!links && nlinks) || (!text && len))
        return CHR_EINVAL;
    const size_t nge = gold->nevents, nse = sys->nevents, ngt = gold->ntimexes, nst = sys->ntimexes;
    size_t *pg = malloc((nge + 1) * sizeof *pg), *ps = malloc((nse + 1) * sizeof *ps);
    size_t *tg = malloc((ngt + 1) * sizeof *tg), *ts = malloc((nst + 1) * sizeof *ts);
    chr__span *gsp = malloc((nge + 1) * sizeof *gsp), *ssp = malloc((nse + 1) * sizeof *ssp);
    link *gl = malloc((nlinks + 1) * sizeof *gl), *sl = malloc((2 * nse + 1) * sizeof *sl);
    size_t *starts = NULL, nstarts = 0;
    int rc = CHR_ENOMEM;
    if (!pg || !ps || !tg || !ts || !gsp || !ssp || !gl || !sl)
        goto done;
    for (size_t i = 0; i < nge; i++)
        gsp[i] = (chr__span){gold->events[i].start, gold->events[i].end};
    for (size_t j = 0; j < nse; j++)
        ssp[j] = (chr__span){sys->events[j].start, sys->events[j].end};
    if (chr__eval_pair(gsp, nge, ssp, nse, pg, ps) ||
        chr__eval_pair_timexes(gold->timexes, ngt, sys->timexes, nst, tg, ts))
        goto done;

    /* Task B */
    chr__event_tally d;
    memset(&d, 0, sizeof d);
    for (size_t i = 0; i < nge; i++) {
        if (pg[i] == NONE)
            continue;
        const chr_event *g = &gold->events[i], *s = &sys->events[pg[i]];
        d.relaxed++;
        d.strict += g->start == s->start && g->end == s->end;
        d.cls += g->cls == s->cls;
        d.tense += g->tense == s->tense;
        d.aspect += g->aspect == s->aspect;
        d.polarity += !g->negative == !s->negative;
    }

    /* Event dating, and the gold links of the awareness graph */
    const size_t dct = nge + ngt; /* node numbers: events, timexes, the DCT */
    size_t ngl = 0;
    for (size_t k = 0; k < nlinks; k++) {
        const chr_tlink *l = &links[k];
        size_t ge = find_event(gold, l), gt = find_timex(gold, l->timex_id);
        if (ge == NONE || gt == NONE || l->relation == CHR_REL_NONE || l->relation >= CHR_REL_COUNT)
            continue;
        gl[ngl++] = (link){ge, nge + gt, canonical(l->relation)};
        if (gt == ngt)
            continue; /* the DCT: not a dating link */
        const chr_event *g = &gold->events[ge];
        size_t ss, se;
        /* the sentence is always split here, so that the count does not depend on the system */
        if (!starts && split_sentences(text, len, &starts, &nstarts))
            goto done;
        sentence_at(starts, nstarts, len, g->start, &ss, &se);
        const chr_timex *x = &gold->timexes[gt];
        if (x->start < ss || x->start >= se)
            continue;
        d.dating_links++;
        const chr_event *s = pg[ge] != NONE ? &sys->events[pg[ge]] : NULL;
        chr_dating_miss cause;
        int tx = s ? s->time.timex : -2;
        if (!s) {
            d.dating_no_event++;
            cause = CHR_DATING_NO_EVENT;
        } else if (tx < 0 || (size_t)tx >= nst || !overlaps(&sys->timexes[tx], x)) {
            d.dating_other_time++;
            cause = CHR_DATING_OTHER_TIME;
        } else if (family_of(s->time.relation) == FAM_NONE ||
                   family_of(s->time.relation) != family_of(l->relation)) {
            d.dating_other_relation++;
            cause = CHR_DATING_OTHER_RELATION;
        } else {
            d.dating_hits++;
            continue;
        }
        if (keep_miss(ev, text, cause, g, l->relation, x, s, sys->timexes, nst, ss, se))
            goto done;
    }
    if (ngl)
        qsort(gl, ngl, sizeof *gl, by_link);
    size_t distinct = 0;
    for (size_t k = 0; k < ngl; k++)
        if (!distinct || by_link(&gl[distinct - 1], &gl[k]) != 0)
            gl[distinct++] = gl[k];
    ngl = distinct;

    /* Temporal awareness: the system links, on gold nodes: each event's time, and for an event dated by a
     * time expression its relation to the DCT too (its tense's) */
    size_t nsl = 0;
    for (size_t j = 0; j < nse; j++) {
        const chr_event_time *tm = &sys->events[j].time;
        const chr_relation r = sys->events[j].dct;
        if (tm->timex >= 0 && r != CHR_REL_NONE && r < CHR_REL_COUNT) {
            d.aw_system++;
            if (ps[j] != NONE)
                sl[nsl++] = (link){ps[j], dct, canonical(r)};
        }
        if (tm->timex < -1 || tm->relation == CHR_REL_NONE || tm->relation >= CHR_REL_COUNT)
            continue;
        d.aw_system++;
        size_t node = NONE;
        if (tm->timex == -1)
            node = dct;
        else if ((size_t)tm->timex < nst && ts[tm->timex] != NONE)
            node = nge + ts[tm->timex];
        if (ps[j] == NONE || node == NONE)
            continue; /* not on the gold graph: a link nothing verifies */
        sl[nsl++] = (link){ps[j], node, canonical(tm->relation)};
    }
    d.aw_gold = ngl;
    if (awareness(gl, ngl, sl, nsl, dct + 1, &d.aw_gold_ok, &d.aw_system_ok))
        goto done;

    t->docs++;
    t->gold += nge;
    t->system += nse;
    t->strict += d.strict;
    t->relaxed += d.relaxed;
    t->cls += d.cls;
    t->tense += d.tense;
    t->aspect += d.aspect;
    t->polarity += d.polarity;
    t->dating_links += d.dating_links;
    t->dating_hits += d.dating_hits;
    t->dating_no_event += d.dating_no_event;
    t->dating_other_time += d.dating_other_time;
    t->dating_other_relation += d.dating_other_relation;
    t->aw_system += d.aw_system;
    t->aw_system_ok += d.aw_system_ok;
    t->aw_gold += d.aw_gold;
    t->aw_gold_ok += d.aw_gold_ok;
    rc = CHR_OK;
done:
    free(pg);
    free(ps);
    free(tg);
    free(ts);
    free(gsp);
    free(ssp);
    free(gl);
    free(sl);
    free(starts);
    return rc;
}

/* ---- figures ------------------------------------------------------------------------------------ */

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0.0; }

static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

void chr_eval_event_scores(const chr_eval *ev, chr_event_scores *out) {
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    const chr__event_tally *t = chr__eval_tally_const(ev);
    if (!t)
        return;
    out->docs = t->docs;
    out->gold = t->gold;
    out->system = t->system;
    out->strict_match = t->strict;
    out->relaxed_match = t->relaxed;
    out->class_match = t->cls;
    out->tense_match = t->tense;
    out->aspect_match = t->aspect;
    out->polarity_match = t->polarity;
    out->strict_p = ratio(t->strict, t->system);
    out->strict_r = ratio(t->strict, t->gold);
    out->strict_f1 = f1(out->strict_p, out->strict_r);
    out->relaxed_p = ratio(t->relaxed, t->system);
    out->relaxed_r = ratio(t->relaxed, t->gold);
    out->relaxed_f1 = f1(out->relaxed_p, out->relaxed_r);
    out->class_accuracy = ratio(t->cls, t->relaxed);
    out->class_f1 = out->class_accuracy * out->relaxed_f1;
    out->tense_accuracy = ratio(t->tense, t->relaxed);
    out->aspect_accuracy = ratio(t->aspect, t->relaxed);
    out->polarity_accuracy = ratio(t->polarity, t->relaxed);
    out->dating_links = t->dating_links;
    out->dating_hits = t->dating_hits;
    out->dating_no_event = t->dating_no_event;
    out->dating_other_time = t->dating_other_time;
    out->dating_other_relation = t->dating_other_relation;
    out->dating = ratio(t->dating_hits, t->dating_links);
    out->awareness_system = t->aw_system;
    out->awareness_system_verified = t->aw_system_ok;
    out->awareness_gold = t->aw_gold;
    out->awareness_gold_verified = t->aw_gold_ok;
    out->awareness_p = ratio(t->aw_system_ok, t->aw_system);
    out->awareness_r = ratio(t->aw_gold_ok, t->aw_gold);
    out->awareness_f1 = f1(out->awareness_p, out->awareness_r);
}
