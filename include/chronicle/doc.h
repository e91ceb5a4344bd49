/* doc.h: documents, the readers that make them (plain text, JSON Lines records, TimeML) and the
 * document creation time (DCT).
 *
 * A chr_doc owns a copy of its text (valid UTF-8, no NUL bytes), an id, the DCT and where it came from.
 * A document read from TimeML also keeps the whole original file, so that the TimeML writer can pass it
 * through unchanged, and the TIMEX3 annotations found in its TEXT (the gold ones, for `eval`). */
#ifndef CHRONICLE_DOC_H
#define CHRONICLE_DOC_H

#include <stddef.h>
#include "chronicle/date.h"
#include "chronicle/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum chr_format {
    CHR_FORMAT_AUTO = 0,
    CHR_FORMAT_TEXT,
    CHR_FORMAT_JSONL,
    CHR_FORMAT_TIMEML
} chr_format;

typedef enum chr_dct_source {
    CHR_DCT_NONE = 0,  /* no DCT: relative expressions stay underspecified */
    CHR_DCT_OPTION,    /* given by the caller (--dct) */
    CHR_DCT_FIELD,     /* the JSON record's date field */
    CHR_DCT_TIMEML,    /* the TimeML <DCT> */
    CHR_DCT_HEADER     /* found in a dateline or header in the first lines of the text */
} chr_dct_source;

/* "none", "option", "field", "timeml", "header" */
const char *chr_dct_source_name(chr_dct_source s);

typedef enum chr_timex_type {
    CHR_TIMEX_DATE = 0,
    CHR_TIMEX_TIME,
    CHR_TIMEX_DURATION,
    CHR_TIMEX_SET
} chr_timex_type;

/* "DATE", "TIME", "DURATION", "SET" */
const char *chr_timex_type_name(chr_timex_type t);

/* One time expression. Offsets are bytes into the document text (end exclusive); cp_start/cp_end are
 * the same positions in Unicode code points. Strings are NUL-terminated, "" when absent. */
typedef struct chr_timex {
    char id[16];            /* "t1", "t2", ... */
    size_t start, end;      /* byte offsets */
    size_t cp_start, cp_end;/* code point offsets */
    chr_timex_type type;
    char value[64];         /* TIMEX3 value: "2014-12-01TNI", "P3D", "XXXX-WXX-1", "PRESENT_REF" */
    char mod[16];           /* TIMEX3 mod: "START", "APPROX", ... or "" */
    char quant[16];         /* SET quant ("EVERY", "EACH") or "" */
    char freq[16];          /* SET freq ("2X") or "" */
    char anchor[16];        /* id of the timex it was resolved against ("t0" = DCT), or "" */
    char signal[16];        /* the interval signal before it: "since", "until", "from", "between", or "" */
    char begin[64];         /* interval implied ("since 1979": begin "1979"), or "" */
    char end_value[64];     /* end of that interval ("since 1979": the DCT), or "" */
    const char *rule;       /* name of the rule that found it (static storage), or NULL */
} chr_timex;

typedef struct chr_doc chr_doc;

/* Field names for JSON records; NULL members mean "try the common names" (text, body, content,
 * maintext; dct, date, published, date_publish, datePublished; id, url). */
typedef struct chr_json_fields {
    const char *text;
    const char *date;
    const char *id;
} chr_json_fields;

/* Guess the format of a buffer from its content: TimeML if it has a <TimeML> root or <TEXT> element
 * (after an optional XML declaration), JSON Lines if the first non-blank byte is '{', text otherwise. */
chr_format chr_format_detect(const char *buf, size_t len);

/* Plain text. The text is copied. Invalid UTF-8 or NUL bytes -> CHR_EUTF8 (err->offset says where);
 * an empty or all-blank text -> CHR_EEMPTY. The DCT is not looked for: see chr_doc_find_dct. */
int chr_doc_from_text(chr_doc **out, const char *text, size_t len, chr_error *err);

/* One JSON Lines record (one line, without its newline). Sets text, id and, when the record has a
 * usable date field, the DCT (source CHR_DCT_FIELD). An unparsable date field -> CHR_EDATE. */
int chr_doc_from_json(chr_doc **out, const char *line, size_t len, const chr_json_fields *fields,
                      chr_error *err);

/* A TimeML document (.tml, .TE3input). Text is the TEXT element's content with tags stripped; the DCT
 * comes from <DCT> (source CHR_DCT_TIMEML); TIMEX3 tags inside TEXT become the document's gold timexes. */
int chr_doc_from_timeml(chr_doc **out, const char *xml, size_t len, chr_error *err);

void chr_doc_free(chr_doc *doc);

const char *chr_doc_text(const chr_doc *doc, size_t *len);
chr_format chr_doc_format(const chr_doc *doc);

/* The id: from the record, the TimeML DOCID, or what the caller set; "" when none. */
const char *chr_doc_id(const chr_doc *doc);
int chr_doc_set_id(chr_doc *doc, const char *id);

/* The DCT and its source. Returns CHR_DCT_NONE (and leaves *out gran NONE) when there is none. */
chr_dct_source chr_doc_dct(const chr_doc *doc, chr_time *out);
/* Set the DCT from an ISO 8601 string (CHR_EDATE when impossible). */
int chr_doc_set_dct(chr_doc *doc, const char *iso, chr_dct_source source, chr_error *err);
void chr_doc_set_dct_time(chr_doc *doc, const chr_time *t, chr_dct_source source);

/* Look for the DCT in a dateline or header in the first lines of the text and set it (source
 * CHR_DCT_HEADER). Returns 1 if found, 0 if not. Does nothing and returns 1 when the document already
 * has a DCT. */
int chr_doc_find_dct(chr_doc *doc);

/* TimeML only: the original file and the byte range of the TEXT element's content within it. */
const char *chr_doc_raw(const chr_doc *doc, size_t *len, size_t *text_begin, size_t *text_end);

/* The TIMEX3 annotations the input carried in its text (TimeML); 0 for other formats. */
size_t chr_doc_gold_count(const chr_doc *doc);
const chr_timex *chr_doc_gold(const chr_doc *doc, size_t i);

/* Code point offset of a byte offset into the document text. */
size_t chr_doc_cp_offset(const chr_doc *doc, size_t byte_offset);

#ifdef __cplusplus
}
#endif
#endif
