/* test_timeline_part.c: the timeline written piece by piece (chr_timeline_json_write) is the bytes of
 * json_dumps of chr_timeline_json, pretty, compact and with spaces (and its JSON Lines view the lines of
 * its entries), also with ids and words that need
 * escapes (quotes, backslashes, control characters, non-ASCII); the part format (chr_timeline_part_write,
 * chr_timeline_from_part) gives back the same timeline, alone or merged in any grouping, several parts
 * in one buffer; bad parts are errors that say which line; a writer that stops is CHR_EIO. The timeline
 * JSON read from a stream an entry at a time (chr_timeline_read_json) is the timeline, pretty or compact,
 * several in one stream, keys in another order; its errors are those of chr_timeline_from_json. */
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

/* A document id with two events: word in text, dated by value (a day) via t1, and "grow", undated. */
static void doc_with(int k, const char *id, const char *text, const char *word, const char *value,
                     chr_event_class cls, const char *actor, const char *summary) {
    chr_result *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->events = calloc(2, sizeof *r->events);
    r->timexes = calloc(1, sizeof *r->timexes);
    assert_non_null(r->events);
    assert_int_equal(chr_doc_from_text(&docs[k], text, strlen(text), NULL), 0);
    assert_int_equal(chr_doc_set_id(docs[k], id), 0);
    assert_int_equal(chr_doc_set_dct(docs[k], "2014-12-05T10:30", CHR_DCT_OPTION, NULL), 0);
    strcpy(r->timexes[0].id, "t1");
    strcpy(r->timexes[0].value, value);
    r->n = r->cap = 1;
    for (int i = 0; i < 2; i++) {
        chr_event *ev = &r->events[i];
        const char *w = i ? "grow" : word;
        const char *p = strstr(text, w);
        assert_non_null(p);
        strcpy(ev->id, i ? "e2" : "e1");
        ev->start = ev->cp_start = (size_t)(p - text);
        ev->end = ev->cp_end = ev->start + strlen(w);
        ev->sent_end = ev->cp_sent_end = strlen(text);
        ev->cls = i ? CHR_EVENT_OCCURRENCE : cls;
        ev->actor = actor;
        ev->source = "";
        ev->summary = summary;
        ev->time.timex = i ? -2 : 0;
        ev->time.relation = CHR_REL_IS_INCLUDED;
        strcpy(ev->time.value, i ? "" : value);
        ev->time.gran = CHR_GRAN_DAY;
        ev->time.rule = "same-sentence";
    }
    r->nevents = 2;
    results[k] = r;
}

static int setup(void **state) {
    (void)state;
    doc_with(0, "tue \"quoted\" \\ back", "Apple launched the phone Monday; it will grow.", "launched",
             "2014-12-01", CHR_EVENT_OCCURRENCE, "Apple \"Inc.\"", "Apple launched the phone\tMonday");
    doc_with(1, "fri\x01\x1f caf\xc3\xa9", "Apple launches its phone: sales grow.", "launches", "2014-12-01",
             CHR_EVENT_OCCURRENCE, "Apple", "Apple launches its phone \xe2\x80\x94 \xf0\x9f\x93\xb1 a/b");
    doc_with(2, "other", "Officials said so on Monday, sales grow.", "said", "2014-12-01",
             CHR_EVENT_REPORTING, "", "Officials said so\nthen");
    doc_with(3, "zz", "Apple launched the phone in 2013 and will grow.", "launched", "2014-12-04",
             CHR_EVENT_OCCURRENCE, "Apple", "Apple launched the phone");
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

static chr_timeline *part(unsigned mask, const char *entity) {
    chr_timeline *tl;
    assert_int_equal(chr_timeline_new(&tl), 0);
    assert_int_equal(chr_timeline_set_entity(tl, entity), 0);
    for (int i = 0; i < NDOCS; i++)
        if (mask & (1u << i))
            assert_int_equal(chr_timeline_add(tl, docs[i], results[i], NULL), 0);
    return tl;
}

/* A growing buffer as a chr_write_fn; stop_after > 0: fail once that many bytes are in. */
typedef struct sink {
    char *p;
    size_t len, cap, stop_after;
} sink;

static int to_sink(void *ctx, const char *s, size_t len) {
    sink *k = ctx;
    if (k->stop_after && k->len + len > k->stop_after)
        return -1;
    if (k->cap - k->len < len + 1) {
        size_t c = k->cap ? k->cap : 256;
        while (c - k->len < len + 1)
            c *= 2;
        k->p = realloc(k->p, c);
        assert_non_null(k->p);
        k->cap = c;
    }
    memcpy(k->p + k->len, s, len);
    k->len += len;
    k->p[k->len] = '\0';
    return 0;
}

static char *written(const chr_timeline *tl, size_t flags) {
    sink k = {0};
    assert_int_equal(chr_timeline_json_write(tl, flags, to_sink, &k), 0);
    return k.p;
}

static char *dumped(const chr_timeline *tl, size_t flags) {
    json_t *j = chr_timeline_json(tl);
    assert_non_null(j);
    char *s = json_dumps(j, JSON_PRESERVE_ORDER | flags);
    json_decref(j);
    assert_non_null(s);
    return s;
}

/* JSON Lines from the tree: each entry, then each undated event, with "kind", compact, a line each. */
static char *jsonl_dumped(const chr_timeline *tl) {
    json_t *j = chr_timeline_json(tl);
    sink k = {0};
    const char *lists[] = {"entries", "undated"};
    to_sink(&k, "", 0);
    for (int l = 0; l < 2; l++) {
        size_t i;
        json_t *v;
        json_array_foreach(json_object_get(j, lists[l]), i, v) {
            json_object_set_new(v, "kind", json_string(l ? "undated" : "entry"));
            char *line = json_dumps(v, JSON_PRESERVE_ORDER | JSON_COMPACT);
            to_sink(&k, line, strlen(line));
            to_sink(&k, "\n", 1);
            free(line);
        }
    }
    json_decref(j);
    return k.p;
}

static void same_as_jansson(const chr_timeline *tl) {
    const size_t flags[] = {JSON_INDENT(2), JSON_COMPACT, 0, JSON_INDENT(4) | JSON_COMPACT};
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
        char *a = written(tl, flags[i]), *b = dumped(tl, flags[i]);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
    sink k = {0};
    to_sink(&k, "", 0);
    assert_int_equal(chr_timeline_jsonl_write(tl, to_sink, &k), 0);
    char *b = jsonl_dumped(tl);
    assert_string_equal(k.p, b);
    free(k.p);
    free(b);
}

static void test_json_write(void **state) {
    (void)state;
    for (unsigned mask = 0; mask < (1u << NDOCS); mask++) {
        chr_timeline *tl = part(mask, NULL);
        same_as_jansson(tl);
        chr_timeline_free(tl);
    }
    chr_timeline *tl = part(0xF, "Apple");
    same_as_jansson(tl);
    char *s = written(tl, JSON_COMPACT);
    assert_non_null(strstr(s, "\"tue \\\"quoted\\\" \\\\ back\""));
    assert_non_null(strstr(s, "\"fri\\u0001\\u001F caf\xc3\xa9\""));
    assert_non_null(strstr(s, "phone\\tMonday"));
    free(s);
    /* a writer that stops */
    sink k = {0};
    k.stop_after = 100;
    assert_int_equal(chr_timeline_json_write(tl, JSON_INDENT(2), to_sink, &k), CHR_EIO);
    free(k.p);
    assert_int_equal(chr_timeline_json_write(NULL, 0, to_sink, &k), CHR_EINVAL);
    chr_timeline_free(tl);
}

static char *part_text(const chr_timeline *tl) {
    sink k = {0};
    assert_int_equal(chr_timeline_part_write(tl, to_sink, &k), 0);
    return k.p;
}

static chr_timeline *from_part(const char *s, size_t *used) {
    chr_timeline *out = NULL;
    chr_error err;
    int st = chr_timeline_from_part(&out, s, strlen(s), used, &err);
    if (st)
        fail_msg("from_part: %s", err.message);
    return out;
}

static void test_part_roundtrip(void **state) {
    (void)state;
    const char *entities[] = {NULL, "Apple"};
    for (int e = 0; e < 2; e++) {
        chr_timeline *whole = part(0xF, entities[e]);
        char *want = written(whole, JSON_INDENT(2));
        /* every split into two parts, merged both ways, through the part format */
        for (unsigned mask = 0; mask < (1u << NDOCS); mask++) {
            chr_timeline *a = part(mask, entities[e]), *b = part(0xF & ~mask, entities[e]);
            char *pa = part_text(a), *pb = part_text(b);
            size_t la = strlen(pa), used = 0;
            /* both parts in one buffer: the first read ends where the second begins */
            char *both = malloc(la + strlen(pb) + 1);
            assert_non_null(both);
            strcpy(both, pa);
            strcat(both, pb);
            chr_timeline *ra = from_part(both, &used), *rb = from_part(both + used, NULL);
            assert_int_equal(used, la);
            assert_int_equal(chr_timeline_merge(rb, ra, NULL), 0);
            char *got = written(rb, JSON_INDENT(2));
            assert_string_equal(want, got);
            free(got);
            chr_timeline_free(rb);
            rb = from_part(pb, NULL);
            assert_int_equal(chr_timeline_merge(ra, rb, NULL), 0);
            got = written(ra, JSON_INDENT(2));
            assert_string_equal(want, got);
            /* a part of the merge is the part of the whole */
            char *pm = part_text(ra), *pw = part_text(whole);
            assert_string_equal(pm, pw);
            free(pm);
            free(pw);
            free(got);
            free(both);
            free(pa);
            free(pb);
            chr_timeline_free(a);
            chr_timeline_free(b);
            chr_timeline_free(ra);
            chr_timeline_free(rb);
        }
        free(want);
        chr_timeline_free(whole);
    }
}

/* from_part on s: CHR_EJSON with where in the message. */
static void bad_part(const char *s, const char *where) {
    chr_timeline *out = (chr_timeline *)&out;
    chr_error err;
    assert_int_equal(chr_timeline_from_part(&out, s, strlen(s), NULL, &err), CHR_EJSON);
    assert_null(out);
    if (!strstr(err.message, where))
        fail_msg("expected \"%s\" in \"%s\"", where, err.message);
}

/* The part of the whole with line k (1-based) replaced by line. */
static char *with_line(size_t k, const char *line) {
    chr_timeline *tl = part(0xF, NULL);
    char *s = part_text(tl), *out = malloc(strlen(s) + strlen(line) + 2);
    assert_non_null(out);
    char *p = s;
    for (size_t i = 1; i < k; i++)
        p = strchr(p, '\n') + 1;
    char *end = strchr(p, '\n');
    memcpy(out, s, (size_t)(p - s));
    strcpy(out + (p - s), line);
    strcat(out, end);
    free(s);
    chr_timeline_free(tl);
    return out;
}

static void test_part_errors(void **state) {
    (void)state;
    bad_part("", "line 1: empty");
    bad_part("{\"version\":2}\n", "line 1: not a part");
    bad_part("[\"chronicle-part\",2,\"\",0,0]\n", "version 2, expected 1");
    bad_part("[\"chronicle-part\",1,\"\",1,0]\n", "line 2: the part ends early");
    bad_part("[\"chronicle-part\",1,\"\",1,0]\n[\"a\",\"2014-13-45\"]\n", "line 2: the document date");
    bad_part("[\"chronicle-part\",1,\"\",2,0]\n[\"b\",\"\"]\n[\"a\",\"\"]\n",
             "line 3: documents not in id order");
    bad_part("[\"chronicle-part\",1,\"\",2,0]\n[\"a\",\"\"]\n[\"a\",\"\"]\n", "line 3: a document id twice");
    bad_part("[\"chronicle-part\",1,\"\",1,1]\n[\"a\",\"\"]\n[0,0]\n", "line 3: not a mention");
    bad_part("[\"chronicle-part\",1,\"\",1,0]\n[\"a\\q\",\"\"]\n", "line 2: a bad escape");
    bad_part("[\"chronicle-part\",1,\"\",1,0]\n[\"a\",\"\"] x\n", "line 2: something after the array");
    bad_part("[\"chronicle-part\",1,\"\",1,0]\n[\"a\\ud800\",\"\"]\n", "line 2: a lone surrogate");
    /* a mention: its class, its document, its dates */
    char *s =
        with_line(6, "[1,0,0,\"e1\",0,8,0,40,-1,\"launched\",\"PARTY\",\"PAST\",\"NONE\",0,\"\",\"\","
                     "\"IS_INCLUDED\",\"2014-12-01\",\"t1\",\"r\",\"day\",0,1,16405,1,16406,\"2014-12-01\","
                     "\"2014-12-01\"]");
    bad_part(s, "line 6: an unknown class");
    free(s);
    s = with_line(6, "[1,9,0,\"e1\",0,8,0,40,-1,\"launched\",\"OCCURRENCE\",\"PAST\",\"NONE\",0,\"\",\"\","
                     "\"IS_INCLUDED\",\"2014-12-01\",\"t1\",\"r\",\"day\",0,1,16405,1,16406,\"2014-12-01\","
                     "\"2014-12-01\"]");
    bad_part(s, "line 6: a mention of no document");
    free(s);
    s = with_line(6, "[1,0,0,\"e1\",0,8,0,40,-1,\"launched\",\"OCCURRENCE\",\"PAST\",\"NONE\",0,\"\",\"\","
                     "\"IS_INCLUDED\",\"2014-12-01\",\"t1\",\"r\",\"day\",0,1,16405,1,16406,\"\","
                     "\"2014-12-01\"]");
    bad_part(s, "line 6: \"from\" and \"to\" do not match");
    free(s);
    chr_timeline *out;
    assert_int_equal(chr_timeline_from_part(NULL, "", 0, NULL, NULL), CHR_EINVAL);
    assert_int_equal(chr_timeline_from_part(&out, "[", 1, NULL, NULL), CHR_EJSON);
}

/* chr_timeline_read_json of the text s (a stream): the timeline, or NULL with the error in *err. */
static chr_timeline *read_stream(const char *s, chr_error *err, int *st, FILE **keep) {
    FILE *f = fmemopen((void *)s, strlen(s), "r");
    chr_timeline *out = NULL;
    assert_non_null(f);
    *st = chr_timeline_read_json(&out, f, err);
    if (keep)
        *keep = f;
    else
        fclose(f);
    return out;
}

static void test_read_json(void **state) {
    (void)state;
    chr_error err;
    int st;
    for (unsigned mask = 0; mask < (1u << NDOCS); mask++) {
        chr_timeline *tl = part(mask, mask & 1 ? "Apple" : NULL);
        char *want = written(tl, JSON_INDENT(2));
        const size_t flags[] = {JSON_INDENT(2), JSON_COMPACT};
        for (int k = 0; k < 2; k++) {
            char *in = written(tl, flags[k]);
            chr_timeline *back = read_stream(in, &err, &st, NULL);
            if (st)
                fail_msg("read_json: %s", err.message);
            char *got = written(back, JSON_INDENT(2));
            assert_string_equal(want, got);
            free(got);
            free(in);
            chr_timeline_free(back);
        }
        free(want);
        chr_timeline_free(tl);
    }
    /* two in one stream, the second right after the first */
    chr_timeline *a = part(0x3, NULL), *b = part(0xC, NULL), *whole = part(0xF, NULL);
    char *ta = written(a, JSON_COMPACT), *tb = written(b, JSON_INDENT(2));
    char *both = malloc(strlen(ta) + strlen(tb) + 3);
    assert_non_null(both);
    sprintf(both, "%s\n%s\n", ta, tb);
    FILE *f;
    chr_timeline *ra = read_stream(both, &err, &st, &f), *rb = NULL;
    assert_int_equal(st, 0);
    assert_int_equal(chr_timeline_read_json(&rb, f, &err), 0);
    fclose(f);
    assert_int_equal(chr_timeline_merge(ra, rb, NULL), 0);
    char *w = written(whole, JSON_COMPACT), *g = written(ra, JSON_COMPACT);
    assert_string_equal(w, g);
    free(g);
    chr_timeline_free(ra);
    chr_timeline_free(rb);
    /* keys in another order: the lists before the documents, the version last */
    json_t *j = json_loads(w, 0, NULL), *o = json_object();
    const char *order[] = {"undated", "entries", "conflicts", "entity", "documents", "schema", "version"};
    for (size_t i = 0; i < sizeof order / sizeof *order; i++)
        json_object_set(o, order[i], json_object_get(j, order[i]));
    char *re = json_dumps(o, JSON_PRESERVE_ORDER | JSON_INDENT(1));
    assert_true(strstr(re, "\"undated\"") < strstr(re, "\"documents\""));
    ra = read_stream(re, &err, &st, NULL);
    if (st)
        fail_msg("read_json, keys reordered: %s", err.message);
    g = written(ra, JSON_COMPACT);
    assert_string_equal(w, g);
    free(g);
    free(re);
    chr_timeline_free(ra);
    /* errors: the messages of chr_timeline_from_json, and where the text stops being JSON */
    struct {
        const char *from, *to, *where;
    } bad[] = {{"\"version\":2", "\"version\":1", "version 1, expected 2"},
               {"\"match\":null,\"text\":\"launched\",\"class\":\"OCCURRENCE\"",
                "\"match\":null,\"text\":\"launched\",\"class\":\"PARTY\"",
                "].sources[0].class: unknown name"},
               {"\"documents\":[", "\"documents\":{", "documents: expected an array"},
               {"\"entries\":[", "\"entries\":[nul", "not a timeline: "},
               {"\"version\":2,", "", "version missing"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *p = strstr(w, bad[i].from), *e = malloc(strlen(w) + 16);
        assert_non_null(p);
        memcpy(e, w, (size_t)(p - w));
        strcpy(e + (p - w), bad[i].to);
        strcat(e, p + strlen(bad[i].from));
        ra = read_stream(e, &err, &st, NULL);
        if (st != CHR_EJSON)
            fail_msg("case %zu: %d", i, st);
        assert_null(ra);
        if (!strstr(err.message, bad[i].where))
            fail_msg("expected \"%s\" in \"%s\"", bad[i].where, err.message);
        free(e);
    }
    w[strlen(w) / 2] = '\0'; /* cut short */
    assert_null(read_stream(w, &err, &st, NULL));
    assert_int_equal(st, CHR_EJSON);
    assert_non_null(strstr(err.message, "not a timeline: the text ends inside a value"));
    assert_null(read_stream("Apple unveils", &err, &st, NULL));
    assert_non_null(strstr(err.message, "not a timeline: expected a JSON object"));
    assert_int_equal(chr_timeline_read_json(NULL, NULL, NULL), CHR_EINVAL);
    json_decref(j);
    json_decref(o);
    free(w);
    free(ta);
    free(tb);
    free(both);
    chr_timeline_free(a);
    chr_timeline_free(b);
    chr_timeline_free(whole);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_write),
        cmocka_unit_test(test_part_roundtrip),
        cmocka_unit_test(test_part_errors),
        cmocka_unit_test(test_read_json),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
