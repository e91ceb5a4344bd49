/* train.c: training the event model, an averaged perceptron over the features of model.c, from gold
 * TimeML documents.
 *
 * Exports chr_events_train, chr_events_train_with (extract.h).
 *
 * Every word token gets the label of the gold EVENT it overlaps (O when none). The detection head
 * (O or event) learns from all of them, the class head (the seven classes) from the event tokens, the
 * verbal/nominal head from the event tokens whose event has an instance (verbal = a tense other than
 * NONE). A token's features include the label of the word before it: the gold one here, the tagger's
 * own decision when tagging (events.c goes left to right). The event lexicon (how often a word was an event,
 * see the lexicon section below) is written into the model; the examples of a training document see one
 * counted without that document's part of the data, so that the weights learn how far a test document can
 * trust it. Tokens are visited in an order shuffled per epoch by a fixed-seed generator, so the same
 * documents in the same order give the same model, byte for byte. With several runs, each shuffles from its
 * own seed and the runs' averaged weights are averaged again: a perceptron's figures move with the order
 * it sees the data in (five orders moved the TE3-Platinum event F1 from 0.798 to 0.810), the average of five
 * runs much less. The averaged weights are written scaled by
 * SCALE, rounded and kept within -32768..32767 (the range the model loader takes); zero weights are left out;
 * the bias of the O label is lowered by O_BIAS. The word lists written at the head of the model come from the
 * lists below. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event_model.h"

#define SCALE 100
/* Lowered from the O label's bias weight (scaled) when the model is written: the perceptron alone is
 * precise but misses events. Then, for a word within NEAR_TIME bytes of a time expression of its sentence,
 * the model's near_time record lowers the O score by NEAR_TIME_BIAS more (events.c): news text has a time
 * next to the events it dates. 5-fold cross-validation on TBAQ (tests/dev/events_cv.sh, 5 runs, WordNet;
 * the same models, only the decision moved): with O_BIAS 1000 alone (the value before), relaxed F1 0.8544,
 * class F1 0.7160, dating 1363 of 2012 links; 600 and 1400 alone give 0.8552 / 1359 and 0.8510 / 1386
 * (F1 for dating, as 700 to 1300 did before); 1000 and 500 near a time within 30 bytes, 0.8540 / 1387;
 * O_BIAS 500 with 1000 near a time, 0.8575 / 0.7190 / 1385, the best of F1 and class F1 with dating up,
 * of near 800 to 1600, O_BIAS 200 to 600 and 15 to 60 bytes. The sample's "has not had diplomatic
 * relations" stays an event. */
#define O_BIAS 500
#define NEAR_TIME_BIAS 1000
#define NEAR_TIME 30
/* Words seen fewer times than this stay out of the event lexicon. */
#define LEX_MIN 2

static const char lists_text[] =
    "chronicle-events-model\t2\n"
    "# Word lists: categories the features and the tense rules use.\n"
    "list\tDET\tthe\ta\tan\tthis\tthat\tthese\tthose\tits\ttheir\this\ther\tour\tmy\tyour\tany\tsome\tevery\t"
    "each\tno\t"
    "another\tmany\tmuch\tmore\tmost\tseveral\tall\tboth\tboth\n"
    "list\tPREP\tof\tin\ton\tat\tby\tfor\twith\tfrom\tafter\tbefore\tduring\tsince\tuntil\tover\tunder\tagain"
    "st\t"
    "into\tabout\tamid\tamong\tbetween\twithout\twithin\tthrough\tfollowing\tdespite\tupon\tamid\ttoward\ttow"
    "ards\n"
    "list\tBE\tbe\tis\tare\twas\twere\tbeen\tbeing\tam\t's\t're\t'm\n"
    "list\tHAVE\thave\thas\thad\thaving\t've\t'd\n"
    "list\tDO\tdo\tdoes\tdid\n"
    "list\tMODAL\twould\tcould\tshould\tmight\tmay\tcan\tmust\tca\two\n"
    "list\tWILL\twill\tshall\t'll\n"
    "list\tTO\tto\n"
    "list\tNEG\tnot\tn't\tnever\tno\n"
    "list\tPRON\the\tshe\tit\tthey\twe\ti\tyou\thim\tthem\tus\tme\twho\twhich\n"
    "list\tCONJ\tand\tor\tbut\tthat\tif\tbecause\twhile\twhen\tas\talthough\n"
    "list\tADV\talso\talready\tstill\tjust\tnow\tthen\toften\tfinally\tlater\talways\tyet\tonly\tever\talmost"
    "\t"
    "recently\tactually\treportedly\tallegedly\tclearly\tsoon\tapparently\tn't\tnot\tnever\n"
    "# Class lexicons (base forms and irregular forms; matched on a crude stem).\n"
    "list\tREPORTING\tsay\tsaid\ttell\ttold\treport\tannounce\tadd\tclaim\tstate\tnote\texplain\tdescribe\t"
    "deny\tconfirm\tcomment\tassert\tdeclare\tinsist\tacknowledge\tadmit\tstress\tcite\twrite\twrote\t"
    "quote\tcharge\taccuse\tallege\tpredict\twarn\tsuggest\tindicate\treveal\tdisclose\treply\trespond\t"
    "testify\tcomplain\tinform\tremark\targue\temphasize\tcontend\tmaintain\ttweet\n"
    "list\tI_ACTION\tattempt\ttry\tseek\tsought\tplan\tpropose\torder\task\turge\tdemand\trefuse\tdecline\t"
    "agree\tpromise\tallow\tprevent\tapprove\tauthorize\tdelay\tavoid\tthreaten\tdecide\tcall\trequest\t"
    "vow\tpledge\tinvestigate\tprobe\tconsider\tpersuade\tforce\tpermit\tban\tblock\tpostpone\tcancel\t"
    "offer\tappeal\tnegotiate\tcampaign\tlobby\tchoose\tchose\tchosen\telect\tnominate\tappoint\tvote\t"
    "intend\tprepare\tprohibit\trequire\tencourage\tsupport\toppose\treject\tinsist\tassess\treview\tschedule"
    "\n"
    "list\tI_STATE\tbelieve\tthink\tthought\twant\texpect\thope\tfear\tfeel\tfelt\tknow\tknew\tknown\twish\t"
    "need\tworry\tdoubt\tlike\tlove\thate\tprefer\tsuspect\tassume\table\tlikely\tunlikely\tready\t"
    "willing\tafraid\tconcern\tanticipate\tdesire\tconvince\tsure\tcertain\tconfident\timagine\tguess\t"
    "trust\tbelief\texpectation\thope\tintention\tcommit\tplan\n"
    "list\tASPECTUAL\tbegin\tbegan\tbegun\tstart\tcontinue\tend\tfinish\tstop\tcomplete\tresume\thalt\t"
    "cease\tkeep\tkept\tinitiate\tlaunch\tquit\tsuspend\tterminate\tconclude\tremain\tcontinuation\n"
    "list\tPERCEPTION\tsee\tsaw\tseen\thear\theard\twatch\tobserve\tlisten\tnotice\tlook\tspot\tview\t"
    "witness\tdetect\tperceive\tsmell\tfeel\n"
    "list\tSTATE\tbe\town\tlive\texist\tbelong\tcontain\tremain\tstay\tlast\thold\tstable\tpresence\t"
    "control\tcrisis\twar\tpeace\tlaw\tavailable\tsituation\tinvolve\trelation\trelationship\tstatus\n";

typedef struct fmap {
    uint64_t *keys;
    uint32_t *idx;
    size_t cap, n;
    char **names; /* by index */
    size_t names_cap;
} fmap;

typedef struct collect {
    fmap *map;
    uint32_t *f; /* feature ids of all examples */
    size_t n, cap;
    int oom;
} collect;

static int fmap_grow(fmap *m) {
    size_t cap = m->cap ? m->cap * 2 : 1 << 16;
    uint64_t *k = calloc(cap, sizeof *k);
    uint32_t *x = malloc(cap * sizeof *x);
    if (!k || !x) {
        free(k);
        free(x);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = m->keys[i] & (cap - 1);
        while (k[j])
            j = (j + 1) & (cap - 1);
        k[j] = m->keys[i];
        x[j] = m->idx[i];
    }
    free(m->keys);
    free(m->idx);
    m->keys = k;
    m->idx = x;
    m->cap = cap;
    return 0;
}

/* The index of key h (the feature or word `name`), added with its name when new; -1 when out of memory.
 * Indexes follow the order of first insertion. */
static long fmap_intern(fmap *m, uint64_t h, const char *name, size_t n) {
    if (2 * (m->n + 1) > m->cap && fmap_grow(m))
        return -1;
    size_t j = h & (m->cap - 1);
    while (m->keys[j] && m->keys[j] != h)
        j = (j + 1) & (m->cap - 1);
    if (!m->keys[j]) {
        if (m->n == m->names_cap) {
            size_t nc = m->names_cap ? m->names_cap * 2 : 1 << 16;
            char **p = realloc(m->names, nc * sizeof *p);
            if (!p)
                return -1;
            m->names = p;
            m->names_cap = nc;
        }
        char *s = malloc(n + 1);
        if (!s)
            return -1;
        memcpy(s, name, n);
        s[n] = '\0';
        m->names[m->n] = s;
        m->keys[j] = h;
        m->idx[j] = (uint32_t)m->n++;
    }
    return (long)m->idx[j];
}

static void fmap_free(fmap *m) {
    for (size_t i = 0; i < m->n; i++)
        free(m->names[i]);
    free(m->names);
    free(m->keys);
    free(m->idx);
}

static void sink(void *ctx, uint64_t h, const char *f, size_t n) {
    collect *c = ctx;
    if (c->oom)
        return;
    long ix = fmap_intern(c->map, h, f, n);
    if (ix < 0) {
        c->oom = 1;
        return;
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 1 << 20;
        uint32_t *p = realloc(c->f, nc * sizeof *p);
        if (!p) {
            c->oom = 1;
            return;
        }
        c->f = p;
        c->cap = nc;
    }
    c->f[c->n++] = (uint32_t)ix;
}

typedef struct example {
    size_t f0, f1;   /* its features: collect.f[f0..f1) */
    unsigned char y; /* class label 0..7 */
    unsigned char v; /* 0 none, 1 nominal, 2 verbal */
} example;

typedef struct growbuf {
    void *p;
    size_t n, cap;
} growbuf;

static void *gb_add(growbuf *g, size_t sz) {
    if (g->n == g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 4096;
        void *p = realloc(g->p, nc * sz);
        if (!p)
            return NULL;
        g->p = p;
        g->cap = nc;
    }
    return (char *)g->p + sz * g->n++;
}

/* Called for each word token of a document with the gold event it falls in (NULL when none). */
typedef int (*token_fn)(void *ctx, const chr__ev_tok *t, const chr__tokens *toks, size_t i,
                        const chr_event *ge);

/* Walk the word tokens of one document (punctuation, quotes and numbers aside: as in events.c, they are
 * never events), each with its gold event. Returns -1 when out of memory or when fn fails. */
static int each_token(const chr__event_model *lists, const chr_doc *doc, token_fn fn, void *ctx) {
    size_t len;
    const char *text = chr_doc_text(doc, &len);
    chr__tokens toks;
    if (chr__tokenize(&toks, text, len))
        return -1;
    chr__ev_tok *t = toks.n ? malloc(toks.n * sizeof *t) : NULL;
    if (toks.n && !t) {
        chr__tokens_free(&toks);
        return -1;
    }
    chr__ev_prepare(t, lists, text, &toks);
    size_t ne = chr_doc_gold_event_count(doc), g = 0;
    int rc = 0;
    for (size_t i = 0; i < toks.n && !rc; i++) {
        size_t s = toks.v[i].start, e = toks.v[i].end;
        while (g < ne && chr_doc_gold_event(doc, g)->end <= s)
            g++;
        const chr_event *ge =
            g < ne && chr_doc_gold_event(doc, g)->start < e ? chr_doc_gold_event(doc, g) : NULL;
        if (t[i].shape[0] == 'p' || t[i].shape[0] == '\'' || t[i].shape[0] == 'd')
            continue;
        rc = fn(ctx, t, &toks, i, ge);
        if (i + 1 < toks.n)
            t[i + 1].pl = ge ? 'E' : 'O';
    }
    free(t);
    chr__tokens_free(&toks);
    return rc;
}

typedef struct examples_ctx {
    growbuf *ex;
    collect *c;
} examples_ctx;

/* One training example: the token's features and its labels. */
static int add_example(void *ctx, const chr__ev_tok *t, const chr__tokens *toks, size_t i,
                       const chr_event *ge) {
    examples_ctx *ec = ctx;
    collect *c = ec->c;
    example *x = gb_add(ec->ex, sizeof *x);
    if (!x)
        return -1;
    x->f0 = c->n;
    chr__ev_features(t, toks, i, sink, c);
    x->f1 = c->n;
    x->y = ge ? (unsigned char)(1 + ge->cls) : 0;
    x->v = ge && ge->instance[0] ? (ge->tense != CHR_TENSE_NONE ? 2 : 1) : 0;
    return c->oom ? -1 : 0;
}

/* The examples of one document. */
static int doc_examples(growbuf *ex, collect *c, const chr__event_model *lists, const chr_doc *doc) {
    examples_ctx x = {ex, c};
    return each_token(lists, doc, add_example, &x);
}

/* Averaged perceptron state: w current, u the sum of c * update (lazy averaging: avg = w - u / c). */
typedef struct percep {
    int32_t *w;
    int64_t *u;
} percep;

static void update(percep *p, const uint32_t *f, size_t nf, int label, int delta, int64_t c) {
    for (size_t k = 0; k < nf; k++) {
        size_t at = (size_t)f[k] * CHR__EV_NLABELS + (size_t)label;
        p->w[at] += delta;
        p->u[at] += (int64_t)delta * c;
    }
}

static int argmax(const percep *p, const uint32_t *f, size_t nf, int lo, int hi);

/* One example seen at step `step`: each head that gets it wrong learns from it. */
static void learn(percep *p, const uint32_t *feats, const example *x, int64_t step) {
    const uint32_t *f = feats + x->f0;
    size_t nf = x->f1 - x->f0;
    int yy = x->y ? CHR__EV_EVENT : CHR__EV_O;
    int y = argmax(p, f, nf, CHR__EV_O, CHR__EV_EVENT + 1);
    if (y != yy) {
        update(p, f, nf, yy, 1, step);
        update(p, f, nf, y, -1, step);
    }
    if (x->y) {
        int gc = CHR__EV_CLASS0 + x->y - 1;
        int pc = argmax(p, f, nf, CHR__EV_CLASS0, CHR__EV_CLASS0 + 7);
        if (pc != gc) {
            update(p, f, nf, gc, 1, step);
            update(p, f, nf, pc, -1, step);
        }
    }
    if (x->v) {
        int gv = x->v == 2 ? CHR__EV_VERBAL : CHR__EV_NOMINAL;
        int v = argmax(p, f, nf, CHR__EV_NOMINAL, CHR__EV_VERBAL + 1);
        if (v != gv) {
            update(p, f, nf, gv, 1, step);
            update(p, f, nf, v, -1, step);
        }
    }
}

static int argmax(const percep *p, const uint32_t *f, size_t nf, int lo, int hi) {
    long s[CHR__EV_NLABELS] = {0};
    for (size_t k = 0; k < nf; k++) {
        const int32_t *w = p->w + (size_t)f[k] * CHR__EV_NLABELS;
        for (int l = lo; l < hi; l++)
            s[l] += w[l];
    }
    int best = lo;
    for (int l = lo + 1; l < hi; l++)
        if (s[l] > s[best])
            best = l;
    return best;
}

typedef struct out {
    char *p;
    size_t n, cap;
    int oom;
} out;

static void out_add(out *o, const char *s, size_t n) {
    if (o->oom)
        return;
    if (o->n + n + 1 > o->cap) {
        size_t nc = o->cap ? o->cap : 1 << 16;
        while (nc < o->n + n + 1)
            nc *= 2;
        char *p = realloc(o->p, nc);
        if (!p) {
            o->oom = 1;
            return;
        }
        o->p = p;
        o->cap = nc;
    }
    memcpy(o->p + o->n, s, n);
    o->n += n;
    o->p[o->n] = '\0';
}

/* ---- the event lexicon ---------------------------------------------------------------------------
 * How often each word form and each stem ("~stem") is an event, and of which class, counted per part
 * of the training documents (document index mod LEX_PARTS). The examples of a document see a lexicon
 * counted on the other parts only (as a test document would), the model file gets the one counted on
 * all documents. */
#define LEX_PARTS 5

typedef struct lexcount {
    fmap map;    /* the words and stems */
    uint32_t *c; /* per word: LEX_PARTS x (count, events, 7 classes) */
    size_t c_cap;
} lexcount;

#define LEX_W (LEX_PARTS * 9)

static int lex_add(lexcount *lc, const char *k, size_t kl, int part, int cls) {
    long ix = fmap_intern(&lc->map, chr__ev_hash(k, kl), k, kl);
    if (ix < 0)
        return -1;
    if ((size_t)ix >= lc->c_cap) { /* a new word: its counts, zero */
        size_t nc = lc->c_cap ? lc->c_cap * 2 : 1 << 14;
        uint32_t *pc = realloc(lc->c, nc * LEX_W * sizeof *pc);
        if (!pc)
            return -1;
        memset(pc + lc->c_cap * LEX_W, 0, (nc - lc->c_cap) * LEX_W * sizeof *pc);
        lc->c = pc;
        lc->c_cap = nc;
    }
    uint32_t *c = lc->c + (size_t)ix * LEX_W + (size_t)part * 9;
    c[0]++;
    if (cls >= 0) {
        c[1]++;
        c[2 + cls]++;
    }
    return 0;
}

typedef struct lex_ctx {
    lexcount *lc;
    int part;
} lex_ctx;

/* Count one word token and its stem. */
static int count_token(void *ctx, const chr__ev_tok *t, const chr__tokens *toks, size_t i,
                       const chr_event *ge) {
    lex_ctx *x = ctx;
    (void)toks;
    int cls = ge ? (int)ge->cls : -1;
    char sk[33];
    sk[0] = '~';
    size_t sl = chr__ev_lemma(t[i].w, t[i].wl, sk + 1) + 1;
    return lex_add(x->lc, t[i].w, t[i].wl, x->part, cls) || lex_add(x->lc, sk, sl, x->part, cls) ? -1 : 0;
}

/* Count the word tokens of one document into part `part`. */
static int lex_doc(lexcount *lc, const chr__event_model *lists, const chr_doc *doc, int part) {
    lex_ctx x = {lc, part};
    return each_token(lists, doc, count_token, &x);
}

/* The lex lines of the counts of every part but `skip` (-1: all parts). */
static void lex_text(out *o, const lexcount *lc, int skip) {
    char line[128];
    for (size_t i = 0; i < lc->map.n && !o->oom; i++) {
        uint32_t sum[9] = {0};
        for (int p = 0; p < LEX_PARTS; p++)
            if (p != skip)
                for (int k = 0; k < 9; k++)
                    sum[k] += lc->c[i * LEX_W + (size_t)p * 9 + (size_t)k];
        if (sum[0] < LEX_MIN)
            continue;
        int best = -1;
        for (int k = 0; k < 7; k++)
            if (sum[2 + k] && (best < 0 || sum[2 + k] > sum[2 + best]))
                best = k;
        int n = snprintf(line, sizeof line, "lex\t%s\t%u\t%u\t%d\n", lc->map.names[i], sum[0], sum[1], best);
        out_add(o, line, (size_t)n);
    }
}

static void lex_free(lexcount *lc) {
    fmap_free(&lc->map);
    free(lc->c);
}

int chr_events_train(char **model, size_t *model_len, const chr_doc *const *docs, size_t ndocs, int epochs,
                     chr_error *err) {
    chr_train_options o = {epochs, 1, NULL, 0};
    return chr_events_train_with(model, model_len, docs, ndocs, &o, err);
}

int chr_events_train_with(char **model, size_t *model_len, const chr_doc *const *docs, size_t ndocs,
                          const chr_train_options *opts, chr_error *err) {
    if (!model || !model_len || (!docs && ndocs) || !opts || opts->epochs < 1 || opts->runs < 1 ||
        opts->runs > 100 || (!opts->lexicon && opts->lexicon_len))
        return chr__error_set(err, CHR_EINVAL, "chr_events_train: bad arguments");
    const int epochs = opts->epochs, runs = opts->runs;
    const char *lexicon = opts->lexicon;
    size_t lexicon_len = opts->lexicon_len;
    *model = NULL;
    *model_len = 0;
    /* the word lists, then the lexicon: what every model made here starts with */
    out head = {0};
    out_add(&head, lists_text, sizeof lists_text - 1);
    if (lexicon_len) {
        out_add(&head, lexicon, lexicon_len);
        if (lexicon[lexicon_len - 1] != '\n')
            out_add(&head, "\n", 1);
    }
    if (head.oom)
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    chr__event_model *lists = NULL;
    int rc = chr__event_model_load(&lists, head.p, head.n, lexicon_len ? "the word lexicon" : "train.c lists",
                                   err);
    if (rc) {
        free(head.p);
        return rc;
    }
    fmap map;
    memset(&map, 0, sizeof map);
    collect c;
    memset(&c, 0, sizeof c);
    c.map = &map;
    growbuf ex = {0};
    percep p = {0};
    size_t *order = NULL;
    out o = {0};
    size_t gold = 0;
    lexcount lc;
    memset(&lc, 0, sizeof lc);
    for (size_t d = 0; d < ndocs && !rc; d++) {
        gold += chr_doc_gold_event_count(docs[d]);
        if (lex_doc(&lc, lists, docs[d], (int)(d % LEX_PARTS)))
            rc = CHR_ENOMEM;
    }
    for (int part = 0; part < LEX_PARTS && !rc; part++) {
        out lt = {0};
        chr__event_model *pm = NULL;
        out_add(&lt, head.p, head.n);
        lex_text(&lt, &lc, part);
        if (lt.oom)
            rc = CHR_ENOMEM;
        else
            rc = chr__event_model_load(&pm, lt.p, lt.n, "train.c lexicon", err);
        free(lt.p);
        for (size_t d = (size_t)part; d < ndocs && !rc; d += LEX_PARTS)
            if (doc_examples(&ex, &c, pm, docs[d]))
                rc = CHR_ENOMEM;
        chr__event_model_free(pm);
    }
    if (!rc && gold == 0)
        rc = chr__error_set(err, CHR_EINVAL, "no gold events to train on (TimeML files with EVENT tags)");
    example *xs = ex.p;
    size_t nx = ex.n;
    if (!rc) {
        p.w = calloc(map.n * CHR__EV_NLABELS, sizeof *p.w);
        p.u = calloc(map.n * CHR__EV_NLABELS, sizeof *p.u);
        order = malloc((nx ? nx : 1) * sizeof *order);
        if (!p.w || !p.u || !order)
            rc = CHR_ENOMEM;
    }
    double *acc = NULL; /* the sum of the runs' averaged weights */
    if (!rc && !(acc = calloc(map.n * CHR__EV_NLABELS, sizeof *acc)))
        rc = CHR_ENOMEM;
    for (int run = 0; run < runs && !rc; run++) {
        /* run r shuffles from its own seed (run 0 from the one a single run has always had) */
        int64_t step = 1;
        memset(p.w, 0, map.n * CHR__EV_NLABELS * sizeof *p.w);
        memset(p.u, 0, map.n * CHR__EV_NLABELS * sizeof *p.u);
        uint64_t rng = 0x9E3779B97F4A7C15ull + (uint64_t)run * 0x632BE59BD9B4E019ull;
        for (size_t i = 0; i < nx; i++)
            order[i] = i;
        for (int ep = 0; ep < epochs; ep++) {
            for (size_t i = nx; i > 1; i--) { /* Fisher-Yates, xorshift64 */
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                size_t j = (size_t)(rng % i);
                size_t tmp = order[i - 1];
                order[i - 1] = order[j];
                order[j] = tmp;
            }
            for (size_t k = 0; k < nx; k++, step++)
                learn(&p, c.f, &xs[order[k]], step);
        }
        for (size_t at = 0; at < map.n * CHR__EV_NLABELS; at++)
            acc[at] += (double)p.w[at] - (double)p.u[at] / (double)step;
    }
    if (!rc) {
        char line[256];
        out_add(&o, head.p, head.n);
        int n = snprintf(
            line, sizeof line,
            "# averaged perceptron, %d epochs, %d runs averaged, %zu documents, %zu examples, %zu gold "
            "events\n"
            "scale\t%d\n"
            "near_time\t%d\t%d\n",
            epochs, runs, ndocs, nx, gold, SCALE, NEAR_TIME_BIAS, NEAR_TIME);
        out_add(&o, line, (size_t)n);
        lex_text(&o, &lc, -1);
        for (size_t fi = 0; fi < map.n && !o.oom; fi++) {
            int q[CHR__EV_NLABELS], any = 0;
            for (int l = 0; l < CHR__EV_NLABELS; l++) {
                size_t at = fi * CHR__EV_NLABELS + (size_t)l;
                double avg = acc[at] / runs;
                q[l] = (int)lround(avg * SCALE);
                if (l == 0 && !strcmp(map.names[fi], "b"))
                    q[l] -= O_BIAS;
                q[l] = q[l] < INT16_MIN   ? INT16_MIN
                       : q[l] > INT16_MAX ? INT16_MAX
                                          : q[l]; /* the model's range */
                any |= q[l] != 0;
            }
            if (!any)
                continue;
            out_add(&o, "f\t", 2);
            out_add(&o, map.names[fi], strlen(map.names[fi]));
            for (int l = 0; l < CHR__EV_NLABELS; l++) {
                if (!q[l])
                    continue;
                n = snprintf(line, sizeof line, "\t%d:%d", l, q[l]);
                out_add(&o, line, (size_t)n);
            }
            out_add(&o, "\n", 1);
        }
        if (o.oom)
            rc = CHR_ENOMEM;
    }
    if (rc == CHR_ENOMEM)
        chr__error_set(err, rc, "out of memory training the event model");
    if (!rc) {
        *model = o.p;
        *model_len = o.n;
    } else {
        free(o.p);
    }
    fmap_free(&map);
    free(c.f);
    free(ex.p);
    free(p.w);
    free(p.u);
    free(order);
    free(acc);
    chr__event_model_free(lists);
    lex_free(&lc);
    free(head.p);
    return rc;
}
