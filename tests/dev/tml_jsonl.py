#!/usr/bin/env python3
"""tml_jsonl.py: TimeML files as JSON Lines {"id", "date", "text"} (the tag-stripped TEXT and the DCT
value), the input for timing the pipeline on plain text (a development helper, not a test).

    tests/dev/tml_jsonl.py [-n N] CORPUS_DIR > docs.jsonl

Takes the first N (default 60) *.tml files under CORPUS_DIR sorted by path (LC_ALL=C order). The
instruction counts in the README were measured on
    tests/dev/tml_jsonl.py ../shared/corpora/tbaq > /tmp/tbaq60.jsonl
    valgrind --tool=cachegrind --cache-sim=yes --cachegrind-out-file=/dev/null \\
        build/chronicle extract --format jsonl /tmp/tbaq60.jsonl > /dev/null
"""
import html, json, os, re, sys

n = 60
args = sys.argv[1:]
if len(args) >= 2 and args[0] == "-n":
    n = int(args[1])
    args = args[2:]
if len(args) != 1:
    sys.exit("usage: tml_jsonl.py [-n N] CORPUS_DIR")
paths = []
for root, _, files in os.walk(args[0]):
    paths += [os.path.join(root, f) for f in files if f.endswith(".tml")]
for p in sorted(paths, key=lambda s: s.encode())[:n]:
    s = open(p, encoding="utf-8").read()
    text = re.search(r"<TEXT>(.*?)</TEXT>", s, re.S).group(1)
    text = html.unescape(re.sub(r"<[^>]*>", "", text))
    dct = re.search(r"<DCT>.*?value=\"([^\"]*)\"", s, re.S)
    doc = re.search(r"<DOCID>\s*(.*?)\s*</DOCID>", s, re.S)
    rec = {"id": doc.group(1) if doc else os.path.basename(p)[:-4], "date": dct.group(1) if dct else None,
           "text": text}
    print(json.dumps(rec, ensure_ascii=False))
