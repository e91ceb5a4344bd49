/* event_names.c: the names of the TimeML event attributes and TLINK relations, both ways.
 *
 * Exports (event.h): chr_event_class_name, chr_tense_name, chr_aspect_name, chr_relation_name,
 * chr_event_class_parse, chr_tense_parse, chr_aspect_parse, chr_relation_parse. */
#include <string.h>

#include "internal.h"

static const char *const class_names[CHR_EVENT_CLASS_COUNT] = {
    "OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION"};

static const char *const tense_names[] = {"NONE",       "PAST",     "PRESENT", "FUTURE",
                                          "INFINITIVE", "PRESPART", "PASTPART"};

static const char *const aspect_names[] = {"NONE", "PROGRESSIVE", "PERFECTIVE", "PERFECTIVE_PROGRESSIVE"};

static const char *const relation_names[CHR_REL_COUNT] = {
    "",         "BEFORE",    "AFTER", "INCLUDES", "IS_INCLUDED", "DURING",   "SIMULTANEOUS",
    "IDENTITY", "BEGINS", "BEGUN_BY", "ENDS",     "ENDED_BY",    "IBEFORE", "IAFTER"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int find(const char *const *names, size_t n, const char *s) {
    if (!s)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (names[i][0] && strcmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

const char *chr_event_class_name(chr_event_class c) {
    return (unsigned)c < COUNT(class_names) ? class_names[c] : "OCCURRENCE";
}

const char *chr_tense_name(chr_tense t) { return (unsigned)t < COUNT(tense_names) ? tense_names[t] : "NONE"; }

const char *chr_aspect_name(chr_aspect a) {
    return (unsigned)a < COUNT(aspect_names) ? aspect_names[a] : "NONE";
}

const char *chr_relation_name(chr_relation r) {
    return (unsigned)r < COUNT(relation_names) ? relation_names[r] : "";
}

int chr_event_class_parse(const char *s) { return find(class_names, COUNT(class_names), s); }

int chr_tense_parse(const char *s) { return find(tense_names, COUNT(tense_names), s); }

int chr_aspect_parse(const char *s) { return find(aspect_names, COUNT(aspect_names), s); }

int chr_relation_parse(const char *s) {
    if (s && strcmp(s, "NONE") == 0)
        return CHR_REL_NONE;
    return find(relation_names, COUNT(relation_names), s);
}
