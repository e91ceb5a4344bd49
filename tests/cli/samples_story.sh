#!/usr/bin/env bash
# samples_story.sh: the multi-article sample (samples/jobs-2011/, three WikiNews articles) gives exactly
# the expected merged timeline and comparison, and the comparison holds what samples/README says of it:
# the resignation told by two articles, missing from the January one: the October article dates it
# August 24, and the August article's headline ("Apple executive Steve Jobs resigns"), under its date line
# of August 25, joins it (a headline in the present tells the latest event); no date conflict (the
# headline once took its date line, August 25, and made a false one).
# Update the expected files only when a change is meant:
#   (cd samples && ../build/chronicle timeline jobs-2011 > jobs-2011.timeline.json)
#   (cd samples && ../build/chronicle compare jobs-2011 > jobs-2011.compare.json)
. "$(dirname "$0")/lib.sh"

status=0
for kind in timeline compare; do
    expected="$SRC/samples/jobs-2011.$kind.json"
    # Run from the samples directory so that the ids are the base names whatever the path.
    (cd "$SRC/samples" && "$CHRONICLE" "$kind" jobs-2011) >"$tmp/$kind.json" 2>"$tmp/err"
    rc=$?
    if [ "$rc" != 0 ]; then
        echo "FAIL: $kind jobs-2011: exit $rc: $(cat "$tmp/err")" >&2
        status=1
    elif [ -s "$tmp/err" ]; then
        echo "FAIL: $kind jobs-2011: unexpected stderr: $(cat "$tmp/err")" >&2
        status=1
    elif ! diff -u "$expected" "$tmp/$kind.json" >"$tmp/diff"; then
        head -40 "$tmp/diff" >&2
        echo "FAIL: $kind jobs-2011: output differs from $(basename "$expected")" >&2
        status=1
    else
        echo "$kind jobs-2011: matches $(basename "$expected")"
    fi
done
if ! command -v python3 >/dev/null; then
    echo "python3 not found: content check skipped (make deps installs it)" >&2
elif ! python3 - "$SRC/samples/jobs-2011.compare.json" <<'PY'; then
import json, sys
d = json.load(open(sys.argv[1]))
ids = [x["id"] for x in d["documents"]]
assert ids == ["2011-01-17-jobs-medical-leave.txt", "2011-08-25-jobs-resigns.txt", "2011-10-06-jobs-dies.txt"], ids
assert [x["dct"] for x in d["documents"]] == ["2011-01-17", "2011-08-25", "2011-10-06"], d["documents"]
res = [e for e in d["events"] if e["text"] == "resigned"]
assert len(res) == 1 and res[0]["label"] == "2011-08-24" and res[0]["status"] == "partial", res
assert res[0]["told_by"] == ["2011-08-25-jobs-resigns.txt", "2011-10-06-jobs-dies.txt"], res[0]
assert res[0]["missing_from"] == ["2011-01-17-jobs-medical-leave.txt"], res[0]
assert [m["text"] for m in res[0]["mentions"]] == ["resigned", "resigns"], res[0]["mentions"]
assert [e for e in d["events"] if e["text"] == "resigns"] == []
assert [k for k in d["conflicts"] if k["kind"] == "date"] == [] and d["counts"]["date_conflicts"] == 0, d["conflicts"]
PY
    echo "FAIL: jobs-2011.compare.json: not the comparison samples/README describes" >&2
    status=1
fi
exit $status
