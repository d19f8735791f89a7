"""Corruption suite: damaged copies of every sample and corpus model.

For every model of samples/ and of the shared corpus (corpus_index.py; the
corpus part skips, saying so, when the corpus is absent) the model's files are
copied into a temp folder (hard links; a damaged file is a fresh copy) and
damaged, one case at a time:
  - truncation at many points (0 bytes = a zero-length file, 1, a few bytes,
    inside a table footer, half, one byte short, and seeded random points);
  - bit flips in the header (first 64 bytes), the footer (last 48 bytes), in
    table block CRCs, in blocks and in data;
  - a deleted file (e.g. a missing data shard, index or state file);
  - a stale shard (the data shard of another checkpoint in its place, or an
    extra shard file from a save with another shard count), an index whose
    header claims two shards, an entry with a wrong CRC;
  - swapped files (index <-> data, graph <-> index).
Each case runs the read-only commands (`info`, and when this build has them
`vars --stats` and `tensor`) and must end cleanly (harness.judge): exit 0 or
a documented code 2-6, the final stderr line 'tfgraph: FILE: PROBLEM' naming a
file of the case, no signal, no sanitizer report, within the time bound and
the memory cap.

The damage is sampled deterministically (random.Random seeded by the model
and file name), so a failure reproduces; TFGRAPH_CORRUPTION_SCALE (default 1)
multiplies the number of truncation and bit-flip points per file.
"""

import os
import random
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "conformance"))

import corpus_index  # noqa: E402
import crafted  # noqa: E402
import tfformats  # noqa: E402
from harness import Runner, corpus_path, format_failure, judge, samples_path  # noqa: E402

SCALE = max(1, int(os.environ.get("TFGRAPH_CORRUPTION_SCALE", "1")))
JOBS = max(1, min(4, os.cpu_count() or 1))
MAX_FILES_PER_MODEL = 6

SAMPLE_MODELS = [
    "frozen/frozen.pb", "frozen/frozen.pbtxt", "lookup_table", "partitioned",
    "tf1_checkpoint", "tf1_checkpoint_resource", "tf1_saved_model", "tf2_saved_model",
]


@pytest.fixture(scope="module")
def runner():
    value = os.environ.get("TFGRAPH_BIN")
    if not value:
        pytest.skip("TFGRAPH_BIN not set: run through ctest, or export it")
    return Runner(value)


@pytest.fixture(scope="module")
def commands(runner):
    """Read-only commands of this build to run on every case, as argument lists."""
    help_text = runner.run("help").stdout
    have = {line.split()[0] for line in help_text.splitlines()
            if line.startswith("  ") and line.split()}
    return have


# --- which files make up a model -------------------------------------------

def model_files(root, rel):
    """Files of the model at root/rel that tfgraph may read, most important first."""
    path = root / rel
    if path.is_dir():
        found = [p for p in sorted(path.rglob("*")) if p.is_file()]
    else:
        folder = path.parent
        stem = path.name
        for suffix in (".meta", ".index", ".pb", ".pbtxt"):
            if stem.endswith(suffix):
                stem = stem[:-len(suffix)]
        found = [p for p in sorted(folder.iterdir()) if p.is_file() and
                 (p.name.startswith(stem) or p.name == "checkpoint")]
        if path.is_file() and path not in found:
            found.insert(0, path)

    def rank(p):
        n = p.name
        if n.startswith("saved_model.") or n == "export.meta":
            return 0
        if n.endswith((".pb", ".pbtxt", ".meta")):
            return 0 if n not in ("fingerprint.pb", "keras_metadata.pb") else 5
        if n.endswith(".index"):
            return 1
        if ".data-" in n:
            return 2
        if n == "checkpoint":
            return 3
        if "assets" in p.parts:
            return 9  # not parsed by tfgraph; damage there proves little
        return 4
    found.sort(key=lambda p: (rank(p), str(p)))
    return [p for p in found if rank(p) < 9][:MAX_FILES_PER_MODEL]


# --- damage ------------------------------------------------------------------

def truncation_points(data, rng):
    n = len(data)
    points = {0, 1, 4, 16, n // 2, n - 1}
    if tfformats.is_table(data):
        points |= {n - tfformats.FOOTER_SIZE, n - tfformats.FOOTER_SIZE + 10, n - 8}
    for _ in range(3 * SCALE):
        points.add(rng.randrange(n) if n else 0)
    return sorted(p for p in points if 0 <= p < n) or [0]


def flip_positions(data, rng):
    """(label, byte offset, bit) of the bit flips for one file."""
    n = len(data)
    if n == 0:
        return []
    out = [("header", rng.randrange(min(n, 64)), rng.randrange(8))
           for _ in range(2 * SCALE)]
    out += [("footer", n - 1 - rng.randrange(min(n, 48)), rng.randrange(8))
            for _ in range(2 * SCALE)]
    if tfformats.is_table(data):
        try:
            table = tfformats.Table(data)
            crcs = table.block_crc_offsets()
            for off in rng.sample(crcs, min(len(crcs), 2)):
                out.append(("block crc", off + rng.randrange(4), rng.randrange(8)))
            for off, size in rng.sample(table.data_blocks, min(len(table.data_blocks), 2)):
                if size:
                    out.append(("data block", off + rng.randrange(size), rng.randrange(8)))
        except (ValueError, IndexError):
            pass
    out += [("data", rng.randrange(n), rng.randrange(8)) for _ in range(3 * SCALE)]
    return out


class Case:
    """One damaged copy: a label, and a function that damages the folder."""

    def __init__(self, label, damage):
        self.label = label
        self.damage = damage


def replace_bytes(path, data):
    path.unlink()
    path.write_bytes(data)


def file_cases(case_root_rel, files):
    """Truncations, bit flips and deletions of each file (paths relative to the copy)."""
    cases = []
    for rel in files:
        data = (case_root_rel[0] / rel).read_bytes()
        rng = random.Random(f"{case_root_rel[1]}|{rel}")
        for point in truncation_points(data, rng):
            cases.append(Case(f"{rel} truncated to {point} of {len(data)} bytes",
                              lambda root, rel=rel, point=point, data=data:
                              replace_bytes(root / rel, data[:point])))
        for where, off, bit in flip_positions(data, rng):
            def flip(root, rel=rel, off=off, bit=bit, data=data):
                damaged = bytearray(data)
                damaged[off] ^= 1 << bit
                replace_bytes(root / rel, bytes(damaged))
            cases.append(Case(f"{rel}: bit {bit} of byte {off} flipped ({where})", flip))
        cases.append(Case(f"{rel} deleted", lambda root, rel=rel: (root / rel).unlink()))
    return cases


def checkpoint_cases(origin, files, other_data):
    """Stale and missing shards, shard count and CRC lies, swapped files."""
    cases = []
    indexes = [f for f in files if f.name.endswith(".index")]
    for index in indexes:
        prefix = str(index)[:-len(".index")]
        data = Path(prefix + ".data-00000-of-00001")
        has_data = (origin / data).is_file()
        if has_data:
            cases.append(Case(f"{index} and {data.name} swapped",
                              lambda root, a=index, b=data: swap(root / a, root / b)))
            if other_data is not None:
                cases.append(Case(f"{data.name} replaced by a stale shard ({other_data.name} "
                                  "of another checkpoint)",
                                  lambda root, d=data: replace_bytes(root / d,
                                                                     other_data.read_bytes())))
        cases.append(Case(f"stale extra shard {Path(prefix).name}.data-00001-of-00002 beside "
                          f"{index.name}",
                          lambda root, p=prefix: (root / (p + ".data-00001-of-00002"))
                          .write_bytes(b"\0" * 64)))
        try:
            entries = list(tfformats.Table((origin / index).read_bytes()).entries())
        except (ValueError, IndexError):
            continue
        header_claims_two = [(k, tfformats.bundle_header(2) if k == b"" else v)
                             for k, v in entries]
        cases.append(Case(f"{index.name} header claims 2 shards",
                          lambda root, i=index, e=header_claims_two:
                          replace_bytes(root / i, tfformats.build_table(e))))
        # A repeated field 6 appended to an entry wins (protobuf: last one
        # counts), so the entry keeps everything but its CRC.
        target = next((k for k, v in entries if k and k != b"_CHECKPOINTABLE_OBJECT_GRAPH"
                       and tfformats.parse_bundle_entry(v)["size"]), None)
        if target is not None:
            wrong_crc = [(k, v + tfformats.pb_fixed32(
                6, tfformats.parse_bundle_entry(v)["crc"] ^ 0x5A5A5A5A) if k == target else v)
                for k, v in entries]
            cases.append(Case(f"{index.name}: entry {target.decode(errors='replace')!r} "
                              "has a wrong CRC",
                              lambda root, i=index, e=wrong_crc:
                              replace_bytes(root / i, tfformats.build_table(e))))
    graphs = [f for f in files if f.name.endswith((".pb", ".meta", ".pbtxt"))]
    if graphs and indexes:
        cases.append(Case(f"{graphs[0]} and {indexes[0]} swapped",
                          lambda root, a=graphs[0], b=indexes[0]: swap(root / a, root / b)))
    return cases


def swap(a, b):
    tmp = a.with_name(a.name + ".swap")
    a.rename(tmp)
    b.rename(a)
    tmp.rename(b)


# --- running -------------------------------------------------------------------

def model_commands(commands, model):
    runs = [["info", model]]
    if "vars" in commands:
        runs.append(["vars", model, "--stats"])
    return runs


def run_cases(runner, commands, origin_root, item, model_rel, cases, tmp_path):
    """Runs every case against a private copy of origin_root/item; returns failures."""

    def one(index_case):
        index, case = index_case
        root = Path(tempfile.mkdtemp(prefix=f"c{index}-", dir=tmp_path))
        try:
            # A real copy, never hard links: damage written in place would reach the
            # shared corpus through a link (this once truncated two corpus shards).
            shutil.copytree(origin_root / item, root / item, copy_function=shutil.copy2)
            case.damage(root / item)
            failures = []
            for args in model_commands(commands, root / model_rel):
                result = runner.run(*args)
                problems = judge(result, names=[str(root)])
                if problems:
                    failures.append(format_failure(case.label, result, problems))
            return failures
        finally:
            shutil.rmtree(root, ignore_errors=True)

    failures = []
    with ThreadPoolExecutor(JOBS) as pool:
        for f in pool.map(one, enumerate(cases)):
            failures.extend(f)
    return failures


def check_model(runner, commands, origin_root, model_rel, tmp_path, other_data=None):
    item = Path(model_rel).parts[0]
    files = [p.relative_to(origin_root / item) for p in model_files(origin_root, model_rel)]
    assert files, f"no files found for {model_rel}"
    rel_in_item = Path(*Path(model_rel).parts[1:])
    # Damage works on paths relative to the item folder.
    cases = file_cases((origin_root / item, model_rel), files)
    cases += checkpoint_cases(origin_root / item, files, other_data)
    failures = run_cases(runner, commands, origin_root, item, Path(item) / rel_in_item, cases,
                         tmp_path)
    assert not failures, (f"{len(failures)} of {len(cases)} damaged copies of {model_rel} "
                          f"did not end cleanly:\n" + "\n".join(failures[:15]))


def a_data_shard(root, avoid):
    """Some data shard of another checkpoint under root (a stale shard to plant)."""
    for p in sorted(root.rglob("*.data-00000-of-00001")):
        if avoid not in p.parts:
            return p
    return None


@pytest.mark.parametrize("model", SAMPLE_MODELS)
def test_damaged_samples(runner, commands, model, tmp_path):
    root = samples_path()
    check_model(runner, commands, root, model, tmp_path,
                other_data=a_data_shard(root, Path(model).parts[0]))


CORPUS_MODELS = [m.path for _, m in corpus_index.all_models()]


@pytest.mark.parametrize("model", CORPUS_MODELS)
def test_damaged_corpus(runner, commands, model, tmp_path):
    root = corpus_path()
    if not root.is_dir():
        pytest.skip(f"shared corpus not found at {root} (set TFGRAPH_CORPUS); "
                    "corpus corruption cases skipped")
    if not (root / model).exists() and not list((root / model).parent.glob(
            (root / model).name + ".*")):
        pytest.fail(f"corpus model {model} listed in corpus_index.py is missing")
    check_model(runner, commands, root, model, tmp_path,
                other_data=a_data_shard(samples_path(), "none"))


# --- crafted hostile models ----------------------------------------------------

MAX_STDOUT = 16 << 20  # a 2^40-element tensor must not be printed whole


@pytest.mark.parametrize("name", sorted(crafted.BUILDERS))
def test_crafted_model(runner, commands, name, tmp_path):
    """Shapes of 2^40 elements, 100000-deep nesting, self-calling functions, ..."""
    path, names = crafted.BUILDERS[name](tmp_path)
    runs = [["info", path], ["nodes", path], ["sigs", path]]
    runs += [["node", path, n] for n in names]
    if name == "self_call":
        runs += [["nodes", path, "--function", f] for f in ("f", "g", "h")]
        runs += [["node", path, "call", "--function", "f"]]
    if "vars" in commands:
        runs.append(["vars", path, "--stats"])
    if "tensor" in commands:
        runs += [["tensor", path, n] for n in names]
    failures = []
    for args in runs:
        result = runner.run(*args)
        problems = judge(result, names=[str(tmp_path)])
        if len(result.stdout) > MAX_STDOUT:
            problems.append(f"printed {len(result.stdout)} bytes")
        if problems:
            failures.append(format_failure(name, result, problems))
    assert not failures, "\n".join(failures)
