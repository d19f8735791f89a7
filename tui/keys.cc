#include "tui/keys.h"

#include <cstdio>

namespace tfgraph::tui {
namespace {

struct Named {
  int key;
  const char* name;
  const char* label;
};

constexpr Named kNamed[] = {
    {kKeyTab, "Tab", "Tab"},          {kKeyEnter, "Enter", "Enter"},
    {kKeyEsc, "Esc", "Esc"},          {kKeySpace, "Space", "Space"},
    {kKeyBackspace, "Backspace", "Backspace"},
    {kKeyUp, "Up", "Up"},             {kKeyDown, "Down", "Down"},
    {kKeyLeft, "Left", "Left"},       {kKeyRight, "Right", "Right"},
    {kKeyPgUp, "PgUp", "PgUp"},       {kKeyPgDn, "PgDn", "PgDn"},
    {kKeyHome, "Home", "Home"},       {kKeyEnd, "End", "End"},
    {kKeyBackTab, "BackTab", "Shift-Tab"}, {kKeyDelete, "Delete", "Delete"},
    {'\\', "Backslash", "\\"},         {'<', "Lt", "<"},          {':', "Colon", ":"},
};

void AppendUtf8(std::string* out, int cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::string KeyName(int key) {
  for (const auto& n : kNamed)
    if (n.key == key) return n.name;
  if (key >= kKeyF1 && key < kKeyF1 + 12) return "F" + std::to_string(key - kKeyF1 + 1);
  if (key >= 1 && key <= 26) return std::string("C-") + static_cast<char>('a' + key - 1);
  if (key > 32 && key < kKeyBase) {
    std::string s;
    AppendUtf8(&s, key);
    return s;
  }
  char buf[16];
  snprintf(buf, sizeof buf, "U+%04X", key);
  return buf;
}

std::string KeyLabel(int key) {
  for (const auto& n : kNamed)
    if (n.key == key) return n.label;
  if (key >= 1 && key <= 26) return std::string("Ctrl-") + static_cast<char>('A' + key - 1);
  return KeyName(key);
}

std::string KeyText(int key) {
  std::string s;
  if (key >= 32 && key < kKeyBase && key != 127) AppendUtf8(&s, key);
  return s;
}

int ParseKeyName(std::string_view name) {
  for (const auto& n : kNamed)
    if (name == n.name) return n.key;
  if (name.size() >= 2 && name[0] == 'F' && name.find_first_not_of("0123456789", 1) == name.npos) {
    int f = std::stoi(std::string(name.substr(1)));
    if (f >= 1 && f <= 12) return kKeyF1 + f - 1;
    return -1;
  }
  if (name.size() == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
    char c = name[2];
    if (c >= 'a' && c <= 'z') return c - 'a' + 1;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 1;
    return -1;
  }
  if (name.size() == 1 && static_cast<unsigned char>(name[0]) > 32 &&
      static_cast<unsigned char>(name[0]) < 127)
    return name[0];
  return -1;
}

StatusOr<std::vector<int>> ParseKeys(std::string_view text) {
  std::vector<int> keys;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = text[i];
    if (c == '<') {
      size_t end = text.find('>', i + 1);
      if (end == std::string_view::npos)
        return Status::InvalidArgument("unterminated '<' in keys: " + std::string(text));
      std::string_view name = text.substr(i + 1, end - i - 1);
      int k = ParseKeyName(name);
      if (k < 0) return Status::InvalidArgument("unknown key <" + std::string(name) + ">");
      keys.push_back(k);
      i = end + 1;
      continue;
    }
    // A literal character, possibly multi-byte UTF-8.
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    if (i + len > text.size()) return Status::InvalidArgument("truncated UTF-8 in keys");
    int cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
    keys.push_back(cp);
    i += len;
  }
  return keys;
}

}  // namespace tfgraph::tui
