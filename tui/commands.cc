#include "tui/commands.h"

#include <map>
#include <sstream>

#include "tui/keys.h"
#include "tui/text.h"

namespace tfgraph::tui {
namespace {

std::vector<int> ParseKeyList(const char* keys) {
  std::vector<int> out;
  std::istringstream in(keys);
  std::string name;
  while (in >> name) {
    int k = ParseKeyName(name);
    if (k >= 0) out.push_back(k);
  }
  return out;
}

struct Keymaps {
  std::map<int, Cmd> view, prompt;
};

const Keymaps& Maps() {
  static const Keymaps maps = [] {
    Keymaps m;
    for (const auto& c : AllCommands()) {
      auto& map = std::string_view(c.group) == "Prompt" ? m.prompt : m.view;
      for (int k : ParseKeyList(c.keys)) map.emplace(k, c.cmd);
    }
    return m;
  }();
  return maps;
}

// Escapes text for troff: backslashes and leading dots/quotes.
std::string Troff(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out.push_back(c);
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

}  // namespace

const std::vector<CommandInfo>& AllCommands() {
  static const std::vector<CommandInfo> table = {
#define TFGRAPH_TUI_ROW(id, name, group, keys, help) {Cmd::id, name, group, keys, help},
      TFGRAPH_TUI_COMMANDS(TFGRAPH_TUI_ROW)
#undef TFGRAPH_TUI_ROW
  };
  return table;
}

const CommandInfo& Info(Cmd cmd) { return AllCommands()[static_cast<size_t>(cmd)]; }

std::vector<std::string> Groups() {
  std::vector<std::string> groups;
  for (const auto& c : AllCommands())
    if (groups.empty() || groups.back() != c.group) groups.emplace_back(c.group);
  return groups;
}

std::vector<int> KeysOf(Cmd cmd) { return ParseKeyList(Info(cmd).keys); }

std::string KeysLabel(Cmd cmd) {
  std::string out;
  for (int k : KeysOf(cmd)) {
    if (!out.empty()) out += ", ";
    out += KeyLabel(k);
  }
  return out;
}

std::optional<Cmd> Lookup(KeyContext context, int key) {
  const auto& map = context == KeyContext::kPrompt ? Maps().prompt : Maps().view;
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

std::string ManKeysSection() {
  std::string out;
  out += "Every key below comes from the one command table in the program;\n"
         "the help overlay\n.RB ( ? )\nshows the same list.\n";
  for (const auto& group : Groups()) {
    out += ".SS " + group + "\n";
    for (const auto& c : AllCommands()) {
      if (group != c.group) continue;
      out += ".TP\n.B " + Troff(KeysLabel(c.cmd)) + "\n";
      out += Troff(c.help) + " (" + Troff(c.name) + ").\n";
    }
  }
  return out;
}

std::vector<std::string> HelpLines(int width) {
  std::vector<std::string> lines;
  int key_cols = 20;
  for (const auto& group : Groups()) {
    if (!lines.empty()) lines.emplace_back("");
    lines.push_back(group);
    for (const auto& c : AllCommands()) {
      if (group != c.group) continue;
      std::string keys = KeysLabel(c.cmd);
      std::string help = c.help;
      // Wrap the help text under its own column.
      int text_cols = std::max(10, width - key_cols - 2);
      std::string first = PadRight(keys, key_cols) + "  ";
      while (!help.empty()) {
        size_t cut = help.size();
        if (DisplayWidth(help) > text_cols) {
          cut = help.rfind(' ', static_cast<size_t>(text_cols));
          if (cut == std::string::npos || cut == 0) cut = static_cast<size_t>(text_cols);
        }
        lines.push_back(first + help.substr(0, cut));
        help = cut < help.size() ? help.substr(cut + (help[cut] == ' ' ? 1 : 0)) : "";
        first = std::string(static_cast<size_t>(key_cols) + 2, ' ');
      }
    }
  }
  return lines;
}

}  // namespace tfgraph::tui
