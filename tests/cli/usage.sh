#!/usr/bin/env bash
# usage.sh: usage errors (exit 2, one line on stderr), --help and --version (exit 0).
. "$(dirname "$0")/lib.sh"

printf 'Talks ended on Monday.\n' >"$tmp/a.txt"

check "impossible --dct" 2 '^chronicle: --dct 2014-02-30: ' "$CHRONICLE" extract --dct 2014-02-30 "$tmp/a.txt"
check "garbage --dct" 2 '^chronicle: --dct yesterday: ' "$CHRONICLE" extract --dct yesterday "$tmp/a.txt"
check "--dct without value" 2 'needs a value' "$CHRONICLE" extract --dct
check "unknown option" 2 '^chronicle: extract: unknown option --frobnicate' "$CHRONICLE" extract --frobnicate "$tmp/a.txt"
check "unknown format" 2 '^chronicle: --format xml: ' "$CHRONICLE" extract --format xml "$tmp/a.txt"
check "unknown input" 2 '^chronicle: --input csv: ' "$CHRONICLE" extract --input csv "$tmp/a.txt"
check "flag with a value" 2 'takes no value' "$CHRONICLE" extract --pretty=yes "$tmp/a.txt"
# every command's flags refuse a value the same way (eval --timeline --json=yes once passed silently)
check "eval flag with a value" 2 'option --errors takes no value' "$CHRONICLE" eval --errors=yes x
check "eval --timeline flag with a value" 2 'option --json takes no value' "$CHRONICLE" eval --timeline x --json=yes y
check "timeline flag with a value" 2 'option --merge takes no value' "$CHRONICLE" timeline --merge=1 "$tmp/a.txt"
check "render flag with a value" 2 'option --script-only takes no value' "$CHRONICLE" render --script-only=1 "$tmp/a.txt"
check "unknown command" 2 '^chronicle: unknown command frobnicate' "$CHRONICLE" frobnicate
check "unknown top-level option" 2 '^chronicle: unknown option --frobnicate' "$CHRONICLE" --frobnicate
check "eval without gold" 2 '^chronicle: eval: no gold' "$CHRONICLE" eval
check "eval unknown option" 2 'unknown option --strict' "$CHRONICLE" eval --strict x
check "rules without subcommand" 2 '^chronicle: rules: no subcommand' "$CHRONICLE" rules
check "rules unknown subcommand" 2 'unknown command list' "$CHRONICLE" rules list

check "no command" 2 '^chronicle: no command' "$CHRONICLE"

check "--help" 0 '' "$CHRONICLE" --help
grep -q '^usage: chronicle COMMAND' "$tmp/out" || fail "--help: no usage line on stdout"
grep -q '70  internal error' "$tmp/out" || fail "--help: exit codes not listed"
cp "$tmp/out" "$tmp/help"
for cmd in extract timeline compare render eval rules train-events; do # compare was once left out
    grep -q "^  $cmd " "$tmp/help" || fail "--help does not list the command $cmd"
done
for cmd in extract timeline compare render eval rules train-events; do
    check "$cmd --help" 0 '' "$CHRONICLE" "$cmd" --help
    grep -q "^usage: chronicle $cmd" "$tmp/out" || fail "$cmd --help: no usage line on stdout"
done
check "--version" 0 '' "$CHRONICLE" --version
grep -Eq '^chronicle [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out" || fail "--version: got $(cat "$tmp/out")"

finish "usage: all checks passed"
