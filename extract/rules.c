/* rules.c: the rule file loader. Reads the built-in rule files (or every *.rules file of a directory),
 * expands macros and tables into PCRE2 patterns, compiles (or, for the built-in rules, takes the codes
 * compiled at build time: codecache.c) and JIT-compiles them.
 *
 * Format (one directive a line; '#' starts a comment line; indented lines belong to the block above):
 *   define NAME REGEX          a macro, used in patterns as %NAME
 *   table NAME                 a normalization table; used in patterns as %{NAME} (its keys, longest
 *     key = value              first) and in value templates as {group:NAME}
 *   end
 *   rule NAME
 *     pattern REGEX            case-insensitive; named groups (?<g>...)
 *     type DATE|TIME|DURATION|SET|REJECT
 *     value TEMPLATE           see anchor.c
 *     mod TEMPLATE / quant Q / freq TEMPLATE
 *     point TEMPLATE           for a duration, the time it leads to ("two days later")
 *     span TEMPLATE            for a duration, "UNIT,N": the stretch up to the DCT it covers, N < 0 ("the
 *                              past two years"), or from it, N > 0 ("the next three months")
 *     priority N               between matches of the same extent, the higher wins (default 0)
 *     reach N                  tried only where a string every match holds (the prefilter's) starts at
 *                              most N bytes after the start; each example's matches are checked for it
 *     example [@DCT] TEXT with [the expression] => VALUE
 *
 * Exports chr__rules_load, chr__rules_load_mem, chr__rules_free, chr__rules_table, chr__table_lookup,
 * chr__rules_jit (the slow path of chr__rules_code, engine.h: a rule's JIT-compiled copy made at its first
 * match). */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define MAX_RULE_FILE (8u << 20)
/* A pattern after macro and table expansion (the built-in rules' longest is under 1 KiB): macros that
 * use each other several times over would otherwise grow exponentially. */
#define MAX_PATTERN (256u << 10)
/* A rule's reach (bytes): beyond a paragraph's worth it would tell little. */
#define MAX_REACH 1000
#define MAX_REACH_STR "1000"

typedef struct strbuf {
    char *s;
    size_t n, cap;
} strbuf;

static int sb_add(strbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p)
            return CHR_ENOMEM;
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
    return 0;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *p = realloc(*arr, c * size);
    if (!p)
        return CHR_ENOMEM;
    *arr = p;
    *cap = c;
    return 0;
}

/* Loader state: what has been read so far, before patterns are compiled. */
typedef struct loader {
    chr_engine *e;
    size_t rules_cap, tables_cap, macros_cap;
    /* table being read */
    size_t tab_cap;
    chr__table *tab;
    chr__rule *rule;
    size_t ex_cap;
    const char *file;
    int line;
    chr_error *err;
} loader;

static int fail(loader *L, const char *fmt, const char *arg)
{
    return chr__error_at(L->err, CHR_ERULE, L->file, L->line, fmt, arg ? arg : "");
}

static int valid_name(const char *s)
{
    if (!*s || !(isalpha((unsigned char)*s) || *s == '_'))
        return 0;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

static int add_example(loader *L, char *rest)
{
    chr__rule *r = L->rule;
    char *arrow = strstr(rest, "=>");
    if (!arrow)
        return fail(L, "example without '=> VALUE': %s", rest);
    *arrow = '\0';
    char *value = trim(arrow + 2);
    char *text = trim(rest);
    char *dct = NULL;
    if (*text == '@') {
        char *sp = strchr(text, ' ');
        if (!sp)
            return fail(L, "example with a DCT but no text", NULL);
        *sp = '\0';
        dct = text + 1;
        text = trim(sp + 1);
    }
    if (!*value || !*text)
        return fail(L, "empty example text or value", NULL);
    if (grow((void **)&r->examples, &L->ex_cap, r->nexamples, sizeof *r->examples))
        return CHR_ENOMEM;
    chr__example *ex = &r->examples[r->nexamples];
    memset(ex, 0, sizeof *ex);
    /* remove [ ] and remember the extent */
    size_t n = strlen(text), o = 0;
    char *t = malloc(n + 1);
    if (!t)
        return CHR_ENOMEM;
    int opened = 0;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '[' && !ex->has_extent && !opened) {
            opened = 1;
            ex->exp_start = o;
        } else if (text[i] == ']' && opened) {
            opened = 0;
            ex->has_extent = 1;
            ex->exp_end = o;
        } else {
            t[o++] = text[i];
        }
    }
    t[o] = '\0';
    if (opened) {
        free(t);
        return fail(L, "example with an unclosed '['", NULL);
    }
    ex->text = t;
    ex->value = strdup(value);
    ex->dct = dct ? strdup(dct) : NULL;
    ex->line = L->line;
    if (!ex->value || (dct && !ex->dct))
        return CHR_ENOMEM;
    r->nexamples++;
    return 0;
}

static int rule_field(loader *L, char *line)
{
    chr__rule *r = L->rule;
    char *sp = line;
    while (*sp && *sp != ' ' && *sp != '\t')
        sp++;
    char *rest = *sp ? trim(sp + 1) : sp;
    *sp = '\0';
    char **slot = NULL;
    if (!strcmp(line, "example"))
        return add_example(L, rest);
    if (!*rest)
        return fail(L, "'%s' needs a value", line);
    if (!strcmp(line, "pattern"))
        slot = &r->pattern;
    else if (!strcmp(line, "value"))
        slot = &r->value;
    else if (!strcmp(line, "mod"))
        slot = &r->mod;
    else if (!strcmp(line, "point"))
        slot = &r->point;
    else if (!strcmp(line, "span"))
        slot = &r->span;
    else if (!strcmp(line, "quant"))
        slot = &r->quant;
    else if (!strcmp(line, "freq"))
        slot = &r->freq;
    else if (!strcmp(line, "unless"))
        slot = &r->unless;
    else if (!strcmp(line, "priority")) {
        char *end;
        long v = strtol(rest, &end, 10);
        if (*end || v < -100 || v > 100)
            return fail(L, "priority must be a number from -100 to 100, not '%s'", rest);
        r->priority = (int)v;
        return 0;
    } else if (!strcmp(line, "reach")) {
        char *end;
        long v = strtol(rest, &end, 10);
        if (*end || v < 1 || v > MAX_REACH)
            return fail(L, "reach must be a number of bytes from 1 to " MAX_REACH_STR ", not '%s'", rest);
        if (r->reach)
            return fail(L, "'%s' given twice", line);
        r->reach = (size_t)v;
        return 0;
    } else if (!strcmp(line, "type")) {
        static const char *const names[] = {"DATE", "TIME", "DURATION", "SET"};
        for (int i = 0; i < 4; i++)
            if (!strcmp(rest, names[i])) {
                r->type = (chr_timex_type)i;
                r->kind = CHR_RULE_TIMEX;
                return 0;
            }
        if (!strcmp(rest, "REJECT")) {
            r->kind = CHR_RULE_REJECT;
            return 0;
        }
        return fail(L, "unknown type '%s' (DATE, TIME, DURATION, SET or REJECT)", rest);
    } else
        return fail(L, "unknown rule field '%s'", line);
    if (*slot)
        return fail(L, "'%s' given twice", line);
    *slot = strdup(rest);
    return *slot ? 0 : CHR_ENOMEM;
}

static int finish_block(loader *L)
{
    if (L->rule) {
        chr__rule *r = L->rule;
        L->rule = NULL;
        int save = L->line;
        L->line = r->line;
        if (!r->pattern)
            return fail(L, "rule '%s' has no pattern", r->name);
        if (r->kind == CHR_RULE_TIMEX && !r->value)
            return fail(L, "rule '%s' has no value", r->name);
        L->line = save;
    }
    if (L->tab) {
        L->tab = NULL;
        return fail(L, "table not closed with 'end'", NULL);
    }
    return 0;
}

static int table_entry(loader *L, char *line)
{
    chr__table *t = L->tab;
    char *eq = strstr(line, " = ");
    if (!eq)
        return fail(L, "table line without ' = ': %s", line);
    *eq = '\0';
    char *key = trim(line), *val = trim(eq + 3);
    if (!*key)
        return fail(L, "empty table key", NULL);
    if (grow((void **)&t->keys, &L->tab_cap, t->n, sizeof *t->keys))
        return CHR_ENOMEM;
    size_t cap = L->tab_cap;
    char **v = realloc(t->vals, cap * sizeof *v);
    if (!v)
        return CHR_ENOMEM;
    t->vals = v;
    for (char *p = key; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    t->keys[t->n] = strdup(key);
    t->vals[t->n] = strdup(val);
    if (!t->keys[t->n] || !t->vals[t->n])
        return CHR_ENOMEM;
    t->n++;
    return 0;
}

static int directive(loader *L, char *line)
{
    chr_engine *e = L->e;
    char *sp = line;
    while (*sp && *sp != ' ' && *sp != '\t')
        sp++;
    char *rest = *sp ? trim(sp + 1) : sp;
    *sp = '\0';
    if (!strcmp(line, "end")) {
        if (!L->tab && !L->rule)
            return fail(L, "'end' outside a table or rule", NULL);
        L->tab = NULL;
        return finish_block(L);
    }
    int rc = finish_block(L);
    if (rc)
        return rc;
    if (!strcmp(line, "define")) {
        char *body = rest;
        while (*body && *body != ' ' && *body != '\t')
            body++;
        if (!*body)
            return fail(L, "define without a body: %s", rest);
        *body++ = '\0';
        body = trim(body);
        if (!valid_name(rest))
            return fail(L, "bad macro name '%s'", rest);
        for (size_t i = 0; i < e->nmacros; i++)
            if (!strcmp(e->macros[i].name, rest))
                return fail(L, "macro '%s' defined twice", rest);
        if (grow((void **)&e->macros, &L->macros_cap, e->nmacros, sizeof *e->macros))
            return CHR_ENOMEM;
        e->macros[e->nmacros].name = strdup(rest);
        e->macros[e->nmacros].body = strdup(body);
        e->nmacros++;
        return 0;
    }
    if (!strcmp(line, "table") || !strcmp(line, "rule")) {
        if (!valid_name(rest))
            return fail(L, "bad name '%s'", rest);
        if (line[0] == 't') {
            for (size_t i = 0; i < e->ntables; i++)
                if (!strcmp(e->tables[i].name, rest))
                    return fail(L, "table '%s' defined twice", rest);
            if (grow((void **)&e->tables, &L->tables_cap, e->ntables, sizeof *e->tables))
                return CHR_ENOMEM;
            L->tab = &e->tables[e->ntables++];
            memset(L->tab, 0, sizeof *L->tab);
            L->tab->name = strdup(rest);
            L->tab_cap = 0;
            return 0;
        }
        for (size_t i = 0; i < e->nrules; i++)
            if (!strcmp(e->rules[i].name, rest))
                return fail(L, "rule '%s' defined twice", rest);
        if (grow((void **)&e->rules, &L->rules_cap, e->nrules, sizeof *e->rules))
            return CHR_ENOMEM;
        L->rule = &e->rules[e->nrules++];
        memset(L->rule, 0, sizeof *L->rule);
        L->rule->name = strdup(rest);
        L->rule->file = strdup(L->file);
        L->rule->line = L->line;
        L->ex_cap = 0;
        return 0;
    }
    return fail(L, "unknown directive '%s' (define, table, rule, end)", line);
}

static int parse_file(loader *L, const char *name, const char *data, size_t len)
{
    L->file = name;
    L->line = 0;
    size_t p = 0;
    while (p < len) {
        size_t q = p;
        while (q < len && data[q] != '\n')
            q++;
        L->line++;
        char *buf = xstrndup(data + p, q - p);
        if (!buf)
            return CHR_ENOMEM;
        int rc = 0;
        char *t = trim(buf);
        size_t bad;
        if (memchr(data + p, '\0', q - p))
            rc = fail(L, "NUL byte in rule file", NULL);
        else if (chr__utf8_check(data + p, q - p, &bad)) /* PCRE2 compiles patterns without a UTF check */
            rc = chr__error_at(L->err, CHR_ERULE, L->file, L->line, "invalid UTF-8 at byte offset %zu of the line (byte 0x%02X)",
                               bad, (unsigned)(unsigned char)data[p + bad]);
        else if (*t == '#' || *t == '\0')
            rc = 0;
        else if (buf[0] == ' ' || buf[0] == '\t') {
            if (L->rule) {
                /* tables are shared between rules; the table entry may not be mistaken for a field */
                rc = rule_field(L, t);
            } else if (L->tab) {
                rc = table_entry(L, t);
            } else {
                rc = fail(L, "indented line outside a rule or table", NULL);
            }
        } else {
            rc = directive(L, t);
        }
        free(buf);
        if (rc)
            return rc;
        p = q + 1;
    }
    L->line++;
    if (L->tab)
        return fail(L, "table not closed with 'end' at end of file", NULL);
    return finish_block(L);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sort_table(chr__table *t)
{
    /* sort keys and values together: index sort */
    size_t n = t->n;
    for (size_t i = 1; i < n; i++) {
        char *k = t->keys[i], *v = t->vals[i];
        size_t j = i;
        while (j > 0 && strcmp(t->keys[j - 1], k) > 0) {
            t->keys[j] = t->keys[j - 1];
            t->vals[j] = t->vals[j - 1];
            j--;
        }
        t->keys[j] = k;
        t->vals[j] = v;
    }
}

const chr__table *chr__rules_table(const chr_engine *e, const char *name)
{
    for (size_t i = 0; i < e->ntables; i++)
        if (!strcmp(e->tables[i].name, name))
            return &e->tables[i];
    return NULL;
}

/* The index of key in t, by binary search; n when it is not there. */
static size_t table_search(const chr__table *t, const char *key)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(t->keys[mid], key);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return t->n;
}

/* FNV-1a of a NUL-terminated key. */
static uint32_t key_hash(const char *key)
{
    uint32_t h = 2166136261u;
    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 16777619u;
    return h;
}

/* The slots of a sorted table of 16 keys or more (chr__table.slots): a hash and a compare a look-up rather
 * than some log2(n) compares. A key written twice is found where the binary search finds it. Left without
 * when memory is short. */
static void index_table(chr__table *t)
{
    free(t->slots);
    t->slots = NULL;
    if (t->n < 16)
        return;
    size_t cap = 32;
    while (cap < 2 * t->n)
        cap *= 2;
    struct chr__table_slot *sl = calloc(cap, sizeof *sl);
    if (!sl)
        return;
    for (size_t i = 0; i < t->n; i++) {
        size_t at = table_search(t, t->keys[i]);
        uint32_t h = key_hash(t->keys[i]);
        for (size_t j = h & (cap - 1);; j = (j + 1) & (cap - 1)) {
            if (!sl[j].idx) {
                sl[j] = (struct chr__table_slot){h, (uint32_t)at + 1};
                break;
            }
            if (sl[j].idx == at + 1)
                break; /* a key written twice */
        }
    }
    t->slots = sl;
    t->mask = cap - 1;
}

const char *chr__table_lookup(const chr__table *t, const char *key)
{
    if (t->slots) {
        uint32_t h = key_hash(key);
        for (size_t j = h & t->mask;; j = (j + 1) & t->mask) {
            const struct chr__table_slot *sl = &t->slots[j];
            if (!sl->idx)
                return NULL;
            if (sl->hash == h && !strcmp(t->keys[sl->idx - 1], key))
                return t->vals[sl->idx - 1];
        }
    }
    size_t i = table_search(t, key);
    return i < t->n ? t->vals[i] : NULL;
}

/* Append key as a regex literal: escape metacharacters, let a space match any run of blanks, and
 * let a '.' be optional ("sept." and "sept"; a final one only where a word ends). */
static int add_literal(strbuf *b, const char *k)
{
    for (; *k; k++) {
        int rc;
        if (*k == ' ')
            rc = sb_add(b, "\\s+", 3);
        else if (*k == '.' && k[1] == '\0')
            rc = sb_add(b, "(?:\\.|\\b)", 9); /* "jun." must not match the "Jun" of "June" */
        else if (*k == '.')
            rc = sb_add(b, "\\.?", 3);
        else if (strchr("\\^$|()[]{}*+?#-", *k)) {
            char esc[2] = {'\\', *k};
            rc = sb_add(b, esc, 2);
        } else
            rc = sb_add(b, k, 1);
        if (rc)
            return rc;
    }
    return 0;
}

static int cmp_len_desc(const void *a, const void *b)
{
    size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
    if (la != lb)
        return la < lb ? 1 : -1;
    return cmp_str(a, b);
}

static int expand(loader *L, strbuf *out, const char *src, int depth)
{
    if (depth > 16)
        return fail(L, "macros nested too deeply (a cycle?) in '%s'", src);
    for (const char *p = src; *p; p++) {
        if (out->n > MAX_PATTERN)
            return fail(L, "pattern longer than 256 KiB after expanding macros and tables%s", NULL);
        if (*p != '%') {
            if (sb_add(out, p, 1))
                return CHR_ENOMEM;
            continue;
        }
        if (p[1] == '%') {
            if (sb_add(out, "%", 1))
                return CHR_ENOMEM;
            p++;
            continue;
        }
        if (p[1] == '{') {
            const char *close = strchr(p + 2, '}');
            if (!close)
                return fail(L, "unclosed %%{ in pattern '%s'", src);
            char name[64];
            size_t n = (size_t)(close - (p + 2));
            if (n >= sizeof name)
                return fail(L, "table name too long in '%s'", src);
            memcpy(name, p + 2, n);
            name[n] = '\0';
            const chr__table *t = chr__rules_table(L->e, name);
            if (!t)
                return fail(L, "unknown table '%s'", name);
            char **keys = malloc((t->n ? t->n : 1) * sizeof *keys);
            if (!keys)
                return CHR_ENOMEM;
            if (t->n) { /* an empty table is no NULL to memcpy or qsort */
                memcpy(keys, t->keys, t->n * sizeof *keys);
                qsort(keys, t->n, sizeof *keys, cmp_len_desc);
            }
            int rc = sb_add(out, "(?:", 3);
            for (size_t i = 0; i < t->n && !rc; i++) {
                if (i)
                    rc = sb_add(out, "|", 1);
                if (!rc)
                    rc = add_literal(out, keys[i]);
            }
            free(keys);
            if (rc || sb_add(out, ")", 1))
                return CHR_ENOMEM;
            p = close;
            continue;
        }
        const char *q = p + 1;
        while (isalnum((unsigned char)*q) || *q == '_')
            q++;
        size_t n = (size_t)(q - (p + 1));
        if (n == 0)
            return fail(L, "stray '%%' in pattern '%s' (write %%%% for a percent sign)", src);
        const chr__macro *m = NULL;
        for (size_t i = 0; i < L->e->nmacros; i++)
            if (strlen(L->e->macros[i].name) == n && !strncmp(L->e->macros[i].name, p + 1, n))
                m = &L->e->macros[i];
        if (!m) {
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)(n > 60 ? 60 : n), p + 1);
            return fail(L, "unknown macro '%s'", name);
        }
        int rc = sb_add(out, "(?:", 3) ? CHR_ENOMEM : expand(L, out, m->body, depth + 1);
        if (!rc && sb_add(out, ")", 1))
            rc = CHR_ENOMEM;
        if (rc)
            return rc;
        p = q - 1;
    }
    return 0;
}

static int compile_rules(loader *L)
{
    chr_engine *e = L->e;
    for (size_t i = 0; i < e->ntables; i++)
    {
        sort_table(&e->tables[i]);
        index_table(&e->tables[i]);
    }
    chr__codecache cache; /* the built-in rules' codes, compiled at build time (codecache.c) */
    chr__codecache_open(&cache);
    for (size_t i = 0; i < e->nrules; i++) {
        chr__rule *r = &e->rules[i];
        L->file = r->file;
        L->line = r->line;
        strbuf b = {0};
        int rc = expand(L, &b, r->pattern, 0);
        if (rc) {
            free(b.s);
            chr__codecache_close(&cache);
            return rc;
        }
        free(r->pattern);
        r->pattern = b.s;
        if (r->unless && !(r->unless_table = chr__rules_table(e, r->unless))) {
            chr__codecache_close(&cache);
            return chr__error_at(L->err, CHR_ERULE, r->file, r->line, "rule '%s': unknown table '%s'",
                                 r->name, r->unless);
        }
        int ec;
        PCRE2_SIZE eo;
        r->code = chr__codecache_take(&cache, i, r->pattern);
        if (!r->code)
            r->code = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED,
                                    PCRE2_ANCHORED | PCRE2_CASELESS | PCRE2_UTF | PCRE2_DUPNAMES | PCRE2_NO_UTF_CHECK,
                                    &ec, &eo, NULL);
        if (!r->code) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(ec, msg, sizeof msg);
            chr__codecache_close(&cache);
            return chr__error_at(L->err, CHR_ERULE, r->file, r->line, "rule '%s': bad pattern at offset %zu: %s",
                                 r->name, (size_t)eo, (const char *)msg);
        }
        atomic_init(&r->jit_code, NULL); /* JIT-compiled at its first match (chr__rules_code) */
        atomic_init(&r->jit_none, 0);
        uint32_t ncap = 0;
        pcre2_pattern_info(r->code, PCRE2_INFO_CAPTURECOUNT, &ncap);
        if (ncap + 1 > e->max_groups)
            e->max_groups = ncap + 1;
    }
    chr__codecache_close(&cache);
    /* the recognizer tries each rule only where it may start (prefilter.c) */
    const char **patterns = malloc((e->nrules ? e->nrules : 1) * sizeof *patterns);
    if (!patterns)
        return CHR_ENOMEM;
    for (size_t i = 0; i < e->nrules; i++)
        patterns[i] = e->rules[i].pattern;
    chr__prefilter_free(e->prefilter);
    e->prefilter = NULL;
    /* made at build time for the built-in rules (cmake/rulesbin.c): taken when the patterns are
     * those it was made from, whichever way they were loaded */
    int rc = 0;
    for (size_t i = 0; i < chr__builtin_rules_count && !e->prefilter && rc >= 0; i++)
        if (chr__builtin_rules[i].name && !strcmp(chr__builtin_rules[i].name, "prefilter.bin"))
            rc = chr__prefilter_load(&e->prefilter, (const unsigned char *)chr__builtin_rules[i].data,
                                     chr__builtin_rules[i].len, patterns, e->nrules);
    rc = rc < 0 ? rc : e->prefilter ? 0 : chr__prefilter_build(&e->prefilter, patterns, e->nrules);
    free(patterns);
    /* a reach counts from the strings every match holds: a pattern the prefilter finds none in cannot
     * have one */
    for (size_t i = 0; i < e->nrules && !rc; i++) {
        size_t n;
        chr__rule *r = &e->rules[i];
        if (r->reach && (chr__prefilter_rule_strings(e->prefilter, i, &n), n == 0))
            rc = chr__error_at(L->err, CHR_ERULE, r->file, r->line,
                               "rule '%s': reach, but its pattern has no string that every match holds",
                               r->name);
        else if (r->reach && chr__prefilter_reach_met(e->prefilter, i))
            r->reach = 0; /* one of its strings starts wherever it is tried: no need to look */
        else if (r->reach)
            rc = chr__prefilter_keep_occurrences(e->prefilter, i);
    }
    return rc;
}

static int load_dir(loader *L, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return chr__error_at(L->err, CHR_ERULE, dir, 0, "cannot open rules directory %s", dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l > 6 && !strcmp(de->d_name + l - 6, ".rules") && de->d_name[0] != '.') {
            if (grow((void **)&names, &cap, n, sizeof *names) || !(names[n] = strdup(de->d_name))) {
                rc = CHR_ENOMEM;
                break;
            }
            n++;
        }
    }
    closedir(d);
    if (!rc && n == 0)
        rc = chr__error_at(L->err, CHR_ERULE, dir, 0, "no *.rules files in %s", dir);
    if (!rc)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && !rc; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        if (!f) {
            rc = chr__error_at(L->err, CHR_ERULE, path, 0, "cannot read rule file %s", path);
            break;
        }
        char *text;
        size_t len;
        rc = chr__file_slurp(f, MAX_RULE_FILE, &text, &len);
        fclose(f);
        if (rc == CHR_ETOOBIG)
            rc = chr__error_at(L->err, CHR_ERULE, path, 0, "rule file too large");
        else if (rc == CHR_EIO)
            rc = chr__error_at(L->err, CHR_ERULE, path, 0, "cannot read rule file %s", path);
        if (!rc)
            rc = parse_file(L, path, text, len);
        free(text);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int chr__rules_load(chr_engine *e, const char *dir, chr_error *err)
{
    loader L = {0};
    L.e = e;
    L.err = err;
    int rc = 0;
    if (dir) {
        rc = load_dir(&L, dir);
    } else {
        for (size_t i = 0; i < chr__builtin_rules_count && !rc; i++) {
            /* the embedded set also holds events.model: only *.rules files are rules */
            const char *name = chr__builtin_rules[i].name;
            size_t nl = strlen(name);
            if (nl < 6 || strcmp(name + nl - 6, ".rules") != 0)
                continue;
            rc = parse_file(&L, name, chr__builtin_rules[i].data, chr__builtin_rules[i].len);
        }
    }
    if (!rc)
        rc = compile_rules(&L);
    if (rc == CHR_ENOMEM)
        chr__error_set(err, rc, "out of memory loading rules");
    return rc;
}

int chr__rules_load_mem(chr_engine *e, const char *name, const char *data, size_t len, chr_error *err)
{
    loader L = {0};
    L.e = e;
    L.err = err;
    int rc = len > MAX_RULE_FILE ? chr__error_at(err, CHR_ERULE, name, 0, "rule file too large")
                                 : parse_file(&L, name, data ? data : "", len);
    if (!rc)
        rc = compile_rules(&L);
    if (rc == CHR_ENOMEM)
        chr__error_set(err, rc, "out of memory loading rules");
    return rc;
}

void chr__rules_free(chr_engine *e)
{
    chr__prefilter_free(e->prefilter);
    e->prefilter = NULL;
    for (size_t i = 0; i < e->nrules; i++) {
        chr__rule *r = &e->rules[i];
        free(r->name);
        free(r->file);
        free(r->pattern);
        pcre2_code_free(r->code);
        pcre2_code_free(atomic_load_explicit(&r->jit_code, memory_order_relaxed));
        free(r->value);
        free(r->mod);
        free(r->point);
        free(r->span);
        free(r->quant);
        free(r->freq);
        free(r->unless);
        for (size_t j = 0; j < r->nexamples; j++) {
            free(r->examples[j].text);
            free(r->examples[j].value);
            free(r->examples[j].dct);
        }
        free(r->examples);
    }
    free(e->rules);
    for (size_t i = 0; i < e->ntables; i++) {
        for (size_t j = 0; j < e->tables[i].n; j++) {
            free(e->tables[i].keys[j]);
            free(e->tables[i].vals[j]);
        }
        free(e->tables[i].keys);
        free(e->tables[i].vals);
        free(e->tables[i].slots);
        free(e->tables[i].name);
    }
    free(e->tables);
    for (size_t i = 0; i < e->nmacros; i++) {
        free(e->macros[i].name);
        free(e->macros[i].body);
    }
    free(e->macros);
}

const pcre2_code *chr__rules_jit(const chr__rule *r, int *jit) {
    chr__rule *w = (chr__rule *)(uintptr_t)r; /* only its atomics change */
    *jit = 0;
    /* CMake CHRONICLE_JIT=OFF builds without JIT: for valgrind (it takes JIT code's wide reads for errors) */
#ifndef CHRONICLE_NO_JIT
    if (atomic_load_explicit(&w->jit_none, memory_order_relaxed))
        return r->code;
    /* JIT is an optimisation: without it (unsupported CPU, no memory) matching still works */
    pcre2_code *c = pcre2_code_copy(r->code);
    size_t size = 0;
    if (!c || pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) != 0 ||
        pcre2_pattern_info(c, PCRE2_INFO_JITSIZE, &size) != 0 || size == 0) {
        pcre2_code_free(c);
        atomic_store_explicit(&w->jit_none, 1, memory_order_relaxed);
        return r->code;
    }
    pcre2_code *first = NULL;
    if (!atomic_compare_exchange_strong_explicit(&w->jit_code, &first, c, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        pcre2_code_free(c); /* another thread's came first */
        c = first;
    }
    *jit = 1;
    return c;
#else
    (void)w;
    return r->code;
#endif
}
