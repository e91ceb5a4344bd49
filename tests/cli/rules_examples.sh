#!/usr/bin/env bash
# rules_examples.sh: every example line of the built-in rules gives its expected value
# (`chronicle rules check` exits 0, with no warning), a rule tried at every position is named in a warning,
# and a broken rules directory is reported with file:line, exit 4.
. "$(dirname "$0")/lib.sh"

"$CHRONICLE" rules check >"$tmp/out" 2>"$tmp/err"
rc=$?
cat "$tmp/out"
[ "$rc" = 0 ] || fail "rules check: exit $rc: $(cat "$tmp/err")"
grep -Eq '^[0-9]+ passed, 0 failed$' "$tmp/out" || fail "rules check: no 'N passed, 0 failed' line"
grep -Eq '^0 passed' "$tmp/out" && fail "rules check: no examples were run"
[ -s "$tmp/err" ] && fail "rules check: the built-in rules gave a warning: $(cat "$tmp/err")"

# A rule the prefilter cannot bound (no string its matches begin with) is tried at every position: legal,
# so the examples pass and the exit status is 0, but named in a warning; a bounded one is not.
mkdir "$tmp/loose"
printf 'rule loose_tuesday\n  pattern (?:\\w+\\s+)?Tuesday\n  type DATE\n  value 2014-12-02\n  example [Tuesday] came => 2014-12-02\n\nrule tight_monday\n  pattern Monday\n  type DATE\n  value 2014-12-01\n  example on [Monday] => 2014-12-01\n' >"$tmp/loose/loose.rules"
"$CHRONICLE" rules check --rules "$tmp/loose" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "rules check of a loose rule: exit $rc: $(cat "$tmp/out" "$tmp/err")"
grep -Eq '^2 passed, 0 failed$' "$tmp/out" || fail "rules check of a loose rule: $(cat "$tmp/out")"
grep -Eq '^chronicle: warning: .*loose\.rules:1: rule loose_tuesday is tried at every position' "$tmp/err" ||
    fail "rules check of a loose rule: no warning naming it: $(cat "$tmp/err")"
grep -q tight_monday "$tmp/err" && fail "rules check: a bounded rule was named: $(cat "$tmp/err")"

# A rules directory that does not exist, and one with a broken rule file.
"$CHRONICLE" rules check --rules "$tmp/none" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" = 4 ] || fail "missing rules dir: exit $rc, expected 4: $(cat "$tmp/err")"
mkdir "$tmp/broken"
printf 'this is not a rule\n(((\n' >"$tmp/broken/broken.rules"
"$CHRONICLE" rules check --rules "$tmp/broken" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" = 4 ] || fail "broken rule file: exit $rc, expected 4: $(cat "$tmp/err")"
grep -Eq '^chronicle: .*broken\.rules:[0-9]+: ' "$tmp/err" || fail "broken rule file: message does not name file:line: $(cat "$tmp/err")"
printf 'The talks ended on Monday.\n' >"$tmp/a.txt"
"$CHRONICLE" extract --rules "$tmp/broken" "$tmp/a.txt" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" = 4 ] || fail "extract with a broken rule file: exit $rc, expected 4"
# the rules error is the only line, even for a text without a date (no "no document date" warning first)
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "extract with a broken rule file: not one line on stderr: $(cat "$tmp/err")"
grep -Eq '^chronicle: .*broken\.rules:[0-9]+: ' "$tmp/err" || fail "extract with a broken rule file: $(cat "$tmp/err")"

finish "rules_examples: passed"
