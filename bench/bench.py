#!/usr/bin/env python3
"""bench.py: the speed benchmark of chronicle (`make bench`). A program that prints figures, not a test.

Builds its corpus reproducibly: the plain text of the TimeML corpora (tbaq/ and te3-platinum-input/ under
the corpora directory, sorted by path; each record dated by its document's DCT), or samples/*.txt when the
corpora are absent, as JSON Lines, replicated in that order until the requested size. Then, on the same
bytes, it times:

  chronicle extract --format jsonl             1 thread and -j N (their outputs must be byte-identical)
  grep -c -E 'six|trigger|words'               the scan floor
  chrono-node (node + bench/node_modules)      the peer, when installed (`make bench-peers`)

and prints MB/s (10^6 bytes of input per second of wall time, whole process; MB/CPU-s per second of CPU
time, user and system, which a busy machine disturbs less), documents/s, peak resident
memory (ru_maxrss of the child, from wait4), the -j N speed-up, our figures as ratios to grep and to
chrono-node, and the start-up time (median wall time of `chronicle extract` on a one-line input).
--callgrind adds instructions per byte (valgrind --tool=callgrind on a slice of the corpus and on its first
half: the second half's instructions over its bytes, the fixed costs left out), which, unlike wall time,
does not depend on what else the machine is doing.

Python rather than C: os.wait4 gives the child's own rusage (peak RSS, CPU time) just as the C call would,
and building the corpus (TimeML to JSON Lines) is a few lines here. Only the standard library is used.
"""
import argparse
import glob
import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)

# The scan floor: six words that news reports of events are made of.
GREP_PATTERN = "said|told|announced|reported|killed|agreed"


def parse_size(s):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([kKmMgG]?)", s.strip())
    if not m:
        raise argparse.ArgumentTypeError("expected a size like 500K, 16M or 1G, got %r" % s)
    mult = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[m.group(2).lower()]
    return int(float(m.group(1)) * mult)


# --- Corpus -------------------------------------------------------------------------------------------

DCT_RE = re.compile(r"<DCT>\s*<TIMEX3\b[^>]*\bvalue=\"([^\"]+)\"", re.S)
DOCID_RE = re.compile(r"<DOCID>\s*([^<]+?)\s*</DOCID>")
TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
TAG_RE = re.compile(r"<[^>]*>")


def timeml_record(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    text = TEXT_RE.search(raw)
    if not text:
        return None
    rec = {}
    docid = DOCID_RE.search(raw)
    rec["id"] = docid.group(1) if docid else os.path.basename(path)
    dct = DCT_RE.search(raw)
    if dct:
        rec["date"] = dct.group(1)
    rec["text"] = html.unescape(TAG_RE.sub("", text.group(1))).strip()
    return rec


def base_records(corpora):
    """The documents, in a fixed order, and where they came from."""
    files = []
    for sub in ("tbaq", "te3-platinum-input"):
        d = os.path.join(corpora, sub)
        if os.path.isdir(d):
            for root, _, names in os.walk(d):
                files += [os.path.join(root, n) for n in names if n.endswith((".tml", ".TE3input"))]
    files.sort()
    recs = [r for r in (timeml_record(p) for p in files) if r and r["text"]]
    if recs:
        return recs, "%d TimeML documents of %s (tbaq, te3-platinum-input)" % (len(recs), corpora)
    recs = []
    for p in sorted(glob.glob(os.path.join(SRC, "samples", "*.txt"))):
        with open(p, encoding="utf-8") as f:
            rec = {"id": os.path.basename(p)}
            m = re.search(r"(\d{4}-\d{2}-\d{2})", os.path.basename(p))
            if m:
                rec["date"] = m.group(1)
            rec["text"] = f.read()
        recs.append(rec)
    return recs, "%d sample articles of samples/ (the corpora are absent)" % len(recs)


def build_corpus(path, corpora, size):
    """Write JSON Lines of at least size bytes (whole records); return (bytes, records, description)."""
    recs, desc = base_records(corpora)
    if not recs:
        sys.exit("bench: no documents: neither %s nor samples/ has any" % corpora)
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n" for r in recs]
    total = n = copy = 0
    with open(path, "wb") as out:
        while total < size:
            for r, line in zip(recs, lines):
                if copy:  # each copy gets ids of its own
                    r2 = dict(r, id="%s#%d" % (r["id"], copy))
                    line = json.dumps(r2, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
                out.write(line)
                total += len(line)
                n += 1
                if total >= size:
                    break
            copy += 1
    return total, n, desc


# --- Timing -------------------------------------------------------------------------------------------

class Usage:
    """What a run cost: wall, CPU (user + system) seconds, peak RSS in KiB."""

    def __init__(self, wall, cpu, maxrss_kb):
        self.wall, self.cpu, self.maxrss_kb = wall, cpu, maxrss_kb


RUNSTAT = None  # the C launcher (bench/runstat.c), found in main()


def run(argv, stdin_path, stdout_path=os.devnull, env=None):
    """Run argv with stdin and stdout redirected; return (exit code, Usage, stderr text). Through runstat
    when it is built (an exact peak RSS), else with os.wait4 (the peak then counts Python's own pages)."""
    with open(stdin_path, "rb") as fin, open(stdout_path, "wb") as fout, \
            tempfile.NamedTemporaryFile(mode="w+") as errf, tempfile.NamedTemporaryFile(mode="r") as stat:
        if RUNSTAT:
            p = subprocess.run([RUNSTAT, stat.name] + argv, stdin=fin, stdout=fout, stderr=errf, env=env)
            fields = stat.read().split()
            if p.returncode != 0 and not fields:
                sys.exit("bench: runstat failed (exit %d)" % p.returncode)
            rc = int(fields[0])
            use = Usage(float(fields[1]), float(fields[2]) + float(fields[3]), int(fields[4]))
        else:
            t0 = time.perf_counter()
            p = subprocess.Popen(argv, stdin=fin, stdout=fout, stderr=errf, env=env)
            _, status, ru = os.wait4(p.pid, 0)
            use = Usage(time.perf_counter() - t0, ru.ru_utime + ru.ru_stime, ru.ru_maxrss)
            rc = os.waitstatus_to_exitcode(status)
        errf.seek(0)
        err = errf.read()
    return rc, use, err


def best_of(repeat, argv, stdin_path, stdout_path=os.devnull, env=None):
    """The fastest of repeat runs (the one least disturbed by the rest of the machine)."""
    best = None
    for _ in range(repeat):
        r = run(argv, stdin_path, stdout_path, env)
        if best is None or r[1].wall < best[1].wall:
            best = r
    return best


def mbs(nbytes, secs):
    return nbytes / 1e6 / secs if secs > 0 else float("inf")


def file_digest(path):
    import hashlib
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def startup(chronicle, tmp, runs):
    """Median wall time of extract on one short line (rules compiled, JIT, one document out)."""
    one = os.path.join(tmp, "one.txt")
    with open(one, "w") as f:
        f.write("Talks resumed on Monday.\n")
    times = []
    for _ in range(runs):
        rc, use, err = run([chronicle, "extract", "--dct", "2014-12-03", "--format", "jsonl"], one)
        if rc != 0:
            sys.exit("bench: chronicle extract failed on one line (exit %d): %s" % (rc, err.strip()))
        times.append(use.wall)
    return statistics.median(times), min(times)


def chrono_peer():
    """argv of the chrono-node peer, or None with the reason."""
    node = shutil.which("node")
    if not node:
        return None, "node is not installed"
    if not os.path.isdir(os.path.join(HERE, "node_modules", "chrono-node")):
        return None, "chrono-node is not installed (make bench-peers)"
    return [node, os.path.join(HERE, "chrono_peer.js")], None


def callgrind(chronicle, corpus, tmp, nbytes, jobs_hint):
    """Instructions per byte of input, two ways: the second half of the slice's (the instructions of the
    whole slice less those of its first half, over the bytes of the second half: what a byte costs once the
    fixed costs are paid, start-up and each rule's JIT compilation at its first match), and the whole
    slice's less those of a one-line run."""
    vg = shutil.which("valgrind")
    if not vg:
        return None, "valgrind is not installed (apt-get install valgrind)"
    half_path = os.path.join(tmp, "half.jsonl")
    slice_path = os.path.join(tmp, "slice.jsonl")
    got = half = 0
    with open(corpus, "rb") as fin, open(slice_path, "wb") as fout, open(half_path, "wb") as fhalf:
        for line in fin:
            fout.write(line)
            got += len(line)
            if got <= nbytes // 2 or not half:
                fhalf.write(line)
                half = got
            if got >= nbytes:
                break
    one = os.path.join(tmp, "one.jsonl")
    with open(one, "w") as f:
        f.write('{"id":"x","date":"2014-12-03","text":"Talks resumed."}\n')

    def ir(path):
        out = os.path.join(tmp, "callgrind.out")
        argv = [vg, "--tool=callgrind", "--callgrind-out-file=" + out, chronicle, "extract", "--format", "jsonl"]
        rc, _, err = run(argv, path)
        if rc != 0:
            sys.exit("bench: callgrind run failed (exit %d): %s" % (rc, err[-400:]))
        with open(out) as f:
            for line in f:
                if line.startswith("summary:") or line.startswith("totals:"):
                    return int(line.split()[1])
        sys.exit("bench: no totals in the callgrind output")

    base = ir(one)
    first = ir(half_path)
    total = ir(slice_path)
    if got <= half:
        return (total - base) / got, "%d bytes less a one-line run's %.1f M instructions" % (got, base / 1e6)
    return (total - first) / (got - half), ("the second half of the first %d bytes; %.0f over all of them "
                                            "less a one-line run's %.1f M instructions" %
                                            (got, (total - base) / got, base / 1e6))


# --- Main ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description="chronicle speed benchmark: MB/s, documents/s, peak memory, "
                                 "-j N scaling, against grep and chrono-node on the same bytes")
    ap.add_argument("--size", type=parse_size, default=parse_size("16M"),
                    help="corpus size in bytes (K, M, G = 10^3, 10^6, 10^9; default 16M)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2,
                    help="threads for the parallel run (default: the number of CPUs, %(default)s)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each command; the fastest counts")
    ap.add_argument("--chronicle", default=os.path.join(SRC, "build", "chronicle"))
    ap.add_argument("--corpora", default=os.environ.get("CHRONICLE_CORPORA",
                                                        os.path.join(SRC, "..", "shared", "corpora")))
    ap.add_argument("--corpus", metavar="FILE", help="keep the generated corpus in FILE")
    ap.add_argument("--startup-runs", type=int, default=21, help="runs for the start-up median (default 21)")
    ap.add_argument("--callgrind", nargs="?", const="300K", type=parse_size, metavar="SIZE",
                    help="also count instructions per byte under callgrind on the first SIZE of the corpus "
                    "(default 300K; slow: about 50 times the plain run)")
    ap.add_argument("--no-peer", action="store_true", help="do not run chrono-node even when installed")
    a = ap.parse_args()
    if a.jobs < 2:
        ap.error("--jobs must be 2 or more (1 thread is always measured)")
    if not os.access(a.chronicle, os.X_OK):
        sys.exit("bench: %s is not built (make build)" % a.chronicle)
    global RUNSTAT
    runstat = os.path.join(os.path.dirname(os.path.abspath(a.chronicle)), "chronicle_runstat")
    RUNSTAT = runstat if os.access(runstat, os.X_OK) else None
    if not RUNSTAT:
        print("note: %s is not built: peak RSS measured from Python (counts its pages)" % runstat)

    tmp = tempfile.mkdtemp(prefix="chronicle-bench.")
    try:
        corpus = a.corpus or os.path.join(tmp, "corpus.jsonl")
        nbytes, ndocs, desc = build_corpus(corpus, os.path.abspath(a.corpora), a.size)
        uname = os.uname()
        cpu = "?"
        try:
            with open("/proc/cpuinfo") as f:
                cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
        except (OSError, StopIteration):
            pass
        print("machine: %s, %d CPUs, %s %s, load average %.2f before the run" % (
            cpu, os.cpu_count() or 0, uname.sysname, uname.release, os.getloadavg()[0]))
        print("corpus:  %.1f MB, %d records (%s, replicated)" % (nbytes / 1e6, ndocs, desc))
        print()

        ext = [a.chronicle, "extract", "--format", "jsonl", "--input", "jsonl"]
        rows = []
        out1 = os.path.join(tmp, "out1.jsonl")
        outn = os.path.join(tmp, "outN.jsonl")
        for label, argv, out in (("chronicle -j 1", ext, out1),
                                 ("chronicle -j %d" % a.jobs, ext + ["-j", str(a.jobs)], outn)):
            rc, use, err = best_of(a.repeat, argv, corpus, out)
            if rc not in (0, 1):
                sys.exit("bench: %s failed (exit %d): %s" % (" ".join(argv), rc, err.strip()[-400:]))
            rows.append((label, use))
        identical = file_digest(out1) == file_digest(outn)

        grep = ["grep", "-c", "-E", GREP_PATTERN]
        genv = dict(os.environ, LC_ALL="C")
        # not to /dev/null: GNU grep then stops at the first match, as with -q
        _, guse, _ = best_of(max(a.repeat, 3), grep, corpus, os.path.join(tmp, "grep.out"), env=genv)
        gwall = guse.wall
        rows.append(("grep -c -E (6 words)", guse))

        peer, why = (None, "not run (--no-peer)") if a.no_peer else chrono_peer()
        pwall = None
        if peer:
            rc, puse, err = best_of(a.repeat, peer, corpus)
            if rc != 0:
                print("chrono-node failed (exit %d): %s" % (rc, err.strip()[-400:]))
            else:
                pwall = puse.wall
                rows.append(("chrono-node (peer)", puse))

        print("%-24s %9s %10s %10s %10s %10s %10s" % (
            "", "wall s", "MB/s", "docs/s", "CPU s", "MB/CPU-s", "peak RSS"))
        for label, use in rows:
            print("%-24s %9.3f %10.2f %10.0f %10.2f %10.2f %7.1f MB" % (
                label, use.wall, mbs(nbytes, use.wall), ndocs / use.wall if use.wall > 0 else 0,
                use.cpu, mbs(nbytes, use.cpu), use.maxrss_kb / 1024))
        if not peer:
            print("%-24s %s" % ("chrono-node (peer)", "absent: " + why))
        print()
        w1, wn = rows[0][1].wall, rows[1][1].wall
        print("-j %d speed-up:          %.2fx (output %s)" % (
            a.jobs, w1 / wn if wn > 0 else 0, "byte-identical to -j 1" if identical else "DIFFERS from -j 1"))
        print("chronicle / grep:        %.4fx (1 thread), %.4fx (-j %d): grep is %.0f times faster" % (
            gwall / w1, gwall / wn, a.jobs, w1 / gwall if gwall > 0 else 0))
        if pwall:
            print("chronicle / chrono-node: %.2fx (1 thread), %.2fx (-j %d)" % (pwall / w1, pwall / wn, a.jobs))
        med, low = startup(a.chronicle, tmp, a.startup_runs)
        print("start-up (one line):     %.1f ms median of %d, %.1f ms fastest" % (
            med * 1e3, a.startup_runs, low * 1e3))
        if a.callgrind:
            ipb, note = callgrind(a.chronicle, corpus, tmp, a.callgrind, a.jobs)
            if ipb is None:
                print("instructions per byte:   absent: " + note)
            else:
                print("instructions per byte:   %.0f (callgrind, 1 thread, %s)" % (ipb, note))
        return 0 if identical else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
