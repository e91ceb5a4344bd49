/* engine.c: the public face of extraction: building and freeing the engine (rules and event model), the
 * rules' self-test, a thread's scratch, and chr_extract, which runs recognition, resolution and interval
 * signals over one document, then finds its events and anchors them in time.
 *
 * Exports chr_engine_new, chr_engine_free, chr_engine_rule_count, chr_engine_check_examples,
 * chr_engine_unbounded_rules,
 * chr_scratch_new, chr_scratch_free, chr_extract, chr_extract_with, chr_result_count, chr_result_timex,
 * chr_result_event_count, chr_result_event, chr_result_free; chr__result_grow and
 * chr__engine_new_from_mem (engine.h).
 *
 * The event model is rules_dir/events.model when a rules directory is given and has one, else the
 * built-in events.model; with no model at all the engine finds no events (timexes work as before). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine.h"
#include "events.h"

/* Limits that keep a hostile text from making a pattern run away. */
#define MATCH_LIMIT 200000u
#define DEPTH_LIMIT 5000u
#define HEAP_LIMIT 20000u /* KiB */

/* The DCT examples are resolved against when they name none: a Wednesday evening. */
#define EXAMPLE_DCT "2014-12-03T20:58"

/* The event model: rules_dir/events.model if it exists, else the built-in one, else none. */
static int load_event_model(chr_engine *e, const char *rules_dir, chr_error *err) {
    if (rules_dir) {
        size_t dl = strlen(rules_dir);
        char *path = malloc(dl + 16);
        if (!path)
            return chr__error_set(err, CHR_ENOMEM, "out of memory");
        snprintf(path, dl + 16, "%s/events.model", rules_dir);
        FILE *f = fopen(path, "rb");
        if (f) {
            char *data;
            size_t len;
            int rc = chr__file_slurp(f, (size_t)-1, &data, &len);
            fclose(f);
            if (rc == CHR_ENOMEM)
                rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
            else if (rc)
                rc = chr__error_at(err, CHR_ERULE, path, 0, "cannot read %s", path);
            else
                rc = chr__event_model_load(&e->events, data, len, path, err);
            free(data);
            free(path);
            return rc;
        }
        free(path);
    }
    /* the built-in model, compiled at build time (cmake/modelbin.c); the text as a fallback */
    for (size_t i = 0; i < chr__builtin_rules_count; i++)
        if (chr__builtin_rules[i].name && !strcmp(chr__builtin_rules[i].name, "events.model.bin"))
            return chr__event_model_load_bin(&e->events, chr__builtin_rules[i].data,
                                             chr__builtin_rules[i].len, "events.model.bin", err);
    for (size_t i = 0; i < chr__builtin_rules_count; i++)
        if (chr__builtin_rules[i].name && !strcmp(chr__builtin_rules[i].name, "events.model"))
            return chr__event_model_load(&e->events, chr__builtin_rules[i].data, chr__builtin_rules[i].len,
                                         "events.model", err);
    return 0;
}

/* An empty engine with its match limits set. */
static int engine_alloc(chr_engine **out, chr_error *err) {
    *out = NULL;
    chr_engine *e = calloc(1, sizeof *e);
    if (!e)
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    e->mctx = pcre2_match_context_create(NULL);
    if (!e->mctx) {
        free(e);
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    pcre2_set_match_limit(e->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(e->mctx, DEPTH_LIMIT);
    pcre2_set_heap_limit(e->mctx, HEAP_LIMIT);
    *out = e;
    return CHR_OK;
}

int chr__engine_new_from_mem(chr_engine **out, const char *name, const char *data, size_t len,
                             chr_error *err) {
    chr_engine *e;
    *out = NULL;
    int rc = engine_alloc(&e, err);
    if (rc)
        return rc;
    rc = chr__rules_load_mem(e, name, data, len, err);
    if (!rc && chr__templates_compile(e))
        rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
    if (rc) {
        chr_engine_free(e);
        return rc;
    }
    chr__context_init(e);
    *out = e;
    return CHR_OK;
}

int chr_engine_new(chr_engine **out, const char *rules_dir, chr_error *err) {
    chr_engine *e;
    *out = NULL;
    int rc = engine_alloc(&e, err);
    if (rc)
        return rc;
    rc = chr__rules_load(e, rules_dir, err);
    if (!rc && chr__templates_compile(e))
        rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
    if (!rc)
        rc = load_event_model(e, rules_dir, err);
    if (rc) {
        chr_engine_free(e);
        return rc;
    }
    chr__context_init(e);
    *out = e;
    return CHR_OK;
}

void chr_engine_free(chr_engine *e) {
    if (!e)
        return;
    chr__templates_free(e);
    chr__rules_free(e);
    chr__event_model_free(e->events);
    pcre2_match_context_free(e->mctx);
    free(e);
}

size_t chr_engine_rule_count(const chr_engine *e) { return e ? e->nrules : 0; }

size_t chr_engine_unbounded_rules(const chr_engine *e, chr_rule_report report, void *ctx) {
    size_t n = 0;
    const uint32_t *r = e && e->prefilter ? chr__prefilter_anywhere(e->prefilter, &n) : NULL;
    for (size_t i = 0; i < n && report; i++)
        report(ctx, e->rules[r[i]].file, e->rules[r[i]].line, e->rules[r[i]].name);
    return n;
}

static int result_push(chr_result *r, const chr_timex *t) {
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 32;
        chr_timex *p = realloc(r->timexes, cap * sizeof *p);
        if (!p)
            return CHR_ENOMEM;
        r->timexes = p;
        r->cap = cap;
    }
    r->timexes[r->n++] = *t;
    return 0;
}

static int is_point(const chr_timex *t) {
    return (t->type == CHR_TIMEX_DATE || t->type == CHR_TIMEX_TIME) && t->value[0] >= '0' &&
           t->value[0] <= '9';
}

/* Days listed with a date of the same month, which TimeBank tags apart: the "9" of "December 8 and 9", the
 * "16" of "Dec. 14-16", the "3" of "3 and 4 December"; and clock times listed before one of their day, the
 * "2" of "between 2 and 4 p.m.". A rule would try a match at every "and" or number
 * of the text (about 12 M instructions on the bench's 2 MB, 1.7%); this looks only beside the days found. */
#define LIST_WORDS "and", "or", "to", "through"

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_letter(char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

/* Is the day of a date of t's text at its end ("December 8", "Dec. 14": front 0) or at its start ("4
 * December": front 1)? Its value's day then, else 0. */
static int edge_day(const chr_timex *t, const char *text, int front) {
    size_t n = strlen(t->value);
    if (t->type != CHR_TIMEX_DATE || n != 10 || t->value[4] != '-' || t->value[7] != '-' || t->mod[0])
        return 0;
    const char *s = text + t->start, *e = text + t->end;
    if (front) {
        if (!is_digit(s[0]))
            return 0;
    } else {
        while (e > s && is_letter(e[-1]) && e - s > 2) /* "8th" */
            e--;
        if (!is_digit(e[-1]))
            return 0;
    }
    return atoi(t->value + 8);
}

/* At p: digits of a day (1 or 2, "th" and the like after them); their value and *end, or 0. */
static int day_digits(const char *text, size_t len, size_t p, size_t *end) {
    size_t q = p;
    while (q < len && q - p < 3 && is_digit(text[q]))
        q++;
    if (q == p || q - p > 2)
        return 0;
    int d = atoi(text + p);
    const char *x = text + q;
    if (q + 1 < len &&
        (!strncmp(x, "st", 2) || !strncmp(x, "nd", 2) || !strncmp(x, "rd", 2) || !strncmp(x, "th", 2)))
        q += 2;
    if (q < len && chr__ascii_alnum((unsigned char)text[q]))
        return 0;
    *end = q;
    return d;
}

/* The list word or hyphen between two days, from p on: the offset after it (and the blanks around it), or
 * 0. A hyphen or an en dash stands alone ("14-16"), a word between blanks ("8 and 9"). */
static size_t list_link(const char *text, size_t len, size_t p) {
    if (p < len && text[p] == '-')
        return p + 1;
    if (p + 3 <= len && !memcmp(text + p, "\xe2\x80\x93", 3))
        return p + 3;
    if (p >= len || text[p] != ' ')
        return 0;
    static const char *const words[] = {LIST_WORDS};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        size_t l = strlen(words[k]);
        if (p + l + 2 <= len && !memcmp(text + p + 1, words[k], l) && text[p + 1 + l] == ' ')
            return p + l + 2;
    }
    return 0;
}

/* What may follow a listed day: not a number's unit or a clock ("8 and 9 percent", "8 to 9 p.m."), nor a
 * lower-case word but a preposition or conjunction ("on Dec. 5 and 6 people died"). */
static int day_may_end(const char *text, size_t len, size_t q) {
    static const char *const ok[] = {"in", "at",   "on",   "and",   "or",    "to",
                                     "for", "from", "when", "after", "before"};
    if (q < len && (text[q] == '%' || text[q] == ':' || text[q] == '-' ||
                    ((text[q] == '.' || text[q] == ',') && q + 1 < len && is_digit(text[q + 1]))))
        return 0;
    size_t w = q;
    while (w < len && text[w] == ' ')
        w++;
    if (w == q || w >= len || !(text[w] >= 'a' && text[w] <= 'z'))
        return 1;
    size_t we = w;
    while (we < len && is_letter(text[we]))
        we++;
    for (size_t k = 0; k < sizeof ok / sizeof *ok; k++)
        if (we - w == strlen(ok[k]) && !memcmp(text + w, ok[k], we - w))
            return 1;
    return 0;
}

/* d: t's copy for the number listed beside it at [start, end), found by the day_list pass. */
static void listed(chr_timex *d, const chr_timex *t, size_t start, size_t end) {
    *d = *t;
    d->start = start;
    d->end = end;
    d->rule = "day_list";
}

/* A day of t's month listed after it ("December 8 and 9") that ends before limit: in *d, 1; else 0. */
static int day_after(chr_timex *d, const chr_timex *t, const chr_doc *doc, size_t limit) {
    int day = edge_day(t, doc->text, 0);
    size_t p = day ? list_link(doc->text, doc->len, t->end) : 0, q = 0;
    int next = p ? day_digits(doc->text, doc->len, p, &q) : 0;
    if (next <= day || q > limit || !day_may_end(doc->text, doc->len, q) ||
        !chr_date_valid(atoi(t->value), atoi(t->value + 5), next))
        return 0;
    listed(d, t, p, q);
    snprintf(d->value + 8, sizeof d->value - 8, "%02d", next);
    return 1;
}

/* The number listed right before offset at ("3 and ", "2-"), starting at or after from and at most back
 * bytes before at, on a boundary (not after a letter, a digit or .,/:$-): its value and [*start, *end),
 * or 0. With minutes, a clock's minutes may follow it ("9:30 to "): in *minutes (0 without). */
static int number_before(const char *x, size_t len, size_t at, size_t back, size_t from, size_t *start,
                         size_t *end, int *minutes) {
    for (size_t p = at >= back ? at - back : 0; p < at; p++) {
        if (p < from || (p > 0 && (chr__ascii_alnum((unsigned char)x[p - 1]) || strchr(".,/:$-", x[p - 1]))))
            continue;
        int v = day_digits(x, len, p, end);
        if (minutes) {
            *minutes = 0;
            const char *m = x + *end;
            if (v && *end + 3 <= len && m[0] == ':' && m[1] >= '0' && m[1] <= '5' && is_digit(m[2]) &&
                (*end + 3 == len || !chr__ascii_alnum((unsigned char)m[3]))) {
                *minutes = (m[1] - '0') * 10 + m[2] - '0';
                *end += 3;
            }
        }
        if (v && list_link(x, len, *end) == at) {
            *start = p;
            return v;
        }
    }
    return 0;
}

/* A day of t's month listed before it ("3 and 4 December") that starts at or after from: in *d, 1. */
static int day_before(chr_timex *d, const chr_timex *t, const chr_doc *doc, size_t from) {
    int day = edge_day(t, doc->text, 1);
    size_t p, q;
    int first = day ? number_before(doc->text, doc->len, t->start, 12, from, &p, &q, NULL) : 0;
    if (!first || first >= day)
        return 0;
    listed(d, t, p, q);
    snprintf(d->value + 8, sizeof d->value - 8, "%02d", first);
    return 1;
}

/* A clock time listed before the clock time t of its day ("between 2 and 4 p.m.", "from 9 to 11 a.m.",
 * "9:30-11 a.m.", "8-10 p.m.") that starts at or after from: in *d, 1. It takes t's a.m. or p.m. unless
 * that would put it after t ("11 to 1 p.m." is 11 a.m.). */
static int clock_before(chr_timex *d, const chr_timex *t, const chr_doc *doc, size_t from) {
    const char *x = doc->text;
    size_t n = strlen(t->value), q = t->start, e, p, pe;
    if (t->type != CHR_TIMEX_TIME || n != 16 || t->value[10] != 'T' || t->mod[0] || !is_digit(x[q]))
        return 0;
    int h2 = day_digits(x, doc->len, q, &e); /* the hour of t, written: "4" of "4 p.m." */
    if (!h2 || h2 > 12 || (e < doc->len && x[e] != ' ' && x[e] != ':'))
        return 0;
    int m1;
    int h1 = number_before(x, doc->len, q, 13, from, &p, &pe, &m1);
    if (!h1 || h1 > 12 || (h1 == h2 && !m1))
        return 0;
    int pm = atoi(t->value + 11) >= 12;
    listed(d, t, p, pe);
    snprintf(d->value + 11, sizeof d->value - 11, "%02d:%02d", pm && h1 < 12 && h1 < h2 ? h1 + 12 : h1, m1);
    return 1;
}

static int push_day(chr_result *r, chr_timex *d, const chr_doc *doc) {
    d->cp_start = chr__doc_cp(doc, d->start);
    d->cp_end = chr__doc_cp(doc, d->end);
    chr__copy_num(d->id, sizeof d->id, "t", r->n + 1);
    return result_push(r, d);
}

/* "since 1979" runs from 1979 to the DCT, "until March" from the DCT to March, "from May to July" and
 * "between 2001 and 2004" from the first to the second; "from now on" and "between now and May" start at
 * the DCT; "until" a past time has no known start. */
static void intervals(chr_result *r, const chr_doc *doc, const chr_engine *e) {
    char dct[64] = "";
    if (doc->dct.gran != CHR_GRAN_NONE)
        chr_time_format(dct, sizeof dct, &doc->dct);
    (void)e;
    for (size_t i = 0; i < r->n; i++) {
        chr_timex *t = &r->timexes[i];
        const char *sig = chr__context_signal(doc->text, doc->len, t->start);
        chr_timex *prev = i > 0 ? &r->timexes[i - 1] : NULL;
        /* "from now on", "between now and May"; not the "now" of "two weeks from now" */
        int now = !is_point(t) && dct[0] && !strcmp(t->value, "PRESENT_REF") && sig &&
                  (!strcmp(sig, "from") || !strcmp(sig, "between")) &&
                  !(prev && prev->type == CHR_TIMEX_DURATION && t->start - prev->end < 8);
        if (!sig || (!is_point(t) && !now))
            continue;
        int after_prev = prev && t->start - prev->end < 16;
        if (!strcmp(sig, "since")) {
            chr__copy(t->signal, sizeof t->signal, sig);
            chr__copy(t->begin, sizeof t->begin, t->value);
            chr__copy(t->end_value, sizeof t->end_value, dct);
        } else if (!strcmp(sig, "until") || !strcmp(sig, "till") || !strcmp(sig, "through") ||
                   !strcmp(sig, "to") || !strcmp(sig, "and")) {
            if ((!strcmp(sig, "to") || !strcmp(sig, "and") || !strcmp(sig, "through")) && after_prev &&
                (!strcmp(prev->signal, "from") || !strcmp(prev->signal, "between")) && prev->begin[0]) {
                chr__copy(t->signal, sizeof t->signal, sig);
                chr__copy(prev->end_value, sizeof prev->end_value, t->value);
                chr__copy(t->begin, sizeof t->begin, prev->begin);
                chr__copy(t->end_value, sizeof t->end_value, t->value);
            } else if (strcmp(sig, "to") && strcmp(sig, "and")) {
                chr__copy(t->signal, sizeof t->signal, sig);
                /* from the DCT to a time to come; to a past time from an unknown start */
                chr__copy(t->begin, sizeof t->begin, chr__value_vs_dct(t->value, dct) < 0 ? "" : dct);
                chr__copy(t->end_value, sizeof t->end_value, t->value);
            }
        } else if (!strcmp(sig, "from") || !strcmp(sig, "between")) {
            chr__copy(t->signal, sizeof t->signal, sig);
            chr__copy(t->begin, sizeof t->begin, now ? dct : t->value);
        }
    }
}

/* The word cache of a scratch holds this many words (8.8 MB): the commonest words of news. */
#define SCRATCH_WORDS 32768

/* Besides the word cache, the tokens of the last document and their word cache entries: kept for the next
 * one rather than allocated again (on the 2 MB slice of 919 documents, the tokenizer's 1,707 reallocs of its
 * tokens, 4,017 of its sentences' arrays and their frees had cost 3.3 M instructions, the entries' malloc
 * and free another 0.4 M). */
struct chr_scratch {
    const chr_engine *engine;
    chr__wordcache *words;
    chr__tokens toks;
    chr__wordent **went;
    size_t wcap; /* room in went */
    size_t *tok_of;
    size_t tcap; /* room in tok_of */
};

int chr_scratch_new(chr_scratch **out, const chr_engine *e, chr_error *err) {
    *out = NULL;
    if (!e)
        return chr__error_set(err, CHR_EINVAL, "chr_scratch_new: NULL engine");
    chr_scratch *s = calloc(1, sizeof *s);
    if (!s || !(s->words = chr__wordcache_new(SCRATCH_WORDS))) {
        free(s);
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    s->engine = e;
    *out = s;
    return CHR_OK;
}

void chr_scratch_free(chr_scratch *s) {
    if (!s)
        return;
    chr__wordcache_free(s->words);
    chr__tokens_free(&s->toks);
    free(s->went);
    free(s->tok_of);
    free(s);
}

int chr_extract(chr_result **out, const chr_engine *e, const chr_doc *doc, chr_error *err) {
    return chr_extract_with(out, e, NULL, doc, err);
}

/* Does the word "since" (any case) end right before offset at, over spaces? */
static int after_since(const char *text, size_t at) {
    while (at > 0 && text[at - 1] == ' ')
        at--;
    return at >= 5 && !strncasecmp(text + at - 5, "since", 5) &&
           (at == 5 || !chr__ascii_alnum((unsigned char)text[at - 6]));
}

int chr_extract_with(chr_result **out, const chr_engine *e, chr_scratch *scratch, const chr_doc *doc,
                     chr_error *err) {
    *out = NULL;
    if (!e || !doc)
        return chr__error_set(err, CHR_EINVAL, "chr_extract: NULL engine or document");
    if (scratch && scratch->engine != e)
        return chr__error_set(err, CHR_EINVAL, "chr_extract_with: the scratch belongs to another engine");
    chr_result *r = calloc(1, sizeof *r);
    if (!r)
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    chr__cand *cs;
    size_t n;
    int rc = chr__recognize(&cs, &n, e, doc->text, doc->len, err);
    if (rc) {
        free(r);
        return rc;
    }
    chr__anchor_ctx ctx = {.e = e, .text = doc->text, .len = doc->len, .dct = doc->dct};
    for (size_t i = 0; i < n && !rc; i++) {
        chr_timex t, d;
        memset(&t, 0, sizeof t);
        if (chr__anchor_resolve(&t, &ctx, &cs[i]))
            continue;
        t.start = cs[i].start;
        t.end = cs[i].end;
        t.cp_start = chr__doc_cp(doc, t.start);
        t.cp_end = chr__doc_cp(doc, t.end);
        t.rule = e->rules[cs[i].rule].name;
        size_t from = r->n ? r->timexes[r->n - 1].end : 0;
        if ((day_before(&d, &t, doc, from) || clock_before(&d, &t, doc, from)) && (rc = push_day(r, &d, doc)))
            break;
        chr__copy_num(t.id, sizeof t.id, "t", r->n + 1);
        if (ctx.last.gran != CHR_GRAN_NONE && after_since(doc->text, t.start)) {
            /* "cut rates on Thursday for the fourth time since August. The decision, announced at noon": the
             * start of a span is not the time talked about */
        } else if (ctx.last.gran != CHR_GRAN_NONE) {
            ctx.ref = ctx.last;
            chr__copy(ctx.ref_id, sizeof ctx.ref_id, t.id);
            ctx.ref_end = t.end;
        } else if ((t.type == CHR_TIMEX_DATE || t.type == CHR_TIMEX_TIME) && t.value[0] == 'X') {
            /* a time of unknown year ("December" with no DCT) is now the one talked about: "a month earlier"
             * after it is no month before an older time of known year ("August 2023") */
            ctx.ref.gran = CHR_GRAN_NONE;
        }
        rc = result_push(r, &t);
        if (!rc && day_after(&d, &t, doc, i + 1 < n ? cs[i + 1].start : doc->len))
            rc = push_day(r, &d, doc);
    }
    chr__cands_free(cs, n);
    if (rc) {
        chr_result_free(r);
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    intervals(r, doc, e);
    if (e->events) {
        chr__tokens own_toks = {0}, *toks = scratch ? &scratch->toks : &own_toks;
        if (chr__tokenize_again(toks, doc->text, doc->len)) {
            chr_result_free(r);
            return chr__error_set(err, CHR_ENOMEM, "out of memory");
        }
        /* the word cache of the scratch, else one for this document: the linker reads its entries after the
         * event model (went) */
        chr__wordcache *own = NULL, *words = scratch ? scratch->words : (own = chr__wordcache_new(toks->n));
        size_t nw = toks->n ? toks->n : 1;
        chr__wordent **went = NULL;
        size_t *tok_of = NULL; /* each event's token, for the linker */
        if (scratch) {
            went = scratch->went = chr__room(scratch->went, &scratch->wcap, nw, sizeof *went);
            tok_of = scratch->tok_of = chr__room(scratch->tok_of, &scratch->tcap, nw, sizeof *tok_of);
        } else {
            went = malloc(nw * sizeof *went);
            tok_of = malloc(nw * sizeof *tok_of);
        }
        rc = words && went && tok_of ? chr__events_detect(&r->events, &r->nevents, e->events, words, went,
                                                          doc->text, doc->len, toks, tok_of, r->timexes, r->n,
                                                          err)
                                     : chr__error_set(err, CHR_ENOMEM, "out of memory");
        for (size_t i = 0; i < r->nevents && !rc; i++) {
            chr_event *ev = &r->events[i];
            ev->cp_start = chr__doc_cp(doc, ev->start);
            ev->cp_end = chr__doc_cp(doc, ev->end);
            ev->cp_sent_start = chr__doc_cp(doc, ev->sent_start);
            ev->cp_sent_end = chr__doc_cp(doc, ev->sent_end);
        }
        if (!rc)
            rc = chr__events_link(r, doc, toks, went, tok_of, err);
        if (!scratch) {
            free(went);
            free(tok_of);
            chr__tokens_free(toks);
        }
        chr__wordcache_free(own);
        if (rc) {
            chr_result_free(r);
            return rc;
        }
    }
    *out = r;
    return CHR_OK;
}

/* The bytes of a block of the result's strings (a larger room asked for has a block of its own). */
#define STRING_BLOCK 8192

char *chr__result_grow(chr_result *r, size_t cap) {
    if (r->nstrings == r->strings_cap) {
        size_t n = r->strings_cap ? r->strings_cap * 2 : 8;
        char **p = realloc(r->strings, n * sizeof *p);
        if (!p)
            return NULL;
        r->strings = p;
        r->strings_cap = n;
    }
    size_t size = cap > STRING_BLOCK ? cap : STRING_BLOCK;
    char *b = malloc(size);
    if (!b)
        return NULL;
    r->strings[r->nstrings++] = b;
    r->strings_next = b;
    r->strings_left = size;
    return b;
}

size_t chr_result_count(const chr_result *r) { return r ? r->n : 0; }

const chr_timex *chr_result_timex(const chr_result *r, size_t i) {
    return r && i < r->n ? &r->timexes[i] : NULL;
}

size_t chr_result_event_count(const chr_result *r) { return r ? r->nevents : 0; }

const chr_event *chr_result_event(const chr_result *r, size_t i) {
    return r && i < r->nevents ? &r->events[i] : NULL;
}

void chr_result_free(chr_result *r) {
    if (!r)
        return;
    for (size_t i = 0; i < r->nstrings; i++)
        free(r->strings[i]);
    free(r->strings);
    free(r->events);
    free(r->timexes);
    free(r);
}

/* Is rule ri's reach broken in text: does a match of it, tried anchored at each character, hold none of its
 * required strings starting at most reach bytes after its start? The recognizer does not try the rule
 * there, so a reach too short for an example would lose its match: 0 (kept), 1 with what went wrong in
 * actual, or CHR_ENOMEM. */
static int reach_broken(const chr_engine *e, size_t ri, const char *text, char *actual, size_t an) {
    const chr__rule *r = &e->rules[ri];
    size_t len = strlen(text), n, *last1 = malloc((e->nrules ? e->nrules : 1) * sizeof *last1);
    const uint32_t *l = chr__prefilter_rule_strings(e->prefilter, ri, &n);
    chr__paras ps = {0};
    pcre2_match_data *md = pcre2_match_data_create(e->max_groups ? e->max_groups : 1, NULL);
    int rc = last1 && md ? chr__prefilter_required_paras(e->prefilter, text, len, last1, &ps) : CHR_ENOMEM;
    for (size_t p = 0; p < len && !rc; p++) {
        if (((unsigned char)text[p] & 0xC0) == 0x80 ||
            pcre2_match(chr__rules_code(r, &(int){0}), (PCRE2_SPTR)text, len, p, PCRE2_NO_UTF_CHECK, md,
                        e->mctx) < 0)
            continue;
        int near = 0;
        for (size_t j = 0; j < n && !near; j++)
            for (size_t o = ps.occ_at[l[j]]; o < ps.occ_at[l[j] + 1] && !near; o++)
                near = ps.occ[o] >= p && ps.occ[o] - p <= r->reach;
        if (!near) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            snprintf(actual, an,
                     "(the match [%.*s] holds none of its required strings within its reach, %zu bytes)",
                     (int)(ov[1] - ov[0]), text + ov[0], r->reach);
            rc = 1;
        }
    }
    chr__paras_free(&ps);
    pcre2_match_data_free(md);
    free(last1);
    return rc;
}

/* Run one example: extract its text against its DCT and compare "VALUE" or "VALUE MOD" with what the
 * expression in [brackets] (or, without brackets, the one this rule found) resolved to. */
static int run_example(const chr_engine *e, const chr__rule *rule, const chr__example *ex, char *actual,
                       size_t an) {
    chr_doc *doc = NULL;
    chr_error err = {0};
    snprintf(actual, an, "(no expression)");
    if (chr_doc_from_text(&doc, ex->text, strlen(ex->text), &err)) {
        snprintf(actual, an, "(bad example text: %.200s)", err.message);
        return 1;
    }
    if (chr_doc_set_dct(doc, ex->dct ? ex->dct : EXAMPLE_DCT, CHR_DCT_OPTION, &err)) {
        snprintf(actual, an, "(bad example DCT: %.200s)", err.message);
        chr_doc_free(doc);
        return 1;
    }
    chr_result *res = NULL;
    if (chr_extract(&res, e, doc, &err)) {
        snprintf(actual, an, "(error: %.200s)", err.message);
        chr_doc_free(doc);
        return 1;
    }
    int ok = 0;
    if (!strcmp(ex->value, "none")) {
        /* a REJECT example: nothing may be found over the bracketed text */
        ok = 1;
        snprintf(actual, an, "none");
        for (size_t i = 0; i < res->n; i++) {
            const chr_timex *t = &res->timexes[i];
            if (!ex->has_extent || (t->start < ex->exp_end && ex->exp_start < t->end)) {
                ok = 0;
                snprintf(actual, an, "%s [%.*s]", t->value, (int)(t->end - t->start), doc->text + t->start);
            }
        }
    }
    for (size_t i = 0; i < res->n && !ok; i++) {
        const chr_timex *t = &res->timexes[i];
        if (ex->has_extent && (t->start != ex->exp_start || t->end != ex->exp_end))
            continue;
        if (!ex->has_extent && strcmp(t->rule, rule->name))
            continue;
        char got[96];
        snprintf(got, sizeof got, "%s%s%s", t->value, t->mod[0] ? " " : "", t->mod);
        snprintf(actual, an, "%s [%.*s]", got, (int)(t->end - t->start), doc->text + t->start);
        ok = !strcmp(got, ex->value);
    }
    if (!ok && ex->has_extent) {
        /* say what was found instead */
        for (size_t i = 0; i < res->n; i++) {
            const chr_timex *t = &res->timexes[i];
            if (t->start < ex->exp_end && ex->exp_start < t->end) {
                snprintf(actual, an, "%s [%.*s] (rule %s)", t->value, (int)(t->end - t->start),
                         doc->text + t->start, t->rule);
                break;
            }
        }
    }
    chr_result_free(res);
    chr_doc_free(doc);
    return !ok;
}

int chr_engine_check_examples(const chr_engine *e, chr_example_report report, void *ctx, size_t *checked) {
    int failed = 0;
    size_t count = 0;
    for (size_t i = 0; i < e->nrules; i++) {
        const chr__rule *r = &e->rules[i];
        for (size_t j = 0; j < r->nexamples; j++) {
            char actual[256];
            count++;
            int bad = r->reach ? reach_broken(e, i, r->examples[j].text, actual, sizeof actual) : 0;
            if (bad < 0)
                return bad;
            if (bad || run_example(e, r, &r->examples[j], actual, sizeof actual)) {
                failed++;
                if (report)
                    report(ctx, r->file, r->examples[j].line, r->examples[j].text, r->examples[j].value,
                           actual);
            }
        }
    }
    if (checked)
        *checked = count;
    return failed;
}
