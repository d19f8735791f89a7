"""Checks the TensorFlow oracle itself, before tfgraph's side is compared with it.

On the bundled samples: the oracle must find what make_samples.py built (names,
ops, signatures, checkpoint keys) and agree with TensorFlow running the model.
On the corpus: every fact in corpus_index.py must still be what TensorFlow
says (format, counts, tags, whether and why it loads).
"""

import hashlib
import json
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import corpus_index
import tf_oracle
from tf_oracle import (OracleError, by_key, node_table, select, signature_table,
                       variable_table)

HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _check_general_sanity(records):
    """Invariants every description must satisfy."""
    assert records[0]["type"] == "model"
    model = records[0]
    nodes = by_key(records, "node")  # asserts unique names
    if model["graph"]:
        assert nodes, "a model with a graph has nodes"
    for node in nodes.values():
        assert node["op"], f"node {node['name']} has no op"
        for inp in node["inputs"]:
            # Every input names a node of the same graph ("^ctrl", "name:N").
            name = inp[1:] if inp.startswith("^") else inp.split(":")[0]
            assert name in nodes, f"{node['name']} input {inp!r} names no node"
    for sig in select(records, "signature"):
        for tensor in sig["inputs"] + sig["outputs"]:
            # __saved_model_init_op's output is an op ("NoOp"), not a tensor: DT_INVALID.
            assert tensor["dtype"] != "invalid" or sig["key"] == "__saved_model_init_op" \
                or tensor.get("encoding"), (sig["key"], tensor)
            assert tensor["shape"] is None or all(
                isinstance(d, int) and d >= -1 for d in tensor["shape"])
    for var in select(records, "variable"):
        assert var["dtype"] and all(isinstance(d, int) and d >= 0 for d in var["shape"])
        if "sha256" in var:
            assert HEX64.match(var["sha256"])
    for fn in select(records, "function"):
        assert fn["name"] and fn["nodes"] >= 0
    # Output is JSON Lines as the CLI writes it.
    for r in records:
        json.dumps(r)


# ---------------------------------------------------------------------------
# Samples


def test_tensor_sha256_definition():
    assert tf_oracle.tensor_sha256(np.array([1.5, -2.0], dtype=np.float32)) == \
        hashlib.sha256(struct.pack("<2f", 1.5, -2.0)).hexdigest()
    assert tf_oracle.tensor_sha256(np.array(7, dtype=np.int64)) == \
        hashlib.sha256(struct.pack("<q", 7)).hexdigest()
    strings = np.array([b"ab", b""], dtype=object)
    assert tf_oracle.tensor_sha256(strings) == hashlib.sha256(
        struct.pack("<Q", 2) + b"ab" + struct.pack("<Q", 0)).hexdigest()


def test_tf1_checkpoint(samples_dir, oracle):
    records = oracle(samples_dir / "tf1_checkpoint", values=True)
    _check_general_sanity(records)
    model = records[0]
    assert model["format"] == "checkpoint" and model["resolved_by"] == "checkpoint_state"
    assert model["path"].endswith("tf1_checkpoint/model.ckpt-6.meta")
    nodes = node_table(records)
    assert nodes["input"][0] == "Placeholder"
    assert nodes["labels"][0] == "Placeholder"
    assert nodes["is_training"][0] == "PlaceholderWithDefault"
    assert nodes["output/probabilities"][0] == "Softmax"
    assert nodes["output/probabilities"][2] == ("output/logits",)
    assert nodes["output/logits"][0] == "AddV2"
    ops = {op for op, _, _ in nodes.values()}
    assert {"VariableV2", "Assign", "Switch", "Merge", "MergeSummary", "SaveV2",
            "RestoreV2"} <= ops
    assert "VarHandleOp" not in ops
    variables = variable_table(records)
    assert variables["global_step"] == ("int64", ())
    assert variables["hidden1/dense/weights"] == ("float32", (8, 16))
    for suffix in ("Adam", "Adam_1", "ExponentialMovingAverage"):
        assert variables[f"output/dense/weights/{suffix}"] == ("float32", (16, 3))
    assert "hidden1/bn/moving_mean" in variables and "hidden1/bn/moving_variance" in variables
    # Every checkpoint key has a VariableV2 node of the same name in the graph.
    for name in variables:
        assert nodes[name][0] == "VariableV2", name
    collections = by_key(records, "collection", key="key")
    assert collections["update_ops"]["size"] == 2  # batch-norm moving mean and variance
    assert "train/Adam" in collections["train_op"]["values"]


def test_tf1_checkpoint_aliases_agree(samples_dir, oracle):
    base = oracle(samples_dir / "tf1_checkpoint", values=True)
    for alias in ("model.ckpt-6", "model.ckpt-6.meta", "model.ckpt-6.index"):
        other = oracle(samples_dir / "tf1_checkpoint" / alias, values=True)
        assert node_table(other) == node_table(base), alias
        assert variable_table(other, values=True) == variable_table(base, values=True), alias


def test_resource_variant_matches_ref_variant(samples_dir, oracle):
    ref = oracle(samples_dir / "tf1_checkpoint", values=True)
    res = oracle(samples_dir / "tf1_checkpoint_resource", values=True)
    _check_general_sanity(res)
    ops = {r["op"] for r in select(res, "node")}
    assert {"VarHandleOp", "ReadVariableOp", "AssignVariableOp"} <= ops
    assert "VariableV2" not in ops
    # Same code and seeds: the same keys, shapes and bit-identical values.
    assert variable_table(res, values=True) == variable_table(ref, values=True)


def test_frozen_binary_and_text_agree(samples_dir, oracle):
    binary = oracle(samples_dir / "frozen" / "frozen.pb")
    text = oracle(samples_dir / "frozen" / "frozen.pbtxt")
    _check_general_sanity(binary)
    assert binary[0]["format"] == "graphdef" and binary[0]["checkpoint"] is None
    assert node_table(binary) == node_table(text)
    nodes = node_table(binary)
    assert nodes["output/probabilities"][0] == "Softmax"
    ops = {op for op, _, _ in nodes.values()}
    assert not ops & {"VariableV2", "VarHandleOp", "Assign", "SaveV2", "RestoreV2"}
    # The frozen weights are the checkpoint's: find one Const's bytes in the bundle.
    import tensorflow as tf
    graph_def = tf.compat.v1.GraphDef()
    graph_def.ParseFromString((samples_dir / "frozen" / "frozen.pb").read_bytes())
    const = {n.name: n for n in graph_def.node}["output/dense/weights"]
    frozen = tf.make_ndarray(const.attr["value"].tensor)
    reader = tf.train.load_checkpoint(str(samples_dir / "tf1_checkpoint" / "model.ckpt-6"))
    assert np.array_equal(frozen, reader.get_tensor("output/dense/weights"))


def test_tf1_saved_model_tag_sets(samples_dir, oracle):
    records = oracle(samples_dir / "tf1_saved_model")
    _check_general_sanity(records)
    model = records[0]
    assert model["format"] == "saved_model" and model["tags"] == ["serve"]
    assert model["meta_graphs"] == 2
    metas = select(records, "meta_graph")
    assert [(m["tags"], m["chosen"]) for m in metas] == [(["serve"], True), (["train"], False)]
    sigs = signature_table(records)
    assert set(sigs) == {(("serve",), "serving_default"), (("serve",), "classify"),
                         (("train",), "train")}
    method, inputs, outputs = sigs[(("serve",), "serving_default")]
    assert method == "tensorflow/serving/predict"
    assert inputs == (("x", "x:0", "float32", (-1, 4)),)
    assert outputs == (("logits", "logits:0", "float32", (-1, 3)),
                       ("probabilities", "probabilities:0", "float32", (-1, 3)))
    method, inputs, outputs = sigs[(("serve",), "classify")]
    assert method == "tensorflow/serving/classify"
    assert inputs == (("inputs", "tf_example:0", "string", (-1,)),)
    assert [o[:3] for o in outputs] == [("classes", "classify/classes:0", "string"),
                                        ("scores", "classify/scores:0", "float32")]
    assert variable_table(records)["model/hidden/kernel"] == ("float32", (4, 8))
    # The train MetaGraph is a different graph.
    train = oracle(samples_dir / "tf1_saved_model", tag_set="train")
    assert train[0]["tags"] == ["train"]
    assert "train_op" in node_table(train) and "train_op" not in node_table(records)
    with pytest.raises(OracleError) as err:
        oracle(samples_dir / "tf1_saved_model", tag_set="serve,gpu")
    assert err.value.code == 4


def test_tf2_saved_model(samples_dir, oracle):
    records = oracle(samples_dir / "tf2_saved_model", values=True)
    _check_general_sanity(records)
    functions = by_key(records, "function")
    assert any(n.startswith("__inference_predict") for n in functions)
    assert any(n.startswith("cond_true") for n in functions)
    assert any(n.startswith("while_body") for n in functions)
    sigs = signature_table(records)
    assert {k for _, k in sigs} == {"serving_default", "iterate", "bump",
                                    "__saved_model_init_op"}
    _, inputs, outputs = sigs[(("serve",), "iterate")]
    assert inputs == (("steps", "iterate_steps:0", "int32", ()),
                      ("x", "iterate_x:0", "float32", (-1, 4)))
    assert [o[0] for o in outputs] == ["calls", "state"]
    variables = variable_table(records)
    assert variables["_CHECKPOINTABLE_OBJECT_GRAPH"] == ("string", ())
    assert variables["w/.ATTRIBUTES/VARIABLE_VALUE"] == ("float32", (4, 3))
    assert variables["calls/.ATTRIBUTES/VARIABLE_VALUE"] == ("int64", ())


def test_partitioned(samples_dir, oracle):
    records = oracle(samples_dir / "partitioned")
    _check_general_sanity(records)
    nodes = node_table(records)
    for i in range(3):
        assert nodes[f"embedding/table/part_{i}"][0] == "VariableV2"
        assert nodes[f"output/kernel/part_{i}"][0] == "VariableV2"
    variables = variable_table(records)
    # One checkpoint key per partitioned variable, with the full shape.
    assert variables["embedding/table"] == ("float32", (30, 6))
    assert variables["output/kernel"] == ("float32", (6, 4))
    assert "embedding/table/part_0" not in variables


def test_lookup_table_values_match_a_running_model(samples_dir, oracle):
    records = oracle(samples_dir / "lookup_table", values=True)
    _check_general_sanity(records)
    assert [a["filename"] for a in select(records, "asset")] == ["vocab.txt", "vocab.txt"]
    ops = [r["op"] for r in select(records, "node")]
    assert ops.count("HashTableV2") == 2
    assert by_key(records, "collection", key="key")["saved_model_main_op"]["values"] == \
        ["init_tables"]
    sigs = signature_table(records)
    assert sigs[(("serve",), "serving_default")][1] == (("words", "words:0", "string", (-1,)),)
    # The checkpoint hash equals the hash of the value TensorFlow computes at run time.
    import tensorflow as tf
    graph = tf.Graph()
    with graph.as_default(), tf.compat.v1.Session(graph=graph) as sess:
        tf.compat.v1.saved_model.loader.load(sess, ["serve"], str(samples_dir / "lookup_table"))
        value = sess.run("embeddings:0")
        ids = sess.run("word_ids/LookupTableFindV2:0", {"words:0": [b"fox", b"zebra"]})
    assert list(ids) == [4, -1]
    assert by_key(records, "variable")["embeddings"]["sha256"] == tf_oracle.tensor_sha256(value)


@pytest.mark.parametrize("name", ["tf1_checkpoint", "tf1_checkpoint_resource", "frozen/frozen.pb",
                                  "frozen/frozen.pbtxt", "tf1_saved_model", "tf2_saved_model",
                                  "partitioned", "lookup_table"])
def test_every_sample_loads_in_tensorflow(samples_dir, name):
    ok, how, error = tf_oracle.load_check(str(samples_dir / name))
    assert ok, f"{name}: {how}: {error}"
    assert error is None


def test_cli_json_lines_and_exit_codes(samples_dir, tmp_path):
    script = Path(tf_oracle.__file__)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    proc = subprocess.run([sys.executable, str(script), str(samples_dir / "tf1_saved_model"),
                           "--tag-set", "train", "--values", "--load"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert lines[0]["type"] == "model" and lines[0]["tags"] == ["train"]
    assert lines[-1] == {"type": "load", "ok": True,
                         "how": "tf.compat.v1.saved_model.loader.load", "error": None}
    assert all("sha256" in r for r in lines if r["type"] == "variable")

    proc = subprocess.run([sys.executable, str(script), str(samples_dir / "tf1_saved_model"),
                           "--tag-set", "gpu"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 4 and proc.stdout == ""
    assert "no MetaGraph with tag set ['gpu']" in proc.stderr

    junk = tmp_path / "junk.pb"
    junk.write_bytes(b"\xff\xff\xff")
    proc = subprocess.run([sys.executable, str(script), str(junk)], capture_output=True,
                          text=True, env=env, timeout=300)
    assert proc.returncode == 3 and "cannot parse as GraphDef" in proc.stderr


# ---------------------------------------------------------------------------
# Corpus


def test_corpus_index_covers_every_item(corpus_dir):
    items = {p.name for p in corpus_dir.iterdir() if p.is_dir()}
    assert items == set(corpus_index.ITEMS)
    for item in corpus_index.FOLDERS_NOT_MODELS:
        assert item in items


@pytest.mark.parametrize("item_model", list(corpus_index.all_models()), ids=corpus_index.model_id)
def test_corpus_model_facts(corpus_dir, oracle, item_model):
    _, m = item_model
    path = corpus_dir / m.path
    if not m.readable:
        with pytest.raises(OracleError):
            oracle(path)
    else:
        records = oracle(path, values=True)
        _check_general_sanity(records)
        model = records[0]
        assert model["format"] == m.format
        assert model["resolved_by"] == m.resolved_by
        assert model["tags"] == (None if m.tags is None else list(m.tags))
        assert len(select(records, "node")) == m.nodes
        assert len(select(records, "function")) == m.functions
        assert len(select(records, "signature")) == m.signatures
        assert len(select(records, "variable")) == m.variables
        for alias in m.aliases + ((m.serving_base,) if m.serving_base else ()):
            other = oracle(corpus_dir / alias, values=True)
            assert node_table(other) == node_table(records), alias
            assert variable_table(other, values=True) == variable_table(records, values=True)
            assert signature_table(other) == signature_table(records), alias

    ok, how, error = tf_oracle.load_check(str(path))
    assert ok == m.tf_loads, f"{how}: {error}"
    if m.tf_error:
        assert error and m.tf_error in error, error
    else:
        assert error is None
    if m.tf2_loads is not None:
        ok2, error2 = tf_oracle.tf2_load_check(str(path))
        assert ok2 == m.tf2_loads, error2
        if m.tf2_error:
            assert error2 and m.tf2_error in error2, error2


@pytest.mark.parametrize("item", corpus_index.FOLDERS_NOT_MODELS)
def test_corpus_folders_that_are_not_models(corpus_dir, item):
    with pytest.raises(OracleError):
        tf_oracle.describe(str(corpus_dir / item))
