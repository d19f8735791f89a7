// Neighbourhood: the inputs tree and the consumers tree of one node, a few
// levels deep. A node met twice is shown again but not expanded again
// ("(seen)"), which keeps wide graphs from exploding.
#include <unordered_set>

#include "tui/text.h"
#include "tui/views/views.h"

namespace tfgraph::tui {
namespace {

constexpr size_t kMaxRows = 100000;

class NeighboursView : public TextView {
 public:
  NeighboursView(const Graph& graph, int node, int depth)
      : TextView(&graph, "neighbourhood"), node_(node), depth_(depth) {
    Build();
  }
  std::string Info(const App&) const override {
    return std::string(graph_->name(node_)) + ", " + std::to_string(depth_) + " levels (+/-)";
  }
  unsigned OnCommand(App& app, Cmd cmd) override {
    if (cmd == Cmd::kDeeper || cmd == Cmd::kShallower) {
      int d = depth_ + (cmd == Cmd::kDeeper ? 1 : -1);
      if (d < 1 || d > 10) return kClean;
      depth_ = d;
      Build();
      app.SetCursor(std::min(cursor, rows_.size() - 1));
      return kDirtyAll;
    }
    return kUnhandled;
  }

 private:
  void Build() {
    rows_.clear();
    Add("Inputs of " + std::string(graph_->name(node_)), Role::kHeader, {node_, 0});
    std::unordered_set<int> seen{node_};
    Walk(node_, 1, true, &seen);
    Add("Consumers of " + std::string(graph_->name(node_)), Role::kHeader, {node_, 0});
    seen = {node_};
    Walk(node_, 1, false, &seen);
  }

  void Walk(int node, int level, bool inputs, std::unordered_set<int>* seen) {
    if (level > depth_) return;
    std::string indent(static_cast<size_t>(level) * 2, ' ');
    auto add = [&](int next, const std::string& label) {
      if (rows_.size() >= kMaxRows) return false;
      bool again = !seen->insert(next).second;
      Add(indent + label + (again ? "  (seen)" : ""), Role::kNormal, {next, 0},
          std::string(graph_->op(next)));
      if (!again) Walk(next, level + 1, inputs, seen);
      return true;
    };
    const auto& n = graph_->node(node);
    if (inputs) {
      for (size_t i = 0; i < n.inputs.size(); ++i) {
        const auto& in = n.inputs[i];
        if (in.node < 0) continue;
        std::string label = in.control ? "^" + std::string(graph_->name(in.node))
                                       : std::string(graph_->name(in.node)) + ":" +
                                             std::to_string(in.output);
        if (!add(in.node, label)) return;
      }
    } else {
      for (int c : n.consumers)
        if (!add(c, std::string(graph_->name(c)))) return;
    }
  }

  int node_;
  int depth_;
};

}  // namespace

std::unique_ptr<View> MakeNeighbours(const Graph& graph, int node, int depth) {
  return std::make_unique<NeighboursView>(graph, node, depth);
}

}  // namespace tfgraph::tui
