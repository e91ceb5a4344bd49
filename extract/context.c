/* context.c: clues from the words around a time expression: the tense of its clause (from the cue
 * word lists of the rule files: tables tense_future, tense_present, tense_past, tense_not_past,
 * tense_copula, tense_adverb, the cues that are adverbs of time, tense_determiner, after which a past
 * form is no verb, tense_unit, the words that "last" or "next" makes a time of, tense_fixture,
 * tense_lasting and tense_implicative) and the interval signal word before it ("since", "until", ...).
 *
 * Exports chr__context_init, chr__context_tense and chr__context_signal (engine.h). */
#include <ctype.h>
#include <string.h>

#include "engine.h"
#include "events.h"

#define WINDOW_LEFT 8
#define WINDOW_RIGHT 12
#define WINDOW_LEFT_FAR 12 /* the left window when the nearest cue on the right is behind a comma */
_Static_assert(WINDOW_LEFT_FAR >= WINDOW_LEFT, "the left words are held in WINDOW_LEFT_FAR slots");
/* how many words before a future cue a past auxiliary turns it into a past plan */
#define PAST_PLAN_REACH 2
/* A fixture's verb in the present ("the teams meet again Tuesday", "New York, which plays at Philadelphia on
 * Tuesday and hosts the Carolina Hurricanes on Wednesday") is a cue this close to the time only: farther,
 * it is likely another verb's ("to meet demand for its computers well into the summer", six words) */
#define FIXTURE_REACH 5
#define MAX_WORD 32

/* Is there a sentence end at text[i] ('.', '!', '?' followed by a blank (space or line end) and an upper
 * case letter or a quote, or a blank line)? */
static int sentence_end(const char *text, size_t len, size_t i) {
    if (text[i] == '\n' && i + 1 < len && text[i + 1] == '\n')
        return 1;
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && i + 2 < len &&
        (text[i + 1] == ' ' || text[i + 1] == '\n' || text[i + 1] == '\t' || text[i + 1] == '\r')) {
        unsigned char c = (unsigned char)text[i + 2];
        if (!(isupper(c) || c == '"'))
            return 0;
        /* "Mr. Smith", "U.S. officials", "Jan. 5": a short capitalised word before the dot */
        size_t j = i;
        while (j > 0 && isalpha((unsigned char)text[j - 1]))
            j--;
        size_t wl = i - j;
        if (text[i] == '.' && (wl <= 3 && wl > 0 && isupper((unsigned char)text[j])))
            return 0;
        if (text[i] == '.' && wl > 0 && chr__tokenize_abbrev(text + j, wl))
            return 0; /* "Roe vs. Wade", "Birmingham, Ala. Police" */
        if (text[i] == '.' && j > 0 && text[j - 1] == '.')
            return 0;
        return 1;
    }
    return 0;
}

/* Is x (a struct word) the literal lit? Its length first, then a compare of a known size, which the
 * compiler does inline. */
#define IS(x, lit) ((x).len == sizeof(lit) - 1 && !memcmp((x).w, lit, sizeof(lit) - 1))

typedef struct word {
    char w[MAX_WORD];
    int dist;
    int comma;     /* a comma lies between the walk's start and the word */
    uint16_t mask; /* the cue tables it is in (CUE_*), looked up once as the word is collected */
    uint8_t len;
    uint8_t cap; /* its first letter is a capital in the text ("May" the month, not the modal) */
} word;

/* Bit k: the word is in tense_cues[k] (chr__context_init's order). */
enum {
    CUE_FUTURE = 1 << 0,
    CUE_PAST = 1 << 1,
    CUE_PRESENT = 1 << 2,
    CUE_NOT_PAST = 1 << 3,
    CUE_COPULA = 1 << 4,
    CUE_ADVERB = 1 << 5,
    CUE_DETERMINER = 1 << 6,
    CUE_UNIT = 1 << 7,
    CUE_FIXTURE = 1 << 8,
    CUE_LASTING = 1 << 9,
    CUE_IMPLICATIVE = 1 << 10
};

/* A hash of w[0..l) (l > 0) from its first and last 8 bytes (or fewer, overlapping, in a shorter word) and
 * its length: a few instructions a word rather than a multiply a byte. */
static inline uint32_t cue_hash(const char *w, size_t l) {
    uint64_t a, b;
    if (l >= 8) {
        memcpy(&a, w, 8);
        memcpy(&b, w + l - 8, 8);
    } else if (l >= 4) {
        uint32_t x, y;
        memcpy(&x, w, 4);
        memcpy(&y, w + l - 4, 4);
        a = x, b = y;
    } else {
        a = (unsigned char)w[0] | (uint64_t)(unsigned char)w[l >> 1] << 8 |
            (uint64_t)(unsigned char)w[l - 1] << 16;
        b = 0;
    }
    uint64_t h = (a * 0x9E3779B97F4A7C15u) ^ (b * 0xC2B2AE3D27D4EB4Fu) ^ l;
    return (uint32_t)(h >> 32 ^ h);
}

/* The cue tables w[0..l) (lower case, NUL-terminated; h its cue_hash) is in. */
static uint16_t word_mask(const chr_engine *e, const char *w, size_t l, uint32_t h) {
    if (!e->cue_hashed) {
        uint16_t m = 0;
        for (int k = 0; k < CHR__CUE_TABLES; k++)
            if (e->tense_cues[k] && chr__table_lookup(e->tense_cues[k], w))
                m |= (uint16_t)(1u << k);
        return m;
    }
    for (h &= CHR__CUE_SLOTS - 1;; h = (h + 1) & (CHR__CUE_SLOTS - 1)) {
        const struct chr__cue_slot *sl = &e->cue_slots[h];
        if (!sl->key)
            return 0;
        if (sl->len == l && !memcmp(sl->key, w, l))
            return sl->mask;
    }
}

/* The words going left (dir -1) or right (dir +1) from a position, within the sentence, collected as
 * they are needed: the nearest cue usually ends the search after a word or two. */
typedef struct walk {
    const chr_engine *e; /* the cue tables of the words; NULL: not looked up */
    const char *text;
    size_t len, i; /* where the next word is looked for */
    int dir, ended;
    size_t n;
    int comma; /* a comma was passed */
    word *w;
} walk;

static void walk_init(walk *k, word *out, const chr_engine *e, const char *text, size_t len, size_t pos,
                      int dir) {
    *k = (walk){e, text, len, pos, dir, 0, 0, 0, out};
}

/* Is a byte part of a word: an ASCII letter or an apostrophe (as isalpha has them in the C locale the
 * library keeps to)? A table, without a call or a range test per byte. */
#define ONES13 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
static const unsigned char word_bytes[256] = {['\''] = 1, ['A'] = ONES13, ONES13, ['a'] = ONES13, ONES13};
static inline int word_char(char ch) { return word_bytes[(unsigned char)ch]; }

/* Can a sentence end at ch (sentence_end is 0 at any other byte)? Tried before the call at each byte. */
static inline int may_end(char ch) { return ch == '.' || ch == '\n' || ch == '!' || ch == '?'; }

/* Collect words until k holds want of them or the sentence ends; the number it holds. Inline at each call,
 * where the walk's direction is known (a call for a word or two had cost 0.8 M on the 2 MB slice). */
static inline __attribute__((always_inline)) size_t upto(walk *k, size_t want) {
    const char *text = k->text;
    size_t len = k->len, i = k->i;
    while (!k->ended && k->n < want) {
        word *out = &k->w[k->n];
        size_t s, e;
        if (k->dir < 0) {
            for (;;) {
                if (i == 0 || (may_end(text[i - 1]) && sentence_end(text, len, i - 1))) {
                    k->ended = 1;
                    break;
                }
                if (word_char(text[i - 1]))
                    break;
                i--;
            }
            if (k->ended)
                break;
            e = i;
            while (i > 0 && word_char(text[i - 1]))
                i--;
            s = i;
        } else {
            for (;;) {
                if (i >= len || (may_end(text[i]) && sentence_end(text, len, i))) {
                    k->ended = 1;
                    break;
                }
                if (word_char(text[i]))
                    break;
                k->comma |= text[i] == ',';
                i++;
            }
            if (k->ended)
                break;
            s = i;
            while (i < len && word_char(text[i]))
                i++;
            e = i;
        }
        size_t l = e - s < MAX_WORD - 1 ? e - s : MAX_WORD - 1;
        /* lower case by setting bit 5, which an apostrophe has: 8 bytes at a time (the last 8 overlapping
         * some copied), 4 and 4 overlapping, or byte by byte */
        const char *src = text + s;
        const uint64_t low = 0x2020202020202020u;
        if (l >= 8) {
            uint64_t x;
            for (size_t c = 0; c + 8 < l; c += 8) {
                memcpy(&x, src + c, 8);
                x |= low;
                memcpy(out->w + c, &x, 8);
            }
            memcpy(&x, src + l - 8, 8);
            x |= low;
            memcpy(out->w + l - 8, &x, 8);
        } else if (l >= 4) {
            uint32_t x, y;
            memcpy(&x, src, 4);
            memcpy(&y, src + l - 4, 4);
            x |= (uint32_t)low, y |= (uint32_t)low;
            memcpy(out->w, &x, 4);
            memcpy(out->w + l - 4, &y, 4);
        } else {
            for (size_t c = 0; c < l; c++)
                out->w[c] = (char)(src[c] | 0x20);
        }
        out->w[l] = '\0';
        out->len = (uint8_t)l;
        out->cap = text[s] >= 'A' && text[s] <= 'Z';
        out->mask = k->e ? word_mask(k->e, out->w, l, cue_hash(out->w, l)) : 0;
        out->dist = (int)k->n + 1;
        out->comma = k->comma;
        k->n++;
    }
    k->i = i;
    return k->n;
}

static chr_tense classify(const word *w) {
    if ((w->mask & CUE_FUTURE) && !(w->cap && w->len == 3 && !memcmp(w->w, "may", 3)))
        return CHR_TENSE_FUTURE;
    if (w->mask & CUE_PAST)
        return CHR_TENSE_PAST;
    if (w->mask & CUE_PRESENT)
        return CHR_TENSE_PRESENT;
    size_t l = w->len;
    if (l > 4 && w->w[l - 2] == 'e' && w->w[l - 1] == 'd' && !(w->mask & CUE_NOT_PAST))
        return CHR_TENSE_PAST;
    return CHR_TENSE_NONE;
}

/* Put key (lower case, as the tables keep them) with the bits m into the slots of e; 0, or -1 when they
 * are too full. */
static int cue_add(chr_engine *e, const char *key, uint16_t m, size_t *used) {
    size_t l = strlen(key);
    if (l == 0 || l >= MAX_WORD)
        return 0; /* empty, or longer than any word collected */
    for (uint32_t h = cue_hash(key, l) & (CHR__CUE_SLOTS - 1);; h = (h + 1) & (CHR__CUE_SLOTS - 1)) {
        struct chr__cue_slot *sl = &e->cue_slots[h];
        if (sl->key && sl->len == l && !memcmp(sl->key, key, l)) {
            sl->mask |= m;
            return 0;
        }
        if (!sl->key) {
            if (++*used > CHR__CUE_SLOTS / 2)
                return -1; /* probes would grow long: look the tables up instead */
            *sl = (struct chr__cue_slot){key, m, (uint8_t)l};
            return 0;
        }
    }
}

void chr__context_init(chr_engine *e) {
    static const char *const names[CHR__CUE_TABLES] = {
        "tense_future", "tense_past",       "tense_present", "tense_not_past", "tense_copula",
        "tense_adverb", "tense_determiner", "tense_unit",    "tense_fixture",  "tense_lasting",
        "tense_implicative"};
    for (int k = 0; k < CHR__CUE_TABLES; k++)
        e->tense_cues[k] = chr__rules_table(e, names[k]);
    memset(e->cue_slots, 0, sizeof e->cue_slots);
    size_t used = 0;
    e->cue_hashed = 1;
    for (int k = 0; k < CHR__CUE_TABLES && e->cue_hashed; k++)
        for (size_t i = 0; e->tense_cues[k] && i < e->tense_cues[k]->n; i++)
            if (cue_add(e, e->tense_cues[k]->keys[i], (uint16_t)(1u << k), &used)) {
                e->cue_hashed = 0;
                break;
            }
}

/* Does w make a "last" right after it a verb ("to last", "will last", "couldn't last")? */
static int verb_before_last(const char *w) {
    static const char *const words[] = {"to",     "will",   "would", "could", "can",  "may",   "might",
                                        "should", "must",   "shall", "not",   "never", "won't", "can't",
                                        "couldn't", "wouldn't", "didn't", "doesn't", "don't", NULL};
    for (const char *const *k = words; *k; k++)
        if (!strcmp(w, *k))
            return 1;
    size_t n = strlen(w);
    return n > 3 && !strcmp(w + n - 3, "'ll");
}

int chr__context_past_verb_before(const chr_engine *e, const char *text, size_t len, size_t start) {
    word left[2];
    walk lw;
    walk_init(&lw, left, e, text, len, start, -1);
    size_t n = upto(&lw, 2);
    const char *w0 = n > 0 ? left[0].w : "";
    size_t k = !strcmp(w0, "over") || !strcmp(w0, "for") || !strcmp(w0, "in") || !strcmp(w0, "during") ||
               !strcmp(w0, "within");
    return k < n && !left[k].comma && classify(&left[k]) == CHR_TENSE_PAST;
}

chr_tense chr__context_tense(const chr_engine *e, const char *text, size_t len, size_t start, size_t end) {
    word left[WINDOW_LEFT_FAR], right[WINDOW_RIGHT]; /* the left walk goes to WINDOW_LEFT_FAR */
    walk lw, rw;
    walk_init(&lw, left, e, text, len, start, -1);
    walk_init(&rw, right, e, text, len, end, +1);
    int right_stop = 0;
    chr_tense deferred = CHR_TENSE_NONE;
    /* closest cue wins; at equal distance the left one (the verb usually comes before the date) */
    for (size_t d = 0; d < WINDOW_LEFT_FAR || d < WINDOW_RIGHT; d++) {
        size_t wl = deferred ? WINDOW_LEFT_FAR : WINDOW_LEFT;
        /* the word at d and the two after it (the copula and past-plan checks look that far) */
        size_t nl = d < wl ? upto(&lw, d + 3 < wl ? d + 3 : wl) : lw.n;
        size_t nr = d < WINDOW_RIGHT ? upto(&rw, d + 1) : rw.n;
        if (d < nl) {
            chr_tense t = classify(&left[d]);
            /* "The exhibit opened on Oct. 6 and runs through July", "the ban remains until March": what
             * goes on now lasts until a time to come */
            if (!t && d == 1 && (left[1].mask & CUE_LASTING) &&
                (IS(left[0], "until") || IS(left[0], "through") || IS(left[0], "till")))
                t = CHR_TENSE_FUTURE;
            /* not after a determiner: "told reporters after the vote late Thursday" is a noun; nor after
             * "tried to" (table tense_implicative): "had tried to sign him in August" is a past attempt, and
             * the walk goes on to "tried" */
            if (!t && d < FIXTURE_REACH && (left[d].mask & CUE_FIXTURE) &&
                !(d + 1 < nl && (left[d + 1].mask & CUE_DETERMINER)) &&
                !(d + 2 < nl && IS(left[d + 1], "to") && (left[d + 2].mask & CUE_IMPLICATIVE)))
                t = CHR_TENSE_FUTURE;
            /* "Apple reports earnings Thursday": the present of a report of results is a schedule (a bare
             * "reports" is as often a plural noun: "filed compliance reports by Wednesday") */
            if (!t && d > 0 && d < FIXTURE_REACH && (IS(left[d], "reports") || IS(left[d], "report")))
                for (size_t k = 0; k < d; k++) {
                    const word *o = &left[k];
                    if (IS(*o, "earnings") || IS(*o, "results") || IS(*o, "profit") || IS(*o, "revenue") ||
                        IS(*o, "sales"))
                        t = CHR_TENSE_FUTURE;
                }
            /* "expected to last until Friday": a verb, not the "last" of "last week" */
            if (t == CHR_TENSE_PAST && d + 1 < nl && IS(left[d], "last") && verb_before_last(left[d + 1].w))
                t = CHR_TENSE_NONE;
            /* "will stay closed", "was expected": after a copula an -ed word is a participle; the copula
             * (or what comes before it) tells the tense */
            if (t == CHR_TENSE_PAST && d + 1 < nl && (left[d + 1].mask & CUE_COPULA) &&
                !(left[d].mask & CUE_PAST))
                t = CHR_TENSE_NONE;
            /* "rose more than expected in October", "as expected": an adjective, no plan */
            if (t == CHR_TENSE_FUTURE && d + 1 < nl && IS(left[d], "expected") &&
                (IS(left[d + 1], "than") || IS(left[d + 1], "as")))
                t = CHR_TENSE_NONE;
            /* "shorter than last year because Thanksgiving falls": the "last" of another time expression */
            if (t && d > 0 && (IS(left[d], "last") || IS(left[d], "next")) && (left[d - 1].mask & CUE_UNIT))
                t = CHR_TENSE_NONE;
            /* "a controlled burn as early as Monday night", "the shot": a past form right after a determiner
             * is an adjective or a noun */
            if (t == CHR_TENSE_PAST && d + 1 < nl && (left[d + 1].mask & CUE_DETERMINER))
                t = CHR_TENSE_NONE;
            /* "plans to vote in April" is a plan; "proposed the plan in April" and "revealed the plan to
             * his generals" are none */
            if (t == CHR_TENSE_FUTURE && (IS(left[d], "plan") || IS(left[d], "plans")) &&
                (d == 0 || !IS(left[d - 1], "to") || (d >= 2 && (left[d - 2].mask & CUE_DETERMINER))))
                t = CHR_TENSE_NONE;
            /* "followed by a cold snap in early February", "led by": an -ed word before "by" is a
             * participle, no past tense */
            if (t == CHR_TENSE_PAST && d > 0 && IS(left[d - 1], "by") && !(left[d].mask & CUE_PAST))
                t = CHR_TENSE_NONE;
            /* "is set for noon Friday", "set to vote Friday", "A vigil is planned for Tuesday evening",
             * "Storms are forecast for Wednesday": a plan, as "scheduled" is ("was planned for" stays a past,
             * as "planned the attack for") */
            int planned = IS(left[d], "planned") && d + 1 < nl &&
                          (IS(left[d + 1], "is") || IS(left[d + 1], "are") || IS(left[d + 1], "be") ||
                           IS(left[d + 1], "been"));
            if ((!t || planned) && d > 0 && (IS(left[d], "set") || planned || IS(left[d], "forecast")) &&
                (IS(left[d - 1], "for") || IS(left[d - 1], "to")))
                t = CHR_TENSE_FUTURE;
            /* "Game 4 is Monday night", "the vote is on Tuesday", "the match is at the weekend": a time that
             * is the predicate of a present copula is one to come (or today) */
            if (t == CHR_TENSE_PRESENT && (d == 0 || (d == 1 && (IS(left[0], "on") || IS(left[0], "at")))) &&
                (IS(left[d], "is") || IS(left[d], "are")))
                t = CHR_TENSE_FUTURE;
            /* "is traveling to Japan on Monday": the present progressive of an arrangement is a future */
            if (t == CHR_TENSE_PRESENT && d > 0) {
                size_t l = left[d - 1].len;
                if (l > 4 && !memcmp(left[d - 1].w + l - 3, "ing", 4))
                    t = CHR_TENSE_FUTURE;
            }
            /* "had been due to", "was scheduled to": a plan told in the past tense is a past plan */
            if (t == CHR_TENSE_FUTURE)
                for (size_t k = d + 1; k < nl && k <= d + PAST_PLAN_REACH; k++) {
                    if (left[k].mask & CUE_PAST)
                        return CHR_TENSE_PAST;
                    /* only an auxiliary between: "said they will close" is a plan told now */
                    if (!(left[k].mask & CUE_COPULA) && !IS(left[k], "not"))
                        break;
                }
            if (t)
                return t;
        }
        if (d < nr && !right_stop && IS(right[d], "that"))
            right_stop = 1; /* "wrote on Thursday that she would resign": the clause after is another's */
        if (d < nr && !right_stop) {
            chr_tense t = classify(&right[d]);
            /* on the right an adverb of time belongs to another expression ("a cut in September, up from 50%
             * a day earlier"), not to the verb of the clause */
            if (t && (right[d].mask & CUE_ADVERB))
                t = CHR_TENSE_NONE;
            /* "reported results on July 31 and will report": the cue after "and" is another verb's */
            if (t && d > 0 && (IS(right[d - 1], "and") || IS(right[d - 1], "but")))
                t = CHR_TENSE_NONE, right_stop = 1;
            /* a cue behind a comma on the right is the attribution's ("... from late Monday into early
             * Thursday, forecasters said"): it holds only when no cue stands on the left, looked for
             * farther (WINDOW_LEFT_FAR) than the usual window (TBAQ value F1 0.7995 -> 0.8005) */
            if (t && right[d].comma) {
                deferred = t;
                right_stop = 1;
                t = CHR_TENSE_NONE;
            }
            if (t)
                return t;
        }
        if (lw.ended && (rw.ended || right_stop) && d >= lw.n && d >= rw.n)
            break;
    }
    /* "Trump, who takes office on Jan. 20, has said": the cue behind the comma is the main clause's, not
     * the relative clause's the time is in */
    if (deferred)
        for (size_t k = 0; k < lw.n; k++)
            if (IS(left[k], "who") || IS(left[k], "which"))
                return CHR_TENSE_NONE;
    return deferred;
}

/* The signal word w is, or NULL: its length told first, then a compare of known size (IS), with no call
 * of strcmp. */
static const char *signal_word(const word *w) {
#define SIGNAL(lit)                                                                                          \
    if (IS(*w, lit))                                                                                         \
    return lit
    switch (w->len) {
    case 2:
        SIGNAL("by");
        SIGNAL("to");
        break;
    case 3:
        SIGNAL("and");
        break;
    case 4:
        SIGNAL("till");
        SIGNAL("from");
        break;
    case 5:
        SIGNAL("since");
        SIGNAL("until");
        SIGNAL("after");
        break;
    case 6:
        SIGNAL("before");
        break;
    case 7:
        SIGNAL("through");
        SIGNAL("between");
        break;
    }
#undef SIGNAL
    return NULL;
}

const char *chr__context_signal(const char *text, size_t len, size_t start) {
    word left[3];
    walk lw;
    walk_init(&lw, left, NULL, text, len, start, -1);
    /* the word before start, and the two before it only after "least": most expressions need one word */
    if (!upto(&lw, 1))
        return NULL;
    size_t k = 0;
    /* "since at least last week", "until as late as May" */
    if (IS(left[0], "least") && upto(&lw, 3) >= 3 && IS(left[1], "at"))
        k = 2;
    return signal_word(&left[k]);
}
