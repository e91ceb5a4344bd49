#!/usr/bin/env bash
# tests/valgrind/run.sh: `make valgrind`. Runs a representative set of chronicle commands under valgrind
# memcheck: extract on the sample article, a JSON Lines stream with a bad record (with 1 and 2 threads),
# TimeML in and out, timeline as text and JSON, compare of the three-article sample as JSON and text,
# eval on a two-file gold corpus made here, rules check, and four error paths (invalid UTF-8, an
# unwritable -o, a bad rule pattern, an impossible --dct). Any memory error or definite/indirect leak
# (valgrind exit 99), or an exit code other than the one expected, fails the run.
# Build chronicle with -DCHRONICLE_JIT=OFF: valgrind takes PCRE2 JIT code's 16-byte reads for errors.
# Usage: CHRONICLE=build/chronicle tests/valgrind/run.sh
set -u
: "${CHRONICLE:?set CHRONICLE to the chronicle binary}"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
command -v valgrind >/dev/null || { echo "valgrind not found (apt-get install valgrind, or make valgrind as root)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chronicle-valgrind.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
n=0

# vg NAME WANT_EXIT ARGS...: chronicle ARGS under memcheck (stdin from $STDIN or /dev/null)
vg() {
    local name=$1 want=$2 start=$SECONDS
    shift 2
    n=$((n + 1))
    valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect --track-origins=yes -q --log-file="$tmp/vg.$n" \
        "$CHRONICLE" "$@" <"${STDIN:-/dev/null}" >"$tmp/out.$n" 2>"$tmp/err.$n"
    local rc=$?
    if [ "$rc" = 99 ] || [ -s "$tmp/vg.$n" ]; then
        echo "FAIL: $name: valgrind found errors:" >&2
        cat "$tmp/vg.$n" >&2
        fails=$((fails + 1))
    elif [ "$rc" != "$want" ]; then
        echo "FAIL: $name: exit $rc, expected $want: $(head -c 300 "$tmp/err.$n")" >&2
        fails=$((fails + 1))
    else
        echo "ok: $name (exit $rc, $((SECONDS - start)) s)"
    fi
}

sample=$SRC/samples/kerry-iran-2014-12-03.txt

vg "extract, sample article" 0 extract "$sample"

{
    echo '{"id": "a", "text": "Talks resumed on Monday and will go on until March.", "date": "2014-12-03"}'
    echo '{"id": "b", "text": "Talks resumed on Monday.", "date": '
    echo '{"id": "c", "text": "The deal was signed three days ago.", "date": 1417640280}'
} >"$tmp/stream.jsonl"
vg "extract, JSON Lines with a bad record" 1 extract "$tmp/stream.jsonl"
vg "extract -j 2, the same stream" 1 extract -j 2 "$tmp/stream.jsonl"
cmp -s "$tmp/out.$((n - 1))" "$tmp/out.$n" || { echo "FAIL: extract -j 2: output differs from one thread" >&2; fails=$((fails + 1)); }

cat >"$tmp/in.tml" <<'TML'
<?xml version="1.0" ?>
<TimeML>
<DOCID>vg_1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-12-03" temporalFunction="false" functionInDocument="CREATION_TIME">December 3, 2014</TIMEX3></DCT>
<TEXT>
WASHINGTON --  The talks resumed on Monday night &amp; will go on until March. Officials said last week that a deal was close.
</TEXT>
</TimeML>
TML
vg "extract, TimeML in and out" 0 extract --format timeml -o "$tmp/out.tml" "$tmp/in.tml"
vg "extract, the TimeML written read again" 0 extract "$tmp/out.tml"

vg "timeline, text" 0 timeline --format text "$sample"
vg "timeline, JSON" 0 timeline "$sample"
vg "compare, JSON" 0 compare --format json "$SRC/samples/jobs-2011"
vg "compare, text" 0 compare --format text --all "$SRC/samples/jobs-2011"
vg "render --script-only, entity lanes" 0 render --script-only --lanes entity -o "$tmp/chart" "$SRC/samples/kerry-iran-2014-12-03.timeline.json"
vg "render --script-only, density" 0 render --script-only --density week -o "$tmp/dens" "$SRC/tests/render/two-articles.timeline.json"
CHRONICLE_GNUPLOT=$tmp/no/gnuplot vg "render, gnuplot missing" 6 render -o "$tmp/nognuplot.png" "$SRC/tests/render/two-articles.timeline.json"

mkdir "$tmp/gold"
for i in 1 2; do
    cat >"$tmp/gold/doc$i.tml" <<TML
<?xml version="1.0" ?>
<TimeML>
<DOCID>gold_$i</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-12-0$i" temporalFunction="false" functionInDocument="CREATION_TIME">December $i, 2014</TIMEX3></DCT>
<TEXT>
The ministers <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2014-11-24">last week</TIMEX3> and <EVENT eid="e2" class="OCCURRENCE">agreed</EVENT> to talk again in <TIMEX3 tid="t2" type="DATE" value="2015-03">March</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
</TimeML>
TML
done
vg "eval, two-file corpus" 0 eval "$tmp/gold"
vg "eval --json --errors" 0 eval --json --errors "$tmp/gold"

vg "rules check" 0 rules check

# error paths: each frees what it had when it gives up
printf 'Talks resumed on Monday \xff.\n' >"$tmp/latin.txt"
vg "invalid UTF-8" 3 extract "$tmp/latin.txt"
vg "unwritable -o" 5 extract --dct 2014-12-03 -o "$tmp/no/such/dir/out.json" "$sample"
mkdir "$tmp/badrules"
printf 'rule year\n  pattern (?<y>[0-9]{4}\n  type DATE\n  value {y}\n' >"$tmp/badrules/bad.rules"
vg "rule file with a bad pattern" 4 extract --dct 2014-12-03 --rules "$tmp/badrules" "$sample"
vg "impossible --dct" 2 extract --dct 2014-02-30 "$sample"

if [ "$fails" -ne 0 ]; then
    echo "valgrind: $fails of $n runs failed" >&2
    exit 1
fi
echo "valgrind: $n runs, no memory error, no leak"
