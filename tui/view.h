// View: one screen of the UI (ncdu's X_key/X_draw pair, tig's view_ops).
//
// Every view is a list of rows: the App owns movement, search, the cursor
// and scrolling for all of them, and draws only the rows on screen (virtual
// scrolling: RowCount() may be a million, and a frame touches the visible
// rows only). A view supplies its rows, what `/` searches in each row, the
// tensor a row stands for (for picking, yanking and Enter), and handlers for
// the commands that mean something to it. Handlers change state and return
// Dirty bits; they never draw. Views are not curses-aware: they draw on a
// Surface.
#ifndef TFGRAPH_TUI_VIEW_H_
#define TFGRAPH_TUI_VIEW_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/graph.h"
#include "tui/commands.h"
#include "tui/picks.h"
#include "tui/surface.h"

namespace tfgraph::tui {

class App;

// What a handler reports; several bits may be set.
enum Dirty : unsigned {
  kClean = 0,
  kDirtyBody = 1u << 0,    // rows, cursor or title changed
  kDirtyStatus = 1u << 1,  // status line, prompt or picks bar changed
  kDirtyAll = kDirtyBody | kDirtyStatus,
  kDirtyQuit = 1u << 3,    // leave the UI
  kUnhandled = 1u << 8,    // the view does not handle this command or key
};

class View {
 public:
  virtual ~View() = default;

  // Short name for the title bar: "nodes", "detail", "scope tree".
  virtual std::string Title() const = 0;
  // Extra title text: sort order, filter, the node shown.
  virtual std::string Info(const App& app) const { return ""; }
  // A column heading line above the rows, or "" for none.
  virtual std::string Header(const App& app, int width) const { return ""; }

  virtual size_t RowCount() const = 0;
  // The text `/` searches (and highlights) in a row.
  virtual std::string_view SearchText(size_t row) const = 0;
  virtual void DrawRow(const App& app, Surface& s, int y, size_t row, bool selected) const = 0;

  // The tensor a row stands for, if any, in graph().
  virtual TensorId TargetAt(size_t row) const { return {}; }
  virtual const Graph* graph() const { return nullptr; }

  // Enter on a row.
  virtual unsigned Open(App& app, size_t row) { return kUnhandled; }
  // Any other command this view gives a meaning to.
  virtual unsigned OnCommand(App& app, Cmd cmd) { return kUnhandled; }
  // Views that edit text (forms) receive raw keys first.
  virtual unsigned OnKey(App& app, int key) { return kUnhandled; }
  // Called before drawing and after each key, so views that mirror app
  // state (the preview mirrors the picks) can refresh.
  virtual void Sync(const App& app) {}
  // Overlays (help) are drawn as a box over the view beneath them.
  virtual bool is_overlay() const { return false; }
  // Modal views (forms, progress) take every key; generic commands like
  // movement and search do not apply to them.
  virtual bool is_modal() const { return false; }
  // Drawn instead of the row list when non-null-returning views want the
  // whole body (forms, progress): return true if drawn.
  virtual bool DrawBody(const App& app, Surface& s, int top, int height) const { return false; }

  size_t cursor = 0;
  size_t top = 0;
};

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_VIEW_H_
