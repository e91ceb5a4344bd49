#!/usr/bin/env bash
# stream_memory.sh: a JSON Lines stream is not held in memory. 60 MB of 5 KB records go through extract
# from a pipe, with 1 and 2 threads, and the peak resident memory (ru_maxrss, measured by the benchmark's
# launcher chronicle_runstat) stays under 40 MB: what is held is bounded by the records in flight, not by
# the stream. What it measures, honestly: the reader, the JSON parse and the error records at full size
# (most records have an impossible date, so they are refused before extraction, to keep the test to a few
# seconds); one record in 50 is extracted, and the extractor's own memory per document is checked by
# valgrind and the benchmark. Skipped under the sanitizers (their shadow memory is the RSS then).
. "$(dirname "$0")/lib.sh"

runstat=$(dirname "$CHRONICLE")/chronicle_runstat
if [ "${CHRONICLE_SANITIZED:-0}" = 1 ]; then
    echo "skipped: peak RSS means nothing under AddressSanitizer"
    exit 77
fi
[ -x "$runstat" ] || { fail "no $runstat (built with chronicle)"; finish ""; }

gen() {
    python3 - "$1" <<'PY'
import sys
size = int(sys.argv[1])
word = "The talks resumed on Monday after the strike of last month ended. "
bad = ('{"id":"b","date":"2014-02-30","text":"%s"}\n' % (word * 75)[:5000]).encode()
good = ('{"id":"g","date":"2014-12-03","text":"%s"}\n' % (word * 3)).encode()
out, n, i = sys.stdout.buffer, 0, 0
while n < size:
    line = good if i % 50 == 0 else bad
    out.write(line)
    n += len(line)
    i += 1
PY
}

for j in 1 2; do
    gen 60000000 | "$runstat" "$tmp/stat" "$CHRONICLE" extract -j "$j" >"$tmp/out" 2>"$tmp/err"
    read -r rc wall user sys maxrss <"$tmp/stat"
    [ "$rc" = 1 ] || fail "-j $j: exit $rc, expected 1 (the refused records): $(head -c 300 "$tmp/err")"
    lines=$(wc -l <"$tmp/out")
    [ "$lines" -gt 11000 ] || fail "-j $j: only $lines output lines"
    grep -c '^{"id":"g",' "$tmp/out" | grep -qx 246 || fail "-j $j: $(grep -c '^{"id":"g",' "$tmp/out") extracted records, expected 246"
    [ "$maxrss" -lt 40960 ] || fail "-j $j: peak RSS $maxrss KiB for a 60 MB stream, expected under 40 MiB"
    echo "-j $j: 60 MB stream, $lines records, ${wall}s, peak RSS $((maxrss / 1024)) MiB"
done
finish "a 60 MB JSON Lines stream is extracted in bounded memory"
