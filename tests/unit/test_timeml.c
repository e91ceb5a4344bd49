/* test_timeml.c: the TimeML reader (extract/timeml.c) and writer (render/timeml.c): text, id, DCT and
 * gold timexes from small inline files, the malformed inputs it must refuse, byte-identical
 * passthrough of the writer, and, when the shared corpora are present, that every TE3-Platinum gold
 * file has the same text as its .TE3input and that every corpus file survives render and re-read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "timeml_testutil.h"

#define DCT_PART                                                                                             \
    "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2013-03-22\" temporalFunction=\"false\" "                 \
    "functionInDocument=\"CREATION_TIME\">March 22, 2013</TIMEX3></DCT>\n"

static const char sample[] =
    "<?xml version=\"1.0\" ?>\n"
    "<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    "<DOCID>AP&amp;T_1</DOCID>\n" DCT_PART "<TITLE>Flu &amp; kids</TITLE>\n"
    "<TEXT>\nCaf\xc3\xa9 <EVENT class=\"OCCURRENCE\" eid=\"e1\">opened</EVENT> "
    "<TIMEX3 value='P1M' tid='t1' type='DURATION'>a month</TIMEX3> ago &amp; closed "
    "<TIMEX3\n  type=\"DATE\"   value=\"2013-W11\" mod=\"START\" tid=\"t2\">the last week</TIMEX3>: "
    "&lt;b&gt; &quot;x&quot; &apos;y&apos; &#233;&#x20AC; &nbsp; <SIGNAL sid=\"s1\">by</SIGNAL> "
    "<TIMEX3 tid=\"t3\" type=\"SET\" value=\"P1W\" quant=\"EVERY\" freq=\"2X\">"
    "<EVENT eid=\"e2\">every</EVENT> week</TIMEX3>.\n</TEXT>\n"
    "<TLINK lid=\"l1\" relType=\"BEFORE\" eventInstanceID=\"ei1\" relatedToTime=\"t0\"/>\n"
    "</TimeML>\n";

static const char sample_text[] = "\nCaf\xc3\xa9 opened a month ago & closed the last week: <b> \"x\" 'y' "
                                  "\xc3\xa9\xe2\x82\xac &nbsp; by every week.\n";

static chr_doc *parse_ok(const char *xml) {
    chr_doc *doc = NULL;
    chr_error err;
    memset(&err, 0, sizeof err);
    int rc = chr_doc_from_timeml(&doc, xml, strlen(xml), &err);
    if (rc != 0)
        fail_msg("parse failed (%d): %s at %zu", rc, err.message, err.offset);
    return doc;
}

/* The code, and the offset in err->offset, of a parse that must fail. */
static int parse_bad(const char *xml, size_t len, size_t *offset) {
    chr_doc *doc = (chr_doc *)1;
    chr_error err;
    memset(&err, 0, sizeof err);
    int rc = chr_doc_from_timeml(&doc, xml, len, &err);
    assert_null(doc);
    assert_int_equal(rc, err.code);
    assert_true(err.message[0] != '\0');
    if (offset)
        *offset = err.offset;
    return rc;
}

static size_t off_of(const char *hay, const char *needle) {
    const char *p = strstr(hay, needle);
    assert_non_null(p);
    return (size_t)(p - hay);
}

static void test_reads_text_id_dct_and_gold(void **state) {
    (void)state;
    chr_doc *doc = parse_ok(sample);
    size_t len = 0;
    const char *text = chr_doc_text(doc, &len);
    assert_int_equal(len, strlen(sample_text));
    assert_memory_equal(text, sample_text, len);
    assert_string_equal(chr_doc_id(doc), "AP&T_1");
    assert_int_equal(chr_doc_format(doc), CHR_FORMAT_TIMEML);
    chr_time dct;
    assert_int_equal(chr_doc_dct(doc, &dct), CHR_DCT_TIMEML);
    assert_int_equal(dct.day, chr_date_days(2013, 3, 22));
    assert_int_equal(dct.gran, CHR_GRAN_DAY);

    assert_int_equal(chr_doc_gold_count(doc), 3);
    const chr_timex *t1 = chr_doc_gold(doc, 0), *t2 = chr_doc_gold(doc, 1), *t3 = chr_doc_gold(doc, 2);
    assert_string_equal(t1->id, "t1");
    assert_int_equal(t1->type, CHR_TIMEX_DURATION);
    assert_string_equal(t1->value, "P1M");
    assert_int_equal(t1->start, off_of(text, "a month"));
    assert_int_equal(t1->end, t1->start + 7);
    /* "Café" has one two-byte code point before the timex */
    assert_int_equal(t1->cp_start, t1->start - 1);
    assert_int_equal(t1->cp_end, t1->end - 1);
    assert_string_equal(t2->id, "t2");
    assert_int_equal(t2->type, CHR_TIMEX_DATE);
    assert_string_equal(t2->value, "2013-W11");
    assert_string_equal(t2->mod, "START");
    assert_int_equal(t2->start, off_of(text, "the last week"));
    assert_int_equal(t2->end, t2->start + strlen("the last week"));
    assert_int_equal(t3->type, CHR_TIMEX_SET);
    assert_string_equal(t3->quant, "EVERY");
    assert_string_equal(t3->freq, "2X");
    assert_int_equal(t3->start, off_of(text, "every week"));
    assert_int_equal(t3->end, t3->start + strlen("every week"));
    /* three code points (é, é, €) of 2, 2 and 3 bytes before it: 4 bytes more than code points */
    assert_int_equal(t3->cp_start, t3->start - 4);

    size_t raw_len, tb, te;
    const char *raw = chr_doc_raw(doc, &raw_len, &tb, &te);
    assert_int_equal(raw_len, strlen(sample));
    assert_memory_equal(raw, sample, raw_len);
    assert_int_equal(tb, off_of(sample, "<TEXT>") + 6);
    assert_int_equal(te, off_of(sample, "</TEXT>"));
    chr_doc_free(doc);
}

static void test_no_dct_and_creation_time_fallback(void **state) {
    (void)state;
    chr_doc *doc = parse_ok("<TimeML><TEXT>On <TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\" "
                            "functionInDocument=\"CREATION_TIME\">Jan 8</TIMEX3> it rained.</TEXT></TimeML>");
    chr_time dct;
    assert_int_equal(chr_doc_dct(doc, &dct), CHR_DCT_TIMEML);
    assert_int_equal(dct.day, chr_date_days(1998, 1, 8));
    assert_int_equal(chr_doc_gold_count(doc), 0); /* the creation time is not a body timex */
    assert_string_equal(chr_doc_id(doc), "");
    chr_doc_free(doc);

    doc = parse_ok("<TimeML><TEXT>plain</TEXT></TimeML>");
    assert_int_equal(chr_doc_dct(doc, &dct), CHR_DCT_NONE);
    chr_doc_free(doc);
}

static void test_sentence_tags_keep_sentences_apart(void **state) {
    (void)state;
    chr_doc *doc =
        parse_ok("<TimeML><TEXT><s id=\"1\">January 09 , 2008</s><s id=\"2\">The <EVENT eid=\"e1\">"
                 "change</EVENT> .</s>\n<s id=\"3\">Done</s></TEXT></TimeML>");
    size_t len;
    const char *text = chr_doc_text(doc, &len);
    assert_string_equal(text, "January 09 , 2008\nThe change .\nDone\n");
    chr_doc_free(doc);
}

static void test_refuses_malformed_input(void **state) {
    (void)state;
    size_t off = 0;
    const char *no_text = "<TimeML><DOCID>x</DOCID></TimeML>";
    assert_int_equal(parse_bad(no_text, strlen(no_text), NULL), CHR_EFORMAT);

    const char *unbalanced = "<TimeML><TEXT>a <EVENT>b</SIGNAL> c</TEXT></TimeML>";
    assert_int_equal(parse_bad(unbalanced, strlen(unbalanced), &off), CHR_EFORMAT);
    assert_int_equal(off, off_of(unbalanced, "</SIGNAL>"));

    const char *nested = "<TimeML><TEXT><TIMEX3 type=\"DATE\" value=\"2010\"><TIMEX3 type=\"DATE\" "
                         "value=\"2010\">2010</TIMEX3></TIMEX3></TEXT></TimeML>";
    assert_int_equal(parse_bad(nested, strlen(nested), &off), CHR_EFORMAT);
    assert_int_equal(off, off_of(nested + 15, "<TIMEX3") + 15); /* the inner one */

    const char *unclosed_attr = "<TimeML><TEXT>a <EVENT eid=\"e1>b</EVENT></TEXT></TimeML>";
    assert_int_equal(parse_bad(unclosed_attr, strlen(unclosed_attr), &off), CHR_EFORMAT);
    assert_int_equal(off, off_of(unclosed_attr, "<EVENT"));

    const char *stray = "<TimeML><TEXT>a < b</TEXT></TimeML>";
    assert_int_equal(parse_bad(stray, strlen(stray), &off), CHR_EFORMAT);
    assert_int_equal(off, 16);

    const char *bad_ref = "<TimeML><TEXT>a &#0; b</TEXT></TimeML>";
    assert_int_equal(parse_bad(bad_ref, strlen(bad_ref), &off), CHR_EFORMAT);
    assert_int_equal(off, 16);

    const char *bad_type =
        "<TimeML><TEXT><TIMEX3 tid=\"t1\" type=\"DAY\" value=\"2010\">2010</TIMEX3></TEXT></TimeML>";
    assert_int_equal(parse_bad(bad_type, strlen(bad_type), NULL), CHR_EFORMAT);

    const char *bad_dct =
        "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2013-02-30\">x</TIMEX3></DCT>"
        "<TEXT>a</TEXT></TimeML>";
    assert_int_equal(parse_bad(bad_dct, strlen(bad_dct), &off), CHR_EFORMAT);
    assert_int_equal(off, off_of(bad_dct, "<TIMEX3"));

    const char *latin1 = "<TimeML><TEXT>caf\xe9</TEXT></TimeML>";
    assert_int_equal(parse_bad(latin1, strlen(latin1), &off), CHR_EUTF8);
    assert_int_equal(off, 17);

    const char with_nul[] = "<TimeML><TEXT>a\0b</TEXT></TimeML>";
    assert_int_equal(parse_bad(with_nul, sizeof with_nul - 1, &off), CHR_EUTF8);
    assert_int_equal(off, 15);

    assert_int_equal(parse_bad("", 0, NULL), CHR_EEMPTY);
}

/* Every proper prefix that cuts into the document is refused cleanly, never read past its end: as
 * malformed, or as invalid UTF-8 when the cut splits a multi-byte character. */
static void test_every_truncation_is_refused(void **state) {
    (void)state;
    size_t full = off_of(sample, "</TimeML>") + strlen("</TimeML>");
    for (size_t n = 1; n < full; n++) {
        char *copy = malloc(n); /* exactly n bytes: a read past the end shows under ASan */
        assert_non_null(copy);
        memcpy(copy, sample, n);
        size_t off = 0;
        int rc = parse_bad(copy, n, &off);
        int split = ((unsigned char)sample[n] & 0xC0) == 0x80;
        assert_int_equal(rc, split ? CHR_EUTF8 : CHR_EFORMAT);
        assert_true(off <= n);
        free(copy);
    }
}

/* s without any <TIMEX3 ...> or </TIMEX3> tag. */
static char *strip_timex_tags(const char *s, size_t len, size_t *out_len) {
    char *out = malloc(len + 1);
    size_t n = 0;
    assert_non_null(out);
    for (size_t i = 0; i < len;) {
        if ((len - i >= 8 && memcmp(s + i, "<TIMEX3", 7) == 0 &&
             (s[i + 7] == ' ' || s[i + 7] == '\n' || s[i + 7] == '\t' || s[i + 7] == '>')) ||
            (len - i >= 9 && memcmp(s + i, "</TIMEX3>", 9) == 0)) {
            const char *gt = memchr(s + i, '>', len - i);
            assert_non_null(gt);
            i = (size_t)(gt - s) + 1;
            continue;
        }
        out[n++] = s[i++];
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

/* Render doc with the timexes tx: outside our tags the output is the input; read back, it has the
 * same text, and our timexes as its gold ones. */
static void check_roundtrip(const chr_doc *doc, const chr_timex *tx, size_t n) {
    chr_result *res = result_of(tx, n);
    char *out = NULL;
    size_t out_len = 0;
    chr_error err;
    assert_non_null(res);
    assert_int_equal(chr_render_timeml(&out, &out_len, doc, res, &err), 0);
    size_t raw_len, tb, te, a_len, b_len;
    const char *raw = chr_doc_raw(doc, &raw_len, &tb, &te);
    char *a = strip_timex_tags(raw, raw_len, &a_len);
    char *b = strip_timex_tags(out, out_len, &b_len);
    assert_int_equal(a_len, b_len);
    assert_memory_equal(a, b, a_len);

    chr_doc *back = NULL;
    int rc = chr_doc_from_timeml(&back, out, out_len, &err);
    if (rc != 0)
        fail_msg("re-read failed: %s at %zu", err.message, err.offset);
    size_t l1, l2;
    const char *t1 = chr_doc_text(doc, &l1), *t2 = chr_doc_text(back, &l2);
    assert_int_equal(l1, l2);
    assert_memory_equal(t1, t2, l1);
    assert_int_equal(chr_doc_gold_count(back), n);
    for (size_t i = 0; i < n; i++) {
        const chr_timex *g = chr_doc_gold(back, i);
        assert_int_equal(g->start, tx[i].start);
        assert_int_equal(g->end, tx[i].end);
        assert_int_equal(g->cp_start, tx[i].cp_start);
        assert_string_equal(g->value, tx[i].value);
        assert_int_equal(g->type, tx[i].type);
    }
    chr_doc_free(back);
    free(a);
    free(b);
    free(out);
    chr_result_free(res);
}

static void test_render_passes_the_file_through(void **state) {
    (void)state;
    chr_doc *doc = parse_ok(sample);
    /* no timexes: the file minus its TEXT's TIMEX3 tags */
    chr_result *none = result_of(NULL, 0);
    char *out = NULL;
    size_t out_len = 0;
    assert_int_equal(chr_render_timeml(&out, &out_len, doc, none, NULL), 0);
    size_t tb = off_of(sample, "<TEXT>"), te = off_of(sample, "</TEXT>");
    assert_memory_equal(out, sample, tb); /* everything before TEXT, the DCT's TIMEX3 included */
    assert_true(out_len > strlen(sample + te));
    assert_string_equal(out + out_len - strlen(sample + te), sample + te);
    assert_null(strstr(out + tb, "<TIMEX3"));
    free(out);
    chr_result_free(none);

    /* its own gold timexes, and timexes cutting across entities, EVENT and SIGNAL tags */
    check_roundtrip(doc, chr_doc_gold(doc, 0), chr_doc_gold_count(doc));
    size_t len;
    const char *text = chr_doc_text(doc, &len);
    chr_timex tx[3];
    memset(tx, 0, sizeof tx);
    tx[0].start = off_of(text, "opened"); /* inside <EVENT>: goes inside it */
    tx[0].end = tx[0].start + 6;
    tx[1].start = off_of(text, "& closed"); /* begins with an entity */
    tx[1].end = off_of(text, "<b>") + 1;    /* ends after &lt; */
    tx[2].start = off_of(text, "by every"); /* around the SIGNAL and the EVENT */
    tx[2].end = len;                        /* up to the end of the text */
    for (size_t i = 0; i < 3; i++) {
        tx[i].cp_start = chr_doc_cp_offset(doc, tx[i].start);
        tx[i].type = CHR_TIMEX_DATE;
        snprintf(tx[i].value, sizeof tx[i].value, "X%zu", i);
    }
    chr_result *res = result_of(tx, 1);
    assert_int_equal(chr_render_timeml(&out, &out_len, doc, res, NULL), 0);
    assert_non_null(strstr(out, "<EVENT class=\"OCCURRENCE\" eid=\"e1\"><TIMEX3 tid=\"t1\" type=\"DATE\" "
                                "value=\"X0\">opened</TIMEX3></EVENT>"));
    free(out);
    chr_result_free(res);
    res = result_of(tx, 3);
    assert_int_equal(chr_render_timeml(&out, &out_len, doc, res, NULL), 0);
    assert_non_null(strstr(out,
                           "<TIMEX3 tid=\"t3\" type=\"DATE\" value=\"X2\"><SIGNAL sid=\"s1\">by</SIGNAL> "
                           "<EVENT eid=\"e2\">every</EVENT> week.\n</TIMEX3></TEXT>"));
    assert_non_null(strstr(out, "<TIMEX3 tid=\"t2\" type=\"DATE\" value=\"X1\">&amp; closed "
                                "the last week: &lt;</TIMEX3>b&gt;"));
    free(out);
    chr_result_free(res);
    check_roundtrip(doc, tx, 3);
    chr_doc_free(doc);

    /* an element inside ours that ends where ours ends: ours closes after it */
    doc = parse_ok("<TimeML><TEXT>a <EVENT>b</EVENT> c</TEXT></TimeML>");
    memset(tx, 0, sizeof tx);
    tx[0].end = 3;
    strcpy(tx[0].value, "V");
    res = result_of(tx, 1);
    assert_int_equal(chr_render_timeml(&out, &out_len, doc, res, NULL), 0);
    assert_string_equal(out, "<TimeML><TEXT><TIMEX3 tid=\"t1\" type=\"DATE\" value=\"V\">a <EVENT>b</EVENT>"
                             "</TIMEX3> c</TEXT></TimeML>");
    free(out);
    chr_result_free(res);
    chr_doc_free(doc);
}

static void test_render_tag_form_and_skips(void **state) {
    (void)state;
    chr_doc *doc = NULL;
    const char *text = "On \"Monday\" & Tuesday <3.";
    assert_int_equal(chr_doc_from_text(&doc, text, strlen(text), NULL), 0);
    assert_int_equal(chr_doc_set_id(doc, "a<b"), 0);
    assert_int_equal(chr_doc_set_dct(doc, "2014-12-03", CHR_DCT_OPTION, NULL), 0);
    chr_timex tx[4];
    memset(tx, 0, sizeof tx);
    tx[0].start = 4; /* Monday */
    tx[0].end = 10;
    strcpy(tx[0].id, "t7");
    strcpy(tx[0].value, "2014-12-01");
    strcpy(tx[0].mod, "\"A&B\"");
    tx[1].start = 5; /* overlaps the previous: skipped */
    tx[1].end = 12;
    tx[2].start = 14; /* Tuesday */
    tx[2].end = 21;
    tx[2].type = CHR_TIMEX_SET;
    strcpy(tx[2].value, "XXXX-WXX-2");
    strcpy(tx[2].quant, "EVERY");
    strcpy(tx[2].freq, "1X");
    tx[3].start = 20; /* beyond the text: skipped */
    tx[3].end = 200;
    chr_result *res = result_of(tx, 4);
    char *out = NULL;
    size_t out_len = 0;
    assert_int_equal(chr_render_timeml(&out, &out_len, doc, res, NULL), 0);
    assert_string_equal(
        out, "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>a&lt;b</DOCID>\n"
             "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2014-12-03\" temporalFunction=\"false\" "
             "functionInDocument=\"CREATION_TIME\">2014-12-03</TIMEX3></DCT>\n"
             "<TEXT>On \"<TIMEX3 tid=\"t7\" type=\"DATE\" value=\"2014-12-01\" "
             "mod=\"&quot;A&amp;B&quot;\">Monday</TIMEX3>\" &amp; "
             "<TIMEX3 tid=\"t2\" type=\"SET\" value=\"XXXX-WXX-2\" quant=\"EVERY\" freq=\"1X\">"
             "Tuesday</TIMEX3> &lt;3.</TEXT>\n</TimeML>\n");
    assert_int_equal(out_len, strlen(out));
    /* what it wrote reads back */
    chr_doc *back = NULL;
    assert_int_equal(chr_doc_from_timeml(&back, out, out_len, NULL), 0);
    size_t len;
    assert_string_equal(chr_doc_text(back, &len), text);
    assert_string_equal(chr_doc_id(back), "a<b");
    assert_int_equal(chr_doc_gold_count(back), 2);
    assert_string_equal(chr_doc_gold(back, 0)->mod, "\"A&B\"");
    chr_doc_free(back);
    free(out);

    /* without a DCT there is no DCT element */
    chr_doc_free(doc);
    assert_int_equal(chr_doc_from_text(&doc, text, strlen(text), NULL), 0);
    assert_int_equal(chr_render_timeml(&out, &out_len, doc, NULL, NULL), 0);
    assert_null(strstr(out, "<DCT>"));
    free(out);
    chr_result_free(res);
    chr_doc_free(doc);
}

/* ---- the corpora ---------------------------------------------------------------------------------- */

static chr_doc *parse_file(const char *dir, const char *name) {
    char path[4096];
    size_t len = 0;
    path_join(path, sizeof path, dir, name);
    char *xml = read_whole(path, &len);
    if (!xml)
        fail_msg("cannot read %s", path);
    chr_doc *doc = NULL;
    chr_error err;
    int rc = chr_doc_from_timeml(&doc, xml, len, &err);
    if (rc != 0)
        fail_msg("%s: %s (byte %zu)", path, err.message, err.offset);
    free(xml);
    return doc;
}

static void test_corpus_platinum_text_matches_input(void **state) {
    (void)state;
    const char *root = corpora_dir();
    if (!root) {
        print_message("skipped: corpora not found\n");
        skip();
    }
    char gold_dir[4096], in_dir[4096];
    if (strlen(root) > 4000)
        fail_msg("corpora path too long: %s", root);
    snprintf(gold_dir, sizeof gold_dir, "%.4000s/te3-platinum", root);
    snprintf(in_dir, sizeof in_dir, "%.4000s/te3-platinum-input", root);
    size_t n = 0, same = 0;
    char **names = list_files(gold_dir, ".tml", &n);
    assert_int_equal(n, 20);
    for (size_t i = 0; i < n; i++) {
        char in_name[1024];
        snprintf(in_name, sizeof in_name, "%s.TE3input", names[i]);
        chr_doc *g = parse_file(gold_dir, names[i]), *in = parse_file(in_dir, in_name);
        size_t gl, il;
        const char *gt = chr_doc_text(g, &gl), *it = chr_doc_text(in, &il);
        if (gl == il && memcmp(gt, it, gl) == 0)
            same++;
        else
            print_error("%s: text differs from its TE3input\n", names[i]);
        assert_string_equal(chr_doc_id(g), chr_doc_id(in));
        chr_time a, b;
        assert_int_equal(chr_doc_dct(g, &a), CHR_DCT_TIMEML);
        assert_int_equal(chr_doc_dct(in, &b), CHR_DCT_TIMEML);
        assert_int_equal(a.day, b.day);
        assert_int_equal(chr_doc_gold_count(in), 0);
        chr_doc_free(g);
        chr_doc_free(in);
    }
    assert_int_equal(same, 20);
    free_names(names, n);
}

static void test_corpus_files_read_and_roundtrip(void **state) {
    (void)state;
    const char *root = corpora_dir();
    if (!root) {
        print_message("skipped: corpora not found\n");
        skip();
    }
    static const char *dirs[] = {"tbaq/timebank", "tbaq/aquaint", "te3-platinum", "timeline-trial/timeml"};
    static const size_t docs[] = {183, 73, 20, 30};
    for (size_t d = 0; d < 4; d++) {
        char dir[4096];
        path_join(dir, sizeof dir, root, dirs[d]);
        size_t n = 0;
        char **names = list_files(dir, ".tml", &n);
        assert_int_equal(n, docs[d]);
        for (size_t i = 0; i < n; i++) {
            chr_doc *doc = parse_file(dir, names[i]);
            chr_time dct;
            assert_int_equal(chr_doc_dct(doc, &dct), CHR_DCT_TIMEML);
            assert_true(chr_doc_id(doc)[0] != '\0');
            check_roundtrip(doc, chr_doc_gold(doc, 0), chr_doc_gold_count(doc));
            chr_doc_free(doc);
        }
        free_names(names, n);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_text_id_dct_and_gold),
        cmocka_unit_test(test_no_dct_and_creation_time_fallback),
        cmocka_unit_test(test_sentence_tags_keep_sentences_apart),
        cmocka_unit_test(test_refuses_malformed_input),
        cmocka_unit_test(test_every_truncation_is_refused),
        cmocka_unit_test(test_render_passes_the_file_through),
        cmocka_unit_test(test_render_tag_form_and_skips),
        cmocka_unit_test(test_corpus_platinum_text_matches_input),
        cmocka_unit_test(test_corpus_files_read_and_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
