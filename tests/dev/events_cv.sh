#!/bin/sh
# events_cv.sh: k-fold cross-validation of the event model on a gold TimeML corpus (a development
# measurement, not a test: CMake does not run it). Prints the event figures of `chronicle eval`
# micro-averaged over the folds.
#
#   tests/dev/events_cv.sh [-k FOLDS] [-e EPOCHS] [-b CHRONICLE] [-w WORDNET_DIR|none] [CORPUS]
#
# The *.tml files of CORPUS (default ../shared/corpora/tbaq, or $CHRONICLE_CORPORA/tbaq) are sorted by
# path (LC_ALL=C, as chronicle sorts them); fold f tests on the files whose index mod FOLDS (default 5)
# is f and trains (`chronicle train-events --epochs EPOCHS --wordnet DIR`: 10 epochs and /usr/share/wordnet
# when it exists by default, as the shipped model; -w none: no WordNet lexicon) on the others. Each fold is
# scored by `chronicle eval --json --rules DIR`, DIR holding the built-in rule files and the fold's
# model. The figures printed are summed over the folds: relaxed and strict P, R, F1, class F1 and accuracy, tense,
# aspect and polarity accuracy, event dating (the README's "TBAQ, 5-fold" row), and the temporal awareness of
# event-time links (P and R over the summed link counts). Needs python3 for the sums.
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
k=5
epochs=10
bin=$SRC/build/chronicle
wordnet=/usr/share/wordnet
[ -d "$wordnet" ] || wordnet=none
while getopts k:e:b:w: o; do
    case $o in
    k) k=$OPTARG ;;
    e) epochs=$OPTARG ;;
    b) bin=$OPTARG ;;
    w) wordnet=$OPTARG ;;
    *) echo "usage: $0 [-k FOLDS] [-e EPOCHS] [-b CHRONICLE] [-w WORDNET_DIR|none] [CORPUS]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
corpus=${1:-${CHRONICLE_CORPORA:-$SRC/../shared/corpora}/tbaq}
[ -d "$corpus" ] || { echo "$0: no corpus at $corpus" >&2; exit 2; }
[ -x "$bin" ] || { echo "$0: no chronicle at $bin (make build)" >&2; exit 2; }
wn_opt=
[ "$wordnet" = none ] || wn_opt="--wordnet $wordnet"
echo "wordnet $wordnet"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chronicle-cv.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
find "$corpus" -name '*.tml' -type f | LC_ALL=C sort >"$tmp/all"
f=0
while [ "$f" -lt "$k" ]; do
    awk -v k="$k" -v f="$f" '(NR - 1) % k == f' "$tmp/all" >"$tmp/test$f"
    awk -v k="$k" -v f="$f" '(NR - 1) % k != f' "$tmp/all" >"$tmp/train$f"
    mkdir "$tmp/rules$f"
    for r in "$SRC"/extract/rules/en/*.rules; do
        ln -s "$r" "$tmp/rules$f/"
    done
    # shellcheck disable=SC2046 # file names without blanks
    # shellcheck disable=SC2086 # wn_opt is empty or two words
    "$bin" train-events --epochs "$epochs" $wn_opt -o "$tmp/rules$f/events.model" $(cat "$tmp/train$f")
    # shellcheck disable=SC2046
    "$bin" eval --json --rules "$tmp/rules$f" $(cat "$tmp/test$f") >"$tmp/eval$f.json"
    f=$((f + 1))
done
python3 - "$tmp"/eval*.json <<'EOF'
import json, sys
t = {}
for p in sys.argv[1:]:
    e = json.load(open(p))["events"]
    for key, v in (("gold", e["gold"]), ("system", e["system"]), ("relaxed", e["relaxed"]["matches"]),
                   ("strict", e["strict"]["matches"]), ("class", e["class"]["matches"]),
                   ("tense", e["tense"]["matches"]), ("aspect", e["aspect"]["matches"]),
                   ("polarity", e["polarity"]["matches"])):
        t[key] = t.get(key, 0) + v
    d = e["dating"]
    for key, v in e["awareness"].items():
        if key in ("system", "system_verified", "gold", "gold_verified"):
            t["aw_" + key] = t.get("aw_" + key, 0) + v
    for key, v in (("links", d["links"]), ("hits", d["hits"]), ("no_event", d["missed"]["no_event"]),
                   ("other_time", d["missed"]["other_time"]), ("other_relation", d["missed"]["other_relation"])):
        t[key] = t.get(key, 0) + v
p = t["relaxed"] / t["system"] if t["system"] else 0.0
r = t["relaxed"] / t["gold"] if t["gold"] else 0.0
f1 = 2 * p * r / (p + r) if p + r else 0.0
acc = lambda k: t[k] / t["relaxed"] if t["relaxed"] else 0.0
print("folds %d  gold %d  system %d" % (len(sys.argv) - 1, t["gold"], t["system"]))
print("relaxed P %.4f  R %.4f  F1 %.4f" % (p, r, f1))
sp, sr = t["strict"] / max(t["system"], 1), t["strict"] / max(t["gold"], 1)
print("strict P %.4f  R %.4f  F1 %.4f" % (sp, sr, 2 * sp * sr / (sp + sr) if sp + sr else 0.0))
print("class F1 %.4f  (accuracy %.4f)" % (acc("class") * f1, acc("class")))
print("tense %.4f  aspect %.4f  polarity %.4f" % (acc("tense"), acc("aspect"), acc("polarity")))
print("dating %d of %d (%.4f)  missed: %d event not found, %d other time or none, %d other relation"
      % (t["hits"], t["links"], t["hits"] / max(t["links"], 1), t["no_event"], t["other_time"], t["other_relation"]))
ap, ar = t["aw_system_verified"] / max(t["aw_system"], 1), t["aw_gold_verified"] / max(t["aw_gold"], 1)
print("awareness P %.4f  R %.4f  F1 %.4f" % (ap, ar, 2 * ap * ar / (ap + ar) if ap + ar else 0.0))
EOF
