"""Checkpoint conformance with real TensorFlow, bit for bit.

For every checkpoint of the shared corpus and of samples/:
  * the variable list (names, dtypes, shapes) tfgraph reads equals
    tf.train.list_variables / the reader's dtype map;
  * every tensor's value equals tf.train.load_checkpoint(...).get_tensor(name):
    identical bytes for numeric dtypes (via our .npy output), identical
    elements for strings;
  * rewriting the checkpoint with our BundleWriter (same tensors, same order,
    same shards) gives an .index and data files byte-identical to TensorFlow's,
    and TensorFlow reads the rewritten checkpoint with identical values.
And for a checkpoint TensorFlow writes at test time with every dtype it can
save (SaveV2 with float16, bfloat16, complex, bool, unsigned, quantized,
strings with NUL bytes, scalars, empty tensors, partitioned slices, and a
2-shard merge): the same three checks.

The reading side is the tfgraph program itself (`vars --json`, `tensor --npy`,
`tensor --json` for strings); the writing side is tests/tools/ckpt_dump
(TFGRAPH_CKPT_DUMP_BIN), a test driver of core/bundle_writer, since no command
writes a bare checkpoint.
"""

import base64
import glob
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from conftest import corpus_path, samples_path

CORPUS_CHECKPOINTS = [
    "malformed_davidecigi_GP_phi_savedmodel_mangled_upload/variables/variables",
    "pair_ardianumam_lenet_ckpt_frozen/model_small",
    "pair_fishbonelsy_mnist_v1ckpt_frozen/model.ckpt",
    "pair_tzuhsiang_simple_model_ckpt_frozen/simple_model",
    "serving_bad_half_plus_two/00000123/export",
    "serving_half_plus_two_session_bundle_v1ckpt/00000123/export",
    "serving_half_plus_two_session_bundle_v2ckpt/00000123/export",
    "serving_saved_model_counter/00000123/variables/variables",
    "serving_saved_model_half_plus_three/00000123/variables/variables",
    "serving_saved_model_half_plus_two_2_versions/00000123/variables/variables",
    "serving_saved_model_half_plus_two_2_versions/00000124/variables/variables",
    "serving_saved_model_half_plus_two_cpu/00000123/variables/variables",
    "serving_saved_model_half_plus_two_cpu_with_empty_saved_model_config/00000123/variables/variables",
    "serving_saved_model_half_plus_two_cpu_with_saved_model_config/00000123/variables/variables",
    "serving_saved_model_half_plus_two_gpu/00000123/variables/variables",
    "serving_saved_model_half_plus_two_gpu_trt/00000123/variables/variables",
    "serving_saved_model_half_plus_two_mkl/00000123/variables/variables",
    "serving_saved_model_half_plus_two_mlmd/00000123/variables/variables",
    "serving_saved_model_half_plus_two_regress_only/00000123/variables/variables",
    "serving_saved_model_half_plus_two_tf2_cpu/00000123/variables/variables",
    "serving_session_bundle_half_plus_two_v1sharded/00000123/export-00000-of-00001",
    "serving_tf_text_regression_2020/01/variables/variables",
    "tf2_ckpt_davidecigi_comp_ckptmanager/ckpt-1",
    "tf2_ckpt_davidecigi_comp_ckptmanager/ckpt-9",
    "tf2_ckpt_davidecigi_comp_ckptmanager/ckpt-10",
    "tf2_keras_save_weights_cartpole_dqn/dqn_weights.h5f",
    "tf2_keras_savedmodel_abisheakjacob_ann/variables/variables",
    "tf2_savedmodel_2shards_titanic/variables/variables",
    "tf2onnx_assign_saved_model/variables/variables",
    "tf2onnx_regression_ckpt_frozen_savedmodel/checkpoint/model",
    "tf2onnx_regression_ckpt_frozen_savedmodel/saved_model/variables/variables",
    "tfjava_saved_model_using_python/model/variables/variables",
    "tfrust_test_resources_regression_model/variables/variables",
    "tfx_keras_serving_savedmodel/variables/variables",
    "tfx_tft_transform_fn_savedmodel_with_vocab_assets/variables/variables",
    "unusual_savedmodel_1shard_index_plus_stale_2shard_data_country_religion/variables/variables",
    "unusual_tzuhsiang_empty_prefix_ckpt/",
]
V1 = {"pair_fishbonelsy_mnist_v1ckpt_frozen/model.ckpt",
      "serving_bad_half_plus_two/00000123/export",
      "serving_half_plus_two_session_bundle_v1ckpt/00000123/export",
      "serving_session_bundle_half_plus_two_v1sharded/00000123/export-00000-of-00001"}

SAMPLE_CHECKPOINTS = [
    "tf1_checkpoint/model.ckpt-6",
    "tf1_checkpoint_resource/model.ckpt-6",
    "partitioned/model.ckpt-4",
    "tf1_saved_model/variables/variables",
    "tf2_saved_model/variables/variables",
    "lookup_table/variables/variables",
]


@pytest.fixture(scope="session")
def dump_bin():
    value = os.environ.get("TFGRAPH_CKPT_DUMP_BIN")
    if not value:
        pytest.skip("TFGRAPH_CKPT_DUMP_BIN not set: run through ctest")
    return value


@pytest.fixture(scope="session")
def tfgraph_bin():
    value = os.environ.get("TFGRAPH_BIN")
    if not value:
        pytest.skip("TFGRAPH_BIN not set: run through ctest")
    return value


def run(dump_bin, *args):
    proc = subprocess.run([dump_bin, *map(str, args)], capture_output=True, timeout=300)
    assert proc.returncode == 0, f"ckpt_dump {args}: {proc.stderr.decode(errors='replace')}"
    return proc.stdout.decode()


def tf_prefix(path):
    """The prefix TensorFlow's reader takes (V1 sharded: the shard pattern works as is)."""
    return str(path)


def tf_view(prefix):
    reader = tf.compat.v1.train.NewCheckpointReader(tf_prefix(prefix))
    shapes = reader.get_variable_to_shape_map()
    dtypes = reader.get_variable_to_dtype_map()
    return reader, {n: (dtypes[n].name, [int(d) for d in shapes[n]]) for n in shapes}


def ours(dump_bin, prefix):
    """The variable list as ckpt_dump (core/checkpoint_reader directly) gives it."""
    records = [json.loads(line) for line in run(dump_bin, "list", prefix).splitlines()]
    assert all(r["problem"] == "" for r in records), records
    return {r["name"]: (r["dtype"], r["shape"]) for r in records}


def tfgraph_vars(tfgraph_bin, prefix):
    """The variable list as `tfgraph vars --json` prints it."""
    records = [json.loads(line) for line in run(tfgraph_bin, "vars", prefix, "--json").splitlines()]
    assert records[0]["type"] == "checkpoint"
    variables = [r for r in records if r["type"] == "variable"]
    assert all("problem" not in r for r in variables), variables
    return {r["name"]: (r["dtype"], r["shape"]) for r in variables}


def flatten(values):
    if isinstance(values, list):
        return [x for v in values for x in flatten(v)]
    return [values]


def json_bytes(value):
    if isinstance(value, dict):
        return base64.b64decode(value["base64"])
    return value.encode("utf-8")


def raw_bytes(value):
    arr = np.asarray(value)
    return np.ascontiguousarray(arr).tobytes()


def check_values(tfgraph_bin, prefix, tmp_path):
    """Every tensor of `prefix`: tfgraph's bytes == TensorFlow's bytes. Returns the count."""
    reader, tf_vars = tf_view(prefix)
    our_vars = tfgraph_vars(tfgraph_bin, prefix)
    assert our_vars == tf_vars, f"{prefix}: variable lists differ"
    for i, (name, (dtype, shape)) in enumerate(sorted(our_vars.items())):
        expected = reader.get_tensor(name)
        if dtype == "string":
            [rec] = [json.loads(line) for line in
                     run(tfgraph_bin, "tensor", prefix, name, "--json").splitlines()]
            got = [json_bytes(v) for v in flatten(rec["values"])]
            want = [bytes(e) for e in np.asarray(expected, dtype=object).reshape(-1)]
            assert got == want, f"{prefix}: {name}"
            continue
        out = tmp_path / f"t{i}.npy"
        run(tfgraph_bin, "tensor", prefix, name, "--npy", out, "--force")
        data = out.read_bytes()
        header_len = int.from_bytes(data[8:10], "little") + 10
        assert data[header_len:] == raw_bytes(expected), f"{prefix}: {name}: bytes differ"
        if dtype not in ("bfloat16",):  # numpy has no bfloat16; '<V2' carries the bytes
            loaded = np.load(out)
            assert loaded.dtype == np.asarray(expected).dtype, name
            assert list(loaded.shape) == shape, name
        else:
            assert data[:header_len].find(b"'<V2'") > 0
    return len(our_vars)


def check_rewrite(dump_bin, prefix, tmp_path, expect_identical_index=True):
    """Our BundleWriter's copy: TF reads identical values; files byte-identical."""
    dst = tmp_path / "rewritten"
    run(dump_bin, "rewrite", prefix, dst)
    src_reader, src_vars = tf_view(prefix)
    dst_reader, dst_vars = tf_view(dst)
    assert dst_vars == src_vars
    for name in src_vars:
        a, b = src_reader.get_tensor(name), dst_reader.get_tensor(name)
        if src_vars[name][0] == "string":
            assert [bytes(x) for x in np.asarray(a, dtype=object).reshape(-1)] == \
                   [bytes(x) for x in np.asarray(b, dtype=object).reshape(-1)], name
        else:
            assert raw_bytes(a) == raw_bytes(b), name
    if expect_identical_index:
        assert Path(str(dst) + ".index").read_bytes() == Path(str(prefix) + ".index").read_bytes(), \
            f"{prefix}: rewritten .index differs from TensorFlow's"
        # Plain string concatenation: a prefix may end in "/" (empty basename).
        n = len(glob.glob(glob.escape(str(dst)) + ".data-*"))
        assert n > 0
        for shard in range(n):
            suffix = f".data-{shard:05d}-of-{n:05d}"
            assert Path(str(dst) + suffix).read_bytes() == Path(str(prefix) + suffix).read_bytes(), \
                f"{prefix}: rewritten data shard {shard} differs"


@pytest.mark.parametrize("item", CORPUS_CHECKPOINTS)
def test_corpus_checkpoint(item, dump_bin, tfgraph_bin, tmp_path):
    root = corpus_path()
    if not root.is_dir():
        pytest.skip(f"shared corpus not found at {root} (TFGRAPH_CORPUS); corpus test skipped")
    prefix = str(root / item)
    if item.endswith("/"):
        prefix += "/" if not prefix.endswith("/") else ""
    assert check_values(tfgraph_bin, prefix, tmp_path) > 0
    assert ours(dump_bin, prefix) == tfgraph_vars(tfgraph_bin, prefix)
    if item not in V1:
        check_rewrite(dump_bin, prefix, tmp_path)


@pytest.mark.parametrize("item", SAMPLE_CHECKPOINTS)
def test_sample_checkpoint(item, dump_bin, tfgraph_bin, tmp_path):
    prefix = samples_path() / item
    if not Path(str(prefix) + ".index").is_file():
        pytest.skip(f"samples/{item} absent")
    assert check_values(tfgraph_bin, str(prefix), tmp_path) > 0
    check_rewrite(dump_bin, str(prefix), tmp_path)


def every_dtype_tensors():
    """(name, tensor, shape_and_slice) for every dtype SaveV2 can store."""
    rng = np.random.default_rng(11)
    f = rng.standard_normal((3, 5)).astype(np.float32)
    f[0, 0], f[0, 1], f[0, 2] = np.nan, np.inf, -0.0
    items = [
        ("float32", tf.constant(f), ""),
        ("float64", tf.constant(rng.standard_normal(7)), ""),
        ("float16", tf.constant(f.astype(np.float16)), ""),
        ("bfloat16", tf.cast(tf.constant(f), tf.bfloat16), ""),
        ("complex64", tf.complex(tf.constant(f), tf.constant(-f)), ""),
        ("complex128", tf.cast(tf.complex(tf.constant(f), tf.constant(f)), tf.complex128), ""),
        ("bool", tf.constant([True, False, True]), ""),
        ("int8", tf.constant([-128, 0, 127], tf.int8), ""),
        ("uint8", tf.constant([0, 255], tf.uint8), ""),
        ("int16", tf.constant([-32768, 7], tf.int16), ""),
        ("uint16", tf.constant([65535, 1], tf.uint16), ""),
        ("int32", tf.constant([[-1, 2], [3, -4]], tf.int32), ""),
        ("uint32", tf.constant([4294967295, 0], tf.uint32), ""),
        ("int64", tf.constant(-(2 ** 62), tf.int64), ""),
        ("uint64", tf.constant([2 ** 64 - 1], tf.uint64), ""),
        ("scalar", tf.constant(2.5, tf.float32), ""),
        ("empty", tf.zeros([0, 4], tf.float32), ""),
        ("string", tf.constant([b"", b"a\x00b", b"\xff" * 300, "caf\u00e9".encode()]), ""),
        ("string_scalar", tf.constant(b"hello"), ""),
        ("string_empty", tf.constant([], tf.string), ""),
        ("qint8", tf.quantization.quantize(tf.constant([0.5, -1.0]), -1.0, 1.0, tf.qint8)[0], ""),
        ("quint8", tf.quantization.quantize(tf.constant([0.5, 1.0]), 0.0, 1.0, tf.quint8)[0], ""),
        ("qint32", tf.quantization.quantize(tf.constant([0.5]), -1.0, 1.0, tf.qint32)[0], ""),
    ]
    # A partitioned variable [6, 3] stored as rows 0-1 and rows 2-5.
    full = rng.standard_normal((6, 3)).astype(np.float32)
    items.append(("part", tf.constant(full[2:6]), "6 3 2,4:0,3"))
    items.append(("part", tf.constant(full[0:2]), "6 3 0,2:0,3"))
    return items


@pytest.fixture(scope="module")
def every_dtype_checkpoint(tmp_path_factory):
    d = tmp_path_factory.mktemp("every_dtype")
    items = every_dtype_tensors()
    prefix = str(d / "all")
    tf.raw_ops.SaveV2(prefix=prefix, tensor_names=[n for n, _, _ in items],
                      shape_and_slices=[s for _, _, s in items],
                      tensors=[t for _, t, _ in items])
    # A 2-shard checkpoint as the sharded Saver makes it: two bundles merged.
    sharded = str(d / "sharded")
    tf.raw_ops.SaveV2(prefix=sharded + "_temp/part-00000-of-00002", tensor_names=["a", "c"],
                      shape_and_slices=["", ""], tensors=[tf.constant([1.0, 2.0]),
                                                          tf.constant(b"xyz")])
    tf.raw_ops.SaveV2(prefix=sharded + "_temp/part-00001-of-00002", tensor_names=["b"],
                      shape_and_slices=[""], tensors=[tf.constant([[7, 8]], tf.int64)])
    tf.raw_ops.MergeV2Checkpoints(
        checkpoint_prefixes=[sharded + "_temp/part-00000-of-00002",
                             sharded + "_temp/part-00001-of-00002"],
        destination_prefix=sharded)
    return prefix, sharded


def test_every_dtype_written_by_tensorflow(dump_bin, tfgraph_bin, every_dtype_checkpoint,
                                           tmp_path):
    prefix, _ = every_dtype_checkpoint
    listed = ours(dump_bin, prefix)
    assert listed["part"] == ("float32", [6, 3])
    assert listed["bfloat16"] == ("bfloat16", [3, 5])
    assert listed["qint8"][0] == "qint8"
    assert check_values(tfgraph_bin, prefix, tmp_path) == len(listed)
    check_rewrite(dump_bin, prefix, tmp_path)


def test_two_shard_merged_checkpoint(dump_bin, tfgraph_bin, every_dtype_checkpoint, tmp_path):
    _, sharded = every_dtype_checkpoint
    assert check_values(tfgraph_bin, sharded, tmp_path) == 3
    check_rewrite(dump_bin, sharded, tmp_path)


def test_variant_tensor_list(dump_bin, tfgraph_bin, tmp_path):
    """DT_VARIANT (a TensorList): per-element checksums verified, shown as a
    variant (type name and size, not bytes), rewritten byte-identically, and
    TensorFlow restores the list from our file."""
    values = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    tl = tf.raw_ops.TensorListFromTensor(tensor=values, element_shape=tf.constant([2]))
    prefix = str(tmp_path / "v")
    tf.raw_ops.SaveV2(prefix=prefix, tensor_names=["list", "x"], shape_and_slices=["", ""],
                      tensors=[tl, tf.constant(1.5)])
    assert ours(dump_bin, prefix) == {"list": ("variant", []), "x": ("float32", [])}
    assert run(dump_bin, "check", prefix).strip() == "2 tensors verified"
    [rec] = [json.loads(line) for line in run(tfgraph_bin, "vars", prefix, "--json", "--values",
                                              "--match", "^list$").splitlines()[1:]]
    assert (rec["dtype"], rec["shape"]) == ("variant", [])
    assert rec["values"] == "<variant tensorflow::TensorList, 3 tensors>"
    dst = tmp_path / "rewritten"
    run(dump_bin, "rewrite", prefix, dst)
    assert Path(str(dst) + ".index").read_bytes() == Path(prefix + ".index").read_bytes()
    suffix = ".data-00000-of-00001"
    assert Path(str(dst) + suffix).read_bytes() == Path(prefix + suffix).read_bytes()
    restored = tf.raw_ops.RestoreV2(prefix=str(dst), tensor_names=["list"], shape_and_slices=[""],
                                    dtypes=[tf.variant])[0]
    stacked = tf.raw_ops.TensorListStack(input_handle=restored, element_dtype=tf.float32,
                                         element_shape=[2])
    assert stacked.numpy().tobytes() == values.numpy().tobytes()
