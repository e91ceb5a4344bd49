/* wordcache.c: what the event model worked out for each word it has seen, kept from one document to the
 * next: the prepared token (chr__ev_prepare_one), the word part of its scores and the recognizer's facts
 * about it (forms: events.c), which depend on the token's bytes alone. News repeats its words: with the
 * cache, the per-word work of the event model is done once per word, not once per token.
 *
 * Keys are a token's bytes (at most 31: longer tokens are not cached); a lookup compares them, so the
 * cache never changes a result. It holds at most the number of words it was made for; when a document
 * starts with it full, it starts again empty. It is bound to one model: another model empties it.
 *
 * Exports chr__wordcache_new, chr__wordcache_free, chr__wordcache_begin, chr__wordcache_get (events.h). */
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

chr__wordent *chr__wordcache_get(chr__wordcache *c, const char *s, size_t n) {
    if (n > MAX_BYTES)
        return NULL;
    uint64_t h = chr__ev_hash(s, n);
    size_t i = h & c->mask;
    for (; c->keys[i]; i = (i + 1) & c->mask) {
        chr__wordent *e = &c->ents[c->slot[i]];
        if (c->keys[i] == h && e->n == n && !memcmp(e->bytes, s, n))
            return e;
    }
    if (c->n == c->max)
        return NULL;
    chr__wordent *e = &c->ents[c->n];
    memcpy(e->bytes, s, n);
    e->n = (unsigned char)n;
    chr__ev_prepare_one(&e->x, c->m, s, n);
    e->scored = 0;
    e->forms = 0;
    c->keys[i] = h;
    c->slot[i] = (uint32_t)c->n++;
    return e;
}
