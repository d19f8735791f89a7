// App: the whole state of the UI, with no curses in it.
//
// The App holds the view stack (with back/forward history), the prompt
// (search, filter, go-to), the search pattern, the picks, the status
// message, a running freeze/export job, and the statistics of variables'
// values (tui/lazy_stats.h, computed in the background for the rows on
// screen; a Tick after they arrive redraws). Input comes in as keys
// (HandleKey) or commands (Run); each handler changes state and returns the
// Dirty bits of what changed. Draw() is the one place that draws: the title
// bar, the column header, the visible rows of the top view, the picks bar
// and the status line (or a "too small" screen below 80x24). Effects the
// terminal must carry out (copying to the clipboard) are queued and taken
// by the terminal layer, so the state machine is fully testable without a
// terminal.
#ifndef TFGRAPH_TUI_STATE_H_
#define TFGRAPH_TUI_STATE_H_

#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tui/actions.h"
#include "tui/commands.h"
#include "tui/document.h"
#include "tui/lazy_stats.h"
#include "tui/name_index.h"
#include "tui/picks.h"
#include "tui/search.h"
#include "tui/surface.h"
#include "tui/view.h"

namespace tfgraph::tui {

constexpr int kMinWidth = 80;
constexpr int kMinHeight = 24;

struct AppOptions {
  // Runners for freeze and export; null means the subprocess runners on
  // `self_exe`.
  std::shared_ptr<ActionRunner> freeze_runner;
  std::shared_ptr<ActionRunner> export_runner;
  std::string self_exe = "/proc/self/exe";
  // Statistics for the variables view; null means those of the document's
  // checkpoint (MakeCheckpointStats), made when the view is first opened.
  std::shared_ptr<LazyStats> variable_stats;
};

class App {
 public:
  App(const Document& doc, AppOptions options = {});
  ~App();

  // Input. Keys go to the prompt, a modal view, or the keymap.
  unsigned HandleKey(int key);
  unsigned Run(Cmd cmd);
  // Polls a running job; returns Dirty bits when its progress changed.
  unsigned Tick();
  void Resize(int width, int height);
  bool quit() const { return quit_; }

  // The one drawing entry point.
  void Draw(Surface& s) const;
  // Draws, waits for the background work that frame asked for (statistics
  // of the variables on screen), and draws again if any arrived: the
  // headless mode and tests capture the same screen in every run.
  void DrawSettled(Surface& s);
  // Background statistics are being computed (the terminal polls often then).
  bool stats_pending() const { return stats_ && stats_->pending(); }
  // Work on other threads that destroying the App would wait for: variable
  // statistics (or the one-time binding of variables to the checkpoint) and
  // the name index of the main graph. Quitting the terminal UI does not wait
  // for it (tui.cc ends the process instead).
  bool background_busy() const;

  // Effects for the terminal layer: text to copy to the system clipboard.
  void Copy(std::string text, std::string message);
  std::optional<std::string> TakeClipboard();

  // State, for views and tests.
  const Document& doc() const { return doc_; }
  Picks& picks() { return picks_; }
  const Picks& picks() const { return picks_; }
  const Pattern& search() const { return search_; }
  View& top() { return *stack_.back(); }
  const View& top() const { return *stack_.back(); }
  size_t depth() const { return stack_.size(); }
  size_t forward_depth() const { return forward_.size(); }
  int width() const { return width_; }
  int height() const { return height_; }
  bool too_small() const { return width_ < kMinWidth || height_ < kMinHeight; }
  const std::string& message() const { return message_; }
  bool message_is_error() const { return message_error_; }
  bool prompt_active() const { return prompt_.kind != PromptKind::kNone; }
  std::string prompt_line() const;
  bool job_running() const { return job_ && !job_->done(); }
  Job* job() { return job_.get(); }

  // View stack. Push clears the forward history (as a browser does).
  void Push(std::unique_ptr<View> view);
  // Replaces the top view (forms become progress, progress becomes result).
  void Replace(std::unique_ptr<View> view);
  unsigned Back();
  unsigned Forward();
  void SetMessage(std::string text, bool error = false);

  // Rows of the body for the top view at the current size.
  int BodyHeight() const;
  // Draws text in a row, search matches highlighted.
  void PutText(Surface& s, int y, int x, std::string_view text, int cols, Role role,
               bool highlight) const;

  // Actions (freeze/export): form -> job -> result.
  unsigned StartAction(const ActionRunner& runner, const std::vector<Field>& fields);
  const ActionRunner& freeze_runner() const { return *options_.freeze_runner; }
  const ActionRunner& export_runner() const { return *options_.export_runner; }

  // Moves the cursor of the top view to a row, scrolling it into view.
  void SetCursor(size_t row);
  // Opens the detail view of a node of a graph.
  unsigned OpenNode(const Graph& graph, int node);
  // Finds the next or previous row of the top view matching the search.
  unsigned SearchStep(bool forward, bool include_current);
  // The name buffer of a graph, built on first use.
  const NameIndex& NameIndexFor(const Graph& graph);
  // Statistics of the variables' values, shared by every variables view so
  // they are computed once; made on first use; null when the document has
  // no checkpoint.
  std::shared_ptr<LazyStats> VariableStats();

 private:
  enum class PromptKind { kNone, kSearch, kFilter, kGoto };
  struct Prompt {
    PromptKind kind = PromptKind::kNone;
    std::string text;
    int history_pos = -1;
  };

  unsigned ReportGraphIndex();
  unsigned TickJob();
  unsigned TickStats();
  unsigned HandlePromptKey(int key);
  unsigned AcceptPrompt();
  unsigned CompleteGoto();
  void OpenPrompt(PromptKind kind);
  unsigned Move(long delta);
  unsigned Pick(PickKind kind);
  unsigned Yank(bool tensor_names);
  unsigned ApplyFilter(const std::string& text);
  unsigned ApplySearch(const std::string& text);
  unsigned GotoNode(const std::string& text);
  void DrawTitle(Surface& s) const;
  std::string depth_label() const;
  void DrawPicks(Surface& s, int y) const;
  void DrawStatus(Surface& s, int y) const;
  void DrawTooSmall(Surface& s) const;
  void DrawOverlay(Surface& s, const View& v, int top, int height) const;
  const std::vector<std::string_view>& SortedNames() const;

  const Document& doc_;
  AppOptions options_;
  std::vector<std::unique_ptr<View>> stack_;
  std::vector<std::unique_ptr<View>> forward_;
  Picks picks_;
  Pattern search_;
  Prompt prompt_;
  std::vector<std::string> history_[4];
  std::string message_;
  bool message_error_ = false;
  int width_ = kMinWidth;
  int height_ = kMinHeight;
  bool quit_ = false;
  std::optional<std::string> clipboard_;
  std::unique_ptr<Job> job_;
  mutable std::vector<std::string_view> sorted_names_;  // for go-to completion, built once
  // Bulk name buffers for fast regex search, one per graph searched. The
  // main graph's is built on a background thread from the start (reading
  // the immutable Graph only), so the first search does not pay for it.
  std::map<const Graph*, std::unique_ptr<NameIndex>> name_indexes_;
  std::future<std::unique_ptr<NameIndex>> main_index_;
  bool index_reported_ = false;
  std::shared_ptr<LazyStats> stats_;
  bool stats_made_ = false;
};

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_STATE_H_
