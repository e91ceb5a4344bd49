#!/usr/bin/env bash
# big_line.sh: a 100 MB single line of text is refused at once with one clear line naming the file
# (exit 3: one document is at most 64 MiB), and a 12 MB single line with no sentence end anywhere is
# extracted (exit 0) within the time limit, without a crash: the work per byte must stay linear.
set -u
: "${CHRONICLE:?set CHRONICLE to the chronicle binary}"
LIMIT_SECONDS=120
# Under AddressSanitizer everything is about three times slower.
[ "${CHRONICLE_SANITIZED:-0}" = 1 ] && LIMIT_SECONDS=300
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chronicle-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Words and numbers with a date every few hundred bytes, no newline and no full stop anywhere.
filler='the committee said that the figures rose by 12 percent and that the members of the board were'
make_line() { # FILE BYTES
    yes "$filler $filler $filler $filler the talks resumed on Monday and" | tr '\n' ' ' | head -c "$2" >"$1"
    [ "$(wc -l <"$1")" = 0 ] || { echo "FAIL: generator wrote newlines" >&2; exit 1; }
}

# run NAME FILE: sets rc and elapsed; fails on a kill (hang) or a crash
run() {
    local start
    start=$(date +%s)
    timeout -s KILL $((LIMIT_SECONDS + 30)) "$CHRONICLE" extract --dct 2014-12-03 --compact "$2" \
        >/dev/null 2>"$tmp/err"
    rc=$?
    elapsed=$(($(date +%s) - start))
    echo "$1: exit $rc in $elapsed s"
    case "$rc" in
    0 | 3) ;;
    137) echo "FAIL: $1: killed after $((LIMIT_SECONDS + 30)) s (hang?)" >&2; exit 1 ;;
    *) echo "FAIL: $1: exit $rc (crash?); stderr: $(head -c 500 "$tmp/err")" >&2; exit 1 ;;
    esac
    if [ "$elapsed" -ge "$LIMIT_SECONDS" ]; then
        echo "FAIL: $1: took $elapsed s, limit $LIMIT_SECONDS s" >&2
        exit 1
    fi
}

make_line "$tmp/huge.txt" 100000000
run "100 MB line" "$tmp/huge.txt"
[ "$rc" = 3 ] || { echo "FAIL: 100 MB line: exit $rc, expected 3" >&2; exit 1; }
[ "$(wc -l <"$tmp/err")" = 1 ] || { echo "FAIL: exit 3 without one clear line: $(head -c 500 "$tmp/err")" >&2; exit 1; }
grep -q "^chronicle: $tmp/huge.txt: input too big (over 64 MiB)$" "$tmp/err" ||
    { echo "FAIL: message: $(cat "$tmp/err")" >&2; exit 1; }
rm -f "$tmp/huge.txt"

make_line "$tmp/long.txt" 12000000
run "12 MB line" "$tmp/long.txt"
[ "$rc" = 0 ] || { echo "FAIL: 12 MB line: exit $rc, expected 0; stderr: $(head -c 500 "$tmp/err")" >&2; exit 1; }
echo "big_line: passed"
