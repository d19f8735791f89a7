"""Damaged and incomplete checkpoints through the CLI, built at test time from
copies of real TensorFlow files (samples/) in a temp dir:

- listing needs only the .index: with the data shard moved away `vars` still
  lists every variable (exit 0), for a TF1 and a TF2 checkpoint;
- graph variables without a checkpoint entry and entries no graph variable
  restores are both reported (exit 0);
- each kind of damage (header shard count disagreeing with the files, keys
  out of order, an entry running past its shard, a shape claiming more
  elements than the entry holds, a terabyte declared size) is reported as
  one line naming the file and the tensor, with exit status 3 ("model
  unreadable"), and without allocating what the files do not hold.

The .index files are rewritten with tests/cli/ckpt_index.py (plain Python
LevelDB table + TensorFlow's protobuf classes for the entries).
"""

import json
import os
import resource
import shutil
import subprocess

import pytest

import ckpt_index

pytest.importorskip("tensorflow.core.protobuf.tensor_bundle_pb2")

WEIGHTS = "hidden1/dense/weights"  # float32 [8, 16], 512 bytes


def lines_of(text):
    return [l for l in text.decode().splitlines() if l]


def errors(proc):
    return [l for l in proc.stderr.decode().splitlines() if "warning:" not in l]


@pytest.fixture
def ckpt(samples_dir, tmp_path):
    for f in (samples_dir / "tf1_checkpoint").glob("model.ckpt-6.*"):
        if f.suffix != ".meta":  # a bare checkpoint: no graph to bind
            shutil.copy(f, tmp_path / f.name)
    prefix = tmp_path / "model.ckpt-6"
    return prefix, prefix.with_name(prefix.name + ".index"), \
        prefix.with_name(prefix.name + ".data-00000-of-00001")


def test_listing_without_data_shard_tf1(tfgraph, ckpt, tmp_path):
    prefix, _, data = ckpt
    full = tfgraph.run("vars", prefix, "--json")
    data.rename(tmp_path / "moved-away")
    proc = tfgraph.run("vars", prefix, "--json")
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == full.stdout  # same names, dtypes, shapes, sizes, shards
    # Reading values does need it: exit 3, and one line for all 37 tensors.
    proc = tfgraph.run("vars", prefix, "--stats")
    assert proc.returncode == 3
    [line] = errors(proc)
    assert "missing data shard 0 of 1" in line and "(and 36 more unreadable tensor(s))" in line


def test_listing_without_data_shard_tf2(tfgraph, samples_dir, tmp_path):
    # Only the .index: the object graph (stored in the data shard) is
    # unavailable, which is a warning; every variable is still listed.
    (tmp_path / "variables").mkdir()
    shutil.copy(samples_dir / "tf2_saved_model" / "variables" / "variables.index",
                tmp_path / "variables" / "variables.index")
    proc = tfgraph.run("vars", tmp_path / "variables" / "variables", "--json")
    assert proc.returncode == 0, proc.stderr.decode()
    names = [l for l in proc.stdout.decode().splitlines() if '"variable"' in l]
    assert len(names) == 5
    assert "missing data shard" in proc.stderr.decode()


def test_header_shard_count_disagrees(tfgraph, ckpt):
    prefix, index, _ = ckpt

    def edit(key, proto):
        if key == "":
            proto.num_shards = 2
    ckpt_index.edit_entries(index, edit)
    proc = tfgraph.run("tensor", prefix, WEIGHTS)
    assert proc.returncode == 3
    [line] = errors(proc)
    assert f"{prefix}.data-00000-of-00002" in line and f"'{WEIGHTS}'" in line
    assert "data-00000-of-00001" in line  # says which shard file is there instead


def test_keys_out_of_order(tfgraph, ckpt):
    prefix, index, _ = ckpt
    entries = ckpt_index.read_index(index)
    entries[5], entries[6] = entries[6], entries[5]
    ckpt_index.write_index(index, entries)
    proc = tfgraph.run("vars", prefix)
    assert proc.returncode == 3
    [line] = errors(proc)
    assert line.startswith(f"tfgraph: {index}: ") and "keys out of order" in line
    assert f"'{entries[6][0].decode()}'" in line


def test_entry_runs_past_its_shard(tfgraph, ckpt):
    prefix, index, data = ckpt
    size = data.stat().st_size

    def edit(key, proto):
        if key == WEIGHTS:
            proto.offset = size - 100
    ckpt_index.edit_entries(index, edit)
    proc = tfgraph.run("tensor", prefix, WEIGHTS)
    assert proc.returncode == 3
    [line] = errors(proc)
    assert str(data) in line and f"'{WEIGHTS}'" in line and "past the end" in line


def test_shape_claims_more_elements_than_bytes(tfgraph, ckpt):
    prefix, index, _ = ckpt

    def edit(key, proto):
        if key == WEIGHTS:
            proto.shape.dim[1].size = 17
    ckpt_index.edit_entries(index, edit)
    proc = tfgraph.run("tensor", prefix, WEIGHTS)
    assert proc.returncode == 3
    [line] = errors(proc)
    assert str(index) in line and f"'{WEIGHTS}'" in line and "544 bytes" in line
    # The listing shows the damaged entry and fails too, naming it once.
    proc = tfgraph.run("vars", prefix)
    assert proc.returncode == 3
    [line] = errors(proc)
    assert f"'{WEIGHTS}'" in line


def test_truncated_data_shard_is_warned_at_load_and_reported_once(tfgraph, ckpt):
    prefix, _, data = ckpt
    with open(data, "r+b") as f:
        f.truncate(3000)
    proc = tfgraph.run("vars", prefix)  # listing reads no values, but says so
    assert proc.returncode == 0
    [warning] = [l for l in lines_of(proc.stderr) if data.name in l]
    assert "warning:" in warning and "holds 3000 bytes" in warning
    proc = tfgraph.run("vars", prefix, "--stats")
    assert proc.returncode == 3
    [line] = errors(proc)  # one line for every tensor past the end, not one each
    assert str(data) in line and "runs past the end" in line
    assert "more unreadable tensor(s)" in line


def test_rank_above_tensorflows_limit(tfgraph, ckpt):
    # 40,000 dimensions of size 1: the element count is right, so only the
    # rank gives the entry away. Printing such a tensor once recursed per
    # dimension and overflowed the stack.
    prefix, index, data = ckpt

    def edit(key, proto):
        if key == WEIGHTS:
            del proto.shape.dim[:]
            for _ in range(40000):
                proto.shape.dim.add().size = 1
            proto.shape.dim[0].size = 128  # 128 floats = 512 bytes, the real size
    ckpt_index.edit_entries(index, edit)
    proc = tfgraph.run("tensor", prefix, WEIGHTS)
    assert proc.returncode == 3, proc.stderr
    [line] = errors(proc)
    assert str(index) in line and f"'{WEIGHTS}'" in line
    assert "rank 40000, above TensorFlow's limit of 254" in line


def test_data_shard_that_is_a_fifo_is_refused_not_waited_on(tfgraph, ckpt):
    prefix, _, data = ckpt
    data.unlink()
    os.mkfifo(data)
    proc = tfgraph.run("tensor", prefix, WEIGHTS, timeout=60)
    assert proc.returncode == 3, proc.stderr
    [line] = errors(proc)
    assert str(data) in line and "pipe or socket" in line


def _cap_address_space():
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.skipif("ASAN_OPTIONS" in os.environ, reason="address-space cap vs ASan")
def test_terabyte_declared_size_allocates_nothing(tfgraph, ckpt):
    prefix, index, _ = ckpt

    def edit(key, proto):
        if key == WEIGHTS:  # consistent entry: 2^20 x 2^20 floats, 4 TiB
            proto.shape.dim[0].size = 1 << 20
            proto.shape.dim[1].size = 1 << 20
            proto.size = 4 << 40
    ckpt_index.edit_entries(index, edit)
    for cmd in (["tensor", prefix, WEIGHTS], ["vars", prefix, "--stats"]):
        proc = subprocess.run([str(tfgraph.binary), *map(str, cmd)], capture_output=True,
                              preexec_fn=_cap_address_space, timeout=120)
        assert proc.returncode == 3, proc.stderr.decode()
        lines = errors(proc)
        assert len(lines) == 1 and f"'{WEIGHTS}'" in lines[0], lines
        assert "past the end" in lines[0] or "bytes" in lines[0]


@pytest.fixture
def ckpt_with_graph(samples_dir, tmp_path):
    for f in (samples_dir / "tf1_checkpoint").glob("model.ckpt-6.*"):
        shutil.copy(f, tmp_path / f.name)
    prefix = tmp_path / "model.ckpt-6"
    return prefix, prefix.with_name(prefix.name + ".index")


def test_graph_variable_without_entry_is_reported(tfgraph, ckpt_with_graph):
    # The .meta's restore op still names the key; the checkpoint lacks it.
    prefix, index = ckpt_with_graph
    ckpt_index.write_index(index, [e for e in ckpt_index.read_index(index)
                                   if e[0] != WEIGHTS.encode()])
    proc = tfgraph.run("vars", prefix)
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode().splitlines()
    assert f"graph variable '{WEIGHTS}' has no checkpoint entry" in lines
    assert not any("restored by no graph variable" in l for l in lines)
    recs = [json.loads(l) for l in tfgraph.run("vars", prefix, "--json").stdout.splitlines()]
    assert [r["node"] for r in recs if r["type"] == "unbound_variable"] == [WEIGHTS]


def test_entry_without_graph_variable_is_reported(tfgraph, ckpt_with_graph):
    prefix, index = ckpt_with_graph
    entries = ckpt_index.read_index(index)
    step = dict(entries)[b"global_step"]
    ckpt_index.write_index(index, entries + [(b"zz/extra", step)])  # keeps key order
    proc = tfgraph.run("vars", prefix)
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode().splitlines()
    assert "checkpoint entry 'zz/extra' is restored by no graph variable" in lines
    assert not any("has no checkpoint entry" in l for l in lines)
    recs = [json.loads(l) for l in tfgraph.run("vars", prefix, "--json").stdout.splitlines()]
    assert [r["name"] for r in recs if r["type"] == "unbound_entry"] == ["zz/extra"]
    extra = [r for r in recs if r.get("name") == "zz/extra" and r["type"] == "variable"]
    assert extra[0]["nodes"] == []
