// Model: any TensorFlow model on disk, loaded into one in-memory form.
//
// Model::Load detects the format by content (not only by extension) and
// accepts what users actually hold:
//   - a frozen or plain GraphDef (.pb binary, .pbtxt text);
//   - a MetaGraphDef (.meta), with the checkpoint beside it when there is one;
//   - a TF1 checkpoint given as prefix, as .index/.meta/.data file, or as a
//     directory with a `checkpoint` state file (latest is taken);
//   - a SavedModel directory (saved_model.pb or .pbtxt), TF1 or TF2, any
//     tag-set; a directory of numeric versions (TF Serving layout) picks the
//     highest version;
//   - a legacy SessionBundle export (export.meta + export checkpoint);
//   - a GraphDef or .meta paired with a checkpoint from elsewhere
//     (LoadOptions::checkpoint, like freeze_graph's --input_checkpoint);
//   - a checkpoint without any graph (variables only; graph() is empty and a
//     warning says a .meta or SavedModel is needed for the graph).
// Whatever cannot be loaded fails with one Status line naming the file and
// what is wrong. What can be loaded despite a problem loads, with a warning.
//
// A Model is immutable after loading and owns every proto it parsed; Graph
// indexes point into them.
#ifndef TFGRAPH_CORE_MODEL_H_
#define TFGRAPH_CORE_MODEL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/graph.h"
#include "core/proto_io.h"
#include "core/status.h"
#include "tensorflow/meta_graph.pb.h"
#include "tensorflow/saved_model.pb.h"

namespace tfgraph {

class CheckpointReader;  // core/checkpoint_reader.h

enum class ModelFormat {
  kGraphDef,        // binary GraphDef
  kGraphDefText,    // text GraphDef
  kMetaGraph,       // a .meta file on its own (or with --checkpoint)
  kCheckpoint,      // a TF1 checkpoint with its .meta
  kCheckpointOnly,  // a checkpoint with no graph
  kSavedModel,      // SavedModel, TF1 or TF2 (see Model::is_tf2())
  kSessionBundle,   // legacy export.meta + export checkpoint
};
const char* FormatName(ModelFormat f);  // "graphdef", "saved_model", ...

struct LoadOptions {
  // Comma-separated tags ("serve" or "serve,gpu"). Empty: the MetaGraph
  // tagged exactly {serve} if there is one, else the first.
  std::string tag_set;
  // A checkpoint prefix to pair with a GraphDef or .meta.
  std::string checkpoint;
  // Index the main graph on a background thread (Graph::Indexing) and
  // return as soon as the protos are parsed. The dangling-inputs warning and
  // an unparsable input string are then not in warnings() or the Status;
  // ask graph().DanglingWarning() and graph().index_status().
  bool background_index = false;
};

// One tensor of a signature, with what the signature (or graph) says of it.
struct SignatureTensor {
  std::string key;   // the signature's map key
  // Tensor name "node:N" for a dense tensor. For a sparse or composite
  // tensor (encoding not empty) the first component: the values tensor of a
  // SparseTensor, the first component of a composite; see `components`.
  std::string name;
  tensorflow::DataType dtype = tensorflow::DT_INVALID;
  // Dims (-1 unknown); nullopt for unknown rank. A TensorInfo without a
  // shape reads as the proto default: rank 0.
  std::optional<std::vector<int64_t>> shape;
  std::string encoding;  // "" (dense), "coo_sparse" or "composite_tensor"
  std::vector<std::string> components;  // sparse: values, indices, dense_shape
};

struct Signature {
  std::string key;     // "serving_default"
  std::string method;  // "tensorflow/serving/predict"
  std::vector<SignatureTensor> inputs;   // sorted by key
  std::vector<SignatureTensor> outputs;  // sorted by key
};

// The signatures of one MetaGraphDef, as Model::signatures() describes them.
// With include_internal, the __saved_model_init_op / __saved_model_train_op
// entries TF stores in signature_def are kept too (saved_model_cli shows them).
std::vector<Signature> SignaturesOf(const tensorflow::MetaGraphDef& meta_graph,
                                    bool include_internal = false);

class Model {
 public:
  // Never crashes or hangs on bad input: every failure is one Status line
  // naming the file. Codes: IOError (missing/unreadable path), Corruption
  // (damaged or not a model), Unsupported (a format tfgraph does not read,
  // e.g. Keras .h5), NotFound (the requested tag-set does not exist).
  static StatusOr<std::unique_ptr<Model>> Load(const std::string& path,
                                                const LoadOptions& options = {});
  ~Model();

  ModelFormat format() const { return format_; }
  bool is_tf2() const;  // a SavedModel with an object graph
  // The path the user gave and the files actually read.
  const std::string& path() const { return path_; }
  const std::string& graph_path() const { return graph_path_; }
  // Checkpoint prefix bound to this model, empty if none.
  const std::string& checkpoint_prefix() const { return checkpoint_prefix_; }
  // Non-fatal problems found while loading, one line each.
  const std::vector<std::string>& warnings() const { return warnings_; }
  // Informational lines about choices the loader made (which version folder,
  // which MetaGraph, which of several checkpoints), one line each.
  const std::vector<std::string>& notes() const { return notes_; }
  // The SavedModel or SessionBundle folder (assets live below it); empty for
  // other formats.
  const std::string& export_dir() const { return export_dir_; }

  // The SavedModel proto (null unless format is kSavedModel).
  const tensorflow::SavedModel* saved_model() const { return saved_model_.get(); }
  // The selected MetaGraphDef (null for a plain GraphDef / checkpoint only).
  const tensorflow::MetaGraphDef* meta_graph() const { return meta_graph_; }
  // Tag sets of every MetaGraph in the file, in file order.
  std::vector<std::vector<std::string>> tag_sets() const;

  // The main graph (of the selected MetaGraph). Empty for kCheckpointOnly.
  const tensorflow::GraphDef& graph_def() const { return *graph_def_; }
  const Graph& graph() const { return *graph_; }

  // Library functions by name; the body Graph is built on first use.
  int function_count() const;
  const tensorflow::FunctionDef* FindFunction(std::string_view name) const;
  StatusOr<const Graph*> FunctionGraph(std::string_view name) const;

  // Signatures of the selected MetaGraph, sorted by key; init/train op
  // pseudo-signatures (__saved_model_init_op) excluded.
  const std::vector<Signature>& signatures() const { return signatures_; }

  // TF version and GraphDef producer as recorded in the file (may be empty/0).
  std::string tensorflow_version() const;
  int graph_producer() const;

  // The checkpoint (index read at load time; data shards mapped on first
  // Read). A null pointer if the model has none; the open error if its index
  // could not be read (the loader then also left a warning).
  StatusOr<std::shared_ptr<CheckpointReader>> checkpoint() const;

 private:
  friend class ModelLoader;
  Model() = default;

  ModelFormat format_ = ModelFormat::kGraphDef;
  std::string path_;
  std::string graph_path_;
  std::string checkpoint_prefix_;
  std::vector<std::string> warnings_;
  std::vector<std::string> notes_;
  std::string export_dir_;

  // Owns the parsed protos below when they were parsed into it; declared
  // first, so it is destroyed after them.
  std::vector<std::shared_ptr<google::protobuf::Arena>> arenas_;
  ProtoPtr<tensorflow::SavedModel> saved_model_;
  ProtoPtr<tensorflow::MetaGraphDef> owned_meta_graph_;
  const tensorflow::MetaGraphDef* meta_graph_ = nullptr;
  ProtoPtr<tensorflow::GraphDef> owned_graph_def_;
  const tensorflow::GraphDef* graph_def_ = nullptr;
  std::unique_ptr<Graph> graph_;
  std::vector<Signature> signatures_;

  mutable std::map<std::string, std::unique_ptr<Graph>, std::less<>> function_graphs_;
  std::shared_ptr<CheckpointReader> checkpoint_;
  Status checkpoint_status_;  // why checkpoint_ is null despite a prefix
};

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_MODEL_H_
