/* strpool.c: the strings a timeline keeps (event ids, words, actors, summaries, values, rules), each
 * kept once: a string already in the pool is not copied again, and copies go into blocks of 64 KiB (a
 * bigger string gets a block of its own), so that a timeline of millions of mentions makes neither
 * millions of allocations nor millions of copies of "e1", "t0", "said" or a summary shared by several
 * events. Strings live until the pool is freed; nothing is taken out of it.
 *
 * Exports chr__strpool_keep, chr__strpool_free and chr__strpool_hash, the strings' hash (FNV-1a), which the
 * clustering uses too (timeline_internal.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timeline_internal.h"

#define BLOCK ((size_t)64 * 1024)

struct chr__strblock {
    struct chr__strblock *next;
    size_t used, cap;
    char data[];
};

uint32_t chr__strpool_hash(const char *s, size_t n) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Twice the room in the table (a power of two), every string in its new place. */
static int grow(chr__strpool *p) {
    size_t cap = p->cap ? p->cap * 2 : 1024;
    chr__strslot *t = calloc(cap, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < p->cap; i++) {
        if (!p->slots[i].s)
            continue;
        size_t k = p->slots[i].h & (cap - 1);
        while (t[k].s)
            k = (k + 1) & (cap - 1);
        t[k] = p->slots[i];
    }
    free(p->slots);
    p->slots = t;
    p->cap = cap;
    return 0;
}

const char *chr__strpool_keep(chr__strpool *p, const char *s, size_t len) {
    if (!s || !len)
        return "";
    if (len > UINT32_MAX - 1)
        return NULL;
    if ((p->n + 1) * 2 > p->cap && grow(p))
        return NULL;
    uint32_t h = chr__strpool_hash(s, len);
    size_t k = h & (p->cap - 1);
    for (; p->slots[k].s; k = (k + 1) & (p->cap - 1))
        if (p->slots[k].h == h && p->slots[k].len == len && !memcmp(p->slots[k].s, s, len))
            return p->slots[k].s;
    struct chr__strblock *b = p->blocks;
    if (!b || b->cap - b->used < len + 1) {
        size_t cap = len + 1 > BLOCK ? len + 1 : BLOCK;
        if (!(b = malloc(sizeof *b + cap)))
            return NULL;
        b->cap = cap;
        b->used = 0;
        if (cap == BLOCK || !p->blocks) {
            b->next = p->blocks;
            p->blocks = b;
        } else {
            /* a block of its own behind the current one, which keeps its room */
            b->next = p->blocks->next;
            p->blocks->next = b;
        }
    }
    char *c = b->data + b->used;
    memcpy(c, s, len);
    c[len] = '\0';
    b->used += len + 1;
    p->slots[k] = (chr__strslot){c, h, (uint32_t)len};
    p->n++;
    return c;
}

void chr__strpool_free(chr__strpool *p) {
    while (p->blocks) {
        struct chr__strblock *next = p->blocks->next;
        free(p->blocks);
        p->blocks = next;
    }
    free(p->slots);
    memset(p, 0, sizeof *p);
}
