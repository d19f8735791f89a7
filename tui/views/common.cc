// Row drawing shared by all views, and the plain text-row view.
#include "tui/text.h"
#include "tui/views/views.h"

namespace tfgraph::tui {

namespace {

template <typename Columns>
void DrawColumnList(const App& app, Surface& s, int y, bool selected, const Columns& columns) {
  int x = 0;
  int w = s.width();
  if (selected) s.Fill(y, 0, w, Role::kSelected);
  for (const Column& c : columns) {
    if (x >= w) break;
    int cols = c.width <= 0 ? w - x : std::min(c.width, w - x);
    Role role = selected && c.role != Role::kPickOut && c.role != Role::kPickIn ? Role::kSelected
                                                                                : c.role;
    app.PutText(s, y, x, Truncate(c.text, cols), cols, role, c.highlight);
    x += cols;
  }
}

}  // namespace

void DrawColumns(const App& app, Surface& s, int y, bool selected,
                 std::initializer_list<Column> columns) {
  DrawColumnList(app, s, y, selected, columns);
}

void DrawColumns(const App& app, Surface& s, int y, bool selected,
                 const std::vector<Column>& columns) {
  DrawColumnList(app, s, y, selected, columns);
}

Column PickMark(const App& app, const Graph* graph, int node) {
  if (graph != &app.doc().graph() || node < 0) return {"  ", 2};
  if (app.picks().Has(PickKind::kOutput, node)) return {"O ", 2, Role::kPickOut};
  if (app.picks().Has(PickKind::kInput, node)) return {"I ", 2, Role::kPickIn};
  return {"  ", 2};
}

void TextView::DrawRow(const App& app, Surface& s, int y, size_t row, bool selected) const {
  const TextRow& r = rows_[row];
  Column mark = PickMark(app, graph_, r.target.node);
  int right_w = r.right.empty() ? 0 : std::min(32, DisplayWidth(r.right) + 2);
  std::string right = r.right.empty() ? "" : "  " + r.right;
  if (right_w == 0) {
    DrawColumns(app, s, y, selected, {mark, {r.text, 0, r.role, true}});
  } else {
    DrawColumns(app, s, y, selected,
                {mark, {r.text, s.width() - 2 - right_w, r.role, true},
                 {right, 0, Role::kDim}});
  }
}

unsigned TextView::Open(App& app, size_t row) {
  const TextRow& r = rows_[row];
  if (!r.target.valid() || !graph_) return kUnhandled;
  return app.OpenNode(*graph_, r.target.node);
}

}  // namespace tfgraph::tui
