// Freeze: one self-contained inference GraphDef from a model with variables.
//
// Freeze() takes a graph (plus, when there is one, its MetaGraphDef and a
// store of variable values) and the user's choices, and produces the frozen
// graph and a report. It does, in order:
//   1. Resolve every output, input and --const name (node or tensor names,
//      "import/" tolerated); an unknown name fails here, before any work,
//      with suggestions.
//   2. Cut the graph at --inputs: the named tensor becomes a Placeholder
//      (dtype and shape from the graph, or as overridden) and nothing
//      upstream of it is kept. --const placeholders become Consts.
//   3. Keep what the outputs need (core/prune: data and control edges),
//      plus colocation targets (`_class` "loc:@x"), as TensorFlow's
//      extract_sub_graph does. Control edges into variable writes and
//      initialization checks (Assign*, VarIsInitializedOp, optimizer
//      updates) are dropped, never followed: a frozen graph has no state.
//      Lookup tables that are kept bring their initializers along; those are
//      reported as init ops to run once (asset paths made absolute).
//   4. Inline the kept function calls (core/freeze_inline.h), recursively.
//   5. Map each kept variable to its checkpoint key (core/freeze_keys.h),
//      with --ema preferring "<key>/ExponentialMovingAverage"; check dtype
//      and shape against the checkpoint; estimate the output size and refuse
//      past the 2 GB protobuf limit (ResourceExhausted, suggesting
//      `tfgraph export`) before reading any value.
//   6. Rewrite variables into constants (core/freeze_rewrite.h), prune
//      again, drop unused library functions, clear devices if asked.
//   7. Validate the result (core/graph_check.h, variables forbidden, no
//      function call left): a problem is FailedCheck.
// Nothing is written here; see core/freeze_writer.h. Variable values stay
// Tensors viewing the checkpoint (FreezeResult::values) until written.
#ifndef TFGRAPH_CORE_FREEZE_H_
#define TFGRAPH_CORE_FREEZE_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/freeze_inline.h"
#include "core/freeze_keys.h"
#include "core/freeze_rewrite.h"
#include "core/freeze_spec.h"
#include "core/freeze_values.h"
#include "core/freeze_writer.h"
#include "core/op_registry.h"
#include "core/status.h"
#include "tensorflow/graph.pb.h"
#include "tensorflow/meta_graph.pb.h"

namespace tfgraph {

struct FreezeSource {
  const tensorflow::GraphDef* graph = nullptr;      // required
  const tensorflow::MetaGraphDef* meta = nullptr;   // saver, object graph, assets
  const VariableStore* values = nullptr;            // null: no checkpoint
  const OpRegistry* ops = nullptr;                  // null: the global registry
  std::string export_dir;                           // SavedModel folder (assets), or empty
};

struct FreezeOptions {
  std::vector<std::string> outputs;   // node or tensor names
  std::vector<InputSpec> inputs;      // cuts / placeholder overrides
  std::vector<ConstSpec> consts;      // placeholders baked to constants
  bool clear_devices = false;
  bool ema = false;
  uint64_t size_limit = (uint64_t{1} << 31) - 1;  // protobuf's limit
};

struct FrozenVariable {
  std::string node;
  std::string key;  // checkpoint key the value came from
  VariableKey::Source source = VariableKey::Source::kNodeName;
  bool ema = false;
  std::string slice;  // TF slice text for one partition, else empty
  DataType dtype = tensorflow::DT_INVALID;
  Dims shape;
  uint64_t bytes = 0;
};

// A feed or fetch as a TF user writes it.
struct FrozenTensor {
  std::string name;   // "input:0"
  DataType dtype = tensorflow::DT_INVALID;
  OptShape shape;
  std::string kind;   // feeds: "placeholder", "optional" (has a default), "cut"
  std::string key;    // signature key, when the caller knows one
};

struct FreezeResult {
  tensorflow::GraphDef graph;  // frozen; variable Consts' values are in `values`
  ConstValues values;
  int nodes_in = 0;     // nodes of the source graph
  int nodes_out = 0;    // nodes of the frozen graph
  int nodes_from_source = 0;  // of those, nodes the source graph has (the rest: inlined, new)
  int functions_out = 0;
  std::vector<FrozenVariable> variables;
  uint64_t variable_bytes = 0;
  uint64_t size = 0;    // binary size of the frozen GraphDef
  InlineStats inlined;
  RewriteStats rewrite;
  std::vector<FrozenTensor> feeds;
  std::vector<FrozenTensor> fetches;
  // Inputs "node:N" with N > 0 are fed through a new placeholder (a node has
  // one name): "node:N" -> that placeholder's node name.
  std::vector<std::pair<std::string, std::string>> renamed_inputs;
  std::vector<std::string> init_ops;  // run once before fetching (table initializers)
  std::vector<std::string> notes;
  std::vector<std::string> warnings;
};

StatusOr<FreezeResult> Freeze(const FreezeSource& source, const FreezeOptions& options);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_FREEZE_H_
