#include "core/op_registry.h"

#include <algorithm>

#include "core/ops/embedded_ops.h"

namespace tfgraph {

const OpRegistry& OpRegistry::Global() {
  // Leaked on purpose: the registry is used until exit, including from
  // destructors of other statics.
  static const OpRegistry* const global = [] {
    std::string_view bytes(reinterpret_cast<const char*>(embedded::kOpsTf2_15),
                           embedded::kOpsTf2_15Size);
    StatusOr<OpRegistry> parsed = FromSerialized(bytes);
    if (parsed.ok()) return new OpRegistry(std::move(parsed).value());
    auto* empty = new OpRegistry();
    empty->load_status_ = parsed.status().WithPrefix("embedded op registry");
    return empty;
  }();
  return *global;
}

StatusOr<OpRegistry> OpRegistry::FromSerialized(std::string_view bytes) {
  tensorflow::OpList list;
  if (!list.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Status::Corruption("cannot decode OpList (" + std::to_string(bytes.size()) + " bytes)");
  }
  OpRegistry reg;
  reg.defs_.reserve(list.op_size());
  reg.by_name_.reserve(list.op_size());
  for (auto& op : *list.mutable_op()) {
    Status st = reg.Insert(std::make_unique<tensorflow::OpDef>(std::move(op)));
    if (!st.ok()) return Status::Corruption(st.message());
  }
  return reg;
}

Status OpRegistry::Insert(std::unique_ptr<tensorflow::OpDef> op) {
  TFG_RETURN_IF_ERROR(ValidateOpDef(*op));
  if (Find(op->name()) != nullptr) {
    return Status::AlreadyExists("op '" + op->name() + "' is already defined");
  }
  by_name_.emplace(op->name(), op.get());
  defs_.push_back(std::move(op));
  return Status::OK();
}

Status OpRegistry::AddOp(const tensorflow::OpDef& op) {
  return Insert(std::make_unique<tensorflow::OpDef>(op));
}

OpRegistry::MergeReport OpRegistry::AddUnknownOps(const tensorflow::OpList& ops) {
  MergeReport report;
  for (const auto& op : ops.op()) {
    if (Find(op.name()) != nullptr) {
      ++report.known;
      continue;
    }
    Status st = AddOp(op);
    if (st.ok()) {
      ++report.added;
    } else {
      report.rejected.push_back(st.message());
    }
  }
  return report;
}

OpRegistry::MergeReport OpRegistry::AddFunctionSignatures(
    const tensorflow::FunctionDefLibrary& library) {
  tensorflow::OpList sigs;
  for (const auto& f : library.function()) *sigs.add_op() = f.signature();
  return AddUnknownOps(sigs);
}

const tensorflow::OpDef* OpRegistry::Find(std::string_view op) const {
  auto it = by_name_.find(op);
  if (it != by_name_.end()) return it->second;
  return base_ != nullptr ? base_->Find(op) : nullptr;
}

StatusOr<const tensorflow::OpDef*> OpRegistry::Lookup(std::string_view op) const {
  const tensorflow::OpDef* def = Find(op);
  if (def == nullptr) return Status::NotFound("unknown op '" + std::string(op) + "'");
  return def;
}

size_t OpRegistry::size() const {
  // Own ops are never also in the base (Insert refuses known names).
  return defs_.size() + (base_ != nullptr ? base_->size() : 0);
}

std::vector<std::string> OpRegistry::OpNames() const {
  std::vector<std::string> names = base_ != nullptr ? base_->OpNames() : std::vector<std::string>();
  for (const auto& d : defs_) names.push_back(d->name());
  std::sort(names.begin(), names.end());
  return names;
}

StatusOr<int> OpRegistry::AddDefaultAttrs(tensorflow::NodeDef* node) const {
  TFG_ASSIGN_OR_RETURN(const tensorflow::OpDef* op, Lookup(node->op()));
  return tfgraph::AddDefaultAttrs(*op, node);
}

int OpRegistry::AddDefaultAttrsToGraph(tensorflow::GraphDef* graph) const {
  // Library functions used as ops have no defaults to restore (their
  // signatures carry no attrs TF would fill in), and a function name must not
  // be mistaken for a registered op of the same name.
  std::unordered_map<std::string_view, bool> functions;
  for (const auto& f : graph->library().function()) functions.emplace(f.signature().name(), true);
  int added = 0;
  auto fill = [&](tensorflow::NodeDef* node) {
    if (functions.count(node->op()) != 0) return;
    const tensorflow::OpDef* op = Find(node->op());
    if (op != nullptr) added += tfgraph::AddDefaultAttrs(*op, node);
  };
  for (auto& node : *graph->mutable_node()) fill(&node);
  for (auto& f : *graph->mutable_library()->mutable_function()) {
    for (auto& node : *f.mutable_node_def()) fill(&node);
  }
  return added;
}

StatusOr<std::vector<tensorflow::DataType>> OpRegistry::InputTypes(
    const tensorflow::NodeDef& node) const {
  TFG_ASSIGN_OR_RETURN(const tensorflow::OpDef* op, Lookup(node.op()));
  return tfgraph::InputTypes(node, *op);
}

StatusOr<std::vector<tensorflow::DataType>> OpRegistry::OutputTypes(
    const tensorflow::NodeDef& node) const {
  TFG_ASSIGN_OR_RETURN(const tensorflow::OpDef* op, Lookup(node.op()));
  return tfgraph::OutputTypes(node, *op);
}

StatusOr<int> OpRegistry::NumOutputs(const tensorflow::NodeDef& node) const {
  TFG_ASSIGN_OR_RETURN(const tensorflow::OpDef* op, Lookup(node.op()));
  TFG_ASSIGN_OR_RETURN(std::vector<ArgRange> ranges, OutputArgRanges(node, *op));
  return ranges.empty() ? 0 : ranges.back().begin + ranges.back().size;
}

StatusOr<int> OpRegistry::OutputIndex(const tensorflow::NodeDef& node, std::string_view out_arg,
                                      int idx) const {
  TFG_ASSIGN_OR_RETURN(const tensorflow::OpDef* op, Lookup(node.op()));
  return tfgraph::OutputIndex(node, *op, out_arg, idx);
}

StatusOr<OutputArgRef> OpRegistry::OutputArgAt(const tensorflow::NodeDef& node,
                                               int flat_index) const {
  TFG_ASSIGN_OR_RETURN(const tensorflow::OpDef* op, Lookup(node.op()));
  return tfgraph::OutputArgAt(node, *op, flat_index);
}

}  // namespace tfgraph
