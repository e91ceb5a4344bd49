/* runstat.c: run a command and report what it cost, for the benchmark (bench/bench.py).
 *
 * `runstat OUT CMD [ARG...]` runs CMD with the same stdin, stdout and stderr, waits for it with wait4
 * and writes one line to the file OUT: its exit code (128+N for signal N), wall seconds, user and system
 * CPU seconds, and peak resident memory in KiB (ru_maxrss). A small C launcher because the peak RSS
 * of a child counts the pages of whoever forked it until exec: forked from Python it would be Python's
 * 10-20 MB at least, from here it is under a megabyte. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec / 1e6; }

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: runstat OUT CMD [ARG...]\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "runstat: fork: %s\n", strerror(errno));
        return 70;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "runstat: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "runstat: wait4: %s\n", strerror(errno));
            return 70;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        fprintf(stderr, "runstat: %s: %s\n", argv[1], strerror(errno));
        return 70;
    }
    fprintf(out, "%d %.6f %.6f %.6f %ld\n", code, wall, seconds(ru.ru_utime), seconds(ru.ru_stime),
            ru.ru_maxrss);
    return fclose(out) == 0 ? 0 : 70;
}
