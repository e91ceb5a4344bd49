#!/usr/bin/env bash
# output.sh: where output goes and what happens when it cannot be written: -o FILE is whole or
# nothing, an unwritable -o path and a full device give exit 5, and a reader that closes the pipe
# early makes chronicle stop (exit 5 or 0) without hanging or dying of SIGPIPE.
. "$(dirname "$0")/lib.sh"

printf 'The talks ended on Monday, a week after they began.\n' >"$tmp/a.txt"

# -o writes exactly what stdout would get, and leaves no temporary file behind.
"$CHRONICLE" extract --dct 2014-12-03 "$tmp/a.txt" >"$tmp/stdout.json" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "stdout run: exit $rc: $(cat "$tmp/err")"
"$CHRONICLE" extract --dct 2014-12-03 -o "$tmp/o.json" "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "-o run: exit $rc: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "-o run: wrote to stdout too"
cmp -s "$tmp/stdout.json" "$tmp/o.json" || fail "-o output differs from stdout output"
ls -A "$tmp" | grep -q '^\.chronicle-' && fail "-o left a temporary file behind"
"$CHRONICLE" extract --dct 2014-12-03 --output="$tmp/o2.json" "$tmp/a.txt" 2>/dev/null
cmp -s "$tmp/stdout.json" "$tmp/o2.json" || fail "--output=FILE differs from stdout output"

# Unwritable -o path: exit 5, one line naming it.
"$CHRONICLE" extract --dct 2014-12-03 -o "$tmp/no/such/dir/out.json" "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 5 ] || fail "-o unwritable: exit $rc, expected 5"
grep -Eq '^chronicle: .*no/such/dir/out\.json: cannot write: ' "$tmp/err" || fail "-o unwritable: stderr: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "-o unwritable: expected one line on stderr: $(cat "$tmp/err")"

# A failed run leaves an existing -o file as it was.
echo previous >"$tmp/keep.json"
"$CHRONICLE" extract --dct 2014-12-03 -o "$tmp/keep.json" "$tmp/missing.txt" 2>/dev/null
rc=$?
[ "$rc" = 3 ] || fail "-o with missing input: exit $rc, expected 3"
[ "$(cat "$tmp/keep.json")" = previous ] || fail "-o with missing input: the old file was changed"

# A full device, through -o and through stdout.
if [ -w /dev/full ]; then
    "$CHRONICLE" extract --dct 2014-12-03 -o /dev/full "$tmp/a.txt" 2>"$tmp/err"
    rc=$?
    [ "$rc" = 5 ] || fail "-o /dev/full: exit $rc, expected 5"
    grep -q 'No space left on device' "$tmp/err" || fail "-o /dev/full: stderr: $(cat "$tmp/err")"
    "$CHRONICLE" extract --dct 2014-12-03 "$tmp/a.txt" >/dev/full 2>"$tmp/err"
    rc=$?
    [ "$rc" = 5 ] || fail "stdout /dev/full: exit $rc, expected 5"
    grep -q '^chronicle: stdout: write error: No space left on device' "$tmp/err" ||
        fail "stdout /dev/full: stderr: $(cat "$tmp/err")"
else
    echo "note: /dev/full not writable here, full-device checks skipped"
fi

# Closed pipe: 20000 records give megabytes of output; head takes 10 bytes and leaves.
for i in $(seq 1 20000); do
    printf '{"id": "r%d", "text": "Markets fell on Monday after a week of gains.", "date": "2014-12-03"}\n' "$i"
done >"$tmp/big.jsonl"
start=$SECONDS
timeout 60 bash -c '"$1" extract "$2" 2>"$3" | head -c 10 >/dev/null; echo "${PIPESTATUS[0]}" >"$4"' \
    _ "$CHRONICLE" "$tmp/big.jsonl" "$tmp/err" "$tmp/rc"
trc=$?
[ "$trc" = 124 ] && fail "closed pipe: chronicle hung (killed after 60 s)"
rc=$(cat "$tmp/rc" 2>/dev/null || echo none)
case "$rc" in
0 | 5) ;;
*) fail "closed pipe: exit $rc, expected 5 (or 0); stderr: $(head -c 300 "$tmp/err")" ;;
esac
[ "$(wc -l <"$tmp/err")" -le 1 ] || fail "closed pipe: more than one line on stderr: $(head -c 300 "$tmp/err")"
echo "closed pipe: exit $rc after $((SECONDS - start)) s"

finish "output: all checks passed"
