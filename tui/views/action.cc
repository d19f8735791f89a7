// The freeze/export flow: a form with defaults, a progress screen that Esc
// cancels, and a result screen showing the equivalent command line.
#include "tui/keys.h"
#include "tui/text.h"
#include "tui/views/views.h"

namespace tfgraph::tui {
namespace {

class FormView : public View {
 public:
  FormView(const ActionRunner& runner, std::vector<Field> fields)
      : runner_(runner), fields_(std::move(fields)) {}
  std::string Title() const override { return runner_.Title(); }
  std::string Info(const App&) const override {
    return "Enter runs, Tab moves, Space toggles, Esc cancels";
  }
  size_t RowCount() const override { return fields_.size(); }
  std::string_view SearchText(size_t row) const override { return fields_[row].label; }
  void DrawRow(const App&, Surface&, int, size_t, bool) const override {}
  bool is_modal() const override { return true; }

  bool DrawBody(const App& app, Surface& s, int top, int height) const override {
    int y = top + 1;
    for (size_t i = 0; i < fields_.size() && y < top + height; ++i, ++y) {
      const Field& f = fields_[i];
      bool sel = i == cursor;
      std::string value = f.is_switch ? "[" + std::string(f.value == "yes" ? "x" : " ") + "]"
                                      : f.value;
      s.Put(y, 2, PadRight(f.label, 20), sel ? Role::kHeader : Role::kNormal);
      if (sel) s.Fill(y, 22, s.width() - 24, Role::kSelected);
      s.Put(y, 22, value + (sel && !f.is_switch ? "_" : ""),
            sel ? Role::kSelected : Role::kNormal, s.width() - 24);
    }
    y += 1;
    if (y < top + height) {
      s.Put(y++, 2, "Equivalent command:", Role::kHeader);
      // Wrapped with shell continuations, so it can be copied from the terminal.
      for (const auto& line :
           ShellCommandLines(CommandArgv(runner_, app.doc(), fields_), s.width() - 4)) {
        if (y >= top + height) break;
        s.Put(y++, 2, line, Role::kDim);
      }
    }
    return true;
  }

  unsigned OnKey(App& app, int key) override {
    Field& f = fields_[cursor];
    auto cmd = Lookup(KeyContext::kPrompt, key);
    if (cmd) {
      switch (*cmd) {
        case Cmd::kPromptAccept:
          return app.StartAction(runner_, fields_);
        case Cmd::kPromptCancel:
          app.SetMessage(runner_.Title() + " cancelled");
          return app.Back();
        case Cmd::kPromptComplete:
        case Cmd::kPromptHistoryNext:
          cursor = (cursor + 1) % fields_.size();
          return kDirtyBody;
        case Cmd::kPromptPrevField:
        case Cmd::kPromptHistoryPrev:
          cursor = (cursor + fields_.size() - 1) % fields_.size();
          return kDirtyBody;
        case Cmd::kPromptErase:
          if (!f.is_switch && !f.value.empty()) {
            // Drop one UTF-8 character.
            size_t n = f.value.size() - 1;
            while (n > 0 && (static_cast<unsigned char>(f.value[n]) & 0xC0) == 0x80) --n;
            f.value.resize(n);
          }
          return kDirtyBody;
        case Cmd::kPromptClear:
          if (!f.is_switch) f.value.clear();
          return kDirtyBody;
        case Cmd::kPromptEraseWord: {
          if (f.is_switch) return kClean;
          while (!f.value.empty() && f.value.back() == ' ') f.value.pop_back();
          size_t cut = f.value.find_last_of(" ,/");
          f.value.resize(cut == std::string::npos ? 0 : cut + 1);
          return kDirtyBody;
        }
        default:
          break;
      }
    }
    if (f.is_switch) {
      if (key == ' ' || key == 'y' || key == 'n') {
        f.value = key == 'y' ? "yes" : key == 'n' ? "no" : f.value == "yes" ? "no" : "yes";
        return kDirtyBody;
      }
      return kClean;
    }
    if (key >= 32 && key < kKeyBase && key != 127) {
      f.value += KeyText(key);
      return kDirtyBody;
    }
    return kClean;
  }

 private:
  const ActionRunner& runner_;
  std::vector<Field> fields_;
};

class ProgressView : public View {
 public:
  ProgressView(const ActionRunner& runner, Job& job) : runner_(runner), job_(job) {}
  std::string Title() const override { return runner_.Title(); }
  std::string Info(const App&) const override { return "running; Esc cancels"; }
  size_t RowCount() const override { return 0; }
  std::string_view SearchText(size_t) const override { return ""; }
  void DrawRow(const App&, Surface&, int, size_t, bool) const override {}
  bool is_modal() const override { return true; }
  bool DrawBody(const App& app, Surface& s, int top, int height) const override {
    double f = job_.progress().fraction();
    int w = s.width() - 12;
    s.Put(top + 1, 2, runner_.Title() + ": " + job_.progress().label(), Role::kHeader);
    std::string bar = "[";
    if (f >= 0) {
      int filled = static_cast<int>(f * w);
      bar += std::string(static_cast<size_t>(filled), '#') +
             std::string(static_cast<size_t>(w - filled), '.') + "] " +
             std::to_string(static_cast<int>(f * 100)) + "%";
    } else {
      // Indeterminate: a moving block.
      int pos = static_cast<int>(ticks_ % static_cast<unsigned>(w - 4));
      bar += std::string(static_cast<size_t>(pos), '.') + "####" +
             std::string(static_cast<size_t>(w - 4 - pos), '.') + "]";
    }
    s.Put(top + 3, 2, bar, Role::kNormal);
    auto lines = job_.progress().lines();
    int y = top + 5;
    size_t first = lines.size() > static_cast<size_t>(height - 6)
                       ? lines.size() - static_cast<size_t>(height - 6)
                       : 0;
    for (size_t i = first; i < lines.size() && y < top + height; ++i)
      s.Put(y++, 2, lines[i], Role::kDim, s.width() - 4);
    return true;
  }
  unsigned OnKey(App& app, int key) override {
    auto cmd = Lookup(KeyContext::kView, key);
    if (cmd && (*cmd == Cmd::kCancel || *cmd == Cmd::kQuit)) {
      job_.progress().Cancel();
      app.SetMessage("cancelling " + runner_.Subcommand() + "...");
      return kDirtyAll;
    }
    return kClean;
  }
  void Sync(const App&) override { ++ticks_; }

 private:
  const ActionRunner& runner_;
  Job& job_;
  unsigned ticks_ = 0;
};

class ResultView : public TextView {
 public:
  ResultView(const ActionRunner& runner, const Job& job)
      : TextView(nullptr, runner.Title() + " result") {
    if (job.status().ok()) {
      Add(runner.Title() + " finished.", Role::kHeader);
    } else {
      Add(runner.Title() + " failed: " + job.status().message(), Role::kError);
    }
    Add("");
    for (const auto& l : job.result()) Add(l);
    if (!job.status().ok()) {
      for (const auto& l : job.progress().lines()) Add(l, Role::kDim);
    }
    Add("");
    Add("Equivalent command (y copies it):", Role::kHeader);
    command_ = ShellCommand(job.argv());
    for (const auto& line : ShellCommandLines(job.argv(), 76)) Add(line);
  }
  unsigned OnCommand(App& app, Cmd cmd) override {
    if (cmd == Cmd::kYankNames || cmd == Cmd::kYankTensors) {
      app.Copy(command_, "copied the command");
      return kDirtyStatus;
    }
    if (cmd == Cmd::kCancel) return app.Back();
    return kUnhandled;
  }

 private:
  std::string command_;
};

}  // namespace

std::unique_ptr<View> MakeForm(const ActionRunner& runner, std::vector<Field> fields) {
  return std::make_unique<FormView>(runner, std::move(fields));
}
std::unique_ptr<View> MakeProgress(const ActionRunner& runner, Job& job) {
  return std::make_unique<ProgressView>(runner, job);
}
std::unique_ptr<View> MakeResult(const ActionRunner& runner, const Job& job) {
  return std::make_unique<ResultView>(runner, job);
}

}  // namespace tfgraph::tui
