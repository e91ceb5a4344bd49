/* test_link.c: events placed in time and described, end to end through chr_extract with the built-in
 * rules and event model: a report dated by its own time expression, a future event, two times in one
 * sentence, since/until intervals, negation, sentences with no time (tense against the document date),
 * and an event dated through another one ("after the deadline passed"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "chronicle/chronicle.h"

static chr_engine *engine;

static int setup(void **state)
{
    (void)state;
    return chr_engine_new(&engine, NULL, NULL);
}

static int teardown(void **state)
{
    (void)state;
    chr_engine_free(engine);
    return 0;
}

typedef struct run {
    chr_doc *doc;
    chr_result *res;
} run;

static run extract(const char *text)
{
    run r;
    assert_int_equal(chr_doc_from_text(&r.doc, text, strlen(text), NULL), CHR_OK);
    assert_int_equal(chr_doc_set_dct(r.doc, "2014-12-03", CHR_DCT_OPTION, NULL), CHR_OK);
    assert_int_equal(chr_extract(&r.res, engine, r.doc, NULL), CHR_OK);
    return r;
}

static void done(run *r)
{
    chr_result_free(r->res);
    chr_doc_free(r->doc);
}

static const chr_event *event(const run *r, const char *word)
{
    size_t len;
    const char *text = chr_doc_text(r->doc, &len);
    for (size_t i = 0; i < chr_result_event_count(r->res); i++) {
        const chr_event *e = chr_result_event(r->res, i);
        if (e->end - e->start == strlen(word) && !memcmp(text + e->start, word, strlen(word)))
            return e;
    }
    fail_msg("no event '%s'", word);
    return NULL;
}

static void test_report_dated_by_its_time(void **state)
{
    (void)state;
    run r = extract("Kerry said Wednesday that the talks will resume next week.");
    const chr_event *said = event(&r, "said");
    assert_int_equal(said->cls, CHR_EVENT_REPORTING);
    assert_int_equal(said->tense, CHR_TENSE_PAST);
    assert_int_equal(said->time.relation, CHR_REL_IS_INCLUDED);
    assert_string_equal(said->time.value, "2014-12-03");
    assert_string_equal(said->actor, "Kerry");
    assert_string_equal(said->source, "Kerry"); /* who reports */
    assert_non_null(strstr(said->summary, "the talks will resume"));
    const chr_event *resume = event(&r, "resume");
    assert_int_equal(resume->tense, CHR_TENSE_FUTURE);
    assert_string_equal(resume->time.value, "2014-W50");
    done(&r);
}

static void test_two_times_in_one_sentence(void **state)
{
    (void)state;
    run r = extract("He arrived on Monday and left on Friday.");
    assert_string_equal(event(&r, "arrived")->time.value, "2014-12-01");
    assert_string_equal(event(&r, "left")->time.value, "2014-11-28");
    done(&r);
}

static void test_since_and_until(void **state)
{
    (void)state;
    run r = extract("Iran has not spoken to Washington since 1979. Prices rose until March.");
    const chr_event *spoken = event(&r, "spoken");
    assert_int_equal(spoken->time.relation, CHR_REL_BEGUN_BY);
    assert_string_equal(spoken->time.begin, "1979");
    assert_string_equal(spoken->time.end, "2014-12-03"); /* open to the document date */
    assert_true(spoken->negative);
    const chr_event *rose = event(&r, "rose");
    assert_int_equal(rose->time.relation, CHR_REL_ENDED_BY);
    assert_string_equal(rose->time.end, "2014-03");
    assert_false(rose->negative);
    done(&r);
}

/* A signal is a signal whatever its case ("SINCE", "Till"), and "till" and "through" end an interval as
 * "until" does. */
static void test_signals_in_any_case(void **state)
{
    (void)state;
    run r = extract("Iran has not spoken to Washington SINCE 1979. Prices rose Till March. "
                    "The offer is valid Through May.");
    const chr_event *spoken = event(&r, "spoken");
    assert_int_equal(spoken->time.relation, CHR_REL_BEGUN_BY);
    assert_string_equal(spoken->time.rule, "signal:since");
    const chr_event *rose = event(&r, "rose");
    assert_int_equal(rose->time.relation, CHR_REL_ENDED_BY);
    assert_string_equal(rose->time.end, "2014-03");
    const chr_event *offer = event(&r, "offer");
    assert_int_equal(offer->time.relation, CHR_REL_ENDED_BY);
    assert_string_equal(offer->time.end, "2015-05");
    done(&r);
}

/* A signal governs its own clause: the event of a clause after the time's comma is in the time ("since
 * January, when a door panel blew off": blew was BEGUN_BY January); a time that opens the sentence keeps
 * its signal for the clause after it. */
static void test_signal_and_the_clause_after(void **state)
{
    (void)state;
    run r = extract("The stock has fallen 40% since January, when a door panel blew off a jet. "
                    "Since 2010, the company has closed nine plants.");
    assert_int_equal(event(&r, "fallen")->time.relation, CHR_REL_BEGUN_BY);
    const chr_event *blew = event(&r, "blew");
    assert_int_equal(blew->time.relation, CHR_REL_IS_INCLUDED);
    assert_string_equal(blew->time.value, "2014-01");
    assert_int_equal(event(&r, "closed")->time.relation, CHR_REL_BEGUN_BY);
    done(&r);
}

/* A time no event took dates the nearest undated event after it only within reach: the 1955 of a lifespan
 * ("Steve Jobs 1955-2011") dated the "lost" of a quotation far after it. */
static void test_untaken_time_within_reach(void **state)
{
    (void)state;
    run r = extract("A statement on Apple's website, the homepage of which currently displays a black and white "
                    "photograph and the text \"Steve Jobs 1955-2011\", states: \"Apple has lost a visionary and "
                    "creative genius, and the world has lost an amazing human being.\"");
    size_t len, lost = 0;
    const char *text = chr_doc_text(r.doc, &len);
    for (size_t k = 0; k < chr_result_event_count(r.res); k++) {
        const chr_event *e = chr_result_event(r.res, k);
        if (e->end - e->start == 4 && !memcmp(text + e->start, "lost", 4)) {
            lost++;
            assert_false(e->time.timex >= 0 && !strcmp(e->time.value, "1955"));
        }
    }
    assert_int_equal(lost, 2);
    done(&r);
}

/* A hedge between the signal and its time keeps the signal's relation. */
static void test_since_with_a_hedge(void **state)
{
    (void)state;
    run r = extract("Iran has not spoken to Washington since about 1979. Prices rose until at least March. "
                    "The plant has run since as early as 2001.");
    const chr_event *spoken = event(&r, "spoken");
    assert_int_equal(spoken->time.relation, CHR_REL_BEGUN_BY);
    assert_string_equal(spoken->time.begin, "1979");
    assert_int_equal(event(&r, "rose")->time.relation, CHR_REL_ENDED_BY);
    const chr_event *run = event(&r, "run");
    assert_int_equal(run->time.relation, CHR_REL_BEGUN_BY);
    assert_string_equal(run->time.begin, "2001");
    done(&r);
}

static void test_no_time_in_the_sentence(void **state)
{
    (void)state;
    run r = extract("The minister resigned. The minister will resign.");
    const chr_event *past = event(&r, "resigned"), *future = event(&r, "resign");
    assert_int_equal(past->time.timex, -1); /* against the document date */
    assert_int_equal(past->time.relation, CHR_REL_BEFORE);
    assert_string_equal(past->time.end, "2014-12-03");
    assert_int_equal(future->time.relation, CHR_REL_AFTER);
    assert_string_equal(future->time.begin, "2014-12-03");
    done(&r);
}

static void test_negation(void **state)
{
    (void)state;
    run r = extract("He did not attend the meeting on Monday.");
    const chr_event *attend = event(&r, "attend");
    assert_true(attend->negative);
    assert_string_equal(attend->time.value, "2014-12-01");
    done(&r);
}

/* Curly apostrophes (U+2019) read as straight ones: "didn’t" negates and is no actor, "it’s" is present
 * with "it" as its actor, as "didn't" and "it's" are. */
static void test_curly_apostrophes(void **state)
{
    (void)state;
    run r = extract("He didn\u2019t attend the meeting on Monday.");
    const chr_event *attend = event(&r, "attend");
    assert_true(attend->negative);
    assert_int_equal(attend->tense, CHR_TENSE_PAST);
    assert_string_equal(attend->actor, "He");
    done(&r);
    r = extract("They\u2019ve lost faith in the talks, and it\u2019s confined to Iraq, officials said.");
    const chr_event *lost = event(&r, "lost");
    assert_int_equal(lost->aspect, CHR_ASPECT_PERFECTIVE);
    assert_string_equal(lost->actor, "They");
    done(&r);
}

/* A clitic after a pronoun opens no phrase of its own: the phrase before an infinitive is "it's confined",
 * not "'s confined". */
static void test_clitic_after_a_pronoun(void **state)
{
    (void)state;
    run r = extract("If Iran is taking on ISIL and it's confined to taking on ISIL, it helps.");
    const chr_event *e = NULL;
    size_t len;
    const char *text = chr_doc_text(r.doc, &len);
    for (size_t i = 0; i < chr_result_event_count(r.res); i++) {
        const chr_event *x = chr_result_event(r.res, i);
        if (x->tense == CHR_TENSE_INFINITIVE && !memcmp(text + x->start, "taking", 6))
            e = x;
    }
    assert_non_null(e);
    assert_non_null(strstr(e->summary, "it's confined to taking on ISIL"));
    done(&r);
}

/* A report after a comma tells what follows it when a verb follows it in its clause ('Noting that ...,
 * they said it had to have belonged to Iran'), what comes before it otherwise ('..., Kerry said Wednesday
 * in response to the news, first broken by ...'), with whom it was told to ('..., the official had told
 * The Huffington Post on Monday'). */
static void test_report_content_after_the_verb(void **state)
{
    (void)state;
    run r = extract("Noting that only Iran and Turkey still operate that model of fighter plane, they said "
                    "it had to have belonged to Iran.");
    assert_string_equal(event(&r, "said")->summary, "they said it had to have belonged to Iran");
    done(&r);
    r = extract("\"We're there at the invitation of the Iraqi government, so it's not for us to say,\" the "
                "defense official had told The Huffington Post on Monday.");
    assert_non_null(strstr(event(&r, "told")->summary,
                           "the defense official told The Huffington Post we're there at the invitation"));
    done(&r);
    r = extract("The U.S. would be happy to have Iran's help in fighting the Islamic State, Secretary of "
                "State John Kerry said Wednesday in response to the news, first broken by The Huffington "
                "Post.");
    assert_non_null(strstr(event(&r, "said")->summary, "John Kerry said the U.S. would be happy"));
    done(&r);
    /* an opening prepositional phrase is the verb's adverbial when the verb has an object of its own (it was
     * "the company reported In the fiscal year ended Jan. 31"), still what a final report reports */
    r = extract("In the fiscal year ended Jan. 31, the company reported sales of $59.5 million.");
    assert_string_equal(event(&r, "reported")->summary, "the company reported sales of $59.5 million");
    done(&r);
    r = extract("In 2003 BP invested around $8bn in cash, the oil giant said.");
    assert_string_equal(event(&r, "said")->summary,
                        "the oil giant said In 2003 BP invested around $8bn in cash");
    done(&r);
}

/* A subject phrase opens with the possessor of a clitic, not the clitic ("Monday's email announcement"),
 * and a sentence that opens with an abbreviation's compound ("A U.S.-led coalition") has no dateline;
 * a report after "but" shares the subject of the verb before it that has one (not "what" of "what
 * prompted") and takes no actor from what follows it; "yet" may stand between a subject and its verb; a
 * verb after "which" without a comma has the phrase before it; a passive with "be" has its agent, and its
 * summary keeps its subject; a phrase that ends a relative clause is not the subject after it. */
static void test_actor_phrase_edges(void **state)
{
    (void)state;
    run r = extract("Monday's email announcement marked the third time that Jobs has taken medical leave.");
    assert_string_equal(event(&r, "marked")->actor, "Monday's email announcement");
    done(&r);
    r = extract("A U.S.-led coalition is now attacking the Islamic State.");
    assert_string_equal(event(&r, "attacking")->actor, "A U.S.-led coalition"); /* no dateline "A U.S.-" */
    size_t len;
    const char *text = chr_doc_text(r.doc, &len);
    for (size_t i = 0; i < chr_result_event_count(r.res); i++) { /* "led" of "U.S.-led" is no event */
        const chr_event *e = chr_result_event(r.res, i);
        assert_false(e->end - e->start == 3 && !memcmp(text + e->start, "led", 3));
    }
    done(&r);
    r = extract("The newspaper reviewed recent footage which showed a U.S.-made fighter jet bombing Iraq.");
    assert_string_equal(event(&r, "showed")->actor, "recent footage"); /* the antecedent of "which" */
    done(&r);
    r = extract("The man who hurled a grenade was identified Thursday. Officials who spoke to reporters said "
                "the talks failed.");
    assert_string_equal(event(&r, "identified")->actor, "The man"); /* not "a grenade" */
    assert_string_equal(event(&r, "said")->actor, "Officials");     /* not "reporters" */
    done(&r);
    r = extract("Apple was started by Steve Jobs in 1976, and launched the iTunes Music Store in 2003.");
    assert_null(strstr(event(&r, "launched")->actor ? event(&r, "launched")->actor : "", "Jobs"));
    done(&r); /* the verb after "and" shares the passive's subject, not its agent */
    r = extract("The plan was approved by the board on Friday.");
    assert_string_equal(event(&r, "approved")->actor, "the board"); /* a passive's agent */
    assert_string_equal(event(&r, "approved")->summary, "The plan was approved by the board on Friday");
    done(&r);
    r = extract("Shares fell 46 cents since Wednesday's close.");
    assert_string_equal(event(&r, "close")->summary, "Wednesday's close"); /* not "'s close" */
    done(&r);
    r = extract("Jobs has not yet mentioned what prompted his decision, but said he will still be the CEO.");
    const chr_event *said = event(&r, "said");
    assert_string_equal(event(&r, "mentioned")->actor, "Jobs"); /* "has not yet mentioned" */
    assert_string_equal(said->actor, "Jobs"); /* the nearest verb before "but" with an actor */
    assert_non_null(strstr(said->summary, "said he will still be the CEO"));
    done(&r);
}

static void test_actor_across_an_aside(void **state)
{
    (void)state;
    run r = extract("\"It is positive,\" Kerry, using the administration's name for the group, said in Brussels.");
    const chr_event *said = event(&r, "said");
    assert_string_equal(said->actor, "Kerry");
    done(&r);
}

/* A time belongs to one event, the verb left of it in its clause ("Kirby told reporters on Tuesday"); the
 * others that took it only share it (rule "sentence") and are no chronology entries of their own. */
static void test_time_owned_by_its_verb(void **state)
{
    (void)state;
    run r = extract("While Kerry said he could not confirm or deny reports about the bombing, Kirby told "
                    "reporters on Tuesday there was no reason to doubt them.");
    const chr_event *told = event(&r, "told");
    assert_string_equal(told->time.value, "2014-12-02");
    assert_string_equal(told->time.rule, "same-sentence");
    size_t owners = 0;
    for (size_t i = 0; i < chr_result_event_count(r.res); i++) {
        const chr_event *e = chr_result_event(r.res, i);
        if (e->time.timex == told->time.timex)
            owners += !strcmp(e->time.rule, "same-sentence");
    }
    assert_int_equal(owners, 1);
    done(&r);
}

/* At equal distance the time on the right wins: "42 years ago" belongs to "brought", not "gathered". */
static void test_equal_distance_right_time(void **state)
{
    (void)state;
    run r = extract("Fighters of the revolution that brought Castro to power 42 years ago gathered Wednesday night.");
    assert_string_equal(event(&r, "gathered")->time.value, "2014-12-03TNI");
    done(&r);
}

/* A spaced underscore is a dash (the wire services' " _ "): a clause boundary, like a comma. */
static void test_underscore_dash_is_a_boundary(void **state)
{
    (void)state;
    run r = extract("The league said Tuesday that it plans to hold a news conference to screen an advertisement _ "
                    "made last week.");
    assert_string_equal(event(&r, "screen")->time.value, "2014-12-02");
    assert_string_equal(event(&r, "made")->time.value, "2014-W48");
    done(&r);
}

/* A time that opens its sentence scopes over all of it: the commas of an aside after it add nothing. */
static void test_opening_time_across_an_aside(void **state)
{
    (void)state;
    run r = extract("On Tuesday, the league, a lobbying group, plans to hold a news conference about a nurse "
                    "wounded in 1998.");
    assert_string_equal(event(&r, "plans")->time.value, "2014-12-09");
    assert_string_equal(event(&r, "wounded")->time.value, "1998");
    done(&r);
}

/* A possessive time ("Monday's email") modifies its noun: it does not open the sentence's scope. */
static void test_possessive_time_opens_nothing(void **state)
{
    (void)state;
    run r = extract("Monday's email announcement marked the third time in the past decade that Jobs, aged 55, has "
                    "taken medical leave.");
    assert_string_equal(event(&r, "taken")->time.value, "P10Y");
    done(&r);
}

/* A hyphenated time before a noun ("a 24-hour vigil", "third-quarter earnings", "a three-year, $30 million
 * contract") modifies that noun: the verbs around it take another time of the sentence. */
static void test_modifying_time_kept_by_its_noun(void **state)
{
    (void)state;
    run r = extract("Protesters held a 24-hour vigil outside the embassy on Sunday. The company reported "
                    "third-quarter earnings of $9.8 million on Friday. The club signed him to a three-year, "
                    "$30 million contract on Tuesday.");
    assert_string_equal(event(&r, "held")->time.value, "2014-11-30");
    assert_string_equal(event(&r, "reported")->time.value, "2014-11-28");
    assert_string_equal(event(&r, "signed")->time.value, "2014-12-02"); /* the first of two modifiers */
    assert_string_equal(event(&r, "earnings")->time.value, "2014-Q3");
    done(&r);
}

/* A period between two events: "one year after he was killed" begins with the killing and ends with
 * what it leads to; "several months before he entered" the reverse; "a few days later" ends with its event.
 * A bare plural ("days after") is a stretch of time the event falls in. */
static void test_period_between_events(void **state)
{
    (void)state;
    run r = extract("About 500 people attended a memorial service, one year after he was killed by a sniper. He was "
                    "interviewed several months before he entered his current position. A few days later, the "
                    "company announced a merger. He crossed the border days after the shooting.");
    assert_int_equal(event(&r, "killed")->time.relation, CHR_REL_BEGINS);
    assert_int_equal(event(&r, "attended")->time.relation, CHR_REL_ENDS);
    assert_int_equal(event(&r, "interviewed")->time.relation, CHR_REL_BEGINS);
    assert_int_equal(event(&r, "entered")->time.relation, CHR_REL_ENDS);
    assert_int_equal(event(&r, "announced")->time.relation, CHR_REL_ENDS);
    assert_int_equal(event(&r, "crossed")->time.relation, CHR_REL_DURING);
    done(&r);
}

/* Against the document date, a report in the simple present ("says") is an act within the day; a state in
 * the present ("owns") holds over it. */
static void test_present_report_within_the_day(void **state)
{
    (void)state;
    run r = extract("The minister says the company owns the port.");
    assert_int_equal(event(&r, "says")->time.timex, -1);
    assert_int_equal(event(&r, "says")->time.relation, CHR_REL_IS_INCLUDED);
    assert_int_equal(event(&r, "owns")->time.relation, CHR_REL_INCLUDES);
    done(&r);
}

/* "due DATE" (a debt or a payment) runs until that date. */
static void test_due_date_ends(void **state)
{
    (void)state;
    run r = extract("The company will redeem on Nov. 16 its debentures due March 1, 2011.");
    assert_int_equal(event(&r, "due")->time.relation, CHR_REL_ENDED_BY);
    assert_string_equal(event(&r, "due")->time.value, "2011-03-01");
    done(&r);
}

/* "between 1982 and 1992": the event is BEGUN_BY the first time and runs to the second. */
static void test_between_two_times(void **state)
{
    (void)state;
    run r = extract("The number of doctors who performed abortions declined between 1982 and 1992.");
    const chr_event *declined = event(&r, "declined");
    assert_int_equal(declined->time.relation, CHR_REL_BEGUN_BY);
    assert_string_equal(declined->time.begin, "1982");
    assert_string_equal(declined->time.end, "1992");
    done(&r);
}

/* "Iran, which is a rival ... and has not had relations": the antecedent of "which" is the actor. */
static void test_actor_of_a_coordinated_relative(void **state)
{
    (void)state;
    run r = extract("He emphasized that the U.S. was not cooperating with Iran, which is a top regional rival "
                    "and has not had diplomatic relations with Washington since 1979.");
    const chr_event *had = event(&r, "had");
    assert_string_equal(had->actor, "Iran");
    assert_int_equal(had->time.relation, CHR_REL_BEGUN_BY);
    done(&r);
}

/* The subject of a verb after a relative clause is the clause's antecedent, not the phrase that ends the
 * clause; not across a subordinate clause, nor for a pronoun or the subject of a "that" clause. */
static void test_actor_after_a_relative_clause(void **state)
{
    (void)state;
    run r = extract("A wildfire that broke out late Tuesday near this mountain town had burned more than "
                    "40,000 acres by Friday morning. Others who oppose the plan say it will fail. The man "
                    "who hurled a grenade seconds before the bomb exploded was arrested. Officials said "
                    "that prices had risen.");
    assert_string_equal(event(&r, "burned")->actor, "A wildfire");
    assert_string_equal(event(&r, "say")->actor, "Others");
    assert_string_equal(event(&r, "exploded")->actor, "the bomb");
    assert_string_equal(event(&r, "risen")->actor, "prices");
    done(&r);
}

/* In a sentence with a report, the events placed by tense alone are what it reports. */
static void test_reported_events(void **state)
{
    (void)state;
    run r = extract("Kerry said the talks failed.");
    assert_string_equal(event(&r, "said")->time.rule, "tense");
    assert_string_equal(event(&r, "failed")->time.rule, "reported");
    assert_int_equal(event(&r, "failed")->time.relation, CHR_REL_BEFORE); /* still placed for TLINKs */
    done(&r);
}

/* Every event also gets its tense's relation to the document date (TimeML's event-DCT link), the events
 * a time expression dates too; TimeML output gives those a second TLINK, to t0. */
static void test_dct_relation(void **state)
{
    (void)state;
    run r = extract("Kerry said on Wednesday that the talks will resume on Friday. Iran says it wants peace.");
    const chr_event *said = event(&r, "said"), *resume = event(&r, "resume"), *says = event(&r, "says");
    assert_true(said->time.timex >= 0);
    assert_int_equal(said->dct, CHR_REL_BEFORE);
    assert_true(resume->time.timex >= 0);
    assert_int_equal(resume->dct, CHR_REL_AFTER);
    assert_int_equal(says->time.timex, -1);
    assert_int_equal(says->dct, says->time.relation); /* placed by its tense: the same link */
    assert_int_equal(says->dct, CHR_REL_IS_INCLUDED);
    char *xml = NULL;
    size_t n = 0;
    assert_int_equal(chr_render_timeml(&xml, &n, r.doc, r.res, 0), CHR_OK);
    char want[160];
    snprintf(want, sizeof want, "relType=\"BEFORE\" eventInstanceID=\"%s\" relatedToTime=\"t0\"", said->instance);
    assert_non_null(strstr(xml, want));
    snprintf(want, sizeof want, "relType=\"AFTER\" eventInstanceID=\"%s\" relatedToTime=\"t0\"", resume->instance);
    assert_non_null(strstr(xml, want));
    free(xml);
    done(&r);
    /* no document date: no relation to it */
    chr_doc *doc = NULL;
    chr_result *res = NULL;
    const char *t = "Kerry said the talks failed.";
    assert_int_equal(chr_doc_from_text(&doc, t, strlen(t), NULL), CHR_OK);
    assert_int_equal(chr_extract(&res, engine, doc, NULL), CHR_OK);
    assert_true(chr_result_event_count(res) > 0);
    for (size_t i = 0; i < chr_result_event_count(res); i++)
        assert_int_equal(chr_result_event(res, i)->dct, CHR_REL_NONE);
    chr_result_free(res);
    chr_doc_free(doc);
}

/* A dateline alone on its line dates the document, not the headline above it, which a single line end
 * leaves in its sentence: the headline's event is placed by its tense; the body's takes its own time.
 * Before, "unveils" took the dateline and a timeline saw two dates for one unveiling. */
static void test_dateline_alone_on_its_line(void **state)
{
    (void)state;
    run r = extract("Apple unveils new iPod\nTuesday, December 2, 2014\n\nApple Inc. unveiled a new iPod on "
                    "Monday in San Francisco.");
    const chr_event *head = event(&r, "unveils"), *body = event(&r, "unveiled");
    assert_string_equal(head->time.rule, "tense");
    assert_int_equal(head->time.timex, -1);
    assert_string_equal(body->time.value, "2014-12-01");
    assert_string_equal(body->time.rule, "same-sentence");
    done(&r);
}

/* What a report dated by its time says will happen comes after that time ("said Friday that he will seek",
 * "to turn"); what it says happened shares the time as before, and a future event with a time of its own
 * keeps IS_INCLUDED. */
static void test_reported_future_after_the_report(void **state)
{
    (void)state;
    run r = extract("Horsley said Friday that he will seek a new service and hopes to open it soon.");
    const chr_event *said = event(&r, "said"), *seek = event(&r, "seek"), *open = event(&r, "open");
    assert_int_equal(said->time.relation, CHR_REL_IS_INCLUDED);
    assert_int_equal(seek->time.timex, said->time.timex);
    assert_int_equal(seek->time.relation, CHR_REL_AFTER);
    assert_string_equal(seek->time.rule, "sentence");
    assert_int_equal(open->time.relation, CHR_REL_AFTER);
    done(&r);
    r = extract("Horsley said Friday that the site closed.");
    assert_int_equal(event(&r, "closed")->time.relation, CHR_REL_IS_INCLUDED);
    done(&r);
    r = extract("Horsley said the company will open a new office on Friday.");
    assert_int_equal(event(&r, "open")->time.relation, CHR_REL_IS_INCLUDED);
    done(&r);
}

/* A signal before "the" and a time that modifies a noun still gives the relation ("searching since shortly
 * after the Oct. 23 slaying": AFTER), except to that noun ("slaying" is on Oct. 23). */
static void test_signal_before_a_modifying_time(void **state)
{
    (void)state;
    run r = extract("Investigators have been searching for Kopp since shortly after the Oct. 23 slaying.");
    const chr_event *searching = event(&r, "searching");
    assert_string_equal(searching->time.value, "2014-10-23");
    assert_int_equal(searching->time.relation, CHR_REL_AFTER);
    assert_int_equal(event(&r, "slaying")->time.relation, CHR_REL_IS_INCLUDED);
    done(&r);
    r = extract("Protesters rallied before the July 4 holiday.");
    assert_int_equal(event(&r, "rallied")->time.relation, CHR_REL_BEFORE);
    done(&r);
}

/* A signal before a possessive time is the noun's: "the toll from Friday's earthquake" puts the earthquake
 * on Friday, not begun by it. */
static void test_signal_before_a_possessive_time(void **state)
{
    (void)state;
    run r = extract("The death toll from Friday's earthquake rose to 2,100.");
    const chr_event *quake = event(&r, "earthquake");
    assert_string_equal(quake->time.value, "2014-11-28");
    assert_int_equal(quake->time.relation, CHR_REL_IS_INCLUDED);
    done(&r);
    r = extract("Prices have risen since Friday.");
    assert_int_equal(event(&r, "risen")->time.relation, CHR_REL_BEGUN_BY);
    done(&r);
}

/* A possessive time is part of a subject phrase, whole, and a qualifying phrase may hold one: "The results
 * of last week's vote", "The death toll from Friday's earthquake". */
static void test_actor_with_a_possessive_time(void **state)
{
    (void)state;
    run r = extract("The death toll from Friday's earthquake in Myanmar rose to 2,100. The results of last "
                    "week's vote surprised everyone.");
    assert_string_equal(event(&r, "rose")->actor, "The death toll from Friday's earthquake in Myanmar");
    assert_string_equal(event(&r, "surprised")->actor, "The results of last week's vote");
    done(&r);
}

/* The agent of a participle after a noun is not the subject: "A wildfire driven by hurricane-force winds
 * forced" is the wildfire's; the relative clause's antecedent stays ("the crater left by the blast that
 * killed 10 people": the blast). */
static void test_actor_before_a_participle_and_its_agent(void **state)
{
    (void)state;
    run r = extract("A fast-moving wildfire driven by hurricane-force winds forced 30,000 people to flee. "
                    "The man arrested by police said nothing. She laid a wreath next to the crater left by "
                    "the embassy blast that killed 10 people.");
    assert_string_equal(event(&r, "forced")->actor, "A fast-moving wildfire");
    assert_string_equal(event(&r, "said")->actor, "The man");
    assert_string_equal(event(&r, "killed")->actor, "the embassy blast");
    done(&r);
    /* and the object of a present participle after a noun: "a boat carrying him from Cuba sank" */
    r = extract("In July, a train carrying grain left the tracks. A boat carrying him from Cuba sank.");
    assert_string_equal(event(&r, "left")->actor, "a train");
    assert_string_equal(event(&r, "sank")->actor, "A boat");
    done(&r);
}

/* A time across a quotation's edge is farther: a report outside the quotation takes the time outside it
 * ('"... for one minute!" said a message that was read Wednesday night'), not one of what it quotes; a
 * time outside on the other side of a whole quotation is no farther. */
static void test_time_across_a_quotation(void **state)
{
    (void)state;
    run r = extract("\"The struggle must not stop for one minute!\" said a message that was read Wednesday "
                    "night to thousands of scientists.");
    assert_string_equal(event(&r, "said")->time.value, "2014-12-03TNI");
    done(&r);
    r = extract("The mayor said \"the plan works\" on Tuesday in 2019 terms.");
    assert_string_equal(event(&r, "said")->time.value, "2014-12-02");
    done(&r);
}

/* The commas of a list of names are no clause boundary: "embraced three of its former rivals, the Czech
 * Republic, Hungary and Poland on Friday" dates "embraced" by Friday. */
static void test_list_commas(void **state)
{
    (void)state;
    run r = extract("The North Atlantic Treaty Organization embraced three of its former rivals, the Czech "
                    "Republic, Hungary and Poland on Friday, formally ending an era.");
    assert_string_equal(event(&r, "embraced")->time.value, "2014-11-28");
    done(&r);
}

/* A rate's unit says how often, not when: "creating jobs at a rate of 358,000 a month for the last four
 * months" dates "creating" by the four months. */
static void test_rate_is_no_time(void **state)
{
    (void)state;
    run r = extract("The economy has been creating jobs at a rate of 358,000 a month for the last four "
                    "months.");
    assert_string_equal(event(&r, "creating")->time.value, "P4M");
    done(&r);
}

/* Results are reported after their period: "reported third-quarter profit" is AFTER the quarter. */
static void test_report_after_its_period(void **state)
{
    (void)state;
    run r = extract("America West Airlines reported third-quarter profit jumped 45% to $5.8 million.");
    const chr_event *rep = event(&r, "reported");
    assert_string_equal(rep->time.value, "2014-Q3");
    assert_int_equal(rep->time.relation, CHR_REL_AFTER);
    done(&r);
}

/* "next" between a subject and its verb is an adverb: "It next meets on 7 November" is the actor "It". */
static void test_actor_over_next(void **state)
{
    (void)state;
    run r = extract("The Bank of England held rates in September. It next meets on 7 November.");
    assert_string_equal(event(&r, "meets")->actor, "It");
    done(&r);
}

/* A time that modifies a noun after an article is part of the subject phrase: "the 2025 fiscal year began",
 * "An October letter surfaced". */
static void test_actor_with_a_modifying_time(void **state)
{
    (void)state;
    run r = extract("Lawmakers passed three bills since October, when the 2025 fiscal year began. An October "
                    "letter surfaced.");
    assert_string_equal(event(&r, "began")->actor, "the 2025 fiscal year");
    assert_string_equal(event(&r, "surfaced")->actor, "An October letter");
    done(&r);
}

/* A subject phrase or a summary does not open with a preposition: "a week of national mourning starting
 * Monday" gives "national mourning starting Monday", "warned of fresh threats" the summary "fresh threats
 * ...". */
static void test_phrase_opens_with_no_preposition(void **state)
{
    (void)state;
    run r = extract("The military government declared a week of national mourning starting Monday. Officials "
                    "warned of fresh threats to U.S. interests abroad.");
    assert_string_equal(event(&r, "starting")->actor, "national mourning");
    assert_string_equal(event(&r, "threats")->summary, "fresh threats to U.S. interests abroad");
    done(&r);
}

/* "not until Tuesday": the event is at the time, not ended by it. */
static void test_not_until(void **state)
{
    (void)state;
    run r = extract("But it was not until Tuesday that Castro revealed the talks. The rebels held the town "
                    "until Tuesday.");
    assert_int_equal(event(&r, "revealed")->time.relation, CHR_REL_IS_INCLUDED);
    assert_int_equal(event(&r, "held")->time.relation, CHR_REL_ENDED_BY);
    done(&r);
}

/* A negated event before "until" or "before" is at the time or after it ("will not start until next
 * week"), as are events "no earlier than" a time; "no later than" one ends by it, not after it as a
 * comparison's term would ("lower than in 2013"). */
static void test_negated_until_and_bounds(void **state)
{
    (void)state;
    run r = extract("Talks will not start until next week. The plant will not reopen before September. The "
                    "agency must decide no later than March 1. The rocket will fly no earlier than 2016.");
    const chr_event *e = event(&r, "start");
    assert_int_equal(e->time.relation, CHR_REL_IS_INCLUDED);
    assert_string_equal(e->time.value, "2014-W50");
    e = event(&r, "reopen");
    assert_int_equal(e->time.relation, CHR_REL_BEGUN_BY);
    assert_string_equal(e->time.begin, "2015-09");
    assert_string_equal(e->time.end, "");
    e = event(&r, "decide");
    assert_int_equal(e->time.relation, CHR_REL_ENDED_BY);
    assert_string_equal(e->time.end, "2015-03-01");
    e = event(&r, "fly");
    assert_int_equal(e->time.relation, CHR_REL_BEGUN_BY);
    assert_string_equal(e->time.begin, "2016");
    done(&r);
}

/* A number's hedge stays with it in a subject phrase: "About 50 cars of a freight train derailed", "More
 * than 1,000 people fled", "At least three tornadoes touched down" (whose "At" no phrase opens with, as a
 * preposition). */
static void test_actor_keeps_a_numbers_hedge(void **state)
{
    (void)state;
    run r = extract("About 50 cars of a freight train derailed near the border. More than 1,000 people fled "
                    "the town. At least three tornadoes touched down overnight in Alabama, officials said.");
    assert_string_equal(event(&r, "derailed")->actor, "About 50 cars of a freight train");
    assert_string_equal(event(&r, "fled")->actor, "More than 1,000 people");
    assert_string_equal(event(&r, "touched")->actor, "At least three tornadoes");
    done(&r);
}

/* A phrase with "near", "outside" or "inside" qualifies the noun before it: "A car bombing outside the
 * embassy killed" is the bombing's; "Outside analysts think" keeps its adjective. */
static void test_actor_over_a_place_preposition(void **state)
{
    (void)state;
    run r = extract("A car bombing outside the embassy killed 11 people. Outside analysts think the plan "
                    "will fail.");
    assert_string_equal(event(&r, "killed")->actor, "A car bombing outside the embassy");
    assert_string_equal(event(&r, "think")->actor, "Outside analysts");
    done(&r);
}

/* The summary collapses each run of blanks (spaces, tabs, line ends) to one space, wherever it stands in
 * the text copied, 8 bytes at a time or a byte at a time. */
static void test_summary_blanks_collapsed(void **state)
{
    (void)state;
    run r = extract("Kerry  said Wednesday that the   talks\n will resume\tnext week after  long negotiations "
                    "in  Geneva with the  European delegates.");
    const chr_event *said = event(&r, "said");
    assert_string_equal(said->actor, "Kerry");
    assert_non_null(strstr(said->summary, "Kerry said Wednesday that the talks will resume next week after long "
                                          "negotiations in Geneva with the European delegates"));
    assert_null(strstr(said->summary, "  "));
    done(&r);
}

/* A closing quote is punctuation whatever its form (\'\', U+201D, \'), so a report after a quote takes
 * the phrase after it as its actor. Before, the quote itself was the actor: "\'\' said it was definitely a
 * bomb" (70 of the 276 TBAQ documents' actors were \'\'). */
static void test_actor_after_a_closing_quote(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "``It was definitely a bomb,\'\' said a U.S. Embassy official in Nairobi.",
        "\"It was definitely a bomb,\" said a U.S. Embassy official in Nairobi.",
        "\u201cIt was definitely a bomb,\u201d said a U.S. Embassy official in Nairobi.",
        "\u2018It was definitely a bomb,\u2019 said a U.S. Embassy official in Nairobi.",
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        run r = extract(texts[k]);
        const chr_event *said = event(&r, "said");
        assert_string_equal(said->actor, "a U.S. Embassy official");
        assert_string_equal(said->summary, "a U.S. Embassy official said it was definitely a bomb");
        done(&r);
    }
}

/* A subject phrase ends at a form of "be" or an auxiliary, and adverbs such as "well", "last", "ever" and
 * "earlier" stand between a subject and its verb. A phrase goes on over a preposition to the noun it
 * qualifies ("A spokesman for the company said": was "the company"). Before: "Kenya was among hundreds"
 * injured, "Poland was well" prepared, "was last" seen, "the mother had earlier" suffered. */
static void test_actor_stops_at_a_verb(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        {"The American ambassador to Kenya was among hundreds injured.", "injured", "hundreds"},
        {"Poland was well prepared to join the alliance.", "prepared", "Poland"},
        {"He was last seen Nov. 3 in Ohio.", "seen", "He"},
        {"The mother had earlier suffered seven miscarriages.", "suffered", "The mother"},
        {"The government has ever offered such a reward.", "offered", "The government"},
        {"No enforcement action was ever announced by the INS.", "announced", "the INS"},
        {"I have always said I could no longer meet my duties.", "meet", "I"},
        {"Slepian was one of three doctors who performed abortions.", "performed", "one of three doctors"},
        {"I was heartened by the close cooperation we have had.", "heartened", "the close cooperation"},
        {"\"The net effect is positive,\" Kerry, using the administration's name, said.", "using", "Kerry"},
        {"Jobs died at the age of 56, according to the company website.", "according", ""},
        {"Losses could exceed $20 billion, according to a report.", "according", ""},
        {"\"It's all gone,\" said Maria Lopez, 62, who had lived there since 1985.", "lived", "Maria Lopez"},
        {"Kerry, using the name of the group, said on Wednesday that it helps.", "using", "Kerry"},
        {"Iran, which is a top regional rival, has not had relations with Washington.", "had", "Iran"},
        {"Slepian, 52, an obstetrician and gynecologist, was shot through the window.", "shot", "Slepian"},
        {"Separately, Phoenix, which makes chips, reported a profit.", "reported", "Phoenix"},
        {"A spokesman for the company said the plan failed.", "said", "A spokesman for the company"},
        {"Officials in Washington said the talks failed.", "said", "Officials in Washington"},
        {"Someone familiar with the situation said Jobs was ill.", "said",
         "Someone familiar with the situation"},
        {"The head of the agency said it would act.", "said", "The head of the agency"},
        {"Machinists voted on Monday to end a strike that began on Sept. 13.", "began", "a strike"},
        /* the commas around a place's state are no aside's: was "based in Austin", "Oshkosh", "Virginia" */
        {"Shares of the company, which is based in Austin, Texas, rose 4% on Wednesday.", "rose",
         "Shares of the company"},
        {"Oshkosh Truck Corp., Oshkosh, Wis., estimated earnings fell.", "estimated", "Oshkosh Truck Corp."},
        {"The board of Loudon County, Virginia, will vote on the plan.", "vote", "The board of Loudon County"},
        {"He said that prices rose.", "rose", "prices"},
        {"SEATTLE, Nov 5 (Reuters) - Boeing machinists voted on Monday to end the strike.", "voted",
         "Boeing machinists"}, /* was "- Boeing machinists" */
        {"Officials who spoke to reporters in Washington said it failed.", "said", "Officials"},
        {"He told reporters in Washington the talks failed.", "failed", "the talks"},
        {"Iran Saturday condemned the bombing.", "condemned", "Iran"},
        {"The company on Monday said it would cut jobs.", "said", "The company"},
        {"Allan Friedman, who in 2011 removed the tumor, said it worked.", "removed", "Allan Friedman"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        run r = extract(cases[k][0]);
        assert_string_equal(event(&r, cases[k][1])->actor, cases[k][2]);
        done(&r);
    }
}

/* An actor found before the clause (the antecedent of "which", the subject across an aside) opens the
 * summary, and the aside is left out. Before: "showed a U.S.-made fighter jet ...", "has not had diplomatic
 * relations ..." without their subject, and the agent of a passive after a comma was taken for an aside. */
static void test_summary_opens_with_a_shared_actor(void **state)
{
    (void)state;
    run r = extract("The network released footage which showed a U.S.-made fighter jet bombing Iraq.");
    assert_string_equal(event(&r, "showed")->summary, "footage showed a U.S.-made fighter jet bombing Iraq");
    done(&r);
    r = extract("The firm, which makes leather accessories, said the stock would rise.");
    assert_string_equal(event(&r, "makes")->summary, "The firm makes leather accessories");
    done(&r);
    r = extract("The view is offered by Charles O'Reilly, who stated, \"Great companies rarely last.\"");
    assert_string_equal(event(&r, "stated")->summary,
                        "Charles O'Reilly stated, \"Great companies rarely last");
    done(&r);
    r = extract("Iran, which is a top regional rival, has not had diplomatic relations with Washington.");
    assert_string_equal(event(&r, "had")->summary, "Iran has not had diplomatic relations with Washington");
    done(&r);
    r = extract("The story, first broken by The Huffington Post on Monday, spread.");
    assert_string_equal(event(&r, "broken")->actor, "The Huffington Post");
    assert_string_equal(event(&r, "broken")->summary, "first broken by The Huffington Post on Monday");
    done(&r);
}

/* "two weeks from now": the event is in the week the duration leads to, whichever side of it the event
 * stands; "now" after "from" is no start of an interval there (it still is in "from now on"). Before, "Two
 * weeks from now the minutes will be published" was BEGUN_BY PRESENT_REF, with "PRESENT_REF" as its begin,
 * and "published two weeks from now" DURING P2W. */
static void test_from_now(void **state)
{
    (void)state;
    static const char *const texts[] = {"Two weeks from now the minutes will be published.",
                                        "The minutes will be published two weeks from now."};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        run r = extract(texts[k]);
        const chr_event *e = event(&r, "published");
        assert_int_equal(e->time.relation, CHR_REL_IS_INCLUDED);
        assert_string_equal(e->time.value, "2014-W51");
        assert_string_equal(e->time.begin, "2014-W51");
        done(&r);
    }
    run r = extract("From now on, the rules apply to every company.");
    assert_int_equal(event(&r, "apply")->time.relation, CHR_REL_BEGUN_BY);
    assert_string_equal(event(&r, "apply")->time.begin, "2014-12-03");
    done(&r);
    /* "between now and Feb. 10" runs from the document date to Feb. 10 (it ended at the document date) */
    r = extract("He will not be repatriated between now and Feb. 10.");
    const chr_event *e = event(&r, "repatriated");
    assert_int_equal(e->time.relation, CHR_REL_BEGUN_BY);
    assert_string_equal(e->time.begin, "2014-12-03");
    assert_string_equal(e->time.end, "2015-02-10");
    done(&r);
}

/* A date on the other side of the document date than the event's tense is farther: "will step down" takes
 * "next year", not the "since January 2010" of the verb before it (it was BEGUN_BY January 2010). */
static void test_tense_and_time_agree(void **state)
{
    (void)state;
    run r = extract("He has served as mayor since January 2010 and will step down at the end of his term next "
                    "year.");
    assert_string_equal(event(&r, "step")->time.value, "2015");
    assert_string_equal(event(&r, "served")->time.value, "2010-01");
    done(&r);
}

/* A comma between digits ("50,000") is no clause boundary: "drew 50,000 people on Saturday" takes
 * Saturday, not the decade of the aside before it (TBAQ with the gold events: 1521 -> 1523 links); nor
 * is a comma of "Newark, N.J., airport". */
static void test_digit_comma(void **state)
{
    (void)state;
    run r = extract("The protest, the largest in a decade, drew 50,000 people on Saturday.");
    assert_string_equal(event(&r, "drew")->time.value, "2014-11-29");
    done(&r);
    /* nor are the commas around a state's abbreviation after a place (TBAQ: 1523 -> 1525) */
    r = extract("His car was spotted near the house in the weeks before the shooting, and was found "
                "abandoned at the Newark, N.J., airport in November.");
    assert_string_equal(event(&r, "abandoned")->time.value, "2014-11");
    done(&r);
}

/* A time and a colon that open a line ("1:15 p.m.: He met ...") are no dateline: the report's summary keeps
 * them (it was "aides said 15 p.m.: He met ..."). */
static void test_time_is_no_dateline(void **state)
{
    (void)state;
    run r = extract("1:15 p.m.: He met the prime minister, aides said.");
    assert_string_equal(event(&r, "said")->summary, "aides said 1:15 p.m.: He met the prime minister");
    done(&r);
}

/* A dateline with a date and its agency ("SEATTLE, Nov 5 (Reuters) - ") is no part of a summary (it was
 * "the union said Nov 5 (Reuters) - Boeing machinists voted ..."), and its date dates no event (it dated
 * "rose"); a hyphen inside a compound is no dash. */
static void test_dateline_with_a_date(void **state)
{
    (void)state;
    run r = extract("SEATTLE, Nov 5 (Reuters) - Boeing machinists voted to end the strike, the union said.");
    assert_string_equal(event(&r, "said")->summary,
                        "the union said Boeing machinists voted to end the strike");
    done(&r);
    r = extract("BEIRUT, Dec. 3 \xE2\x80\x94 Rebels seized the town of Kafr Nabl, officials said.");
    assert_string_equal(event(&r, "said")->summary, "officials said Rebels seized the town of Kafr Nabl");
    done(&r);
    /* the dateline's date dates no event of its sentence: "rose" is placed by its tense */
    r = extract("LONDON, Dec 3 (Reuters) - British house prices rose sharply, Nationwide said.");
    assert_int_equal(event(&r, "rose")->time.timex, -1);
    assert_int_equal(event(&r, "rose")->time.relation, CHR_REL_BEFORE);
    done(&r);
    r = extract("WASHINGTON, Dec. 3 - A U.S.-led coalition struck the town, officials said.");
    assert_string_equal(event(&r, "said")->summary, "officials said a U.S.-led coalition struck the town");
    done(&r);
}

/* A relative clause's summary ends at its comma, and before "and which" (the next relative clause): it
 * was "lawmakers passed in June and which took effect Sept. 1" and "took effect Sept. 1, placed an
 * unfair burden on voters". */
static void test_relative_clause_summary(void **state)
{
    (void)state;
    run r = extract("The judge said the law, which lawmakers passed in June and which took effect Sept. 1, "
                    "placed an unfair burden on elderly and disabled voters.");
    assert_string_equal(event(&r, "passed")->summary, "lawmakers passed in June");
    assert_null(strstr(event(&r, "took")->summary, "burden"));
    done(&r);
}

/* A reporting participle after a comma ("..., citing people familiar with the matter", "..., saying it will
 * serve") has its object after it, not its actor: it was the actor "people familiar" and the summary
 * "people familiar citing The Wall Street Journal reported on Monday". */
static void test_reporting_participle(void **state)
{
    (void)state;
    run r = extract("The Wall Street Journal reported on Monday, citing people familiar with the matter, that "
                    "talks had stalled.");
    const chr_event *citing = event(&r, "citing");
    assert_string_equal(citing->actor, "");
    assert_string_equal(citing->summary, "citing people familiar with the matter");
    done(&r);
}

/* A headline's line is its own: its summary stops at the line's end, before the byline (it was "Boeing
 * strike ends after union approves new contract By Maria Chen November 5"). In hard-wrapped text a line
 * break is only a blank, and the summary goes on over it. */
static void test_headline_line(void **state)
{
    (void)state;
    run r = extract("Boeing strike ends after union approves new contract\nBy Maria Chen\n"
                    "November 5, 2014 10:14 PM EST\n\nMachinists voted on Monday to end the strike.");
    assert_string_equal(event(&r, "approves")->summary, "union approves new contract");
    done(&r);
    r = extract("The machinists of the company in the city voted late on Monday to accept\n"
                "the contract that the company had offered to the union in the talks in\n"
                "Seattle of the last two weeks, and the strike that had begun in September\n"
                "ended with that vote, union officials said in a statement on the website.\n");
    assert_string_equal(event(&r, "voted")->summary,
                        "The machinists of the company in the city voted late on Monday to accept the contract "
                        "that the company had offered to the union in the talks in Seattle of the last two weeks");
    done(&r);
}

/* A page's header ("Published 6:12 AM EST, ... | Updated ...") dates no event, and its label is no news
 * event: it stays undated. Before, "Published" was an event of January 14 in the chronology, and the
 * header's time could date the words of the byline above it. */
static void test_page_header(void **state)
{
    (void)state;
    run r = extract("By JANE DOE, Associated Press\nPublished 6:12 AM EST, Tue January 14, 2025 | Updated "
                    "9:45 AM EST, Tue January 14, 2025\n\nFirefighters gained ground on Tuesday against the "
                    "fires.");
    const chr_event *p = event(&r, "Published");
    assert_int_equal(p->time.timex, -2);
    assert_int_equal(p->dct, CHR_REL_NONE);
    assert_string_equal(event(&r, "gained")->time.value, "2014-12-02");
    done(&r);
    /* a weekday between the label and the expression ("Wed," is no part of it) */
    r = extract("Nvidia revenue doubles\n\nUpdated: Wed, 26 Feb 2025 17:45:00 GMT\n\nNvidia said on "
                "Wednesday that revenue rose.");
    assert_int_equal(event(&r, "Updated")->time.timex, -2);
    assert_int_equal(event(&r, "Updated")->dct, CHR_REL_NONE);
    done(&r);
}

/* An event in a set's times ("held rallies daily") is linked to the set, which is no interval: its
 * begin and end stay empty. Before, they held the set's value ("P1D"), which is no day. */
static void test_set_is_no_interval(void **state)
{
    (void)state;
    run r = extract("Supporters held rallies daily outside the courthouse.");
    const chr_event *held = event(&r, "held");
    assert_int_equal(held->time.relation, CHR_REL_IS_INCLUDED);
    assert_string_equal(held->time.value, "P1D");
    assert_string_equal(held->time.begin, "");
    assert_string_equal(held->time.end, "");
    done(&r);
}

/* A verb that opens a coordinated predicate takes the time on its right over the one of the predicate
 * before it. Before, "went" took "the late 1990s", five bytes away on its left. */
static void test_coordinated_predicate_time(void **state)
{
    (void)state;
    run r = extract("The company was founded in the late 1990s and went public in 2004.");
    assert_string_equal(event(&r, "founded")->time.value, "199");
    assert_string_equal(event(&r, "went")->time.value, "2004");
    done(&r);
    /* with no time of its own, it still shares the one before */
    r = extract("Police arrested him on Friday and charged him with murder.");
    assert_string_equal(event(&r, "charged")->time.value, "2014-11-28");
    done(&r);
}

/* A verb after a modal has the tense NONE, as a noun has, and an actor all the same. Before, "meet" and
 * "pay" had none, and "can't" left its "ca" in the phrase. */
static void test_actor_after_a_modal(void **state)
{
    (void)state;
    run r = extract("The White House said the president would meet the new justice on Friday.");
    assert_string_equal(event(&r, "meet")->actor, "the president");
    done(&r);
    r = extract("Officials said the company can't pay.");
    assert_string_equal(event(&r, "pay")->actor, "the company");
    done(&r);
    r = extract("The attack could have been prevented, officials said.");
    assert_string_equal(event(&r, "prevented")->actor, "The attack");
    done(&r);
}

/* A report after a relative clause set off by commas is not dated by the clause's time: before, "said" was
 * in January. The noun the clause is about keeps it ("the ruling, which is expected next month"). */
static void test_report_after_a_relative_clause(void **state)
{
    (void)state;
    run r = extract("Chief executive Jane Roe, who took over in January, said the firm would close a plant.");
    assert_string_equal(event(&r, "took")->time.value, "2014-01");
    const chr_event *said = event(&r, "said");
    assert_int_equal(said->time.timex, -1); /* the DCT, by its tense */
    assert_int_equal(said->time.relation, CHR_REL_BEFORE);
    done(&r);
    r = extract("The lawyers await the ruling, which is expected next month.");
    assert_string_equal(event(&r, "ruling")->time.value, "2015-01");
    done(&r);
    /* nor a report before the clause, of a noun it reports on (it was BEGUN_BY March) */
    r = extract("Boone said that Gerrit Cole, who has been out since March with an injury, would pitch.");
    assert_int_equal(event(&r, "said")->time.timex, -1);
    assert_int_equal(event(&r, "said")->time.relation, CHR_REL_BEFORE);
    done(&r);
}

/* A verb's own time may lie past the linker's reach at the end of its clause, with no verb between: it
 * took none before and was placed by its tense. Not over a subordinate clause, nor a modifying time. */
static void test_far_time_of_its_clause(void **state)
{
    (void)state;
    run r = extract("The FBI put alleged terrorist mastermind Osama Bin Laden and anti-abortion activist and "
                    "accused doctor killer James Charles Kopp on the bureau's list of the Ten Most Wanted "
                    "fugitives Monday.");
    assert_string_equal(event(&r, "put")->time.value, "2014-12-01");
    done(&r);
    r = extract("Management recommended a suspension of dividend payments on both its common and preferred "
                "stock because Crossland may not meet the new government capital criteria effective Dec. 7.");
    assert_int_equal(event(&r, "recommended")->time.timex, -1);
    done(&r);
}

/* "from 1983" with no time that closes it runs to the document date only for an event that goes on then
 * ("has operated from 1990"); "directed the lab from 1983 until her retirement" ended at a time the
 * sentence does not give, and "since" still runs to the document date. */
static void test_from_with_an_open_end(void **state)
{
    (void)state;
    run r = extract("She directed the lab from 1983 until her retirement. The plant has operated from 1990. "
                    "He served as mayor from 2001 to 2009. Sales have grown since 2005.");
    const chr_event *directed = event(&r, "directed");
    assert_int_equal(directed->time.relation, CHR_REL_BEGUN_BY);
    assert_string_equal(directed->time.begin, "1983");
    assert_string_equal(directed->time.end, "");
    assert_string_equal(event(&r, "operated")->time.end, "2014-12-03");
    assert_string_equal(event(&r, "served")->time.end, "2009");
    assert_string_equal(event(&r, "grown")->time.end, "2014-12-03");
    done(&r);
}

/* A verb after a modal owns the time on its right, not the report before it: the chronology's entry is
 * "temperatures would drop ... over the next 48 hours", not "Forecasters said ..." dated by it. */
static void test_modal_verb_owns_its_time(void **state)
{
    (void)state;
    run r = extract("Forecasters said temperatures would drop sharply over the next 48 hours. Gregory Craig "
                    "announced in Washington that the father would be traveling to the United States "
                    "Thursday.");
    assert_string_equal(event(&r, "said")->time.rule, "tense"); /* not DURING the drop's 48 hours */
    assert_string_not_equal(event(&r, "drop")->time.rule, "sentence");
    assert_string_equal(event(&r, "announced")->time.rule, "sentence");
    assert_string_equal(event(&r, "traveling")->time.rule, "same-sentence");
    done(&r);
}

/* A verb left of a time near the sentence's start owns it ("He said Monday that", "Elected in 2020, the
 * mayor faces"); only a time that opens the sentence with no verb before it, or after "Starting", goes to the
 * verb on its right. */
static void test_verb_before_an_early_time_owns_it(void **state)
{
    (void)state;
    run r = extract("He said Monday that talks would resume. Elected in 2020, the mayor faces a recall. "
                    "Starting next year, the law will block insurers. On Tuesday, the agency confirmed it.");
    assert_string_equal(event(&r, "said")->time.rule, "same-sentence");
    assert_string_equal(event(&r, "resume")->time.rule, "sentence");
    assert_string_equal(event(&r, "Elected")->time.rule, "same-sentence");
    assert_string_equal(event(&r, "faces")->time.rule, "sentence");
    assert_string_equal(event(&r, "block")->time.rule, "same-sentence");
    assert_string_equal(event(&r, "confirmed")->time.rule, "same-sentence");
    done(&r);
}

/* A report does not take the relation a signal gives what it reports: "said it would lay off 1,200 workers
 * by the end of the year" is a report before the document date, the layoffs are ENDED_BY the year's end. */
static void test_report_not_ended_by_what_it_reports(void **state)
{
    (void)state;
    run r = extract("The company said it would lay off 1,200 workers by the end of the year. At least 51 "
                    "people were reported killed in clashes since Sunday.");
    const chr_event *said = event(&r, "said");
    assert_int_equal(said->time.relation, CHR_REL_BEFORE);
    assert_string_equal(said->time.rule, "tense");
    assert_int_equal(event(&r, "lay")->time.relation, CHR_REL_ENDED_BY);
    assert_int_not_equal(event(&r, "reported")->time.timex, -1);
    done(&r);
    r = extract("Forecasters warned that storm surge could reach 15 feet within the next 36 hours.");
    assert_string_equal(event(&r, "warned")->time.rule, "tense");
    assert_int_equal(event(&r, "reach")->time.relation, CHR_REL_DURING);
    done(&r);
}

/* A report that closes its sentence was not made at a time of what it reports: "... in the fatal shooting of
 * a clerk early Saturday, police said"; the shooting is on Saturday. */
static void test_trailing_report_not_dated_by_its_content(void **state)
{
    (void)state;
    run r = extract("A man was charged Monday with murder in the fatal shooting of a clerk early Saturday, "
                    "police said.");
    assert_string_equal(event(&r, "said")->time.rule, "tense");
    assert_string_equal(event(&r, "shooting")->time.value, "2014-11-29");
    assert_string_equal(event(&r, "charged")->time.value, "2014-12-01");
    done(&r);
}

/* A time after a participle that opens the sentence is the participle's, not the whole sentence's: "Born on
 * March 3, 1935, in Duluth, Ellison earned a degree in physics in 1956" earned it in 1956. */
static void test_time_of_an_opening_participle(void **state)
{
    (void)state;
    run r = extract("Born on March 3, 1935, in Duluth, Ellison earned a degree in physics from the "
                    "University of Minnesota in 1956. On Monday, the university named a hall after her.");
    assert_string_equal(event(&r, "earned")->time.value, "1956");
    assert_string_equal(event(&r, "named")->time.value, "2014-12-01");
    done(&r);
}

/* A verb after "and ... expected to" is a coordinated predicate whose own time is on its right: "strengthened
 * early Wednesday and is expected to make landfall along the Gulf Coast late Friday" lands on Friday. */
static void test_coordinated_infinitive_takes_its_own_time(void **state)
{
    (void)state;
    run r = extract("The storm strengthened early Wednesday and is expected to make landfall along the Gulf "
                    "Coast late Friday.");
    assert_string_equal(event(&r, "strengthened")->time.value, "2014-12-03");
    assert_string_equal(event(&r, "make")->time.value, "2014-12-05");
    done(&r);
}

/* "since then" and "until then" point back at the last date: "its shares have fallen 8% since then" begins
 * on the Oct. 30 of the report; "Since then, it has cut 4,000 jobs" on 2004; not the report ", he said". */
static void test_since_then(void **state)
{
    (void)state;
    run r = extract("Acme reported results on Oct. 30, and its shares have fallen 8% since then. The company "
                    "went public in 2004. Since then, it has cut 4,000 jobs, he said.");
    const chr_event *fallen = event(&r, "fallen"), *cut = event(&r, "cut");
    assert_int_equal(fallen->time.relation, CHR_REL_BEGUN_BY);
    assert_string_equal(fallen->time.begin, "2014-10-30");
    assert_int_equal(cut->time.relation, CHR_REL_BEGUN_BY);
    assert_string_equal(cut->time.begin, "2004");
    assert_int_not_equal(event(&r, "said")->time.relation, CHR_REL_BEGUN_BY);
    done(&r);
}

/* A time after "than" is the term of a comparison: what is compared holds AFTER it, and the time belongs to
 * the "when" clause after it ("voted"), not to the comparison. */
static void test_comparison_time(void **state)
{
    (void)state;
    run r = extract("Turnout appeared to be lower than in 2020, when a record 158 million Americans voted.");
    const chr_event *lower = event(&r, "lower"), *voted = event(&r, "voted");
    assert_int_equal(lower->time.relation, CHR_REL_AFTER);
    assert_string_equal(lower->time.rule, "sentence");
    assert_int_equal(voted->time.relation, CHR_REL_IS_INCLUDED);
    assert_string_equal(voted->time.value, "2020");
    assert_string_equal(voted->time.rule, "same-sentence");
    done(&r);
}

/* "for two days before", "for only nine days before": the event before it lasted them (DURING), the one
 * after "before" ends them, as in "several months before he entered". */
static void test_duration_lasted_before(void **state)
{
    (void)state;
    run r = extract("The jury deliberated for two days before returning its verdict. The team had practiced "
                    "for only nine days before the opener.");
    assert_int_equal(event(&r, "deliberated")->time.relation, CHR_REL_DURING);
    assert_int_equal(event(&r, "returning")->time.relation, CHR_REL_ENDS);
    assert_int_equal(event(&r, "practiced")->time.relation, CHR_REL_DURING);
    done(&r);
}

/* A present in a clause of time or condition of a future speaks of what is to come: AFTER the document
 * date, not INCLUDES it; a present with no future in its sentence still INCLUDES it. */
static void test_present_of_a_future_clause(void **state)
{
    (void)state;
    run r = extract("Its chief executive will join the board once the deal is completed. Prices rise when "
                    "demand grows.");
    const chr_event *completed = event(&r, "completed");
    assert_int_equal(completed->time.relation, CHR_REL_AFTER);
    assert_int_equal(completed->dct, CHR_REL_AFTER);
    assert_int_equal(event(&r, "rise")->dct, CHR_REL_INCLUDES);
    done(&r);
}

/* A period between two events dates the event it leads from or to by the other's day or time: "signing"
 * two days before the Saturday of "opened" (DCT Wednesday 2014-12-03: 2014-11-27), "expired" three weeks
 * after March 3, "the crash" 90 minutes before 1 a.m. Saturday, on the day before. */
static void test_period_between_dated_events(void **state)
{
    (void)state;
    run r = extract("The Celtics opened their season on Saturday night, two days after signing Hill. "
                    "The company signed the deal on March 3, three weeks before the offer expired. "
                    "Rescuers came at 1 a.m. Saturday, 90 minutes after the crash.");
    const chr_event *signing = event(&r, "signing"), *expired = event(&r, "expired");
    const chr_event *crash = event(&r, "crash");
    assert_int_equal(signing->time.relation, CHR_REL_BEGINS);
    assert_string_equal(signing->time.begin, "2014-11-27");
    assert_string_equal(expired->time.begin, "2014-03-24");
    assert_string_equal(crash->time.begin, "2014-11-28T23:30");
    done(&r);
}

/* A noun in -ly is no adverb: "his family said", "The assembly voted" keep their actors. */
static void test_actor_noun_in_ly(void **state)
{
    (void)state;
    run r = extract("The clerk had worked there for years, his family said. The assembly voted on Tuesday.");
    assert_string_equal(event(&r, "said")->actor, "his family");
    assert_string_equal(event(&r, "voted")->actor, "The assembly");
    done(&r);
}

/* A court case's name is one phrase of its sentence: "v." ends no sentence, and "Wade" is no event that
 * takes the date of "overturned". */
static void test_court_case_name(void **state)
{
    (void)state;
    run r = extract("The court overturned Roe v. Wade in June 2022.");
    assert_string_equal(event(&r, "overturned")->time.value, "2022-06");
    assert_int_equal(chr_result_event_count(r.res), 1);
    done(&r);
}

/* A possessive time is part of the object of a verb on its left: "will release November's figures on Dec. 4"
 * is on Dec. 4. */
static void test_possessive_time_of_an_object(void **state)
{
    (void)state;
    run r = extract("The government will release November's figures on Dec. 4.");
    assert_string_equal(event(&r, "release")->time.value, "2014-12-04");
    done(&r);
}

/* An event in a bare duration takes the interval of a date right after it: "met for three hours on Sunday"
 * is DURING the three hours, on Sunday; "for the year ended Aug. 31" gives the year's results no day. */
static void test_duration_dated_by_the_day_after_it(void **state)
{
    (void)state;
    run r = extract("The board met for three hours on Sunday. It had net income of $2 million for the year "
                    "ended Aug. 31.");
    const chr_event *met = event(&r, "met");
    assert_int_equal(met->time.relation, CHR_REL_DURING);
    assert_string_equal(met->time.value, "PT3H");
    assert_string_equal(met->time.begin, "2014-11-30");
    assert_string_equal(met->time.end, "2014-11-30");
    const chr_event *had = event(&r, "had");
    assert_true(had->time.timex < 0 || strcmp(had->time.begin, "2014-08-31"));
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_dated_by_its_time),
        cmocka_unit_test(test_two_times_in_one_sentence),
        cmocka_unit_test(test_since_and_until),
        cmocka_unit_test(test_from_with_an_open_end),
        cmocka_unit_test(test_modal_verb_owns_its_time),
        cmocka_unit_test(test_verb_before_an_early_time_owns_it),
        cmocka_unit_test(test_report_not_ended_by_what_it_reports),
        cmocka_unit_test(test_trailing_report_not_dated_by_its_content),
        cmocka_unit_test(test_time_of_an_opening_participle),
        cmocka_unit_test(test_coordinated_infinitive_takes_its_own_time),
        cmocka_unit_test(test_since_then),
        cmocka_unit_test(test_comparison_time),
        cmocka_unit_test(test_duration_lasted_before),
        cmocka_unit_test(test_present_of_a_future_clause),
        cmocka_unit_test(test_period_between_dated_events),
        cmocka_unit_test(test_actor_noun_in_ly),
        cmocka_unit_test(test_court_case_name),
        cmocka_unit_test(test_possessive_time_of_an_object),
        cmocka_unit_test(test_duration_dated_by_the_day_after_it),
        cmocka_unit_test(test_signals_in_any_case),
        cmocka_unit_test(test_since_with_a_hedge),
        cmocka_unit_test(test_signal_and_the_clause_after),
        cmocka_unit_test(test_untaken_time_within_reach),
        cmocka_unit_test(test_no_time_in_the_sentence),
        cmocka_unit_test(test_negation),
        cmocka_unit_test(test_curly_apostrophes),
        cmocka_unit_test(test_clitic_after_a_pronoun),
        cmocka_unit_test(test_report_content_after_the_verb),
        cmocka_unit_test(test_actor_phrase_edges),
        cmocka_unit_test(test_actor_across_an_aside),
        cmocka_unit_test(test_time_owned_by_its_verb),
        cmocka_unit_test(test_equal_distance_right_time),
        cmocka_unit_test(test_actor_of_a_coordinated_relative),
        cmocka_unit_test(test_actor_after_a_relative_clause),
        cmocka_unit_test(test_reported_events),
        cmocka_unit_test(test_underscore_dash_is_a_boundary),
        cmocka_unit_test(test_opening_time_across_an_aside),
        cmocka_unit_test(test_possessive_time_opens_nothing),
        cmocka_unit_test(test_modifying_time_kept_by_its_noun),
        cmocka_unit_test(test_period_between_events),
        cmocka_unit_test(test_present_report_within_the_day),
        cmocka_unit_test(test_summary_blanks_collapsed),
        cmocka_unit_test(test_actor_after_a_closing_quote),
        cmocka_unit_test(test_actor_stops_at_a_verb),
        cmocka_unit_test(test_summary_opens_with_a_shared_actor),
        cmocka_unit_test(test_from_now),
        cmocka_unit_test(test_tense_and_time_agree),
        cmocka_unit_test(test_digit_comma),
        cmocka_unit_test(test_page_header),
        cmocka_unit_test(test_set_is_no_interval),
        cmocka_unit_test(test_coordinated_predicate_time),
        cmocka_unit_test(test_actor_after_a_modal),
        cmocka_unit_test(test_report_after_a_relative_clause),
        cmocka_unit_test(test_far_time_of_its_clause),
        cmocka_unit_test(test_time_is_no_dateline),
        cmocka_unit_test(test_dateline_with_a_date),
        cmocka_unit_test(test_headline_line),
        cmocka_unit_test(test_relative_clause_summary),
        cmocka_unit_test(test_reporting_participle),
        cmocka_unit_test(test_reported_future_after_the_report),
        cmocka_unit_test(test_signal_before_a_modifying_time),
        cmocka_unit_test(test_signal_before_a_possessive_time),
        cmocka_unit_test(test_actor_with_a_possessive_time),
        cmocka_unit_test(test_actor_before_a_participle_and_its_agent),
        cmocka_unit_test(test_time_across_a_quotation),
        cmocka_unit_test(test_list_commas),
        cmocka_unit_test(test_rate_is_no_time),
        cmocka_unit_test(test_report_after_its_period),
        cmocka_unit_test(test_actor_over_next),
        cmocka_unit_test(test_actor_with_a_modifying_time),
        cmocka_unit_test(test_phrase_opens_with_no_preposition),
        cmocka_unit_test(test_not_until),
        cmocka_unit_test(test_negated_until_and_bounds),
        cmocka_unit_test(test_actor_keeps_a_numbers_hedge),
        cmocka_unit_test(test_actor_over_a_place_preposition),
        cmocka_unit_test(test_dateline_alone_on_its_line),
        cmocka_unit_test(test_dct_relation),
        cmocka_unit_test(test_due_date_ends),
        cmocka_unit_test(test_between_two_times),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
