#!/usr/bin/env bash
# bench_smoke.sh: the benchmark program (bench/bench.py) runs end to end on a tiny corpus and prints its
# figures: both chronicle runs, the grep floor, the -j speed-up with outputs byte-identical, the peer's
# line (absent, or its figures), the start-up time. Its corpus is reproducible (built twice, the same
# bytes), of the size asked (whole records), dated per record, and falls back to samples/ when the corpora
# are absent. Not a timing: the figures are only checked to be there.
. "$(dirname "$0")/lib.sh"

bench() { python3 "$SRC/bench/bench.py" --chronicle "$CHRONICLE" --startup-runs 3 --no-peer "$@"; }

bench --size 60K --corpus "$tmp/c1.jsonl" >"$tmp/report" 2>"$tmp/err" ||
    fail "bench exited $?: $(tail -3 "$tmp/err")"
for want in '^corpus: +0\.[0-9] MB, [0-9]+ records' '^chronicle -j 1 +[0-9.]+ +[0-9.]+ +[0-9]+ ' \
    '^chronicle -j [0-9]+ +[0-9.]+ ' '^grep -c -E \(6 words\) +[0-9.]+ ' 'peak RSS' \
    '^-j [0-9]+ speed-up: +[0-9.]+x \(output byte-identical to -j 1\)' '^chronicle / grep: +[0-9.]+x' \
    '^chrono-node \(peer\) +absent: not run' '^start-up \(one line\): +[0-9.]+ ms median of 3'; do
    grep -Eq -- "$want" "$tmp/report" || fail "report lacks /$want/: $(cat "$tmp/report")"
done
size=$(wc -c <"$tmp/c1.jsonl")
[ "$size" -ge 60000 ] && [ "$size" -lt 200000 ] || fail "corpus of $size bytes for --size 60K"
python3 -c '
import json, sys
for n, line in enumerate(open(sys.argv[1]), 1):
    r = json.loads(line)
    assert r["text"] and r["id"], n
    assert "<EVENT" not in r["text"] and "<TIMEX3" not in r["text"], n
' "$tmp/c1.jsonl" || fail "corpus records are not JSON objects with id and text, tags stripped"

bench --size 60K --corpus "$tmp/c2.jsonl" >/dev/null 2>&1
cmp -s "$tmp/c1.jsonl" "$tmp/c2.jsonl" || fail "the corpus differs from run to run"

if [ -d "$CORPORA/tbaq" ]; then
    grep -q 'TimeML documents of' "$tmp/report" || fail "corpora present but not used: $(head -2 "$tmp/report")"
    grep -q '"date":"19' "$tmp/c1.jsonl" || fail "no record dated by its DCT"
fi
mkdir "$tmp/nocorpora"
bench --size 30K --corpora "$tmp/nocorpora" >"$tmp/report2" 2>&1 || fail "bench without corpora: $(tail -3 "$tmp/report2")"
grep -q 'sample articles of samples/' "$tmp/report2" || fail "no fallback to samples/: $(head -2 "$tmp/report2")"

finish "bench.py: a reproducible corpus and a full report"
