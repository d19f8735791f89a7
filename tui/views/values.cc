// Candidates (ranked inputs and outputs) and tensor values.
#include <algorithm>

#include "core/attr_format.h"
#include "core/candidates.h"
#include "core/checkpoint_reader.h"
#include "core/dtype.h"
#include "core/tensor.h"
#include "core/tensor_format.h"
#include "core/tensor_stats.h"
#include "core/variable_binding.h"
#include "core/variables.h"
#include "tui/text.h"
#include "tui/views/views.h"

namespace tfgraph::tui {
namespace {

class CandidatesView : public TextView {
 public:
  explicit CandidatesView(const Document& doc) : TextView(&doc.graph(), "candidates") {
    const Model* m = doc.model();
    CandidateLists lists;
    if (m) {
      lists = RankCandidates(*m, 50, 50);
    } else {
      lists.outputs = RankOutputs(doc.graph(), 50);
      lists.inputs = RankInputs(doc.graph(), 50);
    }
    const auto& outs = lists.outputs;
    const auto& ins = lists.inputs;
    Section("Outputs, best first (o picks)", outs);
    Section("Inputs (i picks)", ins);
  }

 private:
  void Section(const std::string& title, const std::vector<Candidate>& cands) {
    Add(title + " (" + std::to_string(cands.size()) + ")", Role::kHeader);
    int rank = 0;
    for (const auto& c : cands) {
      TensorId id;
      auto r = graph_->Resolve(c.tensor);
      if (r.ok()) id = {r->node, r->output};
      std::string why = c.signature.empty() ? c.reason : "signature " + c.signature;
      if (c.optional) why += ", optional";
      Add(PadRight(std::to_string(++rank), 4) + c.tensor + "  " +
              DTypeName(c.dtype) + " " + FormatDims(c.shape),
          Role::kNormal, id, c.op + (why.empty() ? "" : "; " + why));
    }
  }
};

// Every element of a tensor, a row of up to 8 elements of the innermost
// dimension at a time, formatted on demand (a frame formats only the rows on
// screen, so a tensor of any size pages instantly); statistics on top.
class ValuesView : public View {
 public:
  ValuesView(std::string name, std::string source, Tensor t)
      : name_(std::move(name)), t_(std::move(t)) {
    stats_ = ComputeStats(t_);
    head_.push_back(DTypeName(t_.dtype()) + " " + DimsToString(t_.dims()) + ", " +
                    Thousands(static_cast<uint64_t>(t_.num_elements())) + " elements, from " +
                    source);
    if (stats_.string_like) {
      head_.push_back("lengths " + std::to_string(stats_.min_length) + ".." +
                      std::to_string(stats_.max_length) + " bytes");
    } else if (t_.num_elements() > 0) {
      head_.push_back("min " + FormatDouble(stats_.min) + "  max " + FormatDouble(stats_.max));
      head_.push_back("mean " + FormatDouble(stats_.mean) + "  std " + FormatDouble(stats_.std));
      head_.push_back("nan " + std::to_string(stats_.nan) + "  +inf " +
                      std::to_string(stats_.pos_inf) + "  -inf " +
                      std::to_string(stats_.neg_inf) + "  zeros " +
                      std::to_string(stats_.zeros));
    }
    head_.push_back("");
    last_ = t_.rank() == 0 ? 1 : t_.dims().back();
    // As many elements per row as fit an 80-column screen at their widest,
    // so no value is ever cut off.
    per_row_ = std::max<int64_t>(1, kValueCols / (MaxElementWidth(t_.dtype()) + 2));
    chunks_ = last_ == 0 ? 0 : (last_ + per_row_ - 1) / per_row_;
    lines_ = last_ == 0 ? 0 : t_.num_elements() / last_;
    if (t_.is_string_like()) {
      // Strings take as many rows as their repr needs; a prefix sum maps
      // rows to elements.
      per_row_ = 1;
      uint64_t rows = 0;
      for (int64_t i = 0; i < t_.num_elements(); ++i) {
        string_rows_.push_back(rows);
        size_t len = FormatElement(t_, i).size();
        rows += std::max<size_t>(1, (len + kValueCols - 1) / kValueCols);
      }
      string_rows_.push_back(rows);
    }
  }
  std::string Title() const override { return "values"; }
  std::string Info(const App&) const override { return name_; }
  size_t RowCount() const override {
    if (t_.is_string_like()) return head_.size() + static_cast<size_t>(string_rows_.back());
    return head_.size() + static_cast<size_t>(lines_ * chunks_);
  }
  std::string_view SearchText(size_t row) const override {
    scratch_ = RowText(row);
    return scratch_;
  }
  void DrawRow(const App& app, Surface& s, int y, size_t row, bool selected) const override {
    std::string text = RowText(row);
    DrawColumns(app, s, y, selected,
                {{"  ", 2}, {text, 0, row < head_.size() ? Role::kHeader : Role::kNormal, true}});
  }

 private:
  std::string RowText(size_t row) const {
    if (row < head_.size()) return head_[row];
    if (t_.is_string_like()) return StringRowText(row - head_.size());
    int64_t r = static_cast<int64_t>(row - head_.size());
    int64_t line = r / chunks_, chunk = r % chunks_;
    int64_t first = line * last_ + chunk * per_row_;
    int64_t count = std::min(per_row_, last_ - chunk * per_row_);
    // Index of the first element: outer coordinates, then a column range.
    std::string idx = "[";
    int64_t rest = line;
    std::vector<int64_t> outer;
    for (int d = t_.rank() - 2; d >= 0; --d) {
      outer.push_back(rest % t_.dims()[d]);
      rest /= t_.dims()[d];
    }
    for (auto it = outer.rbegin(); it != outer.rend(); ++it) idx += std::to_string(*it) + ",";
    if (t_.rank() > 0) {
      idx += std::to_string(chunk * per_row_);
      if (count > 1) idx += ":" + std::to_string(chunk * per_row_ + count);
    }
    idx += "]";
    std::string out = PadRight(idx, 14);
    for (int64_t i = 0; i < count; ++i) out += (i ? "  " : "") + FormatElement(t_, first + i);
    return out;
  }

  std::string StringRowText(uint64_t r) const {
    auto it = std::upper_bound(string_rows_.begin(), string_rows_.end(), r);
    int64_t e = static_cast<int64_t>(it - string_rows_.begin()) - 1;
    uint64_t part = r - string_rows_[static_cast<size_t>(e)];
    std::string repr = FormatElement(t_, e);
    std::string piece = repr.substr(std::min(repr.size(), part * kValueCols), kValueCols);
    std::string idx = part == 0 ? "[" + std::to_string(e) + "]" : "";
    return PadRight(idx, 14) + piece;
  }

  static int MaxElementWidth(DataType d) {
    switch (BaseType(d)) {
      case tensorflow::DT_BOOL: return 5;
      case tensorflow::DT_INT8: case tensorflow::DT_UINT8: case tensorflow::DT_QINT8:
      case tensorflow::DT_QUINT8: return 4;
      case tensorflow::DT_INT16: case tensorflow::DT_UINT16: return 6;
      case tensorflow::DT_HALF: case tensorflow::DT_BFLOAT16: return 12;
      case tensorflow::DT_INT32: case tensorflow::DT_UINT32: case tensorflow::DT_QINT32: return 11;
      case tensorflow::DT_FLOAT: return 15;
      case tensorflow::DT_INT64: case tensorflow::DT_UINT64: return 20;
      case tensorflow::DT_DOUBLE: return 24;
      case tensorflow::DT_COMPLEX64: return 34;
      default: return kValueCols;
    }
  }

  static constexpr int64_t kValueCols = 62;
  std::vector<uint64_t> string_rows_;
  std::string name_;
  Tensor t_;
  TensorStats stats_;
  std::vector<std::string> head_;
  int64_t last_ = 1, per_row_ = 8, chunks_ = 0, lines_ = 0;
  mutable std::string scratch_;
};

}  // namespace

std::unique_ptr<View> MakeCandidates(const Document& doc) {
  return std::make_unique<CandidatesView>(doc);
}

StatusOr<std::unique_ptr<View>> MakeValues(const Document& doc, const Graph& graph, int node) {
  const auto& def = *graph.node(node).def;
  auto value = def.attr().find("value");
  if (def.op() == "Const" && value != def.attr().end() && value->second.has_tensor()) {
    TFG_ASSIGN_OR_RETURN(Tensor t, Tensor::FromProto(value->second.tensor()));
    return std::unique_ptr<View>(std::make_unique<ValuesView>(def.name(), "the graph", t));
  }
  if (CreatesVariable(def.op())) {
    const Model* m = doc.model();
    if (!m || m->checkpoint_prefix().empty())
      return Status::NotFound("no checkpoint holds the value of variable '" + def.name() + "'");
    TFG_ASSIGN_OR_RETURN(auto reader, m->checkpoint());
    // The checkpoint key the graph restores this variable from (renamed
    // saves, partitioned parts and TF2 object paths included).
    std::string key;
    VariableBinding binding = BindVariables(*m, *reader);
    for (const auto& [k, nodes] : binding.nodes_of_key)
      if (std::find(nodes.begin(), nodes.end(), def.name()) != nodes.end()) key = k;
    if (key.empty() || !reader->Find(key))
      return Status::NotFound("variable '" + def.name() + "' is not in the checkpoint");
    TFG_ASSIGN_OR_RETURN(Tensor t, reader->Read(key));
    // A part of a partitioned variable holds only its slice of the entry.
    auto slices = PartSlices(*m, binding);
    auto slice = slices.find(def.name());
    if (slice == slices.end())
      return std::unique_ptr<View>(
          std::make_unique<ValuesView>(def.name(), "checkpoint entry " + key, t));
    TFG_ASSIGN_OR_RETURN(Tensor part, ExtractSlice(t, slice->second));
    return std::unique_ptr<View>(std::make_unique<ValuesView>(
        def.name(), "checkpoint entry " + key + ", slice " + slice->second.ToString(), part));
  }
  return Status::InvalidArgument("'" + def.name() + "' is a " + def.op() +
                                 ", not a Const or a variable: it has no stored values");
}

}  // namespace tfgraph::tui
