// Terminal: the one module that talks to curses.
//
// Terminal is one curses session on the controlling terminal; RunApp is
// the UI's loop over it; RunTerminal puts the two together. RunTerminal opens the controlling terminal (/dev/tty, so standard output
// stays free for `tfgraph pick`), sets it up (raw mode so Ctrl-C is a key,
// keypad, 25 ms Esc delay, no cursor, default colours), and runs the loop:
// read a key, hand it to the App, draw when the App says something is
// dirty, carry out effects (OSC 52 clipboard). KEY_RESIZE is handled here
// and only here. The terminal is restored on every exit path: normal quit,
// SIGINT/SIGTERM/SIGHUP (the handlers only set a flag the loop checks), and
// crash signals (SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL: endwin, then the
// previous handler is reinstalled and the signal re-raised so core dumps
// and sanitizers still work).
#ifndef TFGRAPH_TUI_TERMINAL_H_
#define TFGRAPH_TUI_TERMINAL_H_

#include <cstdio>
#include <memory>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "tui/state.h"
#include "tui/surface.h"

typedef struct screen SCREEN;  // <curses.h>, kept out of this header

namespace tfgraph::tui {

class Terminal {
 public:
  // Fails with Unsupported (and touches nothing) when there is no terminal.
  // color: use colours if the terminal has them (the caller applies NO_COLOR).
  static StatusOr<std::unique_ptr<Terminal>> Open(bool color);
  // Restores the terminal.
  ~Terminal();
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  Surface& surface() { return *surface_; }
  int width() const;
  int height() const;
  // The next key (tui/keys.h codes; kKeyResize after a resize), or -1 when
  // none came within timeout_ms.
  int ReadKey(int timeout_ms);
  // Sends what was drawn on surface() to the terminal.
  void Show();
  // The next Show repaints every cell (Ctrl-L).
  void Repaint();
  // Bytes straight to the terminal (OSC 52).
  void WriteRaw(std::string_view bytes);
  // SIGINT, SIGTERM, SIGHUP or SIGQUIT if one arrived, else 0.
  int stop_signal() const;

 private:
  Terminal(FILE* tty, SCREEN* screen, std::unique_ptr<Surface> surface);
  FILE* tty_;
  SCREEN* screen_;
  std::unique_ptr<Surface> surface_;
};

// The UI loop until the App quits or a stop signal arrives. `pending` are
// keys typed before the App existed, handled first.
void RunApp(Terminal& terminal, App& app, const std::vector<int>& pending);

// After the Terminal is gone: dies of `sig` (from stop_signal()) if non-zero.
void DieOfStopSignal(int sig);

// Fails with Unsupported (and touches nothing) when there is no terminal.
// color: use colours if the terminal has them (the caller applies NO_COLOR).
Status RunTerminal(App& app, bool color);

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_TERMINAL_H_
