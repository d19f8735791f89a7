#include "tui/document.h"

namespace tfgraph::tui {

Document::Document(const Graph& graph, const tensorflow::GraphDef* graph_def, std::string path,
                   std::vector<Signature> signatures)
    : graph_(&graph),
      graph_def_(graph_def),
      path_(std::move(path)),
      signatures_(std::move(signatures)) {}

std::vector<std::string> Document::FunctionNames() const {
  std::vector<std::string> names;
  if (!graph_def_) return names;
  for (const auto& f : graph_def_->library().function()) names.push_back(f.signature().name());
  return names;
}

StatusOr<const Graph*> Document::FunctionGraph(const std::string& name) const {
  if (model_functions_) return model_functions_(name);
  auto it = function_graphs_.find(name);
  if (it != function_graphs_.end()) return static_cast<const Graph*>(it->second.get());
  if (graph_def_) {
    for (const auto& f : graph_def_->library().function()) {
      if (f.signature().name() != name) continue;
      TFG_ASSIGN_OR_RETURN(auto g, Graph::FromFunction(f));
      const Graph* raw = g.get();
      function_graphs_.emplace(name, std::move(g));
      return raw;
    }
  }
  return Status::NotFound("no function '" + name + "' in the library");
}

}  // namespace tfgraph::tui
