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
# The seed article's chronology holds the entries its issue lists, each with its date, relation and actor,
# and no more than a few others dated by a time expression of the text (events that only share a
# sentence's time, or are what a report reports, are not entries of their own).
sample="$SRC/samples/kerry-iran-2014-12-03.txt"
if ! command -v python3 >/dev/null; then
    echo "python3 not found: chronology check skipped (make deps installs it)" >&2
elif ! (cd "$SRC/samples" && "$CHRONICLE" timeline "$(basename "$sample")") >"$tmp/tl.json" 2>"$tmp/err"; then
    echo "FAIL: timeline $(basename "$sample"): $(cat "$tmp/err")" >&2
    status=1
elif ! python3 - "$tmp/tl.json" <<'PY'
import json, sys
entries = json.load(open(sys.argv[1]))["entries"]
# label, relation, event text, words of the actor, words of the summary
want = [
    ("1979 .. 2014-12-03", "BEGUN_BY", "had", "Iran", "diplomatic relations"),
    ("2014-10", "IS_INCLUDED", "emphasized", "Obama", "October letter"),
    ("2014-11", "IS_INCLUDED", "told", "U.S. officials", "last month"),
    ("2014-W48-WE", "IS_INCLUDED", None, None, "claims made over the weekend"),
    ("2014-W48 .. 2014-12-03", "BEGUN_BY", None, None, "Iranian airstrikes in Iraq"),
    ("2014-12-01 night", "IS_INCLUDED", "broken", "Huffington Post", "first broken"),
    ("2014-12-01", "IS_INCLUDED", "confirmed", "a U.S. defense official", "confirmed"),
    ("2014-12-02", "IS_INCLUDED", "told", "Kirby", "told reporters"),
    ("2014-12-03", "IS_INCLUDED", "said", "Kerry", "would be happy"),
    ("2014-12-03", "IS_INCLUDED", "denied", "Earnest", "denied any cooperation"),
]
bad = 0
for label, rel, text, actor, words in want:
    if not any(e["label"] == label and e["relation"] == rel and (text is None or e["text"] == text)
               and (actor is None or actor in (e["actor"] or "")) and words in (e["summary"] or "")
               for e in entries):
        print("FAIL: chronology: no entry %s %s %r by %r (%r)" % (label, rel, text, actor, words), file=sys.stderr)
        bad = 1
# a report's actor is its source, kept apart from what it reports
for e in entries:
    if e["class"] == "REPORTING" and e["actor"] and e["summary"].startswith(e["actor"] + " " + e["text"] + " " + e["actor"]):
        print("FAIL: chronology: source repeated in %r" % e["summary"], file=sys.stderr)
        bad = 1
by_text = [e for e in entries if e["timex"] != "t0"]
if len(by_text) > 16:
    print("FAIL: chronology: %d entries dated by the text, at most 16 expected" % len(by_text), file=sys.stderr)
    bad = 1
sys.exit(bad)
PY
then
    status=1
else
    echo "$(basename "$sample"): chronology holds the issue's entries"
fi
exit $status
