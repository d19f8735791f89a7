// RunTui for a loaded Model, apart from tui.cc so that code driving the UI
// over bare graphs (tests, the benchmark) does not link the model loader.
#include "tui/tui.h"

namespace tfgraph::tui {

int RunTui(const Model& model, const TuiOptions& options) {
  Document doc(model);
  return RunTuiOnDocument(doc, options);
}

}  // namespace tfgraph::tui
