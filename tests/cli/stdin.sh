#!/usr/bin/env bash
# stdin.sh: reading stdin (no FILE, or "-"), the document id ("stdin", or the file's base name),
# --dct, the one warning when no document date is found, and several files giving JSON Lines.
. "$(dirname "$0")/lib.sh"

printf 'The ministers met on Monday and will meet again next month.\n' >"$tmp/story.txt"

"$CHRONICLE" extract --dct 2014-12-03 <"$tmp/story.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "stdin: exit $rc: $(cat "$tmp/err")"
grep -q '^  "id": "stdin",$' "$tmp/out" || fail "stdin: id is not \"stdin\": $(head -3 "$tmp/out")"
grep -q '"source": "option"' "$tmp/out" || fail "stdin: DCT source is not option"
grep -q '"value": "2014-12-03"' "$tmp/out" || fail "stdin: DCT value is not 2014-12-03"
[ -s "$tmp/err" ] && fail "stdin: unexpected stderr: $(cat "$tmp/err")"

"$CHRONICLE" extract --dct 2014-12-03 - <"$tmp/story.txt" >"$tmp/out2" 2>/dev/null
cmp -s "$tmp/out" "$tmp/out2" || fail "'-' differs from no FILE"

cat "$tmp/story.txt" | "$CHRONICLE" extract --dct 2014-12-03 >"$tmp/out3" 2>/dev/null
cmp -s "$tmp/out" "$tmp/out3" || fail "stdin from a pipe differs from stdin from a file"

# The same text from a file: id is the base name, output otherwise identical.
"$CHRONICLE" extract --dct 2014-12-03 "$tmp/story.txt" >"$tmp/file.json" 2>/dev/null
grep -q '^  "id": "story.txt",$' "$tmp/file.json" || fail "file: id is not the base name: $(head -3 "$tmp/file.json")"
diff <(grep -v '"id": "st' "$tmp/out") <(grep -v '"id": "st' "$tmp/file.json") >/dev/null ||
    fail "file and stdin give different timexes"

# Same input twice, same bytes out.
"$CHRONICLE" extract --dct 2014-12-03 "$tmp/story.txt" >"$tmp/again.json" 2>/dev/null
cmp -s "$tmp/file.json" "$tmp/again.json" || fail "output is not deterministic"

# No date anywhere: exactly one warning for the whole run, naming the file; still exit 0.
cp "$tmp/story.txt" "$tmp/story2.txt"
"$CHRONICLE" extract "$tmp/story.txt" "$tmp/story2.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "no DCT: exit $rc"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "no DCT: expected one warning, got: $(cat "$tmp/err")"
msg="no document date for $tmp/story.txt; relative expressions left underspecified (--dct gives one)"
grep -q "^chronicle: warning: $msg\$" "$tmp/err" ||
    fail "no DCT: warning text: $(cat "$tmp/err")"
# Several files: JSON Lines, one line each, compact.
[ "$(wc -l <"$tmp/out")" = 2 ] || fail "two files: expected 2 JSON lines, got $(wc -l <"$tmp/out")"
grep -q '^{"id":"story2.txt",' "$tmp/out" || fail "two files: second record: $(sed -n 2p "$tmp/out")"
grep -q '"dct":{"value":null' "$tmp/out" || grep -q '"source":"none"' "$tmp/out" ||
    fail "no DCT: output does not say there is none: $(head -c 300 "$tmp/out")"

# --compact and --pretty.
"$CHRONICLE" extract --compact --dct 2014-12-03 "$tmp/story.txt" >"$tmp/out" 2>/dev/null
[ "$(wc -l <"$tmp/out")" = 1 ] || fail "--compact: not one line"
"$CHRONICLE" extract --format json --dct 2014-12-03 "$tmp/story.txt" "$tmp/story2.txt" >"$tmp/out" 2>/dev/null
[ "$(grep -c '^{' "$tmp/out")" = 2 ] && [ "$(wc -l <"$tmp/out")" -gt 4 ] || fail "--format json with two files: not two indented objects"
"$CHRONICLE" extract --pretty --dct 2014-12-03 "$tmp/story.txt" "$tmp/story2.txt" >"$tmp/out" 2>/dev/null
[ "$(wc -l <"$tmp/out")" = 2 ] || fail "--pretty with two files (JSON Lines): not one line per document"

finish "stdin: all checks passed"
