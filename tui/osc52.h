// OSC 52: copying text to the system clipboard through the terminal.
//
// Terminals (xterm, kitty, iTerm2, Windows Terminal, tmux with
// set-clipboard on) take "ESC ] 52 ; c ; <base64> BEL" as "put this in the
// clipboard", which works over ssh where no clipboard tool can reach.
#ifndef TFGRAPH_TUI_OSC52_H_
#define TFGRAPH_TUI_OSC52_H_

#include <string>
#include <string_view>

namespace tfgraph::tui {

std::string Base64(std::string_view bytes);
std::string Osc52(std::string_view text);

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_OSC52_H_
