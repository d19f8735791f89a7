// Keys: the UI's own key codes, their names, and the script notation.
//
// The state machine never sees curses codes. A key is an int: a Unicode
// code point for ordinary characters (Ctrl-A..Ctrl-Z are 1..26), or one of
// the kKey* constants above the Unicode range for special keys. The terminal
// layer translates curses codes into these; scripts and the command table
// write keys by name:
//   names    "j", "G", "?", "Enter", "Esc", "Tab", "Space", "Backspace",
//            "Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End",
//            "F1".."F12", "C-d" (Ctrl-D), "Backslash", "Lt" ('<')
//   scripts  literal characters, with <Name> for special keys: "/Mat<Enter>n"
#ifndef TFGRAPH_TUI_KEYS_H_
#define TFGRAPH_TUI_KEYS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tfgraph::tui {

constexpr int kKeyBase = 0x200000;
enum : int {
  kKeyTab = 9,
  kKeyEnter = 10,
  kKeyEsc = 27,
  kKeySpace = 32,
  kKeyBackspace = 127,
  kKeyUp = kKeyBase + 1,
  kKeyDown,
  kKeyLeft,
  kKeyRight,
  kKeyPgUp,
  kKeyPgDn,
  kKeyHome,
  kKeyEnd,
  kKeyBackTab,
  kKeyDelete,
  kKeyResize,  // the terminal changed size (never bound; handled by the loop)
  kKeyF1 = kKeyBase + 0x100,  // F1..F12 follow
};
constexpr int Ctrl(char c) { return c & 0x1f; }

// "C-d", "Enter", "j". Unknown codes print as "U+XXXX".
std::string KeyName(int key);
// How the help overlay and the man page write a key: "Ctrl-D", "Enter", "j".
std::string KeyLabel(int key);
// The UTF-8 text a character key types (what prompts append).
std::string KeyText(int key);
// Parses one key name (as in the command table); -1 if unknown.
int ParseKeyName(std::string_view name);
// Parses script notation into keys; InvalidArgument names the bad <...>.
StatusOr<std::vector<int>> ParseKeys(std::string_view text);

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_KEYS_H_
