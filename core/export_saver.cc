#include "core/export_saver.h"

#include <map>
#include <set>

#include "core/tensor_ref.h"
#include "tensorflow/variable.pb.h"

namespace tfgraph {
namespace {

using tensorflow::NodeDef;

tensorflow::DataType BaseOf(tensorflow::DataType t) {
  int v = static_cast<int>(t);
  return v > 100 ? static_cast<tensorflow::DataType>(v - 100) : t;
}

// Follows Identity-like nodes up to the producer of a data input.
Graph::Input Producer(const Graph& g, int node, int input) {
  Graph::Input in = g.node(node).inputs[input];
  for (int hops = 0; hops < 16 && in.node >= 0; ++hops) {
    std::string_view op = g.op(in.node);
    if (op != "Identity" && op != "RefIdentity" && op != "Snapshot") break;
    const auto& ins = g.node(in.node).inputs;
    if (ins.empty() || ins[0].control) break;
    in = ins[0];
  }
  return in;
}

// The string elements of a Const node, or empty on anything else.
std::vector<std::string> ConstStrings(const Graph& g, int node) {
  std::vector<std::string> out;
  if (node < 0 || g.op(node) != "Const") return out;
  const auto& attrs = g.node(node).def->attr();
  auto it = attrs.find("value");
  if (it == attrs.end() || !it->second.has_tensor()) return out;
  const auto& t = it->second.tensor();
  if (t.dtype() != tensorflow::DT_STRING) return out;
  int64_t count = 1;
  for (const auto& d : t.tensor_shape().dim()) count *= d.size();
  if (count < 0 || count > (1 << 24)) return out;
  for (int64_t i = 0; i < count; ++i) {
    if (t.string_val_size() == 0) {
      out.emplace_back();
    } else {
      out.push_back(t.string_val(static_cast<int>(std::min<int64_t>(i, t.string_val_size() - 1))));
    }
  }
  return out;
}

tensorflow::DataType VariableDType(const NodeDef& n) {
  auto it = n.attr().find("dtype");
  return it == n.attr().end() ? tensorflow::DT_INVALID : BaseOf(it->second.type());
}

int StripToNode(const Graph& g, const std::string& name) {
  auto ref = ParseGraphInput(name);
  return ref.ok() ? g.Find(ref->node) : -1;
}

NodeDef* AddNode(tensorflow::GraphDef* graph, const std::string& name, const std::string& op) {
  NodeDef* n = graph->add_node();
  n->set_name(name);
  n->set_op(op);
  return n;
}

void SetType(NodeDef* n, const char* attr, tensorflow::DataType t) {
  (*n->mutable_attr())[attr].set_type(t);
}

void StringConst(tensorflow::GraphDef* graph, const std::string& name,
                 const std::vector<std::string>& values, bool scalar) {
  NodeDef* n = AddNode(graph, name, "Const");
  SetType(n, "dtype", tensorflow::DT_STRING);
  auto* t = (*n->mutable_attr())["value"].mutable_tensor();
  t->set_dtype(tensorflow::DT_STRING);
  if (!scalar) t->mutable_tensor_shape()->add_dim()->set_size(static_cast<int64_t>(values.size()));
  for (const auto& v : values) t->add_string_val(v);
}

}  // namespace

bool IsVariableNodeOp(std::string_view op) {
  return op == "VariableV2" || op == "Variable" || op == "VarHandleOp" ||
         op == "AutoReloadVariable";
}

StatusOr<std::vector<SaverBinding>> BindingsFromSaver(const Graph& graph,
                                                         const tensorflow::SaverDef& saver) {
  std::string restore = saver.restore_op_name();
  if (!restore.empty() && restore[0] == '^') restore.erase(0, 1);
  int root = StripToNode(graph, restore);
  if (root < 0) {
    return Status::NotFound("the graph's saver names restore op '" + restore +
                            "', which is not in the graph");
  }
  // Walk the restore op's inputs (its control deps, and restore_shard NoOps).
  std::vector<int> work{root};
  std::set<int> seen{root};
  std::vector<SaverBinding> out;
  std::set<std::string> bound;
  while (!work.empty()) {
    int n = work.back();
    work.pop_back();
    std::string_view op = graph.op(n);
    if (op == "Assign" || op == "AssignVariableOp") {
      const auto& ins = graph.node(n).inputs;
      if (ins.size() < 2 || ins[0].control || ins[1].control) {
        return Status::Unsupported("restore node '" + std::string(graph.name(n)) +
                                   "' has an unexpected shape");
      }
      Graph::Input var = Producer(graph, n, 0);
      Graph::Input value = Producer(graph, n, 1);
      if (var.node < 0 || value.node < 0 || !IsVariableNodeOp(graph.op(var.node))) {
        return Status::Unsupported("restore node '" + std::string(graph.name(n)) +
                                   "' does not assign a variable from a restore op");
      }
      std::string_view vop = graph.op(value.node);
      SaverBinding b;
      b.node = std::string(graph.name(var.node));
      b.dtype = VariableDType(*graph.node(var.node).def);
      b.resource = graph.op(var.node) == "VarHandleOp";
      if (vop == "RestoreV2") {
        const auto& rins = graph.node(value.node).inputs;
        if (rins.size() < 3) return Status::Unsupported("malformed RestoreV2 in the saver");
        auto names = ConstStrings(graph, rins[1].node);
        auto slices = ConstStrings(graph, rins[2].node);
        if (value.output >= static_cast<int>(names.size()) ||
            value.output >= static_cast<int>(slices.size())) {
          return Status::Unsupported("RestoreV2 '" + std::string(graph.name(value.node)) +
                                     "' does not list constant tensor names");
        }
        b.key = names[value.output];
        b.slice = slices[value.output];
      } else if (vop == "RestoreSlice" || vop == "Restore") {
        const auto& rins = graph.node(value.node).inputs;
        auto names = rins.size() >= 2 ? ConstStrings(graph, rins[1].node) : std::vector<std::string>{};
        if (names.size() != 1) return Status::Unsupported("old-style restore without a constant name");
        b.key = names[0];
        if (vop == "RestoreSlice" && rins.size() >= 3) {
          auto slices = ConstStrings(graph, rins[2].node);
          if (slices.size() == 1) b.slice = slices[0];
        }
      } else {
        return Status::Unsupported("restore node '" + std::string(graph.name(n)) +
                                   "' is fed by '" + std::string(vop) + "', not a restore op");
      }
      if (bound.insert(b.node).second) out.push_back(std::move(b));
      continue;
    }
    for (const auto& in : graph.node(n).inputs) {
      if (in.node >= 0 && in.control && seen.insert(in.node).second) work.push_back(in.node);
    }
  }
  if (out.empty()) return Status::Unsupported("the graph's saver restores no variables");
  return out;
}

std::vector<SaverBinding> BindingsFromCollections(const Graph& graph,
                                                     const tensorflow::MetaGraphDef* meta) {
  // Slice info of partitioned parts, by variable node name.
  std::map<std::string, tensorflow::VariableDef> defs;
  if (meta != nullptr) {
    for (const char* coll : {"variables", "trainable_variables", "local_variables",
                             "model_variables"}) {
      auto it = meta->collection_def().find(coll);
      if (it == meta->collection_def().end() || !it->second.has_bytes_list()) continue;
      for (const auto& bytes : it->second.bytes_list().value()) {
        tensorflow::VariableDef def;
        if (!def.ParseFromString(bytes)) continue;
        auto ref = ParseGraphInput(def.variable_name());
        if (ref.ok()) defs.emplace(ref->node, def);
      }
    }
  }
  std::vector<SaverBinding> out;
  for (int i = 0; i < graph.size(); ++i) {
    if (!IsVariableNodeOp(graph.op(i))) continue;
    SaverBinding b;
    b.node = std::string(graph.name(i));
    b.key = b.node;
    b.dtype = VariableDType(*graph.node(i).def);
    b.resource = graph.op(i) == "VarHandleOp";
    auto it = defs.find(b.node);
    if (it != defs.end() && it->second.has_save_slice_info_def()) {
      const auto& s = it->second.save_slice_info_def();
      b.key = s.full_name();
      std::string spec;
      for (int64_t d : s.full_shape()) spec += std::to_string(d) + " ";
      for (int k = 0; k < s.var_offset_size() && k < s.var_shape_size(); ++k) {
        if (k) spec += ":";
        spec += std::to_string(s.var_offset(k)) + "," + std::to_string(s.var_shape(k));
      }
      b.slice = spec;
    }
    out.push_back(std::move(b));
  }
  return out;
}

std::string FreshScope(const tensorflow::GraphDef& graph, const std::string& base) {
  std::set<std::string> used;
  for (const auto& n : graph.node()) {
    auto slash = n.name().find('/');
    used.insert(slash == std::string::npos ? n.name() : n.name().substr(0, slash));
  }
  if (!used.count(base)) return base;
  for (int i = 1;; ++i) {
    std::string s = base + "_" + std::to_string(i);
    if (!used.count(s)) return s;
  }
}

StatusOr<tensorflow::SaverDef> AddSaver(tensorflow::GraphDef* graph,
                                        const std::vector<SaverBinding>& vars) {
  if (vars.empty()) return Status::Internal("AddSaver called without variables");
  const std::string scope = FreshScope(*graph, "save");
  const int n = static_cast<int>(vars.size());
  std::vector<std::string> keys, slices;
  for (const auto& v : vars) {
    if (v.dtype == tensorflow::DT_INVALID) {
      return Status::Unsupported("variable '" + v.node + "' has no dtype attr");
    }
    keys.push_back(v.key);
    slices.push_back(v.slice);
  }

  // The checkpoint prefix: a PlaceholderWithDefault so loaders can feed it.
  StringConst(graph, scope + "/filename/input", {"model"}, true);
  NodeDef* filename = AddNode(graph, scope + "/filename", "PlaceholderWithDefault");
  filename->add_input(scope + "/filename/input");
  SetType(filename, "dtype", tensorflow::DT_STRING);
  (*filename->mutable_attr())["shape"].mutable_shape();
  const std::string prefix = scope + "/filename";

  // Save: SaveV2(prefix, names, slices, values...) then the prefix again.
  StringConst(graph, scope + "/SaveV2/tensor_names", keys, false);
  StringConst(graph, scope + "/SaveV2/shape_and_slices", slices, false);
  std::vector<std::string> values;
  for (int i = 0; i < n; ++i) {
    if (vars[i].resource) {
      std::string read = scope + "/Read_" + std::to_string(i);
      NodeDef* r = AddNode(graph, read, "ReadVariableOp");
      r->add_input(vars[i].node);
      SetType(r, "dtype", vars[i].dtype);
      values.push_back(read);
    } else {
      values.push_back(vars[i].node);
    }
  }
  NodeDef* save = AddNode(graph, scope + "/SaveV2", "SaveV2");
  save->add_input(prefix);
  save->add_input(scope + "/SaveV2/tensor_names");
  save->add_input(scope + "/SaveV2/shape_and_slices");
  auto* save_types = (*save->mutable_attr())["dtypes"].mutable_list();
  for (int i = 0; i < n; ++i) {
    save->add_input(values[i]);
    save_types->add_type(vars[i].dtype);
  }
  NodeDef* dep = AddNode(graph, scope + "/control_dependency", "Identity");
  dep->add_input(prefix);
  dep->add_input("^" + scope + "/SaveV2");
  SetType(dep, "T", tensorflow::DT_STRING);

  // Restore: RestoreV2 then one assignment per variable, grouped by a NoOp.
  StringConst(graph, scope + "/RestoreV2/tensor_names", keys, false);
  StringConst(graph, scope + "/RestoreV2/shape_and_slices", slices, false);
  NodeDef* restore = AddNode(graph, scope + "/RestoreV2", "RestoreV2");
  restore->add_input(prefix);
  restore->add_input(scope + "/RestoreV2/tensor_names");
  restore->add_input(scope + "/RestoreV2/shape_and_slices");
  auto* restore_types = (*restore->mutable_attr())["dtypes"].mutable_list();
  for (const auto& v : vars) restore_types->add_type(v.dtype);
  std::vector<std::string> assigns;
  for (int i = 0; i < n; ++i) {
    std::string restored = scope + "/RestoreV2:" + std::to_string(i);
    if (i == 0) restored = scope + "/RestoreV2";
    std::string suffix = i == 0 ? "" : "_" + std::to_string(i);
    if (vars[i].resource) {
      NodeDef* id = AddNode(graph, scope + "/Identity" + suffix, "Identity");
      id->add_input(restored);
      SetType(id, "T", vars[i].dtype);
      NodeDef* a = AddNode(graph, scope + "/AssignVariableOp" + suffix, "AssignVariableOp");
      a->add_input(vars[i].node);
      a->add_input(id->name());
      SetType(a, "dtype", vars[i].dtype);
      assigns.push_back(a->name());
    } else {
      NodeDef* a = AddNode(graph, scope + "/Assign" + suffix, "Assign");
      a->add_input(vars[i].node);
      a->add_input(restored);
      SetType(a, "T", vars[i].dtype);
      (*a->mutable_attr())["validate_shape"].set_b(true);
      (*a->mutable_attr())["use_locking"].set_b(true);
      assigns.push_back(a->name());
    }
  }
  NodeDef* all = AddNode(graph, scope + "/restore_all", "NoOp");
  for (const auto& a : assigns) all->add_input("^" + a);

  tensorflow::SaverDef def;
  def.set_filename_tensor_name(prefix + ":0");
  def.set_save_tensor_name(scope + "/control_dependency:0");
  def.set_restore_op_name(scope + "/restore_all");
  def.set_max_to_keep(5);
  def.set_sharded(false);
  def.set_keep_checkpoint_every_n_hours(10000.0f);
  def.set_version(tensorflow::SaverDef::V2);
  return def;
}

}  // namespace tfgraph
