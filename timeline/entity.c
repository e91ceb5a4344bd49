/* entity.c: a named entity and its variants, to find the events it takes part in (`--entity`).
 *
 * The variants of a name, all matched as whole words without regard to ASCII case:
 *   - the name itself, blanks collapsed ("Steve Jobs");
 *   - without a company suffix at its end ("Apple Inc." -> "Apple"; Inc, Corp, Corporation, Co, Ltd,
 *     LLC, plc, Company);
 *   - a two-word name of capitalized words and no suffix, like a person's: its last word ("Jobs");
 *   - a name of three words or more: its first word and its last two ("Beatles Apple Corps" ->
 *     "Beatles", "Apple Corps").
 * A word boundary is anything but a letter or digit; "Jobs'" and "Apple's" match. A match followed by
 * a blank and a capitalized word or a number is a longer name and does not count: "iPod" is not in
 * "iPod Touch", "iPhone" not in "iPhone 4", "Apple" not in "Apple TV" (but in "Apple Inc.": a company
 * suffix does not make another name).
 *
 * Exports chr__entity_init, chr__entity_free, chr__entity_in (timeline_internal.h). */
#include <stdlib.h>
#include <string.h>

#include "timeline_internal.h"

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

static int add_variant(chr__entity *e, const char *s, size_t len) {
    while (len && is_blank(s[len - 1]))
        len--;
    if (!len)
        return 0;
    for (size_t i = 0; i < e->n; i++)
        if (strlen(e->variants[i]) == len && !strncmp(e->variants[i], s, len))
            return 0;
    char **v = realloc(e->variants, (e->n + 1) * sizeof *v);
    if (!v)
        return -1;
    e->variants = v;
    if (!(v[e->n] = malloc(len + 1)))
        return -1;
    memcpy(v[e->n], s, len);
    v[e->n][len] = '\0';
    e->n++;
    return 0;
}

static int is_suffix(const char *w, size_t len) {
    static const char *const sfx[] = {"inc", "inc.", "corp", "corp.", "corporation", "co",
                                      "co.", "ltd",  "ltd.", "llc",   "plc",         "company"};
    for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++) {
        size_t k = strlen(sfx[i]);
        if (k == len) {
            size_t j = 0;
            while (j < k && lower(w[j]) == sfx[i][j])
                j++;
            if (j == k)
                return 1;
        }
    }
    return 0;
}

int chr__entity_init(chr__entity *e, const char *name) {
    char buf[256];
    size_t len = 0, wb[16], we[16], nw = 0;
    memset(e, 0, sizeof *e);
    /* collapse blanks; split into words */
    for (const char *p = name; *p && len < sizeof buf - 1; p++) {
        if (is_blank(*p)) {
            if (len && buf[len - 1] != ' ')
                buf[len++] = ' ';
            continue;
        }
        if (!len || buf[len - 1] == ' ') {
            if (nw < 16)
                wb[nw] = len;
            nw++;
        }
        buf[len++] = *p;
        if (nw <= 16)
            we[nw - 1] = len;
    }
    while (len && buf[len - 1] == ' ')
        len--;
    buf[len] = '\0';
    if (nw > 16)
        nw = 16;
    if (!len)
        return 0;
    if (add_variant(e, buf, len))
        goto nomem;
    int suffix = nw >= 2 && is_suffix(buf + wb[nw - 1], we[nw - 1] - wb[nw - 1]);
    if (suffix && add_variant(e, buf, we[nw - 2]))
        goto nomem;
    if (nw == 2 && !suffix && buf[wb[0]] >= 'A' && buf[wb[0]] <= 'Z' && buf[wb[1]] >= 'A' &&
        buf[wb[1]] <= 'Z' && add_variant(e, buf + wb[1], we[1] - wb[1]))
        goto nomem;
    if (nw >= 3) {
        size_t last = suffix ? nw - 1 : nw;
        if (add_variant(e, buf + wb[0], we[0] - wb[0]) ||
            (last >= 3 && add_variant(e, buf + wb[last - 2], we[last - 1] - wb[last - 2])))
            goto nomem;
    }
    return 0;
nomem:
    chr__entity_free(e);
    return -1;
}

void chr__entity_free(chr__entity *e) {
    if (!e)
        return;
    for (size_t i = 0; i < e->n; i++)
        free(e->variants[i]);
    free(e->variants);
    e->variants = NULL;
    e->n = 0;
}

/* v (a variant, single blanks) at s[i..): the end of the match, or 0. Any run of blanks in s matches
 * one blank of v. */
static size_t match_at(const char *v, const char *s, size_t len, size_t i) {
    for (; *v; v++) {
        if (*v == ' ') {
            if (i >= len || !is_blank(s[i]))
                return 0;
            while (i < len && is_blank(s[i]))
                i++;
            continue;
        }
        if (i >= len || lower(s[i]) != lower(*v))
            return 0;
        i++;
    }
    return i;
}

int chr__entity_in(const chr__entity *e, const char *s, size_t len) {
    for (size_t k = 0; k < e->n; k++) {
        const char *v = e->variants[k];
        for (size_t i = 0; i < len; i++) {
            if (i > 0 && is_alnum((unsigned char)s[i - 1]))
                continue;
            if (lower(s[i]) != lower(v[0]))
                continue;
            size_t end = match_at(v, s, len, i);
            if (!end || (end < len && is_alnum((unsigned char)s[end]) && is_alnum((unsigned char)s[end - 1])))
                continue;
            /* the name must not go on: "iPod" is not "iPod Touch", "iPhone" not "iPhone 4" */
            size_t k = end;
            if (k < len && s[k] == ' ')
                k++;
            size_t w = k;
            while (w < len && is_alnum((unsigned char)s[w]))
                w++;
            if (w < len && s[w] == '.')
                w++;
            if (k > end && k < len && ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9')) &&
                !is_suffix(s + k, w - k))
                continue;
            return 1;
        }
    }
    return 0;
}
