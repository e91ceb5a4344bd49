/* test_timeline_reduce.c: the reduce of a distributed run: timelines of parts of a corpus, read back
 * from their JSON (chr_timeline_from_json) and merged (chr_timeline_merge), give the timeline of the
 * whole, byte for byte, whatever the grouping and order; mentions that were apart in each part become one
 * entry; a document in two parts, other entities and malformed JSON are errors that leave things as they
 * were. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "engine.h" /* struct chr_result */
#include "internal.h"

#define NDOCS 4

static chr_doc *docs[NDOCS];
static chr_result *results[NDOCS];

/* A document id with one event: word in text, dated by value (a day) via t1. */
static void doc_with(int k, const char *id, const char *text, const char *word, const char *value,
                     chr_event_class cls, const char *summary) {
    chr_result *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->events = calloc(1, sizeof *r->events);
    r->timexes = calloc(1, sizeof *r->timexes);
    assert_non_null(r->events);
    assert_int_equal(chr_doc_from_text(&docs[k], text, strlen(text), NULL), 0);
    assert_int_equal(chr_doc_set_id(docs[k], id), 0);
    assert_int_equal(chr_doc_set_dct(docs[k], "2014-12-05T10:30", CHR_DCT_OPTION, NULL), 0);
    strcpy(r->timexes[0].id, "t1");
    strcpy(r->timexes[0].value, value);
    r->n = r->cap = 1;
    chr_event *ev = &r->events[0];
    const char *p = strstr(text, word);
    assert_non_null(p);
    strcpy(ev->id, "e1");
    ev->start = ev->cp_start = (size_t)(p - text);
    ev->end = ev->cp_end = ev->start + strlen(word);
    ev->sent_end = ev->cp_sent_end = strlen(text);
    ev->cls = cls;
    ev->actor = ev->source = "";
    ev->summary = summary;
    ev->time.timex = value[0] ? 0 : -2;
    ev->time.relation = CHR_REL_IS_INCLUDED;
    strcpy(ev->time.value, value);
    ev->time.gran = CHR_GRAN_DAY;
    ev->time.rule = "same-sentence";
    r->nevents = 1;
    results[k] = r;
}

static int setup(void **state) {
    (void)state;
    /* the launch told by tue and fri (one entry when both are in), a report, an undated event */
    doc_with(0, "tue", "Apple launched the phone Monday.", "launched", "2014-12-01", CHR_EVENT_OCCURRENCE,
             "Apple launched the phone Monday");
    doc_with(1, "fri", "Apple launches its phone: the launch was last Monday.", "launches", "2014-12-01",
             CHR_EVENT_OCCURRENCE, "Apple launches its phone");
    doc_with(2, "other", "Officials said so on Monday.", "said", "2014-12-01", CHR_EVENT_REPORTING,
             "Officials said so");
    doc_with(3, "undated", "Apple will grow.", "grow", "", CHR_EVENT_OCCURRENCE, "Apple will grow");
    return 0;
}

static int teardown(void **state) {
    (void)state;
    for (int i = 0; i < NDOCS; i++) {
        chr_doc_free(docs[i]);
        chr_result_free(results[i]);
    }
    return 0;
}

/* The timeline of the documents whose bit is set in mask. */
static chr_timeline *part(unsigned mask, const char *entity) {
    chr_timeline *tl;
    assert_int_equal(chr_timeline_new(&tl), 0);
    assert_int_equal(chr_timeline_set_entity(tl, entity), 0);
    for (int i = 0; i < NDOCS; i++)
        if (mask & (1u << i))
            assert_int_equal(chr_timeline_add(tl, docs[i], results[i], NULL), 0);
    return tl;
}

static char *dump(const chr_timeline *tl) {
    json_t *j = chr_timeline_json(tl);
    assert_non_null(j);
    char *s = json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT);
    json_decref(j);
    assert_non_null(s);
    return s;
}

/* tl read back from its own JSON. */
static chr_timeline *reread(const chr_timeline *tl) {
    json_t *j = chr_timeline_json(tl);
    chr_timeline *out = NULL;
    chr_error err;
    int st = chr_timeline_from_json(&out, j, &err);
    if (st)
        fail_msg("from_json: %s", err.message);
    json_decref(j);
    return out;
}

static void test_roundtrip(void **state) {
    (void)state;
    chr_timeline *all = part(0xF, NULL), *back = reread(all);
    char *a = dump(all), *b = dump(back);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "\"from\":\"2014-12-01\",\"to\":\"2014-12-01\""));
    assert_int_equal(chr_timeline_count(back), 2);
    assert_int_equal(chr_timeline_undated_count(back), 1);
    free(a);
    free(b);
    chr_timeline_free(all);
    chr_timeline_free(back);
}

static void test_groupings(void **state) {
    (void)state;
    chr_timeline *all = part(0xF, NULL);
    char *want = dump(all);
    /* every split into two parts, merged both ways, read back from JSON */
    for (unsigned m = 0; m <= 0xF; m++) {
        for (int way = 0; way < 2; way++) {
            chr_timeline *a = part(way ? m : 0xF & ~m, NULL), *b = part(way ? 0xF & ~m : m, NULL);
            chr_timeline *ra = reread(a), *rb = reread(b);
            assert_int_equal(chr_timeline_merge(ra, rb, NULL), 0);
            char *got = dump(ra);
            assert_string_equal(got, want);
            free(got);
            chr_timeline_free(a);
            chr_timeline_free(b);
            chr_timeline_free(ra);
            chr_timeline_free(rb);
        }
    }
    /* ((tue + other) + undated) + fri: the launch was two entries apart (tue's, and fri's) and is one */
    chr_timeline *x = part(0x1 | 0x4, NULL), *y = part(0x8, NULL), *z = part(0x2, NULL);
    assert_int_equal(chr_timeline_count(x), 2);
    assert_int_equal(chr_timeline_merge(x, y, NULL), 0);
    assert_int_equal(chr_timeline_merge(x, z, NULL), 0);
    assert_int_equal(chr_timeline_count(x), 2);
    char *got = dump(x);
    assert_string_equal(got, want);
    assert_non_null(strstr(got, "\"merged_by\":[\"same-day+same-trigger\"]"));
    free(got);
    chr_timeline_free(x);
    chr_timeline_free(y);
    chr_timeline_free(z);
    /* an empty part changes nothing */
    chr_timeline *e = part(0, NULL);
    assert_int_equal(chr_timeline_merge(all, e, NULL), 0);
    got = dump(all);
    assert_string_equal(got, want);
    free(got);
    chr_timeline_free(e);
    free(want);
    chr_timeline_free(all);
}

static void test_merge_errors(void **state) {
    (void)state;
    chr_error err;
    chr_timeline *a = part(0x3, NULL), *b = part(0x6, NULL), *c = part(0x4, "Apple");
    char *before = dump(a);
    /* fri in both: the same article twice */
    assert_int_equal(chr_timeline_merge(a, b, &err), CHR_EINVAL);
    assert_non_null(strstr(err.message, "\"fri\" is in both"));
    assert_int_equal(chr_timeline_merge(a, c, &err), CHR_EINVAL);
    assert_non_null(strstr(err.message, "different entities"));
    assert_int_equal(chr_timeline_merge(a, a, &err), CHR_EINVAL);
    assert_int_equal(chr_timeline_merge(NULL, a, NULL), CHR_EINVAL);
    char *after = dump(a);
    assert_string_equal(before, after);
    free(before);
    free(after);
    chr_timeline_free(a);
    chr_timeline_free(b);
    chr_timeline_free(c);
}

/* from_json on the JSON of all four documents changed by edit; expect CHR_EJSON and where in the message. */
static void bad_json(void (*edit)(json_t *), const char *where) {
    chr_timeline *all = part(0xF, NULL), *out = (chr_timeline *)&out;
    json_t *j = chr_timeline_json(all);
    chr_error err;
    edit(j);
    assert_int_equal(chr_timeline_from_json(&out, j, &err), CHR_EJSON);
    assert_null(out);
    if (!strstr(err.message, where))
        fail_msg("expected \"%s\" in \"%s\"", where, err.message);
    json_decref(j);
    chr_timeline_free(all);
}

static json_t *source0(json_t *j) {
    return json_array_get(json_object_get(json_array_get(json_object_get(j, "entries"), 0), "sources"), 0);
}
static void v1(json_t *j) { json_object_set_new(j, "version", json_integer(1)); }
static void unknown_doc(json_t *j) { json_object_set_new(source0(j), "document", json_string("nope")); }
static void bad_class(json_t *j) { json_object_set_new(source0(j), "class", json_string("PARTY")); }
static void no_from(json_t *j) { json_object_del(json_object_get(source0(j), "time"), "from"); }
static void bad_day(json_t *j) {
    json_object_set_new(json_object_get(source0(j), "time"), "begin", json_string("2014-02-30"));
}
static void twice(json_t *j) {
    json_t *srcs = json_object_get(json_array_get(json_object_get(j, "entries"), 0), "sources");
    json_array_append_new(srcs, json_deep_copy(json_array_get(srcs, 0)));
}
static void dup_doc(json_t *j) {
    json_t *d = json_object_get(j, "documents");
    json_array_append_new(d, json_deep_copy(json_array_get(d, json_array_size(d) - 1)));
}

static void test_from_json_errors(void **state) {
    (void)state;
    chr_timeline *out;
    bad_json(v1, "version 1, expected 2");
    bad_json(unknown_doc, "entries[0].sources[0].document: not one of");
    bad_json(bad_class, "entries[0].sources[0].class: unknown name");
    bad_json(no_from, "entries[0].sources[0].time.from: missing");
    bad_json(bad_day, "entries[0].sources[0].time.begin: expected a day");
    bad_json(twice, "].event: the same mention twice");
    bad_json(dup_doc, "documents[4].id: a document id twice");
    json_t *arr = json_array();
    assert_int_equal(chr_timeline_from_json(&out, arr, NULL), CHR_EJSON);
    json_decref(arr);
    assert_int_equal(chr_timeline_from_json(NULL, NULL, NULL), CHR_EINVAL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_groupings),
        cmocka_unit_test(test_merge_errors),
        cmocka_unit_test(test_from_json_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
