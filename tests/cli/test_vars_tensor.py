"""`tfgraph vars` and `tfgraph tensor`: listing, stats, values, .npy output,
name resolution, and one-line errors with documented exit codes for damaged
checkpoints (built by corrupting copies of real files in a temp dir).

Exit codes: 0 ok, 2 usage, 3 unreadable/corrupt, 4 name not found, 5 output exists.
"""

import json
import shutil

import numpy as np
import pytest


def records(proc):
    assert proc.returncode == 0, proc.stderr.decode()
    return [json.loads(line) for line in proc.stdout.decode().splitlines()]


def stderr_line(proc):
    lines = proc.stderr.decode().splitlines()
    assert lines, "expected an error line on stderr"
    return lines


def test_vars_lists_with_nodes_and_totals(tfgraph, samples_dir):
    recs = records(tfgraph.run("vars", samples_dir / "tf1_checkpoint", "--json"))
    head = recs[0]
    assert head["type"] == "checkpoint" and head["format"] == "v2" and head["shards"] == 1
    variables = {r["name"]: r for r in recs if r["type"] == "variable"}
    assert head["variables"] == len(variables) == 37  # no object graph in a TF1 checkpoint
    w = variables["hidden1/dense/weights"]
    assert (w["dtype"], w["shape"], w["bytes"], w["shard"]) == ("float32", [8, 16], 512, 0)
    assert w["nodes"] == ["hidden1/dense/weights"]
    assert head["bytes"] == sum(v["bytes"] for v in variables.values())


def test_vars_partitioned_is_one_variable_with_parts(tfgraph, samples_dir):
    recs = records(tfgraph.run("vars", samples_dir / "partitioned", "--json", "--match",
                               "^embedding/table$"))
    [v] = [r for r in recs if r["type"] == "variable"]
    assert v["shape"] == [30, 6]
    assert [p["slice"] for p in v["parts"]] == ["0,10:0,6", "10,10:0,6", "20,10:0,6"]
    assert v["nodes"] == ["embedding/table/part_0", "embedding/table/part_1",
                          "embedding/table/part_2"]


def test_vars_stats_and_values(tfgraph, samples_dir):
    recs = records(tfgraph.run("vars", samples_dir / "tf1_checkpoint", "--json", "--stats",
                               "--values", "--match", "^hidden1/dense/weights$"))
    [v] = [r for r in recs if r["type"] == "variable"]
    values = np.array(v["values"], dtype=np.float32)
    assert values.shape == (8, 16)
    s = v["stats"]
    assert s["count"] == 128 and s["nan"] == 0
    assert np.float32(s["min"]) == values.min() and np.float32(s["max"]) == values.max()
    assert abs(s["mean"] - float(values.astype(np.float64).mean())) < 1e-9
    assert abs(s["std"] - float(values.astype(np.float64).std())) < 1e-9


def test_values_text_is_never_truncated(tfgraph, corpus_dir):
    out = tfgraph.run("tensor", corpus_dir / "pair_ardianumam_lenet_ckpt_frozen", "dense/kernel")
    assert out.returncode == 0
    text = out.stdout.decode()
    assert "..." not in text
    assert text.count("\n") >= 2450  # one line per row
    # `vars --values` prints the same full text for every matching variable.
    out = tfgraph.run("vars", corpus_dir / "pair_ardianumam_lenet_ckpt_frozen", "--values",
                      "--match", "^dense/kernel$")
    assert out.returncode == 0
    listed = out.stdout.decode()
    assert "..." not in listed and listed.count("\n") >= 2450
    assert text.strip().splitlines()[-1] in listed


def test_tf2_object_paths_and_slots(tfgraph, corpus_dir):
    recs = records(tfgraph.run("vars", corpus_dir / "tf2_savedmodel_2shards_titanic", "--json"))
    variables = {r["name"]: r for r in recs if r["type"] == "variable"}
    slot = variables["layer-2/kernel/.OPTIMIZER_SLOT/optimizer/v/.ATTRIBUTES/VARIABLE_VALUE"]
    assert slot["slot"] == "v"
    assert slot["slot_of"] == "layer-2/kernel/.ATTRIBUTES/VARIABLE_VALUE"
    kernel = variables["layer-2/kernel/.ATTRIBUTES/VARIABLE_VALUE"]
    assert kernel["object_path"] == "layer-2/kernel"
    assert kernel["full_name"] == "sequential/dense_1/kernel"
    assert kernel["shard"] == 1


def test_tensor_npy_loads_in_numpy(tfgraph, samples_dir, tmp_path):
    out = tmp_path / "w.npy"
    proc = tfgraph.run("tensor", samples_dir / "tf2_saved_model", "w", "--npy", out)
    assert proc.returncode == 0, proc.stderr.decode()
    arr = np.load(out)
    assert arr.dtype == np.float32 and arr.shape == (4, 3)
    js = records(tfgraph.run("tensor", samples_dir / "tf2_saved_model", "w", "--json"))[0]
    assert js["name"] == "w/.ATTRIBUTES/VARIABLE_VALUE"
    assert np.array(js["values"], dtype=np.float32).tobytes() == arr.tobytes()
    # Refuses to overwrite without --force (exit 5), overwrites with it.
    again = tfgraph.run("tensor", samples_dir / "tf2_saved_model", "w", "--npy", out)
    assert again.returncode == 5
    assert tfgraph.run("tensor", samples_dir / "tf2_saved_model", "w", "--npy", out,
                       "--force").returncode == 0
    to_stdout = tfgraph.run("tensor", samples_dir / "tf2_saved_model", "w", "--npy", "-")
    assert to_stdout.stdout == out.read_bytes()


def test_tensor_by_graph_node_name(tfgraph, samples_dir):
    # A part of a partitioned variable holds its slice of the entry: rows
    # 10-19 of embedding/table, as TF's saver restores into that node.
    by_node = tfgraph.run("tensor", samples_dir / "partitioned", "embedding/table/part_1")
    assert by_node.returncode == 0
    assert by_node.stdout.decode().startswith(
        "embedding/table (embedding/table/part_1, slice 10,10:0,6)  float32  [10, 6]")
    [part] = records(tfgraph.run("tensor", samples_dir / "partitioned",
                                 "embedding/table/part_1", "--json"))
    [full] = records(tfgraph.run("tensor", samples_dir / "partitioned", "embedding/table",
                                 "--json"))
    assert (part["name"], part["node"], part["slice"]) == \
        ("embedding/table", "embedding/table/part_1", "10,10:0,6")
    assert part["shape"] == [10, 6] and full["shape"] == [30, 6]
    assert part["values"] == full["values"][10:20]


def test_unknown_tensor_is_not_found_with_suggestion(tfgraph, samples_dir):
    proc = tfgraph.run("tensor", samples_dir / "tf1_checkpoint", "hidden1/dense/weight")
    assert proc.returncode == 4
    [line] = stderr_line(proc)
    assert "no tensor 'hidden1/dense/weight'" in line and "did you mean" in line


@pytest.fixture
def ckpt_copy(samples_dir, tmp_path):
    src = samples_dir / "tf1_checkpoint"
    for f in src.glob("model.ckpt-6*"):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path / "model.ckpt-6"


def test_crc_mismatch_exits_3_naming_file_and_tensor(tfgraph, ckpt_copy):
    data = ckpt_copy.with_name("model.ckpt-6.data-00000-of-00001")
    raw = bytearray(data.read_bytes())
    raw[-3] ^= 0x01  # inside the last tensor written
    data.write_bytes(bytes(raw))
    proc = tfgraph.run("vars", ckpt_copy, "--stats")
    assert proc.returncode == 3
    lines = stderr_line(proc)
    bad = [l for l in lines if "checksum mismatch" in l]
    assert len(bad) == 1
    assert str(data) in bad[0] and "tensor '" in bad[0]
    # Listing alone reads only the index and succeeds.
    assert tfgraph.run("vars", ckpt_copy).returncode == 0


def test_truncated_shard_exits_3(tfgraph, ckpt_copy):
    data = ckpt_copy.with_name("model.ckpt-6.data-00000-of-00001")
    data.write_bytes(data.read_bytes()[:100])
    proc = tfgraph.run("tensor", ckpt_copy, "hidden2/dense/weights")
    assert proc.returncode == 3
    [line] = stderr_line(proc)
    assert str(data) in line and "'hidden2/dense/weights'" in line and "past the end" in line


def test_missing_shard_exits_3(tfgraph, ckpt_copy):
    ckpt_copy.with_name("model.ckpt-6.data-00000-of-00001").unlink()
    proc = tfgraph.run("tensor", ckpt_copy, "global_step")
    assert proc.returncode == 3
    [line] = stderr_line(proc)
    assert "missing data shard" in line and "'global_step'" in line


def test_zero_byte_index_exits_3(tfgraph, ckpt_copy):
    index = ckpt_copy.with_name("model.ckpt-6.index")
    index.write_bytes(b"")
    (ckpt_copy.parent / "model.ckpt-6.meta").unlink()
    proc = tfgraph.run("vars", ckpt_copy)
    assert proc.returncode == 3
    assert "0 bytes" in stderr_line(proc)[-1] or "empty" in stderr_line(proc)[-1]


def test_v1_checkpoint_values(tfgraph, corpus_dir):
    recs = records(tfgraph.run("vars", corpus_dir / "serving_half_plus_two_session_bundle_v1ckpt"
                               / "00000123" / "export", "--json", "--values"))
    assert recs[0]["format"] == "v1"
    values = {r["name"]: r["values"] for r in recs if r["type"] == "variable"}
    assert values == {"Variable": 0.5, "Variable_1": 2.0}
