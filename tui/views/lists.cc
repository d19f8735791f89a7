// Summary views: signatures, op histogram, variables, functions.
#include <algorithm>
#include <cstdio>
#include <deque>
#include <map>

#include <re2/re2.h>

#include "core/attr_format.h"
#include "core/dtype.h"
#include "core/prune.h"
#include "core/variables.h"
#include "tui/attr_format.h"
#include "tui/text.h"
#include "tui/views/views.h"

namespace tfgraph::tui {
namespace {

// Signatures: o or i on a signature's title row picks all its outputs and
// inputs at once.
class SignaturesView : public TextView {
 public:
  explicit SignaturesView(const Document& doc) : TextView(&doc.graph(), "signatures"), doc_(doc) {
    if (doc.signatures().empty()) Add("This model has no signatures.", Role::kDim);
    for (size_t s = 0; s < doc.signatures().size(); ++s) {
      const Signature& sig = doc.signatures()[s];
      starts_.push_back(rows_.size());
      Add(sig.key + "  (" + sig.method + ")", Role::kHeader);
      for (int pass = 0; pass < 2; ++pass) {
        const auto& tensors = pass == 0 ? sig.inputs : sig.outputs;
        for (const auto& t : tensors) {
          TensorId id;
          auto r = doc.graph().Resolve(t.name);
          if (r.ok()) id = {r->node, r->output};
          Add(std::string(pass == 0 ? "  in   " : "  out  ") + t.key + " -> " + t.name,
              id.valid() ? Role::kNormal : Role::kError, id,
              DTypeName(t.dtype) + " " + FormatDims(t.shape));
        }
      }
    }
  }
  std::string Info(const App&) const override {
    return std::to_string(doc_.signatures().size()) + " signatures";
  }
  unsigned OnCommand(App& app, Cmd cmd) override {
    if (cmd != Cmd::kPickOutput && cmd != Cmd::kPickInput) return kUnhandled;
    for (size_t s = 0; s < starts_.size(); ++s) {
      if (starts_[s] != cursor) continue;
      const Signature& sig = doc_.signatures()[s];
      int n = 0;
      for (int pass = 0; pass < 2; ++pass) {
        for (const auto& t : pass == 0 ? sig.inputs : sig.outputs) {
          auto r = doc_.graph().Resolve(t.name);
          if (!r.ok()) continue;
          TensorId id{r->node, r->output};
          PickKind kind = pass == 0 ? PickKind::kInput : PickKind::kOutput;
          const auto& have = kind == PickKind::kInput ? app.picks().inputs() : app.picks().outputs();
          if (std::find(have.begin(), have.end(), id) == have.end()) app.picks().Toggle(kind, id);
          ++n;
        }
      }
      app.SetMessage("picked the " + std::to_string(n) + " tensors of signature " + sig.key);
      return kDirtyAll;
    }
    return kUnhandled;  // a tensor row: the generic pick applies
  }

 private:
  const Document& doc_;
  std::vector<size_t> starts_;
};

class OpsView : public TextView {
 public:
  explicit OpsView(const Graph& graph) : TextView(&graph, "op histogram") {
    std::map<std::string_view, int> counts;
    for (int i = 0; i < graph.size(); ++i) counts[graph.op(i)]++;
    std::vector<std::pair<std::string_view, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [op, n] : sorted) {
      ops_.emplace_back(op);
      Add(PadRight(Thousands(n), 12) + std::string(op));
    }
    total_ = graph.size();
  }
  std::string Info(const App&) const override {
    return std::to_string(ops_.size()) + " ops over " + Thousands(total_) + " nodes";
  }
  std::string Header(const App&, int) const override { return "  " + PadRight("count", 12) + "op"; }
  TensorId TargetAt(size_t) const override { return {}; }
  unsigned Open(App& app, size_t row) override {
    auto list = std::make_unique<NodeListView>(*graph_, "nodes");
    auto f = NodeFilter::Parse("op:^" + RE2::QuoteMeta(ops_[row]) + "$");
    if (f.ok()) list->SetFilter(std::move(f).value());
    app.Push(std::move(list));
    return kDirtyAll;
  }

 private:
  std::vector<std::string> ops_;
  int total_ = 0;
};

// Variables: name, dtype and shape, bytes, and the statistics of each
// variable's checkpoint value. Statistics are asked of the LazyStats while a
// row is drawn, so only rows on screen are ever computed (off the UI
// thread); a row shows "..." until its numbers arrive and the App redraws.
//
// Columns: the name takes what the others leave (at least kNameMin), and the
// statistics come in order of use as the terminal widens: min, max and mean
// at 80 columns, std from 90, NaN and Inf counts from 106, zeros from 116.
// Below 106 a value with NaNs or Infs shows their count in place of its
// last statistic.
struct StatColumn {
  const char* title;
  int width;  // right-aligned, the leading space included
  bool with_next = false;  // shown only together with the next column
};
constexpr StatColumn kStatColumns[] = {{"min", 10}, {"max", 10},      {"mean", 10},
                                       {"std", 10}, {"nan", 8, true}, {"inf", 8},
                                       {"zeros", 10}};
constexpr int kStatCount = sizeof kStatColumns / sizeof kStatColumns[0];
constexpr int kMarkW = 2, kNameMin = 21, kTypeW = 17, kBytesW = 10;

struct VarLayout {
  int name = kNameMin;
  int stats = 0;       // the first `stats` of kStatColumns are shown
  int stats_w = 0;     // their total width
};

VarLayout LayoutVars(int width) {
  VarLayout l;
  int room = width - kMarkW - kNameMin - kTypeW - kBytesW;
  while (l.stats < kStatCount) {
    int n = kStatColumns[l.stats].with_next ? 2 : 1;
    int w = 0;
    for (int c = l.stats; c < l.stats + n; ++c) w += kStatColumns[c].width;
    if (w > room) break;
    room -= w;
    l.stats_w += w;
    l.stats += n;
  }
  l.name = std::max(kNameMin, width - kMarkW - kTypeW - kBytesW - l.stats_w);
  return l;
}

std::string PadLeft(std::string_view text, int cols) {
  int w = DisplayWidth(text);
  if (w >= cols) return std::string(text);
  return std::string(static_cast<size_t>(cols - w), ' ') + std::string(text);
}

// Variable names that are too long are cut at the front, not the end: the
// names of a variable's optimizer slots and averages differ only in their
// last part ("dense/kernel/Adam", "dense/kernel/Adam_1").
std::string TruncateFront(std::string_view text, int cols) {
  if (DisplayWidth(text) <= cols) return std::string(text);
  if (cols <= 1) return Truncate(text, cols);
  std::vector<std::pair<size_t, int>> glyphs;  // byte offset, display width
  ForEachGlyph(text, [&](std::string_view, int w, size_t at) { glyphs.emplace_back(at, w); });
  int width = 0;
  size_t start = text.size();
  for (auto it = glyphs.rbegin(); it != glyphs.rend() && width + it->second <= cols - 1; ++it) {
    width += it->second;
    start = it->first;
  }
  return "~" + std::string(text.substr(start));
}

// Three significant digits: every value fits its column ("-1.23e-05"), and
// the values view (v) has them all.
std::string Short(double v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

class VariablesView : public TextView {
 public:
  VariablesView(const Document& doc, std::shared_ptr<LazyStats> stats)
      : TextView(&doc.graph(), "variables"), stats_(std::move(stats)) {
    const Graph& g = doc.graph();
    uint64_t total = 0;
    for (int i = 0; i < g.size(); ++i) {
      if (!CreatesVariable(g.op(i))) continue;
      int64_t bytes = VariableBytes(g, i);
      if (bytes > 0) total += static_cast<uint64_t>(bytes);
      const auto& attrs = g.node(i).def->attr();
      std::string dtype = attrs.count("dtype") ? DTypeName(attrs.at("dtype").type()) : "?";
      std::string shape = attrs.count("shape") ? FormatShape(attrs.at("shape").shape()) : "?";
      Add(std::string(g.name(i)), Role::kNormal, {i, 0});
      vars_.push_back({dtype + " " + shape, bytes >= 0 ? HumanBytes(bytes) : "?"});
    }
    if (vars_.empty()) Add("No variable nodes in this graph.", Role::kDim);
    total_ = total;
  }
  std::string Info(const App&) const override {
    std::string info = std::to_string(vars_.size()) + " variables, " + HumanBytes(total_);
    if (!stats_ && !vars_.empty()) info += ", graph only (no checkpoint)";
    return info;
  }
  std::string Header(const App&, int width) const override {
    if (vars_.empty()) return "";
    VarLayout l = LayoutVars(width);
    std::string h = "  " + PadRight("name", l.name) + PadRight("dtype shape", kTypeW) +
                    PadLeft("bytes", kBytesW);
    for (int c = 0; c < l.stats; ++c) h += PadLeft(kStatColumns[c].title, kStatColumns[c].width);
    return h;
  }
  void DrawRow(const App& app, Surface& s, int y, size_t row, bool selected) const override {
    if (vars_.empty()) return TextView::DrawRow(app, s, y, row, selected);
    const TextRow& r = rows_[row];
    const Var& v = vars_[row];
    VarLayout l = LayoutVars(s.width());
    // The columns' text lives here while drawn (a deque: growing it moves
    // no string the columns point into).
    std::deque<std::string> cells;
    cells.push_back(TruncateFront(r.text, l.name - 1));
    const std::string& name = cells.back();
    // Bytes are right-aligned in their column, as numbers are.
    cells.push_back(PadLeft(v.bytes, kBytesW));
    std::vector<Column> cols = {PickMark(app, graph_, r.target.node),
                                {name, l.name - 1, Role::kNormal, true},
                                {" ", 1},
                                {v.type, kTypeW - 1, Role::kNormal},
                                {" ", 1},
                                {cells.back(), kBytesW, Role::kDim}};
    StatsCells(r.target.node, l, &cells, &cols);
    DrawColumns(app, s, y, selected, cols);
  }

 private:
  struct Var {
    std::string type;   // "float32 (4, 3)"
    std::string bytes;  // "48 B", or "?" when the shape is not fully known
  };

  // The statistics part of a row: one cell per shown column, or one text
  // across all of them when there are no numbers to show.
  void StatsCells(int node, const VarLayout& l, std::deque<std::string>* cells,
                  std::vector<Column>* cols) const {
    auto across = [&](std::string text, Role role) {
      cells->push_back("  " + std::move(text));
      cols->push_back({cells->back(), 0, role});
    };
    if (!stats_) return across("graph only: no checkpoint", Role::kDim);
    VarStats r = stats_->Get(node);
    switch (r.kind) {
      case VarStats::Kind::kPending:
        cells->push_back(PadLeft("...", kStatColumns[0].width));
        cols->push_back({cells->back(), 0, Role::kDim});
        return;
      case VarStats::Kind::kNoValue: return across(r.message, Role::kDim);
      case VarStats::Kind::kError: return across("error: " + r.message, Role::kError);
      case VarStats::Kind::kStats: break;
    }
    const TensorStats& st = r.stats;
    const int64_t inf = st.pos_inf + st.neg_inf;
    if (st.string_like)
      return across("length " + std::to_string(st.min_length) + ".." +
                        std::to_string(st.max_length) + " bytes",
                    Role::kNormal);
    if (st.count == 0) return across("empty", Role::kDim);
    if (st.finite == 0 && st.nan + inf == 0)
      return across("values not decoded (no decoder for this dtype)", Role::kDim);
    if (st.finite == 0)
      return across("no finite values: nan " + std::to_string(st.nan) + ", inf " +
                        std::to_string(inf),
                    Role::kError);
    for (int c = 0; c < l.stats; ++c) {
      std::string text;
      Role role = Role::kNormal;
      switch (c) {
        case 0: text = Short(st.min); break;
        case 1: text = Short(st.max); break;
        case 2: text = Short(st.mean); break;
        case 3: text = Short(st.std); break;
        case 4: text = std::to_string(st.nan); role = st.nan ? Role::kError : Role::kDim; break;
        case 5: text = std::to_string(inf); role = inf ? Role::kError : Role::kDim; break;
        case 6: text = std::to_string(st.zeros); role = Role::kDim; break;
      }
      // Too narrow for the NaN and Inf columns: a value that has any says
      // so in place of its last statistic, rather than not at all.
      if (c == l.stats - 1 && l.stats <= 4 && st.nan + inf > 0) {
        std::string label = st.nan && inf ? "nan+inf" : st.nan ? "nan" : "inf";
        text = label + " " + std::to_string(st.nan + inf);
        if (static_cast<int>(text.size()) >= kStatColumns[c].width) text = label;
        role = Role::kError;
      }
      cells->push_back(PadLeft(text, kStatColumns[c].width));
      cols->push_back({cells->back(), kStatColumns[c].width, role});
    }
  }

  std::shared_ptr<LazyStats> stats_;
  std::vector<Var> vars_;  // parallel to rows_ when there are variables
  uint64_t total_ = 0;
};

class FunctionsView : public TextView {
 public:
  explicit FunctionsView(const Document& doc)
      : TextView(nullptr, "functions"), doc_(doc), names_(doc.FunctionNames()) {
    for (const auto& n : names_) Add(n);
    if (names_.empty()) Add("No library functions in this graph.", Role::kDim);
  }
  std::string Info(const App&) const override {
    return std::to_string(names_.size()) + " functions";
  }
  unsigned Open(App& app, size_t row) override {
    if (row >= names_.size()) return kClean;
    auto g = doc_.FunctionGraph(names_[row]);
    if (!g.ok()) {
      app.SetMessage(g.status().message(), true);
      return kDirtyStatus;
    }
    app.Push(std::make_unique<NodeListView>(**g, "function " + names_[row]));
    return kDirtyAll;
  }

 private:
  const Document& doc_;
  std::vector<std::string> names_;
};

}  // namespace

std::unique_ptr<View> MakeSignatures(const Document& doc) {
  return std::make_unique<SignaturesView>(doc);
}
std::unique_ptr<View> MakeOps(const Graph& graph) { return std::make_unique<OpsView>(graph); }
std::unique_ptr<View> MakeVariables(const Document& doc, std::shared_ptr<LazyStats> stats) {
  return std::make_unique<VariablesView>(doc, std::move(stats));
}
std::unique_ptr<View> MakeFunctions(const Document& doc) {
  return std::make_unique<FunctionsView>(doc);
}

}  // namespace tfgraph::tui
