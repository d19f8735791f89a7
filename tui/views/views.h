// The views of the UI, one file each (ncdu's one-file-per-screen rule).
// Each factory returns a view ready to push on the App's stack.
#ifndef TFGRAPH_TUI_VIEWS_VIEWS_H_
#define TFGRAPH_TUI_VIEWS_VIEWS_H_

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "core/graph.h"
#include "tui/actions.h"
#include "tui/document.h"
#include "tui/lazy_stats.h"
#include "tui/search.h"
#include "tui/state.h"
#include "tui/view.h"

namespace tfgraph::tui {

// Node list: every node of a graph, sortable and filterable. Rows map to
// nodes through an order vector that exists only once the user sorts or
// filters, so opening a million-node graph costs nothing per node.
class NodeListView : public View {
 public:
  enum class Order { kGraph, kName, kOp };
  NodeListView(const Graph& graph, std::string title);
  std::string Title() const override { return title_; }
  std::string Info(const App& app) const override;
  std::string Header(const App& app, int width) const override;
  size_t RowCount() const override;
  std::string_view SearchText(size_t row) const override;
  void DrawRow(const App& app, Surface& s, int y, size_t row, bool selected) const override;
  TensorId TargetAt(size_t row) const override { return {NodeAt(row), 0}; }
  const Graph* graph() const override { return graph_; }
  unsigned Open(App& app, size_t row) override;
  unsigned OnCommand(App& app, Cmd cmd) override;

  int NodeAt(size_t row) const;
  // Row of a node, or -1 when filtered out. O(rows) when sorted/filtered.
  long RowOf(int node) const;
  void SetOrder(Order order);
  Order order() const { return order_; }
  void SetFilter(NodeFilter filter);
  const NodeFilter& filter() const { return filter_; }

 private:
  void Rebuild();
  const Graph* graph_;
  std::string title_;
  Order order_ = Order::kGraph;
  NodeFilter filter_;
  std::vector<int> rows_;  // empty and !indexed_: identity (graph order, no filter)
  bool indexed_ = false;
};

std::unique_ptr<View> MakeScopeTree(const Graph& graph);
std::unique_ptr<View> MakeDetail(const Graph& graph, int node);
std::unique_ptr<View> MakeNeighbours(const Graph& graph, int node, int depth = 2);
std::unique_ptr<View> MakeSignatures(const Document& doc);
std::unique_ptr<View> MakeOps(const Graph& graph);
// Variables with dtype, shape, bytes and the statistics of their checkpoint
// values from `stats` (null: the document has no checkpoint).
std::unique_ptr<View> MakeVariables(const Document& doc, std::shared_ptr<LazyStats> stats);
std::unique_ptr<View> MakeFunctions(const Document& doc);
std::unique_ptr<View> MakePreview(const App& app);
std::unique_ptr<View> MakeHelp(int width);
std::unique_ptr<View> MakeForm(const ActionRunner& runner, std::vector<Field> fields);
std::unique_ptr<View> MakeProgress(const ActionRunner& runner, Job& job);
std::unique_ptr<View> MakeResult(const ActionRunner& runner, const Job& job);
// The candidates view: ranked inputs and outputs (core/candidates.h).
std::unique_ptr<View> MakeCandidates(const Document& doc);
// The values view of a Const, or of a variable from the model's checkpoint;
// an error (shown in the status line) for any other node.
StatusOr<std::unique_ptr<View>> MakeValues(const Document& doc, const Graph& graph, int node);

// Shared row drawing: columns left to right; the last column takes the rest.
struct Column {
  std::string_view text;
  int width;  // columns; <= 0 means "the rest of the line"
  Role role = Role::kNormal;
  bool highlight = false;  // search matches highlighted
};
void DrawColumns(const App& app, Surface& s, int y, bool selected,
                 std::initializer_list<Column> columns);
// The same, for rows whose set of columns depends on the screen width.
void DrawColumns(const App& app, Surface& s, int y, bool selected,
                 const std::vector<Column>& columns);
// Two-column pick marker for a node of the main graph: "O " / "I " / "  ".
Column PickMark(const App& app, const Graph* graph, int node);

// A list of plain text rows, each optionally a jump target; used by the
// detail, neighbourhood, signatures, preview, result and help views.
struct TextRow {
  std::string text;
  Role role = Role::kNormal;
  TensorId target;  // valid: Enter opens it, o/i pick it
  std::string right;  // right-aligned secondary text (op)
};
class TextView : public View {
 public:
  TextView(const Graph* graph, std::string title) : graph_(graph), title_(std::move(title)) {}
  std::string Title() const override { return title_; }
  size_t RowCount() const override { return rows_.size(); }
  std::string_view SearchText(size_t row) const override { return rows_[row].text; }
  void DrawRow(const App& app, Surface& s, int y, size_t row, bool selected) const override;
  TensorId TargetAt(size_t row) const override { return rows_[row].target; }
  const Graph* graph() const override { return graph_; }
  unsigned Open(App& app, size_t row) override;

 protected:
  void Add(std::string text, Role role = Role::kNormal, TensorId target = {},
           std::string right = "") {
    rows_.push_back({std::move(text), role, target, std::move(right)});
  }
  const Graph* graph_;
  std::string title_;
  std::vector<TextRow> rows_;
};

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_VIEWS_VIEWS_H_
