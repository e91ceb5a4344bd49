/* tmlfiles.c: the files named on a command line: a directory stands for every *.tml under it (or, for
 * cli_files_add, every file not starting with '.'), recursively and sorted by path; a file stands for
 * itself. Shared by `eval`, `train-events`, `timeline` and `compare`.
 *
 * Exports cli_paths_add, cli_paths_free, cli_tml_add and cli_files_add (cli.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

int cli_paths_add(cli_paths *p, const char *s) {
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        char **v = realloc(p->v, cap * sizeof *v);
        if (!v)
            return -1;
        p->v = v;
        p->cap = cap;
    }
    char *copy = malloc(strlen(s) + 1);
    if (!copy)
        return -1;
    strcpy(copy, s);
    p->v[p->n++] = copy;
    return 0;
}

void cli_paths_free(cli_paths *p) {
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Every file ending in suffix (NULL: every file) under dir, recursively. Returns an exit code (errors
 * printed). */
static int collect_dir(cli_paths *out, const char *dir, const char *suffix) {
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("%s: cannot read: %s", dir, strerror(errno));
        return EXIT_INPUT;
    }
    int rc = EXIT_OK;
    struct dirent *e;
    while (rc == EXIT_OK && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *path = malloc(n);
        if (!path) {
            rc = EXIT_INTERNAL;
            break;
        }
        snprintf(path, n, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            rc = collect_dir(out, path, suffix);
        else if ((!suffix || ends_with(e->d_name, suffix)) && cli_paths_add(out, path))
            rc = EXIT_INTERNAL;
        free(path);
    }
    closedir(d);
    if (rc == EXIT_INTERNAL)
        cli_error("out of memory");
    return rc;
}

static int add_arg(cli_paths *out, const char *arg, const char *suffix) {
    struct stat st;
    if (stat(arg, &st) != 0) {
        cli_error("%s: cannot read: %s", arg, strerror(errno));
        return EXIT_INPUT;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (cli_paths_add(out, arg)) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        return EXIT_OK;
    }
    size_t first = out->n;
    int rc = collect_dir(out, arg, suffix);
    if (rc != EXIT_OK)
        return rc;
    if (out->n > first + 1)
        qsort(out->v + first, out->n - first, sizeof *out->v, cmp_str);
    if (out->n == first) {
        if (suffix)
            cli_error("%s: no *%s files", arg, suffix);
        else
            cli_error("%s: no files", arg);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

int cli_tml_add(cli_paths *out, const char *arg) { return add_arg(out, arg, ".tml"); }

int cli_files_add(cli_paths *out, const char *arg) {
    if (!strcmp(arg, "-")) {
        if (cli_paths_add(out, arg)) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        return EXIT_OK;
    }
    return add_arg(out, arg, NULL);
}
