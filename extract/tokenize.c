/* tokenize.c: words and sentences of a text, for the event recognizer and the event anchoring.
 *
 * Exports chr__tokenize, chr__tokenize_again, chr__tokens_free and chr__tokenize_abbrev (events.h).
 *
 * One linear pass over the bytes. A token is a word (letters, digits and non-ASCII letters, with inner
 * hyphens, "&", dots between letters as in "U.S." and dots and commas between digits as in "3.5" and
 * "1,000"), a clitic split from its word ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m", with ' or U+2019), or
 * one punctuation mark ("--" and "..." stay whole; U+2013..U+2026 are punctuation). Known abbreviations
 * ("Mr.", "Jan.", "Corp."), letter-dot sequences ("U.S.", "a.m.") and initials (a capital letter and a dot
 * before a capitalised word: "Timothy D. Cook"; "plan B." at a sentence's end too, when the next sentence
 * follows) keep their final dot and do not end a sentence. A sentence ends after '.', '!' or '?' (and the
 * quotes or brackets that follow) when the next token does not start with a lower-case letter, a comma or a
 * semicolon ("in Birmingham, Ala., killed"), and at a blank line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* Length of a punctuation or space code point at s[i] (>= 0x80): U+2000..U+206F (dashes, quotes,
 * ellipsis, spaces), U+00A0..U+00BF (NBSP, guillemets, signs); 0 when it is a letter. */
static size_t uni_punct(const unsigned char *s, size_t len, size_t i) {
    if (s[i] == 0xE2 && i + 2 < len && (s[i + 1] == 0x80 || s[i + 1] == 0x81))
        return 3;
    if (s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0xA0 && s[i + 1] <= 0xBF)
        return 2;
    if (s[i] == 0xE3 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x80) /* ideographic space */
        return 3;
    return 0;
}

/* A space code point: NBSP, U+2000..U+200B, U+202F, U+205F. */
static int uni_space(const unsigned char *s, size_t len, size_t i) {
    if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0xA0)
        return 1;
    if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] <= 0x8B || s[i + 2] == 0xAF))
        return 1;
    if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x81 && s[i + 2] == 0x9F)
        return 1;
    return 0;
}

/* A word byte: ASCII letter or digit, or a non-ASCII byte that is not punctuation. */
static int word_at(const unsigned char *s, size_t len, size_t i) {
    if (chr__ascii_alnum(s[i]))
        return 1;
    if (s[i] < 0x80)
        return 0;
    if ((s[i] & 0xC0) == 0x80)
        return 1; /* a continuation byte inside a letter */
    return uni_punct(s, len, i) == 0;
}

/* An apostrophe at s[i]: 1 for ', 3 for U+2019, else 0. */
static size_t apos_at(const unsigned char *s, size_t len, size_t i) {
    if (s[i] == '\'')
        return 1;
    if (chr__utf8_rsquo(s + i, len - i))
        return 3;
    return 0;
}

/* Whether s[0..n) is lit (lower case) regardless of case; stops at the first difference. */
static int ieq(const unsigned char *s, size_t n, const char *lit) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (!lit[i] || c != (unsigned char)lit[i]) /* lit ends first, or differs */
            return 0;
    }
    return lit[n] == '\0';
}

/* Tokens in one sentence at most (text with no sentence ends is cut into pieces this long). */
#define MAX_SENTENCE_TOKENS 250

/* s[0..8) as a number whose order is strcmp's (the first byte the most significant). */
static inline uint64_t key8(const char *s) {
    uint64_t k;
    memcpy(&k, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    k = __builtin_bswap64(k);
#elif !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_BIG_ENDIAN__
    k = 0;
    for (int i = 0; i < 8; i++)
        k = k << 8 | (unsigned char)s[i];
#endif
    return k;
}

/* Abbreviations that keep their dot and do not end a sentence, in strcmp order (binary search; each
 * padded with NULs to 8 bytes, so that a comparison is one of two numbers). */
static int is_abbrev(const unsigned char *s, size_t n) {
    static const char list[][8] = {
        "a.m", "adm", "ala", "approx", "apr", "ariz", "ark", "assn", "aug", "ave", "blvd", "bros", "calif",
        "capt", "cmdr", "co", "col", "colo", "conn", "corp", "dec", "del", "dept", "dr", "e.g", "est", "etc",
        "feb", "fig", "fla", "ft", "ga", "gen", "gov", "govt", "i.e", "ill", "inc", "ind", "jan", "jr", "jul",
        "jun", "kan", "ky", "la", "lt", "ltd", "maj", "mar", "mass", "md", "messrs", "mich", "minn", "mo",
        "mont", "mr", "mrs", "ms", "mt", "n.j", "n.y", "neb", "nev", "no", "nos", "nov", "oct", "okla", "ore",
        "p.m", "pa", "penn", "pres", "prof", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "tenn",
        "tex", "u.k", "u.n", "u.s", "univ", "v", "va", "vs", "vt", "wash", "wis", "wyo"};
    /* by the first letter and the length, bit c - 'a' of first[n] set when an abbreviation of n letters
     * starts with c (made from the list; test_every_abbreviation fails if one is missing): 71% of the
     * words before a dot in news are no abbreviation by this alone, without the key and the search (is_abbrev
     * 2.1 M -> 0.9 M instructions on the 2 MB slice) */
    static const uint32_t first[8] = {0, 0x200000, 0x24be6c, 0x5eff7d, 0x5cd04f, 0x4, 0x1001, 0};
    if (n == 0 || n >= 8) /* none is that long */
        return 0;
    unsigned c = (unsigned)(s[0] | 0x20) - 'a';
    if (c > 25 || !(first[n] >> c & 1))
        return 0;
    uint64_t k = 0; /* key8 of s in lower case, padded with NULs */
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\0') /* a NUL inside: no abbreviation */
            return 0;
        k = k << 8 | (unsigned char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    }
    k <<= 8 * (8 - n);
    size_t lo = 0, hi = sizeof list / sizeof list[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uint64_t m = key8(list[mid]);
        if (m == k)
            return 1;
        if (m < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int chr__tokenize_abbrev(const char *s, size_t n) { return is_abbrev((const unsigned char *)s, n); }

/* The tokens as they are pushed, in two parts. The hot part (the token array, the count, the limit before
 * push_slow, the open sentence, whether it ends before the next token) is a local of the tokenizer whose
 * address no call sees, so that the compiler may keep it in registers: the fields of a builder whose
 * address went to push_slow were read again after every store of a token (a size_t store might alias
 * them). The cold part, the builder, is what push_slow works on; the two are copied at its call. Each
 * sentence's end is set at the end from the next sentence's first token. */
typedef struct builder {
    chr__tokens *t;
    chr__token *v;
    size_t n;      /* tokens so far */
    size_t lim;    /* push_slow from this token on: array full or sentence cut; 0 when none is open */
    size_t sent;   /* the open sentence */
    size_t cap, scap;
    int open;      /* a sentence is open */
    size_t first;  /* the first token of the open sentence */
} builder;

typedef struct hot {
    chr__token *v;
    size_t n, lim, sent;
    size_t gate;  /* lim, or 0 while end_next is set: push's one test for the usual token */
    int open;
    int end_next; /* the sentence ends unless the next token starts lower case */
} hot;

static int push_sent(builder *b, size_t first_tok) {
    chr__tokens *t = b->t;
    if (t->nsent == b->scap) {
        size_t cap = b->scap ? b->scap * 2 : 16;
        size_t *a = realloc(t->sent_start, cap * sizeof *a);
        if (!a)
            return -1;
        t->sent_start = a;
        a = realloc(t->sent_end, cap * sizeof *a);
        if (!a)
            return -1;
        t->sent_end = a;
        a = realloc(t->sent_first, cap * sizeof *a);
        if (!a)
            return -1;
        t->sent_first = a;
        b->scap = cap;
    }
    t->sent_first[t->nsent] = first_tok;
    t->sent_start[t->nsent] = b->v[first_tok].start;
    t->nsent++;
    return 0;
}

/* push() when the token array is full or the token opens a sentence (kept out of line, so that the
 * usual push is a few instructions). */
static int push_slow(builder *b, size_t start, size_t end) __attribute__((noinline));
static int push_slow(builder *b, size_t start, size_t end) {
    chr__tokens *t = b->t;
    size_t n = b->n;
    if (n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        chr__token *v = realloc(b->v, cap * sizeof *v);
        if (!v)
            return -1;
        t->v = b->v = v; /* t->v too, for chr__tokens_free after a failure */
        b->cap = cap;
    }
    chr__token *v = &b->v[n];
    v->start = start;
    v->end = end;
    /* no real sentence is this long: cut it, so that the work per sentence stays bounded */
    if (!b->open || n - b->first >= MAX_SENTENCE_TOKENS) {
        b->sent = t->nsent;
        if (push_sent(b, n))
            return -1;
        b->first = n;
        b->open = 1;
    }
    v->sent = b->sent;
    b->n = n + 1;
    b->lim = b->first + MAX_SENTENCE_TOKENS < b->cap ? b->first + MAX_SENTENCE_TOKENS : b->cap;
    return 0;
}

/* The open sentence ends before the next token. */
static inline void close_sentence(hot *h) {
    h->open = 0;
    h->lim = h->gate = 0;
}

/* push() past the gate: after a sentence's final mark, when the array is full or the token opens a
 * sentence. Inlined too: out of line, it took h's address, and the compiler then stored the token count
 * to memory at every token. */
static inline int push_gated(hot *h, builder *b, const unsigned char *s, size_t start, size_t end,
                             int attach) __attribute__((always_inline));
static inline int push_gated(hot *h, builder *b, const unsigned char *s, size_t start, size_t end,
                             int attach) {
    if (!attach && h->end_next) {
        if (h->open && !is_lower(s[start]) && s[start] != ',' && s[start] != ';')
            close_sentence(h); /* not before a comma: "in Birmingham, Ala., killed" */
        h->end_next = 0;
    }
    size_t n = h->n;
    if (n >= h->lim) {
        b->n = n;
        b->open = h->open;
        if (push_slow(b, start, end))
            return -1;
        h->v = b->v;
        h->n = b->n;
        h->lim = b->lim;
        h->sent = b->sent;
        h->open = 1;
    } else {
        chr__token *v = &h->v[n];
        v->start = start;
        v->end = end;
        v->sent = h->sent;
        h->n = n + 1;
    }
    h->gate = h->end_next ? 0 : h->lim;
    return 0;
}

/* attach: a closing quote or bracket, which stays with a sentence that ends before it. The usual token
 * is one test and three stores; the sentence's end, a full array and a new sentence are push_gated's
 * (1 token in 22). */
static inline int push(hot *h, builder *b, const unsigned char *s, size_t start, size_t end, int attach)
    __attribute__((always_inline));
static inline int push(hot *h, builder *b, const unsigned char *s, size_t start, size_t end, int attach) {
    size_t n = h->n;
    if (__builtin_expect(n >= h->gate, 0))
        return push_gated(h, b, s, start, end, attach);
    chr__token *v = &h->v[n];
    v->start = start;
    v->end = end;
    v->sent = h->sent;
    h->n = n + 1;
    return 0;
}

/* The bytes after a word's first run of ASCII letters and digits that may go on with it or begin its
 * clitic: & - . / ' and the non-ASCII ones; ',' (2) goes on only after a digit, '.' (3) is asked apart
 * (below). Any other byte ends the word where word_end would, with no dot kept and no clitic: so end 90%
 * of the words that start with an ASCII letter or digit (78% of the tokens of news: at a space, a comma,
 * a quote), which the tokenizer pushes without word_end's tests. */
static const unsigned char goes_on[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 2, 1, 3, 1, /* 0x20 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x30 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x50 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x70 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x80 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x90 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xA0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xB0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xC0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xD0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xE0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xF0 */
};

/* What a punctuation mark is: it ends a sentence (. ! ? and U+2026 …), it closes a quote or a bracket
 * (" ' ) ] and U+2019 ’, U+201D ”), it may run on ("--", "..."). A table for ASCII: the tests one by one
 * had cost 15 instructions a mark. */
enum { P_FINAL = 1, P_CLOSER = 2, P_RUN = 4 };
static const unsigned char punct_kind[128] = {
    ['.'] = P_FINAL | P_RUN, ['!'] = P_FINAL, ['?'] = P_FINAL, ['-'] = P_RUN,
    ['"'] = P_CLOSER,        ['\''] = P_CLOSER, [')'] = P_CLOSER, [']'] = P_CLOSER};

/* The kind of the punctuation mark U+2000 + b - 0x80 (its third byte b after E2 80). */
static unsigned uni_punct_kind(unsigned char b) {
    return b == 0xA6 ? P_FINAL : b == 0x99 || b == 0x9D ? P_CLOSER : 0;
}

/* The end of the word starting at s[i] (before any clitic), whose first run of ASCII letters and digits
 * ends at r (i when s[i] is not one). */
static size_t word_end(const unsigned char *s, size_t len, size_t i, size_t r, int *abbrev_dot) {
    size_t j = r;
    int letters_dots = 1; /* single letters separated by dots: "U.S" */
    int inner = 0;        /* a dot inside */
    size_t seg = r - i;
    *abbrev_dot = 0;
    while (j < len) {
        unsigned char c = s[j];
        /* ASCII other than & , - . / (bits 0, 6..9 from '&'): the word ends, as the tests below say */
        if (c < 0x80 && (c < '&' || c > '/' || !((0x3C1u >> (c - '&')) & 1)))
            break;
        if (c >= 0x80 && word_at(s, len, j)) {
            j++;
            seg++;
        } else if (j + 1 < len && j > i) {
            unsigned char p = s[j - 1], q = s[j + 1];
            if ((c == '.' || c == ',') && is_digit(p) && is_digit(q)) {
                inner |= c == '.';
                j++;
            } else if (c == '.' && !is_digit(p) && word_at(s, len, j + 1) && !is_digit(q) && seg == 1) {
                inner = 1; /* "U.S", "a.m" */
                j++;
                seg = 0;
            } else if ((c == '-' || c == '&' || c == '/') && word_at(s, len, j + 1) &&
                       (chr__ascii_alnum(p) || p >= 0x80)) {
                letters_dots = 0;
                j++;
                seg = 0;
            } else {
                break;
            }
        } else {
            break;
        }
        size_t e = chr__ascii_alnum_end(s, j, len); /* the next run of ASCII letters and digits */
        seg += e - j;
        j = e;
    }
    if (seg > 1)
        letters_dots = 0;
    if (j < len && s[j] == '.' && j > i) {
        /* "U.S." keeps its dot when it had an inner one; "Mr." by the list */
        if ((inner && letters_dots) || is_abbrev(s + i, j - i) ||
            (j - i == 1 && s[i] >= 'A' && s[i] <= 'Z' && j + 2 < len && s[j + 1] == ' ' && s[j + 2] >= 'A' &&
             s[j + 2] <= 'Z'))
            *abbrev_dot = 1; /* and an initial before a capitalised word: "Timothy D. Cook" */
    }
    return j;
}

/* The end of the run of ASCII letters and digits from s[i], where the caller knows a byte that is none
 * ends it inside the text: no test of the length. */
static inline size_t alnum_run_end(const unsigned char *s, size_t i) {
    for (;; i += 4) {
        size_t k = chr__ascii_alnum4(s, i);
        if (k < 4)
            return i + k;
    }
}

int chr__tokenize(chr__tokens *out, const char *text, size_t len) {
    memset(out, 0, sizeof *out);
    return chr__tokenize_again(out, text, len);
}

int chr__tokenize_again(chr__tokens *out, const char *text, size_t len) {
    const unsigned char *s = (const unsigned char *)text;
    builder b;
    memset(&b, 0, sizeof b);
    b.t = out;
    b.v = out->v;
    b.cap = out->cap;
    b.scap = out->scap;
    hot h = {b.v, 0, 0, 0, 0, 0, 0};
    out->n = out->nsent = 0;
    /* s[fence - 1] is the text's last byte that is no ASCII letter or digit: a run that starts before it
     * ends at it at the latest, and is scanned with no test of the length */
    size_t fence = len;
    while (fence && chr__ascii_alnum(s[fence - 1]))
        fence--;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t start = i, end, r;
        if (chr__ascii_alnum(c)) {
            unsigned char e;
            if (__builtin_expect(i + 1 < fence, 1)) {
                r = alnum_run_end(s, i + 1);
                e = s[r];
            } else {
                r = chr__ascii_alnum_end(s, i + 1, len);
                e = r < len ? s[r] : 0;
            }
            unsigned g = goes_on[e];
            /* the usual word, as word_end would have it */
            if (!g || (g == 2 && !is_digit(s[r - 1]))) {
                if (push(&h, &b, s, start, r, 0))
                    goto oom;
                i = r + (e == ' '); /* and the usual space after it, without a turn of the loop */
                continue;
            }
            /* a word of 2 or more before a dot that is not between digits ("said.", "Mr."): word_end's
             * rules would end it at the dot, which it keeps when it is an abbreviation */
            if (g == 3 && r - i >= 2 && !(is_digit(s[r - 1]) && r + 1 < len && is_digit(s[r + 1]))) {
                end = r + is_abbrev(s + i, r - i);
                if (push(&h, &b, s, start, end, 0))
                    goto oom;
                i = end + (end < len && s[end] == ' ');
                continue;
            }
        } else if (c < 0x80) {
            if (chr__ascii_space(c)) {
                if (c == '\n') {
                    /* a blank line ends the sentence */
                    size_t k = i + 1;
                    while (k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
                        k++;
                    if (k < len && s[k] == '\n')
                        close_sentence(&h);
                }
                i++;
                continue;
            }
            goto punct;
        } else if (uni_space(s, len, i)) {
            i += c == 0xC2 ? 2 : 3;
            continue;
        } else if (word_at(s, len, i)) {
            r = i;
        } else {
            goto punct;
        }
        /* a word that may go on past its first run, or keep its dot, or have a clitic */
        int dot = 0;
        end = word_end(s, len, i, r, &dot);
        /* clitics: "n't" comes off the word, "'s" etc. follow it */
        unsigned char e = end < len ? s[end] : 0;
        size_t ap = e == '\'' || e == 0xE2 ? apos_at(s, len, end) : 0;
        if (ap && end - start >= 2 && (s[end - 1] == 'n' || s[end - 1] == 'N') && end + ap < len &&
            (s[end + ap] == 't' || s[end + ap] == 'T') &&
            (end + ap + 1 >= len || !word_at(s, len, end + ap + 1))) {
            if (push(&h, &b, s, start, end - 1, 0) || push(&h, &b, s, end - 1, end + ap + 1, 0))
                goto oom;
            i = end + ap + 1;
            continue;
        }
        if (dot)
            end++;
        if (push(&h, &b, s, start, end, 0))
            goto oom;
        i = end;
        if (ap && !dot && end + ap < len) {
            size_t k = end + ap;
            while (k < len && word_at(s, len, k) && !is_digit(s[k]) && k - end - ap < 3)
                k++;
            if (k > end + ap && (k >= len || !word_at(s, len, k)) &&
                (ieq(s + end + ap, k - end - ap, "s") || ieq(s + end + ap, k - end - ap, "re") ||
                 ieq(s + end + ap, k - end - ap, "ve") || ieq(s + end + ap, k - end - ap, "ll") ||
                 ieq(s + end + ap, k - end - ap, "d") || ieq(s + end + ap, k - end - ap, "m"))) {
                if (push(&h, &b, s, end, k, 0))
                    goto oom;
                i = k;
            }
        }
        if (i < len && s[i] == ' ')
            i++;
        continue;
    punct:;
        /* punctuation: what it is from a table for ASCII, from its bytes for the rest */
        unsigned kind;
        if (c < 0x80) {
            kind = punct_kind[c];
            end = i + 1;
            if (kind & P_RUN) {
                if (c == '-' && end < len && s[end] == '-') {
                    while (++end < len && s[end] == '-')
                        ;
                } else if (c == '.' && i + 2 < len && s[i + 1] == '.' && s[i + 2] == '.') {
                    end = i + 3;
                }
            }
        } else {
            size_t ul = uni_punct(s, len, i);
            end = i + (ul ? ul : 1); /* 0 cannot happen: word_at took it */
            kind = ul == 3 && s[i + 1] == 0x80 ? uni_punct_kind(s[i + 2]) : 0;
        }
        if (push(&h, &b, s, start, end, (kind & P_CLOSER) && h.end_next && h.n && h.v[h.n - 1].end == start))
            goto oom;
        if (kind & P_FINAL) {
            h.end_next = 1;
            h.gate = 0;
        }
        i = end;
        if (i < len && s[i] == ' ')
            i++; /* as a turn of the loop on it would */
    }
    out->n = h.n;
    out->cap = b.cap;
    out->scap = b.scap;
    /* a sentence ends where its last token does, the one before the next sentence's first */
    for (size_t k = 0; k < out->nsent; k++)
        out->sent_end[k] = h.v[(k + 1 < out->nsent ? out->sent_first[k + 1] : h.n) - 1].end;
    return 0;
oom:
    chr__tokens_free(out);
    return CHR_ENOMEM;
}

void chr__tokens_free(chr__tokens *t) {
    if (!t)
        return;
    free(t->v);
    free(t->sent_start);
    free(t->sent_end);
    free(t->sent_first);
    memset(t, 0, sizeof *t);
}
