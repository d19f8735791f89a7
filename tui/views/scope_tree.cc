// The scope tree: name scopes ("a/b/c") folded and unfolded, with the number
// of nodes under each scope. Built once when opened (O(nodes x depth)); fold
// and unfold only touch the rows of the scope concerned.
#include <algorithm>
#include <unordered_map>

#include "tui/text.h"
#include "tui/views/views.h"

namespace tfgraph::tui {
namespace {

class ScopeTreeView : public View {
 public:
  explicit ScopeTreeView(const Graph& graph) : graph_(&graph) {
    entries_.push_back({"", -1, -1, {}, 0, false});  // root
    child_index_.reserve(static_cast<size_t>(graph.size()));
    for (int i = 0; i < graph.size(); ++i) Insert(i);
    for (auto& e : entries_) e.children_sorted = false;
    entries_[0].open = true;
    for (int c : Children(0)) rows_.push_back({c, 0});
  }

  std::string Title() const override { return "scope tree"; }
  std::string Info(const App&) const override {
    return Thousands(entries_[0].count) + " nodes in " + Thousands(Children(0).size()) +
           " top-level scopes";
  }
  std::string Header(const App&, int width) const override {
    return "  " + PadRight("scope", width - 2 - 30) + PadRight("nodes", 10) + "op";
  }
  size_t RowCount() const override { return rows_.size(); }
  std::string_view SearchText(size_t row) const override {
    return entries_[rows_[row].entry].name;
  }
  void DrawRow(const App& app, Surface& s, int y, size_t row, bool selected) const override {
    const Row& r = rows_[row];
    const Entry& e = entries_[r.entry];
    std::string indent(static_cast<size_t>(r.depth) * 2, ' ');
    std::string marker = e.children.empty() ? "  " : e.open ? "- " : "+ ";
    std::string count = e.children.empty() ? "" : Thousands(e.count);
    std::string op = e.node >= 0 ? std::string(graph_->op(e.node)) : "";
    int name_w = s.width() - 2 - 30;
    DrawColumns(app, s, y, selected,
                {PickMark(app, graph_, e.node),
                 {indent + marker, std::min(name_w, static_cast<int>(indent.size()) + 2)},
                 {e.name, name_w - std::min(name_w, static_cast<int>(indent.size()) + 2),
                  Role::kNormal, true},
                 {count, 10, Role::kDim},
                 {op, 0, Role::kDim}});
  }
  TensorId TargetAt(size_t row) const override { return {entries_[rows_[row].entry].node, 0}; }
  const Graph* graph() const override { return graph_; }

  unsigned Open(App& app, size_t row) override {
    Entry& e = entries_[rows_[row].entry];
    if (e.children.empty()) return e.node >= 0 ? app.OpenNode(*graph_, e.node) : kClean;
    if (e.open) {
      // Remove every row below this one that is deeper.
      size_t end = row + 1;
      while (end < rows_.size() && rows_[end].depth > rows_[row].depth) ++end;
      rows_.erase(rows_.begin() + static_cast<long>(row) + 1, rows_.begin() + static_cast<long>(end));
      e.open = false;
    } else {
      std::vector<Row> add;
      for (int c : Children(rows_[row].entry)) add.push_back({c, rows_[row].depth + 1});
      rows_.insert(rows_.begin() + static_cast<long>(row) + 1, add.begin(), add.end());
      e.open = true;
    }
    return kDirtyBody;
  }

 private:
  struct Entry {
    std::string_view name;  // one path component, viewing the graph's own name
    int parent;
    int node;          // the graph node with exactly this full name, or -1
    std::vector<int> children;
    int count;         // graph nodes in this subtree, this one included
    bool open;
    bool children_sorted = false;
  };
  struct Row {
    int entry;
    int depth;
  };

  void Insert(int node) {
    std::string_view name = graph_->name(node);
    int cur = 0;
    entries_[0].count++;
    size_t pos = 0;
    while (true) {
      size_t slash = name.find('/', pos);
      std::string_view part =
          name.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
      int child = FindChild(cur, part);
      if (child < 0) {
        child = static_cast<int>(entries_.size());
        entries_.push_back({part, cur, -1, {}, 0, false});
        child_index_.emplace(ChildKey{cur, part}, child);
        entries_[cur].children.push_back(child);
      }
      entries_[child].count++;
      cur = child;
      if (slash == std::string_view::npos) break;
      pos = slash + 1;
    }
    if (entries_[cur].node < 0) entries_[cur].node = node;
  }

  int FindChild(int parent, std::string_view part) {
    auto it = child_index_.find(ChildKey{parent, part});
    return it == child_index_.end() ? -1 : it->second;
  }

  // Children sorted by name, once.
  const std::vector<int>& Children(int e) const {
    Entry& en = const_cast<Entry&>(entries_[e]);
    if (!en.children_sorted) {
      auto& ents = entries_;
      std::sort(en.children.begin(), en.children.end(),
                [&ents](int a, int b) { return ents[a].name < ents[b].name; });
      en.children_sorted = true;
    }
    return en.children;
  }

  const Graph* graph_;
  std::vector<Entry> entries_;
  struct ChildKey {
    int parent;
    std::string_view part;
    bool operator==(const ChildKey& o) const { return parent == o.parent && part == o.part; }
  };
  struct ChildHash {
    size_t operator()(const ChildKey& k) const {
      return std::hash<std::string_view>()(k.part) * 31 + static_cast<size_t>(k.parent);
    }
  };
  std::unordered_map<ChildKey, int, ChildHash> child_index_;
  std::vector<Row> rows_;
};

}  // namespace

std::unique_ptr<View> MakeScopeTree(const Graph& graph) {
  return std::make_unique<ScopeTreeView>(graph);
}

}  // namespace tfgraph::tui
