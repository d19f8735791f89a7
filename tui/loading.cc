#include "tui/loading.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "tui/commands.h"
#include "tui/keys.h"
#include "tui/terminal.h"
#include "tui/text.h"

namespace tfgraph::tui {
namespace {

// Rows of the node list worth reading ahead: a full screen on any terminal.
constexpr size_t kHeadNodes = 200;

std::string BaseName(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Whether a key typed during the load abandons it. Ctrl-C always does.
// q, Q and Esc do when they are the first key typed; after other keys they
// are queued like those, so that typing ahead "G o Q" picks the last node
// and then quits, in order.
bool QuitsWhileLoading(int key, const std::vector<int>& queued) {
  if (key == Ctrl('c')) return true;
  if (!queued.empty()) return false;
  if (key == kKeyEsc) return true;
  auto cmd = Lookup(KeyContext::kView, key);
  return cmd == Cmd::kQuit || cmd == Cmd::kCloseView;
}

// The load on its own thread; the UI thread polls it.
class Load {
 public:
  explicit Load(ModelLoader load)
      : thread_([this, load = std::move(load)] {
          auto result = load();
          std::lock_guard<std::mutex> lock(mu_);
          result_ = std::make_unique<StatusOr<std::unique_ptr<Model>>>(std::move(result));
          cv_.notify_all();
        }) {}
  // Waits at most `ms`; true once the load is over.
  bool WaitFor(int ms) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return result_ != nullptr; });
  }
  StatusOr<std::unique_ptr<Model>> Take() {
    thread_.join();
    return std::move(*result_);
  }
  // Quitting mid-load: the thread cannot be interrupted, and the process
  // ends right away (RunTuiWhileLoading), so it is left to run.
  void Abandon() { thread_.detach(); }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::unique_ptr<StatusOr<std::unique_ptr<Model>>> result_;
  std::thread thread_;
};

}  // namespace

LoadingScreen::LoadingScreen(std::string path, StatusOr<GraphHead> head) : path_(std::move(path)) {
  if (!head.ok()) return;
  file_bytes_ = head->file_bytes;
  node_count_ = head->node_count;
  head_ = std::make_unique<GraphHead>(std::move(head).value());
  auto graph = Graph::FromGraphDef(head_->head);
  if (!graph.ok()) return;
  preview_graph_ = std::move(graph).value();
  preview_doc_ = std::make_unique<Document>(*preview_graph_, nullptr, path_);
  preview_app_ = std::make_unique<App>(*preview_doc_);
}

void LoadingScreen::Draw(Surface& s, double seconds, size_t queued_keys) const {
  int w = s.width(), h = s.height();
  std::string what = "loading " + BaseName(path_);
  if (file_bytes_ > 0) what += " (" + HumanBytes(file_bytes_) + ")";
  char elapsed[32];
  snprintf(elapsed, sizeof elapsed, " %.1f s", seconds);
  what += elapsed;
  // Once keys wait their turn, q is one of them: only Ctrl-C abandons.
  std::string quit = queued_keys == 0 ? "q quits"
                     : queued_keys == 1 ? "1 key waits, Ctrl-C quits"
                                        : std::to_string(queued_keys) + " keys wait, Ctrl-C quits";
  if (!preview_app_ || w < kMinWidth || h < kMinHeight) {
    s.Clear();
    s.Fill(0, 0, w, Role::kTitle);
    s.Put(0, 0, " [loading] " + BaseName(path_), Role::kTitle);
    s.Put(std::max(1, h / 2 - 1), 2, what, Role::kNormal, w - 2);
    s.Put(std::max(1, h / 2), 2, "keys typed now wait for the model; " + quit, Role::kDim,
          w - 2);
    return;
  }
  // The UI's own first screen, drawn from the preview graph, with the title
  // and status line telling the truth about the whole model.
  preview_app_->Resize(w, h);
  preview_app_->Draw(s);
  std::string right = "  " + BaseName(path_) + "  ? help ";
  s.Fill(0, 0, w, Role::kTitle);
  s.Put(0, 0, " [nodes] " + Thousands(node_count_) + " nodes, graph order", Role::kTitle,
        w - DisplayWidth(right));
  s.Put(0, w - DisplayWidth(right), right, Role::kTitle);
  std::string pos = "1/" + Thousands(node_count_) + " 0%";
  s.Fill(h - 1, 0, w, Role::kNormal);
  s.Put(h - 1, 0, what + ", " + quit, Role::kDim, w - DisplayWidth(pos) - 1);
  s.Put(h - 1, w - DisplayWidth(pos), pos, Role::kDim);
}

bool TerminalAvailable() {
  int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  close(fd);
  return true;
}

int RunTuiWhileLoading(const std::string& path, ModelLoader load, const TuiOptions& options,
                       Status* load_error) {
  if (!CheckTuiOptions(options)) return 2;
  auto started = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  Load loading(std::move(load));
  auto term = Terminal::Open(!NoColorRequested(options));
  if (!term.ok()) {
    // Nothing to show the model on: say so now, not after the load.
    loading.Abandon();
    ReportNoTerminal(term.status());
    fflush(stderr);
    _exit(2);  // the load thread still runs: no static destructors under it
  }
  std::vector<int> pending;
  if (!loading.WaitFor(kQuietLoadMs)) {
    LoadingScreen screen(path, ReadGraphHead(path, kHeadNodes));
    Surface& surface = (*term)->surface();
    screen.Draw(surface, seconds(), 0);
    (*term)->Show();
    int shown_tenths = static_cast<int>(seconds() * 10);
    while (!loading.WaitFor(0)) {
      // Short waits: the UI comes up within 20 ms of the model arriving.
      int key = (*term)->ReadKey(20);
      int sig = (*term)->stop_signal();
      if (sig != 0 || (key >= 0 && QuitsWhileLoading(key, pending))) {
        loading.Abandon();
        term->reset();  // restores the terminal
        DieOfStopSignal(sig);
        if (options.pick) fprintf(stderr, "tfgraph: nothing was picked\n");
        fflush(stdout);
        fflush(stderr);
        _exit(0);  // the load thread still runs: no static destructors under it
      }
      if (key >= 0) pending.push_back(key);
      if (key >= 0 && Lookup(KeyContext::kView, key) == Cmd::kRedraw) (*term)->Repaint();
      // Redrawn for keys (a resize) and when the tenths of seconds change.
      int tenths = static_cast<int>(seconds() * 10);
      if (key >= 0 || tenths != shown_tenths) {
        shown_tenths = tenths;
        screen.Draw(surface, seconds(), pending.size());
        (*term)->Show();
      }
    }
  }
  auto model = loading.Take();
  if (!model.ok()) {
    term->reset();
    *load_error = model.status();
    return 1;
  }
  // Kept until the process exits (see cli/cmd_ui.cc for why it is not freed).
  static Model* kept_until_exit = nullptr;
  kept_until_exit = model->release();
  Document doc(*kept_until_exit);
  App app(doc, TerminalAppOptions());
  RunApp(**term, app, pending);
  int sig = (*term)->stop_signal();
  term->reset();
  DieOfStopSignal(sig);
  return FinishTerminalRun(app, options);
}

}  // namespace tfgraph::tui
