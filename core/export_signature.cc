#include "core/export_signature.h"

#include <algorithm>
#include <optional>
#include <set>

#include "core/dtype.h"
#include "core/tensor_ref.h"

namespace tfgraph {
namespace {

std::string Where(const std::string& sig, const char* side, const std::string& what) {
  return "signature '" + sig + "' " + side + " '" + what + "'";
}

std::string TensorName(const Graph& g, const ResolvedTensor& t) {
  return std::string(g.name(t.node)) + ":" + std::to_string(t.output);
}

Status ResolveList(const Graph& graph, const TensorTyper& typer, const std::string& sig,
                   const char* side, const std::vector<TensorSpec>& specs,
                   google::protobuf::Map<std::string, tensorflow::TensorInfo>* map,
                   std::vector<ResolvedTensor>* out) {
  for (const auto& spec : specs) {
    auto resolved = graph.Resolve(spec.tensor);
    if (!resolved.ok()) {
      return resolved.status().WithPrefix(Where(sig, side, spec.text));
    }
    ResolvedTensor t;
    t.node = resolved->node;
    t.output = resolved->output;
    t.key = spec.key.empty() ? std::string(graph.name(t.node)) : spec.key;
    int outputs = typer.NumOutputs(t.node);
    if (outputs >= 0 && t.output >= outputs) {
      return Status::NotFound(Where(sig, side, spec.text) + ": node '" +
                              std::string(graph.name(t.node)) + "' (" +
                              std::string(graph.op(t.node)) + ") has " + std::to_string(outputs) +
                              (outputs == 1 ? " output" : " outputs") + ", so there is no :" +
                              std::to_string(t.output));
    }
    if (outputs == 0) {
      return Status::InvalidArgument(Where(sig, side, spec.text) + ": node '" +
                                     std::string(graph.name(t.node)) + "' (" +
                                     std::string(graph.op(t.node)) +
                                     ") is an operation without outputs, not a tensor");
    }
    tensorflow::TensorInfo info;
    typer.Fill(t.node, t.output, &info);
    if (!spec.dtype.empty()) {
      auto want = ParseDType(spec.dtype);
      if (!want.ok()) return want.status().WithPrefix(Where(sig, side, spec.text));
      tensorflow::DataType have = info.dtype();
      if (have == tensorflow::DT_INVALID) {
        info.set_dtype(BaseType(*want));  // the graph does not say; trust the user
      } else if (BaseType(*want) != have) {
        return Status::InvalidArgument(Where(sig, side, spec.text) + ": tensor " + info.name() +
                                       " is " + DTypeName(have) + ", not " +
                                       DTypeName(BaseType(*want)));
      }
    }
    if (info.dtype() == tensorflow::DT_INVALID) {
      return Status::InvalidArgument(Where(sig, side, spec.text) + ": the graph does not say the "
                                     "dtype of " + info.name() + " (op '" +
                                     std::string(graph.op(t.node)) +
                                     "'); state it as TENSOR@DTYPE");
    }
    if (map->count(t.key)) {
      return Status::InvalidArgument("signature '" + sig + "' has two " + side + "s with key '" +
                                     t.key + "'; name them with KEY=TENSOR");
    }
    (*map)[t.key] = info;
    out->push_back(t);
  }
  return Status::OK();
}

}  // namespace

StatusOr<ResolvedSignature> ResolveSignature(const Graph& graph, const TensorTyper& typer,
                                             const SignatureSpec& spec) {
  ResolvedSignature r;
  r.key = spec.key;
  r.def.set_method_name(spec.method);
  TFG_RETURN_IF_ERROR(ResolveList(graph, typer, spec.key, "input", spec.inputs,
                                  r.def.mutable_inputs(), &r.inputs));
  TFG_RETURN_IF_ERROR(ResolveList(graph, typer, spec.key, "output", spec.outputs,
                                  r.def.mutable_outputs(), &r.outputs));
  return r;
}

StatusOr<ResolvedSignature> ResolveExistingSignature(const Graph& graph, const std::string& key,
                                                     const tensorflow::SignatureDef& def) {
  ResolvedSignature r;
  r.key = key;
  r.def = def;
  auto add = [&](const google::protobuf::Map<std::string, tensorflow::TensorInfo>& map,
                 const char* side, std::vector<ResolvedTensor>* out) -> Status {
    std::vector<std::string> keys;
    for (const auto& [k, v] : map) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    for (const auto& k : keys) {
      const auto& info = map.at(k);
      // Sparse and composite tensors: check their component tensors exist.
      std::vector<std::string> names;
      if (info.encoding_case() == tensorflow::TensorInfo::kName) {
        names.push_back(info.name());
      } else if (info.encoding_case() == tensorflow::TensorInfo::kCooSparse) {
        names = {info.coo_sparse().values_tensor_name(), info.coo_sparse().indices_tensor_name(),
                 info.coo_sparse().dense_shape_tensor_name()};
      } else {
        continue;
      }
      for (const auto& name : names) {
        auto ref = ParseGraphInput(name);
        int node = ref.ok() ? graph.Find(ref->node) : -1;
        if (node < 0) {
          return Status::NotFound(Where(key, side, k) + ": tensor '" + name +
                                  "' does not exist in the graph");
        }
        out->push_back(ResolvedTensor{k, node, ref->index});
      }
    }
    return Status::OK();
  };
  TFG_RETURN_IF_ERROR(add(def.inputs(), "input", &r.inputs));
  TFG_RETURN_IF_ERROR(add(def.outputs(), "output", &r.outputs));
  return r;
}

std::vector<bool> BackwardClosure(const Graph& graph, const std::vector<int>& from,
                                  const std::vector<int>& stop) {
  std::vector<bool> seen(graph.size(), false), is_stop(graph.size(), false);
  for (int s : stop)
    if (s >= 0 && s < graph.size()) is_stop[s] = true;
  std::vector<int> work;
  for (int f : from) {
    if (f >= 0 && f < graph.size() && !seen[f]) {
      seen[f] = true;
      work.push_back(f);
    }
  }
  while (!work.empty()) {
    int n = work.back();
    work.pop_back();
    if (is_stop[n]) continue;
    for (const auto& in : graph.node(n).inputs) {
      if (in.node >= 0 && !seen[in.node]) {
        seen[in.node] = true;
        work.push_back(in.node);
      }
    }
  }
  return seen;
}

Status CheckSignatureGraph(const Graph& graph, const ResolvedSignature& sig) {
  std::vector<int> input_nodes;
  for (const auto& in : sig.inputs) input_nodes.push_back(in.node);
  for (const auto& out : sig.outputs) {
    auto closure = BackwardClosure(graph, {out.node}, input_nodes);
    std::string where = Where(sig.key, "output", out.key) + " (" + TensorName(graph, out) + ")";
    if (!input_nodes.empty()) {
      bool depends = std::any_of(input_nodes.begin(), input_nodes.end(),
                                 [&](int n) { return closure[n]; });
      if (!depends) {
        std::string inputs;
        for (const auto& in : sig.inputs) {
          if (!inputs.empty()) inputs += ", ";
          inputs += TensorName(graph, in);
        }
        return Status::FailedCheck(where + " is not reachable from the signature's inputs (" +
                                   inputs + ")");
      }
    }
    for (int n = 0; n < graph.size(); ++n) {
      if (!closure[n]) continue;
      std::string_view op = graph.op(n);
      if ((op == "Placeholder" || op == "PlaceholderV2") &&
          std::find(input_nodes.begin(), input_nodes.end(), n) == input_nodes.end()) {
        return Status::FailedCheck(where + " needs placeholder '" + std::string(graph.name(n)) +
                                   "', which is not a signature input; add it to --inputs");
      }
    }
  }
  return Status::OK();
}

namespace {

// The dims of a TensorInfo, or nullopt when its rank is unknown.
std::optional<std::vector<int64_t>> InfoDims(const tensorflow::TensorInfo& t) {
  if (t.tensor_shape().unknown_rank()) return std::nullopt;
  std::vector<int64_t> dims;
  for (const auto& d : t.tensor_shape().dim()) dims.push_back(d.size());
  return dims;
}

std::string DimsText(const std::vector<int64_t>& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}

}  // namespace

Status CheckMethodConventions(const std::string& key, const tensorflow::SignatureDef& def) {
  const std::string& m = def.method_name();
  std::string where = "signature '" + key + "' (method " + m + ")";
  auto dtype_of = [](const tensorflow::TensorInfo& t) { return t.dtype(); };
  if (m == kClassifyMethod || m == kRegressMethod) {
    if (def.inputs_size() != 1 || !def.inputs().count("inputs") ||
        dtype_of(def.inputs().at("inputs")) != tensorflow::DT_STRING) {
      return Status::InvalidArgument(where + " needs exactly one input, with key 'inputs' and "
                                     "dtype string (serialized tf.Example)");
    }
    // TF Serving feeds the request's examples as one vector [batch_size].
    auto dims = InfoDims(def.inputs().at("inputs"));
    if (dims && dims->size() != 1) {
      return Status::InvalidArgument(where + ": input 'inputs' has shape " + DimsText(*dims) +
                                     "; TF Serving feeds a vector of serialized tf.Examples "
                                     "[batch_size]");
    }
  }
  // Shapes TF Serving's result conversion accepts (a statically known rank
  // that breaks them would fail every request).
  if (m == kClassifyMethod) {
    for (const auto& [k, v] : def.outputs()) {
      auto dims = InfoDims(v);
      if (dims && dims->size() != 2) {
        return Status::InvalidArgument(where + ": output '" + k + "' has shape " +
                                       DimsText(*dims) + "; TF Serving needs "
                                       "[batch_size, num_classes]");
      }
    }
  } else if (m == kRegressMethod && def.outputs().count("outputs")) {
    auto dims = InfoDims(def.outputs().at("outputs"));
    bool fits = !dims || dims->size() == 1 ||
                (dims->size() == 2 && ((*dims)[1] == 1 || (*dims)[1] < 0));
    if (!fits) {
      return Status::InvalidArgument(where + ": output 'outputs' has shape " + DimsText(*dims) +
                                     "; TF Serving needs [batch_size] or [batch_size, 1]");
    }
  }
  if (m == kClassifyMethod) {
    bool any = false;
    for (const auto& [k, v] : def.outputs()) {
      if (k == "classes") {
        if (v.dtype() != tensorflow::DT_STRING)
          return Status::InvalidArgument(where + ": output 'classes' must be string");
      } else if (k == "scores") {
        if (v.dtype() != tensorflow::DT_FLOAT)
          return Status::InvalidArgument(where + ": output 'scores' must be float32");
      } else {
        return Status::InvalidArgument(where + ": output key '" + k +
                                       "' is not allowed; use 'classes' and/or 'scores'");
      }
      any = true;
    }
    if (!any) return Status::InvalidArgument(where + " needs output 'classes' or 'scores'");
  } else if (m == kRegressMethod) {
    if (def.outputs_size() != 1 || !def.outputs().count("outputs") ||
        def.outputs().at("outputs").dtype() != tensorflow::DT_FLOAT) {
      return Status::InvalidArgument(where + " needs exactly one output, with key 'outputs' and "
                                     "dtype float32");
    }
  }
  return Status::OK();
}

}  // namespace tfgraph
