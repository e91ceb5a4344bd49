/* codecache.c: the PCRE2 codes of the built-in rules, compiled at build time (cmake/rulesbin.c) and
 * embedded as "rules.pcre2", so that start-up decodes them instead of compiling each pattern.
 *
 * The embedded form: a magic number, the count of patterns, each pattern after expansion with its NUL,
 * then what pcre2_serialize_encode made of their codes. The loader takes the code of rule i only when
 * its pattern is byte for byte pattern i of the cache; anything else (other rules, a PCRE2 that cannot
 * decode what another version encoded, a damaged copy) leaves it to pcre2_compile as before. The codes
 * are the same either way, so is every match; JIT compilation follows as for a compiled code.
 *
 * Exports chr__codes_save, chr__codecache_open, chr__codecache_take, chr__codecache_close (engine.h). */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define CODES_MAGIC 0x43485250435245ull /* "CHRPCRE" */

int chr__codes_save(unsigned char **out, size_t *out_len, const chr_engine *e) {
    *out = NULL;
    *out_len = 0;
    const pcre2_code **codes = malloc((e->nrules ? e->nrules : 1) * sizeof *codes);
    if (!codes)
        return CHR_ENOMEM;
    size_t plen = 0;
    for (size_t i = 0; i < e->nrules; i++) {
        codes[i] = e->rules[i].code;
        plen += strlen(e->rules[i].pattern) + 1;
    }
    uint8_t *ser = NULL;
    PCRE2_SIZE slen = 0;
    int32_t rc = pcre2_serialize_encode(codes, (int32_t)e->nrules, &ser, &slen, NULL);
    free(codes);
    if (rc < 0)
        return CHR_ENOMEM;
    uint64_t head[2] = {CODES_MAGIC, e->nrules};
    unsigned char *b = malloc(sizeof head + plen + slen);
    if (!b) {
        pcre2_serialize_free(ser);
        return CHR_ENOMEM;
    }
    unsigned char *p = b;
    memcpy(p, head, sizeof head);
    p += sizeof head;
    for (size_t i = 0; i < e->nrules; i++) {
        size_t l = strlen(e->rules[i].pattern) + 1;
        memcpy(p, e->rules[i].pattern, l);
        p += l;
    }
    memcpy(p, ser, slen);
    pcre2_serialize_free(ser);
    *out = b;
    *out_len = sizeof head + plen + slen;
    return 0;
}

void chr__codecache_open(chr__codecache *cc) {
    memset(cc, 0, sizeof *cc);
    const chr__builtin_file *f = NULL;
    for (size_t i = 0; i < chr__builtin_rules_count && !f; i++)
        if (chr__builtin_rules[i].name && !strcmp(chr__builtin_rules[i].name, "rules.pcre2"))
            f = &chr__builtin_rules[i];
    uint64_t head[2];
    if (!f || f->len < sizeof head)
        return;
    memcpy(head, f->data, sizeof head);
    if (head[0] != CODES_MAGIC || head[1] == 0 || head[1] > f->len || head[1] > INT32_MAX)
        return;
    size_t n = head[1], at = sizeof head;
    const char **pats = malloc(n * sizeof *pats);
    pcre2_code **codes = calloc(n, sizeof *codes);
    if (!pats || !codes)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        const char *z = at < f->len ? memchr(f->data + at, '\0', f->len - at) : NULL;
        if (!z)
            goto fail;
        pats[i] = f->data + at;
        at = (size_t)(z - f->data) + 1;
    }
    /* PCRE2 reads the encoded block in place: a copy of it, aligned as malloc aligns */
    uint8_t *ser = malloc(f->len - at ? f->len - at : 1);
    if (!ser)
        goto fail;
    memcpy(ser, f->data + at, f->len - at);
    int32_t got = f->len - at >= 4 ? pcre2_serialize_get_number_of_codes(ser) : -1;
    if (got != (int32_t)n || pcre2_serialize_decode(codes, (int32_t)n, ser, NULL) != (int32_t)n) {
        free(ser);
        goto fail;
    }
    free(ser);
    cc->pats = pats;
    cc->codes = codes;
    cc->n = n;
    return;
fail:
    free(pats);
    free(codes);
}

pcre2_code *chr__codecache_take(chr__codecache *cc, size_t i, const char *pattern) {
    if (i >= cc->n || !cc->codes[i] || strcmp(cc->pats[i], pattern) != 0)
        return NULL;
    pcre2_code *c = cc->codes[i];
    cc->codes[i] = NULL;
    return c;
}

void chr__codecache_close(chr__codecache *cc) {
    for (size_t i = 0; i < cc->n; i++)
        pcre2_code_free(cc->codes[i]);
    free(cc->codes);
    free(cc->pats);
    memset(cc, 0, sizeof *cc);
}
