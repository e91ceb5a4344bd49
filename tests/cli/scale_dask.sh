#!/usr/bin/env bash
# scale_dask.sh: the Dask driver (scale/dask/chronicle_dask.py) on loopback: a real dask-scheduler and two
# dask-worker processes on free ports; the timeline of an archive (the SemEval trial and TBAQ documents
# as JSON Lines, or copies of the sample story without the corpora) is the same bytes as one chronicle
# timeline run; then one worker is killed (SIGKILL) in the middle of a run: the job finishes on the other,
# nothing lost or duplicated (a document twice is an error of the merge), the same bytes again.
# The first run has the last merge write the output itself (--write-on-worker), the second the client.
# Needs python3-distributed (make test installs it as root); skipped with a message only outside CI.
. "$(dirname "$0")/lib.sh"

if [ "${CHRONICLE_SANITIZED:-0}" = 1 ]; then
    echo "skipped: the Dask run is not a sanitizer test (the same binary runs in make test)"
    exit 77
fi
py=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null && "$p" -c 'import distributed' 2>/dev/null; then
        py=$p
        break
    fi
done
if [ -z "$py" ] || ! command -v dask-scheduler >/dev/null || ! command -v dask-worker >/dev/null; then
    if [ -n "${CI:-}" ]; then
        echo "FAIL: python3-distributed is not installed (make test installs it as root)" >&2
        exit 1
    fi
    echo "skipped: Dask distributed not found (apt-get install python3-distributed)"
    exit 77
fi

pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# --- the archive: three shards ------------------------------------------------------------------------
chronicle=$(cd "$(dirname "$CHRONICLE")" && pwd)/$(basename "$CHRONICLE")
if [ -d "$CORPORA/timeline-trial/timeml" ] && [ -d "$CORPORA/tbaq/timebank" ]; then
    "$py" "$SRC/scale/make_archive.py" --shards 3 --out-dir "$tmp/shards" \
        "$CORPORA/timeline-trial/timeml" "$CORPORA/tbaq/timebank" 2>/dev/null || fail "make_archive.py: exit $?"
else
    echo "note: corpora not found at $CORPORA; the archive is copies of the sample story"
    mkdir -p "$tmp/shards"
    "$py" - "$SRC/samples/kerry-iran-2014-12-03.txt" "$tmp/shards" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
for s in range(3):
    with open("%s/shard-%03d.jsonl" % (sys.argv[2], s), "w") as f:
        for k in range(s, 60, 3):
            f.write(json.dumps({"id": "kerry-%02d" % k, "date": "2014-12-%02d" % (1 + k % 28), "text": text}) + "\n")
PY
fi
cat "$tmp"/shards/*.jsonl >"$tmp/all.jsonl"
records=$(wc -l <"$tmp/all.jsonl")
"$CHRONICLE" timeline "$tmp/all.jsonl" >"$tmp/single.json" || fail "single run: exit $?"

# --- a scheduler and two workers on free ports --------------------------------------------------------
port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
addr=tcp://127.0.0.1:$port
cd "$tmp" || exit 1
dask-scheduler --host 127.0.0.1 --port "$port" --no-dashboard >"$tmp/scheduler.log" 2>&1 &
pids+=($!)
for w in 1 2; do
    mkdir -p "$tmp/w$w"
    dask-worker "$addr" --name "w$w" --nthreads 1 --no-nanny --no-dashboard --host 127.0.0.1 \
        --local-directory "$tmp/w$w" >"$tmp/worker$w.log" 2>&1 &
    pids+=($!)
done
worker1=${pids[1]}
"$py" - "$addr" <<'PY' || { fail "the cluster did not come up: $(tail -3 "$tmp/scheduler.log")"; finish x; }
import sys
from distributed import Client
with Client(sys.argv[1], timeout=30) as c:
    c.wait_for_workers(2, timeout=30)
PY

# --- the run, against the single process (the binary shipped to the workers) ------------------------------
# (the last merge writes the output and the chart itself: the workers see $tmp)
timeout 120 "$py" "$SRC/scale/dask/chronicle_dask.py" --scheduler "$addr" --ship "$chronicle" --write-on-worker \
    --blocksize 32KiB --split-every 3 -o "$tmp/dask.json" --chart "$tmp/dask.png" "$tmp"/shards/*.jsonl \
    2>"$tmp/run.err" || fail "dask run: exit $?: $(tail -3 "$tmp/run.err")"
cmp -s "$tmp/single.json" "$tmp/dask.json" || fail "the Dask timeline is not the single-process one"
grep -q "$records records in [0-9]* partitions" "$tmp/run.err" || fail "not every record counted: $(tail -1 "$tmp/run.err")"
grep -q 'mapped [0-9]*/[0-9]* partitions' "$tmp/run.err" || fail "no progress shown"
[ -s "$tmp/dask.png" ] && head -c 8 "$tmp/dask.png" | grep -q PNG || fail "no chart"

# --- a worker killed in the middle of a run (the client writes the output) ---------------------------------
# the binary behind a wrapper that logs each call and takes a little longer, so that the run lasts
cat >"$tmp/slow-chronicle" <<EOF
#!/bin/sh
echo "\$\$" >>"$tmp/calls.log"
sleep 0.3
exec "$chronicle" "\$@"
EOF
chmod +x "$tmp/slow-chronicle"
: >"$tmp/calls.log"
timeout 120 "$py" "$SRC/scale/dask/chronicle_dask.py" --scheduler "$addr" --chronicle "$tmp/slow-chronicle" \
    --blocksize 32KiB --split-every 4 -o "$tmp/killed.json" "$tmp"/shards/*.jsonl 2>"$tmp/kill.err" &
driver=$!
pids+=($driver)
killed=0
for _ in $(seq 1 600); do
    if [ "$(wc -l <"$tmp/calls.log")" -ge 3 ]; then
        kill -0 "$driver" 2>/dev/null && kill -9 "$worker1" && killed=1
        wait "$worker1" 2>/dev/null
        break
    fi
    sleep 0.05
done
before=$(wc -l <"$tmp/calls.log")
wait "$driver" || fail "run with a worker killed: exit $?: $(tail -3 "$tmp/kill.err")"
[ "$killed" = 1 ] || fail "the worker was not killed while the run went on"
kill -0 "$worker1" 2>/dev/null && fail "worker 1 still alive"
[ "$(wc -l <"$tmp/calls.log")" -gt "$before" ] || fail "nothing ran after the kill"
cmp -s "$tmp/single.json" "$tmp/killed.json" || fail "with a worker killed, the timeline is not the single-process one"
grep -q "$records records in" "$tmp/kill.err" || fail "with a worker killed, records lost or counted twice: $(tail -1 "$tmp/kill.err")"
echo "$records records; calls: $before before the kill, $(wc -l <"$tmp/calls.log") in all"
finish "scale_dask: Dask run identical to the single process, also with a worker killed"
