#!/usr/bin/env bash
# eval_corpora.sh: `chronicle eval` on TE3-Platinum and TBAQ prints the TempEval-3 Task A (timex) table,
# then the Task B (events) table with the event dating and temporal awareness lines, and the figures stay
# above the floors below: the time-expression issue's targets on Platinum, where the events stand now
# (their issue's targets, relaxed F1 0.82, class F1 0.72, dating 0.80, are not reached yet), and where TBAQ
# stands now. Raise them as the extractor improves. The event floors sit just under the figures of the
# shipped model; a model retrained for a better TBAQ cross-validation may move them, and its commit says
# by how much. --timex-only prints the Task A table alone, --json the same figures (events under "events"), --errors the timex errors and the missed dating links before the tables, --gold-events the dating of the gold events.
. "$(dirname "$0")/lib.sh"
MIN_PLATINUM_RELAXED_F1=0.90
MIN_PLATINUM_STRICT_F1=0.82
MIN_PLATINUM_VALUE_F1=0.80
MIN_TBAQ_RELAXED_F1=0.935
MIN_TBAQ_VALUE_F1=0.79
MIN_PLATINUM_EVENT_RELAXED_F1=0.80
MIN_PLATINUM_EVENT_CLASS_F1=0.68
MIN_PLATINUM_DATING=0.65
MIN_TBAQ_DATING=0.72       # end to end
MIN_TBAQ_GOLD_DATING=0.73  # the time anchoring alone (--gold-events)

if [ ! -d "$CORPORA/te3-platinum" ] || [ ! -d "$CORPORA/tbaq" ]; then
    echo "skipped: corpora not found at $CORPORA (set CHRONICLE_CORPORA)"
    exit 77
fi

# task_a FILE / task_b FILE: the part of the output before / after the blank line between the tables
task_a() { sed '/^$/,$d' "$1"; }
task_b() { sed '1,/^$/d' "$1"; }
# figure FILE ROW COLUMN: the COLUMN-th number of the first table row starting with ROW
figure() { awk -v row="$2" -v col="$3" 'index($0, row) == 1 { sub("^" row " *", ""); gsub(/[()a-z]/, ""); split($0, f, " +"); print f[col]; exit }' "$1"; }
# at_least A B: A >= B, as decimals
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }

check_table() { # NAME FILE DOCS GOLD: the Task A table, alone in FILE
    local name=$1 out=$2 docs=$3 gold=$4
    [ "$(wc -l <"$out")" = 6 ] || fail "$name: Task A table is not 6 lines: $(cat "$out")"
    grep -Eq "^TempEval-3 Task A \(timex\), $docs documents, $gold gold, [0-9]+ system\$" "$out" ||
        fail "$name: header line: $(head -1 "$out")"
    for row in '            P       R       F1' 'strict ' 'relaxed ' 'type F1 ' 'value F1 '; do
        grep -q "^$row" "$out" || fail "$name: no '$row' line"
    done
    grep -Eq '^strict +[01]\.[0-9]{4} +[01]\.[0-9]{4} +[01]\.[0-9]{4}$' "$out" || fail "$name: strict row: $(grep '^strict' "$out")"
    grep -Eq '^value F1 +[01]\.[0-9]{4} +\(accuracy [01]\.[0-9]{4}\)$' "$out" || fail "$name: value row: $(grep '^value' "$out")"
}

check_events() { # NAME FILE DOCS GOLD: the Task B table and the dating and awareness lines, alone in FILE
    local name=$1 out=$2 docs=$3 gold=$4 n='[01]\.[0-9]{4}'
    [ "$(wc -l <"$out")" = 10 ] || fail "$name: events part is not 10 lines: $(cat "$out")"
    grep -Eq "^TempEval-3 Task B \(events\), $docs documents, $gold gold, [0-9]+ system\$" "$out" ||
        fail "$name: events header line: $(head -1 "$out")"
    grep -q '^            P       R       F1$' "$out" || fail "$name: no events P R F1 line"
    grep -Eq "^strict +$n +$n +$n\$" "$out" || fail "$name: events strict row: $(grep '^strict' "$out")"
    grep -Eq "^relaxed +$n +$n +$n\$" "$out" || fail "$name: events relaxed row: $(grep '^relaxed' "$out")"
    grep -Eq "^class F1 +$n +\(accuracy $n\)\$" "$out" || fail "$name: class row: $(grep '^class' "$out")"
    grep -Eq "^accuracy +tense $n +aspect $n +polarity $n\$" "$out" || fail "$name: accuracy row: $(grep '^accuracy' "$out")"
    grep -Eq "^Event dating: [0-9]+ of [0-9]+ same-sentence event-time links \($n\)\$" "$out" ||
        fail "$name: dating line: $(grep 'dating' "$out")"
    grep -Eq '^  missed: [0-9]+ event not found, [0-9]+ other time or none, [0-9]+ other relation$' "$out" ||
        fail "$name: dating misses line: $(grep 'missed' "$out")"
    grep -Eq "^Temporal awareness \(event-time links\): P $n  R $n  F1 $n\$" "$out" ||
        fail "$name: awareness line: $(grep 'awareness' "$out")"
    grep -Eq '^  [0-9]+ of [0-9]+ system links verified, [0-9]+ of [0-9]+ gold links$' "$out" ||
        fail "$name: awareness counts line: $(grep 'verified' "$out")"
    # the dating misses add up to the links the system did not get
    awk '/^Event dating:/ { hits = $3; links = $5 } /^  missed:/ { missed = $2 + $6 + $11 }
         END { exit !(hits + missed == links) }' "$out" || fail "$name: dating hits and misses do not add up"
}

"$CHRONICLE" eval "$CORPORA/te3-platinum" >"$tmp/platinum" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "platinum: exit $rc: $(cat "$tmp/err")"
cat "$tmp/platinum"
task_a "$tmp/platinum" >"$tmp/platinum.a"
task_b "$tmp/platinum" >"$tmp/platinum.b"
check_table platinum "$tmp/platinum.a" 20 138
check_events platinum "$tmp/platinum.b" 20 746
relaxed=$(figure "$tmp/platinum.a" relaxed 3)
value=$(figure "$tmp/platinum.a" "value F1" 1)
strict=$(figure "$tmp/platinum.a" strict 3)
at_least "$relaxed" "$MIN_PLATINUM_RELAXED_F1" || fail "platinum relaxed F1 $relaxed < $MIN_PLATINUM_RELAXED_F1"
at_least "$strict" "$MIN_PLATINUM_STRICT_F1" || fail "platinum strict F1 $strict < $MIN_PLATINUM_STRICT_F1"
at_least "$value" "$MIN_PLATINUM_VALUE_F1" || fail "platinum value F1 $value < $MIN_PLATINUM_VALUE_F1"
ev_relaxed=$(figure "$tmp/platinum.b" relaxed 3)
ev_class=$(figure "$tmp/platinum.b" "class F1" 1)
dating=$(sed -n 's/^Event dating: .*(\([01]\.[0-9]*\))$/\1/p' "$tmp/platinum.b")
at_least "$ev_relaxed" "$MIN_PLATINUM_EVENT_RELAXED_F1" ||
    fail "platinum event relaxed F1 $ev_relaxed < $MIN_PLATINUM_EVENT_RELAXED_F1"
at_least "$ev_class" "$MIN_PLATINUM_EVENT_CLASS_F1" || fail "platinum class F1 $ev_class < $MIN_PLATINUM_EVENT_CLASS_F1"
at_least "${dating:-0}" "$MIN_PLATINUM_DATING" || fail "platinum event dating ${dating:-none} < $MIN_PLATINUM_DATING"

"$CHRONICLE" eval "$CORPORA/tbaq" >"$tmp/tbaq" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "tbaq: exit $rc: $(cat "$tmp/err")"
cat "$tmp/tbaq"
task_a "$tmp/tbaq" >"$tmp/tbaq.a"
task_b "$tmp/tbaq" >"$tmp/tbaq.b"
check_table tbaq "$tmp/tbaq.a" 256 1822
# 11129 EVENTs inside TEXT (the README's 11145 counts 16 TimeBank headline events outside it)
check_events tbaq "$tmp/tbaq.b" 256 11129
at_least "$(figure "$tmp/tbaq.a" relaxed 3)" "$MIN_TBAQ_RELAXED_F1" || fail "tbaq relaxed F1 below $MIN_TBAQ_RELAXED_F1"
at_least "$(figure "$tmp/tbaq.a" "value F1" 1)" "$MIN_TBAQ_VALUE_F1" || fail "tbaq value F1 below $MIN_TBAQ_VALUE_F1"

tbaq_dating=$(sed -n 's/^Event dating: .*(\([01]\.[0-9]*\))$/\1/p' "$tmp/tbaq.b")
at_least "${tbaq_dating:-0}" "$MIN_TBAQ_DATING" || fail "tbaq event dating ${tbaq_dating:-none} < $MIN_TBAQ_DATING"

# --gold-events: the gold events anchored by the linker: Task B is perfect, the dating is the linker's.
"$CHRONICLE" eval --gold-events "$CORPORA/tbaq" >"$tmp/gold" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "tbaq --gold-events: exit $rc: $(cat "$tmp/err")"
task_b "$tmp/gold" >"$tmp/gold.b"
check_events "tbaq --gold-events" "$tmp/gold.b" 256 11129
grep -q '^relaxed   1.0000  1.0000  1.0000$' "$tmp/gold.b" || fail "--gold-events: events not the gold ones: $(cat "$tmp/gold.b")"
grep -q '^  missed: 0 event not found,' "$tmp/gold.b" || fail "--gold-events: gold events not found"
gold_dating=$(sed -n 's/^Event dating: .*(\([01]\.[0-9]*\))$/\1/p' "$tmp/gold.b")
at_least "${gold_dating:-0}" "$MIN_TBAQ_GOLD_DATING" || fail "tbaq --gold-events dating ${gold_dating:-none} < $MIN_TBAQ_GOLD_DATING"
cmp -s <(task_a "$tmp/gold") "$tmp/tbaq.a" || fail "--gold-events: the Task A table differs"

# --timex-only: the Task A table alone, the same as in the full output.
"$CHRONICLE" eval --timex-only "$CORPORA/te3-platinum" >"$tmp/timex" 2>"$tmp/err"
cmp -s "$tmp/timex" "$tmp/platinum.a" || fail "--timex-only: not the Task A table: $(cat "$tmp/timex")"

# --json: one object with the same figures, the event ones under "events" (not with --timex-only).
"$CHRONICLE" eval --json "$CORPORA/te3-platinum" >"$tmp/json" 2>"$tmp/err"
[ "$(wc -l <"$tmp/json")" = 1 ] || fail "--json: not one line"
grep -q '^{"documents":20,"gold":138,' "$tmp/json" || fail "--json: $(head -c 300 "$tmp/json")"
grep -q '"events":{"documents":20,"gold":746,"system":[0-9]*,"strict":{' "$tmp/json" ||
    fail "--json: no events object: $(head -c 600 "$tmp/json")"
grep -q '"dating":{"links":[0-9]*,"hits":[0-9]*,"share":' "$tmp/json" || fail "--json: no dating object"
grep -q '"awareness":{"precision":' "$tmp/json" || fail "--json: no awareness object"
"$CHRONICLE" eval --json --timex-only "$CORPORA/te3-platinum" >"$tmp/json" 2>"$tmp/err"
grep -q '^{"documents":20,"gold":138,' "$tmp/json" || fail "--json --timex-only: $(head -c 300 "$tmp/json")"
! grep -q '"events"' "$tmp/json" || fail "--json --timex-only: has events"

# --errors: one tab-separated line per timex error, then the same tables as without --errors.
"$CHRONICLE" eval --errors "$CORPORA/te3-platinum" >"$tmp/errors" 2>"$tmp/err"
tables=$(wc -l <"$tmp/platinum")
errors=$(($(wc -l <"$tmp/errors") - tables))
[ "$errors" -gt 0 ] || fail "--errors: no error lines"
timex_line=$'^[^\t]+\t(miss|extra|extent|type|value)\tgold [^\t]+\tsystem [^\t]+$'
dating_line=$'^[^\t]+\tdating\t(no-event|other-time|other-relation)\t"[^\t]*"\tgold [A-Z_]+ "[^\t]*" [^\t]+\tsystem ([A-Z_]+|-) ("[^\t]*"|DCT|-) [^\t]+\t"[^\t]*"$'
bad=$(head -n "$errors" "$tmp/errors" | grep -Ev "$timex_line" | grep -Evc "$dating_line")
[ "$bad" = 0 ] || fail "--errors: $bad malformed lines: $(head -n "$errors" "$tmp/errors" | grep -Ev "$timex_line" | grep -Ev "$dating_line" | head -3)"
# one dating line per missed dating link
ndating=$(head -n "$errors" "$tmp/errors" | grep -c $'\tdating\t')
missed=$(awk '/^Event dating:/ { print $5 - $3 }' "$tmp/platinum")
[ "$ndating" = "$missed" ] || fail "--errors: $ndating dating lines for $missed missed links"
tail -n "$tables" "$tmp/errors" | cmp -s - "$tmp/platinum" || fail "--errors: the tables differ from the ones without --errors"

finish "eval_corpora: passed (platinum relaxed F1 $relaxed, value F1 $value; events relaxed F1 $ev_relaxed, class F1 $ev_class, dating $dating)"
