/* link.c: places each event of a result in time and says who did it.
 *
 * Time: each event takes the nearest time expression of its sentence (SETs included), nearest by the bytes
 * between them plus a penalty per clause boundary (comma, semicolon, dash, the wire services' " _ "), for a
 * quotation's edge between them, for a duration, for a rate's unit ("358,000 a month"), and for a hyphenated
 * time that modifies a noun ("a 24-hour vigil", "third-quarter earnings") from every event but that noun; at
 * equal distance the one on the right; beyond a reach none, except a time that opens the sentence, which
 * reaches all of it with no clause penalty. Each time has one owner among the events that took it (the verb
 * left of it in its clause, or the first verb after a time that opens the sentence); the others only share it
 * (rule "sentence"), and of those that share a report's time, a future or infinitive after the report, not a
 * state, is AFTER it ("said Friday that he will seek"). A report that closes its sentence takes no date of
 * what it reports across the comma (", police said"). In a sentence with a report, the events placed by tense
 * alone are what it reports (rule "reported"). A chronology lists neither as entries of their own. The word
 * before the expression (or before its "the": "after the Oct. 23 slaying", for all but the noun the time
 * modifies) gives the relation: since/from/between -> BEGUN_BY, until/till/through/by/due -> ENDED_BY ("not
 * until" -> IS_INCLUDED), before -> BEFORE, after -> AFTER, a duration (for three days) -> DURING, except a
 * period between two events ("one year after he was killed": the event after "after" BEGINS it, the others
 * END it; "before" the reverse; "a few days later" -> ENDS), a report before the quarter or half that
 * modifies its noun -> AFTER ("reported third-quarter profit"), the term of a comparison ("lower than in
 * 2020") -> AFTER, otherwise IS_INCLUDED. An event with no expression of its own whose clause opens with
 * "after", "before", "when" or "while" is placed against the dated event of the main clause ("hours after the
 * deadline passed"); otherwise against the document date by its tense: past (or present perfect) -> BEFORE,
 * future -> AFTER, present -> INCLUDES, except a report in the simple present ("says"), an act within the day
 * -> IS_INCLUDED, and a present in a clause of time or condition of a future ("once the deal is completed")
 * -> AFTER. Nouns with no time stay undated. The interval that follows is given as TIMEX3 values:
 * "since 1979" runs from 1979 to the document date, an event before the document date ends at it; a
 * counted period between two events ("two days after signing") gives the event it leads from or to a day
 * by the other's (date_periods).
 *
 * Actor: the subject phrase left of the event, skipping auxiliaries and adverbs; a finite verb's ends at
 * another verb or a form of "be" (after ", which" the phrase before the comma; after "and" the antecedent of
 * a "which" before it, or the actor of the verb before it; a participle after a comma, the phrase before
 * the comma when it opens the clause); for a report that follows what it reports ('..., Kerry said'), the
 * phrase after the verb when nothing stands left of it, whatever the closing quote before it (", '', ”).
 * Summary: the actor, the event and the rest of its clause; for a report that follows its
 * content (no verb after it in its clause), the actor, the verb and the content. Word lists read U+2019 as '.
 *
 * Exports chr__events_link. */
#include <ctype.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "engine.h"
#include "event_model.h"

#define SUMMARY_WORDS 28   /* words of the clause kept after the event in a summary */
#define SUMMARY_COMMA 6    /* after this many words, a comma ends the summary */
#define SUMMARY_MAX 320    /* bytes */
#define ACTOR_MAX 160      /* bytes */
#define ACTOR_TOKENS 8     /* tokens of a subject phrase, at most */
#define ASIDE_TOKENS 24    /* tokens of an aside between a subject and its verb, at most */
#define SIGNAL_REACH 6     /* tokens left of an undated event searched for after/before/when */
#define CLAUSE_PENALTY 40  /* bytes of distance a clause boundary between an event and a time adds */
#define REPORT_MIN_TOKENS 5 /* what a report follows is at least this long ("On Monday, X said" is not) */
#define INTRO_REACH 12     /* a time starting this close to its sentence's start opens it */
#define LINK_REACH 150    /* an event farther than this (with clause penalties) from every time is not linked */
#define LEFT_PENALTY 1      /* bytes a time left of its event adds: at equal distance the right one wins */
#define DURATION_PENALTY 15 /* bytes a duration adds to its distance */
/* bytes a date or time adds when its side of the document date disagrees with the event's tense (a future
 * event and a past date: "has served since January 2010 and will step down ... next year"; TBAQ with the
 * gold events: 1521 links at 30 and 60 as at 0, 1520 at 200) */
#define TENSE_PENALTY 60
/* bytes a time across a quotation's edge from the event adds (TBAQ with the gold events: 1535 -> 1539 links
 * at 40 to 150, 1538 at 20; any quotation mark between them, not only an odd number, 1537) */
#define QUOTE_PENALTY 40
/* bytes a rate's unit adds ("358,000 a month"): it says how often, not when (TBAQ with the gold events: 1540
 * -> 1541 at 40 and at 150) */
#define RATE_PENALTY 100
#define MODIFIER_REACH 20  /* bytes after a modifying time ("third-quarter earnings") where its noun is */
#define MODIFIER_PENALTY 120 /* bytes a modifying time adds to its distance from every other event */
/* bytes a possessive time adds for an event on its left, whose object it is part of: "will release
 * November's figures on Dec. 4" is Dec. 4's (as a modifier of every other event, 120 bytes, TBAQ with the
 * gold events lost 2 links; this loses none and raises awareness P 0.2651 -> 0.2653) */
#define POSSESSIVE_PENALTY 40
#define EVENT_REACH 40     /* events back searched for the dated event of the main clause */
#define WRAP_WIDTH 50        /* bytes of a line that may be a wrapped one (hard_wrapped) */
#define WRAP_LINES 3         /* such lines ending without a full stop that make a text hard-wrapped */
#define LIST_REACH 60 /* bytes after a comma of a list of names where its "and" is looked for */
#define DATELINE_TOKENS 8  /* tokens of a dateline's date and agency before its dash ("Nov 5 (Reuters) -") */

/* Words that may stand between a subject and its verb. */
static const char *const between_words[] = {
    "has",      "have",       "had",      "was",        "were",     "is",        "are",     "be",
    "been",     "being",      "will",     "would",      "could",    "should",    "may",     "might",
    "must",     "can",        "also",     "not",        "n't",      "never",     "still",   "later",
    "already",  "just",       "then",     "first",      "now",      "again",     "did",     "does",
    "do",       "shall",      "'s",       "'ve",        "'d",       "'ll",       "to",      "only",
    "even",     "reportedly", "allegedly", "repeatedly", "publicly", "previously", "recently", "finally",
    "since",    "both",       "all",      "yet",        "well",     "last",      "ever",    "earlier",
    "always",   "often",      "once",     "no",         "longer",   "next",      "ca",      "wo",
    NULL};

/* Words that end a subject phrase going left. */
static const char *const stop_words[] = {
    "that",    "which",  "who",     "whom",    "whose",  "and",     "but",     "or",      "when",
    "while",   "if",     "because", "as",      "after",  "before",  "since",   "until",   "where",
    "than",    "though", "although", "said",   "says",   "told",    "say",     "in",      "on",
    "at",      "for",    "with",    "by",      "from",   "into",    "over",    "about",   "against",
    "during",  "under",  "between", "without", "through", "so",    "whether", "yet",     "how",
    "why",     "what",   "there",   "here",    "it's",   "to",      "among",   NULL};

static const char *const articles[] = {"the", "a", "an", NULL};

/* Hedges that may stand between a signal and its time ("since at least 1979", "until about noon"),
 * last word first. */
static const char *const hedges[][4] = {{"least", "at", NULL},       {"about", NULL},     {"around", NULL},
                                        {"approximately", NULL},     {"roughly", NULL},   {"nearly", NULL},
                                        {"as", "early", "as", NULL}, {"as", "late", "as", NULL}};

static const char *const pronouns[] = {"he", "she", "they", "it", "we", "i", "you", NULL};

/* Words that open a subordinate clause: a report after one is not the sentence's main report. */
static const char *const subordinators[] = {"while", "although", "though", "as", "if", "when", "because",
                                            "after", "before", "since", "unless", "whereas", NULL};

/* The word lists above as one small hash table, made once per process (words_table): a token's lists in
 * one look-up instead of a walk down each list. */
#define WORDSET_BITS 10
#define WORDSET_SLOTS (1 << WORDSET_BITS) /* about eight times the words of the lists: a word not in them,
                                          * most tokens, seldom probes past its first slot */
#define WORDSET_LONGEST 12 /* at most 16 (word_key) */
typedef struct wordset {
    struct {
        uint64_t key[2]; /* word_key of the word */
        unsigned char n; /* its length; 0: empty slot */
        uint32_t lists;  /* bit k: in the k-th list of wordset_lists; and the bits of named_words */
    } slot[WORDSET_SLOTS];
    uint16_t lengths[256]; /* per first byte (the words are lower case): bit n, some word of n bytes opens
                            * with it; a token no word could be is told without its key and hash */
} wordset;

/* Forms of "be" before a passive's participle, and the relative pronouns. */
static const char *const be_forms[] = {"was", "were", "is", "are", "been", "being", "be", NULL};
static const char *const relatives[] = {"who", "which", "that", NULL};

/* Auxiliaries other than "be": a finite verb's subject phrase ends at one ("ca" and "wo" of "can't" and
 * "won't", split from their "n't"). */
static const char *const auxiliaries[] = {"has",   "have", "had", "will", "would", "could", "should", "may",
                                          "might", "must", "can", "did",  "does",  "do",    "shall",  "ca",
                                          "wo",    NULL};

/* Prepositions that let a phrase qualify the noun before it ("a spokesman for the company", "exiles outside
 * the courthouse"); not "by" (a passive's agent) nor "to". */
static const char *const qualifying[] = {"of", "for", "in",   "with",    "at",
                                         "from", "on", "near", "outside", "inside", NULL};

/* Modals ("ca" of "can't"), before a verb the model gives no tense (after_modal). */
static const char *const modals[] = {"would", "could", "should", "may", "might", "must", "can", "ca", NULL};

static const char *const *const wordset_lists[] = {between_words, stop_words, articles,  pronouns,
                                                   subordinators, be_forms,   relatives, auxiliaries,
                                                   qualifying,    modals};
/* The bits of wordset_lists, what tok_is asks about. */
enum {
    BETWEEN = 1,
    STOP = 2,
    ARTICLE = 4,
    PRONOUN = 8,
    SUBORDINATOR = 16,
    BE = 32,
    RELATIVE = 64,
    AUXILIARY = 128,
    QUALIFYING = 256,
    MODAL = 512,
    LOOKED_UP = 1024
};

/* What else ctx.lists keeps of a token once asked (tok_punct, tok_in_timex, tok_tense): the same questions
 * come back for a token from every event of its sentence, and tok_tense and tok_in_timex each cost a search
 * by halves. The tense is kept plus one (0: no event starts at the token) in TENSE_BITS. */
enum {
    PUNCT_KNOWN = 1u << 11,
    PUNCT = 1u << 12,
    TIMEX_KNOWN = 1u << 13,
    IN_TIMEX = 1u << 14,
    TENSE_KNOWN = 1u << 15,
    TENSE_SHIFT = 16,
    TENSE_BITS = 7u << TENSE_SHIFT,
    ADVERB = 1u << 19, /* tok_adverb, set by look_up: asked of the tokens asked about with tok_is */
    CLITIC = 1u << 20, /* clitic_of, set by look_up too */
    /* the words of named_words, one bit each */
    AND = 1u << 21,
    BUT = 1u << 22,
    OR = 1u << 23,
    BY = 1u << 24,
    WHICH = 1u << 25,
    WHO = 1u << 26,
    OF = 1u << 27,
    SIGNAL_SHIFT = 28 /* the bits from it up: the signal (below) a word of named_words is, if any */
};

/* The words before a time expression that link_timex tells apart (SIG_NONE: any other word, or none). */
typedef enum signal {
    SIG_NONE,
    SIG_THE,
    SIG_SINCE,
    SIG_FROM,
    SIG_BETWEEN,
    SIG_UNTIL,
    SIG_TILL,
    SIG_THROUGH,
    SIG_BY,
    SIG_DUE,
    SIG_BEFORE,
    SIG_AFTER
} signal;
_Static_assert(SIG_AFTER < 1u << (32 - SIGNAL_SHIFT), "a signal fits in a token's bits");

/* Words asked about one at a time where every event or token asks ("and" or "but" ends a summary, "by"
 * after a verb opens its agent), and the signals, asked of the word before every time an event takes: a
 * bit each, or the signal, looked up with the lists, rather than their bytes compared (tok_word) each
 * time. */
static const struct {
    const char *word;
    uint32_t bit;
} named_words[] = {{"and", AND},
                   {"but", BUT},
                   {"or", OR},
                   {"by", BY | (uint32_t)SIG_BY << SIGNAL_SHIFT},
                   {"which", WHICH},
                   {"who", WHO},
                   {"of", OF},
                   {"the", (uint32_t)SIG_THE << SIGNAL_SHIFT},
                   {"since", (uint32_t)SIG_SINCE << SIGNAL_SHIFT},
                   {"from", (uint32_t)SIG_FROM << SIGNAL_SHIFT},
                   {"between", (uint32_t)SIG_BETWEEN << SIGNAL_SHIFT},
                   {"until", (uint32_t)SIG_UNTIL << SIGNAL_SHIFT},
                   {"till", (uint32_t)SIG_TILL << SIGNAL_SHIFT},
                   {"through", (uint32_t)SIG_THROUGH << SIGNAL_SHIFT},
                   {"due", (uint32_t)SIG_DUE << SIGNAL_SHIFT},
                   {"before", (uint32_t)SIG_BEFORE << SIGNAL_SHIFT},
                   {"after", (uint32_t)SIG_AFTER << SIGNAL_SHIFT}};

/* ctx.line: what is known of each time expression, worked out once rather than for each event that weighs
 * it (POSSESSIVE to FROM_NOW had cost 2 M instructions on the 2 MB slice, asked of every event and time of
 * a sentence) */
enum {
    OWN_LINE = 1,
    HEADER = 2,
    DATELINE = 4,
    COMPARED = 8,
    POSSESSIVE = 16, /* possessive */
    MODIFIER = 32,   /* modifier */
    RATE = 64,       /* rate */
    FROM_NOW = 128   /* now_of_from_now */
};

/* What mark_heads keeps of each time expression: the events that took it. */
typedef struct head {
    chr_event *left, *right, *near;
    size_t neard, count, sent_start;
} head;

typedef struct ctx {
    const char *text;
    size_t len;
    const chr__tokens *toks;
    const wordset *words;
    chr__wordent *const *went; /* per token, its word cache entry, where look_up keeps a word's bits (link),
                                * or NULL; or NULL */
    uint32_t *lists;      /* per token: its bits of wordset_lists, named_words, ADVERB and CLITIC, with
                           * LOOKED_UP once looked up, and the answers kept of tok_punct, tok_in_timex and
                           * tok_tense */
    const char *dct;      /* the document date as a TIMEX3 value, or "" */
    chr_gran dct_gran;    /* its granularity */
    const chr_gran *gran; /* per time expression: the granularity of its value */
    const unsigned char *line; /* per time expression: OWN_LINE, HEADER, DATELINE, COMPARED (own_line,
                                * header_label, in_dateline, comparison_term) and the bits after them */
    unsigned char lines;       /* the bits of line of all the time expressions: most texts have no HEADER */
    int wrapped; /* the text is hard-wrapped: a line break is no boundary (hard_wrapped) */
    const size_t *breaks; /* the tokens that open a headline's line (line_break_at), in order; nbreaks of them
                           * (lines_of_headlines) */
    size_t nbreaks;
    unsigned char *soft_commas; /* see soft_commas_size, or NULL */
    uint64_t *marks; /* per 64 bytes of the text, its marks (mark_word), or NULL when out of memory; once
                      * known, the block's bit is set in marks_known */
    unsigned char *marks_known;
    uint32_t known; /* TENSE_KNOWN, TIMEX_KNOWN: set in every token's bits at once (know_tenses,
                     * know_timexes) */
    const chr_timex *timexes; /* the result's; tx_tok: for the k-th, tok_at of its start at 2k, of its end at
                               * 2k + 1 (tx_start, tx_end) */
    const size_t *tx_tok;
    const chr_event *events; /* the result's; ev_tok: for the k-th, tok_at of its start (know_tenses) */
    const size_t *ev_tok;
    void *scratch; /* room for a head per time expression, for link_timexes (a byte each) and then
                    * mark_heads, each of which zeroes what it uses (two callocs a document had cost 0.6 M
                    * instructions on the 2 MB slice) */
} ctx;

/* ASCII only: the library runs in the C locale whatever the program's, so these are what ctype.h
 * would say there, without its table look-up through a call. */
static int lower(unsigned char ch) { return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch; }

/* Whether s[0..n) is w (NUL-terminated) regardless of case, as strlen(w) == n && !strncasecmp would say. */
static int same_word(const char *w, const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && w[k] && lower((unsigned char)w[k]) == lower((unsigned char)s[k]))
        k++;
    return k == n && !w[k];
}

/* s[0..n) (0 < n <= 16) in lower case as two words with zeros past its n bytes (key[0] the first 8), of which
 * room are readable from s: how the table and a token are compared, 8 bytes at a time rather than one. */
static inline void word_key(uint64_t key[2], const char *s, size_t n, size_t room)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (room >= 16) { /* two loads, the bytes past n masked off */
        memcpy(key, s, 16);
        key[0] &= n >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * n)) - 1;
        key[1] &= n >= 16 ? ~(uint64_t)0 : n <= 8 ? 0 : ((uint64_t)1 << (8 * (n - 8))) - 1;
    } else
#endif
    {
        unsigned char b[16] = {0};
        memcpy(b, s, n);
        memcpy(key, b, 16);
    }
    /* lower, a byte at a time as it were: A..Z (the high bit clear) gain 0x20 */
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (int k = 0; k < 2; k++) {
        uint64_t x = key[k], low7 = x & ~highs;
        uint64_t upper = (low7 + ones * (0x80 - 'A')) & ~(low7 + ones * (0x80 - 'Z' - 1)) & ~x & highs;
        key[k] = x | upper >> 2;
    }
}

/* The slot a key hashes to: the words of the lists seldom need a second probe. */
static inline size_t word_hash(const uint64_t key[2])
{
    return (size_t)(((key[0] ^ key[1] * 31) * 0x9E3779B97F4A7C15u) >> (64 - WORDSET_BITS));
}

/* Word w into the table with the bits lists. */
static void wordset_add(wordset *ws, const char *w, uint32_t lists)
{
    size_t n = strlen(w), h;
    uint64_t key[2];
    word_key(key, w, n, n);
    for (h = word_hash(key); ws->slot[h].n; h = (h + 1) & (WORDSET_SLOTS - 1))
        if (ws->slot[h].n == n && ws->slot[h].key[0] == key[0] && ws->slot[h].key[1] == key[1])
            break;
    ws->slot[h].key[0] = key[0];
    ws->slot[h].key[1] = key[1];
    ws->slot[h].n = (unsigned char)n;
    ws->slot[h].lists |= lists;
    ws->lengths[(unsigned char)w[0]] |= (uint16_t)(1u << n);
}

static void wordset_build(wordset *ws)
{
    memset(ws, 0, sizeof *ws);
    for (size_t l = 0; l < sizeof wordset_lists / sizeof wordset_lists[0]; l++)
        for (const char *const *w = wordset_lists[l]; *w; w++)
            wordset_add(ws, *w, 1u << l);
    for (size_t k = 0; k < sizeof named_words / sizeof named_words[0]; k++)
        wordset_add(ws, named_words[k].word, named_words[k].bit);
}

/* The bits of wordset_lists (and named_words) that s[0..n) has, room bytes of it readable. */
static unsigned word_lists(const wordset *ws, const char *s, size_t n, size_t room)
{
    if (n == 0 || n > WORDSET_LONGEST || !(ws->lengths[lower((unsigned char)s[0])] >> n & 1))
        return 0;
    uint64_t key[2];
    word_key(key, s, n, room);
    for (size_t h = word_hash(key); ws->slot[h].n; h = (h + 1) & (WORDSET_SLOTS - 1))
        if (ws->slot[h].n == n && ws->slot[h].key[0] == key[0] && ws->slot[h].key[1] == key[1])
            return ws->slot[h].lists;
    return 0;
}

/* word_lists of s[0..n) with each U+2019 in it taken as ' ("n’t", "it’s"); out of line, so that look_up,
 * for the other tokens, needs no buffer on its stack. */
static unsigned __attribute__((noinline)) word_lists_rsquo(const wordset *ws, const char *s, size_t n)
{
    char ascii[16] = {0};
    size_t o = 0;
    for (size_t k = 0; k < n && o < sizeof ascii; k++, o++) {
        if (chr__utf8_rsquo((const unsigned char *)s + k, n - k)) {
            ascii[o] = '\'';
            k += 2;
        } else {
            ascii[o] = s[k];
        }
    }
    return word_lists(ws, ascii, o, sizeof ascii);
}

static int tok_adverb(const ctx *c, size_t i);
static int clitic_of(const ctx *c, size_t i);

/* Token i's bits of wordset_lists, with ADVERB, CLITIC and LOOKED_UP; the apostrophe U+2019 is taken as '
 * ("n’t", "it’s"). They depend on the token's bytes alone. Out of line: asked once a word, not once a token,
 * it would only make look_up save registers. */
static unsigned __attribute__((noinline)) word_bits(const ctx *c, size_t i)
{
    const chr__token *t = &c->toks->v[i];
    const char *s = c->text + t->start;
    size_t n = t->end - t->start;
    /* the tokenizer splits clitics off, so U+2019 can only open a token ("’s") or follow its n ("n’t") */
    int rsquo = n >= 3 && n <= WORDSET_LONGEST + 2 &&
                ((unsigned char)s[0] == 0xE2 || (unsigned char)s[1] == 0xE2);
    unsigned bits = rsquo ? word_lists_rsquo(c->words, s, n) : word_lists(c->words, s, n, c->len - t->start);
    return bits | LOOKED_UP | (tok_adverb(c, i) ? ADVERB : 0) | (clitic_of(c, i) ? CLITIC : 0);
}

/* Token i's word_bits, the first time token i is asked about: from its word cache entry, where the first
 * token of the word (in this document or an earlier one of the thread) left them. */
static unsigned look_up(const ctx *c, size_t i)
{
    chr__wordent *we = c->went ? c->went[i] : NULL;
    unsigned bits = we ? we->link : 0;
    if (!bits) {
        bits = word_bits(c, i);
        if (we)
            we->link = bits;
    }
    return c->lists[i] |= bits;
}

/* Token i's bits, with those of look_up. Each token is looked up once, when first asked about; inline,
 * since most calls only read the bits. */
static inline unsigned tok_lists(const ctx *c, size_t i)
{
    unsigned bits = c->lists[i];
    return bits & LOOKED_UP ? bits : look_up(c, i);
}

/* Is token i in list (bits of wordset_lists or named_words, or ADVERB)? */
static inline int tok_is(const ctx *c, size_t i, unsigned list) { return (tok_lists(c, i) & list) != 0; }

/* clitic_of(c, i), looked up with the word's lists. */
static inline int tok_clitic(const ctx *c, size_t i) { return tok_is(c, i, CLITIC); }

/* Is token i the word w regardless of case? Inline, with the lengths (when w is a literal, whose length the
 * compiler knows) and the first bytes compared before the call: most tokens asked about differ there. */
static inline int tok_word(const ctx *c, size_t i, const char *w)
{
    const chr__token *t = &c->toks->v[i];
    size_t n = t->end - t->start;
#if defined(__GNUC__)
    if (__builtin_constant_p(__builtin_strlen(w)) && n != __builtin_strlen(w))
        return 0;
#endif
    const char *s = c->text + t->start;
    return lower((unsigned char)s[0]) == lower((unsigned char)w[0]) && same_word(w, s, n);
}

/* Is token i a punctuation mark: an ASCII one, a lone quote (' or the wire services' ''), or a UTF-8 one
 * (U+2010..U+201F dashes and quotes, U+2026 ellipsis, U+00AB and U+00BB guillemets) standing alone? A
 * clitic ("'s", "’s"), an apostrophe glued to its word ("Jobs'") and a word in another script are not. */
static int punct_of(const ctx *c, size_t i)
{
    const chr__token *t = &c->toks->v[i];
    const unsigned char *s = (const unsigned char *)c->text + t->start;
    if (chr__ascii_alnum(s[0])) /* most tokens: what follows need not be asked */
        return 0;
    size_t n = t->end - t->start;
    int glued = i > 0 && c->toks->v[i - 1].end == t->start &&
                chr__ascii_alnum((unsigned char)c->text[t->start - 1]); /* "Jobs'": a possessive */
    if (s[0] == '\'')
        return (n == 1 && !glued) || (n == 2 && s[1] == '\'');
    if (s[0] == 0xE2)
        return n == 3 && s[1] == 0x80 &&
               ((s[2] >= 0x90 && s[2] <= 0x9F && !(s[2] == 0x99 && glued)) || s[2] == 0xA6);
    if (s[0] == 0xC2)
        return n == 2 && (s[1] == 0xAB || s[1] == 0xBB);
    return s[0] < 0x80;
}

/* punct_of(c, i), worked out once for token i; a word, which opens with a letter or digit, without the
 * call. */
static inline int tok_punct(const ctx *c, size_t i)
{
    uint32_t bits = c->lists[i];
    if (!(bits & PUNCT_KNOWN)) {
        int punct = !chr__ascii_alnum((unsigned char)c->text[c->toks->v[i].start]) && punct_of(c, i);
        c->lists[i] = bits = bits | PUNCT_KNOWN | (punct ? PUNCT : 0);
    }
    return (bits & PUNCT) != 0;
}

/* Is token i a clitic ("'s", "'re", "’ve": it opens with an apostrophe, ' or U+2019)? */
static int clitic_of(const ctx *c, size_t i)
{
    const chr__token *t = &c->toks->v[i];
    const unsigned char *s = (const unsigned char *)c->text + t->start;
    size_t n = t->end - t->start;
    return (n >= 2 && s[0] == '\'') || (n >= 4 && chr__utf8_rsquo(s, n));
}

static int tok_capital(const ctx *c, size_t i)
{
    unsigned char ch = (unsigned char)c->text[c->toks->v[i].start];
    return ch >= 'A' && ch <= 'Z';
}

/* Nouns in -ly, no adverbs: "his family said", "The assembly voted", "The supply fell" had lost their actor
 * (an adverb before the verb is skipped). */
static const char *const ly_nouns[] = {"anomaly", "assembly", "belly",   "bully",   "butterfly", "duopoly",
                                       "family",  "folly",    "homily",  "jelly",   "monopoly",  "rally",
                                       "reply",   "supply",   "tally",   NULL};

static int tok_adverb(const ctx *c, size_t i)
{
    const chr__token *t = &c->toks->v[i];
    size_t n = t->end - t->start;
    if (!(n > 4 && lower((unsigned char)c->text[t->end - 2]) == 'l' &&
          lower((unsigned char)c->text[t->end - 1]) == 'y' && !tok_capital(c, i)))
        return 0;
    for (const char *const *w = ly_nouns; *w; w++)
        if (same_word(*w, c->text + t->start, n))
            return 0;
    return 1;
}

/* Index of the token that starts at or contains byte offset off (the first one after it if none). */
static size_t tok_at(const ctx *c, size_t off)
{
    size_t lo = 0, hi = c->toks->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->toks->v[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* tok_at(c, t->start) and tok_at(c, t->end) for a time expression t of the result, worked out once. */
static size_t tx_start(const ctx *c, const chr_timex *t)
{
    return c->tx_tok[2 * (size_t)(t - c->timexes)];
}

static size_t tx_end(const ctx *c, const chr_timex *t)
{
    return c->tx_tok[2 * (size_t)(t - c->timexes) + 1];
}

/* Has time expression t of the result the bit of ctx.line? */
static int tx_is(const ctx *c, const chr_timex *t, unsigned bit)
{
    return (c->line[t - c->timexes] & bit) != 0;
}

/* tok_at(c, e->start) for an event e of the result, worked out once. */
static size_t ev_tok(const ctx *c, const chr_event *e)
{
    return c->ev_tok[e - c->events];
}

/* tok_at(c, off), looked for forwards from token from when off lies at or after it (the events in text
 * order: a few tokens apart), by halves otherwise. */
static size_t tok_at_from(const ctx *c, size_t from, size_t off)
{
    if (from > c->toks->n || (from > 0 && c->toks->v[from - 1].end > off))
        return tok_at(c, off);
    while (c->toks->n - from >= 4 && c->toks->v[from + 3].end <= off)
        from += 4; /* four tokens a test: the events are some eight apart */
    while (from < c->toks->n && c->toks->v[from].end <= off)
        from++;
    return from;
}

/* ---- time ---- */

/* The granularity of a TIMEX3 value, as chr_time_parse_value gives it (CHR_GRAN_NONE: not a point in time).
 * A duration ("P3D") and a year, a month or a day (YYYY, YYYY-MM, YYYY-MM-DD), nine in ten of the values of
 * the 2 MB slice, are told here: the parse works out their days too, 3.4 M instructions on that slice. */
static chr_gran gran_of(const char *value)
{
    if (value[0] == 'P')
        return CHR_GRAN_NONE;
    int y = chr__digits(value, 4), m, d;
    if (y >= 1 && !value[4])
        return CHR_GRAN_YEAR;
    if (y >= 1 && value[4] == '-' && (m = chr__digits(value + 5, 2)) >= 1 && m <= 12) {
        if (!value[7])
            return CHR_GRAN_MONTH;
        if (value[7] == '-' && (d = chr__digits(value + 8, 2)) >= 0 && !value[10])
            return chr_date_valid(y, m, d) ? CHR_GRAN_DAY : CHR_GRAN_NONE;
    }
    chr_time t;
    if (!value[0] || chr_time_parse_value(&t, value, NULL) != 0)
        return CHR_GRAN_NONE;
    return t.gran;
}

/* dst = src cut to fit n bytes with its NUL, as snprintf(dst, n, "%s", src) would (NULL: ""). */
static void copy_cut(char *dst, size_t n, const char *src)
{
    size_t l = src ? strlen(src) : 0;
    if (l > n - 1)
        l = n - 1;
    memcpy(dst, src ? src : "", l);
    dst[l] = '\0';
}

/* dst = src as copy_cut(dst, 64, src) says, for tm's begin or end; where src is the value (most calls
 * pass the value or "" for both), its copy in tm->value is copied whole, 64 bytes without a call: three
 * strlen and memcpy calls a time had cost 4.5 M instructions on the 2 MB slice. */
_Static_assert(sizeof((chr_event_time *)0)->value == 64 && sizeof((chr_event_time *)0)->begin == 64 &&
                   sizeof((chr_event_time *)0)->end == 64,
               "copy_bound copies 64 bytes");
static inline void copy_bound(char dst[64], const char *src, const char *value, const char value_copy[64])
{
    if (src == value)
        memcpy(dst, value_copy, 64);
    else if (src && !src[0])
        dst[0] = '\0';
    else
        copy_cut(dst, 64, src);
}

/* gran: value's granularity, as gran_of says. value is a 64-byte array (a time's value or begin, the
 * document date, another event's value), copied whole: its strlen and memcpy calls had cost 0.9 M
 * instructions on the 2 MB slice. Inline: the calls, with their eight arguments, cost 1 M more. */
_Static_assert(sizeof((chr_timex *)0)->value == 64 && sizeof((chr_timex *)0)->begin == 64,
               "set_time copies a value of 64 bytes");
static inline void set_time(chr_event_time *tm, int timex, chr_relation rel, const char *value, chr_gran gran,
                            const char *begin, const char *end, const char *rule)
{
    tm->timex = timex;
    tm->relation = rel;
    memcpy(tm->value, value, sizeof tm->value);
    copy_bound(tm->begin, begin, value, tm->value);
    copy_bound(tm->end, end, value, tm->value);
    tm->gran = gran;
    tm->rule = rule;
}

/* The signal token i is (SIG_NONE: none), regardless of case: looked up with its lists (SIGNAL_SHIFT). */
static signal signal_of(const ctx *c, size_t i) { return (signal)(tok_lists(c, i) >> SIGNAL_SHIFT); }

/* Can token i end a hedge (the first words of hedges)? Most tokens before a time cannot: the hedges are
 * not walked for them. */
static int hedge_end(const ctx *c, size_t i)
{
    switch (c->toks->v[i].end - c->toks->v[i].start) { /* by its length, then the words of that length */
    case 2:
        return tok_word(c, i, "as");
    case 5:
        return tok_word(c, i, "least") || tok_word(c, i, "about");
    case 6:
        return tok_word(c, i, "around") || tok_word(c, i, "nearly");
    case 7:
        return tok_word(c, i, "roughly");
    case 13:
        return tok_word(c, i, "approximately");
    default:
        return 0;
    }
}

/* The signal of the word right before token i, skipping one hedge ("at least", "about", "as early as"). */
static signal signal_before(const ctx *c, size_t i)
{
    if (i == 0)
        return SIG_NONE;
    i--;
    if (hedge_end(c, i))
        for (size_t h = 0; h < sizeof hedges / sizeof *hedges; h++) {
            size_t k = 0;
            while (hedges[h][k] && k < i && tok_word(c, i - k, hedges[h][k]))
                k++;
            if (!hedges[h][k]) {
                i -= k;
                break;
            }
        }
    return signal_of(c, i);
}

static int boundary_between(const ctx *c, size_t a, size_t b);

/* Is token i the word w (no: i is past the last token)? */
static int word_at(const ctx *c, size_t i, const char *w)
{
    return i < c->toks->n && tok_word(c, i, w);
}

/* Where the "now" or "today" of "X from now" ("two weeks from now", "a year from today") starts, when text
 * at offset at goes on with " from now" or " from today" (0: it does not). */
static size_t from_now_at(const ctx *c, size_t at)
{
    size_t q = at;
    while (q < c->len && c->text[q] == ' ')
        q++;
    if (q + 5 > c->len || strncasecmp(c->text + q, "from ", 5))
        return 0;
    q += 5;
    while (q < c->len && c->text[q] == ' ')
        q++;
    size_t n = q + 3 <= c->len && !strncasecmp(c->text + q, "now", 3)     ? 3
               : q + 5 <= c->len && !strncasecmp(c->text + q, "today", 5) ? 5
                                                                           : 0;
    if (!n || (q + n < c->len && chr__ascii_alnum((unsigned char)c->text[q + n])))
        return 0;
    return q;
}

/* Is time expression ti the "now" of "X from now", after a duration that leads to a time ("two weeks")?
 * The event takes the duration then, not "now" as the start of an interval. */
static int now_of_from_now(const chr_result *res, const ctx *c, size_t ti)
{
    const chr_timex *d = ti ? &res->timexes[ti - 1] : NULL;
    return d && d->type == CHR_TIMEX_DURATION && d->begin[0] &&
           from_now_at(c, d->end) == res->timexes[ti].start;
}

/* Is w a signal that gives a relation other than IS_INCLUDED to the time after it? */
static int signal_word(signal w)
{
    return w == SIG_SINCE || w == SIG_FROM || w == SIG_UNTIL || w == SIG_TILL || w == SIG_THROUGH ||
           w == SIG_BY || w == SIG_BEFORE || w == SIG_AFTER;
}

/* Is the "until" before time t negated ("not until Tuesday", "wasn't to begin ... until 1993")? */
static int not_until(const ctx *c, const chr_timex *t)
{
    size_t i = tx_start(c, t);
    return i >= 2 && (tok_word(c, i - 2, "not") || tok_word(c, i - 2, "n't"));
}

/* Is time t the bound of "no later than" or "not later than" (-1: the event is at it or before it), or of
 * "no earlier than" or "no sooner than" (1: at it or after it)? 0: neither. */
static int bound_than(const ctx *c, const chr_timex *t)
{
    size_t i = tx_start(c, t);
    if (i < 3 || !tok_word(c, i - 1, "than") || !(tok_word(c, i - 3, "no") || tok_word(c, i - 3, "not")))
        return 0;
    return tok_word(c, i - 2, "later") ? -1 : tok_word(c, i - 2, "earlier") || tok_word(c, i - 2, "sooner");
}

/* Is time t the term of a comparison: "than", or "than" and a preposition, before it ("turnout was lower than
 * in 2020", "prices higher than a year earlier")? What is compared holds after that time, which belongs to
 * another clause's events (", when a record 158 million Americans voted"). Not a bound ("no later than
 * March 1", bound_than). Asked once per time (COMPARED). */
static int comparison_term(const ctx *c, const chr_timex *t)
{
    size_t i = tx_start(c, t);
    if (i >= 1 && tok_word(c, i - 1, "than"))
        return !bound_than(c, t);
    return i >= 2 && tok_word(c, i - 2, "than") &&
           (tok_word(c, i - 1, "in") || tok_word(c, i - 1, "at") || tok_word(c, i - 1, "on") ||
            tok_word(c, i - 1, "during"));
}

/* Is time t counted back from the document date ("a year ago", "a year earlier")? */
static int counted_back(const ctx *c, const chr_timex *t)
{
    size_t n = t->end - t->start;
    const char *s = c->text + t->start;
    return (n > 4 && !strncasecmp(s + n - 4, " ago", 4)) || (n > 8 && !strncasecmp(s + n - 8, " earlier", 8));
}

/* Does event e go on at the document date: a present, or a present perfect ("has operated")? */
static int ongoing(const chr_event *e)
{
    int perfect = e->aspect == CHR_ASPECT_PERFECTIVE || e->aspect == CHR_ASPECT_PERFECTIVE_PROGRESSIVE;
    int state = e->cls == CHR_EVENT_STATE || e->cls == CHR_EVENT_I_STATE;
    return e->tense == CHR_TENSE_PRESENT && (perfect || state || e->aspect == CHR_ASPECT_PROGRESSIVE);
}

/* Does "for" stand before duration t, over one hedge ("deliberated for two days", "had practiced for only
 * nine days before the opener"): how long the event on its left lasted? */
static int lasted_for(const ctx *c, const chr_timex *t)
{
    size_t i = tx_start(c, t);
    if (word_at(c, i - 1, "for"))
        return 1;
    return (word_at(c, i - 1, "only") || word_at(c, i - 1, "just") || word_at(c, i - 1, "about") ||
            word_at(c, i - 1, "nearly") || word_at(c, i - 1, "almost") || word_at(c, i - 1, "roughly") ||
            word_at(c, i - 1, "barely")) &&
           word_at(c, i - 2, "for");
}

/* Is time t a counted period ("13 days"), not "the weeks" or "days"? w: the signal before it. Asked of a
 * duration before "after", "before" or "later" only: of every time an event took, it had cost 1 M
 * instructions on the 2 MB slice. */
static int counted(const ctx *c, const chr_timex *t, signal w)
{
    return w != SIG_THE && strncasecmp(c->text + t->start, "the ", 4) &&
           memchr(c->text + t->start, ' ', t->end - t->start);
}

static void link_timex(chr_event *e, int ti, const chr_timex *t, const ctx *c)
{
    signal w = signal_before(c, tx_start(c, t));
    if (tx_is(c, t, POSSESSIVE))
        w = SIG_NONE; /* "the toll from Friday's earthquake": the signal is the noun's, not the time's (TBAQ
                       * with the gold events: 1531 -> 1535 links) */
    size_t next = tx_end(c, t); /* the word after the timex: "13 days after", "a few days later" */
    if (w == SIG_THE && strncasecmp(c->text + t->start, "the ", 4) &&
        !(next < c->toks->n && c->toks->v[next].start == e->start)) {
        /* a time that modifies a noun after a signal: "since shortly after the Oct. 23 slaying" (the verb is
         * AFTER Oct. 23; "slaying" itself, the noun right after the time, is not) */
        size_t i = tx_start(c, t);
        if (i >= 2 && (tok_word(c, i - 2, "after") || tok_word(c, i - 2, "before") ||
                       tok_word(c, i - 2, "since") || tok_word(c, i - 2, "until")))
            w = signal_before(c, i - 1);
    }
    signal w_next = next < c->toks->n ? signal_of(c, next) : SIG_NONE;
    int after = w_next == SIG_AFTER, before = w_next == SIG_BEFORE;
    if (t->type == CHR_TIMEX_DURATION && (after || before || word_at(c, next, "later")) && counted(c, t, w) &&
        !(e->end <= t->start && lasted_for(c, t))) {
        /* a period between two events: "one year after he was killed" (killed BEGINS the year, the event it
         * leads to ENDS it), "several months before he entered" (the reverse), "a few days later"; not "in
         * the weeks before the shooting" or "days after", a stretch of time the events fall in, nor "for two
         * days before" for the event that lasted them */
        int anchor = e->start >= t->end && !boundary_between(c, t->end, e->start); /* the event after the signal */
        int begins = after ? anchor : before ? !anchor : 0;
        set_time(&e->time, ti, begins ? CHR_REL_BEGINS : CHR_REL_ENDS, t->value, c->gran[ti],
                 t->begin, t->end_value, "duration");
    } else if (t->type == CHR_TIMEX_DURATION && t->begin[0] && from_now_at(c, t->end)) {
        /* "published two weeks from now": in the time it leads to */
        set_time(&e->time, ti, CHR_REL_IS_INCLUDED, t->begin, gran_of(t->begin), t->begin, t->end_value,
                 "duration");
    } else if (t->type != CHR_TIMEX_DURATION && e->start >= t->end && signal_word(w) &&
               t->start - e->sent_start > INTRO_REACH && boundary_between(c, t->end, e->start)) {
        /* a signal governs its own clause, not one after a comma: "have cared for him since November, when
         * he was found" (found is in November; TBAQ with the gold events: 1525 -> 1531 links) */
        set_time(&e->time, ti, CHR_REL_IS_INCLUDED, t->value, c->gran[ti], t->value, t->value,
                 "same-sentence");
    } else if (t->type == CHR_TIMEX_DURATION) {
        set_time(&e->time, ti, CHR_REL_DURING, t->value, c->gran[ti], t->begin, t->end_value, "duration");
    } else if (w == SIG_SINCE || w == SIG_FROM || w == SIG_BETWEEN) {
        /* "from now on" begins at the document date. "since 1979" runs to it, as does a change counted from
         * a time before it ("fell 8.4% from a year ago"); "from 1983" with no time that closes it only when
         * the event goes on at the document date ("has operated from 1990"): "directed the lab from 1983"
         * ended at a time the sentence may not give ("until her retirement"). */
        const char *from = strcmp(t->value, "PRESENT_REF") ? t->value : c->dct;
        int open = w == SIG_SINCE || ongoing(e) || counted_back(c, t);
        set_time(&e->time, ti, CHR_REL_BEGUN_BY, t->value, c->gran[ti], from,
                 t->end_value[0] ? t->end_value : open ? c->dct : "", "signal:since");
    } else if ((w == SIG_UNTIL || w == SIG_TILL) &&
               (not_until(c, t) || (e->negative && e->end <= t->start))) {
        /* "it was not until Tuesday that Castro revealed", "talks will not start until next week": the event
         * is at the time, not ended by it */
        set_time(&e->time, ti, CHR_REL_IS_INCLUDED, t->value, c->gran[ti], t->value, t->value,
                 "same-sentence");
    } else if (w == SIG_UNTIL || w == SIG_TILL || w == SIG_THROUGH || w == SIG_BY ||
               w == SIG_DUE) { /* "debentures due March 1, 2011" */
        set_time(&e->time, ti, CHR_REL_ENDED_BY, t->value, c->gran[ti], "", t->value, "signal:until");
    } else if (t->type != CHR_TIMEX_DURATION && bound_than(c, t) < 0) {
        /* "must decide no later than March 1": at the time or before it, as "by March 1" */
        set_time(&e->time, ti, CHR_REL_ENDED_BY, t->value, c->gran[ti], "", t->value, "signal:until");
    } else if (t->type != CHR_TIMEX_DURATION &&
               (bound_than(c, t) > 0 || (w == SIG_BEFORE && e->negative && e->end <= t->start))) {
        /* "will fly no earlier than 2026", "will not reopen before September": at the time or after it, an
         * interval that opens with it */
        set_time(&e->time, ti, CHR_REL_BEGUN_BY, t->value, c->gran[ti], t->value, "", "signal:since");
    } else if (w == SIG_BEFORE) {
        set_time(&e->time, ti, CHR_REL_BEFORE, t->value, c->gran[ti], "", t->value, "signal:before");
    } else if (w == SIG_AFTER) {
        set_time(&e->time, ti, CHR_REL_AFTER, t->value, c->gran[ti], t->value, "", "signal:after");
    } else if (e->end <= t->start && (c->line[ti] & COMPARED)) {
        /* "lower than in 2020": what is compared holds after the time (TimeBank: "higher than a year
         * earlier" is AFTER it) */
        set_time(&e->time, ti, CHR_REL_AFTER, t->value, c->gran[ti], t->value, "", "signal:than");
    } else if (e->cls == CHR_EVENT_REPORTING && e->end <= t->start && tx_is(c, t, MODIFIER) &&
               (c->gran[ti] == CHR_GRAN_QUARTER || c->gran[ti] == CHR_GRAN_HALF)) {
        /* "reported third-quarter profit": results are reported after their period (TBAQ with the gold
         * events: 3 links fixed, 1 lost) */
        set_time(&e->time, ti, CHR_REL_AFTER, t->value, c->gran[ti], t->value, "", "same-sentence");
    } else if (t->type == CHR_TIMEX_SET) {
        /* "held rallies daily": in each of the set's times, none of which is an interval of its own */
        set_time(&e->time, ti, CHR_REL_IS_INCLUDED, t->value, c->gran[ti], "", "", "same-sentence");
    } else {
        set_time(&e->time, ti, CHR_REL_IS_INCLUDED, t->value, c->gran[ti], t->value, t->value,
                 "same-sentence");
    }
}

/* Is the comma at offset i one between digits ("50,000"), no clause boundary? */
static int digit_comma(const ctx *c, size_t i)
{
    return i > 0 && i + 1 < c->len && c->text[i - 1] >= '0' && c->text[i - 1] <= '9' &&
           c->text[i + 1] >= '0' && c->text[i + 1] <= '9';
}

/* Is the comma at offset i one of those around a state or country abbreviation after a place ("Newark,
 * N.J., airport", "Birmingham, Ala., clinic"), no clause boundary? */
/* US states by name, for the commas around them after a place ("Austin, Texas, rose"). */
static const char *const states[] = {
    "Alabama",       "Alaska",       "Arizona",      "Arkansas",       "California",    "Colorado",
    "Connecticut",   "Delaware",     "Florida",      "Georgia",        "Hawaii",        "Idaho",
    "Illinois",      "Indiana",      "Iowa",         "Kansas",         "Kentucky",      "Louisiana",
    "Maine",         "Maryland",     "Massachusetts", "Michigan",      "Minnesota",     "Mississippi",
    "Missouri",      "Montana",      "Nebraska",     "Nevada",         "New Hampshire", "New Jersey",
    "New Mexico",    "New York",     "North Carolina", "North Dakota", "Ohio",          "Oklahoma",
    "Oregon",        "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota",  "Tennessee",
    "Texas",         "Utah",         "Vermont",      "Virginia",       "Washington",    "West Virginia",
    "Wisconsin",     "Wyoming",      NULL};

#define STATE_LONGEST 14 /* "North Carolina", "South Carolina" */

/* Is text[at..at+n) a state's name? The names are in order: those after s's first letter are not asked. */
static int is_state(const char *s, size_t n)
{
    for (const char *const *w = states; *w && (*w)[0] <= s[0]; w++)
        if ((*w)[0] == s[0] && strlen(*w) == n && !memcmp(s, *w, n))
            return 1;
    return 0;
}

/* The length of the state name that text[at..) opens, followed by a comma (0: none). */
static size_t state_at(const ctx *c, size_t at)
{
    size_t q = at;
    while (q < c->len && q - at <= STATE_LONGEST && c->text[q] != ',' && c->text[q] != '\n')
        q++;
    return q < c->len && c->text[q] == ',' && q > at && is_state(c->text + at, q - at) ? q - at : 0;
}

/* Does a state name end right before offset at, after ", " (the comma after "Austin, Texas")? */
static int state_before(const ctx *c, size_t at)
{
    /* a state's last word is a capital and lower-case letters, which the word before most commas is not:
     * told without the walk back to a comma */
    size_t lo = at > STATE_LONGEST ? at - STATE_LONGEST - 1 : 0, w = at; /* the walks stop after lo */
    while (w > lo && c->text[w - 1] >= 'a' && c->text[w - 1] <= 'z')
        w--;
    if (w == 0 || c->text[w - 1] < 'A' || c->text[w - 1] > 'Z')
        return 0;
    size_t b = w - 1; /* on from the capital: the letters walked over hold no comma */
    while (b > lo && c->text[b - 1] != ',' && c->text[b - 1] != '\n')
        b--;
    /* b is after a comma; the name starts after its space */
    return b >= 1 && c->text[b - 1] == ',' && b < at && c->text[b] == ' ' && is_state(c->text + b + 1, at - b - 1);
}

static int place_comma(const ctx *c, size_t i)
{
    const char *t = c->text;
    if (i + 2 < c->len && t[i + 1] == ' ' && t[i + 2] >= 'A' && t[i + 2] <= 'Z' && state_at(c, i + 2))
        return 1; /* the comma before "Texas," */
    if (i > 0 && t[i - 1] >= 'a' && t[i - 1] <= 'z' && state_before(c, i))
        return 1; /* the comma after it */
    size_t q = i + 1;
    if (q < c->len && t[q] == ' ')
        q++;
    size_t s = q;
    if (q < c->len && t[s] >= 'A' && t[s] <= 'Z') { /* the capital first: most words after commas have none */
        while (q < c->len && q - s < 7 && (chr__ascii_alnum((unsigned char)t[q]) || t[q] == '.'))
            q++;
        if (q > s + 1 && t[q - 1] == '.' && q < c->len && t[q] == ',')
            return 1; /* the comma before it */
    }
    if (i < 3 || t[i - 1] != '.')
        return 0;
    size_t e = i, b = i;
    while (b > 0 && e - b < 7 && (chr__ascii_alnum((unsigned char)t[b - 1]) || t[b - 1] == '.'))
        b--;
    /* the comma after it */
    return e > b + 1 && t[b] >= 'A' && t[b] <= 'Z' && b >= 2 && t[b - 1] == ' ' && t[b - 2] == ',';
}

/* Is the comma at offset i one of a list of names ("the Czech Republic, Hungary and Poland on Friday"): a
 * capitalised word before it and after it, and "and" or "or" before a capitalised word soon after, with
 * only words and commas between? */
static int list_comma(const ctx *c, size_t i)
{
    const char *t = c->text;
    size_t q = i + 1; /* the word after the comma first: most commas have none capitalised */
    if (q < c->len && t[q] == ' ')
        q++;
    if (q >= c->len || !isupper((unsigned char)t[q]))
        return 0;
    size_t b = i;
    while (b > 0 && isalpha((unsigned char)t[b - 1]))
        b--;
    if (b == i || !isupper((unsigned char)t[b]))
        return 0;
    for (size_t k = q; k < c->len && k - q < LIST_REACH; k++) {
        unsigned char ch = (unsigned char)t[k];
        int and = k + 5 < c->len && !memcmp(t + k, " and ", 5) && isupper((unsigned char)t[k + 5]);
        int or = k + 4 < c->len && !memcmp(t + k, " or ", 4) && isupper((unsigned char)t[k + 4]);
        if (and || or)
            return 1;
        if (!(isalnum(ch) || ch == ' ' || ch == ',' || ch == '.' || ch == '-' || ch == '\''))
            return 0;
    }
    return 0;
}

/* Is the comma at offset i a clause boundary: not one of "50,000" (digit_comma), "Newark, N.J.,"
 * (place_comma) or "Hungary, Poland and ..." (list_comma)? */
static int clause_comma(const ctx *c, size_t i)
{
    if (c->soft_commas) { /* worked out once per comma (soft_commas_size) */
        unsigned char bit = (unsigned char)(1u << (i & 7)), *soft = c->soft_commas + (i >> 3),
                      *known = soft + c->len / 8 + 1;
        if (!(*known & bit)) {
            *known |= bit;
            if (digit_comma(c, i) || place_comma(c, i) || list_comma(c, i))
                *soft |= bit;
        }
        return !(*soft & bit);
    }
    return !digit_comma(c, i) && !place_comma(c, i) && !list_comma(c, i);
}

/* ctx.soft_commas: two bitmaps of the document's bytes, one bit a byte: the commas that are no clause
 * boundary (digit_comma, place_comma, list_comma), then the commas asked about. The distance to a time asks
 * about the same commas for every event and time of a sentence (the states' names made each question cost
 * some 60 compares); a comma is worked out when first asked, as most never are. NULL: asked each time. */
static size_t soft_commas_size(size_t len) { return 2 * (len / 8 + 1); }

/* Is byte ch one that clause_gap (',' ';' '-' '_'), boundary_between (',' ';' ':' '-') or quotes_between
 * ('"' '\'' '`', and 0xE2, which opens U+201C and U+201D) looks at? */
static int mark_byte(unsigned char ch)
{
    return ch == ',' || ch == ';' || ch == ':' || ch == '-' || ch == '_' || ch == '"' || ch == '\'' ||
           ch == '`' || ch == 0xE2;
}

/* The words of ctx.marks and the bytes of ctx.marks_known for a text of len bytes. */
static size_t marks_words(size_t len) { return len / 64 + 1; }
static size_t marks_known_size(size_t len) { return marks_words(len) / 8 + 1; }

/* The marks (mark_byte) of the w-th 64 bytes of the text, bit k for byte 64 w + k, found when first asked.
 * The events of a sentence ask about the bytes between each of them and each time of the sentence, the
 * same bytes again and again: walked for every question (19,800 of clause_gap, 19,600 of quotes_between,
 * 7,000 of boundary_between), they cost 13.2 M instructions on the 2 MB slice; from mark to mark, 6.4 M, of
 * which 2 M find the marks of the blocks asked about (two in five of the text). */
static uint64_t __attribute__((noinline)) find_marks(const ctx *c, size_t w)
{
    const char *text = c->text + 64 * w;
    size_t n = c->len - 64 * w < 64 ? c->len - 64 * w : 64, k = 0;
    uint64_t m = 0;
#if defined(__SSE2__)
    for (; n - k >= 16; k += 16) { /* 16 bytes a compare */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + k));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
                                   _mm_cmpeq_epi8(v, _mm_set1_epi8(';')));
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
        hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')),
                                             _mm_cmpeq_epi8(v, _mm_set1_epi8('_'))));
        hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                             _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))));
        hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('`')),
                                             _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2))));
        m |= (uint64_t)(unsigned)_mm_movemask_epi8(hit) << k;
    }
#endif
    for (; k < n; k++)
        if (mark_byte((unsigned char)text[k]))
            m |= (uint64_t)1 << k;
    c->marks_known[w / 8] |= (unsigned char)(1u << (w % 8));
    return c->marks[w] = m;
}

static inline uint64_t mark_word(const ctx *c, size_t w)
{
    return c->marks_known[w / 8] >> (w % 8) & 1 ? c->marks[w] : find_marks(c, w);
}

/* The first mark (mark_byte) at or after offset i and before to (to when none). */
static inline size_t next_mark(const ctx *c, size_t i, size_t to)
{
    if (!c->marks) { /* out of memory: a byte at a time */
        while (i < to && !mark_byte((unsigned char)c->text[i]))
            i++;
        return i;
    }
    while (i < to) {
        uint64_t m = mark_word(c, i / 64) >> (i % 64);
        if (m) {
            size_t k = 0;
#if defined(__GNUC__)
            k = (size_t)__builtin_ctzll(m);
#else
            while (!(m >> k & 1))
                k++;
#endif
            return i + k < to ? i + k : to;
        }
        i = (i / 64 + 1) * 64;
    }
    return to;
}

/* What the clause boundaries (commas, semicolons, dashes) between two offsets add to their distance. */
static size_t clause_gap(const ctx *c, size_t from, size_t to)
{
    size_t gap = 0;
    for (size_t i = next_mark(c, from, to); i < to; i = next_mark(c, i + 1, to)) {
        char ch = c->text[i];
        if ((ch == ',' && clause_comma(c, i)) || ch == ';' ||
            (ch == '-' && i + 1 < to && c->text[i + 1] == '-') ||
            (ch == '_' && i > from && c->text[i - 1] == ' '))
            gap += CLAUSE_PENALTY;
    }
    return gap;
}

/* Is t a possessive ("Monday's email announcement"): a modifier of the noun after it, not an adverbial. */
static int possessive(const ctx *c, const chr_timex *t)
{
    const char *p = c->text + t->end;
    size_t left = c->len - t->end;
    return (left >= 2 && p[0] == '\'' && (p[1] == 's' || p[1] == 'S')) ||
           (left >= 4 && !memcmp(p, "\xe2\x80\x99s", 4));
}

/* Is t a modifier of the noun after it: a hyphenated compound ("a 24-hour candle", "third-quarter
 * earnings", "a year-earlier loss")? A possessive ("Sunday's debate") is weighed apart. */
static int modifier(const ctx *c, const chr_timex *t)
{
    const char *p = c->text + t->end;
    size_t left = c->len - t->end;
    /* or the first of two, the second an amount: "a 10-year, $700 million contract" */
    int amount = left >= 3 && p[0] == ',' && p[1] == ' ' && (p[2] == '$' || isdigit((unsigned char)p[2]));
    if (!amount && (left < 2 || p[0] != ' ' || !islower((unsigned char)p[1])))
        return 0;
    size_t i = t->end;
    while (i > t->start && c->text[i - 1] != ' ') /* the last word of the expression */
        i--;
    return memchr(c->text + i, '-', t->end - i) != NULL;
}

/* Is t a rate's unit: "a month" or "an hour" right after a number ("358,000 a month", "$15 an hour")? */
static int rate(const ctx *c, const chr_timex *t)
{
    const char *p = c->text + t->start;
    if (t->type != CHR_TIMEX_DURATION && t->type != CHR_TIMEX_SET)
        return 0;
    int article = (p[0] == 'a' || p[0] == 'A') && (p[1] == ' ' || (p[1] == 'n' && p[2] == ' '));
    if (t->end - t->start <= 2 || !article)
        return 0;
    size_t i = t->start;
    while (i > 0 && c->text[i - 1] == ' ')
        i--;
    return i > 0 && c->text[i - 1] >= '0' && c->text[i - 1] <= '9';
}

/* Bytes a time left of a coordinated predicate adds (TBAQ with the gold events: 1547 links at 20, 30, 40 and
 * 60; 40 puts "and is expected to make landfall late Friday" on Friday rather than on the "early Thursday"
 * 20 bytes before "and") */
#define COORD_PENALTY 40
/* Does a verb event open a predicate coordinated after offset a ("founded in the late 1990s and went public
 * in 2004", "and were planning to drive"), or follow its "to" ("and is expected to make")? The word before
 * it, over auxiliaries and adverbs (and over "to" and a participle before it), is "and", "but" or "or". */
static int coordinated(const ctx *c, const chr_event *e, size_t a)
{
    if (e->tense == CHR_TENSE_NONE)
        return 0;
    size_t i = ev_tok(c, e);
    int to = 0;
    for (size_t k = 0; k < 5 && i > 0 && c->toks->v[i - 1].start >= a; k++, i--) {
        if (tok_is(c, i - 1, AND | BUT | OR))
            return 1;
        if (k == 0 && tok_word(c, i - 1, "to")) {
            to = 1;
            continue;
        }
        const chr__token *w = &c->toks->v[i - 1];
        if (to && k == 1 && w->end - w->start > 3 && !strncmp(c->text + w->end - 2, "ed", 2))
            continue; /* "expected", "scheduled", "planned" */
        if (!tok_is(c, i - 1, AUXILIARY | BE | ADVERB))
            return 0;
    }
    return 0;
}

/* Does a participle open the sentence of time t, right before a preposition of it:
 * "Born on March 3, 1935, in Duluth, Ellison earned a degree in 1956", "Elected in 2020, the mayor"? The
 * time is then the participle's, not one that opens the whole sentence: "earned" had been dated 1935 (the
 * model does not take a sentence's first "Born" for an event). TBAQ and the 276 documents: no link
 * changes. */
static int participle_before(const ctx *c, const chr_timex *t)
{
    size_t k = tx_start(c, t);
    if (k >= c->toks->n)
        return 0;
    size_t i = c->toks->sent_first[c->toks->v[k].sent];
    if (i + 1 >= k)
        return 0;
    const chr__token *w = &c->toks->v[i];
    size_t n = w->end - w->start;
    const char *s = c->text + w->start;
    int participle = tok_word(c, i, "born") ||
                     (n > 4 && (!strncmp(s + n - 2, "ed", 2) || !strncmp(s + n - 2, "en", 2)));
    return participle && (tok_word(c, i + 1, "on") || tok_word(c, i + 1, "in") || tok_word(c, i + 1, "at"));
}

/* How far time expression t is from event e, in bytes with penalties: the text between them, what the
 * clause boundaries between them add, a duration's weaker claim and, at equal distance, the time on the
 * right ("gathered Wednesday night" rather than "42 years ago gathered"). (size_t)-1 when t is out of
 * reach. */
static size_t timex_distance(const ctx *c, const chr_event *e, const chr_timex *t)
{
    size_t d;
    int opens = 0; /* a time that opens the sentence ("On Sept. 2, police raided ... and searched ...") */
    if (t->end <= e->start) {
        d = e->start - t->end;
        int intro = t->start - e->sent_start <= INTRO_REACH && !participle_before(c, t);
        opens = intro;
        if (!opens && d > LINK_REACH)
            return (size_t)-1; /* out of reach already: the penalties only add */
        /* "On Monday, a U.S. official confirmed", "On Tuesday, the league, a lobbying group, plans": an
         * opening time scopes over its sentence, the commas after it are no boundary; not a possessive
         * ("Monday's email announcement marked ... in the past decade that Jobs, aged 55, has taken") */
        d += (intro && !tx_is(c, t, POSSESSIVE) ? 0 : clause_gap(c, t->end, e->start)) + LEFT_PENALTY;
    } else if (t->start >= e->end) {
        d = t->start - e->end;
        if (d > LINK_REACH)
            return (size_t)-1;
        d += clause_gap(c, e->end, t->start);
    } else {
        d = 0;
    }
    if (t->type == CHR_TIMEX_DURATION)
        d += DURATION_PENALTY;
    if (tx_is(c, t, RATE))
        d += RATE_PENALTY;
    if (tx_is(c, t, MODIFIER) && !(e->start >= t->end && e->start - t->end <= MODIFIER_REACH))
        d += MODIFIER_PENALTY;
    if (e->end <= t->start && tx_is(c, t, POSSESSIVE))
        d += POSSESSIVE_PENALTY;
    if (d > LINK_REACH && !opens)
        return (size_t)-1; /* an opening time reaches its whole sentence */
    /* a coordinated predicate's own time is on its right: this only weighs against such a time, it puts
     * no time out of reach */
    return t->end <= e->start && !opens && coordinated(c, e, t->end) ? d + COORD_PENALTY : d;
}

/* Does the line of time expression t hold only a header's label before it ("Published", "Updated: ",
 * "Posted on", "Last updated", a "|" between two of them): the time a page was published, which dates no
 * event ("Published 6:12 AM EST, Tue January 14, 2025 | Updated 9:45 AM EST")? */
static int header_label(const ctx *c, const chr_timex *t)
{
    static const char *const labels[] = {"published",    "updated",    "posted",       "last updated",
                                         "first published", "published on", "updated on", "posted on",
                                         "published at", "updated at",   "posted at",  NULL};
    size_t ls = t->start;
    /* most times have neither a line start nor a "|" in the 25 bytes before them: two memchr rather than
     * the walk back below, a byte at a time (1.3 M instructions on the 2 MB slice) */
    if (ls >= 25 && !memchr(c->text + ls - 25, '\n', 25) && !memchr(c->text + ls - 25, '|', 25))
        return 0;
    while (ls > 0 && c->text[ls - 1] != '\n' && c->text[ls - 1] != '|') {
        if (t->start - ls >= 24)
            return 0; /* no label is that long, and a long line is not walked back over */
        ls--;
    }
    while (ls < t->start && (c->text[ls] == ' ' || c->text[ls] == '\t'))
        ls++;
    size_t le = t->start;
    while (le > ls && (c->text[le - 1] == ' ' || c->text[le - 1] == ':' || c->text[le - 1] == '\t'))
        le--;
    /* a weekday the expression left out: "Updated: Wed, 26 Feb 2025 17:45:00 GMT" */
    static const char *const weekdays[] = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
                                           "sun", "monday", "tuesday", "wednesday", "thursday", "friday",
                                           "saturday", "sunday", NULL};
    size_t we = le > ls && c->text[le - 1] == ',' ? le - 1 : le, ws = we;
    while (ws > ls && chr__ascii_alnum((unsigned char)c->text[ws - 1]))
        ws--;
    for (const char *const *w = weekdays; *w && ws < we; w++)
        if (strlen(*w) == we - ws && !strncasecmp(c->text + ws, *w, we - ws)) {
            le = ws;
            while (le > ls && (c->text[le - 1] == ' ' || c->text[le - 1] == ':' || c->text[le - 1] == '\t'))
                le--;
            break;
        }
    for (const char *const *w = labels; *w; w++)
        if (strlen(*w) == le - ls && !strncasecmp(c->text + ls, *w, le - ls))
            return 1;
    return 0;
}

/* Does time expression t stand alone on its line (blanks and punctuation aside): a dateline ("Tuesday,
 * December 2, 2014" under a headline), which dates the document, not the words of the line above that a
 * single line end leaves in its sentence? (A page's "Published ..." line counts as one: ctx.line.) */
static int own_line(const ctx *c, const chr_timex *t)
{
    for (size_t i = t->start; i-- > 0 && c->text[i] != '\n';)
        if (chr__ascii_alnum((unsigned char)c->text[i]) || (unsigned char)c->text[i] >= 0x80)
            return 0;
    for (size_t i = t->end; i < c->len && c->text[i] != '\n'; i++)
        if (chr__ascii_alnum((unsigned char)c->text[i]) || (unsigned char)c->text[i] >= 0x80)
            return 0;
    return 1;
}

/* Does time expression t lie on the other side of the document date than event e's tense puts it (a future
 * event and a past date, a past event and a date to come)? What cannot be compared (chr__value_vs_dct)
 * agrees. */
static int tense_disagrees(const ctx *c, const chr_event *e, const chr_timex *t)
{
    if (!c->dct[0] || (e->tense != CHR_TENSE_FUTURE && e->tense != CHR_TENSE_PAST) ||
        (t->type != CHR_TIMEX_DATE && t->type != CHR_TIMEX_TIME) || t->value[0] < '0' || t->value[0] > '9')
        return 0;
    int cmp = chr__value_vs_dct(t->value, c->dct);
    return e->tense == CHR_TENSE_FUTURE ? cmp < 0 : cmp > 0;
}

/* The index of the first time expression that starts at or after byte offset off (res->n when none). */
static size_t first_timex_from(const chr_result *res, size_t off)
{
    size_t lo = 0, hi = res->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (res->timexes[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The index of the first event that starts at or after byte offset off (res->nevents when none). */
static size_t first_event_from(const chr_result *res, size_t off)
{
    size_t lo = 0, hi = res->nevents;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (res->events[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* How many quotation marks (", ``, '', U+201C, U+201D) the text between offsets a and b holds. */
static int quotes_between(const ctx *c, size_t a, size_t b)
{
    int n = 0;
    for (size_t i = next_mark(c, a, b); i < b; i = next_mark(c, i + 1, b)) {
        char ch = c->text[i];
        if (ch == '"')
            n++;
        else if ((ch == '`' || ch == '\'') && i + 1 < b && c->text[i + 1] == ch)
            n++, i++;
        else if ((unsigned char)ch == 0xE2 && i + 2 < b && (unsigned char)c->text[i + 1] == 0x80 &&
                 ((unsigned char)c->text[i + 2] == 0x9C || (unsigned char)c->text[i + 2] == 0x9D))
            n++, i += 2;
    }
    return n;
}

/* Is there a quotation mark in the text between offsets a and b? */
static int quote_between(const ctx *c, size_t a, size_t b)
{
    return quotes_between(c, a, b) > 0;
}

/* Do event e and time t stand on two sides of a quotation's edge: an odd number of quotation marks between
 * them ('"We have been at this since May," said Ana Ruiz': "said" and May; not 'said "..." on Tuesday')? */
static int across_quote(const ctx *c, const chr_event *e, const chr_timex *t)
{
    int n = t->end <= e->start   ? quotes_between(c, t->end, e->start)
            : t->start >= e->end ? quotes_between(c, e->end, t->start)
                                 : 0;
    return n & 1;
}

/* Is time t inside a relative clause set off by a comma (", who took over in January,", ", whose store opened
 * on Tuesday") that event e is outside of? Such a time is the clause's own: "Chief executive Jane Roe, who
 * took over in January, said" was not said in January, nor "Boone said that Cole, who has been out since
 * March, would pitch" in March. Not for the noun the clause is about, right before its comma: TimeBank links
 * it to the clause's time ("the ruling, which is expected next month"). Asked of reports only
 * (link_timexes): TimeBank dates other verbs after such a clause by its time as often as not ("Williams
 * shares, which were to be delisted after the close of trading yesterday, closed at $23.25"); for all
 * events, TBAQ with the gold events lost 3 links, for reports none. */
static int outside_relative(const ctx *c, const chr_event *e, const chr_timex *t)
{
    size_t i = tx_start(c, t), first = c->toks->sent_first[c->toks->v[i < c->toks->n ? i : 0].sent];
    if (i >= c->toks->n)
        return 0;
    size_t a = (size_t)-1; /* the comma that opens the clause */
    for (size_t k = i; k > first; k--) {
        if (tok_is(c, k - 1, RELATIVE) || tok_word(c, k - 1, "whose") || tok_word(c, k - 1, "where")) {
            if (k - 1 > first && tok_word(c, k - 2, ","))
                a = k - 2;
            break;
        }
        if (tok_punct(c, k - 1))
            return 0;
    }
    if (a == (size_t)-1)
        return 0;
    if (e->end <= c->toks->v[a].start) { /* before the clause: outside, but for the noun it is about, which
                                          * keeps its time ("the announcement, which came on Monday") */
        return !(a > 0 && c->toks->v[a - 1].start <= e->start && e->start < c->toks->v[a - 1].end);
    }
    /* e after the clause's opening: outside when a comma closes the clause before e */
    for (size_t k = tx_end(c, t); k < c->toks->n && c->toks->v[k].end <= e->start; k++)
        if (tok_word(c, k, ",") || tok_word(c, k, ";"))
            return 1;
    return 0;
}

/* Is event ei a report that closes its sentence, after what it reports (", police said."), and time ti one
 * it does not take? Such a report takes no date or time of what it reports across the comma ("charged ...
 * in the fatal shooting of a clerk early Saturday, police said" was not said on Saturday), but one that
 * opens the sentence before a comma ("On Monday, the agency said"; not "Kopp's 1987 Chevrolet was
 * discovered last month, the FBI said"), and the "now" of its content ('"... the people who are now on the
 * board," he said': TimeBank links those). TBAQ with the gold events: 1547 links either way, awareness P
 * 0.2659 -> 0.2670; with "now" and durations too, or with any report after a comma, 1545 and 1541 links. */
static int not_the_reports(const chr_result *res, size_t ei, size_t ti, const ctx *c)
{
    const chr_event *e = &res->events[ei];
    const chr_timex *t = &res->timexes[ti];
    int trailing = e->cls == CHR_EVENT_REPORTING && e->tense != CHR_TENSE_NONE &&
                   (ei + 1 == res->nevents || res->events[ei + 1].sent_start != e->sent_start);
    int opening = t->start - e->sent_start <= INTRO_REACH && c->text[t->end] == ',';
    return trailing && t->end <= e->start && !opening && c->gran[ti] != CHR_GRAN_NONE &&
           clause_gap(c, t->end, e->start);
}

/* Every event takes the nearest time expression of its sentence, by timex_distance (on TBAQ, with the
 * gold events, nearest-time linking dates 0.72 of the same-sentence links against 0.50 when each
 * expression takes only its nearest event: TimeBank links an expression to the verbs of its clause, not
 * only to the one next to it). */
/* Is time t, right of finite verb e and out of reach, still e's own: no clause boundary and no other verb
 * event between them ("The FBI put alleged terrorist mastermind Osama Bin Laden and anti-abortion activist
 * and accused doctor killer James Charles Kopp on the bureau's list of the Ten Most Wanted fugitives
 * Monday")? It then comes after every time in reach (TBAQ with the gold events: 1545 -> 1546 links, none
 * lost). */
static int far_own_time(const ctx *c, const chr_result *res, const chr_event *e, const chr_timex *t)
{
    if (t->start < e->end || e->tense == CHR_TENSE_NONE || e->tense == CHR_TENSE_INFINITIVE ||
        t->type == CHR_TIMEX_DURATION || tx_is(c, t, MODIFIER) || clause_gap(c, e->end, t->start))
        return 0; /* not "on fourth-quarter results": the noun's */
    for (size_t k = first_event_from(res, e->end); k < res->nevents && res->events[k].start < t->start; k++)
        if (res->events[k].tense != CHR_TENSE_NONE && res->events[k].start >= e->end)
            return 0;
    /* nor over a subordinate clause's opening ("because Crossland may not meet the criteria effective Dec.
     * 7": a modal's verb has no tense) */
    for (size_t i = tok_at(c, e->end); i < c->toks->n && c->toks->v[i].end <= t->start; i++)
        if (tok_is(c, i, SUBORDINATOR | RELATIVE))
            return 0;
    return 1;
}

static void link_timexes(chr_result *res, const ctx *c)
{
    unsigned char *taken = c->scratch; /* the times some event took */
    memset(taken, 0, res->n);
    size_t lo = 0; /* the first timex of the event's sentence: asked again only for the next sentence */
    for (size_t ei = 0; ei < res->nevents; ei++) {
        chr_event *e = &res->events[ei];
        if (!ei || e->sent_start != e[-1].sent_start)
            lo = first_timex_from(res, e->sent_start);
        size_t best = (size_t)-1, bestd = (size_t)-1;
        for (size_t ti = lo; ti < res->n && res->timexes[ti].start < e->sent_end; ti++) {
            const chr_timex *t = &res->timexes[ti];
            if (t->end > e->sent_end || (c->line[ti] & (OWN_LINE | DATELINE | FROM_NOW)))
                continue; /* SETs stay: "held rallies daily" is IS_INCLUDED "daily" */
            size_t d = timex_distance(c, e, t);
            if (d == (size_t)-1 && far_own_time(c, res, e, t))
                d = LINK_REACH + 1; /* after every time in reach */
            if (d != (size_t)-1 && e->cls == CHR_EVENT_REPORTING && outside_relative(c, e, t))
                continue;
            if (d != (size_t)-1 && not_the_reports(res, ei, ti, c))
                continue;
            if (d != (size_t)-1 && tense_disagrees(c, e, t))
                d += TENSE_PENALTY;
            if (d != (size_t)-1 && across_quote(c, e, t))
                d += QUOTE_PENALTY;
            if (d < bestd) {
                bestd = d;
                best = ti;
            }
        }
        if (best != (size_t)-1) {
            link_timex(e, (int)best, &res->timexes[best], c);
            taken[best] = 1;
        }
    }
    /* a time no event came to ("... relations with Washington since 1979") still dates the nearest
     * undated event of its sentence, the one before it first; one after it not over a quotation mark (the
     * 1955 of 'the text "Steve Jobs 1955-2011", states: "..., and the world has lost' dated "lost") */
    for (size_t ti = 0; ti < res->n; ti++) {
        const chr_timex *t = &res->timexes[ti];
        if (taken[ti] || (c->line[ti] & (OWN_LINE | DATELINE | FROM_NOW)))
            continue;
        size_t lo = first_event_from(res, t->start);
        chr_event *pick = NULL;
        for (size_t k = lo, seen = 0; k-- > 0 && seen < EVENT_REACH && !pick; seen++) {
            chr_event *e = &res->events[k];
            if (e->end <= t->start && e->sent_start <= t->start && t->end <= e->sent_end &&
                e->time.timex == -2 && !(e->cls == CHR_EVENT_REPORTING && outside_relative(c, e, t)))
                pick = e;
            if (e->start < e->sent_start || !(e->sent_start <= t->start))
                break;
        }
        for (size_t k = lo, seen = 0; k < res->nevents && seen < EVENT_REACH && !pick; k++, seen++) {
            chr_event *e = &res->events[k];
            if (e->sent_start > t->start || (e->start >= t->end && quote_between(c, t->end, e->start)))
                break;
            if (e->start >= t->end && t->end <= e->sent_end && e->time.timex == -2 &&
                !(e->cls == CHR_EVENT_REPORTING && outside_relative(c, e, t)) &&
                !not_the_reports(res, k, ti, c))
                pick = e;
        }
        if (pick)
            link_timex(pick, (int)ti, t, c);
    }
}

/* Is e a verb (finite, participle or infinitive) rather than a noun or an adjective? */
static int verbal(const chr_event *e)
{
    return e->tense != CHR_TENSE_NONE;
}

/* Does the text between offsets a and b hold a clause boundary (comma, semicolon, dash, colon)? */
static int boundary_between(const ctx *c, size_t a, size_t b)
{
    for (size_t i = next_mark(c, a, b); i < b; i = next_mark(c, i + 1, b))
        if ((c->text[i] == ',' && clause_comma(c, i)) || c->text[i] == ';' || c->text[i] == ':' ||
            (c->text[i] == '-' && i + 1 < b && c->text[i + 1] == '-'))
            return 1;
    return 0;
}

static int after_modal(const ctx *c, size_t i, size_t first);

/* Is event e a verb after a modal ("temperatures would drop")? Its tense is NONE, as a noun's. */
static int modal_verb(const ctx *c, const chr_event *e)
{
    if (e->tense != CHR_TENSE_NONE)
        return 0;
    size_t i = ev_tok(c, e);
    return i < c->toks->n && after_modal(c, i, c->toks->sent_first[c->toks->v[i].sent]);
}

/* Each time expression belongs to one of the events that took it, its head: the nearest verb on its left with
 * no clause boundary between them ("Kirby told reporters on Tuesday", "claims made over the weekend", "said
 * temperatures would drop over the next 48 hours", "He said Monday that", "Elected in 2020, the mayor"); for
 * a time that opens its sentence or clause with no such verb, or after "Starting" or "Beginning" ("Starting
 * next year, the law will block"), or has no such verb, the nearest verb on its right ("On Monday, a U.S.
 * defense official confirmed"); else the nearest event. The others that took it only share their sentence's
 * time ("he could not confirm or deny reports ..., Kirby told reporters on Tuesday"; "the U.S. would be happy
 * to have Iran's help in fighting ..., Kerry said Wednesday"): their rule becomes "sentence", and a
 * chronology lists them under the event that owns the time. What a report says will happen is AFTER its time:
 * a future or infinitive right of the report that owns the time, not a state ("no reason to believe"), when
 * the relation was IS_INCLUDED (TBAQ, with the gold events: 1508 -> 1513 of 2023 links; "would" too, or any
 * owner instead of a report, gave fewer). A report, or a verb of intent or belief, that shares a time of
 * what it reports by a signal ("said it would lay off 1,200 workers by the end of the year", ENDED_BY;
 * "warned that storm surge could reach 15 feet within the next 36 hours", DURING; "I think it's not going to
 * change for a couple of years") does not take that relation: it is placed by its tense (not in the passive:
 * "were reported killed in recent days"). TBAQ with the gold events: 1547 links either way, awareness P
 * 0.2652 -> 0.2659 for the reports, 0.2677 with I_ACTION and I_STATE; the reports that share an IS_INCLUDED
 * time too lost 9 links. */
static int passive_be(const ctx *c, size_t i, size_t first);
static void mark_heads(chr_result *res, const ctx *c)
{
    head *h = c->scratch;
    memset(h, 0, res->n * sizeof *h);
    for (size_t k = 0; k < res->nevents; k++) {
        chr_event *e = &res->events[k];
        if (e->time.timex < 0 || (size_t)e->time.timex >= res->n)
            continue;
        const chr_timex *t = &res->timexes[e->time.timex];
        head *x = &h[e->time.timex];
        size_t d = e->end <= t->start ? t->start - e->end : e->start >= t->end ? e->start - t->end : 0;
        if (!x->count++ || d < x->neard) {
            x->neard = d;
            x->near = e;
        }
        x->sent_start = e->sent_start;
        if (!verbal(e) && !modal_verb(c, e))
            continue;
        if (e->end <= t->start && !boundary_between(c, e->end, t->start)) {
            size_t after = tx_end(c, t);
            if (!((c->line[e->time.timex] & COMPARED) && word_at(c, after + word_at(c, after, ","), "when")))
                x->left = e; /* events come in text order: the last one is the nearest; but "lower than
                              * in 2020, when a record 158 million Americans voted" is "voted"'s 2020 */
        } else if (e->start >= t->end && !x->right)
            x->right = e;
    }
    for (size_t k = 0; k < res->nevents; k++) {
        chr_event *e = &res->events[k];
        if (e->time.timex < 0 || (size_t)e->time.timex >= res->n)
            continue;
        const head *x = &h[e->time.timex];
        int intro = res->timexes[e->time.timex].start - x->sent_start <= INTRO_REACH;
        if (intro && x->left) { /* "Elected in 2020, the mayor ...", "He said Monday that ..." */
            size_t i = ev_tok(c, x->left);
            intro = tok_word(c, i, "starting") || tok_word(c, i, "beginning");
        }
        const chr_event *owner = !intro && x->left ? x->left : x->right ? x->right : x->left ? x->left : x->near;
        if (x->count > 1 && e != owner) {
            e->time.rule = "sentence";
            int future = e->tense == CHR_TENSE_FUTURE || e->tense == CHR_TENSE_INFINITIVE;
            int state = e->cls == CHR_EVENT_STATE || e->cls == CHR_EVENT_I_STATE;
            int after_report = owner->cls == CHR_EVENT_REPORTING && verbal(owner) && e->start > owner->end;
            if (after_report && future && !state && e->time.relation == CHR_REL_IS_INCLUDED)
                e->time.relation = CHR_REL_AFTER;
            int frames =
                e->cls == CHR_EVENT_REPORTING || e->cls == CHR_EVENT_I_ACTION || e->cls == CHR_EVENT_I_STATE;
            if (frames && verbal(e) && owner->start > e->end &&
                res->timexes[e->time.timex].start > owner->end && e->time.relation != CHR_REL_IS_INCLUDED) {
                size_t i = ev_tok(c, e);
                if (!passive_be(c, i, c->toks->sent_first[c->toks->v[i].sent])) {
                    memset(&e->time, 0, sizeof e->time);
                    e->time.timex = -2; /* placed by its tense (link_all) */
                }
            }
        }
    }
}

/* "X happened hours after the deadline passed": an undated event in a clause opened by after / before /
 * when / while takes its time from the dated event of the main clause. i: the event's token (tok_at). */
static int link_to_event(size_t ei, size_t i, const chr_result *res, const ctx *c)
{
    chr_event *e = &res->events[ei];
    size_t first = c->toks->sent_first[c->toks->v[i < c->toks->n ? i : c->toks->n - 1].sent];
    size_t k = i, steps = 0;
    chr_relation rel = CHR_REL_NONE;
    while (k > first && steps < SIGNAL_REACH) {
        k--;
        steps++;
        if (tok_punct(c, k))
            break;
        if (!tok_is(c, k, SUBORDINATOR)) /* the signals below are all subordinators: skip other words */
            continue;
        signal w = signal_of(c, k);
        if (w == SIG_AFTER)
            rel = CHR_REL_BEFORE; /* X after e: e came first */
        else if (w == SIG_BEFORE)
            rel = CHR_REL_AFTER;
        else if (tok_word(c, k, "when") || tok_word(c, k, "while") || tok_word(c, k, "as"))
            rel = CHR_REL_IS_INCLUDED;
        if (rel)
            break;
    }
    if (!rel)
        return 0;
    size_t signal = c->toks->v[k].start;
    const chr_event *best = NULL;
    for (size_t j = ei, seen = 0; j-- > 0 && seen < EVENT_REACH; seen++) {
        const chr_event *d = &res->events[j];
        if (d->start < e->sent_start)
            break;
        if (d->start < signal && d->time.timex >= 0) {
            best = d;
            break;
        }
    }
    if (!best)
        return 0;
    const char *v = best->time.value;
    set_time(&e->time, best->time.timex, rel, v, best->time.gran, rel == CHR_REL_AFTER ? v : best->time.begin,
             rel == CHR_REL_BEFORE ? v : best->time.end, "event");
    return 1;
}

/* The relation of event e to the document date that its tense gives, or NONE: a past or present perfect
 * event is BEFORE it, a future one AFTER, a report in the simple present ("says") IS_INCLUDED in its day,
 * another present INCLUDES it. */
static chr_relation tense_relation(const chr_event *e)
{
    int perfect = e->aspect == CHR_ASPECT_PERFECTIVE || e->aspect == CHR_ASPECT_PERFECTIVE_PROGRESSIVE;
    if (e->tense == CHR_TENSE_PAST || (e->tense == CHR_TENSE_PRESENT && perfect))
        return CHR_REL_BEFORE;
    if (e->tense == CHR_TENSE_FUTURE)
        return CHR_REL_AFTER;
    if (e->tense == CHR_TENSE_PRESENT && e->cls == CHR_EVENT_REPORTING && e->aspect == CHR_ASPECT_NONE)
        return CHR_REL_IS_INCLUDED;
    if (e->tense == CHR_TENSE_PRESENT)
        return CHR_REL_INCLUDES;
    return CHR_REL_NONE;
}

/* Is present event ei (token i) in a clause of time or condition opened by once, when, after, before,
 * until, till, unless or if, with a future in its sentence ("will join the board once the deal is
 * completed")? Its present then speaks of what is to come. */
static int future_clause(const chr_result *res, const ctx *c, size_t ei, size_t i)
{
    const chr_event *e = &res->events[ei];
    if (e->tense != CHR_TENSE_PRESENT || e->aspect != CHR_ASPECT_NONE || i >= c->toks->n)
        return 0;
    int future = 0; /* first, as most sentences have none */
    for (size_t j = ei; !future && j-- > 0 && res->events[j].sent_start == e->sent_start;)
        future = res->events[j].tense == CHR_TENSE_FUTURE;
    for (size_t j = ei + 1; !future && j < res->nevents && res->events[j].sent_start == e->sent_start; j++)
        future = res->events[j].tense == CHR_TENSE_FUTURE;
    size_t first = c->toks->sent_first[c->toks->v[i].sent], k = i, steps = 0;
    while (future && k > first && steps++ < SIGNAL_REACH) {
        k--;
        if (tok_punct(c, k))
            break;
        if (tok_word(c, k, "once") || tok_word(c, k, "when") || tok_word(c, k, "after") ||
            tok_word(c, k, "before") || tok_word(c, k, "until") || tok_word(c, k, "till") ||
            tok_word(c, k, "unless") || tok_word(c, k, "if"))
            return 1;
    }
    return 0;
}

/* The relation of event ei (token i) to the document date: its tense's, but AFTER for a present in a clause
 * of a future (future_clause). */
static chr_relation dct_relation(const chr_result *res, const ctx *c, size_t ei, size_t i)
{
    chr_relation r = tense_relation(&res->events[ei]);
    return r == CHR_REL_INCLUDES && future_clause(res, c, ei, i) ? CHR_REL_AFTER : r;
}

/* The rule of link_by_tense, whose address mark_reported compares before the bytes: a strcmp for each
 * event of a report's sentence had cost 0.3 M instructions on the 2 MB slice. */
static const char tense_rule[] = "tense";

static int tense_rule_of(const char *rule)
{
    return rule == tense_rule || (rule && rule[0] == 't' && !strcmp(rule, tense_rule));
}

static void link_by_tense(chr_event *e, chr_relation r, const ctx *c)
{
    const char *dct = c->dct;
    if (r != CHR_REL_NONE)
        set_time(&e->time, -1, r, dct, c->dct_gran, r == CHR_REL_BEFORE ? "" : dct, r == CHR_REL_AFTER ? "" : dct,
                 tense_rule);
}

/* ---- actor and summary ---- */

/* Whether the 8 bytes of x are copied as they are by append (when the byte before them is no space): no
 * byte below ' ' (the blanks other than ' ' among them) and no two spaces side by side. Each test finds at
 * least the lowest byte below ' ', and every space (a borrow may mark a '!' above a space too: harmless). */
static int as_is8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t sp = x ^ (ones * ' ');
    uint64_t low = (x - ones * ' ') & ~x & highs, spaces = (sp - ones) & ~sp & highs;
    return !low && !(spaces & ((spaces << 8) | (spaces >> 8)));
}

/* Append s[0..n) to buf with blanks collapsed to one space. */
static void append(char *buf, size_t *o, size_t cap, const char *s, size_t n)
{
    size_t k = *o, i = 0; /* k in a local: the stores into buf would make the compiler reread *o */
    while (i < n && k + 1 < cap) {
        /* a byte adds at most one: this many fit before the room need be looked at again */
        size_t stop = i + (n - i < cap - 1 - k ? n - i : cap - 1 - k);
        while (i < stop) {
            /* 16 or 8 bytes at a time where they go as they are (most of a text), else a byte at a time */
#if defined(__SSE2__)
            if (stop - i >= 16) {
                /* as as_is8 says of 8: no byte below ' ' (unsigned), no two spaces side by side */
                __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
                int low = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v));
                int sp = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
                if (!low && !(sp & (sp >> 1)) && !((sp & 1) && (!k || buf[k - 1] == ' '))) {
                    _mm_storeu_si128((__m128i *)(void *)(buf + k), v);
                    k += 16;
                    i += 16;
                    continue;
                }
            }
#endif
            uint64_t x;
            if (stop - i >= 8) {
                memcpy(&x, s + i, 8);
                if (as_is8(x) && !(s[i] == ' ' && (!k || buf[k - 1] == ' '))) {
                    memcpy(buf + k, &x, 8);
                    k += 8;
                    i += 8;
                    continue;
                }
            }
            for (size_t end = stop - i < 8 ? stop : i + 8; i < end; i++) {
                unsigned char ch = (unsigned char)s[i];
                if (ch > ' ' || !chr__ascii_space(ch))
                    buf[k++] = (char)ch;
                else if (k && buf[k - 1] != ' ')
                    buf[k++] = ' ';
            }
        }
    }
    buf[k] = '\0';
    *o = k;
}

/* The tense of the event that starts at token i, or -1 when none does: worked out once for token i. */
static inline int tok_tense(const ctx *c, const chr_result *res, size_t i)
{
    uint32_t bits = c->lists[i];
    if (!((bits | c->known) & TENSE_KNOWN)) {
        size_t off = c->toks->v[i].start, lo = first_event_from(res, off);
        int tense = lo < res->nevents && res->events[lo].start == off ? (int)res->events[lo].tense : -1;
        c->lists[i] = bits = bits | TENSE_KNOWN | ((uint32_t)(tense + 1) << TENSE_SHIFT);
    }
    return (int)((bits & TENSE_BITS) >> TENSE_SHIFT) - 1;
}

/* Is token i the start of a verb event (one with a tense)? */
static int tok_verb_event(const ctx *c, const chr_result *res, size_t i)
{
    int t = tok_tense(c, res, i);
    return t >= 0 && t != CHR_TENSE_NONE;
}

/* Is token i inside a time expression? */
static int in_timex_of(const ctx *c, const chr_result *res, size_t i)
{
    const chr__token *t = &c->toks->v[i];
    size_t lo = 0, hi = res->n;
    while (lo < hi) { /* the first timex ending after the token starts */
        size_t mid = (lo + hi) / 2;
        if (res->timexes[mid].end <= t->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < res->n && res->timexes[lo].start <= t->start && t->end <= res->timexes[lo].end;
}

/* in_timex_of(c, res, i), worked out once for token i. */
static inline int tok_in_timex(const ctx *c, const chr_result *res, size_t i)
{
    uint32_t bits = c->lists[i];
    if (!((bits | c->known) & TIMEX_KNOWN))
        c->lists[i] = bits = bits | TIMEX_KNOWN | (in_timex_of(c, res, i) ? IN_TIMEX : 0);
    return (bits & IN_TIMEX) != 0;
}

/* What the subject's search asks of a token, all at once (tok_bits): its word lists, whether it is
 * punctuation, whether it lies in a time expression, and the tense of the event that starts there. */
enum { ALL_KNOWN = LOOKED_UP | PUNCT_KNOWN | TIMEX_KNOWN | TENSE_KNOWN };

static uint32_t __attribute__((noinline)) know_all(const ctx *c, const chr_result *res, size_t i)
{
    if (!(c->lists[i] & LOOKED_UP))
        look_up(c, i);
    tok_punct(c, i);
    tok_in_timex(c, res, i);
    tok_tense(c, res, i);
    return c->lists[i] | c->known;
}

/* Token i's bits with all of ALL_KNOWN worked out: one load and one test for the many questions that
 * actor_phrase asks of each token it walks over (each tok_is or tok_punct loads and tests on its own). */
static inline uint32_t tok_bits(const ctx *c, const chr_result *res, size_t i)
{
    uint32_t bits = c->lists[i] | c->known;
    return (bits & ALL_KNOWN) == ALL_KNOWN ? bits : know_all(c, res, i);
}

/* tok_verb_event of bits from tok_bits: the tense kept plus one is PAST or after it. */
static inline int bits_verb(uint32_t bits)
{
    return (bits & TENSE_BITS) >= (uint32_t)(CHR_TENSE_NONE + 2) << TENSE_SHIFT;
}

/* Each event's token (given: the detector's, else tok_at) into tok_of; and every token's tense (tok_tense) at
 * once, when the events come in the order of their starts (as first_event_from, which tok_tense would ask,
 * assumes): a token no event starts at keeps the bits of -1. */
static void know_tenses(ctx *c, const chr_result *res, size_t *tok_of, const size_t *given)
{
    int sorted = 1;
    for (size_t k = 1; k < res->nevents && sorted; k++)
        sorted = res->events[k].start >= res->events[k - 1].start;
    for (size_t k = 0, tok = 0; k < res->nevents; k++) {
        const chr_event *e = &res->events[k];
        tok_of[k] = tok = given ? given[k] : tok_at_from(c, tok, e->start);
        /* the first of the events that start there, as first_event_from finds it */
        if (sorted && tok < c->toks->n && c->toks->v[tok].start == e->start && !(c->lists[tok] & TENSE_BITS))
            c->lists[tok] |= (uint32_t)((int)e->tense + 1) << TENSE_SHIFT;
    }
    if (sorted)
        c->known |= TENSE_KNOWN;
}

/* Whether each token lies in a time expression (tok_in_timex) at once, from the expressions, when their ends
 * come in order (as in_timex_of's search by halves assumes): the tokens that search sends to expression k
 * start at or after the end of expression k - 1, and lie in k when inside it. */
static void know_timexes(ctx *c, const chr_result *res)
{
    for (size_t k = 1; k < res->n; k++)
        if (res->timexes[k].end < res->timexes[k - 1].end)
            return;
    const chr__tokens *tk = c->toks;
    for (size_t k = 0, prev = 0; k < res->n; prev = res->timexes[k++].end) {
        const chr_timex *t = &res->timexes[k];
        size_t from = t->start > prev ? t->start : prev;
        size_t j = from == t->start ? tx_start(c, t) : tok_at(c, from);
        if (j < tk->n && tk->v[j].start < from)
            j++;
        for (; j < tk->n && tk->v[j].end <= t->end; j++)
            c->lists[j] |= IN_TIMEX;
    }
    c->known |= TIMEX_KNOWN;
}

/* The subject phrase of the event at token i: [*a, *b) token indexes, or a == b when none. A pronoun
 * right before the verb is the whole phrase; another verb, punctuation or a function word ends it. */
static void actor_phrase(const ctx *c, const chr_result *res, size_t i, size_t first, size_t *a, size_t *b);

/* Token j moved left over the words that may stand between a subject and its verb (auxiliaries, negation,
 * adverbs: BETWEEN and words in -ly), not before first. */
static size_t skip_between(const ctx *c, size_t j, size_t first)
{
    while (j > first && tok_is(c, j - 1, BETWEEN | ADVERB))
        j--;
    return j;
}

/* Does the phrase that starts at token a open as an apposition does ("52", "an obstetrician", "the Libyan",
 * a lower-case word), rather than as a name? */
static int apposition_at(const ctx *c, size_t a)
{
    unsigned char ch = (unsigned char)c->text[c->toks->v[a].start];
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || tok_is(c, a, ARTICLE);
}

/* Where the subject of the verb at token i ends: before it, over auxiliaries, adverbs and a time expression
 * with its preposition ("Iran Saturday condemned", "The company on Monday said", "who in 2011 removed"). */
static size_t skip_to_subject(const ctx *c, const chr_result *res, size_t i, size_t first)
{
    size_t j = i;
    for (;;) {
        j = skip_between(c, j, first);
        if (!(j > first && tok_in_timex(c, res, j - 1)))
            return j;
        while (j > first && tok_in_timex(c, res, j - 1))
            j--;
        if (j > first && tok_is(c, j - 1, QUALIFYING))
            j--; /* "on Monday" */
    }
}

/* When the phrase [*a, *b) before a verb ends a relative clause, the verb's subject is the clause's
 * antecedent: "A wildfire that broke out late Tuesday near this mountain town had burned" (not "this
 * mountain town"), "The company that makes the chips said". Only a clause that opens with "who", "which" or
 * "that" and a verb right after it ("the fact that we are", "told reporters that she" open none), after a
 * word that is no verb ("said that the storm had" is no clause of "said"), with one verb and no pronoun
 * nor subordinator or question word in it ("seconds before the bomb exploded", "said they opposed abortion
 * decried", "studied how a country might remove": the phrase may be the subject of a clause within it); a
 * pronoun is the subject itself. Asked for finite verbs only ("rallying Cuban scientists" has none). */
static void relative_antecedent(const ctx *c, const chr_result *res, size_t first, size_t *a, size_t *b)
{
    if (*b == *a + 1 && tok_is(c, *a, PRONOUN))
        return;
    int verbs = 0;
    for (size_t k = *a, n = 0; k-- > first + 1 && n < ASIDE_TOKENS; n++) {
        if (tok_punct(c, k) || tok_is(c, k, PRONOUN | SUBORDINATOR) ||
            (tok_is(c, k, STOP) && /* the question words are stop words: most tokens are asked no more */
             (tok_word(c, k, "how") || tok_word(c, k, "what") || tok_word(c, k, "why") ||
              tok_word(c, k, "whether") || tok_word(c, k, "where"))))
            return;
        if (tok_is(c, k, WHICH | WHO) || tok_word(c, k, "that")) {
            size_t v = k + 1;
            while (v < *a && tok_is(c, v, AUXILIARY | BE | ADVERB))
                v++;
            if (verbs != 1 || !tok_verb_event(c, res, v) || tok_verb_event(c, res, k - 1) ||
                tok_is(c, k - 1, BETWEEN | ADVERB | STOP | OF))
                return;
            size_t pa, pb;
            actor_phrase(c, res, k, first, &pa, &pb);
            if (pa < pb) {
                *a = pa;
                *b = pb;
            }
            return;
        }
        verbs += tok_verb_event(c, res, k);
    }
}

/* The subject phrase of the event at token i, as actor_phrase finds it; when a comma stands right before
 * the verb ("Kerry, using the administration's name for the group, said"), the phrase before the comma
 * that opens the aside. */
static void actor_left(const ctx *c, const chr_result *res, size_t i, size_t first, size_t *a, size_t *b,
                       int *aside)
{
    *aside = 0;
    actor_phrase(c, res, i, first, a, b);
    if (*a < *b) {
        int t = tok_tense(c, res, i);
        if (t == CHR_TENSE_PAST || t == CHR_TENSE_PRESENT || t == CHR_TENSE_FUTURE)
            relative_antecedent(c, res, first, a, b);
        return;
    }
    /* the comma may stand before the auxiliaries: "Iran, which is a rival, has not had" */
    size_t j = skip_between(c, i, first);
    if (j < first + 2 || !tok_word(c, j - 1, ","))
        return;
    if (j == i && tok_tense(c, res, i) == CHR_TENSE_PRESPART) {
        /* a participle right after a comma tells of the phrase before it when that phrase opens its clause:
         * '..." Kerry, using ...', not "died at the age of 56, according to" */
        actor_phrase(c, res, i - 1, first, a, b);
        /* not a number: "$20 billion, according to" */
        unsigned char ch = *a < *b ? (unsigned char)c->text[c->toks->v[*a].start] : 0;
        *aside = *a < *b && (*a == first || (tok_punct(c, *a - 1) && !tok_word(c, *a - 1, "$"))) &&
                 !(ch >= '0' && ch <= '9'); /* the summary leaves the comma out */
        if (*aside)
            return;
        *a = *b = i;
    }
    if (j == first + 2)
        return;
    size_t place = 0; /* the comma before the state of "Loudon County, Virginia, will vote" */
    for (size_t k = j - 1, n = 0; k-- > first + 1 && n < ASIDE_TOKENS; n++) {
        if (tok_word(c, k, ",") && !clause_comma(c, c->toks->v[k].start)) {
            if (!place && !clause_comma(c, c->toks->v[j - 1].start))
                place = k;
            continue;
        }
        if (tok_word(c, k, ",")) {
            actor_phrase(c, res, k, first, a, b);
            if (*a < *b && apposition_at(c, *a) && *a > first + 1 && tok_word(c, *a - 1, ",") &&
                n < ASIDE_TOKENS) {
                /* an apposition ("52", "an obstetrician", "the Libyan"), an aside in its turn: on to the
                 * comma before ("Slepian, 52, an obstetrician, was shot"; not "Separately, Phoenix, ...") */
                n += k - *a;
                k = *a;
                continue;
            }
            *aside = *a < *b;
            return;
        }
    }
    if (place) { /* a place and its state between the subject and its verb: no aside around them */
        actor_phrase(c, res, place, first, a, b);
        *aside = *a < *b;
    }
}

/* Is token i a past participle: an event of that tense, or a word in -ed or -en the model left out? */
static int participle_at(const ctx *c, const chr_result *res, size_t i)
{
    int t = tok_tense(c, res, i);
    if (t == CHR_TENSE_PASTPART || t == CHR_TENSE_PAST)
        return 1;
    if (t != -1)
        return 0;
    const chr__token *k = &c->toks->v[i];
    size_t n = k->end - k->start;
    const char *w = c->text + k->start;
    return n > 4 && islower((unsigned char)w[0]) && w[n - 2] == 'e' && (w[n - 1] == 'd' || w[n - 1] == 'n');
}

static int tok_digit(const ctx *c, size_t i);

/* hedge_at of a token p that is a stop word. */
static size_t stop_hedge_at(const ctx *c, size_t p, size_t first)
{
    if (tok_word(c, p, "at") && p + 1 < c->toks->n && tok_word(c, p + 1, "least"))
        return p;
    if (!tok_digit(c, p + 1) ||
        !(tok_word(c, p, "about") || tok_word(c, p, "over") || tok_word(c, p, "than")))
        return (size_t)-1;
    if (tok_word(c, p, "than") && p > first &&
        (tok_word(c, p - 1, "more") || tok_word(c, p - 1, "less") || tok_word(c, p - 1, "fewer")))
        return p - 1;
    return p;
}

/* The token that opens a number's hedge ending at token p ("About 50 cars", "over 300", "more than 1,000
 * people", "At least three tornadoes": "about", "over", "more", "At"), or (size_t)-1 when p is none. Those
 * words are stop words elsewhere, which most tokens asked about are not: that is asked first, inline. */
static inline size_t hedge_at(const ctx *c, size_t p, size_t first)
{
    return tok_is(c, p, STOP) ? stop_hedge_at(c, p, first) : (size_t)-1;
}

/* Is token i a hyphen inside a word ("U.S.-led" is three tokens), which does not end a phrase, not a spaced
 * one (the dateline's "(Reuters) - ")? Asked of punctuation only: worked out for every token, it had cost
 * actor_phrase 2 M instructions on the 2 MB slice. */
static int glued_hyphen(const ctx *c, size_t i)
{
    const chr__token *t = &c->toks->v[i];
    return t->end - t->start == 1 && c->text[t->start] == '-' && i > 0 && i + 1 < c->toks->n &&
           c->toks->v[i - 1].end == t->start && c->toks->v[i + 1].start == t->end;
}

static void actor_phrase(const ctx *c, const chr_result *res, size_t i, size_t first, size_t *a, size_t *b)
{
    *a = *b = i;
    int tense = tok_tense(c, res, i);
    int verb = tense == CHR_TENSE_PAST || tense == CHR_TENSE_PRESENT || tense == CHR_TENSE_FUTURE ||
               tense == CHR_TENSE_PASTPART; /* a finite verb: its subject may stand before a time */
    size_t j = verb ? skip_to_subject(c, res, i, first) : skip_between(c, i, first);
    if (j > first && tok_is(c, j - 1, PRONOUN)) {
        *a = j - 1;
        *b = j;
        return;
    }
    /* a finite verb's subject ends at a verb the model left out ("Kenya was among hundreds injured" is
     * "hundreds"), and so does the subject sought before a comma or "who" (i no event); the phrase before
     * a noun, an infinitive or a present participle, which only opens its summary, keeps it ("the
     * administration would continue to evaluate") */
    int finite = tense != CHR_TENSE_NONE && tense != CHR_TENSE_INFINITIVE && tense != CHR_TENSE_PRESPART;
    size_t end = j, k = j, count = 0;
    while (k > first && count < ACTOR_TOKENS) {
        size_t p = k - 1;
        uint32_t bits = tok_bits(c, res, p);
        if ((bits & PUNCT) && !glued_hyphen(c, p))
            break;
        if (bits & IN_TIMEX) {
            if (p + 1 < end && !tok_in_timex(c, res, p + 1)) {
                /* a time that modifies the noun after it, after an article: "the 2025 fiscal year began", "an
                 * October letter": the phrase takes it and its article */
                size_t q = p;
                while (q > first && tok_in_timex(c, res, q - 1))
                    q--;
                if (q > first && tok_is(c, q - 1, ARTICLE) && !tok_punct(c, p + 1) && !tok_clitic(c, p + 1)) {
                    k = q - 1;
                    count++;
                }
            }
            break; /* any other time ends the phrase */
        }
        if (bits_verb(bits) || (bits & PRONOUN) || (finite && (bits & (BE | AUXILIARY))))
            break;
        if ((bits & CLITIC) && p > first && tok_is(c, p - 1, PRONOUN)) {
            /* "it's confined to taking on ISIL": the pronoun and its verb open the phrase, not "'s" */
            k = p - 1;
            break;
        }
        if (bits & STOP) {
            size_t h = stop_hedge_at(c, p, first);
            if (h != (size_t)-1) {
                /* "About 50 cars of a freight train derailed", "more than 1,000 people fled": a number's
                 * hedge stays with it */
                k = h;
                count++;
                break;
            }
            /* "Secretary of State", "Kerry and Kirby": "of" and "and" between capitalised words stay */
            if (!(tok_is(c, p, OF | AND) && p > first && tok_capital(c, p - 1) && tok_capital(c, p + 1)))
                break;
        }
        k = p;
        count++;
        if (bits & ARTICLE)
            break; /* a determiner opens the phrase */
    }
    /* a phrase does not open with a preposition: "(a week) of national mourning starting Monday"; "outside"
     * and "inside" may be adjectives ("Outside analysts"), and "At least three tornadoes" is a hedge */
    for (size_t q = k; q < end && tok_is(c, q, QUALIFYING) && !tok_word(c, q, "outside") &&
                       !tok_word(c, q, "inside") && hedge_at(c, q, first) != q;
         q++)
        if (q + 1 < end)
            k = q + 1;
    if (k < end && k > first && tok_clitic(c, k) && !tok_punct(c, k - 1)) {
        k--; /* a phrase does not open with a clitic: "Monday's email announcement", not "'s email ..." */
        while (k > first && tok_in_timex(c, res, k) && tok_in_timex(c, res, k - 1))
            k--; /* the whole time: "last week's vote" */
    }
    /* a preposition before the phrase, and a noun before it: the phrase qualifies that noun ("A spokesman
     * for the company said", "Officials in Washington said", "The head of the agency said"); at most two
     * steps, and not over a verb, a pronoun or punctuation ("He told reporters in Washington the talks
     * failed" stays "the talks") */
    for (int step = 0; step < 2 && k < end && k > first + 1 && tok_is(c, k - 1, QUALIFYING); step++) {
        size_t q = k - 1, n = 0;
        while (q > first && n < ACTOR_TOKENS) {
            size_t p = q - 1;
            if (p > first && tok_clitic(c, p) && tok_in_timex(c, res, p - 1)) {
                /* a possessive time in the phrase: "The death toll from Friday's earthquake" */
                for (p--; p > first && tok_in_timex(c, res, p - 1); p--)
                    ;
                q = p;
                n++;
                continue;
            }
            uint32_t bits = tok_bits(c, res, p);
            size_t h = bits & STOP ? stop_hedge_at(c, p, first) : (size_t)-1;
            if (h != (size_t)-1) {
                q = h; /* a number's hedge: "About 50 cars of a freight train" */
                break;
            }
            if (bits_verb(bits) ||
                (bits & (PUNCT | CLITIC | IN_TIMEX | PRONOUN | STOP | BE | AUXILIARY | RELATIVE | BETWEEN)))
                break;
            q = p;
            n++;
            if (bits & ARTICLE)
                break;
        }
        if (q == k - 1 || end - q > 2 * ACTOR_TOKENS)
            break;
        k = q;
    }
    size_t v = k > first && tok_is(c, k - 1, STOP) && !tok_is(c, k - 1, ARTICLE) ? k - 1 : k; /* "to" */
    if (k < end && v > first + 1 && tok_verb_event(c, res, v - 1) &&
        (v == k || !tok_is(c, v, RELATIVE))) {
        /* the phrase is the object of a relative clause ("The man who hurled a grenade was identified",
         * "Officials who spoke to reporters said"): the subject is the phrase before "who" */
        size_t r = skip_between(c, v - 1, first);
        if (r > first + 1 && tok_is(c, r - 1, RELATIVE) && !tok_punct(c, r - 2)) {
            size_t ra, rb;
            actor_phrase(c, res, r - 1, first, &ra, &rb);
            if (ra < rb) {
                *a = ra;
                *b = rb;
                return;
            }
        }
    }
    /* the phrase is the agent of a participle after a noun ("A wildfire driven by hurricane-force winds
     * forced", "The man arrested by police said"): the subject is the phrase before the participle */
    if (verb && finite && k < end && k > first + 1 && tok_tense(c, res, k - 1) == CHR_TENSE_PRESPART) {
        /* the object of a present participle after a noun ("a train carrying grain left the tracks"): the
         * subject is the phrase before the participle */
        size_t ra, rb;
        actor_phrase(c, res, k - 1, first, &ra, &rb);
        if (ra < rb && rb == k - 1) {
            *a = ra;
            *b = rb;
            return;
        }
    }
    if (verb && finite && k < end && k > first + 2 && tok_is(c, k - 1, BY) &&
        participle_at(c, res, k - 2)) {
        size_t ra, rb;
        actor_phrase(c, res, k - 2, first, &ra, &rb);
        if (ra < rb && rb == k - 2) {
            *a = ra;
            *b = rb;
            return;
        }
    }
    /* a phrase that is only function words is no phrase */
    int content = 0;
    for (size_t q = k; q < end && !content; q++)
        content = !tok_is(c, q, ARTICLE) && !tok_punct(c, q);
    if (content) {
        *a = k;
        *b = end;
    }
}

/* For a verb that follows what it reports: the phrase after it ("said the CDC's Dr. Jhung"). */
static void actor_right(const ctx *c, size_t i, size_t last, const chr_result *res, size_t *a, size_t *b)
{
    size_t k = i + 1, count = 0;
    *a = *b = k;
    while (k < last && count < ACTOR_TOKENS && !tok_punct(c, k) && !tok_is(c, k, STOP)) {
        if (tok_in_timex(c, res, k))
            break;
        if (count && (tok_is(c, k, PRONOUN) || tok_is(c, k, BE) || tok_verb_event(c, res, k)))
            break; /* "heartened by the close cooperation we have had" */
        k++;
        count++;
    }
    *b = k;
}

static void trim_tail(char *buf, size_t *o)
{
    while (*o && (buf[*o - 1] == ' ' || buf[*o - 1] == ',' || buf[*o - 1] == ';' || buf[*o - 1] == ':' ||
                  buf[*o - 1] == '"' || buf[*o - 1] == '-'))
        buf[--*o] = '\0';
}

/* Does token i open with a digit? */
static int tok_digit(const ctx *c, size_t i)
{
    char d = c->text[c->toks->v[i].start];
    return d >= '0' && d <= '9';
}

/* Is the text hard-wrapped, its paragraphs cut into lines at a width? Then a line break inside a sentence
 * is only a blank. Otherwise (one line a paragraph, as news on the web and the TimeML corpora have it) a line
 * that ends without a full stop before a line of text is a headline, a byline or a label ("Boeing strike ends
 * after union approves new contract" above "By Maria Chen"): wrapped when at least WRAP_LINES lines of
 * WRAP_WIDTH bytes or more, a quarter of the lines of text, end so. */
static int hard_wrapped(const char *text, size_t len)
{
    size_t lines = 0, open = 0;
    for (size_t a = 0; a < len;) {
        const char *nl = memchr(text + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - text) : len;
        size_t e = b;
        while (e > a && (text[e - 1] == ' ' || text[e - 1] == '\r' || text[e - 1] == '\t'))
            e--;
        if (e > a) {
            lines++;
            int next_text = b + 1 < len && text[b + 1] != '\n' && text[b + 1] != '\r';
            if (e - a >= WRAP_WIDTH && next_text && !strchr(".!?\"':", text[e - 1]))
                open++;
        }
        a = b + 1;
    }
    return open >= WRAP_LINES && open * 4 >= lines;
}

/* Does token q open a line after a line with no full stop at its end, and open with a capital or a digit:
 * where a headline or a byline ends (never in hard-wrapped text)? */
static int line_break_at(const ctx *c, size_t q)
{
    if (c->wrapped || q == 0 || q >= c->toks->n)
        return 0;
    const chr__token *p = &c->toks->v[q - 1];
    size_t k = p->end;
    while (k < c->toks->v[q].start && c->text[k] != '\n')
        k++;
    if (k == c->toks->v[q].start)
        return 0;
    char ch = c->text[p->end - 1], next = c->text[c->toks->v[q].start];
    return !strchr(".!?\"':", ch) && ((next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9'));
}

/* Is token i a dash: "-", "--", an en or em dash (U+2013, U+2014)? */
static int tok_dash(const ctx *c, size_t i)
{
    const chr__token *t = &c->toks->v[i];
    const char *s = c->text + t->start;
    size_t n = t->end - t->start;
    return (n == 1 && s[0] == '-') || (n == 2 && s[0] == '-' && s[1] == '-') ||
           (n == 3 && !memcmp(s, "\xE2\x80", 2) && (s[2] == '\x93' || s[2] == '\x94'));
}

/* The first token of the sentence's own text: after a dateline ("WASHINGTON --", "LONDON (AP) -")
 * and opening quotes. */
static size_t body_start(const ctx *c, size_t first, size_t last)
{
    size_t k = first;
    int letters = 0; /* a dateline has a word: "1:15 p.m.:" is a time, no dateline */
    while (k < last && k < first + 6 && !tok_punct(c, k)) {
        const chr__token *t = &c->toks->v[k];
        int upper = 1;
        for (size_t q = t->start; q < t->end; q++) {
            /* (ASCII: the C locale's) a lower case letter ends the loop below at this token, which is no
             * punctuation mark: letters is not asked then, nor the rest of the token */
            if (c->text[q] >= 'a' && c->text[q] <= 'z') {
                upper = 0;
                break;
            }
            letters |= c->text[q] >= 'A' && c->text[q] <= 'Z';
        }
        if (!upper)
            break;
        k++;
    }
    const chr__token *d = k < last ? &c->toks->v[k] : NULL;
    int glued = d && d->end - d->start == 1 && c->text[d->start] == '-' && k + 1 < last &&
                c->toks->v[k + 1].start == d->end; /* "A U.S.-led coalition": a compound, no dateline */
    /* "WASHINGTON --", "BEIRUT (AP) -" */
    if (k > first && k < last && tok_punct(c, k) && !glued && letters) {
        while (k < last && (tok_punct(c, k) || tok_word(c, k, "AP") || tok_word(c, k, "Reuters")))
            k++;
        /* a date and the agency before the dash: "SEATTLE, Nov 5 (Reuters) - " */
        size_t q = k;
        while (q < last && q < k + DATELINE_TOKENS && !tok_dash(c, q) &&
               (tok_punct(c, q) || tok_capital(c, q) || tok_digit(c, q)))
            q++;
        if (q > k && q < last && tok_dash(c, q))
            for (k = q; k < last && tok_punct(c, k);)
                k++;
        return k;
    }
    k = first;
    while (k < last && tok_punct(c, k))
        k++;
    return k;
}

/* Is time expression t part of its sentence's dateline ("LONDON, Dec 3 (Reuters) - ")? It dates the
 * article, not the events of the sentence. */
static int in_dateline(const ctx *c, const chr_timex *t)
{
    size_t i = tx_start(c, t);
    if (i >= c->toks->n)
        return 0;
    size_t sent = c->toks->v[i].sent, first = c->toks->sent_first[sent];
    if (i - first > DATELINE_TOKENS + 4) /* the place and its comma, then the date */
        return 0;
    size_t last = sent + 1 < c->toks->nsent ? c->toks->sent_first[sent + 1] : c->toks->n;
    size_t b = body_start(c, first, last);
    return b < last && t->end <= c->toks->v[b].start;
}

/* Does a form of "be" stand before token i, over adverbs ("was acquired by", "was ever announced by")? */
static int passive_be(const ctx *c, size_t i, size_t first)
{
    while (i > first && !tok_is(c, i - 1, BE) && tok_is(c, i - 1, BETWEEN | ADVERB))
        i--;
    return i > first && tok_is(c, i - 1, BE);
}

/* Does a verb (a verbal event) follow token i in its clause (before a punctuation mark or token last)? */
static int verb_after(const ctx *c, const chr_result *res, size_t i, size_t last)
{
    for (size_t q = i + 1; q < last && !tok_punct(c, q); q++)
        if (tok_verb_event(c, res, q))
            return 1;
    return 0;
}

/* Does a word that is no part of a time expression follow token i in its clause (before a punctuation mark
 * or token last)? "Acme posted a net loss" has one, "..., Davis said Wednesday." none. */
static int words_after(const ctx *c, const chr_result *res, size_t i, size_t last)
{
    for (size_t q = i + 1; q < last && !tok_punct(c, q); q++)
        if (!tok_in_timex(c, res, q))
            return 1;
    return 0;
}

/* Is token i a form of "tell", whose addressee follows it ("told The Huffington Post")? */
static int tell_form(const ctx *c, size_t i)
{
    return tok_word(c, i, "told") || tok_word(c, i, "tells") || tok_word(c, i, "tell");
}

/* Does the sentence from token first open with an adverbial of the report i, not with what i reports?
 * "For the fiscal year that ended in September, Acme posted a net loss": what opens with a preposition is
 * an adverbial of a verb that has its own object after it ("In 2003 BP invested $8bn, the oil giant said"
 * ends with the verb; '"For us, ...," she said' opens with a quote; "told" has its addressee after it). */
static int adverbial_opening(const ctx *c, const chr_result *res, size_t first, size_t i, size_t last)
{
    return (tok_is(c, first, QUALIFYING) || tok_word(c, first, "during")) && !tell_form(c, i) &&
           words_after(c, res, i, last);
}

/* Does a modal stand before token i, over adverbs, negation and "have" or "be" ("would meet", "could not
 * face", "can't pay", "could have been prevented")? */
static int after_modal(const ctx *c, size_t i, size_t first)
{
    for (size_t k = i; k > first && i - k < 5; k--) {
        if (tok_is(c, k - 1, MODAL))
            return 1;
        /* "not", "n't" and "have" are words of between_words, which most tokens are not: asked first */
        if (!tok_is(c, k - 1, ADVERB | BE) &&
            !(tok_is(c, k - 1, BETWEEN) &&
              (tok_word(c, k - 1, "not") || tok_word(c, k - 1, "n't") || tok_word(c, k - 1, "have"))))
            return 0;
    }
    return 0;
}

/* What describe works out once for the tokens [first0, last) of a sentence (or a headline's line), as the
 * events of a sentence ask it the same questions: body_start, and for each token of them the first at or
 * after it where a summary may end (summary_stop; last: none), so that the summary's loop jumps from one to
 * the next rather than testing each token. A summary starts after its event: the tokens before the first
 * event's are not asked about (a quarter of those of the 2 MB slice). */
typedef struct body_memo {
    size_t first0, last, first; /* first0 > last: none yet */
    size_t *stop;               /* per token of the text; those of [from, last) worked out */
    size_t from;
    size_t lo, hi; /* the bytes of the tokens when they are single_spaced, else lo > hi */
} body_memo;

/* Does s[0..n) hold no blank but single spaces, so that append would copy it as it is (after a first byte
 * that is no blank)? Most sentences do. */
static int single_spaced(const char *s, size_t n)
{
#if defined(__SSE2__)
    /* 16 pairs of bytes a step, the last 16 overlapping those before them: a space after a space, or a blank
     * other than a space (\t to \r) second in a pair, or-ed together and asked once, at the end */
    if (n >= 17) {
        __m128i bad = _mm_setzero_si128(), sp = _mm_set1_epi8(' ');
        for (size_t k = 0;; k += 16) {
            size_t at = k < n - 17 ? k : n - 17;
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
            __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + at + 1));
            __m128i t = _mm_sub_epi8(w, _mm_set1_epi8(9));
            bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(w, sp)));
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(4)), t));
            if (at == n - 17)
                break;
        }
        return !_mm_movemask_epi8(bad) && (s[0] == ' ' || !chr__ascii_space((unsigned char)s[0]));
    }
#endif
    for (size_t k = 0; k < n; k++)
        if (chr__ascii_space((unsigned char)s[k]) && (s[k] != ' ' || (k > 0 && s[k - 1] == ' ')))
            return 0;
    return 1;
}

/* append of text[from..to) of the sentence of memo: copied as it is when the sentence is single_spaced.
 * The summaries and actors of the 2 MB slice append 5 MB of text (a clause for each of its events), which
 * append, looking at every byte for blanks, took 12 M instructions over. */
static inline void append_text(char *buf, size_t *o, size_t cap, const ctx *c, const body_memo *memo,
                               size_t from, size_t to)
{
    size_t n = to > from ? to - from : 0, k = *o;
    if (from < memo->lo || to > memo->hi || (n && chr__ascii_space((unsigned char)c->text[from]))) {
        append(buf, o, cap, c->text + from, n);
        return;
    }
    if (n > cap - 1 - k)
        n = cap - 1 - k;
    memcpy(buf + k, c->text + from, n);
    buf[k + n] = '\0';
    *o = k + n;
}

/* The text of tokens [a, b) of the sentence of memo into buf, blanks collapsed; its length. */
static size_t span_text(const ctx *c, const body_memo *memo, size_t a, size_t b, char *buf, size_t cap)
{
    size_t o = 0;
    buf[0] = '\0';
    if (a < b)
        append_text(buf, &o, cap, c, memo, c->toks->v[a].start, c->toks->v[b - 1].end);
    return o;
}

/* May a summary end at token q: a comma, semicolon or full stop, or an "and" or "but" (before "which" or
 * "who")? The tests of describe's loop, of which a token must pass one to end it. */
static int summary_stop(const ctx *c, size_t q)
{
    const chr__token *t = &c->toks->v[q];
    size_t n = t->end - t->start;
    if (n == 1) {
        char ch = c->text[t->start];
        return ch == ',' || ch == ';' || ch == '.';
    }
    return n == 3 && tok_is(c, q, AND | BUT);
}

/* The actor and the summary of event e, whose token is i (tok_at). */
static int describe(chr_result *res, chr_event *e, size_t i, const ctx *c, body_memo *memo)
{
    const chr__tokens *tk = c->toks;
    if (i >= tk->n)
        return 0;
    size_t s = tk->v[i].sent, first0 = tk->sent_first[s];
    size_t last = s + 1 < tk->nsent ? tk->sent_first[s + 1] : tk->n;
    /* a headline's or a byline's line is its own: "Boeing strike ends after union approves new contract",
     * not "... By Maria Chen November 5" */
    if (c->nbreaks) {
        size_t lo = 0, hi = c->nbreaks; /* the first break after token i */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (c->breaks[mid] <= i)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo > 0 && c->breaks[lo - 1] > first0)
            first0 = c->breaks[lo - 1];
        if (lo < c->nbreaks && c->breaks[lo] < last)
            last = c->breaks[lo];
    }
    if (memo->first0 != first0 || memo->last != last) {
        memo->first0 = first0;
        memo->last = last;
        memo->first = body_start(c, first0, last);
        memo->from = last;
        size_t from = tk->v[first0].start;
        memo->hi = tk->v[last - 1].end;
        memo->lo = single_spaced(c->text + from, memo->hi - from) ? from : memo->hi + 1;
    }
    if (i + 1 < memo->from) { /* the stops from the token after the event on */
        for (size_t q = memo->from, next = q < last ? memo->stop[q] : last; q-- > i + 1;)
            memo->stop[q] = next = summary_stop(c, q) ? q : next;
        memo->from = i + 1;
    }
    size_t first = memo->first;
    if (first > i)
        first = first0;
    size_t a, b;
    int aside;
    actor_left(c, res, i, first, &a, &b, &aside);
    size_t subj = a < b ? a : i; /* where the subject phrase starts (i: none), for the summary */
    int reported_before = 0; /* '"...," Kerry said' / 'The U.S. would ..., Kerry said' */
    int subordinate = tok_is(c, first, SUBORDINATOR);
    int verb_report = e->cls == CHR_EVENT_REPORTING && e->tense != CHR_TENSE_NONE;
    /* a participle ("..., citing people familiar with the matter") has its object after it, not its actor */
    int finite_report = verb_report && e->tense != CHR_TENSE_PRESPART && e->tense != CHR_TENSE_INFINITIVE;
    if (a == b && finite_report && i > first + 1 && !subordinate && tok_punct(c, i - 1)) {
        /* nothing left of the verb but what it reports: the actor follows it */
        actor_right(c, i, last, res, &a, &b);
        reported_before = a < b;
    } else if (a < b && verb_report && a > first + REPORT_MIN_TOKENS && tok_punct(c, a - 1) && !subordinate &&
               !verb_after(c, res, i, last) && !adverbial_opening(c, res, first, i, last)) {
        /* '"...," Kerry said Wednesday'; not 'Noting that ..., they said it had to have belonged to Iran',
         * which reports what follows it */
        reported_before = 1;
    } else if (i + 2 < last && tok_is(c, i + 1, BY) &&
               (e->tense == CHR_TENSE_PASTPART || passive_be(c, i, first))) {
        /* a passive: "first broken by The Huffington Post" ("by" asked first: passive_be, asked of every
         * event, had cost 1.5 M instructions on the 2 MB slice) */
        size_t pa, pb;
        actor_right(c, i + 1, last, res, &pa, &pb);
        if (pa < pb) {
            a = pa;
            b = pb;
            if (aside) /* "the story, first broken by The Huffington Post": the agent, no aside */
                subj = i;
            aside = 0;
        }
    }
    /* where the summary starts: the actor, else the auxiliaries and negation before the event ("has not
     * had diplomatic relations") */
    size_t aux = skip_between(c, i, first);
    if (aux < i && aux > first && tok_clitic(c, aux) && !tok_punct(c, aux - 1))
        aux--; /* "Wednesday's close", not "'s close" */
    size_t sum_from = a < b && a < i ? tk->v[a].start : subj < i ? tk->v[subj].start : tk->v[aux].start;
    if ((e->tense == CHR_TENSE_NONE && !after_modal(c, i, first)) || e->tense == CHR_TENSE_INFINITIVE) {
        /* a noun ("the Iranian bombing") or an infinitive ("not to forget"): no actor of its own; the
         * summary still starts with the phrase before it. A verb after a modal has the tense NONE too, and
         * its subject ("the president would meet") */
        a = b;
    }
    const char *shared_actor = NULL; /* the subject of a coordinated verb or the antecedent of "which" */
    int prefix_actor = 0;            /* the antecedent of "which" or "who", which opens the summary */
    if (a == b && e->tense != CHR_TENSE_NONE && e->tense != CHR_TENSE_INFINITIVE) {
        size_t k = skip_to_subject(c, res, i, first);
        if (k > first + 1 && tok_is(c, k - 1, WHICH | WHO) &&
            tok_word(c, k - 2, ",")) {
            /* "Iran, which is a top regional rival": the phrase before the comma, over an apposition ("Maria
             * Lopez, 62, who had lived there") */
            actor_phrase(c, res, k - 2, first, &a, &b);
            for (int step = 0; step < 2; step++) {
                if (!(a < b && a > first + 1 && tok_word(c, a - 1, ",") && apposition_at(c, a)))
                    break;
                actor_phrase(c, res, a - 1, first, &a, &b);
            }
            prefix_actor = a < b;
        } else if (k > first + 1 &&
                   (tok_is(c, k - 1, WHICH | WHO) ||
                    (tok_word(c, k - 1, "that") && k - 2 > first && !tok_verb_event(c, res, k - 2) &&
                     !tok_is(c, k - 2, BETWEEN | ADVERB))) &&
                   !tok_punct(c, k - 2) && !tok_is(c, k - 2, STOP) && !tok_is(c, k - 2, OF)) {
            /* "footage which showed a U.S.-made jet", "a strike that began": the phrase before "which" (not
             * "the effects of which"; not the verb of "said that", nor "Note that" opening a sentence) */
            actor_phrase(c, res, k - 1, first, &a, &b);
            prefix_actor = a < b;
        } else if (k > first && tok_is(c, k - 1, AND | OR | BUT)) {
            /* "... and has not had relations": the subject of the clause it continues: the antecedent of
             * a "which" before it ("Iran, which is a rival ... and has not had"), else the actor of the
             * verb before it */
            for (size_t q = k - 1; q-- > first + 1;) {
                if (tok_is(c, q, WHICH | WHO) && tok_word(c, q - 1, ",")) {
                    actor_phrase(c, res, q - 1, first, &a, &b);
                    prefix_actor = a < b;
                    break;
                }
                if (tok_verb_event(c, res, q)) {
                    /* the nearest verb before it that has an actor ("Jobs has not yet mentioned what
                     * prompted his decision, but said": Jobs, not the actor-less "prompted") */
                    if (q + 1 < last && tok_is(c, q + 1, BY))
                        break; /* a passive's actor is its agent, not the subject the verbs share */
                    const chr_event *p = e;
                    while (p > res->events && p->start > c->toks->v[q].start)
                        p--;
                    if (p->start == c->toks->v[q].start && p->actor && p->actor[0]) {
                        shared_actor = p->actor;
                        break;
                    }
                }
            }
        }
    }
    /* both written in place into the result's strings */
    char *actor = chr__result_room(res, ACTOR_MAX);
    if (!actor)
        return CHR_ENOMEM;
    size_t actor_len = span_text(c, memo, a, b, actor, ACTOR_MAX);
    if (shared_actor && a == b) {
        copy_cut(actor, ACTOR_MAX, shared_actor);
        actor_len = strlen(actor);
    }
    e->actor = chr__result_keep(res, actor_len);
    e->source = e->cls == CHR_EVENT_REPORTING ? e->actor : "";

    char *sum = chr__result_room(res, SUMMARY_MAX);
    if (!sum)
        return CHR_ENOMEM;
    size_t o = 0;
    sum[0] = '\0';
    if (reported_before) {
        /* the actor, the verb, then what was reported: the sentence up to the comma or quote before the
         * actor (or before the verb, when the actor follows it) */
        size_t cut = a < i ? a - 1 : i - 1;
        while (cut > first + 1 && tok_punct(c, cut - 1))
            cut--; /* the comma and the closing quote(s) before it: "bomb,''" */
        if (cut > first + SUMMARY_WORDS)
            cut = first + SUMMARY_WORDS;
        append(sum, &o, SUMMARY_MAX, actor, actor_len);
        append(sum, &o, SUMMARY_MAX, " ", 1);
        append(sum, &o, SUMMARY_MAX, c->text + e->start, e->end - e->start);
        append(sum, &o, SUMMARY_MAX, " ", 1);
        if (a < i && tell_form(c, i)) {
            /* whom it was told to: "the official told The Huffington Post we're there ...", up to a time
             * expression, a punctuation mark or a preposition (when the actor follows the verb, '..., told
             * X', nothing) */
            size_t q = i + 1;
            while (q < last && q < i + 1 + ACTOR_TOKENS && !tok_punct(c, q) && !tok_in_timex(c, res, q) &&
                   !tok_is(c, q, STOP))
                q++;
            if (q > i + 1) {
                size_t from = tk->v[i + 1].start;
                append(sum, &o, SUMMARY_MAX, c->text + from, tk->v[q - 1].end - from);
                append(sum, &o, SUMMARY_MAX, " ", 1);
            }
        }
        size_t cstart = tk->v[first].start, cend = tk->v[cut].start;
        while (cstart < cend && (c->text[cstart] == '"' || c->text[cstart] == ' ' ||
                                 (unsigned char)c->text[cstart] >= 0x80))
            cstart++;
        size_t content = o;
        append(sum, &o, SUMMARY_MAX, c->text + cstart, cend > cstart ? cend - cstart : 0);
        /* "Kerry said the U.S. would ...": an article or pronoun that opened the sentence is lower case now */
        size_t wl = 0;
        while (content + wl < o && isalpha((unsigned char)sum[content + wl]))
            wl++;
        static const char *const openers[] = {"The", "A", "An", "It", "We", "They", "He", "She", "This",
                                              "That", "There", NULL};
        for (const char *const *w = openers; *w; w++)
            if (strlen(*w) == wl && !strncmp(sum + content, *w, wl))
                sum[content] = (char)tolower((unsigned char)sum[content]);
    } else {
        size_t from = sum_from;
        /* from the token after the event (the event never ends it) to the first that ends it, over those that
         * cannot (memo->stop), SUMMARY_WORDS tokens at most */
        size_t q = i + 1, end = last < i + SUMMARY_WORDS ? last : i + SUMMARY_WORDS;
        int in_relative = -1; /* the event's clause is a relative one (which or who before it): asked once */
        int relative = prefix_actor && e->cls != CHR_EVENT_REPORTING;
        for (; q < end; q++) {
            q = memo->stop[q];
            if (q >= end) {
                q = end;
                break;
            }
            size_t words = q - i;
            const chr__token *t = &tk->v[q];
            char ch = t->end - t->start == 1 ? c->text[t->start] : 0;
            /* a relative clause ends at the next comma: "The firm makes leather accessories", not "...,
             * said the stock would rise"; not a report's, whose content may follow a comma ("who stated,
             * \"Great companies ...\"") */
            if (ch == ',' && words < SUMMARY_COMMA && !relative && in_relative < 0) {
                size_t rk = skip_to_subject(c, res, i, first);
                in_relative = rk > first && tok_is(c, rk - 1, WHICH | WHO);
                relative = in_relative && e->cls != CHR_EVENT_REPORTING;
            }
            if (ch == ';' || ch == '.' || (ch == ',' && (words >= SUMMARY_COMMA || relative)))
                break;
            /* "which lawmakers passed in June and which took effect": the next relative clause is not its */
            if (t->end - t->start == 3 && q + 1 < last &&
                tok_is(c, q, AND | BUT) && tok_is(c, q + 1, WHICH | WHO))
                break;
        }
        size_t to = tk->v[q - 1].end;
        if (a < b && a > i) { /* the passive's agent: "broken by The Huffington Post" */
            size_t agent_end = tk->v[b - 1].end;
            if (agent_end > to)
                to = agent_end;
        }
        if (aside) { /* the actor, then the event and its auxiliaries: the aside between them is left out */
            append(sum, &o, SUMMARY_MAX, actor, actor_len);
            append(sum, &o, SUMMARY_MAX, " ", 1);
            from = tk->v[aux].start;
        } else if (prefix_actor && actor[0]) {
            /* the antecedent of "which" or "who" opens the summary: "Iran has not had diplomatic relations",
             * "footage showed" (the subject a coordinated verb shares does not: it is too often wrong) */
            append(sum, &o, SUMMARY_MAX, actor, actor_len);
            append(sum, &o, SUMMARY_MAX, " ", 1);
        }
        append_text(sum, &o, SUMMARY_MAX, c, memo, from, to);
    }
    trim_tail(sum, &o);
    e->summary = chr__result_keep(res, o);
    return 0;
}

/* In a sentence that holds a report ("Kerry said ...", '"...," the official told HuffPost'), the other
 * events placed by their tense alone are what was reported, told in the report's summary: their rule
 * becomes "reported", and a chronology lists the report rather than each verb of what it reports. */
static void mark_reported(chr_result *res)
{
    for (size_t a = 0, b; a < res->nevents; a = b) {
        int report = 0;
        for (b = a; b < res->nevents && res->events[b].sent_start == res->events[a].sent_start; b++)
            report |= res->events[b].cls == CHR_EVENT_REPORTING && verbal(&res->events[b]) &&
                      res->events[b].time.timex >= -1;
        for (size_t k = a; report && k < b; k++) {
            chr_event *e = &res->events[k];
            if (tense_rule_of(e->time.rule) &&
                !(e->cls == CHR_EVENT_REPORTING && verbal(e)))
                e->time.rule = "reported";
        }
    }
}

/* Is event e the label of a page's header ("Published" before the time the page was published)? It is no
 * news event: it stays undated. */
static int header_event(const chr_result *res, const ctx *c, const chr_event *e)
{
    if (!(c->lines & HEADER))
        return 0;
    size_t lo = first_timex_from(res, e->end); /* the first time expression after the event */
    if (lo == res->n || !(c->line[lo] & HEADER))
        return 0;
    /* on the time's line */
    return !memchr(c->text + e->end, '\n', res->timexes[lo].start - e->end);
}

/* c->breaks, in breaks (room for the token count), and c->nbreaks: none in most texts; the line breaks are
 * found with memchr, not token by token. (Per token, the line's first and last tokens had cost the 256
 * documents of the 2 MB slice with a break 2.7 M instructions.) */
static void lines_of_headlines(ctx *c, size_t *breaks)
{
    size_t n = c->toks->n, nb = 0;
    if (c->wrapped || !n)
        return;
    for (const char *p = c->text, *end = c->text + c->len; (p = memchr(p, '\n', (size_t)(end - p))); p++) {
        /* a line whose last word ends with a full stop or a quote (as paragraphs do) is no headline's: its
         * break is not looked up (all but 500 of the 13,200 of the 2 MB slice) */
        size_t b = (size_t)(p - c->text);
        while (b > 0 && chr__ascii_space((unsigned char)c->text[b - 1]))
            b--;
        if (b > 0 && strchr(".!?\"':", c->text[b - 1]))
            continue;
        size_t q = tok_at(c, (size_t)(p - c->text));
        if (q < n && c->toks->v[q].start > (size_t)(p - c->text) && line_break_at(c, q) &&
            (!nb || breaks[nb - 1] != q)) /* a blank line: two line ends before one token */
            breaks[nb++] = q;
    }
    c->breaks = breaks;
    c->nbreaks = nb;
}

/* An event in a bare duration ("The board met for three hours on Sunday": DURING "three hours", as TimeBank
 * links it) has no interval of its own; a date or time of day right after the duration, with at most "on",
 * "in" or "at" between, gives one ("begin" and "end" Sunday), so that a chronology can place it. The
 * relation and the time it links to stay. Not a date farther or with other words between: "for the year
 * ended Aug. 31" is no day of the year's. */
static void date_durations(chr_result *res, const ctx *c)
{
    for (size_t i = 0; i < res->nevents; i++) {
        chr_event *e = &res->events[i];
        int k = e->time.timex;
        if (k < 0 || (size_t)k + 1 >= res->n || e->time.relation != CHR_REL_DURING || e->time.begin[0] ||
            e->time.end[0] || res->timexes[k].type != CHR_TIMEX_DURATION || res->timexes[k].start < e->end)
            continue;
        const chr_timex *d = &res->timexes[k], *t = &res->timexes[k + 1];
        if (t->value[0] < '0' || t->value[0] > '9' || t->end > e->sent_end ||
            (t->type != CHR_TIMEX_DATE && t->type != CHR_TIMEX_TIME))
            continue;
        size_t a = d->end, b = t->start;
        while (a < b && c->text[a] == ' ')
            a++;
        if (b - a >= 3 && (!strncmp(c->text + a, "on ", 3) || !strncmp(c->text + a, "in ", 3) ||
                          !strncmp(c->text + a, "at ", 3)))
            a += 3;
        while (a < b && c->text[a] == ' ')
            a++;
        if (a != b || b == d->end)
            continue;
        copy_cut(e->time.begin, sizeof e->time.begin, t->value);
        copy_cut(e->time.end, sizeof e->time.end, t->value);
    }
}

/* The seconds of a counted duration of days, weeks, hours or minutes ("P2D", "P3W", "PT2H", "PT30M"), else
 * 0; *clock: hours or minutes, which need a time of day to count from. */
static int64_t period_seconds(const char *v, int *clock)
{
    size_t i = 1;
    *clock = v[0] == 'P' && v[1] == 'T';
    if (v[0] != 'P' || v[i += *clock] < '1' || v[i] > '9')
        return 0;
    int64_t n = 0;
    while (v[i] >= '0' && v[i] <= '9' && n < 100000)
        n = n * 10 + (v[i++] - '0');
    if (v[i + 1])
        return 0;
    if (*clock)
        return v[i] == 'H' ? n * 3600 : v[i] == 'M' ? n * 60 : 0;
    return v[i] == 'D' ? n * 86400 : v[i] == 'W' ? n * 7 * 86400 : 0;
}

/* A period between two events dates the one it leads from or to when the other has a day: in "opened their
 * season on Saturday night, two days after signing Hill", "signing" BEGINS "two days" (link_timex) and so
 * fell two days before the Saturday of "opened", the dated event of its sentence before the period; "three
 * weeks before the offer expired" puts "expired" three weeks after, and "arrived at 9 p.m. Friday, two hours
 * after the shooting" the shooting at 7 p.m. The relation and the duration stay; begin and end give the day
 * (or the time of day), so that a chronology can place the event. Counted days, weeks, hours and minutes
 * only ("two days", not "days"). */
static void date_periods(chr_result *res)
{
    for (size_t i = 0; i < res->nevents; i++) {
        chr_event *e = &res->events[i];
        int k = e->time.timex;
        int begins = e->time.relation == CHR_REL_BEGINS, clock;
        if (k < 0 || (!begins && e->time.relation != CHR_REL_ENDS) || e->time.begin[0] || e->time.end[0] ||
            strcmp(e->time.rule, "duration") || e->end <= res->timexes[k].start)
            continue; /* the event after the period only: "two days after signing" */
        const chr_timex *d = &res->timexes[k];
        int64_t secs = period_seconds(d->value, &clock);
        if (!secs)
            continue;
        const chr_event *f = NULL; /* the dated event of the sentence before the period, nearest first */
        for (size_t j = i; j-- > 0 && res->events[j].sent_start == e->sent_start && !f;) {
            const chr_event *g = &res->events[j];
            if (g->end <= d->start && g->time.timex >= 0 && (size_t)g->time.timex < res->n &&
                g->time.relation == CHR_REL_IS_INCLUDED && res->timexes[g->time.timex].end <= d->start)
                f = g;
        }
        chr_time t;
        if (!f || chr_time_parse_value(&t, f->time.value, NULL) ||
            t.gran < (clock ? CHR_GRAN_HOUR : CHR_GRAN_DAY))
            continue;
        int64_t at = t.day * 86400 + (clock ? t.sec : 0) + (begins ? -secs : secs);
        int64_t day = at >= 0 ? at / 86400 : -((-at + 86399) / 86400);
        t = (chr_time){.day = day, .sec = (int32_t)(at - day * 86400), .gran = clock ? t.gran : CHR_GRAN_DAY};
        char v[sizeof e->time.begin];
        chr_time_format(v, sizeof v, &t);
        copy_cut(e->time.begin, sizeof e->time.begin, v);
        copy_cut(e->time.end, sizeof e->time.end, v);
    }
}

/* Is token k "since" (1) or "until" (2) followed by "then" (else -1), or neither (0)? */
static int then_signal(const ctx *c, size_t k)
{
    int which = tok_word(c, k, "since") ? 1 : tok_word(c, k, "until") ? 2 : 0;
    if (!which || k + 1 >= c->toks->n)
        return which ? -1 : 0;
    return tok_word(c, k + 1, "then") ? which : -1;
}

/* "its shares have fallen 8% since then": an event followed in its clause (within SIGNAL_REACH tokens) by
 * "since then" or "until then", or an undated verb of a sentence that opens with them ("Since then, the
 * company has cut 4,000 jobs"; not its report, "..., the FBI said"), begins or ends at the last date before
 * it, of its sentence or the one before, rather than sharing a time of its sentence ("reported results on
 * Oct. 30, and its shares have fallen 8% since then" had made the fall IS_INCLUDED Oct. 30). "then" itself is
 * no time expression: TimeBank tags one of the 45 of TBAQ. TBAQ with the gold events: 1547 links before and
 * after, awareness 0.3530 -> 0.3534; 1.8 M instructions on the 2 MB slice. */
static void since_then(chr_result *res, const ctx *c)
{
    const chr__tokens *toks = c->toks;
    const chr__token *v = toks->v;
    size_t sent = (size_t)-1, opening = 0; /* the sentence opens with "since then" or "until then": 1 + its
                                            * token */
    for (size_t i = 0; i < res->nevents; i++) {
        chr_event *e = &res->events[i];
        size_t et = ev_tok(c, e), k = (size_t)-1;
        if (v[et].sent != sent) {
            sent = v[et].sent;
            size_t first = toks->sent_first[sent];
            opening = v[first].end - v[first].start == 5 && then_signal(c, first) > 0 ? first + 1 : 0;
        }
        /* the events that go on since then or will until then: a perfect ("have fallen 8% since then") or a
         * future ("will stay closed until then"); walking the words after every event cost 1% of the time */
        int perfect = e->aspect == CHR_ASPECT_PERFECTIVE || e->aspect == CHR_ASPECT_PERFECTIVE_PROGRESSIVE;
        if (perfect || e->tense == CHR_TENSE_FUTURE)
            for (size_t b = et + 1; b < et + 1 + SIGNAL_REACH && b < toks->n; b++) {
                size_t n = v[b].end - v[b].start;
                if (n == 1 && strchr(",;:.!?\"()", c->text[v[b].start]))
                    break; /* the clause ends (not at "8%") */
                int sig = n == 5 ? then_signal(c, b) : 0; /* the length first: 0.8 M instructions fewer */
                if (sig) {
                    k = sig > 0 ? b : k;
                    break;
                }
            }
        /* "Since then, Intel has cornered ...": the undated verbs of the sentence */
        if (k == (size_t)-1 && opening && et >= opening && verbal(e) && e->cls != CHR_EVENT_REPORTING &&
            e->time.timex == -2)
            k = opening - 1;
        if (k == (size_t)-1)
            continue;
        size_t from = toks->sent_start[sent > 0 ? sent - 1 : 0], then = v[k + 1].start;
        size_t ti = first_timex_from(res, then);
        while (ti-- > 0) { /* the last date before "then", of its sentence or the one before */
            const chr_timex *t = &res->timexes[ti];
            if (t->end <= then && c->gran[ti] != CHR_GRAN_NONE && !(c->line[ti] & (OWN_LINE | DATELINE)))
                break;
        }
        if (ti == (size_t)-1 || res->timexes[ti].start < from)
            continue;
        const chr_timex *t = &res->timexes[ti];
        if (then_signal(c, k) == 1)
            set_time(&e->time, (int)ti, CHR_REL_BEGUN_BY, t->value, c->gran[ti], t->value, c->dct,
                     "signal:since");
        else
            set_time(&e->time, (int)ti, CHR_REL_ENDED_BY, t->value, c->gran[ti], "", t->value,
                     "signal:until");
    }
}

/* chr__events_link once its context is made. */
static int link_all(chr_result *res, const ctx *c, size_t *stop, chr_error *err)
{
    for (size_t i = 0; i < res->nevents; i++)
        res->events[i].time.timex = -2;
    link_timexes(res, c);
    mark_heads(res, c);
    date_durations(res, c);
    since_then(res, c);
    date_periods(res);
    body_memo memo = {1, 0, 0, stop, 0, 1, 0};
    for (size_t i = 0; i < res->nevents; i++) {
        chr_event *e = &res->events[i];
        size_t tok = c->ev_tok[i]; /* the event's token */
        int header = e->time.timex == -2 && header_event(res, c, e);
        chr_relation r = header ? CHR_REL_NONE : dct_relation(res, c, i, tok);
        if (e->time.timex == -2 && !header && !link_to_event(i, tok, res, c))
            link_by_tense(e, r, c);
        e->dct = c->dct[0] ? r : CHR_REL_NONE;
        if (describe(res, e, tok, c, &memo))
            return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    mark_reported(res);
    return CHR_OK;
}

/* The word lists' table, built once for the process by the first caller that claims it (the others, while
 * it builds, build their own into local): the same bytes every time, so which one a caller reads does not
 * matter. Built per document, it cost about 15 thousand instructions a document. */
static wordset shared_words;
static atomic_int shared_state; /* 0 none, 1 being built, 2 ready */

static void words_build(void *ws) { wordset_build(ws); }

static const wordset *words_table(wordset *local)
{
    return chr__build_once(&shared_state, &shared_words, local, words_build);
}

int chr__events_link(chr_result *res, const chr_doc *doc, const chr__tokens *toks, chr__wordent *const *went,
                     const size_t *given, chr_error *err)
{
    if (!res->nevents)
        return CHR_OK;
    wordset local;
    const wordset *words = words_table(&local);
    char dct[64] = "";
    if (doc->dct.gran != CHR_GRAN_NONE)
        chr_time_format(dct, sizeof dct, &doc->dct);
    /* the arrays of the document in one block, those of the widest elements first: ctx.breaks
     * (lines_of_headlines), each event's token (know_tenses), ctx.tx_tok and body_memo.stop; ctx.scratch;
     * ctx.marks;
     * ctx.lists; ctx.gran; ctx.line; ctx.soft_commas and ctx.marks_known, zeroed (six blocks a document,
     * allocated and freed, had cost 1 M instructions on the 2 MB slice) */
    _Static_assert(_Alignof(chr_gran) <= _Alignof(uint32_t), "gran follows lists");
    size_t ntok = toks->n ? toks->n : 1, ntx = res->n ? res->n : 1;
    size_t nsize = 2 * ntok + res->nevents + 2 * res->n, nmarks = marks_words(doc->len);
    size_t nzero = soft_commas_size(doc->len) + marks_known_size(doc->len);
    _Static_assert(_Alignof(head) <= _Alignof(size_t) && _Alignof(uint64_t) <= _Alignof(head), "scratch");
    size_t *breaks = malloc(nsize * sizeof(size_t) + ntx * sizeof(head) + nmarks * sizeof(uint64_t) +
                            ntok * sizeof(uint32_t) + ntx * sizeof(chr_gran) + ntx + nzero);
    int st = CHR_OK;
    if (breaks) {
        head *scratch = (head *)(breaks + nsize);
        uint64_t *marks = (uint64_t *)(scratch + ntx);
        uint32_t *lists = (uint32_t *)(marks + nmarks);
        chr_gran *gran = (chr_gran *)(lists + ntok);
        unsigned char *line = (unsigned char *)(gran + ntx), *soft = line + ntx;
        memset(soft, 0, nzero);
        if (went) {
            /* each token's bits as an earlier token of its word left them in the word cache (0: none yet),
             * in one pass: asked for by look_up token by token, they had cost 3.5 M instructions on the 2 MB
             * slice; unrolled, as the loop's own steps were a third of its 3.3 M */
#pragma GCC unroll 4
            for (size_t k = 0; k < toks->n; k++)
                lists[k] = went[k] ? went[k]->link : 0;
        } else {
            memset(lists, 0, ntok * sizeof *lists);
        }
        size_t *tok_of = breaks + ntok, *tx_tok = tok_of + res->nevents;
        ctx c = {doc->text, doc->len, toks, words, went, lists, dct, gran_of(dct), gran, line, 0,
                 hard_wrapped(doc->text, doc->len), NULL, 0, NULL, NULL, NULL, 0, res->timexes, tx_tok,
                 res->events, tok_of, scratch};
        for (size_t k = 0; k < res->n; k++) { /* its end a few tokens after its start */
            tx_tok[2 * k] = tok_at(&c, res->timexes[k].start);
            tx_tok[2 * k + 1] = tok_at_from(&c, tx_tok[2 * k], res->timexes[k].end);
        }
        c.soft_commas = soft;
        c.marks = marks;
        c.marks_known = soft + soft_commas_size(doc->len);
        lines_of_headlines(&c, breaks);
        know_tenses(&c, res, tok_of, given);
        know_timexes(&c, res);
        for (size_t i = 0; i < res->n; i++) {
            gran[i] = gran_of(res->timexes[i].value);
            int header = header_label(&c, &res->timexes[i]);
            int own = header || own_line(&c, &res->timexes[i]);
            line[i] = (unsigned char)((header ? HEADER : 0) | (own ? OWN_LINE : 0) |
                                      (in_dateline(&c, &res->timexes[i]) ? DATELINE : 0) |
                                      (comparison_term(&c, &res->timexes[i]) ? COMPARED : 0) |
                                      (possessive(&c, &res->timexes[i]) ? POSSESSIVE : 0) |
                                      (modifier(&c, &res->timexes[i]) ? MODIFIER : 0) |
                                      (rate(&c, &res->timexes[i]) ? RATE : 0) |
                                      (now_of_from_now(res, &c, i) ? FROM_NOW : 0));
            c.lines |= line[i];
        }
        st = link_all(res, &c, tx_tok + 2 * res->n, err);
    } else {
        st = chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    free(breaks);
    return st;
}
