// Terminal: the one module that talks to curses.
//
// RunTerminal opens the controlling terminal (/dev/tty, so standard output
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

#include "core/status.h"
#include "tui/state.h"

namespace tfgraph::tui {

// Fails with Unsupported (and touches nothing) when there is no terminal.
// color: use colours if the terminal has them (the caller applies NO_COLOR).
Status RunTerminal(App& app, bool color);

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_TERMINAL_H_
