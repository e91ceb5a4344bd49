/* context.c: clues from the words around a time expression: the tense of its clause (from the cue
 * word lists of the rule files: tables tense_future, tense_present, tense_past, tense_not_past,
 * tense_copula) and the
 * interval signal word before it ("since", "until", ...).
 *
 * Exports chr__context_tense and chr__context_signal. */
#include <ctype.h>
#include <string.h>

#include "engine.h"

#define WINDOW_LEFT 8
#define WINDOW_RIGHT 12
/* how many words before a future cue a past auxiliary turns it into a past plan */
#define PAST_PLAN_REACH 2
#define MAX_WORD 32

/* Is there a sentence end at text[i] ('.', '!', '?' followed by a blank (space or line end) and an upper
 * case letter or a quote, or a blank line)? */
static int sentence_end(const char *text, size_t len, size_t i)
{
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
        if (text[i] == '.' && j > 0 && text[j - 1] == '.')
            return 0;
        return 1;
    }
    return 0;
}

typedef struct word {
    char w[MAX_WORD];
    int dist;
} word;

/* Collect up to max words going left (dir -1) or right (dir +1) from pos, within the sentence. */
static size_t words(word *out, size_t max, const char *text, size_t len, size_t pos, int dir)
{
    size_t n = 0;
    if (dir < 0) {
        size_t i = pos;
        while (i > 0 && n < max) {
            if (sentence_end(text, len, i - 1))
                break;
            if (!isalpha((unsigned char)text[i - 1]) && text[i - 1] != '\'') {
                i--;
                continue;
            }
            size_t e = i;
            while (i > 0 && (isalpha((unsigned char)text[i - 1]) || text[i - 1] == '\''))
                i--;
            size_t l = e - i < MAX_WORD - 1 ? e - i : MAX_WORD - 1;
            for (size_t k = 0; k < l; k++)
                out[n].w[k] = (char)tolower((unsigned char)text[i + k]);
            out[n].w[l] = '\0';
            out[n].dist = (int)n + 1;
            n++;
        }
    } else {
        size_t i = pos;
        while (i < len && n < max) {
            if (sentence_end(text, len, i))
                break;
            if (!isalpha((unsigned char)text[i]) && text[i] != '\'') {
                i++;
                continue;
            }
            size_t s = i;
            while (i < len && (isalpha((unsigned char)text[i]) || text[i] == '\''))
                i++;
            size_t l = i - s < MAX_WORD - 1 ? i - s : MAX_WORD - 1;
            for (size_t k = 0; k < l; k++)
                out[n].w[k] = (char)tolower((unsigned char)text[s + k]);
            out[n].w[l] = '\0';
            out[n].dist = (int)n + 1;
            n++;
        }
    }
    return n;
}

/* The cue word tables, looked up by name once per expression (NULL: the rules have none). */
typedef struct cues {
    const chr__table *future, *past, *present, *not_past, *copula;
} cues;

static int in_table(const chr__table *t, const char *w)
{
    return t && chr__table_lookup(t, w) != NULL;
}

static chr_tense classify(const cues *c, const char *w)
{
    if (in_table(c->future, w))
        return CHR_TENSE_FUTURE;
    if (in_table(c->past, w))
        return CHR_TENSE_PAST;
    if (in_table(c->present, w))
        return CHR_TENSE_PRESENT;
    size_t l = strlen(w);
    if (l > 4 && w[l - 2] == 'e' && w[l - 1] == 'd' && !in_table(c->not_past, w))
        return CHR_TENSE_PAST;
    return CHR_TENSE_NONE;
}

chr_tense chr__context_tense(const chr_engine *e, const char *text, size_t len, size_t start, size_t end)
{
    const cues cs = {chr__rules_table(e, "tense_future"), chr__rules_table(e, "tense_past"),
                     chr__rules_table(e, "tense_present"), chr__rules_table(e, "tense_not_past"),
                     chr__rules_table(e, "tense_copula")};
    const cues *c = &cs;
    word left[WINDOW_LEFT], right[WINDOW_RIGHT];
    size_t nl = words(left, WINDOW_LEFT, text, len, start, -1);
    size_t nr = words(right, WINDOW_RIGHT, text, len, end, +1);
    /* closest cue wins; at equal distance the left one (the verb usually comes before the date) */
    for (size_t d = 0; d < WINDOW_LEFT || d < WINDOW_RIGHT; d++) {
        if (d < nl) {
            chr_tense t = classify(c, left[d].w);
            /* "will stay closed", "was expected": after a copula an -ed word is a participle; the copula
             * (or what comes before it) tells the tense */
            if (t == CHR_TENSE_PAST && d + 1 < nl && in_table(c->copula, left[d + 1].w) &&
                !in_table(c->past, left[d].w))
                t = CHR_TENSE_NONE;
            /* "had been due to", "was scheduled to": a plan told in the past tense is a past plan */
            if (t == CHR_TENSE_FUTURE)
                for (size_t k = d + 1; k < nl && k <= d + PAST_PLAN_REACH; k++)
                    if (in_table(c->past, left[k].w))
                        return CHR_TENSE_PAST;
            if (t)
                return t;
        }
        if (d < nr) {
            chr_tense t = classify(c, right[d].w);
            if (t)
                return t;
        }
    }
    return CHR_TENSE_NONE;
}

const char *chr__context_signal(const char *text, size_t len, size_t start)
{
    static const char *const signals[] = {"since", "until", "till", "through", "from", "between", "after",
                                          "before", "by", "to", "and"};
    (void)len;
    word left[4];
    size_t n = words(left, 4, text, len, start, -1);
    size_t k = 0;
    /* "since at least last week", "until as late as May" */
    if (n >= 3 && !strcmp(left[0].w, "least") && !strcmp(left[1].w, "at"))
        k = 2;
    if (k >= n)
        return NULL;
    for (size_t i = 0; i < sizeof signals / sizeof *signals; i++)
        if (!strcmp(left[k].w, signals[i]))
            return signals[i];
    return NULL;
}
