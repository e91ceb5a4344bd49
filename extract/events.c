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
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "event_model.h"

/* A word whose own features already put "no event" this far ahead of "event" is taken as no event without
 * its context features (18 of its 37 templates): in TBAQ 5-fold cross-validation the context has not
 * turned such a margin around for the worse (relaxed F1 0.8520 and class F1 0.7136 with no margin, 0.8521
 * and 0.7137 at 4000 or 4500, 0.8517 at 3500, 0.8513 at 3000). Chosen again after the ablation of 14
 * context templates (model.c): with the retrained model, the 6000 of before sent 18355 tokens of 60 TBAQ
 * documents to their context features (10914 with the model before), 4000 sends 10650. 4500 since the
 * trainer's O_BIAS went from 1000 to 500 (train.c), which raised every no-event score by 500: the same
 * words reach their context. The scale is that of the trained weights (int16, train.c). */
#define WORD_MARGIN 4500

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

/* Irregular past tense forms (also participles) that do not end in -ed, sorted (in_sorted). */
static const char *const irregular_past[] = {
    "arose", "ate", "awoke", "became", "befell", "began", "bent", "bit", "bled", "blew", "bore", "bought",
    "bound", "broke", "brought", "built", "came", "caught", "chose", "clung", "cost", "crept", "cut",
    "dealt", "did", "drew", "drove", "dug", "dwelt", "fed", "fell", "felt", "fled", "flew", "flung",
    "forbade", "foresaw", "foretold", "forgave", "forgot", "fought", "found", "froze", "gave", "got",
    "grew", "ground", "had", "heard", "held", "hid", "hit", "hung", "hurt", "kept", "knelt", "knew", "laid",
    "lay", "leapt", "led", "left", "lent", "let", "lit", "lost", "made", "meant", "met", "misled",
    "mistook", "offset", "outgrew", "overcame", "overheard", "overran", "overrode", "oversaw", "overthrew",
    "overtook", "paid", "partook", "put", "quit", "ran", "rang", "read", "rebuilt", "redid", "remade",
    "repaid", "resold", "retook", "rewrote", "rode", "rose", "said", "sang", "sank", "sat", "saw", "sent",
    "set", "shone", "shook", "shot", "shrank", "shut", "slept", "slew", "slid", "slung", "sold", "sought",
    "sped", "spent", "split", "spoke", "sprang", "spread", "spun", "stank", "stole", "stood", "strode",
    "strove", "struck", "strung", "stuck", "stung", "swam", "swept", "swore", "swung", "taught", "thought",
    "threw", "told", "took", "tore", "trod", "understood", "undertook", "underwent", "undid", "upheld",
    "was", "went", "wept", "were", "withdrew", "withheld", "withstood", "woke", "won", "wore", "wound",
    "wove", "wrote", "wrung",
    NULL};
/* Participles, sorted. */
static const char *const participles[] = {
    "arisen", "awoken", "beaten", "become", "been", "begun", "bitten", "blown", "born", "borne", "bought",
    "broken", "brought", "built", "caught", "chosen", "come", "cut", "done", "drawn", "driven", "eaten",
    "fallen", "flown", "forbidden", "foreseen", "forgiven", "forgotten", "fought", "found", "frozen",
    "given", "gone", "gotten", "grown", "heard", "held", "hidden", "hit", "hurt", "kept", "known", "led",
    "left", "let", "lost", "made", "met", "misspoken", "mistaken", "mown", "outgrown", "overridden",
    "overseen", "overtaken", "overthrown", "paid", "proven", "put", "quit", "retaken", "rewritten",
    "ridden", "risen", "run", "rung", "said", "seen", "sent", "set", "sewn", "shaken", "shorn", "shot",
    "shown", "sold", "sown", "spent", "spoken", "stolen", "stricken", "striven", "struck", "sung", "sunk",
    "swollen", "sworn", "swum", "taken", "taught", "thought", "thrown", "told", "torn", "trodden",
    "undertaken", "withdrawn", "woken", "won", "worn", "woven", "written",
    NULL};
static const char *const past_aux[] = {"was", "were", "had", "did", "'d", NULL};
static const char *const pres_aux[] = {"is",  "are",  "am",  "'s", "'re",  "'m",
                                       "has", "have", "'ve", "do", "does", NULL};

/* strcmp's order, inline: the words of a search mostly differ at their first byte, where a call of strcmp
 * cost more than the compare. */
static inline int word_cmp(const char *a, const char *b) {
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

/* Is the word of x in list (n words, sorted as strcmp sorts them)? */
static int in_sorted(const chr__ev_tok *x, const char *const *list, size_t n) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = word_cmp(x->w, list[mid]);
        if (!c)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

#define NWORDS(list) (sizeof list / sizeof *list - 1) /* the words of a NULL-ended list */

int chr__ev_forms_sorted(void) {
    const char *const *lists[] = {irregular_past, participles};
    const size_t n[] = {NWORDS(irregular_past), NWORDS(participles)};
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 1; i < n[k]; i++)
            if (strcmp(lists[k][i - 1], lists[k][i]) >= 0)
                return 0;
    return 1;
}

/* What tense_aspect reads of a word: whether it is an irregular past form or a participle (the lists
 * above, sorted: a binary search), a past or present auxiliary, and which of the suffixes -ing, -ed, -s,
 * -en, -wn it ends with; worked out once per word of the word cache, the answer kept in its entry (we
 * NULL: a word too long to cache), and read at each event. */
#define FORM_KNOWN 1u
#define FORM_PAST 2u
#define FORM_PART 4u
#define FORM_ING 8u
#define FORM_ED 16u
#define FORM_S 32u
#define FORM_EN 64u
#define FORM_WN 128u
#define FORM_PAST_AUX 256u /* past_aux, asked of the words that can be tense_aspect's finite one */
#define FORM_PRES_AUX 512u /* pres_aux, likewise */
#define FINITE (CHR__CAT_TO | CHR__CAT_WILL | CHR__CAT_MODAL | CHR__CAT_HAVE | CHR__CAT_BE | CHR__CAT_DO)
static unsigned forms_of(chr__wordent *we, const chr__ev_tok *x) __attribute__((noinline));
static unsigned forms_of(chr__wordent *we, const chr__ev_tok *x) {
    const int aux = (x->cat & FINITE) != 0;
    unsigned f = FORM_KNOWN | (in_sorted(x, irregular_past, NWORDS(irregular_past)) ? FORM_PAST : 0) |
                 (in_sorted(x, participles, NWORDS(participles)) ? FORM_PART : 0) |
                 (ends(x, "ing") ? FORM_ING : 0) | (ends(x, "ed") ? FORM_ED : 0) |
                 (ends(x, "s") ? FORM_S : 0) | (ends(x, "en") ? FORM_EN : 0) | (ends(x, "wn") ? FORM_WN : 0) |
                 (aux && in_list(x, past_aux) ? FORM_PAST_AUX : 0) |
                 (aux && in_list(x, pres_aux) ? FORM_PRES_AUX : 0);
    if (we)
        we->forms = (uint16_t)f;
    return f;
}

/* forms_of, asked once a word: inlined, the kept answer; out of line, the work. */
static inline unsigned forms(chr__wordent *we, const chr__ev_tok *x) {
    return we && we->forms ? we->forms : forms_of(we, x);
}

/* What a word alone says (chr__wordent.verdict; 0 not yet asked): never an event (punctuation, clitics and
 * numbers), no event from its word part (WORD_MARGIN), or its context decides. */
enum { V_NEVER = 1, V_NO, V_CONTEXT };

/* The verdict on word x, with its word part of the scores in sc (V_CONTEXT and V_NO; zeros for V_NEVER). */
static int verdict(int32_t sc[12], const chr__ev_tok *x, const chr__event_model *m) {
    memset(sc, 0, 12 * sizeof *sc);
    if (x->shape[0] == 'p' || x->shape[0] == '\'' || x->shape[0] == 'd')
        return V_NEVER;
    chr__ev_score_word(x, m, sc);
    return sc[CHR__EV_O] - sc[CHR__EV_EVENT] > WORD_MARGIN ? V_NO : V_CONTEXT;
}

/* Tense, aspect and polarity of the event at token i; went: the tokens' word cache entries. */
static void tense_aspect(chr_event *e, const chr__ev_tok *const *t, chr__wordent *const *went,
                         const chr__tokens *toks, size_t i, int verbal) {
    const chr__ev_tok *x = t[i];
    size_t first = toks->sent_first[toks->v[i].sent];
    int neg = 0, have = 0, be = 0, will = 0, modal = 0, to = 0, did = 0;
    size_t finite = 0; /* the leftmost auxiliary, + 1 */
    size_t k = i;
    while (k > first && i - k < 6) {
        const chr__ev_tok *y = t[k - 1];
        unsigned c = y->cat;
        if (c & CHR__CAT_NEG) {
            neg = 1;
        } else if (c & CHR__CAT_TO) {
            to = 1;
            finite = k;
            k--;
            break;
        } else if ((c & CHR__CAT_WILL) || ((c & CHR__CAT_MODAL) && !strcmp(y->w, "wo"))) {
            will = 1; /* "wo" of "won't" is will's */
            finite = k;
        } else if (c & CHR__CAT_MODAL) {
            modal = 1;
            finite = k;
        } else if (c & CHR__CAT_HAVE) {
            have = 1;
            finite = k;
        } else if (c & CHR__CAT_BE) {
            be = 1;
            finite = k;
        } else if (c & CHR__CAT_DO) {
            did = 1;
            finite = k;
        } else if (!(c & CHR__CAT_ADV) && !(y->wl > 4 && ends(y, "ly"))) {
            break;
        }
        k--;
    }
    /* a bare verb coordinated with an infinitive ("to confirm or deny", "to meet him and check") or
     * after help ("helped invigorate") is an infinitive too */
    const unsigned xf = forms(went[i], x);
    int base = !(xf & (FORM_ING | FORM_ED | FORM_S | FORM_PAST));
    if (!finite && base && k > first) {
        const chr__ev_tok *y = t[k - 1];
        if (y->ll == 4 && !memcmp(y->lem, "help", 4))
            to = 1;
        else if ((y->cat & CHR__CAT_CONJ) && (!strcmp(y->w, "and") || !strcmp(y->w, "or")))
            for (size_t j = k - 1; j > first && k - 1 - j < 6 && !to; j--) {
                const chr__ev_tok *z = t[j - 1];
                if (z->shape[0] == 'p' && z->w[0] != ',')
                    break;
                if ((z->cat & CHR__CAT_TO) && j < k - 1 &&
                    !(t[j]->cat & (CHR__CAT_DET | CHR__CAT_PRON | CHR__CAT_PREP)) && t[j]->shape[0] == 'x')
                    to = 1;
            }
    }
    /* "no" and "never" right before a noun or verb */
    e->negative = neg;
    /* a word in -s right before a past form is a plural noun, the subject ("claims made", "sales rose") */
    size_t last = toks->v[i].sent + 1 < toks->nsent ? toks->sent_first[toks->v[i].sent + 1] : toks->n;
    if (verbal && (xf & FORM_S) && !(x->cat & (CHR__CAT_BE | CHR__CAT_HAVE | CHR__CAT_DO)) && i + 1 < last) {
        const chr__ev_tok *z = t[i + 1];
        if (z->shape[0] == 'x' && (forms(went[i + 1], z) & (FORM_ED | FORM_PAST)))
            verbal = 0;
    }
    e->tense = CHR_TENSE_NONE;
    e->aspect = CHR_ASPECT_NONE;
    if (!verbal)
        return;
    int ing = (xf & FORM_ING) != 0;
    int part = (xf & (FORM_ED | FORM_EN | FORM_PART | FORM_PAST)) != 0;
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
    } else if (finite && (forms(went[finite - 1], t[finite - 1]) & FORM_PAST_AUX)) {
        e->tense = CHR_TENSE_PAST;
    } else if (finite && (forms(went[finite - 1], t[finite - 1]) & FORM_PRES_AUX)) {
        e->tense = CHR_TENSE_PRESENT;
    } else if (finite && (have || be || did)) {
        /* "be", "been", "being", "having" alone */
        e->tense = forms(went[finite - 1], t[finite - 1]) & FORM_ING ? CHR_TENSE_PRESPART : CHR_TENSE_NONE;
    } else if (ing) {
        e->tense = CHR_TENSE_PRESPART;
    } else if (xf & (FORM_ED | FORM_PAST)) {
        e->tense = CHR_TENSE_PAST;
    } else if ((xf & FORM_PART) && (xf & (FORM_EN | FORM_WN))) {
        e->tense = CHR_TENSE_PASTPART;
    } else {
        e->tense = CHR_TENSE_PRESENT;
    }
}

/* The number of the last event in decimal, counted up at each event rather than written out (snprintf, or
 * a division a digit, cost more than the tagging of the event's word): its n digits, then NULs (more places
 * than a size_t has digits). */
typedef struct counter {
    char d[24];
    size_t n;
} counter;

static void count_up(counter *c) {
    size_t k = c->n;
    while (k > 0 && c->d[k - 1] == '9')
        c->d[--k] = '0';
    if (k > 0) {
        c->d[k - 1]++;
        return;
    }
    memmove(c->d + 1, c->d, c->n++); /* 9..9 + 1: a digit more */
    c->d[0] = '1';
}

#if defined(__SSE2__)
/* The lane by lane maximum of a and b (SSE2 has no pmaxsd). */
static inline __m128i max_epi32(__m128i a, __m128i b) {
    __m128i gt = _mm_cmpgt_epi32(a, b);
    return _mm_or_si128(_mm_and_si128(gt, a), _mm_andnot_si128(gt, b));
}
#endif

/* The first of the highest of the 7 class scores sc[0..6] (sc[7] is there, a spare lane): the maximum of
 * two vectors of 4 folded into every lane, then the first lane equal to it; no branch a score (a loop of
 * compares had cost 1.8 M instructions on the 2 MB slice). */
static inline int best_class(const int32_t *sc) {
#if defined(__SSE2__)
    __m128i a = _mm_loadu_si128((const __m128i *)sc);
    __m128i b = _mm_loadu_si128((const __m128i *)(sc + 4));
    b = _mm_or_si128(_mm_and_si128(b, _mm_set_epi32(0, -1, -1, -1)), _mm_set_epi32(INT32_MIN, 0, 0, 0));
    __m128i m = max_epi32(a, b);
    m = max_epi32(m, _mm_shuffle_epi32(m, 0x4E)); /* lanes 2, 3, 0, 1 */
    m = max_epi32(m, _mm_shuffle_epi32(m, 0xB1)); /* lanes 1, 0, 3, 2 */
    int eq = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(a, m))) |
             _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(b, m))) << 4;
    return __builtin_ctz((unsigned)eq);
#else
    int cls = 0;
    for (int k = 1; k < 7; k++)
        if (sc[k] > sc[cls])
            cls = k;
    return cls;
#endif
}

/* "e12" and "ei12": the id and the instance of event c, each cut at 15 bytes as snprintf would cut it
 * (the NULs after the digits end a shorter one). */
static void numbered(char id[16], char instance[16], const counter *c) {
    id[0] = instance[0] = 'e';
    instance[1] = 'i';
    memcpy(id + 1, c->d, 14);
    memcpy(instance + 2, c->d, 13);
    id[15] = instance[15] = '\0';
}

/* Is token i the word of an abbreviation's hyphenated compound, "led" in "U.S.-led", "backed" in
 * "U.N.-backed"? The tokenizer splits those at the abbreviation's dot ("U.S." "-" "led"), so the word would
 * be tagged on its own; a hyphenated word without the dot ("Iranian-backed") is one token already. */
static int abbrev_compound(const char *text, const chr__tokens *toks, size_t i) {
    if (i < 2)
        return 0;
    const chr__token *a = &toks->v[i - 2], *h = &toks->v[i - 1], *w = &toks->v[i];
    int hyphen = h->end - h->start == 1 && text[h->start] == '-' && a->end == h->start && h->end == w->start;
    return hyphen && a->end - a->start >= 2 && text[a->end - 1] == '.' && text[w->start] >= 'a' &&
           text[w->start] <= 'z';
}

/* Is token i the capitalised name after "v." or "vs." of a court case ("Roe v. Wade", "Dobbs v. Jackson")?
 * The model took "Wade" for the verb, which then took the date of "overturned Roe v. Wade in June 2022". */
static int case_name(const char *text, const chr__tokens *toks, size_t i) __attribute__((noinline));
static int case_name(const char *text, const chr__tokens *toks, size_t i) {
    if (i < 1 || text[toks->v[i].start] < 'A' || text[toks->v[i].start] > 'Z')
        return 0;
    const chr__token *p = &toks->v[i - 1];
    if (p->end - p->start == 1 && text[p->start] == '.' && i >= 2) /* "v" "." when the tokenizer splits it */
        p = &toks->v[i - 2];
    else if (p->end - p->start < 2 || text[p->end - 1] != '.')
        return 0;
    const char *w = text + p->start;
    size_t n = p->end - p->start - (text[p->end - 1] == '.');
    return (n == 1 && w[0] == 'v') || (n == 2 && w[0] == 'v' && w[1] == 's');
}

/* Is the token [a, b) of the sentence [ss, se) within reach bytes of a time expression of that sentence,
 * without being part of it? *k: the first time expression that may still be near a token at or after a
 * (tokens are asked about left to right). */
static int near_time(const chr_timex *tx, size_t ntx, size_t reach, size_t *k, size_t a, size_t b, size_t ss,
                     size_t se) {
    while (*k < ntx && tx[*k].end + reach < a)
        ++*k;
    for (size_t j = *k; j < ntx && tx[j].start <= b + reach; j++)
        if (tx[j].start >= ss && tx[j].end <= se && (tx[j].end <= a || tx[j].start >= b))
            return 1;
    return 0;
}

/* Does the token [a, b) lie within a time expression ("the fall" of "by the fall", "the weekend")? TimeML
 * never nests an event in a TIMEX3. *k: the first time expression that does not end before a token at or
 * after a (tokens are asked about left to right). */
static int inside_time(const chr_timex *tx, size_t ntx, size_t *k, size_t a, size_t b) {
    while (*k < ntx && tx[*k].end <= a)
        ++*k;
    return *k < ntx && tx[*k].start <= a && b <= tx[*k].end;
}

int chr__events_detect(chr_event **out, size_t *n, const chr__event_model *m, chr__wordcache *words,
                       chr__wordent **keep, const char *text, size_t len, const chr__tokens *toks,
                       size_t *tok_of, const chr_timex *tx, size_t ntx, chr_error *err) {
    *out = NULL;
    *n = 0;
    if (!m || !toks || toks->n == 0)
        return 0;
    chr__wordcache *own = NULL;
    if (!words && !(words = own = chr__wordcache_new(toks->n)))
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    chr__wordcache_begin(words, m);
    /* the tokens where the word cache holds them (not copied), else in spill (a word too long to cache,
     * or the cache full) */
    const chr__ev_tok **t = chr__wordcache_room(words, toks->n);
    chr__wordent **went = keep && !own ? keep : malloc(toks->n * sizeof *went);
    chr__ev_tok *spill = NULL;
    int rc = 0;
    size_t uncached = t && went ? chr__wordcache_tokens(went, t, words, text, len, toks) : 0;
    for (size_t i = 0; uncached && i < toks->n; i++) {
        if (went[i])
            continue;
        if (!spill && !(spill = malloc(toks->n * sizeof *spill))) {
            rc = 1;
            break;
        }
        chr__ev_prepare_one(&spill[i], m, text + toks->v[i].start, toks->v[i].end - toks->v[i].start);
        t[i] = &spill[i];
    }
    if (!t || !went || rc) {
        if (went != keep)
            free(went);
        free(spill);
        chr__wordcache_free(own);
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    chr_event *ev = NULL;
    size_t nev = 0, cap = 0, tk = 0, ti = 0, reach;
    counter num = {{0}, 0};
    int32_t near_bias;
    chr__event_model_near_time(m, &near_bias, &reach);
    /* the previous word's label as the context features read it (chr__ev_tok.pl): 'E' or 'O' as the
     * word before was tagged, 0 after a word that was not (punctuation, clitics, numbers) */
    char pl = 0;
    for (size_t i = 0; i < toks->n; i++) {
        char xpl = pl;
        pl = 0;
        /* int32: at most a few dozen features of weights within int16 each; 12 lanes (one spare), as a
         * row of weights has, so that a row adds in vectors */
        int32_t sc[12];
        chr__wordent *we = went[i];
        int v = we ? we->verdict : 0;
        if (!v) {
            v = verdict(sc, t[i], m);
            if (we) {
                we->verdict = (unsigned char)v;
                memcpy(we->s, sc, sizeof sc);
            }
        } else if (v == V_CONTEXT) {
            memcpy(sc, we->s, sizeof sc);
        }
        /* the verdicts by how often they come: most words are no event by their own features */
        if (v == V_NO) {
            pl = 'O';
            continue;
        }
        if (v == V_NEVER)
            continue;
        chr__ev_score_context(t, toks, i, xpl, m, sc);
        /* near a time expression matters only to a word that falls short of an event by less than the
         * bias: the others need not ask (2.5 M instructions on the 2 MB slice). Skipping a token leaves tk
         * as it would be: near_time moves it by the token's start, and the starts only grow. */
        size_t sent = toks->v[i].sent;
        int32_t gap = sc[CHR__EV_O] - sc[CHR__EV_EVENT]; /* the event needs gap < 0, or < near_bias near */
        int event = (gap < 0 || (gap < near_bias && near_time(tx, ntx, reach, &tk, toks->v[i].start,
                                                              toks->v[i].end, toks->sent_start[sent],
                                                              toks->sent_end[sent]))) &&
                    !(t[i]->cap && case_name(text, toks, i)) && /* a name has a capital: most words no call */
                    !abbrev_compound(text, toks, i); /* "U.S.-led": part of a modifier, never an event */
        pl = event ? 'E' : 'O';
        if (!event || inside_time(tx, ntx, &ti, toks->v[i].start, toks->v[i].end))
            continue;
        if (nev == cap) {
            /* first room for one event in 8 tokens (the 2 MB slice has one in 8.6): a realloc that grows
             * the array mostly moves it, 1,638 of them had cost 0.9 to 2.8 M instructions as the heap lay */
            size_t c = cap ? cap * 2 : toks->n / 8 + 16;
            chr_event *p = realloc(ev, c * sizeof *p);
            if (!p) {
                rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
                break;
            }
            ev = p;
            cap = c;
        }
        if (tok_of)
            tok_of[nev] = i;
        /* each field set here rather than the whole event zeroed (55 quad words, 2.1 M instructions on the
         * 2 MB slice); the time's strings zeroed whole, as the JSON writer reads them in blocks */
        chr_event *e = &ev[nev++];
        count_up(&num);
        numbered(e->id, e->instance, &num);
        e->start = toks->v[i].start;
        e->end = toks->v[i].end;
        e->cls = (chr_event_class)best_class(sc + CHR__EV_CLASS0);
        tense_aspect(e, t, went, toks, i, sc[CHR__EV_VERBAL] > sc[CHR__EV_NOMINAL]);
        e->sent_start = toks->sent_start[toks->v[i].sent];
        e->sent_end = toks->sent_end[toks->v[i].sent];
        e->cp_start = e->cp_end = e->cp_sent_start = e->cp_sent_end = 0;
        e->actor = e->source = e->summary = "";
        e->time.timex = -2;
        e->time.relation = CHR_REL_NONE;
        memset(e->time.value, 0, sizeof e->time.value);
        memset(e->time.begin, 0, sizeof e->time.begin);
        memset(e->time.end, 0, sizeof e->time.end);
        e->time.gran = CHR_GRAN_NONE;
        e->time.rule = NULL;
        e->dct = CHR_REL_NONE;
    }
    if (went != keep)
        free(went);
    free(spill);
    chr__wordcache_free(own);
    if (rc) {
        free(ev);
        return rc;
    }
    *out = ev;
    *n = nev;
    return 0;
}
