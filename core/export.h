// Export: writes a SavedModel that TensorFlow Serving, SageMaker and TF's
// loaders accept, from a frozen GraphDef, a TF1 .meta + checkpoint, or an
// existing SavedModel (to add, rename or replace signatures and tags).
//
// Export runs in two steps. PlanExport does every check and builds the whole
// result in memory: the MetaGraphDef (graph, tags, signatures, saver_def,
// init op, asset list) and what to put in variables/ and assets/. Nothing is
// written by it, so any failure leaves the disk untouched. WriteExport then
// fills a temporary folder next to the destination and renames it into place
// (core/atomic_file.h AtomicDir); an existing destination is replaced only
// with `force`.
//
// Sources (ExportSource, built from a Model by ExportSourceFromModel):
//   - GraphDef (frozen): a variable-free SavedModel; a graph that still has
//     variables but no checkpoint is refused.
//   - MetaGraph + checkpoint: the graph keeps its variables. variables/ gets
//     the entries the signatures need (or all, with all_variables). When the
//     graph's own V2 Saver restores exactly what is written and the source is
//     a V2 bundle whose keys are all kept, the bundle is copied byte for byte
//     and that Saver reused; otherwise a new bundle is written and a saver
//     over just those variables is added. Table initializers (collection
//     `table_initializer`, or InitializeTable* ops) and the initializers of
//     needed local variables run through an init op, stored both as the
//     `__saved_model_init_op` signature and the `saved_model_main_op`
//     collection (older loaders read only the latter). Device placements are
//     cleared (a training job's "/job:ps" would not exist when serving).
//   - SavedModel: the selected MetaGraph is edited; every other MetaGraph,
//     variables/, assets/ and assets.extra/ are carried over unchanged.
//     fingerprint.pb is dropped (it would no longer match). Adding a
//     signature to a TF2 SavedModel drops its object graph (TF2's loader then
//     reads it as a TF1 SavedModel, seeing every signature); renames and
//     drops are applied to the object graph's signature map as well.
//   - any of these with --frozen: core/export_frozen.h freezes the model
//     first and hands PlanExport the frozen graph as a GraphDef source.
//
// Checks before anything is written: at least one tag; signature keys valid
// and present (renames name existing keys); every tensor resolves, dtypes
// match what the user stated, outputs reachable from inputs and no unfed
// placeholder (core/export_signature.h); TF Serving's classify/regress
// conventions; every variable a signature needs has its checkpoint entry;
// asset names safe; the SavedModel under the 2 GiB protobuf limit.
#ifndef TFGRAPH_CORE_EXPORT_H_
#define TFGRAPH_CORE_EXPORT_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/export_assets.h"
#include "core/export_saver.h"
#include "core/export_spec.h"
#include "core/status.h"
#include "tensorflow/graph.pb.h"
#include "tensorflow/meta_graph.pb.h"
#include "tensorflow/saved_model.pb.h"

namespace tfgraph {

class CheckpointReader;
class Model;

struct ExportSource {
  enum class Kind { kGraphDef, kMetaGraph, kSavedModel };
  Kind kind = Kind::kGraphDef;
  // Always set: the graph to export (for kSavedModel / kMetaGraph the
  // meta_graph's graph_def, possibly with default attrs restored).
  const tensorflow::GraphDef* graph = nullptr;
  const tensorflow::MetaGraphDef* meta_graph = nullptr;  // null for kGraphDef
  const tensorflow::SavedModel* saved_model = nullptr;   // kSavedModel only
  int meta_graph_index = 0;  // kSavedModel: which MetaGraph is edited
  std::string export_dir;    // kSavedModel: its folder
  std::string model_dir;     // folder of the model file (relative asset paths)
  std::string path;          // what the user gave, for messages
  std::shared_ptr<CheckpointReader> checkpoint;  // may be null
};

StatusOr<ExportSource> ExportSourceFromModel(const Model& model);

struct ExportOptions {
  std::vector<SignatureSpec> signatures;
  std::vector<std::pair<std::string, std::string>> renames;  // OLD -> NEW
  std::vector<std::string> drop_signatures;
  // SignatureDefs put into the MetaGraph as they are, before `signatures`
  // (which win on an equal key); like a SavedModel's existing signatures
  // they are checked only for naming tensors of the graph. Used by --frozen
  // to keep a SavedModel's own signatures over the frozen graph.
  std::map<std::string, tensorflow::SignatureDef> carried_signatures;
  std::vector<std::string> tags;  // empty: keep the source's, else {"serve"}
  std::string output_dir;
  std::optional<int64_t> version;  // write output_dir/<version>
  bool all_variables = false;
  bool force = false;
};

// What PlanExport decided, ready to write and to report.
struct ExportPlan {
  std::string destination;  // output_dir or output_dir/<version>
  tensorflow::SavedModel saved_model;
  int meta_graph_index = 0;  // the MetaGraph written from the source graph

  enum class VariablesMode { kNone, kCopyDir, kCopyBundle, kWriteBundle };
  VariablesMode variables_mode = VariablesMode::kNone;
  std::string variables_source;  // kCopyDir: a variables/ folder; else a checkpoint prefix
  std::vector<SaverBinding> variables;  // what variables/ holds for the graph
  std::shared_ptr<CheckpointReader> checkpoint;

  std::vector<ExportAsset> assets;
  std::string assets_dir;    // a source assets/ folder copied whole, or ""
  std::string assets_extra;  // a source assets.extra/ folder to copy, or ""
  std::vector<std::string> notes;     // what was done, one line each
  std::vector<std::string> warnings;  // one line each
};

StatusOr<ExportPlan> PlanExport(const ExportSource& source, const ExportOptions& options);
Status WriteExport(const ExportPlan& plan, bool force);

// The `saved_model_cli show --all` rendering of a SavedModel (signatures of
// every MetaGraph, then its ops), without loading anything.
std::string ShowAll(const tensorflow::SavedModel& saved_model);
// The tensor names a TF1 session client feeds and fetches, per signature.
std::string ClientNames(const tensorflow::MetaGraphDef& meta);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_EXPORT_H_
