#include "core/variable_binding.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "core/export_saver.h"
#include "core/graph.h"
#include "core/object_graph.h"
#include "core/tensor.h"
#include "core/variables.h"

namespace tfgraph {
namespace {

// Follows data input 0 through Identity nodes; returns (node, output).
std::pair<int, int> SkipIdentity(const Graph& g, int node, int output) {
  for (int guard = 0; node >= 0 && guard < 64 && g.op(node) == "Identity"; ++guard) {
    const auto& in = g.node(node).inputs;
    if (in.empty() || in[0].control) break;
    output = in[0].output;
    node = in[0].node;
  }
  return {node, output};
}

// The string elements of a Const node (tensor_names of a restore op).
std::vector<std::string> ConstStrings(const Graph& g, int node) {
  if (node < 0 || g.op(node) != "Const") return {};
  auto it = g.node(node).def->attr().find("value");
  if (it == g.node(node).def->attr().end()) return {};
  auto t = Tensor::FromProto(it->second.tensor());
  if (!t.ok() || t->dtype() != tensorflow::DT_STRING) return {};
  return t->strings();
}

bool IsRestoreOp(std::string_view op) {
  return op == "RestoreV2" || op == "RestoreSlice" || op == "Restore";
}

void BindFromRestoreOps(const Graph& g, VariableBinding* b) {
  for (int n = 0; n < g.size(); ++n) {
    if (g.op(n) != "Assign" && g.op(n) != "AssignVariableOp") continue;
    const auto& in = g.node(n).inputs;
    if (in.size() < 2 || in[0].control || in[1].control) continue;
    auto [var, var_out] = SkipIdentity(g, in[0].node, in[0].output);
    auto [restore, index] = SkipIdentity(g, in[1].node, in[1].output);
    if (var < 0 || restore < 0 || !IsRestoreOp(g.op(restore))) continue;
    const auto& rin = g.node(restore).inputs;
    if (rin.size() < 2) continue;
    auto names = ConstStrings(g, SkipIdentity(g, rin[1].node, rin[1].output).first);
    // RestoreSlice / Restore restore one tensor each (output 0).
    size_t i = g.op(restore) == "RestoreV2" ? static_cast<size_t>(index) : 0;
    if (i >= names.size()) continue;
    auto& nodes = b->nodes_of_key[names[i]];
    std::string name(g.name(var));
    bool seen = false;
    for (const auto& x : nodes) seen = seen || x == name;
    if (!seen) nodes.push_back(name);
  }
}

// TF2 SavedModels restore through a traced function: the saver's call node
// passes every variable handle to "__inference__traced_restore_N", whose
// body runs RestoreV2 and writes output i of it to its argument j with an
// AssignVariableOp. This is the binding TF's own (TF1) loader uses, and the
// only one that tells apart variables whose objects share a name (Keras
// metrics' "total" and "count").
void BindFromRestoreFunctions(const Model& model, const Graph& g, VariableBinding* b) {
  const auto& library = model.graph_def().library();
  std::map<std::string, const tensorflow::FunctionDef*> restoring;
  for (const auto& f : library.function()) {
    for (const auto& n : f.node_def()) {
      if (IsRestoreOp(n.op())) {
        restoring.emplace(f.signature().name(), &f);
        break;
      }
    }
  }
  if (restoring.empty()) return;
  for (int c = 0; c < g.size(); ++c) {
    const auto& attrs = g.def(c).attr();
    auto fa = attrs.find("f");
    if (fa == attrs.end() || !fa->second.has_func()) continue;
    auto fn = restoring.find(fa->second.func().name());
    if (fn == restoring.end()) continue;
    auto body_or = Graph::FromFunction(*fn->second);
    if (!body_or.ok()) continue;
    const Graph& body = **body_or;
    std::vector<int> call_inputs;  // the call's data inputs, one per argument
    for (const auto& in : g.node(c).inputs)
      if (!in.control) call_inputs.push_back(in.node);
    for (int a = 0; a < body.size(); ++a) {
      if (body.op(a) != "AssignVariableOp") continue;
      const auto& in = body.node(a).inputs;
      if (in.size() < 2 || in[0].control || in[1].control || in[0].arg < 0) continue;
      auto [restore, index] = SkipIdentity(body, in[1].node, in[1].output);
      if (restore < 0 || body.op(restore) != "RestoreV2") continue;
      const auto& rin = body.node(restore).inputs;
      if (rin.size() < 2) continue;
      auto names = ConstStrings(body, SkipIdentity(body, rin[1].node, rin[1].output).first);
      if (index < 0 || static_cast<size_t>(index) >= names.size()) continue;
      if (static_cast<size_t>(in[0].arg) >= call_inputs.size()) continue;
      auto [var, out] = SkipIdentity(g, call_inputs[in[0].arg], 0);
      if (var < 0 || !CreatesVariable(g.op(var))) continue;
      auto& nodes = b->nodes_of_key[names[index]];
      std::string name(g.name(var));
      if (std::find(nodes.begin(), nodes.end(), name) == nodes.end()) nodes.push_back(name);
    }
  }
}

void BindFromObjectGraph(const Model& model, const CheckpointReader& ckpt, const Graph& g,
                         VariableBinding* b) {
  const auto* mg = model.meta_graph();
  if (!mg || !mg->has_object_graph_def() || !ckpt.has_object_graph()) return;
  auto og = ckpt.ObjectGraph();
  if (!og.ok() || !*og) return;
  std::map<std::string, int> handle_by_shared_name;
  for (int n = 0; n < g.size(); ++n) {
    if (g.op(n) != "VarHandleOp") continue;
    auto it = g.node(n).def->attr().find("shared_name");
    std::string shared = it != g.node(n).def->attr().end() ? it->second.s() : "";
    handle_by_shared_name.emplace(shared.empty() ? std::string(g.name(n)) : shared, n);
  }
  std::set<std::string> bound;  // a node restored from one key is not another's
  for (const auto& [key, nodes] : b->nodes_of_key) bound.insert(nodes.begin(), nodes.end());
  const auto& saved = mg->object_graph_def();
  for (const auto& [key, attr] : (*og)->attributes) {
    if (b->nodes_of_key.count(key) || attr.node_id < 0 || attr.node_id >= saved.nodes_size())
      continue;
    const auto& obj = saved.nodes(attr.node_id);
    if (obj.kind_case() != tensorflow::SavedObject::kVariable) continue;
    auto it = handle_by_shared_name.find(obj.variable().name());
    if (it == handle_by_shared_name.end()) continue;
    std::string name(g.name(it->second));
    if (bound.insert(name).second) b->nodes_of_key[key].push_back(name);
  }
}

}  // namespace

VariableBinding BindVariables(const Model& model, const CheckpointReader& ckpt) {
  VariableBinding b;
  if (model.format() == ModelFormat::kCheckpointOnly) {
    for (const auto& v : ckpt.variables())
      if (v.name != kObjectGraphKey) b.unused_keys.push_back(v.name);
    return b;
  }
  const Graph& g = model.graph();
  BindFromRestoreOps(g, &b);
  BindFromRestoreFunctions(model, g, &b);
  BindFromObjectGraph(model, ckpt, g, &b);
  // A restore op may name keys this checkpoint lacks (a checkpoint from
  // another version of the model): their variables are missing, not bound.
  for (auto it = b.nodes_of_key.begin(); it != b.nodes_of_key.end();)
    it = ckpt.Find(it->first) ? std::next(it) : b.nodes_of_key.erase(it);
  // Last resort: a variable op named like the key.
  std::set<std::string> bound_nodes;
  for (const auto& [key, nodes] : b.nodes_of_key) bound_nodes.insert(nodes.begin(), nodes.end());
  for (const auto& v : ckpt.variables()) {
    if (b.nodes_of_key.count(v.name) || v.name == kObjectGraphKey) continue;
    int n = g.Find(v.name);
    if (n >= 0 && CreatesVariable(g.op(n)) && !bound_nodes.count(v.name)) {
      b.nodes_of_key[v.name].push_back(v.name);
      bound_nodes.insert(v.name);
      continue;
    }
    b.unused_keys.push_back(v.name);
  }
  for (const auto& var : GraphVariables(model.graph_def()))
    if (!bound_nodes.count(var.name)) b.missing_nodes.push_back(var.name);
  return b;
}

std::map<std::string, TensorSlice> PartSlices(const Model& model, const VariableBinding& binding) {
  std::map<std::string, TensorSlice> slices;
  bool partitioned = false;
  for (const auto& entry : binding.nodes_of_key) partitioned = partitioned || entry.second.size() > 1;
  const auto* meta = model.meta_graph();
  if (!partitioned || !meta || !meta->has_saver_def()) return slices;
  auto saver = BindingsFromSaver(model.graph(), meta->saver_def());
  if (!saver.ok()) return slices;
  for (const auto& v : *saver) {
    if (v.slice.empty()) continue;
    auto nodes = binding.nodes_of_key.find(v.key);
    if (nodes == binding.nodes_of_key.end() ||
        std::find(nodes->second.begin(), nodes->second.end(), v.node) == nodes->second.end())
      continue;
    auto slice = TensorSlice::Parse(v.slice.substr(v.slice.rfind(' ') + 1));
    if (slice.ok() && !slice->IsFull()) slices.emplace(v.node, *slice);
  }
  return slices;
}

}  // namespace tfgraph
