# lib.sh: what the CLI tests share; each test sources it first (`. "$(dirname "$0")/lib.sh"`). Not a test
# itself (CMakeLists.txt leaves it out).
#
# Checks that $CHRONICLE names the program, sets SRC (the source tree) and CORPORA (the shared corpora,
# $CHRONICLE_CORPORA or ../shared/corpora), makes a scratch directory $tmp that is removed on exit, and
# defines:
#   fail MESSAGE                       report a failed check (FAIL: on stderr) and count it in $fails
#   check NAME WANT_EXIT REGEX CMD...  run CMD (stdin from $STDIN, default /dev/null) and check its exit
#                                      code, that stderr matches REGEX (when not empty) and, for an error
#                                      (exit 2 or more), that stderr is exactly one line and stdout empty
#   finish MESSAGE                     exit 1 if any check failed, else print MESSAGE
set -u
: "${CHRONICLE:?set CHRONICLE to the chronicle binary}"
SRC=${CHRONICLE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
CORPORA=${CHRONICLE_CORPORA:-$SRC/../shared/corpora}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chronicle-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

check() {
    local name=$1 want=$2 pattern=$3
    shift 3
    "$@" <"${STDIN:-/dev/null}" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ "$rc" != "$want" ]; then
        fail "$name: exit $rc, expected $want; stderr: $(head -c 400 "$tmp/err")"
        return
    fi
    if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$tmp/err"; then
        fail "$name: stderr does not match /$pattern/: $(head -c 400 "$tmp/err")"
    fi
    if [ "$want" -ge 2 ] && [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
        fail "$name: expected one line on stderr, got: $(cat "$tmp/err")"
    fi
    if [ "$want" -ge 2 ] && [ -s "$tmp/out" ]; then
        fail "$name: expected no output, got: $(head -c 200 "$tmp/out")"
    fi
}

finish() {
    if [ "$fails" -ne 0 ]; then
        echo "$fails check(s) failed" >&2
        exit 1
    fi
    echo "$1"
}
