#!/usr/bin/env bash
# jobs.sh: `extract -j N` gives what one thread gives, byte for byte: the same output lines in input order
# (error records of bad JSON Lines records in their places), the same lines on stderr (the one no-DCT
# warning, a line per bad record, in order) and the same exit code; -j 0, junk or too many threads are
# usage errors; a stream through a pipe is answered record by record, before the input ends; a record
# over 64 MiB is an error record in its place.
. "$(dirname "$0")/lib.sh"

# A stream of 60 records, more than the ring holds (4 per thread): good ones, bad ones of every kind,
# blank lines, a record without a date (the warning), ids given and not.
for i in $(seq 1 6); do
    echo "{\"id\": \"a$i\", \"text\": \"Talks resumed on Monday, $i days after the strike.\", \"date\": \"2014-12-03\"}"
    echo '{"id": "b", "text": "Talks resumed on Monday.", "date": '
    echo ''
    echo '{"id": "c", "headline": "no text here", "date": "2014-12-03"}'
    echo "{\"text\": \"Officials said last month that the plan failed in 1979.\", \"date\": \"2015-0$i-11\"}"
    echo '{"id": "d", "text": "Talks resumed on Monday.", "date": "2014-02-30"}'
    printf '{"id": "e", "text": "Talks resumed \xff on Monday.", "date": "2014-12-03"}\n'
    echo "{\"id\": \"n$i\", \"text\": \"Kerry said on Wednesday that he met them next week.\"}"
    echo '   '
    echo "{\"id\": \"f$i\", \"text\": \"The deal expires at the end of March 2015; he left in May.\", \"date\": 1417640280}"
    echo '{"id": "g", "text": 42}'
    echo "{\"id\": \"h$i\", \"text\": \"Every Tuesday since 2001 the markets closed early for three years.\", \"dct\": \"2014-12-03T20:58-05:00\"}"
done >"$tmp/mixed.jsonl"

"$CHRONICLE" extract "$tmp/mixed.jsonl" >"$tmp/out1" 2>"$tmp/err1"
rc1=$?
[ "$rc1" = 1 ] || fail "-j 1: exit $rc1, expected 1"
[ "$(wc -l <"$tmp/out1")" = 60 ] || fail "-j 1: $(wc -l <"$tmp/out1") lines, expected 60"
grep -q 'warning: no document date' "$tmp/err1" || fail "-j 1: no warning: $(head -3 "$tmp/err1")"
for j in 2 3 8; do
    "$CHRONICLE" extract -j "$j" "$tmp/mixed.jsonl" >"$tmp/out$j" 2>"$tmp/err$j"
    rc=$?
    [ "$rc" = "$rc1" ] || fail "-j $j: exit $rc, -j 1 gave $rc1"
    cmp -s "$tmp/out1" "$tmp/out$j" || fail "-j $j: output differs from -j 1: $(diff "$tmp/out1" "$tmp/out$j" | head -5)"
    cmp -s "$tmp/err1" "$tmp/err$j" || fail "-j $j: stderr differs from -j 1: $(diff "$tmp/err1" "$tmp/err$j" | head -5)"
done

# The same from stdin, with --jobs=2, -j2, and TimeML output.
STDIN="$tmp/mixed.jsonl" check "stdin --jobs=2" 1 "" "$CHRONICLE" extract --jobs=2
cp "$tmp/out" "$tmp/outs2"
STDIN="$tmp/mixed.jsonl" check "stdin -j 1" 1 "" "$CHRONICLE" extract
cmp -s "$tmp/out" "$tmp/outs2" || fail "stdin --jobs=2: output differs from one thread"
"$CHRONICLE" extract --format timeml "$tmp/mixed.jsonl" >"$tmp/tml1" 2>/dev/null
"$CHRONICLE" extract -j2 --format timeml "$tmp/mixed.jsonl" >"$tmp/tml2" 2>/dev/null
[ -s "$tmp/tml1" ] && cmp -s "$tmp/tml1" "$tmp/tml2" || fail "-j2 --format timeml differs from one thread"

# -o FILE with threads: the same file.
"$CHRONICLE" extract -j 2 -o "$tmp/o2.jsonl" "$tmp/mixed.jsonl" 2>/dev/null
cmp -s "$tmp/out1" "$tmp/o2.jsonl" || fail "-j 2 -o: file differs from -j 1"

# Whole documents (text, TimeML) are read one after the other: -j changes nothing.
"$CHRONICLE" extract "$SRC/samples/kerry-iran-2014-12-03.txt" >"$tmp/k1"
"$CHRONICLE" extract -j 2 "$SRC/samples/kerry-iran-2014-12-03.txt" >"$tmp/k2"
cmp -s "$tmp/k1" "$tmp/k2" || fail "-j 2 on a text file differs"

# Bad values: usage errors.
check "-j 0" 2 '^chronicle: -j 0: expected a number of threads from 1 to 256$' "$CHRONICLE" extract -j 0 "$tmp/mixed.jsonl"
check "-j junk" 2 '^chronicle: -j x2: expected a number' "$CHRONICLE" extract -j x2 "$tmp/mixed.jsonl"
check "-j -1" 2 'expected a number' "$CHRONICLE" extract -j -1 "$tmp/mixed.jsonl"
check "-j 2.5" 2 'expected a number' "$CHRONICLE" extract --jobs 2.5 "$tmp/mixed.jsonl"
check "-j 257" 2 'expected a number' "$CHRONICLE" extract -j 257 "$tmp/mixed.jsonl"
check "--jobs=" 2 'expected a number' "$CHRONICLE" extract --jobs= "$tmp/mixed.jsonl"
check "-j without value" 2 'needs a value' "$CHRONICLE" extract -j

# A pipe: the answer to a record comes before the input ends (the threads do not wait for more).
mkfifo "$tmp/in" "$tmp/out.fifo"
"$CHRONICLE" extract -j 2 --input jsonl <"$tmp/in" >"$tmp/out.fifo" 2>/dev/null &
pid=$!
exec {to}>"$tmp/in" {from}<"$tmp/out.fifo"
echo '{"id": "p1", "text": "Talks resumed on Monday.", "date": "2014-12-03"}' >&"$to"
if read -r -t 20 answer <&"$from"; then
    case $answer in '{"id":"p1",'*'"2014-12-01"'*) ;; *) fail "pipe: unexpected answer: $answer" ;; esac
    echo '{"id": "p2", "text": "He left last year.", "date": "2014-12-03"}' >&"$to"
    read -r -t 20 answer <&"$from" || fail "pipe: no answer to the second record"
    case $answer in '{"id":"p2",'*'"2013"'*) ;; *) fail "pipe: unexpected second answer: $answer" ;; esac
else
    fail "pipe: no answer within 20 s while the input stays open"
fi
exec {to}>&-
wait "$pid" || fail "pipe: exit $?"
exec {from}<&-

# A record over 64 MiB between two good ones: an error record in its place.
{
    echo '{"id": "x1", "text": "Talks resumed on Monday.", "date": "2014-12-03"}'
    printf '{"text": "'
    head -c $((65 * 1024 * 1024)) /dev/zero | tr '\0' 'a'
    echo '"}'
    echo '{"id": "x3", "text": "Talks resumed on Monday.", "date": "2014-12-03"}'
} >"$tmp/big.jsonl"
"$CHRONICLE" extract -j 2 "$tmp/big.jsonl" >"$tmp/bigout" 2>"$tmp/bigerr"
rc=$?
[ "$rc" = 1 ] || fail "big record: exit $rc, expected 1"
[ "$(sed -n 2p "$tmp/bigout")" = '{"line":2,"error":"record too big (over 64 MiB)"}' ] ||
    fail "big record: line 2 is $(sed -n 2p "$tmp/bigout" | head -c 200)"
sed -n 3p "$tmp/bigout" | grep -q '^{"id":"x3",' || fail "big record: line 3 is $(sed -n 3p "$tmp/bigout" | head -c 200)"
rm -f "$tmp/big.jsonl"

finish "extract -j N: same bytes as one thread, in order; bad -j values refused; pipes answered at once"
