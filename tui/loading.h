// The UI over a model that is still loading.
//
// Parsing a million-node model takes a second or more; the terminal opens
// at once instead. If the model has not arrived within kQuietLoadMs, the
// loading screen is drawn: the first page of the node list, read from the
// file without parsing it (core/graph_head.h), under a title with the true
// node count and over a status line saying what is loading. It is exactly
// the first screen the UI will show, so nothing jumps when the model
// arrives. Keys typed meanwhile are kept and handed to the UI in order once
// it exists. Ctrl-C quits at once, and so do q, Q and Esc typed before any
// other key (after one, they wait their turn like the rest). When a load
// fails, the terminal is restored before the caller reports the error;
// nothing is printed under the screen.
#ifndef TFGRAPH_TUI_LOADING_H_
#define TFGRAPH_TUI_LOADING_H_

#include <functional>
#include <memory>
#include <string>

#include "core/graph_head.h"
#include "core/model.h"
#include "core/status.h"
#include "tui/document.h"
#include "tui/state.h"
#include "tui/surface.h"
#include "tui/tui.h"

namespace tfgraph::tui {

// How long a load may take before the loading screen is drawn: small
// models open straight into the UI without a flash of it.
constexpr int kQuietLoadMs = 60;

// The loading screen for the model at `path` (what the user named).
class LoadingScreen {
 public:
  // `head` may be an error (text protos, several meta graphs): the screen
  // then shows the path and size alone.
  LoadingScreen(std::string path, StatusOr<GraphHead> head);
  // Draws the whole screen; `seconds` since the load began, `queued_keys`
  // typed meanwhile (then the status line says that only Ctrl-C quits).
  void Draw(Surface& s, double seconds, size_t queued_keys = 0) const;
  bool has_head() const { return preview_app_ != nullptr; }

 private:
  std::string path_;
  uint64_t file_bytes_ = 0;
  size_t node_count_ = 0;
  std::unique_ptr<GraphHead> head_;
  std::unique_ptr<Graph> preview_graph_;
  std::unique_ptr<Document> preview_doc_;
  std::unique_ptr<App> preview_app_;
};

using ModelLoader = std::function<StatusOr<std::unique_ptr<Model>>()>;

// Whether a terminal can be opened at all (/dev/tty).
bool TerminalAvailable();

// Runs `load` on a thread, the loading screen meanwhile, then the UI on the
// model. Returns the exit code as RunTui does. When the load fails,
// *load_error says why, the terminal is already restored, and the return
// value is meaningless. The loaded model is never freed (the process ends
// right after; see cli/cmd_ui.cc).
int RunTuiWhileLoading(const std::string& path, ModelLoader load, const TuiOptions& options,
                       Status* load_error);

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_LOADING_H_
