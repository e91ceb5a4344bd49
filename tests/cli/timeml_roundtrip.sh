#!/usr/bin/env bash
# timeml_roundtrip.sh: TimeML in, TimeML out: with tags stripped, the TEXT of the output is byte for
# byte the TEXT of the input, and everything outside TEXT is unchanged but for the MAKEINSTANCE and
# TLINK lines of our events right after </TEXT> (each of which must name an event or timex we wrote). Uses a TE3 platinum input
# file when the corpora are there, else a small inline document.
. "$(dirname "$0")/lib.sh"

# The content of the TEXT element, tags removed. The file is read whole (-z: no NUL in TimeML).
text_of() { sed -z -e 's/^.*<TEXT>//' -e 's/<\/TEXT>.*$//' -e 's/<[^>]*>//g' "$1"; }
# Everything but the TEXT element's content.
outside_of() { sed -z -e 's/<TEXT>.*<\/TEXT>/<TEXT><\/TEXT>/' "$1"; }
# our links: the lines that are a MAKEINSTANCE or TLINK tag, dropped to compare the rest
without_links() { grep -Ev '^<(MAKEINSTANCE|TLINK) [^>]*/>$' "$1"; }

inputs=()
if [ -d "$CORPORA/te3-platinum-input" ]; then
    for f in "$CORPORA"/te3-platinum-input/*.TE3input; do
        inputs+=("$f")
        [ "${#inputs[@]}" -ge 3 ] && break
    done
else
    echo "note: corpora not found at $CORPORA; using an inline TimeML document"
fi
cat >"$tmp/inline.tml" <<'TML'
<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>inline_1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-12-03" temporalFunction="false" functionInDocument="CREATION_TIME">December 3, 2014</TIMEX3></DCT>
<TEXT>
WASHINGTON --  The talks resumed on Monday night &amp; will go on until March.

	Officials said last week that a deal was   "close" since 1979 &lt;sic&gt;.
</TEXT>
</TimeML>
TML
inputs+=("$tmp/inline.tml")

for f in "${inputs[@]}"; do
    name=$(basename "$f")
    "$CHRONICLE" extract --format timeml "$f" >"$tmp/out.tml" 2>"$tmp/err"
    rc=$?
    if [ "$rc" != 0 ]; then
        fail "$name: exit $rc: $(cat "$tmp/err")"
        continue
    fi
    text_of "$f" >"$tmp/in.text"
    text_of "$tmp/out.tml" >"$tmp/out.text"
    cmp -s "$tmp/in.text" "$tmp/out.text" || fail "$name: TEXT differs after stripping tags: $(diff "$tmp/in.text" "$tmp/out.text" | head -5)"
    outside_of "$f" >"$tmp/in.outside"
    outside_of "$tmp/out.tml" >"$tmp/out.outside.all"
    without_links "$tmp/out.outside.all" >"$tmp/out.outside"
    cmp -s "$tmp/in.outside" "$tmp/out.outside" || fail "$name: outside TEXT differs: $(diff "$tmp/in.outside" "$tmp/out.outside" | head -5)"
    # every TLINK points at an instance we made and a timex we tagged (or t0)
    for l in $(grep -o 'eventInstanceID="ei[0-9]*" relatedToTime="t[0-9]*"' "$tmp/out.tml" | tr ' ' ','); do
        ei=$(echo "$l" | sed 's/eventInstanceID="\([^"]*\)".*/\1/')
        tid=$(echo "$l" | sed 's/.*relatedToTime="\([^"]*\)"/\1/')
        grep -q "eiid=\"$ei\"" "$tmp/out.tml" || fail "$name: TLINK to a missing instance $ei"
        [ "$tid" = t0 ] || grep -q "<TIMEX3 tid=\"$tid\"" "$tmp/out.tml" || fail "$name: TLINK to a missing timex $tid"
    done
    # The inline document has four obvious expressions besides its DCT.
    n=$(grep -o '<TIMEX3 ' "$tmp/out.tml" | wc -l)
    if [ "$name" = inline.tml ] && [ "$n" -lt 4 ]; then
        fail "$name: only $n TIMEX3 tags in the output (DCT included)"
    fi
    # Reading our own output again gives the same output.
    "$CHRONICLE" extract --format timeml "$tmp/out.tml" >"$tmp/again.tml" 2>/dev/null
    cmp -s "$tmp/out.tml" "$tmp/again.tml" || fail "$name: extracting from our own TimeML output changes it"
done

# Plain text to TimeML: the TEXT holds the input text unchanged.
printf 'The talks resumed on Monday & ended <quietly> on Tuesday.\n' >"$tmp/plain.txt"
"$CHRONICLE" extract --format timeml --dct 2014-12-03 "$tmp/plain.txt" >"$tmp/plain.tml" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "plain text to TimeML: exit $rc: $(cat "$tmp/err")"
grep -q '<TEXT>' "$tmp/plain.tml" || fail "plain text to TimeML: no TEXT element"
text_of "$tmp/plain.tml" | sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' >"$tmp/plain.back"
cmp -s "$tmp/plain.txt" "$tmp/plain.back" || fail "plain text to TimeML: text changed: $(cat "$tmp/plain.back")"

# A link tag whose attribute value holds a '>' (legal XML) is replaced whole: the output reads again
# (found by fuzz_timeml; fuzz/seeds/timeml-crash-quoted-gt.tml).
cat >"$tmp/gt.tml" <<'TML'
<?xml version="1.0" ?>
<TimeML>
<DOCID>gt</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-12-03" functionInDocument="CREATION_TIME">December 3, 2014</TIMEX3></DCT>
<TEXT>
Kerry said on Wednesday that the talks had collapsed.
</TEXT>
<TLINK lid="l1" relType="BEFORE>QQQ" eventInstanceID="ei1" relatedToTime="t1"/>
</TimeML>
TML
"$CHRONICLE" extract --format timeml "$tmp/gt.tml" >"$tmp/gt.out.tml" 2>"$tmp/err" || fail "quoted '>': exit $?: $(cat "$tmp/err")"
grep -q 'QQQ' "$tmp/gt.out.tml" && fail "quoted '>': the old link, or a piece of it, is still there"
"$CHRONICLE" extract --format timeml "$tmp/gt.out.tml" >/dev/null 2>"$tmp/err" ||
    fail "quoted '>': our output does not read again: $(cat "$tmp/err")"

# "</TEXT\n>" is a closing tag too (XML allows blanks before '>'): our links go after it, not inside TEXT
# (found by fuzz_timeml; fuzz/seeds/timeml-crash-text-close.tml).
printf '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>close</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2014-12-03">December 3, 2014</TIMEX3></DCT>\n<TEXT>\nKerry said on Wednesday that the talks had collapsed.\n</TEXT\n>\n</TimeML>\n' >"$tmp/close.tml"
"$CHRONICLE" extract --format timeml "$tmp/close.tml" >"$tmp/close.out.tml" 2>"$tmp/err" || fail "</TEXT> with a blank: exit $?: $(cat "$tmp/err")"
grep -q '<MAKEINSTANCE' "$tmp/close.out.tml" || fail "</TEXT> with a blank: no MAKEINSTANCE written"
sed -n '/<TEXT>/,/<\/TEXT/p' "$tmp/close.out.tml" | grep -q '<MAKEINSTANCE\|<TLINK' &&
    fail "</TEXT> with a blank: links written inside TEXT"

# A declaration after TEXT that only closes at the '>' of an old link tag is one token: the link inside it
# is not cut out of it (found by fuzz_timeml; fuzz/seeds/timeml-crash-unclosed-decl.tml).
printf '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>decl</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2014-12-03">December 3, 2014</TIMEX3></DCT>\n<TEXT>\nKerry said on Wednesday that the talks had collapsed.\n</TEXT>\n<!X <MAKEINSTANCE eventID="e9" eiid="ei9" tense="PAST"/>\n</TimeML>\n' >"$tmp/decl.tml"
"$CHRONICLE" extract --format timeml "$tmp/decl.tml" >"$tmp/decl.out.tml" 2>"$tmp/err" || fail "declaration: exit $?: $(cat "$tmp/err")"
"$CHRONICLE" extract --format timeml "$tmp/decl.out.tml" >/dev/null 2>"$tmp/err" ||
    fail "declaration: our output does not read again: $(cat "$tmp/err")"

# A time expression that crosses an element of the input ("<X>on Monday</X> night": X starts before it
# and ends inside it) cannot nest: it is left out of the TimeML, which still reads (found by fuzz_timeml;
# fuzz/seeds/timeml-crash-crossing.tml); the JSON keeps it.
printf '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>cross</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2014-12-03">December 3, 2014</TIMEX3></DCT>\n<TEXT>\nThe talks <X>ended on Monday</X> night, and <Y>resumed</Y> on Tuesday.\n</TEXT>\n</TimeML>\n' >"$tmp/cross.tml"
"$CHRONICLE" extract --format timeml "$tmp/cross.tml" >"$tmp/cross.out.tml" 2>"$tmp/err" || fail "crossing: exit $?: $(cat "$tmp/err")"
"$CHRONICLE" extract --format timeml "$tmp/cross.out.tml" >/dev/null 2>"$tmp/err" ||
    fail "crossing: our output does not read again: $(cat "$tmp/err")"
grep -q '<TIMEX3[^>]*value="2014-12-02">Tuesday</TIMEX3>' "$tmp/cross.out.tml" ||
    fail "crossing: the time expression that nests (Tuesday) is not written"
"$CHRONICLE" extract --format json "$tmp/cross.tml" | grep -q '"text": "Monday night"' ||
    fail "crossing: the JSON lost \"Monday night\""

# A span that a CDATA section or an entity already carried the text past stays an empty element: the
# writer did a copy of a negative size there (found by fuzz_timeml under ASan; make asan runs this).
seed=$SRC/fuzz/seeds/timeml-crash-cdata-span.tml
"$CHRONICLE" extract --format timeml "$seed" >"$tmp/cdata.out.tml" 2>"$tmp/err" || fail "CDATA span: exit $?: $(cat "$tmp/err")"
"$CHRONICLE" extract --format timeml "$tmp/cdata.out.tml" >/dev/null 2>"$tmp/err" ||
    fail "CDATA span: our output does not read again: $(cat "$tmp/err")"

finish "timeml_roundtrip: ${#inputs[@]} documents, all checks passed"
