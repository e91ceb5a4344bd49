#!/usr/bin/env bash
# big_line.sh: a 100 MB single line of text must finish within 120 s without crashing: extracted
# (exit 0) or refused with one clear line (exit 3), both documented.
set -u
: "${CHRONICLE:?set CHRONICLE to the chronicle binary}"
LIMIT_SECONDS=120
# Under AddressSanitizer everything is about three times slower.
[ "${CHRONICLE_SANITIZED:-0}" = 1 ] && LIMIT_SECONDS=240
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chronicle-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Words and numbers with a date every few hundred bytes, no newline anywhere.
filler='the committee said that the figures rose by 12 percent and that the members of the board were'
yes "$filler $filler $filler $filler the talks resumed on Monday and" |
    tr '\n' ' ' | head -c 100000000 >"$tmp/line.txt"
[ "$(wc -l <"$tmp/line.txt")" = 0 ] || { echo "FAIL: generator wrote newlines" >&2; exit 1; }

start=$(date +%s)
timeout -s KILL $((LIMIT_SECONDS + 30)) "$CHRONICLE" extract --dct 2014-12-03 --compact "$tmp/line.txt" \
    >/dev/null 2>"$tmp/err"
rc=$?
elapsed=$(($(date +%s) - start))
echo "100 MB line: exit $rc in $elapsed s"
case "$rc" in
0) ;;
3)
    [ "$(wc -l <"$tmp/err")" = 1 ] || { echo "FAIL: exit 3 without one clear line: $(head -c 500 "$tmp/err")" >&2; exit 1; }
    grep -q "^chronicle: $tmp/line.txt: " "$tmp/err" || { echo "FAIL: message does not name the file: $(cat "$tmp/err")" >&2; exit 1; }
    ;;
137) echo "FAIL: killed after $((LIMIT_SECONDS + 30)) s (hang?)" >&2; exit 1 ;;
*) echo "FAIL: exit $rc (crash?); stderr: $(head -c 500 "$tmp/err")" >&2; exit 1 ;;
esac
if [ "$elapsed" -ge "$LIMIT_SECONDS" ]; then
    echo "FAIL: took $elapsed s, limit $LIMIT_SECONDS s" >&2
    exit 1
fi
echo "big_line: passed"
