"""tfgraph reads the same graphs and signatures as TensorFlow.

For every sample and every model of the shared corpus that TensorFlow can read
(corpus_index.py: readable=True), under its main path and every alias, the
node names, ops, devices and inputs that `tfgraph nodes --json` reports, the
signatures of `tfgraph sigs --json`, and the tag-set, node count and function
count of `tfgraph info --json` must equal what tf_oracle.py gets from
TensorFlow's own protobuf classes. The same is checked for every tag-set of a
SavedModel with several MetaGraphs (--tag-set), and a missing tag-set must give
exit 4 on both sides.
"""

import pytest

import corpus_index
from tf_oracle import node_table, select, signature_table

# Sample paths as samples/README.md says to give them, with aliases.
SAMPLES = [
    ("tf1_checkpoint", ["tf1_checkpoint/model.ckpt-6", "tf1_checkpoint/model.ckpt-6.meta",
                        "tf1_checkpoint/model.ckpt-6.index"]),
    ("tf1_checkpoint_resource", ["tf1_checkpoint_resource/model.ckpt-6"]),
    ("frozen/frozen.pb", []),
    ("frozen/frozen.pbtxt", []),
    ("tf1_saved_model", ["tf1_saved_model/saved_model.pb"]),
    ("tf2_saved_model", []),
    ("partitioned", ["partitioned/model.ckpt-4"]),
    ("lookup_table", []),
]


def _corpus_cases():
    for item, model in corpus_index.all_models():
        if not model.readable:
            continue
        for path in (model.path,) + tuple(model.aliases):
            yield pytest.param(model, path, id=path)


def _compare(tfgraph, oracle, path, tag_set=None):
    extra = ["--tag-set", tag_set] if tag_set else []
    expected = oracle(path, tag_set=tag_set)
    model = expected[0]

    nodes = tfgraph.json("nodes", path, "--json", *extra)
    assert node_table(nodes) == node_table(expected), f"{path}: nodes differ"
    # Same order as the file, too.
    assert [n["name"] for n in nodes] == [n["name"] for n in select(expected, "node")]

    sigs = tfgraph.json("sigs", path, "--json", *extra)
    want = signature_table(expected)
    if tag_set:
        want = {k: v for k, v in want.items() if list(k[0]) == sorted(tag_set.split(","))}
    assert signature_table(sigs) == want, f"{path}: signatures differ"

    info = tfgraph.json("info", path, "--json", *extra)
    head = select(info, "model")[0]
    assert head["nodes"] == len(select(expected, "node"))
    assert head["functions"] == len(select(expected, "function"))
    if model["tags"] is not None:
        assert sorted(head["selected_tags"]) == model["tags"]
    return expected


@pytest.mark.parametrize("path,aliases", SAMPLES, ids=[s[0] for s in SAMPLES])
def test_samples(samples_dir, tfgraph, oracle, path, aliases):
    expected = _compare(tfgraph, oracle, samples_dir / path)
    for alias in aliases:
        got = tfgraph.json("nodes", samples_dir / alias, "--json")
        assert node_table(got) == node_table(expected), f"alias {alias} differs from {path}"


def test_sample_tag_sets(samples_dir, tfgraph, oracle):
    path = samples_dir / "tf1_saved_model"
    for tags in ("serve", "train"):
        _compare(tfgraph, oracle, path, tag_set=tags)
    proc = tfgraph.run("info", path, "--tag-set", "serve,gpu", expect=4)
    assert proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1 and "serve,gpu" in proc.stderr


@pytest.mark.parametrize("model,path", list(_corpus_cases()))
def test_corpus(corpus_dir, tfgraph, oracle, model, path):
    if not model.tf_loads and model.format == "saved_model" and not model.readable:
        pytest.skip("TensorFlow cannot read it either")
    _compare(tfgraph, oracle, corpus_dir / path)
