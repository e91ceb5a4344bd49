#!/usr/bin/env bash
# timeline_reduce.sh: `chronicle timeline --merge`, the reduce of a distributed run: timelines of parts of
# a corpus merged in shuffled orders and regrouped (((a+b)+c), (c+(b+a)), all at once, several timelines in
# one file) are the timeline of the whole, byte for byte; on two articles that tell one event (one entry
# only once both parts are merged), on the sample story read back, on the SemEval-2015 Task 4 trial data
# (also with --entity) and on TimeBank (skipped without the corpora); every output format; the errors
# (a document in two parts, other entities, version 1, not JSON, --entity with --merge).
. "$(dirname "$0")/lib.sh"

# the parts of files $3... (each a part of one file), merged in orders and groupings; all must equal $1.
# The parts and the merges in between are compact timeline JSON, or the part format with PARTS=part.
check_reduce() {
    local want=$1 label=$2 out=(--compact)
    [ "${PARTS:-json}" = part ] && out=(--format part)
    shift 2
    local opts=()
    while [ "$1" != -- ]; do opts+=("$1"); shift; done
    shift
    local i=0 parts=()
    rm -f "$tmp"/part-*.json
    for f in "$@"; do
        i=$((i + 1))
        "$CHRONICLE" timeline "${opts[@]}" "${out[@]}" "$f" >"$tmp/part-$i.json" || fail "$label: part $f: exit $?"
        parts+=("$tmp/part-$i.json")
    done
    local n=${#parts[@]}
    # all at once, in three shuffled orders
    for seed in 1 2 3; do
        mapfile -t sh < <(printf '%s\n' "${parts[@]}" | shuf --random-source=<(yes "$seed"))
        "$CHRONICLE" timeline --merge "${sh[@]}" >"$tmp/m.json" || fail "$label: merge (order $seed): exit $?"
        cmp -s "$want" "$tmp/m.json" || fail "$label: merge of the parts in order $seed is not the whole"
    done
    # left fold ((p1 + p2) + p3) + ..., and right fold from the end, through files
    cp "${parts[0]}" "$tmp/acc.json"
    for ((k = 1; k < n; k++)); do
        "$CHRONICLE" timeline --merge "${out[@]}" "$tmp/acc.json" "${parts[k]}" >"$tmp/acc2.json" && mv "$tmp/acc2.json" "$tmp/acc.json"
    done
    "$CHRONICLE" timeline --merge "$tmp/acc.json" >"$tmp/m.json"
    cmp -s "$want" "$tmp/m.json" || fail "$label: the left fold is not the whole"
    cp "${parts[n - 1]}" "$tmp/acc.json"
    for ((k = n - 2; k >= 0; k--)); do
        "$CHRONICLE" timeline --merge "${out[@]}" "${parts[k]}" "$tmp/acc.json" >"$tmp/acc2.json" && mv "$tmp/acc2.json" "$tmp/acc.json"
    done
    "$CHRONICLE" timeline --merge "$tmp/acc.json" >"$tmp/m.json"
    cmp -s "$want" "$tmp/m.json" || fail "$label: the right fold is not the whole"
    # pairs merged first, then the pairs (a tree); then several timelines in one stream
    local level=("${parts[@]}") next j=0
    while [ ${#level[@]} -gt 1 ]; do
        next=()
        for ((k = 0; k < ${#level[@]}; k += 2)); do
            j=$((j + 1))
            "$CHRONICLE" timeline --merge "${out[@]}" "${level[@]:k:2}" >"$tmp/t-$j.json" || fail "$label: tree: exit $?"
            next+=("$tmp/t-$j.json")
        done
        level=("${next[@]}")
    done
    "$CHRONICLE" timeline --merge "${level[0]}" >"$tmp/m.json"
    cmp -s "$want" "$tmp/m.json" || fail "$label: the tree of merges is not the whole"
    cat "${parts[@]}" | "$CHRONICLE" timeline --merge >"$tmp/m.json" || fail "$label: merge from one stream: exit $?"
    cmp -s "$want" "$tmp/m.json" || fail "$label: the parts in one stream are not the whole"
}

# --- two articles, one event: apart in each part, one entry merged --------------------------------------
mkdir -p "$tmp/arts"
printf 'Apple unveils new iPod\nTuesday, December 2, 2014\n\nApple Inc. unveiled a new iPod on Monday in San Francisco, Steve Jobs said.\n' >"$tmp/arts/tue.txt"
printf 'Reviews of the new iPod\nFriday, December 5, 2014\n\nApple Inc. unveiled a new iPod last Monday. Critics praised the device on Thursday.\n' >"$tmp/arts/fri.txt"
cp "$SRC/samples/kerry-iran-2014-12-03.txt" "$tmp/arts/kerry.txt"
"$CHRONICLE" timeline "$tmp/arts" >"$tmp/arts.json" || fail "timeline arts: exit $?"
check_reduce "$tmp/arts.json" articles -- "$tmp/arts/tue.txt" "$tmp/arts/fri.txt" "$tmp/arts/kerry.txt"
python3 - "$tmp/part-1.json" "$tmp/arts.json" <<'PY' || fail "the unveiling is not one entry once merged"
import json, sys
part, whole = (json.load(open(p)) for p in sys.argv[1:])
u = [e for e in whole["entries"] if e["text"] == "unveiled"]
assert len(u) == 1 and len(u[0]["sources"]) == 3, u  # the two bodies and Tuesday's headline
assert all(len(e["sources"]) == 1 for e in part["entries"])
PY
# the same through the part format (timeline --format part), and parts of both kinds in one stream
PARTS=part check_reduce "$tmp/arts.json" "articles, part format" -- "$tmp/arts/tue.txt" "$tmp/arts/fri.txt" "$tmp/arts/kerry.txt"
head -1 "$tmp/part-1.json" | grep -q '^\["chronicle-part",1,"",1,[0-9]*\]$' || fail "no part header: $(head -c 200 "$tmp/part-1.json")"
"$CHRONICLE" timeline --compact "$tmp/arts/fri.txt" >"$tmp/fri.json"
cat "$tmp/part-1.json" "$tmp/fri.json" "$tmp/part-3.json" | "$CHRONICLE" timeline --merge >"$tmp/m.json" ||
    fail "a part, a timeline JSON and a part in one stream: exit $?"
cmp -s "$tmp/arts.json" "$tmp/m.json" || fail "parts and timeline JSON mixed are not the whole"
head -c 300 "$tmp/part-1.json" >"$tmp/cut.part"
check "--merge, a part cut short" 3 'timeline 1: part: line [0-9]*: ' "$CHRONICLE" timeline --merge "$tmp/cut.part"
PARTS=json check_reduce "$tmp/arts.json" articles -- "$tmp/arts/tue.txt" "$tmp/arts/fri.txt" "$tmp/arts/kerry.txt"
for fmt in text csv jsonl timelinejs task4; do
    "$CHRONICLE" timeline --format "$fmt" "$tmp/arts" >"$tmp/want.$fmt"
    "$CHRONICLE" timeline --merge --format "$fmt" "$tmp"/part-*.json >"$tmp/got.$fmt" || fail "--merge --format $fmt: exit $?"
    cmp -s "$tmp/want.$fmt" "$tmp/got.$fmt" || fail "--merge --format $fmt is not the timeline's"
done

# --- the sample story read back: the same bytes -------------------------------------------------------------
"$CHRONICLE" timeline --merge "$SRC/samples/kerry-iran-2014-12-03.timeline.json" >"$tmp/sample.json" ||
    fail "--merge sample: exit $?"
cmp -s "$SRC/samples/kerry-iran-2014-12-03.timeline.json" "$tmp/sample.json" ||
    fail "the sample timeline read back and written is not the same"
STDIN=$SRC/samples/kerry-iran-2014-12-03.timeline.json check "--merge from stdin" 0 "" "$CHRONICLE" timeline --merge -

# --- an empty timeline (every record bad) is written, not a crash ------------------------------------------
echo '{"nope": 1}' >"$tmp/bad.jsonl"
"$CHRONICLE" timeline --compact "$tmp/bad.jsonl" >"$tmp/empty.json" 2>/dev/null
[ $? = 1 ] || fail "timeline of bad records only: exit status"
grep -q '"documents":\[\],"entity":null,"entries":\[\]' "$tmp/empty.json" || fail "no empty timeline: $(cat "$tmp/empty.json")"
"$CHRONICLE" timeline --merge --compact "$tmp/empty.json" "$tmp/part-1.json" >"$tmp/m.json" || fail "merge with an empty part: exit $?"
cmp -s <("$CHRONICLE" timeline --merge --compact "$tmp/part-1.json") "$tmp/m.json" || fail "an empty part changes the merge"

# --- errors -----------------------------------------------------------------------------------------------------
check "--merge, a document in two parts" 3 'document "tue.txt" is in both timelines' \
    "$CHRONICLE" timeline --merge "$tmp/part-1.json" "$tmp/part-1.json"
"$CHRONICLE" timeline --entity Apple --compact "$tmp/arts/fri.txt" >"$tmp/apple.json"
check "--merge, other entities" 3 'different entities' "$CHRONICLE" timeline --merge "$tmp/part-1.json" "$tmp/apple.json"
check "--merge with --entity" 2 '--merge takes the entity' "$CHRONICLE" timeline --merge --entity Apple "$tmp/part-1.json"
sed 's/"version":2/"version":1/' "$tmp/part-1.json" >"$tmp/v1.json"
check "--merge, version 1" 3 'version 1, expected 2' "$CHRONICLE" timeline --merge "$tmp/v1.json"
check "--merge, an article" 3 'not a timeline' "$CHRONICLE" timeline --merge "$tmp/arts/tue.txt"
check "--merge, no such file" 3 'cannot read' "$CHRONICLE" timeline --merge "$tmp/nope.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["entries"][0]["sources"][0]["class"]="PARTY"; print(json.dumps(d))' \
    "$tmp/part-1.json" >"$tmp/badclass.json"
check "--merge, an unknown class" 3 'entries\[0\]\.sources\[0\]\.class: unknown name' \
    "$CHRONICLE" timeline --merge "$tmp/badclass.json"

# --- the corpora: shuffled and regrouped parts --------------------------------------------------------------------
trial=$CORPORA/timeline-trial/timeml
if [ ! -d "$trial" ] || [ ! -d "$CORPORA/tbaq/timebank" ]; then
    echo "skipped: the corpora part (SemEval-2015 Task 4 trial, TimeBank) not found at $CORPORA"
    [ "$fails" = 0 ] || exit 1
    exit 77
fi
# five parts of shuffled files, each a directory
split_into() { # DIR NPARTS SEED -> $tmp/split/1..N
    rm -rf "$tmp/split"
    local k=0
    while read -r f; do
        mkdir -p "$tmp/split/$((k % $2 + 1))"
        cp "$1/$f" "$tmp/split/$((k % $2 + 1))/"
        k=$((k + 1))
    done < <(ls "$1" | shuf --random-source=<(yes "$3"))
}
"$CHRONICLE" timeline "$trial" >"$tmp/trial.json" || fail "timeline trial: exit $?"
split_into "$trial" 5 7
check_reduce "$tmp/trial.json" trial -- "$tmp"/split/*
"$CHRONICLE" timeline --entity "Steve Jobs" "$trial" >"$tmp/jobs.json" || fail "timeline --entity trial: exit $?"
check_reduce "$tmp/jobs.json" "trial --entity" --entity "Steve Jobs" -- "$tmp"/split/*
python3 - "$tmp/trial.json" <<'PY' || fail "trial: no entry merged across documents (the test would prove little)"
import json, sys
d = json.load(open(sys.argv[1]))
assert sum(len({s["document"] for s in e["sources"]}) > 1 for e in d["entries"]) >= 2
PY
"$CHRONICLE" timeline "$CORPORA/tbaq/timebank" >"$tmp/tb.json" || fail "timeline timebank: exit $?"
split_into "$CORPORA/tbaq/timebank" 4 11
check_reduce "$tmp/tb.json" timebank -- "$tmp"/split/*
PARTS=part check_reduce "$tmp/tb.json" "timebank, part format" -- "$tmp"/split/*
finish "timeline_reduce: merged parts are the whole, in every grouping and order"
