#!/usr/bin/env bash
# bad_input2.sh: the rest of the bad-input table (README "Bad input"): JSON Lines records that are nested
# 100000 deep, truncated, or have fields of the wrong type; impossible and extreme document dates (year 0,
# year 9999, before 1900) from --dct and from a record; and rule directories with a bad pattern or
# invalid UTF-8 (exit 4, file:line). Each bad record gives an error record in its place, the stream goes
# on, exit 1.
. "$(dirname "$0")/lib.sh"

# line N of file F
line() { sed -n "${2}p" "$1"; }
good='{"id": "ok", "text": "Talks resumed on Monday.", "date": "2014-12-03"}'

# jsonl_case NAME FILE ERROR_REGEX: FILE holds one bad record then $good; the bad one becomes an error
# record naming line 1 and matching ERROR_REGEX, the good one is extracted, stderr names FILE:1, exit 1.
jsonl_case() {
    local name=$1 file=$2 pattern=$3
    "$CHRONICLE" extract --compact "$file" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    [ "$rc" = 1 ] || { fail "$name: exit $rc, expected 1; stderr: $(head -c 300 "$tmp/err")"; return; }
    [ "$(wc -l <"$tmp/out")" = 2 ] || fail "$name: $(wc -l <"$tmp/out") output lines, expected 2"
    line "$tmp/out" 1 | grep -Eq "^\\{\"line\":1,\"error\":\"$pattern" || fail "$name: error record: $(line "$tmp/out" 1 | head -c 300)"
    line "$tmp/out" 2 | grep -q '^{"id":"ok",.*"value":"2014-12-01"' || fail "$name: the next record: $(line "$tmp/out" 2 | head -c 300)"
    [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "^chronicle: .*$(basename "$file"):1: " "$tmp/err" ||
        fail "$name: stderr: $(head -c 300 "$tmp/err")"
}

# --- JSON Lines: nesting, truncation, wrong types ---------------------------------------------------------
{
    printf '{"id": "deep", "text": '
    head -c 100000 /dev/zero | tr '\0' '['
    echo
    echo "$good"
} >"$tmp/nested.jsonl"
jsonl_case "100000 nested arrays" "$tmp/nested.jsonl" 'malformed JSON at column [0-9]+: maximum parsing depth'

{
    printf '{"id": "cut", "text": "Talks resumed on Mon\n'
    echo "$good"
} >"$tmp/truncated.jsonl"
jsonl_case "truncated record" "$tmp/truncated.jsonl" 'malformed JSON at column [0-9]+: '

# the last record of a file cut short, with no newline: still one error record, exit 1
printf '%s\n{"id": "cut", "text": "Talks resumed' "$good" >"$tmp/cut-end.jsonl"
"$CHRONICLE" extract --compact "$tmp/cut-end.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || fail "file cut short: exit $rc, expected 1"
line "$tmp/out" 2 | grep -Eq '^\{"line":2,"error":"malformed JSON' || fail "file cut short: $(cat "$tmp/out" | head -c 300)"

{
    echo '{"id": "num", "text": 42, "date": "2014-12-03"}'
    echo "$good"
} >"$tmp/text-number.jsonl"
jsonl_case '"text": 42' "$tmp/text-number.jsonl" 'text field \\"text\\" is an integer, not a string'

{
    echo '{"id": "obj", "text": {"body": "Talks resumed on Monday."}, "date": "2014-12-03"}'
    echo "$good"
} >"$tmp/text-object.jsonl"
jsonl_case '"text": {...}' "$tmp/text-object.jsonl" 'text field \\"text\\" is an object, not a string'

{
    echo '{"id": "d", "text": "Talks resumed on Monday.", "date": ["2014-12-03"]}'
    echo "$good"
} >"$tmp/date-array.jsonl"
jsonl_case '"date": [...]' "$tmp/date-array.jsonl" 'date field \\"date\\" '

# Invalid UTF-8 inside the text string (a lead byte without its continuation, a Latin-1 byte): the line's
# check names it, since the document set-up takes the lean reader's strings as checked.
{
    printf '{"id": "bad", "text": "Talks \xc3\x28 resumed on Monday."}\n'
    echo "$good"
} >"$tmp/text-utf8.jsonl"
jsonl_case "invalid UTF-8 in the text" "$tmp/text-utf8.jsonl" 'invalid UTF-8 in JSON record at byte offset 29"'
{
    printf '{"id": "bad", "text": "Caf\xe9 \\u00e9 talks resumed on Monday."}\n'
    echo "$good"
} >"$tmp/text-latin1.jsonl"
jsonl_case "Latin-1 byte in the text" "$tmp/text-latin1.jsonl" 'invalid UTF-8 in JSON record at byte offset 26"'

# A JSON number as the date is taken as Unix seconds (1417640280 = 2014-12-03T20:58Z).
echo '{"id": "epoch", "text": "Talks resumed on Monday.", "date": 1417640280}' >"$tmp/epoch.jsonl"
"$CHRONICLE" extract --compact "$tmp/epoch.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "numeric date: exit $rc: $(cat "$tmp/err")"
grep -q '"dct":{"value":"2014-12-03T20:58","source":"field"' "$tmp/out" || fail "numeric date: $(head -c 300 "$tmp/out")"

# An id that is neither a string nor an integer is ignored: the id is FILE:LINE.
echo '{"id": ["x"], "text": "Talks resumed on Monday.", "date": "2014-12-03"}' >"$tmp/id-array.jsonl"
"$CHRONICLE" extract --compact "$tmp/id-array.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "array id: exit $rc: $(cat "$tmp/err")"
grep -q '^{"id":"id-array.jsonl:1",' "$tmp/out" || fail "array id: $(head -c 300 "$tmp/out")"

# --- document dates: impossible, year 0, year 9999, before 1900 -------------------------------------------
printf 'Talks resumed last year and ended on Monday.\n' >"$tmp/a.txt"
check "--dct 2014-02-30" 2 "^chronicle: --dct 2014-02-30: impossible date: '2014-02-30'$" \
    "$CHRONICLE" extract --dct 2014-02-30 "$tmp/a.txt"
check "--dct 0000-01-01" 2 "^chronicle: --dct 0000-01-01: impossible date: '0000-01-01'$" \
    "$CHRONICLE" extract --dct 0000-01-01 "$tmp/a.txt"
check "--dct 10000-01-01" 2 "^chronicle: --dct 10000-01-01: " "$CHRONICLE" extract --dct 10000-01-01 "$tmp/a.txt"

# extracts DCT: the values of "last year" and "Monday" in the compact output of a.txt against DCT
dct_case() {
    local dct=$1 year=$2 monday=$3
    "$CHRONICLE" extract --compact --dct "$dct" "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    [ "$rc" = 0 ] || { fail "--dct $dct: exit $rc: $(cat "$tmp/err")"; return; }
    [ -s "$tmp/err" ] && fail "--dct $dct: stderr: $(cat "$tmp/err")"
    if [ -n "$year" ]; then
        grep -q "\"text\":\"last year\",\"type\":\"DATE\",\"value\":\"$year\"" "$tmp/out" ||
            fail "--dct $dct: last year is not $year: $(head -c 400 "$tmp/out")"
    else
        grep -q '"text":"last year","type"' "$tmp/out" && fail "--dct $dct: last year resolved: $(head -c 400 "$tmp/out")"
    fi
    grep -q "\"text\":\"Monday\",\"type\":\"DATE\",\"value\":\"$monday\"" "$tmp/out" ||
        fail "--dct $dct: Monday is not $monday: $(head -c 400 "$tmp/out")"
}
dct_case 9999-12-31 9998 9999-12-27
dct_case 1850-06-01 1849 1850-05-27
dct_case 1899-12-31 1898 1899-12-25
# year 1 is a Monday (proleptic Gregorian); "last year" would be year 0, which is no date: left out
dct_case 0001-01-01 '' 0001-01-01

{
    echo '{"id": "y0", "text": "Talks resumed on Monday.", "date": "0000-01-01"}'
    echo "$good"
} >"$tmp/year0.jsonl"
jsonl_case "record dated year 0" "$tmp/year0.jsonl" 'date field \\"date\\" is not a date: \\"0000-01-01\\"'

printf '%s\n' '{"id": "y9", "text": "Talks resumed last year.", "date": "9999-12-31"}' \
    '{"id": "y1850", "text": "Talks resumed last year.", "date": "1850-06-01"}' >"$tmp/years.jsonl"
"$CHRONICLE" extract --compact "$tmp/years.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "records dated 9999 and 1850: exit $rc: $(cat "$tmp/err")"
line "$tmp/out" 1 | grep -q '"value":"9998"' || fail "record dated 9999-12-31: $(line "$tmp/out" 1 | head -c 300)"
line "$tmp/out" 2 | grep -q '"value":"1849"' || fail "record dated 1850-06-01: $(line "$tmp/out" 2 | head -c 300)"

printf '<TimeML><DOCID>y0</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="0000-01-01">x</TIMEX3></DCT><TEXT>It rained last year.</TEXT></TimeML>\n' >"$tmp/year0.tml"
check "TimeML DCT in year 0" 3 '^chronicle: .*year0\.tml: the DCT value "0000-01-01" .*is not an ISO 8601 date' \
    "$CHRONICLE" extract "$tmp/year0.tml"

# --- rule files: a bad pattern, invalid UTF-8 -------------------------------------------------------------
mkdir "$tmp/badpat"
printf '# one rule, its pattern never closed\n\nrule year\n  pattern (?<y>[0-9]{4}\n  type DATE\n  value {y}\n' \
    >"$tmp/badpat/years.rules"
check "rule with a bad pattern" 4 \
    "^chronicle: .*badpat/years\\.rules:3: rule 'year': bad pattern at offset [0-9]+: missing closing parenthesis" \
    "$CHRONICLE" extract --dct 2014-12-03 --rules "$tmp/badpat" "$tmp/a.txt"
check "rules check, bad pattern" 4 "^chronicle: .*badpat/years\\.rules:3: " \
    "$CHRONICLE" rules check --rules "$tmp/badpat"

# found by fuzz_rules: invalid UTF-8 in a pattern crashed pcre2_compile (told not to check)
mkdir "$tmp/badutf8"
printf 'rule year\n  pattern (?<y>20\\d\\d)\xff\xfe\n  type DATE\n  value {y}\n' >"$tmp/badutf8/years.rules"
check "rule file with invalid UTF-8" 4 "^chronicle: .*badutf8/years\\.rules:2: invalid UTF-8 at byte offset 22 of the line \\(byte 0xFF\\)" \
    "$CHRONICLE" extract --dct 2014-12-03 --rules "$tmp/badutf8" "$tmp/a.txt"

# macros that expand exponentially stop at 256 KiB instead of eating the memory
mkdir "$tmp/bomb"
{
    echo 'define A0 x'
    for i in $(seq 1 14); do echo "define A$i %A$((i - 1))%A$((i - 1))%A$((i - 1))%A$((i - 1))"; done
    printf 'rule bomb\n  pattern %%A14\n  type DATE\n  value 2014\n'
} >"$tmp/bomb/bomb.rules"
check "exponential macros" 4 "^chronicle: .*bomb/bomb\\.rules:16: pattern longer than 256 KiB" \
    "$CHRONICLE" rules check --rules "$tmp/bomb"

finish "bad_input2: all checks passed"
