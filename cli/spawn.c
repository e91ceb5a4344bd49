/* spawn.c: running a helper program (gnuplot) without a shell and with a time limit.
 *
 * The program is looked up on PATH (or given as a path), started with fork and execv in its own
 * process group, stdin from /dev/null, stdout and stderr into a pipe that is read while it runs; after
 * the time limit the group is killed. What it printed comes back as one line: its error line
 * ("... line N: ..."), else its last line. Exports cli_find_program and cli_spawn. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static int executable(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int cli_find_program(const char *name, char *path, size_t n) {
    if (strchr(name, '/')) {
        if (!executable(name) || strlen(name) >= n)
            return -1;
        memcpy(path, name, strlen(name) + 1);
        return 0;
    }
    const char *dirs = getenv("PATH");
    if (!dirs || !*dirs)
        dirs = "/usr/local/bin:/usr/bin:/bin";
    while (*dirs) {
        const char *end = strchr(dirs, ':');
        size_t len = end ? (size_t)(end - dirs) : strlen(dirs);
        int k = len ? snprintf(path, n, "%.*s/%s", (int)len, dirs, name) : snprintf(path, n, "./%s", name);
        if (k > 0 && (size_t)k < n && executable(path))
            return 0;
        dirs += len + (end != NULL);
    }
    return -1;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The line of out that says what went wrong, trimmed, into msg. */
static void pick_line(char *msg, size_t n, const char *out) {
    const char *best = NULL, *last = NULL;
    size_t best_len = 0, last_len = 0;
    for (const char *p = out; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        const char *q = p;
        while (q < p + len && (*q == ' ' || *q == '\t'))
            q++;
        size_t ql = len - (size_t)(q - p);
        while (ql && (q[ql - 1] == ' ' || q[ql - 1] == '\r'))
            ql--;
        if (ql && !(ql == 1 && *q == '^')) {
            last = q;
            last_len = ql;
            const char *l = strstr(q, " line ");
            if (l && l < q + ql && l[6] >= '0' && l[6] <= '9') {
                best = q;
                best_len = ql;
            }
        }
        p += len + (e != NULL);
    }
    if (!best) {
        best = last;
        best_len = last_len;
    }
    if (!best) {
        snprintf(msg, n, "(no message)");
        return;
    }
    snprintf(msg, n, "%.*s", (int)(best_len < n - 1 ? best_len : n - 1), best);
    for (char *c = msg; *c; c++)
        if ((unsigned char)*c < 0x20)
            *c = ' ';
}

int cli_spawn(const char *path, char *const argv[], int timeout, cli_spawn_result *r) {
    memset(r, 0, sizeof *r);
    r->status = -1;
    int fds[2];
    if (pipe(fds) != 0) {
        snprintf(r->message, sizeof r->message, "cannot make a pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(r->message, sizeof r->message, "cannot start %s: %s", path, strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        setpgid(0, 0);
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0)
            dup2(null, 0);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        signal(SIGPIPE, SIG_DFL);
        execv(path, argv);
        dprintf(2, "cannot run %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid);
    close(fds[1]);
    char buf[8192];
    size_t len = 0;
    double deadline = now() + timeout;
    int open_fd = 1, status = 0, done = 0;
    while (!done) {
        double left = deadline - now();
        if (left <= 0) {
            r->timed_out = 1;
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            break;
        }
        if (open_fd) {
            struct pollfd p = {fds[0], POLLIN, 0};
            int ms = left > 1 ? 1000 : (int)(left * 1000) + 1;
            if (poll(&p, 1, ms) > 0) {
                char tmp[4096];
                ssize_t n = read(fds[0], tmp, sizeof tmp);
                if (n > 0) {
                    /* keep the last part: the error comes at the end */
                    size_t k = (size_t)n; /* < sizeof buf: tmp is the smaller */
                    if (len + k > sizeof buf - 1) {
                        size_t drop = len + k - (sizeof buf - 1);
                        memmove(buf, buf + drop, len - drop);
                        len -= drop;
                    }
                    memcpy(buf + len, tmp, k);
                    len += k;
                } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                    open_fd = 0;
                }
            }
        } else {
            pid_t w = waitpid(pid, &status, WNOHANG);
            if (w == pid)
                done = 1;
            else if (w < 0 && errno != EINTR)
                break;
            else {
                struct timespec ts = {0, 10 * 1000 * 1000};
                nanosleep(&ts, NULL);
            }
        }
    }
    close(fds[0]);
    buf[len] = '\0';
    if (r->timed_out) {
        snprintf(r->message, sizeof r->message, "no result after %d s: stopped", timeout);
        return -1;
    }
    if (!done) {
        snprintf(r->message, sizeof r->message, "lost track of %s", path);
        return -1;
    }
    if (WIFSIGNALED(status)) {
        snprintf(r->message, sizeof r->message, "killed by signal %d", WTERMSIG(status));
        return -1;
    }
    r->status = WEXITSTATUS(status);
    if (r->status != 0) {
        pick_line(r->message, sizeof r->message, buf);
        return -1;
    }
    return 0;
}
