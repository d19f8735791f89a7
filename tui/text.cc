#include "tui/text.h"

#include <algorithm>
#include <cstdio>

namespace tfgraph::tui {
namespace {

struct Range {
  uint32_t lo, hi;
};

bool InRanges(uint32_t cp, const Range* r, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (cp >= r[i].lo && cp <= r[i].hi) return true;
  return false;
}

// Combining marks and zero-width characters (the common blocks).
constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}};

// East Asian wide and fullwidth, and emoji (after Markus Kuhn's wcwidth).
constexpr Range kWide[] = {
    {0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD}};

// Decodes one UTF-8 sequence at s[i]; returns its length, 0 if invalid.
size_t Decode(std::string_view s, size_t i, uint32_t* cp) {
  unsigned char c = s[i];
  size_t len;
  uint32_t v;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2;
    v = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    v = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    v = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) return 0;
    v = (v << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and out-of-range values are invalid.
  if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
      v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  *cp = v;
  return len;
}

}  // namespace

int CodePointWidth(uint32_t cp) {
  if (InRanges(cp, kZeroWidth, sizeof kZeroWidth / sizeof kZeroWidth[0])) return 0;
  if (InRanges(cp, kWide, sizeof kWide / sizeof kWide[0])) return 2;
  return 1;
}

void ForEachGlyph(std::string_view text,
                  const std::function<void(std::string_view, int, size_t)>& fn) {
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp = 0;
    size_t len = Decode(text, i, &cp);
    if (len == 0 || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
      fn("?", 1, i);
      i += len == 0 ? 1 : len;
      continue;
    }
    fn(text.substr(i, len), CodePointWidth(cp), i);
    i += len;
  }
}

int DisplayWidth(std::string_view text) {
  int w = 0;
  ForEachGlyph(text, [&](std::string_view, int gw, size_t) { w += gw; });
  return w;
}

std::string Truncate(std::string_view text, int max_cols) {
  if (max_cols <= 0) return "";
  if (DisplayWidth(text) <= max_cols) {
    std::string out;
    ForEachGlyph(text, [&](std::string_view g, int, size_t) { out.append(g); });
    return out;
  }
  std::string out;
  int w = 0;
  bool full = false;
  ForEachGlyph(text, [&](std::string_view g, int gw, size_t) {
    if (full) return;
    if (w + gw > max_cols - 1) {
      full = true;
      return;
    }
    out.append(g);
    w += gw;
  });
  out.append(static_cast<size_t>(max_cols - 1 - w), ' ');
  out.push_back('~');
  return out;
}

std::string PadRight(std::string_view text, int cols) {
  std::string out = Truncate(text, cols);
  int w = DisplayWidth(out);
  if (w < cols) out.append(static_cast<size_t>(cols - w), ' ');
  return out;
}

std::vector<std::string> Wrap(std::string_view text, int cols) {
  std::vector<std::string> lines;
  cols = std::max(1, cols);
  while (!text.empty()) {
    if (DisplayWidth(text) <= cols) {
      lines.emplace_back(text);
      break;
    }
    // The byte offset where `cols` columns end.
    size_t end = 0;
    int w = 0;
    ForEachGlyph(text, [&](std::string_view g, int gw, size_t at) {
      if (w + gw <= cols && end == at) {
        w += gw;
        end = at + g.size();
      }
    });
    size_t cut = text.rfind(' ', end);
    if (cut == std::string_view::npos || cut == 0) cut = end;
    lines.emplace_back(text.substr(0, cut));
    text.remove_prefix(cut);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  }
  return lines;
}

std::string Thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count && count % 3 == 0) out.push_back(',');
    out.push_back(*it);
    ++count;
  }
  return std::string(out.rbegin(), out.rend());
}

std::string HumanBytes(uint64_t n) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

}  // namespace tfgraph::tui
