/* test_events.c: gold events, instances and event-time links read from TimeML (extract/timeml.c), the
 * event attribute names (extract/event_names.c), the model file loader's errors (extract/model.c),
 * training (extract/train.c) and detection with the built-in model through chr_extract. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine.h" /* the engine's event model */
#include "event_model.h"
#include "events.h"

static const char sample[] =
    "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>d1</DOCID>\n"
    "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2014-12-03\" functionInDocument=\"CREATION_TIME\">Dec 3"
    "</TIMEX3></DCT>\n<TEXT>\nKerry <EVENT eid=\"e1\" class=\"REPORTING\">said</EVENT> "
    "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2014-12-03\">Wednesday</TIMEX3> Iran had not "
    "<EVENT eid=\"e2\" class=\"STATE\">had</EVENT> caf\xc3\xa9 <EVENT eid=\"e3\" class=\"OCCURRENCE\">talks"
    "</EVENT>.\n</TEXT>\n"
    "<MAKEINSTANCE eventID=\"e2\" eiid=\"ei2\" tense=\"PAST\" aspect=\"PERFECTIVE\" polarity=\"NEG\" "
    "pos=\"VERB\"/>\n"
    "<MAKEINSTANCE eventID=\"e1\" eiid=\"ei1\" tense=\"PAST\" aspect=\"NONE\" polarity=\"POS\" "
    "pos=\"VERB\"/>\n"
    "<MAKEINSTANCE eventID=\"e1\" eiid=\"ei9\" tense=\"PRESENT\" aspect=\"NONE\" polarity=\"POS\" "
    "pos=\"VERB\"/>\n"
    "<TLINK lid=\"l1\" relType=\"IS_INCLUDED\" eventInstanceID=\"ei1\" relatedToTime=\"t1\"/>\n"
    "<TLINK lid=\"l2\" relType=\"INCLUDES\" timeID=\"t0\" relatedToEventInstance=\"ei2\"/>\n"
    "<TLINK lid=\"l3\" relType=\"BEFORE\" eventInstanceID=\"ei1\" relatedToEventInstance=\"ei2\"/>\n"
    "<TLINK lid=\"l4\" relType=\"BEGINS\" timeID=\"t1\" relatedToEventInstance=\"ei1\"/>\n"
    "</TimeML>\n";

static chr_doc *parse(const char *xml) {
    chr_doc *doc = NULL;
    chr_error err;
    memset(&err, 0, sizeof err);
    if (chr_doc_from_timeml(&doc, xml, strlen(xml), &err))
        fail_msg("parse: %s", err.message);
    return doc;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void test_gold_events_instances_tlinks(void **state) {
    (void)state;
    chr_doc *doc = parse(sample);
    size_t len;
    const char *text = chr_doc_text(doc, &len);
    assert_int_equal(chr_doc_gold_event_count(doc), 3);
    const chr_event *e1 = chr_doc_gold_event(doc, 0), *e2 = chr_doc_gold_event(doc, 1),
                    *e3 = chr_doc_gold_event(doc, 2);
    assert_string_equal(e1->id, "e1");
    assert_memory_equal(text + e1->start, "said", 4);
    assert_int_equal(e1->end - e1->start, 4);
    assert_int_equal(e1->cls, CHR_EVENT_REPORTING);
    assert_string_equal(e1->instance, "ei1"); /* the first instance */
    assert_int_equal(e1->tense, CHR_TENSE_PAST);
    assert_int_equal(e2->cls, CHR_EVENT_STATE);
    assert_int_equal(e2->aspect, CHR_ASPECT_PERFECTIVE);
    assert_true(e2->negative);
    assert_false(e1->negative);
    assert_string_equal(e2->actor, "");
    assert_int_equal(e2->time.timex, -2);
    /* "café" is one code point shorter in code points than in bytes */
    assert_int_equal(e3->cp_start, e3->start - 1);
    assert_string_equal(e3->instance, ""); /* no MAKEINSTANCE */
    assert_int_equal(e3->tense, CHR_TENSE_NONE);
    assert_null(chr_doc_gold_event(doc, 3));

    assert_int_equal(chr_doc_gold_tlink_count(doc), 3); /* the event-event link is left out */
    const chr_tlink *l = chr_doc_gold_tlink(doc, 0);
    assert_string_equal(l->event_instance, "ei1");
    assert_string_equal(l->event_id, "e1");
    assert_string_equal(l->timex_id, "t1");
    assert_int_equal(l->relation, CHR_REL_IS_INCLUDED);
    l = chr_doc_gold_tlink(doc, 1); /* t0 INCLUDES ei2 -> ei2 IS_INCLUDED t0 */
    assert_string_equal(l->event_id, "e2");
    assert_string_equal(l->timex_id, "t0");
    assert_int_equal(l->relation, CHR_REL_IS_INCLUDED);
    l = chr_doc_gold_tlink(doc, 2); /* t1 BEGINS ei1 -> ei1 BEGUN_BY t1 */
    assert_int_equal(l->relation, CHR_REL_BEGUN_BY);
    assert_null(chr_doc_gold_tlink(doc, 3));
    chr_doc_free(doc);

    chr_doc *plain = NULL;
    assert_int_equal(chr_doc_from_text(&plain, "Kerry said.", 11, NULL), 0);
    assert_int_equal(chr_doc_gold_event_count(plain), 0);
    assert_int_equal(chr_doc_gold_tlink_count(plain), 0);
    assert_int_equal(chr_doc_gold_event_count(NULL), 0);
    chr_doc_free(plain);
}

static void test_names(void **state) {
    (void)state;
    for (int c = 0; c < CHR_EVENT_CLASS_COUNT; c++)
        assert_int_equal(chr_event_class_parse(chr_event_class_name((chr_event_class)c)), c);
    for (int r = 1; r < CHR_REL_COUNT; r++)
        assert_int_equal(chr_relation_parse(chr_relation_name((chr_relation)r)), r);
    assert_string_equal(chr_event_class_name(CHR_EVENT_I_STATE), "I_STATE");
    assert_string_equal(chr_tense_name(CHR_TENSE_PRESPART), "PRESPART");
    assert_string_equal(chr_aspect_name(CHR_ASPECT_PERFECTIVE_PROGRESSIVE), "PERFECTIVE_PROGRESSIVE");
    assert_string_equal(chr_relation_name(CHR_REL_NONE), "");
    assert_int_equal(chr_tense_parse("FUTURE"), CHR_TENSE_FUTURE);
    assert_int_equal(chr_aspect_parse("PROGRESSIVE"), CHR_ASPECT_PROGRESSIVE);
    assert_int_equal(chr_event_class_parse("EVENT"), -1);
    assert_int_equal(chr_tense_parse(""), -1);
    assert_int_equal(chr_relation_parse("DURING_INV"), -1);
}

static void test_model_file_errors(void **state) {
    (void)state;
    chr__event_model *m = NULL;
    chr_error err;
    static const char *bad[] = {
        "not a model\n",
        "chronicle-events-model\t2\nf\tw=said\t2:x\n",
        "chronicle-events-model\t2\nf\tw=said\t99:5\n",
        "chronicle-events-model\t2\nlist\tNOUNS\tcat\n",
        "chronicle-events-model\t2\nf\tb\t0:1\nf\tb\t0:2\n",
        "chronicle-events-model\t2\nweights\t1\n",
        "chronicle-events-model\t1\nf\tw=said\t0:5\n",          /* a version 1 model (other labels) */
        "chronicle-events-model\t2\n# c\nlex\tsaid\t3\t5\t1\n", /* more events than occurrences */
        "chronicle-events-model\t2\nlex\tsaid\t3\n",
    };
    static const int lines[] = {1, 2, 2, 2, 3, 2, 1, 3, 2};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&err, 0, sizeof err);
        assert_int_equal(chr__event_model_load(&m, bad[i], strlen(bad[i]), "x.model", &err), CHR_ERULE);
        assert_null(m);
        assert_string_equal(err.file, "x.model");
        assert_int_equal(err.line, lines[i]);
    }
    const char *good =
        "chronicle-events-model\t2\n# c\n\nlist\tTO\tto\nlex\tsaid\t3\t2\t1\nlex\t~say\t1\t0\t-1\n"
        "f\tw=said\t0:-5\t2:7\n";
    assert_int_equal(chr__event_model_load(&m, good, strlen(good), "x.model", &err), 0);
    chr__event_model_free(m);
}

static void test_train_is_deterministic_and_detects(void **state) {
    (void)state;
    chr_doc *doc = parse(sample);
    const chr_doc *docs[] = {doc, doc};
    char *a = NULL, *b = NULL;
    size_t al = 0, bl = 0;
    assert_int_equal(chr_events_train(&a, &al, docs, 2, 3, NULL), 0);
    assert_int_equal(chr_events_train(&b, &bl, docs, 2, 3, NULL), 0);
    assert_int_equal(al, bl);
    assert_memory_equal(a, b, al);
    assert_int_equal(strncmp(a, "chronicle-events-model\t2\n", 25), 0);
    chr__event_model *m = NULL;
    assert_int_equal(chr__event_model_load(&m, a, al, "trained", NULL), 0);
    size_t len;
    const char *text = chr_doc_text(doc, &len);
    chr__tokens toks;
    assert_int_equal(chr__tokenize(&toks, text, len), 0);
    chr_event *ev = NULL;
    size_t n = 0;
    assert_int_equal(chr__events_detect(&ev, &n, m, NULL, NULL, text, len, &toks, NULL, NULL, 0, NULL), 0);
    int said = 0;
    for (size_t i = 0; i < n; i++)
        if (ev[i].end - ev[i].start == 4 && !memcmp(text + ev[i].start, "said", 4) &&
            ev[i].cls == CHR_EVENT_REPORTING)
            said = 1;
    assert_true(said);
    free(ev);
    chr__tokens_free(&toks);
    chr__event_model_free(m);
    free(a);
    free(b);
    /* nothing to learn from */
    chr_doc *plain = NULL;
    assert_int_equal(chr_doc_from_text(&plain, "Kerry said.", 11, NULL), 0);
    const chr_doc *none[] = {plain};
    assert_int_equal(chr_events_train(&a, &al, none, 1, 3, NULL), CHR_EINVAL);
    chr_doc_free(plain);
    chr_doc_free(doc);
}

/* The built-in model through chr_extract: a reporting verb, tense and aspect from the auxiliaries,
 * negation. */
/* Features of two parts are "KEY=A|B", and a token may be "|" itself: the model's string "w-1|w=||said"
 * is A = "|", B = "said", and the ambiguous "w-1|l=||" ("|" before a word whose stem is empty) must still
 * be found. */
static void test_model_features_with_bars(void **state) {
    (void)state;
    static const char model[] = "chronicle-events-model\t2\n"
                                "f\tb\t0:100\n"
                                "f\tw-1|w=||said\t1:500\n"
                                "f\tw-1|l=||\t1:300\n";
    chr__event_model *m = NULL;
    assert_int_equal(chr__event_model_load(&m, model, strlen(model), "bars.model", NULL), 0);
    const char *text = "a | said | e";
    chr__tokens toks;
    assert_int_equal(chr__tokenize(&toks, text, strlen(text)), 0);
    chr_event *ev = NULL;
    size_t n = 0;
    assert_int_equal(
        chr__events_detect(&ev, &n, m, NULL, NULL, text, strlen(text), &toks, NULL, NULL, 0, NULL), 0);
    assert_int_equal(n, 2);
    assert_int_equal(ev[0].start, 4);  /* "said" after "|" */
    assert_int_equal(ev[1].start, 11); /* "e" after "|": its stem is empty */
    free(ev);
    chr__tokens_free(&toks);
    chr__event_model_free(m);
}

/* Tag text with a model file and return the event whose text is word (NULL when none). */
static const chr_event *tag(chr_event **ev, size_t *n, const char *model, const char *text,
                            const char *word) {
    chr__event_model *m = NULL;
    assert_int_equal(chr__event_model_load(&m, model, strlen(model), "test.model", NULL), 0);
    chr__tokens toks;
    assert_int_equal(chr__tokenize(&toks, text, strlen(text)), 0);
    *ev = NULL;
    *n = 0;
    assert_int_equal(chr__events_detect(ev, n, m, NULL, NULL, text, strlen(text), &toks, NULL, NULL, 0, NULL),
                     0);
    chr__tokens_free(&toks);
    chr__event_model_free(m);
    for (size_t i = 0; i < *n; i++)
        if ((*ev)[i].end - (*ev)[i].start == strlen(word) &&
            !memcmp(text + (*ev)[i].start, word, strlen(word)))
            return &(*ev)[i];
    return NULL;
}

/* Every word an event, and verbal: the tense rules alone decide. */
static const char every_word_verbal[] = "chronicle-events-model\t2\n"
                                        "list\tTO\tto\n"
                                        "list\tCONJ\tand\tor\n"
                                        "list\tMODAL\twould\two\tca\n"
                                        "list\tNEG\tnot\tn't\n"
                                        "list\tHAVE\thas\n"
                                        "f\tb\t1:100\t3:100\n";

static void test_tense_rules(void **state) {
    (void)state;
    static const struct {
        const char *text, *word;
        chr_tense tense;
        int negative;
    } cases[] = {
        {"They declined to confirm or deny it.", "deny", CHR_TENSE_INFINITIVE, 0},
        {"They want to meet him and check on it.", "check", CHR_TENSE_INFINITIVE, 0},
        {"Rates helped invigorate housing.", "invigorate", CHR_TENSE_INFINITIVE, 0},
        {"Iran has yet to directly fight them.", "fight", CHR_TENSE_INFINITIVE, 0},
        {"The U.S. would not directly push back.", "push", CHR_TENSE_NONE, 1},
        {"He said claims made last week were true.", "claims", CHR_TENSE_NONE, 0},
        {"He claims victory.", "claims", CHR_TENSE_PRESENT, 0},
        {"Mr. Bush let the offensive begin.", "let", CHR_TENSE_PAST, 0},
        {"They go home and play.", "play", CHR_TENSE_PRESENT, 0},
        {"A door panel blew off the jet.", "blew", CHR_TENSE_PAST, 0},
        {"The court upheld the ruling.", "upheld", CHR_TENSE_PAST, 0},
        {"The roof, blown off by the storm, landed here.", "blown", CHR_TENSE_PASTPART, 0},
        {"The firm withstood the crisis.", "withstood", CHR_TENSE_PAST, 0},
        {"The plan, overridden twice, stood.", "overridden", CHR_TENSE_PASTPART, 0},
        {"They arose early.", "arose", CHR_TENSE_PAST, 0},
        {"They wrung their hands.", "wrung", CHR_TENSE_PAST, 0},
        /* "won't" is will's (FUTURE, as TimeBank has it), "can't" a modal's (NONE) */
        {"He won't resign.", "resign", CHR_TENSE_FUTURE, 1},
        {"He can't resign.", "resign", CHR_TENSE_NONE, 1},
    };
    assert_true(chr__ev_forms_sorted()); /* the forms' binary search needs them sorted */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        chr_event *ev;
        size_t n;
        const chr_event *e = tag(&ev, &n, every_word_verbal, cases[i].text, cases[i].word);
        if (!e)
            fail_msg("%s: no event %s", cases[i].text, cases[i].word);
        if ((int)e->tense != (int)cases[i].tense || e->negative != cases[i].negative)
            fail_msg("%s: %s is %s%s", cases[i].text, cases[i].word, chr_tense_name(e->tense),
                     e->negative ? " NEG" : "");
        free(ev);
    }
}

/* The decision on the previous word is a feature: "told" is an event only after an event. */
static void test_previous_label_feature(void **state) {
    (void)state;
    static const char model[] = "chronicle-events-model\t2\n"
                                "f\tb\t0:100\n"
                                "f\tw=said\t1:500\n"
                                "f\tpl=E\t1:500\n";
    chr_event *ev;
    size_t n;
    assert_non_null(tag(&ev, &n, model, "said told", "told"));
    free(ev);
    assert_null(tag(&ev, &n, model, "he told", "told"));
    free(ev);
    assert_null(tag(&ev, &n, model, "said, told", "told")); /* after punctuation: "p" */
    free(ev);
}

/* The compiled form of a model (what the build embeds) reads back to the same model: the same weights,
 * word lists and lexicon, so the same events; a damaged one is refused. */
static void test_model_compiled_form(void **state) {
    (void)state;
    static const char model[] = "chronicle-events-model\t2\n"
                                "list\tBE\tis\twas\n"
                                "lex\tsaid\t9\t9\t0\n"
                                "f\tb\t0:100\n"
                                "f\tw=said\t1:500\t4:7\n"
                                "f\tw-1|w=||said\t1:300\n"
                                "f\tc-1=be\t1:250\n";
    chr__event_model *a = NULL, *b = NULL;
    assert_int_equal(chr__event_model_load(&a, model, strlen(model), "x.model", NULL), 0);
    char *bin;
    size_t n;
    assert_int_equal(chr__event_model_save_bin(&bin, &n, a), 0);
    assert_int_equal(chr__event_model_load_bin(&b, bin, n, "x.bin", NULL), 0);
    const char *text = "He said so , | said it and it was made .";
    chr__tokens toks;
    assert_int_equal(chr__tokenize(&toks, text, strlen(text)), 0);
    chr_event *ea = NULL, *eb = NULL;
    size_t na = 0, nb = 0;
    assert_int_equal(
        chr__events_detect(&ea, &na, a, NULL, NULL, text, strlen(text), &toks, NULL, NULL, 0, NULL), 0);
    assert_int_equal(
        chr__events_detect(&eb, &nb, b, NULL, NULL, text, strlen(text), &toks, NULL, NULL, 0, NULL), 0);
    assert_true(na >= 3); /* "said" twice (word weight), "made" after "was" (category) */
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(ea[i].start, eb[i].start);
        assert_int_equal(ea[i].cls, eb[i].cls);
    }
    free(ea);
    free(eb);
    chr__tokens_free(&toks);
    chr__event_model *c = NULL;
    chr_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(chr__event_model_load_bin(&c, bin, n - 1, "x.bin", &err), CHR_ERULE); /* cut short */
    assert_null(c);
    /* damaged copies (b reads bin itself): misaligned, an "empty" slot of the feature table that is taken
     * or past it (a probe would not end), a table size not a power of 2 */
    char *dam = malloc(n + 8);
    assert_non_null(dam);
    memcpy(dam + 4, bin, n);
    assert_int_equal(chr__event_model_load_bin(&c, dam + 4, n, "x.bin", &err), CHR_ERULE);
    assert_non_null(strstr(err.message, "aligned"));
    uint64_t cap, taken = 0, key = 0;
    memcpy(&cap, bin + 8, 8);
    for (; taken < cap && !key; taken++)
        memcpy(&key, bin + 128 + 32 * taken, 8); /* the slots, 32 bytes each, after the 128-byte header */
    taken--;
    const uint64_t bad[] = {taken, cap};
    for (size_t k = 0; k < 2; k++) {
        memcpy(dam, bin, n);
        memcpy(dam + 56, &bad[k], 8);
        assert_int_equal(chr__event_model_load_bin(&c, dam, n, "x.bin", &err), CHR_ERULE);
        assert_non_null(strstr(err.message, "empty slot"));
    }
    memcpy(dam, bin, n);
    memcpy(dam + 8, &(uint64_t){24}, 8);
    assert_int_equal(chr__event_model_load_bin(&c, dam, n, "x.bin", &err), CHR_ERULE);
    assert_null(c);
    free(dam);
    bin[0] = 'X';
    assert_int_equal(chr__event_model_load_bin(&c, bin, n, "x.bin", &err), CHR_ERULE); /* not one */
    free(bin);
    chr__event_model_free(a);
    chr__event_model_free(b);
}

/* The model's near_time record: a word within BYTES bytes of a time expression of its sentence, not inside
 * it, is an event when its event score beats its no-event score lowered by BIAS; the record survives the
 * compiled form; a model without it decides as before; a bad record is refused. */
static void test_near_time(void **state) {
    (void)state;
    static const char base[] = "chronicle-events-model\t2\n"
                               "f\tb\t0:100\n"; /* every word: no event by 100 */
    char model[128];
    snprintf(model, sizeof model, "%snear_time\t150\t12\n", base);
    const char *text = "Kerry arrived in a big city and left on Wednesday. Then he rested.";
    size_t wed = (size_t)(strstr(text, "Wednesday") - text);
    chr_timex tx;
    memset(&tx, 0, sizeof tx);
    tx.start = wed;
    tx.end = wed + 9;
    chr__tokens toks;
    assert_int_equal(chr__tokenize(&toks, text, strlen(text)), 0);
    chr__event_model *m = NULL, *plain = NULL, *b = NULL;
    assert_int_equal(chr__event_model_load(&m, model, strlen(model), "near.model", NULL), 0);
    assert_int_equal(chr__event_model_load(&plain, base, strlen(base), "plain.model", NULL), 0);
    char *bin;
    size_t nbin;
    assert_int_equal(chr__event_model_save_bin(&bin, &nbin, m), 0);
    assert_int_equal(chr__event_model_load_bin(&b, bin, nbin, "near.bin", NULL), 0); /* reads bin in place */
    const chr__event_model *models[] = {m, b};
    for (int k = 0; k < 2; k++) {
        chr_event *ev = NULL;
        size_t n = 0;
        assert_int_equal(
            chr__events_detect(&ev, &n, models[k], NULL, NULL, text, strlen(text), &toks, NULL, &tx, 1, NULL),
            0);
        /* "and left on" end within 12 bytes of "Wednesday"; "city" (13 bytes), "Wednesday" itself and the
         * next sentence are not */
        assert_int_equal(n, 3);
        assert_int_equal(ev[0].start, (size_t)(strstr(text, "and") - text));
        assert_int_equal(ev[2].start, (size_t)(strstr(text, "on W") - text));
        free(ev);
    }
    chr_event *ev = NULL;
    size_t n = 0;
    assert_int_equal(
        chr__events_detect(&ev, &n, m, NULL, NULL, text, strlen(text), &toks, NULL, NULL, 0, NULL), 0);
    assert_int_equal(n, 0); /* no time expressions given */
    assert_int_equal(
        chr__events_detect(&ev, &n, plain, NULL, NULL, text, strlen(text), &toks, NULL, &tx, 1, NULL), 0);
    assert_int_equal(n, 0); /* no record */
    chr__tokens_free(&toks);
    chr__event_model_free(m);
    chr__event_model_free(plain);
    chr__event_model_free(b);
    free(bin);
    static const char *const bad[] = {"near_time\t150\n", "near_time\t-1\t12\n", "near_time\t150\t5000\n",
                                      "near_time\tx\t12\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(model, sizeof model, "%s%s", base, bad[i]);
        chr__event_model *x = NULL;
        chr_error err;
        memset(&err, 0, sizeof err);
        assert_int_equal(chr__event_model_load(&x, model, strlen(model), "bad.model", &err), CHR_ERULE);
        assert_null(x);
        assert_non_null(strstr(err.message, "near_time"));
    }
}

/* Feature hashes tell apart strings that differ in any byte: the model keeps only the hashes. Pairs that
 * differ in one byte of the first eight and one of the tail collided with the first hash (a difference in
 * a block's top byte stayed in the top bits, where the tail could cancel it). */
static void test_feature_hash(void **state) {
    (void)state;
    static const char *const pairs[][2] = {{"s3|c-1=red|p", "s3|c-1=ued|'"}, {"s3|c-1=are|x", "s3|c-1=ure|d"}};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
        assert_true(chr__ev_hash(pairs[i][0], strlen(pairs[i][0])) != chr__ev_hash(pairs[i][1], strlen(pairs[i][1])));
    /* every string of 9 to 16 bytes that differs from a base in byte 7 and one later byte, over all values
     * of those two bytes: no two alike */
    enum { N = 256 * 64 };
    uint64_t *h = malloc(N * sizeof *h);
    assert_non_null(h);
    for (size_t len = 9; len <= 16; len++) {
        char s[16];
        memset(s, 'a', sizeof s);
        size_t n = 0;
        for (unsigned a = 0; a < 256; a++)
            for (unsigned b = 0; b < 64; b++) {
                s[7] = (char)a;
                s[len - 1] = (char)(b + 32);
                h[n++] = chr__ev_hash(s, len);
            }
        qsort(h, n, sizeof *h, cmp_u64);
        for (size_t k = 1; k < n; k++)
            assert_true(h[k] != h[k - 1]);
    }
    free(h);
}

/* The result of the built-in engine on text s with document date dct (*e and *doc to free after it). */
static chr_result *extract_builtin(chr_engine **e, chr_doc **doc, const char *s, const char *dct) {
    *e = NULL;
    *doc = NULL;
    assert_int_equal(chr_engine_new(e, NULL, NULL), 0);
    assert_int_equal(chr_doc_from_text(doc, s, strlen(s), NULL), 0);
    assert_int_equal(chr_doc_set_dct(*doc, dct, CHR_DCT_OPTION, NULL), 0);
    chr_result *res = NULL;
    assert_int_equal(chr_extract(&res, *e, *doc, NULL), 0);
    return res;
}

static void test_builtin_model(void **state) {
    (void)state;
    const char *s = "Kerry said on Wednesday that Iran has not attacked the United States since 1979. "
                    "Officials will meet next week. Musk tweeted on Friday that the deal was off.";
    chr_engine *e;
    chr_doc *doc;
    chr_result *res = extract_builtin(&e, &doc, s, "2014-12-03");
    int said = 0, had = 0, meet = 0, tweeted = 0;
    for (size_t i = 0; i < chr_result_event_count(res); i++) {
        const chr_event *ev = chr_result_event(res, i);
        const char *w = s + ev->start;
        size_t n = ev->end - ev->start;
        assert_int_equal(ev->cp_start, ev->start); /* ASCII */
        if (n == 4 && !memcmp(w, "said", 4)) {
            said = ev->cls == CHR_EVENT_REPORTING && ev->tense == CHR_TENSE_PAST && !ev->negative;
            assert_int_equal(ev->sent_start, 0);
        }
        if (n == 8 && !memcmp(w, "attacked", 8))
            had = ev->tense == CHR_TENSE_PRESENT && ev->aspect == CHR_ASPECT_PERFECTIVE && ev->negative;
        if (n == 4 && !memcmp(w, "meet", 4))
            meet = ev->tense == CHR_TENSE_FUTURE && ev->sent_start == (size_t)(strstr(s, "Officials") - s);
        if (n == 7 && !memcmp(w, "tweeted", 7)) /* "tweet" is in the REPORTING lexicon, not in TBAQ */
            tweeted = ev->cls == CHR_EVENT_REPORTING;
    }
    assert_true(tweeted);
    assert_true(said);
    assert_true(had);
    assert_true(meet);
    assert_null(chr_result_event(res, chr_result_event_count(res)));
    chr_result_free(res);
    chr_doc_free(doc);
    chr_engine_free(e);
}

/* No event lies within a time expression, as TimeML never nests an EVENT in a TIMEX3: "the fall" of "by
 * the fall" is a season, "fall" no event (the model alone tags it one). */
static void test_no_event_in_time(void **state) {
    (void)state;
    const char *s = "The attorney general said late Thursday that she would ask the full court to rehear the "
                    "case within 14 days, and if that fails, appeal to the Supreme Court by the fall.";
    chr_engine *e;
    chr_doc *doc;
    chr_result *res = extract_builtin(&e, &doc, s, "2025-06-27");
    int appeal = 0, fall = 0;
    for (size_t i = 0; i < chr_result_event_count(res); i++) {
        const chr_event *ev = chr_result_event(res, i);
        appeal |= ev->end - ev->start == 6 && !memcmp(s + ev->start, "appeal", 6);
        for (size_t k = 0; k < chr_result_count(res); k++) {
            const chr_timex *t = chr_result_timex(res, k);
            fall |= !strcmp(t->value, "2025-FA");
            assert_false(t->start <= ev->start && ev->end <= t->end);
        }
    }
    assert_true(appeal);
    assert_true(fall);
    chr_result_free(res);
    chr_doc_free(doc);
    chr_engine_free(e);
}

/* Events of text with model m through word cache c (NULL: none). */
static size_t detect_with(chr_event **ev, const chr__event_model *m, chr__wordcache *c, const char *text) {
    chr__tokens toks;
    assert_int_equal(chr__tokenize(&toks, text, strlen(text)), 0);
    size_t n = 0;
    assert_int_equal(chr__events_detect(ev, &n, m, c, NULL, text, strlen(text), &toks, NULL, NULL, 0, NULL),
                     0);
    chr__tokens_free(&toks);
    return n;
}

static void assert_same_events(const chr_event *a, size_t na, const chr_event *b, size_t nb) {
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].start, b[i].start);
        assert_int_equal(a[i].end, b[i].end);
        assert_int_equal(a[i].cls, b[i].cls);
        assert_int_equal(a[i].tense, b[i].tense);
        assert_int_equal(a[i].aspect, b[i].aspect);
        assert_int_equal(a[i].negative, b[i].negative);
        assert_string_equal(a[i].id, b[i].id);
        assert_string_equal(a[i].instance, b[i].instance);
    }
}

/* The word cache changes no result: a cache that fills up (and starts again), one word in several
 * spellings, tokens too long to cache, and a cache moved to another model, which must forget what the
 * first model worked out ("said" is an event for one model and not for the other). */
static void test_word_cache(void **state) {
    (void)state;
    static const char ma[] = "chronicle-events-model\t2\nlist\tBE\tis\twas\nf\tb\t0:100\n"
                             "f\tw=said\t1:500\t4:7\nf\tw=made\t1:400\nf\tc-1=be\t1:250\n";
    static const char mb[] = "chronicle-events-model\t2\nlist\tBE\tis\twas\nf\tb\t0:100\n"
                             "f\tw=told\t1:500\nf\tw=made\t0:400\n";
    chr__event_model *a = NULL, *b = NULL;
    assert_int_equal(chr__event_model_load(&a, ma, strlen(ma), "a.model", NULL), 0);
    assert_int_equal(chr__event_model_load(&b, mb, strlen(mb), "b.model", NULL), 0);
    static const char *const docs[] = {
        "He said so , | SAID it and it was made . Said told said .",
        "w01 w02 w03 w04 w05 w06 w07 w08 w09 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 "
        "w24 w25 w26 w27 w28 w29 w30 w31 w32 w33 w34 w35 said it was made .",
        "Notwithstandinganythingtothecontrarysaid said , it was made by someone who told .",
        "said made told was is said ."};
    chr__wordcache *c = chr__wordcache_new(1); /* room for 32 words */
    assert_non_null(c);
    for (int round = 0; round < 2; round++)
        for (size_t d = 0; d < sizeof docs / sizeof *docs; d++) {
            const chr__event_model *m = d % 2 ? b : a; /* the models take turns */
            chr_event *e1 = NULL, *e2 = NULL;
            size_t n1 = detect_with(&e1, m, NULL, docs[d]);
            size_t n2 = detect_with(&e2, m, c, docs[d]);
            assert_same_events(e1, n1, e2, n2);
            if (d == 0)
                assert_true(n1 >= 3);
            free(e1);
            free(e2);
        }
    /* words of the same length that differ only inside (the cache's key reads a word's first and last
     * bytes), at every length it caches, have their own entries */
    chr__wordcache_begin(c, a);
    for (size_t n = 1; n <= 31; n++) {
        char w1[32], w2[32];
        memset(w1, 'a', n);
        memset(w2, 'a', n);
        w2[n / 2] = 'b';
        const chr__wordent *e1 = chr__wordcache_get(c, w1, n), *e2 = chr__wordcache_get(c, w2, n);
        assert_non_null(e1);
        assert_non_null(e2);
        assert_ptr_not_equal(e1, e2);
        assert_ptr_equal(chr__wordcache_get(c, w1, n), e1);
        assert_int_equal(e2->x.wl, n);
        assert_memory_equal(e2->x.w, w2, n);
        chr__wordcache_begin(c, a); /* emptied when full (32 words) */
    }
    chr__wordcache_free(c);
    chr__event_model_free(a);
    chr__event_model_free(b);
}

/* The entries of text's tokens in c (the caller frees *went): their count. */
static size_t entries(chr__wordent ***went, chr__wordcache *c, const char *text) {
    chr__tokens toks;
    assert_int_equal(chr__tokenize(&toks, text, strlen(text)), 0);
    size_t n = toks.n;
    *went = malloc(n * sizeof **went);
    const chr__ev_tok **t = malloc(n * sizeof *t);
    assert_non_null(*went);
    assert_non_null(t);
    assert_int_equal(chr__wordcache_tokens(*went, t, c, text, strlen(text), &toks), 0);
    for (size_t i = 0; i < n; i++)
        assert_ptr_equal(t[i], &(*went)[i]->x);
    free(t);
    chr__tokens_free(&toks);
    return n;
}

/* A word has one entry wherever it stands: the key of a token of 2 to 8 bytes is read in one load from
 * its start, or to its end near the end of the text, or copied from a text of fewer than 8 bytes, and the
 * three must agree; a token of 1 byte has its entry by its byte. */
static void test_word_cache_keys(void **state) {
    (void)state;
    static const char ma[] = "chronicle-events-model\t2\nlist\tBE\tis\twas\nf\tb\t0:100\n";
    chr__event_model *a = NULL;
    assert_int_equal(chr__event_model_load(&a, ma, strlen(ma), "a.model", NULL), 0);
    chr__wordcache *c = chr__wordcache_new(64);
    assert_non_null(c);
    chr__wordcache_begin(c, a);
    chr__wordent **w1, **w2, **w3;
    /* the first "said" read from its start, the last to its end; "," and "x" of 1 byte */
    assert_int_equal(entries(&w1, c, "said , abcdefgh x told abcdefgh , said"), 8);
    assert_ptr_equal(w1[0], w1[7]);
    assert_ptr_equal(w1[2], w1[5]);
    assert_ptr_equal(w1[1], w1[6]);
    assert_ptr_not_equal(w1[0], w1[4]);
    assert_int_equal(entries(&w2, c, "said"), 1); /* copied: fewer than 8 bytes */
    assert_ptr_equal(w2[0], w1[0]);
    assert_int_equal(entries(&w3, c, "x told,"), 3); /* "told" copied too */
    assert_ptr_equal(w3[0], w1[3]);
    assert_ptr_equal(w3[1], w1[4]);
    assert_ptr_equal(w3[2], w1[1]);
    assert_ptr_equal(chr__wordcache_get(c, "abcdefgh", 8), w1[2]);
    assert_ptr_equal(chr__wordcache_get(c, "told", 4), w1[4]);
    free(w1);
    free(w2);
    free(w3);
    chr__wordcache_free(c);
    chr__event_model_free(a);
}

/* The part-of-speech guess of a word from its suffix (the feature g): each suffix, words too short for it
 * (it needs 3 bytes before it), and -ness and -ous, which end in -s too. */
static void test_guess(void **state) {
    (void)state;
    static const struct {
        const char *word, *guess;
    } cases[] = {
        {"singing", "ING"}, {"sing", "-"},       {"walked", "ED"},   {"station", "NEV"},  {"mission", "NEV"},
        {"payment", "NEV"}, {"moment", "-"},     {"balance", "NEV"}, {"absence", "NEV"},  {"nature", "NEV"},
        {"final", "AL"},    {"ability", "NST"},  {"city", "-"},      {"kindness", "NST"}, {"oness", "S"},
        {"quickly", "ADV"}, {"famous", "ADJ"},   {"mous", "S"},      {"careful", "ADJ"},  {"active", "ADJ"},
        {"capable", "ADJ"}, {"possible", "ADJ"}, {"realize", "V"},   {"advise", "V"},     {"create", "V"},
        {"worker", "ER"},   {"actor", "ER"},     {"artist", "ER"},   {"buses", "S"},      {"bus", "-"},
        {"Running", "ING"}, {"x", "-"},          {"overseas", "S"},  {"glass", "S"},      {"report", "-"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        chr__ev_tok x;
        chr__ev_prepare_one(&x, NULL, cases[i].word, strlen(cases[i].word));
        assert_string_equal(x.g, cases[i].guess);
        assert_int_equal(x.gl, strlen(cases[i].guess));
    }
}

/* Events are numbered e1, e2, ... and ei1, ei2, ... in text order, as snprintf writes the numbers, past
 * the carries into a new digit (9 -> 10, 99 -> 100, 999 -> 1000): the detector counts up in decimal. */
static void test_event_numbers(void **state) {
    (void)state;
    chr_engine *e = NULL;
    assert_int_equal(chr_engine_new(&e, NULL, NULL), 0);
    static const char sentence[] = "Officials said it. ";
    const size_t reps = 1100, sl = sizeof sentence - 1;
    char *text = malloc(reps * sl + 1);
    assert_non_null(text);
    for (size_t k = 0; k < reps; k++)
        memcpy(text + k * sl, sentence, sl);
    text[reps * sl] = '\0';
    chr_event *ev = NULL;
    size_t n = detect_with(&ev, e->events, NULL, text);
    assert_true(n >= 1000);
    for (size_t k = 0; k < n; k++) {
        char id[32], instance[32];
        snprintf(id, sizeof id, "e%zu", k + 1);
        snprintf(instance, sizeof instance, "ei%zu", k + 1);
        assert_string_equal(ev[k].id, id);
        assert_string_equal(ev[k].instance, instance);
    }
    free(ev);
    free(text);
    chr_engine_free(e);
}

/* The tagger's scoring (chr__ev_score_word; chr__ev_score_context, from rows kept per word and per model)
 * adds up to what the features composed as the trainer composes them give (chr__ev_score_part), at every
 * token after each previous decision: the built-in model, on the Kerry sample and on text with sentence
 * edges, auxiliaries over adverbs and negation, a word too long to cache, quotes, numbers and capitals. */
static void test_tagger_scores(void **state) {
    (void)state;
    chr_engine *e = NULL;
    assert_int_equal(chr_engine_new(&e, NULL, NULL), 0);
    const chr__event_model *m = e->events;
    assert_non_null(m);
    static char sample_text[1 << 16];
    FILE *f = fopen(CHRONICLE_SOURCE_DIR "/samples/kerry-iran-2014-12-03.txt", "rb");
    assert_non_null(f);
    size_t sn = fread(sample_text, 1, sizeof sample_text - 1, f);
    fclose(f);
    sample_text[sn] = '\0';
    const char *texts[] = {
        "Said. He has not really been TOLD, yet \"they\" won't have quickly left in 2014 ; U.S.-led "
        "Notwithstandinganythingtothecontrarysaid talks will be held. IBM Corp. to be acquired",
        sample_text};
    int nonzero = 0;
    for (size_t d = 0; d < sizeof texts / sizeof *texts; d++) {
        const char *text = texts[d];
        chr__tokens toks;
        assert_int_equal(chr__tokenize(&toks, text, strlen(text)), 0);
        chr__ev_tok *t = malloc(toks.n * sizeof *t);
        const chr__ev_tok **tp = malloc(toks.n * sizeof *tp);
        assert_non_null(t);
        assert_non_null(tp);
        chr__ev_prepare(t, m, text, &toks);
        for (size_t i = 0; i < toks.n; i++)
            tp[i] = &t[i];
        static const char pls[] = {0, 'E', 'O'};
        for (size_t i = 0; i < toks.n; i++)
            for (size_t k = 0; k < sizeof pls; k++) {
                int32_t a[12] = {0}, b[12] = {0};
                chr__ev_score_part(t, &toks, i, CHR__EV_WORD, m, a);
                chr__ev_score_word(&t[i], m, b);
                assert_memory_equal(a, b, sizeof a);
                memset(a, 0, sizeof a);
                memset(b, 0, sizeof b);
                t[i].pl = pls[k];
                chr__ev_score_part(t, &toks, i, CHR__EV_CONTEXT, m, a);
                chr__ev_score_context(tp, &toks, i, pls[k], m, b);
                assert_memory_equal(a, b, sizeof a);
                nonzero += a[CHR__EV_EVENT] != 0;
            }
        free(tp);
        free(t);
        chr__tokens_free(&toks);
    }
    assert_true(nonzero > 100);
    chr_engine_free(e);
}

/* chr_extract_with and a scratch kept over several documents give what chr_extract gives, the linker's
 * actors and summaries too (its word bits kept in the scratch from one document to the next); a scratch of
 * another engine is refused. */
static void test_scratch(void **state) {
    (void)state;
    chr_engine *e = NULL, *other = NULL;
    assert_int_equal(chr_engine_new(&e, NULL, NULL), 0);
    assert_int_equal(chr_engine_new(&other, NULL, NULL), 0);
    chr_scratch *s = NULL;
    assert_int_equal(chr_scratch_new(&s, e, NULL), 0);
    static const char *const texts[] = {
        "Kerry said on Wednesday that Iran has not attacked the United States since 1979.",
        "Officials will meet next week. KERRY SAID nothing; the talks were held on Monday.",
        "Kerry said Wednesday the U.S. would be happy to have Iran's help, officials said.",
        "The company\xE2\x80\x99s chief, who had quietly resigned, said on Friday that it "
        "wouldn\xE2\x80\x99t pay. Officials in Washington said the talks would resume."};
    int actors = 0;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        chr_doc *doc = NULL;
        assert_int_equal(chr_doc_from_text(&doc, texts[i], strlen(texts[i]), NULL), 0);
        assert_int_equal(chr_doc_set_dct(doc, "2014-12-03", CHR_DCT_OPTION, NULL), 0);
        chr_result *r1 = NULL, *r2 = NULL;
        assert_int_equal(chr_extract(&r1, e, doc, NULL), 0);
        assert_int_equal(chr_extract_with(&r2, e, s, doc, NULL), 0);
        size_t n = chr_result_event_count(r1);
        assert_true(n >= 2);
        assert_int_equal(chr_result_event_count(r2), n);
        for (size_t k = 0; k < n; k++) {
            const chr_event *x = chr_result_event(r1, k), *y = chr_result_event(r2, k);
            assert_int_equal(x->start, y->start);
            assert_int_equal(x->cls, y->cls);
            assert_int_equal(x->tense, y->tense);
            assert_string_equal(x->summary, y->summary);
            assert_string_equal(x->actor, y->actor);
            assert_int_equal(x->time.timex, y->time.timex);
            actors += x->actor[0] != '\0';
        }
        chr_result_free(r1);
        chr_result_free(r2);
        chr_error err;
        memset(&err, 0, sizeof err);
        assert_int_equal(chr_extract_with(&r2, other, s, doc, &err), CHR_EINVAL);
        assert_null(r2);
        assert_non_null(strstr(err.message, "another engine"));
        chr_doc_free(doc);
    }
    assert_true(actors >= 4);
    chr_scratch_free(s);
    chr_scratch_free(NULL);
    chr_engine_free(e);
    chr_engine_free(other);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_event_in_time),
        cmocka_unit_test(test_word_cache),
        cmocka_unit_test(test_word_cache_keys),
        cmocka_unit_test(test_tagger_scores),
        cmocka_unit_test(test_event_numbers),
        cmocka_unit_test(test_guess),
        cmocka_unit_test(test_scratch),
        cmocka_unit_test(test_gold_events_instances_tlinks),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_model_file_errors),
        cmocka_unit_test(test_train_is_deterministic_and_detects),
        cmocka_unit_test(test_model_features_with_bars),
        cmocka_unit_test(test_tense_rules),
        cmocka_unit_test(test_previous_label_feature),
        cmocka_unit_test(test_model_compiled_form),
        cmocka_unit_test(test_near_time),
        cmocka_unit_test(test_feature_hash),
        cmocka_unit_test(test_builtin_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
