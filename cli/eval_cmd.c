/* eval_cmd.c: `chronicle eval`, TempEval-3 scores of the extractor against gold TimeML: Task A (time
 * expressions) and, when the gold has events, Task B (events), event dating and the temporal awareness
 * of event-time links.
 *
 * Collects the *.tml files of each directory (recursively, sorted by path) and the files named on the
 * command line, runs the extractor on each gold document's text with its gold DCT, and prints the
 * micro-averaged figures as tables (or one JSON object), optionally after every timex error. Exports
 * cli_eval. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static const char eval_usage[] =
    "usage: chronicle eval [--errors] [--json] [--timex-only] [--gold-events] [--rules DIR] GOLD...\n"
    "       chronicle eval --timeline GOLD_DIR [--json] FILE...   (SemEval-2015 Task 4; see --timeline --help)\n"
    "\n"
    "Score the extractor on gold TimeML: every *.tml file under each directory (recursively, sorted by\n"
    "path) and every file named. Each document is extracted from its TEXT with its gold <DCT>, and the\n"
    "TempEval-3 Task A figures are printed, micro-averaged over all documents: strict and relaxed\n"
    "precision, recall and F1, type F1 and value F1 (attribute accuracy over relaxed matches x relaxed F1).\n"
    "When the gold has EVENTs, there follow the Task B figures (events: strict and relaxed P, R, F1, class\n"
    "F1, tense, aspect and polarity accuracy), event dating (the share of gold TLINKs between an event and\n"
    "a time expression of its sentence that the system's event time gets, same relation family) and the\n"
    "temporal awareness of event-time links (P, R, F1 of the links after temporal closure).\n"
    "\n"
    "Options:\n"
    "  --errors      first list every timex error, one per line:\n"
    "                doc_id TAB kind TAB gold \"text\" TYPE VALUE TAB system \"text\" TYPE VALUE\n"
    "                (kind: miss, extra, extent, type, value; \"-\" for a side that is absent);\n"
    "                then every missed event-dating link, one per line:\n"
    "                doc_id TAB dating TAB cause TAB \"event\" TAB gold REL \"time\" VALUE TAB\n"
    "                system REL \"time\" VALUE TAB \"sentence\" (cause: no-event, other-time,\n"
    "                other-relation; the system time \"DCT\" for the document date, \"-\" for none)\n"
    "  --gold-events take the gold EVENTs as the system's events (extents, class, tense, aspect,\n"
    "                polarity) and only anchor them in time: event dating and awareness of the\n"
    "                time anchoring alone, without event-detection errors (Task B is then 1.0)\n"
    "  --json        print the figures as one JSON object (event figures under \"events\")\n"
    "  --timex-only  print the Task A figures only\n"
    "  --rules DIR   load the rules from DIR instead of the built-in ones\n"
    "  -h, --help    this help\n"
    "\n"
    "Exit status: 0 ok; 2 usage error; 3 a gold file is unreadable or malformed; 4 broken rule file;\n"
    "5 cannot write output; 70 internal error.\n";


/* A string on one line, in quotes, with quotes, backslashes and control characters escaped. */
static void print_quoted(FILE *fp, const char *s) {
    fputc('"', fp);
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '\n')
            fputs("\\n", fp);
        else if (*p == '\t')
            fputs("\\t", fp);
        else if (*p == '\r')
            fputs("\\r", fp);
        else if (*p == '"' || *p == '\\')
            fprintf(fp, "\\%c", *p);
        else
            fputc(*p, fp);
    }
    fputc('"', fp);
}

/* `"text" TYPE VALUE` with the text escaped to stay on one line, or "-". */
static void print_side(FILE *fp, const char *label, const chr_timex *t, const char *text) {
    fprintf(fp, "%s ", label);
    if (!t) {
        fputc('-', fp);
        return;
    }
    print_quoted(fp, text);
    fprintf(fp, " %s %s", chr_timex_type_name(t->type), t->value[0] ? t->value : "\"\"");
}

static json_t *side_json(const chr_timex *t, const char *text) {
    if (!t)
        return json_null();
    return json_pack("{s:s, s:s, s:s, s:I, s:I}", "text", text ? text : "", "type",
                     chr_timex_type_name(t->type), "value", t->value, "start", (json_int_t)t->cp_start, "end",
                     (json_int_t)t->cp_end);
}

static json_t *scores_json(const chr_scores *s) {
    return json_pack("{s:I, s:I, s:I, s:{s:f, s:f, s:f, s:I}, s:{s:f, s:f, s:f, s:I}, s:{s:f, s:f, s:I},"
                     " s:{s:f, s:f, s:I}}",
                     "documents", (json_int_t)s->docs, "gold", (json_int_t)s->gold, "system",
                     (json_int_t)s->system, "strict", "precision", s->strict_p, "recall", s->strict_r, "f1",
                     s->strict_f1, "matches", (json_int_t)s->strict_match, "relaxed", "precision",
                     s->relaxed_p, "recall", s->relaxed_r, "f1", s->relaxed_f1, "matches",
                     (json_int_t)s->relaxed_match, "type", "f1", s->type_f1, "accuracy", s->type_accuracy,
                     "matches", (json_int_t)s->type_match, "value", "f1", s->value_f1, "accuracy",
                     s->value_accuracy, "matches", (json_int_t)s->value_match);
}

static json_t *event_scores_json(const chr_event_scores *s) {
    json_t *o = json_pack(
        "{s:I, s:I, s:I, s:{s:f, s:f, s:f, s:I}, s:{s:f, s:f, s:f, s:I}, s:{s:f, s:f, s:I}, s:{s:f, s:I},"
        " s:{s:f, s:I}, s:{s:f, s:I}}",
        "documents", (json_int_t)s->docs, "gold", (json_int_t)s->gold, "system", (json_int_t)s->system,
        "strict", "precision", s->strict_p, "recall", s->strict_r, "f1", s->strict_f1, "matches",
        (json_int_t)s->strict_match, "relaxed", "precision", s->relaxed_p, "recall", s->relaxed_r, "f1",
        s->relaxed_f1, "matches", (json_int_t)s->relaxed_match, "class", "f1", s->class_f1, "accuracy",
        s->class_accuracy, "matches", (json_int_t)s->class_match, "tense", "accuracy", s->tense_accuracy,
        "matches", (json_int_t)s->tense_match, "aspect", "accuracy", s->aspect_accuracy, "matches",
        (json_int_t)s->aspect_match, "polarity", "accuracy", s->polarity_accuracy, "matches",
        (json_int_t)s->polarity_match);
    json_t *dating = json_pack("{s:I, s:I, s:f, s:{s:I, s:I, s:I}}", "links", (json_int_t)s->dating_links,
                               "hits", (json_int_t)s->dating_hits, "share", s->dating, "missed", "no_event",
                               (json_int_t)s->dating_no_event, "other_time", (json_int_t)s->dating_other_time,
                               "other_relation", (json_int_t)s->dating_other_relation);
    json_t *aware =
        json_pack("{s:f, s:f, s:f, s:I, s:I, s:I, s:I}", "precision", s->awareness_p, "recall",
                  s->awareness_r, "f1", s->awareness_f1, "system", (json_int_t)s->awareness_system,
                  "system_verified", (json_int_t)s->awareness_system_verified, "gold",
                  (json_int_t)s->awareness_gold, "gold_verified", (json_int_t)s->awareness_gold_verified);
    if (!o || !dating || !aware) {
        json_decref(o);
        json_decref(dating);
        json_decref(aware);
        return NULL;
    }
    /* json_object_set_new releases its value even when it fails */
    if (json_object_set_new(o, "dating", dating) | json_object_set_new(o, "awareness", aware)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static const char *rel_or_dash(chr_relation r) { return r == CHR_REL_NONE ? "-" : chr_relation_name(r); }

static void print_dating_error(FILE *fp, const chr_eval_dating_error *d) {
    fprintf(fp, "%s\tdating\t%s\t", d->doc_id, chr_dating_miss_name(d->cause));
    print_quoted(fp, d->event);
    fprintf(fp, "\tgold %s ", rel_or_dash(d->gold_relation));
    print_quoted(fp, d->gold_time);
    fprintf(fp, " %s\tsystem %s ", d->gold_value, rel_or_dash(d->sys_relation));
    if (!d->sys_time)
        fputc('-', fp);
    else if (!strcmp(d->sys_time, "DCT"))
        fputs("DCT", fp);
    else
        print_quoted(fp, d->sys_time);
    fprintf(fp, " %s\t", d->sys_value ? d->sys_value : "-");
    print_quoted(fp, d->sentence);
    fputc('\n', fp);
}

static json_t *dating_error_json(const chr_eval_dating_error *d) {
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s}", "doc", d->doc_id, "cause",
                     chr_dating_miss_name(d->cause), "event", d->event, "gold_relation",
                     chr_relation_name(d->gold_relation), "gold_time", d->gold_time, "gold_value", d->gold_value,
                     "system_relation", d->sys_relation == CHR_REL_NONE ? NULL : chr_relation_name(d->sys_relation),
                     "system_time", d->sys_time, "system_value", d->sys_value, "sentence", d->sentence);
}

/* Extract one gold file and add it to ev. Returns an exit code (errors printed). */
static int eval_file(chr_eval *ev, const chr_engine *engine, const char *path, int gold_events) {
    char *buf = NULL;
    size_t len = 0;
    int err_no = 0;
    int got = cli_read_file(path, CLI_MAX_INPUT, &buf, &len, &err_no);
    if (got == CLI_IO_ERROR) {
        cli_error("%s: cannot read: %s", path, strerror(err_no));
        return EXIT_INPUT;
    }
    if (got == CLI_IO_TOOBIG) {
        cli_error("%s: input too big (over 64 MiB)", path);
        return EXIT_INPUT;
    }
    if (got) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    chr_doc *doc = NULL;
    chr_error err;
    memset(&err, 0, sizeof err);
    int st = chr_doc_from_timeml(&doc, buf, len, &err);
    free(buf);
    if (st) {
        cli_error("%s: %s", path, cli_errmsg(&err, st));
        return cli_exit_for(st);
    }
    if (!chr_doc_id(doc)[0])
        chr_doc_set_id(doc, cli_basename(path));
    chr_result *res = NULL;
    st = gold_events ? chr_extract_gold_events(&res, engine, doc, &err) : chr_extract(&res, engine, doc, &err);
    if (!st)
        st = chr_eval_add(ev, doc, res);
    chr_result_free(res);
    chr_doc_free(doc);
    if (st) {
        cli_error("%s: %s", path, cli_errmsg(&err, st));
        return cli_exit_for(st);
    }
    return EXIT_OK;
}

static void print_table(FILE *fp, const chr_scores *s) {
    fprintf(fp, "TempEval-3 Task A (timex), %zu documents, %zu gold, %zu system\n", s->docs, s->gold,
            s->system);
    fprintf(fp, "            P       R       F1\n");
    fprintf(fp, "strict    %.4f  %.4f  %.4f\n", s->strict_p, s->strict_r, s->strict_f1);
    fprintf(fp, "relaxed   %.4f  %.4f  %.4f\n", s->relaxed_p, s->relaxed_r, s->relaxed_f1);
    fprintf(fp, "type F1   %.4f   (accuracy %.4f)\n", s->type_f1, s->type_accuracy);
    fprintf(fp, "value F1  %.4f   (accuracy %.4f)\n", s->value_f1, s->value_accuracy);
}

static void print_event_table(FILE *fp, const chr_event_scores *s) {
    fprintf(fp, "\nTempEval-3 Task B (events), %zu documents, %zu gold, %zu system\n", s->docs, s->gold,
            s->system);
    fprintf(fp, "            P       R       F1\n");
    fprintf(fp, "strict    %.4f  %.4f  %.4f\n", s->strict_p, s->strict_r, s->strict_f1);
    fprintf(fp, "relaxed   %.4f  %.4f  %.4f\n", s->relaxed_p, s->relaxed_r, s->relaxed_f1);
    fprintf(fp, "class F1  %.4f   (accuracy %.4f)\n", s->class_f1, s->class_accuracy);
    fprintf(fp, "accuracy  tense %.4f  aspect %.4f  polarity %.4f\n", s->tense_accuracy, s->aspect_accuracy,
            s->polarity_accuracy);
    fprintf(fp, "Event dating: %zu of %zu same-sentence event-time links (%.4f)\n", s->dating_hits,
            s->dating_links, s->dating);
    fprintf(fp, "  missed: %zu event not found, %zu other time or none, %zu other relation\n",
            s->dating_no_event, s->dating_other_time, s->dating_other_relation);
    fprintf(fp, "Temporal awareness (event-time links): P %.4f  R %.4f  F1 %.4f\n", s->awareness_p,
            s->awareness_r, s->awareness_f1);
    fprintf(fp, "  %zu of %zu system links verified, %zu of %zu gold links\n", s->awareness_system_verified,
            s->awareness_system, s->awareness_gold_verified, s->awareness_gold);
}

int cli_eval(int argc, char **argv) {
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (!strcmp(argv[i], "--timeline") || !strncmp(argv[i], "--timeline=", 11))
            return cli_eval_timeline(argc, argv);
    int want_errors = 0, want_json = 0, timex_only = 0, gold_events = 0;
    const char *rules = NULL;
    cli_args a;
    int rc = cli_args_start(&a, argc, argv);
    while (rc == EXIT_OK && cli_args_option(&a)) {
        if (cli_args_is(&a, "--help", "-h")) {
            return cli_args_usage(&a, eval_usage);
        } else if (cli_args_is(&a, "--errors", NULL) || cli_args_is(&a, "--json", NULL) ||
                   cli_args_is(&a, "--timex-only", NULL) || cli_args_is(&a, "--gold-events", NULL)) {
            want_errors |= cli_args_is(&a, "--errors", NULL);
            want_json |= cli_args_is(&a, "--json", NULL);
            timex_only |= cli_args_is(&a, "--timex-only", NULL);
            gold_events |= cli_args_is(&a, "--gold-events", NULL);
            rc = cli_args_flag(&a);
        } else if (cli_args_is(&a, "--rules", NULL)) {
            if (!(rules = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else {
            cli_error("eval: unknown option %s (try chronicle eval --help)", a.opt);
            rc = EXIT_USAGE;
        }
    }
    if (rc == EXIT_OK && a.npos == 0) {
        cli_error("eval: no gold files or directories (try chronicle eval --help)");
        rc = EXIT_USAGE;
    }
    if (rc != EXIT_OK) {
        cli_args_free(&a);
        return rc;
    }

    /* Gold files: directories expanded and sorted; files named taken as they are. */
    cli_paths files = {0};
    for (size_t i = 0; i < a.npos && rc == EXIT_OK; i++)
        rc = cli_tml_add(&files, a.pos[i]);
    cli_args_free(&a);

    chr_engine *engine = NULL;
    chr_eval *ev = NULL;
    if (rc == EXIT_OK)
        rc = cli_engine_new(&engine, rules);
    if (rc == EXIT_OK && chr_eval_new(&ev)) {
        cli_error("out of memory");
        rc = EXIT_INTERNAL;
    }
    for (size_t i = 0; i < files.n && rc == EXIT_OK; i++)
        rc = eval_file(ev, engine, files.v[i], gold_events);
    cli_paths_free(&files);

    if (rc == EXIT_OK) {
        chr_scores s;
        chr_event_scores es;
        chr_eval_scores(ev, &s);
        chr_eval_event_scores(ev, &es);
        int with_events = !timex_only && es.docs > 0;
        size_t nerr = want_errors ? chr_eval_error_count(ev) : 0;
        size_t ndat = want_errors && with_events ? chr_eval_dating_error_count(ev) : 0;
        if (want_json) {
            json_t *obj = scores_json(&s);
            json_t *errs = want_errors ? json_array() : NULL;
            for (size_t i = 0; errs && i < nerr; i++) {
                const chr_eval_error *e = chr_eval_error_at(ev, i);
                json_array_append_new(
                    errs, json_pack("{s:s, s:s, s:o, s:o}", "doc", e->doc_id ? e->doc_id : "", "kind",
                                    chr_eval_kind_name(e->kind), "gold", side_json(e->gold, e->gold_text),
                                    "system", side_json(e->sys, e->sys_text)));
            }
            if (obj && with_events) {
                json_t *events = event_scores_json(&es);
                if (!events || json_object_set_new(obj, "events", events)) {
                    json_decref(obj);
                    obj = NULL;
                }
            }
            if (obj && errs)
                json_object_set_new(obj, "errors", errs);
            else
                json_decref(errs);
            json_t *derrs = obj && want_errors && with_events ? json_array() : NULL;
            for (size_t i = 0; derrs && i < ndat; i++)
                json_array_append_new(derrs, dating_error_json(chr_eval_dating_error_at(ev, i)));
            if (derrs)
                json_object_set_new(obj, "dating_errors", derrs);
            char *text =
                obj ? json_dumps(obj, JSON_PRESERVE_ORDER | JSON_COMPACT | JSON_REAL_PRECISION(6)) : NULL;
            if (!text) {
                cli_error("out of memory");
                rc = EXIT_INTERNAL;
            } else {
                fputs(text, stdout);
                fputc('\n', stdout);
            }
            free(text);
            json_decref(obj);
        } else {
            for (size_t i = 0; i < nerr; i++) {
                const chr_eval_error *e = chr_eval_error_at(ev, i);
                printf("%s\t%s\t", e->doc_id ? e->doc_id : "", chr_eval_kind_name(e->kind));
                print_side(stdout, "gold", e->gold, e->gold_text);
                fputc('\t', stdout);
                print_side(stdout, "system", e->sys, e->sys_text);
                fputc('\n', stdout);
            }
            for (size_t i = 0; i < ndat; i++)
                print_dating_error(stdout, chr_eval_dating_error_at(ev, i));
            print_table(stdout, &s);
            if (with_events)
                print_event_table(stdout, &es);
        }
        if (rc == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) {
            if (errno != EPIPE)
                cli_error("stdout: write error: %s", strerror(errno));
            rc = EXIT_OUTPUT;
        }
    }
    chr_eval_free(ev);
    chr_engine_free(engine);
    return rc;
}
