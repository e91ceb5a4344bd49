/* test_dct.c: the article timestamp found in a header (chr_doc_find_dct) and the date-string parser
 * for JSON fields (chr__dct_parse_string), extract/dct.c. */
/* cmocka.h needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dct_internal.h"
#include "internal.h"

/* "value tz" of a time ("2014-12-03T20:58 -300"), or "value" without a zone. */
static const char *show(const chr_time *t) {
    static char buf[80];
    char v[64];
    chr_time_format(v, sizeof v, t);
    if (t->flags & CHR_TIME_HAS_TZ) {
        snprintf(buf, sizeof buf, "%s %d", v, t->tz);
    } else {
        snprintf(buf, sizeof buf, "%s", v);
    }
    return buf;
}

/* The DCT found in text, or "none". */
static const char *header_dct(const char *text) {
    chr_doc *doc;
    chr_time t;
    const char *r = "none";
    int found;

    assert_int_equal(chr_doc_from_text(&doc, text, strlen(text), NULL), 0);
    found = chr_doc_find_dct(doc);
    if (found) {
        assert_int_equal(chr_doc_dct(doc, &t), CHR_DCT_HEADER);
        r = show(&t);
    } else {
        assert_int_equal(chr_doc_dct(doc, &t), CHR_DCT_NONE);
    }
    chr_doc_free(doc);
    return r;
}

#define BODY                                                                                                 \
    "\n\nWASHINGTON -- The U.S. would be happy to have Iran's help in fighting the Islamic "                 \
    "State, Secretary of State John Kerry said Wednesday in response to the news.\n"

static void test_header_styles(void **state) {
    static const struct {
        const char *text, *want;
    } cases[] = {
        /* published (EST in December) wins over updated */
        {"12/03/2014 08:58 pm ET Updated Dec 10, 2014\n\nJohn Kerry: Iran Fighting Islamic State Is "
         "'Positive'" BODY,
         "2014-12-03T20:58 -300"},
        {"Markets rally\nPublished March 15, 2019 at 10:02 a.m. EDT\n" BODY, "2019-03-15T10:02 -240"},
        {"US elections 2016\nWed 9 Nov 2016 06.30 GMT\n" BODY, "2016-11-09T06:30 0"},
        {"US elections 2016\nFirst published on Wed 9 Nov 2016 06.30 GMT\n" BODY, "2016-11-09T06:30 0"},
        {"Lehman files for bankruptcy\nBy Jane Doe | September 16, 2008\n" BODY, "2008-09-16"},
        {"2019-03-15T10:02:00Z\n" BODY, "2019-03-15T10:02 0"},
        {"Title\n2019-03-15 10:02\n" BODY, "2019-03-15T10:02"},
        {"Title\n2019-03-15\n" BODY, "2019-03-15"},
        /* only an updated date: used; ET in July is EDT */
        {"Heat wave\nUpdated 6:14 AM ET, Mon July 5, 2021\n" BODY, "2021-07-05T06:14 -240"},
        /* WikiNews date lines under the title */
        {"Rebels seize town\n\nSaturday, March 1, 2008\n\n" BODY, "2008-03-01"},
        {"Rebels seize town\nMarch 01, 2008\n" BODY, "2008-03-01"},
        {"Last updated: 3 December 2014 10:15 BST\n" BODY, "2014-12-03T10:15 60"},
        {"NEW YORK, March 15, 2019 (AP) -- Stocks rose on Friday as investors cheered the news "
         "that the trade talks would go on for at least another week, traders said.\n",
         "2019-03-15"},
        /* a dateline with a state after the city; the short bullet lines after it do not count */
        {"Acme Reports Record Results\n\nSAN JOSE, Calif., Nov. 20, 2025 /PRNewswire/ -- Acme Corp. today "
         "announced results for its third quarter, which ended October 31, 2025.\n- Cash as of October 31, "
         "2025\n",
         "2025-11-20"},
        {"PARIS, France, March 3, 2024 -- The ministry said on Sunday that the strike would go on for at "
         "least another week.\n",
         "2024-03-03"},
        /* the agency between the place and the date */
        {"WASHINGTON (AP) \xe2\x80\x94 November 6, 2024. Republicans won control of the Senate early "
         "Wednesday, flipping seats in West Virginia and Ohio after a night of tight counts that ran past "
         "midnight.\n",
         "2024-11-06"},
        /* a year-less dateline takes the year found elsewhere in the header */
        {"Copyright 2014 Reuters\nWASHINGTON, Dec. 3 (Reuters) - The United States said on Wednesday "
         "that it had been aware of Iranian air strikes against Islamic State in Iraq.\n",
         "2014-12-03"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = header_dct(cases[i].text);
        if (strcmp(got, cases[i].want) != 0) {
            print_error("case %zu: got %s, want %s\n", i, got, cases[i].want);
        }
        assert_string_equal(got, cases[i].want);
    }
}

static void test_us_eastern_dst(void **state) {
    (void)state;
    /* 2014: DST from March 9, 2:00 to November 2, 2:00 */
    assert_string_equal(header_dct("T\nMarch 9, 2014 1:30 a.m. ET\n"), "2014-03-09T01:30 -300");
    assert_string_equal(header_dct("T\nMarch 9, 2014 3:00 a.m. ET\n"), "2014-03-09T03:00 -240");
    assert_string_equal(header_dct("T\nNovember 2, 2014 3:00 a.m. ET\n"), "2014-11-02T03:00 -300");
    assert_string_equal(header_dct("T\nNovember 1, 2014 11:00 p.m. ET\n"), "2014-11-01T23:00 -240");
    assert_string_equal(header_dct("T\nJuly 4, 2014 9:00 am PT\n"), "2014-07-04T09:00 -420");
    /* before 2007: first Sunday of April to last Sunday of October */
    assert_string_equal(header_dct("T\nMarch 20, 2005 10:00 ET\n"), "2005-03-20T10:00 -300");
    assert_string_equal(header_dct("T\nOctober 28, 2005 10:00 ET\n"), "2005-10-28T10:00 -240");
}

static void test_sample_article(void **state) {
    char path[4096];
    FILE *f;
    char *buf;
    size_t n;
    chr_doc *doc;
    chr_time t;
    (void)state;

#ifdef CHRONICLE_SOURCE_DIR
    snprintf(path, sizeof path, "%s/samples/kerry-iran-2014-12-03.txt", CHRONICLE_SOURCE_DIR);
#else
    snprintf(path, sizeof path, "samples/kerry-iran-2014-12-03.txt");
#endif
    f = fopen(path, "rb");
    if (!f) {
        skip();
    }
    buf = malloc(1 << 20);
    assert_non_null(buf);
    n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    assert_int_equal(chr_doc_from_text(&doc, buf, n, NULL), 0);
    assert_int_equal(chr_doc_find_dct(doc), 1);
    assert_int_equal(chr_doc_dct(doc, &t), CHR_DCT_HEADER);
    assert_int_equal(t.gran, CHR_GRAN_MINUTE);
    assert_string_equal(show(&t), "2014-12-03T20:58 -300");
    chr_doc_free(doc);
    free(buf);
}

static void test_no_header_date(void **state) {
    (void)state;
    /* dates in long body sentences are not the DCT */
    assert_string_equal(
        header_dct("Senate votes on the bill\n\nThe senator, speaking to a crowd of supporters in his "
                   "home state, said that the law passed in March 15, 2019 would be repealed soon after "
                   "the election, and that the vote on January 4, 2020 changed nothing.\n"),
        "none");
    assert_string_equal(header_dct("No dates at all here.\nJust text.\n"), "none");
    /* a year-less dateline alone is not enough */
    assert_string_equal(header_dct("WASHINGTON, Dec. 3 (Reuters) - The United States said on Wednesday "
                                   "that it had been aware of Iranian air strikes in Iraq.\n"),
                        "none");
    /* impossible dates are rejected */
    assert_string_equal(header_dct("Title\nFebruary 30, 2019\n"), "none");
    assert_string_equal(header_dct("Title\n2019-13-01\n"), "none");
    assert_string_equal(header_dct("Title\n02/29/2019 10:00 am ET\n"), "none");
    assert_string_equal(header_dct("Title\nFebruary 29, 2016\n"), "2016-02-29");
    /* beyond the first 12 non-empty lines */
    assert_string_equal(header_dct("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\nMarch 1, 2008\n"), "none");
}

static void test_existing_dct_kept(void **state) {
    chr_doc *doc;
    chr_time t;
    const char *text = "Published March 15, 2019\nText.";
    (void)state;
    assert_int_equal(chr_doc_from_text(&doc, text, strlen(text), NULL), 0);
    assert_int_equal(chr_doc_set_dct(doc, "2001-09-11", CHR_DCT_OPTION, NULL), 0);
    assert_int_equal(chr_doc_find_dct(doc), 1);
    assert_int_equal(chr_doc_dct(doc, &t), CHR_DCT_OPTION);
    assert_string_equal(show(&t), "2001-09-11");
    chr_doc_free(doc);
    assert_int_equal(chr_doc_find_dct(NULL), 0);
}

static void test_parse_string(void **state) {
    static const struct {
        const char *s, *want; /* want NULL: CHR_EDATE */
    } cases[] = {
        {"2014-12-03 20:58:00", "2014-12-03T20:58"},
        {"2014-12-03T20:58:00Z", "2014-12-03T20:58 0"},
        {"2014-12-03T20:58:00.123+05:30", "2014-12-03T20:58 330"},
        {"Wed, 03 Dec 2014 20:58:00 GMT", "2014-12-03T20:58 0"},
        {"Wed, 03 Dec 2014 20:58:00 -0500 (EST)", "2014-12-03T20:58 -300"},
        {"December 3, 2014", "2014-12-03"},
        {"Dec. 3, 2014 8:58 pm ET", "2014-12-03T20:58 -300"},
        {"3 December 2014", "2014-12-03"},
        {"12/03/2014", "2014-12-03"},
        {"03.12.2014", "2014-12-03"},
        {"3.12.2014 20:58", "2014-12-03T20:58"},
        {"31.12.2014", "2014-12-31"},
        {"12.31.2014", NULL},
        {"  2014-12-03  ", "2014-12-03"},
        {"2014-12", "2014-12"},
        {"2014", "2014"},
        {"1417640280", "2014-12-03T20:58 0"},
        {"1417640280000", "2014-12-03T20:58 0"},
        {"yesterday", NULL},
        {"", NULL},
        {"2014-02-30", NULL},
        {"Feb 30, 2014", NULL},
        {"December 3, 2014 and more", NULL},
        {"25:00 December 3, 2014", NULL},
    };
    size_t i;
    chr_time t;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = chr__dct_parse_string(&t, cases[i].s, strlen(cases[i].s));
        if (!cases[i].want) {
            assert_int_equal(rc, CHR_EDATE);
            continue;
        }
        assert_int_equal(rc, 0);
        assert_string_equal(show(&t), cases[i].want);
    }
}

static void test_epoch(void **state) {
    chr_time t;
    (void)state;
    assert_int_equal(chr__dct_from_epoch(&t, 0), 0);
    assert_string_equal(show(&t), "1970-01-01T00:00 0");
    assert_int_equal(chr__dct_from_epoch(&t, -1), 0);
    assert_string_equal(show(&t), "1969-12-31T23:59 0");
    assert_int_equal(chr__dct_from_epoch(&t, 1000000000000000LL), CHR_EDATE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_styles),
        cmocka_unit_test(test_us_eastern_dst),
        cmocka_unit_test(test_sample_article),
        cmocka_unit_test(test_no_header_date),
        cmocka_unit_test(test_existing_dct_kept),
        cmocka_unit_test(test_parse_string),
        cmocka_unit_test(test_epoch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
