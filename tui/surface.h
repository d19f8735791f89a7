// Surface: the grid of character cells the UI draws on.
//
// Drawing code writes text with a semantic Role (never a raw colour); the
// terminal maps roles to curses attributes (tui/terminal.cc) and tests map
// them to nothing. MemorySurface keeps the cells in memory so the headless
// mode and unit tests can read the screen back as text (FTXUI- and tig-style
// screen tests). All text goes through ForEachGlyph (tui/text.h), so control
// bytes in names cannot reach the terminal.
#ifndef TFGRAPH_TUI_SURFACE_H_
#define TFGRAPH_TUI_SURFACE_H_

#include <string>
#include <string_view>
#include <vector>

namespace tfgraph::tui {

enum class Role {
  kNormal,
  kTitle,      // the top bar
  kHeader,     // column headings and section titles
  kSelected,   // the cursor row
  kMatch,      // search matches inside a row
  kStatus,     // the bottom bar
  kError,      // errors in the status line
  kDim,        // secondary text (ops, devices, counts)
  kPickOut,    // tensors picked as outputs
  kPickIn,     // tensors picked as inputs
  kWarning,    // freeze preview warnings
  kBorder,     // overlay frames
};

class Surface {
 public:
  virtual ~Surface() = default;
  virtual int width() const = 0;
  virtual int height() const = 0;
  // Writes text at (y, x) using at most max_cols columns (clipped at the
  // right edge too); returns the columns written.
  int Put(int y, int x, std::string_view text, Role role, int max_cols = 1 << 30);
  // Fills columns [x, x + cols) of row y with spaces in a role.
  void Fill(int y, int x, int cols, Role role);
  virtual void Clear() = 0;

 protected:
  // One glyph of display width 1 or 2 at (y, x), already known to fit.
  virtual void PutGlyph(int y, int x, std::string_view glyph, int width, Role role) = 0;
};

class MemorySurface : public Surface {
 public:
  MemorySurface(int width, int height);
  int width() const override { return width_; }
  int height() const override { return height_; }
  void Clear() override;
  void Resize(int width, int height);

  // The screen as lines of text, trailing spaces removed, '\n'-terminated.
  std::string ToString() const;
  std::string Line(int y) const;
  Role RoleAt(int y, int x) const { return cells_[y * width_ + x].role; }

 protected:
  void PutGlyph(int y, int x, std::string_view glyph, int width, Role role) override;

 private:
  struct Cell {
    std::string glyph = " ";  // empty for the right half of a wide glyph
    Role role = Role::kNormal;
  };
  int width_, height_;
  std::vector<Cell> cells_;
};

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_SURFACE_H_
