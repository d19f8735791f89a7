#include "core/freeze_inline.h"

#include <unordered_map>
#include <unordered_set>

#include "core/freeze_body.h"
#include "core/tensor_ref.h"

namespace tfgraph {
namespace {

using tensorflow::AttrValue;
using tensorflow::FunctionDef;
using tensorflow::NodeDef;

class Inliner {
 public:
  Inliner(const tensorflow::FunctionDefLibrary& lib, const OpRegistry& ops, InlineStats* stats,
          int max_depth)
      : lib_(lib), ops_(ops), stats_(stats), max_depth_(max_depth) {
    for (const auto& f : lib_.function()) functions_.emplace(f.signature().name(), &f);
  }

  void Reserve(const std::string& name) { taken_.insert(name); }

  // Appends the replacement of call node `call` (graph syntax) to `out`.
  Status Inline(const NodeDef& call, int depth, std::vector<NodeDef>* out);

 private:
  const FunctionDef* Callee(const NodeDef& call) const;
  std::string UniqueName(const std::string& want);
  Status SubstitutePlaceholders(const NodeDef& call, const FunctionDef& f, NodeDef* node) const;

  const tensorflow::FunctionDefLibrary& lib_;
  const OpRegistry& ops_;
  InlineStats* stats_;
  int max_depth_;
  std::unordered_map<std::string, const FunctionDef*> functions_;
  std::unordered_set<std::string> taken_;
};

const FunctionDef* Inliner::Callee(const NodeDef& call) const {
  std::string name = call.op();
  if (call.op() == "StatefulPartitionedCall" || call.op() == "PartitionedCall") {
    auto it = call.attr().find("f");
    if (it == call.attr().end()) return nullptr;
    name = it->second.func().name();
  }
  auto f = functions_.find(name);
  return f == functions_.end() ? nullptr : f->second;
}

std::string Inliner::UniqueName(const std::string& want) {
  std::string name = want;
  for (int i = 1; taken_.count(name); ++i) name = want + "_" + std::to_string(i);
  taken_.insert(name);
  return name;
}

Status Inliner::SubstitutePlaceholders(const NodeDef& call, const FunctionDef& f,
                                       NodeDef* node) const {
  const google::protobuf::Map<std::string, AttrValue>* inst = nullptr;
  auto fa = call.attr().find("f");
  if (fa != call.attr().end()) inst = &fa->second.func().attr();
  for (auto& [name, value] : *node->mutable_attr()) {
    if (value.placeholder().empty()) continue;
    const AttrValue* v = nullptr;
    if (inst != nullptr) {
      auto it = inst->find(value.placeholder());
      if (it != inst->end()) v = &it->second;
    }
    if (v == nullptr) {
      auto it = call.attr().find(value.placeholder());
      if (it != call.attr().end()) v = &it->second;
    }
    if (v == nullptr)
      return Status::Unsupported("function '" + f.signature().name() + "': node '" +
                                 node->name() + "' attr '" + name + "' is the unresolved "
                                 "placeholder $" + value.placeholder());
    value = *v;
  }
  return Status::OK();
}

Status Inliner::Inline(const NodeDef& call, int depth, std::vector<NodeDef>* out) {
  const FunctionDef* f = Callee(call);
  if (f == nullptr)
    return Status::NotFound("call '" + call.name() + "': function not in the library");
  const std::string& fname = f->signature().name();
  if (depth > max_depth_)
    return Status::Unsupported("call '" + call.name() + "': functions nested deeper than " +
                               std::to_string(max_depth_) + " (recursive function '" + fname +
                               "'?)");
  for (const auto& a : f->signature().input_arg())
    if (!a.number_attr().empty() || !a.type_list_attr().empty())
      return Status::Unsupported("function '" + fname + "' has list argument '" + a.name() +
                                 "'; cannot inline");
  for (const auto& a : f->signature().output_arg())
    if (!a.number_attr().empty() || !a.type_list_attr().empty())
      return Status::Unsupported("function '" + fname + "' has list output '" + a.name() +
                                 "'; cannot inline");
  ++stats_->calls;
  stats_->functions.insert(fname);

  // The call's data and control inputs.
  std::vector<std::string> data, control;
  for (const auto& in : call.input()) (in.rfind('^', 0) == 0 ? control : data).push_back(in);
  if (static_cast<int>(data.size()) != f->signature().input_arg_size())
    return Status::Corruption("call '" + call.name() + "' has " + std::to_string(data.size()) +
                              " inputs but function '" + fname + "' takes " +
                              std::to_string(f->signature().input_arg_size()));
  std::unordered_map<std::string, std::string> arg_input;
  for (int i = 0; i < f->signature().input_arg_size(); ++i)
    arg_input[f->signature().input_arg(i).name()] = data[i];

  // Body node names in the main graph. The call's own name is taken by the
  // output node, so body nodes live below it.
  const std::string prefix = call.name() + "/";
  std::unordered_map<std::string, std::string> renamed;
  std::unordered_map<std::string, const NodeDef*> body;
  for (const auto& n : f->node_def()) {
    renamed[n.name()] = UniqueName(prefix + n.name());
    body[n.name()] = &n;
  }

  auto translate = [&](const std::string& text, std::string* result) -> Status {
    TFG_ASSIGN_OR_RETURN(TensorRef ref, ParseFunctionInput(text));
    if (ref.control) {
      auto it = renamed.find(ref.node);
      if (it != renamed.end()) {
        *result = "^" + it->second;
        return Status::OK();
      }
      auto arg = arg_input.find(ref.node);
      if (arg == arg_input.end())
        return Status::Corruption("function '" + fname + "': unknown control input '" + text +
                                  "'");
      TFG_ASSIGN_OR_RETURN(TensorRef a, ParseGraphInput(arg->second));
      *result = "^" + a.node;
      return Status::OK();
    }
    if (ref.out_arg.empty() && !ref.explicit_index) {
      auto arg = arg_input.find(ref.node);
      if (arg != arg_input.end()) {
        *result = arg->second;
        return Status::OK();
      }
    }
    auto it = renamed.find(ref.node);
    if (it == renamed.end())
      return Status::Corruption("function '" + fname + "': unknown input '" + text + "'");
    int flat = ref.index;
    if (!ref.out_arg.empty()) {
      auto r = FlatOutputIndex(*body[ref.node], ref.out_arg, ref.index, ops_, lib_);
      if (!r.ok())
        return Status::Unsupported("function '" + fname + "': cannot resolve '" + text +
                                   "': " + r.status().message());
      flat = *r;
    }
    *result = flat == 0 ? it->second : it->second + ":" + std::to_string(flat);
    return Status::OK();
  };

  for (const auto& n : f->node_def()) {
    NodeDef copy = n;
    copy.set_name(renamed[n.name()]);
    copy.clear_input();
    bool has_inputs = n.input_size() > 0;
    for (const auto& in : n.input()) {
      std::string t;
      TFG_RETURN_IF_ERROR(translate(in, &t));
      copy.add_input(std::move(t));
    }
    if (!has_inputs)
      for (const auto& c : control) copy.add_input(c);
    TFG_RETURN_IF_ERROR(SubstitutePlaceholders(call, *f, &copy));
    ++stats_->nodes_added;
    if (IsFunctionCall(copy, lib_)) {
      TFG_RETURN_IF_ERROR(Inline(copy, depth + 1, out));
    } else {
      out->push_back(std::move(copy));
    }
  }

  // The node that stands for the call's outputs.
  NodeDef result;
  result.set_name(call.name());
  result.set_device(call.device());
  const auto& outs = f->signature().output_arg();
  std::vector<tensorflow::DataType> types;
  auto tout = call.attr().find("Tout");
  for (int i = 0; i < outs.size(); ++i) {
    tensorflow::DataType t = outs[i].type();
    if (tout != call.attr().end() && i < tout->second.list().type_size())
      t = tout->second.list().type(i);
    types.push_back(t);
    auto ret = f->ret().find(outs[i].name());
    if (ret == f->ret().end())
      return Status::Corruption("function '" + fname + "' does not return '" + outs[i].name() +
                                "'");
    std::string t_in;
    TFG_RETURN_IF_ERROR(translate(ret->second, &t_in));
    result.add_input(std::move(t_in));
  }
  if (outs.empty()) {
    result.set_op("NoOp");
    for (const auto& [name, node] : f->control_ret()) {
      auto it = renamed.find(node);
      if (it != renamed.end()) result.add_input("^" + it->second);
    }
  } else if (outs.size() == 1) {
    result.set_op("Identity");
    (*result.mutable_attr())["T"].set_type(types[0]);
  } else {
    result.set_op("IdentityN");
    auto* list = (*result.mutable_attr())["T"].mutable_list();
    for (auto t : types) list->add_type(t);
  }
  auto shapes = call.attr().find("_output_shapes");
  if (shapes != call.attr().end() && !outs.empty())
    (*result.mutable_attr())["_output_shapes"] = shapes->second;
  out->push_back(std::move(result));
  return Status::OK();
}

}  // namespace

bool IsFunctionCall(const NodeDef& node, const tensorflow::FunctionDefLibrary& lib) {
  if (node.op() == "StatefulPartitionedCall" || node.op() == "PartitionedCall") return true;
  return CalledFunction(node, lib) != nullptr;
}

Status InlineCalls(tensorflow::GraphDef* graph, const std::set<std::string>& calls,
                   const OpRegistry& ops, InlineStats* stats, int max_depth) {
  if (calls.empty()) return Status::OK();
  Inliner inliner(graph->library(), ops, stats, max_depth);
  for (const auto& n : graph->node()) inliner.Reserve(n.name());
  std::vector<NodeDef> out;
  out.reserve(graph->node_size());
  for (auto& n : *graph->mutable_node()) {
    if (calls.count(n.name()) && IsFunctionCall(n, graph->library())) {
      TFG_RETURN_IF_ERROR(inliner.Inline(n, 0, &out));
    } else {
      out.push_back(std::move(n));
    }
  }
  graph->clear_node();
  for (auto& n : out) *graph->add_node() = std::move(n);
  return Status::OK();
}

}  // namespace tfgraph
