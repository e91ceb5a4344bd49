#!/usr/bin/env bash
# timeline.sh: `chronicle timeline`: the seed article's timeline JSON is exactly the expected file and
# valid against docs/timeline.schema.json; the text table is 100 columns at most and shows the
# chronology; several documents make one timeline; usage and input errors give their exit codes.
# Update the expected file only when a change is meant:
#   (cd samples && ../build/chronicle timeline kerry-iran-2014-12-03.txt > kerry-iran-2014-12-03.timeline.json)
# The schema check uses python3's jsonschema when it is installed (Debian: python3-jsonschema); without
# it, a small python3 script (standard library only) checks the required keys and types instead.
. "$(dirname "$0")/lib.sh"


# expect CODE DESCRIPTION -- ARGS...: run chronicle timeline, check the exit code
expect() {
    local want=$1 what=$2
    shift 3
    "$CHRONICLE" timeline "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ "$rc" != "$want" ]; then
        fail "$what: exit $rc, expected $want: $(head -c 300 "$tmp/err")"
        return 1
    fi
    return 0
}

sample=kerry-iran-2014-12-03
expected=$SRC/samples/$sample.timeline.json

# --- golden JSON ---------------------------------------------------------------------------------------
(cd "$SRC/samples" && "$CHRONICLE" timeline "$sample.txt") >"$tmp/tl.json" 2>"$tmp/err"
rc=$?
if [ "$rc" != 0 ]; then
    fail "timeline $sample.txt: exit $rc: $(cat "$tmp/err")"
elif [ -s "$tmp/err" ]; then
    fail "timeline $sample.txt: unexpected stderr: $(cat "$tmp/err")"
elif [ ! -f "$expected" ]; then
    fail "no expected output samples/$sample.timeline.json (create it as said at the top of this script)"
elif ! diff -u "$expected" "$tmp/tl.json" >&2; then
    fail "timeline $sample.txt: output differs from samples/$sample.timeline.json"
else
    echo "$sample.txt: matches $sample.timeline.json"
fi

# --- schema --------------------------------------------------------------------------------------------
validate() { # validate FILE...: every file against docs/timeline.schema.json
    if ! command -v python3 >/dev/null; then
        echo "python3 not found: schema check skipped (make deps installs it)" >&2
        return 0
    fi
    python3 - "$SRC/docs/timeline.schema.json" "$@" <<'PY'
import json, sys
schema = json.load(open(sys.argv[1]))
try:
    import jsonschema
except ImportError:
    jsonschema = None
bad = 0
for path in sys.argv[2:]:
    doc = json.load(open(path))
    if jsonschema:
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
        for e in errors[:5]:
            print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}", file=sys.stderr)
        bad += len(errors)
        continue
    # No jsonschema: the required keys of every object and their JSON types, from the schema itself.
    defs = schema["$defs"]
    def need(obj, keys, where):
        global bad
        for k in keys:
            if k not in obj:
                print(f"{path}: {where}: no key {k}", file=sys.stderr)
                bad += 1
    def typed(v, types, where):
        global bad
        if not isinstance(v, types):
            print(f"{path}: {where}: {v!r} has the wrong type", file=sys.stderr)
            bad += 1
    need(doc, schema["required"], "top")
    if doc.get("version") != 1 or doc.get("schema") != schema["$id"]:
        print(f"{path}: version/schema wrong", file=sys.stderr); bad += 1
    for i, d in enumerate(doc.get("documents", [])):
        need(d, ["id", "dct"], f"documents/{i}")
    str_or_none = (str, type(None))
    for part, name in (("entries", "entry"), ("undated", "undated")):
        for i, e in enumerate(doc.get(part, [])):
            where = f"{part}/{i}"
            need(e, defs[name]["required"], where)
            for k in ("actor", "summary", "value", "relation"):
                if k in e: typed(e[k], str_or_none, f"{where}/{k}")
            for k in ("text", "class", "tense", "aspect", "polarity"):
                if k in e: typed(e[k], str, f"{where}/{k}")
            if e.get("polarity") not in ("POS", "NEG"):
                print(f"{path}: {where}: polarity {e.get('polarity')!r}", file=sys.stderr); bad += 1
            if name == "entry":
                typed(e.get("flags"), list, f"{where}/flags")
                if e.get("begin") is None and e.get("end") is None:
                    print(f"{path}: {where}: neither begin nor end", file=sys.stderr); bad += 1
            for j, s in enumerate(e.get("sources", [])):
                need(s, defs["source"]["required"], f"{where}/sources/{j}")
                for k in ("start", "end"):
                    typed(s.get(k), int, f"{where}/sources/{j}/{k}")
sys.exit(1 if bad else 0)
PY
}
if [ -s "$tmp/tl.json" ]; then
    if validate "$tmp/tl.json"; then
        echo "$sample.txt: timeline JSON valid against docs/timeline.schema.json"
    else
        fail "timeline JSON of $sample.txt does not follow docs/timeline.schema.json"
    fi
fi

# --- the chronology of the seed article ----------------------------------------------------------------
if expect 0 "text table" -- --format text "$SRC/samples/$sample.txt"; then
    cp "$tmp/out" "$tmp/table"
    # the issue's chronology, in this order, each on its date
    order=0
    for row in '^1979 \.\. 2014-12-03 +since ' '^2014-10 +in +President Barack' '^2014-11 +in +U\.S\. officials' \
        '^2014-W48 \.\. 2014-12-03 +since .*airstrikes' '^2014-W48-WE +in ' '^2014-12-01 night +in .*broken' \
        '^2014-12-01 +in +a U\.S\. defense' '^2014-12-02 +in +Pentagon' '^2014-12-03 +in +Secretary of' \
        '^2014-12-03 +in +White House'; do
        n=$(grep -nE "$row" "$tmp/table" | head -1 | cut -d: -f1)
        if [ -z "$n" ]; then
            fail "text table: no row matching /$row/"
        elif [ "$n" -le "$order" ]; then
            fail "text table: /$row/ (line $n) out of order"
        else
            order=$n
        fi
    done
    long=$(python3 -c 'import sys; print(sum(len(l.rstrip("\n")) > 100 for l in open(sys.argv[1], encoding="utf-8")))' \
        "$tmp/table" 2>/dev/null || awk 'length($0) > 100' "$tmp/table" | wc -l)
    [ "$long" = 0 ] || fail "text table: $long lines wider than 100 columns"
    grep -q '^Timeline of kerry-iran-2014-12-03.txt, document date 2014-12-03T20:58$' "$tmp/table" ||
        fail "text table: no header line"
    # deterministic: the same bytes again
    "$CHRONICLE" timeline --format text "$SRC/samples/$sample.txt" 2>/dev/null | cmp -s - "$tmp/table" ||
        fail "text table differs between two runs"
fi

# --- several documents, stdin, JSON Lines ----------------------------------------------------------------
printf 'Officials met on Monday.\n' >"$tmp/a.txt"
printf 'The minister resigned in March 2013.\n' >"$tmp/b.txt"
if expect 0 "two documents" -- --dct 2014-12-03 "$tmp/a.txt" "$tmp/b.txt"; then
    python3 - "$tmp/out" <<'PY' || fail "two documents: not one timeline of both"
import json, sys
d = json.load(open(sys.argv[1]))
assert [x["id"] for x in d["documents"]] == ["a.txt", "b.txt"], d["documents"]
assert all(x["dct"] == "2014-12-03" for x in d["documents"])
docs = [e["sources"][0]["document"] for e in d["entries"]]
begins = [e["begin"] or e["end"] for e in d["entries"]]
assert begins == sorted(begins), begins
PY
    validate "$tmp/out" || fail "two documents: JSON not valid against the schema"
fi
if expect 0 "stdin" -- --dct 2014-12-03 --compact <"$tmp/a.txt"; then
    [ "$(wc -l <"$tmp/out")" = 1 ] || fail "--compact: not one line"
    grep -q '"documents":\[{"id":"stdin","dct":"2014-12-03"}\]' "$tmp/out" || fail "stdin: document id not stdin"
fi
printf '{"id": "r1", "date": "2014-12-03", "text": "Kerry spoke on Monday."}\nnot json\n{"id": "r2", "date": "2014-12-01", "text": "Talks ended last week."}\n' >"$tmp/feed.jsonl"
if expect 1 "JSON Lines with a bad record" -- "$tmp/feed.jsonl"; then
    grep -q 'feed.jsonl:2: malformed JSON' "$tmp/err" || fail "bad record: no message: $(cat "$tmp/err")"
    grep -q '"id": "r1"' "$tmp/out" && grep -q '"id": "r2"' "$tmp/out" || fail "bad record: the good records are missing"
fi

# --- errors ----------------------------------------------------------------------------------------------
expect 0 "--help" -- --help && grep -q '^usage: chronicle timeline' "$tmp/out" || fail "--help: no usage"
expect 2 "bad --format" -- --format xml "$tmp/a.txt" && grep -q 'expected json, jsonl, text, csv, timelinejs, task4 or part' "$tmp/err" ||
    fail "bad --format: message"
expect 2 "unknown option" -- --frobnicate "$tmp/a.txt" &&
    grep -q 'timeline: unknown option --frobnicate' "$tmp/err" || fail "unknown option: message"
expect 2 "impossible --dct" -- --dct 2014-02-30 "$tmp/a.txt"
expect 3 "missing file" -- "$tmp/missing.txt" && grep -q 'cannot read' "$tmp/err" || fail "missing file: message"
: >"$tmp/empty.txt"
expect 3 "empty file" -- "$tmp/empty.txt"
expect 5 "unwritable -o" -- -o "$tmp/no/such/dir/out.json" "$tmp/a.txt"
[ -z "$(ls "$tmp"/no 2>/dev/null)" ] || fail "-o: something written"
"$CHRONICLE" help timeline | grep -q '^usage: chronicle timeline' || fail "chronicle help timeline"
"$CHRONICLE" --help | grep -q '^  timeline ' || fail "chronicle --help does not list timeline"

finish "timeline: all checks passed"
