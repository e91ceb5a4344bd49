/* events.c: the event recognizer: tags every word token with the event model (O or one of the seven
 * TimeML classes), turns tagged tokens into events, and reads tense, aspect and polarity off the
 * auxiliaries around each event.
 *
 * Exports chr__events_detect (events.h).
 *
 * Tense and aspect follow TimeBank's conventions: will/shall/'ll -> FUTURE; has/have/had + participle ->
 * PERFECTIVE (with be + -ing: PERFECTIVE_PROGRESSIVE); be + -ing -> PROGRESSIVE; the tense comes from the
 * first finite auxiliary (had/was/did -> PAST, has/is/does -> PRESENT); "to" + verb -> INFINITIVE;
 * without an auxiliary -ing -> PRESPART, a past form -> PAST, otherwise PRESENT; a modal other than
 * will gives NONE; a bare verb after help, or coordinated (and, or) with an infinitive, is INFINITIVE
 * too; adverbs in -ly may sit between the auxiliaries and the verb; nominal events (the model's
 * verbal/nominal decision) have NONE/NONE. not, n't, never and no before the event (over auxiliaries and
 * adverbs) make it negative. Tokens are tagged left to right, each seeing the decision on the word
 * before it (a feature). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event_model.h"

/* A word whose own features already put "no event" this far ahead of "event" is taken as no event without
 * its context features (18 of its 37 templates): in TBAQ 5-fold cross-validation the context has not
 * turned such a margin around for the worse (relaxed F1 0.8520 and class F1 0.7136 with no margin, 0.8521
 * and 0.7137 at 4000 or 4500, 0.8517 at 3500, 0.8513 at 3000). Chosen again after the ablation of 14
 * context templates (model.c): with the retrained model, the 6000 of before sent 18355 tokens of 60 TBAQ
 * documents to their context features (10914 with the model before), 4000 sends 10650. The scale is that
 * of the trained weights (int16, train.c). */
#define WORD_MARGIN 4000

/* Scores are int32: at most a few dozen features of weights within int16 each. 12 lanes (one spare) so
 * that the sum over a row vectorizes. */
typedef struct scorer {
    const chr__event_model *m;
    int32_t s[12];
} scorer;

/* The word part of the scores, computed once for each word of a document: the word features depend on
 * the lower-case word, its shape and its capitals only (chr__ev_score_part). */
typedef struct wcache {
    uint64_t *keys; /* hash of (word, shape, capitals), 0 empty */
    uint32_t *tok;  /* a token with that word, to compare */
    int32_t (*sum)[12];
    size_t cap, n;
} wcache;

static uint64_t word_key(const chr__ev_tok *x) {
    char b[48];
    size_t n = x->wl, sl = strlen(x->shape);
    memcpy(b, x->w, n);
    b[n++] = '\0';
    memcpy(b + n, x->shape, sl);
    n += sl;
    b[n++] = (char)x->cap;
    return chr__ev_hash(b, n);
}

static int same_word(const chr__ev_tok *a, const chr__ev_tok *b) {
    return a->wl == b->wl && a->cap == b->cap && !memcmp(a->w, b->w, a->wl) && !strcmp(a->shape, b->shape);
}

/* The word part of token i's scores into s. */
static int word_scores(wcache *wc, const chr__event_model *m, const chr__ev_tok *t, const chr__tokens *toks,
                       size_t i, int32_t *s) {
    uint64_t h = word_key(&t[i]);
    size_t mask = wc->cap - 1, j = h & mask;
    while (wc->keys[j]) {
        if (wc->keys[j] == h && same_word(&t[wc->tok[j]], &t[i])) {
            memcpy(s, wc->sum[j], sizeof wc->sum[j]);
            return 0;
        }
        j = (j + 1) & mask;
    }
    scorer sc;
    memset(&sc, 0, sizeof sc);
    sc.m = m;
    chr__ev_score_part(t, toks, i, CHR__EV_WORD, m, sc.s);
    memcpy(s, sc.s, sizeof sc.s);
    if (2 * (wc->n + 1) > wc->cap)
        return 0; /* full: this word goes uncached */
    wc->keys[j] = h;
    wc->tok[j] = (uint32_t)i;
    memcpy(wc->sum[j], sc.s, sizeof sc.s);
    wc->n++;
    return 0;
}

static int ends(const chr__ev_tok *x, const char *suf) {
    size_t k = strlen(suf);
    return x->wl > k && !memcmp(x->w + x->wl - k, suf, k);
}

static int in_list(const chr__ev_tok *x, const char *const *list) {
    for (; *list; list++)
        if ((*list)[0] == x->w[0] && !strcmp(x->w, *list))
            return 1;
    return 0;
}

/* Irregular past tense forms (also participles) that do not end in -ed. */
static const char *const irregular_past[] = {
    "said",       "told",    "took",   "made",   "went",   "came",   "saw",      "got",      "gave",
    "found",      "thought", "knew",   "left",   "felt",   "became", "began",    "brought",  "bought",
    "built",      "held",    "kept",   "led",    "lost",   "met",    "paid",     "ran",      "sent",
    "sold",       "spent",   "stood",  "struck", "won",    "wrote",  "fell",     "rose",     "meant",
    "spoke",      "broke",   "chose",  "drove",  "ate",    "flew",   "grew",     "threw",    "wore",
    "understood", "heard",   "fought", "caught", "taught", "sought", "forgot",   "drew",     "shook",
    "hung",       "lay",     "slid",   "swore",  "tore",   "woke",   "withdrew", "overtook", "undertook",
    "sank",       "rang",    "sang",   "swam",   "stole",  "froze",  "hid",      "bore",     "arose",
    "dealt",      "fled",    "lent",   "bent",   "wound",  "ground", "bound",    "sat",      "shot",
    "lit",        "fed",     "bled",   "had",    "did",    "was",    "were",     "shrank",   "sprang",
    "slept",      "swept",   "spun",   "split",  "sped",   "read",   "hit",      "put",      "set",
    "cut",        "let",     "shut",   "hurt",   "cost",   "spread", "quit",     "offset",   NULL};
static const char *const participles[] = {
    "done",     "gone",     "seen",    "taken",  "given",     "known",     "been",       "written", "spoken",
    "broken",   "chosen",   "driven",  "eaten",  "fallen",    "flown",     "grown",      "risen",   "shown",
    "stolen",   "thrown",   "worn",    "begun",  "drawn",     "forgotten", "frozen",     "hidden",  "ridden",
    "shaken",   "sworn",    "torn",    "woken",  "withdrawn", "overtaken", "undertaken", "sunk",    "rung",
    "sung",     "swum",     "born",    "borne",  "arisen",    "gotten",    "proven",     "beaten",  "bitten",
    "forgiven", "mistaken", "struck",  "won",    "lost",      "made",      "said",       "told",    "found",
    "held",     "kept",     "led",     "left",   "met",       "paid",      "sent",       "sold",    "spent",
    "built",    "bought",   "brought", "caught", "fought",    "taught",    "thought",    "heard",   "hit",
    "put",      "set",      "cut",     "shot",   "hurt",      "quit",      "let",        "run",     "come",
    "become",   NULL};
static const char *const past_aux[] = {"was", "were", "had", "did", "'d", NULL};
static const char *const pres_aux[] = {"is",  "are",  "am",  "'s", "'re",  "'m",
                                       "has", "have", "'ve", "do", "does", NULL};

static void tense_aspect(chr_event *e, const chr__ev_tok *t, const chr__tokens *toks, size_t i, int verbal) {
    const chr__ev_tok *x = &t[i];
    size_t first = toks->sent_first[toks->v[i].sent];
    int neg = 0, have = 0, be = 0, will = 0, modal = 0, to = 0, did = 0;
    const chr__ev_tok *finite = NULL; /* the leftmost auxiliary */
    size_t k = i;
    while (k > first && i - k < 6) {
        const chr__ev_tok *y = &t[k - 1];
        unsigned c = y->cat;
        if (c & CHR__CAT_NEG) {
            neg = 1;
        } else if (c & CHR__CAT_TO) {
            to = 1;
            finite = y;
            k--;
            break;
        } else if (c & CHR__CAT_WILL) {
            will = 1;
            finite = y;
        } else if (c & CHR__CAT_MODAL) {
            modal = 1;
            finite = y;
        } else if (c & CHR__CAT_HAVE) {
            if (!have && !be && i - k > 0 && ends(x, "ing") && 0)
                break;
            have = 1;
            finite = y;
        } else if (c & CHR__CAT_BE) {
            be = 1;
            finite = y;
        } else if (c & CHR__CAT_DO) {
            did = 1;
            finite = y;
        } else if (!(c & CHR__CAT_ADV) && !(y->wl > 4 && ends(y, "ly"))) {
            break;
        }
        k--;
    }
    /* a bare verb coordinated with an infinitive ("to confirm or deny", "to meet him and check") or
     * after help ("helped invigorate") is an infinitive too */
    int base = !ends(x, "ing") && !ends(x, "ed") && !ends(x, "s") && !in_list(x, irregular_past);
    if (!finite && base && k > first) {
        const chr__ev_tok *y = &t[k - 1];
        if (y->ll == 4 && !memcmp(y->lem, "help", 4))
            to = 1;
        else if ((y->cat & CHR__CAT_CONJ) && (!strcmp(y->w, "and") || !strcmp(y->w, "or")))
            for (size_t j = k - 1; j > first && k - 1 - j < 6 && !to; j--) {
                const chr__ev_tok *z = &t[j - 1];
                if (z->shape[0] == 'p' && z->w[0] != ',')
                    break;
                if ((z->cat & CHR__CAT_TO) && j < k - 1 &&
                    !(t[j].cat & (CHR__CAT_DET | CHR__CAT_PRON | CHR__CAT_PREP)) && t[j].shape[0] == 'x')
                    to = 1;
            }
    }
    /* "no" and "never" right before a noun or verb */
    e->negative = neg;
    /* a word in -s right before a past form is a plural noun, the subject ("claims made", "sales rose") */
    size_t last = toks->v[i].sent + 1 < toks->nsent ? toks->sent_first[toks->v[i].sent + 1] : toks->n;
    if (verbal && ends(x, "s") && !(x->cat & (CHR__CAT_BE | CHR__CAT_HAVE | CHR__CAT_DO)) && i + 1 < last) {
        const chr__ev_tok *z = &t[i + 1];
        if (z->shape[0] == 'x' && (ends(z, "ed") || in_list(z, irregular_past)))
            verbal = 0;
    }
    e->tense = CHR_TENSE_NONE;
    e->aspect = CHR_ASPECT_NONE;
    if (!verbal)
        return;
    int ing = ends(x, "ing");
    int part = ends(x, "ed") || ends(x, "en") || in_list(x, participles) || in_list(x, irregular_past);
    if (have && be && ing)
        e->aspect = CHR_ASPECT_PERFECTIVE_PROGRESSIVE;
    else if (have && (part || be))
        e->aspect = CHR_ASPECT_PERFECTIVE;
    else if (be && ing)
        e->aspect = CHR_ASPECT_PROGRESSIVE;
    if (to) {
        e->tense = CHR_TENSE_INFINITIVE;
    } else if (will) {
        e->tense = CHR_TENSE_FUTURE;
    } else if (modal) {
        e->tense = CHR_TENSE_NONE;
    } else if (finite && (in_list(finite, past_aux))) {
        e->tense = CHR_TENSE_PAST;
    } else if (finite && (in_list(finite, pres_aux))) {
        e->tense = CHR_TENSE_PRESENT;
    } else if (finite && (have || be || did)) {
        /* "be", "been", "being", "having" alone */
        e->tense = ends(finite, "ing") ? CHR_TENSE_PRESPART : CHR_TENSE_NONE;
    } else if (ing) {
        e->tense = CHR_TENSE_PRESPART;
    } else if (ends(x, "ed") || in_list(x, irregular_past)) {
        e->tense = CHR_TENSE_PAST;
    } else if (in_list(x, participles) && ends(x, "en")) {
        e->tense = CHR_TENSE_PASTPART;
    } else {
        e->tense = CHR_TENSE_PRESENT;
    }
}

int chr__events_detect(chr_event **out, size_t *n, const chr__event_model *m, const char *text, size_t len,
                       const chr__tokens *toks, chr_error *err) {
    (void)len;
    *out = NULL;
    *n = 0;
    if (!m || !toks || toks->n == 0)
        return 0;
    chr__ev_tok *t = malloc(toks->n * sizeof *t);
    if (!t)
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    chr__ev_prepare(t, m, text, toks);
    wcache wc = {0};
    wc.cap = 16;
    while (wc.cap < 2 * toks->n && wc.cap < 65536)
        wc.cap *= 2;
    wc.keys = calloc(wc.cap, sizeof *wc.keys);
    wc.tok = malloc(wc.cap * sizeof *wc.tok);
    wc.sum = malloc(wc.cap * sizeof *wc.sum);
    if (!wc.keys || !wc.tok || !wc.sum) {
        free(wc.keys);
        free(wc.tok);
        free(wc.sum);
        free(t);
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    chr_event *ev = NULL;
    size_t nev = 0, cap = 0;
    for (size_t i = 0; i < toks->n; i++) {
        if (t[i].shape[0] == 'p' || t[i].shape[0] == '\'' || t[i].shape[0] == 'd')
            continue; /* punctuation, clitics and numbers are never events */
        scorer sc;
        memset(&sc, 0, sizeof sc);
        sc.m = m;
        word_scores(&wc, m, t, toks, i, sc.s);
        if (sc.s[CHR__EV_O] - sc.s[CHR__EV_EVENT] > WORD_MARGIN) { /* no event, from the word alone */
            if (i + 1 < toks->n)
                t[i + 1].pl = 'O';
            continue;
        }
        chr__ev_score_part(t, toks, i, CHR__EV_CONTEXT, m, sc.s);
        if (i + 1 < toks->n)
            t[i + 1].pl = sc.s[CHR__EV_EVENT] > sc.s[CHR__EV_O] ? 'E' : 'O';
        if (sc.s[CHR__EV_EVENT] <= sc.s[CHR__EV_O])
            continue;
        if (nev == cap) {
            size_t c = cap ? cap * 2 : 32;
            chr_event *p = realloc(ev, c * sizeof *p);
            if (!p) {
                free(ev);
                free(t);
                free(wc.keys);
                free(wc.tok);
                free(wc.sum);
                return chr__error_set(err, CHR_ENOMEM, "out of memory");
            }
            ev = p;
            cap = c;
        }
        chr_event *e = &ev[nev++];
        memset(e, 0, sizeof *e);
        snprintf(e->id, sizeof e->id, "e%zu", nev);
        snprintf(e->instance, sizeof e->instance, "ei%zu", nev);
        e->start = toks->v[i].start;
        e->end = toks->v[i].end;
        int cls = CHR__EV_CLASS0;
        for (int k = CHR__EV_CLASS0 + 1; k < CHR__EV_CLASS0 + 7; k++)
            if (sc.s[k] > sc.s[cls])
                cls = k;
        e->cls = (chr_event_class)(cls - CHR__EV_CLASS0);
        tense_aspect(e, t, toks, i, sc.s[CHR__EV_VERBAL] > sc.s[CHR__EV_NOMINAL]);
        e->sent_start = toks->sent_start[toks->v[i].sent];
        e->sent_end = toks->sent_end[toks->v[i].sent];
        e->actor = e->source = e->summary = "";
        e->time.timex = -2;
    }
    free(t);
    free(wc.keys);
    free(wc.tok);
    free(wc.sum);
    *out = ev;
    *n = nev;
    return 0;
}
