#!/usr/bin/env bash
# tests/tsan/run.sh: `make tsan` runs it with $CHRONICLE built under ThreadSanitizer. Extracts a stream of
# real articles (the TimeML corpora as JSON Lines, 300 KB, else the sample article) with 4 threads and
# checks that the output equals one thread's; ThreadSanitizer (halt_on_error) fails the run on any race.
set -eu
: "${CHRONICLE:?set CHRONICLE to the chronicle binary built with CHRONICLE_TSAN=ON}"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chronicle-tsan.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 - "$SRC" "$tmp/corpus.jsonl" <<'PY'
import sys
sys.path.insert(0, sys.argv[1] + "/bench")
import bench
import os
corpora = os.environ.get("CHRONICLE_CORPORA", os.path.join(sys.argv[1], "..", "shared", "corpora"))
print("corpus: %d bytes, %d records (%s)" % bench.build_corpus(sys.argv[2], os.path.abspath(corpora), 300000))
PY
"$CHRONICLE" extract "$tmp/corpus.jsonl" >"$tmp/out1"
"$CHRONICLE" extract -j 4 "$tmp/corpus.jsonl" >"$tmp/out4"
cmp "$tmp/out1" "$tmp/out4"
echo "tsan: -j 4 over $(wc -l <"$tmp/out4") records, no data race, output equal to one thread's"
