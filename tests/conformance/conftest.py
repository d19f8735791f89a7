"""Shared fixtures of the conformance tests (tfgraph vs. real TensorFlow).

Paths come from the environment ctest sets (tests/CMakeLists.txt), with
defaults for running pytest by hand from a checkout:
  TFGRAPH_BIN      the tfgraph binary (tests that need it skip when unset)
  TFGRAPH_SAMPLES  samples/ (default: <source>/samples)
  TFGRAPH_CORPUS   the shared corpus (default: <source>/../shared/corpus);
                   corpus tests SKIP, saying so, when it is absent.

Fixtures:
  samples_dir, corpus_dir, tfgraph_bin   Paths.
  tfgraph      runs the binary: tfgraph.run(*args, expect=0) -> CompletedProcess,
               tfgraph.json(*args, expect=0) -> list of JSON Lines records.
  oracle       oracle(path, tag_set=None, checkpoint=None, values=False) -> the
               records tf_oracle.describe gives (in-process, cached; a fresh copy
               each call).

The record helpers (select, by_key, node_table, ...) live in tf_oracle so tests
can import them: `from tf_oracle import node_table`.
"""

import copy
import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

SOURCE_DIR = Path(os.environ.get("TFGRAPH_SOURCE_DIR") or HERE.parents[1])


def samples_path():
    return Path(os.environ.get("TFGRAPH_SAMPLES") or SOURCE_DIR / "samples")


def corpus_path():
    return Path(os.environ.get("TFGRAPH_CORPUS") or SOURCE_DIR.parent / "shared" / "corpus")


@pytest.fixture(scope="session")
def samples_dir():
    path = samples_path()
    if not (path / "make_samples.py").is_file():
        pytest.fail(f"samples folder not found at {path} (TFGRAPH_SAMPLES)")
    return path


@pytest.fixture(scope="session")
def corpus_dir():
    path = corpus_path()
    if not path.is_dir():
        pytest.skip(f"shared corpus not found at {path} (set TFGRAPH_CORPUS); "
                    "corpus tests skipped")
    return path


@pytest.fixture(scope="session")
def tfgraph_bin():
    value = os.environ.get("TFGRAPH_BIN")
    if not value:
        pytest.skip("TFGRAPH_BIN not set: run through ctest, or export it")
    path = Path(value)
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"TFGRAPH_BIN={value} is not an executable file")
    return path


def parse_json_lines(text, where="output"):
    """JSON Lines -> list of dicts; every line must be an object with a "type"."""
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise AssertionError(f"{where}: line {number} is not JSON ({e}): {line[:200]!r}")
        assert isinstance(record, dict) and "type" in record, \
            f"{where}: line {number} is not an object with a 'type': {line[:200]!r}"
        records.append(record)
    return records


class Tfgraph:
    """Runs the tfgraph binary."""

    def __init__(self, binary):
        self.binary = Path(binary)

    def run(self, *args, expect=0, timeout=300, input=None):
        proc = subprocess.run([str(self.binary), *map(str, args)], capture_output=True,
                              text=True, timeout=timeout, input=input,
                              stdin=None if input is not None else subprocess.DEVNULL)
        if expect is not None:
            assert proc.returncode == expect, (
                f"tfgraph {' '.join(map(str, args))}: exit {proc.returncode}, expected {expect}\n"
                f"stderr: {proc.stderr[-2000:]}")
        return proc

    def json(self, *args, expect=0, timeout=300):
        proc = self.run(*args, expect=expect, timeout=timeout)
        return parse_json_lines(proc.stdout, where=f"tfgraph {' '.join(map(str, args))}")


@pytest.fixture(scope="session")
def tfgraph(tfgraph_bin):
    return Tfgraph(tfgraph_bin)


@functools.lru_cache(maxsize=64)
def _describe_cached(path, tag_set, checkpoint, values):
    import tf_oracle
    return tuple(tf_oracle.describe(path, tag_set=tag_set, checkpoint=checkpoint,
                                    values=values))


def run_oracle(path, tag_set=None, checkpoint=None, values=False):
    """tf_oracle.describe, cached per arguments; returns a fresh list each call."""
    key_path = str(Path(path).absolute())
    if isinstance(tag_set, (list, tuple)):
        tag_set = ",".join(sorted(tag_set))
    records = _describe_cached(key_path, tag_set, checkpoint and str(checkpoint), bool(values))
    return copy.deepcopy(list(records))


@pytest.fixture(scope="session")
def oracle():
    return run_oracle
