#!/usr/bin/env python3
"""make_archive.py: a news archive in JSON Lines ({"id", "date", "text"} a line) from TimeML files, to
try and measure distributed runs (scale/): the document id is the file's DOCID, the date its document
creation time, the text what its <TEXT> says with the tags taken out.

    scale/make_archive.py [--copies N] [--shards K --out-dir DIR | -o FILE] TIMEML_FILE_OR_DIR...

--copies N repeats the archive N times with ids "ID", "ID~2", ... "ID~N" (distinct documents, the same
words: a bigger archive for throughput figures). --shards K writes K files DIR/shard-000.jsonl ...,
documents dealt round-robin; else one file (-o, or stdout). Same input, same bytes out."""
import argparse
import json
import os
import sys
import xml.etree.ElementTree as ET


def timeml_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith((".tml", ".xml")):
                        yield os.path.join(root, f)
        else:
            yield p


def flat(el, out):
    """The text of el with its tags taken out; a sentence (<s>) ends a line."""
    out.append(el.text or "")
    for c in el:
        flat(c, out)
        out.append(c.tail or "")
    if el.tag == "s":
        out.append("\n")


def record(path):
    root = ET.parse(path).getroot()
    docid = (root.findtext("DOCID") or "").strip() or os.path.basename(path)
    date = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            date = t.get("value")
            break
    text_el = root.find("TEXT")
    if text_el is None:
        return None
    parts = []
    flat(text_el, parts)
    text = "".join(parts).strip()
    rec = {"id": docid, "text": text}
    if date:
        rec["date"] = date
    return rec


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--shards", type=int, default=0)
    ap.add_argument("--out-dir")
    ap.add_argument("-o", "--output")
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    recs = [r for r in (record(p) for p in timeml_files(a.paths)) if r]
    lines = []
    for k in range(1, a.copies + 1):
        for r in recs:
            r2 = dict(r, id=r["id"] if k == 1 else "%s~%d" % (r["id"], k))
            lines.append(json.dumps(r2, ensure_ascii=False, sort_keys=True) + "\n")
    if a.shards:
        if not a.out_dir:
            ap.error("--shards needs --out-dir")
        os.makedirs(a.out_dir, exist_ok=True)
        for s in range(a.shards):
            with open(os.path.join(a.out_dir, "shard-%03d.jsonl" % s), "w", encoding="utf-8") as f:
                f.writelines(lines[s :: a.shards])
    elif a.output:
        with open(a.output, "w", encoding="utf-8") as f:
            f.writelines(lines)
    else:
        sys.stdout.writelines(lines)
    print("%d documents" % len(lines), file=sys.stderr)


if __name__ == "__main__":
    main()
