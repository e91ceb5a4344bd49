/* eval_timeline_cmd.c: `chronicle eval --timeline GOLD_DIR FILE...`, the SemEval-2015 Task 4
 * (TimeLine) score of the entity timelines chronicle builds from raw documents.
 *
 * Every file of GOLD_DIR (sorted by path) is a gold timeline whose first line names its target entity.
 * The documents (FILE..., directories walked) are read and extracted once and added to one timeline
 * per entity (chr_timeline_set_entity); each is written in the task's format (chr_timeline_task4) and
 * scored against its gold (chr_tleval_add): temporal awareness, micro-averaged over the entities.
 * Gold events in TimeML input are not used: the events are chronicle's own. Exports cli_eval_timeline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static const char usage[] =
    "usage: chronicle eval --timeline GOLD_DIR [--json] [--system-out DIR] [OPTIONS] FILE...\n"
    "\n"
    "Score entity timelines the SemEval-2015 Task 4 way (TimeLine: cross-document event ordering).\n"
    "GOLD_DIR holds one gold timeline per target entity (the task's format: the entity on the first\n"
    "line, then ORDINAL<TAB>ANCHOR<TAB>DOCID-SENTENCE-WORD... lines). FILE... are the documents, raw\n"
    "(TimeML with <s id> sentence tags, as the task's data; gold events in them are ignored); a\n"
    "directory stands for every file under it. For each entity chronicle builds the timeline of the\n"
    "events it takes part in and scores it by temporal awareness (precision and recall of the timeline's\n"
    "relations after temporal closure), micro-averaged over the entities.\n"
    "\n"
    "Options:\n"
    "  --json             print the figures as one JSON object\n"
    "  --system-out DIR   also write each system timeline to DIR, named as its gold file\n"
    "  --dct, --input, --text-field, --date-field, --id-field, --rules: as for extract\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit status: 0 ok; 1 some JSON Lines records failed; 2 usage error; 3 unreadable or malformed\n"
    "input or gold timeline; 4 broken rule file; 5 cannot write output; 70 internal error.\n";

typedef struct target {
    char *gold_path;
    char *gold;
    size_t gold_len;
    chr_timeline *tl;
} target;

typedef struct run {
    cli_docs docs;
    target *t;
    size_t nt;
} run;

static int add_doc(void *ctx, chr_format kind, const chr_doc *doc, const chr_result *res, chr_error *err) {
    run *r = ctx;
    (void)kind;
    for (size_t i = 0; i < r->nt; i++) {
        int st = chr_timeline_add(r->t[i].tl, doc, res, err);
        if (st)
            return cli_exit_for(st);
    }
    return EXIT_OK;
}

/* The entity of a gold timeline: its first line, trimmed. */
static int entity_of(const char *s, size_t len, char *out, size_t n) {
    size_t e = 0;
    while (e < len && s[e] != '\n' && s[e] != '\r')
        e++;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    if (!e || e >= n)
        return -1;
    memcpy(out, s, e);
    out[e] = '\0';
    return 0;
}

static int write_file(const char *dir, const char *name, const char *s, size_t len) {
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    cli_output out;
    if (!path) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    snprintf(path, n, "%s/%s", dir, name);
    int rc = cli_output_open(&out, path) ? EXIT_OUTPUT : EXIT_OK;
    if (rc == EXIT_OK)
        rc = cli_output_close(&out, cli_output_write(&out, s, len) == 0);
    free(path);
    return rc;
}

static void print_row(const char *name, const chr_tl_scores *s) {
    printf("%-24.24s %6zu %6zu %6zu %6zu  %.4f  %.4f  %.4f\n", name, s->gold, s->gold_verified, s->system,
           s->system_verified, s->p, s->r, s->f1);
}

static json_t *scores_json(const char *name, const chr_tl_scores *s) {
    json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:f,s:f,s:f}", "gold", (json_int_t)s->gold, "gold_verified",
                          (json_int_t)s->gold_verified, "system", (json_int_t)s->system, "system_verified",
                          (json_int_t)s->system_verified, "precision", s->p, "recall", s->r, "f1", s->f1);
    if (o && name && json_object_set_new(o, "entity", json_string(name))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int report(chr_tleval *ev, size_t ndocs, int as_json) {
    chr_tl_scores tot;
    chr_tleval_scores(ev, &tot);
    if (as_json) {
        json_t *o = scores_json(NULL, &tot), *a = json_array();
        for (size_t i = 0; o && a && i < chr_tleval_count(ev); i++) {
            const char *name;
            chr_tl_scores s;
            chr_tleval_at(ev, i, &name, &s);
            json_array_append_new(a, scores_json(name, &s));
        }
        char *txt = NULL;
        if (o && a && !json_object_set_new(o, "timelines", a) &&
            !json_object_set_new(o, "documents", json_integer((json_int_t)ndocs)))
            txt = json_dumps(o, JSON_PRESERVE_ORDER | JSON_INDENT(2));
        else if (!o)
            json_decref(a);
        json_decref(o);
        if (!txt) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        puts(txt);
        free(txt);
    } else {
        printf("SemEval-2015 Task 4 (TimeLine), temporal awareness: %zu timelines, %zu documents\n",
               tot.timelines, ndocs);
        printf("%-24s %6s %6s %6s %6s  %-6s  %-6s  %-6s\n", "entity", "gold", "found", "system", "right", "P",
               "R", "F1");
        for (size_t i = 0; i < chr_tleval_count(ev); i++) {
            const char *name;
            chr_tl_scores s;
            chr_tleval_at(ev, i, &name, &s);
            print_row(name, &s);
        }
        print_row("micro-average", &tot);
    }
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_OUTPUT;
}

int cli_eval_timeline(int argc, char **argv) {
    run r;
    cli_paths gold = {0}, files = {0};
    const char *gold_dir = NULL, *sysdir = NULL;
    int as_json = 0;
    chr_tleval *ev = NULL;
    cli_args a;
    memset(&r, 0, sizeof r);
    int rc = cli_args_start(&a, argc, argv);
    while (rc == EXIT_OK && cli_args_option(&a)) {
        if (cli_args_is(&a, "--help", "-h")) {
            return cli_args_usage(&a, usage);
        } else if (cli_args_is(&a, "--timeline", NULL)) {
            if (!(gold_dir = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else if (cli_args_is(&a, "--system-out", NULL)) {
            if (!(sysdir = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else if (cli_args_is(&a, "--json", NULL)) {
            as_json = 1;
            rc = cli_args_flag(&a);
        } else if (cli_docs_option(&r.docs, &a, &rc)) {
        } else {
            cli_error("eval: unknown option %s with --timeline (try chronicle eval --timeline DIR --help)",
                      a.opt);
            rc = EXIT_USAGE;
        }
    }
    for (size_t i = 0; i < a.npos && rc == EXIT_OK; i++)
        rc = cli_files_add(&files, a.pos[i]);
    cli_args_free(&a);
    if (rc == EXIT_OK && !files.n) {
        cli_error("eval --timeline: no documents given (usage: chronicle eval --timeline GOLD_DIR FILE...)");
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK)
        rc = cli_docs_check(&r.docs);
    if (rc == EXIT_OK)
        rc = cli_files_add(&gold, gold_dir);
    if (rc == EXIT_OK && (!(r.t = calloc(gold.n, sizeof *r.t)) || chr_tleval_new(&ev))) {
        cli_error("out of memory");
        rc = EXIT_INTERNAL;
    }
    for (size_t i = 0; rc == EXIT_OK && i < gold.n; i++) {
        target *t = &r.t[r.nt++];
        char name[512];
        int e = 0;
        t->gold_path = gold.v[i];
        if (cli_read_file(t->gold_path, CLI_MAX_INPUT, &t->gold, &t->gold_len, &e)) {
            cli_error("%s: cannot read: %s", t->gold_path, e ? strerror(e) : "too big or out of memory");
            rc = EXIT_INPUT;
        } else if (entity_of(t->gold, t->gold_len, name, sizeof name)) {
            cli_error("%s: no entity name on the first line", t->gold_path);
            rc = EXIT_INPUT;
        } else if (chr_timeline_new(&t->tl) || chr_timeline_set_entity(t->tl, name)) {
            cli_error("out of memory");
            rc = EXIT_INTERNAL;
        }
    }
    cli_docs_sink sink = {&r, add_doc, NULL, NULL, NULL};
    for (size_t i = 0; rc == EXIT_OK && i < files.n; i++)
        rc = cli_docs_read(&r.docs, files.v[i], &sink);
    for (size_t i = 0; rc == EXIT_OK && i < r.nt; i++) {
        char *sys = NULL;
        size_t slen = 0;
        chr_error err = {0};
        if (chr_timeline_task4(&sys, &slen, r.t[i].tl)) {
            cli_error("out of memory");
            rc = EXIT_INTERNAL;
            break;
        }
        if (sysdir)
            rc = write_file(sysdir, cli_basename(r.t[i].gold_path), sys, slen);
        int st = rc == EXIT_OK ? chr_tleval_add(ev, r.t[i].gold, r.t[i].gold_len, sys, slen, &err) : 0;
        if (st) {
            cli_error("%s: %s", st == CHR_EINVAL ? r.t[i].gold_path : "eval", cli_errmsg(&err, st));
            rc = st == CHR_EINVAL ? EXIT_INPUT : EXIT_INTERNAL;
        }
        free(sys);
    }
    if (rc == EXIT_OK)
        rc = report(ev, r.nt ? chr_timeline_doc_count(r.t[0].tl) : 0, as_json);
    for (size_t i = 0; i < r.nt; i++) {
        free(r.t[i].gold);
        chr_timeline_free(r.t[i].tl);
    }
    free(r.t);
    chr_tleval_free(ev);
    cli_docs_free(&r.docs);
    cli_paths_free(&gold);
    cli_paths_free(&files);
    if (rc == EXIT_OK && r.docs.failed > 0)
        rc = EXIT_FAILED;
    return rc;
}
