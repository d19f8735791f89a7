"""Which graph variable each checkpoint entry restores, checked against
TensorFlow's own loader.

`tfgraph vars --json` says, for each entry of a SavedModel's variables/
checkpoint, which variable nodes of the graph it restores ("nodes"). The TF1
loader restores the same checkpoint through the graph's saver; after it has
run, each of those nodes must hold exactly the entry's value. Keras models
are the hard case: two metric objects both named "total" (and "count") are
told apart only by the traced restore function, not by their names.
"""

import json
import subprocess

import numpy as np
import pytest
import tensorflow as tf
from tensorflow.core.protobuf import saved_model_pb2
from tensorflow.python.saved_model import loader_impl

from conftest import corpus_path

v1 = tf.compat.v1

# Every corpus SavedModel whose checkpoint restores graph variables.
SAVED_MODELS = [
    "serving_saved_model_counter/00000123",
    "serving_saved_model_half_plus_three/00000123",
    "serving_saved_model_half_plus_two_cpu/00000123",
    "serving_saved_model_half_plus_two_mkl/00000123",
    "serving_saved_model_half_plus_two_tf2_cpu/00000123",
    "tf2_keras_savedmodel_abisheakjacob_ann",
    "tf2_savedmodel_2shards_titanic",
    "tf2onnx_assign_saved_model",
    "tf2onnx_regression_ckpt_frozen_savedmodel/saved_model",
    "tfjava_saved_model_using_python/model",
    "tfrust_test_resources_regression_model",
    "tfx_keras_serving_savedmodel",
    "unusual_savedmodel_1shard_index_plus_stale_2shard_data_country_religion",
]


def bound_variables(tfgraph_bin, folder):
    proc = subprocess.run([str(tfgraph_bin), "vars", "--json", str(folder)],
                          capture_output=True, check=True)
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    return {r["name"]: r["nodes"] for r in rows if r.get("type") == "variable" and r["nodes"]}


def restored_values(folder, nodes):
    """{node: value} as TF's TF1 loader restores them (its restore step only:
    a model's init op may re-initialize variables afterwards, as the MKL
    half_plus_two does)."""
    sm = saved_model_pb2.SavedModel()
    sm.ParseFromString((folder / "saved_model.pb").read_bytes())
    tags = list(sm.meta_graphs[0].meta_info_def.tags)
    graph = tf.Graph()
    with graph.as_default(), v1.Session(graph=graph) as sess:
        loader = loader_impl.SavedModelLoader(str(folder))
        saver, _ = loader.load_graph(graph, tags)
        loader.restore_variables(sess, saver)
        fetches = {}
        for name in nodes:
            op = graph.get_operation_by_name(name)
            if op.type == "VarHandleOp":
                fetches[name] = tf.raw_ops.ReadVariableOp(resource=op.outputs[0],
                                                          dtype=op.get_attr("dtype"))
            else:
                fetches[name] = op.outputs[0]
        return sess.run(fetches)


@pytest.mark.parametrize("item", SAVED_MODELS)
def test_each_bound_node_holds_its_entry_after_tensorflow_restores(item, tfgraph_bin):
    folder = corpus_path() / item
    if not folder.is_dir():
        pytest.skip(f"{folder} absent (../shared not beside the checkout)")
    bound = bound_variables(tfgraph_bin, folder)
    assert bound, "tfgraph bound no variable"
    restored = restored_values(folder, {n for nodes in bound.values() for n in nodes})
    reader = tf.train.load_checkpoint(str(folder / "variables" / "variables"))
    for key, nodes in bound.items():
        want = reader.get_tensor(key)
        for node in nodes:
            got = restored[node]
            assert got.shape == np.shape(want) and np.array_equal(got, want), (key, node)


def test_keras_metrics_with_equal_names_are_told_apart(tfgraph_bin):
    folder = corpus_path() / "tf2_keras_savedmodel_abisheakjacob_ann"
    if not folder.is_dir():
        pytest.skip(f"{folder} absent (../shared not beside the checkout)")
    bound = bound_variables(tfgraph_bin, folder)
    metric = "keras_api/metrics/{}/{}/.ATTRIBUTES/VARIABLE_VALUE"
    for var in ("total", "count"):
        a, b = bound[metric.format(0, var)], bound[metric.format(1, var)]
        assert len(a) == len(b) == 1 and a != b, (var, a, b)
    # The two totals hold different values, so the restore check above
    # would see a swap.
    reader = tf.train.load_checkpoint(str(folder / "variables" / "variables"))
    assert reader.get_tensor(metric.format(0, "total")) != \
        reader.get_tensor(metric.format(1, "total"))
