#!/usr/bin/env bash
# render.sh: `chronicle render`: the golden gnuplot scripts and data of the samples (--script-only, the
# same bytes every run), usage and input errors, gnuplot missing (exit 6, script and data still written),
# gnuplot failing or hanging (exit 7, its error line; nothing left behind), and, with gnuplot installed,
# real charts: the PNG has the signature and the size asked for, the SVG holds the labels and lane
# names, the PDF has a page, and a label made to break out of gnuplot's quoting is shown as text.
# Update the goldens only when a change is meant:
#   (cd tests/render && ../../build/chronicle render --script-only -o kerry-iran-2014-12-03 \
#        ../../samples/kerry-iran-2014-12-03.timeline.json)      # and the three others below
. "$(dirname "$0")/lib.sh"

R=$SRC/tests/render
sample=$SRC/samples/kerry-iran-2014-12-03.timeline.json
two=$R/two-articles.timeline.json
cd "$tmp" || exit 1

# --- golden scripts and data ------------------------------------------------------------------------------
golden() { # golden NAME ARGS...: render --script-only -o NAME ARGS, compare NAME.gp and NAME.tsv
    local name=$1
    shift
    if ! "$CHRONICLE" render --script-only -o "$name" "$@" 2>"$tmp/err"; then
        fail "golden $name: exit $?: $(cat "$tmp/err")"
        return
    fi
    local stem=${name%.*}
    for ext in gp tsv; do
        if ! diff -u "$R/$stem.$ext" "$stem.$ext" >&2; then
            fail "golden $name: $stem.$ext differs from tests/render/$stem.$ext"
        fi
    done
}
golden kerry-iran-2014-12-03 "$sample"
golden two-articles-article.svg --lanes article "$two"
golden two-articles-entity.pdf --lanes entity "$two"
golden kerry-density-week --density week "$sample"
golden two-articles-density --density week --lanes article "$two" # stacked by article, lane names in the data
grep -q "^set terminal svg " two-articles-article.gp || fail "an .svg output does not set the svg terminal"
grep -q "^set terminal pdfcairo " two-articles-entity.gp || fail "a .pdf output does not set pdfcairo"
# no article text in any script
for gp in *.gp; do
    if grep -Eq "Kirby|Kerry|officials|wire-a|relations" "$gp"; then
        fail "$gp holds article text"
    fi
done
# the same input, the same bytes; straight from the article too
"$CHRONICLE" render --script-only -o again "$sample" && cmp -s again.tsv kerry-iran-2014-12-03.tsv ||
    fail "two runs give different data"
"$CHRONICLE" render --script-only -o fromtext "$SRC/samples/kerry-iran-2014-12-03.txt" &&
    cmp -s fromtext.tsv kerry-iran-2014-12-03.tsv || fail "the article and its timeline JSON give different data"
STDIN=$sample check "timeline on stdin" 0 "" "$CHRONICLE" render --input timeline --script-only -o stdin -
cmp -s stdin.tsv kerry-iran-2014-12-03.tsv || fail "the timeline on stdin gives different data"
# a directory stands for the articles under it, as for timeline and compare
"$CHRONICLE" render --script-only -o story-dir "$SRC/samples/jobs-2011" ||
    fail "a directory of articles: exit $?"
"$CHRONICLE" render --script-only -o story-files "$SRC"/samples/jobs-2011/*.txt &&
    cmp -s story-dir.tsv story-files.tsv || fail "a directory and its files give different data"

# --- usage and input errors -------------------------------------------------------------------------------
check "no -o" 2 "-o OUT is needed" "$CHRONICLE" render "$sample"
check "unknown extension" 2 "extension gives the format" "$CHRONICLE" render -o x.jpg "$sample"
check "bad --lanes" 2 "expected article, entity or none" "$CHRONICLE" render --lanes doc -o x.png "$sample"
check "bad --density" 2 "expected day, week or month" "$CHRONICLE" render --density year -o x.png "$sample"
check "bad --from" 2 "--from 2014-02-30" "$CHRONICLE" render --from 2014-02-30 -o x.png "$sample"
check "--from after --to" 2 "after --to" "$CHRONICLE" render --from 2015 --to 2014 -o x.png "$sample"
check "bad --size" 2 "WIDTHxHEIGHT" "$CHRONICLE" render --size 10x10 -o x.png "$sample"
check "bad --timeout" 2 "--timeout" "$CHRONICLE" render --timeout 0 -o x.png "$sample"
check "title with a line break" 2 "control characters" "$CHRONICLE" render --title $'a\nb' -o x.png "$sample"
echo '{"version": 9, "entries": []}' >v9.json
check "unknown version" 3 "v9.json: timeline version 9" "$CHRONICLE" render --script-only -o x v9.json
echo '{"version": 1, "entries": [{"begin": "2014-13-01", "end": null}]}' >baddate.json
check "bad date" 3 "entries\[0\]\.begin: not an ISO date" "$CHRONICLE" render --script-only -o x baddate.json
check "window with nothing" 3 "nothing to draw" "$CHRONICLE" render --from 2020 --script-only -o x "$sample"
check "missing file" 3 "nope.json: cannot read" "$CHRONICLE" render --script-only -o x nope.json
[ ! -e x.gp ] && [ ! -e x.tsv ] || fail "a failed render left x.gp or x.tsv"
check "help" 0 "" "$CHRONICLE" render --help
grep -q "7 gnuplot failed" "$tmp/out" || fail "render --help does not list the exit codes"

# --- gnuplot missing, failing, hanging ----------------------------------------------------------------------
CHRONICLE_GNUPLOT=$tmp/no/gnuplot check "gnuplot missing" 6 "apt-get install gnuplot-nox.*wrote missing.gp" \
    "$CHRONICLE" render -o missing.png "$sample"
[ -s missing.gp ] && [ -s missing.tsv ] || fail "gnuplot missing: missing.gp and missing.tsv not written"
[ ! -e missing.png ] || fail "gnuplot missing: missing.png written"
printf '#!/bin/sh\necho "set output" >&2\necho "         \\"x.gp\\" line 7: unknown thing" >&2\nexit 1\n' >fail.sh
printf '#!/bin/sh\nsleep 30\n' >hang.sh
chmod +x fail.sh hang.sh
CHRONICLE_GNUPLOT=$tmp/fail.sh check "gnuplot fails" 7 "^chronicle: gnuplot: .x.gp. line 7: unknown thing$" \
    "$CHRONICLE" render -o failed.png "$sample"
start=$(date +%s)
CHRONICLE_GNUPLOT=$tmp/hang.sh check "gnuplot hangs" 7 "no result after 1 s" \
    "$CHRONICLE" render --timeout 1 -o hung.png "$sample"
[ $(($(date +%s) - start)) -lt 10 ] || fail "the time limit did not stop gnuplot"
leftover=$(ls -A | grep -E '^\.chronicle-|^failed|^hung' || true)
[ -z "$leftover" ] || fail "a failed render left files: $leftover"

# --- real charts -------------------------------------------------------------------------------------------
if ! command -v gnuplot >/dev/null; then
    echo "gnuplot not installed: real charts skipped (make deps installs gnuplot-nox)" >&2
    finish "render: goldens, errors and the gnuplot runner ok (no real charts)"
fi
check "png" 0 "" "$CHRONICLE" render --size 800x500 -o kerry.png "$sample"
python3 - kerry.png 800 500 <<'PY' || fail "kerry.png is no 800x500 PNG"
import struct, sys
b = open(sys.argv[1], "rb").read(32)
assert b[:8] == b"\x89PNG\r\n\x1a\n" and b[12:16] == b"IHDR", "no PNG signature"
w, h = struct.unpack(">II", b[16:24])
assert (w, h) == (int(sys.argv[2]), int(sys.argv[3])), (w, h)
PY
check "svg" 0 "" "$CHRONICLE" render --lanes article -o two.svg "$two"
for want in wire-a.txt paper-b.txt "Kirby confirmed the airstrikes on" "since ... (open: drawn to the article date)"; do
    grep -qF "$want" two.svg || fail "two.svg does not hold '$want'"
done
check "pdf" 0 "" "$CHRONICLE" render --lanes entity -o two.pdf "$two"
head -c 5 two.pdf | grep -q '%PDF-' && grep -aq '/Type /Page' two.pdf || fail "two.pdf has no page"
check "density" 0 "" "$CHRONICLE" render --density month -o dens.png "$sample"
check "stacked density" 0 "" "$CHRONICLE" render --density week --lanes article -o dens.svg "$two"
for want in wire-a.txt paper-b.txt; do # the key names the lanes, from the data
    grep -qF "$want" dens.svg || fail "dens.svg does not name the lane '$want'"
done
check "from articles" 0 "" "$CHRONICLE" render --lanes entity -o article.svg "$SRC/samples/kerry-iran-2014-12-03.txt"
grep -qF "Kerry" article.svg || fail "article.svg does not name the Kerry lane"

# a label made to break out of quoting is shown as text, and runs nothing
cat >evil.json <<'JSON'
{"version": 1, "documents": [{"id": "x');system('touch pwned-id');print('", "dct": null}],
 "entries": [{"begin": "2014-12-01", "end": "2014-12-01", "flags": [], "actor": "`touch pwned-actor`",
  "summary": "'\"); system(\"touch pwned\") #", "sources": [{"document": "x');system('touch pwned-id');print('"}]},
  {"begin": "2014-12-02", "end": "2014-12-02", "flags": [], "actor": null,
  "summary": "{/Symbol a} @^x_y `touch pwned2`", "sources": [{"document": "b"}]}],
 "undated": []}
JSON
check "hostile labels" 0 "" "$CHRONICLE" render --lanes article -o evil.svg evil.json
ls pwned* >/dev/null 2>&1 && fail "a label ran a command: $(ls pwned*)"
grep -qF "system('touch pwned') #" evil.svg || fail "evil.svg does not show the hostile label as text"
grep -qF '{/Symbol a} @^x_y `touch pwned2`' evil.svg || fail "enhanced-text markup was not shown as written"
check "hostile lanes" 0 "" "$CHRONICLE" render --lanes entity -o evil2.svg evil.json
grep -qF '`touch pwned-actor`' evil2.svg || fail "evil2.svg does not show the hostile actor as text"
check "hostile lanes, stacked" 0 "" "$CHRONICLE" render --lanes article --density day -o evil3.svg evil.json
grep -qF "x');system('touch pwned-" evil3.svg || fail "evil3.svg does not show the hostile lane name as text"
ls pwned* >/dev/null 2>&1 && fail "a lane name ran a command: $(ls pwned*)"

finish "render: goldens, errors, gnuplot runner and real PNG, SVG and PDF charts ok"
