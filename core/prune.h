// Prune: which nodes a frozen graph keeps, given the picked outputs and inputs.
//
// Freezing keeps exactly the nodes reachable backwards from the outputs over
// data and control edges, stopping at the cut inputs: a cut input is kept (it
// becomes the Placeholder that is fed) but nothing upstream of it is visited
// through it. Prune computes that set and what a user wants to know about it
// before writing anything: the variables that would be frozen into
// constants, placeholders that are still needed but were not picked as
// inputs, training-only nodes pulled in (save/restore, gradients, optimizer
// updates, summaries, initializers), and an estimate of the frozen size.
//
// The same function serves the UI's live preview and `tfgraph freeze`; it is
// O(nodes kept + their edges) plus one pass over the graph for the result
// lists, reads the Graph only, and never fails: indices out of range are
// ignored.
#ifndef TFGRAPH_CORE_PRUNE_H_
#define TFGRAPH_CORE_PRUNE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/graph.h"

namespace tfgraph {

// Protocol buffers refuse to serialize a message of 2 GiB or more.
constexpr uint64_t kProtobufSizeLimit = 2147483647ull;

struct PruneResult {
  std::vector<int> kept;                   // node indices, in graph order
  std::vector<int> variables;              // kept nodes that CreatesVariable (become Consts)
  std::vector<int> unpicked_placeholders;  // kept Placeholders that are not cut inputs
  std::vector<int> training_only;          // kept nodes that only training needs
  // Estimated serialized size of the frozen GraphDef: every kept NodeDef as
  // it is, plus each variable's value bytes. Variables whose shape is not
  // known statically are counted in unknown_size_variables, not in bytes.
  uint64_t estimated_bytes = 0;
  int unknown_size_variables = 0;
  std::vector<std::string> warnings;       // one line each, ready to show
};

// Reachability from `outputs` stopping at `cut_inputs` (node indices).
PruneResult Prune(const Graph& graph, const std::vector<int>& outputs,
                  const std::vector<int>& cut_inputs);

// True for nodes that belong to training, not inference: by op (optimizer
// Apply*, Save/Restore, summaries, Assign*) or by the scope TF puts them in
// (gradients/, save/, an optimizer's scope, init ops).
bool IsTrainingOnlyNode(const Graph& graph, int node);

// Value bytes of a variable node from its "shape" and "dtype" attrs, or -1
// when the shape is not fully known.
int64_t VariableBytes(const Graph& graph, int node);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_PRUNE_H_
