"""tfgraph freeze against TensorFlow's own freezing.

For every sample and every corpus model with variables, the same outputs are
frozen twice: by tfgraph, and by TensorFlow itself (TF1 graphs:
graph_util.convert_variables_to_constants in a Session after restoring; TF2
signatures: convert_variables_to_constants_v2). Both frozen graphs are imported
into TensorFlow and run on the same random inputs; the outputs must be
identical (max abs difference 0). Every Const tfgraph writes for a variable
must hold exactly the checkpoint tensor's bytes; for the corpus pairs where
TensorFlow froze the checkpoint itself, tfgraph's constants must equal TF's
byte for byte. A frozen sample also goes through tf2onnx + onnxruntime and
OpenCV's dnn module when those are installed.
"""

import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import tensorflow as tf  # noqa: E402

tf.get_logger().setLevel("ERROR")
from tensorflow.core.protobuf import meta_graph_pb2, saved_model_pb2  # noqa: E402
from tensorflow.python.framework import convert_to_constants  # noqa: E402

import corpus_index  # noqa: E402
from frozen_result import Frozen, read_graph  # noqa: E402

RNG_SEED = 1234


# --------------------------------------------------------------------------
# Helpers: reading graphs, running them, random inputs.

def node_of(name):
    return name.split(":")[0].lstrip("^")


def tensor_name(name):
    return name if ":" in name else name + ":0"


def run_graph(gd, feeds, fetches, init_ops=(), init_feeds=None):
    """Imports gd into a fresh graph and runs fetches (tensor names)."""
    config = tf.compat.v1.ConfigProto(allow_soft_placement=True)
    with tf.Graph().as_default() as g:
        tf.compat.v1.import_graph_def(gd, name="")
        with tf.compat.v1.Session(graph=g, config=config) as sess:
            for op in init_ops:
                sess.run(g.get_operation_by_name(node_of(op)), feed_dict=init_feeds or {})
            return sess.run([tensor_name(f) for f in fetches], feed_dict=feeds)


def dims_for(shape, batch=2):
    if shape is None:
        return [batch]
    return [batch if d is None or d < 0 else d for d in shape]


def random_value(rng, dtype, shape, int_high=10, strings=None, batch=2):
    dims = dims_for(shape, batch)
    dt = tf.as_dtype(dtype)
    # The parts of a sparse (COO) input: indices [?,2] and dense_shape [2].
    if dt == tf.int64 and shape == [-1, 2]:
        return np.zeros(dims, dtype=np.int64)
    if dt == tf.int64 and shape == [2]:
        return np.ones(dims, dtype=np.int64)
    if dt == tf.string:
        pool = strings or [b"a", b"b", b"c"]
        return np.array([pool[i % len(pool)] for i in range(int(np.prod(dims)))],
                        dtype=object).reshape(dims)
    if dt.is_bool:
        return np.zeros(dims, dtype=bool)
    if dt.is_integer:
        return rng.integers(0, int_high, size=dims).astype(dt.as_numpy_dtype)
    return rng.standard_normal(size=dims).astype(dt.as_numpy_dtype)


def assert_identical(a, b, what):
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind in "OSU" or b.dtype.kind in "OSU":
        assert a.tolist() == b.tolist(), f"{what}: strings differ"
        return
    assert a.dtype == b.dtype and a.shape == b.shape, \
        f"{what}: {a.dtype}{a.shape} vs {b.dtype}{b.shape}"
    if a.dtype.kind in "fc":
        assert np.array_equal(a, b, equal_nan=True), \
            f"{what}: max abs diff {np.nanmax(np.abs(a.astype(np.float64) - b.astype(np.float64)))}"
    else:
        assert np.array_equal(a, b), f"{what}: values differ"


def const_bytes(node):
    """The raw bytes a Const holds: tensor_content, else the decoded values."""
    t = node.attr["value"].tensor
    if t.tensor_content:
        return t.tensor_content
    return tf.make_ndarray(t).tobytes()


def parse_slice(text, shape):
    """TF slice text ("0,10:-") -> numpy index."""
    index = []
    for dim, part in zip(shape, text.split(":")):
        if part == "-":
            index.append(slice(0, dim))
        else:
            start, length = (int(x) for x in part.split(","))
            index.append(slice(start, start + length))
    return tuple(index)




def tfgraph_freeze(tfgraph, tmp_path, model, *args, name="frozen.pb"):
    out = tmp_path / name
    records = tfgraph.json("freeze", model, "-o", out, "--force", "--json", *args)
    return Frozen(records, out)


def check_variable_bytes(frozen):
    """Every frozen variable Const is the checkpoint tensor, byte for byte."""
    prefix = frozen.summary["checkpoint"]
    if not frozen.variables:
        return 0
    if not Path(prefix + ".index").exists() and not Path(prefix).exists():
        shards = sorted(Path(prefix).parent.glob(Path(prefix).name + "-?????-of-?????"))
        if shards:  # a sharded V1 checkpoint: TF's reader takes the file pattern
            prefix = re.sub(r"-\d{5}-of-", "-?????-of-", str(shards[0]))
    reader = tf.compat.v1.train.NewCheckpointReader(prefix)
    for v in frozen.variables:
        node = frozen.nodes[v["node"]]
        assert node.op == "Const", f"{v['node']} is {node.op}"
        value = reader.get_tensor(v["key"])
        if "slice" in v:
            value = value[parse_slice(v["slice"], value.shape)]
        value = np.asarray(value)
        if not value.flags.c_contiguous:
            value = value.copy(order="C")
        t = node.attr["value"].tensor
        assert list(d.size for d in t.tensor_shape.dim) == list(value.shape), v["node"]
        if value.dtype.kind in "OSU":
            assert list(t.string_val) == list(value.reshape(-1)), v["node"]
        else:
            assert t.tensor_content, f"{v['node']}: value not stored as tensor_content"
            assert t.tensor_content == value.tobytes(), \
                f"{v['node']}: bytes differ from checkpoint tensor {v['key']}"
    return len(frozen.variables)


def check_frozen_clean(frozen):
    """What a frozen graph must not contain."""
    bad = {"VariableV2", "Variable", "VarHandleOp", "ReadVariableOp", "StatefulPartitionedCall",
           "PartitionedCall", "Assign", "AssignVariableOp", "ResourceGather", "RestoreV2",
           "SaveV2"}
    for n in frozen.graph.node:
        assert n.op not in bad, f"{n.name} ({n.op}) left in the frozen graph"
    for f in frozen.graph.library.function:
        for n in f.node_def:
            assert n.op not in bad, f"{f.signature.name}/{n.name} ({n.op}) left"
        for a in f.signature.input_arg:
            assert a.type != tf.resource.as_datatype_enum, \
                f"function {f.signature.name} still takes a resource ({a.name})"


# --------------------------------------------------------------------------
# TensorFlow's own freezing.

def tf1_session_freeze(load, outputs):
    """load(sess) restores a TF1 model; returns TF's frozen GraphDef."""
    with tf.Graph().as_default() as g:
        with tf.compat.v1.Session(graph=g) as sess:
            load(sess)
            gd = g.as_graph_def()
            return tf.compat.v1.graph_util.convert_variables_to_constants(
                sess, gd, sorted({node_of(o) for o in outputs}))


def load_meta_and_restore(meta_path, prefix):
    """import the MetaGraph's graph and run its saver's restore op (works for
    every TF1 checkpoint flavour, including V1 and old SessionBundles)."""
    meta = meta_graph_pb2.MetaGraphDef()
    meta.ParseFromString(Path(meta_path).read_bytes())

    for n in meta.graph_def.node:
        n.device = ""

    def load(sess):
        tf.compat.v1.import_graph_def(meta.graph_def, name="")
        sd = meta.saver_def
        sess.run(sd.restore_op_name, feed_dict={sd.filename_tensor_name: str(prefix)})
    return load


def load_graph_and_restore(graph_path, prefix, restore_op="save/restore_all",
                           filename="save/Const:0"):
    gd = read_graph(graph_path)

    def load(sess):
        tf.compat.v1.import_graph_def(gd, name="")
        sess.run(restore_op, feed_dict={filename: str(prefix)})
    return load


def load_saved_model_tf1(path, tags):
    """The TF1 loader (restore, then the main op), then the checkpoint values
    once more: some exports' main op re-runs the variable initializers (random
    values), and freezing is about the checkpoint's values."""
    def load(sess):
        meta = tf.compat.v1.saved_model.loader.load(sess, list(tags), str(path),
                                                    clear_devices=True)
        sd = meta.saver_def
        if sd.restore_op_name and (Path(path) / "variables" / "variables.index").exists():
            sess.run(sd.restore_op_name,
                     feed_dict={sd.filename_tensor_name: str(Path(path) / "variables" / "variables")})
    return load


def tf2_signature_freeze(path, key):
    """convert_variables_to_constants_v2 of a TF2 signature. Returns the
    frozen GraphDef and maps input key -> feed name, output key -> fetch name."""
    m = tf.saved_model.load(str(path))
    f = m.signatures[key]
    cf, gd = convert_to_constants.convert_variables_to_constants_v2_as_graph(f)
    inputs = {}
    for k, spec in f.structured_input_signature[1].items():
        inputs[k] = spec.name + ":0"
    # The frozen function's placeholders keep the argument names; match the
    # non-captured inputs in order.
    placeholder_names = [t.name for t in cf.inputs]
    # cf.outputs are in the order of f.outputs: the structure flattened, which
    # for a signature's dict means sorted keys.
    flat_keys = sorted(f.structured_outputs)
    outputs = {k: t.name for k, t in zip(flat_keys, cf.outputs)}
    return gd, inputs, outputs, placeholder_names


# --------------------------------------------------------------------------
# Comparing: run both frozen graphs on the same inputs.

def compare_runs(frozen, tf_graph, rng, *, tf_feed_names=None, tf_fetch_names=None,
                 int_high=10, strings=None, tf_init_ops=(), tf_init_feeds=None,
                 extra_feeds=None, batch=2):
    """Feeds tfgraph's graph and TF's graph the same random inputs; the
    outputs must be identical. tf_feed_names / tf_fetch_names map tfgraph's
    names to TF's (default: the same names)."""
    feeds_ours, feeds_tf = {}, {}
    for f in frozen.feeds:
        if f["kind"] == "optional":
            continue  # keeps its default in both
        v = random_value(rng, f["dtype"], f["shape"], int_high, strings, batch)
        feeds_ours[f["name"]] = v
        name = (tf_feed_names or {}).get(f["name"], f["name"])
        feeds_tf[name] = v
    for k, v in (extra_feeds or {}).items():
        feeds_tf[k] = v
    fetch_ours = [f["name"] for f in frozen.fetches]
    fetch_tf = [(tf_fetch_names or {}).get(n, n) for n in fetch_ours]
    ours = run_graph(frozen.graph, feeds_ours, fetch_ours, frozen.init_ops)
    theirs = run_graph(tf_graph, feeds_tf, fetch_tf, tf_init_ops, tf_init_feeds)
    for name, a, b in zip(fetch_ours, ours, theirs):
        assert_identical(a, b, f"fetch {name}")
    return ours


def leftover_variables(gd):
    """Variable ops TF's freezing left in its output (TF 2.15 does not convert
    the legacy `Variable` op)."""
    return [n.name for n in gd.node if n.op in ("Variable", "VariableV2", "VarHandleOp")]


def compare_live(frozen, load, rng, strings=None, batch=1):
    """Runs the restored TF session itself (no freezing) on the same inputs."""
    feeds = {}
    for f in frozen.feeds:
        if f["kind"] != "optional":
            feeds[f["name"]] = random_value(rng, f["dtype"], f["shape"], 10, strings, batch)
    fetches = [f["name"] for f in frozen.fetches]
    ours = run_graph(frozen.graph, feeds, fetches, frozen.init_ops)
    with tf.Graph().as_default() as g:
        with tf.compat.v1.Session(graph=g) as sess:
            load(sess)
            theirs = sess.run(fetches, feed_dict=feeds)
    for name, a, b in zip(fetches, ours, theirs):
        assert_identical(a, b, f"fetch {name} (live session)")


def check_consts_equal_tf(frozen, tf_graph):
    """Consts tfgraph made from variables equal TF's Consts of the same name."""
    tf_nodes = {n.name: n for n in tf_graph.node}
    compared = 0
    for v in frozen.variables:
        theirs = tf_nodes.get(v["node"])
        assert theirs is not None and theirs.op == "Const", \
            f"TF's frozen graph has no Const {v['node']}"
        ours = frozen.nodes[v["node"]]
        assert ours.attr["dtype"].type == theirs.attr["dtype"].type, v["node"]
        assert ours.attr["value"].tensor.tensor_shape == theirs.attr["value"].tensor.tensor_shape
        assert const_bytes(ours) == const_bytes(theirs), f"{v['node']}: bytes differ from TF's"
        compared += 1
    return compared


# --------------------------------------------------------------------------
# Samples.

OUTS = "output/probabilities,output/logits"


@pytest.mark.parametrize("sample", ["tf1_checkpoint", "tf1_checkpoint_resource"])
def test_tf1_checkpoint(tfgraph, samples_dir, tmp_path, sample):
    path = samples_dir / sample
    frozen = tfgraph_freeze(tfgraph, tmp_path, path, "--outputs", OUTS)
    check_frozen_clean(frozen)
    assert check_variable_bytes(frozen) == 10
    assert [f["name"] for f in frozen.fetches] == ["output/probabilities:0", "output/logits:0"]
    feeds = {f["name"]: f for f in frozen.feeds}
    assert feeds["input:0"]["dtype"] == "float32" and feeds["input:0"]["shape"] == [-1, 8]
    assert feeds["is_training:0"]["kind"] == "optional"
    assert frozen.summary["nodes_dropped"] > 500  # training, saver, summaries gone
    tf_graph = tf1_session_freeze(
        load_meta_and_restore(path / "model.ckpt-6.meta", path / "model.ckpt-6"), OUTS.split(","))
    compare_runs(frozen, tf_graph, np.random.default_rng(RNG_SEED))
    check_consts_equal_tf(frozen, tf_graph)


def test_tf1_checkpoint_matches_tf_frozen_sample(tfgraph, samples_dir, tmp_path):
    """samples/frozen is tf1_checkpoint frozen by TF: same constants, same outputs."""
    frozen = tfgraph_freeze(tfgraph, tmp_path, samples_dir / "tf1_checkpoint", "--outputs", OUTS)
    tf_graph = read_graph(samples_dir / "frozen" / "frozen.pb")
    assert check_consts_equal_tf(frozen, tf_graph) == 10
    compare_runs(frozen, tf_graph, np.random.default_rng(RNG_SEED))
    assert {n.name for n in frozen.graph.node} == {n.name for n in tf_graph.node}


def test_tf1_checkpoint_ema(tfgraph, samples_dir, tmp_path):
    path = samples_dir / "tf1_checkpoint"
    frozen = tfgraph_freeze(tfgraph, tmp_path, path, "--outputs", OUTS, "--ema")
    check_variable_bytes(frozen)
    shadows = [v for v in frozen.variables if v["ema"]]
    assert len(shadows) == 8  # trainable weights; BN moving statistics have no shadow
    assert all(v["key"] == v["node"] + "/ExponentialMovingAverage" for v in shadows)
    # TF: restore, then load every shadow into its variable (what
    # ema.variables_to_restore() does), then freeze.
    prefix = path / "model.ckpt-6"
    reader = tf.train.load_checkpoint(str(prefix))

    def load(sess):
        saver = tf.compat.v1.train.import_meta_graph(str(path / "model.ckpt-6.meta"),
                                                     clear_devices=True)
        saver.restore(sess, str(prefix))
        loaded = 0
        for v in tf.compat.v1.global_variables():
            key = v.op.name + "/ExponentialMovingAverage"
            if reader.has_tensor(key) and v.op.name in {s["node"] for s in shadows}:
                v.load(reader.get_tensor(key), sess)
                loaded += 1
        assert loaded == len(shadows)
    tf_graph = tf1_session_freeze(load, OUTS.split(","))
    compare_runs(frozen, tf_graph, np.random.default_rng(RNG_SEED))
    check_consts_equal_tf(frozen, tf_graph)


def test_tf1_saved_model(tfgraph, samples_dir, tmp_path):
    path = samples_dir / "tf1_saved_model"
    frozen = tfgraph_freeze(tfgraph, tmp_path, path, "--signature", "serving_default")
    check_frozen_clean(frozen)
    assert check_variable_bytes(frozen) == 4
    keys = {f["name"]: f.get("key") for f in frozen.fetches}
    assert keys == {"logits:0": "logits", "probabilities:0": "probabilities"}
    assert [(f["name"], f.get("key")) for f in frozen.feeds] == [("x:0", "x")]
    tf_graph = tf1_session_freeze(load_saved_model_tf1(path, ["serve"]),
                                  ["logits", "probabilities"])
    compare_runs(frozen, tf_graph, np.random.default_rng(RNG_SEED))
    check_consts_equal_tf(frozen, tf_graph)


def test_tf1_saved_model_classify_signature(tfgraph, samples_dir, tmp_path):
    """A signature whose input is a serialized tf.Example."""
    path = samples_dir / "tf1_saved_model"
    frozen = tfgraph_freeze(tfgraph, tmp_path, path, "--signature", "classify")
    tf_graph = tf1_session_freeze(load_saved_model_tf1(path, ["serve"]),
                                  [f["name"] for f in frozen.fetches])
    rng = np.random.default_rng(RNG_SEED)
    examples = [tf.train.Example(features=tf.train.Features(feature={
        "x": tf.train.Feature(float_list=tf.train.FloatList(value=rng.standard_normal(4)))}))
        .SerializeToString() for _ in range(3)]
    compare_runs(frozen, tf_graph, rng, strings=examples)


def test_tf2_saved_model_signature(tfgraph, samples_dir, tmp_path):
    path = samples_dir / "tf2_saved_model"
    frozen = tfgraph_freeze(tfgraph, tmp_path, path, "--signature", "serving_default")
    check_frozen_clean(frozen)
    assert check_variable_bytes(frozen) == 3  # w, b, scale (not the unused 'calls')
    assert {v["key"] for v in frozen.variables} == {
        "w/.ATTRIBUTES/VARIABLE_VALUE", "b/.ATTRIBUTES/VARIABLE_VALUE",
        "scale/.ATTRIBUTES/VARIABLE_VALUE"}
    assert all(v["source"] == "object graph" for v in frozen.variables)
    assert frozen.summary["calls_inlined"] >= 2
    fetch = {f["key"]: f["name"] for f in frozen.fetches}
    assert fetch == {"logits": "StatefulPartitionedCall_2:0",
                     "probabilities": "StatefulPartitionedCall_2:1"}
    # The If over a variable stays functional, with converted branches.
    ifs = [n for n in frozen.graph.node if n.op in ("If", "StatelessIf")]
    assert len(ifs) == 1
    assert "_frozen_" in ifs[0].attr["then_branch"].func.name
    gd, tf_in, tf_out, _ = tf2_signature_freeze(path, "serving_default")
    feed_names = {f["name"]: tf_in[f["key"]] for f in frozen.feeds}
    fetch_names = {f["name"]: tf_out[f["key"]] for f in frozen.fetches}
    compare_runs(frozen, gd, np.random.default_rng(RNG_SEED), tf_feed_names=feed_names,
                 tf_fetch_names=fetch_names)
    # Both branches of the If (the variable decides which one runs).
    for sign in (1.0, -1.0):
        x = np.full((2, 4), sign, dtype=np.float32)
        ours = run_graph(frozen.graph, {"serving_default_x:0": x},
                         ["StatefulPartitionedCall_2:0"])
        theirs = run_graph(gd, {tf_in["x"]: x}, [tf_out["logits"]])
        assert_identical(ours[0], theirs[0], "logits")


@pytest.mark.parametrize("signature", ["iterate", "bump"])
def test_tf2_signatures_that_write_variables_are_refused(tfgraph, samples_dir, tmp_path,
                                                         signature):
    """TF's convert_variables_to_constants_v2 fails on them too."""
    out = tmp_path / "x.pb"
    proc = tfgraph.run("freeze", samples_dir / "tf2_saved_model", "--signature", signature,
                       "-o", out, expect=3)
    assert re.search(r"(written by|writes it).*AssignAddVariableOp|AssignAddVariableOp.*writes",
                     proc.stderr), proc.stderr
    assert "'calls'" in proc.stderr
    assert not out.exists()
    with pytest.raises(Exception):
        tf2_signature_freeze(samples_dir / "tf2_saved_model", signature)


def test_partitioned(tfgraph, samples_dir, tmp_path):
    path = samples_dir / "partitioned"
    frozen = tfgraph_freeze(tfgraph, tmp_path, path, "--outputs", OUTS)
    check_frozen_clean(frozen)
    assert check_variable_bytes(frozen) == 7
    parts = {v["node"]: v for v in frozen.variables}
    assert parts["embedding/table/part_1"]["key"] == "embedding/table"
    assert parts["embedding/table/part_1"]["slice"] == "10,10:0,6"
    assert parts["embedding/table/part_1"]["shape"] == [10, 6]
    assert parts["output/kernel/part_2"]["source"] == "saver"
    tf_graph = tf1_session_freeze(
        load_meta_and_restore(path / "model.ckpt-4.meta", path / "model.ckpt-4"),
        OUTS.split(","))
    compare_runs(frozen, tf_graph, np.random.default_rng(RNG_SEED), int_high=30)
    check_consts_equal_tf(frozen, tf_graph)


def test_lookup_table(tfgraph, samples_dir, tmp_path):
    path = samples_dir / "lookup_table"
    frozen = tfgraph_freeze(tfgraph, tmp_path, path, "--signature", "serving_default")
    check_frozen_clean(frozen)
    assert check_variable_bytes(frozen) == 1
    assert frozen.init_ops, "the table initializers must come along"
    vocab = (path / "assets" / "vocab.txt").read_bytes().split()
    words = vocab[:4] + [b"not-in-vocab"]
    # TF: load (runs the main op), freeze outputs + the table initializers.
    meta = saved_model_pb2.SavedModel()
    meta.ParseFromString((path / "saved_model.pb").read_bytes())
    outputs = [f["name"] for f in frozen.fetches]
    tf_graph = tf1_session_freeze(load_saved_model_tf1(path, ["serve"]),
                                  outputs + frozen.init_ops)
    asset_feeds = {}
    for mg in meta.meta_graphs:
        for any_ in mg.collection_def["saved_model_assets"].any_list.value:
            a = meta_graph_pb2.AssetFileDef()
            any_.Unpack(a)
            if any(n.name == node_of(a.tensor_info.name) for n in tf_graph.node):
                asset_feeds[a.tensor_info.name] = str(path / "assets" / a.filename)
    compare_runs(frozen, tf_graph, np.random.default_rng(RNG_SEED), strings=words,
                 tf_init_ops=frozen.init_ops, tf_init_feeds=asset_feeds)
    check_consts_equal_tf(frozen, tf_graph)


def test_frozen_graph_refreezes_to_itself(tfgraph, samples_dir, tmp_path):
    path = samples_dir / "frozen" / "frozen.pb"
    frozen = tfgraph_freeze(tfgraph, tmp_path, path, "--outputs", OUTS)
    assert frozen.variables == []
    original = read_graph(path)
    assert {n.name for n in frozen.graph.node} == {n.name for n in original.node}
    compare_runs(frozen, original, np.random.default_rng(RNG_SEED))


def test_text_output_and_tensor_names(tfgraph, samples_dir, tmp_path):
    """Outputs given as tensor names, text output, and a cut + const."""
    path = samples_dir / "tf1_checkpoint"
    frozen = tfgraph_freeze(tfgraph, tmp_path, path, "--outputs",
                            "output/probabilities:0,import/output/logits",
                            "--const", "is_training=false", "--clear-devices",
                            name="frozen.pbtxt")
    assert [f["name"] for f in frozen.fetches] == ["output/probabilities:0", "output/logits:0"]
    assert frozen.nodes["is_training"].op == "Const"
    assert all(f["name"] != "is_training:0" for f in frozen.feeds)
    assert all(not n.device for n in frozen.graph.node)
    assert (tmp_path / "frozen.pbtxt").read_text().startswith("node {")
    check_variable_bytes(frozen)
    tf_graph = read_graph(samples_dir / "frozen" / "frozen.pb")
    compare_runs(frozen, tf_graph, np.random.default_rng(RNG_SEED))


def test_inputs_cut(tfgraph, samples_dir, tmp_path):
    """--inputs at an internal tensor: a Placeholder there, nothing upstream."""
    path = samples_dir / "tf1_checkpoint"
    frozen = tfgraph_freeze(tfgraph, tmp_path, path, "--outputs", "output/probabilities",
                            "--inputs", "hidden2/relu")
    feeds = {f["name"]: f for f in frozen.feeds}
    assert feeds["hidden2/relu:0"]["kind"] == "cut"
    assert feeds["hidden2/relu:0"]["dtype"] == "float32"
    assert "input" not in frozen.nodes and "hidden1/dense/weights" not in frozen.nodes
    assert frozen.nodes["hidden2/relu"].op == "Placeholder"
    # Same numbers as TF's full frozen graph fed at that tensor.
    tf_graph = read_graph(samples_dir / "frozen" / "frozen.pb")
    rng = np.random.default_rng(RNG_SEED)
    shape = feeds["hidden2/relu:0"]["shape"]
    h = np.abs(random_value(rng, "float32", shape))
    ours = run_graph(frozen.graph, {"hidden2/relu:0": h}, ["output/probabilities:0"])
    theirs = run_graph(tf_graph, {"hidden2/relu:0": h, "input:0": np.zeros((h.shape[0], 8),
                                                                            np.float32)},
                       ["output/probabilities:0"])
    assert_identical(ours[0], theirs[0], "probabilities")


def test_inputs_dtype_shape_override(tfgraph, samples_dir, tmp_path):
    frozen = tfgraph_freeze(tfgraph, tmp_path, samples_dir / "tf1_checkpoint", "--outputs",
                            "output/logits", "--inputs", "input:float32:[1,8]")
    feeds = {f["name"]: f for f in frozen.feeds}
    assert feeds["input:0"]["shape"] == [1, 8]
    ph = frozen.nodes["input"]
    assert [d.size for d in ph.attr["shape"].shape.dim] == [1, 8]


def test_checkpoint_option_pairs_graph_and_v1_checkpoint(tfgraph, corpus_dir, tmp_path):
    """freeze_graph's --input_graph + --input_checkpoint, with a V1 checkpoint."""
    item = corpus_dir / "pair_fishbonelsy_mnist_v1ckpt_frozen"
    frozen = tfgraph_freeze(tfgraph, tmp_path, item / "graph.pb", "--checkpoint",
                            item / "model.ckpt", "--outputs", "output")
    assert check_variable_bytes(frozen) == 2
    theirs = read_graph(item / "frozen_model.pb")
    assert check_consts_equal_tf(frozen, theirs) == 2
    compare_runs(frozen, theirs, np.random.default_rng(RNG_SEED))
    tf_graph = tf1_session_freeze(load_graph_and_restore(item / "graph.pb", item / "model.ckpt"),
                                  ["output"])
    compare_runs(frozen, tf_graph, np.random.default_rng(RNG_SEED))


def test_resource_and_ref_ops_become_value_forms(tfgraph, tmp_path):
    """The rewrites of "What it must handle", on a graph TF wrote:
    ResourceGather -> GatherV2, ResourceGatherNd -> GatherNd, VariableShape ->
    Const, and v1 control flow over ref variables (RefEnter in a while loop,
    RefSwitch in a cond, RefMerge) -> Enter/Switch/Merge. The frozen graph
    must compute what TF's own freeze (or the restored session) computes."""
    from tensorflow.python.ops import control_flow_util
    model = tmp_path / "model"
    v2_control_flow = control_flow_util.ENABLE_CONTROL_FLOW_V2
    control_flow_util.ENABLE_CONTROL_FLOW_V2 = False  # Ref* ops exist only in v1 control flow
    try:
        with tf.Graph().as_default() as g:
            ids = tf.compat.v1.placeholder(tf.int32, [None], name="ids")
            x = tf.compat.v1.placeholder(tf.float32, [None, 4], name="x")
            flag = tf.compat.v1.placeholder_with_default(True, [], name="flag")
            init = tf.random_normal_initializer(seed=7)
            emb = tf.compat.v1.get_variable("emb", [10, 4], initializer=init, use_resource=True)
            grid = tf.compat.v1.get_variable("grid", [3, 4], initializer=init, use_resource=True)
            w = tf.compat.v1.get_variable("w", [4, 4], initializer=init, use_resource=False)
            b = tf.compat.v1.get_variable("b", [4], initializer=init, use_resource=False)
            looked = tf.nn.embedding_lookup(emb, ids)
            picked = tf.gather_nd(grid, tf.stack([ids % 3, ids % 4], 1))
            shape = tf.raw_ops.VariableShape(input=emb.handle)

            def body(i, acc):
                return i + 1, tf.matmul(acc, w._ref()) + b._ref()
            _, looped = tf.compat.v1.while_loop(lambda i, a: i < 2, body,
                                                [tf.constant(0), x])
            chosen = tf.compat.v1.cond(flag, lambda: tf.identity(w._ref()),
                                       lambda: tf.identity(w._ref()) * 2.0)
            merged = tf.raw_ops.RefMerge(inputs=[b._ref(), b._ref()]).output
            tf.identity(looked, name="looked")
            tf.identity(picked[:, None] * looked, name="picked")
            tf.identity(tf.cast(shape, tf.float32), name="emb_shape")
            tf.identity(tf.matmul(looped, chosen), name="looped")
            tf.identity(merged + 1.0, name="merged")
            saver = tf.compat.v1.train.Saver()
            with tf.compat.v1.Session(graph=g) as sess:
                sess.run(tf.compat.v1.global_variables_initializer())
                saver.save(sess, str(model / "model.ckpt"))
            source_ops = {n.op for n in g.as_graph_def().node}
    finally:
        control_flow_util.ENABLE_CONTROL_FLOW_V2 = v2_control_flow
    rewritten = {"ResourceGather", "ResourceGatherNd", "VariableShape", "RefEnter", "RefSwitch",
                 "RefMerge"}
    assert rewritten <= source_ops, rewritten - source_ops
    outputs = ["looked", "picked", "emb_shape", "looped", "merged"]
    frozen = tfgraph_freeze(tfgraph, tmp_path, model, "--outputs", ",".join(outputs))
    check_frozen_clean(frozen)
    assert check_variable_bytes(frozen) == 4
    ops = {n.op for n in frozen.graph.node}
    assert not ops & (rewritten | {"VarIsInitializedOp", "AssignVariableOp"}), ops
    assert {"GatherV2", "GatherNd", "Enter", "Switch", "Merge"} <= ops, ops
    assert run_graph(frozen.graph, {}, ["emb_shape"])[0].tolist() == [10, 4]
    load = load_meta_and_restore(model / "model.ckpt.meta", model / "model.ckpt")
    rng = np.random.default_rng(RNG_SEED)
    compare_live(frozen, load, rng)  # every output against the restored session
    # TF 2.15's convert_variables_to_constants leaves VariableShape, RefEnter
    # and RefMerge reading a Const (its graph does not import): compare the
    # outputs it can freeze with its graph.
    outputs = ["looked", "picked"]
    gathers = tfgraph_freeze(tfgraph, tmp_path, model, "--outputs", ",".join(outputs),
                             name="gathers.pb")
    tf_graph = tf1_session_freeze(load, outputs)
    assert not leftover_variables(tf_graph)
    compare_runs(gathers, tf_graph, rng)
    assert check_consts_equal_tf(gathers, tf_graph) == 2
    for value in (True, False):  # both sides of the cond over the ref variable
        x = rng.standard_normal((2, 4)).astype(np.float32)
        ours = run_graph(frozen.graph, {"x:0": x, "flag:0": value}, ["looped"])
        with tf.Graph().as_default() as g, tf.compat.v1.Session(graph=g) as sess:
            load(sess)
            theirs = sess.run("looped:0", {"x:0": x, "flag:0": value})
        assert_identical(ours[0], theirs, f"looped (flag={value})")


def test_two_gigabyte_estimate_refuses_and_suggests_export(tfgraph, tmp_path):
    """The size check runs on the checkpoint's shapes before any value is read.
    A TF checkpoint whose index declares a 4 TiB variable (the data file is
    not that big: nothing may be read or allocated) is refused with exit 6,
    a message that suggests `tfgraph export`, and no output file."""
    sys.path.insert(0, str(HERE.parent / "cli"))
    import ckpt_index
    model = tmp_path / "model"
    with tf.Graph().as_default() as g:
        x = tf.compat.v1.placeholder(tf.float32, [None, None], name="x")
        # validate_shape=False: the graph does not pin the shape, so only the
        # checkpoint says how big the variable is (as for a real huge model).
        start = tf.compat.v1.placeholder_with_default(tf.ones([2, 2]), [None, None])
        big = tf.compat.v1.Variable(start, validate_shape=False, name="big")
        tf.identity(tf.matmul(x, big), name="y")
        saver = tf.compat.v1.train.Saver()
        with tf.compat.v1.Session(graph=g) as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            saver.save(sess, str(model / "model.ckpt"))

    def declare_huge(key, entry):
        if key == "big":
            entry.shape.dim[0].size = 1 << 20
            entry.shape.dim[1].size = 1 << 20
            entry.size = 4 << 40
    ckpt_index.edit_entries(model / "model.ckpt.index", declare_huge)
    out = tmp_path / "big.pb"
    proc = tfgraph.run("freeze", model, "--outputs", "y", "-o", out, expect=6)
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and "2 GiB" in err[0] and "tfgraph export" in err[0], err
    assert not out.exists()


# --------------------------------------------------------------------------
# Errors: before any work, with suggestions; never replacing without --force.

def test_unknown_output_fails_with_suggestion(tfgraph, samples_dir, tmp_path):
    out = tmp_path / "x.pb"
    proc = tfgraph.run("freeze", samples_dir / "tf1_checkpoint", "--outputs",
                       "output/probabilitys", "-o", out, expect=4)
    assert "output/probabilities" in proc.stderr
    assert not out.exists()


def test_output_index_the_node_lacks_fails_before_work(tfgraph, samples_dir, tmp_path):
    """TF would not fetch "output/logits:3" (AddV2 has one output): refuse it
    up front instead of writing a graph whose fetch name does not exist."""
    out = tmp_path / "x.pb"
    for option, value in (("--outputs", "output/logits:3"), ("--inputs", "input:1")):
        args = ["--outputs", "output/logits"] if option == "--inputs" else []
        proc = tfgraph.run("freeze", samples_dir / "tf1_checkpoint", option, value, *args,
                           "-o", out, expect=4)
        assert f"{option}: '{value}'" in proc.stderr and "has 1 output" in proc.stderr, \
            proc.stderr
        assert not out.exists()


def test_existing_output_needs_force(tfgraph, samples_dir, tmp_path):
    out = tmp_path / "x.pb"
    out.write_bytes(b"keep me")
    proc = tfgraph.run("freeze", samples_dir / "tf1_checkpoint", "--outputs", OUTS, "-o", out,
                       expect=5)
    assert "--force" in proc.stderr
    assert out.read_bytes() == b"keep me"
    tfgraph.run("freeze", samples_dir / "tf1_checkpoint", "--outputs", OUTS, "-o", out,
                "--force")
    assert read_graph(out).node


def test_missing_checkpoint_is_a_usage_error(tfgraph, samples_dir, tmp_path):
    meta = samples_dir / "tf1_checkpoint" / "model.ckpt-6.meta"
    gd = meta_graph_pb2.MetaGraphDef()
    gd.ParseFromString(meta.read_bytes())
    graph = tmp_path / "graph.pb"
    graph.write_bytes(gd.graph_def.SerializeToString())
    proc = tfgraph.run("freeze", graph, "--outputs", OUTS, "-o", tmp_path / "y.pb", expect=2)
    assert "--checkpoint" in proc.stderr


def test_const_given_twice_says_so(tfgraph, samples_dir, tmp_path):
    out = tmp_path / "c.pb"
    proc = tfgraph.run("freeze", samples_dir / "tf1_checkpoint", "--outputs", OUTS,
                       "--const", "input=1", "--const", "input=2", "-o", out, expect=2)
    assert "--const: 'input' is given more than once" in proc.stderr
    assert not out.exists()


def test_input_that_cuts_nothing_is_a_warning(tfgraph, samples_dir, tmp_path):
    # loss/total is computed from the logits, not upstream of them: cutting
    # there changes nothing, and the user is told instead of left guessing.
    proc = tfgraph.run("freeze", samples_dir / "tf1_checkpoint", "--outputs", "output/logits",
                       "--inputs", "loss/total", "-o", tmp_path / "w.pb")
    assert "warning: --inputs 'loss/total:0' is not upstream of any output: it cuts nothing" \
        in proc.stderr
    assert "loss/total" not in {n.name for n in read_graph(tmp_path / "w.pb").node}


def test_human_output_names_feeds_and_fetches(tfgraph, samples_dir, tmp_path):
    proc = tfgraph.run("freeze", samples_dir / "tf1_checkpoint", "--outputs", OUTS, "-o",
                       tmp_path / "h.pb")
    text = proc.stdout
    assert "input:0" in text and "output/probabilities:0" in text
    assert re.search(r"10 frozen", text)
    assert re.search(r"kept, [\d,]+ dropped", text)


# --------------------------------------------------------------------------
# Downstream consumers of frozen graphs.

def test_tf2onnx_and_onnxruntime(tfgraph, samples_dir, tmp_path):
    tf2onnx = pytest.importorskip("tf2onnx", reason="tf2onnx not installed in the venv")
    ort = pytest.importorskip("onnxruntime", reason="onnxruntime not installed in the venv")
    frozen = tfgraph_freeze(tfgraph, tmp_path, samples_dir / "tf1_saved_model", "--signature",
                            "serving_default")
    model, _ = tf2onnx.convert.from_graph_def(frozen.graph, input_names=["x:0"],
                                              output_names=["logits:0", "probabilities:0"])
    sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    x = np.random.default_rng(RNG_SEED).standard_normal((3, 4)).astype(np.float32)
    onnx_out = sess.run(None, {"x:0": x})
    tf_out = run_graph(frozen.graph, {"x:0": x}, ["logits:0", "probabilities:0"])
    for a, b in zip(onnx_out, tf_out):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_opencv_dnn(tfgraph, samples_dir, tmp_path):
    cv2 = pytest.importorskip("cv2", reason="opencv not installed in the venv")
    frozen = tfgraph_freeze(tfgraph, tmp_path, samples_dir / "tf1_saved_model", "--outputs",
                            "logits", "--clear-devices")
    net = cv2.dnn.readNetFromTensorflow(str(frozen.path))
    x = np.random.default_rng(RNG_SEED).standard_normal((1, 4)).astype(np.float32)
    net.setInput(x)
    cv_out = net.forward()
    tf_out = run_graph(frozen.graph, {"x:0": x}, ["logits:0"])[0]
    np.testing.assert_allclose(cv_out.reshape(tf_out.shape), tf_out, rtol=1e-5, atol=1e-5)


# --------------------------------------------------------------------------
# The corpus: every model with variables, and TF's own frozen pairs.

def corpus_models():
    for item, models in corpus_index.ITEMS.items():
        for m in models:
            if m.variables and m.readable and m.format in ("checkpoint", "saved_model",
                                                           "session_bundle"):
                yield pytest.param(m, id=m.path)


def signature_list(path, tags):
    sm = saved_model_pb2.SavedModel()
    pb = Path(path) / "saved_model.pb"
    sm.ParseFromString(pb.read_bytes())
    for mg in sm.meta_graphs:
        if sorted(mg.meta_info_def.tags) == sorted(tags):
            return mg, {k: v for k, v in mg.signature_def.items()
                        if not k.startswith("__saved_model")}
    return None, {}


# Outputs for TF1 checkpoints that have no signatures (from each item's
# SOURCE.txt and the frozen graph TF made, where there is one).
CHECKPOINT_OUTPUTS = {
    "pair_ardianumam_lenet_ckpt_frozen": ["output_tensor/Softmax"],
    "pair_fishbonelsy_mnist_v1ckpt_frozen": ["output"],
    "pair_tzuhsiang_simple_model_ckpt_frozen": ["Model/add"],
    "unusual_tzuhsiang_empty_prefix_ckpt": ["Model/add"],
    "tf2onnx_regression_ckpt_frozen_savedmodel/checkpoint": ["pred"],
    "serving_bad_half_plus_two/00000123": ["Add"],
    "serving_half_plus_two_session_bundle_v1ckpt/00000123": ["Add"],
    "serving_half_plus_two_session_bundle_v2ckpt/00000123": ["Add"],
    "serving_session_bundle_half_plus_two_v1sharded/00000123": ["y"],
}

# TF's own frozen graph of the same checkpoint, to compare constants with.
TF_FROZEN_PAIRS = {
    "pair_ardianumam_lenet_ckpt_frozen": "frozen_model.pb",
    "pair_fishbonelsy_mnist_v1ckpt_frozen": "frozen_model.pb",
    "pair_tzuhsiang_simple_model_ckpt_frozen": "frozen_model.pb",
    "tf2onnx_regression_ckpt_frozen_savedmodel/checkpoint": "../graphdef/frozen.pb",
    "tf2onnx_regression_ckpt_frozen_savedmodel/saved_model": "../graphdef/frozen.pb",
}

# What TensorFlow itself cannot freeze (and why); tfgraph must refuse too.
REFUSED = {
    # The signatures assign to the variable (a counter): not freezable.
    ("serving_saved_model_counter/00000123", "incr_counter"): "written by",
    ("serving_saved_model_counter/00000123", "incr_counter_by"): "written by",
    ("serving_saved_model_counter/00000123", "reset_counter"): "written by",
    ("tf2onnx_assign_saved_model", "serving_default"): "writes it",
}


def asset_feeds(mg, export_dir, graph):
    """What the SavedModel loader feeds the asset tensors: absolute paths."""
    found = [(a.tensor_info.name, a.filename) for a in mg.asset_file_def]
    for any_ in mg.collection_def["saved_model_assets"].any_list.value:
        a = meta_graph_pb2.AssetFileDef()
        any_.Unpack(a)
        found.append((a.tensor_info.name, a.filename))
    names = {n.name for n in graph.node}
    return {t: str(Path(export_dir) / "assets" / f) for t, f in found if node_of(t) in names}


def meta_of_checkpoint(path):
    p = Path(path)
    if p.is_dir():
        metas = sorted(p.glob("*.meta"))
        return metas[0], Path(str(metas[0])[:-len(".meta")])
    return Path(str(p) + ".meta"), p


def example_strings(mg, rng, n=2):
    """Serialized tf.Examples with every dense float feature a ParseExample in
    the graph asks for."""
    keys = set()
    bodies = [list(mg.graph_def.node)] + [list(f.node_def) for f in mg.graph_def.library.function]
    for body in bodies:
        nodes = {nd.name: nd for nd in body}
        for nd in body:
            if nd.op not in ("ParseExample", "ParseExampleV2"):
                continue
            for i in nd.input:
                src = nodes.get(node_of(i))
                if src is not None and src.op == "Const" and src.attr["dtype"].type == 7:
                    for s in tf.make_ndarray(src.attr["value"].tensor).reshape(-1):
                        keys.add(s.decode() if isinstance(s, bytes) else s)
    if not keys:
        return []
    out = []
    for _ in range(n):
        feats = {k: tf.train.Feature(float_list=tf.train.FloatList(value=[rng.standard_normal()]))
                 for k in keys if k}
        out.append(tf.train.Example(features=tf.train.Features(feature=feats))
                   .SerializeToString())
    return out


@pytest.mark.parametrize("model", list(corpus_models()))
def test_corpus_model(tfgraph, corpus_dir, tmp_path, model):
    path = corpus_dir / model.path
    if not model.tf_loads:
        pytest.skip(f"TensorFlow itself cannot load it: {model.tf_error}")
    if model.format == "checkpoint" and model.tags is None:
        pytest.skip("a checkpoint without a graph: nothing to freeze")
    rng = np.random.default_rng(RNG_SEED)
    runs = 0
    if model.format in ("checkpoint", "session_bundle"):
        outputs = CHECKPOINT_OUTPUTS[model.path]
        frozen = tfgraph_freeze(tfgraph, tmp_path, path, "--outputs", ",".join(outputs))
        check_frozen_clean(frozen)
        assert check_variable_bytes(frozen) > 0
        if model.format == "session_bundle":
            meta, prefix = path / "export.meta", path / "export"
            if not prefix.exists() and not Path(str(prefix) + ".index").exists():
                prefix = str(prefix) + "-?????-of-00001"
        elif model.path.startswith("unusual_tzuhsiang"):
            meta, prefix = path / ".meta", str(path) + "/"
        else:
            meta, prefix = meta_of_checkpoint(path)
        load = load_meta_and_restore(meta, prefix)
        strings = None
        if any(f["dtype"] == "string" for f in frozen.feeds):
            mg = meta_graph_pb2.MetaGraphDef()
            mg.ParseFromString(Path(meta).read_bytes())
            strings = example_strings(mg, rng) or None
        tf_graph = tf1_session_freeze(load, outputs)
        if leftover_variables(tf_graph):
            # TF could not freeze it; compare with the restored model itself.
            compare_live(frozen, load, rng, strings=strings)
        else:
            compare_runs(frozen, tf_graph, rng, batch=1, strings=strings)
            check_consts_equal_tf(frozen, tf_graph)
        pair = TF_FROZEN_PAIRS.get(model.path)
        if pair:
            assert check_consts_equal_tf(frozen, read_graph((path / pair).resolve())) > 0
        return
    # SavedModels: every signature.
    mg, sigs = signature_list(path, model.tags)
    assert sigs, "no signatures"
    is_tf2 = bool(mg.object_graph_def.nodes)
    for key, sig in sorted(sigs.items()):
        out = tmp_path / (re.sub(r"[^A-Za-z0-9_.-]", "_", key) + ".pb")
        args = ["freeze", path, "--signature", key, "-o", out, "--json", "--force"]
        if model.tags != ("serve",):
            args += ["--tag-set", ",".join(model.tags)]
        refused = REFUSED.get((model.path, key))
        if refused:
            proc = tfgraph.run(*args, expect=None)
            assert proc.returncode == 3 and refused in proc.stderr, proc.stderr
            continue
        frozen = Frozen(tfgraph.json(*args), out)
        check_frozen_clean(frozen)
        check_variable_bytes(frozen)
        strings = None
        if any(f["dtype"] == "string" for f in frozen.feeds):
            strings = example_strings(mg, rng) or None
        if is_tf2:
            gd, tf_in, tf_out, _ = tf2_signature_freeze(path, key)
            feed_names = {f["name"]: tf_in[f["key"]] for f in frozen.feeds if f.get("key")}
            fetch_names = {f["name"]: tf_out[f["key"]] for f in frozen.fetches}
            compare_runs(frozen, gd, rng, tf_feed_names=feed_names, tf_fetch_names=fetch_names,
                         strings=strings, batch=1)
        else:
            tf_graph = tf1_session_freeze(load_saved_model_tf1(path, model.tags),
                                          [f["name"] for f in frozen.fetches] + frozen.init_ops)
            compare_runs(frozen, tf_graph, rng, strings=strings, batch=1,
                         tf_init_ops=frozen.init_ops,
                         tf_init_feeds=asset_feeds(mg, path, tf_graph))
            check_consts_equal_tf(frozen, tf_graph)
        pair = TF_FROZEN_PAIRS.get(model.path)
        if pair:
            assert check_consts_equal_tf(frozen, read_graph((path / pair).resolve())) > 0
        runs += 1
    assert runs or any(k[0] == model.path for k in REFUSED)


def test_big_variables_copied_from_the_checkpoint_file(tfgraph, tmp_path):
    """Values of 4 MiB and more go file to file (copy_file_range); the bytes
    must still be exactly the checkpoint's, next to small ones written from
    memory, a partitioned one cut out of its key, and a string variable."""
    model = tmp_path / "model"
    with tf.Graph().as_default() as g:
        x = tf.compat.v1.placeholder(tf.float32, [None, 1024], name="x")
        big = tf.compat.v1.get_variable("big", [1024, 1536], use_resource=False,
                                        initializer=tf.random_normal_initializer(seed=1))
        big2 = tf.compat.v1.get_variable("big2", [1536, 1024], use_resource=True,
                                         initializer=tf.random_normal_initializer(seed=2))
        parts = tf.compat.v1.get_variable("parts", [3000, 1024], use_resource=False,
                                          partitioner=tf.compat.v1.fixed_size_partitioner(2),
                                          initializer=tf.random_normal_initializer(seed=3))
        small = tf.compat.v1.get_variable("small", [1024], initializer=tf.ones_initializer())
        label = tf.compat.v1.get_variable("label", [], dtype=tf.string,
                                          initializer=tf.constant_initializer("weights-v1"))
        y = tf.matmul(tf.matmul(x, big), big2) + small
        z = tf.matmul(x, tf.transpose(tf.concat(list(parts), axis=0)))
        tf.identity(y, name="y")
        tf.identity(z, name="z")
        tf.identity(label, name="label_out")
        saver = tf.compat.v1.train.Saver()
        with tf.compat.v1.Session(graph=g) as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            saver.save(sess, str(model / "model.ckpt"))
    frozen = tfgraph_freeze(tfgraph, tmp_path, model, "--outputs", "y,z,label_out")
    assert check_variable_bytes(frozen) == 6
    assert {v["node"]: v.get("slice") for v in frozen.variables if "parts" in v["node"]} == \
        {"parts/part_0": "0,1500:0,1024", "parts/part_1": "1500,1500:0,1024"}
    assert run_graph(frozen.graph, {}, ["label_out"])[0] == b"weights-v1"
    # TF 2.15's convert_variables_to_constants fails on a string variable
    # ('bytes' object has no attribute 'shape'): compare the numeric outputs.
    frozen = tfgraph_freeze(tfgraph, tmp_path, model, "--outputs", "y,z", name="yz.pb")
    tf_graph = tf1_session_freeze(
        load_meta_and_restore(model / "model.ckpt.meta", model / "model.ckpt"), ["y", "z"])
    assert check_consts_equal_tf(frozen, tf_graph) == 5
    compare_runs(frozen, tf_graph, np.random.default_rng(RNG_SEED))
