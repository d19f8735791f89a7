// Summary views: signatures, op histogram, variables, functions.
#include <map>

#include <re2/re2.h>

#include "core/attr_format.h"
#include "core/dtype.h"
#include "core/prune.h"
#include "core/variables.h"
#include "tui/attr_format.h"
#include "tui/text.h"
#include "tui/views/views.h"

namespace tfgraph::tui {
namespace {

// Signatures: o or i on a signature's title row picks all its outputs and
// inputs at once.
class SignaturesView : public TextView {
 public:
  explicit SignaturesView(const Document& doc) : TextView(&doc.graph(), "signatures"), doc_(doc) {
    if (doc.signatures().empty()) Add("This model has no signatures.", Role::kDim);
    for (size_t s = 0; s < doc.signatures().size(); ++s) {
      const Signature& sig = doc.signatures()[s];
      starts_.push_back(rows_.size());
      Add(sig.key + "  (" + sig.method + ")", Role::kHeader);
      for (int pass = 0; pass < 2; ++pass) {
        const auto& tensors = pass == 0 ? sig.inputs : sig.outputs;
        for (const auto& t : tensors) {
          TensorId id;
          auto r = doc.graph().Resolve(t.name);
          if (r.ok()) id = {r->node, r->output};
          Add(std::string(pass == 0 ? "  in   " : "  out  ") + t.key + " -> " + t.name,
              id.valid() ? Role::kNormal : Role::kError, id,
              DTypeName(t.dtype) + " " + FormatDims(t.shape));
        }
      }
    }
  }
  std::string Info(const App&) const override {
    return std::to_string(doc_.signatures().size()) + " signatures";
  }
  unsigned OnCommand(App& app, Cmd cmd) override {
    if (cmd != Cmd::kPickOutput && cmd != Cmd::kPickInput) return kUnhandled;
    for (size_t s = 0; s < starts_.size(); ++s) {
      if (starts_[s] != cursor) continue;
      const Signature& sig = doc_.signatures()[s];
      int n = 0;
      for (int pass = 0; pass < 2; ++pass) {
        for (const auto& t : pass == 0 ? sig.inputs : sig.outputs) {
          auto r = doc_.graph().Resolve(t.name);
          if (!r.ok()) continue;
          TensorId id{r->node, r->output};
          PickKind kind = pass == 0 ? PickKind::kInput : PickKind::kOutput;
          const auto& have = kind == PickKind::kInput ? app.picks().inputs() : app.picks().outputs();
          if (std::find(have.begin(), have.end(), id) == have.end()) app.picks().Toggle(kind, id);
          ++n;
        }
      }
      app.SetMessage("picked the " + std::to_string(n) + " tensors of signature " + sig.key);
      return kDirtyAll;
    }
    return kUnhandled;  // a tensor row: the generic pick applies
  }

 private:
  const Document& doc_;
  std::vector<size_t> starts_;
};

class OpsView : public TextView {
 public:
  explicit OpsView(const Graph& graph) : TextView(&graph, "op histogram") {
    std::map<std::string_view, int> counts;
    for (int i = 0; i < graph.size(); ++i) counts[graph.op(i)]++;
    std::vector<std::pair<std::string_view, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [op, n] : sorted) {
      ops_.emplace_back(op);
      Add(PadRight(Thousands(n), 12) + std::string(op));
    }
    total_ = graph.size();
  }
  std::string Info(const App&) const override {
    return std::to_string(ops_.size()) + " ops over " + Thousands(total_) + " nodes";
  }
  std::string Header(const App&, int) const override { return "  " + PadRight("count", 12) + "op"; }
  TensorId TargetAt(size_t) const override { return {}; }
  unsigned Open(App& app, size_t row) override {
    auto list = std::make_unique<NodeListView>(*graph_, "nodes");
    auto f = NodeFilter::Parse("op:^" + RE2::QuoteMeta(ops_[row]) + "$");
    if (f.ok()) list->SetFilter(std::move(f).value());
    app.Push(std::move(list));
    return kDirtyAll;
  }

 private:
  std::vector<std::string> ops_;
  int total_ = 0;
};

class VariablesView : public TextView {
 public:
  explicit VariablesView(const Document& doc) : TextView(&doc.graph(), "variables") {
    const Graph& g = doc.graph();
    uint64_t total = 0;
    for (int i = 0; i < g.size(); ++i) {
      if (!CreatesVariable(g.op(i))) continue;
      int64_t bytes = VariableBytes(g, i);
      if (bytes > 0) total += static_cast<uint64_t>(bytes);
      const auto& attrs = g.node(i).def->attr();
      std::string dtype = attrs.count("dtype") ? DTypeName(attrs.at("dtype").type()) : "?";
      std::string shape = attrs.count("shape") ? FormatShape(attrs.at("shape").shape()) : "?";
      Add(std::string(g.name(i)), Role::kNormal, {i, 0},
          dtype + " " + shape + "  " + (bytes >= 0 ? HumanBytes(bytes) : "?"));
      ++count_;
    }
    if (count_ == 0) Add("No variable nodes in this graph.", Role::kDim);
    total_ = total;
  }
  std::string Info(const App&) const override {
    return std::to_string(count_) + " variables, " + HumanBytes(total_);
  }

 private:
  int count_ = 0;
  uint64_t total_ = 0;
};

class FunctionsView : public TextView {
 public:
  explicit FunctionsView(const Document& doc)
      : TextView(nullptr, "functions"), doc_(doc), names_(doc.FunctionNames()) {
    for (const auto& n : names_) Add(n);
    if (names_.empty()) Add("No library functions in this graph.", Role::kDim);
  }
  std::string Info(const App&) const override {
    return std::to_string(names_.size()) + " functions";
  }
  unsigned Open(App& app, size_t row) override {
    if (row >= names_.size()) return kClean;
    auto g = doc_.FunctionGraph(names_[row]);
    if (!g.ok()) {
      app.SetMessage(g.status().message(), true);
      return kDirtyStatus;
    }
    app.Push(std::make_unique<NodeListView>(**g, "function " + names_[row]));
    return kDirtyAll;
  }

 private:
  const Document& doc_;
  std::vector<std::string> names_;
};

}  // namespace

std::unique_ptr<View> MakeSignatures(const Document& doc) {
  return std::make_unique<SignaturesView>(doc);
}
std::unique_ptr<View> MakeOps(const Graph& graph) { return std::make_unique<OpsView>(graph); }
std::unique_ptr<View> MakeVariables(const Document& doc) {
  return std::make_unique<VariablesView>(doc);
}
std::unique_ptr<View> MakeFunctions(const Document& doc) {
  return std::make_unique<FunctionsView>(doc);
}

}  // namespace tfgraph::tui
