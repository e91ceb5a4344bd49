/* model.c: the event model: loading events.model (format in event_model.h), the word lists, the
 * per-token features that the recognizer and the trainer both use, and weight lookup.
 *
 * Exports chr__event_model_load, chr__event_model_free (events.h), chr__ev_prepare, chr__ev_prepare_one,
 * chr__ev_features, chr__ev_score_part, chr__ev_score_word, chr__ev_score_context, chr__ev_hash,
 * chr__event_model_cat, chr__cat_names, chr__event_model_lex, chr__ev_lex_pack, chr__event_model_wn,
 * chr__ev_wn_pack, chr__event_model_near_time (event_model.h).
 *
 * Features are strings ("w=said", "s3=aid", "w-1|w=has|said"), composed in a stack buffer and hashed
 * (64 bits, eight bytes a step); the loaded model keeps only the hashes, in a flat open-addressing
 * table whose slots hold the hash and the row of weights together (one cache miss to find a feature),
 * so that tagging allocates nothing per token. The hash is the process's own business: the model file
 * holds the feature strings. */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "event_model.h"

const char *const chr__cat_names[CHR__CAT_COUNT] = {
    "DET",  "PREP", "BE",  "HAVE",      "DO",       "MODAL",   "WILL",      "TO",         "NEG",
    "PRON", "CONJ", "ADV", "REPORTING", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION", "STATE"};
#define LEXICONS                                                                                             \
    (CHR__CAT_LREP | CHR__CAT_LIACT | CHR__CAT_LISTATE | CHR__CAT_LASP | CHR__CAT_LPERC | CHR__CAT_LSTATE)

static size_t lemma(const char *w, size_t n, char *out);
static void derived(chr__ev_tok *x, const chr__event_model *m);

#define NGUESS 11 /* the part-of-speech guesses (guess) */

/* The part-of-speech guesses, by index (the tagger keeps weights per guess), and their lengths. */
static const char *const guesses[NGUESS] = {"-",   "ING", "ED", "NEV", "AL", "NST",
                                            "ADV", "ADJ", "V",  "ER",  "S"};
static const unsigned char guess_len[NGUESS] = {1, 3, 2, 3, 2, 3, 3, 3, 1, 2, 1};

struct chr__event_model {
    struct fslot {
        uint64_t key;  /* feature hash, 0 = empty slot */
        int16_t w[12]; /* its weights (CHR__EV_NLABELS, then zeros: a row sums in vector lanes) */
    } * slots;
    size_t cap;   /* power of 2 */
    size_t bmask; /* (cap - 1) * the slot's size: weights() steps by bytes */
    size_t nf;
    uint64_t *ckeys; /* word categories */
    uint32_t *cvals;
    size_t ccap;
    uint64_t *lkeys; /* the event lexicon */
    uint16_t *lvals;
    size_t lcap;
    /* the tables point into the caller's bytes, a compiled form (chr__event_model_load_bin), rather than
     * into memory of the model's own: the free leaves them */
    int borrowed;
    /* the hashes of the few short values that context features take at every token (const_hashes) */
    uint64_t hcap[3][2];     /* capitalization '0'..'2', then 'F' first word or 'm' */
    uint64_t hpl[4];         /* the previous decision: 'E', 'O', '<', 'p' */
    uint64_t herp[9];        /* the next word's event rate '0'..'7', or 'u' */
    uint64_t hguess[NGUESS]; /* the part-of-speech guesses (guess) */
    /* the tagger's (tagger_tables): the weights of the context features cap, pl and pl|g summed, by the
     * word's capitalization, the word's guess and the previous decision (hpl's order); and the sentence
     * edges as neighbours */
    _Alignas(16) int32_t self[3][NGUESS][4][12];
    chr__ev_tok bos, eos;
    /* the rows of the word features of few values (tagger_tables; NULL when the model lacks one): the
     * bias, g and cap|g by guess, lex by lexicon, er and ers by the lexicon entry's rate and frequency
     * bits (er of "u" apart), er|g by them and the guess, mc by class and rate; wn, wv, we and wd|g by
     * the bits of the WordNet entry they read (we_index) */
    const int16_t *wb, *wg[NGUESS], *wcapg[3][NGUESS], *wlex[6], *wer[2][32], *weru, *werg[32][NGUESS];
    const int16_t *wmc[8][8], *wwn[32], *wwv[16], *wwe[32], *wwdg[4][NGUESS];
    const int16_t *wp1[256], *ws1[256]; /* p1 and s1, by the word's first and last byte */
    int has_wn;          /* the lexicon holds WordNet records (its mark, key "\x01", is there) */
    int32_t near_bias;   /* the "near_time" record: the no-event score lowered by this ... */
    uint32_t near_bytes; /* ... for a word this close to a time expression (0 0: no record) */
};

void chr__event_model_near_time(const chr__event_model *m, int32_t *bias, size_t *bytes) {
    *bias = m ? m->near_bias : 0;
    *bytes = m ? m->near_bytes : 0;
}

static void tagger_tables(chr__event_model *m);

static void const_hashes(chr__event_model *m) {
    for (int c = 0; c < 3; c++)
        for (int f = 0; f < 2; f++) {
            char v[2] = {(char)('0' + c), f ? 'm' : 'F'};
            m->hcap[c][f] = chr__ev_hash(v, 2);
        }
    static const char pl[4] = {'E', 'O', '<', 'p'};
    for (int k = 0; k < 4; k++)
        m->hpl[k] = chr__ev_hash(&pl[k], 1);
    for (int k = 0; k < 9; k++) {
        char v = k < 8 ? (char)('0' + k) : 'u';
        m->herp[k] = chr__ev_hash(&v, 1);
    }
    for (int g = 0; g < NGUESS; g++)
        m->hguess[g] = chr__ev_hash(guesses[g], guess_len[g]);
}

/* A full avalanche of x (the 64-bit finalizer of MurmurHash3): every input bit reaches every output bit.
 * One multiply a block was not enough: a difference in a block's top byte stayed in the top bits, where
 * the tail could cancel it ("s3|c-1=red|p" and "s3|c-1=ued|'" had one hash). */
static uint64_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

/* The last 0..7 bytes of a hashed string as one word, without a variable-length copy: two overlapping
 * loads (4..7 bytes) or three bytes (1..3); with the length mixed in first, they tell every tail apart. */
static inline uint64_t tail_word(const char *s, size_t n) {
    uint64_t w = 0;
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        w = a | (uint64_t)b << 32;
    } else if (n) {
        w = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
            (uint64_t)(unsigned char)s[n - 1] << 16;
    }
    return w;
}

uint64_t chr__ev_hash(const char *s, size_t n) {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ ((uint64_t)n * 0xc2b2ae3d27d4eb4full);
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = mix(h ^ w);
    }
    h = mix(h ^ tail_word(s, n));
    return h ? h : 1;
}

/* chr__ev_hash of 0..7 bytes (the same steps without the loop), inlined where the tagger hashes a word's
 * prefixes and suffixes. */
static inline uint64_t hash_short(const char *s, size_t n) {
    uint64_t h = mix((0x9e3779b97f4a7c15ull ^ ((uint64_t)n * 0xc2b2ae3d27d4eb4full)) ^ tail_word(s, n));
    return h ? h : 1;
}

/* ---- loading ------------------------------------------------------------------------------------ */

static size_t pow2_at_least(size_t n) {
    size_t c = 16;
    while (c < n)
        c *= 2;
    return c;
}

/* The slot of key h in the open-addressing table keys[0..cap) (cap a power of 2): where h is, or the empty
 * slot (0) where it would go. The word category and lexicon tables are probed this way. */
static inline size_t probe(const uint64_t *keys, size_t cap, uint64_t h) {
    size_t mask = cap - 1, i = h & mask;
    while (keys[i] && keys[i] != h)
        i = (i + 1) & mask;
    return i;
}

static int cat_put(chr__event_model *m, const char *w, size_t n, unsigned bit) {
    uint64_t h = chr__ev_hash(w, n);
    size_t i = probe(m->ckeys, m->ccap, h);
    m->ckeys[i] = h;
    m->cvals[i] |= bit;
    return 0;
}

/* The categories and the lexicon entry of the word of hash h (chr__ev_hash): chr__ev_prepare_one has the
 * hash of the word and its stem already. */
static unsigned cat_of(const chr__event_model *m, uint64_t h) {
    if (!m || !m->ccap)
        return 0;
    size_t i = probe(m->ckeys, m->ccap, h);
    return m->ckeys[i] ? m->cvals[i] : 0;
}

static uint16_t lex_of(const chr__event_model *m, uint64_t h) {
    if (!m || !m->lcap)
        return 0;
    size_t i = probe(m->lkeys, m->lcap, h);
    return m->lkeys[i] ? m->lvals[i] : 0;
}

unsigned chr__event_model_cat(const chr__event_model *m, const char *w, size_t n) {
    return m && m->ccap ? cat_of(m, chr__ev_hash(w, n)) : 0;
}

uint16_t chr__event_model_lex(const chr__event_model *m, const char *w, size_t n) {
    return m && m->lcap ? lex_of(m, chr__ev_hash(w, n)) : 0;
}

uint16_t chr__ev_lex_pack(long n, long e, long cls) {
    unsigned rate, freq = n < 2 ? 0 : n < 6 ? 1 : 2;
    if (e <= 0)
        rate = 0;
    else if (e >= n)
        rate = 7;
    else {
        double r = (double)e / (double)n;
        rate = r < 0.1 ? 1 : r < 0.3 ? 2 : r < 0.5 ? 3 : r < 0.7 ? 4 : r < 0.9 ? 5 : 6;
    }
    if (cls < 0 || cls > 6)
        cls = -1;
    return (uint16_t)(0x8000u | rate | freq << 3 | (unsigned)(cls + 1) << 5);
}

uint16_t chr__ev_wn_pack(long noun, long verb, int adj, int adv, long eventive, int dom) {
    unsigned v = 0x8000u | (unsigned)(dom & 3) << 13;
    if (noun >= 3 && noun <= 28)
        v |= (unsigned)(noun - 2);
    if (verb >= 29 && verb <= 43)
        v |= (unsigned)(verb - 28) << 5;
    v |= (adj ? 1u : 0u) << 9 | (adv ? 1u : 0u) << 10;
    if (eventive >= 0 && eventive <= 3)
        v |= (unsigned)eventive << 11;
    return (uint16_t)v;
}

/* The WordNet entries live in the lexicon table, keyed "\x01" and the word. */
static uint16_t wn_get(const chr__event_model *m, const char *w, size_t n) {
    char k[40];
    if (n + 1 > sizeof k)
        return 0;
    k[0] = '\x01';
    memcpy(k + 1, w, n);
    return chr__event_model_lex(m, k, n + 1);
}

/* The parts of speech an entry has: noun bits 0-4 and 11-12, verb 5-8, adjective 9, adverb 10. */
#define WN_NOUN 0x181Fu
#define WN_VERB 0x01E0u

uint16_t chr__event_model_wn(const chr__event_model *m, const char *w, size_t n) {
    if (!m || !m->has_wn)
        return 0; /* no lexicon */
    if (n < 2 || n > 31)
        return 0x8000u;
    uint16_t v = wn_get(m, w, n);
    /* WordNet's detachment rules, nouns and verbs: the first base form listed fills the parts of speech
     * the form itself lacks. Grouped by their suffix's last byte (s, n, d, g; WordNet's order within a
     * group), so that a word goes through the rules of its last byte only, most words through none. */
    static const struct {
        const char *suf, *base;
        unsigned char sl, bl;
    } rules[] = {{"ies", "y", 3, 1}, {"ches", "ch", 4, 2}, {"shes", "sh", 4, 2}, {"ses", "s", 3, 1},
                 {"xes", "x", 3, 1}, {"zes", "z", 3, 1},   {"es", "e", 2, 1},    {"es", "", 2, 0},
                 {"s", "", 1, 0},    {"men", "man", 3, 3}, {"ied", "y", 3, 1},   {"ed", "e", 2, 1},
                 {"ed", "", 2, 0},   {"ing", "e", 3, 1},   {"ing", "", 3, 0}};
    static const unsigned char group[5] = {0, 9, 10, 13, 15}; /* the rules of s, n, d, g from group[k] */
    char z = w[n - 1];
    int k = z == 's' ? 0 : z == 'n' ? 1 : z == 'd' ? 2 : z == 'g' ? 3 : -1;
    if (k < 0)
        return (uint16_t)(v | 0x8000u);
    char b[40] = {'\x01'}; /* the lexicon's key of a base form (wn_get's) */
    for (size_t r = group[k]; r < group[k + 1]; r++) {
        size_t sl = rules[r].sl, bl = rules[r].bl, j = 0;
        if (n <= sl + 1)
            continue;
        while (j + 1 < sl && w[n - sl + j] == rules[r].suf[j]) /* the last byte is the group's */
            j++;
        if (j + 1 < sl)
            continue;
        memcpy(b + 1, w, n - sl);
        memcpy(b + 1 + n - sl, rules[r].base, bl);
        uint16_t u = chr__event_model_lex(m, b, n - sl + bl + 1);
        if (!u)
            continue;
        if (!v)
            return u;
        if (!(v & WN_NOUN))
            v |= u & WN_NOUN;
        if (!(v & WN_VERB))
            v |= u & WN_VERB;
        return (uint16_t)(v | 0x8000u);
    }
    return (uint16_t)(v | 0x8000u);
}

/* The weights of feature h (CHR__EV_NLABELS of them, then zeros up to 12), or NULL; inlined into the
 * tagger's inner loop (m has a table). */
static inline const int16_t *weights(const chr__event_model *m, uint64_t h) {
    const char *base = (const char *)m->slots;
    size_t at = (h * sizeof *m->slots) & m->bmask;
    const struct fslot *s;
    while ((s = (const struct fslot *)(const void *)(base + at))->key) {
        if (s->key == h)
            return s->w;
        at = (at + sizeof *s) & m->bmask;
    }
    return NULL;
}

void chr__event_model_free(chr__event_model *m) {
    if (!m)
        return;
    if (!m->borrowed) {
        free(m->slots);
        free(m->ckeys);
        free(m->cvals);
        free(m->lkeys);
        free(m->lvals);
    }
    free(m);
}

/* The next tab-separated field of line[*pos..end): start and length; 0 at the end. */
static int field(const char *line, size_t end, size_t *pos, const char **f, size_t *n) {
    if (*pos >= end)
        return 0;
    size_t i = *pos;
    while (i < end && line[i] != '\t')
        i++;
    *f = line + *pos;
    *n = i - *pos;
    *pos = i < end ? i + 1 : end;
    return 1;
}

static int parse_long(const char *s, size_t n, long *out) {
    size_t i = 0;
    int neg = 0;
    long v = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    if (i == n)
        return -1;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || v > 100000000L)
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = neg ? -v : v;
    return 0;
}

/* ---- feature hashes ------------------------------------------------------------------------------ */

/* The feature templates. A feature is the string "KEY=A" or, for a template of two parts, "KEY=A|B";
 * the bias is "b". Its hash is not the hash of that string but a mix of the template and the hashes of
 * A and B, so that the tagger can hash each word once and compose; the loader (feature_hashes) parses
 * the strings of the model file back into template and parts. 14 context templates were dropped by a
 * greedy ablation in TBAQ 5-fold cross-validation (each kept out when relaxed and class F1 lost at most
 * 0.0005 and dating at most 3 links, against the full set): w-2, w-1, w+1, s3-1, s3+1, w|w+1, l|w+1,
 * sh-1|sh, s3|c-1, l|c-1, g|c+1, lex|c+1, l+1, er-1 (README, Events model). */
enum fkey {
    K_W,
    K_P1,
    K_P2,
    K_P3,
    K_S1,
    K_S2,
    K_S3,
    K_S4,
    K_SH,
    K_CAP,
    K_WP2,
    K_WM1_W,
    K_WM2_WM1,
    K_CM2,
    K_CM1,
    K_CP1,
    K_CP2,
    K_G,
    K_C,
    K_LA,
    K_LA_G,
    K_L,
    K_LEX,
    K_WM1_L,
    K_G_WP1,
    K_G_CM1,
    K_L_CP1,
    K_LM1,
    K_SH_G,
    K_CAP_G,
    K_ER,
    K_ERS,
    K_ER_G,
    K_MC,
    K_ERP1,
    K_PL,
    K_PL_G,
    K_WN,
    K_WV,
    K_WE,
    K_WD_G,
    K_COUNT
};
static const char *const key_names[K_COUNT] = {
    "w",     "p1",      "p2",    "p3",    "s1",    "s2",  "s3",   "s4",    "sh", "cap",  "w+2",
    "w-1|w", "w-2|w-1", "c-2",   "c-1",   "c+1",   "c+2", "g",    "c",     "la", "la|g", "l",
    "lex",   "w-1|l",   "g|w+1", "g|c-1", "l|c+1", "l-1", "sh|g", "cap|g", "er", "ers",  "er|g",
    "mc",    "er+1",    "pl",    "pl|g",  "wn",    "wv",  "we",   "wd|g"};
/* the templates of two parts */
static int two_parts(int k) {
    switch (k) {
    case K_WM1_W:
    case K_WM2_WM1:
    case K_LA_G:
    case K_WM1_L:
    case K_G_WP1:
    case K_G_CM1:
    case K_L_CP1:
    case K_SH_G:
    case K_CAP_G:
    case K_ER_G:
    case K_MC:
    case K_PL_G:
    case K_WD_G:
        return 1;
    default:
        return 0;
    }
}

/* A feature's key from its template and the hashes of its parts. The parts' hashes are mixed fully
 * (chr__ev_hash), so the key needs no mix of its own: (template ^ a) * odd constant ^ b is one-to-one in
 * each part, so that keys of the same template that share a part differ, and keys of different templates
 * on the same parts too; other pairs collide as two random 64-bit values do. The fold of the top half
 * into the bottom spreads the table's slots (its low bits). The full mix (mix) cost 9 instructions a key
 * more, and the tagger composes about 8 keys a token. Never 0 (an empty slot). */
static uint64_t fkey(uint64_t h) {
    h ^= h >> 32;
    return h ? h : 1;
}
static uint64_t fh1(int k, uint64_t ha) {
    return fkey((((uint64_t)k + 1) * 0x9e3779b97f4a7c15ull ^ ha) * 0xc2b2ae3d27d4eb4full);
}
static uint64_t fh2(int k, uint64_t ha, uint64_t hb) {
    return fkey((((uint64_t)k + 1) * 0x9e3779b97f4a7c15ull ^ ha) * 0xc2b2ae3d27d4eb4full ^ hb);
}
/* The tagger's keys: fh1 and fh2 without fkey's guard, 3 instructions a lookup. The loader stores no key 1,
 * what fkey makes of a fold of 0 or 1: a fold of 0 then misses in every slot as the guard's 1 would. */
static inline uint64_t tk1(int k, uint64_t ha) {
    uint64_t h = (((uint64_t)k + 1) * 0x9e3779b97f4a7c15ull ^ ha) * 0xc2b2ae3d27d4eb4full;
    return h ^ h >> 32;
}
static inline uint64_t tk2(int k, uint64_t ha, uint64_t hb) {
    uint64_t h = (((uint64_t)k + 1) * 0x9e3779b97f4a7c15ull ^ ha) * 0xc2b2ae3d27d4eb4full ^ hb;
    return h ^ h >> 32;
}

/* The templates by name, for the loader: open addressing over the hash of the name. */
typedef struct keymap {
    uint64_t h[128];
    signed char k[128];
} keymap;

static void keymap_init(keymap *km) {
    memset(km->h, 0, sizeof km->h);
    for (int i = 0; i < K_COUNT; i++) {
        uint64_t h = chr__ev_hash(key_names[i], strlen(key_names[i]));
        size_t j = h & 127;
        while (km->h[j])
            j = (j + 1) & 127;
        km->h[j] = h;
        km->k[j] = (signed char)i;
    }
}

/* The template of a key, or -1. */
static int key_index(const keymap *km, const char *k, size_t n) {
    uint64_t h = chr__ev_hash(k, n);
    for (size_t j = h & 127; km->h[j]; j = (j + 1) & 127)
        if (km->h[j] == h && strlen(key_names[km->k[j]]) == n && !memcmp(key_names[km->k[j]], k, n))
            return km->k[j];
    return -1;
}

/* Call fn with each hash that the feature string f[0..n) may have: the bias and a feature of one part
 * have one; "KEY=A|B" has one for each way of cutting A|B in two where neither part holds a '|' unless
 * it is the token "|" itself (no token holds one otherwise), so that whatever (A, B) the tagger composes
 * finds the weights of the string A|B. A string with an unknown template keeps its plain hash. */
static void feature_hashes(const keymap *km, const char *f, size_t n, void (*fn)(void *ctx, uint64_t h),
                           void *ctx) {
    const char *eq = memchr(f, '=', n);
    int k = eq ? key_index(km, f, (size_t)(eq - f)) : -1;
    if (k < 0) {
        fn(ctx, chr__ev_hash(f, n));
        return;
    }
    const char *v = eq + 1;
    size_t vn = n - (size_t)(v - f);
    if (!two_parts(k)) {
        fn(ctx, fh1(k, chr__ev_hash(v, vn)));
        return;
    }
    for (size_t i = 0; i < vn; i++) {
        if (v[i] != '|')
            continue;
        const char *a = v, *b = v + i + 1;
        size_t an = i, bn = vn - i - 1;
        int a_ok = (an == 1 && a[0] == '|') || !memchr(a, '|', an);
        int b_ok = (bn == 1 && b[0] == '|') || !memchr(b, '|', bn);
        if (a_ok && b_ok)
            fn(ctx, fh2(k, chr__ev_hash(a, an), chr__ev_hash(b, bn)));
    }
}

/* The hashes of one feature string (feature_hashes). */
typedef struct hashes {
    uint64_t h[8];
    size_t n;
} hashes;

static void add_hash(void *ctx, uint64_t h) {
    hashes *hs = ctx;
    if (hs->n < sizeof hs->h / sizeof hs->h[0])
        hs->h[hs->n++] = h;
}

int chr__event_model_load(chr__event_model **out, const char *data, size_t len, const char *name,
                          chr_error *err) {
    *out = NULL;
    if (!name)
        name = "events.model";
    size_t nlines = 0, nlex = 0; /* feature lines (and any other but lexicon lines); lexicon lines */
    for (const char *q = data, *e = data + len; q < e;) {
        const char *nl = memchr(q, '\n', (size_t)(e - q));
        if ((size_t)(e - q) > 4 && (!memcmp(q, "lex\t", 4) || !memcmp(q, "wn\t", 3)))
            nlex++;
        else
            nlines++;
        q = nl ? nl + 1 : e;
    }
    chr__event_model *m = calloc(1, sizeof *m);
    if (m)
        const_hashes(m);
    if (!m)
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    m->cap = pow2_at_least(2 * (nlines + 1));
    m->bmask = (m->cap - 1) * sizeof *m->slots;
    m->ccap = 4096;
    m->slots = calloc(m->cap, sizeof *m->slots);
    m->ckeys = calloc(m->ccap, sizeof *m->ckeys);
    m->cvals = calloc(m->ccap, sizeof *m->cvals);
    m->lcap = pow2_at_least(2 * (nlex + 1));
    m->lkeys = calloc(m->lcap, sizeof *m->lkeys);
    m->lvals = calloc(m->lcap, sizeof *m->lvals);
    if (!m->slots || !m->ckeys || !m->cvals || !m->lkeys || !m->lvals) {
        chr__event_model_free(m);
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    size_t pos = 0, ncat = 0, nwn = 0;
    int line = 0, rc = 0;
    keymap km;
    keymap_init(&km);
    while (pos < len && !rc) {
        const char *l = data + pos;
        const char *nl = memchr(l, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - l) : len - pos;
        pos += end + (nl ? 1 : 0);
        line++;
        if (end && l[end - 1] == '\r')
            end--;
        size_t p = 0, n;
        const char *f;
        if (line == 1) {
            if (end < 24 || memcmp(l, "chronicle-events-model\t2", 24) != 0)
                rc = chr__error_at(err, CHR_ERULE, name, line,
                                   "not an event model (no \"chronicle-events-model\t2\" header)");
            continue;
        }
        if (end == 0 || l[0] == '#' || !field(l, end, &p, &f, &n))
            continue;
        if (n == 1 && f[0] == 'f') {
            const char *feat;
            size_t fl;
            if (!field(l, end, &p, &feat, &fl) || fl == 0) {
                rc = chr__error_at(err, CHR_ERULE, name, line, "feature line without a feature");
                break;
            }
            int16_t w[CHR__EV_NLABELS] = {0};
            /* the weights, LABEL:WEIGHT separated by tabs, read in one pass (the model has ~400k) */
            for (const char *q = l + p, *qe = l + end; q < qe && !rc;) {
                const char *start = q;
                long lab = 0, val = 0;
                int nd = 0, neg = 0, ok = 1;
                for (; q < qe && *q >= '0' && *q <= '9' && nd < 3; q++, nd++)
                    lab = lab * 10 + (*q - '0');
                if (!nd || q >= qe || *q != ':' || lab >= CHR__EV_NLABELS)
                    ok = 0;
                else
                    q++;
                if (ok && q < qe && (*q == '-' || *q == '+'))
                    neg = *q++ == '-';
                for (nd = 0; ok && q < qe && *q >= '0' && *q <= '9' && nd < 9; q++, nd++)
                    val = val * 10 + (*q - '0');
                if (ok && (!nd || (q < qe && *q != '\t')))
                    ok = 0;
                if (!ok) {
                    const char *fe = memchr(start, '\t', (size_t)(qe - start));
                    n = (size_t)((fe ? fe : qe) - start);
                    rc = chr__error_at(err, CHR_ERULE, name, line,
                                       "bad weight \"%.*s\" (want LABEL:WEIGHT, label 0..%d)", (int)n, start,
                                       CHR__EV_NLABELS - 1);
                    break;
                }
                if (neg)
                    val = -val;
                if (val < INT16_MIN || val > INT16_MAX) {
                    rc = chr__error_at(err, CHR_ERULE, name, line, "weight \"%.*s\" out of range (%d..%d)",
                                       (int)(q - start), start, INT16_MIN, INT16_MAX);
                    break;
                }
                w[lab] = (int16_t)val;
                if (q < qe)
                    q++; /* the tab */
            }
            hashes hs = {{0}, 0};
            feature_hashes(&km, feat, fl, add_hash, &hs);
            for (size_t k = 0; k < hs.n && !rc; k++) {
                uint64_t h = hs.h[k];
                size_t mask = m->cap - 1, i = h & mask;
                while (m->slots[i].key && m->slots[i].key != h)
                    i = (i + 1) & mask;
                if (m->slots[i].key)
                    rc = chr__error_at(err, CHR_ERULE, name, line, "feature %.*s appears twice", (int)fl,
                                       feat);
                else if (h == 1) /* what tk1 and tk2 may miss (2^-63 a feature) */
                    rc = chr__error_at(err, CHR_ERULE, name, line, "feature %.*s has the key 1", (int)fl,
                                       feat);
                else if (4 * (m->nf + 1) > 3 * m->cap)
                    rc = chr__error_at(err, CHR_ERULE, name, line, "too many features");
                else {
                    m->slots[i].key = h;
                    memcpy(m->slots[i].w, w, sizeof w);
                    m->nf++;
                }
            }
        } else if (n == 4 && memcmp(f, "list", 4) == 0) {
            const char *cat;
            size_t cl;
            unsigned bit = 0;
            if (field(l, end, &p, &cat, &cl))
                for (int k = 0; k < CHR__CAT_COUNT; k++)
                    if (strlen(chr__cat_names[k]) == cl && !memcmp(chr__cat_names[k], cat, cl))
                        bit = 1u << k;
            if (!bit) {
                rc = chr__error_at(err, CHR_ERULE, name, line, "list of an unknown category");
                break;
            }
            while (field(l, end, &p, &f, &n)) {
                if (n == 0 || ++ncat > m->ccap / 2) {
                    rc = chr__error_at(err, CHR_ERULE, name, line,
                                       n ? "too many listed words" : "empty word in a list");
                    break;
                }
                if (bit & LEXICONS) {
                    char lem[32];
                    if (n > 31)
                        n = 31;
                    n = lemma(f, n, lem);
                    cat_put(m, lem, n, bit);
                } else {
                    cat_put(m, f, n, bit);
                }
            }
        } else if (n == 3 && memcmp(f, "lex", 3) == 0) {
            const char *key;
            size_t kl;
            long v[3];
            int k = 0;
            if (!field(l, end, &p, &key, &kl) || kl == 0) {
                rc = chr__error_at(err, CHR_ERULE, name, line, "lex line without a word");
                break;
            }
            for (; k < 3 && field(l, end, &p, &f, &n); k++)
                if (parse_long(f, n, &v[k]))
                    break;
            if (k < 3 || v[0] < 1 || v[1] < 0 || v[1] > v[0]) {
                rc = chr__error_at(err, CHR_ERULE, name, line, "bad lex line (want WORD COUNT EVENTS CLASS)");
                break;
            }
            uint64_t h = chr__ev_hash(key, kl);
            size_t i = probe(m->lkeys, m->lcap, h);
            m->lkeys[i] = h;
            m->lvals[i] = chr__ev_lex_pack(v[0], v[1], v[2]);
        } else if (n == 2 && memcmp(f, "wn", 2) == 0) {
            /* wn WORD NOUNFILE VERBFILE POS EVENTIVE FAVOURED (event_model.h) */
            const char *key, *fs[5];
            size_t kl, fn[5];
            int k = 0;
            if (!field(l, end, &p, &key, &kl) || kl == 0 || kl > 31) {
                rc = chr__error_at(err, CHR_ERULE, name, line, "wn line without a word (or over 31 bytes)");
                break;
            }
            for (; k < 5 && field(l, end, &p, &fs[k], &fn[k]); k++)
                ;
            long nv = -1, vv = -1, ev = -1;
            int ok = k == 5 && fn[4] == 1 &&
                     (fn[0] == 1 && fs[0][0] == '-' ? 1 : !parse_long(fs[0], fn[0], &nv)) &&
                     (fn[1] == 1 && fs[1][0] == '-' ? 1 : !parse_long(fs[1], fn[1], &vv)) &&
                     !parse_long(fs[3], fn[3], &ev) && ev >= 0 && ev <= 3;
            if (!ok) {
                rc = chr__error_at(err, CHR_ERULE, name, line,
                                   "bad wn line (want WORD NOUNFILE VERBFILE POS EVENTIVE FAVOURED)");
                break;
            }
            char kb[40];
            kb[0] = '\x01';
            memcpy(kb + 1, key, kl);
            uint64_t h = chr__ev_hash(kb, kl + 1);
            size_t i = probe(m->lkeys, m->lcap, h);
            nwn++;
            m->lkeys[i] = h;
            m->lvals[i] = chr__ev_wn_pack(nv, vv, memchr(fs[2], 'a', fn[2]) != NULL,
                                          memchr(fs[2], 'r', fn[2]) != NULL, ev,
                                          fs[4][0] == 'n'   ? 1
                                          : fs[4][0] == 'v' ? 2
                                          : fs[4][0] == '-' ? 0
                                                            : 3);
        } else if (n == 5 && memcmp(f, "scale", 5) == 0) {
            /* informational */
        } else if (n == 9 && memcmp(f, "near_time", 9) == 0) {
            const char *fs[2];
            size_t fn[2];
            long v[2];
            int ok = 1;
            for (int k = 0; k < 2; k++)
                ok = ok && field(l, end, &p, &fs[k], &fn[k]) && !parse_long(fs[k], fn[k], &v[k]);
            if (!ok || v[0] < 0 || v[0] > INT16_MAX || v[1] < 0 || v[1] > 1000) {
                rc = chr__error_at(err, CHR_ERULE, name, line,
                                   "bad near_time record (want BIAS 0..32767 and BYTES 0..1000)");
                break;
            }
            m->near_bias = (int32_t)v[0];
            m->near_bytes = (uint32_t)v[1];
        } else {
            rc = chr__error_at(err, CHR_ERULE, name, line, "unknown record \"%.*s\"", (int)(n > 40 ? 40 : n),
                               f);
        }
    }
    if (!rc && nwn) { /* the mark of a model with a lexicon: the key "\x01" alone */
        uint64_t h = chr__ev_hash("\x01", 1);
        size_t i = probe(m->lkeys, m->lcap, h);
        m->lkeys[i] = h;
        m->lvals[i] = 1;
    }
    if (!rc && line == 0)
        rc = chr__error_at(err, CHR_ERULE, name, 1, "empty event model");
    if (rc) {
        chr__event_model_free(m);
        return rc;
    }
    m->has_wn = m->lcap && wn_get(m, "", 0);
    tagger_tables(m);
    *out = m;
    return 0;
}

/* ---- the compiled form ------------------------------------------------------------------------------ */

/* The model's tables as they lie in memory, written out (cmake/modelbin.c does it at build time for the
 * built-in model): a header, then the tables themselves, each at a multiple of 64 bytes from the start:
 *
 *   "CHRMODL4", then as uint64: cap, ccap, lcap (powers of 2), nf, the near_time bias and bytes, and for
 *   each of the three tables the index of one of its empty slots; zeros up to 128 bytes
 *   slots[cap]    (key, 12 int16; 32 bytes)     ckeys[ccap] (uint64)     cvals[ccap] (uint32)
 *   lkeys[lcap]   (uint64)                      lvals[lcap] (uint16)     zeros up to a multiple of 64
 *
 * Native byte order: it is made where it is used. The keys are this build's own (fh1, fh2). Loading it
 * copies nothing: the model points into the bytes (chr__event_model_load_bin), so that a run faults in
 * only the pages of the table it reads, and from the binary's file, not as fresh zeroed memory. Copying
 * the entries of the older compact form ("CHRMODL3", 3.4 MB) into calloc'd tables (11 MB) had cost
 * 2,600 of the 4,200 page faults of a one-line run; the binary is 7.7 MB bigger. An empty slot of each
 * table, checked at load, is what ends every probe of a table made elsewhere (whose counts need not be
 * true): a probe that wraps around meets it, without a bound in the tagger's inner loop or a look at
 * every slot at load. */
#define BIN_MAGIC "CHRMODL4"
#define BIN_HEAD 128
#define BIN_ALIGN 64

/* Where each table starts, and the end: offsets from the start of the compiled form. */
typedef struct binlayout {
    uint64_t slots, ckeys, cvals, lkeys, lvals, end;
} binlayout;

static uint64_t align_up(uint64_t n) { return (n + BIN_ALIGN - 1) & ~(uint64_t)(BIN_ALIGN - 1); }

/* The caller has checked that each cap is at most 2^40, so that nothing here overflows. */
static binlayout layout(uint64_t cap, uint64_t ccap, uint64_t lcap) {
    binlayout l;
    l.slots = BIN_HEAD;
    l.ckeys = align_up(l.slots + cap * sizeof(struct fslot));
    l.cvals = align_up(l.ckeys + ccap * sizeof(uint64_t));
    l.lkeys = align_up(l.cvals + ccap * sizeof(uint32_t));
    l.lvals = align_up(l.lkeys + lcap * sizeof(uint64_t));
    l.end = align_up(l.lvals + lcap * sizeof(uint16_t));
    return l;
}

/* The index of an empty slot of keys[0..cap) (stride bytes apart), or cap when it has none. */
static uint64_t empty_slot(const void *keys, size_t cap, size_t stride) {
    for (size_t i = 0; i < cap; i++) {
        uint64_t k;
        memcpy(&k, (const char *)keys + i * stride, sizeof k);
        if (!k)
            return i;
    }
    return cap;
}

int chr__event_model_save_bin(char **out, size_t *len, const chr__event_model *m) {
    *out = NULL;
    *len = 0;
    binlayout l = layout(m->cap, m->ccap, m->lcap);
    char *b = calloc(1, l.end);
    if (!b)
        return CHR_ENOMEM;
    uint64_t head[12] = {m->cap,
                         m->ccap,
                         m->lcap,
                         m->nf,
                         (uint64_t)m->near_bias,
                         m->near_bytes,
                         empty_slot(m->slots, m->cap, sizeof *m->slots),
                         empty_slot(m->ckeys, m->ccap, sizeof *m->ckeys),
                         empty_slot(m->lkeys, m->lcap, sizeof *m->lkeys)};
    memcpy(b, BIN_MAGIC, 8);
    memcpy(b + 8, head, sizeof head);
    memcpy(b + l.slots, m->slots, m->cap * sizeof *m->slots);
    memcpy(b + l.ckeys, m->ckeys, m->ccap * sizeof *m->ckeys);
    memcpy(b + l.cvals, m->cvals, m->ccap * sizeof *m->cvals);
    memcpy(b + l.lkeys, m->lkeys, m->lcap * sizeof *m->lkeys);
    memcpy(b + l.lvals, m->lvals, m->lcap * sizeof *m->lvals);
    *out = b;
    *len = l.end;
    return 0;
}

static int pow2(uint64_t n) { return n >= 16 && n <= (uint64_t)1 << 40 && !(n & (n - 1)); }

int chr__event_model_load_bin(chr__event_model **out, const char *data, size_t len, const char *name,
                              chr_error *err) {
    *out = NULL;
    if (len < BIN_HEAD || memcmp(data, BIN_MAGIC, 8) != 0)
        return chr__error_at(err, CHR_ERULE, name, 0, "not a compiled event model");
    if ((uintptr_t)data % sizeof(uint64_t))
        return chr__error_at(err, CHR_ERULE, name, 0, "compiled event model not aligned for uint64");
    uint64_t h[9];
    memcpy(h, data + 8, sizeof h);
    uint64_t cap = h[0], ccap = h[1], lcap = h[2], nf = h[3], nb = h[4], nn = h[5];
    if (!pow2(cap) || !pow2(ccap) || !pow2(lcap) || nf > cap / 4 * 3 || nb > INT16_MAX || nn > 1000)
        return chr__error_at(err, CHR_ERULE, name, 0, "compiled event model of a wrong size");
    binlayout l = layout(cap, ccap, lcap);
    if (len != l.end)
        return chr__error_at(err, CHR_ERULE, name, 0, "compiled event model of a wrong size");
    /* the tables, in place: aligned (data is, and the layout's offsets are multiples of 64), and never
     * written through (the model is immutable once loaded; borrowed tells chr__event_model_free) */
    char *base = (char *)(uintptr_t)data;
    struct fslot *slots = (void *)(base + l.slots);
    uint64_t *ckeys = (void *)(base + l.ckeys), *lkeys = (void *)(base + l.lkeys);
    if (h[6] >= cap || slots[h[6]].key || h[7] >= ccap || ckeys[h[7]] || h[8] >= lcap || lkeys[h[8]])
        return chr__error_at(err, CHR_ERULE, name, 0, "compiled event model: a table without an empty slot");
    chr__event_model *m = calloc(1, sizeof *m);
    if (!m)
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    const_hashes(m);
    m->borrowed = 1;
    m->cap = cap;
    m->bmask = (cap - 1) * sizeof *m->slots;
    m->ccap = ccap;
    m->lcap = lcap;
    m->nf = nf;
    m->near_bias = (int32_t)nb;
    m->near_bytes = (uint32_t)nn;
    m->slots = slots;
    m->ckeys = ckeys;
    m->cvals = (void *)(base + l.cvals);
    m->lkeys = lkeys;
    m->lvals = (void *)(base + l.lvals);
    m->has_wn = wn_get(m, "", 0) != 0;
    tagger_tables(m);
    *out = m;
    return 0;
}

/* ---- features ----------------------------------------------------------------------------------- */

static void nb_rows(chr__ev_tok *x, const chr__event_model *m);

void chr__ev_prepare_one(chr__ev_tok *x, const chr__event_model *m, const char *text, size_t n) {
    const unsigned char *s = (const unsigned char *)text;
    size_t k = 0, sh = 0;
    int upper = 0, lower = 0;
    char last = 0;
    if (n > 31) {
        n = 31;
        while (n > 0 && (s[n] & 0xC0) == 0x80)
            n--;
    }
    size_t o = 0; /* bytes written to x->w: U+2019 becomes ' ("n’t" is "n't", "’s" is "'s") */
    for (k = 0; k < n; k++, o++) {
        unsigned char c = s[k];
        char kind;
        if (chr__utf8_rsquo(s + k, n - k)) {
            c = 0x27;
            k += 2;
        }
        if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c + 32);
            kind = 'X';
            upper++;
        } else if (c >= 'a' && c <= 'z') {
            kind = 'x';
            lower++;
        } else if (c >= '0' && c <= '9') {
            kind = 'd';
        } else if (c >= 0x80) {
            kind = 'x';
        } else if (c == 0x27) {
            kind = '\'';
        } else {
            kind = 'p';
        }
        x->w[o] = (char)c;
        if (kind != last && sh < 7)
            x->shape[sh++] = kind;
        last = kind;
    }
    x->w[o] = '\0';
    x->wl = (unsigned char)o;
    x->shape[sh] = '\0';
    x->pl = 0;
    x->pd = x->shape[0] == 'p' || x->shape[0] == 'd' || x->shape[0] == '\'';
    x->cap = upper == 0 ? 0 : (lower == 0 && upper > 1 ? 2 : ((s[0] >= 'A' && s[0] <= 'Z') ? 1 : 0));
    char *lem = x->lem;
    size_t ll = lemma(x->w, x->wl, lem);
    x->ll = (unsigned char)ll;
    /* most words are their own stem: one hash and one lookup of the categories */
    int stem = ll == x->wl && !memcmp(lem, x->w, ll);
    x->hw = chr__ev_hash(x->w, x->wl);
    x->hl = stem ? x->hw : chr__ev_hash(lem, ll);
    unsigned cw = cat_of(m, x->hw);
    x->cat = (cw & ~(unsigned)LEXICONS) | ((stem ? cw : cat_of(m, x->hl)) & LEXICONS);
    x->lx = lex_of(m, x->hw);
    x->hsh = chr__ev_hash(x->shape, sh);
    x->hs3 = x->wl > 3 ? chr__ev_hash(x->w + x->wl - 3, 3) : x->hw;
    x->shl = (unsigned char)sh;
    derived(x, m);
    char sk[33];
    sk[0] = '~';
    memcpy(sk + 1, lem, ll);
    x->lxs = chr__event_model_lex(m, sk, ll + 1);
    x->wn = chr__event_model_wn(m, x->w, x->wl);
    nb_rows(x, m);
}

void chr__ev_prepare(chr__ev_tok *t, const chr__event_model *m, const char *text, const chr__tokens *toks) {
    for (size_t i = 0; i < toks->n; i++)
        chr__ev_prepare_one(&t[i], m, text + toks->v[i].start, toks->v[i].end - toks->v[i].start);
}

/* ---- composing features ----------------------------------------------------------------------------- */

typedef struct fctx {
    chr__ev_sink sink;
    void *ctx;
    int names;                 /* compose the feature strings too (the trainer keeps them) */
    const chr__event_model *m; /* or, the tagger: add each feature's weights to scores */
    int32_t *scores;
} fctx;

/* A row of 12 weights added to 12 scores, the tagger's inner loop. The compiler does not vectorize the
 * plain loop at -O2 (12 lanes of int16 do not fill its vectors): 52 instructions a row; GCC's generic
 * vectors of 4 took 35; SSE2 (every x86-64) widens and adds 8 + 4 lanes in about 19 (callgrind). */
static inline void add_row(int32_t *s, const int16_t *w) {
#if defined(__SSE2__)
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)w);
    __m128i b = _mm_loadl_epi64((const __m128i *)(const void *)(w + 8));
    /* each int16 into the top half of an int32, then shifted down with its sign */
    __m128i a0 = _mm_srai_epi32(_mm_unpacklo_epi16(a, a), 16),
            a1 = _mm_srai_epi32(_mm_unpackhi_epi16(a, a), 16);
    __m128i b0 = _mm_srai_epi32(_mm_unpacklo_epi16(b, b), 16);
    __m128i *v = (__m128i *)(void *)s;
    _mm_storeu_si128(v, _mm_add_epi32(_mm_loadu_si128(v), a0));
    _mm_storeu_si128(v + 1, _mm_add_epi32(_mm_loadu_si128(v + 1), a1));
    _mm_storeu_si128(v + 2, _mm_add_epi32(_mm_loadu_si128(v + 2), b0));
#else
    for (int k = 0; k < 12; k++)
        s[k] += w[k];
#endif
}

/* The tagger's sink, inlined: the weights of feature h added to the scores (12 lanes). */
static inline void score(const fctx *F, uint64_t h) {
    const int16_t *w = F->m->cap ? weights(F->m, h) : NULL;
    if (w)
        add_row(F->scores, w);
}

typedef struct part {
    const char *s;
    size_t n;
    uint64_t h;
} part;

static part P(const char *s, size_t n) { return (part){s, n, chr__ev_hash(s, n)}; }
static part PH(const char *s, size_t n, uint64_t h) { return (part){s, n, h}; }

static void put(char *b, size_t *used, size_t cap, const char *s, size_t n) {
    if (*used + n > cap)
        n = cap - *used;
    memcpy(b + *used, s, n);
    *used += n;
}

/* The trainer's side of emit: feature h handed to the sink, with its string when F->names. */
static void emit_sink(const fctx *F, int k, uint64_t h, part a, const part *c);

/* Feature h of template k: scored, handed to the sink, or with its string "KEY=A" or "KEY=A|B" (c not
 * NULL) composed for the trainer. */
static inline void emit(const fctx *F, int k, uint64_t h, part a, const part *c) {
    if (F->scores)
        score(F, h);
    else
        emit_sink(F, k, h, a, c);
}

static void emit_sink(const fctx *F, int k, uint64_t h, part a, const part *c) {
    if (!F->names) {
        F->sink(F->ctx, h, NULL, 0);
        return;
    }
    char b[128];
    size_t n = 0;
    put(b, &n, sizeof b, key_names[k], strlen(key_names[k]));
    put(b, &n, sizeof b, "=", 1);
    put(b, &n, sizeof b, a.s, a.n);
    if (c) {
        put(b, &n, sizeof b, "|", 1);
        put(b, &n, sizeof b, c->s, c->n);
    }
    F->sink(F->ctx, h, b, n);
}

static inline void emit1(const fctx *F, int k, part a) { emit(F, k, fh1(k, a.h), a, NULL); }
static inline void emit2(const fctx *F, int k, part a, part c) { emit(F, k, fh2(k, a.h, c.h), a, &c); }

/* Whether w[0..n) ends with the k bytes of suf and is at least 3 bytes longer. */
static inline int has(const char *w, size_t n, const char *suf, size_t k) {
    return n > k + 2 && !memcmp(w + n - k, suf, k);
}

/* A crude part-of-speech guess from the suffix, its index in guesses: -ing ING; -ed ED; -tion, -sion,
 * -ment, -ance, -ence, -ure NEV; -al AL; -ity, -ness NST; -ly ADV; -ous, -ful, -ive, -able, -ible ADJ;
 * -ize, -ise, -ate V; -er, -or, -ist ER; -s S; else "-" (and for words of less than 4 bytes). A suffix
 * counts when the word is at least 3 bytes longer. Chosen by the last byte (a call of memcmp for each of 24
 * suffixes cost about 160 instructions a word); of the suffixes of one last byte only -s ends others
 * (-ness, -ous), and is asked after them. */
static unsigned guess(const char *w, size_t n) {
    if (n < 4)
        return 0;
    switch (w[n - 1]) {
    case 'g':
        return has(w, n, "ing", 3) ? 1 : 0;
    case 'd':
        return has(w, n, "ed", 2) ? 2 : 0;
    case 'n':
        return has(w, n, "tion", 4) || has(w, n, "sion", 4) ? 3 : 0;
    case 't':
        return has(w, n, "ment", 4) ? 3 : has(w, n, "ist", 3) ? 9 : 0;
    case 'e':
        if (has(w, n, "ance", 4) || has(w, n, "ence", 4) || has(w, n, "ure", 3))
            return 3;
        if (has(w, n, "ive", 3) || has(w, n, "able", 4) || has(w, n, "ible", 4))
            return 7;
        return has(w, n, "ize", 3) || has(w, n, "ise", 3) || has(w, n, "ate", 3) ? 8 : 0;
    case 'l':
        return has(w, n, "al", 2) ? 4 : has(w, n, "ful", 3) ? 7 : 0;
    case 'y':
        return has(w, n, "ity", 3) ? 5 : has(w, n, "ly", 2) ? 6 : 0;
    case 's':
        return has(w, n, "ness", 4) ? 5 : has(w, n, "ous", 3) ? 7 : has(w, n, "s", 1) ? 10 : 0;
    case 'r':
        return has(w, n, "er", 2) || has(w, n, "or", 2) ? 9 : 0;
    default:
        return 0;
    }
}

/* A crude stem: -ies/-ied -> y, -es/-s, -ed, -ing, -ly dropped (a final e restored after a consonant
 * pair is not attempted: "moved" and "move" both give "mov"). */
size_t chr__ev_lemma(const char *w, size_t n, char *out) { return lemma(w, n, out); }

static size_t lemma(const char *w, size_t n, char *out) {
    size_t k = n;
    if (n > 4 && (!memcmp(w + n - 3, "ies", 3) || !memcmp(w + n - 3, "ied", 3))) {
        memcpy(out, w, n - 3);
        out[n - 3] = 'y';
        return n - 2;
    }
    if (n > 5 && !memcmp(w + n - 3, "ing", 3))
        k = n - 3;
    else if (n > 4 && !memcmp(w + n - 2, "ed", 2))
        k = n - 2;
    else if (n > 4 && !memcmp(w + n - 2, "es", 2) && strchr("sxzh", w[n - 3]))
        k = n - 2;
    else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
        k = n - 1;
    if (k < n && k >= 2 && w[k - 1] == w[k - 2] && !strchr("aeiouls", w[k - 1]))
        k--; /* stopped -> stop */
    if (k < n && k >= 1 && w[k - 1] == 'e' && n - k <= 1)
        k--; /* moves -> mov, like moved */
    memcpy(out, w, k);
    if (k >= 1 && out[k - 1] == 'e')
        k--; /* move -> mov */
    return k;
}

/* The category word of x (its first category of the 12 that have one), or NULL; *len its length. */
static const char *cat_word(const chr__ev_tok *x, unsigned char *len) {
    static const char *names[] = {"det",  "prep", "be",  "have", "do",   "modal",
                                  "will", "to",   "neg", "pron", "conj", "adv"};
    static const unsigned char lens[] = {3, 4, 2, 4, 2, 5, 4, 2, 3, 4, 4, 3};
    unsigned c = x->cat & 0xfffu; /* most words have none: no loop */
    *len = 0;
    for (int k = 0; c && k < 12; k++)
        if (c & (1u << k)) {
            *len = lens[k];
            return names[k];
        }
    return NULL;
}

#define AUXLIKE (CHR__CAT_BE | CHR__CAT_HAVE | CHR__CAT_DO | CHR__CAT_MODAL | CHR__CAT_WILL | CHR__CAT_TO)

/* The part of a token's category word, or of its shape when it has none. */
static part cat_or_shape(const chr__ev_tok *x) {
    return x->cw ? PH(x->cw, x->cwl, x->hcs) : PH(x->shape, x->shl, x->hcs);
}

/* What the features read of a token besides its word: its guess and category word, with their hashes (the
 * guess's from model m, NULL: worked out). x->shl is set. */
static void derived(chr__ev_tok *x, const chr__event_model *m) {
    x->gi = (unsigned char)guess(x->w, x->wl);
    x->g = guesses[x->gi];
    x->gl = guess_len[x->gi];
    x->hg = m ? m->hguess[x->gi] : chr__ev_hash(x->g, x->gl);
    x->cw = cat_word(x, &x->cwl);
    x->hcs = x->cw ? chr__ev_hash(x->cw, x->cwl) : x->hsh;
}

/* A sentence edge as a neighbour: "<s>" or "</s>" for word, shape and stem. */
static void edge(chr__ev_tok *e, const char *s, const chr__event_model *m) {
    memset(e, 0, sizeof *e);
    size_t n = strlen(s);
    memcpy(e->w, s, n + 1);
    memcpy(e->shape, s, n + 1);
    memcpy(e->lem, s, n + 1);
    e->wl = e->ll = (unsigned char)n;
    e->hw = e->hl = e->hsh = chr__ev_hash(s, n);
    e->hs3 = chr__ev_hash(s + (n > 3 ? n - 3 : 0), n > 3 ? 3 : n);
    e->shl = (unsigned char)n;
    derived(e, m);
}

/* The values of the class lexicons' feature (lex), by the bit of the category (CHR__CAT_LREP << k). */
static const char *const lk[] = {"REP", "IACT", "ISTATE", "ASP", "PERC", "STATE"};

/* The values of the WordNet features of a word's entry c (chr__event_model_wn): wn, wv, we, wd. */
static void wn_values(unsigned c, char wn[2], char wv[2], char we[4], char wd[1]) {
    static const char digits[] = "0123456789";
    unsigned nf = c & 31, vf = (c >> 5) & 15;
    nf = nf ? nf + 2 : 0; /* the file number */
    vf = vf ? vf + 28 : 0;
    wn[0] = nf ? digits[nf / 10] : '-';
    wn[1] = nf ? digits[nf % 10] : '-';
    wv[0] = vf ? digits[vf / 10] : '-';
    wv[1] = vf ? digits[vf % 10] : '-';
    we[0] = digits[(c >> 11) & 3];
    we[1] = c & (1u << 9) ? 'a' : '-';
    we[2] = c & (1u << 10) ? 'r' : '-';
    we[3] = c & 0x7fffu ? 'k' : 'u';
    wd[0] = "-nvb"[(c >> 13) & 3];
}

/* The features of `parts` of token i; the word part reads t[i] alone (toks may be NULL). */
static void features(const chr__ev_tok *t, const chr__tokens *toks, size_t i, const fctx *F, unsigned parts) {
    const int wp = (parts & CHR__EV_WORD) != 0, cx = (parts & CHR__EV_CONTEXT) != 0;
    const chr__ev_tok *x = &t[i];
    size_t first = 0, last = 0; /* the sentence's tokens, last exclusive */
    if (cx) {
        size_t sent = toks->v[i].sent;
        first = toks->sent_first[sent];
        last = sent + 1 < toks->nsent ? toks->sent_first[sent + 1] : toks->n;
    }
    const chr__ev_tok *nb[5] = {x, x, x, x, x};
    chr__ev_tok bos, eos;
    int have_bos = 0, have_eos = 0;
    for (int d = -2; cx && d <= 2; d++) {
        long j = (long)i + d;
        if (j < (long)first) {
            if (!have_bos)
                edge(&bos, "<s>", F->m);
            have_bos = 1;
            nb[d + 2] = &bos;
        } else if (j >= (long)last) {
            if (!have_eos)
                edge(&eos, "</s>", F->m);
            have_eos = 1;
            nb[d + 2] = &eos;
        } else {
            nb[d + 2] = &t[j];
        }
    }
    const chr__ev_tok *p = nb[1], *q = nb[3];
    char num[2];
    const char *w = x->w;
    size_t n = x->wl;
    part pw = PH(w, n, x->hw), psh = PH(x->shape, x->shl, x->hsh), pl = PH(x->lem, x->ll, x->hl);
    part g = PH(x->g, x->gl, x->hg);
    num[0] = (char)('0' + x->cap);
    num[1] = i == first ? 'F' : 'm';
    unsigned lc = x->cat & LEXICONS;
    if (wp) {
        if (F->scores)
            score(F, chr__ev_hash("b", 1));
        else
            F->sink(F->ctx, chr__ev_hash("b", 1), F->names ? "b" : NULL, F->names ? 1 : 0);
        emit1(F, K_W, pw);
        for (size_t k = 1; k <= 3 && k < n; k++)
            emit1(F, K_P1 + (int)k - 1, P(w, k));
        for (size_t k = 1; k <= 4 && k < n; k++)
            emit1(F, K_S1 + (int)k - 1, k == 3 ? PH(w + n - 3, 3, x->hs3) : P(w + n - k, k));
        emit1(F, K_SH, psh);
    }
    if (cx) {
        emit1(F, K_CAP, F->m && x->cap < 3 ? PH(num, 2, F->m->hcap[x->cap][i != first]) : P(num, 2));
        emit1(F, K_WP2, PH(nb[4]->w, nb[4]->wl, nb[4]->hw));
        emit2(F, K_WM1_W, PH(p->w, p->wl, p->hw), pw);
        emit2(F, K_WM2_WM1, PH(nb[0]->w, nb[0]->wl, nb[0]->hw), PH(p->w, p->wl, p->hw));
        static const int ck[] = {K_CM2, K_CM1, -1, K_CP1, K_CP2};
        for (int d = 0; d < 5; d++)
            if (d != 2 && nb[d]->cw)
                emit1(F, ck[d], PH(nb[d]->cw, nb[d]->cwl, nb[d]->hcs));
    }
    if (wp) {
        emit1(F, K_G, g);
        if (x->cw)
            emit1(F, K_C, PH(x->cw, x->cwl, x->hcs));
    }
    /* the nearest auxiliary-like word on the left, over adverbs and negation, within 4 tokens */
    for (size_t k = 1; cx && k <= 4 && i >= first + k; k++) {
        const chr__ev_tok *y = &t[i - k];
        if (y->cat & AUXLIKE) {
            emit1(F, K_LA, PH(y->w, y->wl, y->hw));
            emit2(F, K_LA_G, PH(y->w, y->wl, y->hw), g);
            break;
        }
        if (!(y->cat & (CHR__CAT_ADV | CHR__CAT_NEG)))
            break;
    }
    /* the class lexicons, on the stem; x->cat holds the categories of the word itself */
    if (wp) {
        emit1(F, K_L, pl);
        for (int k = 0; k < 6; k++)
            if (lc & (CHR__CAT_LREP << k))
                emit1(F, K_LEX, P(lk[k], strlen(lk[k])));
    }
    if (cx) {
        emit2(F, K_WM1_L, PH(p->w, p->wl, p->hw), pl);
        emit2(F, K_G_WP1, g, PH(q->w, q->wl, q->hw));
        part cp = cat_or_shape(p), cq = cat_or_shape(q);
        /* the guess and stem against the category (or shape) of the neighbours */
        emit2(F, K_G_CM1, g, cp);
        emit2(F, K_L_CP1, pl, cq);
        /* the stem of the word before */
        emit1(F, K_LM1, PH(p->lem, p->ll, p->hl));
    }
    if (wp) {
        emit2(F, K_SH_G, psh, g);
        emit2(F, K_CAP_G, P(num, 1), g);
    }
    /* the event lexicon: the word's (else its stem's) event rate and majority class, the next word's rate */
    char code[3];
    unsigned v = x->lx ? x->lx : x->lxs;
    if (wp) {
        int key = x->lx ? K_ER : K_ERS;
        if (v) {
            code[0] = (char)('0' + (v & 7));
            code[1] = (char)('a' + ((v >> 3) & 3));
            emit1(F, key, P(code, 2));
            emit2(F, K_ER_G, P(code, 2), g);
            if ((v >> 5) & 7) {
                code[2] = (char)('0' + ((v >> 5) & 7));
                emit2(F, K_MC, P(code + 2, 1), P(code, 1));
            }
        } else {
            emit1(F, K_ER, P("u", 1));
        }
    }
    /* WordNet (the "wn" records): the lexicographer files of the word's first noun and verb senses, the
     * eventive share of its noun senses with its adjective and adverb senses, and the part of speech its
     * sense counts favour, with the guess. They speak for words the training data never had: trained on
     * TimeBank and tested on AQUAINT, they took event F1 from 0.845 to 0.857 and class F1 from 0.684 to
     * 0.693; the other way round from 0.728 to 0.765 and 0.561 to 0.595 (README, Events model). */
    if (wp && x->wn) { /* 0: the model has no lexicon; 0x8000 alone: the word is not in it */
        char wn[2], wv[2], we[4], wd[1];
        wn_values(x->wn, wn, wv, we, wd);
        emit1(F, K_WN, P(wn, 2));
        emit1(F, K_WV, P(wv, 2));
        emit1(F, K_WE, P(we, 4));
        emit2(F, K_WD_G, P(wd, 1), g);
    }
    if (cx) {
        v = q->lx ? q->lx : q->lxs;
        code[0] = v ? (char)('0' + (v & 7)) : 'u';
        emit1(F, K_ERP1, F->m ? PH(code, 1, F->m->herp[v ? (v & 7) : 8]) : P(code, 1));
        /* the tagger's decision on the previous word (the trainer gives the gold one): 'E' event, 'O'
         * none, 'p' after punctuation, quotes or a number, '<' at the start of the sentence */
        char pl[1] = {x->pl == 'E' ? 'E' : 'O'};
        if (i == first)
            pl[0] = '<';
        else if (p->shape[0] == 'p' || p->shape[0] == 'd' || p->shape[0] == '\'')
            pl[0] = 'p';
        part ppl = F->m ? PH(pl, 1,
                             F->m->hpl[pl[0] == 'E'   ? 0
                                       : pl[0] == 'O' ? 1
                                       : pl[0] == '<' ? 2
                                                      : 3])
                        : P(pl, 1);
        emit1(F, K_PL, ppl);
        emit2(F, K_PL_G, ppl, g);
    }
}

void chr__ev_features(const chr__ev_tok *t, const chr__tokens *toks, size_t i, chr__ev_sink sink, void *ctx) {
    fctx F = {sink, ctx, 1, NULL, NULL};
    features(t, toks, i, &F, CHR__EV_WORD | CHR__EV_CONTEXT);
}

void chr__ev_score_part(const chr__ev_tok *t, const chr__tokens *toks, size_t i, unsigned parts,
                        const chr__event_model *m, int32_t *scores) {
    fctx F = {NULL, NULL, 0, m, scores};
    features(t, toks, i, &F, parts);
}

/* ---- the tagger's paths ----------------------------------------------------------------------------- */

/* The tagger adds what chr__ev_score_part adds, in its own order (sums of integers), reading off the word
 * cache's tokens what features() composes at every token: the weights of a feature that reads one
 * neighbour alone are found once a word (nb_rows), those of the features of few values (capitalization,
 * the previous decision, the guess, the lexicon and WordNet codes) once a model (tagger_tables); only the
 * features of a word's own strings and of two words are hashed and looked up. */

/* s += row w, when the model has it (in vectors: nb_rows adds about 5 rows a word). */
static void sum_row(int32_t *s, const int16_t *w) {
    if (w)
        add_row(s, w);
}

/* x->nbsum and x->larow: the feature keys follow features() (c-2 .. c+2 on the category word's hash, which
 * is hcs; l-1 on the stem; er+1 on the word's, else its stem's, event rate; w+2 and la on the word). */
static void nb_rows(chr__ev_tok *x, const chr__event_model *m) {
    memset(x->nbsum, 0, sizeof x->nbsum);
    x->larow = NULL;
    if (!m || !m->cap)
        return;
    if (x->cw) {
        sum_row(x->nbsum[0], weights(m, tk1(K_CM2, x->hcs)));
        sum_row(x->nbsum[1], weights(m, tk1(K_CM1, x->hcs)));
        sum_row(x->nbsum[2], weights(m, tk1(K_CP1, x->hcs)));
        sum_row(x->nbsum[3], weights(m, tk1(K_CP2, x->hcs)));
    }
    sum_row(x->nbsum[1], weights(m, tk1(K_LM1, x->hl)));
    unsigned v = x->lx ? x->lx : x->lxs;
    sum_row(x->nbsum[2], weights(m, tk1(K_ERP1, m->herp[v ? (v & 7) : 8])));
    sum_row(x->nbsum[3], weights(m, tk1(K_WP2, x->hw)));
    if (x->cat & AUXLIKE)
        x->larow = weights(m, tk1(K_LA, x->hw));
}

/* The index of the we feature's value of WordNet entry c (wn_values) among 32: the eventive share, the
 * adjective and adverb bits, whether the word is known. */
static unsigned we_index(unsigned c) {
    return ((c >> 11) & 3) | ((c >> 9) & 1) << 2 | ((c >> 10) & 1) << 3 | (c & 0x7fffu ? 16u : 0u);
}

/* The er and ers value of a lexicon entry's low 5 bits (rate, frequency). */
static void er_code(char code[2], unsigned v) {
    code[0] = (char)('0' + (v & 7));
    code[1] = (char)('a' + ((v >> 3) & 3));
}

static void tagger_tables(chr__event_model *m) {
    char wn[2], wv[2], we[4], wd[1], code[2];
    m->wb = weights(m, chr__ev_hash("b", 1));
    for (int c = 0; c < 256; c++) {
        char b = (char)c;
        m->wp1[c] = weights(m, tk1(K_P1, hash_short(&b, 1)));
        m->ws1[c] = weights(m, tk1(K_S1, hash_short(&b, 1)));
    }
    for (int k = 0; k < 6; k++)
        m->wlex[k] = weights(m, fh1(K_LEX, chr__ev_hash(lk[k], strlen(lk[k]))));
    m->weru = weights(m, fh1(K_ER, chr__ev_hash("u", 1)));
    for (unsigned v = 0; v < 32; v++) {
        er_code(code, v);
        m->wer[0][v] = weights(m, fh1(K_ER, chr__ev_hash(code, 2)));
        m->wer[1][v] = weights(m, fh1(K_ERS, chr__ev_hash(code, 2)));
    }
    for (int c = 0; c < 8; c++)
        for (int r = 0; r < 8; r++) {
            char cc = (char)('0' + c), rc = (char)('0' + r);
            m->wmc[c][r] = weights(m, fh2(K_MC, chr__ev_hash(&cc, 1), chr__ev_hash(&rc, 1)));
        }
    for (unsigned f = 0; f < 32; f++) {
        wn_values(f, wn, wv, we, wd);
        m->wwn[f] = weights(m, fh1(K_WN, chr__ev_hash(wn, 2)));
    }
    for (unsigned f = 0; f < 16; f++) {
        wn_values(f << 5, wn, wv, we, wd);
        m->wwv[f] = weights(m, fh1(K_WV, chr__ev_hash(wv, 2)));
    }
    for (unsigned e = 0; e < 32; e++) { /* an entry of those bits (bit 0 set for a known word without) */
        unsigned c = (e & 3) << 11 | ((e >> 2) & 1) << 9 | ((e >> 3) & 1) << 10 | ((e >> 4) & 1);
        wn_values(c, wn, wv, we, wd);
        m->wwe[e] = weights(m, fh1(K_WE, chr__ev_hash(we, 4)));
    }
    for (int g = 0; g < NGUESS; g++) {
        uint64_t hg = chr__ev_hash(guesses[g], strlen(guesses[g]));
        m->wg[g] = weights(m, fh1(K_G, hg));
        for (int c = 0; c < 3; c++) {
            char d = (char)('0' + c);
            m->wcapg[c][g] = weights(m, fh2(K_CAP_G, chr__ev_hash(&d, 1), hg));
        }
        for (unsigned v = 0; v < 32; v++) {
            er_code(code, v);
            m->werg[v][g] = weights(m, fh2(K_ER_G, chr__ev_hash(code, 2), hg));
        }
        for (unsigned d = 0; d < 4; d++) {
            wn_values(d << 13, wn, wv, we, wd);
            m->wwdg[d][g] = weights(m, fh2(K_WD_G, chr__ev_hash(wd, 1), hg));
        }
    }
    memset(m->self, 0, sizeof m->self);
    for (int g = 0; g < NGUESS; g++) {
        uint64_t hg = chr__ev_hash(guesses[g], strlen(guesses[g]));
        for (int k = 0; k < 4; k++) {
            const int16_t *pl = weights(m, fh1(K_PL, m->hpl[k])),
                          *plg = weights(m, fh2(K_PL_G, m->hpl[k], hg));
            for (int c = 0; c < 3; c++) {
                /* pl is '<' (k 2) at the sentence's first word, whose cap feature ends in 'F' */
                sum_row(m->self[c][g][k], weights(m, fh1(K_CAP, m->hcap[c][k != 2])));
                sum_row(m->self[c][g][k], pl);
                sum_row(m->self[c][g][k], plg);
            }
        }
    }
    edge(&m->bos, "<s>", m);
    edge(&m->eos, "</s>", m);
    nb_rows(&m->bos, m);
    nb_rows(&m->eos, m);
}

/* Scores kept in registers while rows are added (12 lanes: 3 vectors of 4 int32). */
#if defined(__SSE2__)
typedef struct acc {
    __m128i v0, v1, v2;
} acc;

static inline void acc_load(acc *a, const int32_t *s) {
    a->v0 = _mm_loadu_si128((const __m128i *)(const void *)s);
    a->v1 = _mm_loadu_si128((const __m128i *)(const void *)(s + 4));
    a->v2 = _mm_loadu_si128((const __m128i *)(const void *)(s + 8));
}

static inline void acc_store(const acc *a, int32_t *s) {
    _mm_storeu_si128((__m128i *)(void *)s, a->v0);
    _mm_storeu_si128((__m128i *)(void *)(s + 4), a->v1);
    _mm_storeu_si128((__m128i *)(void *)(s + 8), a->v2);
}

/* a row of 12 int32 (16-byte aligned) */
static inline void acc_sum(acc *a, const int32_t *s) {
    a->v0 = _mm_add_epi32(a->v0, _mm_load_si128((const __m128i *)(const void *)s));
    a->v1 = _mm_add_epi32(a->v1, _mm_load_si128((const __m128i *)(const void *)(s + 4)));
    a->v2 = _mm_add_epi32(a->v2, _mm_load_si128((const __m128i *)(const void *)(s + 8)));
}

static inline void acc_row(acc *a, const int16_t *w) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)w);
    __m128i y = _mm_loadl_epi64((const __m128i *)(const void *)(w + 8));
    a->v0 = _mm_add_epi32(a->v0, _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
    a->v1 = _mm_add_epi32(a->v1, _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
    a->v2 = _mm_add_epi32(a->v2, _mm_srai_epi32(_mm_unpacklo_epi16(y, y), 16));
}
#else
typedef struct acc {
    int32_t s[12];
} acc;

static inline void acc_load(acc *a, const int32_t *s) { memcpy(a->s, s, sizeof a->s); }
static inline void acc_store(const acc *a, int32_t *s) { memcpy(s, a->s, sizeof a->s); }
static inline void acc_sum(acc *a, const int32_t *s) {
    for (int k = 0; k < 12; k++)
        a->s[k] += s[k];
}
static inline void acc_row(acc *a, const int16_t *w) {
    for (int k = 0; k < 12; k++)
        a->s[k] += w[k];
}
#endif

/* A row that may be missing. */
static inline void acc_opt(acc *a, const int16_t *w) {
    if (w)
        acc_row(a, w);
}

void chr__ev_score_word(const chr__ev_tok *x, const chr__event_model *m, int32_t *scores) {
    if (!m->cap)
        return;
    const char *w = x->w;
    size_t n = x->wl;
    unsigned g = x->gi;
    acc a;
    acc_load(&a, scores);
    acc_opt(&a, m->wb);
    acc_opt(&a, weights(m, tk1(K_W, x->hw)));
    /* the prefix and the suffix of one byte: rows the model found once for each byte (no hash, no probe) */
    if (n > 1)
        acc_opt(&a, m->wp1[(unsigned char)w[0]]);
    for (size_t k = 2; k <= 3 && k < n; k++)
        acc_opt(&a, weights(m, tk1(K_P1 + (int)k - 1, hash_short(w, k))));
    if (n > 1)
        acc_opt(&a, m->ws1[(unsigned char)w[n - 1]]);
    for (size_t k = 2; k <= 4 && k < n; k++)
        acc_opt(&a, weights(m, tk1(K_S1 + (int)k - 1, k == 3 ? x->hs3 : hash_short(w + n - k, k))));
    acc_opt(&a, weights(m, tk1(K_SH, x->hsh)));
    acc_opt(&a, m->wg[g]);
    if (x->cw)
        acc_opt(&a, weights(m, tk1(K_C, x->hcs)));
    acc_opt(&a, weights(m, tk1(K_L, x->hl)));
    for (unsigned c = (x->cat & LEXICONS) / CHR__CAT_LREP, k = 0; c; c >>= 1, k++) /* most words: none */
        if (c & 1)
            acc_opt(&a, m->wlex[k]);
    acc_opt(&a, weights(m, tk2(K_SH_G, x->hsh, x->hg)));
    acc_opt(&a, m->wcapg[x->cap][g]);
    unsigned v = x->lx ? x->lx : x->lxs;
    if (v) {
        acc_opt(&a, m->wer[x->lx ? 0 : 1][v & 31]);
        acc_opt(&a, m->werg[v & 31][g]);
        if ((v >> 5) & 7)
            acc_opt(&a, m->wmc[(v >> 5) & 7][v & 7]);
    } else {
        acc_opt(&a, m->weru);
    }
    if (x->wn) {
        acc_opt(&a, m->wwn[x->wn & 31]);
        acc_opt(&a, m->wwv[(x->wn >> 5) & 15]);
        acc_opt(&a, m->wwe[we_index(x->wn)]);
        acc_opt(&a, m->wwdg[(x->wn >> 13) & 3][g]);
    }
    acc_store(&a, scores);
}

void chr__ev_score_context(const chr__ev_tok *const *tp, const chr__tokens *toks, size_t i, char pl,
                           const chr__event_model *m, int32_t *scores) {
    if (!m->cap)
        return;
    const chr__ev_tok *x = tp[i];
    size_t sent = toks->v[i].sent, first = toks->sent_first[sent];
    size_t last = sent + 1 < toks->nsent ? toks->sent_first[sent + 1] : toks->n; /* exclusive */
    const chr__ev_tok *m2 = i >= first + 2 ? tp[i - 2] : &m->bos, *p = i > first ? tp[i - 1] : &m->bos;
    const chr__ev_tok *q = i + 1 < last ? tp[i + 1] : &m->eos, *p2 = i + 2 < last ? tp[i + 2] : &m->eos;
    acc a;
    acc_load(&a, scores);
    acc_sum(&a, m2->nbsum[0]);
    acc_sum(&a, p->nbsum[1]);
    acc_sum(&a, q->nbsum[2]);
    acc_sum(&a, p2->nbsum[3]);
    acc_opt(&a, weights(m, tk2(K_WM1_W, p->hw, x->hw)));
    acc_opt(&a, weights(m, tk2(K_WM2_WM1, m2->hw, p->hw)));
    /* the nearest auxiliary-like word on the left, over adverbs and negation, within 4 tokens */
    for (size_t k = 1; k <= 4 && i >= first + k; k++) {
        const chr__ev_tok *y = tp[i - k];
        if (y->cat & AUXLIKE) {
            acc_opt(&a, y->larow);
            acc_opt(&a, weights(m, tk2(K_LA_G, y->hw, x->hg)));
            break;
        }
        if (!(y->cat & (CHR__CAT_ADV | CHR__CAT_NEG)))
            break;
    }
    acc_opt(&a, weights(m, tk2(K_WM1_L, p->hw, x->hl)));
    acc_opt(&a, weights(m, tk2(K_G_WP1, x->hg, q->hw)));
    acc_opt(&a, weights(m, tk2(K_G_CM1, x->hg, p->hcs)));
    acc_opt(&a, weights(m, tk2(K_L_CP1, x->hl, q->hcs)));
    /* the capitalization, the previous decision and it with the guess: 'E', 'O', '<' at the sentence's
     * start, 'p' after punctuation, quotes or a number (m->hpl's order: 'O' is 1) */
    int k = i == first ? 2 : p->pd ? 3 : pl != 'E';
    acc_sum(&a, m->self[x->cap][x->gi][k]);
    acc_store(&a, scores);
}
