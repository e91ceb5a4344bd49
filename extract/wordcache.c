/* wordcache.c: what the event model worked out for each word it has seen, kept from one document to the
 * next: the prepared token (chr__ev_prepare_one), the word part of its scores, the recognizer's facts
 * about it (forms: events.c) and the linker's (link: link.c), which depend on the token's bytes alone.
 * News repeats its words: with the cache, the per-word work of the event model is done once per word, not
 * once per token.
 *
 * A token of 1 byte (15% of the tokens of news: punctuation, "a", digits) has its entry by its byte, one
 * load. A longer one (at most 31 bytes: longer tokens are not cached) is found in a table of slots, each
 * holding the token's bytes as its key (ka, kb), its length + 1 (0: an empty slot) and its entry, as a
 * byte offset into the entries (a lookup adds it: no multiply by the entry's size). The key holds every
 * byte of a token of up to 16 (one of 17 to 31 is told apart by its middle bytes too, same_middle), so that
 * a lookup compares keys and lengths, not bytes, and the cache never changes a result. It holds at most
 * the number of words it was made for; when a document starts with it full, it starts again empty. It is
 * bound to one model: another model empties it.
 *
 * Its slots start few and double as words come (the entries stay where they are: a slot holds an
 * offset), rather than made at once for all the words: a table of 65,536 slots (1.5 MB) zeroed at the
 * start had been 384 of the 1,216 page faults of a one-line run (the heap's top, kept padded by the
 * CLI's mallopt, is zeroed by calloc page by page); the entries are allocated at once but written only
 * as they fill.
 *
 * It also keeps the recognizer's array of the tokens' prepared words (chr__wordcache_room), which a malloc
 * and free a document had cost 0.75 M instructions on the 2 MB slice (919 documents).
 *
 * Exports chr__wordcache_new, chr__wordcache_free, chr__wordcache_begin (events.h), chr__wordcache_get,
 * chr__wordcache_tokens, chr__wordcache_room (event_model.h). */
#include <stdlib.h>
#include <string.h>

#include "event_model.h"

#define MAX_BYTES 31
/* The longest token whose key is one word with a zero top byte (key_short): never the key of a longer one,
 * whose 8 bytes from its start are all nonzero (a text has no NUL) */
#define SHORT_BYTES 7

typedef struct slot {
    uint64_t a, b;
    uint32_t len1, off;
} slot;

#define FIRST_SLOTS 4096 /* 96 KB, enough for the distinct words of most documents */

struct chr__wordcache {
    const chr__event_model *m; /* the model its entries were made with */
    slot *slots;               /* at least 2 slots an entry (grow) */
    unsigned shift;            /* 64 - log2 of the slots: a hash's top bits pick the slot */
    size_t mask;
    chr__wordent *ents;
    size_t n, max;
    chr__wordent *one[256];   /* the entries of the tokens of 1 byte, which have no slot */
    const chr__ev_tok **room; /* chr__wordcache_room's */
    size_t nroom;
};

chr__wordcache *chr__wordcache_new(size_t words) {
    chr__wordcache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    size_t cap = 64, first = FIRST_SLOTS;
    unsigned bits = 6;
    while (cap < 2 * words)
        cap *= 2;
    c->max = cap / 2;
    if (first > cap)
        first = cap;
    for (cap = 64; cap < first; cap *= 2)
        bits++;
    c->mask = cap - 1;
    c->shift = 64 - bits;
    c->slots = calloc(cap, sizeof *c->slots);
    c->ents = malloc(c->max * sizeof *c->ents);
    if (!c->slots || !c->ents) {
        chr__wordcache_free(c);
        return NULL;
    }
    return c;
}

void chr__wordcache_free(chr__wordcache *c) {
    if (!c)
        return;
    free(c->slots);
    free(c->ents);
    free(c->room);
    free(c);
}

const chr__ev_tok **chr__wordcache_room(chr__wordcache *c, size_t n) {
    return c->room = chr__room(c->room, &c->nroom, n, sizeof *c->room);
}

static void clear(chr__wordcache *c) {
    memset(c->slots, 0, (c->mask + 1) * sizeof *c->slots);
    memset(c->one, 0, sizeof c->one);
    c->n = 0;
}

void chr__wordcache_begin(chr__wordcache *c, const chr__event_model *m) {
    if (c->n && (c->m != m || c->n == c->max)) /* an empty cache has nothing to forget */
        clear(c);
    c->m = m;
}

static inline uint64_t load8(const char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* The bytes of a key of n bytes (0..8) read as a little-endian number: its own, and zeros above. */
static const uint64_t key_mask[9] = {0,
                                     0xff,
                                     0xffff,
                                     0xffffff,
                                     0xffffffffull,
                                     0xffffffffffull,
                                     0xffffffffffffull,
                                     0xffffffffffffffull,
                                     0xffffffffffffffffull};

/* The first word of the key of the token text[start..start+n), 2..7 bytes of a text of len bytes: its
 * bytes at the bottom of the word (read as a little-endian number) and zeros above, read in one load of
 * the 8 bytes from its start and masked (tail: 0 when those 8 bytes are in the text, which the caller may
 * know), or in one load of the 8 bytes to its end, shifted down; where neither fits in the text, and on a
 * big-endian machine, its bytes copied (the same number, or one of its own: either way one number for one
 * token). It is the token (it has no NUL: its length too): a lookup compares it alone, the slot's second
 * word is 0 for all of them, and one multiply makes the slot. */
static inline uint64_t key_short(const char *text, size_t start, size_t n, size_t len, int tail) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (!tail || __builtin_expect(start + 8 <= len, 1))
        return load8(text + start) & key_mask[n];
    if (start + n >= 8)
        return load8(text + start + n - 8) >> ((0u - 8u * (unsigned)n) & 63);
    uint64_t v = 0;
    memcpy(&v, text + start, n);
    return v;
#else
    (void)len;
    (void)tail;
    uint64_t v = 0;
    memcpy(&v, text + start, n);
    return v;
#endif
}

/* Whether the bytes 8..n-9 of two tokens of n bytes (17..31) are the same (the key holds the others). */
static inline int same_middle(const char *a, const char *b, size_t n) {
    return load8(a + 8) == load8(b + 8) && load8(a + n - 16) == load8(b + n - 16);
}

/* The first slot of the key (ka, kb) of a token of n bytes: the top bits of a multiply of the key, which
 * the whole key reaches (kb is 0 up to SHORT_BYTES: one multiply). */
static inline size_t home(uint64_t ka, uint64_t kb, size_t n, unsigned shift) {
    uint64_t h = ka * 0x9e3779b97f4a7c15ull; /* a short key tells its length (a text has no NUL) */
    if (n > SHORT_BYTES)
        h ^= (kb ^ n) * 0xc2b2ae3d27d4eb4full;
    return (size_t)(h >> shift);
}

/* Twice the slots, the entries' slots put again: 0, or -1 when out of memory (the table stays). */
static int grow(chr__wordcache *c) {
    size_t cap = 2 * (c->mask + 1);
    slot *v = calloc(cap, sizeof *v);
    if (!v)
        return -1;
    for (size_t j = 0; j <= c->mask; j++) {
        const slot *sl = &c->slots[j];
        if (!sl->len1)
            continue;
        size_t i = home(sl->a, sl->b, sl->len1 - 1, c->shift - 1);
        while (v[i].len1)
            i = (i + 1) & (cap - 1);
        v[i] = *sl;
    }
    free(c->slots);
    c->slots = v;
    c->mask = cap - 1;
    c->shift--;
    return 0;
}

/* A new entry for the token s[0..n) of key (ka, kb), whose lookup ended at the empty slot i (none for a
 * token of 1 byte); NULL when the cache is full. Out of line, so that the lookup, with nothing to save
 * around a call, inlines into the tokens' loop. When the entries would fill more than half the slots, the
 * slots double first (and i is found again: the caller's table is then stale, get). */
static chr__wordent *add(chr__wordcache *c, const char *s, size_t n, uint64_t ka, uint64_t kb, size_t i)
    __attribute__((noinline));
static chr__wordent *add(chr__wordcache *c, const char *s, size_t n, uint64_t ka, uint64_t kb, size_t i) {
    if (c->n == c->max)
        return NULL;
    if (n > 1 && 2 * (c->n + 1) > c->mask + 1) {
        if (grow(c))
            return NULL;
        for (i = home(ka, kb, n, c->shift); c->slots[i].len1; i = (i + 1) & c->mask)
            ;
    }
    chr__wordent *e = &c->ents[c->n];
    memcpy(e->bytes, s, n);
    e->n = (unsigned char)n;
    chr__ev_prepare_one(&e->x, c->m, s, n);
    e->verdict = 0;
    e->forms = 0;
    e->link = 0;
    if (n == 1)
        c->one[(unsigned char)s[0]] = e;
    else
        c->slots[i] = (slot){ka, kb, (uint32_t)n + 1, (uint32_t)(c->n * sizeof *e)};
    c->n++;
    return e;
}

/* The table's fields that a lookup reads, which adds change only by growing it: loaded once for all the
 * tokens of a document (the compiler reloads them after every store through a pointer, which might alias
 * them). */
typedef struct table {
    const slot *slots;
    const char *ents;
    size_t mask;
    unsigned shift;
} table;

static inline table table_of(const chr__wordcache *c) {
    return (table){c->slots, (const char *)c->ents, c->mask, c->shift};
}

/* The entry of the token text[start..start+n) of a text of len bytes, added when it is new: inlined into
 * chr__wordcache_tokens' loop (the rare add is not); a NULL (a token too long, or the cache full) counted
 * in *none. *tb is made again when add has grown the table. */
static inline chr__wordent *get(chr__wordcache *c, table *tb, const char *text, size_t start, size_t n,
                                size_t len, int tail, size_t *none) __attribute__((always_inline));
static inline chr__wordent *get(chr__wordcache *c, table *tb, const char *text, size_t start, size_t n,
                                size_t len, int tail, size_t *none) {
    const char *s = text + start;
    chr__wordent *e;
    if (n == 1) {
        if (!(e = c->one[(unsigned char)s[0]])) /* read in c: one value fewer for the loop to hold */
            *none += !(e = add(c, s, 1, 0, 0, 0));
        return e;
    }
    uint64_t ka, kb = 0;
    size_t i;
    if (n <= SHORT_BYTES) {
        /* the key's first word tells the token, and is 0 in an empty slot only */
        ka = key_short(text, start, n, len, tail);
        for (i = home(ka, 0, n, tb->shift);; i = (i + 1) & tb->mask) {
            const slot *sl = &tb->slots[i];
            if (sl->a == ka) /* asked first: most lookups find their word */
                return (chr__wordent *)(void *)(tb->ents + sl->off);
            if (!sl->a)
                break;
        }
    } else if (n <= MAX_BYTES) {
        ka = load8(s);
        kb = load8(s + n - 8);
        for (i = home(ka, kb, n, tb->shift); tb->slots[i].len1; i = (i + 1) & tb->mask) {
            const slot *sl = &tb->slots[i];
            if (sl->a == ka && sl->b == kb && sl->len1 == n + 1) {
                e = (chr__wordent *)(void *)(tb->ents + sl->off);
                if (n <= 16 || same_middle(e->bytes, s, n))
                    return e;
            }
        }
    } else {
        ++*none;
        return NULL;
    }
    *none += !(e = add(c, s, n, ka, kb, i));
    if (c->slots != tb->slots)
        *tb = table_of(c);
    return e;
}

chr__wordent *chr__wordcache_get(chr__wordcache *c, const char *s, size_t n) {
    size_t none = 0;
    table tb = table_of(c);
    return get(c, &tb, s, 0, n, n, 1, &none);
}

size_t chr__wordcache_tokens(chr__wordent **went, const chr__ev_tok **t, chr__wordcache *c, const char *text,
                             size_t len, const chr__tokens *toks) {
    table tb = table_of(c);
    const chr__token *v = toks->v;
    size_t none = 0, n = toks->n, fast = n;
    /* the tokens come in the order of their starts: all but the last few have 8 bytes of the text from their
     * start, which key_short then reads with no test */
    while (fast && v[fast - 1].start + 8 > len)
        fast--;
    for (size_t i = 0; i < fast; i++) {
        chr__wordent *e = get(c, &tb, text, v[i].start, v[i].end - v[i].start, len, 0, &none);
        went[i] = e;
        t[i] = e ? &e->x : NULL;
    }
    for (size_t i = fast; i < n; i++) {
        chr__wordent *e = get(c, &tb, text, v[i].start, v[i].end - v[i].start, len, 1, &none);
        went[i] = e;
        t[i] = e ? &e->x : NULL;
    }
    return none;
}
