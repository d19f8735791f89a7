"""What each item of the shared corpus is, and what TensorFlow 2.15.1 makes of it.

This table drives the corpus tests. For every item of shared/corpus (41 items,
see its MANIFEST.md) it names the model path(s) to give tfgraph, relative to the
corpus root, with what real TensorFlow does with them. Every fact here was
obtained by running TensorFlow 2.15.1 (tensorflow-cpu, protobuf 4.25,
packaging 26) on the files through tf_oracle.py; test_oracle_selfcheck.py
re-checks the table against TensorFlow on every run, so it cannot drift.

Fields of Model:
  path        what to open (file, prefix or folder), relative to the corpus root.
  format      tf_oracle's format: "saved_model", "checkpoint" (a folder or
              prefix), "meta" (a .meta file), "graphdef" (.pb/.pbtxt),
              "session_bundle" (legacy export.meta + export checkpoint).
  tf_loads    TensorFlow loads it as a user would (tf_oracle.load_check: the
              TF1 SavedModel loader with clear_devices, import_meta_graph +
              restore, import_graph_def, or the checkpoint reader).
  tf_error    a substring of TensorFlow's error line: why it does not load, or,
              when tf_loads is True, why the usual API failed before a lower
              level TF route loaded it.
  readable    TensorFlow's own proto classes / checkpoint reader read the files,
              so tf_oracle can describe the model (nodes, signatures, variables).
              A TF-free reader such as tfgraph is expected to read exactly these.
  tf2_loads   tf.saved_model.load (the TF2 loader) succeeds; SavedModels only.
  tf2_error   a substring of the TF2 loader's error when tf2_loads is False.
  tags        the sorted tag set of the MetaGraph the oracle picks by default
              (exactly {"serve"}, else the first); () for a .meta without tags;
              None when there is no MetaGraph.
  aliases     other paths (prefix, .meta, the folder) that name the same model:
              the oracle gives the same nodes and variables for them.
  serving_base  the item folder when it is a TF Serving base path whose newest
              numeric version is `path`. TensorFlow's loaders do not accept a
              base path (TF Serving does); the oracle resolves it to `path`.
  resolved_by how tf_oracle found the checkpoint ("checkpoint_state" = TF's own
              tf.train.latest_checkpoint; "checkpoint_state_basename" and
              "single_index" = TF's latest_checkpoint returns None and the
              oracle falls back; None = no checkpoint).
  nodes, functions, signatures, variables  counts as TensorFlow sees them: nodes
              and library functions of the main graph, signatures over all
              MetaGraphs, checkpoint keys (incl. _CHECKPOINTABLE_OBJECT_GRAPH).

An item folder that is not itself a model (e.g. a folder holding one frozen.pb)
is listed in FOLDERS_NOT_MODELS: TensorFlow has no notion of it.
"""

from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class Model:
    path: str
    format: str
    tf_loads: bool
    readable: bool = True
    tf_error: Optional[str] = None
    tf2_loads: Optional[bool] = None
    tf2_error: Optional[str] = None
    tags: Optional[Tuple[str, ...]] = None
    aliases: Tuple[str, ...] = ()
    serving_base: Optional[str] = None
    resolved_by: Optional[str] = None
    nodes: int = 0
    functions: int = 0
    signatures: int = 0
    variables: int = 0
    notes: str = ""


def _serving_v1(item, version="00000123", newest=True, **kw):
    """A TF Serving-style SavedModel in a numeric version folder that both loaders load."""
    return Model(path=f"{item}/{version}", format="saved_model", tf_loads=True, tf2_loads=True,
                 tags=("serve",), serving_base=item if newest else None,
                 resolved_by="variables_dir", **kw)


ITEMS = {
    "malformed_davidecigi_GP_phi_savedmodel_mangled_upload": (
        Model("malformed_davidecigi_GP_phi_savedmodel_mangled_upload", "saved_model",
              tf_loads=False, readable=False, tf2_loads=False,
              tf_error="Error parsing message", tf2_error="Error parsing message",
              notes="saved_model.pb is 2 bytes (CRLF): TF's loader raises "
                    "OSError \"Cannot parse file ...saved_model.pb: Error parsing message\". "
                    "tfgraph should exit 3 (unreadable)."),
        Model("malformed_davidecigi_GP_phi_savedmodel_mangled_upload/variables/variables",
              "checkpoint", tf_loads=True, resolved_by="prefix", variables=14,
              notes="The variables bundle is intact (TF2 object-based keys, "
                    "_CHECKPOINTABLE_OBJECT_GRAPH); readable on its own as a prefix."),
    ),
    "pair_ardianumam_lenet_ckpt_frozen": (
        Model("pair_ardianumam_lenet_ckpt_frozen", "checkpoint", tf_loads=True, tags=(),
              aliases=("pair_ardianumam_lenet_ckpt_frozen/model_small",
                       "pair_ardianumam_lenet_ckpt_frozen/model_small.meta"),
              resolved_by="checkpoint_state", nodes=722, variables=24,
              notes="TF1 V2 checkpoint with .meta (Keras-built LeNet, tf.train.Saver); "
                    "the 'checkpoint' state file names model_small (relative)."),
        Model("pair_ardianumam_lenet_ckpt_frozen/frozen_model.pb", "graphdef", tf_loads=True,
              nodes=46, notes="Frozen GraphDef of the same model."),
    ),
    "pair_fishbonelsy_mnist_v1ckpt_frozen": (
        Model("pair_fishbonelsy_mnist_v1ckpt_frozen", "checkpoint", tf_loads=True, tags=(),
              aliases=("pair_fishbonelsy_mnist_v1ckpt_frozen/model.ckpt",
                       "pair_fishbonelsy_mnist_v1ckpt_frozen/model.ckpt.meta"),
              resolved_by="checkpoint_state_basename", nodes=167, variables=2,
              notes="V1 checkpoint (single SSTable file model.ckpt, TF 1.8). The state file "
                    "holds absolute macOS paths: tf.train.latest_checkpoint(folder) is None "
                    "and tf.train.load_checkpoint(folder) fails; the oracle falls back to the "
                    "basename. The prefix model.ckpt and the .meta load in TF."),
        Model("pair_fishbonelsy_mnist_v1ckpt_frozen/graph.pb", "graphdef", tf_loads=True,
              nodes=167, notes="Unfrozen training GraphDef (VariableV2, SaveSlices, no weights)."),
        Model("pair_fishbonelsy_mnist_v1ckpt_frozen/frozen_model.pb", "graphdef",
              tf_loads=True, nodes=8,
              notes="freeze_graph output of graph.pb + model.ckpt, output node 'output'."),
    ),
    "pair_tzuhsiang_simple_model_ckpt_frozen": (
        Model("pair_tzuhsiang_simple_model_ckpt_frozen", "checkpoint", tf_loads=True, tags=(),
              aliases=("pair_tzuhsiang_simple_model_ckpt_frozen/simple_model",
                       "pair_tzuhsiang_simple_model_ckpt_frozen/simple_model.meta"),
              resolved_by="checkpoint_state", nodes=24, variables=2,
              notes="TF 0.12 V2 checkpoint + .meta; Model/v1=1.0, Model/v2=2.0."),
        Model("pair_tzuhsiang_simple_model_ckpt_frozen/frozen_model.pb", "graphdef",
              tf_loads=True, nodes=5,
              notes="convert_variables_to_constants of the same checkpoint."),
    ),
    "serving_bad_half_plus_two": (
        Model("serving_bad_half_plus_two/00000123", "session_bundle", tf_loads=True, tags=(),
              aliases=("serving_bad_half_plus_two/00000123/export.meta",
                       "serving_bad_half_plus_two/00000123/export"),
              serving_base="serving_bad_half_plus_two", resolved_by="session_bundle",
              nodes=26, variables=2,
              notes="Deliberately bad SessionBundle: no signatures and no collections "
                    "(no serving_signatures), but graph + V1 checkpoint 'export' load fine in "
                    "TF. Its 'checkpoint' state file points to /tmp/... (absolute), so "
                    "tf.train.latest_checkpoint(00000123) is None; the bundle's fixed name "
                    "'export' is what locates the variables."),
    ),
    "serving_half_plus_two_session_bundle_v1ckpt": (
        Model("serving_half_plus_two_session_bundle_v1ckpt/00000123", "session_bundle",
              tf_loads=True, tags=(),
              aliases=("serving_half_plus_two_session_bundle_v1ckpt/00000123/export.meta",
                       "serving_half_plus_two_session_bundle_v1ckpt/00000123/export"),
              serving_base="serving_half_plus_two_session_bundle_v1ckpt",
              resolved_by="session_bundle", nodes=27, variables=2,
              notes="Legacy SessionBundle (TF ~0.10, no tensorflow_version): export.meta + V1 "
                    "checkpoint 'export' (single file). Signatures live in the "
                    "serving_signatures collection (Any of tensorflow.serving.Signatures), "
                    "not in signature_def."),
    ),
    "serving_half_plus_two_session_bundle_v2ckpt": (
        Model("serving_half_plus_two_session_bundle_v2ckpt/00000123", "session_bundle",
              tf_loads=True, tags=(),
              tf_error="Invalid version: '0.12.head'",
              aliases=("serving_half_plus_two_session_bundle_v2ckpt/00000123/export.meta",
                       "serving_half_plus_two_session_bundle_v2ckpt/00000123/export"),
              serving_base="serving_half_plus_two_session_bundle_v2ckpt",
              resolved_by="session_bundle", nodes=27, variables=2,
              notes="SessionBundle with a V2 checkpoint (export.index/.data). "
                    "tf.compat.v1.train.import_meta_graph FAILS in TF 2.15.1: it parses "
                    "meta_info_def.tensorflow_version '0.12.head' with packaging>=22 "
                    "(InvalidVersion). import_graph_def + running saver_def's restore op "
                    "loads it, so the files are fine."),
    ),
    "serving_saved_model_counter": (
        Model("serving_saved_model_counter/00000123", "saved_model", tf_loads=True,
              tf2_loads=False, tf2_error="has a reference type float_ref", tags=("serve",),
              serving_base="serving_saved_model_counter", resolved_by="variables_dir",
              nodes=30, signatures=4, variables=1,
              notes="TF1 SavedModel with one REF variable 'counter'; signatures mutate it "
                    "(incr_counter, incr_counter_by, reset_counter, get_counter). The TF1 "
                    "loader loads it; tf.saved_model.load fails: \"Output 0 of node 'counter' "
                    "has a reference type float_ref\"."),
    ),
    "serving_saved_model_half_plus_three": (
        Model("serving_saved_model_half_plus_three/00000123", "saved_model", tf_loads=True,
              tf2_loads=False, tf2_error="Shape must be rank 1 but is rank 0",
              tags=("serve",), serving_base="serving_saved_model_half_plus_three",
              resolved_by="variables_dir", nodes=60, signatures=2, variables=3,
              notes="TF1 SavedModel + assets/foo.txt. TF1 loader OK; tf.saved_model.load "
                    "fails pruning a signature: ParseExample 'Shape must be rank 1 but is "
                    "rank 0'."),
    ),
    "serving_saved_model_half_plus_two_2_versions": (
        _serving_v1("serving_saved_model_half_plus_two_2_versions", "00000123", newest=False,
                    nodes=65, signatures=6, variables=3,
                    notes="Older version; byte-identical to 00000124."),
        _serving_v1("serving_saved_model_half_plus_two_2_versions", "00000124",
                    nodes=65, signatures=6, variables=3,
                    notes="Newest version: the base folder resolves here (TF Serving rule)."),
    ),
    "serving_saved_model_half_plus_two_cpu": (
        _serving_v1("serving_saved_model_half_plus_two_cpu", nodes=74, signatures=5,
                    variables=5,
                    notes="The reference TF1 half_plus_two SavedModel (+ assets/foo.txt)."),
    ),
    "serving_saved_model_half_plus_two_cpu_with_empty_saved_model_config": (
        _serving_v1("serving_saved_model_half_plus_two_cpu_with_empty_saved_model_config",
                    nodes=97, signatures=6, variables=5,
                    notes="assets.extra/saved_model_config.pb is 0 bytes; TF ignores it."),
    ),
    "serving_saved_model_half_plus_two_cpu_with_saved_model_config": (
        _serving_v1("serving_saved_model_half_plus_two_cpu_with_saved_model_config",
                    nodes=97, signatures=6, variables=5,
                    notes="Resource variables; assets.extra/saved_model_config.pb (TF Serving "
                          "config with an Any); TF's loaders ignore assets.extra."),
    ),
    "serving_saved_model_half_plus_two_gpu": (
        _serving_v1("serving_saved_model_half_plus_two_gpu", nodes=58, signatures=6,
                    variables=3,
                    notes="Ops pinned to /device:GPU:0: the TF1 loader without clear_devices "
                          "fails on a CPU-only machine (\"Cannot assign a device for operation "
                          "a\"); with clear_devices=True (what load_check does) and with "
                          "tf.saved_model.load it loads."),
    ),
    "serving_saved_model_half_plus_two_gpu_trt": (
        _serving_v1("serving_saved_model_half_plus_two_gpu_trt", nodes=78, signatures=5,
                    variables=5,
                    notes="GPU-pinned like _gpu (needs clear_devices with the TF1 loader); "
                          "Snappy-compressed variables.index block."),
    ),
    "serving_saved_model_half_plus_two_mkl": (
        _serving_v1("serving_saved_model_half_plus_two_mkl", nodes=163, signatures=5,
                    variables=9,
                    notes="Adds Conv2D/BiasAdd; ref and resource variables mixed."),
    ),
    "serving_saved_model_half_plus_two_mlmd": (
        _serving_v1("serving_saved_model_half_plus_two_mlmd", nodes=78, signatures=5,
                    variables=5, notes="assets.extra/mlmd_uuid beside the model; ignored by TF."),
    ),
    "serving_saved_model_half_plus_two_regress_only": (
        _serving_v1("serving_saved_model_half_plus_two_regress_only", nodes=74, signatures=1,
                    variables=5, notes="Only a regress signature (no serving_default)."),
    ),
    "serving_saved_model_half_plus_two_tf2_cpu": (
        _serving_v1("serving_saved_model_half_plus_two_tf2_cpu", nodes=29, functions=14,
                    signatures=7, variables=4,
                    notes="TF2 SavedModel (object graph, functions, fingerprint.pb). "
                          "7 signature_def entries include __saved_model_init_op."),
    ),
    "serving_session_bundle_half_plus_two_v1sharded": (
        Model("serving_session_bundle_half_plus_two_v1sharded/00000123", "session_bundle",
              tf_loads=True, tags=(), tf_error="Invalid version: '0.12.head'",
              aliases=("serving_session_bundle_half_plus_two_v1sharded/00000123/export.meta",),
              serving_base="serving_session_bundle_half_plus_two_v1sharded",
              resolved_by="session_bundle", nodes=57, variables=2,
              notes="SessionBundle with a sharded V1 checkpoint export-00000-of-00001 "
                    "(prefix pattern export-?????-of-?????). import_meta_graph fails on "
                    "tensorflow_version '0.12.head' (see the _v2ckpt item); the raw route "
                    "loads it."),
    ),
    "serving_tf_text_regression_2020": (
        Model("serving_tf_text_regression_2020/01", "saved_model", tf_loads=False,
              tf2_loads=False, tf_error="Op type not registered 'ConstrainedSequence'",
              tf2_error="Op type not registered 'ConstrainedSequence'",
              tags=("serve",), serving_base="serving_tf_text_regression_2020",
              resolved_by="variables_dir", nodes=11, functions=156, signatures=2,
              variables=1,
              notes="Needs TF Text custom ops, absent from plain TF: both loaders fail "
                    "(NotFoundError / RuntimeError 'Op type not registered "
                    "ConstrainedSequence'). The protos and variables read fine: tfgraph "
                    "should show it (unknown ops are just names to it)."),
    ),
    "textpb_dicereader_frozen_pb_and_pbtxt": (
        Model("textpb_dicereader_frozen_pb_and_pbtxt/frozen_graph.pb", "graphdef",
              tf_loads=True, nodes=17, notes="Binary frozen GraphDef (~1.3 MB)."),
        Model("textpb_dicereader_frozen_pb_and_pbtxt/frozen_graph.pbtxt", "graphdef",
              tf_loads=True, nodes=17,
              notes="The same graph as text format; parses to the same 17 nodes."),
    ),
    "tf2_ckpt_davidecigi_comp_ckptmanager": (
        Model("tf2_ckpt_davidecigi_comp_ckptmanager", "checkpoint", tf_loads=True,
              aliases=("tf2_ckpt_davidecigi_comp_ckptmanager/ckpt-1",),
              resolved_by="checkpoint_state", variables=22,
              notes="TF2 object-based checkpoints, no graph. SURPRISE: the state file's "
                    "model_checkpoint_path is ckpt-1, not the highest-numbered ckpt-10, so "
                    "TF (latest_checkpoint / load_checkpoint on the folder) opens ckpt-1."),
        Model("tf2_ckpt_davidecigi_comp_ckptmanager/ckpt-10", "checkpoint", tf_loads=True,
              resolved_by="prefix", variables=22,
              notes="Same keys as ckpt-1, different values."),
        Model("tf2_ckpt_davidecigi_comp_ckptmanager/ckpt-9", "checkpoint", tf_loads=True,
              resolved_by="prefix", variables=22),
    ),
    "tf2_keras_save_weights_cartpole_dqn": (
        Model("tf2_keras_save_weights_cartpole_dqn/dqn_weights.h5f", "checkpoint",
              tf_loads=True, aliases=("tf2_keras_save_weights_cartpole_dqn",),
              resolved_by="prefix", variables=7,
              notes="Keras save_weights in TF format with prefix 'dqn_weights.h5f' (not HDF5). "
                    "No state file: TF's load_checkpoint(folder) fails; the oracle finds the "
                    "single .index in the folder."),
    ),
    "tf2_keras_savedmodel_abisheakjacob_ann": (
        Model("tf2_keras_savedmodel_abisheakjacob_ann", "saved_model", tf_loads=True,
              tf2_loads=True, tags=("serve",), resolved_by="variables_dir", nodes=43,
              functions=29, signatures=2, variables=19,
              notes="TF2 Keras SavedModel + keras_metadata.pb + fingerprint.pb."),
    ),
    "tf2_savedmodel_2shards_titanic": (
        Model("tf2_savedmodel_2shards_titanic", "saved_model", tf_loads=True, tf2_loads=True,
              tags=("serve",), resolved_by="variables_dir", nodes=57, functions=35,
              signatures=2, variables=26,
              notes="Variables in 2 data shards (num_shards=2 in the index)."),
    ),
    "tf2onnx_assign_saved_model": (
        Model("tf2onnx_assign_saved_model", "saved_model", tf_loads=True, tf2_loads=True,
              tags=("serve",), resolved_by="variables_dir", nodes=32, signatures=1,
              variables=1, notes="TF1 SavedModel whose inference path runs Assign."),
    ),
    "tf2onnx_frozen_ae0": (
        Model("tf2onnx_frozen_ae0/frozen.pb", "graphdef", tf_loads=True, nodes=30),
    ),
    "tf2onnx_frozen_fc-layers": (
        Model("tf2onnx_frozen_fc-layers/frozen.pb", "graphdef", tf_loads=True, nodes=24),
    ),
    "tf2onnx_frozen_gru": (
        Model("tf2onnx_frozen_gru/frozen.pb", "graphdef", tf_loads=True, nodes=548,
              notes="v1 control flow (while loop frames: Enter/Exit/NextIteration)."),
    ),
    "tf2onnx_frozen_lstm": (
        Model("tf2onnx_frozen_lstm/frozen.pb", "graphdef", tf_loads=True, nodes=529,
              notes="v1 control flow (while loop frames)."),
    ),
    "tf2onnx_regression_ckpt_frozen_savedmodel": (
        Model("tf2onnx_regression_ckpt_frozen_savedmodel/checkpoint", "checkpoint",
              tf_loads=True, tags=(),
              aliases=("tf2onnx_regression_ckpt_frozen_savedmodel/checkpoint/model",
                       "tf2onnx_regression_ckpt_frozen_savedmodel/checkpoint/model.meta"),
              resolved_by="checkpoint_state", nodes=128, variables=2,
              notes="Folder named 'checkpoint' holding a 'checkpoint' state file, prefix "
                    "'model'."),
        Model("tf2onnx_regression_ckpt_frozen_savedmodel/graphdef/frozen.pb", "graphdef",
              tf_loads=True, nodes=8, notes="The same model frozen."),
        Model("tf2onnx_regression_ckpt_frozen_savedmodel/saved_model", "saved_model",
              tf_loads=True, tf2_loads=True, tags=("serve",), resolved_by="variables_dir",
              nodes=148, signatures=1, variables=2, notes="The same model as a SavedModel."),
    ),
    "tf2onnx_saved_model_with_redundant_inputs": (
        Model("tf2onnx_saved_model_with_redundant_inputs", "saved_model", tf_loads=True,
              tf2_loads=True, tags=("serve",), nodes=4, signatures=1,
              notes="No variables/ folder at all and no saver_def: both loaders accept it."),
    ),
    "tfjava_saved_model_using_python": (
        Model("tfjava_saved_model_using_python/model", "saved_model", tf_loads=True,
              tf2_loads=True, tags=("serve",), resolved_by="variables_dir", nodes=21,
              functions=13, signatures=6, variables=2,
              notes="TF2 tf.keras.Model subclass with custom tf.function signatures. The item "
                    "folder is not the model: open model/."),
    ),
    "tfrust_graphdefs": (
        Model("tfrust_graphdefs/addition_model.pb", "graphdef", tf_loads=True, nodes=3,
              notes="TF2-era graph z = x + y (int32)."),
        Model("tfrust_graphdefs/multiplication.pb", "graphdef", tf_loads=True, nodes=3,
              notes="TF 0.x graph (producer 9) c = a * b."),
        Model("tfrust_graphdefs/regression_checkpoint_model.pb", "graphdef", tf_loads=True,
              nodes=109, notes="Unfrozen training graph with Saver ops; no weights anywhere."),
        Model("tfrust_graphdefs/regression_model.pb", "graphdef", tf_loads=True, nodes=95,
              notes="Unfrozen training graph with old 'Variable' ops, no versions field."),
    ),
    "tfrust_test_resources_regression_model": (
        Model("tfrust_test_resources_regression_model", "saved_model", tf_loads=True,
              tf2_loads=True, tags=("serve", "train"), resolved_by="variables_dir",
              nodes=119, signatures=1, variables=2,
              notes="One MetaGraph tagged {serve, train}: not exactly {serve}, so the "
                    "default pick is the first (only) MetaGraph."),
    ),
    "tfx_keras_serving_savedmodel": (
        Model("tfx_keras_serving_savedmodel", "saved_model", tf_loads=True, tf2_loads=True,
              tags=("serve",), resolved_by="variables_dir", nodes=64, functions=37,
              signatures=2, variables=28,
              notes="TF2 Keras SavedModel without keras_metadata.pb or fingerprint.pb."),
    ),
    "tfx_tft_transform_fn_savedmodel_with_vocab_assets": (
        Model("tfx_tft_transform_fn_savedmodel_with_vocab_assets", "saved_model",
              tf_loads=True, tf2_loads=True, tags=("transform",),
              resolved_by="variables_dir", nodes=621, signatures=1, variables=1,
              notes="Only tag 'transform' (no serve): the default pick falls back to the "
                    "first MetaGraph; TF loads it with tags=['transform']. Vocabulary assets."),
    ),
    "unusual_savedmodel_1shard_index_plus_stale_2shard_data_country_religion": (
        Model("unusual_savedmodel_1shard_index_plus_stale_2shard_data_country_religion",
              "saved_model", tf_loads=True, tf2_loads=True, tags=("serve",),
              resolved_by="variables_dir", nodes=61, functions=23, signatures=2,
              variables=28,
              notes="Stale variables.data-0000x-of-00002 files beside a consistent 1-shard "
                    "bundle: TF follows the index (num_shards=1) and loads it."),
    ),
    "unusual_text_savedmodel_pbtxt_no_variables_tf1.2": (
        Model("unusual_text_savedmodel_pbtxt_no_variables_tf1.2", "saved_model",
              tf_loads=False, tf2_loads=False,
              tf_error="The passed save_path is not a valid checkpoint",
              tf2_error="Failed to find any matching files",
              tags=("serve",),
              aliases=("unusual_text_savedmodel_pbtxt_no_variables_tf1.2/saved_model.pbtxt",),
              nodes=250, signatures=2,
              notes="Text-format saved_model.pbtxt (TF 1.2) parses fine, but the variables/ "
                    "folder was never committed: the TF1 loader fails restoring (\"The passed "
                    "save_path is not a valid checkpoint\"), tf.saved_model.load with "
                    "NotFoundError. tfgraph should show the graph and signatures; freezing "
                    "must fail for want of variables."),
    ),
    "unusual_tzuhsiang_empty_prefix_ckpt": (
        Model("unusual_tzuhsiang_empty_prefix_ckpt", "checkpoint", tf_loads=True, tags=(),
              aliases=("unusual_tzuhsiang_empty_prefix_ckpt/.meta",),
              resolved_by="single_index", nodes=24, variables=2,
              notes="Prefix is '<folder>/' (empty basename): files .index, .data-00000-of-00001 "
                    ".meta. No state file, so TF's latest_checkpoint/load_checkpoint on the "
                    "folder fail; the prefix '<folder>/' works with "
                    "tf.compat.v1.train.NewCheckpointReader and the .meta restores."),
    ),
}

# Item folders that are not a model themselves (open the paths listed above).
FOLDERS_NOT_MODELS = (
    "textpb_dicereader_frozen_pb_and_pbtxt",
    "tf2onnx_frozen_ae0",
    "tf2onnx_frozen_fc-layers",
    "tf2onnx_frozen_gru",
    "tf2onnx_frozen_lstm",
    "tf2onnx_regression_ckpt_frozen_savedmodel",
    "tfjava_saved_model_using_python",
    "tfrust_graphdefs",
)


def all_models():
    """(item, Model) for every model of the corpus, in a stable order."""
    for item in sorted(ITEMS):
        for model in ITEMS[item]:
            yield item, model


def model_id(item_and_model):
    """A short pytest id: the model path."""
    return item_and_model[1].path
