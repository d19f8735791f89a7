#include "core/freeze_body.h"

#include <unordered_set>

#include "core/tensor_ref.h"

namespace tfgraph {
namespace {

std::string EdgeKey(std::string_view node, int output) {
  std::string k(node);
  k += ':';
  k += std::to_string(output);
  return k;
}

// Number of flat tensors an ArgDef of a function signature stands for; TF2
// traced functions only have single-tensor arguments.
bool SingleTensorArg(const tensorflow::OpDef::ArgDef& a) {
  return a.number_attr().empty() && a.type_list_attr().empty();
}

}  // namespace

const tensorflow::FunctionDef* CalledFunction(const tensorflow::NodeDef& node,
                                              const tensorflow::FunctionDefLibrary& library) {
  for (const auto& f : library.function())
    if (f.signature().name() == node.op()) return &f;
  return nullptr;
}

StatusOr<int> FlatOutputIndex(const tensorflow::NodeDef& producer, std::string_view out_arg,
                              int idx, const OpRegistry& ops,
                              const tensorflow::FunctionDefLibrary& library) {
  if (const auto* f = CalledFunction(producer, library)) {
    int flat = 0;
    for (const auto& a : f->signature().output_arg()) {
      if (!SingleTensorArg(a))
        return Status::Unsupported("function '" + f->signature().name() +
                                   "' has a list output argument");
      if (a.name() == out_arg) {
        if (idx != 0)
          return Status::InvalidArgument("output '" + std::string(out_arg) + ":" +
                                         std::to_string(idx) + "' of '" + producer.name() +
                                         "' is out of range");
        return flat;
      }
      ++flat;
    }
    return Status::NotFound("function '" + f->signature().name() + "' has no output '" +
                            std::string(out_arg) + "'");
  }
  return ops.OutputIndex(producer, out_arg, idx);
}

StatusOr<std::string> OutputArgSuffix(const tensorflow::NodeDef& producer, int flat,
                                      const OpRegistry& ops,
                                      const tensorflow::FunctionDefLibrary& library) {
  if (const auto* f = CalledFunction(producer, library)) {
    if (flat < 0 || flat >= f->signature().output_arg_size())
      return Status::InvalidArgument("output " + std::to_string(flat) + " of '" +
                                     producer.name() + "' is out of range");
    return f->signature().output_arg(flat).name() + ":0";
  }
  TFG_ASSIGN_OR_RETURN(OutputArgRef ref, ops.OutputArgAt(producer, flat));
  return std::string(ref.arg) + ":" + std::to_string(ref.index);
}

Status BodyIndex::Add(int node, int input, Source src) {
  consumers_[EdgeKey(src.node, src.output)].push_back({node, input});
  auto& v = sources_[node];
  auto& h = has_source_[node];
  if (static_cast<int>(v.size()) <= input) {
    v.resize(input + 1);
    h.resize(input + 1, false);
  }
  v[input] = std::move(src);
  h[input] = true;
  return Status::OK();
}

StatusOr<BodyIndex> BodyIndex::ForGraph(const tensorflow::GraphDef& graph) {
  BodyIndex b;
  const int n = graph.node_size();
  b.sources_.resize(n);
  b.has_source_.resize(n);
  for (int i = 0; i < n; ++i) b.by_name_.emplace(graph.node(i).name(), i);
  for (int i = 0; i < n; ++i) {
    const auto& node = graph.node(i);
    for (int j = 0; j < node.input_size(); ++j) {
      TFG_ASSIGN_OR_RETURN(TensorRef ref, ParseGraphInput(node.input(j)));
      if (ref.control) continue;
      Source s;
      s.node = std::move(ref.node);
      s.output = ref.index;
      TFG_RETURN_IF_ERROR(b.Add(i, j, std::move(s)));
    }
  }
  return b;
}

StatusOr<BodyIndex> BodyIndex::ForFunction(const tensorflow::FunctionDef& function,
                                           const OpRegistry& ops,
                                           const tensorflow::FunctionDefLibrary& library) {
  BodyIndex b;
  b.is_function_ = true;
  const int n = function.node_def_size();
  b.sources_.resize(n);
  b.has_source_.resize(n);
  for (int i = 0; i < n; ++i) b.by_name_.emplace(function.node_def(i).name(), i);
  std::unordered_set<std::string> args;
  for (const auto& a : function.signature().input_arg()) args.insert(a.name());
  for (int i = 0; i < n; ++i) {
    const auto& node = function.node_def(i);
    for (int j = 0; j < node.input_size(); ++j) {
      TFG_ASSIGN_OR_RETURN(TensorRef ref, ParseFunctionInput(node.input(j)));
      if (ref.control) continue;
      Source s;
      if (ref.out_arg.empty() && !ref.explicit_index && args.count(ref.node)) {
        s.node = std::move(ref.node);
        s.is_arg = true;
      } else {
        int p = b.Find(ref.node);
        if (p < 0)
          return Status::Corruption("function '" + function.signature().name() + "': node '" +
                                    node.name() + "' reads unknown '" + node.input(j) + "'");
        if (ref.out_arg.empty()) {
          s.output = ref.index;
        } else {
          auto flat = FlatOutputIndex(function.node_def(p), ref.out_arg, ref.index, ops, library);
          if (!flat.ok())
            return Status::Unsupported("function '" + function.signature().name() +
                                       "': cannot resolve '" + node.input(j) +
                                       "': " + flat.status().message());
          s.output = *flat;
        }
        s.node = std::move(ref.node);
      }
      TFG_RETURN_IF_ERROR(b.Add(i, j, std::move(s)));
    }
  }
  return b;
}

int BodyIndex::Find(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? -1 : it->second;
}

const std::vector<BodyIndex::Edge>& BodyIndex::Consumers(std::string_view producer,
                                                         int output) const {
  static const std::vector<Edge> kNone;
  auto it = consumers_.find(EdgeKey(producer, output));
  return it == consumers_.end() ? kNone : it->second;
}

const BodyIndex::Source* BodyIndex::InputSource(int node, int input) const {
  if (node < 0 || node >= static_cast<int>(sources_.size())) return nullptr;
  if (input < 0 || input >= static_cast<int>(sources_[node].size())) return nullptr;
  return has_source_[node][input] ? &sources_[node][input] : nullptr;
}

}  // namespace tfgraph
