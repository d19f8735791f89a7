// Headless mode: replay a script of keys against the UI at a fixed screen
// size and write the screen as text (tig's TIG_SCRIPT + save-display).
//
// A script is lines of text:
//   keys in script notation (tui/keys.h): "/MatMul<Enter>n", "j<Down>o"
//   # a comment (blank lines are ignored too)
//   :dump FILE      write the current screen to FILE ("-": standard output)
//   :resize WxH     change the screen size (as a terminal resize would)
//   :wait           wait until a running freeze/export has finished
//   :clipboard FILE write the last text copied with y/Y to FILE
// Any other line starting with ':' is keys (':' opens the go-to prompt);
// write <Colon> to type a ':' before a word that is a directive.
// Each key is followed by the same Tick() the terminal loop makes, so jobs
// progress exactly as they would on screen. Screens are captured once the
// background statistics of the rows on them are in (App::DrawSettled), so
// a dump never shows a placeholder that a slower machine would keep. No
// terminal is touched.
#ifndef TFGRAPH_TUI_SCRIPT_H_
#define TFGRAPH_TUI_SCRIPT_H_

#include <string>
#include <string_view>

#include "core/status.h"
#include "tui/state.h"
#include "tui/surface.h"

namespace tfgraph::tui {

// Runs a script; stops at the end or when the app quits. On return the
// surface holds the last screen. Fails with InvalidArgument naming the line
// for bad keys or directives, IOError when a dump cannot be written.
Status RunScript(App& app, MemorySurface& surface, std::string_view script);

// "80x24" -> {80, 24}.
StatusOr<std::pair<int, int>> ParseScreenSize(std::string_view text);

// Writes text to a path, or to standard output for "-".
Status WriteText(const std::string& path, const std::string& text);

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_SCRIPT_H_
