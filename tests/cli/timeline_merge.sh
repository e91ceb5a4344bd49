#!/usr/bin/env bash
# timeline_merge.sh: timelines across articles: "Monday" in a Tuesday article and "last Monday" in a
# Friday article are one entry with both sources; the output does not depend on the order of the
# inputs; a directory is walked; --entity keeps the entity's events; the csv, jsonl, timelinejs and
# task4 formats; eval --timeline on the SemEval-2015 Task 4 trial data reaches F1 0.16 (skipped
# without the corpora) and its errors.
. "$(dirname "$0")/lib.sh"

mkdir -p "$tmp/arts"
printf 'Apple unveils new iPod\nTuesday, December 2, 2014\n\nApple Inc. unveiled a new iPod on Monday in San Francisco, Steve Jobs said.\n' >"$tmp/arts/tue.txt"
printf 'Reviews of the new iPod\nFriday, December 5, 2014\n\nApple Inc. unveiled a new iPod last Monday. Critics praised the device on Thursday.\n' >"$tmp/arts/fri.txt"

"$CHRONICLE" timeline "$tmp/arts/tue.txt" "$tmp/arts/fri.txt" >"$tmp/ab.json" || fail "timeline tue fri: exit $?"
"$CHRONICLE" timeline "$tmp/arts/fri.txt" "$tmp/arts/tue.txt" >"$tmp/ba.json" || fail "timeline fri tue: exit $?"
"$CHRONICLE" timeline "$tmp/arts" >"$tmp/dir.json" || fail "timeline DIR: exit $?"
cmp -s "$tmp/ab.json" "$tmp/ba.json" || fail "the order of the inputs changes the timeline"
cmp -s "$tmp/ab.json" "$tmp/dir.json" || fail "a directory does not give the timeline of its files"
python3 - "$tmp/ab.json" <<'PY' || fail "the unveiling is not one entry with both sources"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 2 and [x["id"] for x in d["documents"]] == ["fri.txt", "tue.txt"], d["documents"]
e = [e for e in d["entries"] if e["text"] == "unveiled"]
assert len(e) == 1, e
assert e[0]["begin"] == e[0]["end"] == "2014-12-01" and e[0]["edtf"] == "2014-12-01", e[0]
assert sorted(set(s["document"] for s in e[0]["sources"])) == ["fri.txt", "tue.txt"], e[0]["sources"]
assert [s["match"] for s in e[0]["sources"]] == [None, "same-day+same-trigger", "headline+same-trigger+shared-name"]
assert e[0]["merged_by"] == ["same-day+same-trigger", "headline+same-trigger+shared-name"], e[0]["merged_by"]
# the headline "Apple unveils new iPod", placed on its Tuesday by its present tense, is the same unveiling
h = [s for s in e[0]["sources"] if s["text"] == "unveils"]
assert len(h) == 1 and h[0]["document"] == "tue.txt" and h[0]["time"]["rule"] == "tense", h
assert [x for x in d["entries"] if x["text"] == "unveils"] == []
assert d["conflicts"] == []
PY

# a headline joins only an event of its date or of the two days before: a week later, "Apple unveils new
# iPod" is another unveiling, and a headline in the past tense is dated by its tense alone
mkdir -p "$tmp/later"
cp "$tmp/arts/fri.txt" "$tmp/later/"
printf 'Apple unveils new iPod\nMonday, December 8, 2014\n\nThe device went on sale.\n' >"$tmp/later/dec8.txt"
printf 'Apple unveiled new iPod\nTuesday, December 2, 2014\n\nThe device went on sale.\n' >"$tmp/later/past.txt"
"$CHRONICLE" timeline "$tmp/later" >"$tmp/later.json" || fail "timeline later: exit $?"
python3 - "$tmp/later.json" <<'PY' || fail "a headline joined an event it does not tell"
import json, sys
d = json.load(open(sys.argv[1]))
for e in d["entries"]:
    assert len({s["document"] for s in e["sources"]}) == 1, e
PY

# --entity, with a variant: "Apple" finds "Apple Inc."; "Critics" praised, not Apple
"$CHRONICLE" timeline --entity Apple --format jsonl "$tmp/arts" >"$tmp/apple.jsonl" || fail "--entity: exit $?"
grep -q '"text":"unveiled"' "$tmp/apple.jsonl" || fail "--entity Apple: no unveiling"
grep -q '"text":"praised"' "$tmp/apple.jsonl" && fail "--entity Apple: the critics' praise is not Apple's"
[ "$(grep -c '"kind":"entry"' "$tmp/apple.jsonl")" -ge 1 ] || fail "jsonl: no entry lines"

"$CHRONICLE" timeline --format csv "$tmp/arts" >"$tmp/out.csv" || fail "csv: exit $?"
head -1 "$tmp/out.csv" | grep -q '^label,begin,end,edtf,granularity,relation,value,actor,text,summary,sources,merged_by' ||
    fail "csv: header"
grep -q 'fri.txt:e[0-9]* tue.txt:e[0-9]* tue.txt:e[0-9]*,same-day+same-trigger headline+same-trigger+shared-name' \
    "$tmp/out.csv" || fail "csv: merged sources"

"$CHRONICLE" timeline --format timelinejs --entity "Apple Inc." "$tmp/arts" >"$tmp/tjs.json" || fail "timelinejs: exit $?"
python3 - "$tmp/tjs.json" <<'PY' || fail "timelinejs: not the expected shape"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["title"]["text"]["headline"] == "Apple Inc."
ev = d["events"]
assert ev and all(e["group"] == "Apple Inc." for e in ev)
assert ev[0]["start_date"] == {"year": "2014", "month": "12", "day": "1"}, ev[0]
PY
printf 'Ticker\n2014-12-05\n\nApple met <b>investors</b> & "staff" on Monday.\n' >"$tmp/html.txt"
"$CHRONICLE" timeline --format timelinejs "$tmp/html.txt" | grep -q '&lt;b&gt;investors&lt;/b&gt; &amp; &quot;staff&quot;' ||
    fail "timelinejs: text not escaped for HTML"

# --- eval --timeline ------------------------------------------------------------------------------------
check "eval --timeline without documents" 2 "no documents given" "$CHRONICLE" eval --timeline "$tmp/arts"
printf 'Apple\n1\t2014\n' >"$tmp/badgold.txt"
mkdir -p "$tmp/gold" && cp "$tmp/badgold.txt" "$tmp/gold/"
check "eval --timeline, malformed gold" 3 "gold timeline, line 2" "$CHRONICLE" eval --timeline "$tmp/gold" "$tmp/arts"

trial=$CORPORA/timeline-trial
if [ ! -d "$trial/gold-timelines" ]; then
    echo "skipped: SemEval-2015 Task 4 trial data not found at $trial (set CHRONICLE_CORPORA)"
    [ "$fails" = 0 ] || exit 1
    exit 77
fi
mkdir -p "$tmp/sys"
"$CHRONICLE" eval --timeline "$trial/gold-timelines" --json --system-out "$tmp/sys" "$trial/timeml" >"$tmp/ev.json" ||
    fail "eval --timeline trial: exit $?"
python3 - "$tmp/ev.json" <<'PY' || fail "eval --timeline on the trial data: F1 below 0.16"
import json, sys
d = json.load(open(sys.argv[1]))
print("SemEval-2015 Task 4 trial, raw text: P %.4f R %.4f F1 %.4f" % (d["precision"], d["recall"], d["f1"]))
assert len(d["timelines"]) == 6 and d["documents"] == 30
assert d["f1"] >= 0.16
PY
[ "$(ls "$tmp/sys" | wc -l)" = 6 ] || fail "--system-out: not one file per entity"
head -1 "$tmp/sys/steve_jobs.txt" | grep -qx 'Steve Jobs' || fail "--system-out: no entity line"
finish "timeline_merge: all checks passed"
