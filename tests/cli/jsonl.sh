#!/usr/bin/env bash
# jsonl.sh: JSON Lines in, JSON Lines out: one output line per non-blank input line, in order; a bad
# record (malformed JSON, no text field, impossible date, invalid UTF-8) becomes {"line": N, "error": ...}
# in its place, the others are processed and the exit code is 1. Also the field names found without
# options (text/body/maintext, date/published/datePublished, id/url) and the explicit --*-field options.
. "$(dirname "$0")/lib.sh"

# line N of file F
line() { sed -n "${2}p" "$1"; }

{
    echo '{"id": "a", "text": "Talks resumed on Monday.", "date": "2014-12-03"}'
    echo '{"id": "b", "text": "Talks resumed on Monday.", "date": '
    echo ''
    echo '{"id": "c", "headline": "no text here", "date": "2014-12-03"}'
    echo '   '
    echo '{"id": "d", "text": "Talks resumed on Monday.", "date": "2014-02-30"}'
    printf '{"id": "e", "text": "Talks resumed \xff on Monday.", "date": "2014-12-03"}\n'
    echo '{"id": "f", "text": "Talks resumed on Monday.", "date": "2014-12-03"}'
} >"$tmp/mixed.jsonl"

"$CHRONICLE" extract "$tmp/mixed.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || fail "mixed stream: exit $rc, expected 1; stderr: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/out")" = 6 ] || fail "mixed stream: $(wc -l <"$tmp/out") output lines, expected 6 (one per non-blank line)"
line "$tmp/out" 1 | grep -q '^{"id":"a",' || fail "record 1: $(line "$tmp/out" 1)"
line "$tmp/out" 2 | grep -Eq '^\{"line":2,"error":"[^"]+' || fail "record 2 (malformed JSON): $(line "$tmp/out" 2)"
line "$tmp/out" 3 | grep -Eq '^\{"line":4,"error":"[^"]+' || fail "record 3 (no text field): $(line "$tmp/out" 3)"
line "$tmp/out" 4 | grep -Eq '^\{"line":6,"error":"[^"]+' || fail "record 4 (impossible date): $(line "$tmp/out" 4)"
line "$tmp/out" 5 | grep -Eq '^\{"line":7,"error":"[^"]+' || fail "record 5 (invalid UTF-8): $(line "$tmp/out" 5)"
line "$tmp/out" 6 | grep -q '^{"id":"f",' || fail "record 6: $(line "$tmp/out" 6)"
for n in 2 4 6 7; do
    grep -Eq "^chronicle: .*mixed\\.jsonl:$n: " "$tmp/err" || fail "no stderr line for line $n: $(cat "$tmp/err")"
done
[ "$(wc -l <"$tmp/err")" = 4 ] || fail "mixed stream: expected 4 lines on stderr, got: $(cat "$tmp/err")"

# Only blank lines: nothing to do is an input error.
printf '\n  \n' | "$CHRONICLE" extract --input jsonl >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 3 ] || fail "blank JSON Lines: exit $rc, expected 3"

# A record over 64 MiB (streamed, never stored): an error record, and the stream goes on.
{
    echo '{"id": "a", "text": "It rained on Monday."}'
    printf '{"text": "'
    head -c 70M /dev/zero | tr '\0' a
    echo '"}'
    echo '{"id": "c", "text": "It rained on Monday."}'
} | "$CHRONICLE" extract --dct 2014-12-03 >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || fail "record over 64 MiB: exit $rc, expected 1"
[ "$(wc -l <"$tmp/out")" = 3 ] || fail "record over 64 MiB: $(wc -l <"$tmp/out") output lines, expected 3"
line "$tmp/out" 2 | grep -q '^{"line":2,"error":"record too big (over 64 MiB)"}$' || fail "record over 64 MiB: $(line "$tmp/out" 2 | head -c 200)"
line "$tmp/out" 3 | grep -q '^{"id":"c",' || fail "record over 64 MiB: the next record is missing"
grep -q '^chronicle: stdin:2: record too big (over 64 MiB)$' "$tmp/err" || fail "record over 64 MiB: stderr: $(cat "$tmp/err")"

# Field names found without options. Every record must be accepted (no "error"), with its id and
# its date (source "field").
{
    echo '{"id": "t1", "text": "It rained on Monday.", "date": "2014-12-03"}'
    echo '{"id": "t2", "body": "It rained on Monday.", "published": "2014-12-03T10:00:00Z"}'
    echo '{"url": "https://example.com/t3", "maintext": "It rained on Monday.", "datePublished": "2014-12-03"}'
    echo '{"id": "t4", "content": "It rained on Monday.", "date_publish": "2014-12-03 08:00:00"}'
    echo '{"id": "t5", "text": "It rained on Monday.", "dct": "2014-12-03"}'
} >"$tmp/fields.jsonl"
"$CHRONICLE" extract "$tmp/fields.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "common field names: exit $rc; stderr: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/out")" = 5 ] || fail "common field names: $(wc -l <"$tmp/out") lines, expected 5"
grep -q '"error"' "$tmp/out" && fail "common field names: error records: $(grep '"error"' "$tmp/out")"
for id in t1 t2 https://example.com/t3 t4 t5; do
    grep -q "^{\"id\":\"$id\"" "$tmp/out" || fail "common field names: no record with id $id"
done
n=$(grep -c '"source":"field"' "$tmp/out")
[ "$n" = 5 ] || fail "common field names: $n records with a DCT from the field, expected 5"
grep -q 'warning' "$tmp/err" && fail "common field names: unexpected warning: $(cat "$tmp/err")"

# Explicit field names.
echo '{"key": "k1", "story": "It rained on Monday.", "when": "2014-12-03", "text": "decoy", "id": "decoy"}' >"$tmp/own.jsonl"
"$CHRONICLE" extract --text-field story --date-field when --id-field key "$tmp/own.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "explicit fields: exit $rc; stderr: $(cat "$tmp/err")"
grep -q '^{"id":"k1"' "$tmp/out" || fail "explicit fields: id not from --id-field: $(cat "$tmp/out")"
grep -q '"dct":{"value":"2014-12-03","source":"field"}' "$tmp/out" || fail "explicit fields: DCT not from --date-field: $(cat "$tmp/out")"
grep -q '"text":"Monday"' "$tmp/out" || fail "explicit fields: no timex from the --text-field text: $(cat "$tmp/out")"
"$CHRONICLE" extract --text-field=nothere "$tmp/own.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || fail "missing explicit text field: exit $rc, expected 1"
grep -q '^{"line":1,"error":' "$tmp/out" || fail "missing explicit text field: $(cat "$tmp/out")"

# --dct overrides the record's date.
"$CHRONICLE" extract --dct 2020-01-01 "$tmp/own.jsonl" --text-field story --id-field key >"$tmp/out" 2>"$tmp/err"
grep -q '"dct":{"value":"2020-01-01","source":"option"}' "$tmp/out" || fail "--dct does not override the field: $(cat "$tmp/out")"

# Without an id field the id is FILE:LINE; JSON Lines from stdin is detected and streamed.
printf '{"text": "It rained on Monday.", "date": "2014-12-03"}\n' >"$tmp/noid.jsonl"
"$CHRONICLE" extract "$tmp/noid.jsonl" >"$tmp/out" 2>/dev/null
grep -q '^{"id":"noid.jsonl:1"' "$tmp/out" || fail "record without id: $(cat "$tmp/out")"
"$CHRONICLE" extract <"$tmp/noid.jsonl" >"$tmp/out" 2>/dev/null
grep -q '^{"id":"stdin:1"' "$tmp/out" || fail "stdin record without id: $(cat "$tmp/out")"

# --format json gives pretty output of each record.
"$CHRONICLE" extract --format json "$tmp/noid.jsonl" >"$tmp/out" 2>/dev/null
grep -q '^  "id": "noid.jsonl:1"' "$tmp/out" || fail "--format json on JSON Lines: $(head -5 "$tmp/out")"

finish "jsonl: all checks passed"
