#!/usr/bin/env python3
"""Benchmark: `tfgraph vars --stats` over a BERT-base-sized checkpoint.

Unless --checkpoint names one, creates (once, in --workdir) a TF2 checkpoint of
about 108 M float32 parameters (434 MB: 12 layers of attention and
feed-forward weights plus a 30522x768 embedding), written by real TensorFlow.
Then, on a warm page cache:
  * tfgraph: `tfgraph vars PREFIX --stats` (reads and CRC-checks every
    tensor, computes min/max/mean/std/NaN/Inf/zeros) and `tfgraph vars PREFIX`
    (listing); every command in a fresh process, --runs times;
  * TensorFlow: the same reads with tf.train.load_checkpoint(...).get_tensor
    for every variable plus numpy min/max/mean/std/isnan/isinf/zeros, all in
    one run of one process (import time excluded).
Reports wall time, CPU time (user+sys), throughput over the data-shard size
and peak RSS of each process, and the files the listing opened (with strace,
when installed). On a shared, loaded machine wall time includes waiting for a
CPU; the CPU-time throughput is what the code itself achieves, so the load
average is printed too.

Usage: $(scripts/python-env.sh) bench/checkpoint_stats.py --tfgraph build/tfgraph
           [--checkpoint PREFIX] [--workdir DIR] [--runs N] [--markdown]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY_READ = r"""
import os, resource, sys, time
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
import numpy as np
import tensorflow as tf
prefix = sys.argv[1]
t0 = time.perf_counter(); c0 = time.process_time()
reader = tf.train.load_checkpoint(prefix)
for name in sorted(reader.get_variable_to_shape_map()):
    v = np.asarray(reader.get_tensor(name))
    if v.dtype.kind == "f":
        finite = v[np.isfinite(v)]
        stats = (finite.min(), finite.max(), finite.mean(dtype=np.float64),
                 finite.std(dtype=np.float64), np.isnan(v).sum(), np.isinf(v).sum(),
                 (v == 0).sum())
    del v
wall = time.perf_counter() - t0; cpu = time.process_time() - c0
print(wall, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def make_checkpoint(prefix):
    if Path(prefix + ".index").exists():
        return
    print(f"generating a BERT-base-sized TF2 checkpoint at {prefix} ...", flush=True)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import numpy as np
    import tensorflow as tf
    rng = np.random.default_rng(0)
    variables = {}
    for layer in range(12):
        for name, shape in [("query", (768, 768)), ("key", (768, 768)), ("value", (768, 768)),
                            ("output", (768, 768)), ("intermediate", (768, 3072)),
                            ("ffn_output", (3072, 768))]:
            variables[f"layer_{layer}_{name}"] = tf.Variable(
                rng.standard_normal(shape, dtype=np.float32) * 0.02)
    variables["word_embeddings"] = tf.Variable(
        rng.standard_normal((30522, 768), dtype=np.float32) * 0.02)
    tf.train.Checkpoint(**variables).write(prefix)


def _gnu_time():
    path = shutil.which("time") or "/usr/bin/time"
    try:
        ok = subprocess.run([path, "--version"], capture_output=True).returncode == 0
    except OSError:
        return None
    return path if ok else None


GNU_TIME = _gnu_time()


def measure(cmd):
    """Runs cmd in a fresh process; returns (wall s, cpu s, peak RSS KiB) of it alone.

    A child of this Python process starts out with (and, through exec, keeps
    as its peak) this process's resident size, about 30 MiB, so peak RSS is
    taken from GNU time (a small parent) when installed; without it the
    figure is max(child, this process) and the wall/CPU times are the same.
    """
    t0 = time.perf_counter()
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        full = [GNU_TIME, "-f", "%M", "-o", out.name] + cmd if GNU_TIME else cmd
        proc = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            sys.exit(f"{cmd} exited with {code}")
        # CPU from wait4 (microseconds; on Linux it includes the reaped
        # grandchild) rather than time's 10 ms resolution.
        cpu = usage.ru_utime + usage.ru_stime
        if GNU_TIME:
            return wall, cpu, int(out.read().split()[-1])
    return wall, cpu, usage.ru_maxrss


def files_opened(cmd, folder):
    """Files under `folder` that cmd opens (strace), or None without strace."""
    strace = shutil.which("strace")
    if not strace:
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as log:
        subprocess.run([strace, "-f", "-e", "trace=openat,open", "-o", log.name] + cmd,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        opened = []
        for line in log:
            if '"' in line and "ENOENT" not in line:
                path = line.split('"')[1]
                if os.path.isfile(path) and Path(path).resolve().parent == folder:
                    opened.append(Path(path).name)
        return sorted(set(opened))


def summary(runs):
    walls, cpus, rss = zip(*runs)
    return {"wall": statistics.median(walls), "wall_best": min(walls),
            "cpu": statistics.median(cpus), "rss_mib": max(rss) / 1024}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tfgraph", required=True)
    ap.add_argument("--checkpoint", help="use this checkpoint prefix instead of generating one")
    ap.add_argument("--workdir", default="/tmp/tfgraph-bench")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table too")
    args = ap.parse_args()
    tfgraph = str(Path(args.tfgraph).resolve())
    if args.checkpoint:
        prefix = args.checkpoint
    else:
        os.makedirs(args.workdir, exist_ok=True)
        prefix = os.path.join(args.workdir, "bert_base")
        make_checkpoint(prefix)
    load_start = os.getloadavg()[0]

    meta = [json.loads(l) for l in subprocess.run(
        [tfgraph, "vars", prefix, "--json"], check=True, capture_output=True,
        text=True).stdout.splitlines()]
    head = meta[0]
    largest = max(r["bytes"] for r in meta if r.get("type") == "variable")
    data_files = [Path(f) for f in head["data_files"]]
    size = sum(f.stat().st_size for f in data_files)
    for f in data_files:  # warm the page cache
        with open(f, "rb") as fh:
            while fh.read(1 << 24):
                pass

    listing = summary([measure([tfgraph, "vars", prefix]) for _ in range(args.runs)])
    stats = summary([measure([tfgraph, "vars", prefix, "--stats"]) for _ in range(args.runs)])
    out = subprocess.run([sys.executable, "-c", PY_READ, prefix], check=True,
                         capture_output=True, text=True).stdout.split()
    tf = {"wall": float(out[0]), "wall_best": float(out[0]), "cpu": float(out[1]),
          "rss_mib": int(out[2]) / 1024}
    opened = files_opened([tfgraph, "vars", prefix], data_files[0].resolve().parent)
    load_end = os.getloadavg()[0]

    mb = size / 1e6
    print(f"checkpoint: {prefix} ({head['variables']} entries, {mb:.1f} MB data in "
          f"{len(data_files)} shard(s), largest tensor {largest / 2**20:.1f} MiB)")
    print(f"load average {load_start:.1f} at start, {load_end:.1f} at end, "
          f"{os.cpu_count()} CPUs; tfgraph: median of {args.runs} runs")
    print(f"tfgraph vars (listing): wall {listing['wall'] * 1e3:.1f} ms  "
          f"cpu {listing['cpu'] * 1e3:.1f} ms  peak rss {listing['rss_mib']:.0f} MiB")
    if opened is not None:
        print(f"  files of the checkpoint the listing opened: {', '.join(opened)}")
    rows = [("tfgraph vars --stats", stats), ("TensorFlow load_checkpoint", tf)]
    for label, r in rows:
        print(f"{label:26s}: wall {r['wall']:.3f} s ({mb / 1e3 / r['wall']:.2f} GB/s, best "
              f"{mb / 1e3 / r['wall_best']:.2f})  cpu {r['cpu']:.3f} s "
              f"({mb / 1e3 / r['cpu']:.2f} GB/s)  peak rss {r['rss_mib']:.0f} MiB")
    print(f"peak RSS of --stats minus the listing's: {stats['rss_mib'] - listing['rss_mib']:.0f}"
          f" MiB (largest tensor {largest / 2**20:.1f} MiB)")
    if args.markdown:
        print("\n| | wall | GB/s wall | CPU user+sys | GB/s CPU | peak RSS |")
        print("|---|---:|---:|---:|---:|---:|")
        print(f"| `tfgraph vars` (listing) | {listing['wall'] * 1e3:.1f} ms | | "
              f"{listing['cpu'] * 1e3:.1f} ms | | {listing['rss_mib']:.0f} MiB |")
        for label, r in rows:
            print(f"| {label} | {r['wall']:.3f} s | {mb / 1e3 / r['wall']:.2f} | "
                  f"{r['cpu']:.3f} s | {mb / 1e3 / r['cpu']:.2f} | {r['rss_mib']:.0f} MiB |")


if __name__ == "__main__":
    main()
