#include "core/graph_check.h"

#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/dtype.h"
#include "core/op_signature.h"
#include "core/tensor_ref.h"

namespace tfgraph {
namespace {

using tensorflow::DataType;
using tensorflow::NodeDef;
using tensorflow::OpDef;
using Kind = GraphProblem::Kind;

bool IsConstOp(std::string_view op) { return op == "Const" || op == "HostConst"; }

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string Describe(const NodeDef& n) { return Quote(n.name()) + " (" + n.op() + ")"; }

// A function body node whose attrs still contain "$T"-style placeholders is
// a template: its types are only known once the function is instantiated.
bool HasPlaceholderAttrs(const NodeDef& n) {
  for (const auto& kv : n.attr()) {
    if (kv.second.value_case() == tensorflow::AttrValue::kPlaceholder) return true;
  }
  return false;
}

// What is known about one node's signature.
struct NodeInfo {
  const OpDef* op = nullptr;  // nullptr: unknown op
  bool typed = false;         // in/out/out_ranges are valid
  std::vector<DataType> in, out;
  std::vector<ArgRange> out_ranges;
};

// The outcome of resolving one data input (or a function return value).
struct Source {
  bool found = false;
  Kind kind = Kind::kDanglingInput;  // when !found
  std::string error;                 // when !found
  DataType type = tensorflow::DT_INVALID;  // DT_INVALID: not known
  const NodeDef* producer = nullptr;       // nullptr for a function argument
};

class Checker {
 public:
  Checker(const OpRegistry& ops, const GraphCheckOptions& options, GraphCheckReport* report)
      : ops_(ops), options_(options), report_(report) {}

  void CheckGraphDef(const tensorflow::GraphDef& graph);
  void CheckFunctionDef(const tensorflow::FunctionDef& fn);
  void AddUnknownOpNotes();

 private:
  void Problem(Kind kind, std::string_view node, int input, std::string_view text,
               std::string message) {
    report_->problems.push_back(GraphProblem{kind, function_, std::string(node), input,
                                             std::string(text), std::move(message)});
  }
  NodeInfo Analyze(const NodeDef& n, bool function_body);
  void CheckEdge(const NodeDef& consumer, int pos, std::string_view text, DataType want,
                 const Source& src);
  // Function bodies: resolves "arg", "arg:i" or "node:out_arg:idx".
  Source ResolveInFunction(const TensorRef& ref) const;

  const OpRegistry& ops_;
  const GraphCheckOptions& options_;
  GraphCheckReport* report_;
  std::string function_;  // the function being checked, or empty

  std::map<std::string, int> unknown_ops_;  // op -> number of nodes

  // Per function: argument index and the body's node index.
  std::unordered_map<std::string_view, int> args_;
  std::vector<DataType> arg_types_;  // DT_INVALID when not a single concrete type
  std::unordered_map<std::string_view, int> nodes_;
  std::vector<NodeInfo> infos_;
  const google::protobuf::RepeatedPtrField<NodeDef>* body_ = nullptr;
};

NodeInfo Checker::Analyze(const NodeDef& n, bool function_body) {
  NodeInfo info;
  info.op = ops_.Find(n.op());
  if (info.op == nullptr) {
    ++unknown_ops_[n.op()];
    return info;
  }
  if (function_body && HasPlaceholderAttrs(n)) return info;
  auto in = InputTypes(n, *info.op);
  auto out = OutputTypes(n, *info.op);
  auto ranges = OutputArgRanges(n, *info.op);
  for (const Status& st : {in.status(), out.status(), ranges.status()}) {
    if (!st.ok()) {
      Problem(Kind::kBadAttrs, n.name(), -1, "", st.message());
      return info;
    }
  }
  info.in = std::move(in).value();
  info.out = std::move(out).value();
  info.out_ranges = std::move(ranges).value();
  info.typed = true;
  return info;
}

void Checker::CheckEdge(const NodeDef& consumer, int pos, std::string_view text, DataType want,
                        const Source& src) {
  if (want == tensorflow::DT_INVALID || src.type == tensorflow::DT_INVALID) return;
  ++report_->edges_typed;
  std::string from =
      src.producer != nullptr ? " from " + Describe(*src.producer) : " from argument";
  std::string what = "expected " + DataTypeName(want) + ", got " + DataTypeName(src.type) + from;
  bool ref_like = IsRefType(want) || want == tensorflow::DT_RESOURCE;
  if (ref_like && src.producer != nullptr && IsConstOp(src.producer->op())) {
    Problem(Kind::kConstIntoRef, consumer.name(), pos, text,
            "a " + std::string(IsRefType(want) ? "ref" : "resource") + " input is fed by a " +
                src.producer->op() + ": " + what);
  } else if (!TypesCompatible(src.type, want)) {
    Problem(Kind::kDtypeMismatch, consumer.name(), pos, text, what);
  }
}

void Checker::CheckGraphDef(const tensorflow::GraphDef& graph) {
  function_.clear();
  const auto& nodes = graph.node();
  std::unordered_map<std::string_view, int> by_name;
  by_name.reserve(nodes.size());
  for (int i = 0; i < nodes.size(); ++i) {
    const NodeDef& n = nodes[i];
    if (n.name().empty()) {
      Problem(Kind::kBadName, "", -1, "", "node " + std::to_string(i) + " has an empty name");
    } else if (!by_name.emplace(n.name(), i).second) {
      Problem(Kind::kBadName, n.name(), -1, "",
              "duplicate node name (also node " + std::to_string(by_name[n.name()]) + ")");
    }
  }
  std::vector<NodeInfo> infos;
  infos.reserve(nodes.size());
  for (const NodeDef& n : nodes) infos.push_back(Analyze(n, false));

  for (int i = 0; i < nodes.size(); ++i) {
    const NodeDef& n = nodes[i];
    const NodeInfo& info = infos[i];
    ++report_->nodes_checked;
    bool seen_control = false;
    int data_inputs = 0;
    for (int pos = 0; pos < n.input_size(); ++pos) {
      const std::string& text = n.input(pos);
      auto parsed = ParseGraphInput(text);
      if (!parsed.ok()) {
        Problem(Kind::kBadInput, n.name(), pos, text, parsed.status().message());
        continue;
      }
      const TensorRef& ref = *parsed;
      auto it = by_name.find(ref.node);
      if (ref.control) {
        seen_control = true;
        if (it == by_name.end()) {
          Problem(Kind::kDanglingInput, n.name(), pos, text, "no node " + Quote(ref.node));
        }
        continue;
      }
      if (seen_control) {
        Problem(Kind::kControlOrder, n.name(), pos, text, "data input after a control input");
      }
      int k = data_inputs++;
      if (it == by_name.end()) {
        Problem(Kind::kDanglingInput, n.name(), pos, text, "no node " + Quote(ref.node));
        continue;
      }
      const NodeDef& producer = nodes[it->second];
      const NodeInfo& pinfo = infos[it->second];
      Source src;
      src.found = true;
      src.producer = &producer;
      if (pinfo.typed) {
        if (ref.index >= static_cast<int>(pinfo.out.size())) {
          Problem(Kind::kDanglingInput, n.name(), pos, text,
                  "output " + std::to_string(ref.index) + " does not exist: " +
                      Describe(producer) + " has " + std::to_string(pinfo.out.size()) +
                      " outputs");
          continue;
        }
        src.type = pinfo.out[ref.index];
      }
      DataType want = info.typed && k < static_cast<int>(info.in.size())
                          ? info.in[k]
                          : tensorflow::DT_INVALID;
      CheckEdge(n, pos, text, want, src);
    }
    if (info.typed && data_inputs != static_cast<int>(info.in.size())) {
      Problem(Kind::kInputCount, n.name(), -1, "",
              "has " + std::to_string(data_inputs) + " data inputs, op " + n.op() + " takes " +
                  std::to_string(info.in.size()));
    }
    if (options_.forbid_variables && IsVariableOp(n.op())) {
      Problem(Kind::kVariableOp, n.name(), -1, "", "variable op " + n.op() + " remains");
    }
  }
}

Source Checker::ResolveInFunction(const TensorRef& ref) const {
  Source src;
  if (ref.out_arg.empty()) {
    auto a = args_.find(ref.node);
    if (a != args_.end()) {
      src.found = true;
      // "arg:i" addresses an element of a list argument; a plain argument
      // has exactly one.
      if (!ref.explicit_index || ref.index == 0) src.type = arg_types_[a->second];
      return src;
    }
    if (nodes_.count(ref.node) != 0) {
      src.kind = Kind::kBadInput;
      src.error = "a function body must address node outputs as 'node:out_arg:idx'";
    } else {
      src.error = "no argument or node " + Quote(ref.node) + " in the function";
    }
    return src;
  }
  auto it = nodes_.find(ref.node);
  if (it == nodes_.end()) {
    src.error = "no node " + Quote(ref.node) + " in the function body";
    return src;
  }
  const NodeDef& producer = (*body_)[it->second];
  const NodeInfo& pinfo = infos_[it->second];
  src.producer = &producer;
  if (!pinfo.typed) {
    src.found = true;  // unknown op or template: nothing more can be said
    return src;
  }
  for (const ArgRange& r : pinfo.out_ranges) {
    if (r.name != ref.out_arg) continue;
    if (ref.index >= r.size) {
      src.error = "element " + std::to_string(ref.index) + " of output " + Quote(ref.out_arg) +
                  " does not exist: " + Describe(producer) + " gives it " +
                  std::to_string(r.size) + " tensors";
      return src;
    }
    src.found = true;
    src.type = pinfo.out[r.begin + ref.index];
    return src;
  }
  std::string known;
  for (const ArgRange& r : pinfo.out_ranges) {
    known += (known.empty() ? "" : ", ") + std::string(r.name);
  }
  src.error = Describe(producer) + " has no output argument " + Quote(ref.out_arg) +
              " (it has: " + (known.empty() ? "none" : known) + ")";
  return src;
}

void Checker::CheckFunctionDef(const tensorflow::FunctionDef& fn) {
  const OpDef& sig = fn.signature();
  function_ = sig.name();
  args_.clear();
  arg_types_.clear();
  nodes_.clear();
  infos_.clear();
  body_ = &fn.node_def();

  for (int a = 0; a < sig.input_arg_size(); ++a) {
    const auto& arg = sig.input_arg(a);
    if (!args_.emplace(arg.name(), a).second) {
      Problem(Kind::kBadName, arg.name(), -1, "", "duplicate argument name");
    }
    bool single = arg.number_attr().empty() && arg.type_list_attr().empty();
    DataType t = single ? arg.type() : tensorflow::DT_INVALID;
    arg_types_.push_back(arg.is_ref() ? MakeRefType(t) : t);
  }
  const auto& body = fn.node_def();
  for (int i = 0; i < body.size(); ++i) {
    const NodeDef& n = body[i];
    if (n.name().empty()) {
      Problem(Kind::kBadName, "", -1, "", "body node " + std::to_string(i) + " has an empty name");
    } else if (args_.count(n.name()) != 0) {
      Problem(Kind::kBadName, n.name(), -1, "", "node name equals an argument name");
    } else if (!nodes_.emplace(n.name(), i).second) {
      Problem(Kind::kBadName, n.name(), -1, "", "duplicate node name");
    }
  }
  int templates = 0;
  for (const NodeDef& n : body) {
    infos_.push_back(Analyze(n, true));
    if (infos_.back().op != nullptr && !infos_.back().typed && HasPlaceholderAttrs(n)) ++templates;
  }
  if (templates > 0) {
    report_->notes.push_back("function '" + function_ + "': " + std::to_string(templates) +
                             " nodes with placeholder attrs were not dtype-checked");
  }

  for (int i = 0; i < body.size(); ++i) {
    const NodeDef& n = body[i];
    const NodeInfo& info = infos_[i];
    ++report_->nodes_checked;
    bool seen_control = false;
    int data_inputs = 0;
    for (int pos = 0; pos < n.input_size(); ++pos) {
      const std::string& text = n.input(pos);
      auto parsed = ParseFunctionInput(text);
      if (!parsed.ok()) {
        Problem(Kind::kBadInput, n.name(), pos, text, parsed.status().message());
        continue;
      }
      const TensorRef& ref = *parsed;
      if (ref.control) {
        seen_control = true;
        if (nodes_.count(ref.node) == 0) {
          Problem(Kind::kDanglingInput, n.name(), pos, text,
                  "no node " + Quote(ref.node) + " in the function body");
        }
        continue;
      }
      if (seen_control) {
        Problem(Kind::kControlOrder, n.name(), pos, text, "data input after a control input");
      }
      int k = data_inputs++;
      Source src = ResolveInFunction(ref);
      if (!src.found) {
        Problem(src.kind, n.name(), pos, text, src.error);
        continue;
      }
      DataType want = info.typed && k < static_cast<int>(info.in.size())
                          ? info.in[k]
                          : tensorflow::DT_INVALID;
      CheckEdge(n, pos, text, want, src);
    }
    if (info.typed && data_inputs != static_cast<int>(info.in.size())) {
      Problem(Kind::kInputCount, n.name(), -1, "",
              "has " + std::to_string(data_inputs) + " data inputs, op " + n.op() + " takes " +
                  std::to_string(info.in.size()));
    }
    if (options_.forbid_variables && IsVariableOp(n.op())) {
      Problem(Kind::kVariableOp, n.name(), -1, "", "variable op " + n.op() + " remains");
    }
  }

  // Returns: every output has a ret entry naming something of the right type.
  std::unordered_map<std::string_view, const OpDef::ArgDef*> outputs;
  for (const auto& out : sig.output_arg()) {
    outputs.emplace(out.name(), &out);
    if (fn.ret().count(out.name()) == 0) {
      Problem(Kind::kBadReturn, out.name(), -1, "", "output has no ret entry");
    }
  }
  for (const auto& kv : fn.ret()) {
    auto o = outputs.find(kv.first);
    if (o == outputs.end()) {
      Problem(Kind::kBadReturn, kv.first, -1, kv.second, "ret names no output of the signature");
      continue;
    }
    auto parsed = ParseFunctionInput(kv.second);
    if (!parsed.ok() || parsed->control) {
      Problem(Kind::kBadReturn, kv.first, -1, kv.second, "not a tensor reference");
      continue;
    }
    Source src = ResolveInFunction(*parsed);
    if (!src.found) {
      Problem(Kind::kBadReturn, kv.first, -1, kv.second, src.error);
      continue;
    }
    const OpDef::ArgDef& out = *o->second;
    bool single = out.number_attr().empty() && out.type_list_attr().empty();
    DataType want = single ? out.type() : tensorflow::DT_INVALID;
    if (out.is_ref()) want = MakeRefType(want);
    if (want == tensorflow::DT_INVALID || src.type == tensorflow::DT_INVALID) continue;
    ++report_->edges_typed;
    if (!TypesCompatible(src.type, want)) {
      std::string from = src.producer != nullptr ? Describe(*src.producer) : "argument";
      Problem(Kind::kBadReturn, kv.first, -1, kv.second,
              "expected " + DataTypeName(want) + ", got " + DataTypeName(src.type) + " from " +
                  from);
    }
  }
  std::unordered_set<std::string_view> control_outputs(sig.control_output().begin(),
                                                        sig.control_output().end());
  for (const auto& kv : fn.control_ret()) {
    if (control_outputs.count(kv.first) == 0) {
      Problem(Kind::kBadReturn, kv.first, -1, kv.second,
              "control_ret names no control output of the signature");
    }
    if (nodes_.count(kv.second) == 0) {
      Problem(Kind::kBadReturn, kv.first, -1, kv.second,
              "control_ret names no node " + Quote(kv.second) + " in the function body");
    }
  }
  function_.clear();
  body_ = nullptr;
}

void Checker::AddUnknownOpNotes() {
  for (const auto& kv : unknown_ops_) {
    report_->notes.push_back("op '" + kv.first + "' is unknown (" + std::to_string(kv.second) +
                             (kv.second == 1 ? " node" : " nodes") +
                             "): its inputs and outputs were not dtype-checked");
  }
}

}  // namespace

const char* GraphProblemKindName(GraphProblem::Kind kind) {
  switch (kind) {
    case Kind::kBadName: return "bad-name";
    case Kind::kBadInput: return "bad-input";
    case Kind::kDanglingInput: return "dangling-input";
    case Kind::kControlOrder: return "control-order";
    case Kind::kInputCount: return "input-count";
    case Kind::kBadAttrs: return "bad-attrs";
    case Kind::kDtypeMismatch: return "dtype-mismatch";
    case Kind::kConstIntoRef: return "const-into-ref";
    case Kind::kBadReturn: return "bad-return";
    case Kind::kVariableOp: return "variable-op";
  }
  return "unknown";
}

std::string GraphProblem::ToString() const {
  std::string s = GraphProblemKindName(kind);
  s += ": ";
  if (!function.empty()) s += "function " + Quote(function) + ": ";
  s += (kind == Kind::kBadReturn ? "output " : "node ") + Quote(node);
  if (input >= 0) s += " input " + std::to_string(input);
  if (!input_text.empty()) s += " " + Quote(input_text);
  s += ": " + message;
  return s;
}

Status GraphCheckReport::ToStatus() const {
  if (problems.empty()) return Status::OK();
  return Status::FailedCheck("graph check found " + std::to_string(problems.size()) +
                             (problems.size() == 1 ? " problem" : " problems") + "; first: " +
                             problems.front().ToString());
}

GraphCheckReport CheckGraph(const tensorflow::GraphDef& graph, const GraphCheckOptions& options) {
  GraphCheckReport report;
  const OpRegistry& base = options.registry != nullptr ? *options.registry : OpRegistry::Global();
  OpRegistry ops(&base);
  OpRegistry::MergeReport merged = ops.AddFunctionSignatures(graph.library());
  for (const std::string& why : merged.rejected) {
    report.problems.push_back(GraphProblem{Kind::kBadAttrs, "", "", -1, "",
                                           "invalid function signature: " + why});
  }
  if (merged.known > 0) {
    report.notes.push_back(std::to_string(merged.known) +
                           " library functions share a name with an op; the op's signature was"
                           " used");
  }
  Checker checker(ops, options, &report);
  checker.CheckGraphDef(graph);
  if (options.check_functions) {
    for (const auto& fn : graph.library().function()) checker.CheckFunctionDef(fn);
  }
  checker.AddUnknownOpNotes();
  return report;
}

void CheckFunction(const tensorflow::FunctionDef& function, const OpRegistry& ops,
                   const GraphCheckOptions& options, GraphCheckReport* report) {
  Checker checker(ops, options, report);
  checker.CheckFunctionDef(function);
  checker.AddUnknownOpNotes();
}

bool IsVariableOp(std::string_view op) {
  static const std::unordered_set<std::string_view> kOps = {
      "Variable", "VariableV2", "TemporaryVariable", "DestroyTemporaryVariable",
      "VarHandleOp", "_VarHandlesOp", "_XlaAotOnlyVarHandleOp",
      "ReadVariableOp", "_ReadVariablesOp", "ReadVariableXlaSplitND", "VariableShape",
      "VarIsInitializedOp", "IsVariableInitialized", "ResourceGather", "ResourceGatherNd",
      "Assign", "AssignAdd", "AssignSub", "AssignVariableOp", "AssignAddVariableOp",
      "AssignSubVariableOp", "AssignVariableXlaConcatND", "CountUpTo", "ResourceCountUpTo",
      "StridedSliceAssign", "ResourceStridedSliceAssign",
      "ScatterAdd", "ScatterSub", "ScatterMul", "ScatterDiv", "ScatterMin", "ScatterMax",
      "ScatterUpdate", "ScatterNdAdd", "ScatterNdSub", "ScatterNdMin", "ScatterNdMax",
      "ScatterNdUpdate", "ResourceScatterAdd", "ResourceScatterSub", "ResourceScatterMul",
      "ResourceScatterDiv", "ResourceScatterMin", "ResourceScatterMax", "ResourceScatterUpdate",
      "ResourceScatterNdAdd", "ResourceScatterNdSub", "ResourceScatterNdMin",
      "ResourceScatterNdMax", "ResourceScatterNdUpdate",
  };
  if (kOps.count(op) != 0) return true;
  // Optimizer updates: ApplyAdam, SparseApplyFtrl, ResourceApplyAdam, ...
  for (std::string_view prefix : {"Apply", "SparseApply", "ResourceApply", "ResourceSparseApply"}) {
    if (op.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

}  // namespace tfgraph
