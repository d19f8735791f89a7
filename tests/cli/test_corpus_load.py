"""Every item of the shared corpus loads, or fails with one clear line.

`tfgraph info` runs on each of the 41 item folders and on every model path of
corpus_index.py (and its aliases). Each run must end within the time limit
without a signal, with exit 0 (loaded) or 3 (unreadable); on exit 3 stderr is
exactly one line "tfgraph: <file>: <problem>" naming a file of the item and
stdout is empty. Paths TensorFlow can read (readable=True in the index) must
load; paths it cannot read must give exit 3.
"""

import pytest

import corpus_index

ITEMS = sorted(corpus_index.ITEMS)
PATHS = [(model, path) for _, model in corpus_index.all_models()
         for path in (model.path,) + tuple(model.aliases)]


def _check_clean(proc, shown_path):
    assert proc.returncode >= 0, f"killed by signal {-proc.returncode}"
    assert proc.returncode in (0, 3), (proc.returncode, proc.stderr)
    err = proc.stderr.decode("utf-8")
    if proc.returncode == 3:
        lines = err.splitlines()
        assert len(lines) == 1, f"expected one error line, got: {err!r}"
        assert lines[0].startswith("tfgraph: " + shown_path), lines[0]
        assert len(lines[0]) > len("tfgraph: " + shown_path) + 10, "the problem is not said"
        assert proc.stdout == b""
    else:
        assert proc.stdout.startswith(b"model")
        for line in err.splitlines():
            assert line.startswith("tfgraph: "), line


def test_index_names_every_item(corpus_dir):
    on_disk = sorted(p.name for p in corpus_dir.iterdir() if p.is_dir())
    assert on_disk == ITEMS
    assert len(ITEMS) == 41


@pytest.mark.parametrize("item", ITEMS)
def test_item_folder(corpus_dir, tfgraph, item):
    proc = tfgraph.run("info", corpus_dir / item, timeout=60)
    _check_clean(proc, str(corpus_dir / item))


@pytest.mark.parametrize("model,path", PATHS, ids=[p for _, p in PATHS])
def test_model_path(corpus_dir, tfgraph, model, path):
    proc = tfgraph.run("info", corpus_dir / path, timeout=60)
    _check_clean(proc, str(corpus_dir / path))
    assert proc.returncode == (0 if model.readable else 3), proc.stderr
