/* docjobs.c: a JSON Lines stream extracted by several threads (`chronicle extract -j N`).
 *
 * The main thread reads records and hands them out through a ring of 4 x N slots; N worker threads parse,
 * extract and render each record into its slot (the engine is immutable and shared, everything else is the
 * record's own); the main thread writes the slots out in input order, with the same messages on stderr
 * (the one no-DCT warning, a bad record's line) and error records as one thread gives: the output is
 * byte-identical to -j 1. The ring bounds memory: at most 4 x N records and their renderings are held,
 * whatever the length of the stream. Before waiting on a pipe that has nothing to read, everything
 * read so far is written and flushed, so an interactive stream gets its answer line by line.
 * Exports cli_docs_jsonl_jobs. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#define SLOTS_PER_JOB 4

/* One record on its way through. */
typedef struct slot {
    char *line; /* the record (malloc'ed), or NULL for a record refused while reading */
    size_t len;
    unsigned long lineno;
    int done;      /* the worker has filled in what follows */
    char *out;     /* the rendering to write, or NULL */
    size_t outlen;
    int no_dct;    /* the record has no date: the run's warning, if it is the first */
    int oom;       /* out of memory: ends the run */
    char msg[600]; /* a bad record's message, or "" */
} slot;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work; /* a record was queued, or stop */
    pthread_cond_t done; /* a record was done */
    slot *slots;
    size_t nslots;
    size_t head; /* sequence number of the next record to write */
    size_t take; /* ... of the next record for a worker */
    size_t tail; /* ... of the next record read */
    int stop;
    cli_docs *d;
    const cli_docs_sink *sink;
    const cli_input *in;
} pool;

/* Parse, extract and render one record into s, as docread.c's run_jsonl and process_doc do it. */
static void work(pool *p, slot *s) {
    cli_docs *d = p->d;
    chr_error err;
    memset(&err, 0, sizeof err);
    chr_doc *doc = NULL;
    int rc = 0;
    int st = chr_doc_from_json(&doc, s->line, s->len, &d->fields, &err);
    if (st) {
        rc = cli_exit_for(st);
    } else {
        if (!chr_doc_id(doc)[0]) {
            char id[300];
            cli_docs_record_id(id, sizeof id, p->in, s->lineno);
            chr_doc_set_id(doc, id);
        }
        int dst = d->dct ? chr_doc_set_dct(doc, d->dct, CHR_DCT_OPTION, &err) : 0;
        if (dst) {
            rc = cli_exit_for(dst);
        } else {
            chr_time t;
            if (!d->dct && chr_doc_dct(doc, &t) == CHR_DCT_NONE && !chr_doc_find_dct(doc))
                s->no_dct = 1;
            chr_result *res = NULL;
            int xst = chr_extract(&res, d->engine, doc, &err);
            if (xst)
                rc = cli_exit_for(xst);
            else
                rc = p->sink->render(p->sink->ctx, CHR_FORMAT_JSONL, doc, res, &s->out, &s->outlen, &err);
            chr_result_free(res);
        }
        chr_doc_free(doc);
    }
    if (rc == EXIT_INTERNAL && (st == CHR_ENOMEM || err.code == CHR_ENOMEM))
        s->oom = 1;
    else if (rc)
        snprintf(s->msg, sizeof s->msg, "%s", cli_errmsg(&err, err.code ? err.code : st));
    free(s->line);
    s->line = NULL;
}

static void *worker(void *arg) {
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        /* A record refused while reading needs no worker and may be written before one comes by. */
        if (p->take < p->head)
            p->take = p->head;
        if (p->stop)
            break;
        if (p->take == p->tail) {
            pthread_cond_wait(&p->work, &p->mu);
            continue;
        }
        slot *s = &p->slots[p->take++ % p->nslots];
        if (s->done)
            continue;
        pthread_mutex_unlock(&p->mu);
        work(p, s);
        pthread_mutex_lock(&p->mu);
        s->done = 1;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Write the oldest record, waiting for it when wait is set. Returns 0 (written, or not done and no
 * wait), 1 when nothing is queued, or an exit code that ends the run. */
static int emit_one(pool *p, int wait, int *emitted) {
    *emitted = 0;
    pthread_mutex_lock(&p->mu);
    if (p->head == p->tail) {
        pthread_mutex_unlock(&p->mu);
        return 1;
    }
    slot *s = &p->slots[p->head % p->nslots];
    while (wait && !s->done)
        pthread_cond_wait(&p->done, &p->mu);
    int done = s->done;
    pthread_mutex_unlock(&p->mu);
    if (!done)
        return 0;

    cli_docs *d = p->d;
    const cli_input *in = p->in;
    int rc = 0;
    if (s->oom) {
        cli_error("%s:%lu: out of memory", in->name, s->lineno);
        rc = EXIT_INTERNAL;
    }
    if (!rc && s->no_dct && !d->warned_no_dct) {
        cli_warn("no document date for %s:%lu; relative expressions left underspecified", in->name,
                 s->lineno);
        d->warned_no_dct = 1;
    }
    if (!rc && s->out && cli_output_write(p->sink->out, s->out, s->outlen))
        rc = EXIT_OUTPUT;
    if (!rc && s->msg[0]) {
        d->failed++;
        cli_error("%s:%lu: %s", in->name, s->lineno, s->msg);
        if (p->sink->bad_record)
            rc = p->sink->bad_record(p->sink->ctx, s->lineno, s->msg);
    }
    pthread_mutex_lock(&p->mu);
    free(s->out);
    memset(s, 0, sizeof *s);
    p->head++;
    pthread_mutex_unlock(&p->mu);
    *emitted = 1;
    return rc;
}

/* Write every record that is done, in order; with all set, wait for every record queued. */
static int emit(pool *p, int all) {
    for (;;) {
        int emitted;
        int rc = emit_one(p, all, &emitted);
        if (rc == 1)
            return 0;
        if (rc || !emitted)
            return rc;
    }
}

/* Would reading in block? Only a pipe or terminal can make us wait; a file has its bytes. */
static int would_block(const cli_input *in) {
    if (in->eof || in->err || (in->buf && memchr(in->buf + in->pos, '\n', in->len - in->pos)))
        return 0;
    int fd = fileno(in->fp);
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        return 0;
    struct pollfd pfd = {fd, POLLIN, 0};
    int n;
    do
        n = poll(&pfd, 1, 0);
    while (n < 0 && errno == EINTR);
    return n == 0;
}

/* Read records into the ring until the end of input or an error; the workers run meanwhile. */
static int feed(pool *p, cli_input *in, size_t *records) {
    cli_docs *d = p->d;
    for (;;) {
        int rc = emit(p, 0);
        if (rc)
            return rc;
        /* The ring is full: wait for its oldest record. */
        while (p->tail - p->head == p->nslots) {
            int emitted;
            if ((rc = emit_one(p, 1, &emitted)))
                return rc;
        }
        /* About to wait for more input: let the reader have everything read so far. */
        if (p->sink->out && (!in->buf || !memchr(in->buf + in->pos, '\n', in->len - in->pos))) {
            if (would_block(in) && (rc = emit(p, 1)))
                return rc;
            if (cli_output_flush(p->sink->out))
                return EXIT_OUTPUT;
        }
        const char *line;
        size_t len;
        int got = cli_input_line(in, CLI_MAX_INPUT, &line, &len);
        if (got == 0)
            return 0;
        if (got == CLI_IO_ERROR) {
            if ((rc = emit(p, 1)))
                return rc;
            cli_error("%s: read error: %s", in->name, strerror(in->err));
            return EXIT_INPUT;
        }
        if (got < 0 && got != CLI_IO_TOOBIG) {
            if ((rc = emit(p, 1)))
                return rc;
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        slot *s = &p->slots[p->tail % p->nslots];
        s->lineno = in->line;
        if (got == CLI_IO_TOOBIG) {
            snprintf(s->msg, sizeof s->msg, "record too big (over 64 MiB)");
            s->done = 1;
        } else {
            size_t k = 0;
            while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r'))
                k++;
            if (k == len)
                continue; /* blank lines make no record */
            /* The engine is compiled when the first record needs it, as with one thread. */
            if (!d->engine) {
                if ((rc = emit(p, 1)))
                    return rc;
                if ((rc = cli_engine_new(&d->engine, d->rules))) {
                    d->fatal = 1;
                    return rc;
                }
            }
            s->line = malloc(len + 1);
            if (!s->line) {
                if ((rc = emit(p, 1)))
                    return rc;
                cli_error("%s:%lu: out of memory", in->name, in->line);
                return EXIT_INTERNAL;
            }
            memcpy(s->line, line, len);
            s->line[len] = '\0';
            s->len = len;
        }
        (*records)++;
        pthread_mutex_lock(&p->mu);
        p->tail++;
        pthread_cond_signal(&p->work);
        pthread_mutex_unlock(&p->mu);
    }
}

int cli_docs_jsonl_jobs(cli_docs *d, const cli_docs_sink *sink, cli_input *in) {
    pool p;
    memset(&p, 0, sizeof p);
    p.d = d;
    p.sink = sink;
    p.in = in;
    p.nslots = (size_t)d->jobs * SLOTS_PER_JOB;
    p.slots = calloc(p.nslots, sizeof *p.slots);
    pthread_t *threads = calloc(d->jobs, sizeof *threads);
    if (!p.slots || !threads) {
        free(p.slots);
        free(threads);
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    /* jansson seeds its hash function on first use: do it here, before there are threads. */
    json_object_seed(0);

    int rc = 0;
    unsigned started = 0;
    for (; started < d->jobs; started++) {
        int e = pthread_create(&threads[started], NULL, worker, &p);
        if (e) {
            cli_error("cannot start a thread: %s", strerror(e));
            rc = EXIT_INTERNAL;
            break;
        }
    }
    size_t records = 0;
    if (!rc)
        rc = feed(&p, in, &records);
    if (!rc)
        rc = emit(&p, 1);

    /* Stop the workers (after their current record) and drop whatever was not written. */
    pthread_mutex_lock(&p.mu);
    p.stop = 1;
    pthread_cond_broadcast(&p.work);
    pthread_mutex_unlock(&p.mu);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    for (size_t i = 0; i < p.nslots; i++) {
        free(p.slots[i].line);
        free(p.slots[i].out);
    }
    free(p.slots);
    free(threads);
    pthread_cond_destroy(&p.done);
    pthread_cond_destroy(&p.work);
    pthread_mutex_destroy(&p.mu);

    if (!rc && records == 0) {
        cli_error("%s: empty input", in->name);
        return EXIT_INPUT;
    }
    return rc;
}
