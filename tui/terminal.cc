#include "tui/terminal.h"

#include <curses.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <clocale>
#include <cstdio>
#include <cstring>

#include "tui/keys.h"
#include "tui/osc52.h"

namespace tfgraph::tui {
namespace {

std::atomic<int> g_stop_signal{0};
std::atomic<bool> g_curses_active{false};
struct sigaction g_old_crash[32];
struct sigaction g_old_stop[32];
constexpr int kCrashSignals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void OnStopSignal(int sig) { g_stop_signal.store(sig); }

void OnCrashSignal(int sig) {
  if (g_curses_active.exchange(false)) endwin();
  static const char msg[] = "tfgraph: crashed; the terminal was restored\n";
  ssize_t ignored = write(2, msg, sizeof msg - 1);
  (void)ignored;
  sigaction(sig, &g_old_crash[sig], nullptr);
  raise(sig);
}

void InstallHandlers() {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = OnCrashSignal;
  for (int s : kCrashSignals) sigaction(s, &sa, &g_old_crash[s]);
  sa.sa_handler = OnStopSignal;
  for (int s : kStopSignals) sigaction(s, &sa, &g_old_stop[s]);
}

void RestoreHandlers() {
  for (int s : kCrashSignals) sigaction(s, &g_old_crash[s], nullptr);
  for (int s : kStopSignals) sigaction(s, &g_old_stop[s], nullptr);
}

// Colour pairs and monochrome attributes for each Role.
struct Style {
  Role role;
  short fg, bg;
  attr_t color_attr;
  attr_t mono_attr;
};
constexpr Style kStyles[] = {
    {Role::kNormal, -1, -1, A_NORMAL, A_NORMAL},
    {Role::kTitle, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
    {Role::kHeader, COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    {Role::kSelected, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    {Role::kMatch, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_BOLD | A_UNDERLINE},
    {Role::kStatus, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE},
    {Role::kError, COLOR_RED, -1, A_BOLD, A_BOLD},
    {Role::kDim, COLOR_CYAN, -1, A_NORMAL, A_DIM},
    {Role::kPickOut, COLOR_GREEN, -1, A_BOLD, A_BOLD},
    {Role::kPickIn, COLOR_MAGENTA, -1, A_BOLD, A_BOLD},
    {Role::kWarning, COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    {Role::kBorder, COLOR_BLUE, -1, A_BOLD, A_NORMAL},
};

class CursesSurface : public Surface {
 public:
  explicit CursesSurface(bool color) : color_(color) {
    if (color_) {
      for (size_t i = 0; i < sizeof kStyles / sizeof kStyles[0]; ++i) {
        init_pair(static_cast<short>(i + 1), kStyles[i].fg, kStyles[i].bg);
        attrs_[static_cast<int>(kStyles[i].role)] =
            COLOR_PAIR(static_cast<int>(i + 1)) | kStyles[i].color_attr;
      }
    } else {
      for (const auto& s : kStyles) attrs_[static_cast<int>(s.role)] = s.mono_attr;
    }
  }
  int width() const override { return COLS; }
  int height() const override { return LINES; }
  void Clear() override { erase(); }

 protected:
  void PutGlyph(int y, int x, std::string_view glyph, int, Role role) override {
    attrset(attrs_[static_cast<int>(role)]);
    mvaddnstr(y, x, glyph.data(), static_cast<int>(glyph.size()));
  }

 private:
  bool color_;
  attr_t attrs_[16] = {};
};

int TranslateKey(int status, wint_t ch) {
  if (status == KEY_CODE_YES) {
    switch (ch) {
      case KEY_UP: return kKeyUp;
      case KEY_DOWN: return kKeyDown;
      case KEY_LEFT: return kKeyLeft;
      case KEY_RIGHT: return kKeyRight;
      case KEY_PPAGE: return kKeyPgUp;
      case KEY_NPAGE: return kKeyPgDn;
      case KEY_HOME: return kKeyHome;
      case KEY_END: return kKeyEnd;
      case KEY_BTAB: return kKeyBackTab;
      case KEY_DC: return kKeyDelete;
      case KEY_ENTER: return kKeyEnter;
      case KEY_BACKSPACE: return kKeyBackspace;
      case KEY_RESIZE: return kKeyResize;
      default:
        if (ch >= KEY_F(1) && ch <= KEY_F(12)) return kKeyF1 + static_cast<int>(ch - KEY_F(1));
        return -1;
    }
  }
  if (ch == '\r' || ch == '\n') return kKeyEnter;
  if (ch == 8 || ch == 127) return kKeyBackspace;
  return static_cast<int>(ch);
}

}  // namespace

StatusOr<std::unique_ptr<Terminal>> Terminal::Open(bool color) {
  FILE* tty = fopen("/dev/tty", "r+");
  if (!tty) {
    return Status::Unsupported(
        "the interactive UI needs a terminal and there is none (no /dev/tty)");
  }
  setlocale(LC_ALL, "");
  // Not on a terminal's side of things, or TERM unknown: newterm fails.
  SCREEN* screen = newterm(nullptr, tty, tty);
  if (!screen) {
    fclose(tty);
    return Status::Unsupported("cannot drive this terminal (TERM=" +
                               std::string(getenv("TERM") ? getenv("TERM") : "") + ")");
  }
  g_curses_active = true;
  InstallHandlers();
  raw();
  noecho();
  nonl();
  keypad(stdscr, TRUE);
  set_escdelay(25);
  curs_set(0);
  if (color && has_colors()) {
    start_color();
    use_default_colors();
  } else {
    color = false;
  }
  return std::unique_ptr<Terminal>(
      new Terminal(tty, screen, std::make_unique<CursesSurface>(color)));
}

Terminal::Terminal(FILE* tty, SCREEN* screen, std::unique_ptr<Surface> surface)
    : tty_(tty), screen_(screen), surface_(std::move(surface)) {}

Terminal::~Terminal() {
  surface_.reset();
  endwin();
  g_curses_active = false;
  delscreen(screen_);
  fclose(tty_);
  RestoreHandlers();
}

int Terminal::width() const { return COLS; }
int Terminal::height() const { return LINES; }
void Terminal::Show() { refresh(); }
void Terminal::Repaint() { clearok(curscr, TRUE); }
int Terminal::stop_signal() const { return g_stop_signal.load(); }

int Terminal::ReadKey(int timeout_ms) {
  timeout(timeout_ms);
  wint_t ch = 0;
  int status = get_wch(&ch);
  if (status == ERR) return -1;
  return TranslateKey(status, ch);
}

void Terminal::WriteRaw(std::string_view bytes) {
  fwrite(bytes.data(), 1, bytes.size(), tty_);
  fflush(tty_);
}

void RunApp(Terminal& term, App& app, const std::vector<int>& pending) {
  Surface& surface = term.surface();
  app.Resize(term.width(), term.height());
  // Keys typed before the App existed (while the model loaded) come first,
  // in order, as if typed now.
  for (int key : pending) {
    if (app.quit()) break;
    if (key == kKeyResize) app.Resize(term.width(), term.height());
    app.HandleKey(key);
    if (Lookup(KeyContext::kView, key) == Cmd::kRedraw) term.Repaint();
  }
  app.Draw(surface);
  term.Show();
  while (!app.quit() && term.stop_signal() == 0) {
    // Poll often while a job runs (progress) or statistics are computed
    // (rows fill in as they arrive), otherwise wake now and then to
    // notice stop signals.
    int key = term.ReadKey(app.stats_pending() ? 40 : app.job_running() ? 100 : 250);
    unsigned dirty = 0;
    if (key == kKeyResize) app.Resize(term.width(), term.height());
    if (key >= 0) dirty |= app.HandleKey(key);
    if (key >= 0 && Lookup(KeyContext::kView, key) == Cmd::kRedraw) term.Repaint();
    dirty |= app.Tick();
    if (auto clip = app.TakeClipboard()) term.WriteRaw(Osc52(*clip));
    if (dirty) {
      app.Draw(surface);
      term.Show();
    }
  }
}

void DieOfStopSignal(int sig) {
  if (sig == 0) return;
  // The terminal is restored; now die of the signal as the user asked.
  signal(sig, SIG_DFL);
  raise(sig);
}

Status RunTerminal(App& app, bool color) {
  int sig = 0;
  {
    TFG_ASSIGN_OR_RETURN(auto term, Terminal::Open(color));
    RunApp(*term, app, {});
    sig = term->stop_signal();
  }
  g_stop_signal = 0;
  DieOfStopSignal(sig);
  return Status();  // curses defines OK as a macro
}

}  // namespace tfgraph::tui
