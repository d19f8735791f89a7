#!/usr/bin/env python3
"""Freeze benchmark: tfgraph vs TensorFlow's own freezing vs copying the bytes.

Makes two models with TensorFlow at run time (nothing is stored in the repo):
  bert   a BERT-base-sized TF1 checkpoint (tf.compat.v1.train.Saver): word,
         position and type embeddings, 12 transformer layers of 768/3072 with
         attention, LayerNorm and GELU, a pooler; ~110M float32 parameters,
         ~440 MB of variables, plus the Adam-free training bookkeeping a Saver
         writes (.meta with saver ops). Output: pooler/Tanh.
  resnet tf.keras.applications.ResNet50(weights=None) saved with
         tf.saved_model.save (TF2, resource variables, function library).
         Output: the serving_default signature.

Then, for each model, measures end to end (a fresh process each time, as a
user runs it) wall time and peak RSS of:
  tfgraph      `tfgraph freeze MODEL ... -o OUT.pb --force`
  tensorflow   TF1: tensorflow.python.tools.freeze_graph (--input_meta_graph,
               --input_checkpoint, --output_node_names); TF2: a script doing
               tf.saved_model.load + convert_variables_to_constants_v2 +
               write_graph (there is no TF tool for TF2 SavedModels)
  cp           `cp` of the checkpoint data file(s) (the I/O floor), and
  cp+sync      the same followed by `sync FILE` (tfgraph fsyncs its output)
Each is run --repeat times (default 3) after one warm-up; the median wall time,
the median CPU time (user+sys of the process and its children) and the largest
peak RSS are reported, with the frozen output sizes and the load average (the
machine may be shared: wall times then include waiting for a CPU).

Usage:
  $(scripts/python-env.sh) bench/freeze_bench.py --tfgraph build/tfgraph [--work DIR]
      [--repeat N] [--only bert|resnet] [--markdown]
The work folder (default /tmp/tfgraph-freeze-bench) keeps the generated models
between runs; delete it to regenerate.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

MEASURE = textwrap.dedent("""
    import resource, subprocess, sys, time, json
    t = time.perf_counter()
    p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss = ru.ru_maxrss * 1024
    print(json.dumps({"wall": wall, "rss": rss, "cpu": ru.ru_utime + ru.ru_stime,
                      "rc": p.returncode,
                      "err": p.stderr.decode(errors="replace")[-2000:]}))
""")


def measure(cmd):
    """Runs cmd in a fresh child of a fresh Python: wall time and peak RSS of cmd only."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *map(str, cmd)], capture_output=True,
                         text=True, check=True)
    r = json.loads(out.stdout)
    if r["rc"] != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({r['rc']}):\n{r['err']}")
    return r


def bench(name, cmd, repeat, cleanup=None):
    runs = []
    for i in range(repeat + 1):
        if cleanup:
            cleanup()
        r = measure(cmd)
        if i > 0:  # the first run warms the page cache and Python's imports
            runs.append(r)
    wall = statistics.median(r["wall"] for r in runs)
    cpu = statistics.median(r["cpu"] for r in runs)
    rss = max(r["rss"] for r in runs)
    print(f"  {name:12s} {wall:8.2f} s wall  {cpu:8.2f} s cpu   peak RSS {rss / 2**20:8.1f} MiB",
          flush=True)
    return {"name": name, "wall": wall, "cpu": cpu, "rss": rss, "runs": [r["wall"] for r in runs]}


# --------------------------------------------------------------------------
# Model generation (runs in a child process so this one stays small).

MAKE_BERT = textwrap.dedent("""
    import os, sys
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
    import numpy as np
    import tensorflow as tf
    tf.compat.v1.disable_eager_execution()
    out = sys.argv[1]
    H, L, I, V, P, heads = 768, 12, 3072, 30522, 512, 12
    init = tf.compat.v1.truncated_normal_initializer(stddev=0.02)

    def dense(x, n_in, n_out, name, act=None):
        with tf.compat.v1.variable_scope(name):
            w = tf.compat.v1.get_variable("kernel", [n_in, n_out], initializer=init)
            b = tf.compat.v1.get_variable("bias", [n_out], initializer=tf.zeros_initializer())
            y = tf.nn.bias_add(tf.matmul(x, w), b)
            return act(y) if act else y

    def layer_norm(x, name):
        with tf.compat.v1.variable_scope(name):
            g = tf.compat.v1.get_variable("gamma", [H], initializer=tf.ones_initializer())
            b = tf.compat.v1.get_variable("beta", [H], initializer=tf.zeros_initializer())
            m, v = tf.nn.moments(x, [-1], keepdims=True)
            return (x - m) * tf.math.rsqrt(v + 1e-12) * g + b

    ids = tf.compat.v1.placeholder(tf.int32, [None, None], name="input_ids")
    types = tf.compat.v1.placeholder_with_default(tf.zeros_like(ids), [None, None],
                                                  name="token_type_ids")
    batch, seq = tf.shape(ids)[0], tf.shape(ids)[1]
    with tf.compat.v1.variable_scope("bert"):
        with tf.compat.v1.variable_scope("embeddings"):
            we = tf.compat.v1.get_variable("word_embeddings", [V, H], initializer=init)
            te = tf.compat.v1.get_variable("token_type_embeddings", [2, H], initializer=init)
            pe = tf.compat.v1.get_variable("position_embeddings", [P, H], initializer=init)
            x = tf.gather(we, ids) + tf.gather(te, types) + pe[tf.newaxis, :seq, :]
            x = layer_norm(x, "LayerNorm")
        x = tf.reshape(x, [-1, H])
        for l in range(L):
            with tf.compat.v1.variable_scope(f"encoder/layer_{l}"):
                def split(t):
                    return tf.transpose(tf.reshape(t, [batch, seq, heads, H // heads]),
                                        [0, 2, 1, 3])
                q = split(dense(x, H, H, "attention/self/query"))
                k = split(dense(x, H, H, "attention/self/key"))
                v = split(dense(x, H, H, "attention/self/value"))
                a = tf.nn.softmax(tf.matmul(q, k, transpose_b=True) / 8.0)
                c = tf.reshape(tf.transpose(tf.matmul(a, v), [0, 2, 1, 3]), [-1, H])
                x = layer_norm(x + dense(c, H, H, "attention/output/dense"),
                               "attention/output/LayerNorm")
                h = dense(x, H, I, "intermediate/dense", tf.nn.gelu)
                x = layer_norm(x + dense(h, I, H, "output/dense"), "output/LayerNorm")
        first = tf.reshape(x, [batch, seq, H])[:, 0, :]
        with tf.compat.v1.variable_scope("pooler"):
            pooled = dense(first, H, H, "dense", tf.tanh)
    tf.identity(pooled, name="pooler/Tanh")
    step = tf.compat.v1.train.get_or_create_global_step()
    saver = tf.compat.v1.train.Saver()
    with tf.compat.v1.Session() as s:
        s.run(tf.compat.v1.global_variables_initializer())
        saver.save(s, os.path.join(out, "model.ckpt"))
    n = sum(int(np.prod(v.shape)) for v in tf.compat.v1.global_variables())
    print(n)
""")

MAKE_RESNET = textwrap.dedent("""
    import os, sys
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
    import tensorflow as tf
    m = tf.keras.applications.ResNet50(weights=None)
    tf.saved_model.save(m, sys.argv[1])
    print(m.count_params())
""")

TF2_FREEZE = textwrap.dedent("""
    import os, sys
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
    import tensorflow as tf
    from tensorflow.python.framework import convert_to_constants
    m = tf.saved_model.load(sys.argv[1])
    f = m.signatures["serving_default"]
    frozen = convert_to_constants.convert_variables_to_constants_v2(f)
    tf.io.write_graph(frozen.graph.as_graph_def(), os.path.dirname(sys.argv[2]),
                      os.path.basename(sys.argv[2]), as_text=False)
""")


def make(script, out, what):
    if out.exists() and any(out.iterdir()):
        print(f"{what}: using {out}")
        return
    out.mkdir(parents=True, exist_ok=True)
    print(f"{what}: generating in {out} ...", flush=True)
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", script, str(out)], capture_output=True, text=True)
    if p.returncode != 0:
        shutil.rmtree(out)
        raise RuntimeError(f"making {what} failed:\n{p.stderr[-3000:]}")
    print(f"{what}: {int(p.stdout.split()[-1]):,} parameters, "
          f"{time.perf_counter() - t:.0f} s", flush=True)


def size_of(paths):
    return sum(Path(p).stat().st_size for p in paths)


def run_bert(args, work):
    model = work / "bert"
    make(MAKE_BERT, model, "BERT-base TF1 checkpoint")
    data = sorted(model.glob("model.ckpt.data-*"))
    out_ours, out_tf, out_cp = work / "bert_tfgraph.pb", work / "bert_tf.pb", work / "bert_cp"
    print(f"BERT-base: checkpoint data {size_of(data) / 2**20:.1f} MiB")
    results = [
        bench("tfgraph", [args.tfgraph, "freeze", model, "--outputs", "pooler/Tanh", "-o",
                          out_ours, "--force"], args.repeat),
        bench("freeze_graph", [sys.executable, "-m", "tensorflow.python.tools.freeze_graph",
                               "--input_meta_graph", model / "model.ckpt.meta",
                               "--input_checkpoint", model / "model.ckpt",
                               "--output_graph", out_tf, "--output_node_names", "pooler/Tanh",
                               "--input_binary=true"], args.repeat),
        bench("cp", ["cp", data[0], out_cp], args.repeat),
        bench("cp+sync", ["sh", "-c", f"cp '{data[0]}' '{out_cp}' && sync '{out_cp}'"],
              args.repeat),
    ]
    return {"model": "BERT-base TF1 checkpoint", "data_bytes": size_of(data),
            "out_tfgraph": out_ours.stat().st_size, "out_tf": out_tf.stat().st_size,
            "results": results}


def run_resnet(args, work):
    model = work / "resnet50"
    make(MAKE_RESNET, model, "ResNet-50 TF2 SavedModel")
    data = sorted((model / "variables").glob("variables.data-*"))
    out_ours, out_tf, out_cp = work / "resnet_tfgraph.pb", work / "resnet_tf.pb", work / "resnet_cp"
    print(f"ResNet-50: variables data {size_of(data) / 2**20:.1f} MiB")
    results = [
        bench("tfgraph", [args.tfgraph, "freeze", model, "--signature", "serving_default", "-o",
                          out_ours, "--force"], args.repeat),
        bench("tf cvc_v2", [sys.executable, "-c", TF2_FREEZE, model, out_tf], args.repeat),
        bench("cp", ["cp", data[0], out_cp], args.repeat),
        bench("cp+sync", ["sh", "-c", f"cp '{data[0]}' '{out_cp}' && sync '{out_cp}'"],
              args.repeat),
    ]
    return {"model": "ResNet-50 TF2 SavedModel", "data_bytes": size_of(data),
            "out_tfgraph": out_ours.stat().st_size, "out_tf": out_tf.stat().st_size,
            "results": results}


def markdown(report):
    lines = []
    for r in report:
        by = {x["name"]: x for x in r["results"]}
        ours = by["tfgraph"]
        tf_name = next(n for n in by if n not in ("tfgraph", "cp", "cp+sync"))
        lines.append(f"**{r['model']}** (variables {r['data_bytes'] / 2**20:.1f} MiB; frozen "
                     f".pb {r['out_tfgraph'] / 2**20:.1f} MiB tfgraph, "
                     f"{r['out_tf'] / 2**20:.1f} MiB TensorFlow)\n")
        lines.append("| | wall (median) | CPU user+sys | peak RSS | wall vs tfgraph |")
        lines.append("|---|---:|---:|---:|---:|")
        for x in r["results"]:
            ratio = x["wall"] / ours["wall"]
            lines.append(f"| {x['name']} | {x['wall']:.2f} s | {x['cpu']:.2f} s | "
                         f"{x['rss'] / 2**20:.0f} MiB | {ratio:.2f}x |")
        lines.append("")
        lines.append(f"tfgraph is {by[tf_name]['wall'] / ours['wall']:.1f}x faster than "
                     f"{tf_name}; {ours['wall'] / by['cp']['wall']:.2f}x the time of cp, "
                     f"{ours['wall'] / by['cp+sync']['wall']:.2f}x cp+sync; peak RSS "
                     f"{ours['rss'] / r['out_tfgraph']:.2f}x the output size.\n")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tfgraph", required=True, type=Path)
    ap.add_argument("--work", type=Path, default=Path("/tmp/tfgraph-freeze-bench"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", choices=["bert", "resnet"])
    ap.add_argument("--markdown", action="store_true", help="print a Markdown summary too")
    args = ap.parse_args()
    args.tfgraph = args.tfgraph.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    report = []
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    if args.only in (None, "bert"):
        report.append(run_bert(args, args.work))
    if args.only in (None, "resnet"):
        report.append(run_resnet(args, args.work))
    print(f"load average at end: {os.getloadavg()[0]:.1f}", flush=True)
    (args.work / "report.json").write_text(json.dumps(report, indent=1))
    if args.markdown:
        print()
        print(markdown(report))


if __name__ == "__main__":
    main()
