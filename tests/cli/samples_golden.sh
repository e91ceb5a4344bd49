#!/usr/bin/env bash
# samples_golden.sh: the seed article gives exactly the expected JSON (DCT from its header, every
# time expression resolved). Update the expected file only when a change is meant:
#   build/chronicle extract samples/kerry-iran-2014-12-03.txt > samples/kerry-iran-2014-12-03.expected.json
. "$(dirname "$0")/lib.sh"

status=0
for input in "$SRC"/samples/*.txt; do
    expected=${input%.txt}.expected.json
    name=$(basename "$input")
    if [ ! -f "$expected" ]; then
        echo "FAIL: $name: no expected output $(basename "$expected")" >&2
        status=1
        continue
    fi
    # Run from the samples directory so that the id is the base name whatever the path.
    (cd "$SRC/samples" && "$CHRONICLE" extract "$name") >"$tmp/out.json" 2>"$tmp/err"
    rc=$?
    if [ "$rc" != 0 ]; then
        echo "FAIL: $name: exit $rc: $(cat "$tmp/err")" >&2
        status=1
    elif [ -s "$tmp/err" ]; then
        echo "FAIL: $name: unexpected stderr: $(cat "$tmp/err")" >&2
        status=1
    elif ! diff -u "$expected" "$tmp/out.json" >&2; then
        echo "FAIL: $name: output differs from $(basename "$expected")" >&2
        status=1
    else
        echo "$name: matches $(basename "$expected")"
    fi
done
exit $status
