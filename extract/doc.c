/* doc.c: the chr_doc object, the plain text reader, format detection and the small name tables.
 *
 * Exports (doc.h): chr_doc_from_text, chr_doc_free, chr_doc_text, chr_doc_format, chr_doc_id,
 * chr_doc_set_id, chr_doc_dct, chr_doc_set_dct, chr_doc_set_dct_time, chr_doc_raw, chr_doc_gold_count,
 * chr_doc_gold, chr_doc_gold_event_count, chr_doc_gold_event, chr_doc_gold_tlink_count, chr_doc_gold_tlink,
 * chr_doc_cp_offset, chr_format_detect, chr_dct_source_name, chr_timex_type_name;
 * (error.h): chr_strerror; (internal.h): chr__doc_alloc, chr__doc_from_utf8.
 *
 * Code point offsets: doc->cp_index[i] is the number of code points that start before byte i * 64, built
 * when the document is allocated, so that chr_doc_cp_offset costs at most 64 byte steps, and none in a
 * block of 64 code points (ASCII, most of news text). */
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal.h"

#define CP_STEP CHR__CP_STEP

/* The code points that start in the CP_STEP bytes at s: with SSE2, the bytes less the continuation bytes
 * (below -64 as signed bytes), counted in the lanes of one register, inline (a call a block cost twice). */
static inline size_t block_count(const char *s) {
#if defined(__SSE2__)
    _Static_assert(CP_STEP == 64, "four words of 16 bytes a block");
    const __m128i top = _mm_set1_epi8(-64);
    __m128i c0 = _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(const void *)s), top);
    __m128i c1 = _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + 16)), top);
    __m128i c2 = _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + 32)), top);
    __m128i c3 = _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + 48)), top);
    /* each lane -1 a continuation byte: 0 less their sum is the count, 4 at most */
    __m128i cont =
        _mm_sub_epi8(_mm_setzero_si128(), _mm_add_epi8(_mm_add_epi8(c0, c1), _mm_add_epi8(c2, c3)));
    __m128i sum = _mm_sad_epu8(cont, _mm_setzero_si128());
    return CP_STEP - (size_t)_mm_cvtsi128_si32(sum) - (size_t)_mm_cvtsi128_si32(_mm_unpackhi_epi64(sum, sum));
#else
    return chr__utf8_count(s, CP_STEP);
#endif
}

static size_t *build_cp_index(const char *text, size_t len) {
    size_t n = len / CP_STEP + 1, i;
    size_t *idx = malloc(n * sizeof *idx);

    if (!idx) {
        return NULL;
    }
    idx[0] = 0;
    for (i = 1; i < n; i++) {
        idx[i] = idx[i - 1] + block_count(text + (i - 1) * CP_STEP);
    }
    return idx;
}

chr_doc *chr__doc_alloc(const char *text, size_t len) {
    chr_doc *doc = calloc(1, sizeof *doc);

    if (!doc) {
        return NULL;
    }
    doc->text = malloc(len + 1);
    doc->id = calloc(1, 1);
    if (!doc->text || !doc->id) {
        chr_doc_free(doc);
        return NULL;
    }
    if (len) {
        memcpy(doc->text, text, len);
    }
    doc->text[len] = '\0';
    doc->len = len;
    doc->format = CHR_FORMAT_TEXT;
    doc->dct_source = CHR_DCT_NONE;
    doc->cp_index = build_cp_index(doc->text, len);
    if (!doc->cp_index) {
        chr_doc_free(doc);
        return NULL;
    }
    return doc;
}

/* Decode one code point of valid UTF-8 at s[i]; returns its length. */
static size_t decode(const unsigned char *s, size_t len, size_t i, unsigned *cp) {
    unsigned c = s[i];

    if (c < 0x80 || i + 1 >= len) {
        *cp = c;
        return 1;
    }
    if (c < 0xE0) {
        *cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
        return 2;
    }
    if (c < 0xF0 || i + 3 >= len) {
        if (i + 2 >= len) {
            *cp = c;
            return 1;
        }
        *cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
        return 3;
    }
    *cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
    return 4;
}

static int is_space_cp(unsigned cp) {
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0xFEFF;
}

static int all_blank(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        unsigned cp;
        i += decode(p, len, i, &cp);
        if (!is_space_cp(cp)) {
            return 0;
        }
    }
    return 1;
}

/* checked: the caller has shown text to be valid UTF-8 without NUL bytes (chr__doc_from_utf8). */
static int from_text(chr_doc **out, const char *text, size_t len, int checked, chr_error *err) {
    size_t skip = 0, bad = 0;
    chr_doc *doc;

    if (!out) {
        return chr__error_set(err, CHR_EINVAL, "chr_doc_from_text: out is NULL");
    }
    *out = NULL;
    if (!text && len) {
        return chr__error_set(err, CHR_EINVAL, "chr_doc_from_text: text is NULL");
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        skip = 3;
    }
    if (!checked && chr__utf8_check(text + skip, len - skip, &bad) != 0) {
        bad += skip;
        if (text[bad] == '\0') {
            chr__error_set(err, CHR_EUTF8, "NUL byte at byte offset %zu: binary data, not text", bad);
        } else {
            chr__error_set(err, CHR_EUTF8, "invalid UTF-8 at byte offset %zu (byte 0x%02X)", bad,
                           (unsigned)(unsigned char)text[bad]);
        }
        if (err) {
            err->offset = bad;
        }
        return CHR_EUTF8;
    }
    if (all_blank(text + skip, len - skip)) {
        return chr__error_set(err, CHR_EEMPTY, len ? "text is blank" : "text is empty");
    }
    doc = chr__doc_alloc(text + skip, len - skip);
    if (!doc) {
        return chr__error_set(err, CHR_ENOMEM, "out of memory");
    }
    *out = doc;
    return CHR_OK;
}

int chr_doc_from_text(chr_doc **out, const char *text, size_t len, chr_error *err) {
    return from_text(out, text, len, 0, err);
}

int chr__doc_from_utf8(chr_doc **out, const char *text, size_t len, chr_error *err) {
    return from_text(out, text, len, 1, err);
}

void chr_doc_free(chr_doc *doc) {
    if (!doc) {
        return;
    }
    free(doc->text);
    free(doc->id);
    free(doc->raw);
    free(doc->gold);
    free(doc->gold_events);
    free(doc->gold_tlinks);
    free(doc->cp_index);
    free(doc);
}

const char *chr_doc_text(const chr_doc *doc, size_t *len) {
    if (!doc) {
        if (len) {
            *len = 0;
        }
        return NULL;
    }
    if (len) {
        *len = doc->len;
    }
    return doc->text;
}

chr_format chr_doc_format(const chr_doc *doc) { return doc ? doc->format : CHR_FORMAT_AUTO; }

const char *chr_doc_id(const chr_doc *doc) { return doc && doc->id ? doc->id : ""; }

int chr_doc_set_id(chr_doc *doc, const char *id) {
    char *copy;
    size_t n;

    if (!doc) {
        return CHR_EINVAL;
    }
    if (!id) {
        id = "";
    }
    n = strlen(id);
    copy = malloc(n + 1);
    if (!copy) {
        return CHR_ENOMEM;
    }
    memcpy(copy, id, n + 1);
    free(doc->id);
    doc->id = copy;
    return CHR_OK;
}

chr_dct_source chr_doc_dct(const chr_doc *doc, chr_time *out) {
    if (!doc || doc->dct.gran == CHR_GRAN_NONE || doc->dct_source == CHR_DCT_NONE) {
        if (out) {
            memset(out, 0, sizeof *out);
        }
        return CHR_DCT_NONE;
    }
    if (out) {
        *out = doc->dct;
    }
    return doc->dct_source;
}

int chr_doc_set_dct(chr_doc *doc, const char *iso, chr_dct_source source, chr_error *err) {
    chr_time t;
    int rc;

    if (!doc || !iso) {
        return chr__error_set(err, CHR_EINVAL, "chr_doc_set_dct: %s is NULL", doc ? "date" : "doc");
    }
    rc = chr_time_parse_iso(&t, iso, strlen(iso), err);
    if (rc != 0) {
        return rc;
    }
    chr_doc_set_dct_time(doc, &t, source);
    return CHR_OK;
}

void chr_doc_set_dct_time(chr_doc *doc, const chr_time *t, chr_dct_source source) {
    if (!doc) {
        return;
    }
    if (!t || t->gran == CHR_GRAN_NONE || source == CHR_DCT_NONE) {
        memset(&doc->dct, 0, sizeof doc->dct);
        doc->dct_source = CHR_DCT_NONE;
        return;
    }
    doc->dct = *t;
    doc->dct_source = source;
}

const char *chr_doc_raw(const chr_doc *doc, size_t *len, size_t *text_begin, size_t *text_end) {
    int has = doc && doc->raw;

    if (len) {
        *len = has ? doc->raw_len : 0;
    }
    if (text_begin) {
        *text_begin = has ? doc->text_begin : 0;
    }
    if (text_end) {
        *text_end = has ? doc->text_end : 0;
    }
    return has ? doc->raw : NULL;
}

size_t chr_doc_gold_count(const chr_doc *doc) { return doc ? doc->ngold : 0; }

const chr_timex *chr_doc_gold(const chr_doc *doc, size_t i) {
    return doc && i < doc->ngold ? &doc->gold[i] : NULL;
}

size_t chr_doc_gold_event_count(const chr_doc *doc) { return doc ? doc->ngold_events : 0; }

const chr_event *chr_doc_gold_event(const chr_doc *doc, size_t i) {
    return doc && i < doc->ngold_events ? &doc->gold_events[i] : NULL;
}

size_t chr_doc_gold_tlink_count(const chr_doc *doc) { return doc ? doc->ngold_tlinks : 0; }

const chr_tlink *chr_doc_gold_tlink(const chr_doc *doc, size_t i) {
    return doc && i < doc->ngold_tlinks ? &doc->gold_tlinks[i] : NULL;
}

size_t chr_doc_cp_offset(const chr_doc *doc, size_t byte_offset) {
    size_t block, base;

    if (!doc) {
        return 0;
    }
    if (byte_offset > doc->len) {
        byte_offset = doc->len;
    }
    if (!doc->cp_index) {
        /* A reader replaced the text after chr__doc_alloc and dropped the index: documents belong to
         * one thread (chronicle.h), so building it here is safe. */
        ((chr_doc *)doc)->cp_index = build_cp_index(doc->text, doc->len);
        if (!doc->cp_index) {
            return chr__utf8_count(doc->text, byte_offset);
        }
    }
    block = byte_offset / CP_STEP;
    base = block * CP_STEP;
    /* a whole block of CP_STEP code points has no continuation byte: each of its bytes starts one */
    if (block < doc->len / CP_STEP && doc->cp_index[block + 1] - doc->cp_index[block] == CP_STEP) {
        return doc->cp_index[block] + (byte_offset - base);
    }
    return doc->cp_index[block] + chr__utf8_count(doc->text + base, byte_offset - base);
}

/* ---- format detection ---- */

static int starts(const char *p, const char *end, const char *lit) {
    size_t n = strlen(lit);
    return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

static const char *skip_ws(const char *p, const char *end) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\f' || *p == '\v')) {
        p++;
    }
    return p;
}

/* Pointer just past the first occurrence of lit in [p, end), or NULL. */
static const char *past(const char *p, const char *end, const char *lit) {
    size_t n = strlen(lit);

    for (; (size_t)(end - p) >= n; p++) {
        if (memcmp(p, lit, n) == 0) {
            return p + n;
        }
    }
    return NULL;
}

static int has_text_element(const char *p, const char *end) {
    while ((p = past(p, end, "<TEXT")) != NULL) {
        if (p < end && (*p == '>' || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
            return 1;
        }
    }
    return 0;
}

chr_format chr_format_detect(const char *buf, size_t len) {
    const char *p = buf, *end = buf + len, *window;

    if (!buf || !len) {
        return CHR_FORMAT_TEXT;
    }
    if (starts(p, end, "\xEF\xBB\xBF")) {
        p += 3;
    }
    p = skip_ws(p, end);
    if (p < end && *p == '{') {
        return CHR_FORMAT_JSONL;
    }
    if (p >= end || *p != '<') {
        return CHR_FORMAT_TEXT;
    }
    window = (size_t)(end - p) > 4096 ? p + 4096 : end;
    for (;;) {
        const char *q = NULL;
        p = skip_ws(p, end);
        if (starts(p, end, "<?")) {
            q = past(p, window, "?>");
        } else if (starts(p, end, "<!--")) {
            q = past(p + 4, window, "-->");
        } else if (starts(p, end, "<!DOCTYPE") || starts(p, end, "<!doctype")) {
            q = past(p, window, ">");
        } else {
            break;
        }
        if (!q) {
            break;
        }
        p = q;
    }
    if (starts(p, end, "<TimeML") &&
        (p + 7 == end || p[7] == '>' || p[7] == ' ' || p[7] == '\t' || p[7] == '\r' || p[7] == '\n')) {
        return CHR_FORMAT_TIMEML;
    }
    if (p < end && *p == '<' && has_text_element(buf, window)) {
        return CHR_FORMAT_TIMEML;
    }
    return CHR_FORMAT_TEXT;
}

/* ---- names ---- */

const char *chr_dct_source_name(chr_dct_source s) {
    switch (s) {
    case CHR_DCT_NONE:
        return "none";
    case CHR_DCT_OPTION:
        return "option";
    case CHR_DCT_FIELD:
        return "field";
    case CHR_DCT_TIMEML:
        return "timeml";
    case CHR_DCT_HEADER:
        return "header";
    }
    return "none";
}

const char *chr_timex_type_name(chr_timex_type t) {
    switch (t) {
    case CHR_TIMEX_DATE:
        return "DATE";
    case CHR_TIMEX_TIME:
        return "TIME";
    case CHR_TIMEX_DURATION:
        return "DURATION";
    case CHR_TIMEX_SET:
        return "SET";
    }
    return "DATE";
}

const char *chr_strerror(int code) {
    switch (code) {
    case CHR_OK:
        return "success";
    case CHR_ENOMEM:
        return "out of memory";
    case CHR_EINVAL:
        return "invalid argument";
    case CHR_EUTF8:
        return "invalid UTF-8";
    case CHR_EJSON:
        return "bad JSON record";
    case CHR_EDATE:
        return "bad date";
    case CHR_ERULE:
        return "bad rule file";
    case CHR_EIO:
        return "input/output error";
    case CHR_EFORMAT:
        return "malformed input";
    case CHR_ETOOBIG:
        return "input too large";
    case CHR_EEMPTY:
        return "empty input";
    case CHR_ELIMIT:
        return "pattern match limit reached";
    }
    return "unknown error";
}
