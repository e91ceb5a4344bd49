/* wordnet.c: the event model's word lexicon from a WordNet 3.0 database (its dict directory: index.noun,
 * data.noun and the same for verb, adj and adv, the exception lists noun.exc, verb.exc and adj.exc, and
 * cntlist.rev, the sense counts of the semantic concordance). Read once, when the model is trained; the
 * "wn" records it gives are written into events.model, so that tagging needs no WordNet.
 *
 * For each single lower-case word of WordNet: the lexicographer file of its first (most frequent) noun
 * sense and of its first verb sense, whether it has adjective or adverb senses, the share of its noun
 * senses that are acts, events, phenomena, processes or states (files 04, 11, 19, 22, 26), and the part of
 * speech its concordance counts favour (n, v, a for an adjective or adverb, b when none has twice the
 * others' count, - when it has none). An irregular form of the exception lists ("went", "feet") takes the
 * parts of speech its base has and it lacks, and adds its base's counts.
 *
 * Exports chr_events_lexicon_wordnet (extract.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event_model.h"
#include "internal.h"

#define MAX_WORD 31
/* The largest file read: WordNet 3.0's largest, data.noun, has 15 MB. */
#define MAX_FILE (64u << 20)
#define EVENTIVE_FILES ((1u << 4) | (1u << 11) | (1u << 19) | (1u << 22) | (1u << 26))

typedef struct entry {
    char w[MAX_WORD + 1];
    signed char noun, verb; /* lexicographer file of the first sense, -1 none */
    unsigned char adj, adv;
    unsigned char eventive; /* 0 none, 1 some, 2 half or more, 3 all */
    unsigned long cnt[3];   /* concordance counts: noun, verb, adjective or adverb */
    int used;
} entry;

typedef struct table {
    entry *e;
    size_t cap, n;
} table;

static int grow(table *t) {
    size_t cap = t->cap ? t->cap * 2 : 1 << 17;
    entry *e = calloc(cap, sizeof *e);
    if (!e)
        return CHR_ENOMEM;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->e[i].used)
            continue;
        size_t j = chr__ev_hash(t->e[i].w, strlen(t->e[i].w)) & (cap - 1);
        while (e[j].used)
            j = (j + 1) & (cap - 1);
        e[j] = t->e[i];
    }
    free(t->e);
    t->e = e;
    t->cap = cap;
    return 0;
}

/* The entry of word w[0..n), or NULL; with add, a new empty one when it has none (NULL: out of memory). */
static entry *find(table *t, const char *w, size_t n, int add) {
    if (add && 2 * (t->n + 1) > t->cap && grow(t))
        return NULL;
    if (!t->cap)
        return NULL;
    size_t j = chr__ev_hash(w, n) & (t->cap - 1);
    for (; t->e[j].used; j = (j + 1) & (t->cap - 1))
        if (!strncmp(t->e[j].w, w, n) && t->e[j].w[n] == '\0')
            return &t->e[j];
    if (!add)
        return NULL;
    entry *e = &t->e[j];
    memcpy(e->w, w, n);
    e->w[n] = '\0';
    e->noun = e->verb = -1;
    e->used = 1;
    t->n++;
    return e;
}

/* Is w[0..n) a single lower-case word of letters a-z, short enough to key? */
static int plain_word(const char *w, size_t n) {
    if (n == 0 || n > MAX_WORD)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return 0;
    return 1;
}

/* The whole of file dir/name, NUL-terminated (*len without it). */
static int slurp(const char *dir, const char *name, char **out, size_t *len, chr_error *err) {
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return chr__error_set(err, CHR_EINVAL, "WordNet directory name too long");
    FILE *f = fopen(path, "rb");
    if (!f)
        return chr__error_set(err, CHR_EIO, "cannot open %s (want a WordNet 3.0 dict directory)", path);
    int rc = chr__file_slurp(f, MAX_FILE, out, len);
    fclose(f);
    if (rc == CHR_ENOMEM)
        return chr__error_set(err, rc, "out of memory");
    if (rc == CHR_ETOOBIG)
        return chr__error_set(err, rc, "%s: over 64 MiB, not a WordNet file", path);
    if (rc)
        return chr__error_set(err, rc, "cannot read %s", path);
    return 0;
}

/* The line of b[0..len) at *q; *q moves past its end. */
static const char *next_line(const char *b, size_t len, size_t *q) {
    const char *line = b + *q;
    while (*q < len && b[*q] != '\n')
        (*q)++;
    (*q)++;
    return line;
}

/* The next blank-separated field of s from *p (within the line, which ends at '\n' or '\0'). */
static int next_field(const char *s, size_t *p, const char **f, size_t *n) {
    size_t i = *p;
    while (s[i] == ' ')
        i++;
    if (s[i] == '\0' || s[i] == '\n')
        return 0;
    size_t j = i;
    while (s[j] != ' ' && s[j] != '\n' && s[j] != '\0')
        j++;
    *f = s + i;
    *n = j - i;
    *p = j;
    return 1;
}

static int number(const char *f, size_t n, unsigned long *v) {
    if (n == 0 || n > 9)
        return 0;
    unsigned long x = 0;
    for (size_t i = 0; i < n; i++) {
        if (f[i] < '0' || f[i] > '9')
            return 0;
        x = x * 10 + (unsigned long)(f[i] - '0');
    }
    *v = x;
    return 1;
}

/* One part of speech: index.POS and data.POS. */
static int read_pos(table *t, const char *dir, const char *pos, chr_error *err) {
    char iname[32], dname[32];
    snprintf(iname, sizeof iname, "index.%s", pos);
    snprintf(dname, sizeof dname, "data.%s", pos);
    char *idx = NULL, *data = NULL;
    size_t ilen, dlen;
    int rc = slurp(dir, iname, &idx, &ilen, err);
    if (!rc)
        rc = slurp(dir, dname, &data, &dlen, err);
    int lineno = 0;
    for (size_t q = 0; !rc && q < ilen;) {
        const char *line = next_line(idx, ilen, &q);
        size_t p = 0, n[4];
        const char *f[4];
        lineno++;
        if (line[0] == ' ' || line[0] == '\n')
            continue; /* the licence at the head */
        unsigned long synsets, pointers, senses, off;
        int ok = next_field(line, &p, &f[0], &n[0]) && next_field(line, &p, &f[1], &n[1]) &&
                 next_field(line, &p, &f[2], &n[2]) && number(f[2], n[2], &synsets) &&
                 next_field(line, &p, &f[3], &n[3]) && number(f[3], n[3], &pointers);
        for (unsigned long k = 0; ok && k < pointers; k++)
            ok = next_field(line, &p, &f[3], &n[3]);
        ok = ok && next_field(line, &p, &f[3], &n[3]) && number(f[3], n[3], &senses) &&
             next_field(line, &p, &f[3], &n[3]); /* tagsense_cnt */
        if (!ok || synsets == 0) {
            rc = chr__error_at(err, CHR_EFORMAT, iname, lineno, "not a WordNet index line");
            break;
        }
        if (!plain_word(f[0], n[0]))
            continue;
        entry *e = find(t, f[0], n[0], 1);
        if (!e) {
            rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
            break;
        }
        unsigned long eventive = 0;
        for (unsigned long k = 0; k < synsets && !rc; k++) {
            const char *o;
            size_t on, dp;
            unsigned long file;
            const char *lf;
            size_t lfn;
            if (!next_field(line, &p, &o, &on) || !number(o, on, &off) || off + on >= dlen ||
                memcmp(data + off, o, on) != 0 || (dp = off + on, !next_field(data, &dp, &lf, &lfn)) ||
                !number(lf, lfn, &file) || file > 44) {
                rc = chr__error_at(err, CHR_EFORMAT, iname, lineno, "a synset offset not found in %s", dname);
                break;
            }
            if (pos[0] == 'n') {
                if (k == 0)
                    e->noun = (signed char)file;
                eventive += (EVENTIVE_FILES >> file) & 1;
            } else if (pos[0] == 'v' && k == 0) {
                e->verb = (signed char)file;
            }
        }
        if (pos[0] == 'n')
            e->eventive = eventive == 0 ? 0 : eventive == synsets ? 3 : 2 * eventive >= synsets ? 2 : 1;
        else if (pos[0] == 'a' && pos[2] == 'j')
            e->adj = 1;
        else if (pos[0] == 'a')
            e->adv = 1;
    }
    free(idx);
    free(data);
    return rc;
}

/* cntlist.rev: "lemma%TYPE:..." SENSE COUNT, TYPE 1 noun, 2 verb, 3 to 5 adjective or adverb. */
static int read_counts(table *t, const char *dir, chr_error *err) {
    char *b;
    size_t len;
    int rc = slurp(dir, "cntlist.rev", &b, &len, err);
    if (rc)
        return rc;
    for (size_t q = 0; q < len;) {
        const char *line = next_line(b, len, &q);
        size_t p = 0, n[3];
        const char *f[3];
        unsigned long c;
        if (!next_field(line, &p, &f[0], &n[0]) || !next_field(line, &p, &f[1], &n[1]) ||
            !next_field(line, &p, &f[2], &n[2]) || !number(f[2], n[2], &c))
            continue;
        const char *pct = memchr(f[0], '%', n[0]);
        if (!pct || pct + 1 >= f[0] + n[0])
            continue;
        entry *e = find(t, f[0], (size_t)(pct - f[0]), 0);
        if (!e)
            continue;
        int k = pct[1] == '1' ? 0 : pct[1] == '2' ? 1 : 2;
        e->cnt[k] += c;
    }
    free(b);
    return 0;
}

/* An exception list: "form base ...". k: 0 noun, 1 verb, 2 adjective. */
static int read_exceptions(table *t, const char *dir, const char *name, int k, chr_error *err) {
    char *b;
    size_t len;
    int rc = slurp(dir, name, &b, &len, err);
    if (rc)
        return rc;
    for (size_t q = 0; q < len && !rc;) {
        const char *line = next_line(b, len, &q);
        size_t p = 0, n[2];
        const char *f[2];
        if (!next_field(line, &p, &f[0], &n[0]) || !next_field(line, &p, &f[1], &n[1]) ||
            !plain_word(f[0], n[0]) || (n[0] == n[1] && !memcmp(f[0], f[1], n[0])))
            continue;
        const entry *base = find(t, f[1], n[1], 0);
        if (!base)
            continue;
        entry bcopy = *base; /* find may move the table */
        entry *e = find(t, f[0], n[0], 1);
        if (!e) {
            rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
            break;
        }
        if (k == 0 && e->noun < 0) {
            e->noun = bcopy.noun;
            e->eventive = bcopy.eventive;
        } else if (k == 1 && e->verb < 0) {
            e->verb = bcopy.verb;
        } else if (k == 2) {
            e->adj |= bcopy.adj;
        }
        e->cnt[k] += bcopy.cnt[k];
    }
    free(b);
    return rc;
}

static int by_word(const void *a, const void *b) {
    return strcmp(((const entry *)a)->w, ((const entry *)b)->w);
}

static char favoured(const entry *e) {
    unsigned long n = e->cnt[0], v = e->cnt[1], a = e->cnt[2];
    if (n + v + a == 0)
        return '-';
    if (n > 0 && n >= 2 * (v > a ? v : a))
        return 'n';
    if (v > 0 && v >= 2 * (n > a ? n : a))
        return 'v';
    if (a > 0 && a >= 2 * (n > v ? n : v))
        return 'a';
    return 'b';
}

int chr_events_lexicon_wordnet(char **text, size_t *len, const char *dir, chr_error *err) {
    if (!text || !len || !dir)
        return chr__error_set(err, CHR_EINVAL, "chr_events_lexicon_wordnet: bad arguments");
    *text = NULL;
    *len = 0;
    table t = {0};
    static const char *const pos[] = {"noun", "verb", "adj", "adv"};
    int rc = 0;
    for (int k = 0; k < 4 && !rc; k++)
        rc = read_pos(&t, dir, pos[k], err);
    if (!rc)
        rc = read_counts(&t, dir, err);
    static const char *const exc[] = {"noun.exc", "verb.exc", "adj.exc"};
    for (int k = 0; k < 3 && !rc; k++)
        rc = read_exceptions(&t, dir, exc[k], k, err);
    entry *v = NULL;
    char *out = NULL;
    if (!rc && !(v = malloc((t.n ? t.n : 1) * sizeof *v)))
        rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
    size_t n = 0;
    for (size_t i = 0; !rc && i < t.cap; i++)
        if (t.e[i].used)
            v[n++] = t.e[i];
    if (!rc) {
        qsort(v, n, sizeof *v, by_word);
        /* "wn" WORD NOUN VERB POS EVENTIVE FAVOURED, at most 3 + 32 + 3 + 3 + 3 + 2 + 2 bytes a line */
        static const char head[] =
            "# The word lexicon of the features, from WordNet 3.0. Its licence asks for this notice on all\n"
            "# copies:\n"
            "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n"
            "# Permission to use, copy, modify and distribute this software and database and its\n"
            "# documentation for any purpose and without fee or royalty is hereby granted, provided that "
            "you\n"
            "# agree to comply with the following copyright notice and statements, including the "
            "disclaimer,\n"
            "# and that the same appear on ALL copies of the software, database and documentation, "
            "including\n"
            "# modifications that you make for internal use or for distribution.\n"
            "# THIS SOFTWARE AND DATABASE IS PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO\n"
            "# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,\n"
            "# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS "
            "FOR\n"
            "# ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION "
            "WILL\n"
            "# NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.\n"
            "# The name of Princeton University or Princeton may not be used in advertising or publicity\n"
            "# pertaining to distribution of the software and/or database. Title to copyright in this\n"
            "# software, database and any associated documentation shall at all times remain with Princeton\n"
            "# University and LICENSEE agrees to preserve same.\n";
        size_t cap = sizeof head + n * 64;
        if (!(out = malloc(cap)))
            rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
        size_t o = 0;
        if (!rc) {
            memcpy(out, head, sizeof head - 1);
            o = sizeof head - 1;
        }
        for (size_t i = 0; !rc && i < n; i++) {
            const entry *e = &v[i];
            char nf[4] = "-", vf[4] = "-", pf[3] = "-";
            /* a lexicographer file's number has two digits (0 to 44) */
            if (e->noun >= 0)
                snprintf(nf, sizeof nf, "%u", (unsigned)e->noun % 100u);
            if (e->verb >= 0)
                snprintf(vf, sizeof vf, "%u", (unsigned)e->verb % 100u);
            if (e->adj || e->adv) {
                size_t k = 0;
                if (e->adj)
                    pf[k++] = 'a';
                if (e->adv)
                    pf[k++] = 'r';
                pf[k] = '\0';
            }
            o += (size_t)snprintf(out + o, cap - o, "wn\t%s\t%s\t%s\t%s\t%u\t%c\n", e->w, nf, vf, pf,
                                  (unsigned)e->eventive, favoured(e));
        }
        if (!rc && n == 0)
            rc = chr__error_set(err, CHR_EFORMAT, "no words in the WordNet files of %s", dir);
    }
    free(v);
    free(t.e);
    if (rc) {
        free(out);
        return rc;
    }
    *text = out;
    *len = strlen(out);
    return 0;
}
