// The help overlay, drawn from the command table (tui/commands.h).
#include "tui/views/views.h"

namespace tfgraph::tui {
namespace {

class HelpView : public View {
 public:
  explicit HelpView(int width) {
    lines_ = HelpLines(width);
    for (const auto& g : Groups()) groups_.push_back(g);
  }
  std::string Title() const override { return "help"; }
  std::string Info(const App&) const override { return "q or Esc closes"; }
  size_t RowCount() const override { return lines_.size(); }
  std::string_view SearchText(size_t row) const override { return lines_[row]; }
  void DrawRow(const App& app, Surface& s, int y, size_t row, bool selected) const override {}
  bool is_overlay() const override { return true; }
  const std::string& line(size_t i) const { return lines_[i]; }
  bool IsGroup(size_t i) const {
    return std::find(groups_.begin(), groups_.end(), lines_[i]) != groups_.end();
  }
  unsigned OnCommand(App& app, Cmd cmd) override {
    if (cmd == Cmd::kCancel || cmd == Cmd::kHelp) return app.Back();
    return kUnhandled;
  }

 private:
  std::vector<std::string> lines_;
  std::vector<std::string> groups_;
};

}  // namespace

std::unique_ptr<View> MakeHelp(int width) { return std::make_unique<HelpView>(width); }

// The overlay box: the view beneath stays visible around it.
void DrawHelpLines(const App& app, Surface& s, const View& v, int top, int height, int left,
                   int width) {
  const auto& h = static_cast<const HelpView&>(v);
  for (int i = 0; i < height; ++i) {
    size_t row = v.top + static_cast<size_t>(i);
    s.Fill(top + i, left, width, Role::kNormal);
    if (row >= h.RowCount()) continue;
    bool sel = row == v.cursor;
    if (sel) s.Fill(top + i, left, width, Role::kSelected);
    app.PutText(s, top + i, left + 1, h.line(row), width - 2,
                sel ? Role::kSelected : h.IsGroup(row) ? Role::kHeader : Role::kNormal, true);
  }
}

}  // namespace tfgraph::tui
