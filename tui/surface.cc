#include "tui/surface.h"

#include "tui/text.h"

namespace tfgraph::tui {

int Surface::Put(int y, int x, std::string_view text, Role role, int max_cols) {
  if (y < 0 || y >= height() || x < 0 || x >= width()) return 0;
  int limit = std::min(max_cols, width() - x);
  int used = 0;
  bool full = false;
  ForEachGlyph(text, [&](std::string_view g, int w, size_t) {
    if (full || w == 0) return;  // combining marks are dropped, not mis-placed
    if (used + w > limit) {
      full = true;
      return;
    }
    PutGlyph(y, x + used, g, w, role);
    used += w;
  });
  return used;
}

void Surface::Fill(int y, int x, int cols, Role role) {
  for (int i = 0; i < cols && x + i < width(); ++i) PutGlyph(y, x + i, " ", 1, role);
}

MemorySurface::MemorySurface(int width, int height)
    : width_(width), height_(height), cells_(static_cast<size_t>(width * height)) {}

void MemorySurface::Clear() {
  for (auto& c : cells_) c = Cell();
}

void MemorySurface::Resize(int width, int height) {
  width_ = width;
  height_ = height;
  cells_.assign(static_cast<size_t>(width * height), Cell());
}

void MemorySurface::PutGlyph(int y, int x, std::string_view glyph, int width, Role role) {
  Cell& c = cells_[y * width_ + x];
  c.glyph.assign(glyph);
  c.role = role;
  if (width == 2 && x + 1 < width_) {
    Cell& right = cells_[y * width_ + x + 1];
    right.glyph.clear();
    right.role = role;
  }
}

std::string MemorySurface::Line(int y) const {
  std::string line;
  for (int x = 0; x < width_; ++x) line += cells_[y * width_ + x].glyph;
  size_t end = line.find_last_not_of(' ');
  line.resize(end == std::string::npos ? 0 : end + 1);
  return line;
}

std::string MemorySurface::ToString() const {
  std::string out;
  for (int y = 0; y < height_; ++y) out += Line(y) + "\n";
  return out;
}

}  // namespace tfgraph::tui
