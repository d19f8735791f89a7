"""Fixtures of the CLI tests: the tfgraph binary, samples, the shared corpus.

TFGRAPH_BIN must name the built binary (ctest sets it; tests skip otherwise).
TFGRAPH_CORPUS names the shared corpus; corpus tests SKIP, saying so, when it
is absent. corpus_index (tests/conformance) says which path of each corpus
item to open and whether TensorFlow can read it.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("TFGRAPH_SOURCE_DIR") or HERE.parents[1])
sys.path.insert(0, str(SOURCE_DIR / "tests" / "conformance"))


def corpus_path():
    return Path(os.environ.get("TFGRAPH_CORPUS") or SOURCE_DIR.parent / "shared" / "corpus")


@pytest.fixture(scope="session")
def samples_dir():
    return Path(os.environ.get("TFGRAPH_SAMPLES") or SOURCE_DIR / "samples")


@pytest.fixture(scope="session")
def corpus_dir():
    path = corpus_path()
    if not path.is_dir():
        pytest.skip(f"shared corpus not found at {path} (set TFGRAPH_CORPUS); corpus tests skipped")
    return path


class Tfgraph:
    def __init__(self, binary):
        self.binary = binary

    def run(self, *args, timeout=120, env=None, input=None):
        full_env = dict(os.environ)
        full_env.pop("NO_COLOR", None)
        if env:
            full_env.update(env)
        return subprocess.run([str(self.binary), *map(str, args)], capture_output=True,
                              timeout=timeout, env=full_env, input=input,
                              stdin=None if input is not None else subprocess.DEVNULL)


@pytest.fixture(scope="session")
def tfgraph():
    value = os.environ.get("TFGRAPH_BIN")
    if not value:
        pytest.skip("TFGRAPH_BIN not set: run through ctest, or export it")
    return Tfgraph(Path(value))
