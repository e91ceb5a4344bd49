/* timeml_testutil.h: what test_timeml.c and test_eval.c share: finding the shared corpora, reading
 * files, listing a corpus directory, and a chr_result made from an array of timexes. Static
 * functions only; included by the tests, not part of the library. */
#ifndef CHRONICLE_TIMEML_TESTUTIL_H
#define CHRONICLE_TIMEML_TESTUTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine.h" /* struct chr_result */
#include "internal.h"

/* $CHRONICLE_CORPORA, else <source dir>/../shared/corpora; NULL when it is not a directory. */
static const char *corpora_dir(void) {
    static char path[4096];
    struct stat st;
    const char *env = getenv("CHRONICLE_CORPORA");
    if (env && *env)
        snprintf(path, sizeof path, "%s", env);
    else
#ifdef CHRONICLE_SOURCE_DIR
        snprintf(path, sizeof path, "%s/../shared/corpora", CHRONICLE_SOURCE_DIR);
#else
        snprintf(path, sizeof path, "../shared/corpora");
#endif
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return NULL;
    return path;
}

/* out = a "/" b; "" when it does not fit. */
static void path_join(char *out, size_t n, const char *a, const char *b) {
    int w = snprintf(out, n, "%s/%s", a, b);
    if (w < 0 || (size_t)w >= n)
        out[0] = '\0';
}

/* The whole file, malloc'ed and NUL-terminated; NULL if unreadable. */
static char *read_whole(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *p = NULL;
    size_t n = 0, cap = 0, got;
    if (!f)
        return NULL;
    do {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 131072;
            char *q = realloc(p, cap + 1);
            if (!q) {
                free(p);
                fclose(f);
                return NULL;
            }
            p = q;
        }
        got = fread(p + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    p[n] = '\0';
    *len = n;
    return p;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Sorted names of dir's entries ending in suffix; *n set. Free with free_names. */
static char **list_files(const char *dir, const char *suffix, size_t *n) {
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    size_t sl = strlen(suffix);
    *n = 0;
    if (!d)
        return NULL;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < sl || strcmp(e->d_name + l - sl, suffix) != 0 || e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            names = realloc(names, cap * sizeof *names);
            if (!names)
                break;
        }
        names[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    if (names)
        qsort(names, *n, sizeof *names, cmp_names);
    return names;
}

static void free_names(char **names, size_t n) {
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* A result holding copies of tx[0..n), freed with chr_result_free. */
static chr_result *result_of(const chr_timex *tx, size_t n) {
    chr_result *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->timexes = malloc((n + 1) * sizeof *tx);
    if (!r->timexes) {
        free(r);
        return NULL;
    }
    if (n)
        memcpy(r->timexes, tx, n * sizeof *tx);
    r->n = r->cap = n;
    return r;
}

#endif
