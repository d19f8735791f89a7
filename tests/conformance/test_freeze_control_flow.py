"""tfgraph freeze on control flow that reads variables, against real TensorFlow.

Every model is built with TensorFlow at test time (in a temporary folder),
frozen with `tfgraph freeze`, and the frozen GraphDef is imported back into
TensorFlow (tf.compat.v1 import_graph_def + Session). Its outputs must equal,
bit for bit, what the source model computes on the same inputs:

  TF2 SavedModel signatures (tf.function, functional control flow):
    * a tf.while_loop whose cond and body read variables;
    * tf.switch_case (Case) and tf.cond (If) with variable reads in branches;
    * nesting: a While inside a cond, a cond inside a While, a Case inside a
      While.
    Reference: the loaded SavedModel's signature itself; and, separately,
    TensorFlow's own convert_variables_to_constants_v2 (lowered and
    functional), skipped with TensorFlow's error where it cannot convert.
  TF1 graph + checkpoint:
    * a dropout keep_prob placeholder_with_default and Keras's
      keras_learning_phase (which drives a BatchNormalization If over its
      moving statistics), baked with --const; reference: the restored
      Session fed the same values (seeded dropout, so keep_prob < 1 is
      compared too);
    * VarIsInitializedOp / IsVariableInitialized: outputs that do not need
      them freeze without them; outputs that read them get the documented
      behaviour (core/freeze_rewrite.h: the check becomes the constant true,
      with a note) and must equal the restored Session, where every variable
      is initialized. TensorFlow 2.15's convert_variables_to_constants leaves
      those checks reading a Const, so its graph does not import: that is
      asserted too, as the reason the two tools differ here.
"""

import os
import re
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import tensorflow as tf  # noqa: E402

tf.get_logger().setLevel("ERROR")
from tensorflow.python.framework import convert_to_constants  # noqa: E402

from frozen_result import Frozen, read_graph  # noqa: E402

v1 = tf.compat.v1
SEED = 20240611

# Ops a frozen graph must not contain (in the graph or in any function).
STATE_OPS = {"VariableV2", "Variable", "VarHandleOp", "ReadVariableOp", "Assign",
             "AssignVariableOp", "AssignAddVariableOp", "AssignSubVariableOp",
             "VarIsInitializedOp", "IsVariableInitialized", "StatefulPartitionedCall",
             "PartitionedCall", "RestoreV2", "SaveV2"}


# --------------------------------------------------------------------------
# Helpers.

def tensor_name(name):
    return name if ":" in name else name + ":0"


def run_graph(gd, feeds, fetches):
    """Imports gd into a fresh graph and runs fetches in a fresh Session."""
    with tf.Graph().as_default() as g:
        v1.import_graph_def(gd, name="")
        with v1.Session(graph=g) as sess:
            return sess.run([tensor_name(f) for f in fetches],
                            feed_dict={tensor_name(k): v for k, v in feeds.items()})


def assert_same(ours, theirs, what):
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape, \
        f"{what}: {ours.dtype}{ours.shape} vs {theirs.dtype}{theirs.shape}"
    if ours.dtype.kind in "OSU":
        assert ours.tolist() == theirs.tolist(), what
    else:
        np.testing.assert_array_equal(ours, theirs, err_msg=what)


def all_nodes(gd):
    """(where, NodeDef) for the graph's nodes and every function's nodes."""
    for n in gd.node:
        yield "", n
    for f in gd.library.function:
        for n in f.node_def:
            yield f.signature.name + "/", n


def ops_of(gd):
    return {n.op for _, n in all_nodes(gd)}


def check_frozen_clean(gd):
    for where, n in all_nodes(gd):
        assert n.op not in STATE_OPS, f"{where}{n.name} ({n.op}) left in the frozen graph"
    for f in gd.library.function:
        for a in f.signature.input_arg:
            assert a.type != tf.resource.as_datatype_enum, \
                f"function {f.signature.name} still takes a resource ({a.name})"




def freeze(tfgraph, out_dir, model, *args, name="frozen.pb"):
    out = Path(out_dir) / name
    records = tfgraph.json("freeze", model, "-o", out, "--force", "--json", *args)
    return Frozen(records, out)


def check_variable_consts(frozen, prefix):
    """Every Const tfgraph made for a variable holds the checkpoint tensor."""
    reader = tf.train.load_checkpoint(str(prefix))
    for v in frozen.variables:
        node = frozen.nodes[v["node"]]
        assert node.op == "Const", f"{v['node']} is {node.op}"
        assert_same(tf.make_ndarray(node.attr["value"].tensor), reader.get_tensor(v["key"]),
                    f"variable {v['node']} ({v['key']})")
    return {v["key"] for v in frozen.variables}


# --------------------------------------------------------------------------
# TF2: one SavedModel, one signature per control-flow shape.

def var_key(name):
    return f"{name}/.ATTRIBUTES/VARIABLE_VALUE"


class ControlFlowModule(tf.Module):
    """Each signature's control flow reads variables inside its functions."""

    def __init__(self, rng):
        super().__init__()

        def f32(*shape):
            return rng.standard_normal(shape).astype(np.float32)
        self.w = tf.Variable(f32(4, 4) * 0.5, name="w")
        self.b = tf.Variable(f32(4), name="b")
        self.scale = tf.Variable(f32(4), name="scale")
        self.steps = tf.Variable(3, name="steps")
        self.unused = tf.Variable(f32(4), name="unused")

    def _step(self, acc):
        return tf.tanh(tf.matmul(acc, self.w) + self.b)

    @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32, name="x"),
                                  tf.TensorSpec([], tf.int32, name="extra")])
    def loop(self, x, extra):
        # The cond reads `steps`, the body reads `w` and `b`.
        _, y = tf.while_loop(lambda i, acc: i < self.steps + extra,
                             lambda i, acc: (i + 1, self._step(acc)), [tf.constant(0), x])
        return {"y": y}

    @tf.function(input_signature=[tf.TensorSpec([], tf.int32, name="k"),
                                  tf.TensorSpec([None, 4], tf.float32, name="x")])
    def branches(self, k, x):
        y = tf.switch_case(k, [lambda: x * self.scale, lambda: tf.matmul(x, self.w),
                               lambda: x + self.b])
        z = tf.cond(tf.reduce_sum(x) > 0.0, lambda: x - self.b, lambda: x * self.scale)
        return {"y": y, "z": z}

    @tf.function(input_signature=[tf.TensorSpec([], tf.int32, name="k"),
                                  tf.TensorSpec([None, 4], tf.float32, name="x")])
    def while_in_cond(self, k, x):
        def looped():
            _, y = tf.while_loop(lambda i, acc: i < self.steps,
                                 lambda i, acc: (i + 1, self._step(acc)), [tf.constant(0), x])
            return y
        return {"y": tf.cond(k > 0, looped, lambda: x * self.scale)}

    @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32, name="x")])
    def cond_in_while(self, x):
        def body(i, acc):
            # The predicate reads `b` in the body; each branch reads another.
            nxt = tf.cond(tf.reduce_sum(acc * self.b) > 0.0,
                          lambda: tf.matmul(acc, self.w), lambda: acc * self.scale)
            return i + 1, tf.tanh(nxt)
        _, y = tf.while_loop(lambda i, acc: i < self.steps, body, [tf.constant(0), x])
        return {"y": y}

    @tf.function(input_signature=[tf.TensorSpec([], tf.int32, name="k"),
                                  tf.TensorSpec([None, 4], tf.float32, name="x")])
    def case_in_while(self, k, x):
        def body(i, acc):
            nxt = tf.switch_case((k + i) % 3, [lambda: acc * self.scale,
                                               lambda: tf.matmul(acc, self.w),
                                               lambda: acc + self.b])
            return i + 1, tf.tanh(nxt)
        _, y = tf.while_loop(lambda i, acc: i < self.steps, body, [tf.constant(0), x])
        return {"y": y}


SIGNATURES = ["loop", "branches", "while_in_cond", "cond_in_while", "case_in_while"]

# Per signature: the variables it reads, the functional ops tfgraph keeps
# (with converted bodies), input sets that cover every path, and how many
# distinct results those give.
X = np.random.default_rng(SEED).standard_normal((3, 4)).astype(np.float32)
EXPECTED = {
    # 3, 5 and 0 iterations.
    "loop": dict(
        variables={"w", "b", "steps"}, ops={"While"}, distinct=3,
        inputs=[{"x": X, "extra": np.int32(e)} for e in (0, 2, -3)]),
    # Every Case branch with both If branches (sum(X) < 0 < sum(-X)); an
    # out-of-range index (7, -1) runs the last branch, so k=7 repeats k=2.
    "branches": dict(
        variables={"w", "b", "scale"}, ops={"Case", "If"}, distinct=7,
        inputs=[{"x": s * X, "k": np.int32(k)} for k in (0, 1, 2, 7) for s in (1.0, -1.0)]
        + [{"x": np.abs(X), "k": np.int32(-1)}]),
    "while_in_cond": dict(
        variables={"w", "b", "scale", "steps"}, ops={"If", "While"}, distinct=2,
        inputs=[{"x": X, "k": np.int32(k)} for k in (1, 0)]),
    # With SEED the body's cond goes false, true, false for X and true,
    # false, true for -X: both branches inside one loop run.
    "cond_in_while": dict(
        variables={"w", "b", "scale", "steps"}, ops={"While", "If"}, distinct=3,
        inputs=[{"x": s * X} for s in (1.0, -1.0, 0.1)]),
    # The branch index changes every iteration ((k + i) % 3).
    "case_in_while": dict(
        variables={"w", "b", "scale", "steps"}, ops={"While", "Case"}, distinct=3,
        inputs=[{"x": X, "k": np.int32(k)} for k in (0, 1, 2)]),
}


@pytest.fixture(scope="module")
def tf2_model(tmp_path_factory):
    path = tmp_path_factory.mktemp("tf2_control_flow") / "saved_model"
    module = ControlFlowModule(np.random.default_rng(SEED))
    tf.saved_model.save(module, str(path),
                        signatures={k: getattr(module, k) for k in SIGNATURES})
    return path


@pytest.fixture(scope="module")
def tf2_loaded(tf2_model):
    return tf.saved_model.load(str(tf2_model))


@pytest.fixture(scope="module")
def tf2_frozen(tfgraph, tf2_model, tmp_path_factory):
    """tfgraph's freeze of each signature, made once."""
    out = tmp_path_factory.mktemp("tf2_frozen")
    cache = {}

    def get(signature):
        if signature not in cache:
            cache[signature] = freeze(tfgraph, out, tf2_model, "--signature", signature,
                                      name=f"{signature}.pb")
        return cache[signature]
    return get


def describe(inputs):
    return ", ".join(f"{k}={v}" if np.ndim(v) == 0 else f"{k}={v.dtype}{list(v.shape)}"
                     for k, v in sorted(inputs.items()))


def run_frozen_signature(frozen, inputs):
    feed_names = frozen.feed_by_key()
    assert set(feed_names) == set(inputs), f"feeds {feed_names} vs inputs {sorted(inputs)}"
    keys = sorted(frozen.fetch_by_key())
    values = run_graph(frozen.graph, {feed_names[k]: v for k, v in inputs.items()},
                       [frozen.fetch_by_key()[k] for k in keys])
    return dict(zip(keys, values))


@pytest.mark.parametrize("signature", SIGNATURES)
def test_tf2_signature_matches_source(tfgraph, tf2_model, tf2_loaded, tf2_frozen, signature):
    """Frozen signature == the SavedModel's own signature, on every path."""
    expected = EXPECTED[signature]
    frozen = tf2_frozen(signature)
    check_frozen_clean(frozen.graph)
    keys = check_variable_consts(frozen, tf2_model / "variables" / "variables")
    assert keys == {var_key(v) for v in expected["variables"]}
    assert all(v["source"] == "object graph" for v in frozen.variables)
    assert frozen.summary["functions_converted"] > 0
    # The control flow stays functional, with converted copies of its
    # functions (nothing lowered to Switch/Merge by tfgraph).
    ops = ops_of(frozen.graph)
    functional = {"If", "StatelessIf", "Case", "StatelessCase", "While", "StatelessWhile"}
    have = {op.replace("Stateless", "") for op in ops & functional}
    assert have == expected["ops"], f"functional ops {sorted(ops & functional)}"
    called = []
    for _, n in all_nodes(frozen.graph):
        if n.op in functional:
            called += [n.attr[a].func.name for a in ("then_branch", "else_branch", "cond", "body")
                       if a in n.attr]
            if "branches" in n.attr:  # (indexing a proto map would add the key)
                called += [fn.name for fn in n.attr["branches"].list.func]
    library = {fn.signature.name for fn in frozen.graph.library.function}
    assert called and set(called) <= library, (called, sorted(library))
    assert any("_frozen_" in name for name in called), called
    assert not {"Switch", "Merge", "Enter", "Exit"} & ops, sorted(ops)

    f = tf2_loaded.signatures[signature]
    distinct = set()
    for inputs in expected["inputs"]:
        ours = run_frozen_signature(frozen, inputs)
        theirs = {k: v.numpy() for k, v in f(**{k: tf.constant(v) for k, v in inputs.items()}).items()}
        assert sorted(ours) == sorted(theirs)
        for k in theirs:
            assert_same(ours[k], theirs[k], f"{signature}: output {k!r}, {describe(inputs)}")
        distinct.add(tuple(np.asarray(ours[k]).tobytes() for k in sorted(ours)))
    # The input sets really take different paths (not one branch every time).
    assert len(distinct) == expected["distinct"], f"{signature}: {len(distinct)} distinct results"


def tf_convert(loaded, signature, lower):
    """TensorFlow's convert_variables_to_constants_v2 of a signature: the
    frozen GraphDef, and input key -> feed name, output key -> fetch name."""
    f = loaded.signatures[signature]
    try:
        cf, gd = convert_to_constants.convert_variables_to_constants_v2_as_graph(
            f, lower_control_flow=lower)
    except Exception as e:  # noqa: BLE001 - reported verbatim
        pytest.skip(f"TF {tf.__version__} convert_variables_to_constants_v2"
                    f"(lower_control_flow={lower}) fails on '{signature}': "
                    f"{type(e).__name__}: {str(e).strip().splitlines()[0]}")
    inputs = {k: spec.name + ":0" for k, spec in f.structured_input_signature[1].items()}
    outputs = {k: t.name for k, t in zip(sorted(f.structured_outputs), cf.outputs)}
    return gd, inputs, outputs


@pytest.mark.parametrize("lower", [True, False], ids=["lowered", "functional"])
@pytest.mark.parametrize("signature", SIGNATURES)
def test_tf2_signature_matches_tf_freeze(tf2_loaded, tf2_frozen, signature, lower):
    """Frozen signature == TensorFlow's own freeze of it, on every path."""
    gd, tf_in, tf_out = tf_convert(tf2_loaded, signature, lower)
    frozen = tf2_frozen(signature)
    for inputs in EXPECTED[signature]["inputs"]:
        ours = run_frozen_signature(frozen, inputs)
        keys = sorted(ours)
        try:
            theirs = run_graph(gd, {tf_in[k]: v for k, v in inputs.items()},
                               [tf_out[k] for k in keys])
        except Exception as e:  # noqa: BLE001
            pytest.skip(f"TF {tf.__version__}'s frozen graph of '{signature}' "
                        f"(lower_control_flow={lower}) does not run: "
                        f"{type(e).__name__}: {str(e).strip().splitlines()[0]}")
        for k, theirs_k in zip(keys, theirs):
            assert_same(ours[k], theirs_k, f"{signature}: output {k!r} vs TF's freeze, "
                        f"{describe(inputs)}")


# --------------------------------------------------------------------------
# TF1: training-only inputs baked with --const.

@pytest.fixture(scope="module")
def tf1_training_graph(tmp_path_factory):
    """x -> dense -> relu -> dropout(1 - keep_prob, seeded) -> Keras
    BatchNormalization(training=keras_learning_phase) -> dense. The batch norm
    is an If (control flow v2) over the learning phase whose inference branch
    reads the moving statistics (resource variables)."""
    path = tmp_path_factory.mktemp("tf1_training") / "model"
    rng = np.random.default_rng(SEED)
    with tf.Graph().as_default() as g:
        v1.set_random_seed(42)
        x = v1.placeholder(tf.float32, [None, 4], name="x")
        keep_prob = v1.placeholder_with_default(1.0, [], name="keep_prob")
        learning_phase = tf.keras.backend.learning_phase()
        assert learning_phase.op.name == "keras_learning_phase"
        assert learning_phase.op.type == "PlaceholderWithDefault"
        init = tf.random_normal_initializer(seed=3)
        w1 = v1.get_variable("dense1/kernel", [4, 8], initializer=init)
        b1 = v1.get_variable("dense1/bias", [8], initializer=init)
        h = tf.nn.relu(tf.matmul(x, w1) + b1)
        h = tf.nn.dropout(h, rate=1.0 - keep_prob, seed=7)
        bn = tf.keras.layers.BatchNormalization(name="bn")
        h = bn(h, training=learning_phase)
        w2 = v1.get_variable("dense2/kernel", [8, 3], initializer=init)
        tf.identity(tf.matmul(h, w2), name="logits")
        saver = v1.train.Saver()
        with v1.Session(graph=g) as sess:
            sess.run(v1.global_variables_initializer())
            for v in bn.variables:  # statistics that are not 0 and 1
                v.load(rng.standard_normal(v.shape).astype(np.float32) ** 2 + 0.5, sess)
            saver.save(sess, str(path / "model.ckpt"))
        ops = {n.op for n in g.as_graph_def().node}
    assert {"If", "RandomUniform", "ReadVariableOp", "PlaceholderWithDefault"} <= ops, ops
    return path


def tf1_restored_run(model, feeds, fetches):
    """The source model: the graph restored from its checkpoint, in a fresh
    Session (so seeded random ops start from their seeds)."""
    with tf.Graph().as_default() as g:
        saver = v1.train.import_meta_graph(str(model / "model.ckpt.meta"), clear_devices=True)
        with v1.Session(graph=g) as sess:
            saver.restore(sess, str(model / "model.ckpt"))
            return sess.run([tensor_name(f) for f in fetches],
                            feed_dict={tensor_name(k): v for k, v in feeds.items()})


def training_batch():
    return np.random.default_rng(SEED + 1).standard_normal((5, 4)).astype(np.float32)


@pytest.mark.parametrize("keep_prob,phase", [("1.0", "false"), ("0.5", "true"),
                                             ("0.75", "false"), ("1", "1")])
def test_tf1_const_bakes_training_inputs(tfgraph, tf1_training_graph, tmp_path, keep_prob,
                                         phase):
    model = tf1_training_graph
    frozen = freeze(tfgraph, tmp_path, model, "--outputs", "logits",
                    "--const", f"keep_prob={keep_prob}",
                    "--const", f"keras_learning_phase={phase}")
    check_frozen_clean(frozen.graph)
    assert len(check_variable_consts(frozen, model / "model.ckpt")) == 7
    # Only x is left to feed; the two training inputs are Consts now.
    assert [(f["name"], f["kind"]) for f in frozen.feeds] == [("x:0", "placeholder")], \
        frozen.feeds
    kp, lp = frozen.nodes["keep_prob"], frozen.nodes["keras_learning_phase"]
    assert kp.op == "Const" and lp.op == "Const"
    kp_value, lp_value = float(keep_prob), phase in ("true", "1")
    assert tf.make_ndarray(kp.attr["value"].tensor) == np.float32(kp_value)
    assert tf.make_ndarray(lp.attr["value"].tensor) == lp_value
    assert any("keep_prob" in n and "baked" in n for n in frozen.notes), frozen.notes
    assert any("keras_learning_phase" in n and "baked" in n for n in frozen.notes), frozen.notes
    x = training_batch()
    ours = run_graph(frozen.graph, {"x": x}, ["logits"])[0]
    theirs = tf1_restored_run(model, {"x": x, "keep_prob": np.float32(kp_value),
                                      "keras_learning_phase": lp_value}, ["logits"])[0]
    assert_same(ours, theirs, f"logits with keep_prob={keep_prob}, learning phase={phase}")
    # The baked values matter: TF's defaults (keep_prob 1, inference) differ
    # unless those are the values baked.
    default = tf1_restored_run(model, {"x": x}, ["logits"])[0]
    if (kp_value, lp_value) == (1.0, False):
        assert_same(ours, default, "logits at the defaults")
    else:
        assert not np.array_equal(ours, default), "baked values had no effect"


def test_tf1_training_inputs_without_const_stay_optional(tfgraph, tf1_training_graph,
                                                         tmp_path):
    """Without --const the placeholders with defaults are optional feeds and
    the frozen graph follows whatever is fed, like the source."""
    model = tf1_training_graph
    frozen = freeze(tfgraph, tmp_path, model, "--outputs", "logits")
    check_frozen_clean(frozen.graph)
    kinds = {f["name"]: f["kind"] for f in frozen.feeds}
    assert kinds == {"x:0": "placeholder", "keep_prob:0": "optional",
                     "keras_learning_phase:0": "optional"}, kinds
    x = training_batch()
    for feeds in ({"x": x}, {"x": x, "keep_prob": np.float32(0.5)},
                  {"x": x, "keras_learning_phase": True},
                  {"x": x, "keep_prob": np.float32(0.5), "keras_learning_phase": True}):
        ours = run_graph(frozen.graph, feeds, ["logits"])[0]
        theirs = tf1_restored_run(model, feeds, ["logits"])[0]
        assert_same(ours, theirs, f"logits fed {sorted(feeds)}")


# --------------------------------------------------------------------------
# TF1: variable initialization checks.

INIT_OUTPUTS = {
    # name: (initialization checks it reads, the variables left in the frozen
    # graph: a variable read only by checks goes with them)
    "y": (0, {"v", "u"}),                 # matmul + add: no check anywhere
    "y_checked": (0, {"v", "u"}),         # y with control edges to both checks
    "safe": (1, {"v"}),                   # cond(is_initialized(v), v, zeros)  (If)
    "all_initialized": (2, set()),        # is_initialized(v) and is_initialized(u)
    "u_init_value": (1, {"u"}),           # u.initialized_value() * 2          (If)
    "uninitialized_names": (2, set()),    # report_uninitialized_variables()
}


@pytest.fixture(scope="module")
def tf1_init_checks(tmp_path_factory):
    path = tmp_path_factory.mktemp("tf1_init_checks") / "model"
    with tf.Graph().as_default() as g:
        x = v1.placeholder(tf.float32, [None, 4], name="x")
        init = tf.random_normal_initializer(seed=3)
        v = v1.get_variable("v", [4, 4], initializer=init, use_resource=True)
        u = v1.get_variable("u", [4], initializer=init, use_resource=False)
        y = tf.identity(tf.matmul(x, v) + u, name="y")
        v_ok = v1.is_variable_initialized(v)
        u_ok = v1.is_variable_initialized(u)
        assert (v_ok.op.type, u_ok.op.type) == ("VarIsInitializedOp", "IsVariableInitialized")
        with tf.control_dependencies([v_ok, u_ok]):
            tf.identity(y, name="y_checked")
        safe = tf.cond(v_ok, v.read_value, lambda: tf.zeros([4, 4]))
        tf.identity(tf.matmul(x, safe), name="safe")
        tf.identity(tf.logical_and(v_ok, u_ok), name="all_initialized")
        tf.identity(u.initialized_value() * 2.0, name="u_init_value")
        tf.identity(v1.report_uninitialized_variables(), name="uninitialized_names")
        saver = v1.train.Saver()
        with v1.Session(graph=g) as sess:
            sess.run(v1.global_variables_initializer())
            saver.save(sess, str(path / "model.ckpt"))
    return path


def init_check_feeds(name):
    if name in ("y", "y_checked", "safe"):
        return {"x": np.random.default_rng(SEED + 2).standard_normal((3, 4)).astype(np.float32)}
    return {}


CHECK_OPS = {"VarIsInitializedOp", "IsVariableInitialized"}


@pytest.mark.parametrize("output", sorted(INIT_OUTPUTS))
def test_tf1_initialization_checks(tfgraph, tf1_init_checks, tmp_path, output):
    model = tf1_init_checks
    frozen = freeze(tfgraph, tmp_path, model, "--outputs", output)
    check_frozen_clean(frozen.graph)
    assert not ops_of(frozen.graph) & CHECK_OPS
    checks, variables = INIT_OUTPUTS[output]
    # Every variable reported frozen is a Const of the written graph holding
    # the checkpoint value, and only those the output still reads.
    assert check_variable_consts(frozen, model / "model.ckpt") == variables
    assert frozen.summary["variables_frozen"] == len(variables)
    assert frozen.summary["variable_bytes"] == sum(v["bytes"] for v in frozen.variables)
    check_notes = [n for n in frozen.notes if "became the constant true" in n]
    # Documented (core/freeze_rewrite.h): each check the output reads becomes
    # Const true, with a note naming it; a check reached only over a control
    # edge is dropped with the edge.
    assert len(check_notes) == checks, frozen.notes
    for note in check_notes:
        m = re.match(r"(VarIsInitializedOp|IsVariableInitialized) '([^']+)' became", note)
        assert m and m.group(2) in frozen.nodes, note
        node = frozen.nodes[m.group(2)]
        assert node.op == "Const" and tf.make_ndarray(node.attr["value"].tensor).item() is True
    feeds = init_check_feeds(output)
    assert {f["name"] for f in frozen.feeds} == {tensor_name(k) for k in feeds}
    ours = run_graph(frozen.graph, feeds, [output])[0]
    theirs = tf1_restored_run(model, feeds, [output])[0]
    assert_same(ours, theirs, output)
    if output == "all_initialized":
        assert ours.item() is True
    if output == "uninitialized_names":
        assert ours.tolist() == []


def test_tf1_initialization_checks_tf_converter(tf1_init_checks):
    """Why tfgraph's rule is its own: TF 2.15's convert_variables_to_constants
    turns the variables into Consts but leaves the checks reading them, so
    its graph for any output that reaches a check (even over a control edge)
    does not import. Outputs without checks: TF's graph equals tfgraph's."""
    model = tf1_init_checks
    with tf.Graph().as_default() as g:
        saver = v1.train.import_meta_graph(str(model / "model.ckpt.meta"), clear_devices=True)
        with v1.Session(graph=g) as sess:
            saver.restore(sess, str(model / "model.ckpt"))
            graphs = {name: v1.graph_util.convert_variables_to_constants(
                sess, g.as_graph_def(), [name]) for name in INIT_OUTPUTS}
    for name, gd in graphs.items():
        feeds = init_check_feeds(name)
        if name == "y":
            theirs = run_graph(gd, feeds, [name])[0]
            assert_same(theirs, tf1_restored_run(model, feeds, [name])[0], "TF's y")
            continue
        with pytest.raises(ValueError, match=r"(VarIsInitializedOp|IsVariableInitialized)"
                                             r".* was passed float from .* incompatible with "
                                             r"expected (resource|float_ref)"):
            run_graph(gd, feeds, [name])
