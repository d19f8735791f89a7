// Node detail: op, device, every attr decoded, inputs and consumers as jump
// targets.
#include "core/attr_format.h"
#include "core/dtype.h"
#include "tui/attr_format.h"
#include "tui/text.h"
#include "tui/views/views.h"

namespace tfgraph::tui {
namespace {

// "float32 (8, 16)" from a variable op's dtype and shape attrs, "?" for
// what is missing.
std::string VariableTypeText(const tensorflow::NodeDef& def) {
  const auto& attrs = def.attr();
  auto dtype = attrs.find("dtype");
  auto shape = attrs.find("shape");
  return (dtype != attrs.end() ? DTypeName(dtype->second.type()) : std::string("?")) + " " +
         (shape != attrs.end() && shape->second.has_shape() ? FormatShape(shape->second.shape())
                                                            : std::string("?"));
}

class DetailView : public TextView {
 public:
  DetailView(const Graph& graph, int node) : TextView(&graph, "detail"), node_(node) {
    const auto& n = graph.node(node);
    const auto& def = *n.def;
    Add("name     " + def.name(), Role::kNormal, {node, 0});
    Add("op       " + def.op());
    Add("device   " + (def.device().empty() ? std::string("(none)") : def.device()));
    if (def.op() == "VarHandleOp") {
      // The output is a handle; what users ask about is the variable it
      // stands for, whose dtype and shape are the op's attrs (which the
      // generic type text would pass off as the output's).
      Add("type     resource () (variable handle)");
      Add("variable " + VariableTypeText(def));
    } else {
      std::string type = NodeTypeText(def);
      if (!type.empty()) Add("type     " + type);
    }
    std::vector<std::string> keys;
    for (const auto& kv : def.attr()) keys.push_back(kv.first);
    std::sort(keys.begin(), keys.end());
    Add("Attributes (" + std::to_string(keys.size()) + ")", Role::kHeader);
    for (const auto& k : keys) Add("  " + k + " = " + FormatAttrValue(def.attr().at(k), 16));
    Add("Inputs (" + std::to_string(n.inputs.size()) + ")", Role::kHeader);
    for (size_t i = 0; i < n.inputs.size(); ++i) {
      const auto& in = n.inputs[i];
      std::string label = "  " + std::to_string(i) + "  " + def.input(static_cast<int>(i));
      if (in.node >= 0) {
        Add(label, Role::kNormal, {in.node, in.control ? 0 : in.output},
            std::string(graph.op(in.node)));
      } else if (in.arg >= 0) {
        Add(label, Role::kNormal, {}, "function argument");
      } else {
        Add(label, Role::kError, {}, "not in graph");
      }
    }
    Add("Consumers (" + std::to_string(n.consumers.size()) + ")", Role::kHeader);
    for (int c : n.consumers)
      Add("  " + std::string(graph.name(c)), Role::kNormal, {c, 0}, std::string(graph.op(c)));
  }
  std::string Info(const App&) const override { return std::string(graph_->name(node_)); }
  unsigned Open(App& app, size_t row) override {
    // The name row opens the neighbourhood; other targets open their node.
    if (row == 0) {
      app.Push(MakeNeighbours(*graph_, node_));
      return kDirtyAll;
    }
    return TextView::Open(app, row);
  }
  unsigned OnCommand(App& app, Cmd cmd) override {
    if (cmd == Cmd::kViewNeighbours) {
      app.Push(MakeNeighbours(*graph_, node_));
      return kDirtyAll;
    }
    return kUnhandled;
  }
  TensorId TargetAt(size_t row) const override {
    // Rows without their own target stand for the node shown, so picking
    // works anywhere in the view.
    TensorId t = TextView::TargetAt(row);
    return t.valid() ? t : TensorId{node_, 0};
  }

 private:
  int node_;
};

}  // namespace

std::unique_ptr<View> MakeDetail(const Graph& graph, int node) {
  return std::make_unique<DetailView>(graph, node);
}

}  // namespace tfgraph::tui
