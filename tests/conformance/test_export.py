"""`tfgraph export` and `tfgraph unfreeze` against real TensorFlow.

For every sample and the suitable corpus models, the SavedModel tfgraph writes
must be one TensorFlow accepts and that computes what the source computes:
  * the TF1 loader (tf.compat.v1.saved_model.loader.load, tag serve, in a
    Session) and the TF2 loader (tf.saved_model.load) both load it;
  * `saved_model_cli show --all --dir` (the venv's own tool) lists the
    signatures, with exactly the text tfgraph printed for them;
  * running each signature on random inputs gives outputs bit-identical to
    running the source model in TensorFlow (frozen graph imported, .meta +
    checkpoint restored, or the source SavedModel loaded);
  * an unfrozen export's variables/ holds the source checkpoint's tensors
    bit for bit, and the variables TF restores from it equal them too;
  * unfreeze -> export -> TF load gives the frozen graph's outputs.
Bad input (a tensor that does not exist, a wrong dtype, an unreachable
output, a checkpoint without a needed variable, an existing folder) fails with
one stderr line and the documented exit code, and writes nothing.
"""

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import tensorflow as tf  # noqa: E402

v1 = tf.compat.v1
SAVED_MODEL_CLI = Path(sys.executable).parent / "saved_model_cli"

# Exit codes (cli/exit_codes.h).
USAGE, NOT_FOUND, EXISTS, CHECK = 2, 4, 5, 6


# ---------------------------------------------------------------------------
# TensorFlow helpers.

def random_value(dtype, shape, rng, batch=3):
    dims = [batch if d is None or d < 0 else d for d in shape] if shape is not None else [batch]
    dtype = tf.as_dtype(dtype)
    if dtype.is_floating:
        return rng.normal(size=dims).astype(dtype.as_numpy_dtype)
    if dtype.is_bool:
        return np.zeros(dims, dtype=bool)
    if dtype.is_integer:
        return rng.randint(0, 3, size=dims).astype(dtype.as_numpy_dtype)
    if dtype == tf.string:
        # Serialized tf.Examples with a float feature "x" (what the classify and
        # regress signatures of the half_plus_two family read).
        ex = tf.train.Example(features=tf.train.Features(feature={
            "x": tf.train.Feature(float_list=tf.train.FloatList(value=[1.5]))}))
        return np.array([ex.SerializeToString()] * int(np.prod(dims)), dtype=object).reshape(dims)
    raise AssertionError(f"no random values for {dtype}")


def info_shape(info):
    if info.tensor_shape.unknown_rank:
        return None
    return [d.size for d in info.tensor_shape.dim]


def signature_feeds(sig, seed=7, overrides=None):
    rng = np.random.RandomState(seed)
    feeds = {}
    for key in sorted(sig.inputs):
        info = sig.inputs[key]
        if overrides and key in overrides:
            feeds[key] = overrides[key]
        else:
            feeds[key] = random_value(info.dtype, info_shape(info), rng)
    return feeds


def run_v1(export_dir, tags=("serve",), sigs=None, feeds_by_sig=None, overrides=None):
    """Loads with the TF1 loader; runs every (or the given) signature. -> {key: outputs|error}."""
    results = {}
    graph = tf.Graph()
    with graph.as_default(), v1.Session(graph=graph) as sess:
        meta = v1.saved_model.loader.load(sess, list(tags), str(export_dir))
        keys = sigs or sorted(k for k in meta.signature_def if not k.startswith("__"))
        for key in keys:
            sig = meta.signature_def[key]
            if any(not t.name for t in list(sig.inputs.values()) + list(sig.outputs.values())):
                results[key] = ({}, "sparse or composite tensors: not run")
                continue
            feeds = (feeds_by_sig or {}).get(key) or signature_feeds(sig, overrides=overrides)
            fetches = {k: v.name for k, v in sig.outputs.items()}
            try:
                out = sess.run(fetches, {sig.inputs[k].name: v for k, v in feeds.items()})
                results[key] = (feeds, out)
            except (tf.errors.OpError, ValueError) as e:
                results[key] = (feeds, type(e).__name__)
        return meta, results


def run_v2(export_dir, key, feeds, tags=None):
    loaded = tf.saved_model.load(str(export_dir), tags=tags)
    fn = loaded.signatures[key]
    out = fn(**{k: tf.constant(v) for k, v in feeds.items()})
    return {k: v.numpy() for k, v in out.items()}


def run_graphdef(pb, feeds, fetches):
    gd = tf.compat.v1.GraphDef()
    data = Path(pb).read_bytes()
    if str(pb).endswith(".pbtxt"):
        from google.protobuf import text_format
        text_format.Parse(data.decode(), gd)
    else:
        gd.ParseFromString(data)
    graph = tf.Graph()
    with graph.as_default(), v1.Session(graph=graph) as sess:
        tf.import_graph_def(gd, name="")
        return sess.run(fetches, feeds)


def run_meta_checkpoint(meta, prefix, feeds, fetches):
    graph = tf.Graph()
    with graph.as_default(), v1.Session(graph=graph) as sess:
        saver = v1.train.import_meta_graph(str(meta), clear_devices=True)
        saver.restore(sess, str(prefix))
        sess.run(v1.tables_initializer())
        return sess.run(fetches, feeds)


def assert_same(a, b, what):
    assert set(a) == set(b), (what, sorted(a), sorted(b))
    for k in a:
        x, y = np.asarray(a[k]), np.asarray(b[k])
        assert x.dtype == y.dtype and x.shape == y.shape, (what, k, x.dtype, y.dtype, x.shape, y.shape)
        if x.dtype == object:
            assert x.tolist() == y.tolist(), (what, k)
        else:
            assert x.tobytes() == y.tobytes(), (what, k, x, y)


def signature_blocks(text):
    """The signature part of `saved_model_cli show --all` output (ops and
    functions lines excluded), one block per tag-set."""
    blocks, current = [], None
    for line in text.splitlines():
        if line.startswith("MetaGraphDef with tag-set:"):
            current = [line]
            blocks.append(current)
        elif line.startswith("The MetaGraph with tag set") or line.startswith("Concrete Functions"):
            current = None
        elif current is not None and line.strip():
            current.append(line)
    return blocks


def saved_model_cli_show(export_dir):
    proc = subprocess.run([str(SAVED_MODEL_CLI), "show", "--all", "--dir", str(export_dir)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def check_export(export_dir, tfgraph_stdout, sigs, tags=("serve",), run_cli=True, overrides=None):
    """The common acceptance checks: both loaders, saved_model_cli, the text we printed."""
    assert (export_dir / "saved_model.pb").is_file()
    if run_cli:
        shown = saved_model_cli_show(export_dir)
        for key in sigs:
            assert f"signature_def['{key}']" in shown, (key, shown[-3000:])
        ours = signature_blocks(tfgraph_stdout)
        theirs = signature_blocks(shown)
        assert ours == theirs, (ours, theirs)
    meta, results = run_v1(export_dir, tags=tags, overrides=overrides)
    assert set(sigs) <= set(results), (sigs, sorted(results))
    for key in sigs:
        feeds, out = results[key]
        assert not isinstance(out, str), (key, out)
        tf2 = run_v2(export_dir, key, feeds, tags=list(tags) if tags != ("serve",) else None)
        assert_same(tf2, out, f"TF2 loader vs TF1 loader, signature {key}")
    return meta, results


def nothing_written(dest):
    assert not Path(dest).exists(), f"{dest} was written"
    parent = Path(dest).parent
    if parent.is_dir():
        leftovers = [p.name for p in parent.iterdir() if ".tfgraph-tmp-" in p.name]
        assert not leftovers, leftovers


def one_line_error(proc, code, *needles):
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("tfgraph: ")
    for n in needles:
        assert n in lines[0], (n, lines[0])
    assert proc.stdout == ""


def export_bundle_matches_source(export_dir, source_prefix):
    """Every tensor in the export's variables/ equals the source checkpoint's."""
    ours = tf.train.load_checkpoint(str(export_dir / "variables" / "variables"))
    src = tf.train.load_checkpoint(str(source_prefix))
    keys = ours.get_variable_to_shape_map()
    assert keys, "variables/ is empty"
    for key in keys:
        a, b = ours.get_tensor(key), src.get_tensor(key)
        assert a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes(), key
    return sorted(keys)


def restored_variables_match(export_dir, source_prefix):
    """After the TF1 loader restores, each restored variable equals the source value."""
    keys = set(tf.train.load_checkpoint(str(export_dir / "variables" / "variables"))
               .get_variable_to_shape_map())
    src = tf.train.load_checkpoint(str(source_prefix))
    checked = 0
    graph = tf.Graph()
    with graph.as_default(), v1.Session(graph=graph) as sess:
        v1.saved_model.loader.load(sess, ["serve"], str(export_dir))
        for var in v1.global_variables():
            info = getattr(var, "_save_slice_info", None)
            key = info.full_name if info else var.op.name
            if key not in keys:
                continue
            want = src.get_tensor(key)
            if info:
                want = want[tuple(slice(o, o + s) for o, s in zip(info.var_offset, info.var_shape))]
            got = sess.run(var)
            assert got.tobytes() == np.ascontiguousarray(want).tobytes(), var.name
            checked += 1
    assert checked > 0
    return checked


# ---------------------------------------------------------------------------
# Samples.

MLP_INPUT = np.random.RandomState(3).normal(size=(5, 8)).astype(np.float32)


@pytest.mark.parametrize("name", ["frozen.pb", "frozen.pbtxt"])
def test_frozen_graph(tfgraph, samples_dir, tmp_path, name):
    src = samples_dir / "frozen" / name
    out = tmp_path / "sm"
    proc = tfgraph.run("export", src, "--inputs", "input",
                       "--outputs", "probabilities=output/probabilities,logits=output/logits",
                       "-o", out)
    assert "input -> input:0" in proc.stdout
    assert not (out / "variables" / "variables.index").exists()  # variable-free
    check_export(out, proc.stdout, ["serving_default"], run_cli=name == "frozen.pb")
    _, res = run_v1(out, feeds_by_sig={"serving_default": {"input": MLP_INPUT}})
    want = run_graphdef(src, {"input:0": MLP_INPUT},
                        {"probabilities": "output/probabilities:0", "logits": "output/logits:0"})
    assert_same(res["serving_default"][1], want, "export vs frozen graph")


@pytest.mark.parametrize("sample", ["tf1_checkpoint", "tf1_checkpoint_resource"])
def test_checkpoint_to_unfrozen_saved_model(tfgraph, samples_dir, tmp_path, sample):
    src = samples_dir / sample
    out = tmp_path / "serving"
    proc = tfgraph.run("export", src, "--inputs", "input",
                       "--outputs", "output/probabilities,output/logits,classes=output/classes",
                       "--version", "3", "-o", out)
    version = out / "3"
    assert sorted(p.name for p in out.iterdir()) == ["3"]
    meta, _ = check_export(version, proc.stdout, ["serving_default"])
    # Only what the signature needs went to variables/, bit for bit.
    keys = export_bundle_matches_source(version, src / "model.ckpt-6")
    assert "hidden1/dense/weights" in keys and "global_step" not in keys
    assert not any("Adam" in k for k in keys)
    assert restored_variables_match(version, src / "model.ckpt-6") == len(keys)
    # Same outputs as restoring the training checkpoint in TensorFlow.
    fetches = {"output/probabilities": "output/probabilities:0", "output/logits": "output/logits:0",
               "classes": "output/classes:0"}
    want = run_meta_checkpoint(src / "model.ckpt-6.meta", src / "model.ckpt-6",
                               {"input:0": MLP_INPUT}, fetches)
    _, res = run_v1(version, feeds_by_sig={"serving_default": {"input": MLP_INPUT}})
    assert_same(res["serving_default"][1], want, "export vs checkpoint")
    assert meta.signature_def["serving_default"].outputs["classes"].dtype == tf.int64.as_datatype_enum
    # The saver's save path works too: re-saving the loaded model writes the same tensors.
    graph = tf.Graph()
    with graph.as_default(), v1.Session(graph=graph) as sess:
        loaded = v1.saved_model.loader.load(sess, ["serve"], str(version))
        saver = v1.train.Saver(saver_def=loaded.saver_def)
        saver.save(sess, str(tmp_path / "resaved" / "ckpt"), write_meta_graph=False)
    resaved = tf.train.load_checkpoint(str(tmp_path / "resaved" / "ckpt"))
    assert sorted(resaved.get_variable_to_shape_map()) == keys
    src_reader = tf.train.load_checkpoint(str(src / "model.ckpt-6"))
    for key in keys:
        assert resaved.get_tensor(key).tobytes() == src_reader.get_tensor(key).tobytes(), key


def test_all_variables_copies_the_bundle(tfgraph, samples_dir, tmp_path):
    src = samples_dir / "tf1_checkpoint"
    out = tmp_path / "sm"
    proc = tfgraph.run("export", src / "model.ckpt-6", "--inputs", "input",
                       "--outputs", "output/probabilities", "--all-variables", "-o", out)
    assert "copied" in proc.stdout
    assert (out / "variables" / "variables.index").read_bytes() == \
        (src / "model.ckpt-6.index").read_bytes()
    assert (out / "variables" / "variables.data-00000-of-00001").read_bytes() == \
        (src / "model.ckpt-6.data-00000-of-00001").read_bytes()
    check_export(out, proc.stdout, ["serving_default"], run_cli=False)
    assert restored_variables_match(out, src / "model.ckpt-6") == 37


def test_partitioned_variables(tfgraph, samples_dir, tmp_path):
    src = samples_dir / "partitioned"
    out = tmp_path / "sm"
    proc = tfgraph.run("export", src, "--inputs", "ids", "--outputs", "output/probabilities",
                       "-o", out)
    check_export(out, proc.stdout, ["serving_default"], run_cli=False)
    export_bundle_matches_source(out, src / "model.ckpt-4")
    assert restored_variables_match(out, src / "model.ckpt-4") == 7  # 3 + 3 parts + bias
    ids = np.random.RandomState(5).randint(0, 30, size=(4, 3)).astype(np.int64)
    want = run_meta_checkpoint(src / "model.ckpt-4.meta", src / "model.ckpt-4", {"ids:0": ids},
                               {"output/probabilities": "output/probabilities:0"})
    _, res = run_v1(out, feeds_by_sig={"serving_default": {"ids": ids}})
    assert_same(res["serving_default"][1], want, "export vs checkpoint")


def test_several_signatures_in_one_call(tfgraph, samples_dir, tmp_path):
    out = tmp_path / "sm"
    proc = tfgraph.run("export", samples_dir / "tf1_checkpoint",
                       "--signature", "probs", "--inputs", "x=input",
                       "--outputs", "p=output/probabilities",
                       "--signature", "scores", "--method", "regress",
                       "--inputs", "x=input", "--outputs", "l=output/logits",
                       "-o", out, expect=None)
    # regress needs a string input "inputs": refused before anything is written.
    one_line_error(proc, USAGE, "signature 'scores'", "inputs")
    nothing_written(out)
    proc = tfgraph.run("export", samples_dir / "tf1_checkpoint",
                       "--inputs", "x=input", "--outputs", "p=output/probabilities",
                       "--signature", "probs",
                       "--signature", "logits", "--inputs", "x=input",
                       "--outputs", "l=output/logits", "-o", out)
    meta, res = check_export(out, proc.stdout, ["probs", "logits"], run_cli=False)
    assert "serving_default" not in meta.signature_def
    assert "no 'serving_default' signature" in proc.stderr


def test_lookup_table_saved_model_gains_a_signature(tfgraph, samples_dir, tmp_path):
    src = samples_dir / "lookup_table"
    out = tmp_path / "sm"
    proc = tfgraph.run("export", src, "--signature", "word_ids",
                       "--inputs", "words@string", "--outputs", "ids=word_ids/LookupTableFindV2",
                       "-o", out)
    words = np.array([b"fox", b"zebra", b"the"], dtype=object)
    feeds = {"serving_default": {"words": words}, "decode": {"ids": np.array([4, 99], np.int64)},
             "word_ids": {"words": words}}
    meta, res = run_v1(out, feeds_by_sig=feeds)
    assert sorted(k for k in meta.signature_def if not k.startswith("__")) == \
        ["decode", "serving_default", "word_ids"]
    assert res["word_ids"][1]["ids"].tolist() == [4, -1, 1]
    _, base = run_v1(src, feeds_by_sig=feeds)
    for key in ("serving_default", "decode"):
        assert_same(res[key][1], base[key][1], f"re-export vs source, {key}")
    assert (out / "assets" / "vocab.txt").read_bytes() == (src / "assets" / "vocab.txt").read_bytes()
    check_export(out, proc.stdout, ["serving_default", "decode", "word_ids"], run_cli=True)
    tf2 = run_v2(out, "word_ids", {"words": words})
    assert tf2["ids"].tolist() == [4, -1, 1]


def test_checkpoint_with_table_initializer_and_asset(tfgraph, samples_dir, tmp_path):
    """A TF1 .meta whose hash table reads a vocabulary file: the init op runs it
    and the file travels in assets/ (the baked-in path no longer exists)."""
    work = tmp_path / "train"
    work.mkdir()
    (work / "labels.txt").write_text("cat\ndog\nbird\n")
    graph = tf.Graph()
    with graph.as_default():
        words = v1.placeholder(tf.string, [None], name="words")
        table = v1.lookup.StaticHashTable(
            v1.lookup.TextFileInitializer(str(work / "labels.txt"), tf.string,
                                          v1.lookup.TextFileIndex.WHOLE_LINE, tf.int64,
                                          v1.lookup.TextFileIndex.LINE_NUMBER), -1)
        scale = v1.get_variable("scale", [], initializer=v1.constant_initializer(2.0))
        ids = table.lookup(words)
        tf.identity(tf.cast(ids, tf.float32) * scale, name="scaled")
        with v1.Session(graph=graph) as sess:
            sess.run(v1.global_variables_initializer())
            v1.train.Saver().save(sess, str(work / "model.ckpt"))
    # The training folder goes away; only the checkpoint and a copy of the vocabulary remain.
    ckpt = tmp_path / "ckpt"
    shutil.copytree(work, ckpt)
    shutil.rmtree(work)
    out = tmp_path / "sm"
    proc = tfgraph.run("export", ckpt / "model.ckpt.meta", "--inputs", "words",
                       "--outputs", "scaled", "-o", out)
    assert (out / "assets" / "labels.txt").read_text() == "cat\ndog\nbird\n"
    meta, _ = check_export(out, proc.stdout, ["serving_default"], run_cli=False)
    assert "__saved_model_init_op" in meta.signature_def
    assert meta.asset_file_def[0].filename == "labels.txt"
    feeds = {"serving_default": {"words": np.array([b"dog", b"cow", b"bird"], dtype=object)}}
    _, res = run_v1(out, feeds_by_sig=feeds)
    assert res["serving_default"][1]["scaled"].tolist() == [2.0, -2.0, 4.0]


def test_tf1_saved_model_rename_and_retag(tfgraph, samples_dir, tmp_path):
    src = samples_dir / "tf1_saved_model"
    out = tmp_path / "sm"
    proc = tfgraph.run("export", src, "--tag-set", "serve", "--rename-signature",
                       "classify=iris", "--tags", "serve,cpu", "-o", out)
    examples = np.array([tf.train.Example(features=tf.train.Features(feature={
        "x": tf.train.Feature(float_list=tf.train.FloatList(value=[0.5, -1.0, 2.0, i]))}))
        .SerializeToString() for i in range(3)], dtype=object)
    x = np.random.RandomState(4).normal(size=(3, 4)).astype(np.float32)
    _, res = run_v1(out, tags=("serve", "cpu"),
                    feeds_by_sig={"iris": {"inputs": examples}, "serving_default": {"x": x}})
    assert sorted(res) == ["iris", "serving_default"]
    _, base = run_v1(src, tags=("serve",),
                     feeds_by_sig={"classify": {"inputs": examples}, "serving_default": {"x": x}})
    assert_same(res["serving_default"][1], base["serving_default"][1], "serving_default")
    assert_same(res["iris"][1], base["classify"][1], "renamed classify")
    # The train MetaGraph is carried over untouched.
    _, train = run_v1(out, tags=("train",), sigs=["train"],
                      overrides={"labels": np.array([0, 1, 2], np.int64)})
    assert not isinstance(train["train"][1], str)
    shown = saved_model_cli_show(out)
    assert "signature_def['iris']" in shown and "tag-set: 'serve, cpu'" in shown
    assert signature_blocks(proc.stdout) == signature_blocks(shown)


def test_tf2_saved_model_rename(tfgraph, samples_dir, tmp_path):
    src = samples_dir / "tf2_saved_model"
    out = tmp_path / "sm"
    proc = tfgraph.run("export", src, "--rename-signature", "iterate=loop",
                       "--drop-signature", "bump", "-o", out)
    loaded = tf.saved_model.load(str(out))
    assert sorted(loaded.signatures) == ["loop", "serving_default"]
    x = np.random.RandomState(2).normal(size=(2, 4)).astype(np.float32)
    got = loaded.signatures["serving_default"](x=tf.constant(x))
    want = tf.saved_model.load(str(src)).signatures["serving_default"](x=tf.constant(x))
    assert_same({k: v.numpy() for k, v in got.items()}, {k: v.numpy() for k, v in want.items()},
                "TF2 re-export")
    _, res = run_v1(out, sigs=["loop", "serving_default"],
                    overrides={"steps": np.array(2, np.int32)})
    assert not isinstance(res["loop"][1], str)
    assert "signature_def['loop']" in saved_model_cli_show(out)
    assert "loop" in proc.stdout


def test_tf2_saved_model_gains_a_graph_signature(tfgraph, samples_dir, tmp_path):
    src = samples_dir / "tf2_saved_model"
    out = tmp_path / "sm"
    proc = tfgraph.run("export", src, "--signature", "probs", "--inputs", "x=serving_default_x",
                       "--outputs", "p=StatefulPartitionedCall_2:1", "-o", out)
    assert "object graph" in proc.stdout
    x = np.random.RandomState(6).normal(size=(3, 4)).astype(np.float32)
    loaded = tf.saved_model.load(str(out))
    assert {"probs", "serving_default", "iterate", "bump"} <= set(loaded.signatures)
    got = loaded.signatures["probs"](x=tf.constant(x))["p"].numpy()
    want = tf.saved_model.load(str(src)).signatures["serving_default"](x=tf.constant(x))
    assert got.tobytes() == want["probabilities"].numpy().tobytes()
    _, res = run_v1(out, sigs=["probs"], feeds_by_sig={"probs": {"x": x}})
    assert res["probs"][1]["p"].tobytes() == got.tobytes()


def test_rerun_adds_a_signature_in_place(tfgraph, samples_dir, tmp_path):
    out = tmp_path / "sm"
    tfgraph.run("export", samples_dir / "tf1_checkpoint", "--inputs", "input",
                "--outputs", "output/probabilities", "-o", out)
    before = (out / "variables" / "variables.index").read_bytes()
    # Without --force the folder is not touched.
    proc = tfgraph.run("export", out, "--signature", "logits", "--inputs", "input",
                       "--outputs", "output/logits", "-o", out, expect=None)
    one_line_error(proc, EXISTS, "already exists", "--force")
    proc = tfgraph.run("export", out, "--signature", "logits", "--inputs", "input",
                       "--outputs", "output/logits", "-o", out, "--force")
    assert (out / "variables" / "variables.index").read_bytes() == before
    meta, res = check_export(out, proc.stdout, ["serving_default", "logits"], run_cli=False)
    feeds = {"serving_default": {"input": MLP_INPUT}, "logits": {"input": MLP_INPUT}}
    _, res = run_v1(out, feeds_by_sig=feeds)
    want = run_meta_checkpoint(samples_dir / "tf1_checkpoint" / "model.ckpt-6.meta",
                               samples_dir / "tf1_checkpoint" / "model.ckpt-6",
                               {"input:0": MLP_INPUT}, {"output/logits": "output/logits:0"})
    assert_same(res["logits"][1], want, "added signature")
    assert not [p for p in tmp_path.iterdir() if ".tfgraph-tmp-" in p.name]


def test_unfreeze_then_export(tfgraph, samples_dir, tmp_path):
    frozen = samples_dir / "frozen" / "frozen.pb"
    ckpt = tmp_path / "unfrozen"
    proc = tfgraph.run("unfreeze", frozen, "-o", ckpt, "--min-bytes", "64", "--json")
    variables = [r for r in map(__import__("json").loads, proc.stdout.splitlines())
                 if r["type"] == "variable"]
    assert len(variables) >= 4
    # The checkpoint holds the frozen constants bit for bit.
    gd = tf.compat.v1.GraphDef()
    gd.ParseFromString(frozen.read_bytes())
    consts = {n.name: tf.make_ndarray(n.attr["value"].tensor) for n in gd.node if n.op == "Const"}
    reader = tf.train.load_checkpoint(str(ckpt / "model.ckpt"))
    for key in reader.get_variable_to_shape_map():
        assert reader.get_tensor(key).tobytes() == consts[key].tobytes(), key
    # TensorFlow restores it as a trainable checkpoint.
    graph = tf.Graph()
    with graph.as_default(), v1.Session(graph=graph) as sess:
        saver = v1.train.import_meta_graph(str(ckpt / "model.ckpt.meta"))
        saver.restore(sess, v1.train.latest_checkpoint(str(ckpt)))
        assert len(v1.trainable_variables()) == len(variables)
        got = sess.run("output/probabilities:0", {"input:0": MLP_INPUT})
    want = run_graphdef(frozen, {"input:0": MLP_INPUT}, "output/probabilities:0")
    assert got.tobytes() == want.tobytes()
    # ... and export makes it a servable SavedModel again.
    out = tmp_path / "sm"
    proc = tfgraph.run("export", ckpt, "--inputs", "input", "--outputs",
                       "probabilities=output/probabilities", "-o", out)
    check_export(out, proc.stdout, ["serving_default"], run_cli=False)
    _, res = run_v1(out, feeds_by_sig={"serving_default": {"input": MLP_INPUT}})
    assert res["serving_default"][1]["probabilities"].tobytes() == want.tobytes()
    export_bundle_matches_source(out, ckpt / "model.ckpt")


# ---------------------------------------------------------------------------
# Bad input: one line, the documented exit code, nothing written.

def test_bad_inputs(tfgraph, samples_dir, tmp_path):
    src = samples_dir / "tf1_checkpoint"
    out = tmp_path / "never"
    cases = [
        (["--inputs", "input", "--outputs", "output/probabilitys"], NOT_FOUND,
         ["output 'output/probabilitys'", "did you mean 'output/probabilities'"]),
        (["--inputs", "input@int32", "--outputs", "output/probabilities"], USAGE,
         ["input:0 is float32, not int32"]),
        (["--inputs", "labels", "--outputs", "output/probabilities"], CHECK,
         ["not reachable from the signature's inputs (labels:0)"]),
        (["--inputs", "input", "--outputs", "loss/total"], CHECK,
         ["needs placeholder 'labels'"]),
        (["--inputs", "input", "--outputs", "output/probabilities:4"], NOT_FOUND,
         ["has 1 output"]),
        (["--inputs", "input", "--outputs", "output/probabilities", "--tags", ","], USAGE,
         ["at least one tag"]),
        (["--inputs", "input", "--outputs", "output/probabilities", "--method", "sort"], USAGE,
         ["unknown method 'sort'"]),
        (["--inputs", "input"], USAGE, ["has no --outputs"]),
    ]
    for args, code, needles in cases:
        proc = tfgraph.run("export", src, *args, "-o", out, expect=None)
        one_line_error(proc, code, *needles)
        nothing_written(out)


def test_checkpoint_missing_a_needed_variable(tfgraph, samples_dir, tmp_path):
    src = samples_dir / "tf1_checkpoint"
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(src / "model.ckpt-6.meta", broken / "model.ckpt-6.meta")
    reader = tf.train.load_checkpoint(str(src / "model.ckpt-6"))
    keys = sorted(k for k in reader.get_variable_to_shape_map() if k != "output/dense/weights")
    tf.raw_ops.SaveV2(prefix=str(broken / "model.ckpt-6"), tensor_names=keys,
                      shape_and_slices=[""] * len(keys),
                      tensors=[reader.get_tensor(k) for k in keys])
    out = tmp_path / "sm"
    proc = tfgraph.run("export", broken / "model.ckpt-6.meta", "--inputs", "input",
                       "--outputs", "output/probabilities", "-o", out, expect=None)
    one_line_error(proc, NOT_FOUND, "no entry 'output/dense/weights'",
                   "signature 'serving_default'")
    nothing_written(out)
    # A signature that does not need it still exports.
    proc = tfgraph.run("export", broken / "model.ckpt-6.meta", "--inputs", "input",
                       "--outputs", "hidden2/relu", "-o", out)
    check_export(out, proc.stdout, ["serving_default"], run_cli=False)


def test_existing_output_is_not_touched(tfgraph, samples_dir, tmp_path):
    out = tmp_path / "sm"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    proc = tfgraph.run("export", samples_dir / "frozen" / "frozen.pb", "--inputs", "input",
                       "--outputs", "output/logits", "-o", out, expect=None)
    one_line_error(proc, EXISTS, "already exists")
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


# ---------------------------------------------------------------------------
# Corpus.

CORPUS_GRAPHS = [
    # (model path, inputs, outputs, reference frozen graph or None)
    ("tf2onnx_frozen_ae0/frozen.pb", ["X"], ["output"], None),
    ("tf2onnx_frozen_fc-layers/frozen.pb", ["X"], ["output"], None),
    ("tf2onnx_frozen_gru/frozen.pb", ["X", "keep_prob"], ["output"], None),
    ("tf2onnx_frozen_lstm/frozen.pb", ["X", "keep_prob"], ["output"], None),
    ("textpb_dicereader_frozen_pb_and_pbtxt/frozen_graph.pb", ["x"], ["Identity"], None),
    ("textpb_dicereader_frozen_pb_and_pbtxt/frozen_graph.pbtxt", ["x"], ["Identity"], None),
    ("tf2onnx_regression_ckpt_frozen_savedmodel/graphdef/frozen.pb", ["X"], ["pred"], None),
    ("pair_tzuhsiang_simple_model_ckpt_frozen", [], ["Model/add"],
     "pair_tzuhsiang_simple_model_ckpt_frozen/frozen_model.pb"),
    ("pair_ardianumam_lenet_ckpt_frozen", ["input_tensor_input"], ["output_tensor/Softmax"],
     "pair_ardianumam_lenet_ckpt_frozen/frozen_model.pb"),
    ("pair_fishbonelsy_mnist_v1ckpt_frozen", ["input"], ["output"],
     "pair_fishbonelsy_mnist_v1ckpt_frozen/frozen_model.pb"),
    ("tf2onnx_regression_ckpt_frozen_savedmodel/checkpoint", ["X"], ["pred"],
     "tf2onnx_regression_ckpt_frozen_savedmodel/graphdef/frozen.pb"),
]


@pytest.mark.parametrize("path,inputs,outputs,reference", CORPUS_GRAPHS,
                         ids=[c[0] for c in CORPUS_GRAPHS])
def test_corpus_graph(tfgraph, corpus_dir, tmp_path, path, inputs, outputs, reference):
    src = corpus_dir / path
    out = tmp_path / "sm"
    args = ["export", src, "--outputs", ",".join(outputs), "-o", out, "--version", "1"]
    if inputs:
        args += ["--inputs", ",".join(inputs)]
    proc = tfgraph.run(*args)
    version = out / "1"
    overrides = None
    if "keep_prob" in inputs:  # dropout needs a keep probability in (0, 1]
        x = np.random.RandomState(9).normal(size=(3, 784)).astype(np.float32)
        overrides = {"keep_prob": np.float32(1.0), "X": x}
    meta, res = check_export(version, proc.stdout, ["serving_default"],
                             run_cli=path.endswith("frozen.pb"), overrides=overrides)
    sig = meta.signature_def["serving_default"]
    feeds, got = res["serving_default"]
    tensor_feeds = {sig.inputs[k].name: v for k, v in feeds.items()}
    fetches = {k: v.name for k, v in sig.outputs.items()}
    graph_src = src if src.is_file() else None
    if graph_src is not None:
        want = run_graphdef(graph_src, tensor_feeds, fetches)
        assert_same(got, want, "export vs source graph")
    if reference:
        want = run_graphdef(corpus_dir / reference, tensor_feeds, fetches)
        assert_same(got, want, "export vs the frozen graph TF made from the checkpoint")
    if src.is_dir() and (version / "variables" / "variables.index").exists():
        meta_files = sorted(src.glob("*.meta"))
        if meta_files:
            prefix = str(meta_files[0])[: -len(".meta")]
            if Path(prefix + ".index").exists():
                export_bundle_matches_source(version, prefix)


CORPUS_SAVED_MODELS = [
    # (path, extra export args, tags of the result)
    ("serving_saved_model_half_plus_two_cpu/00000123", ["--rename-signature",
                                                          "classify_x_to_y=classify"], ("serve",)),
    ("serving_saved_model_half_plus_three/00000123", [], ("serve",)),
    ("serving_saved_model_counter/00000123", [], ("serve",)),
    ("serving_saved_model_half_plus_two_tf2_cpu/00000123", [], ("serve",)),
    ("tf2onnx_assign_saved_model", [], ("serve",)),
    ("tfx_tft_transform_fn_savedmodel_with_vocab_assets", ["--tags", "serve"], ("serve",)),
    ("tfx_keras_serving_savedmodel", [], ("serve",)),
    ("tf2_keras_savedmodel_abisheakjacob_ann", [], ("serve",)),
    # Lists an asset (foo.txt) its folder lacks; TF loads it regardless.
    ("serving_saved_model_half_plus_two_cpu_with_saved_model_config/00000123",
     ["--rename-signature", "regress_x_to_y=rx"], ("serve",)),
]


@pytest.mark.parametrize("path,extra,tags", CORPUS_SAVED_MODELS,
                         ids=[c[0] for c in CORPUS_SAVED_MODELS])
def test_corpus_saved_model_reexport(tfgraph, corpus_dir, tmp_path, path, extra, tags):
    src = corpus_dir / path
    out = tmp_path / "serving"
    proc = tfgraph.run("export", src, *extra, "--version", "5", "-o", out)
    version = out / "5"
    meta, res = run_v1(version, tags=tags)
    src_tags = tf.saved_model.load  # noqa: F841
    renames = dict(e.split("=")[::-1] for e in extra[1::2]) if "--rename-signature" in extra else {}
    feeds = {k: r[0] for k, r in res.items()}
    src_feeds = {renames.get(k, k): f for k, f in feeds.items()}
    src_meta_tags = ("transform",) if "transform" in path else tags
    _, base = run_v1(src, tags=src_meta_tags, feeds_by_sig=src_feeds)
    assert sorted(renames.get(k, k) for k in res) == sorted(base)
    for key, (_, out_values) in res.items():
        base_values = base[renames.get(key, key)][1]
        if isinstance(base_values, str) or isinstance(out_values, str):
            assert out_values == base_values, key  # fails the same way
            continue
        assert_same(out_values, base_values, f"{path} {key}")
    shown = saved_model_cli_show(version) if path.startswith("serving_saved_model_half_plus_two") \
        else None
    if shown is not None:
        assert signature_blocks(proc.stdout) == signature_blocks(shown)
    if not (src / "variables").is_dir() or not (src / "variables" / "variables.index").exists():
        return
    assert (version / "variables" / "variables.index").read_bytes() == \
        (src / "variables" / "variables.index").read_bytes()


def test_session_bundle_to_saved_model(tfgraph, corpus_dir, tmp_path):
    src = corpus_dir / "serving_half_plus_two_session_bundle_v2ckpt" / "00000123"
    out = tmp_path / "sm"
    proc = tfgraph.run("export", src, "--inputs", "x=Placeholder", "--outputs", "y=Add",
                       "-o", out)
    check_export(out, proc.stdout, ["serving_default"], run_cli=False)
    x = np.array([1.0, 2.0, 5.0], np.float32)
    _, res = run_v1(out, feeds_by_sig={"serving_default": {"x": x}})
    assert res["serving_default"][1]["y"].tolist() == [2.5, 3.0, 4.5]  # x / 2 + 2
    export_bundle_matches_source(out, src / "export")


def test_json_output(tfgraph, samples_dir, tmp_path):
    out = tmp_path / "sm"
    records = tfgraph.json("export", samples_dir / "tf1_checkpoint", "--inputs", "input",
                           "--outputs", "p=output/probabilities", "-o", out, "--json")
    head = records[0]
    assert head["type"] == "export" and head["path"] == str(out) and head["tags"] == ["serve"]
    assert head["variables"] == "written" and head["saver"] is True
    sig = [r for r in records if r["type"] == "signature"]
    assert len(sig) == 1 and sig[0]["key"] == "serving_default"
    assert sig[0]["inputs"] == [{"key": "input", "name": "input:0", "dtype": "float32",
                                 "shape": [-1, 8]}]
    assert sig[0]["outputs"][0]["shape"] == [-1, 3]
    assert any(r["type"] == "note" for r in records)


CORPUS_UNFREEZE = [
    ("tf2onnx_frozen_fc-layers/frozen.pb", "X", "output", (4, 784)),
    ("tf2onnx_frozen_ae0/frozen.pb", "X", "output", (4, 784)),
    ("pair_ardianumam_lenet_ckpt_frozen/frozen_model.pb", "input_tensor_input",
     "output_tensor/Softmax", (2, 28, 28, 1)),
]


@pytest.mark.parametrize("path,inp,outp,shape", CORPUS_UNFREEZE, ids=[c[0] for c in CORPUS_UNFREEZE])
def test_corpus_unfreeze_then_export(tfgraph, corpus_dir, tmp_path, path, inp, outp, shape):
    frozen = corpus_dir / path
    ckpt = tmp_path / "ckpt"
    tfgraph.run("unfreeze", frozen, "-o", ckpt)
    out = tmp_path / "sm"
    proc = tfgraph.run("export", ckpt, "--inputs", inp, "--outputs", f"y={outp}", "-o", out)
    x = np.random.RandomState(8).normal(size=shape).astype(np.float32)
    meta, res = check_export(out, proc.stdout, ["serving_default"], run_cli=False,
                             overrides={inp: x})
    want = run_graphdef(frozen, {f"{inp}:0": x}, f"{outp}:0")
    assert res["serving_default"][1]["y"].tobytes() == want.tobytes()
    assert len(tf.train.load_checkpoint(str(out / "variables" / "variables"))
               .get_variable_to_shape_map()) > 0


def test_corpus_multi_tag_saved_model(tfgraph, corpus_dir, tmp_path):
    src = corpus_dir / "tfrust_test_resources_regression_model"
    out = tmp_path / "sm"
    tfgraph.run("export", src, "--tag-set", "train,serve", "-o", out)
    _, res = run_v1(out, tags=("train", "serve"))
    _, base = run_v1(src, tags=("train", "serve"), feeds_by_sig={k: r[0] for k, r in res.items()})
    assert sorted(res) == sorted(base) and res
    for key in res:
        if isinstance(res[key][1], str) or isinstance(base[key][1], str):
            assert res[key][1] == base[key][1]
        else:
            assert_same(res[key][1], base[key][1], key)
    # Retagged to serve only, TF Serving's default tag-set finds it.
    out2 = tmp_path / "serve"
    tfgraph.run("export", src, "--tag-set", "train,serve", "--tags", "serve", "-o", out2)
    run_v1(out2, tags=("serve",))


# ---------------------------------------------------------------------------
# --frozen: the model frozen (core/freeze) and exported without variables.

VARIABLE_OPS = {"VariableV2", "Variable", "VarHandleOp", "ReadVariableOp", "Assign",
                "AssignVariableOp", "AssignAddVariableOp", "RestoreV2", "SaveV2"}


def assert_variable_free(export_dir):
    """No variables/ data, no saver, and no variable op in the graph or its functions."""
    variables = export_dir / "variables"
    assert not variables.exists() or not any(variables.iterdir()), sorted(variables.iterdir())
    from tensorflow.core.protobuf import saved_model_pb2
    sm = saved_model_pb2.SavedModel()
    sm.ParseFromString((export_dir / "saved_model.pb").read_bytes())
    assert len(sm.meta_graphs) == 1
    mg = sm.meta_graphs[0]
    assert not mg.HasField("saver_def")
    ops = {n.op for n in mg.graph_def.node}
    for f in mg.graph_def.library.function:
        ops |= {n.op for n in f.node_def}
    assert not ops & VARIABLE_OPS, sorted(ops & VARIABLE_OPS)
    return mg


@pytest.mark.parametrize("sample", ["tf1_checkpoint", "tf1_checkpoint_resource"])
def test_frozen_from_checkpoint(tfgraph, samples_dir, tmp_path, sample):
    src = samples_dir / sample
    out = tmp_path / "serving"
    proc = tfgraph.run("export", src, "--frozen", "--inputs", "input",
                       "--outputs", "probabilities=output/probabilities,output/logits",
                       "--version", "2", "-o", out)
    assert "froze " in proc.stdout
    version = out / "2"
    assert sorted(p.name for p in out.iterdir()) == ["2"]
    assert_variable_free(version)
    check_export(version, proc.stdout, ["serving_default"])
    fetches = {"probabilities": "output/probabilities:0", "output/logits": "output/logits:0"}
    want = run_meta_checkpoint(src / "model.ckpt-6.meta", src / "model.ckpt-6",
                               {"input:0": MLP_INPUT}, fetches)
    _, res = run_v1(version, feeds_by_sig={"serving_default": {"input": MLP_INPUT}})
    assert_same(res["serving_default"][1], want, "--frozen export vs checkpoint (TF1 loader)")
    got = run_v2(version, "serving_default", {"input": MLP_INPUT})
    assert_same(got, want, "--frozen export vs checkpoint (TF2 loader)")


def test_frozen_from_tf1_saved_model(tfgraph, samples_dir, tmp_path):
    """Every signature of the selected MetaGraph is carried over, frozen."""
    src = samples_dir / "tf1_saved_model"
    out = tmp_path / "sm"
    proc = tfgraph.run("export", src, "--frozen", "--tag-set", "serve", "-o", out)
    assert "other(s) are not kept" in proc.stdout  # the train MetaGraph
    mg = assert_variable_free(out)
    assert list(mg.meta_info_def.tags) == ["serve"]
    examples = np.array([tf.train.Example(features=tf.train.Features(feature={
        "x": tf.train.Feature(float_list=tf.train.FloatList(value=[0.5, -1.0, 2.0, i]))}))
        .SerializeToString() for i in range(3)], dtype=object)
    check_export(out, proc.stdout, ["serving_default", "classify"],
                 overrides={"inputs": examples})
    x = np.random.RandomState(4).normal(size=(3, 4)).astype(np.float32)
    feeds = {"classify": {"inputs": examples}, "serving_default": {"x": x}}
    _, res = run_v1(out, feeds_by_sig=feeds)
    _, base = run_v1(src, tags=("serve",), feeds_by_sig=feeds)
    assert sorted(res) == sorted(base) == ["classify", "serving_default"]
    for key in res:
        assert_same(res[key][1], base[key][1], f"--frozen vs source, {key}")
        assert_same(run_v2(out, key, feeds[key]), base[key][1], f"TF2 loader, {key}")


def test_frozen_from_tf2_saved_model(tfgraph, samples_dir, tmp_path):
    """TF2: function calls inlined, resource variables frozen; the stateful
    signature is dropped, another renamed, one added from graph tensors."""
    src = samples_dir / "tf2_saved_model"
    out = tmp_path / "serving"
    proc = tfgraph.run("export", src, "--frozen", "--drop-signature", "bump",
                       "--drop-signature", "iterate",
                       "--rename-signature", "serving_default=predict",
                       "--signature", "serving_default", "--inputs", "x=serving_default_x",
                       "--outputs", "p=StatefulPartitionedCall_2:1",
                       "--version", "7", "-o", out)
    version = out / "7"
    assert_variable_free(version)
    check_export(version, proc.stdout, ["predict", "serving_default"])
    x = np.random.RandomState(6).normal(size=(3, 4)).astype(np.float32)
    want = tf.saved_model.load(str(src)).signatures["serving_default"](x=tf.constant(x))
    want = {k: v.numpy() for k, v in want.items()}
    loaded = tf.saved_model.load(str(version))
    assert sorted(loaded.signatures) == ["predict", "serving_default"]
    got = {k: v.numpy() for k, v in loaded.signatures["predict"](x=tf.constant(x)).items()}
    assert_same(got, want, "--frozen TF2 export vs source (TF2 loader)")
    _, res = run_v1(version, feeds_by_sig={"predict": {"x": x}, "serving_default": {"x": x}})
    assert_same(res["predict"][1], want, "--frozen TF2 export vs source (TF1 loader)")
    assert res["serving_default"][1]["p"].tobytes() == want["probabilities"].tobytes()


def test_frozen_with_lookup_table_and_assets(tfgraph, samples_dir, tmp_path):
    """Table initializers survive freezing: init op, vocabulary in assets/."""
    src = samples_dir / "lookup_table"
    out = tmp_path / "sm"
    proc = tfgraph.run("export", src, "--frozen", "-o", out)
    mg = assert_variable_free(out)
    assert "__saved_model_init_op" in mg.signature_def
    assert (out / "assets" / "vocab.txt").read_bytes() == (src / "assets" / "vocab.txt").read_bytes()
    assert {a.filename for a in mg.asset_file_def} == {"vocab.txt"}  # one per table
    words = np.array([b"fox", b"zebra", b"the"], dtype=object)
    feeds = {"serving_default": {"words": words}, "decode": {"ids": np.array([4, 99], np.int64)}}
    _, res = run_v1(out, feeds_by_sig=feeds)
    _, base = run_v1(src, feeds_by_sig=feeds)
    assert sorted(res) == sorted(base)
    for key in res:
        assert_same(res[key][1], base[key][1], f"--frozen vs source, {key}")
        assert_same(run_v2(out, key, feeds[key]), base[key][1], f"TF2 loader, {key}")
    check_export(out, proc.stdout, sorted(res), run_cli=True)


def test_frozen_bad_inputs(tfgraph, samples_dir, tmp_path):
    """--frozen fails exactly as a plain export does, before freezing anything."""
    src = samples_dir / "tf1_checkpoint"
    out = tmp_path / "never"
    cases = [
        (["--inputs", "input", "--outputs", "output/probabilitys"], NOT_FOUND,
         ["output 'output/probabilitys'", "did you mean 'output/probabilities'"]),
        (["--inputs", "input@int32", "--outputs", "output/probabilities"], USAGE,
         ["input:0 is float32, not int32"]),
        (["--inputs", "labels", "--outputs", "output/probabilities"], CHECK,
         ["not reachable from the signature's inputs (labels:0)"]),
        (["--inputs", "input", "--outputs", "loss/total"], CHECK,
         ["needs placeholder 'labels'"]),
        (["--inputs", "input", "--outputs", "output/probabilities", "--drop-signature", "x"],
         NOT_FOUND, ["no signature 'x' to drop"]),
        ([], USAGE, ["--frozen needs a signature"]),
        (["--inputs", "input", "--outputs", "output/logits", "--all-variables"], USAGE,
         ["--all-variables and --frozen exclude each other"]),
    ]
    for args, code, needles in cases:
        proc = tfgraph.run("export", src, "--frozen", *args, "-o", out, expect=None)
        one_line_error(proc, code, *needles)
        nothing_written(out)


def test_frozen_checkpoint_missing_a_needed_variable(tfgraph, samples_dir, tmp_path):
    src = samples_dir / "tf1_checkpoint"
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(src / "model.ckpt-6.meta", broken / "model.ckpt-6.meta")
    reader = tf.train.load_checkpoint(str(src / "model.ckpt-6"))
    keys = sorted(k for k in reader.get_variable_to_shape_map() if k != "output/dense/weights")
    tf.raw_ops.SaveV2(prefix=str(broken / "model.ckpt-6"), tensor_names=keys,
                      shape_and_slices=[""] * len(keys),
                      tensors=[reader.get_tensor(k) for k in keys])
    out = tmp_path / "sm"
    proc = tfgraph.run("export", broken / "model.ckpt-6.meta", "--frozen", "--inputs", "input",
                       "--outputs", "output/probabilities", "-o", out, expect=None)
    one_line_error(proc, NOT_FOUND, "output/dense/weights")
    nothing_written(out)


CORPUS_FROZEN_CHECKPOINTS = [
    # (checkpoint folder, inputs, outputs, the frozen graph TF made from it)
    ("pair_ardianumam_lenet_ckpt_frozen", ["input_tensor_input"], ["output_tensor/Softmax"],
     "pair_ardianumam_lenet_ckpt_frozen/frozen_model.pb"),
    ("pair_fishbonelsy_mnist_v1ckpt_frozen", ["input"], ["output"],
     "pair_fishbonelsy_mnist_v1ckpt_frozen/frozen_model.pb"),
    ("tf2onnx_regression_ckpt_frozen_savedmodel/checkpoint", ["X"], ["pred"],
     "tf2onnx_regression_ckpt_frozen_savedmodel/graphdef/frozen.pb"),
]


@pytest.mark.parametrize("path,inputs,outputs,reference", CORPUS_FROZEN_CHECKPOINTS,
                         ids=[c[0] for c in CORPUS_FROZEN_CHECKPOINTS])
def test_corpus_frozen_from_checkpoint(tfgraph, corpus_dir, tmp_path, path, inputs, outputs,
                                       reference):
    out = tmp_path / "sm"
    proc = tfgraph.run("export", corpus_dir / path, "--frozen", "--inputs", ",".join(inputs),
                       "--outputs", ",".join(outputs), "-o", out)
    assert_variable_free(out)
    meta, res = check_export(out, proc.stdout, ["serving_default"])
    sig = meta.signature_def["serving_default"]
    feeds, got = res["serving_default"]
    want = run_graphdef(corpus_dir / reference, {sig.inputs[k].name: v for k, v in feeds.items()},
                        {k: v.name for k, v in sig.outputs.items()})
    assert_same(got, want, "--frozen export vs the frozen graph TF made from the checkpoint")


HALF_PLUS_X = np.array([[1.0], [2.0], [5.0]], np.float32)
CORPUS_FROZEN_SAVED_MODELS = [
    # (path, extra args, feeds for signatures whose random inputs TF rejects,
    #  whether tf.saved_model.load can load the source); every signature must
    # give the source's outputs
    ("serving_saved_model_half_plus_two_cpu/00000123", [], {}, True),
    # Its signatures declare x:0 a scalar and tf_example:0 float (the graph
    # says [?, 1] and string): TF's tf.saved_model.load rejects the source.
    ("serving_saved_model_half_plus_three/00000123",
     ["--drop-signature", "tensorflow/serving/regress"], {"serving_default": {"x": HALF_PLUS_X}},
     False),
    ("serving_saved_model_half_plus_two_tf2_cpu/00000123", [], {}, True),
    ("tf2_keras_savedmodel_abisheakjacob_ann", [], {}, True),
    # Signatures with an input no output reads (y, a dummy, a label): the
    # frozen graph keeps it as a placeholder, so feeding it still works.
    ("tf2onnx_saved_model_with_redundant_inputs", [], {}, True),
    ("tfjava_saved_model_using_python/model", [], {}, True),
    ("tfrust_test_resources_regression_model", [], {}, True),
]


@pytest.mark.parametrize("path,extra,feeds,tf2_loads", CORPUS_FROZEN_SAVED_MODELS,
                         ids=[c[0] for c in CORPUS_FROZEN_SAVED_MODELS])
def test_corpus_frozen_saved_model(tfgraph, corpus_dir, tmp_path, path, extra, feeds, tf2_loads):
    src = corpus_dir / path
    out = tmp_path / "serving"
    proc = tfgraph.run("export", src, "--frozen", *extra, "--version", "1", "-o", out)
    version = out / "1"
    # The export keeps the source's tag-set (e.g. {"train", "serve"}); both
    # are loaded with it.
    tags = tuple(assert_variable_free(version).meta_info_def.tags)
    meta, res = run_v1(version, tags=tags, feeds_by_sig=feeds)
    assert res
    _, base = run_v1(src, tags=tags, sigs=sorted(res),
                     feeds_by_sig={k: r[0] for k, r in res.items()})
    assert sorted(res) == sorted(base)
    ran = 0
    for key, (feeds, got) in res.items():
        if isinstance(got, str) or isinstance(base[key][1], str):
            assert got == base[key][1], (key, got)  # random inputs it rejects the same way
            continue
        ran += 1
        assert_same(got, base[key][1], f"{path} {key}: --frozen vs source")
        if tf2_loads:
            assert_same(run_v2(version, key, feeds, tags=list(tags)), got,
                        f"{path} {key}: TF2 vs TF1 loader")
    assert ran > 0
    if path.startswith("serving_saved_model_half_plus_two"):
        assert signature_blocks(proc.stdout) == signature_blocks(saved_model_cli_show(version))


# ---------------------------------------------------------------------------
# Methods, versions, replacing: the rest of the bullets.

def make_example_model(folder):
    """A TF1 checkpoint whose graph reads serialized tf.Examples (feature "x"),
    with tensors fit for predict, classify and regress signatures."""
    folder.mkdir()
    graph = tf.Graph()
    with graph.as_default():
        ex = v1.placeholder(tf.string, [None], name="tf_example")
        x = v1.io.parse_example(ex, {"x": tf.io.FixedLenFeature([1], tf.float32)})["x"]
        w = v1.get_variable("w", [], initializer=v1.constant_initializer(0.5))
        # Reshapes to constant shapes state the ranks TF Serving cares about.
        y = tf.reshape(x * w + 2.0, [-1, 1], name="y")
        tf.reshape(tf.concat([y, -y], axis=1), [-1, 2], name="scores")
        tf.reshape(tf.tile(tf.constant([["pos", "neg"]]), [tf.shape(x)[0], 1]), [-1, 2],
                   name="classes")
        with v1.Session(graph=graph) as sess:
            sess.run(v1.global_variables_initializer())
            v1.train.Saver().save(sess, str(folder / "model.ckpt"))
    return folder / "model.ckpt"


@pytest.mark.parametrize("frozen", [False, True], ids=["unfrozen", "frozen"])
def test_classify_and_regress_signatures(tfgraph, tmp_path, frozen):
    prefix = make_example_model(tmp_path / "ckpt")
    out = tmp_path / "sm"
    args = ["export", str(prefix) + ".meta",
            "--signature", "classify", "--method", "classify",
            "--inputs", "inputs=tf_example", "--outputs", "scores=scores,classes=classes",
            "--signature", "regress", "--method", "regress",
            "--inputs", "inputs=tf_example", "--outputs", "outputs=y",
            "--signature", "serving_default", "--inputs", "examples=tf_example",
            "--outputs", "y,scores", "-o", out] + (["--frozen"] if frozen else [])
    proc = tfgraph.run(*args)
    meta, res = check_export(out, proc.stdout, ["classify", "regress", "serving_default"])
    sigs = meta.signature_def
    assert sigs["classify"].method_name == "tensorflow/serving/classify"
    assert sigs["regress"].method_name == "tensorflow/serving/regress"
    for key in ("classify", "regress"):
        assert v1.saved_model.is_valid_signature(sigs[key]), key  # TF's own check
    assert info_shape(sigs["classify"].outputs["scores"]) == [-1, 2]
    assert info_shape(sigs["regress"].outputs["outputs"]) == [-1, 1]
    assert info_shape(sigs["classify"].inputs["inputs"]) == [-1]
    feeds = res["classify"][0]["inputs"]
    want = run_meta_checkpoint(str(prefix) + ".meta", prefix, {"tf_example:0": feeds},
                               {"scores": "scores:0", "classes": "classes:0", "y": "y:0"})
    assert_same(res["classify"][1], {k: want[k] for k in ("scores", "classes")}, "classify")
    _, reg = run_v1(out, feeds_by_sig={"regress": {"inputs": feeds}})
    assert reg["regress"][1]["outputs"].tobytes() == want["y"].tobytes()
    if frozen:
        assert_variable_free(out)


def test_classify_and_regress_shape_errors(tfgraph, tmp_path):
    """A tensor TF Serving's classify/regress handlers would reject is refused."""
    prefix = make_example_model(tmp_path / "ckpt")
    out = tmp_path / "never"
    cases = [
        (["--method", "regress", "--inputs", "inputs=tf_example", "--outputs", "outputs=scores"],
         ["output 'outputs' has shape [-1, 2]", "[batch_size] or [batch_size, 1]"]),
        (["--method", "classify", "--inputs", "inputs=tf_example",
          "--outputs", "scores=y,probs=scores"],
         ["output key 'probs' is not allowed"]),
        (["--method", "classify", "--inputs", "inputs=tf_example", "--outputs", "classes=y"],
         ["output 'classes' must be string"]),
    ]
    for frozen in ([], ["--frozen"]):
        for args, needles in cases:
            proc = tfgraph.run("export", str(prefix) + ".meta", *args, *frozen, "-o", out,
                               expect=None)
            one_line_error(proc, USAGE, *needles)
            nothing_written(out)


def test_version_into_an_existing_folder(tfgraph, samples_dir, tmp_path):
    """--version N adds DIR/N beside the versions already there, never touching them."""
    out = tmp_path / "serving"
    src = samples_dir / "frozen" / "frozen.pb"
    tfgraph.run("export", src, "--inputs", "input", "--outputs", "output/logits",
                "--version", "1", "-o", out)
    before = (out / "1" / "saved_model.pb").read_bytes()
    (out / "README").write_text("not a version")
    proc = tfgraph.run("export", samples_dir / "tf1_checkpoint", "--inputs", "input",
                       "--outputs", "output/probabilities", "--version", "2", "-o", out)
    assert sorted(p.name for p in out.iterdir()) == ["1", "2", "README"]
    assert (out / "1" / "saved_model.pb").read_bytes() == before
    check_export(out / "2", proc.stdout, ["serving_default"], run_cli=False)
    # An existing version needs --force, and then only that version changes.
    proc = tfgraph.run("export", src, "--inputs", "input", "--outputs", "output/probabilities",
                       "--version", "1", "-o", out, expect=None)
    one_line_error(proc, EXISTS, str(out / "1"), "--force")
    assert (out / "1" / "saved_model.pb").read_bytes() == before
    tfgraph.run("export", src, "--inputs", "input", "--outputs", "output/probabilities",
                "--version", "1", "-o", out, "--force")
    assert (out / "1" / "saved_model.pb").read_bytes() != before
    assert sorted(p.name for p in out.iterdir()) == ["1", "2", "README"]
    # TF Serving picks the highest version; tfgraph reads the folder the same way.
    info = tfgraph.json("sigs", out, "--json")
    assert any(r.get("key") == "serving_default" for r in info)


def test_rerun_replaces_a_signature_and_keeps_the_rest(tfgraph, samples_dir, tmp_path):
    first = tmp_path / "v1"
    tfgraph.run("export", samples_dir / "tf1_checkpoint", "--inputs", "input",
                "--outputs", "p=output/probabilities", "--signature", "probs",
                "--signature", "serving_default", "--inputs", "input",
                "--outputs", "p=output/probabilities", "-o", first)
    second = tmp_path / "v2"
    proc = tfgraph.run("export", first, "--signature", "serving_default",
                       "--inputs", "images=input", "--outputs", "logits=output/logits",
                       "--tags", "serve,gpu", "-o", second)
    assert "replaced signature 'serving_default'" in proc.stdout
    meta, res = check_export(second, proc.stdout, ["serving_default", "probs"],
                             tags=("serve", "gpu"), run_cli=False)
    assert sorted(meta.signature_def["serving_default"].inputs) == ["images"]
    assert sorted(meta.signature_def["serving_default"].outputs) == ["logits"]
    assert (second / "variables" / "variables.index").read_bytes() == \
        (first / "variables" / "variables.index").read_bytes()
    _, res = run_v1(second, tags=("serve", "gpu"),
                    feeds_by_sig={"serving_default": {"images": MLP_INPUT},
                                  "probs": {"input": MLP_INPUT}})
    want = run_meta_checkpoint(samples_dir / "tf1_checkpoint" / "model.ckpt-6.meta",
                               samples_dir / "tf1_checkpoint" / "model.ckpt-6",
                               {"input:0": MLP_INPUT},
                               {"logits": "output/logits:0", "p": "output/probabilities:0"})
    assert_same(res["serving_default"][1], {"logits": want["logits"]}, "replaced signature")
    assert_same(res["probs"][1], {"p": want["p"]}, "kept signature")


def test_frozen_cut_at_an_intermediate_tensor(tfgraph, samples_dir, tmp_path):
    """An intermediate input is cut: nothing upstream of it (the first layer's
    weights) is kept, and feeding it gives what TF computes when it is fed."""
    src = samples_dir / "tf1_checkpoint"
    out = tmp_path / "sm"
    proc = tfgraph.run("export", src, "--frozen", "--inputs", "h=hidden1/relu",
                       "--outputs", "p=output/probabilities", "-o", out)
    mg = assert_variable_free(out)
    names = {n.name for n in mg.graph_def.node}
    assert "input" not in names and not any(n.startswith("hidden1/dense") for n in names)
    meta, res = check_export(out, proc.stdout, ["serving_default"])
    h = res["serving_default"][0]["h"]
    want = run_meta_checkpoint(src / "model.ckpt-6.meta", src / "model.ckpt-6",
                               {"hidden1/relu:0": h}, {"p": "output/probabilities:0"})
    assert_same(res["serving_default"][1], want, "--frozen cut vs checkpoint fed at hidden1/relu")


def test_frozen_input_at_a_second_output(tfgraph, tmp_path):
    """An input 'split:1' becomes a placeholder of its own in the frozen
    graph; the signature names that one, under the key the user gave."""
    folder = tmp_path / "ckpt"
    folder.mkdir()
    graph = tf.Graph()
    with graph.as_default():
        x = v1.placeholder(tf.float32, [None, 4], name="x")
        _, right = tf.split(x, 2, axis=1, name="split")
        w = v1.get_variable("w", [2, 3], initializer=v1.random_normal_initializer(seed=1))
        tf.matmul(right, w, name="y")
        with v1.Session(graph=graph) as sess:
            sess.run(v1.global_variables_initializer())
            v1.train.Saver().save(sess, str(folder / "model.ckpt"))
    out = tmp_path / "sm"
    proc = tfgraph.run("export", folder / "model.ckpt.meta", "--frozen", "--inputs", "h=split:1",
                       "--outputs", "y", "-o", out)
    mg = assert_variable_free(out)
    sig = mg.signature_def["serving_default"]
    assert sorted(sig.inputs) == ["h"] and sig.inputs["h"].name != "split:1"
    meta, res = check_export(out, proc.stdout, ["serving_default"])
    h = res["serving_default"][0]["h"]
    want = run_meta_checkpoint(folder / "model.ckpt.meta", folder / "model.ckpt",
                               {"split:1": h}, {"y": "y:0"})
    assert_same(res["serving_default"][1], want, "--frozen input at split:1 vs checkpoint")
