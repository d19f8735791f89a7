// Export --frozen: the source model frozen (core/freeze.h) into a
// variable-free GraphDef that PlanExport then exports like any frozen graph.
//
// Contract of FreezeForExport(model, options):
//   - Signatures first: a SavedModel source's own SignatureDefs, after
//     options->drop_signatures and options->renames (same errors as a plain
//     export), go to options->carried_signatures as TF wrote them (dtypes,
//     shapes, method), except those the user's groups replace and sparse or
//     composite ones, which a frozen GraphDef signature cannot express
//     (skipped with a note). On return renames and drops are applied and
//     cleared, so PlanExport sees a GraphDef source. No signature at all is
//     InvalidArgument (freezing needs to know what to keep). Renames or
//     drops on a source that is not a SavedModel are NotFound.
//   - Every new signature is checked against the *source* graph before
//     anything is frozen (ResolveSignature, CheckSignatureGraph, the
//     classify/regress conventions), so a wrong name, a wrong @DTYPE or an
//     unreachable output fails with the same one-line message as a plain
//     export, and freezing never silently retypes an input: @DTYPE is
//     checked, never applied. Carried signatures must name existing tensors.
//   - Each signature tensor is then rewritten to its canonical "node:N"
//     name (new ones also get an explicit key and their dtype stated), so
//     the frozen graph (where an input "node:N" with N > 0 becomes a new
//     placeholder) still resolves it and the keys stay what the user would
//     have got from the source graph.
//   - Freeze keeps what every signature's outputs need, cut at its inputs
//     (except an input another signature computes through: it is fed where
//     it is, as a plain export feeds it), with devices cleared; table initializers come along (PlanExport turns
//     them into the init op, their vocabulary files into assets/).
//   - options->tags, when empty, become a SavedModel source's own tags;
//     only the selected MetaGraph is exported.
// Nothing is written here.
#ifndef TFGRAPH_CORE_EXPORT_FROZEN_H_
#define TFGRAPH_CORE_EXPORT_FROZEN_H_

#include <memory>
#include <string>
#include <vector>

#include "core/export.h"
#include "core/export_spec.h"
#include "core/status.h"
#include "tensorflow/graph.pb.h"

namespace tfgraph {

class Model;

struct FrozenSource {
  std::unique_ptr<tensorflow::GraphDef> graph;  // what `source.graph` points to
  ExportSource source;                          // kind kGraphDef
  std::vector<std::string> notes;     // what freezing did, one line each
  std::vector<std::string> warnings;  // core/freeze's warnings
};

StatusOr<FrozenSource> FreezeForExport(const Model& model, ExportOptions* options);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_EXPORT_FROZEN_H_
