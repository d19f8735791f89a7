// The freeze preview: what freezing the current picks would produce. It
// mirrors the picks (Sync rebuilds it when they change), so it is live.
#include "tui/text.h"
#include "tui/views/views.h"

namespace tfgraph::tui {
namespace {

class PreviewView : public TextView {
 public:
  explicit PreviewView(const App& app) : TextView(&app.doc().graph(), "freeze preview") {
    Sync(app);
  }
  std::string Info(const App& app) const override {
    return Thousands(kept_) + " of " + Thousands(graph_->size()) + " nodes kept";
  }
  void Sync(const App& app) override {
    std::string key = app.picks().AsArguments();
    if (built_ && key == key_) return;
    built_ = true;
    key_ = key;
    rows_.clear();
    const Picks& picks = app.picks();
    if (picks.outputs().empty()) {
      Add("No outputs picked: select a node and press o to pick it as an output,", Role::kDim);
      Add("i to pick an input where the graph should be cut.", Role::kDim);
      kept_ = 0;
      return;
    }
    const PruneResult& r = picks.Preview();
    kept_ = r.kept.size();
    Add("Outputs (" + std::to_string(picks.outputs().size()) + ")", Role::kHeader);
    for (const auto& t : picks.outputs())
      Add("  " + TensorText(*graph_, t, true), Role::kPickOut, t, std::string(graph_->op(t.node)));
    Add("Inputs (" + std::to_string(picks.inputs().size()) + ")", Role::kHeader);
    for (const auto& t : picks.inputs())
      Add("  " + TensorText(*graph_, t, true), Role::kPickIn, t, std::string(graph_->op(t.node)));
    Add("Summary", Role::kHeader);
    Add("  nodes kept          " + Thousands(r.kept.size()) + " of " + Thousands(graph_->size()));
    Add("  variables frozen    " + Thousands(r.variables.size()));
    Add("  estimated size      " + HumanBytes(r.estimated_bytes) +
        (r.unknown_size_variables ? " + unknown" : ""));
    if (!r.warnings.empty()) {
      Add("Warnings (" + std::to_string(r.warnings.size()) + ")", Role::kHeader);
      for (const auto& w : r.warnings) Add("  " + w, Role::kWarning);
    }
    Section("Placeholders needed but not picked", r.unpicked_placeholders, Role::kWarning);
    Section("Variables frozen into constants", r.variables, Role::kNormal);
    Section("Training-only nodes pulled in", r.training_only, Role::kWarning);
    Section("Nodes kept", r.kept, Role::kNormal);
  }

 private:
  void Section(const std::string& title, const std::vector<int>& nodes, Role role) {
    if (nodes.empty()) return;
    Add(title + " (" + Thousands(nodes.size()) + ")", Role::kHeader);
    for (int n : nodes) Add("  " + std::string(graph_->name(n)), role, {n, 0},
                            std::string(graph_->op(n)));
  }
  bool built_ = false;
  std::string key_;
  size_t kept_ = 0;
};

}  // namespace

std::unique_ptr<View> MakePreview(const App& app) { return std::make_unique<PreviewView>(app); }

}  // namespace tfgraph::tui
