// The Model-backed half of Document, kept apart so that code and tests using
// bare graphs do not pull in the model loader.
#include "tui/document.h"

namespace tfgraph::tui {

Document::Document(const Model& model)
    : graph_(&model.graph()),
      model_(&model),
      graph_def_(&model.graph_def()),
      path_(model.path()),
      signatures_(model.signatures()),
      format_name_(FormatName(model.format())),
      warnings_(model.warnings()) {
  model_functions_ = [&model](const std::string& name) { return model.FunctionGraph(name); };
}

}  // namespace tfgraph::tui
