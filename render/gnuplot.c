/* gnuplot.c: a chart as a gnuplot script and its tab-separated data file.
 *
 * Layout: each entry inside the time window is placed in its lanes (one, per article or per entity);
 * entries with the same kind and span in one lane make one mark ("+N" in its label). Kinds: a point (a
 * single day), a bar (a closed interval), an open bar ("since 1979": drawn to the article date, an arrow
 * at its end), an open end ("after": a right arrow), an open start ("before": a left arrow). Bars that
 * overlap in a lane take sub-rows below the lane line; labels go above it on three staggered levels and
 * a label that finds no free level is left out (counted), and a thin grey leader line joins each label
 * to its mark. Dates far before the rest (1979 in an article
 * about last week) go to an "earlier" panel on the left with its own axis: a broken time axis.
 *
 * The script holds no article text: lane names and labels are columns of the data file (shown with
 * ytic() and "with labels", enhanced text off). Only the title and the two default file names come from
 * the caller, as single-quoted gnuplot strings. Numbers are written as integers (x: seconds since
 * 1970-01-01, y: hundredths), never through the locale.
 *
 * Exports chr_chart_gnuplot. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"
#include "internal.h"

#define DAY 86400LL
#define MAX_LANES 12   /* entity lanes; the rest go to "others" */
#define LABEL_CHARS 36 /* code points of a label before "..." */
#define LANE_CHARS 24  /* code points of a lane name */
#define LEVELS 8       /* label levels above a lane line, at most (fewer when lanes are thin) */
#define ROWS 4         /* bar rows below a lane line */
#define CHAR_PX 6.5    /* width of a character of the "sans,9" font, pixels */

enum { K_POINT, K_BAR, K_SINCE, K_AFTER, K_BEFORE };

typedef struct place {
    size_t item, lane;
    int kind;
    int64_t x0, x1; /* seconds: a bar from x0 to x1, a mark at x0 */
    size_t group;   /* entries in this mark */
    int conflict;
    int row;   /* bar row */
    int level; /* label level, -1: no label */
    int right; /* the label ends at the mark (near the right edge) */
    int panel; /* 0: earlier, 1: main */
} place;

typedef struct lane {
    const char *name;
    size_t count;
} lane;

/* --- A growing string ------------------------------------------------------------------------------ */

typedef struct sbuf {
    char *s;
    size_t len, cap;
    int oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n) {
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

#define sb_lit(b, lit) sb_add((b), (lit), sizeof(lit) - 1)

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...) {
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        sb_add(b, tmp, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb_add(b, big, (size_t)n);
    free(big);
}

/* A fixed-point number of hundredths: "1.25", "-0.40". */
static void sb_fixed(sbuf *b, long h) {
    sb_printf(b, "%s%ld.%02ld", h < 0 ? "-" : "", labs(h) / 100, labs(h) % 100);
}

/* A gnuplot single-quoted string: only '' is special inside; control characters become spaces. */
static void sb_quoted(sbuf *b, const char *s) {
    sb_lit(b, "'");
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '\'')
            sb_lit(b, "''");
        else if (ch < 0x20 || ch == 0x7f)
            sb_lit(b, " ");
        else
            sb_add(b, s, 1);
    }
    sb_lit(b, "'");
}

/* A data field: at most max code points (then "..."), tabs, line breaks and control characters become
 * spaces, double quotes (which would open a quoted field) become single quotes; "-" when empty. */
static void sb_field(sbuf *b, const char *s, size_t max, size_t more) {
    size_t cps = 0;
    const char *p = s;
    while (*p == ' ')
        p++;
    size_t start = b->len;
    for (; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if ((ch & 0xC0) != 0x80 && cps++ == max) {
            while (b->len > start && b->s[b->len - 1] == ' ')
                b->len--;
            sb_lit(b, "...");
            break;
        }
        if (ch < 0x20 || ch == 0x7f)
            sb_lit(b, " ");
        else if (ch == '"')
            sb_lit(b, "'");
        else
            sb_add(b, p, 1);
    }
    if (b->len == start)
        sb_lit(b, "-");
    if (more > 1)
        sb_printf(b, " (+%zu)", more - 1);
}

/* --- Lanes ----------------------------------------------------------------------------------------- */

static const char *entity_key(const chr__chart_item *it, size_t k) {
    if (it->nents)
        return it->ents[k];
    return it->actor[0] ? it->actor : "(no actor)";
}

static size_t entity_count(const chr__chart_item *it) { return it->nents ? it->nents : 1; }

static int cmp_lane(const void *a, const void *b) {
    const lane *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->name, y->name);
}

static size_t find_lane(const lane *v, size_t n, const char *name) {
    for (size_t k = 0; k < n; k++)
        if (strcmp(v[k].name, name) == 0)
            return k;
    return n;
}

/* --- Layout ---------------------------------------------------------------------------------------- */

static int cmp_place(const void *a, const void *b) {
    const place *x = a, *y = b;
    if (x->lane != y->lane)
        return x->lane < y->lane ? -1 : 1;
    if (x->x0 != y->x0)
        return x->x0 < y->x0 ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->x1 != y->x1)
        return x->x1 < y->x1 ? -1 : 1;
    return x->item < y->item ? -1 : x->item > y->item;
}

static void place_item(place *p, const chr__chart_item *it) {
    if (!it->has_begin) {
        p->kind = K_BEFORE;
        p->x0 = p->x1 = it->last * DAY + DAY / 2;
    } else if (!it->has_end) {
        p->kind = K_AFTER;
        p->x0 = p->x1 = it->first * DAY + DAY / 2;
    } else if (it->flags & CHR__CH_OPEN_END) {
        p->kind = K_SINCE;
        p->x0 = it->first * DAY;
        p->x1 = (it->last + 1) * DAY;
    } else if (it->first == it->last) {
        p->kind = K_POINT;
        p->x0 = p->x1 = it->first * DAY + DAY / 2;
    } else {
        p->kind = K_BAR;
        p->x0 = it->first * DAY;
        p->x1 = (it->last + 1) * DAY;
    }
}

/* An entry of the density histogram: its bin (first day) and lane. */
typedef struct dbin {
    int64_t day;
    size_t lane;
} dbin;

static int cmp_dbin(const void *a, const void *b) {
    const dbin *p = a, *q = b;
    return p->day != q->day ? (p->day > q->day) - (p->day < q->day) : (p->lane > q->lane) - (p->lane < q->lane);
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct layout {
    int gutter;
    int64_t g0, g1; /* earlier panel, seconds */
    int64_t m0, m1; /* main panel, seconds */
    int64_t split;  /* first second of the main part (gutter only) */
} layout;

/* The panels: a gutter when the earliest dates lie far before the rest. xs: the days marks start or end
 * on (n of them, sorted here). */
static void panels(layout *L, int64_t *xs, size_t n, const chr_chart_opts *o) {
    memset(L, 0, sizeof *L);
    qsort(xs, n, sizeof *xs, cmp_i64);
    int64_t lo = xs[0], hi = xs[n - 1];
    if (o->has_from)
        lo = o->from_day;
    if (o->has_to)
        hi = o->to_day;
    if (!o->has_from && n > 1) {
        size_t at = 0;
        int64_t gap = 0;
        for (size_t k = 0; k + 1 < n; k++)
            if (xs[k + 1] - xs[k] > gap) {
                gap = xs[k + 1] - xs[k];
                at = k;
            }
        int64_t recent = hi - xs[at + 1];
        if (recent < 7)
            recent = 7;
        if (gap > 365 && gap > 4 * recent) {
            L->gutter = 1;
            int64_t pad = (xs[at] - lo) / 10 + 120;
            L->g0 = (lo - pad) * DAY;
            L->g1 = (xs[at] + 1 + pad) * DAY;
            lo = xs[at + 1];
            L->split = lo * DAY;
        }
    }
    int64_t span = (hi + 1 - lo) * DAY;
    int64_t pad = span / 30 > DAY / 2 ? span / 30 : DAY / 2;
    L->m0 = lo * DAY - pad;
    L->m1 = (hi + 1) * DAY + span / 8 + pad; /* room on the right for labels */
    if (o->has_from)
        L->m0 = o->from_day * DAY;
    if (o->has_to)
        L->m1 = (o->to_day + 1) * DAY;
}

/* A time axis tick format that suits a span of seconds. */
static const char *tick_format(int64_t span) {
    if (span <= 3 * DAY)
        return "%d %b %H:%M";
    if (span <= 120 * DAY)
        return "%d %b";
    if (span <= 3 * 366 * DAY)
        return "%b %Y";
    return "%Y";
}

/* --- Writing --------------------------------------------------------------------------------------- */

typedef struct out {
    sbuf data;
    int nsets;
} out;

/* Start a data set (two blank lines before every one but the first); returns its index. */
static int begin_set(out *w, const char *header) {
    if (w->nsets)
        sb_lit(&w->data, "\n\n");
    sb_printf(&w->data, "# %s\n", header);
    return w->nsets++;
}

static const char *const colors[] = {"#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#7f7f7f", "#d62728"};
/* the lanes of a stacked density histogram */
static const char *const lane_colors[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                          "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

typedef struct ctx {
    const chr_chart *c;
    const chr_chart_opts *o;
    place *pl;
    size_t npl;
    lane *lanes;
    size_t nlanes;
    int named; /* lanes have names on the axis */
    layout L;
    int width, height;
    double lm;    /* left margin, screen fraction */
    int levels;   /* label levels of a lane */
    size_t dmax;  /* density: the largest bin */
    long level_h; /* their spacing, hundredths of a lane */
} ctx;

static long lane_y(const ctx *x, size_t lane) { return (long)(x->nlanes - lane) * 100; }

/* Where a bar of p's row lies (its middle), below the lane line. */
static long bar_y(const ctx *x, const place *p) { return lane_y(x, p->lane) - 10 - 8 * p->row; }

/* Where p's label is: above the lane line on its level; at the mark, or at the main panel's left edge for
 * a mark that starts in the earlier panel (p->panel set by stagger). */
static long label_y(const ctx *x, const place *p) { return lane_y(x, p->lane) + 12 + x->level_h * p->level; }

static int64_t label_x(const ctx *x, const place *p) {
    return x->L.gutter && p->panel && p->x0 < x->L.split ? x->L.split : p->x0;
}

/* The sets and the plot clauses of one panel (the data is written once; both panels name the same
 * sets). idx[] holds the index of each set or -1. */
enum {
    S_LANES,
    S_BARS,
    S_SINCE,
    S_SINCE_HEAD,
    S_AFTER,
    S_BEFORE,
    S_POINTS,
    S_CONFLICT,
    S_LINKS,
    S_LEADERS,
    S_LABELS0,
    S_LABELS1,
    S_LABELS1R,
    S_DENSITY,
    S_N
};

static int64_t arrow_len(const ctx *x, int panel) {
    return panel ? (x->L.m1 - x->L.m0) / 40 : (x->L.g1 - x->L.g0) / 6;
}

static void write_data(ctx *x, out *w, int idx[S_N]) {
    for (int s = 0; s < S_N; s++)
        idx[s] = -1;
    sbuf *d = &w->data;
    const chr__chart_item *items = x->c->items;
    if (x->o->density) {
        /* events per bin, by the day each entry starts (or ends, for an open start); with named lanes,
         * per lane too: one column per lane, summed up to it (the plot stacks them) */
        size_t n = 0, total = 1, nl = x->named ? x->nlanes : 1;
        for (size_t k = 0; k < x->npl; k++)
            total += x->pl[k].group; /* a mark holds group entries */
        dbin *bins = malloc(total * sizeof *bins);
        size_t *count = calloc(nl, sizeof *count);
        if (!bins || !count) {
            free(bins);
            free(count);
            d->oom = 1;
            return;
        }
        for (size_t k = 0; k < x->npl; k++) {
            const chr__chart_item *it = &items[x->pl[k].item];
            int64_t day = it->has_begin ? it->first : it->last, b = day;
            if (x->o->density == CHR_DENSITY_WEEK) {
                b = day - ((day % 7 + 7 + 3) % 7); /* Monday: 1970-01-01 was a Thursday */
            } else if (x->o->density == CHR_DENSITY_MONTH) {
                int yy, mm, dd;
                chr_date_civil(day, &yy, &mm, &dd);
                b = chr_date_days(yy, mm, 1);
            }
            for (size_t g = 0; g < x->pl[k].group; g++)
                bins[n++] = (dbin){b, nl > 1 ? x->pl[k].lane : 0};
        }
        qsort(bins, n, sizeof *bins, cmp_dbin);
        if (nl > 1) {
            idx[S_DENSITY] = begin_set(w, "density by lane: bin middle (s), bin width (s), then per lane the "
                                          "events of the lanes up to it; first row: the lane names");
            sb_lit(d, "x\tw");
            for (size_t l = 0; l < nl; l++) {
                sb_lit(d, "\t");
                sb_field(d, x->lanes[l].name, LANE_CHARS, 0);
            }
            sb_lit(d, "\n");
        } else {
            idx[S_DENSITY] = begin_set(w, "density: bin middle (s), events, bin width (s)");
        }
        for (size_t k = 0; k < n;) {
            size_t m = k;
            memset(count, 0, nl * sizeof *count);
            while (m < n && bins[m].day == bins[k].day)
                count[bins[m++].lane]++;
            int64_t width = 1;
            if (x->o->density == CHR_DENSITY_WEEK)
                width = 7;
            else if (x->o->density == CHR_DENSITY_MONTH) {
                int yy, mm, dd;
                chr_date_civil(bins[k].day, &yy, &mm, &dd);
                width = (mm == 12 ? chr_date_days(yy + 1, 1, 1) : chr_date_days(yy, mm + 1, 1)) - bins[k].day;
            }
            if (m - k > x->dmax)
                x->dmax = m - k;
            int64_t mid = bins[k].day * DAY + width * DAY / 2;
            if (nl > 1) {
                sb_printf(d, "%lld\t%lld", (long long)mid, (long long)(width * DAY));
                for (size_t l = 0, sum = 0; l < nl; l++)
                    sb_printf(d, "\t%zu", sum += count[l]);
                sb_lit(d, "\n");
            } else {
                sb_printf(d, "%lld\t%zu\t%lld\n", (long long)mid, m - k, (long long)(width * DAY));
            }
            k = m;
        }
        free(bins);
        free(count);
        return;
    }
    if (x->named) {
        idx[S_LANES] = begin_set(w, "lanes: y, name");
        for (size_t l = 0; l < x->nlanes; l++) {
            sb_fixed(d, lane_y(x, l));
            sb_lit(d, "\t");
            sb_field(d, x->lanes[l].name, LANE_CHARS, 0);
            sb_lit(d, "\n");
        }
    }
    static const struct {
        int set, kind;
        const char *header;
    } sets[] = {{S_BARS, K_BAR, "periods: x (s), y, from (s), to (s), y low, y high"},
                {S_SINCE, K_SINCE, "open periods (since): x (s), y, from (s), to (s), y low, y high"},
                {S_SINCE_HEAD, K_SINCE, "open period ends: x (s), y, dx (s), dy"},
                {S_AFTER, K_AFTER, "open ends (after): x (s), y, dx (s), dy"},
                {S_BEFORE, K_BEFORE, "open starts (before): x (s), y, dx (s), dy"},
                {S_POINTS, K_POINT, "events: x (s), y, point size"}};
    for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
        for (size_t k = 0; k < x->npl; k++) {
            const place *p = &x->pl[k];
            if (p->kind != sets[s].kind)
                continue;
            if (idx[sets[s].set] < 0)
                idx[sets[s].set] = begin_set(w, sets[s].header);
            long y = lane_y(x, p->lane);
            int panel = !x->L.gutter || p->x0 >= x->L.split;
            switch (sets[s].set) {
            case S_BARS:
            case S_SINCE: {
                long yb = bar_y(x, p);
                sb_printf(d, "%lld\t", (long long)((p->x0 + p->x1) / 2));
                sb_fixed(d, yb);
                sb_printf(d, "\t%lld\t%lld\t", (long long)p->x0, (long long)p->x1);
                sb_fixed(d, yb - 3);
                sb_lit(d, "\t");
                sb_fixed(d, yb + 3);
                sb_lit(d, "\n");
                break;
            }
            case S_SINCE_HEAD: {
                int end_panel = !x->L.gutter || p->x1 >= x->L.split;
                int64_t len = arrow_len(x, end_panel);
                sb_printf(d, "%lld\t", (long long)(p->x1 - len));
                sb_fixed(d, bar_y(x, p));
                sb_printf(d, "\t%lld\t0\n", (long long)len);
                break;
            }
            case S_AFTER:
            case S_BEFORE: {
                int64_t len = arrow_len(x, panel);
                sb_printf(d, "%lld\t", (long long)p->x0);
                sb_fixed(d, y + 5); /* just above the lane line, clear of the points */
                sb_printf(d, "\t%lld\t0\n", (long long)(p->kind == K_AFTER ? len : -len));
                break;
            }
            case S_POINTS: {
                size_t extra = p->group - 1 < 9 ? p->group - 1 : 9;
                sb_printf(d, "%lld\t", (long long)p->x0);
                sb_fixed(d, y);
                sb_lit(d, "\t");
                sb_fixed(d, (long)(100 + 15 * extra));
                sb_lit(d, "\n");
                break;
            }
            }
        }
    }
    /* conflicts: a ring on each mark, a dashed line between the two tellings */
    for (size_t k = 0; k < x->npl; k++) {
        const place *p = &x->pl[k];
        if (!p->conflict)
            continue;
        if (idx[S_CONFLICT] < 0)
            idx[S_CONFLICT] = begin_set(w, "conflicts: x (s), y");
        sb_printf(d, "%lld\t", (long long)p->x0);
        sb_fixed(d, lane_y(x, p->lane));
        sb_lit(d, "\n");
    }
    for (size_t k = 0; k < x->c->npairs; k++) {
        const place *a = NULL, *b = NULL;
        for (size_t m = 0; m < x->npl && (!a || !b); m++) {
            if (!a && x->pl[m].item == x->c->pairs[2 * k])
                a = &x->pl[m];
            if (!b && x->pl[m].item == x->c->pairs[2 * k + 1])
                b = &x->pl[m];
        }
        if (!a || !b || a == b)
            continue;
        if (idx[S_LINKS] < 0)
            idx[S_LINKS] = begin_set(w, "conflict links: x (s), y, dx (s), dy");
        sb_printf(d, "%lld\t", (long long)a->x0);
        sb_fixed(d, lane_y(x, a->lane));
        sb_printf(d, "\t%lld\t", (long long)(b->x0 - a->x0));
        sb_fixed(d, lane_y(x, b->lane) - lane_y(x, a->lane));
        sb_lit(d, "\n");
    }
    /* leader lines: from just below each label down to the top of its mark */
    for (size_t k = 0; k < x->npl; k++) {
        const place *p = &x->pl[k];
        if (p->level < 0)
            continue;
        if (idx[S_LEADERS] < 0)
            idx[S_LEADERS] = begin_set(w, "leader lines: x (s), y, dx (s), dy");
        long y = lane_y(x, p->lane);
        long from = label_y(x, p) - 4;
        long to = p->kind == K_BAR || p->kind == K_SINCE ? bar_y(x, p) + 3
                  : p->kind == K_POINT                  ? y
                                                        : y + 5;
        sb_printf(d, "%lld\t", (long long)label_x(x, p));
        sb_fixed(d, from);
        sb_lit(d, "\t0\t");
        sb_fixed(d, to - from);
        sb_lit(d, "\n");
    }
    for (int set = S_LABELS0; set <= S_LABELS1R; set++) {
        for (size_t k = 0; k < x->npl; k++) {
            const place *p = &x->pl[k];
            if (p->level < 0 || p->panel != (set != S_LABELS0) || p->right != (set == S_LABELS1R))
                continue;
            if (idx[set] < 0)
                idx[set] = begin_set(w, set == S_LABELS0   ? "labels, earlier panel: x (s), y, text"
                                        : set == S_LABELS1 ? "labels: x (s), y, text"
                                                           : "labels ending at their mark: x (s), y, text");
            sb_printf(d, "%lld\t", (long long)label_x(x, p));
            sb_fixed(d, label_y(x, p));
            sb_add(d, "\t", 1);
            sb_field(d, items[p->item].text, LABEL_CHARS, p->group);
            sb_add(d, "\n", 1);
        }
    }
}

/* Tics of the earlier panel: at most three New Year's days, on round years. */
static void year_tics(sbuf *s, int64_t a, int64_t b) {
    static const int steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000};
    int y0, y1, m, d;
    chr_date_civil(a / DAY + (a % DAY > 0), &y0, &m, &d);
    chr_date_civil(b / DAY, &y1, &m, &d);
    int step = 2000;
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++)
        if ((y1 - y0) / steps[k] < 3) {
            step = steps[k];
            break;
        }
    size_t start = s->len;
    sb_lit(s, "set xtics (");
    int n = 0;
    for (int y = (y0 + step) / step * step; y <= y1; y += step) {
        if (y < 1 || y > 9999)
            continue;
        int64_t t = chr_date_days(y, 1, 1) * DAY;
        if (t < a || t > b)
            continue;
        sb_printf(s, "%s%lld", n++ ? ", " : "", (long long)t);
    }
    if (n == 0 && !s->oom) {
        s->len = start;
        sb_lit(s, "set xtics autofreq norotate\n");
        return;
    }
    sb_lit(s, ") norotate\n");
}

/* One panel of the multiplot: margins, axis, and the plot command over the data sets. */
static void write_panel(ctx *x, sbuf *s, const int idx[S_N], int panel, double left, double right) {
    const chr_chart_opts *o = x->o;
    int64_t a = panel ? x->L.m0 : x->L.g0, b = panel ? x->L.m1 : x->L.g1;
    int first = !x->L.gutter || !panel; /* the leftmost panel carries the lane names */
    sb_printf(s, "\n# %s panel\n", panel ? "main" : "earlier");
    sb_printf(s, "set lmargin at screen %.3f\nset rmargin at screen %.3f\n", left, right);
    sb_printf(s, "set xrange [%lld:%lld]\n", (long long)a, (long long)b);
    sb_printf(s, "set format x \"%s\"\n", panel ? tick_format(b - a) : "%Y");
    if (!panel)
        year_tics(s, a, b);
    else
        sb_lit(s, "set xtics autofreq norotate\n");
    if (o->density) {
        sb_printf(s, "set yrange [0:%zu]\n", x->dmax + (x->dmax + 9) / 10); /* the same in both panels */
        if (first)
            sb_lit(s, "set ytics nomirror\nset ylabel 'events'\n");
        else
            sb_lit(s, "set ytics format ''\nunset ylabel\n");
    } else {
        sb_lit(s, "set yrange [0.45:");
        sb_fixed(s, (long)x->nlanes * 100 + 70);
        sb_lit(s, "]\n");
        if (!x->named)
            sb_lit(s, "unset ytics\n");
        else if (!first)
            sb_lit(s, "set ytics 1, 1 format ''\n");
    }
    if (panel) {
        sb_lit(s, "set key at screen 0.5, screen 0.035 center center horizontal samplen 2");
        sb_lit(s, "\n");
    } else {
        sb_lit(s, "unset key\n");
        sb_lit(s, "set label 3 'earlier' at graph 0.5, graph 1.03 center\n");
    }
    sb_lit(s, "plot");
    int n = 0;
#define CLAUSE(...)                                                                                          \
    do {                                                                                                     \
        if (n++)                                                                                             \
            sb_lit(s, ", \\\n     ");                                                                        \
        else                                                                                                 \
            sb_lit(s, " ");                                                                                  \
        sb_printf(s, __VA_ARGS__);                                                                           \
    } while (0)
#define TITLE(t)                                                                                             \
    do {                                                                                                     \
        if (panel)                                                                                           \
            sb_lit(s, " title '" t "'");                                                                     \
        else                                                                                                 \
            sb_lit(s, " notitle");                                                                           \
    } while (0)
    if (idx[S_DENSITY] >= 0 && x->named && x->nlanes > 1) {
        /* stacked: lane l's part of a bin is a box from the sum of the lanes before it to the sum up to it;
         * the key names the lanes from the data's first row (no article text in the script) */
        for (size_t l = 0; l < x->nlanes; l++) {
            char below[24] = "0";
            if (l)
                snprintf(below, sizeof below, "column(%zu)", l + 2);
            /* no box where the lane has no event in the bin */
            CLAUSE("datafile index %d using (column(%zu)>%s?$1:NaN):%zu:($1-$2/2):($1+$2/2):(%s):%zu with "
                   "boxxyerror fs solid 0.7 lc rgb '%s'",
                   idx[S_DENSITY], l + 3, below, l + 3, below, l + 3,
                   lane_colors[l % (sizeof lane_colors / sizeof *lane_colors)]);
            if (panel)
                sb_printf(s, " title columnheader(%zu)", l + 3);
            else
                sb_lit(s, " notitle");
        }
    } else if (idx[S_DENSITY] >= 0) {
        static const char *const per[] = {"", "day", "week", "month"};
        CLAUSE("datafile index %d using ($1):($2):($3) with boxes fs solid 0.6 lc rgb '%s'", idx[S_DENSITY],
               colors[0]);
        if (panel)
            sb_printf(s, " title 'events per %s'", per[o->density]);
        else
            sb_lit(s, " notitle");
    }
    if (idx[S_LANES] >= 0) {
        if (first)
            CLAUSE("datafile index %d using (%lld):($1):ytic(2) with points lc rgb '#FF000000' notitle",
                   idx[S_LANES], (long long)a);
        else
            CLAUSE("datafile index %d using (%lld):($1) with points lc rgb '#FF000000' notitle", idx[S_LANES],
                   (long long)a);
    }
    if (idx[S_LEADERS] >= 0) /* under the marks */
        CLAUSE("datafile index %d using ($1):($2):($3):($4) with vectors nohead lw 0.8 lc rgb '#A8A8A8' notitle",
               idx[S_LEADERS]);
    if (idx[S_BARS] >= 0) {
        CLAUSE(
            "datafile index %d using ($1):($2):($3):($4):($5):($6) with boxxyerror fs solid 0.45 lc rgb '%s'",
            idx[S_BARS], colors[1]);
        TITLE("period");
    }
    if (idx[S_SINCE] >= 0) {
        CLAUSE(
            "datafile index %d using ($1):($2):($3):($4):($5):($6) with boxxyerror fs pattern 4 lc rgb '%s'",
            idx[S_SINCE], colors[2]);
        TITLE("since ... (open: drawn to the article date)");
    }
    if (idx[S_SINCE_HEAD] >= 0)
        CLAUSE("datafile index %d using ($1):($2):($3):($4) with vectors head filled size screen 0.012,25 "
               "lw 2 lc rgb '%s' notitle",
               idx[S_SINCE_HEAD], colors[2]);
    if (idx[S_AFTER] >= 0) {
        CLAUSE("datafile index %d using ($1):($2):($3):($4) with vectors head filled size screen 0.01,25 "
               "lw 2 lc rgb '%s'",
               idx[S_AFTER], colors[3]);
        TITLE("after (open end)");
    }
    if (idx[S_BEFORE] >= 0) {
        CLAUSE("datafile index %d using ($1):($2):($3):($4) with vectors head filled size screen 0.01,25 "
               "lw 2 lc rgb '%s'",
               idx[S_BEFORE], colors[4]);
        TITLE("before (open start)");
    }
    if (idx[S_POINTS] >= 0) {
        CLAUSE("datafile index %d using ($1):($2):($3) with points pt 7 ps variable lc rgb '%s'",
               idx[S_POINTS], colors[0]);
        TITLE("event");
    }
    if (idx[S_LINKS] >= 0)
        CLAUSE(
            "datafile index %d using ($1):($2):($3):($4) with vectors nohead dt 2 lw 1.5 lc rgb '%s' notitle",
            idx[S_LINKS], colors[5]);
    if (idx[S_CONFLICT] >= 0) {
        CLAUSE("datafile index %d using ($1):($2) with points pt 6 ps 2.4 lw 2 lc rgb '%s'", idx[S_CONFLICT],
               colors[5]);
        TITLE("conflict");
    }
    int lab = idx[panel ? S_LABELS1 : S_LABELS0];
    if (lab >= 0)
        CLAUSE("datafile index %d using ($1):($2):3 with labels left offset char 0.4, 0 noenhanced "
               "tc rgb '#222222' notitle",
               lab);
    if (panel && idx[S_LABELS1R] >= 0)
        CLAUSE("datafile index %d using ($1):($2):3 with labels right offset char -0.4, 0 noenhanced "
               "tc rgb '#222222' notitle",
               idx[S_LABELS1R]);
    if (n == 0) /* an empty panel still needs a plot to draw its axes */
        CLAUSE("NaN notitle");
#undef CLAUSE
#undef TITLE
    sb_lit(s, "\n");
    if (!panel)
        sb_lit(s, "unset label 3\n");
}

static void write_script(ctx *x, sbuf *s, const int idx[S_N], const chr_chart_stats *st) {
    const chr_chart_opts *o = x->o;
    sb_lit(s,
           "# chronicle render: a timeline chart for gnuplot 5. Generated: the same input gives the same\n"
           "# script. Article text is only in the data file; enhanced text is off, so labels are shown as\n"
           "# written. Run: gnuplot -e \"datafile='DATA'; outfile='OUT'\" SCRIPT (both optional).\n");
    sb_lit(s, "if (!exists(\"datafile\")) datafile = ");
    sb_quoted(s, o->datafile ? o->datafile : "chart.tsv");
    sb_lit(s, "\nif (!exists(\"outfile\")) outfile = ");
    sb_quoted(s, o->outfile ? o->outfile : "chart.png");
    sb_lit(s, "\n");
    switch (o->term) {
    case CHR_TERM_SVG:
        sb_printf(s, "set terminal svg size %d,%d noenhanced font 'sans,9' background '#ffffff'\n", x->width,
                  x->height);
        break;
    case CHR_TERM_PDF:
        sb_printf(s, "set terminal pdfcairo size %d.%02din,%d.%02din noenhanced font 'sans,7'\n",
                  x->width / 100, x->width % 100, x->height / 100, x->height % 100);
        break;
    default:
        sb_printf(s, "set terminal pngcairo size %d,%d noenhanced font 'sans,9' background '#ffffff'\n",
                  x->width, x->height);
        break;
    }
    sb_lit(s, "set output outfile\nset encoding utf8\nset termoption noenhanced\n");
    sb_lit(s, "set datafile separator \"\\t\"\nset xdata time\nset timefmt \"%s\"\n");
    sb_lit(s, "set grid xtics lc rgb '#dddddd'\nset border 3\nset xtics nomirror\nset ytics nomirror\n");
    sb_lit(s, "set tmargin at screen 0.90\nset bmargin at screen 0.14\n");
    sb_lit(s, "set multiplot\n");
    sb_lit(s, "set label 1 ");
    if (o->title)
        sb_quoted(s, o->title);
    else
        sb_printf(s, "'chronicle: %zu event%s'", st->events, st->events == 1 ? "" : "s");
    sb_lit(s, " at screen 0.5, screen 0.96 center font ',12'\n");
    if (st->labels_hidden)
        sb_printf(
            s,
            "set label 2 '%zu labels left out (they would overlap; narrow the window with --from/--to)' "
            "at screen 0.99, screen 0.93 right font ',8'\n",
            st->labels_hidden);
    double right = 0.97;
    if (x->L.gutter) {
        write_panel(x, s, idx, 0, x->lm, x->lm + 0.11);
        sb_lit(s, "unset label 1\nunset label 2\n");
        write_panel(x, s, idx, 1, x->lm + 0.13, right);
    } else {
        write_panel(x, s, idx, 1, x->lm, right);
    }
    sb_lit(s, "unset multiplot\n");
}

/* Labels: in each lane and panel, left to right, the first level whose last label has ended. */
static void stagger(ctx *x, chr_chart_stats *st) {
    double main_px = x->width * (0.97 - (x->L.gutter ? x->lm + 0.13 : x->lm));
    double gut_px = x->width * 0.11;
    int64_t ends[2][LEVELS];
    size_t cur = (size_t)-1;
    for (size_t k = 0; k < x->npl; k++) {
        place *p = &x->pl[k];
        if (p->lane != cur) {
            cur = p->lane;
            for (int a = 0; a < 2; a++)
                for (int l = 0; l < LEVELS; l++)
                    ends[a][l] = INT64_MIN;
        }
        p->panel = !x->L.gutter || p->x1 >= x->L.split;
        if (x->o->density) {
            p->level = -1;
            continue;
        }
        double span = p->panel ? (double)(x->L.m1 - x->L.m0) : (double)(x->L.g1 - x->L.g0);
        double px = p->panel ? main_px : gut_px;
        const char *t = x->c->items[p->item].text;
        size_t cps = 0;
        for (const char *q = t; *q; q++)
            cps += ((unsigned char)*q & 0xC0) != 0x80;
        if (cps > LABEL_CHARS)
            cps = LABEL_CHARS + 3;
        if (p->group > 1)
            cps += 5;
        int64_t lx = label_x(x, p);
        int64_t w = (int64_t)((double)(cps + 1) * CHAR_PX * span / px);
        int64_t edge = p->panel ? x->L.m1 : x->L.g1;
        int64_t from = lx;
        p->right = p->panel && lx + w > edge;
        if (p->right)
            from = lx - w;
        p->level = -1;
        for (int l = 0; l < x->levels; l++)
            if (ends[p->panel][l] < from) {
                p->level = l;
                ends[p->panel][l] = p->right ? lx : lx + w;
                break;
            }
        if (p->level < 0)
            st->labels_hidden++;
        else
            st->labels++;
    }
}

/* Bars of a lane that overlap take the next row below it (ROWS at most, then the first again). */
static void rows(ctx *x) {
    int64_t ends[ROWS];
    size_t cur = (size_t)-1;
    for (size_t k = 0; k < x->npl; k++) {
        place *p = &x->pl[k];
        if (p->lane != cur) {
            cur = p->lane;
            for (int r = 0; r < ROWS; r++)
                ends[r] = INT64_MIN;
        }
        if (p->kind != K_BAR && p->kind != K_SINCE)
            continue;
        p->row = 0;
        for (int r = 1; r < ROWS; r++)
            if (ends[p->row] > p->x0 && ends[r] < ends[p->row])
                p->row = r;
        ends[p->row] = p->x1 > ends[p->row] ? p->x1 : ends[p->row];
    }
}

/* Lanes and the marks in them. */
static int build(ctx *x, const size_t *sel, size_t nsel, chr_chart_lanes mode) {
    const chr_chart *c = x->c;
    size_t cap = 0;
    for (size_t k = 0; k < nsel; k++) {
        const chr__chart_item *it = &c->items[sel[k]];
        cap += mode == CHR_LANES_ARTICLE ? it->ndocs : mode == CHR_LANES_ENTITY ? entity_count(it) : 1;
    }
    x->lanes = calloc(cap + 2, sizeof *x->lanes);
    x->pl = calloc(cap + 1, sizeof *x->pl);
    if (!x->lanes || !x->pl)
        return CHR_ENOMEM;
    /* lanes */
    if (mode == CHR_LANES_ARTICLE) {
        for (size_t d = 0; d < c->ndocs; d++) {
            int used = 0;
            for (size_t k = 0; k < nsel && !used; k++)
                for (size_t m = 0; m < c->items[sel[k]].ndocs && !used; m++)
                    used = c->items[sel[k]].docs[m] == d;
            if (used)
                x->lanes[x->nlanes++] = (lane){c->docs[d][0] ? c->docs[d] : "(no id)", d};
        }
    } else if (mode == CHR_LANES_ENTITY) {
        for (size_t k = 0; k < nsel; k++) {
            const chr__chart_item *it = &c->items[sel[k]];
            for (size_t e = 0; e < entity_count(it); e++) {
                const char *key = entity_key(it, e);
                size_t l = find_lane(x->lanes, x->nlanes, key);
                if (l == x->nlanes)
                    x->lanes[x->nlanes++] = (lane){key, 0};
                x->lanes[l].count++;
            }
        }
        qsort(x->lanes, x->nlanes, sizeof *x->lanes, cmp_lane);
        if (x->nlanes > MAX_LANES) {
            x->nlanes = MAX_LANES;
            x->lanes[x->nlanes++] = (lane){"(others)", 0};
        }
    } else {
        x->lanes[x->nlanes++] = (lane){"", 0};
    }
    /* marks */
    for (size_t k = 0; k < nsel; k++) {
        const chr__chart_item *it = &c->items[sel[k]];
        size_t nl = mode == CHR_LANES_ARTICLE ? it->ndocs : mode == CHR_LANES_ENTITY ? entity_count(it) : 1;
        for (size_t m = 0; m < nl; m++) {
            size_t l = 0;
            if (mode == CHR_LANES_ARTICLE) {
                for (l = 0; l < x->nlanes && x->lanes[l].count != it->docs[m]; l++)
                    ;
            } else if (mode == CHR_LANES_ENTITY) {
                l = find_lane(x->lanes, x->nlanes, entity_key(it, m));
                if (l >= x->nlanes)
                    l = x->nlanes - 1; /* others */
            }
            place *p = &x->pl[x->npl++];
            memset(p, 0, sizeof *p);
            p->item = sel[k];
            p->lane = l;
            p->group = 1;
            p->conflict = it->conflict;
            place_item(p, it);
        }
    }
    /* one mark for the same kind and span in a lane (the earliest entry's label) */
    qsort(x->pl, x->npl, sizeof *x->pl, cmp_place);
    size_t n = 0;
    for (size_t k = 0; k < x->npl; k++) {
        place *p = &x->pl[k];
        if (n && x->pl[n - 1].lane == p->lane && x->pl[n - 1].kind == p->kind && x->pl[n - 1].x0 == p->x0 &&
            x->pl[n - 1].x1 == p->x1) {
            x->pl[n - 1].group++;
            x->pl[n - 1].conflict |= p->conflict;
            continue;
        }
        x->pl[n++] = *p;
    }
    x->npl = n;
    return 0;
}

int chr_chart_gnuplot(char **script, size_t *script_len, char **data, size_t *data_len, const chr_chart *c,
                      const chr_chart_opts *opts, chr_chart_stats *stats, chr_error *err) {
    chr_chart_stats st_local;
    chr_chart_stats *st = stats ? stats : &st_local;
    memset(st, 0, sizeof *st);
    *script = *data = NULL;
    *script_len = *data_len = 0;
    if (!c || !opts)
        return chr__error_set(err, CHR_EINVAL, "no chart or no options");
    const chr_chart_opts *o = opts;
    if ((o->width && (o->width < 100 || o->width > 20000)) ||
        (o->height && (o->height < 100 || o->height > 20000)))
        return chr__error_set(err, CHR_EINVAL, "size %dx%d: width and height go from 100 to 20000", o->width,
                              o->height);
    if (o->has_from && o->has_to && o->to_day < o->from_day)
        return chr__error_set(err, CHR_EINVAL, "the window ends before it begins");
    if ((unsigned)o->density > CHR_DENSITY_MONTH || (unsigned)o->term > CHR_TERM_PDF ||
        (unsigned)o->lanes > CHR_LANES_ENTITY)
        return chr__error_set(err, CHR_EINVAL, "bad chart option");
    ctx x;
    memset(&x, 0, sizeof x);
    x.c = c;
    x.o = o;
    size_t *sel = malloc((c->n ? c->n : 1) * sizeof *sel);
    int64_t *xs = malloc((2 * c->n + 1) * sizeof *xs);
    size_t nsel = 0, nxs = 0;
    int rc = 0;
    if (!sel || !xs) {
        rc = CHR_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < c->n; i++) {
        const chr__chart_item *it = &c->items[i];
        int64_t lo = it->has_begin ? it->first : it->last, hi = it->has_end ? it->last : it->first;
        if ((o->has_from && hi < o->from_day) || (o->has_to && lo > o->to_day))
            continue;
        sel[nsel++] = i;
        xs[nxs++] = lo;
        if (hi != lo)
            xs[nxs++] = hi;
    }
    if (nsel == 0) {
        rc = chr__error_set(err, CHR_EEMPTY, "nothing to draw: no dated event%s",
                            o->has_from || o->has_to ? " inside the window" : "");
        goto done;
    }
    chr_chart_lanes mode = o->lanes;
    if (o->density && mode == CHR_LANES_AUTO)
        mode = CHR_LANES_NONE; /* one histogram unless lanes are asked for: then stacked by lane */
    else if (mode == CHR_LANES_AUTO) {
        size_t d0 = c->items[sel[0]].docs[0];
        mode = CHR_LANES_NONE;
        for (size_t k = 0; k < nsel && mode == CHR_LANES_NONE; k++)
            for (size_t m = 0; m < c->items[sel[k]].ndocs; m++)
                if (c->items[sel[k]].docs[m] != d0)
                    mode = CHR_LANES_ARTICLE;
    }
    if ((rc = build(&x, sel, nsel, mode)))
        goto done;
    x.named = mode == CHR_LANES_ARTICLE || mode == CHR_LANES_ENTITY;
    panels(&x.L, xs, nxs, o);
    x.width = o->width ? o->width : 1200;
    x.height = o->height;
    if (!x.height) {
        long h = o->density ? 600 : 200 + 110 * (long)x.nlanes;
        x.height = (int)(h < 600 ? 600 : h > 2400 ? 2400 : h);
    }
    x.lm = x.named ? 0.15 : 0.04;
    if (o->density)
        x.lm = 0.07;
    /* label levels: as many as fit above a lane line (from 0.10 to 0.65 of a lane, 15 px each) */
    {
        double lane_px = x.height * 0.76 / ((double)x.nlanes + 0.25);
        int lv = (int)(0.55 * lane_px / 15);
        x.levels = lv < 1 ? 1 : lv > LEVELS ? LEVELS : lv;
        x.level_h = 55 / x.levels;
        if (x.level_h > 14)
            x.level_h = 14;
    }
    rows(&x);
    stagger(&x, st);
    st->events = nsel;
    st->lanes = x.nlanes;
    st->gutter = x.L.gutter;
    for (size_t k = 0; k < nsel; k++)
        st->conflicts += c->items[sel[k]].conflict;
    out w;
    memset(&w, 0, sizeof w);
    int idx[S_N];
    write_data(&x, &w, idx);
    sbuf s;
    memset(&s, 0, sizeof s);
    write_script(&x, &s, idx, st);
    if (w.data.oom || s.oom || !w.data.s || !s.s) {
        free(w.data.s);
        free(s.s);
        rc = chr__error_set(err, CHR_ENOMEM, "out of memory");
        goto done;
    }
    *script = s.s;
    *script_len = s.len;
    *data = w.data.s;
    *data_len = w.data.len;
done:
    free(sel);
    free(xs);
    free(x.lanes);
    free(x.pl);
    return rc;
}
