#include "core/freeze_rewrite.h"

#include <deque>
#include <map>
#include <memory>
#include <set>
#include <unordered_set>

#include "core/dtype.h"
#include "core/freeze_body.h"
#include "core/tensor_ref.h"

namespace tfgraph {
namespace {

using tensorflow::AttrValue;
using tensorflow::DataType;
using tensorflow::FunctionDef;
using tensorflow::NodeDef;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// A graph or function body being rewritten.
struct Body {
  tensorflow::GraphDef* graph = nullptr;
  FunctionDef* fn = nullptr;
  std::string original;  // the function this body was copied from
  BodyIndex index;
  std::map<std::string, std::string> copies;  // "<node>\n<attr>\n<i>" -> copied function
  std::set<int> converted_args;
  std::unordered_set<std::string> added_names;

  NodeDef* node(int i) { return graph ? graph->mutable_node(i) : fn->mutable_node_def(i); }
  NodeDef* AddNode() { return graph ? graph->add_node() : fn->add_node_def(); }
  std::string Where() const {
    if (fn == nullptr) return std::string();
    return " in function '" + original + "' (converted copy '" + fn->signature().name() + "')";
  }
  std::string UniqueName(const std::string& want) {
    std::string name = want;
    for (int i = 1; index.Find(name) >= 0 || added_names.count(name); ++i)
      name = want + "_" + std::to_string(i);
    added_names.insert(name);
    return name;
  }
  // How body nodes refer to output 0 of a node.
  std::string Ref(const std::string& name, std::string_view out_arg) const {
    return fn ? name + ":" + std::string(out_arg) + ":0" : name;
  }
};

struct Item {
  int body;
  std::string producer;  // node or function argument
  int output;
  DataType dtype;
  std::vector<int64_t> shape;
  bool resource;    // the edge carried a resource handle (not a ref tensor)
  std::string var;  // the variable it comes from, for messages
};

void SetType(NodeDef* n, const std::string& attr, DataType t) { (*n->mutable_attr())[attr].set_type(t); }

void SetListType(NodeDef* n, const std::string& attr, int i, DataType t) {
  auto it = n->mutable_attr()->find(attr);
  if (it == n->mutable_attr()->end()) return;
  auto* list = it->second.mutable_list();
  if (i >= 0 && i < list->type_size()) list->set_type(i, t);
}

void ShapeToProto(const std::vector<int64_t>& dims, tensorflow::TensorShapeProto* p) {
  p->Clear();
  for (int64_t d : dims) p->add_dim()->set_size(d);
}

// Keeps only the control inputs of a node.
std::vector<std::string> ControlInputs(const NodeDef& n) {
  std::vector<std::string> c;
  for (const auto& in : n.input())
    if (StartsWith(in, "^")) c.push_back(in);
  return c;
}

class Rewriter {
 public:
  Rewriter(tensorflow::GraphDef* graph, const OpRegistry& ops, RewriteStats* stats)
      : graph_(graph), ops_(ops), stats_(stats) {}

  Status Run(const std::vector<VariableToFreeze>& vars);

 private:
  void Process(const Item& it);
  void Handle(const Item& it, int node, int pos);
  void ToConst(Body& b, NodeDef* n, DataType dtype, const std::vector<int64_t>& shape);
  void Retype(Body& b, NodeDef* n, const char* new_op, const Item& it, int node,
              std::vector<int> outputs);
  void ConvertCallee(const Item& it, int node, const std::string& attr, int list_index,
                     int arg, bool while_body);
  void RenameOutputArg(Body& b, const std::string& node, std::string_view from,
                       std::string_view to);
  void Push(int body, const std::string& producer, int output, const Item& from);
  void Problem(const Item& it, Body& b, const NodeDef& n, const std::string& what);
  FunctionDef* FindFunction(const std::string& name);

  tensorflow::GraphDef* graph_;
  const OpRegistry& ops_;
  RewriteStats* stats_;
  std::vector<std::unique_ptr<Body>> bodies_;
  std::deque<Item> todo_;
  std::set<std::string> visited_;  // "<body>\n<producer>\n<output>"
  std::set<std::string> retyped_;  // "<body>\n<node>"
  std::vector<std::string> problems_;
  int next_uid_ = 0;
};

FunctionDef* Rewriter::FindFunction(const std::string& name) {
  for (auto& f : *graph_->mutable_library()->mutable_function())
    if (f.signature().name() == name) return &f;
  return nullptr;
}

void Rewriter::Problem(const Item& it, Body& b, const NodeDef& n, const std::string& what) {
  problems_.push_back("variable '" + it.var + "' " + what + " " + n.op() + " '" + n.name() + "'" +
                      b.Where());
}

void Rewriter::Push(int body, const std::string& producer, int output, const Item& from) {
  Item next = from;
  next.body = body;
  next.producer = producer;
  next.output = output;
  todo_.push_back(std::move(next));
}

void Rewriter::ToConst(Body& b, NodeDef* n, DataType dtype, const std::vector<int64_t>& shape) {
  std::string name = n->name();
  n->Clear();
  n->set_name(name);
  n->set_op("Const");
  SetType(n, "dtype", dtype);
  auto* value = (*n->mutable_attr())["value"].mutable_tensor();
  value->set_dtype(dtype);
  ShapeToProto(shape, value->mutable_tensor_shape());
}

// Changes the op (if new_op), sets T to the value dtype, drops stale shapes
// and continues from the given outputs.
void Rewriter::Retype(Body& b, NodeDef* n, const char* new_op, const Item& it, int node,
                      std::vector<int> outputs) {
  if (new_op != nullptr) n->set_op(new_op);
  SetType(n, "T", it.dtype);
  n->mutable_attr()->erase("_output_shapes");
  if (retyped_.insert(std::to_string(it.body) + "\n" + n->name()).second) ++stats_->passthrough;
  for (int o : outputs) Push(it.body, n->name(), o, it);
  (void)b;
  (void)node;
}

void Rewriter::RenameOutputArg(Body& b, const std::string& node, std::string_view from,
                               std::string_view to) {
  if (b.fn == nullptr) return;
  const std::string old_prefix = node + ":" + std::string(from) + ":";
  const std::string new_prefix = node + ":" + std::string(to) + ":";
  auto fix = [&](std::string* s) {
    if (StartsWith(*s, old_prefix)) *s = new_prefix + s->substr(old_prefix.size());
  };
  for (auto& n : *b.fn->mutable_node_def())
    for (auto& in : *n.mutable_input()) fix(&in);
  for (auto& [k, v] : *b.fn->mutable_ret()) fix(&v);
}

void Rewriter::ConvertCallee(const Item& it, int node, const std::string& attr, int list_index,
                             int arg, bool while_body) {
  Body& b = *bodies_[it.body];
  NodeDef* n = b.node(node);
  const std::string key = n->name() + "\n" + attr + "\n" + std::to_string(list_index);
  auto found = b.copies.find(key);
  std::string copy_name;
  if (found != b.copies.end()) {
    copy_name = found->second;
  } else {
    std::string orig;
    AttrValue* av = nullptr;
    if (attr.empty()) {
      orig = n->op();
    } else {
      auto a = n->mutable_attr()->find(attr);
      if (a == n->mutable_attr()->end()) {
        Problem(it, b, *n, "reaches (no '" + attr + "' attr)");
        return;
      }
      av = &a->second;
      if (list_index < 0) {
        orig = av->func().name();
      } else if (list_index < av->list().func_size()) {
        orig = av->list().func(list_index).name();
      }
    }
    FunctionDef* src = FindFunction(orig);
    if (src == nullptr) {
      Problem(it, b, *n, "reaches a call to missing function '" + orig + "' from");
      return;
    }
    FunctionDef* copy = graph_->mutable_library()->add_function();
    *copy = *src;
    do {
      copy_name = FrozenFunctionName(orig, next_uid_++);
    } while (FindFunction(copy_name) != nullptr);
    copy->mutable_signature()->set_name(copy_name);
    if (attr.empty()) {
      n->set_op(copy_name);
    } else if (list_index < 0) {
      av->mutable_func()->set_name(copy_name);
    } else {
      av->mutable_list()->mutable_func(list_index)->set_name(copy_name);
    }
    b.copies.emplace(key, copy_name);
    ++stats_->functions;
    auto body = std::make_unique<Body>();
    body->fn = copy;
    body->original = orig;
    auto index = BodyIndex::ForFunction(*copy, ops_, graph_->library());
    if (!index.ok()) {
      problems_.push_back("variable '" + it.var + "' reaches function '" + orig +
                          "', which cannot be converted: " + index.status().message());
      return;
    }
    body->index = std::move(index).value();
    bodies_.push_back(std::move(body));
    // Remember which body holds this copy.
    b.copies[key + "\nbody"] = std::to_string(bodies_.size() - 1);
  }
  int fb_id = std::stoi(b.copies[key + "\nbody"]);
  Body& fb = *bodies_[fb_id];
  FunctionDef* f = fb.fn;
  if (arg < 0 || arg >= f->signature().input_arg_size()) {
    Problem(it, b, *n, "enters function '" + copy_name + "' at a missing argument from");
    return;
  }
  if (!fb.converted_args.insert(arg).second) return;
  auto* a = f->mutable_signature()->mutable_input_arg(arg);
  a->set_type(it.dtype);
  a->clear_type_attr();
  a->clear_handle_data();
  if (while_body && arg < f->signature().output_arg_size()) {
    auto* o = f->mutable_signature()->mutable_output_arg(arg);
    o->set_type(it.dtype);
    o->clear_type_attr();
    o->clear_handle_data();
  }
  // Recorded shapes of the argument described the handle (a scalar).
  auto shapes = f->mutable_attr()->find("_input_shapes");
  if (shapes != f->mutable_attr()->end() && arg < shapes->second.list().shape_size()) {
    auto* s = shapes->second.mutable_list()->mutable_shape(arg);
    s->Clear();
    s->set_unknown_rank(true);
  }
  auto aa = f->mutable_arg_attr()->find(arg);
  if (aa != f->mutable_arg_attr()->end()) {
    auto* attrs = aa->second.mutable_attr();
    attrs->erase("_handle_dtypes");
    attrs->erase("_handle_shapes");
    auto os = attrs->find("_output_shapes");
    if (os != attrs->end()) {
      os->second.mutable_list()->clear_shape();
      os->second.mutable_list()->add_shape()->set_unknown_rank(true);
    }
  }
  f->mutable_resource_arg_unique_id()->erase(arg);
  Push(fb_id, a->name(), 0, it);
}

void Rewriter::Handle(const Item& it, int node, int pos) {
  Body& b = *bodies_[it.body];
  NodeDef* n = b.node(node);
  const std::string op = n->op();

  if (op == "Identity" || op == "RefIdentity" || op == "Snapshot" || op == "Enter" ||
      op == "RefEnter" || op == "Exit" || op == "RefExit" || op == "NextIteration" ||
      op == "RefNextIteration") {
    const char* value_op = StartsWith(op, "Ref") ? op.c_str() + 3 : nullptr;
    std::string keep = value_op ? value_op : "";
    Retype(b, n, value_op ? keep.c_str() : nullptr, it, node, {0});
    return;
  }
  if (op == "Switch" || op == "RefSwitch") {
    if (pos != 0) return;  // the predicate
    Retype(b, n, "Switch", it, node, {0, 1});
    return;
  }
  if (op == "_SwitchN") {
    if (pos != 0) return;
    int outs = 0;
    auto a = n->attr().find("num_outs");
    if (a != n->attr().end()) outs = static_cast<int>(a->second.i());
    std::vector<int> all;
    for (int i = 0; i < outs; ++i) all.push_back(i);
    Retype(b, n, nullptr, it, node, all);
    return;
  }
  if (op == "Merge" || op == "RefMerge") {
    Retype(b, n, "Merge", it, node, {0});
    return;
  }
  if (op == "IdentityN") {
    SetListType(n, "T", pos, it.dtype);
    n->mutable_attr()->erase("_output_shapes");
    if (retyped_.insert(std::to_string(it.body) + "\n" + n->name()).second) ++stats_->passthrough;
    Push(it.body, n->name(), pos, it);
    return;
  }
  if (op == "ReadVariableOp" && pos == 0) {
    std::string input = n->input(0);
    AttrValue cls;
    bool has_cls = n->attr().count("_class") > 0;
    if (has_cls) cls = n->attr().at("_class");
    std::string name = n->name();
    n->Clear();
    n->set_name(name);
    n->set_op("Identity");
    n->add_input(input);
    SetType(n, "T", it.dtype);
    if (has_cls) (*n->mutable_attr())["_class"] = cls;
    RenameOutputArg(b, name, "value", "output");
    ++stats_->reads;
    return;
  }
  if (op == "ResourceGather" && pos == 0) {
    int64_t batch_dims = 0;
    if (auto a = n->attr().find("batch_dims"); a != n->attr().end()) batch_dims = a->second.i();
    DataType tindices = tensorflow::DT_INT32;
    if (auto a = n->attr().find("Tindices"); a != n->attr().end()) tindices = a->second.type();
    if (n->input_size() < 2 || StartsWith(n->input(1), "^")) {
      Problem(it, b, *n, "is read by malformed");
      return;
    }
    // The axis constant (GatherV2 takes the axis as a tensor).
    std::string axis_name = b.UniqueName(n->name() + "/axis");
    NodeDef* axis = b.AddNode();
    n = b.node(node);  // AddNode may move nothing, but stay safe
    axis->set_name(axis_name);
    axis->set_op("Const");
    SetType(axis, "dtype", tindices);
    auto* t = (*axis->mutable_attr())["value"].mutable_tensor();
    t->set_dtype(tindices);
    t->mutable_tensor_shape();
    if (tindices == tensorflow::DT_INT64) {
      t->add_int64_val(batch_dims);
    } else {
      t->add_int_val(static_cast<int32_t>(batch_dims));
    }
    std::vector<std::string> inputs = {n->input(0), n->input(1), b.Ref(axis_name, "output")};
    for (auto& c : ControlInputs(*n)) inputs.push_back(c);
    AttrValue cls;
    bool has_cls = n->attr().count("_class") > 0;
    if (has_cls) cls = n->attr().at("_class");
    std::string name = n->name(), device = n->device();
    n->Clear();
    n->set_name(name);
    n->set_op("GatherV2");
    n->set_device(device);
    for (auto& in : inputs) n->add_input(in);
    SetType(n, "Tparams", it.dtype);
    SetType(n, "Tindices", tindices);
    SetType(n, "Taxis", tindices);
    (*n->mutable_attr())["batch_dims"].set_i(batch_dims);
    if (has_cls) (*n->mutable_attr())["_class"] = cls;
    ++stats_->gathers;
    return;
  }
  if (op == "ResourceGatherNd" && pos == 0) {
    DataType tindices = tensorflow::DT_INT32;
    if (auto a = n->attr().find("Tindices"); a != n->attr().end()) tindices = a->second.type();
    AttrValue cls;
    bool has_cls = n->attr().count("_class") > 0;
    if (has_cls) cls = n->attr().at("_class");
    std::string device = n->device();
    std::vector<std::string> inputs(n->input().begin(), n->input().end());
    std::string name = n->name();
    n->Clear();
    n->set_name(name);
    n->set_op("GatherNd");
    n->set_device(device);
    for (auto& in : inputs) n->add_input(in);
    SetType(n, "Tparams", it.dtype);
    SetType(n, "Tindices", tindices);
    if (has_cls) (*n->mutable_attr())["_class"] = cls;
    ++stats_->gathers;
    return;
  }
  if (op == "VariableShape" && pos == 0) {
    DataType out = tensorflow::DT_INT32;
    if (auto a = n->attr().find("out_type"); a != n->attr().end()) out = a->second.type();
    std::vector<std::string> controls = ControlInputs(*n);
    std::string name = n->name();
    n->Clear();
    n->set_name(name);
    n->set_op("Const");
    for (auto& c : controls) n->add_input(c);
    SetType(n, "dtype", out);
    auto* t = (*n->mutable_attr())["value"].mutable_tensor();
    t->set_dtype(out);
    t->mutable_tensor_shape()->add_dim()->set_size(static_cast<int64_t>(it.shape.size()));
    for (int64_t d : it.shape) {
      if (out == tensorflow::DT_INT64) {
        t->add_int64_val(d);
      } else {
        t->add_int_val(static_cast<int32_t>(d));
      }
    }
    ++stats_->shapes;
    return;
  }
  if (op == "VarIsInitializedOp" || op == "IsVariableInitialized") {
    std::vector<std::string> controls = ControlInputs(*n);
    std::string name = n->name();
    n->Clear();
    n->set_name(name);
    n->set_op("Const");
    for (auto& c : controls) n->add_input(c);
    SetType(n, "dtype", tensorflow::DT_BOOL);
    auto* t = (*n->mutable_attr())["value"].mutable_tensor();
    t->set_dtype(tensorflow::DT_BOOL);
    t->mutable_tensor_shape();
    t->add_bool_val(true);
    RenameOutputArg(b, name, "is_initialized", "output");
    stats_->notes.push_back(op + " '" + name + "'" + b.Where() +
                            " became the constant true (frozen variables are always initialized)");
    return;
  }
  if (op == "If" || op == "StatelessIf") {
    if (pos == 0) {
      Problem(it, b, *n, "is used as the predicate of");
      return;
    }
    SetListType(n, "Tin", pos - 1, it.dtype);
    ConvertCallee(it, node, "then_branch", -1, pos - 1, false);
    ConvertCallee(it, node, "else_branch", -1, pos - 1, false);
    return;
  }
  if (op == "Case" || op == "StatelessCase") {
    if (pos == 0) {
      Problem(it, b, *n, "is used as the branch index of");
      return;
    }
    SetListType(n, "Tin", pos - 1, it.dtype);
    int branches = 0;
    if (auto a = n->attr().find("branches"); a != n->attr().end())
      branches = a->second.list().func_size();
    for (int i = 0; i < branches; ++i) ConvertCallee(it, node, "branches", i, pos - 1, false);
    return;
  }
  if (op == "While" || op == "StatelessWhile") {
    SetListType(n, "T", pos, it.dtype);
    auto os = n->mutable_attr()->find("output_shapes");
    if (os != n->mutable_attr()->end() && pos < os->second.list().shape_size())
      ShapeToProto(it.shape, os->second.mutable_list()->mutable_shape(pos));
    n->mutable_attr()->erase("_output_shapes");
    ConvertCallee(it, node, "cond", -1, pos, false);
    ConvertCallee(it, node, "body", -1, pos, true);
    Push(it.body, bodies_[it.body]->node(node)->name(), pos, it);
    return;
  }
  if (op == "PartitionedCall" || op == "StatefulPartitionedCall") {
    SetListType(n, "Tin", pos, it.dtype);
    ConvertCallee(it, node, "f", -1, pos, false);
    return;
  }
  if (CalledFunction(*n, graph_->library()) != nullptr) {
    ConvertCallee(it, node, "", -1, pos, false);
    return;
  }
  // Anything else.
  if (IsVariableWriteOp(op)) {
    Problem(it, b, *n, "is written by");
    return;
  }
  if (it.resource) {
    Problem(it, b, *n, "(a resource handle) is used by");
    return;
  }
  auto types = ops_.InputTypes(*n);
  if (types.ok() && pos < static_cast<int>(types->size()) && IsRefType((*types)[pos]))
    Problem(it, b, *n, "is used as a reference (it would be modified) by");
}

void Rewriter::Process(const Item& it) {
  std::string key = std::to_string(it.body) + "\n" + it.producer + "\n" + std::to_string(it.output);
  if (!visited_.insert(key).second) return;
  std::vector<BodyIndex::Edge> edges = bodies_[it.body]->index.Consumers(it.producer, it.output);
  for (const auto& e : edges) Handle(it, e.node, e.input);
}

Status Rewriter::Run(const std::vector<VariableToFreeze>& vars) {
  auto main = std::make_unique<Body>();
  main->graph = graph_;
  TFG_ASSIGN_OR_RETURN(main->index, BodyIndex::ForGraph(*graph_));
  bodies_.push_back(std::move(main));
  Body& b = *bodies_[0];
  for (const auto& v : vars) {
    int i = b.index.Find(v.node);
    if (i < 0) return Status::Internal("variable node '" + v.node + "' is not in the graph");
    NodeDef* n = b.node(i);
    Item it;
    it.body = 0;
    it.producer = v.node;
    it.output = 0;
    it.dtype = v.dtype;
    it.shape = v.shape;
    it.resource = n->op() == "VarHandleOp";
    it.var = v.node;
    ToConst(b, n, v.dtype, v.shape);
    todo_.push_back(std::move(it));
  }
  while (!todo_.empty()) {
    Item it = std::move(todo_.front());
    todo_.pop_front();
    Process(it);
  }
  if (problems_.empty()) return Status::OK();
  std::string msg = problems_[0];
  if (problems_.size() > 1)
    msg += " (and " + std::to_string(problems_.size() - 1) + " more: ";
  for (size_t i = 1; i < problems_.size() && i < 4; ++i) msg += (i > 1 ? "; " : "") + problems_[i];
  if (problems_.size() > 4) msg += "; ...";
  if (problems_.size() > 1) msg += ")";
  msg += "; a frozen graph has no variables to write or reference";
  return Status::Unsupported(msg);
}

}  // namespace

bool IsVariableWriteOp(std::string_view op) {
  static const std::unordered_set<std::string_view> kOps = {
      "Assign", "AssignAdd", "AssignSub", "AssignVariableOp", "AssignAddVariableOp",
      "AssignSubVariableOp", "VarIsInitializedOp", "IsVariableInitialized", "CountUpTo",
      "ResourceCountUpTo", "StridedSliceAssign", "ResourceStridedSliceAssign",
      "ScatterUpdate", "ScatterAdd", "ScatterSub", "ScatterMul", "ScatterDiv", "ScatterMin",
      "ScatterMax", "ScatterNdUpdate", "ScatterNdAdd", "ScatterNdSub", "ScatterNdMin",
      "ScatterNdMax", "DestroyResourceOp", "DestroyTemporaryVariable",
      "AssignVariableXlaConcatND"};
  if (kOps.count(op)) return true;
  return StartsWith(op, "ResourceScatter") || StartsWith(op, "Apply") ||
         StartsWith(op, "SparseApply") || StartsWith(op, "ResourceApply") ||
         StartsWith(op, "ResourceSparseApply");
}

std::string FrozenFunctionName(std::string_view name, int n) {
  std::string_view base = name;
  size_t us = base.rfind('_');
  if (us != std::string_view::npos && us + 1 < base.size()) {
    bool digits = true;
    for (size_t i = us + 1; i < base.size(); ++i) digits &= base[i] >= '0' && base[i] <= '9';
    if (digits) base = base.substr(0, us);
  }
  return std::string(base) + "_frozen_" + std::to_string(n);
}

Status FreezeVariables(tensorflow::GraphDef* graph, const std::vector<VariableToFreeze>& vars,
                       const OpRegistry& ops, RewriteStats* stats) {
  Rewriter r(graph, ops, stats);
  return r.Run(vars);
}

}  // namespace tfgraph
