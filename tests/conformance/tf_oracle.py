#!/usr/bin/env python3
"""The TensorFlow oracle: what real TensorFlow sees in a model, as JSON Lines.

Conformance tests compare tfgraph's `--json` output with this. Everything here
comes from TensorFlow itself: protos are parsed with TensorFlow's own protobuf
classes (GraphDef, MetaGraphDef, SavedModel from tensorflow.core), checkpoints
are read with TensorFlow's checkpoint reader, and `--load` asks TensorFlow to
really load the model (import into a Graph, restore variables in a Session).

Usage (with the project's TensorFlow venv):

    python tf_oracle.py MODEL_PATH [--tag-set serve[,gpu]] [--checkpoint PREFIX]
                                   [--values] [--load]

Records, one JSON object per line, in this order:

  {"type":"model","format":F,"path":P,"graph":G,"checkpoint":C,"tags":[..]|null,
   "meta_graphs":N,"resolved_by":R}
      F is "graphdef", "meta", "saved_model", "checkpoint" or "session_bundle";
      P the file whose graph is described (null if none), C the checkpoint
      prefix whose variables are listed (null if none), R how C was found.
  {"type":"meta_graph","index":i,"tags":[..],"nodes":N,"functions":N,
   "signatures":N,"chosen":bool}            (SavedModels and .meta only)
  {"type":"node","name","op","device","inputs":[..]}   every node of the main graph,
      in file order, exactly as in the NodeDef (inputs keep "^ctrl" and ":N").
  {"type":"function","name","nodes":N}    every function of the main graph's library
  {"type":"signature","tags":[..],"key","method","inputs":[T..],"outputs":[T..]}
      for every signature of every MetaGraph; T = {"key","name","dtype","shape"}
      (dtype as a TF python name, shape a list with -1 for unknown dims or null
      for unknown rank; "name" is null and "encoding" says which when the
      TensorInfo is a sparse or composite tensor).
  {"type":"collection","key","kind","size","values":[..]}
      collections of the main MetaGraph; values only for node_list (names)
      and any_list (type URLs).
  {"type":"asset","filename","tensor"}     asset_file_def and the TF1
      "saved_model_assets" collection of the chosen MetaGraph.
  {"type":"variable","name","dtype","shape"[,"sha256"]}  every key of the
      checkpoint, sorted by name, as tf.train.list_variables shows it (so
      _CHECKPOINTABLE_OBJECT_GRAPH and full shapes of partitioned variables
      included). With --values: sha256 of the tensor's little-endian bytes
      (numpy .tobytes()); for strings, of each element's 8-byte little-endian
      length followed by its bytes, concatenated.
  {"type":"load","ok":bool,"how":H,"error":E}   only with --load.

The main graph: for a SavedModel the MetaGraph whose tag set is exactly the
one asked (default: exactly {"serve"}, else the first MetaGraph); for a .meta
file its MetaGraph; for a checkpoint (directory or prefix) the .meta beside the
prefix, if any; for a GraphDef file (.pb, .pbtxt, .txt) the GraphDef.

Note: the node list is the file's proto, not a re-import:
tf.compat.v1.train.import_meta_graph / import_graph_def may rename nodes (a
scope prefix), drop default attributes, add defaults or reject unknown ops.

Exit codes follow tfgraph's: 0 ok, 2 usage, 3 unreadable/unsupported model,
4 tag set not found. Errors go to stderr as one line.
"""

import argparse
import glob
import hashlib
import json
import os
import re
import struct
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import tensorflow as tf  # noqa: E402

tf.get_logger().setLevel("ERROR")  # deprecation notices of the TF1 loaders
from google.protobuf import text_format  # noqa: E402
from tensorflow.core.framework import graph_pb2, types_pb2  # noqa: E402
from tensorflow.core.protobuf import meta_graph_pb2, saved_model_pb2  # noqa: E402


class OracleError(Exception):
    """A model the oracle cannot describe; `code` is tfgraph's exit code for it."""

    def __init__(self, message, code=3):
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------------------
# Small conversions shared by all records.

def dtype_name(enum_value):
    """DataType enum -> TF python name ("float32", "float32_ref", "resource")."""
    if enum_value == types_pb2.DT_INVALID:
        return "invalid"
    try:
        return tf.dtypes.as_dtype(enum_value).name
    except (TypeError, ValueError):
        return types_pb2.DataType.Name(enum_value)


def shape_list(shape_proto):
    """TensorShapeProto -> list with -1 for unknown dims, or None for unknown rank."""
    if shape_proto.unknown_rank:
        return None
    return [int(d.size) for d in shape_proto.dim]


def tensor_sha256(value):
    """sha256 of a checkpoint tensor's raw bytes (see the module doc)."""
    import numpy as np

    arr = np.asarray(value)
    digest = hashlib.sha256()
    if arr.dtype == object or arr.dtype.kind in ("S", "U"):
        for element in arr.reshape(-1):
            data = element.encode("utf-8") if isinstance(element, str) else bytes(element)
            digest.update(struct.pack("<Q", len(data)))
            digest.update(data)
    else:
        if arr.dtype.byteorder == ">":
            arr = arr.astype(arr.dtype.newbyteorder("<"))
        digest.update(np.ascontiguousarray(arr).tobytes())
    return digest.hexdigest()


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def _parse(proto_cls, path, text=None):
    """Parses a binary or text proto file with TensorFlow's own proto class."""
    data = _read(path)
    msg = proto_cls()
    if text is None:
        text = path.endswith((".pbtxt", ".txt", ".prototxt"))
    try:
        if text:
            text_format.Parse(data.decode("utf-8"), msg)
        else:
            msg.ParseFromString(data)
    except Exception as e:  # DecodeError, ParseError, UnicodeDecodeError
        raise OracleError(f"{path}: cannot parse as {proto_cls.__name__}: "
                          f"{type(e).__name__}: {_first_line(e)}") from e
    return msg


def _first_line(exc):
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# ---------------------------------------------------------------------------
# Finding what a path is.

def _saved_model_file(directory):
    for name in ("saved_model.pb", "saved_model.pbtxt"):
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            return path
    return None


def _version_dirs(directory):
    """TF Serving base path: numeric subfolders holding a SavedModel, newest last."""
    found = []
    for name in os.listdir(directory):
        sub = os.path.join(directory, name)
        if name.isdigit() and os.path.isdir(sub) and (
                _saved_model_file(sub) or os.path.isfile(os.path.join(sub, "export.meta"))):
            found.append((int(name), sub))
    return [sub for _, sub in sorted(found)]


def _prefix_exists(prefix):
    """True if a V2 (prefix.index) or V1 (the file, or its shards) checkpoint exists."""
    if os.path.isfile(prefix + ".index"):
        return True
    if os.path.isfile(prefix) and not prefix.endswith((".meta", ".index")):
        return True
    return bool(glob.glob(glob.escape(prefix) + "-?????-of-?????"))


_SSTABLE_MAGIC = struct.pack("<Q", 0xDB4775248B80FB57)


def _is_sstable(path):
    """True if the file ends with the LevelDB table magic (V1 checkpoints, .index files)."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            if f.tell() < 48:
                return False
            f.seek(-8, os.SEEK_END)
            return f.read(8) == _SSTABLE_MAGIC
    except OSError:
        return False


def _v1_sharded_pattern(prefix):
    if not os.path.isfile(prefix) and not os.path.isfile(prefix + ".index"):
        if glob.glob(glob.escape(prefix) + "-?????-of-?????"):
            return prefix + "-?????-of-?????"
    return prefix


def _checkpoint_in_dir(directory):
    """(prefix, how) of the checkpoint in a directory, or (None, reason)."""
    latest = tf.train.latest_checkpoint(directory)
    if latest:
        return latest, "checkpoint_state"
    state = os.path.join(directory, "checkpoint")
    if os.path.isfile(state):
        # TF found no usable checkpoint (e.g. absolute paths from another
        # machine): fall back to the recorded basename inside this directory.
        text = _read(state).decode("utf-8", "replace")
        m = re.search(r'model_checkpoint_path:\s*"([^"]*)"', text)
        if m:
            candidate = os.path.join(directory, os.path.basename(m.group(1)))
            if _prefix_exists(candidate):
                return candidate, "checkpoint_state_basename"
    prefixes = sorted({p[: -len(".index")] for p in glob.glob(os.path.join(directory, "*.index"))}
                      | {p[: -len(".index")] for p in glob.glob(os.path.join(directory, ".index"))})
    if len(prefixes) == 1:
        return prefixes[0], "single_index"
    if len(prefixes) > 1:
        return None, f"{len(prefixes)} checkpoints and no usable 'checkpoint' state file"
    return None, "no checkpoint found"


def resolve(path, checkpoint=None):
    """Works out what `path` is. Returns a dict describing where things are."""
    path = os.path.abspath(path)
    if not os.path.exists(path):
        raise OracleError(f"{path}: no such file or directory")
    info = {"format": None, "graph_file": None, "checkpoint": None, "resolved_by": None,
            "dir": None}
    if os.path.isdir(path):
        sm = _saved_model_file(path)
        if sm:
            info.update(format="saved_model", graph_file=sm, dir=path)
        elif os.path.isfile(os.path.join(path, "export.meta")):
            info.update(format="session_bundle", graph_file=os.path.join(path, "export.meta"),
                        dir=path)
        else:
            versions = _version_dirs(path)
            if versions:
                inner = resolve(versions[-1], checkpoint)
                inner["resolved_by"] = "newest_version_dir"
                return inner
            prefix, how = _checkpoint_in_dir(path)
            if prefix is None:
                raise OracleError(f"{path}: not a SavedModel, SessionBundle or checkpoint "
                                  f"directory ({how})")
            info.update(format="checkpoint", checkpoint=prefix, resolved_by=how, dir=path)
            if os.path.isfile(prefix + ".meta"):
                info["graph_file"] = prefix + ".meta"
    else:
        base = os.path.basename(path)
        if base in ("saved_model.pb", "saved_model.pbtxt"):
            return resolve(os.path.dirname(path), checkpoint)
        if base == "export.meta":
            info.update(format="session_bundle", graph_file=path, dir=os.path.dirname(path))
        elif path.endswith(".meta"):
            info.update(format="meta", graph_file=path, dir=os.path.dirname(path))
            prefix = path[: -len(".meta")]
            if _prefix_exists(prefix):
                info.update(checkpoint=prefix, resolved_by="beside_meta")
        elif path.endswith(".index") or re.search(r"\.data-\d{5}-of-\d{5}$", path):
            prefix = re.sub(r"(\.index|\.data-\d{5}-of-\d{5})$", "", path)
            info.update(format="checkpoint", checkpoint=prefix, resolved_by="file_name",
                        dir=os.path.dirname(path))
            if os.path.isfile(prefix + ".meta"):
                info["graph_file"] = prefix + ".meta"
        elif _is_sstable(path):
            # A V1 checkpoint is a single SSTable file named by its prefix.
            info.update(format="checkpoint", checkpoint=path, resolved_by="v1_file",
                        dir=os.path.dirname(path))
            if os.path.isfile(path + ".meta"):
                info["graph_file"] = path + ".meta"
        else:
            info.update(format="graphdef", graph_file=path, dir=os.path.dirname(path))
    if info["format"] == "saved_model":
        variables = os.path.join(info["dir"], "variables", "variables")
        if _prefix_exists(variables):
            info.update(checkpoint=_v1_sharded_pattern(variables), resolved_by="variables_dir")
    if info["format"] == "session_bundle":
        prefix = os.path.join(info["dir"], "export")
        if _prefix_exists(prefix):
            info.update(checkpoint=_v1_sharded_pattern(prefix), resolved_by="session_bundle")
    if checkpoint:
        info.update(checkpoint=os.path.abspath(checkpoint), resolved_by="argument")
    return info


def _resolve_prefix_path(path):
    """A bare prefix (model.ckpt-6) that is not itself a file."""
    if not os.path.exists(path) and _prefix_exists(path):
        info = {"format": "checkpoint", "graph_file": None, "checkpoint": path,
                "resolved_by": "prefix", "dir": os.path.dirname(path)}
        if os.path.isfile(path + ".meta"):
            info["graph_file"] = path + ".meta"
        return info
    return None


# ---------------------------------------------------------------------------
# Records.

def _parse_tags(tag_set):
    if tag_set is None:
        return None
    if isinstance(tag_set, str):
        tag_set = [t for t in tag_set.split(",") if t]
    return sorted(set(tag_set))


def choose_meta_graph(saved_model, tag_set=None):
    """Index of the MetaGraph to describe: exact tag set, default {serve} else first."""
    wanted = _parse_tags(tag_set)
    metas = list(saved_model.meta_graphs)
    if not metas:
        raise OracleError("SavedModel has no MetaGraphs")
    for i, meta in enumerate(metas):
        if sorted(set(meta.meta_info_def.tags)) == (wanted or ["serve"]):
            return i
    if wanted:
        have = [sorted(m.meta_info_def.tags) for m in metas]
        raise OracleError(f"no MetaGraph with tag set {wanted}; have {have}", code=4)
    return 0


def _tensor_info(key, info):
    record = {"key": key, "name": info.name or None, "dtype": dtype_name(info.dtype),
              "shape": shape_list(info.tensor_shape)}
    encoding = info.WhichOneof("encoding")
    if encoding != "name":
        record["encoding"] = encoding
    return record


def signature_records(meta):
    tags = sorted(meta.meta_info_def.tags)
    for key in sorted(meta.signature_def):
        sig = meta.signature_def[key]
        yield {"type": "signature", "tags": tags, "key": key, "method": sig.method_name,
               "inputs": [_tensor_info(k, sig.inputs[k]) for k in sorted(sig.inputs)],
               "outputs": [_tensor_info(k, sig.outputs[k]) for k in sorted(sig.outputs)]}


def graph_records(graph_def):
    for node in graph_def.node:
        yield {"type": "node", "name": node.name, "op": node.op, "device": node.device,
               "inputs": list(node.input)}
    for fdef in graph_def.library.function:
        yield {"type": "function", "name": fdef.signature.name, "nodes": len(fdef.node_def)}


def collection_records(meta):
    for key in sorted(meta.collection_def):
        col = meta.collection_def[key]
        kind = col.WhichOneof("kind")
        record = {"type": "collection", "key": key, "kind": kind, "size": 0, "values": None}
        if kind == "node_list":
            record.update(size=len(col.node_list.value), values=list(col.node_list.value))
        elif kind == "any_list":
            record.update(size=len(col.any_list.value),
                          values=[a.type_url for a in col.any_list.value])
        elif kind is not None:
            record["size"] = len(getattr(col, kind).value)
        yield record


def asset_records(meta):
    for asset in meta.asset_file_def:
        yield {"type": "asset", "filename": asset.filename, "tensor": asset.tensor_info.name}
    if "saved_model_assets" in meta.collection_def:
        for any_msg in meta.collection_def["saved_model_assets"].any_list.value:
            asset = meta_graph_pb2.AssetFileDef()
            if any_msg.Unpack(asset):
                yield {"type": "asset", "filename": asset.filename,
                       "tensor": asset.tensor_info.name}


def variable_records(prefix, values=False):
    reader = tf.compat.v1.train.NewCheckpointReader(prefix)
    shapes = reader.get_variable_to_shape_map()
    dtypes = reader.get_variable_to_dtype_map()
    for name in sorted(shapes):
        record = {"type": "variable", "name": name, "dtype": dtypes[name].name,
                  "shape": [int(d) for d in shapes[name]]}
        if values:
            record["sha256"] = tensor_sha256(reader.get_tensor(name))
        yield record


def describe(path, tag_set=None, checkpoint=None, values=False, load=False):
    """All records for a model, as a list of dicts (the CLI prints them)."""
    info = _resolve_prefix_path(os.path.abspath(path)) if not os.path.exists(path) else None
    if info is None:
        info = resolve(path, checkpoint)
    elif checkpoint:
        info.update(checkpoint=os.path.abspath(checkpoint), resolved_by="argument")
    fmt, graph_file = info["format"], info["graph_file"]
    records = []
    model = {"type": "model", "format": fmt, "path": graph_file, "graph": graph_file is not None,
             "checkpoint": info["checkpoint"], "tags": None, "meta_graphs": 0,
             "resolved_by": info["resolved_by"]}
    records.append(model)

    main_graph, main_meta = None, None
    if fmt == "saved_model":
        sm = _parse(saved_model_pb2.SavedModel, graph_file)
        chosen = choose_meta_graph(sm, tag_set)
        main_meta = sm.meta_graphs[chosen]
        main_graph = main_meta.graph_def
        model.update(tags=sorted(main_meta.meta_info_def.tags), meta_graphs=len(sm.meta_graphs))
        for i, meta in enumerate(sm.meta_graphs):
            records.append({"type": "meta_graph", "index": i,
                            "tags": sorted(meta.meta_info_def.tags),
                            "nodes": len(meta.graph_def.node),
                            "functions": len(meta.graph_def.library.function),
                            "signatures": len(meta.signature_def), "chosen": i == chosen})
        metas = list(sm.meta_graphs)
    elif graph_file is not None and graph_file.endswith(".meta"):
        main_meta = _parse(meta_graph_pb2.MetaGraphDef, graph_file, text=False)
        main_graph = main_meta.graph_def
        model.update(tags=sorted(main_meta.meta_info_def.tags), meta_graphs=1)
        records.append({"type": "meta_graph", "index": 0,
                        "tags": sorted(main_meta.meta_info_def.tags),
                        "nodes": len(main_graph.node),
                        "functions": len(main_graph.library.function),
                        "signatures": len(main_meta.signature_def), "chosen": True})
        metas = [main_meta]
    elif fmt == "graphdef":
        main_graph = _parse(graph_pb2.GraphDef, graph_file)
        metas = []
    else:
        metas = []

    if main_graph is not None:
        records.extend(graph_records(main_graph))
    for meta in metas:
        records.extend(signature_records(meta))
    if main_meta is not None:
        records.extend(collection_records(main_meta))
        records.extend(asset_records(main_meta))
    if info["checkpoint"]:
        try:
            records.extend(variable_records(info["checkpoint"], values=values))
        except Exception as e:
            raise OracleError(f"{info['checkpoint']}: TensorFlow cannot read the checkpoint: "
                              f"{_first_line(e)}") from e
    if load:
        ok, how, error = load_check(path, tag_set=tag_set, info=info)
        records.append({"type": "load", "ok": ok, "how": how, "error": error})
    return records


# ---------------------------------------------------------------------------
# Really loading with TensorFlow.

_NOISE = ("Traceback", "File ", "Graph execution error", "Detected at node", "Node:",
          "Restoring from checkpoint failed", "[[", "Encountered while", "Original stack")


def _error_line(exc):
    """The line of a TF error that says what went wrong, prefixed by its type."""
    lines = [line.strip() for line in str(exc).splitlines()]
    useful = [line for line in lines if line and not line.startswith(_NOISE)]
    line = useful[0] if useful else (lines[0] if lines and lines[0] else "")
    return f"{type(exc).__name__}: {line}"[:400] if line else type(exc).__name__


def _load_meta_graph_raw(sess, graph_file, prefix):
    """Loads a MetaGraphDef without import_meta_graph's Python checks.

    TF 2.15's import_meta_graph parses meta_info_def.tensorflow_version with
    `packaging`, which (since packaging 22) rejects old strings like
    "0.12.head". The graph itself is fine: import its GraphDef and run the
    SaverDef's restore op, which is what the C++ loaders do.
    """
    meta = _parse(meta_graph_pb2.MetaGraphDef, graph_file, text=False)
    for node in meta.graph_def.node:
        node.device = ""
    tf.compat.v1.import_graph_def(meta.graph_def, name="")
    if prefix:
        saver_def = meta.saver_def
        sess.run(saver_def.restore_op_name, {saver_def.filename_tensor_name: prefix})


def load_check(path, tag_set=None, info=None):
    """Asks TensorFlow to load the model as a user would. Returns (ok, how, error).

    When the usual API fails but a lower-level TF route loads the model, ok is
    True, `how` names that route and `error` keeps the usual API's error.
    """
    try:
        if info is None:
            info = _resolve_prefix_path(os.path.abspath(path)) or resolve(path)
    except OracleError as e:
        return False, "resolve", str(e)
    fmt, graph_file, prefix = info["format"], info["graph_file"], info["checkpoint"]
    v1 = tf.compat.v1
    graph = tf.Graph()
    how = fmt
    try:
        with graph.as_default(), v1.Session(graph=graph) as sess:
            if fmt == "saved_model":
                how = "tf.compat.v1.saved_model.loader.load"
                try:
                    sm = _parse(saved_model_pb2.SavedModel, graph_file)
                    tags = sorted(
                        sm.meta_graphs[choose_meta_graph(sm, tag_set)].meta_info_def.tags)
                except OracleError:
                    tags = _parse_tags(tag_set) or ["serve"]  # let TF report the problem
                # clear_devices: models exported on a GPU machine pin ops to GPUs.
                v1.saved_model.loader.load(sess, tags, info["dir"], clear_devices=True)
            elif fmt == "graphdef":
                how = "tf.compat.v1.import_graph_def"
                v1.import_graph_def(_parse(graph_pb2.GraphDef, graph_file), name="")
            elif graph_file is not None:
                how = "tf.compat.v1.train.import_meta_graph"
                try:
                    saver = v1.train.import_meta_graph(graph_file, clear_devices=True)
                except Exception as e:  # noqa: BLE001 - see _load_meta_graph_raw
                    first_error = _error_line(e)
                    how = "import_graph_def+saver_def.restore_op_name"
                    _load_meta_graph_raw(sess, graph_file, prefix)
                    return True, how, f"import_meta_graph failed: {first_error}"
                if prefix:
                    how += "+restore"
                    if saver is None:
                        saver = v1.train.Saver()
                    saver.restore(sess, prefix)
            else:
                how = "tf.train.load_checkpoint"
                reader = v1.train.NewCheckpointReader(prefix)
                for name in reader.get_variable_to_shape_map():
                    reader.get_tensor(name)
    except Exception as e:
        return False, how, _error_line(e)
    return True, how, None


def tf2_load_check(path, tag_set=None):
    """tf.saved_model.load (the TF2 loader) on a SavedModel. Returns (ok, error)."""
    try:
        info = resolve(path)
        if info["format"] != "saved_model":
            return False, f"not a SavedModel ({info['format']})"
        try:
            sm = _parse(saved_model_pb2.SavedModel, info["graph_file"])
            tags = sorted(sm.meta_graphs[choose_meta_graph(sm, tag_set)].meta_info_def.tags)
        except OracleError:
            tags = _parse_tags(tag_set)  # let TF report the problem
        tf.saved_model.load(info["dir"], tags=tags)
    except Exception as e:
        return False, _error_line(e)
    return True, None


# ---------------------------------------------------------------------------
# Helpers for tests: the same shapes work on tfgraph's --json records.

def select(records, record_type):
    """The records of one type, in order."""
    return [r for r in records if r.get("type") == record_type]


def by_key(records, record_type, key="name"):
    """{record[key]: record} for the records of one type (keys must be unique)."""
    table = {}
    for r in select(records, record_type):
        assert r[key] not in table, f"duplicate {record_type} {key} {r[key]!r}"
        table[r[key]] = r
    return table


def node_table(records):
    """{name: (op, device, inputs)} of the node records."""
    return {n: (r["op"], r["device"], tuple(r["inputs"]))
            for n, r in by_key(records, "node").items()}


def signature_table(records):
    """{(tags, key): (method, inputs, outputs)}; tensors as (key, name, dtype, shape)."""
    def tensors(items):
        return tuple((t["key"], t["name"], t["dtype"],
                      None if t["shape"] is None else tuple(t["shape"])) for t in items)
    table = {}
    for r in select(records, "signature"):
        table[(tuple(r["tags"]), r["key"])] = (r["method"], tensors(r["inputs"]),
                                               tensors(r["outputs"]))
    return table


def variable_table(records, values=False):
    """{name: (dtype, shape)} or, with values, {name: (dtype, shape, sha256)}."""
    table = {}
    for n, r in by_key(records, "variable").items():
        row = (r["dtype"], tuple(r["shape"]))
        table[n] = row + (r["sha256"],) if values else row
    return table


# ---------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="model file or directory")
    parser.add_argument("--tag-set", help="comma-separated tags of the MetaGraph (SavedModel)")
    parser.add_argument("--checkpoint", help="checkpoint prefix whose variables to list")
    parser.add_argument("--values", action="store_true", help="add sha256 of each tensor")
    parser.add_argument("--load", action="store_true",
                        help="also load the model with TensorFlow and report the outcome")
    args = parser.parse_args(argv)
    try:
        records = describe(args.model, tag_set=args.tag_set, checkpoint=args.checkpoint,
                           values=args.values, load=args.load)
    except OracleError as e:
        print(f"tf_oracle: {e}", file=sys.stderr)
        return e.code
    out = sys.stdout
    for record in records:
        out.write(json.dumps(record, sort_keys=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
