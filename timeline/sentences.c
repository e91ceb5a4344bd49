/* sentences.c: the sentence numbers a TimeML document carries (<s id="N"> inside TEXT, as in the
 * SemEval-2015 TimeLine data), for the byte offsets of its text.
 *
 * The text of a TimeML document is its TEXT element with the tags removed, the entities decoded and a
 * newline added between sentence tags (extract/timeml.c). Rather than replay that, both sides are
 * counted in non-blank characters, which the reading keeps exactly: a tag counts nothing, an entity
 * one character, any other non-blank code point one. A sentence tag starts at the count of non-blank
 * characters before it; an offset of the text belongs to the last sentence starting at or before its
 * count.
 *
 * Exports chr__doc_sentence_ids (timeline_internal.h). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "timeline_internal.h"

static int blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* The value of attribute id in the tag raw[b..e) (b just after "<s"), or -1. */
static int id_attr(const char *raw, size_t b, size_t e) {
    for (size_t i = b; i + 3 < e; i++) {
        if (raw[i] == 'i' && raw[i + 1] == 'd' && blank((unsigned char)raw[i - 1])) {
            size_t k = i + 2;
            while (k < e && blank((unsigned char)raw[k]))
                k++;
            if (k >= e || raw[k] != '=')
                continue;
            k++;
            while (k < e && blank((unsigned char)raw[k]))
                k++;
            if (k < e && (raw[k] == '"' || raw[k] == '\''))
                k++;
            long v = 0;
            int digits = 0;
            while (k < e && raw[k] >= '0' && raw[k] <= '9' && v < 100000000) {
                v = v * 10 + (raw[k++] - '0');
                digits++;
            }
            return digits ? (int)v : -1;
        }
    }
    return -1;
}

int chr__doc_sentence_ids(const chr_doc *doc, const size_t *at, size_t n, int *ids) {
    size_t rlen = 0, tb = 0, te = 0, tlen = 0, ns = 0, cap = 0;
    const char *raw = chr_doc_raw(doc, &rlen, &tb, &te);
    const char *text = chr_doc_text(doc, &tlen);
    size_t *start = NULL; /* non-blank count where sentence k starts */
    int *sid = NULL;
    for (size_t k = 0; k < n; k++)
        ids[k] = -1;
    if (!raw || te > rlen || tb >= te)
        return 0;
    size_t count = 0;
    for (size_t i = tb; i < te;) {
        unsigned char c = (unsigned char)raw[i];
        if (c == '<') {
            size_t e = i + 1;
            while (e < te && raw[e] != '>')
                e++;
            if (i + 2 < e && raw[i + 1] == 's' && blank((unsigned char)raw[i + 2])) {
                int v = id_attr(raw, i + 2, e);
                if (v >= 0) {
                    if (ns == cap) {
                        size_t c2 = cap ? cap * 2 : 32;
                        size_t *s2 = realloc(start, c2 * sizeof *s2);
                        if (!s2)
                            goto nomem;
                        start = s2;
                        int *i2 = realloc(sid, c2 * sizeof *i2);
                        if (!i2)
                            goto nomem;
                        sid = i2;
                        cap = c2;
                    }
                    start[ns] = count;
                    sid[ns++] = v;
                }
            }
            i = e + 1;
        } else if (c == '&') {
            size_t e = i + 1;
            while (e < te && e < i + 12 && raw[e] != ';')
                e++;
            count++;
            i = e < te && raw[e] == ';' ? e + 1 : i + 1;
        } else {
            if (!blank(c) && (c & 0xC0) != 0x80)
                count++;
            i++;
        }
    }
    if (!ns) {
        free(start);
        free(sid);
        return 0;
    }
    /* walk the text once, offsets ascending */
    size_t pos = 0, nb = 0, s = 0;
    for (size_t k = 0; k < n; k++) {
        size_t to = at[k] < tlen ? at[k] : tlen;
        for (; pos < to; pos++) {
            unsigned char c = (unsigned char)text[pos];
            if (!blank(c) && (c & 0xC0) != 0x80)
                nb++;
        }
        while (s + 1 < ns && start[s + 1] <= nb)
            s++;
        ids[k] = start[s] <= nb ? sid[s] : -1;
    }
    free(start);
    free(sid);
    return 0;
nomem:
    free(start);
    free(sid);
    return -1;
}
