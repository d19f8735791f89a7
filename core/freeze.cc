#include "core/freeze.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/dtype.h"
#include "core/freeze_body.h"
#include "core/graph.h"
#include "core/graph_check.h"
#include "core/mapped_file.h"
#include "core/prune.h"
#include "core/variables.h"
#include "core/tensor_ref.h"
#include "tensorflow/saved_model.pb.h"

namespace tfgraph {
namespace {

using tensorflow::GraphDef;
using tensorflow::NodeDef;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool IsTableOp(std::string_view op) {
  static const std::unordered_set<std::string_view> kOps = {
      "HashTable", "HashTableV2", "MutableHashTable", "MutableHashTableV2",
      "MutableHashTableOfTensors", "MutableHashTableOfTensorsV2", "MutableDenseHashTable",
      "MutableDenseHashTableV2"};
  return kOps.count(op) > 0;
}

bool IsTableInitializer(std::string_view op) {
  return StartsWith(op, "InitializeTable") || StartsWith(op, "LookupTableImport");
}

OptShape ShapeFromProto(const tensorflow::TensorShapeProto& p) {
  if (p.unknown_rank()) return std::nullopt;
  std::vector<int64_t> dims;
  for (const auto& d : p.dim()) dims.push_back(d.size());
  return dims;
}

void ShapeToProto(const OptShape& s, tensorflow::TensorShapeProto* p) {
  p->Clear();
  if (!s) {
    p->set_unknown_rank(true);
    return;
  }
  for (int64_t d : *s) p->add_dim()->set_size(d);
}

std::string TensorName(std::string_view node, int output) {
  return std::string(node) + ":" + std::to_string(output);
}

StatusOr<DataType> OutputDType(const NodeDef& n, int k, const OpRegistry& ops,
                               const tensorflow::FunctionDefLibrary& lib) {
  if (const auto* f = CalledFunction(n, lib)) {
    if (k < f->signature().output_arg_size()) return f->signature().output_arg(k).type();
  }
  auto types = ops.OutputTypes(n);
  if (types.ok() && k < static_cast<int>(types->size())) return BaseType((*types)[k]);
  for (const char* attr : {"dtype", "T"}) {
    auto it = n.attr().find(attr);
    if (it != n.attr().end() && it->second.value_case() == tensorflow::AttrValue::kType)
      return BaseType(it->second.type());
  }
  return Status::InvalidArgument("cannot tell the dtype of '" + TensorName(n.name(), k) + "'");
}

OptShape OutputShape(const NodeDef& n, int k) {
  auto it = n.attr().find("_output_shapes");
  if (it != n.attr().end() && k < it->second.list().shape_size())
    return ShapeFromProto(it->second.list().shape(k));
  if (k == 0 && (n.op() == "Placeholder" || n.op() == "PlaceholderWithDefault")) {
    auto s = n.attr().find("shape");
    if (s != n.attr().end()) return ShapeFromProto(s->second.shape());
  }
  return std::nullopt;
}

// The variable a node's first data input comes from, through pass-through
// ops (Identity, Switch, Enter, ...); empty if none.
std::string VariableFeeding(const std::unordered_map<std::string_view, const NodeDef*>& nodes,
                            const NodeDef& n) {
  const NodeDef* cur = &n;
  for (int hops = 0; hops < 32; ++hops) {
    if (cur->input_size() == 0 || StartsWith(cur->input(0), "^")) return "";
    auto ref = ParseGraphInput(cur->input(0));
    if (!ref.ok()) return "";
    auto it = nodes.find(ref->node);
    if (it == nodes.end()) return "";
    cur = it->second;
    if (CreatesVariable(cur->op())) return cur->name();
    std::string_view op = cur->op();
    if (StartsWith(op, "Ref")) op.remove_prefix(3);
    if (op != "Identity" && op != "Switch" && op != "Enter" && op != "Merge" &&
        op != "Snapshot" && op != "NextIteration" && op != "Exit")
      return "";
  }
  return "";
}

// Removes control inputs that point at variable writes or initialization
// checks: freezing never keeps state updates alive through a control edge.
// A read that is ordered after a write of the same variable (TF2's automatic
// control dependencies do that) truly needs the write: Unsupported.
Status DropWriteControls(GraphDef* g) {
  std::unordered_map<std::string_view, const NodeDef*> nodes;
  for (const auto& n : g->node()) nodes.emplace(n.name(), &n);
  std::vector<std::string> problems;
  std::vector<std::vector<int>> drop(g->node_size());
  for (int k = 0; k < g->node_size(); ++k) {
    const NodeDef& n = g->node(k);
    for (int i = 0; i < n.input_size(); ++i) {
      const std::string& in = n.input(i);
      if (!StartsWith(in, "^")) continue;
      auto it = nodes.find(std::string_view(in).substr(1));
      if (it == nodes.end() || !IsVariableWriteOp(it->second->op())) continue;
      const NodeDef& w = *it->second;
      drop[k].push_back(i);
      if (w.op() == "VarIsInitializedOp" || w.op() == "IsVariableInitialized") continue;
      std::string written = VariableFeeding(nodes, w);
      if (!written.empty() && VariableFeeding(nodes, n) == written)
        problems.push_back("variable '" + written + "' is read by " + n.op() + " '" + n.name() +
                           "' after " + w.op() + " '" + w.name() + "' writes it");
    }
  }
  if (!problems.empty()) {
    std::string msg = problems[0];
    if (problems.size() > 1) msg += " (and " + std::to_string(problems.size() - 1) + " more)";
    return Status::Unsupported(msg + "; a frozen graph has no variables to write");
  }
  for (int k = 0; k < g->node_size(); ++k) {
    if (drop[k].empty()) continue;
    auto* inputs = g->mutable_node(k)->mutable_input();
    for (auto i = drop[k].rbegin(); i != drop[k].rend(); ++i) inputs->DeleteSubrange(*i, 1);
  }
  return Status::OK();
}

// What the roots need: core/prune's reachability (data and control edges,
// stopping at cuts), closed over colocation as TensorFlow's
// extract_sub_graph does (`_class` "loc:@x" pulls x in). Colocation entries
// that name a missing node or a variable write are listed in `strip`
// instead: TF would refuse the first and we never keep the second.
struct Reached {
  PruneResult prune;
  std::vector<std::pair<int, std::string>> strip;  // node, "loc:@x" entry
};
Reached Reach(const Graph& g, std::vector<int> roots, const std::vector<int>& cuts) {
  for (;;) {
    Reached r;
    r.prune = Prune(g, roots, cuts);
    std::vector<bool> kept(g.size(), false);
    for (int k : r.prune.kept) kept[k] = true;
    bool grew = false;
    for (int k : r.prune.kept) {
      const auto& attrs = g.node(k).def->attr();
      auto cls = attrs.find("_class");
      if (cls == attrs.end()) continue;
      for (const auto& s : cls->second.list().s()) {
        if (!StartsWith(s, "loc:@")) continue;
        int t = g.Find(std::string_view(s).substr(5));
        if (t >= 0 && kept[t]) continue;
        if (t < 0 || IsVariableWriteOp(g.op(t))) {
          r.strip.emplace_back(k, s);
        } else {
          roots.push_back(t);
          kept[t] = true;
          grew = true;
        }
      }
    }
    if (!grew) return r;  // each round adds nodes, so this ends
  }
}

// Keeps only the nodes of `g` that `roots` need (see Reach).
Status PruneInPlace(GraphDef* g, const std::vector<std::string>& roots,
                    const std::set<std::string>& cuts, std::vector<std::string>* warnings) {
  TFG_ASSIGN_OR_RETURN(auto index, Graph::FromGraphDef(*g));
  std::vector<int> root_idx, cut_idx;
  for (const auto& name : roots) {
    int i = index->Find(name);
    if (i < 0) return Status::Internal("freeze lost node '" + name + "'");
    root_idx.push_back(i);
  }
  for (const auto& name : cuts) {
    int i = index->Find(name);
    if (i >= 0) cut_idx.push_back(i);
  }
  Reached r = Reach(*index, root_idx, cut_idx);
  if (warnings != nullptr && !r.prune.training_only.empty()) {
    warnings->push_back(std::to_string(r.prune.training_only.size()) +
                        " training-only node(s) kept because the outputs need them, e.g. '" +
                        std::string(index->name(r.prune.training_only.front())) +
                        "': check the outputs");
  }
  index.reset();
  for (const auto& [k, entry] : r.strip) {
    auto* list = (*g->mutable_node(k)->mutable_attr())["_class"].mutable_list()->mutable_s();
    for (int i = 0; i < list->size(); ++i) {
      if (list->Get(i) == entry) {
        list->DeleteSubrange(i, 1);
        break;
      }
    }
    if (list->empty()) g->mutable_node(k)->mutable_attr()->erase("_class");
  }
  std::vector<NodeDef> keep;
  keep.reserve(r.prune.kept.size());
  for (int k : r.prune.kept) keep.push_back(std::move(*g->mutable_node(k)));
  g->clear_node();
  for (auto& n : keep) *g->add_node() = std::move(n);
  return Status::OK();
}

// Names of library functions reachable from the graph's nodes.
void CollectFunctions(const tensorflow::FunctionDefLibrary& lib, const NodeDef& n,
                      const std::unordered_map<std::string, const tensorflow::FunctionDef*>& by_name,
                      std::set<std::string>* used, std::vector<std::string>* todo) {
  auto add = [&](const std::string& name) {
    if (by_name.count(name) && used->insert(name).second) todo->push_back(name);
  };
  add(n.op());
  for (const auto& [k, v] : n.attr()) {
    if (v.has_func()) add(v.func().name());
    for (const auto& f : v.list().func()) add(f.name());
  }
}

void PruneLibrary(GraphDef* g) {
  auto* lib = g->mutable_library();
  std::unordered_map<std::string, const tensorflow::FunctionDef*> by_name;
  for (const auto& f : lib->function()) by_name.emplace(f.signature().name(), &f);
  std::set<std::string> used;
  std::vector<std::string> todo;
  for (const auto& n : g->node()) CollectFunctions(*lib, n, by_name, &used, &todo);
  while (!todo.empty()) {
    std::string name = todo.back();
    todo.pop_back();
    for (const auto& n : by_name[name]->node_def()) CollectFunctions(*lib, n, by_name, &used, &todo);
  }
  tensorflow::FunctionDefLibrary kept;
  for (auto& f : *lib->mutable_function())
    if (used.count(f.signature().name())) *kept.add_function() = std::move(f);
  for (const auto& gd : lib->gradient())
    if (used.count(gd.function_name()) && used.count(gd.gradient_func())) *kept.add_gradient() = gd;
  for (const auto& rg : lib->registered_gradients())
    if (used.count(rg.gradient_func())) *kept.add_registered_gradients() = rg;
  *lib = std::move(kept);
  if (lib->function_size() == 0 && lib->gradient_size() == 0 &&
      lib->registered_gradients_size() == 0)
    g->clear_library();
}

// Asset files of a SavedModel: tensor name -> file name under assets/.
std::vector<std::pair<std::string, std::string>> AssetFiles(const tensorflow::MetaGraphDef& meta) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& a : meta.asset_file_def()) out.emplace_back(a.tensor_info().name(), a.filename());
  auto c = meta.collection_def().find("saved_model_assets");
  if (c != meta.collection_def().end()) {
    for (const auto& any : c->second.any_list().value()) {
      tensorflow::AssetFileDef a;
      if (a.ParseFromString(any.value())) out.emplace_back(a.tensor_info().name(), a.filename());
    }
  }
  return out;
}

std::string AbsolutePath(const std::string& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (real == nullptr) return path;
  std::string r(real);
  std::free(real);
  return r;
}

struct Cut {
  int node;
  int output;
  InputSpec spec;
};

// Node index of a user-typed name, with the option name in the error. An
// output index the node does not have ("logits:3" on a one-output op) is
// NotFound here, before any work: otherwise the frozen graph would be written
// with a fetch name TF rejects. Ops the registry cannot size are let through.
StatusOr<Graph::Resolved> ResolveUserName(const Graph& g, const OpRegistry& ops,
                                          const std::string& text, const char* option) {
  auto r = g.Resolve(text);
  if (!r.ok()) return Status(r.status().code(), std::string(option) + ": " + r.status().message());
  auto outputs = ops.NumOutputs(*g.node(r->node).def);
  if (outputs.ok() && r->output >= *outputs)
    return Status::NotFound(std::string(option) + ": '" + text + "': node '" +
                            std::string(g.name(r->node)) + "' (" + std::string(g.op(r->node)) +
                            ") has " + std::to_string(*outputs) + " output" +
                            (*outputs == 1 ? "" : "s") + ", so no output " +
                            std::to_string(r->output));
  return r;
}

}  // namespace

StatusOr<FreezeResult> Freeze(const FreezeSource& src, const FreezeOptions& opt) {
  if (src.graph == nullptr) return Status::Internal("Freeze: no graph");
  OpRegistry local(&OpRegistry::Global());
  if (src.ops == nullptr && src.meta != nullptr)
    local.AddUnknownOps(src.meta->meta_info_def().stripped_op_list());
  const OpRegistry& ops = src.ops != nullptr ? *src.ops : local;
  const GraphDef& source = *src.graph;

  FreezeResult r;
  r.nodes_in = source.node_size();
  TFG_ASSIGN_OR_RETURN(auto g, Graph::FromGraphDef(source));

  // 1. Names, all of them before any work.
  if (opt.outputs.empty())
    return Status::InvalidArgument("no outputs to freeze: give --outputs or --signature");
  std::vector<int> roots;
  std::vector<std::pair<std::string, int>> fetches;
  for (const auto& text : opt.outputs) {
    TFG_ASSIGN_OR_RETURN(auto res, ResolveUserName(*g, ops, text, "--outputs"));
    roots.push_back(res.node);
    fetches.emplace_back(std::string(g->name(res.node)), res.output);
  }
  std::vector<Cut> cuts;
  std::set<int> cut_nodes;
  for (const auto& spec : opt.inputs) {
    TFG_ASSIGN_OR_RETURN(auto res, ResolveUserName(*g, ops, spec.name, "--inputs"));
    cuts.push_back({res.node, res.output, spec});
    if (res.output == 0) cut_nodes.insert(res.node);
  }
  std::vector<std::pair<int, std::string>> bakes;
  std::set<int> baked_nodes;
  for (const auto& c : opt.consts) {
    TFG_ASSIGN_OR_RETURN(auto res, ResolveUserName(*g, ops, c.name, "--const"));
    std::string_view op = g->op(res.node);
    if (op != "Placeholder" && op != "PlaceholderWithDefault")
      return Status::InvalidArgument("--const: '" + std::string(g->name(res.node)) + "' is a " +
                                     std::string(op) + ", not a placeholder");
    if (baked_nodes.count(res.node))
      return Status::InvalidArgument("--const: '" + std::string(g->name(res.node)) +
                                     "' is given more than once");
    if (cut_nodes.count(res.node))
      return Status::InvalidArgument("--const: '" + std::string(g->name(res.node)) +
                                     "' is also given in --inputs");
    bakes.emplace_back(res.node, c.value);
    baked_nodes.insert(res.node);
    cut_nodes.insert(res.node);
  }

  // 2. Checkpoint keys of the variables (before inlining renames calls).
  std::shared_ptr<const ObjectGraphInfo> objects;
  if (src.values != nullptr) {
    auto og = src.values->ObjectGraph();
    if (og.ok()) {
      objects = *og;
    } else {
      r.warnings.push_back("checkpoint object graph unreadable: " + og.status().message());
    }
  }
  TFG_ASSIGN_OR_RETURN(auto keys, MapVariableKeys(source, src.meta, objects.get()));

  // 3. A first reachability pass on the source graph picks the nodes worth
  // copying; table initializers come along with their tables.
  std::vector<int> cut_list(cut_nodes.begin(), cut_nodes.end());
  std::vector<int> all_roots = roots;
  PruneResult first = Reach(*g, all_roots, cut_list).prune;
  std::vector<std::string> init_ops;
  for (int k : first.kept) {
    if (!IsTableOp(g->op(k))) continue;
    for (int c : g->node(k).consumers) {
      if (!IsTableInitializer(g->op(c))) continue;
      const auto& ins = g->node(c).inputs;
      if (ins.empty() || ins[0].node != k) continue;
      init_ops.push_back(std::string(g->name(c)));
      all_roots.push_back(c);
    }
  }
  if (!init_ops.empty()) first = Reach(*g, all_roots, cut_list).prune;

  GraphDef w;
  *w.mutable_versions() = source.versions();
  *w.mutable_library() = source.library();
  for (int k : first.kept) *w.add_node() = source.node(k);
  first = PruneResult();

  // Cuts and baked constants, applied to the copy.
  std::set<std::string> cut_names;
  std::unordered_map<std::string, int> pos;
  for (int i = 0; i < w.node_size(); ++i) pos.emplace(w.node(i).name(), i);
  std::vector<std::pair<std::string, std::string>> renamed_tensors;  // "n:k" -> new node
  for (const auto& c : cuts) {
    const NodeDef& orig = *g->node(c.node).def;
    TFG_ASSIGN_OR_RETURN(DataType dtype,
                         c.spec.dtype ? StatusOr<DataType>(*c.spec.dtype)
                                      : OutputDType(orig, c.output, ops, source.library()));
    OptShape shape = c.spec.has_shape ? c.spec.shape : OutputShape(orig, c.output);
    if (orig.op() == "Placeholder" && c.output == 0 && !c.spec.dtype && !c.spec.has_shape)
      continue;  // already an input
    NodeDef ph;
    ph.set_op("Placeholder");
    (*ph.mutable_attr())["dtype"].set_type(dtype);
    ShapeToProto(shape, (*ph.mutable_attr())["shape"].mutable_shape());
    if (c.output == 0) {
      auto it = pos.find(orig.name());
      if (it == pos.end()) {
        // Not needed by any output: there is nothing to cut, and a user who
        // meant to cut the graph here should know it was not.
        r.warnings.push_back("--inputs '" + TensorName(orig.name(), c.output) +
                             "' is not upstream of any output: it cuts nothing");
        continue;
      }
      ph.set_name(orig.name());
      *w.mutable_node(it->second) = std::move(ph);
      cut_names.insert(orig.name());
    } else {
      std::string name = orig.name() + "_" + std::to_string(c.output);
      while (g->Find(name) >= 0 || pos.count(name)) name += "_";
      ph.set_name(name);
      renamed_tensors.emplace_back(TensorName(orig.name(), c.output), name);
      pos.emplace(name, w.node_size());
      *w.add_node() = std::move(ph);
      cut_names.insert(name);
      r.notes.push_back("input '" + TensorName(orig.name(), c.output) +
                        "' is fed as placeholder '" + name + ":0'");
    }
  }
  if (!renamed_tensors.empty()) {
    for (auto& n : *w.mutable_node()) {
      for (auto& in : *n.mutable_input()) {
        for (const auto& [from, to] : renamed_tensors)
          if (in == from) in = to;
      }
    }
    for (auto& f : fetches) {
      for (const auto& [from, to] : renamed_tensors)
        if (TensorName(f.first, f.second) == from) f = {to, 0};
    }
  }
  for (const auto& [node, value] : bakes) {
    const NodeDef& orig = *g->node(node).def;
    auto it = pos.find(orig.name());
    if (it == pos.end()) continue;
    DataType dtype = tensorflow::DT_INVALID;
    if (auto a = orig.attr().find("dtype"); a != orig.attr().end()) dtype = a->second.type();
    std::vector<int64_t> dims;
    OptShape shape = OutputShape(orig, 0);
    bool known = shape.has_value();
    if (known)
      for (int64_t d : *shape) known &= d >= 0;
    if (known) dims = *shape;
    auto proto = ConstValueProto(value, dtype, dims);
    if (!proto.ok())
      return Status::InvalidArgument("--const " + orig.name() + ": " + proto.status().message());
    NodeDef c;
    c.set_name(orig.name());
    c.set_op("Const");
    (*c.mutable_attr())["dtype"].set_type(dtype);
    *(*c.mutable_attr())["value"].mutable_tensor() = std::move(proto).value();
    *w.mutable_node(it->second) = std::move(c);
    r.notes.push_back("'" + orig.name() + "' baked to the constant " + value);
  }

  // Root names in the copy.
  std::vector<std::string> root_names;
  for (const auto& [name, out] : fetches) root_names.push_back(name);
  for (const auto& name : init_ops) root_names.push_back(name);

  // 4. Inline the kept calls, then keep what the outputs need.
  TFG_RETURN_IF_ERROR(DropWriteControls(&w));
  std::set<std::string> calls;
  for (const auto& n : w.node())
    if (IsFunctionCall(n, w.library())) calls.insert(n.name());
  if (!calls.empty()) {
    TFG_RETURN_IF_ERROR(PruneInPlace(&w, root_names, cut_names, nullptr));
    calls.clear();
    for (const auto& n : w.node())
      if (IsFunctionCall(n, w.library())) calls.insert(n.name());
    TFG_RETURN_IF_ERROR(InlineCalls(&w, calls, ops, &r.inlined));
    TFG_RETURN_IF_ERROR(DropWriteControls(&w));
  }
  TFG_RETURN_IF_ERROR(PruneInPlace(&w, root_names, cut_names, nullptr));

  // 5. Variables: keys, checks, size estimate, then values.
  struct Plan {
    std::string node;
    std::string key;
    VariableKey::Source source;
    bool ema = false;
    const VariableKey* vk = nullptr;
    DataType dtype;
    Dims shape;
    uint64_t bytes;
  };
  std::vector<Plan> plans;
  for (const auto& n : w.node()) {
    if (!CreatesVariable(n.op())) continue;
    Plan p;
    p.node = n.name();
    auto k = keys.find(n.name());
    p.vk = k == keys.end() ? nullptr : &k->second;
    p.key = p.vk ? p.vk->key : n.name();
    p.source = p.vk ? p.vk->source : VariableKey::Source::kNodeName;
    p.dtype = tensorflow::DT_INVALID;
    if (auto a = n.attr().find("dtype"); a != n.attr().end()) p.dtype = BaseType(a->second.type());
    plans.push_back(std::move(p));
  }
  if (!plans.empty() && src.values == nullptr)
    return Status::InvalidArgument(
        "the outputs need " + std::to_string(plans.size()) + " variable" +
        (plans.size() == 1 ? "" : "s") + " (e.g. '" + plans[0].node +
        "') but the model has no checkpoint; give one with --checkpoint PREFIX");
  int ema_used = 0;
  uint64_t value_bytes = 0;
  std::unordered_map<std::string, int> wpos_vars;
  for (int i = 0; i < w.node_size(); ++i)
    if (CreatesVariable(w.node(i).op())) wpos_vars.emplace(w.node(i).name(), i);
  for (auto& p : plans) {
    const VariableStore& store = *src.values;
    if (opt.ema) {
      std::string shadow = p.key + "/ExponentialMovingAverage";
      auto sk = keys.find(p.node + "/ExponentialMovingAverage");
      if (sk != keys.end() && store.Find(sk->second.key)) shadow = sk->second.key;
      if (store.Find(shadow)) {
        p.key = shadow;
        p.ema = true;
        ++ema_used;
      }
    }
    auto entry = store.Find(p.key);
    if (!entry && p.key != p.node && store.Find(p.node)) {
      p.key = p.node;
      p.source = VariableKey::Source::kNodeName;
      entry = store.Find(p.key);
    }
    if (!entry) {
      std::string msg = "variable '" + p.node + "': no tensor '" + p.key + "' in checkpoint " +
                        store.Describe();
      // Suggest keys that end like the variable.
      std::string last = p.node.substr(p.node.rfind('/') + 1);
      std::vector<std::string> close;
      for (const auto& k : store.Keys())
        if (k.find(last) != std::string::npos && close.size() < 3) close.push_back(k);
      if (!close.empty()) {
        msg += "; did you mean";
        for (size_t i = 0; i < close.size(); ++i) msg += (i ? ", '" : " '") + close[i] + "'";
        msg += "?";
      }
      return Status::NotFound(msg);
    }
    if (p.dtype != tensorflow::DT_INVALID && BaseType(entry->dtype) != p.dtype)
      return Status::Corruption("variable '" + p.node + "' is " + DTypeName(p.dtype) +
                                " but checkpoint tensor '" + p.key + "' is " +
                                DTypeName(entry->dtype));
    p.dtype = BaseType(entry->dtype);
    const bool sliced = p.vk && p.vk->sliced;
    if (sliced) {
      if (entry->shape != p.vk->full_shape)
        return Status::Corruption("variable '" + p.node + "': checkpoint tensor '" + p.key +
                                  "' is " + DimsToString(entry->shape) + " but the saver says " +
                                  DimsToString(p.vk->full_shape));
      auto part = p.vk->slice.Resolve(entry->shape);
      if (!part.ok()) return part.status().WithPrefix("variable '" + p.node + "'");
      p.shape = *part;
    } else {
      p.shape = entry->shape;
    }
    // The graph's declared shape, when fully known, must agree.
    auto wit = wpos_vars.find(p.node);
    const int wi = wit == wpos_vars.end() ? -1 : wit->second;
    if (wi >= 0) {
      auto a = w.node(wi).attr().find("shape");
      if (a != w.node(wi).attr().end() && !a->second.shape().unknown_rank()) {
        OptShape declared = ShapeFromProto(a->second.shape());
        bool known = true;
        for (int64_t d : *declared) known &= d >= 0;
        if (known && *declared != p.shape)
          return Status::Corruption("variable '" + p.node + "' is declared " +
                                    DimsToString(*declared) + " but its checkpoint value '" +
                                    p.key + "' is " + DimsToString(p.shape));
      }
    }
    auto n = NumElements(p.shape);
    p.bytes = n.ok() && DTypeSize(p.dtype) > 0 ? static_cast<uint64_t>(*n) * DTypeSize(p.dtype)
                                                : entry->bytes;
    value_bytes += p.bytes;
  }
  if (opt.ema && ema_used == 0 && !plans.empty())
    r.warnings.push_back("--ema: the checkpoint has no ExponentialMovingAverage values for these "
                         "variables; froze the raw values");
  const uint64_t estimate = w.ByteSizeLong() + value_bytes + 64 * plans.size();
  if (estimate > opt.size_limit)
    return Status::ResourceExhausted(
        "the frozen graph would be about " + std::to_string(estimate >> 20) + " MiB (" +
        std::to_string(plans.size()) + " variables, " + std::to_string(value_bytes >> 20) +
        " MiB of values), over the 2 GiB protobuf limit of a GraphDef; use `tfgraph export` "
        "to write a SavedModel, which keeps the variables in its variables/ folder");

  std::vector<VariableToFreeze> to_freeze;
  for (const auto& p : plans) {
    TFG_ASSIGN_OR_RETURN(Tensor t, src.values->Read(p.key));
    if (p.vk && p.vk->sliced) {
      auto part = ExtractSlice(t, p.vk->slice);
      if (!part.ok()) return part.status().WithPrefix("variable '" + p.node + "'");
      t = std::move(part).value();
    }
    if (t.dtype() != p.dtype || t.dims() != p.shape)
      return Status::Corruption("variable '" + p.node + "': checkpoint tensor '" + p.key +
                                "' read as " + DTypeName(t.dtype()) + DimsToString(t.dims()) +
                                ", expected " + DTypeName(p.dtype) + DimsToString(p.shape));
    FrozenVariable fv;
    fv.node = p.node;
    fv.key = p.key;
    fv.source = p.source;
    fv.ema = p.ema;
    if (p.vk && p.vk->sliced) fv.slice = p.vk->slice.ToString();
    fv.dtype = p.dtype;
    fv.shape = p.shape;
    fv.bytes = p.bytes;
    r.variables.push_back(std::move(fv));
    r.variable_bytes += p.bytes;
    r.values.emplace(p.node, std::move(t));
    to_freeze.push_back({p.node, p.dtype, p.shape});
  }
  if (ema_used > 0)
    r.notes.push_back("--ema: " + std::to_string(ema_used) + " of " +
                      std::to_string(plans.size()) +
                      " variables use their ExponentialMovingAverage value");

  // 6. Variables -> constants, then keep only what is still needed.
  TFG_RETURN_IF_ERROR(FreezeVariables(&w, to_freeze, ops, &r.rewrite));
  for (const auto& n : r.rewrite.notes) r.notes.push_back(n);
  std::vector<std::string> prune_warnings;
  TFG_RETURN_IF_ERROR(PruneInPlace(&w, root_names, cut_names, &prune_warnings));
  for (const auto& wline : prune_warnings) r.warnings.push_back(wline);
  {
    // A variable read only by initialization checks (now Const true) is
    // pruned here: it is neither written nor reported as frozen.
    std::unordered_set<std::string> present;
    for (const auto& n : w.node()) present.insert(n.name());
    for (auto it = r.values.begin(); it != r.values.end();)
      it = present.count(it->first) ? std::next(it) : r.values.erase(it);
    r.variables.erase(std::remove_if(r.variables.begin(), r.variables.end(),
                                     [&](const FrozenVariable& v) {
                                       return present.count(v.node) == 0;
                                     }),
                      r.variables.end());
    r.variable_bytes = 0;
    for (const auto& v : r.variables) r.variable_bytes += v.bytes;
  }
  PruneLibrary(&w);
  if (opt.clear_devices) {
    for (auto& n : *w.mutable_node()) n.clear_device();
    for (auto& f : *w.mutable_library()->mutable_function())
      for (auto& n : *f.mutable_node_def()) n.clear_device();
  }

  // Asset paths a kept table initializer reads become absolute.
  if (src.meta != nullptr && !src.export_dir.empty()) {
    for (const auto& [tensor, file] : AssetFiles(*src.meta)) {
      auto ref = ParseGraphInput(tensor);
      if (!ref.ok()) continue;
      for (auto& n : *w.mutable_node()) {
        if (n.name() != ref->node) continue;
        std::string path = AbsolutePath(JoinPath(JoinPath(src.export_dir, "assets"), file));
        NodeDef c;
        c.set_name(n.name());
        c.set_op("Const");
        (*c.mutable_attr())["dtype"].set_type(tensorflow::DT_STRING);
        auto* t = (*c.mutable_attr())["value"].mutable_tensor();
        t->set_dtype(tensorflow::DT_STRING);
        t->mutable_tensor_shape();
        t->add_string_val(path);
        n = std::move(c);
        r.notes.push_back("asset '" + file + "' is read from " + path +
                          " when the init ops run (keep that file)");
      }
    }
  }

  // 7. Validate what we made.
  for (const auto& n : w.node()) {
    if (IsFunctionCall(n, w.library()))
      return Status::FailedCheck("frozen graph still calls a function: node '" + n.name() + "' (" +
                                 n.op() + ")");
  }
  GraphCheckOptions check;
  check.registry = &ops;
  check.forbid_variables = true;
  GraphCheckReport report = CheckGraph(w, check);
  if (!report.ok())
    return report.ToStatus().WithPrefix("the frozen graph failed validation");

  // Report: feeds, fetches, sizes.
  for (const auto& n : w.node()) {
    if (n.op() != "Placeholder" && n.op() != "PlaceholderWithDefault") continue;
    FrozenTensor t;
    t.name = TensorName(n.name(), 0);
    if (auto a = n.attr().find("dtype"); a != n.attr().end()) t.dtype = a->second.type();
    t.shape = OutputShape(n, 0);
    t.kind = cut_names.count(n.name()) ? "cut"
             : n.op() == "PlaceholderWithDefault" ? "optional"
                                                  : "placeholder";
    r.feeds.push_back(std::move(t));
  }
  std::unordered_map<std::string, int> wpos;
  for (int i = 0; i < w.node_size(); ++i) wpos.emplace(w.node(i).name(), i);
  for (const auto& [name, out] : fetches) {
    FrozenTensor t;
    t.name = TensorName(name, out);
    auto it = wpos.find(name);
    if (it != wpos.end()) {
      const NodeDef& n = w.node(it->second);
      auto dt = OutputDType(n, out, ops, w.library());
      if (dt.ok()) t.dtype = *dt;
      t.shape = OutputShape(n, out);
    }
    r.fetches.push_back(std::move(t));
  }
  r.renamed_inputs = std::move(renamed_tensors);
  r.init_ops = init_ops;
  r.nodes_out = w.node_size();
  for (const auto& n : w.node()) r.nodes_from_source += g->Find(n.name()) >= 0 ? 1 : 0;
  r.functions_out = w.library().function_size();
  r.size = FrozenGraphSize(w, r.values);
  r.graph = std::move(w);
  return r;
}

}  // namespace tfgraph
