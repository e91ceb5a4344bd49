/* wordcache.c: what the event model worked out for each word it has seen, kept from one document to the
 * next: the prepared token (chr__ev_prepare_one), the word part of its scores and the recognizer's facts
 * about it (forms: events.c), which depend on the token's bytes alone. News repeats its words: with the
 * cache, the per-word work of the event model is done once per word, not once per token.
 *
 * Keys are a token's bytes (at most 31: longer tokens are not cached); a lookup compares them, so the
 * cache never changes a result. It holds at most the number of words it was made for; when a document
 * starts with it full, it starts again empty. It is bound to one model: another model empties it.
 *
 * Exports chr__wordcache_new, chr__wordcache_free, chr__wordcache_begin (events.h), chr__wordcache_get,
 * chr__wordcache_tokens (event_model.h). */
#include <stdlib.h>
#include <string.h>

#include "event_model.h"

#define MAX_BYTES 31

struct chr__wordcache {
    const chr__event_model *m; /* the model its entries were made with */
    uint64_t *keys;            /* hash of the bytes, 0 = empty slot; 2 slots an entry */
    uint32_t *slot;            /* the entry of each slot */
    size_t mask;
    chr__wordent *ents;
    size_t n, max;
};

chr__wordcache *chr__wordcache_new(size_t words) {
    chr__wordcache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    size_t cap = 64;
    while (cap < 2 * words)
        cap *= 2;
    c->max = cap / 2;
    c->mask = cap - 1;
    c->keys = calloc(cap, sizeof *c->keys);
    c->slot = malloc(cap * sizeof *c->slot);
    c->ents = malloc(c->max * sizeof *c->ents);
    if (!c->keys || !c->slot || !c->ents) {
        chr__wordcache_free(c);
        return NULL;
    }
    return c;
}

void chr__wordcache_free(chr__wordcache *c) {
    if (!c)
        return;
    free(c->keys);
    free(c->slot);
    free(c->ents);
    free(c);
}

static void clear(chr__wordcache *c) {
    memset(c->keys, 0, (c->mask + 1) * sizeof *c->keys);
    c->n = 0;
}

void chr__wordcache_begin(chr__wordcache *c, const chr__event_model *m) {
    if (c->n && (c->m != m || c->n == c->max)) /* an empty cache has nothing to forget */
        clear(c);
    c->m = m;
}

/* The cache's own hash of a token of n bytes (1..31): its bytes in two words (overlapping loads, no
 * variable-length copy), the length, one multiply-and-shift mix. Weaker than chr__ev_hash, which the model's
 * features need, but a lookup compares the bytes anyway: the hash only spreads the slots. Never 0. */
static inline uint64_t cache_hash(const char *s, size_t n) {
    uint64_t a = 0, b = 0;
    if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        if (n > 16) {
            uint64_t m;
            memcpy(&m, s + 8, 8);
            a ^= m * 0xff51afd7ed558ccdull;
        }
    } else if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + n - 4, 4);
        a = x;
        b = y;
    } else if (n) {
        a = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
            (uint64_t)(unsigned char)s[n - 1] << 16;
    }
    uint64_t h = (a ^ (uint64_t)n << 56) * 0x9e3779b97f4a7c15ull ^ b * 0xc2b2ae3d27d4eb4full;
    h ^= h >> 31;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return h ? h : 1;
}

static inline uint64_t load8(const char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint32_t load4(const char *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Whether the n bytes (0..31) at a and b are the same, read as cache_hash reads them, in overlapping
 * words that cover them all (or single bytes below 4): memcmp's call cost more than the lookup. */
static inline int same_bytes(const char *a, const char *b, size_t n) {
    if (n >= 8) {
        if (load8(a) != load8(b) || load8(a + n - 8) != load8(b + n - 8))
            return 0;
        return n <= 16 || (load8(a + 8) == load8(b + 8) && load8(a + n - 16) == load8(b + n - 16));
    }
    if (n >= 4)
        return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
    return !n || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

/* A new entry for the word s[0..n) of hash h, in the empty slot i; NULL when the cache is full. Out of
 * line, so that the lookup, with nothing to save around a call, inlines into the tokens' loop. */
static chr__wordent *add(chr__wordcache *c, const char *s, size_t n, uint64_t h, size_t i)
    __attribute__((noinline));
static chr__wordent *add(chr__wordcache *c, const char *s, size_t n, uint64_t h, size_t i) {
    if (c->n == c->max)
        return NULL;
    chr__wordent *e = &c->ents[c->n];
    memcpy(e->bytes, s, n);
    e->n = (unsigned char)n;
    chr__ev_prepare_one(&e->x, c->m, s, n);
    e->verdict = 0;
    e->forms = 0;
    c->keys[i] = h;
    c->slot[i] = (uint32_t)c->n++;
    return e;
}

/* chr__wordcache_get, inlined into chr__wordcache_tokens' loop (the rare add is not). */
static inline chr__wordent *get(chr__wordcache *c, const char *s, size_t n) __attribute__((always_inline));
static inline chr__wordent *get(chr__wordcache *c, const char *s, size_t n) {
    if (n > MAX_BYTES)
        return NULL;
    uint64_t h = cache_hash(s, n);
    size_t i = h & c->mask;
    for (; c->keys[i]; i = (i + 1) & c->mask) {
        chr__wordent *e = &c->ents[c->slot[i]];
        if (c->keys[i] == h && e->n == n && same_bytes(e->bytes, s, n))
            return e;
    }
    return add(c, s, n, h, i);
}

chr__wordent *chr__wordcache_get(chr__wordcache *c, const char *s, size_t n) { return get(c, s, n); }

void chr__wordcache_tokens(chr__wordent **went, const chr__ev_tok **t, chr__wordcache *c, const char *text,
                           const chr__tokens *toks) {
    for (size_t i = 0; i < toks->n; i++) {
        chr__wordent *e = get(c, text + toks->v[i].start, toks->v[i].end - toks->v[i].start);
        went[i] = e;
        t[i] = e ? &e->x : NULL;
    }
}
