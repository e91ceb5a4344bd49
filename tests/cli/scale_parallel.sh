#!/usr/bin/env bash
# scale_parallel.sh: the map/reduce contract with GNU parallel, the command lines of the README on loopback
# (`--sshlogin 2/:` is two job slots on the local machine, the same options as for remote hosts): shards
# mapped by `chronicle timeline` and merged; one big file cut into blocks (--pipepart) streamed to the jobs
# and their compact timelines streamed to `timeline --merge`; both the same bytes as one run. Needs GNU
# parallel (make test installs it as root); skipped with a message only outside CI.
. "$(dirname "$0")/lib.sh"

if ! command -v parallel >/dev/null || ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
    if [ -n "${CI:-}" ]; then
        echo "FAIL: GNU parallel is not installed (make test installs it as root)" >&2
        exit 1
    fi
    echo "skipped: GNU parallel not found (apt-get install parallel)"
    exit 77
fi
chronicle=$(cd "$(dirname "$CHRONICLE")" && pwd)/$(basename "$CHRONICLE")
cd "$tmp" || exit 1
if [ -d "$CORPORA/timeline-trial/timeml" ]; then
    python3 "$SRC/scale/make_archive.py" --shards 3 --out-dir shards "$CORPORA/timeline-trial/timeml" 2>/dev/null ||
        fail "make_archive.py: exit $?"
else
    echo "note: corpora not found at $CORPORA; the archive is copies of the sample story"
    mkdir -p shards
    python3 - "$SRC/samples/kerry-iran-2014-12-03.txt" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
for s in range(3):
    with open("shards/shard-%03d.jsonl" % s, "w") as f:
        for k in range(s, 24, 3):
            f.write(json.dumps({"id": "kerry-%02d" % k, "date": "2014-12-%02d" % (1 + k), "text": text}) + "\n")
PY
fi
cat shards/*.jsonl >archive.jsonl
"$chronicle" timeline archive.jsonl >single.json || fail "single run: exit $?"

# shards: a job per file, each part back beside its shard, then the merge
parallel --will-cite --sshlogin 2/: --transferfile {} --return {.}.part.json --cleanup --halt now,fail=1 \
    "$chronicle" timeline --format part {} '>' {.}.part.json ::: shards/*.jsonl 2>/dev/null || fail "parallel (shards): exit $?"
[ "$(ls shards/*.part.json | wc -l)" = 3 ] || fail "parallel (shards): not one part per shard"
"$chronicle" timeline --merge -o merged.json shards/*.part.json || fail "merge of the shards' parts: exit $?"
cmp -s single.json merged.json || fail "parallel (shards): the merge is not the single run"

# one file: blocks of whole lines piped to the jobs, their timelines piped to the merge
parallel --will-cite --sshlogin 2/: --pipepart -a archive.jsonl --block 16k --halt now,fail=1 \
    "$chronicle" timeline --format part --input jsonl - | "$chronicle" timeline --merge >piped.json ||
    fail "parallel --pipepart | timeline --merge: exit $?"
cmp -s single.json piped.json || fail "parallel --pipepart: the merge is not the single run"
finish "scale_parallel: GNU parallel runs merge into the single run"
