#!/usr/bin/env python3
"""chronicle_dask.py: the timeline of a news archive too big for one machine, on Dask distributed.

    chronicle_dask.py [--scheduler tcp://HOST:8786] -o TIMELINE.json [--chart CHART.png] SHARD.jsonl...

Map: the JSON Lines shards (local paths, or paths every worker sees on a shared filesystem) are cut into
partitions of whole lines (--blocksize) that the workers read themselves; each partition goes through
`chronicle timeline --input jsonl --format part` on a worker: the mentions of those articles in the part
format (the lean intermediate: no grouping, no rendering), a pure function of them. Reduce: the parts are
merged by `chronicle timeline --merge`, SPLIT_EVERY at a time, in a tree, up to one; the merges in between
write parts again, only the last one groups the mentions and renders. Merging is associative and
commutative and gives the timeline of all the articles, so the result is the same bytes as one
`chronicle timeline` over the whole archive, whatever the partitions, the order the tasks finish in, or a
worker lost on the way (its tasks are run again elsewhere: each is a pure function of its input). The last step writes the output format asked
for, and `chronicle render` draws the chart. With a local cluster, or --write-on-worker when the
output path is on storage the workers see, the last merge writes the output file itself (whole or
nothing) and the chart is drawn from it: the output, many times the articles for JSON, never travels
through the cluster; else the client writes both.

Without --scheduler a local cluster of --workers processes is started. The chronicle binary is
`chronicle` on the workers' PATH, or --chronicle PATH there, or --ship PATH: the binary is sent to every
worker (also those that join later) as a worker plugin; it needs the workers' libpcre2-8 and libjansson.
Progress goes to stderr. Exit status: 0; 1 some records were bad (reported, left out, as chronicle
timeline does); 2 usage; 3 chronicle failed on a partition or a merge (its message is shown)."""
import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time

BINARY_KEY = "chronicle-binary"


class ChronicleFailed(Exception):
    """chronicle exited with an error status on a worker."""


def _binary(spec):
    """The chronicle to run on this worker: a shipped one (spec "ship:NAME") or a path/name."""
    if spec.startswith("ship:"):
        from distributed import get_worker

        return os.path.join(get_worker().local_directory, spec[5:])
    return spec


def _run(spec, args, data):
    """Run chronicle with args, data on stdin; (stdout, stderr, status). A status of 2 or more raises."""
    p = subprocess.run([_binary(spec)] + args, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode >= 2:
        raise ChronicleFailed("chronicle %s: exit %d: %s" % (" ".join(args[:2]), p.returncode,
                                                           p.stderr.decode("utf-8", "replace").strip()))
    return p.stdout, p.stderr.decode("utf-8", "replace"), p.returncode


def map_partition(lines, spec, extra):
    """The part (timeline --format part) of one partition's records, with what chronicle said about bad ones."""
    data = "".join(l if l.endswith("\n") else l + "\n" for l in lines).encode("utf-8")
    out, err, rc = _run(spec, ["timeline", "--input", "jsonl", "--format", "part"] + extra + ["-"], data)
    return {"timeline": out, "messages": err if rc == 1 else "", "records": len(lines)}


def merge_parts(spec, final_args, *parts):
    """One timeline from several (their timelines merged); final_args: the output options of the last."""
    with tempfile.TemporaryDirectory(prefix="chronicle-merge-") as d:
        paths = []
        for i, p in enumerate(parts):
            path = os.path.join(d, "part-%d.json" % i)
            with open(path, "wb") as f:
                f.write(p["timeline"])
            paths.append(path)
        args = ["timeline", "--merge"] + (final_args if final_args is not None else ["--format", "part"]) + paths
        out, _, _ = _run(spec, args, b"")
    return {"timeline": out, "messages": "".join(p["messages"] for p in parts),
            "records": sum(p["records"] for p in parts)}


def render_chart(spec, part, title, ext, written=None, chart_path=None):
    """The chart of the merged timeline (chronicle render), as bytes; or, when the timeline was written to
    the path `written`, drawn from it straight to chart_path (None returned)."""
    if written:
        _run(spec, ["render", "--input", "timeline"] + (["--title", title] if title else []) +
             ["-o", chart_path, written], b"")
        return None
    with tempfile.TemporaryDirectory(prefix="chronicle-render-") as d:
        src, png = os.path.join(d, "timeline.json"), os.path.join(d, "chart" + ext)
        with open(src, "wb") as f:
            f.write(part["timeline"])
        _run(spec, ["render", "--input", "timeline"] + (["--title", title] if title else []) + ["-o", png, src],
             b"")
        with open(png, "rb") as f:
            return f.read()


def ship_plugin(path):
    """A worker plugin that writes the chronicle binary at path into each worker's directory."""
    from distributed.diagnostics.plugin import WorkerPlugin

    with open(path, "rb") as f:
        data = f.read()
    name = "chronicle-%s" % hashlib.sha256(data).hexdigest()[:16]

    class ShipBinary(WorkerPlugin):
        def setup(self, worker):
            dest = os.path.join(worker.local_directory, name)
            if not os.path.exists(dest):
                tmp = dest + ".tmp-%d" % os.getpid()
                with open(tmp, "wb") as f:
                    f.write(data)
                os.chmod(tmp, 0o755)
                os.replace(tmp, dest)

    return ShipBinary(), name


class Progress:
    """A line on stderr: partitions mapped, merges done, seconds."""

    def __init__(self, nmap, nmerge, quiet):
        self.nmap, self.nmerge, self.quiet = nmap, nmerge, quiet
        self.maps = self.merges = 0
        self.t0 = time.monotonic()
        self.last = 0.0

    def done(self, kind):
        if kind == "map":
            self.maps += 1
        else:
            self.merges += 1
        now = time.monotonic()
        if not self.quiet and (now - self.last > 0.2 or self.maps + self.merges == self.nmap + self.nmerge):
            self.last = now
            sys.stderr.write("\rchronicle-dask: mapped %d/%d partitions, merged %d/%d, %.1f s " %
                             (self.maps, self.nmap, self.merges, self.nmerge, now - self.t0))
            sys.stderr.flush()

    def end(self):
        if not self.quiet:
            sys.stderr.write("\n")


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="chronicle_dask.py",
        description="The timeline of JSON Lines shards, mapped and merged by chronicle on Dask distributed.")
    ap.add_argument("shards", nargs="+", help="JSON Lines files (globs allowed); workers must see them")
    ap.add_argument("-o", "--output", required=True, help="the timeline (whole or nothing)")
    ap.add_argument("--chart", help="also draw the chart with chronicle render (.png, .svg or .pdf)")
    ap.add_argument("--title", help="the chart's title")
    ap.add_argument("--format", default="json",
                    help="output format of chronicle timeline (json, jsonl, text, csv, timelinejs, task4)")
    ap.add_argument("--entity", help="only the events NAME takes part in (chronicle timeline --entity)")
    ap.add_argument("--scheduler", help="tcp://HOST:8786; without it, a local cluster is started")
    ap.add_argument("--workers", type=int, default=2, help="local cluster: worker processes (default 2)")
    ap.add_argument("--chronicle", default="chronicle", help="the chronicle binary on the workers")
    ap.add_argument("--ship", metavar="PATH", help="send this chronicle binary to the workers")
    ap.add_argument("--blocksize", default="1MiB", help="bytes of a partition (default 1MiB)")
    ap.add_argument("--split-every", type=int, default=8, help="parts per merge (default 8)")
    ap.add_argument("--text-field"), ap.add_argument("--date-field"), ap.add_argument("--id-field")
    ap.add_argument("--write-on-worker", action="store_true",
                    help="the last merge writes -o (and --chart) itself: the paths must be on storage the "
                         "workers see (the default with a local cluster); else the client writes them")
    ap.add_argument("--quiet", action="store_true", help="no progress line")
    a = ap.parse_args(argv)
    if a.split_every < 2:
        ap.error("--split-every must be 2 or more")
    if a.format not in ("json", "jsonl", "text", "csv", "timelinejs", "task4"):
        ap.error("--format: expected json, jsonl, text, csv, timelinejs or task4")
    if a.chart and a.format != "json":
        ap.error("--chart needs --format json")

    import dask.bag as db
    from dask import delayed
    from distributed import Client, LocalCluster, as_completed

    extra = []
    for opt in ("entity", "text_field", "date_field", "id_field"):
        v = getattr(a, opt)
        if v is not None:
            extra += ["--" + opt.replace("_", "-"), v]
    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        spec = a.chronicle
        if a.ship:
            plugin, name = ship_plugin(a.ship)
            client.register_worker_plugin(plugin, name=BINARY_KEY)
            spec = "ship:" + name
        bag = db.read_text(a.shards, blocksize=a.blocksize, linedelimiter="\n")
        parts = client.compute([delayed(map_partition, pure=True)(p, spec, extra) for p in bag.to_delayed()])
        kinds = {p.key: "map" for p in parts}
        # the merge tree: SPLIT_EVERY parts at a time; the last merge writes the output format
        # the output (23 times the articles for the JSON) goes straight to its file from the last merge
        # when the workers see it: it then never travels through the cluster
        on_worker = a.write_on_worker or not a.scheduler
        output = os.path.abspath(a.output)
        final = ["--format", a.format] + (["-o", output] if on_worker else [])
        level, merges = parts, []
        while len(level) > 1 or not merges:
            nxt = []
            last = len(level) <= a.split_every
            for i in range(0, len(level), a.split_every):
                f = client.submit(merge_parts, spec, final if last else None, *level[i:i + a.split_every],
                                  pure=True)
                kinds[f.key] = "merge"
                nxt.append(f)
            merges += nxt
            level = nxt
        result = level[0]
        progress = Progress(len(parts), len(merges), a.quiet)
        for f in as_completed(parts + merges):
            progress.done(kinds[f.key])
        progress.end()
        chart = None
        if a.chart:
            ext = os.path.splitext(a.chart)[1] or ".png"
            chart = client.submit(render_chart, spec, result, a.title, ext, output if on_worker else None,
                                  os.path.abspath(a.chart), pure=True).result()
        out = result.result()
    except ChronicleFailed as e:
        print("chronicle-dask: %s" % e, file=sys.stderr)
        return 3
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if not on_worker:
        write_whole(a.output, out["timeline"])
    if chart is not None:
        write_whole(a.chart, chart)
    if out["messages"]:
        sys.stderr.write(out["messages"])
    print("chronicle-dask: %d records in %d partitions -> %s%s" %
          (out["records"], len(parts), a.output, " and " + a.chart if a.chart else ""), file=sys.stderr)
    return 1 if out["messages"] else 0


def write_whole(path, data):
    """Write data to path through a temporary file beside it: whole or not at all."""
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".chronicle-dask-", dir=d)
    mask = os.umask(0)
    os.umask(mask)
    try:
        os.fchmod(fd, 0o666 & ~mask)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


if __name__ == "__main__":
    sys.exit(main())
