/* render_cmd.c: `chronicle render`, a chart of a timeline drawn by gnuplot.
 *
 * Reads timeline JSON files (as `chronicle timeline` writes them; found by content, or --input
 * timeline) and articles (text, TimeML, JSON Lines, read as `timeline` reads them: docread.c), builds
 * a chr_chart, and has the library write the gnuplot script and its data file. --script-only writes them
 * as STEM.gp and STEM.tsv; otherwise both go to temporary files beside OUT, gnuplot (no shell, a time
 * limit: spawn.c) draws into a temporary file that is renamed to OUT on success. When gnuplot is not
 * installed, STEM.gp and STEM.tsv are written for later and the exit code is 6. Exports cli_render. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"

static const char render_usage[] =
    "usage: chronicle render -o OUT [OPTIONS] [FILE...]\n"
    "\n"
    "A chart of the timeline: when things happened (markers), how long they lasted (bars), open intervals\n"
    "(\"since 1979\": drawn to the article date, with an arrow), one lane per article or per entity. FILE "
    "is\n"
    "a timeline JSON (chronicle timeline; found by content) or an article (text, TimeML, JSON Lines, as for\n"
    "timeline); without FILE, or with -, read stdin (articles, or a timeline with --input timeline).\n"
    "Dates far before the rest (1979 in a story about last week) are drawn in an \"earlier\" panel.\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT    the chart; its extension gives the format: .png, .svg or .pdf\n"
    "  --lanes MODE        article (one lane per document), entity (per actor; the 12 most frequent),\n"
    "                      none; default: article for several documents, else none\n"
    "  --density UNIT      a histogram of events per day, week or month (for thousands of events);\n"
    "                      with --lanes article or entity given, stacked by lane\n"
    "  --from DATE         the time window: from the first day of DATE (ISO 8601: 2014, 2014-11, ...)\n"
    "  --to DATE           ... to the last day of DATE\n"
    "  --title TEXT        the title (default: chronicle: N events)\n"
    "  --size WxH          size in pixels (PDF: hundredths of an inch); default 1200 wide, the height\n"
    "                      grows with the lanes\n"
    "  --script-only       write STEM.gp and STEM.tsv (OUT without its extension) and do not run gnuplot\n"
    "  --timeout SECONDS   stop gnuplot after this long (default 60)\n"
    "  --input FMT         auto (default), timeline, text, jsonl, timeml\n"
    "  --dct, --text-field, --date-field, --id-field, --rules   for articles, as for timeline\n"
    "  -h, --help          this help\n"
    "\n"
    "gnuplot is found on PATH, or is the program CHRONICLE_GNUPLOT names; it runs without a shell. Article\n"
    "text goes only into the data file, and enhanced text is off: labels are shown as written.\n"
    "\n"
    "Exit status: 0 ok; 1 some JSON Lines records failed (reported, left out); 2 usage error; 3 input error\n"
    "(unreadable, not a timeline, nothing to draw); 4 broken rule file; 5 cannot write output; 6 gnuplot "
    "not\n"
    "found (STEM.gp and STEM.tsv written: install gnuplot-nox and run gnuplot STEM.gp); 7 gnuplot failed or\n"
    "ran out of time; 70 internal error.\n";

typedef struct render_run {
    cli_docs docs;
    int force_tl; /* --input timeline */
    chr_chart_opts opts;
    const char *output;
    char *stem; /* OUT without its extension */
    int script_only;
    int timeout;
    chr_chart *chart;
    chr_timeline *tl; /* articles read, NULL when none */
} render_run;

static int add_doc(void *ctx, chr_format kind, const chr_doc *doc, const chr_result *res, chr_error *err) {
    render_run *r = ctx;
    (void)kind;
    int st = chr_timeline_add(r->tl, doc, res, err);
    return st ? cli_exit_for(st) : EXIT_OK;
}

/* Add a timeline JSON text to the chart. */
static int add_timeline_text(render_run *r, const char *name, const char *text, size_t len) {
    chr_error err;
    memset(&err, 0, sizeof err);
    int st = chr_chart_add_text(r->chart, text, len, &err);
    if (st) {
        cli_error("%s: %s", name, cli_errmsg(&err, st));
        return st == CHR_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
    }
    return EXIT_OK;
}

/* One FILE: a timeline JSON (an object with "version" and "entries") or articles. */
static int read_file(render_run *r, const char *path) {
    int is_stdin = strcmp(path, "-") == 0;
    if (!is_stdin || r->force_tl) {
        char *buf = NULL;
        size_t len = 0;
        int e = 0;
        int rc = cli_read_file(path, CLI_MAX_INPUT, &buf, &len, &e);
        const char *name = is_stdin ? "stdin" : path;
        if (rc == CLI_IO_ERROR) {
            cli_error("%s: cannot read: %s", name, strerror(e));
            return EXIT_INPUT;
        }
        if (rc == CLI_IO_NOMEM) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        if (rc == CLI_IO_TOOBIG && r->force_tl) {
            cli_error("%s: over %zu MiB", name, CLI_MAX_INPUT >> 20);
            return EXIT_INPUT;
        }
        if (rc == 0) {
            int is_tl = r->force_tl;
            size_t i = 0;
            while (i < len && isspace((unsigned char)buf[i]))
                i++;
            if (!is_tl && i < len && buf[i] == '{') {
                json_t *j = json_loadb(buf, len, 0, NULL);
                is_tl = json_is_object(j) && json_object_get(j, "version") && json_object_get(j, "entries");
                json_decref(j);
            }
            if (is_tl) {
                rc = add_timeline_text(r, name, buf, len);
                free(buf);
                return rc;
            }
        }
        free(buf);
    }
    if (!r->tl && chr_timeline_new(&r->tl)) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    cli_docs_sink sink = {r, add_doc, NULL, NULL, NULL};
    return cli_docs_read(&r->docs, path, &sink);
}

/* --- Options --------------------------------------------------------------------------------------- */

static int day_option(const char *opt, const char *v, int is_end, int64_t *day) {
    chr_time t;
    chr_error err;
    memset(&err, 0, sizeof err);
    int st = chr_time_parse_iso(&t, v, strlen(v), &err);
    if (st) {
        cli_error("%s %s: %s", opt, v, cli_errmsg(&err, st));
        return EXIT_USAGE;
    }
    int64_t a, b;
    chr_time_span(&t, &a, &b);
    *day = is_end ? b - 1 : a;
    return EXIT_OK;
}

static int has_control(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 1;
    return 0;
}

/* The format from OUT's extension, and its stem. */
static int output_option(render_run *r) {
    const char *out = r->output;
    if (has_control(out)) {
        cli_error("-o: the file name holds control characters");
        return EXIT_USAGE;
    }
    const char *base = cli_basename(out);
    const char *dot = strrchr(base, '.');
    static const struct {
        const char *ext;
        chr_chart_term term;
    } exts[] = {
        {".png", CHR_TERM_PNG}, {".svg", CHR_TERM_SVG}, {".pdf", CHR_TERM_PDF}, {".gp", CHR_TERM_PNG}};
    int found = -1;
    for (int k = 0; dot && k < 4; k++) {
        size_t n = strlen(exts[k].ext);
        if (strlen(dot) == n) {
            int same = 1;
            for (size_t m = 0; m < n; m++)
                same &= tolower((unsigned char)dot[m]) == exts[k].ext[m];
            if (same)
                found = k;
        }
    }
    if ((found < 0 || found == 3) && !r->script_only) {
        cli_error("-o %s: the extension gives the format: .png, .svg or .pdf", out);
        return EXIT_USAGE;
    }
    size_t stem_len = found >= 0 ? (size_t)(dot - out) : strlen(out);
    if (stem_len == 0 || out[stem_len - 1] == '/') {
        cli_error("-o %s: no file name", out);
        return EXIT_USAGE;
    }
    r->stem = malloc(stem_len + 1);
    if (!r->stem) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    memcpy(r->stem, out, stem_len);
    r->stem[stem_len] = '\0';
    r->opts.term = found >= 0 ? exts[found].term : CHR_TERM_PNG;
    return EXIT_OK;
}

/* --- Files ----------------------------------------------------------------------------------------- */

static char *path_with(const char *stem, const char *ext) {
    size_t n = strlen(stem), e = strlen(ext);
    char *p = malloc(n + e + 1);
    if (p) {
        memcpy(p, stem, n);
        memcpy(p + n, ext, e + 1);
    }
    return p;
}

/* Write a whole file through the atomic writer. */
static int write_whole(const char *path, const char *s, size_t len) {
    cli_output out;
    if (cli_output_open(&out, path))
        return EXIT_OUTPUT;
    int wrc = cli_output_write(&out, s, len);
    return cli_output_close(&out, wrc == 0);
}

/* A temporary file beside path (in its directory), holding s. Its name is malloc'ed into *tmp. */
static int write_temp(char **tmp, const char *path, const char *s, size_t len) {
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    static const char pattern[] = ".chronicle-XXXXXX";
    *tmp = malloc(dirlen + sizeof pattern);
    if (!*tmp) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    memcpy(*tmp, path, dirlen);
    memcpy(*tmp + dirlen, pattern, sizeof pattern);
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        free(*tmp);
        *tmp = NULL;
        return EXIT_OUTPUT;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, s + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            cli_error("%s: write error: %s", *tmp, strerror(errno));
            close(fd);
            unlink(*tmp);
            free(*tmp);
            *tmp = NULL;
            return EXIT_OUTPUT;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0) {
        cli_error("%s: write error: %s", *tmp, strerror(errno));
        unlink(*tmp);
        free(*tmp);
        *tmp = NULL;
        return EXIT_OUTPUT;
    }
    return EXIT_OK;
}

/* A gnuplot single-quoted string of a path (no control characters: checked with the options). */
static void quote_into(char *dst, const char *s) {
    *dst++ = '\'';
    for (; *s; s++) {
        if (*s == '\'')
            *dst++ = '\'';
        *dst++ = *s;
    }
    *dst++ = '\'';
    *dst = '\0';
}

/* Run gnuplot on the script and data, drawing into OUT (whole or nothing). */
static int draw(render_run *r, const char *gnuplot, const char *script, size_t slen, const char *data,
                size_t dlen) {
    char *tscript = NULL, *tdata = NULL, *tout = NULL, *expr = NULL;
    int rc = write_temp(&tdata, r->output, data, dlen);
    if (rc == EXIT_OK)
        rc = write_temp(&tscript, r->output, script, slen);
    if (rc == EXIT_OK)
        rc = write_temp(&tout, r->output, "", 0);
    if (rc == EXIT_OK) {
        expr = malloc(2 * (strlen(tdata) + strlen(tout)) + 64);
        if (!expr) {
            cli_error("out of memory");
            rc = EXIT_INTERNAL;
        }
    }
    if (rc == EXIT_OK) {
        strcpy(expr, "datafile=");
        quote_into(expr + strlen(expr), tdata);
        strcat(expr, "; outfile=");
        quote_into(expr + strlen(expr), tout);
        char e_opt[] = "-e";
        char *argv[] = {(char *)gnuplot, e_opt, expr, tscript, NULL};
        cli_spawn_result res;
        if (cli_spawn(gnuplot, argv, r->timeout, &res)) {
            cli_error("gnuplot: %s", res.message);
            rc = EXIT_GNUPLOT;
        } else {
            struct stat st;
            if (stat(tout, &st) != 0 || st.st_size == 0) {
                cli_error("gnuplot: it wrote nothing to %s", r->output);
                rc = EXIT_GNUPLOT;
            } else {
                mode_t mask = umask(0);
                umask(mask);
                (void)chmod(tout, 0666 & ~mask);
                if (rename(tout, r->output) != 0) {
                    cli_error("%s: cannot write: %s", r->output, strerror(errno));
                    rc = EXIT_OUTPUT;
                } else {
                    free(tout);
                    tout = NULL;
                }
            }
        }
    }
    char *tmps[] = {tscript, tdata, tout};
    for (int k = 0; k < 3; k++)
        if (tmps[k]) {
            unlink(tmps[k]);
            free(tmps[k]);
        }
    free(expr);
    return rc;
}

static int render(render_run *r) {
    if (r->tl) {
        json_t *j = chr_timeline_json(r->tl);
        if (!j) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        chr_error err;
        memset(&err, 0, sizeof err);
        int st = chr_chart_add_json(r->chart, j, &err);
        json_decref(j);
        if (st) {
            cli_error("%s", cli_errmsg(&err, st));
            return st == CHR_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
        }
    }
    char *gp_path = path_with(r->stem, ".gp"), *tsv_path = path_with(r->stem, ".tsv");
    char *out_path = r->script_only ? NULL : (char *)r->output;
    static const char *const ext[] = {".png", ".svg", ".pdf"};
    char *default_out = r->script_only ? path_with(r->stem, ext[r->opts.term]) : NULL;
    char *script = NULL, *data = NULL;
    size_t slen = 0, dlen = 0;
    int rc = EXIT_OK;
    if (!gp_path || !tsv_path || (r->script_only && !default_out)) {
        cli_error("out of memory");
        rc = EXIT_INTERNAL;
        goto done;
    }
    r->opts.datafile = tsv_path;
    r->opts.outfile = out_path ? out_path : default_out;
    chr_error err;
    memset(&err, 0, sizeof err);
    int st = chr_chart_gnuplot(&script, &slen, &data, &dlen, r->chart, &r->opts, NULL, &err);
    if (st) {
        cli_error("%s", cli_errmsg(&err, st));
        rc = st == CHR_ENOMEM ? EXIT_INTERNAL : st == CHR_EINVAL ? EXIT_USAGE : EXIT_INPUT;
        goto done;
    }
    char gnuplot[4096];
    const char *want = getenv("CHRONICLE_GNUPLOT");
    if (!want || !*want)
        want = "gnuplot";
    int missing = !r->script_only && cli_find_program(want, gnuplot, sizeof gnuplot) != 0;
    if (r->script_only || missing) {
        rc = write_whole(tsv_path, data, dlen);
        if (rc == EXIT_OK)
            rc = write_whole(gp_path, script, slen);
        if (rc == EXIT_OK && missing) {
            cli_error("%s not found (Debian: apt-get install gnuplot-nox); wrote %s and %s: run gnuplot %s",
                      want, gp_path, tsv_path, gp_path);
            rc = EXIT_NO_GNUPLOT;
        }
        goto done;
    }
    rc = draw(r, gnuplot, script, slen, data, dlen);
done:
    free(script);
    free(data);
    free(gp_path);
    free(tsv_path);
    free(default_out);
    return rc;
}

int cli_render(int argc, char **argv) {
    render_run r;
    memset(&r, 0, sizeof r);
    r.timeout = 60;
    cli_args a;
    int rc = cli_args_start(&a, argc, argv);
    while (rc == EXIT_OK && cli_args_option(&a)) {
        const char *v = NULL;
        if (cli_args_is(&a, "--help", "-h")) {
            return cli_args_usage(&a, render_usage);
        } else if (cli_args_is(&a, "--script-only", NULL)) {
            r.script_only = 1;
            rc = cli_args_flag(&a);
        } else if (cli_args_is(&a, "--output", "-o")) {
            if (!(r.output = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else if (cli_args_is(&a, "--input", NULL) && (v = cli_args_value(&a)) &&
                   strcmp(v, "timeline") == 0) {
            r.force_tl = 1;
        } else if (v) {
            /* --input with another value: the documents' formats */
            static const struct {
                const char *name;
                chr_format f;
            } fm[] = {{"auto", CHR_FORMAT_AUTO},
                      {"text", CHR_FORMAT_TEXT},
                      {"jsonl", CHR_FORMAT_JSONL},
                      {"timeml", CHR_FORMAT_TIMEML}};
            int ok = 0;
            for (int m = 0; m < 4 && !ok; m++)
                if (strcmp(v, fm[m].name) == 0) {
                    r.docs.input = fm[m].f;
                    ok = 1;
                }
            if (!ok) {
                cli_error("--input %s: expected auto, timeline, text, jsonl or timeml", v);
                rc = EXIT_USAGE;
            }
        } else if (cli_args_is(&a, "--input", NULL)) {
            rc = EXIT_USAGE; /* no value: reported */
        } else if (cli_args_is(&a, "--lanes", NULL)) {
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            else if (strcmp(v, "article") == 0)
                r.opts.lanes = CHR_LANES_ARTICLE;
            else if (strcmp(v, "entity") == 0)
                r.opts.lanes = CHR_LANES_ENTITY;
            else if (strcmp(v, "none") == 0)
                r.opts.lanes = CHR_LANES_NONE;
            else {
                cli_error("--lanes %s: expected article, entity or none", v);
                rc = EXIT_USAGE;
            }
        } else if (cli_args_is(&a, "--density", NULL)) {
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            else if (strcmp(v, "day") == 0)
                r.opts.density = CHR_DENSITY_DAY;
            else if (strcmp(v, "week") == 0)
                r.opts.density = CHR_DENSITY_WEEK;
            else if (strcmp(v, "month") == 0)
                r.opts.density = CHR_DENSITY_MONTH;
            else {
                cli_error("--density %s: expected day, week or month", v);
                rc = EXIT_USAGE;
            }
        } else if (cli_args_is(&a, "--from", NULL) || cli_args_is(&a, "--to", NULL)) {
            int is_to = cli_args_is(&a, "--to", NULL);
            const char *opt = is_to ? "--to" : "--from";
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            else if (is_to) {
                rc = day_option(opt, v, 1, &r.opts.to_day);
                r.opts.has_to = 1;
            } else {
                rc = day_option(opt, v, 0, &r.opts.from_day);
                r.opts.has_from = 1;
            }
        } else if (cli_args_is(&a, "--title", NULL)) {
            if (!(r.opts.title = cli_args_value(&a)))
                rc = EXIT_USAGE;
        } else if (cli_args_is(&a, "--size", NULL)) {
            int w = 0, h = 0;
            char end = 0;
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            else if (sscanf(v, "%dx%d%c", &w, &h, &end) != 2 || w < 100 || h < 100 || w > 20000 ||
                     h > 20000) {
                cli_error("--size %s: expected WIDTHxHEIGHT, each from 100 to 20000", v);
                rc = EXIT_USAGE;
            } else {
                r.opts.width = w;
                r.opts.height = h;
            }
        } else if (cli_args_is(&a, "--timeout", NULL)) {
            char *end = NULL;
            long t = 0;
            if (!(v = cli_args_value(&a)))
                rc = EXIT_USAGE;
            else if ((t = strtol(v, &end, 10)) < 1 || t > 86400 || *end) {
                cli_error("--timeout %s: expected seconds, from 1 to 86400", v);
                rc = EXIT_USAGE;
            } else
                r.timeout = (int)t;
        } else if (cli_docs_option(&r.docs, &a, &rc)) {
            /* --dct, --text-field, --date-field, --id-field, --rules */
        } else {
            cli_error("render: unknown option %s (try chronicle render --help)", a.opt);
            rc = EXIT_USAGE;
        }
    }
    const char **files = a.pos;
    size_t nfiles = a.npos;
    if (rc == EXIT_OK && !r.output) {
        cli_error("render: -o OUT is needed (OUT.png, OUT.svg or OUT.pdf)");
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK)
        rc = output_option(&r);
    if (rc == EXIT_OK && r.opts.has_from && r.opts.has_to && r.opts.to_day < r.opts.from_day) {
        cli_error("--from is after --to");
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK && r.opts.title && has_control(r.opts.title)) {
        cli_error("--title: control characters (a line break?) are not allowed");
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK)
        rc = cli_docs_check(&r.docs);
    if (rc == EXIT_OK && chr_chart_new(&r.chart)) {
        cli_error("out of memory");
        rc = EXIT_INTERNAL;
    }
    if (rc == EXIT_OK && nfiles == 0)
        files[nfiles++] = "-";
    cli_paths paths = {0}; /* directories walked, as timeline and compare do */
    for (size_t i = 0; rc == EXIT_OK && i < nfiles; i++)
        rc = cli_files_add(&paths, files[i]);
    for (size_t i = 0; rc == EXIT_OK && i < paths.n; i++)
        rc = read_file(&r, paths.v[i]);
    cli_paths_free(&paths);
    if (rc == EXIT_OK)
        rc = render(&r);
    chr_chart_free(r.chart);
    chr_timeline_free(r.tl);
    cli_docs_free(&r.docs);
    free(r.stem);
    cli_args_free(&a);
    if (rc == EXIT_OK && r.docs.failed > 0)
        rc = EXIT_FAILED;
    return rc;
}
