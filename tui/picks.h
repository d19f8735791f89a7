// Picks: the tensors the user marked as inputs and outputs of the graph to
// freeze or export, and the live freeze preview computed from them.
//
// Picks always refer to the main graph (function bodies cannot be frozen on
// their own). The preview is computed by core/prune on demand and cached
// until the picks change; its cost is O(nodes kept), never per frame.
#ifndef TFGRAPH_TUI_PICKS_H_
#define TFGRAPH_TUI_PICKS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/graph.h"
#include "core/prune.h"

namespace tfgraph::tui {

struct TensorId {
  int node = -1;
  int output = 0;
  bool valid() const { return node >= 0; }
  bool operator==(const TensorId& o) const { return node == o.node && output == o.output; }
};

enum class PickKind { kInput, kOutput };

class Picks {
 public:
  explicit Picks(const Graph& graph) : graph_(&graph) {}

  const std::vector<TensorId>& outputs() const { return outputs_; }
  const std::vector<TensorId>& inputs() const { return inputs_; }
  bool empty() const { return outputs_.empty() && inputs_.empty(); }
  // Whether a node has any output picked as kind.
  bool Has(PickKind kind, int node) const;

  // Adds t as kind (removing it from the other kind); removes it if it was
  // already picked as kind. Returns true if it is picked afterwards.
  bool Toggle(PickKind kind, TensorId t);
  void Remove(TensorId t);
  void Clear();

  // "a,b" (node names, what freeze_graph's output_node_names wants) or
  // "a:0,b:1" (tensor names, what feeds and fetches want).
  std::string Join(PickKind kind, bool tensor_names) const;
  // How `tfgraph pick` prints the picks: "--outputs a,b --inputs x:0".
  std::string AsArguments() const;

  // The freeze preview for the current picks.
  const PruneResult& Preview() const;

 private:
  void Changed() { preview_.reset(); }
  const Graph* graph_;
  std::vector<TensorId> outputs_, inputs_;
  mutable std::optional<PruneResult> preview_;
};

// "name" for output 0 when tensor_names is false, else "name:N".
std::string TensorText(const Graph& graph, TensorId t, bool tensor_name);

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_PICKS_H_
