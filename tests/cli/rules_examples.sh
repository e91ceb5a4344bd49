#!/usr/bin/env bash
# rules_examples.sh: every example line of the built-in rules gives its expected value
# (`chronicle rules check` exits 0), and a broken rules directory is reported with file:line, exit 4.
. "$(dirname "$0")/lib.sh"

"$CHRONICLE" rules check >"$tmp/out" 2>"$tmp/err"
rc=$?
cat "$tmp/out"
[ "$rc" = 0 ] || fail "rules check: exit $rc: $(cat "$tmp/err")"
grep -Eq '^[0-9]+ passed, 0 failed$' "$tmp/out" || fail "rules check: no 'N passed, 0 failed' line"
grep -Eq '^0 passed' "$tmp/out" && fail "rules check: no examples were run"

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
