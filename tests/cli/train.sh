#!/usr/bin/env bash
# train.sh: `chronicle train-events`: a model from one gold document, the same bytes every time, loadable
# (`extract --rules`); --runs and --wordnet, and their errors (exit 2 for a bad number, 3 for a directory
# that is not WordNet's). With WordNet installed (/usr/share/wordnet, Debian's wordnet-base), the model
# carries its word lexicon.
. "$(dirname "$0")/lib.sh"

cat >"$tmp/d.tml" <<'TML'
<?xml version="1.0" ?>
<TimeML>
<DOCID>d1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-12-03" functionInDocument="CREATION_TIME">Dec 3</TIMEX3></DCT>
<TEXT>
Rebels <EVENT eid="e1" class="OCCURRENCE">attacked</EVENT> the town on <TIMEX3 tid="t1" type="DATE" value="2014-12-01">Monday</TIMEX3>, officials <EVENT eid="e2" class="REPORTING">said</EVENT>.
</TEXT>
</TimeML>
TML

check "train" 0 '' "$CHRONICLE" train-events --epochs 3 --runs 2 -o "$tmp/a.model" "$tmp/d.tml"
check "train again" 0 '' "$CHRONICLE" train-events --epochs 3 --runs 2 -o "$tmp/b.model" "$tmp/d.tml"
cmp -s "$tmp/a.model" "$tmp/b.model" || fail "two trainings on the same file differ"
grep -q '^# averaged perceptron, 3 epochs, 2 runs averaged' "$tmp/a.model" || fail "no header with the runs"
grep -q '^wn	' "$tmp/a.model" && fail "a lexicon without --wordnet"
check "one run" 0 '' "$CHRONICLE" train-events --epochs 3 --runs 1 -o "$tmp/c.model" "$tmp/d.tml"
cmp -s "$tmp/a.model" "$tmp/c.model" && fail "--runs 2 and --runs 1 give the same model"
mkdir "$tmp/rules"
cp "$tmp/a.model" "$tmp/rules/events.model"
for r in "$SRC"/extract/rules/en/*.rules; do cp "$r" "$tmp/rules/"; done
printf 'Rebels attacked the town on Monday, officials said.\n' >"$tmp/t.txt"
check "extract with the model" 0 '' "$CHRONICLE" extract --rules "$tmp/rules" --dct 2014-12-03 "$tmp/t.txt"
grep -q '"text": *"said"' "$tmp/out" || fail "the trained model does not find 'said'"

check "--runs 0" 2 '^chronicle: train-events: --runs wants a number from 1 to 100, not "0"' \
    "$CHRONICLE" train-events --runs 0 -o "$tmp/x.model" "$tmp/d.tml"
check "--runs x" 2 '--runs wants a number' "$CHRONICLE" train-events --runs x -o "$tmp/x.model" "$tmp/d.tml"
check "--epochs 0" 2 '--epochs wants a number from 1 to 1000' \
    "$CHRONICLE" train-events --epochs 0 -o "$tmp/x.model" "$tmp/d.tml"
check "--wordnet not WordNet" 3 '^chronicle: train-events: --wordnet: cannot open .*index.noun' \
    "$CHRONICLE" train-events --wordnet "$tmp" -o "$tmp/x.model" "$tmp/d.tml"
[ -e "$tmp/x.model" ] && fail "a failed training left a model"

if [ -f /usr/share/wordnet/index.noun ]; then
    check "--wordnet" 0 '' "$CHRONICLE" train-events --epochs 3 --runs 1 --wordnet /usr/share/wordnet \
        -o "$tmp/w.model" "$tmp/d.tml"
    grep -q '^wn	attack	4	33	' "$tmp/w.model" || fail "--wordnet: no record of 'attack'"
    grep -q '^f	wv=' "$tmp/w.model" || fail "--wordnet: no WordNet feature"
else
    echo "SKIP: --wordnet with WordNet: /usr/share/wordnet not installed (apt-get install wordnet-base)"
fi
finish "train-events: all checks passed"
