/* io.c: input and output for the chronicle program.
 *
 * Exports cli_input_* (read a file or stdin whole, with a size limit, or line by line for JSON Lines
 * without loading the stream), cli_read_file, cli_basename, and cli_output_* (stdout, or -o FILE written
 * to a temporary file and renamed into place: whole or nothing). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli.h"

#define CHUNK ((size_t)64 * 1024)

int cli_input_open(cli_input *in, const char *path) {
    memset(in, 0, sizeof *in);
    in->path = path;
    if (strcmp(path, "-") == 0) {
        in->name = "stdin";
        in->fp = stdin;
        return 0;
    }
    in->name = path;
    in->fp = fopen(path, "rb");
    if (!in->fp) {
        in->err = errno;
        return CLI_IO_ERROR;
    }
    /* A directory opens but cannot be read: say so now. */
    struct stat st;
    if (fstat(fileno(in->fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(in->fp);
        in->fp = NULL;
        in->err = EISDIR;
        return CLI_IO_ERROR;
    }
    return 0;
}

void cli_input_close(cli_input *in) {
    if (in->fp && in->fp != stdin)
        fclose(in->fp);
    free(in->buf);
    in->fp = NULL;
    in->buf = NULL;
}

/* Room for at least extra more bytes after in->len; drops consumed bytes first. */
static int reserve(cli_input *in, size_t extra) {
    if (in->pos > 0) {
        memmove(in->buf, in->buf + in->pos, in->len - in->pos);
        in->len -= in->pos;
        in->pos = 0;
    }
    if (in->cap - in->len >= extra + 1)
        return 0;
    size_t cap = in->cap ? in->cap : CHUNK;
    while (cap - in->len < extra + 1) {
        if (cap > SIZE_MAX / 2)
            return CLI_IO_NOMEM;
        cap *= 2;
    }
    char *p = realloc(in->buf, cap);
    if (!p)
        return CLI_IO_NOMEM;
    in->buf = p;
    in->cap = cap;
    return 0;
}

/* Read what is there (at most the free room) at the end of the buffer. read(2), not fread: a pipe gives
 * what it has without waiting for a full buffer, so JSON Lines stream through as they come. */
static size_t read_chunk(cli_input *in) {
    if (in->eof || in->err)
        return 0;
    ssize_t n;
    do
        n = read(fileno(in->fp), in->buf + in->len, in->cap - in->len - 1);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        in->err = errno;
        return 0;
    }
    if (n == 0) {
        in->eof = 1;
        return 0;
    }
    in->len += (size_t)n;
    return (size_t)n;
}

int cli_input_fill(cli_input *in, size_t want) {
    while (in->len - in->pos < want && !in->eof && !in->err) {
        int rc = reserve(in, CHUNK);
        if (rc)
            return rc;
        read_chunk(in);
    }
    return in->err ? CLI_IO_ERROR : 0;
}

int cli_input_all(cli_input *in, size_t limit, char **out, size_t *len) {
    *out = NULL;
    *len = 0;
    /* A regular file that is already too big is refused before reading it. */
    struct stat st;
    if (in->fp != stdin && fstat(fileno(in->fp), &st) == 0 && S_ISREG(st.st_mode) &&
        (unsigned long long)st.st_size > (unsigned long long)limit)
        return CLI_IO_TOOBIG;
    while (!in->eof && !in->err) {
        if (in->len - in->pos > limit)
            return CLI_IO_TOOBIG;
        int rc = reserve(in, CHUNK);
        if (rc)
            return rc;
        read_chunk(in);
    }
    if (in->err)
        return CLI_IO_ERROR;
    if (in->len - in->pos > limit)
        return CLI_IO_TOOBIG;
    /* Hand the buffer over: it is NUL-terminated, consumed from pos. */
    if (reserve(in, 0))
        return CLI_IO_NOMEM;
    in->buf[in->len] = '\0';
    *out = in->buf;
    *len = in->len;
    in->buf = NULL;
    in->cap = in->len = in->pos = 0;
    return 0;
}

int cli_input_line(cli_input *in, size_t limit, const char **line, size_t *len) {
    size_t scanned = 0; /* bytes of buf[pos..) known to hold no newline */
    size_t dropped = 0; /* bytes of an overlong line thrown away */
    for (;;) {
        char *start = in->buf ? in->buf + in->pos : NULL;
        size_t avail = in->len - in->pos;
        char *nl = avail > scanned ? memchr(start + scanned, '\n', avail - scanned) : NULL;
        if (nl || ((in->eof || in->err) && (avail > 0 || dropped > 0))) {
            size_t n = nl ? (size_t)(nl - start) : avail;
            in->pos += nl ? n + 1 : n;
            in->line++;
            if (dropped + n > limit)
                return CLI_IO_TOOBIG;
            if (n > 0 && start[n - 1] == '\r')
                n--;
            *line = start ? start : "";
            *len = n;
            return 1;
        }
        if (in->err)
            return CLI_IO_ERROR;
        if (in->eof)
            return 0;
        scanned = avail;
        if (avail > limit) {
            /* Too long: keep counting, but stop holding it in memory. */
            dropped += avail;
            in->pos = in->len;
            scanned = 0;
        }
        int rc = reserve(in, CHUNK);
        if (rc)
            return rc;
        read_chunk(in);
    }
}

const char *cli_basename(const char *path) {
    const char *slash = strrchr(path, '/');
    if (slash && slash[1])
        return slash + 1;
    return path;
}

int cli_read_file(const char *path, size_t limit, char **out, size_t *len, int *err_no) {
    cli_input in;
    *err_no = 0;
    if (cli_input_open(&in, path)) {
        *err_no = in.err;
        return CLI_IO_ERROR;
    }
    int rc = cli_input_all(&in, limit, out, len);
    if (rc == CLI_IO_ERROR)
        *err_no = in.err;
    cli_input_close(&in);
    return rc;
}

/* --- Output ------------------------------------------------------------------------------------- */

int cli_output_open(cli_output *out, const char *path) {
    memset(out, 0, sizeof *out);
    if (!path || strcmp(path, "-") == 0) {
        out->fp = stdout;
        return 0;
    }
    out->path = path;
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device, a pipe, /dev/stdout: nothing to rename, write in place. */
        out->fp = fopen(path, "wb");
        if (!out->fp) {
            cli_error("%s: cannot write: %s", path, strerror(errno));
            return -1;
        }
        return 0;
    }
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    static const char pattern[] = ".chronicle-XXXXXX";
    out->tmp = malloc(dirlen + sizeof pattern);
    if (!out->tmp) {
        cli_error("out of memory");
        return -1;
    }
    memcpy(out->tmp, path, dirlen);
    memcpy(out->tmp + dirlen, pattern, sizeof pattern);
    int fd = mkstemp(out->tmp);
    if (fd < 0) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        free(out->tmp);
        out->tmp = NULL;
        return -1;
    }
    /* mkstemp makes it 0600; a new output file gets the usual 0666 & ~umask. */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    out->fp = fdopen(fd, "wb");
    if (!out->fp) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        close(fd);
        unlink(out->tmp);
        free(out->tmp);
        out->tmp = NULL;
        return -1;
    }
    return 0;
}

int cli_output_flush(cli_output *out) {
    if (out->err)
        return -1;
    if (fflush(out->fp) != 0) {
        out->err = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

int cli_output_write(cli_output *out, const void *data, size_t len) {
    if (out->err)
        return -1;
    if (len && fwrite(data, 1, len, out->fp) != len) {
        out->err = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

int cli_output_close(cli_output *out, int commit) {
    int err = out->err;
    if (out->fp && fflush(out->fp) != 0 && !err)
        err = errno ? errno : EIO;
    if (out->fp && out->fp != stdout) {
        if (fclose(out->fp) != 0 && !err)
            err = errno ? errno : EIO;
    }
    out->fp = NULL;
    const char *name = out->path ? out->path : "stdout";
    int rc = EXIT_OK;
    if (err) {
        if (err != EPIPE)
            cli_error("%s: write error: %s", name, strerror(err));
        rc = EXIT_OUTPUT;
    }
    if (out->tmp) {
        if (rc == EXIT_OK && commit) {
            if (rename(out->tmp, out->path) != 0) {
                cli_error("%s: cannot write: %s", out->path, strerror(errno));
                unlink(out->tmp);
                rc = EXIT_OUTPUT;
            }
        } else {
            unlink(out->tmp);
        }
        free(out->tmp);
        out->tmp = NULL;
    }
    return rc;
}
