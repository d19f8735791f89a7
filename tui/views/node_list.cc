// The node list: name, op, dtype and shape, device, for every node.
#include <algorithm>

#include "tui/attr_format.h"
#include "tui/text.h"
#include "tui/views/views.h"

namespace tfgraph::tui {
namespace {

struct Widths {
  int name, op, type, device;
};

Widths Layout(int width) {
  Widths w;
  w.op = 18;
  w.type = 18;
  w.device = width >= 120 ? 30 : width >= 100 ? 20 : 10;
  w.name = std::max(10, width - 2 - w.op - w.type - w.device);
  return w;
}

const char* OrderName(NodeListView::Order o) {
  switch (o) {
    case NodeListView::Order::kGraph: return "graph order";
    case NodeListView::Order::kName: return "by name";
    case NodeListView::Order::kOp: return "by op";
  }
  return "";
}

}  // namespace

NodeListView::NodeListView(const Graph& graph, std::string title)
    : graph_(&graph), title_(std::move(title)) {}

std::string NodeListView::Info(const App& app) const {
  std::string info = Thousands(RowCount());
  if (!filter_.empty()) info += " of " + Thousands(graph_->size());
  info += " nodes, " + std::string(OrderName(order_));
  if (!filter_.empty()) info += ", filter: " + filter_.text();
  return info;
}

std::string NodeListView::Header(const App& app, int width) const {
  Widths w = Layout(width);
  return "  " + PadRight("name", w.name) + PadRight("op", w.op) + PadRight("dtype shape", w.type) +
         "device";
}

size_t NodeListView::RowCount() const {
  return indexed_ ? rows_.size() : static_cast<size_t>(graph_->size());
}

int NodeListView::NodeAt(size_t row) const {
  if (row >= RowCount()) return -1;
  return indexed_ ? rows_[row] : static_cast<int>(row);
}

long NodeListView::RowOf(int node) const {
  if (!indexed_) return node;
  for (size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i] == node) return static_cast<long>(i);
  return -1;
}

std::string_view NodeListView::SearchText(size_t row) const { return graph_->name(NodeAt(row)); }

void NodeListView::DrawRow(const App& app, Surface& s, int y, size_t row, bool selected) const {
  int node = NodeAt(row);
  // def(), not node(): drawing rows never waits for the graph's edge index,
  // so the first screen of a big graph appears before the index is built.
  const auto& def = graph_->def(node);
  Widths w = Layout(s.width());
  std::string type = NodeTypeText(def);
  DrawColumns(app, s, y, selected,
              {PickMark(app, graph_, node),
               {def.name(), w.name - 1, Role::kNormal, true},
               {" ", 1},
               {def.op(), w.op - 1, Role::kDim},
               {" ", 1},
               {type, w.type - 1, Role::kNormal},
               {" ", 1},
               {def.device(), 0, Role::kDim}});
}

unsigned NodeListView::Open(App& app, size_t row) {
  int node = NodeAt(row);
  if (node < 0) return kClean;
  return app.OpenNode(*graph_, node);
}

unsigned NodeListView::OnCommand(App& app, Cmd cmd) {
  if (cmd != Cmd::kSort) return kUnhandled;
  int keep = NodeAt(cursor);
  Order next = order_ == Order::kGraph ? Order::kName
               : order_ == Order::kName ? Order::kOp
                                        : Order::kGraph;
  SetOrder(next);
  long row = keep >= 0 ? RowOf(keep) : 0;
  app.SetCursor(row < 0 ? 0 : static_cast<size_t>(row));
  app.SetMessage(std::string("sorted ") + OrderName(order_));
  return kDirtyAll;
}

void NodeListView::SetOrder(Order order) {
  order_ = order;
  Rebuild();
}

void NodeListView::SetFilter(NodeFilter filter) {
  filter_ = std::move(filter);
  Rebuild();
  cursor = 0;
  top = 0;
}

void NodeListView::Rebuild() {
  if (order_ == Order::kGraph && filter_.empty()) {
    rows_.clear();
    rows_.shrink_to_fit();
    indexed_ = false;
    return;
  }
  indexed_ = true;
  rows_.clear();
  const int n = graph_->size();
  rows_.reserve(filter_.empty() ? static_cast<size_t>(n) : 1024);
  for (int i = 0; i < n; ++i)
    if (filter_.empty() || filter_.Matches(*graph_, i)) rows_.push_back(i);
  const Graph* g = graph_;
  if (order_ == Order::kGraph) return;
  // Sort keys gathered next to their node index: the comparisons then read
  // contiguous memory instead of chasing NodeDef pointers.
  // The first 8 bytes of the primary key, big-endian, decide most
  // comparisons without touching the strings.
  struct Key {
    uint64_t prefix;
    std::string_view op, name;
    int node;
  };
  auto prefix = [](std::string_view s) {
    uint64_t v = 0;
    for (size_t i = 0; i < 8; ++i)
      v = (v << 8) | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0);
    return v;
  };
  std::vector<Key> keys;
  keys.reserve(rows_.size());
  for (int r : rows_) {
    std::string_view op = order_ == Order::kOp ? g->op(r) : std::string_view();
    keys.push_back({prefix(order_ == Order::kOp ? op : g->name(r)), op, g->name(r), r});
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    if (a.op != b.op) return a.op < b.op;
    if (a.name != b.name) return a.name < b.name;
    return a.node < b.node;
  });
  for (size_t i = 0; i < keys.size(); ++i) rows_[i] = keys[i].node;
}

}  // namespace tfgraph::tui
