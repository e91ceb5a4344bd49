#!/usr/bin/env bash
# bad_input.sh: what `chronicle extract` does with input it cannot use: invalid UTF-8, binary data
# (NUL bytes), an empty or all-blank file, a missing file, a directory, a file over 64 MiB, and
# malformed TimeML. Each must give exit 3 and one line on stderr that names the file.
. "$(dirname "$0")/lib.sh"

printf 'Talks resumed on Monday \xff\xfe and ended \xc3( Tuesday.\n' >"$tmp/latin.txt"
check "invalid UTF-8" 3 '^chronicle: .*latin\.txt: .*UTF-8' "$CHRONICLE" extract "$tmp/latin.txt"

printf 'Talks resumed on Monday\0 and ended Tuesday.\n' >"$tmp/nul.txt"
check "NUL byte" 3 '^chronicle: .*nul\.txt: binary data \(NUL byte at offset 23\)' "$CHRONICLE" extract "$tmp/nul.txt"

head -c 4096 /bin/ls >"$tmp/binary"
check "binary file" 3 '^chronicle: .*binary: ' "$CHRONICLE" extract "$tmp/binary"

: >"$tmp/empty.txt"
check "empty file" 3 '^chronicle: .*empty\.txt: .*empty' "$CHRONICLE" extract "$tmp/empty.txt"

printf '  \n\n\t \n' >"$tmp/blank.txt"
check "blank file" 3 '^chronicle: .*blank\.txt: .*(empty|blank)' "$CHRONICLE" extract "$tmp/blank.txt"

STDIN=$tmp/empty.txt check "empty stdin" 3 '^chronicle: stdin: .*empty' "$CHRONICLE" extract

check "missing file" 3 '^chronicle: .*no-such-file\.txt: cannot read: No such file or directory' \
    "$CHRONICLE" extract "$tmp/no-such-file.txt"

mkdir "$tmp/adir"
check "directory" 3 '^chronicle: .*adir: cannot read: Is a directory' "$CHRONICLE" extract "$tmp/adir"

# Over 64 MiB: refused before reading (a sparse file costs no disk).
truncate -s 65M "$tmp/huge.txt"
check "file over 64 MiB" 3 '^chronicle: .*huge\.txt: input too big \(over 64 MiB\)' "$CHRONICLE" extract "$tmp/huge.txt"

printf '<?xml version="1.0"?>\n<TimeML><DOCID>x</DOCID><TEXT>It rained on Monday.\n' >"$tmp/broken.tml"
check "malformed TimeML" 3 '^chronicle: .*broken\.tml: ' "$CHRONICLE" extract "$tmp/broken.tml"

# The bad file stops the run: nothing is written to -o.
printf 'Talks ended on Monday.\n' >"$tmp/good.txt"
check "bad file among good ones" 3 '^chronicle: .*latin\.txt: ' \
    "$CHRONICLE" extract --dct 2014-12-03 -o "$tmp/out.jsonl" "$tmp/good.txt" "$tmp/latin.txt"
[ -e "$tmp/out.jsonl" ] && fail "bad file among good ones: -o output was written"

finish "bad_input: all checks passed"
