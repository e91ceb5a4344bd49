/* test_wordnet.c: the WordNet word lexicon (extract/wordnet.c) read from a small database written here,
 * its errors, the "wn" records of the model file and their lookup with WordNet's detachment rules
 * (extract/model.c), training with a lexicon and several runs (extract/train.c), and the built-in model's
 * lexicon. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "engine.h"
#include "event_model.h"
#include "events.h"

static char dir[64];

static void put_file(const char *name, const char *text) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

/* A data file of synsets, one a line, and the offset of each ("%08lu" as WordNet writes it). */
static void data_file(const char *name, const char *const *lines, size_t n, unsigned long *off) {
    char buf[2048];
    size_t o = 0;
    o += (size_t)snprintf(buf + o, sizeof buf - o, "  1 This is a licence line.\n");
    for (size_t i = 0; i < n; i++) {
        off[i] = o;
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%08lu %s\n", off[i], lines[i]);
    }
    put_file(name, buf);
}

/* A small WordNet: "attack" (an act and a device as a noun, a verb of contact), "foot" (a body part),
 * "go" (a verb of motion), "calm" (an adjective and an adverb), "New_York" and "Tea" (left out). */
static void write_wordnet(void) {
    unsigned long n[3], v[2], a[1], r[1];
    static const char *const nouns[] = {"04 n 01 attack 0 000 | an offensive",
                                        "06 n 01 attack 0 000 | a device",
                                        "08 n 01 foot 0 000 | a body part"};
    static const char *const verbs[] = {"33 v 01 attack 0 000 | to assail", "38 v 01 go 0 000 | to move"};
    static const char *const adjs[] = {"00 a 01 calm 0 000 | still"};
    static const char *const advs[] = {"02 r 01 calm 0 000 | calmly"};
    data_file("data.noun", nouns, 3, n);
    data_file("data.verb", verbs, 2, v);
    data_file("data.adj", adjs, 1, a);
    data_file("data.adv", advs, 1, r);
    char buf[1024];
    snprintf(
        buf, sizeof buf,
        "  1 licence\nattack n 2 1 @ 2 1 %08lu %08lu \nfoot n 1 0 1 0 %08lu \nnew_york n 1 0 1 0 %08lu \n",
        n[0], n[1], n[2], n[2]);
    put_file("index.noun", buf);
    snprintf(buf, sizeof buf, "  1 licence\nattack v 1 0 1 0 %08lu \ngo v 1 2 @ ~ 1 1 %08lu \n", v[0], v[1]);
    put_file("index.verb", buf);
    snprintf(buf, sizeof buf, "  1 licence\ncalm a 1 0 1 0 %08lu \n", a[0]);
    put_file("index.adj", buf);
    snprintf(buf, sizeof buf, "  1 licence\ncalm r 1 0 1 0 %08lu \n", r[0]);
    put_file("index.adv", buf);
    put_file("noun.exc", "feet foot\nNew_Yorks new_york\n");
    put_file("verb.exc", "went go\nwent go\n");
    put_file("adj.exc", "calmer calm\n");
    put_file("cntlist.rev",
             "attack%1:04:00:: 1 10\nattack%2:33:00:: 1 3\ngo%2:38:00:: 1 50\nfoot%1:08:00:: 1 4\n"
             "calm%3:00:00:: 1 2\ncalm%4:02:00:: 1 2\nunknown%1:04:00:: 1 9\n");
}

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/chronicle-wn.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    write_wordnet();
    return 0;
}

static int teardown(void **state) {
    (void)state;
    static const char *const files[] = {"data.noun",  "data.verb",  "data.adj",  "data.adv",
                                        "index.noun", "index.verb", "index.adj", "index.adv",
                                        "noun.exc",   "verb.exc",   "adj.exc",   "cntlist.rev"};
    char path[128];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
    return 0;
}

static const char expected[] = "wn\tattack\t4\t33\t-\t2\tn\n"
                               "wn\tcalm\t-\t-\tar\t0\ta\n"
                               "wn\tcalmer\t-\t-\ta\t0\ta\n"
                               "wn\tfeet\t8\t-\t-\t0\tn\n"
                               "wn\tfoot\t8\t-\t-\t0\tn\n"
                               "wn\tgo\t-\t38\t-\t0\tv\n"
                               "wn\twent\t-\t38\t-\t0\tv\n";

/* The records: sorted, one a word; the first sense's file, the eventive share (one noun sense of two is
 * an act: 2), the favoured part of speech (10 noun counts against 3); an irregular form takes its base's
 * senses and counts; a multi-word lemma and an upper-case form stay out. */
static void test_lexicon(void **state) {
    (void)state;
    char *text = NULL;
    size_t len = 0;
    chr_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(chr_events_lexicon_wordnet(&text, &len, dir, &err), 0);
    assert_int_equal(len, strlen(text));
    /* the licence's notice, then the records */
    assert_non_null(
        strstr(text, "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n"));
    const char *rec = strstr(text, "\nwn\t");
    assert_non_null(rec);
    for (const char *p = text; p <= rec; p = strchr(p, '\n') + 1)
        assert_int_equal(*p, '#');
    assert_string_equal(rec + 1, expected);
    free(text);
}

static void test_lexicon_errors(void **state) {
    (void)state;
    char *text = (char *)1;
    size_t len = 1;
    chr_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(chr_events_lexicon_wordnet(&text, &len, "/nonexistent/wordnet", &err), CHR_EIO);
    assert_null(text);
    assert_non_null(strstr(err.message, "index.noun"));
    assert_int_equal(chr_events_lexicon_wordnet(&text, &len, NULL, NULL), CHR_EINVAL);
    /* an offset that is not a synset's */
    char path[128];
    snprintf(path, sizeof path, "%s/index.adv", dir);
    put_file("index.adv", "  1 licence\ncalm r 1 0 1 0 00000003 \n");
    memset(&err, 0, sizeof err);
    assert_int_equal(chr_events_lexicon_wordnet(&text, &len, dir, &err), CHR_EFORMAT);
    assert_int_equal(err.line, 2);
    /* a line cut short */
    put_file("index.adv", "  1 licence\ncalm r\n");
    assert_int_equal(chr_events_lexicon_wordnet(&text, &len, dir, &err), CHR_EFORMAT);
    /* a file far larger than any of WordNet's (sparse: nothing is written) is refused, not read whole */
    {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(ftruncate(fileno(f), (off_t)65 << 20), 0);
        assert_int_equal(fclose(f), 0);
        memset(&err, 0, sizeof err);
        assert_int_equal(chr_events_lexicon_wordnet(&text, &len, dir, &err), CHR_ETOOBIG);
        assert_non_null(strstr(err.message, "over 64 MiB"));
    }
    write_wordnet();
}

/* The records in a model: the lookup takes the word's own entry, else the first base form the detachment
 * rules find, filling in the parts of speech the form lacks; a word not listed is 0x8000 (the model has a
 * lexicon), and a model without one gives 0. */
static void test_model_records(void **state) {
    (void)state;
    char *lex = NULL;
    size_t ll = 0;
    assert_int_equal(chr_events_lexicon_wordnet(&lex, &ll, dir, NULL), 0);
    char model[2048];
    snprintf(model, sizeof model, "chronicle-events-model\t2\n%sf\tb\t0:100\n", lex);
    free(lex);
    chr__event_model *m = NULL;
    assert_int_equal(chr__event_model_load(&m, model, strlen(model), "x.model", NULL), 0);
    uint16_t attack = chr__event_model_wn(m, "attack", 6);
    assert_int_equal(attack, chr__ev_wn_pack(4, 33, 0, 0, 2, 1));
    assert_int_equal(attack & 31, 2);        /* noun file 4 */
    assert_int_equal((attack >> 5) & 15, 5); /* verb file 33 */
    assert_int_equal(chr__event_model_wn(m, "attacks", 7), attack);
    assert_int_equal(chr__event_model_wn(m, "attacked", 8), attack);
    assert_int_equal(chr__event_model_wn(m, "attacking", 9), attack);
    assert_int_equal(chr__event_model_wn(m, "feet", 4), chr__ev_wn_pack(8, -1, 0, 0, 0, 1));
    assert_int_equal(chr__event_model_wn(m, "goes", 4), chr__ev_wn_pack(-1, 38, 0, 0, 0, 2));
    assert_int_equal(chr__event_model_wn(m, "calm", 4), chr__ev_wn_pack(-1, -1, 1, 1, 0, 3));
    assert_int_equal(chr__event_model_wn(m, "xyzzy", 5), 0x8000);
    assert_int_equal(chr__event_model_wn(m, "a", 1), 0x8000);
    /* the compiled form keeps them */
    char *bin;
    size_t n;
    assert_int_equal(chr__event_model_save_bin(&bin, &n, m), 0);
    chr__event_model *b = NULL;
    assert_int_equal(chr__event_model_load_bin(&b, bin, n, "x.bin", NULL), 0);
    assert_int_equal(chr__event_model_wn(b, "attacked", 8), attack);
    assert_int_equal(chr__event_model_wn(b, "xyzzy", 5), 0x8000);
    free(bin);
    chr__event_model_free(b);
    chr__event_model_free(m);
    static const char plain[] = "chronicle-events-model\t2\nlex\tsaid\t3\t2\t1\nf\tb\t0:100\n";
    assert_int_equal(chr__event_model_load(&m, plain, strlen(plain), "y.model", NULL), 0);
    assert_int_equal(chr__event_model_wn(m, "said", 4), 0);
    chr__event_model_free(m);
    static const char *const bad[] = {
        "chronicle-events-model\t2\nwn\tattack\t4\t33\t-\t2\n",     /* no favoured part of speech */
        "chronicle-events-model\t2\nwn\tattack\tx\t33\t-\t2\tn\n",  /* a file that is no number */
        "chronicle-events-model\t2\nwn\tattack\t4\t33\t-\t7\tn\n",  /* a share over 3 */
        "chronicle-events-model\t2\nwn\t\t4\t33\t-\t2\tn\n",        /* no word */
        "chronicle-events-model\t2\nwn\tattack\t4\t33\t-\t2\tnn\n", /* two letters */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        chr_error err;
        memset(&err, 0, sizeof err);
        assert_int_equal(chr__event_model_load(&m, bad[i], strlen(bad[i]), "z.model", &err), CHR_ERULE);
        assert_int_equal(err.line, 2);
    }
}

static const char doc_xml[] =
    "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>d1</DOCID>\n"
    "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2014-12-03\" functionInDocument=\"CREATION_TIME\">Dec 3"
    "</TIMEX3></DCT>\n<TEXT>\nRebels <EVENT eid=\"e1\" class=\"OCCURRENCE\">attacked</EVENT> the town and "
    "officials <EVENT eid=\"e2\" class=\"REPORTING\">said</EVENT> the <EVENT eid=\"e3\" class=\"OCCURRENCE\">"
    "attack</EVENT> was over.\n</TEXT>\n</TimeML>\n";

/* Training with the lexicon: the model carries the records and has the WordNet features; several runs
 * give another model, the same one every time. */
static void test_train_with_lexicon(void **state) {
    (void)state;
    chr_doc *doc = NULL;
    assert_int_equal(chr_doc_from_timeml(&doc, doc_xml, strlen(doc_xml), NULL), 0);
    const chr_doc *docs[] = {doc};
    char *lex = NULL, *a = NULL, *b = NULL, *c = NULL;
    size_t ll = 0, al = 0, bl = 0, cl = 0;
    assert_int_equal(chr_events_lexicon_wordnet(&lex, &ll, dir, NULL), 0);
    chr_train_options o = {3, 1, lex, ll};
    assert_int_equal(chr_events_train_with(&a, &al, docs, 1, &o, NULL), 0);
    assert_non_null(strstr(a, "\nwn\tattack\t4\t33\t-\t2\tn\n"));
    assert_non_null(strstr(a, "\nf\twn=04\t")); /* "attack", a noun of the file of acts */
    assert_non_null(strstr(a, "\nf\twv=33\t"));
    o.runs = 3;
    assert_int_equal(chr_events_train_with(&b, &bl, docs, 1, &o, NULL), 0);
    assert_int_equal(chr_events_train_with(&c, &cl, docs, 1, &o, NULL), 0);
    assert_int_equal(bl, cl);
    assert_memory_equal(b, c, bl);
    assert_true(al != bl || memcmp(a, b, al) != 0);
    assert_non_null(strstr(b, "3 runs averaged"));
    free(a);
    free(b);
    free(c);
    /* without a lexicon, no record and no WordNet feature */
    chr_train_options plain = {3, 1, NULL, 0};
    assert_int_equal(chr_events_train_with(&a, &al, docs, 1, &plain, NULL), 0);
    assert_null(strstr(a, "\nwn\t"));
    assert_null(strstr(a, "\nf\twn="));
    free(a);
    chr_train_options bad[] = {{3, 0, NULL, 0}, {3, 101, NULL, 0}, {0, 1, NULL, 0}, {3, 1, NULL, 5}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(chr_events_train_with(&a, &al, docs, 1, &bad[i], NULL), CHR_EINVAL);
    assert_int_equal(chr_events_train_with(&a, &al, docs, 1, NULL, NULL), CHR_EINVAL);
    /* a broken lexicon is the model's error */
    static const char broken[] = "wn\tattack\t4\n";
    chr_train_options o2 = {3, 1, broken, sizeof broken - 1};
    assert_int_equal(chr_events_train_with(&a, &al, docs, 1, &o2, NULL), CHR_ERULE);
    free(lex);
    chr_doc_free(doc);
}

/* The built-in model was trained with WordNet's lexicon (README, Events model). */
static void test_builtin_lexicon(void **state) {
    (void)state;
    chr_engine *e = NULL;
    assert_int_equal(chr_engine_new(&e, NULL, NULL), 0);
    const chr__event_model *m = e->events;
    assert_non_null(m);
    uint16_t v = chr__event_model_wn(m, "elections", 9);
    assert_true(v & 0x7fff);
    assert_int_equal(v & 31, 4 - 2); /* election: noun.act */
    v = chr__event_model_wn(m, "told", 4);
    assert_int_equal((v >> 5) & 15, 32 - 28); /* tell: verb.communication */
    assert_int_equal(chr__event_model_wn(m, "qwzx", 4), 0x8000);
    chr_engine_free(e);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexicon),         cmocka_unit_test(test_lexicon_errors),
        cmocka_unit_test(test_model_records),   cmocka_unit_test(test_train_with_lexicon),
        cmocka_unit_test(test_builtin_lexicon),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
