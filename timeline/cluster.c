/* cluster.c: which mentions tell the same real-world event, and which entries contradict each other.
 *
 * Two dated mentions from different documents are the same event when one of these rules holds (the
 * first that does names the link, and the output shows it):
 *   same-day+same-trigger                 both dated by a time expression of their text (not placed
 *                                         against the document date), both at day granularity or finer,
 *                                         intervals overlapping, the same trigger stem ("launched",
 *                                         "launches"), and either shared names or not a REPORTING event
 *                                         (two articles "said" different things on one day);
 *   same-day+related-trigger+shared-name  the same times, related triggers ("unveiled", "introduced",
 *                                         "announced"; "died", "death"; table below) and a shared name;
 *   same-period+same-trigger+shared-name  coarser times (a month, a year) with the very same interval,
 *                                         the same trigger stem, a shared name, not REPORTING;
 *   same-period+related-trigger+shared-names  the same coarser times, related triggers, two shared
 *                                         names or more, not REPORTING;
 *   headline+same-trigger+shared-name     a headline's event in the simple present, placed on its
 *                                         document's date by its tense ("Apple executive Steve Jobs
 *                                         resigns"), and a mention dated by its text at day granularity or
 *                                         finer, on that date or up to HEADLINE_DAYS before it: the same
 *                                         trigger stem and a shared name. A headline tells the latest event.
 * Names are the capitalized words of the actor and the summary, minus sentence openers, pronouns,
 * months and weekdays. A stem is the lower-cased word less -ing, -ed, -es, -s, then a final -e.
 * The links are symmetric and decided by the two mentions alone, so the entries, the connected groups
 * of linked mentions, depend only on the set of mentions: documents added in any order, or timelines
 * of parts merged, give the same entries. An entry's first mention is its one with a closed interval
 * and the finest granularity (then the order of timeline.h); entries are ordered by their first
 * mentions, the other mentions follow theirs in order, each with the rule of its link to the earliest
 * mention of the entry it is linked to.
 *
 * A conflict is two entries with mentions from different documents that share the trigger stem, are not
 * REPORTING, are both dated at day granularity or finer by their text, and whose intervals do not meet,
 * with two names or more in common, or one when less than a week (NEAR_DAYS) lies between the two
 * dates: the same event told on incompatible dates.
 *
 * Exports chr__timeline_cluster (timeline_internal.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timeline_internal.h"

#define MAX_NAMES 16
#define NEAR_DAYS 7     /* a conflict with one shared name: fewer days than this between the dates */
#define HEADLINE_DAYS 2 /* a headline in the present tells an event of its date or of the two days before */

typedef struct feat {
    uint32_t stem;
    int related; /* group of related triggers, -1 none */
    uint32_t names[MAX_NAMES];
    size_t nnames;
    int fine;     /* dated by text, day or finer, closed */
    int closed;   /* dated by text, both ends known */
    int headline; /* a headline's event in the simple present, placed on its document's date by tense */
} feat;

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* The stem of a trigger into out (at most 31 bytes): its last word, lower-cased, less its ending. */
static size_t stem(char *out, const char *w) {
    size_t len = 0;
    const char *p = strrchr(w, ' ');
    for (p = p ? p + 1 : w; *p && len < 31; p++)
        out[len++] = lower(*p);
    out[len] = '\0';
    static const char *const endings[] = {"ing", "ed", "es", "s"};
    for (size_t i = 0; i < 4; i++) {
        size_t k = strlen(endings[i]);
        if (len >= k + 3 && !strcmp(out + len - k, endings[i])) {
            len -= k;
            break;
        }
    }
    if (len >= 4 && out[len - 1] == 'e')
        len--;
    out[len] = '\0';
    return len;
}

/* Related triggers, by stem: one group a line. */
static const char *const related_groups[][8] = {
    {"unveil", "introduc", "announc", "launch", "releas", "debut", "present", NULL},
    {"di", "death", "pass", NULL},
    {"resign", "quit", "leav", "left", "step", NULL},
    {"su", "lawsuit", "sue", NULL},
    {"sell", "sold", "sale", NULL},
    {"buy", "bought", "acquir", "purchas", "acquisition", NULL},
    {"found", "start", "creat", "establish", NULL},
    {"fir", "oust", "dismiss", NULL},
};

static int related_of(const char *st) {
    for (size_t g = 0; g < sizeof related_groups / sizeof *related_groups; g++)
        for (size_t k = 0; related_groups[g][k]; k++)
            if (!strcmp(related_groups[g][k], st))
                return (int)g;
    return -1;
}

static int stop_name(const char *w, size_t n) {
    static const char *const stop[] = {
        "The",      "A",      "An",        "On",       "In",       "At",        "He",        "She",
        "It",       "They",   "We",        "I",        "This",     "That",      "These",     "Those",
        "His",      "Her",    "Its",       "Their",    "But",      "And",       "Or",        "As",
        "For",      "With",   "By",        "From",     "To",       "Of",        "After",     "Before",
        "When",     "While",  "If",        "There",    "Mr.",      "Mrs.",      "Ms.",       "Dr.",
        "Inc.",     "Inc",    "Corp.",     "Monday",   "Tuesday",  "Wednesday", "Thursday",  "Friday",
        "Saturday", "Sunday", "January",   "February", "March",    "April",     "May",       "June",
        "July",     "August", "September", "October",  "November", "December",  "According", "However",
        "Also",     "Last",   "Next",      "Some",     "Many",     "Most",      "All"};
    for (size_t i = 0; i < sizeof stop / sizeof *stop; i++)
        if (strlen(stop[i]) == n && !strncmp(stop[i], w, n))
            return 1;
    return 0;
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static void add_names(feat *f, const char *s) {
    for (size_t i = 0; s[i];) {
        while (s[i] && !(s[i] >= 'A' && s[i] <= 'Z'))
            i++;
        if (!s[i])
            break;
        if (i > 0 && ((s[i - 1] >= 'a' && s[i - 1] <= 'z') || (s[i - 1] >= '0' && s[i - 1] <= '9'))) {
            i++;
            continue;
        }
        size_t b = i;
        while (s[i] && s[i] != ' ' && s[i] != ',' && s[i] != ';' && s[i] != ':' && s[i] != '"' &&
               s[i] != '\'' && s[i] != ')' && s[i] != '(')
            i++;
        size_t e = i;
        while (e > b + 1 && s[e - 1] == '.' && !(e >= b + 3 && s[e - 3] == '.'))
            e--; /* a full stop, not the dots of "U.S." */
        if (e - b >= 2 && !stop_name(s + b, e - b) && f->nnames < MAX_NAMES) {
            uint32_t h = chr__strpool_hash(s + b, e - b);
            int dup = 0;
            for (size_t k = 0; k < f->nnames; k++)
                dup |= f->names[k] == h;
            if (!dup)
                f->names[f->nnames++] = h;
        }
    }
}

static size_t shared_names(const feat *a, const feat *b) {
    size_t i = 0, j = 0, n = 0;
    while (i < a->nnames && j < b->nnames) {
        if (a->names[i] == b->names[j]) {
            n++;
            i++;
            j++;
        } else if (a->names[i] < b->names[j])
            i++;
        else
            j++;
    }
    return n;
}

/* The names a and b share, and the first of them (in the order of the hashes) in *first. */
static size_t shared_names_first(const feat *a, const feat *b, uint32_t *first) {
    size_t i = 0, j = 0, n = 0;
    *first = 0;
    while (i < a->nnames && j < b->nnames) {
        if (a->names[i] == b->names[j]) {
            if (!n)
                *first = a->names[i];
            n++;
            i++;
            j++;
        } else if (a->names[i] < b->names[j])
            i++;
        else
            j++;
    }
    return n;
}

static void features(feat *f, const chr_timeline_entry *e) {
    char st[32];
    memset(f, 0, sizeof *f);
    size_t n = stem(st, e->text);
    f->stem = chr__strpool_hash(st, n);
    f->related = related_of(st);
    add_names(f, e->actor);
    add_names(f, e->summary);
    qsort(f->names, f->nnames, sizeof *f->names, cmp_u32);
    f->closed = e->has_begin && e->has_end && strcmp(e->timex_id, "t0") != 0 && e->timex_id[0];
    f->fine = f->closed && e->gran >= CHR_GRAN_DAY;
    /* "Apple executive Steve Jobs resigns": news headlines tell the latest event in the present tense */
    f->headline = e->sent_start == 0 && e->rule && !strcmp(e->rule, "tense") &&
                  e->tense == CHR_TENSE_PRESENT && e->aspect == CHR_ASPECT_NONE &&
                  e->cls != CHR_EVENT_REPORTING && e->has_begin && e->has_end && e->gran >= CHR_GRAN_DAY;
}

static int overlap(const chr_timeline_entry *a, const chr_timeline_entry *b) {
    return a->first_day < b->after_day && b->first_day < a->after_day;
}

/* A headline's event (h) and an event of another document dated by its text on the headline's
 * document date or up to HEADLINE_DAYS before it (d): the same trigger stem and a shared name. */
static int headline_link(const chr_timeline_entry *h, const feat *fh, const chr_timeline_entry *d,
                         const feat *fd) {
    return fh->headline && fd->fine && h->doc != d->doc && fh->stem == fd->stem && shared_names(fh, fd) &&
           d->after_day <= h->after_day && d->first_day >= h->first_day - HEADLINE_DAYS;
}

/* The rule linking mentions a and b, or NULL. */
static const char *link_rule(const chr_timeline_entry *a, const feat *fa, const chr_timeline_entry *b,
                             const feat *fb) {
    if (headline_link(a, fa, b, fb) || headline_link(b, fb, a, fa))
        return "headline+same-trigger+shared-name";
    if (a->doc == b->doc || !fa->closed || !fb->closed || !overlap(a, b))
        return NULL;
    int reporting = a->cls == CHR_EVENT_REPORTING || b->cls == CHR_EVENT_REPORTING;
    size_t shared = shared_names(fa, fb);
    if (fa->fine && fb->fine) {
        if (fa->stem == fb->stem && (shared || !reporting))
            return "same-day+same-trigger";
        if (fa->related >= 0 && fa->related == fb->related && shared)
            return "same-day+related-trigger+shared-name";
        return NULL;
    }
    if (reporting || a->first_day != b->first_day || a->after_day != b->after_day)
        return NULL;
    if (fa->stem == fb->stem && shared)
        return "same-period+same-trigger+shared-name";
    if (fa->related >= 0 && fa->related == fb->related && shared >= 2)
        return "same-period+related-trigger+shared-names";
    return NULL;
}

static size_t find(size_t *parent, size_t x) {
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* Which mention of a group comes first: closed before open, finer first, then the canonical order. */
static int better(const chr_timeline_entry *m, size_t a, size_t b) {
    int ca = m[a].has_begin && m[a].has_end, cb = m[b].has_begin && m[b].has_end;
    if (ca != cb)
        return ca > cb;
    if (m[a].gran != m[b].gran)
        return m[a].gran > m[b].gran;
    return a < b;
}

typedef struct group_key {
    size_t first; /* its first mention */
    size_t root;
} group_key;

static int by_first(const void *x, const void *y) {
    const group_key *a = x, *b = y;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* A mention under a key (a stem, a group of related triggers, a stem and a name). */
typedef struct keyed {
    uint32_t key;
    size_t at;
} keyed;

static int by_key_at(const void *x, const void *y) {
    const keyed *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->at < b->at ? -1 : a->at > b->at;
}

/* Link the mentions of each bucket (runs of equal keys in by[0..n), each in mention order) that
 * link_rule links. */
static void bucket_sweep(const chr_timeline_entry *m, const feat *f, const keyed *by, size_t n,
                         size_t *parent) {
    for (size_t x = 0; x < n; x++) {
        size_t i = by[x].at;
        if (!f[i].closed)
            continue;
        for (size_t y = x + 1; y < n && by[y].key == by[x].key; y++) {
            size_t j = by[y].at;
            int64_t sj = m[j].has_begin ? m[j].first_day : m[j].has_end ? m[j].after_day - 1 : INT64_MIN;
            if (sj >= m[i].after_day + HEADLINE_DAYS)
                break; /* past the headlines that may tell i */
            if (link_rule(&m[i], &f[i], &m[j], &f[j])) {
                size_t a = find(parent, i), b = find(parent, j);
                if (a != b)
                    parent[a < b ? b : a] = a < b ? a : b;
            }
        }
    }
}

/* A conflict found between two entries, from mentions i < j. */
typedef struct cand {
    size_t a, b, i, j;
    const char *reason;
} cand;

static int by_cand(const void *x, const void *y) {
    const cand *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    if (p->i != q->i)
        return p->i < q->i ? -1 : 1;
    return p->j < q->j ? -1 : p->j > q->j;
}

int chr__timeline_cluster(const chr_timeline_entry *m, size_t n, const char *const *doc_ids, size_t *members,
                          size_t *first, size_t *nentries, const char **match, chr_timeline_conflict **conf,
                          size_t *nconf) {
    (void)doc_ids;
    feat *f = malloc((n + 1) * sizeof *f);
    size_t *parent = malloc((n + 1) * sizeof *parent), *rep = malloc((n + 1) * sizeof *rep);
    size_t *entry_of = malloc((n + 1) * sizeof *entry_of);
    group_key *groups = malloc((n + 1) * sizeof *groups);
    keyed *by = malloc((n + 1) * sizeof *by);
    cand *cf = NULL;
    chr_timeline_conflict *out_cf = NULL;
    size_t ncf = 0, cfcap = 0;
    int rc = -1;
    *conf = NULL;
    *nconf = 0;
    if (!f || !parent || !rep || !groups || !entry_of || !by)
        goto done;
    for (size_t i = 0; i < n; i++) {
        features(&f[i], &m[i]);
        parent[i] = i;
        match[i] = "";
    }
    /* links: only mentions with the same trigger stem or in the same group of related triggers can
     * link, so the pairs are looked for in buckets of those (bucket_sweep); in a bucket, mentions are in
     * the order of their first day, so a closed interval meets only those that follow it before its end */
    for (size_t i = 0; i < n; i++) {
        by[i].key = f[i].stem;
        by[i].at = i;
    }
    qsort(by, n, sizeof *by, by_key_at);
    bucket_sweep(m, f, by, n, parent);
    size_t nr = 0;
    for (size_t i = 0; i < n; i++)
        if (f[i].related >= 0)
            by[nr++] = (keyed){(uint32_t)f[i].related, i};
    qsort(by, nr, sizeof *by, by_key_at);
    bucket_sweep(m, f, by, nr, parent);
    /* the first mention of each group */
    for (size_t i = 0; i < n; i++)
        rep[i] = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t r = find(parent, i);
        if (rep[r] == (size_t)-1 || better(m, i, rep[r]))
            rep[r] = i;
    }
    size_t ng = 0;
    for (size_t i = 0; i < n; i++)
        if (find(parent, i) == i)
            groups[ng++] = (group_key){rep[i], i};
    qsort(groups, ng, sizeof *groups, by_first);
    /* members, entry by entry: the first mention, then the others in order */
    for (size_t g = 0; g < ng; g++)
        rep[groups[g].root] = g; /* rep now maps a root to its entry */
    for (size_t g = 0; g <= ng; g++)
        first[g] = 0;
    for (size_t i = 0; i < n; i++)
        first[rep[find(parent, i)] + 1]++;
    for (size_t g = 0; g < ng; g++)
        first[g + 1] += first[g];
    for (size_t g = 0; g < ng; g++) {
        members[first[g]] = groups[g].first;
        entry_of[groups[g].first] = g;
    }
    for (size_t g = 0; g < ng; g++)
        groups[g].root = first[g] + 1; /* next free slot of entry g */
    for (size_t i = 0; i < n; i++) {
        size_t g = rep[find(parent, i)];
        if (i == members[first[g]])
            continue;
        entry_of[i] = g;
        members[groups[g].root++] = i;
    }
    for (size_t g = 0; g < ng; g++) {
        size_t k = first[g + 1];
        /* the rule of each mention's link to the earliest member it is linked to */
        for (size_t a = first[g] + 1; a < k; a++) {
            size_t i = members[a];
            for (size_t b = first[g]; b < k; b++) {
                size_t j = members[b];
                const char *rule = j == i  ? NULL
                                   : j < i ? link_rule(&m[j], &f[j], &m[i], &f[i])
                                           : link_rule(&m[i], &f[i], &m[j], &f[j]);
                if (rule) {
                    match[i] = rule;
                    break;
                }
            }
        }
    }
    *nentries = ng;
    /* conflicts: a pair of mentions shares the trigger stem and a name at least, so the pairs are looked
     * for in buckets of (stem, name); a pair is taken in the bucket of the first name it shares. Of the
     * pairs of two entries, the reason is that of the first pair in mention order. */
    size_t nk = 0, kcap = 0;
    keyed *kv = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!f[i].fine || m[i].cls == CHR_EVENT_REPORTING)
            continue;
        if (kcap - nk < f[i].nnames) {
            size_t c = kcap ? kcap : 256;
            while (c - nk < f[i].nnames)
                c *= 2;
            keyed *p = realloc(kv, c * sizeof *p);
            if (!p) {
                free(kv);
                goto done;
            }
            kv = p;
            kcap = c;
        }
        for (size_t k = 0; k < f[i].nnames; k++)
            kv[nk++] = (keyed){f[i].stem * 2654435761u ^ f[i].names[k], i};
    }
    if (nk > 1)
        qsort(kv, nk, sizeof *kv, by_key_at);
    for (size_t x = 0; x < nk;) {
        size_t y = x + 1;
        while (y < nk && kv[y].key == kv[x].key)
            y++;
        for (size_t p = x; p < y; p++) {
            size_t i = kv[p].at;
            for (size_t q = p + 1; q < y; q++) {
                size_t j = kv[q].at;
                if (f[i].stem != f[j].stem || m[i].doc == m[j].doc || overlap(&m[i], &m[j]) ||
                    entry_of[i] == entry_of[j])
                    continue;
                /* two shared names, or one when the dates are less than a week apart */
                uint32_t first_shared;
                size_t shared = shared_names_first(&f[i], &f[j], &first_shared);
                if ((f[i].stem * 2654435761u ^ first_shared) != kv[x].key)
                    continue; /* taken in the bucket of the first name they share */
                int64_t gap = m[i].after_day <= m[j].first_day ? m[j].first_day - m[i].after_day
                                                               : m[i].first_day - m[j].after_day;
                if (shared < 2 && !(shared == 1 && gap < NEAR_DAYS))
                    continue;
                if (ncf == cfcap) {
                    size_t c2 = cfcap ? cfcap * 2 : 8;
                    cand *np = realloc(cf, c2 * sizeof *np);
                    if (!np) {
                        free(kv);
                        goto done;
                    }
                    cf = np;
                    cfcap = c2;
                }
                size_t a = entry_of[i] < entry_of[j] ? entry_of[i] : entry_of[j];
                size_t b = entry_of[i] < entry_of[j] ? entry_of[j] : entry_of[i];
                cf[ncf++] = (cand){a, b, i, j,
                                   shared >= 2 ? "same trigger and names, dates that do not meet"
                                               : "same trigger and name, dates a few days apart"};
            }
        }
        x = y;
    }
    free(kv);
    /* by a then b; of the same two entries, the first pair of mentions */
    if (ncf > 1)
        qsort(cf, ncf, sizeof *cf, by_cand);
    size_t nu = 0;
    if (ncf && !(out_cf = malloc(ncf * sizeof *out_cf)))
        goto done;
    for (size_t c = 0; c < ncf; c++)
        if (!c || cf[c].a != cf[c - 1].a || cf[c].b != cf[c - 1].b)
            out_cf[nu++] = (chr_timeline_conflict){cf[c].a, cf[c].b, cf[c].reason};
    ncf = nu;
    *conf = out_cf;
    *nconf = ncf;
    out_cf = NULL;
    rc = 0;
done:
    free(cf);
    free(out_cf);
    free(by);
    free(f);
    free(parent);
    free(rep);
    free(groups);
    free(entry_of);
    return rc;
}
