// Document: what the UI shows, independent of where it came from.
//
// A Document borrows a main Graph (and, when the model was loaded from disk,
// the Model that owns it) plus the signatures and function library. Tests
// build one straight from a synthetic GraphDef; the program builds one from
// a Model. The UI never looks further than this class, so it does not care
// which file format the graph was read from. Everything borrowed must
// outlive the Document.
#ifndef TFGRAPH_TUI_DOCUMENT_H_
#define TFGRAPH_TUI_DOCUMENT_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/graph.h"
#include "core/model.h"
#include "core/status.h"

namespace tfgraph::tui {

class Document {
 public:
  // From a loaded model (signatures, functions and checkpoint come along).
  explicit Document(const Model& model);
  // From a bare graph; `graph_def` (may be null) supplies the function
  // library; `path` is what equivalent commands name as MODEL.
  Document(const Graph& graph, const tensorflow::GraphDef* graph_def, std::string path,
           std::vector<Signature> signatures = {});

  const Graph& graph() const { return *graph_; }
  const Model* model() const { return model_; }  // null for a bare graph
  const std::string& path() const { return path_; }
  const std::vector<Signature>& signatures() const { return signatures_; }
  // Non-fatal problems found while loading (shown in the status line).
  const std::vector<std::string>& warnings() const { return warnings_; }
  // "saved_model", "graphdef", ... or "graph" for a bare graph.
  const std::string& format_name() const { return format_name_; }
  bool is_saved_model() const { return format_name_ == "saved_model"; }

  // Library function names in library order.
  std::vector<std::string> FunctionNames() const;
  // The body of a library function as a Graph (built once, then cached).
  StatusOr<const Graph*> FunctionGraph(const std::string& name) const;

 private:
  // Set by the Model constructor (document_model.cc, the only file that
  // needs the Model's code), so bare-graph users never link the loader.
  std::function<StatusOr<const Graph*>(const std::string&)> model_functions_;
  const Graph* graph_;
  const Model* model_ = nullptr;
  const tensorflow::GraphDef* graph_def_ = nullptr;
  std::string path_;
  std::vector<Signature> signatures_;
  std::string format_name_ = "graph";
  std::vector<std::string> warnings_;
  mutable std::map<std::string, std::unique_ptr<Graph>> function_graphs_;
};

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_DOCUMENT_H_
