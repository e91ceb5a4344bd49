#!/usr/bin/env bash
# compare.sh: `chronicle compare`: two articles that date one event differently give a date conflict and,
# with an event both date alike, an order conflict; a third article that misses an event makes it
# "partial" with that article under missing_from; JSON (the default off a terminal, valid against
# docs/compare.schema.json) and text (the default on a terminal, --format text); the same bytes whatever
# the order of the inputs; directories and JSON Lines; exit codes and one-line errors for bad input.
. "$(dirname "$0")/lib.sh"

mkdir -p "$tmp/story"
printf 'Jobs steps down\nWednesday, August 24, 2011\n\nSteve Jobs resigned as Apple CEO on Tuesday. Apple unveiled the iPad 3 on Wednesday in San Francisco.\n' >"$tmp/story/a.txt"
printf 'Apple after Jobs\nFriday, August 26, 2011\n\nSteve Jobs resigned as Apple CEO on Thursday. Apple unveiled the iPad 3 on Wednesday in San Francisco. Analysts praised Tim Cook on Friday.\n' >"$tmp/story/b.txt"
printf 'Tablets\nSaturday, August 27, 2011\n\nApple unveiled the iPad 3 on Wednesday in San Francisco.\n' >"$tmp/c.txt"

# --- two articles: a date conflict and an order conflict ------------------------------------------------
"$CHRONICLE" compare "$tmp/story/a.txt" "$tmp/story/b.txt" >"$tmp/ab.json" 2>"$tmp/err" || fail "compare a b: exit $?"
[ -s "$tmp/err" ] && fail "compare a b: stderr: $(cat "$tmp/err")"
"$CHRONICLE" compare "$tmp/story/b.txt" "$tmp/story/a.txt" >"$tmp/ba.json" || fail "compare b a: exit $?"
"$CHRONICLE" compare "$tmp/story" >"$tmp/dir.json" || fail "compare DIR: exit $?"
cmp -s "$tmp/ab.json" "$tmp/ba.json" || fail "the order of the inputs changes the comparison"
cmp -s "$tmp/ab.json" "$tmp/dir.json" || fail "a directory does not give the comparison of its files"
python3 - "$tmp/ab.json" <<'PY' || fail "compare a b: not the expected comparison"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 1 and d["schema"].endswith("compare.schema.json")
assert [x["id"] for x in d["documents"]] == ["a.txt", "b.txt"], d["documents"]
c = d["counts"]
assert (c["documents"], c["shared"], c["date_conflicts"], c["order_conflicts"]) == (2, 2, 1, 1), c
assert c["events"] == c["shared"] + c["partial"] + c["single"]
res = [e for e in d["events"] if e["text"] == "resigned"]
assert len(res) == 1 and len(res[0]["entries"]) == 2 and res[0]["told_by"] == ["a.txt", "b.txt"], res
date = [k for k in d["conflicts"] if k["kind"] == "date"][0]
assert [x["label"] for x in date["dates"]] == ["2011-08-23", "2011-08-25"], date
assert [x["documents"] for x in date["dates"]] == [["a.txt"], ["b.txt"]], date
order = [k for k in d["conflicts"] if k["kind"] == "order"][0]
x, y = (d["events"][i]["text"] for i in order["events"])
assert (x, y, order["before"], order["after"]) == ("resigned", "unveiled", ["a.txt"], ["b.txt"]), order
PY

# the "entries" of the comparison index the timeline of the same documents
"$CHRONICLE" timeline "$tmp/story" >"$tmp/tl.json" || fail "timeline DIR: exit $?"
python3 - "$tmp/ab.json" "$tmp/tl.json" <<'PY' || fail "compare entries do not index the timeline's entries"
import json, sys
d, tl = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for e in d["events"]:
    first = tl["entries"][e["entries"][0]]
    assert first["text"] == e["text"] and first["label"] == e["label"], (e, first)
assert sorted(tuple(k["entries"]) for k in tl["conflicts"]) == sorted(tuple(k["entries"]) for k in d["conflicts"] if k["kind"] == "date")
PY

# --- three articles: c misses the resignation --------------------------------------------------------
"$CHRONICLE" compare --compact "$tmp/story" "$tmp/c.txt" >"$tmp/abc.json" || fail "compare a b c: exit $?"
[ "$(wc -l <"$tmp/abc.json")" = 1 ] || fail "--compact: not one line"
python3 - "$tmp/abc.json" <<'PY' || fail "compare a b c: the resignation is not partial, missing from c.txt"
import json, sys
d = json.load(open(sys.argv[1]))
res = [e for e in d["events"] if e["text"] == "resigned"][0]
assert res["status"] == "partial" and res["missing_from"] == ["c.txt"], res
unv = [e for e in d["events"] if e["text"] == "unveiled"][0]
assert unv["status"] == "shared" and unv["missing_from"] == [] and len(unv["mentions"]) == 3, unv
assert {x["id"]: x["only"] for x in d["documents"]} == {"a.txt": 0, "b.txt": 1, "c.txt": 0}, d["documents"]
PY

# --- schema ---------------------------------------------------------------------------------------------
python3 - "$SRC/docs/compare.schema.json" "$tmp/ab.json" "$tmp/abc.json" <<'PY' || fail "compare JSON not valid against docs/compare.schema.json"
import json, sys
schema = json.load(open(sys.argv[1]))
try:
    import jsonschema
except ImportError:
    jsonschema = None
for path in sys.argv[2:]:
    doc = json.load(open(path))
    if jsonschema:
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
        for e in errors:
            print(f"{path}: {list(e.absolute_path)}: {e.message}", file=sys.stderr)
        assert not errors
    else:  # the required keys, from the schema itself
        props = schema["properties"]
        assert all(k in doc for k in schema["required"])
        for k, sub in (("documents", props["documents"]["items"]), ("events", props["events"]["items"]),
                       ("conflicts", props["conflicts"]["items"])):
            for o in doc[k]:
                assert all(r in o for r in sub["required"]), (k, o)
        assert all(k in doc["counts"] for k in props["counts"]["required"])
PY

# --- text -------------------------------------------------------------------------------------------------
"$CHRONICLE" compare --format text "$tmp/story" "$tmp/c.txt" >"$tmp/out.txt" || fail "--format text: exit $?"
grep -q '^Comparison of 3 documents$' "$tmp/out.txt" || fail "text: no title line"
grep -q 'conflicts: 1 of date, 1 of order$' "$tmp/out.txt" || fail "text: no counts line"
tr -s ' \n' ' ' <"$tmp/out.txt" | grep -q 'Steve Jobs resigned as Apple CEO on Tuesday \[told by a.txt, b.txt; not by c.txt\]' ||
    fail "text: the partial event without the article that misses it"
grep -q '"resigned" before "unveiled" \[a.txt\]' "$tmp/out.txt" || fail "text: the order conflict"
grep -q 'praised' "$tmp/out.txt" && fail "text: an event told by one article listed without --all"
"$CHRONICLE" compare --format text --all "$tmp/story" "$tmp/c.txt" | grep -q 'Analysts praised Tim Cook on Friday \[b.txt\]' ||
    fail "text --all: the event b.txt alone tells"
awk 'length($0) > 100 { exit 1 }' "$tmp/out.txt" || fail "text: a line over 100 columns"
if command -v script >/dev/null; then
    # on a terminal the report is the default
    script -qec "'$CHRONICLE' compare '$tmp/story'" /dev/null >"$tmp/tty.txt" </dev/null
    grep -q 'Comparison of 2 documents' "$tmp/tty.txt" || fail "terminal: not the text report: $(head -c 200 "$tmp/tty.txt")"
fi
"$CHRONICLE" compare -o "$tmp/o.json" "$tmp/story" || fail "-o: exit $?"
cmp -s "$tmp/o.json" "$tmp/ab.json" || fail "-o FILE: not the JSON written to stdout"

# --- JSON Lines: each record an article; a bad record -------------------------------------------------------
printf '{"id": "x", "date": "2011-08-24", "text": "Steve Jobs resigned as Apple CEO on Tuesday."}\n{"id": "y", "date": "2011-08-26", "text": "Steve Jobs resigned as Apple CEO on Thursday."}\n' >"$tmp/feed.jsonl"
"$CHRONICLE" compare "$tmp/feed.jsonl" >"$tmp/feed.json" || fail "JSON Lines: exit $?"
grep -q '"date_conflicts": 1' "$tmp/feed.json" || fail "JSON Lines: no date conflict between the records"
printf '{"id": "z", "text": 42}\n' >>"$tmp/feed.jsonl"
check "a bad JSON Lines record" 1 "feed.jsonl:3: text field" "$CHRONICLE" compare "$tmp/feed.jsonl"
grep -q '"documents": 2' "$tmp/out" || fail "a bad record: the comparison of the others is not written"

# --- documents without events --------------------------------------------------------------------------------
printf 'Nothing\n2014-12-03\n\nHello world.\n' >"$tmp/none1.txt"
printf 'Nothing either\n2014-12-04\n\nGood night.\n' >"$tmp/none2.txt"
check "documents without events" 0 "" "$CHRONICLE" compare "$tmp/none1.txt" "$tmp/none2.txt"
grep -q '"events": 0' "$tmp/out" || fail "documents without events: events not 0"
check "timeline of a document without events" 0 "" "$CHRONICLE" timeline "$tmp/none1.txt"

# --- errors ---------------------------------------------------------------------------------------------------
check "no documents" 2 "compare: no documents given" "$CHRONICLE" compare
check "one document" 2 "compare: needs two documents or more, got 1" "$CHRONICLE" compare "$tmp/c.txt"
check "unknown option" 2 "compare: unknown option --frobnicate" "$CHRONICLE" compare --frobnicate "$tmp/story"
check "bad --format" 2 "--format csv: expected json or text" "$CHRONICLE" compare --format csv "$tmp/story"
check "--all with a value" 2 "option --all takes no value" "$CHRONICLE" compare --all=yes "$tmp/story"
check "impossible --dct" 2 "impossible date" "$CHRONICLE" compare --dct 2014-02-30 "$tmp/story"
check "missing file" 3 "cannot read: No such file or directory" "$CHRONICLE" compare "$tmp/story" "$tmp/nope.txt"
printf 'Bad \377 byte\n' >"$tmp/bad.txt"
check "invalid UTF-8" 3 "invalid UTF-8" "$CHRONICLE" compare "$tmp/story" "$tmp/bad.txt"
: >"$tmp/empty.txt"
check "empty file" 3 "text is empty" "$CHRONICLE" compare "$tmp/story" "$tmp/empty.txt"
check "-o into a missing directory" 5 "cannot write" "$CHRONICLE" compare -o "$tmp/no/such/dir.json" "$tmp/story"
check "--help" 0 "" "$CHRONICLE" compare --help
grep -q '^usage: chronicle compare' "$tmp/out" || fail "--help: no usage line"
check "help compare" 0 "" "$CHRONICLE" help compare
grep -q 'different order' "$tmp/out" || fail "help compare: no word on the order"
finish "compare: all checks passed"
