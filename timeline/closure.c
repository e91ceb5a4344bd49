/* closure.c: temporal closure of interval relations by point algebra, for both scorers: the timeline
 * scorer (timeline/eval.c) and the temporal awareness of TempEval-3 (extract/eval_events.c).
 *
 * Each interval X has endpoints X- < X+; a relation is a set of endpoint constraints (A rel B):
 *     BEFORE A+ < B-       AFTER B+ < A-       IBEFORE A+ = B-       IAFTER B+ = A-
 *     BEGINS A- = B-, A+ < B+      BEGUN_BY A- = B-, B+ < A+      ENDS A+ = B+, B- < A-
 *     ENDED_BY A+ = B+, A- < B-    INCLUDES A- < B-, B+ < A+      IS_INCLUDED B- < A-, A+ < B+
 *     SIMULTANEOUS (and DURING, IDENTITY) A- = B-, A+ = B+
 * The closure is Floyd-Warshall over {none, <=, <} on bit rows (a path with one "<" step is "<"); with
 * "<" and "=" only the point algebra is convex, so this is exact. A relation is entailed when all its
 * constraints are; a relation with none (NONE) is never entailed.
 *
 * Exports chr__pa_new, chr__pa_free, chr__pa_add, chr__pa_close, chr__pa_entails (internal.h). */
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"

struct chr__pa {
    size_t n, words; /* points: 2 per interval */
    uint64_t *le, *lt;
};

static int has(const uint64_t *m, const chr__pa *g, size_t p, size_t q) {
    return (int)((m[p * g->words + q / 64] >> (q % 64)) & 1u);
}

static void set(uint64_t *m, const chr__pa *g, size_t p, size_t q) {
    m[p * g->words + q / 64] |= (uint64_t)1 << (q % 64);
}

int chr__pa_new(chr__pa **out, size_t intervals) {
    chr__pa *g = calloc(1, sizeof *g);
    *out = NULL;
    if (!g)
        return -1;
    g->n = 2 * intervals;
    g->words = (g->n + 63) / 64;
    g->le = calloc(g->n * g->words + 1, sizeof *g->le);
    g->lt = calloc(g->n * g->words + 1, sizeof *g->lt);
    if (!g->le || !g->lt) {
        chr__pa_free(g);
        return -1;
    }
    for (size_t i = 0; i < intervals; i++) {
        set(g->lt, g, 2 * i, 2 * i + 1);
        set(g->le, g, 2 * i, 2 * i + 1);
    }
    for (size_t p = 0; p < g->n; p++)
        set(g->le, g, p, p);
    *out = g;
    return 0;
}

void chr__pa_free(chr__pa *g) {
    if (!g)
        return;
    free(g->le);
    free(g->lt);
    free(g);
}

typedef struct pc {
    unsigned char p, q; /* 0 A-, 1 A+, 2 B-, 3 B+ */
    char op;
} pc;

/* The constraints of r (DURING and IDENTITY as SIMULTANEOUS); 0 for NONE or unknown. */
static size_t constraints(chr_relation r, pc out[2]) {
    switch (r) {
    case CHR_REL_BEFORE:
        out[0] = (pc){1, 2, '<'};
        return 1;
    case CHR_REL_AFTER:
        out[0] = (pc){3, 0, '<'};
        return 1;
    case CHR_REL_IBEFORE:
        out[0] = (pc){1, 2, '='};
        return 1;
    case CHR_REL_IAFTER:
        out[0] = (pc){3, 0, '='};
        return 1;
    case CHR_REL_BEGINS:
        out[0] = (pc){0, 2, '='};
        out[1] = (pc){1, 3, '<'};
        return 2;
    case CHR_REL_BEGUN_BY:
        out[0] = (pc){0, 2, '='};
        out[1] = (pc){3, 1, '<'};
        return 2;
    case CHR_REL_ENDS:
        out[0] = (pc){1, 3, '='};
        out[1] = (pc){2, 0, '<'};
        return 2;
    case CHR_REL_ENDED_BY:
        out[0] = (pc){1, 3, '='};
        out[1] = (pc){0, 2, '<'};
        return 2;
    case CHR_REL_INCLUDES:
        out[0] = (pc){0, 2, '<'};
        out[1] = (pc){3, 1, '<'};
        return 2;
    case CHR_REL_IS_INCLUDED:
        out[0] = (pc){2, 0, '<'};
        out[1] = (pc){1, 3, '<'};
        return 2;
    case CHR_REL_SIMULTANEOUS:
    case CHR_REL_IDENTITY:
    case CHR_REL_DURING:
        out[0] = (pc){0, 2, '='};
        out[1] = (pc){1, 3, '='};
        return 2;
    default:
        return 0;
    }
}

static size_t point(size_t a, size_t b, unsigned char e) { return 2 * (e < 2 ? a : b) + (e & 1u); }

void chr__pa_add(chr__pa *g, size_t a, chr_relation r, size_t b) {
    pc c[2];
    size_t n = constraints(r, c);
    for (size_t i = 0; i < n; i++) {
        size_t p = point(a, b, c[i].p), q = point(a, b, c[i].q);
        set(g->le, g, p, q);
        if (c[i].op == '<')
            set(g->lt, g, p, q);
        else
            set(g->le, g, q, p);
    }
}

void chr__pa_close(chr__pa *g) {
    for (size_t k = 0; k < g->n; k++) {
        const uint64_t *lek = g->le + k * g->words, *ltk = g->lt + k * g->words;
        for (size_t i = 0; i < g->n; i++) {
            uint64_t *lei = g->le + i * g->words, *lti = g->lt + i * g->words;
            if (has(g->lt, g, i, k)) {
                for (size_t w = 0; w < g->words; w++) {
                    lei[w] |= lek[w];
                    lti[w] |= lek[w];
                }
            } else if (has(g->le, g, i, k)) {
                for (size_t w = 0; w < g->words; w++) {
                    lei[w] |= lek[w];
                    lti[w] |= ltk[w];
                }
            }
        }
    }
}

int chr__pa_entails(const chr__pa *g, size_t a, chr_relation r, size_t b) {
    pc c[2];
    size_t n = constraints(r, c);
    for (size_t i = 0; i < n; i++) {
        size_t p = point(a, b, c[i].p), q = point(a, b, c[i].q);
        if (c[i].op == '<' ? !has(g->lt, g, p, q) : !(has(g->le, g, p, q) && has(g->le, g, q, p)))
            return 0;
    }
    return n > 0;
}
