#!/usr/bin/env bash
# big_line.sh: a 200 MB single line of text is refused at once with one clear line naming the file
# (exit 3: one document is at most 64 MiB): from a file before reading it (it runs in 40 MB of address
# space), from a pipe after 64 MiB (in 200 MB); and a 12 MB single line with no sentence end anywhere is
# extracted (exit 0) within the time limit, without a crash: the work per byte must stay linear.
. "$(dirname "$0")/lib.sh"
LIMIT_SECONDS=120
# Under AddressSanitizer everything is about three times slower.
[ "${CHRONICLE_SANITIZED:-0}" = 1 ] && LIMIT_SECONDS=300

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

make_line "$tmp/huge.txt" 200000000
run "200 MB line" "$tmp/huge.txt"
[ "$rc" = 3 ] || { echo "FAIL: 200 MB line: exit $rc, expected 3" >&2; exit 1; }
[ "$(wc -l <"$tmp/err")" = 1 ] || { echo "FAIL: exit 3 without one clear line: $(head -c 500 "$tmp/err")" >&2; exit 1; }
grep -q "^chronicle: $tmp/huge.txt: input too big (over 64 MiB)$" "$tmp/err" ||
    { echo "FAIL: message: $(cat "$tmp/err")" >&2; exit 1; }

# Memory: a file over the limit is never read, a pipe is read up to the limit only. (AddressSanitizer
# reserves terabytes of address space: no ulimit -v there.)
if [ "${CHRONICLE_SANITIZED:-0}" != 1 ]; then
    (ulimit -v 40000 && "$CHRONICLE" extract --dct 2014-12-03 "$tmp/huge.txt") >/dev/null 2>"$tmp/err"
    rc=$?
    [ "$rc" = 3 ] && grep -q 'input too big' "$tmp/err" ||
        { echo "FAIL: 200 MB file in 40 MB of address space: exit $rc: $(head -c 500 "$tmp/err")" >&2; exit 1; }
    (ulimit -v 200000 && "$CHRONICLE" extract --dct 2014-12-03 <"$tmp/huge.txt") >/dev/null 2>"$tmp/err"
    rc=$?
    [ "$rc" = 3 ] && grep -q '^chronicle: stdin: input too big' "$tmp/err" ||
        { echo "FAIL: 200 MB on stdin in 200 MB of address space: exit $rc: $(head -c 500 "$tmp/err")" >&2; exit 1; }
    (ulimit -v 200000 && cat "$tmp/huge.txt" | "$CHRONICLE" extract --dct 2014-12-03) >/dev/null 2>"$tmp/err"
    rc=$?
    [ "$rc" = 3 ] && grep -q '^chronicle: stdin: input too big' "$tmp/err" ||
        { echo "FAIL: 200 MB through a pipe in 200 MB of address space: exit $rc: $(head -c 500 "$tmp/err")" >&2; exit 1; }
    echo "200 MB line: refused in 40 MB (file) and 200 MB (stdin, pipe) of address space"
fi
rm -f "$tmp/huge.txt"

make_line "$tmp/long.txt" 12000000
run "12 MB line" "$tmp/long.txt"
[ "$rc" = 0 ] || { echo "FAIL: 12 MB line: exit $rc, expected 0; stderr: $(head -c 500 "$tmp/err")" >&2; exit 1; }
echo "big_line: passed"
