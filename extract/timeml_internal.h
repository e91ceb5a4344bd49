/* timeml_internal.h: the small XML tokenizer that the TimeML reader (extract/timeml.c) and the TimeML
 * writer (render/timeml.c) share, so that both agree byte for byte on how raw TEXT content maps to
 * document text (entities, CDATA, stripped tags, sentence breaks). Not installed. */
#ifndef CHRONICLE_TIMEML_INTERNAL_H
#define CHRONICLE_TIMEML_INTERNAL_H

#include "chronicle/error.h"
#include <stddef.h>

typedef enum chr__xml_kind {
    CHR__XML_TEXT = 0, /* character data copied as is: raw[start..end) is the text */
    CHR__XML_ENTITY,   /* &amp; &#233; ...: raw[start..end) decodes to dec[0..dec_len) */
    CHR__XML_CDATA,    /* <![CDATA[...]]>: raw[text..text+text_len) is the text */
    CHR__XML_START,    /* <name attr="v" ...> */
    CHR__XML_END,      /* </name> */
    CHR__XML_EMPTY,    /* <name ... /> */
    CHR__XML_OTHER     /* comment, processing instruction, DOCTYPE: no text */
} chr__xml_kind;

typedef struct chr__xml_tok {
    chr__xml_kind kind;
    size_t start, end;     /* raw byte range of the whole token */
    size_t name, name_len; /* tags: the element name within raw */
    size_t text, text_len; /* TEXT and CDATA: the text bytes within raw */
    char dec[4];           /* ENTITY: the decoded UTF-8 bytes */
    size_t dec_len;
} chr__xml_tok;

/* Read the token that starts at raw[pos] (pos < len). Returns 0, or CHR_EFORMAT (err->offset set) for
 * a truncated or malformed tag, comment or character reference. Runs in time linear in the token. */
int chr__timeml_next(const char *raw, size_t len, size_t pos, chr__xml_tok *tok, chr_error *err);

/* 1 when tok is an element of that name. */
int chr__timeml_is(const char *raw, const chr__xml_tok *tok, const char *name);

/* Find attribute attr of a START or EMPTY tag, decode its entities into buf (NUL-terminated, cut at a
 * UTF-8 boundary to fit n bytes). Returns 1 if the attribute is present, 0 if not. */
int chr__timeml_attr(const char *raw, const chr__xml_tok *tok, const char *attr, char *buf, size_t n);

/* The sentence-break rule: 1 when tok is an </s> end tag directly followed (raw[tok->end] within
 * [0..limit)) by a non-blank byte, in which case the document text gets a "\n" there so that
 * "2008</s><s>The" does not read as "2008The". Such a '\n' has no bytes in raw. */
int chr__timeml_sentence_break(const char *raw, size_t limit, const chr__xml_tok *tok);

#endif
