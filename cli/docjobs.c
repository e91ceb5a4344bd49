/* docjobs.c: a JSON Lines stream extracted by several threads (`chronicle extract -j N`).
 *
 * The main thread reads records into batches (up to 64 records or 32 KB, or one bigger record) and hands
 * them out through a ring of 4 x N batches; N worker threads parse, extract and render each record of a
 * batch (the engine is immutable and shared, everything else is the record's own); the main thread writes
 * the batches out in input order, with the same messages on stderr (the one no-DCT warning, a bad
 * record's line) and error records as one thread gives: the output is byte-identical to -j 1. Batches
 * keep the threads from meeting at every short record. The ring bounds memory: at most 4 x N batches
 * and their renderings are held, whatever the length of the stream. Before waiting on a pipe that has
 * nothing to read, everything read so far is extracted, written and flushed, so an interactive stream
 * gets its answer line by line.
 * Exports cli_docs_jsonl_jobs. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#define BATCHES_PER_JOB 4
#define BATCH_RECORDS 64
#define BATCH_BYTES ((size_t)32 * 1024)

/* One record on its way through. */
typedef struct rec {
    size_t off, len; /* the record in its batch's text (NUL-terminated there) */
    unsigned long lineno;
    int refused; /* over 64 MiB: msg says so, nothing to extract */
    char *out;   /* the rendering to write, or NULL */
    size_t outlen;
    int no_dct;    /* the record has no date: the run's warning, if it is the first */
    int oom;       /* out of memory: ends the run */
    char msg[600]; /* a bad record's message, or "" */
} rec;

/* Consecutive records, extracted by one worker. Its buffers are kept for the next batch in its place. */
typedef struct batch {
    char *text;
    size_t len, cap;
    rec *recs;
    size_t n, cap_recs;
    size_t seq; /* its number in the stream of batches */
    int done;   /* the worker has filled in its records */
} batch;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work; /* a batch was queued, or stop */
    pthread_cond_t done; /* the batch at head was done */
    batch *ring;
    size_t nring;
    size_t head; /* number of the next batch to write */
    size_t take; /* ... of the next batch for a worker */
    size_t tail; /* ... of the batch being filled (queued ones are before it) */
    int stop;
    cli_docs *d;
    const cli_docs_sink *sink;
    const cli_input *in;
} pool;

/* Parse, extract and render one record, as docread.c's run_jsonl and process_doc do it. *scratch is the
 * worker's own, made here when the first record needs it (left NULL when out of memory: same results). */
static void work(pool *p, rec *r, const char *line, chr_scratch **scratch) {
    cli_docs *d = p->d;
    chr_error err;
    memset(&err, 0, sizeof err);
    chr_doc *doc = NULL;
    int rc = 0;
    int st = chr_doc_from_json(&doc, line, r->len, &d->fields, &err);
    if (st) {
        rc = cli_exit_for(st);
    } else {
        if (!chr_doc_id(doc)[0]) {
            char id[300];
            cli_docs_record_id(id, sizeof id, p->in, r->lineno);
            chr_doc_set_id(doc, id);
        }
        int dst = d->dct ? chr_doc_set_dct(doc, d->dct, CHR_DCT_OPTION, &err) : 0;
        if (dst) {
            rc = cli_exit_for(dst);
        } else {
            chr_time t;
            if (!d->dct && chr_doc_dct(doc, &t) == CHR_DCT_NONE && !chr_doc_find_dct(doc))
                r->no_dct = 1;
            chr_result *res = NULL;
            if (!*scratch)
                chr_scratch_new(scratch, d->engine, NULL);
            int xst = chr_extract_with(&res, d->engine, *scratch, doc, &err);
            if (xst)
                rc = cli_exit_for(xst);
            else
                rc = p->sink->render(p->sink->ctx, CHR_FORMAT_JSONL, doc, res, &r->out, &r->outlen, &err);
            chr_result_free(res);
        }
        chr_doc_free(doc);
    }
    if (rc == EXIT_INTERNAL && (st == CHR_ENOMEM || err.code == CHR_ENOMEM))
        r->oom = 1;
    else if (rc)
        snprintf(r->msg, sizeof r->msg, "%s", cli_errmsg(&err, err.code ? err.code : st));
}

static void *worker(void *arg) {
    pool *p = arg;
    chr_scratch *scratch = NULL;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (p->stop)
            break;
        if (p->take == p->tail) {
            pthread_cond_wait(&p->work, &p->mu);
            continue;
        }
        batch *b = &p->ring[p->take++ % p->nring];
        pthread_mutex_unlock(&p->mu);
        for (size_t i = 0; i < b->n; i++)
            if (!b->recs[i].refused)
                work(p, &b->recs[i], b->text + b->recs[i].off, &scratch);
        pthread_mutex_lock(&p->mu);
        b->done = 1;
        if (b->seq == p->head) /* the main thread waits for no other */
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    chr_scratch_free(scratch);
    return NULL;
}

/* Write one record as one thread would have. Returns 0 or an exit code that ends the run. */
static int emit_rec(pool *p, const rec *r) {
    cli_docs *d = p->d;
    const cli_input *in = p->in;
    if (r->oom) {
        cli_error("%s:%lu: out of memory", in->name, r->lineno);
        return EXIT_INTERNAL;
    }
    if (r->no_dct && !d->warned_no_dct) {
        cli_warn("no document date for %s:%lu; relative expressions left underspecified (--dct or "
                 "--date-field gives one)",
                 in->name, r->lineno);
        d->warned_no_dct = 1;
    }
    if (r->out && cli_output_write(p->sink->out, r->out, r->outlen))
        return EXIT_OUTPUT;
    if (r->msg[0]) {
        d->failed++;
        cli_error("%s:%lu: %s", in->name, r->lineno, r->msg);
        if (p->sink->bad_record)
            return p->sink->bad_record(p->sink->ctx, r->lineno, r->msg);
    }
    return 0;
}

/* Write the oldest queued batch, waiting for it when wait is set. Returns 0 (written, or not done and
 * no wait), 1 when nothing is queued, or an exit code that ends the run. */
static int emit_one(pool *p, int wait, int *emitted) {
    *emitted = 0;
    pthread_mutex_lock(&p->mu);
    if (p->head == p->tail) {
        pthread_mutex_unlock(&p->mu);
        return 1;
    }
    batch *b = &p->ring[p->head % p->nring];
    while (wait && !b->done)
        pthread_cond_wait(&p->done, &p->mu);
    int done = b->done;
    pthread_mutex_unlock(&p->mu);
    if (!done)
        return 0;
    int rc = 0;
    for (size_t i = 0; i < b->n && !rc; i++)
        rc = emit_rec(p, &b->recs[i]);
    if (rc)
        return rc; /* the run ends: what is left is freed with the ring */
    for (size_t i = 0; i < b->n; i++)
        free(b->recs[i].out);
    pthread_mutex_lock(&p->mu);
    if (b->cap > 8 * BATCH_BYTES) { /* a big record: give its room back rather than keep it per batch */
        free(b->text);
        b->text = NULL;
        b->cap = 0;
    }
    b->n = b->len = 0;
    b->done = 0;
    p->head++;
    pthread_mutex_unlock(&p->mu);
    *emitted = 1;
    return 0;
}

/* Write every batch that is done, in order; with all set, wait for every batch queued. */
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

/* Hand the batch being filled to the workers (when it has records). */
static void queue(pool *p) {
    batch *b = &p->ring[p->tail % p->nring];
    if (b->n == 0)
        return;
    pthread_mutex_lock(&p->mu);
    b->seq = p->tail++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
}

/* Would reading in block? Only a pipe or terminal can make us wait; a file has its bytes. */
static int would_block(const cli_input *in) {
    if (in->eof || in->err)
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

/* Add a record (line, or a refused one when line is NULL) to the batch being filled. */
static int add_rec(pool *p, const char *line, size_t len, unsigned long lineno) {
    batch *b = &p->ring[p->tail % p->nring];
    if (b->n == b->cap_recs) {
        size_t cap = b->cap_recs ? 2 * b->cap_recs : 16;
        rec *v = realloc(b->recs, cap * sizeof *v);
        if (!v)
            return -1;
        b->recs = v;
        b->cap_recs = cap;
    }
    size_t need = line ? len + 1 : 0;
    if (b->cap - b->len < need) {
        size_t cap = b->cap ? b->cap : BATCH_BYTES + 1024;
        while (cap - b->len < need)
            cap *= 2;
        char *t = realloc(b->text, cap);
        if (!t)
            return -1;
        b->text = t;
        b->cap = cap;
    }
    rec *r = &b->recs[b->n++];
    memset(r, 0, sizeof *r);
    r->lineno = lineno;
    r->off = b->len;
    r->len = len;
    if (line) {
        memcpy(b->text + b->len, line, len);
        b->text[b->len + len] = '\0';
        b->len += len + 1;
    } else {
        r->refused = 1;
        snprintf(r->msg, sizeof r->msg, "record too big (over 64 MiB)");
    }
    return 0;
}

/* Read records into batches until the end of input or an error; the workers run meanwhile. */
static int feed(pool *p, cli_input *in, size_t *records) {
    cli_docs *d = p->d;
    int rc;
    for (;;) {
        if ((rc = emit(p, 0)))
            return rc;
        /* The ring is full (the batch to fill would be the oldest): wait for the oldest. */
        while (p->tail - p->head == p->nring) {
            int emitted;
            if ((rc = emit_one(p, 1, &emitted)))
                return rc;
        }
        /* About to wait for more input: let the reader have everything read so far. */
        if (p->sink->out && (!in->buf || !memchr(in->buf + in->pos, '\n', in->len - in->pos))) {
            if (would_block(in)) {
                queue(p);
                if ((rc = emit(p, 1)))
                    return rc;
            }
            if (cli_output_flush(p->sink->out))
                return EXIT_OUTPUT;
        }
        const char *line;
        size_t len;
        int got = cli_input_line(in, CLI_MAX_INPUT, &line, &len);
        if (got == 0) {
            queue(p);
            return 0;
        }
        if (got == CLI_IO_ERROR || (got < 0 && got != CLI_IO_TOOBIG)) {
            queue(p);
            if ((rc = emit(p, 1)))
                return rc;
            if (got == CLI_IO_ERROR) {
                cli_error("%s: read error: %s", in->name, strerror(in->err));
                return EXIT_INPUT;
            }
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        if (got == CLI_IO_TOOBIG) {
            line = NULL;
            len = 0;
        } else {
            size_t k = 0;
            while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r'))
                k++;
            if (k == len)
                continue; /* blank lines make no record */
            /* The engine is compiled when the first record needs it, as with one thread. */
            if (!d->engine) {
                queue(p);
                if ((rc = emit(p, 1)))
                    return rc;
                if ((rc = cli_engine_new(&d->engine, d->rules))) {
                    d->fatal = 1;
                    return rc;
                }
            }
        }
        if (add_rec(p, line, len, in->line)) {
            queue(p);
            if ((rc = emit(p, 1)))
                return rc;
            cli_error("%s:%lu: out of memory", in->name, in->line);
            return EXIT_INTERNAL;
        }
        (*records)++;
        const batch *b = &p->ring[p->tail % p->nring];
        if (b->n >= BATCH_RECORDS || b->len >= BATCH_BYTES)
            queue(p);
    }
}

int cli_docs_jsonl_jobs(cli_docs *d, const cli_docs_sink *sink, cli_input *in) {
    pool p;
    memset(&p, 0, sizeof p);
    p.d = d;
    p.sink = sink;
    p.in = in;
    p.nring = (size_t)d->jobs * BATCHES_PER_JOB;
    p.ring = calloc(p.nring, sizeof *p.ring);
    pthread_t *threads = calloc(d->jobs, sizeof *threads);
    if (!p.ring || !threads) {
        free(p.ring);
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

    /* Stop the workers (after their current batch) and drop whatever was not written. */
    pthread_mutex_lock(&p.mu);
    p.stop = 1;
    pthread_cond_broadcast(&p.work);
    pthread_mutex_unlock(&p.mu);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    for (size_t i = 0; i < p.nring; i++) {
        for (size_t k = 0; k < p.ring[i].n; k++)
            free(p.ring[i].recs[k].out);
        free(p.ring[i].recs);
        free(p.ring[i].text);
    }
    free(p.ring);
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
