// Actions: freeze and export as the UI runs them, behind one interface.
//
// The UI's flow is fixed: a form prefilled with defaults (output path,
// signature key, tags, the picks), then a progress screen (Esc cancels),
// then a result screen that always shows the exact equivalent command line.
// What actually does the work is an ActionRunner, so the engine can change
// without touching the UI: the default runner executes the equivalent
// `tfgraph freeze ...` / `tfgraph export ...` command in a child process
// (the same binary), shows its output, reads "[NN%]" progress lines from it,
// and kills it on cancel. Tests plug in their own runners.
//
// Run() is called on a worker thread; it must poll Progress::cancelled()
// and must only touch its arguments.
#ifndef TFGRAPH_TUI_ACTIONS_H_
#define TFGRAPH_TUI_ACTIONS_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"
#include "tui/document.h"
#include "tui/picks.h"

namespace tfgraph::tui {

// One line of a form. The command line is built from the fields: a field
// with a flag adds `flag value` when its value is not empty; a switch adds
// `flag` when its value is "yes"; a field without a flag is positional.
struct Field {
  std::string label;  // "output file"
  std::string flag;   // "-o", "--outputs", or "" for a positional argument
  std::string value;
  bool is_switch = false;
};

class Progress {
 public:
  // Worker side. fraction < 0 means "unknown" (an indeterminate bar).
  void Set(double fraction, std::string label);
  void AddLine(std::string line);
  bool cancelled() const { return cancel_.load(); }
  // UI side.
  void Cancel() { cancel_.store(true); }
  double fraction() const;
  std::string label() const;
  std::vector<std::string> lines() const;
  // Changes since the last call (so the UI redraws only when needed).
  bool TakeChanged() { return changed_.exchange(false); }

 private:
  mutable std::mutex mu_;
  double fraction_ = -1;
  std::string label_;
  std::vector<std::string> lines_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> changed_{false};
};

class ActionRunner {
 public:
  virtual ~ActionRunner() = default;
  virtual std::string Title() const = 0;       // "Freeze"
  virtual std::string Subcommand() const = 0;  // "freeze"
  // The form with its defaults for this model and these picks.
  virtual std::vector<Field> Defaults(const Document& doc, const Picks& picks) const = 0;
  // Does the work; returns the lines to show on the result screen.
  virtual StatusOr<std::vector<std::string>> Run(const std::vector<std::string>& argv,
                                                 Progress& progress) const = 0;
};

// argv of the equivalent command: {"tfgraph", "freeze", MODEL, flags...}.
std::vector<std::string> CommandArgv(const ActionRunner& runner, const Document& doc,
                                     const std::vector<Field>& fields);
// The same, quoted for a POSIX shell.
std::string ShellCommand(const std::vector<std::string>& argv);

// The same over several lines of at most `width` columns, each but the
// last ending in " \" so the lines paste into a shell as they are; a flag
// stays on the line of its value.
std::vector<std::string> ShellCommandLines(const std::vector<std::string>& argv, int width);

// Runners that execute `exe freeze|export ...` in a child process.
std::unique_ptr<ActionRunner> MakeFreezeRunner(std::string exe);
std::unique_ptr<ActionRunner> MakeExportRunner(std::string exe);

// A runner on a worker thread.
class Job {
 public:
  Job(const ActionRunner& runner, std::vector<std::string> argv);
  ~Job();  // cancels and joins
  bool done() const { return done_.load(); }
  Progress& progress() { return progress_; }
  const Progress& progress() const { return progress_; }
  // Valid once done().
  const Status& status() const { return status_; }
  const std::vector<std::string>& result() const { return result_; }
  const std::vector<std::string>& argv() const { return argv_; }
  void Wait();

 private:
  std::vector<std::string> argv_;
  Progress progress_;
  Status status_;
  std::vector<std::string> result_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_ACTIONS_H_
