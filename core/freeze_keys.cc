#include "core/freeze_keys.h"

#include <deque>
#include <unordered_map>

#include "core/graph.h"
#include "core/prune.h"
#include "core/tensor.h"
#include "core/variables.h"

namespace tfgraph {
namespace {

bool IsIdentityLike(std::string_view op) {
  return op == "Identity" || op == "RefIdentity" || op == "Snapshot";
}

// The string elements of a Const node (through Identity nodes), or an error.
StatusOr<std::vector<std::string>> ConstStrings(const Graph& g, int node) {
  for (int hops = 0; node >= 0 && hops < 16 && IsIdentityLike(g.op(node)); ++hops) {
    const auto& in = g.node(node).inputs;
    node = in.empty() ? -1 : in[0].node;
  }
  if (node < 0 || g.op(node) != "Const")
    return Status::Unsupported("saver input is not a constant");
  const auto& attrs = g.node(node).def->attr();
  auto it = attrs.find("value");
  if (it == attrs.end()) return Status::Corruption("Const '" + std::string(g.name(node)) +
                                                   "' has no value");
  TFG_ASSIGN_OR_RETURN(Tensor t, Tensor::FromProto(it->second.tensor()));
  if (t.dtype() != tensorflow::DT_STRING)
    return Status::Corruption("Const '" + std::string(g.name(node)) + "' is not a string tensor");
  return t.strings();
}

// Follows a variable reference backwards through Identity nodes to the
// variable op; -1 if it does not end at one.
int VariableBehind(const Graph& g, int node) {
  for (int hops = 0; node >= 0 && hops < 16; ++hops) {
    if (CreatesVariable(g.op(node))) return node;
    if (!IsIdentityLike(g.op(node))) return -1;
    const auto& in = g.node(node).inputs;
    node = in.empty() ? -1 : in[0].node;
  }
  return -1;
}

// Variables written by output `out` of `node`: follows data edges through
// Identity nodes to Assign / AssignVariableOp (as their value input).
void VariablesWrittenBy(const Graph& g, int node, int out, std::vector<int>* vars) {
  std::deque<std::pair<int, int>> todo{{node, out}};
  int steps = 0;
  while (!todo.empty() && steps++ < 256) {
    auto [p, o] = todo.front();
    todo.pop_front();
    for (int c : g.node(p).consumers) {
      const auto& ins = g.node(c).inputs;
      for (size_t pos = 0; pos < ins.size(); ++pos) {
        if (ins[pos].control || ins[pos].node != p || ins[pos].output != o) continue;
        std::string_view op = g.op(c);
        if (IsIdentityLike(op)) {
          todo.push_back({c, 0});
        } else if ((op == "Assign" || op == "AssignVariableOp") && pos == 1 && !ins.empty()) {
          int v = VariableBehind(g, ins[0].node);
          if (v >= 0) vars->push_back(v);
        }
      }
    }
  }
}

std::vector<bool> AncestorsOf(const Graph& g, int root) {
  std::vector<bool> seen(g.size(), false);
  std::vector<int> stack{root};
  seen[root] = true;
  while (!stack.empty()) {
    int n = stack.back();
    stack.pop_back();
    for (const auto& in : g.node(n).inputs) {
      if (in.node >= 0 && !seen[in.node]) {
        seen[in.node] = true;
        stack.push_back(in.node);
      }
    }
  }
  return seen;
}

bool IsRestoreOp(std::string_view op) {
  return op == "RestoreV2" || op == "RestoreSlice" || op == "Restore";
}

Status MapFromSaver(const Graph& g, const tensorflow::MetaGraphDef* meta,
                    std::map<std::string, VariableKey>* out) {
  std::vector<bool> scope;
  if (meta != nullptr && !meta->saver_def().restore_op_name().empty()) {
    std::string_view name = meta->saver_def().restore_op_name();
    if (auto colon = name.find(':'); colon != std::string_view::npos) name = name.substr(0, colon);
    int root = g.Find(name);
    if (root >= 0) scope = AncestorsOf(g, root);
  }
  for (int r = 0; r < g.size(); ++r) {
    std::string_view op = g.op(r);
    if (!IsRestoreOp(op)) continue;
    if (!scope.empty() && !scope[r]) continue;
    const auto& ins = g.node(r).inputs;
    if (ins.size() < 2 || ins[1].control) continue;
    auto names = ConstStrings(g, ins[1].node);
    if (!names.ok()) continue;  // a computed name: not a saver we can read
    std::vector<std::string> slices;
    if (op != "Restore" && ins.size() >= 3 && !ins[2].control) {
      auto s = ConstStrings(g, ins[2].node);
      if (s.ok()) slices = std::move(s).value();
    }
    for (size_t i = 0; i < names->size(); ++i) {
      std::vector<int> vars;
      VariablesWrittenBy(g, r, static_cast<int>(i), &vars);
      for (int v : vars) {
        VariableKey k;
        k.key = (*names)[i];
        k.source = VariableKey::Source::kSaver;
        if (i < slices.size()) {
          auto ss = ParseShapeAndSlice(slices[i]);
          if (!ss.ok())
            return ss.status().WithPrefix("restore op '" + std::string(g.name(r)) + "'");
          if (ss->sliced) {
            k.sliced = true;
            k.full_shape = ss->full_shape;
            k.slice = ss->slice;
          }
        }
        (*out)[std::string(g.name(v))] = std::move(k);
      }
    }
  }
  return Status::OK();
}

void MapFromObjectGraph(const Graph& g, const tensorflow::MetaGraphDef& meta,
                        const ObjectGraphInfo& objects, std::map<std::string, VariableKey>* out) {
  const auto& functions = meta.object_graph_def().concrete_functions();
  if (functions.empty()) return;
  std::unordered_map<int, std::string> key_of_object;
  for (const auto& [key, attr] : objects.attributes)
    if (attr.name == "VARIABLE_VALUE") key_of_object.emplace(attr.node_id, key);
  for (int n = 0; n < g.size(); ++n) {
    const auto& attrs = g.node(n).def->attr();
    auto f = attrs.find("f");
    if (f == attrs.end() || !f->second.has_func()) continue;
    auto cf = functions.find(f->second.func().name());
    if (cf == functions.end() || cf->second.bound_inputs().empty()) continue;
    std::vector<int> data;
    for (const auto& in : g.node(n).inputs)
      if (!in.control) data.push_back(in.node);
    const auto& bound = cf->second.bound_inputs();
    if (static_cast<size_t>(bound.size()) > data.size()) continue;
    size_t first = data.size() - bound.size();
    for (int j = 0; j < bound.size(); ++j) {
      int v = data[first + j] < 0 ? -1 : VariableBehind(g, data[first + j]);
      if (v < 0) continue;
      auto key = key_of_object.find(bound[j]);
      if (key == key_of_object.end()) continue;
      VariableKey k;
      k.key = key->second;
      k.source = VariableKey::Source::kObjectGraph;
      out->emplace(std::string(g.name(v)), std::move(k));
    }
  }
}

}  // namespace

const char* VariableKeySourceName(VariableKey::Source s) {
  switch (s) {
    case VariableKey::Source::kSaver: return "saver";
    case VariableKey::Source::kObjectGraph: return "object graph";
    case VariableKey::Source::kSharedName: return "shared_name";
    case VariableKey::Source::kNodeName: return "node name";
  }
  return "?";
}

StatusOr<std::map<std::string, VariableKey>> MapVariableKeys(
    const tensorflow::GraphDef& graph, const tensorflow::MetaGraphDef* meta,
    const ObjectGraphInfo* objects) {
  TFG_ASSIGN_OR_RETURN(auto g, Graph::FromGraphDef(graph));
  std::map<std::string, VariableKey> keys;
  TFG_RETURN_IF_ERROR(MapFromSaver(*g, meta, &keys));
  if (meta != nullptr && objects != nullptr) MapFromObjectGraph(*g, *meta, *objects, &keys);
  for (int n = 0; n < g->size(); ++n) {
    if (!CreatesVariable(g->op(n))) continue;
    std::string name(g->name(n));
    if (keys.count(name)) continue;
    VariableKey k;
    const auto& attrs = g->node(n).def->attr();
    auto shared = attrs.find("shared_name");
    if (shared != attrs.end() && !shared->second.s().empty()) {
      k.key = shared->second.s();
      k.source = VariableKey::Source::kSharedName;
    } else {
      k.key = name;
    }
    keys.emplace(std::move(name), std::move(k));
  }
  return keys;
}

}  // namespace tfgraph
