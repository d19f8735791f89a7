"""Asset names from a model never make `tfgraph export` write outside its output.

A model is untrusted input. Its MetaGraphDef names asset files
(asset_file_def.filename, the saved_model_assets collection, or the string
Consts a TF1 graph reads its vocabularies from), and its assets/ folder may
hold symlinks. Each hostile variant below is built from a copy of a sample in
a temporary folder and exported; whatever tfgraph decides (refuse with a
documented exit code, or sanitize the name), afterwards:
  - nothing outside the output folder was created, changed or removed (the
    whole case folder, model copy included, is compared before and after);
  - the output holds no symlinks, and its asset_file_def names are plain
    file names present in its assets/;
  - the content of a file outside a SavedModel (reached through "..", an
    absolute path or a symlink) was not copied into the export.
A TF1 training graph (.meta) is different by design: its baked-in asset path
is where training read the file from, so reading it is allowed; it is
written under its base name inside assets/.

Runs with TFGRAPH_BIN (ctest sets it); needs TensorFlow's protos (the TF venv).
"""

import os
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import Runner, format_failure, judge, samples_path  # noqa: E402

saved_model_pb2 = pytest.importorskip("tensorflow.core.protobuf.saved_model_pb2")
meta_graph_pb2 = pytest.importorskip("tensorflow.core.protobuf.meta_graph_pb2")

SECRET = b"outside-the-model: must never be copied into an export\n"


@pytest.fixture(scope="module")
def runner():
    value = os.environ.get("TFGRAPH_BIN")
    if not value:
        pytest.skip("TFGRAPH_BIN not set: run through ctest, or export it")
    return Runner(value)


def tree(root, skip):
    """{relative path: content | 'DIR' | ('LINK', target)} of everything under root but skip."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if Path(dirpath, d) != skip]
        for name in dirnames + filenames:
            p = Path(dirpath, name)
            if p == skip:
                continue
            rel = str(p.relative_to(root))
            if p.is_symlink():
                out[rel] = ("LINK", os.readlink(p))
            elif p.is_dir():
                out[rel] = "DIR"
            else:
                out[rel] = p.read_bytes()
    return out


def copy_sample(name, dest):
    shutil.copytree(samples_path() / name, dest, copy_function=shutil.copy2, symlinks=True)
    return dest


def set_saved_model_assets(model, filenames, in_asset_file_def=True):
    """Rewrites saved_model.pb so both places a SavedModel lists assets in
    (asset_file_def, and the TF1 Builder's saved_model_assets collection) name
    `filenames`, each fed into the sample's first asset tensor."""
    path = model / "saved_model.pb"
    sm = saved_model_pb2.SavedModel()
    sm.ParseFromString(path.read_bytes())
    mg = sm.meta_graphs[0]
    anys = mg.collection_def["saved_model_assets"].any_list.value
    template = meta_graph_pb2.AssetFileDef()
    assert anys and anys[0].Unpack(template), "the sample's asset list changed"
    del mg.asset_file_def[:]
    del anys[:]
    for name in filenames:
        a = meta_graph_pb2.AssetFileDef()
        a.CopyFrom(template)
        a.filename = name
        anys.add().Pack(a)
        if in_asset_file_def:
            mg.asset_file_def.add().CopyFrom(a)
    path.write_bytes(sm.SerializeToString())


def add_meta_asset(meta_path, baked_paths):
    """Adds string Consts holding `baked_paths` to a .meta, listed in asset_filepaths
    (and, for good measure, in asset_file_def with the same hostile names)."""
    mg = meta_graph_pb2.MetaGraphDef()
    mg.ParseFromString(meta_path.read_bytes())
    for i, baked in enumerate(baked_paths):
        node = mg.graph_def.node.add()
        node.name = f"hostile_asset_{i}"
        node.op = "Const"
        node.attr["dtype"].type = 7  # DT_STRING
        node.attr["value"].tensor.dtype = 7
        node.attr["value"].tensor.string_val.append(baked.encode())
        mg.collection_def["asset_filepaths"].node_list.value.append(f"{node.name}:0")
        a = mg.asset_file_def.add()
        a.tensor_info.name = f"{node.name}:0"
        a.filename = baked
    meta_path.write_bytes(mg.SerializeToString())


def lookup_export_args(model):
    return ["export", model, "--signature", "word_ids", "--inputs", "words@string",
            "--outputs", "ids=word_ids/LookupTableFindV2"]


def tf1_export_args(model):
    return ["export", model, "--inputs", "input", "--outputs", "output/probabilities"]


def case_saved_model_names(case, names, in_asset_file_def=True):
    model = copy_sample("lookup_table", case / "model")
    (model / "evil").write_bytes(SECRET)  # what "../evil" from assets/ reaches
    set_saved_model_assets(model, names, in_asset_file_def)
    return lookup_export_args(model)


def setup_outside(case):
    """Files a hostile name could reach: beside the case, and absolute."""
    outside = case / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(SECRET)
    (case / "evil").write_bytes(SECRET)
    return outside


def build_case(kind, case):
    outside = setup_outside(case)
    secret = str(outside / "secret.txt")
    if kind == "dotdot":
        return case_saved_model_names(case, ["../evil"]), True
    if kind == "collection_dotdot":
        return case_saved_model_names(case, ["../evil"], in_asset_file_def=False), True
    if kind == "dotdot_deep":
        return case_saved_model_names(case, ["../../evil"]), True
    if kind == "absolute":
        return case_saved_model_names(case, [secret]), True
    if kind == "inner_dotdot":
        return case_saved_model_names(case, ["a/../../../evil"]), True
    if kind == "symlinked_asset":
        model = copy_sample("lookup_table", case / "model")
        (model / "assets" / "vocab.txt").unlink()
        os.symlink(secret, model / "assets" / "vocab.txt")
        return lookup_export_args(model), True
    if kind == "symlinked_extra_asset":
        model = copy_sample("lookup_table", case / "model")
        os.symlink(secret, model / "assets" / "extra.txt")
        return lookup_export_args(model), True
    if kind == "symlinked_assets_folder":
        model = copy_sample("lookup_table", case / "model")
        shutil.copy2(model / "assets" / "vocab.txt", outside / "vocab.txt")
        shutil.rmtree(model / "assets")
        os.symlink(outside, model / "assets")
        return lookup_export_args(model), True
    if kind == "symlinked_assets_extra_folder":
        model = copy_sample("lookup_table", case / "model")
        os.symlink(outside, model / "assets.extra")
        return lookup_export_args(model), True
    if kind == "meta_dotdot":
        model = copy_sample("tf1_checkpoint", case / "model")
        add_meta_asset(model / "model.ckpt-6.meta", ["../evil"])
        return tf1_export_args(model), False
    if kind == "meta_absolute":
        model = copy_sample("tf1_checkpoint", case / "model")
        add_meta_asset(model / "model.ckpt-6.meta", [secret, "../../../../../../etc/hostname"])
        return tf1_export_args(model), False
    raise AssertionError(kind)


CASES = ["dotdot", "collection_dotdot", "dotdot_deep", "absolute", "inner_dotdot",
         "symlinked_asset",
         "symlinked_extra_asset", "symlinked_assets_folder", "symlinked_assets_extra_folder",
         "meta_dotdot", "meta_absolute"]


@pytest.mark.parametrize("kind", CASES)
def test_hostile_asset_names_write_nothing_outside_the_export(runner, kind, tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    args, from_saved_model = build_case(kind, case)
    work = case / "cwd"  # relative names resolve here, not in the source tree
    work.mkdir()
    (case / "export").mkdir()
    out = case / "export" / "sm"
    before = tree(case, skip=out)
    result = runner.run(*args, "-o", out, cwd=work)
    problems = judge(result)
    assert not problems, format_failure(kind, result, problems)
    after = tree(case, skip=out)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert not changed, f"{kind}: export changed files outside its output: {changed}"
    if result.code != 0:
        assert not out.exists() and not out.is_symlink(), f"{kind}: failed but left {out}"
        print(f"{kind}: refused: {result.stderr.strip().splitlines()[-1]}")
        return
    for p in out.rglob("*"):
        assert not p.is_symlink(), f"{kind}: the export holds a symlink {p}"
        if from_saved_model and p.is_file():
            assert SECRET not in p.read_bytes(), f"{kind}: {p} holds the outside file's content"
    sm = saved_model_pb2.SavedModel()
    sm.ParseFromString((out / "saved_model.pb").read_bytes())
    for mg in sm.meta_graphs:
        for a in mg.asset_file_def:
            assert a.filename and "/" not in a.filename and a.filename not in (".", ".."), \
                f"{kind}: exported asset name {a.filename!r}"
            assert (out / "assets" / a.filename).is_file(), f"{kind}: assets/{a.filename} missing"
    print(f"{kind}: exported with assets "
          f"{sorted(a.filename for mg in sm.meta_graphs for a in mg.asset_file_def)}")
