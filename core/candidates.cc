#include "core/candidates.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <set>
#include <string>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/attr_format.h"
#include "core/op_registry.h"
#include "core/variables.h"

namespace tfgraph {
namespace {

// What a node is for, as far as names and ops tell.
enum class Role {
  kModel,        // part of the network
  kBookkeeping,  // saver, gradients, optimizer, summaries, init, global_step, EMA
  kTraining,     // loss and metrics: consumers of the outputs, not outputs
};

// Lowercased, with TF's uniquifying "_N" suffix dropped:
// "save_1" -> "save", "Adam_3" -> "adam".
void BaseInto(std::string_view component, std::string* out) {
  out->assign(component.data(), component.size());
  for (char& c : *out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t i = out->size();
  while (i > 0 && std::isdigit(static_cast<unsigned char>((*out)[i - 1]))) --i;
  if (i < out->size() && i > 1 && (*out)[i - 1] == '_') out->resize(i - 1);
}

std::string Base(std::string_view component) {
  std::string s;
  BaseInto(component, &s);
  return s;
}

// The scope components of a node name, each as Base() makes it. Ranking
// looks at every name of the graph several times, so the strings live in
// one buffer per thread and keep their capacity: a million names cost no
// allocations. The view is valid until the next Components() call on the
// same thread.
class ComponentList {
 public:
  const std::string* begin() const { return items_.data(); }
  const std::string* end() const { return items_.data() + count_; }
  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  const std::string& operator[](size_t i) const { return items_[i]; }
  const std::string& back() const { return items_[count_ - 1]; }

 private:
  friend const ComponentList& Components(std::string_view name);
  std::vector<std::string> items_;
  size_t count_ = 0;
};

const ComponentList& Components(std::string_view name) {
  thread_local ComponentList list;
  list.count_ = 0;
  size_t start = 0;
  while (start <= name.size()) {
    size_t slash = name.find('/', start);
    if (slash == std::string_view::npos) slash = name.size();
    if (list.count_ == list.items_.size()) list.items_.emplace_back();
    BaseInto(name.substr(start, slash - start), &list.items_[list.count_++]);
    start = slash + 1;
  }
  return list;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool Contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

bool IsBookkeepingOp(std::string_view op) {
  static const std::unordered_set<std::string_view> kOps = {
      "NoOp", "Assign", "AssignAdd", "AssignSub", "AssignVariableOp", "AssignAddVariableOp",
      "AssignSubVariableOp", "SaveV2", "Save", "SaveSlices", "RestoreV2", "Restore",
      "RestoreSlice", "MergeV2Checkpoints", "ShardedFilename", "ShardedFilespec", "Assert",
      "Print", "PrintV2", "VarIsInitializedOp", "IsVariableInitialized", "VariableV2",
      "Variable", "VarHandleOp", "DestroyResourceOp", "Placeholder", "PlaceholderWithDefault",
      "PlaceholderV2", "Const", "HashTableV2", "HashTable", "MutableHashTableV2",
      "InitializeTableV2", "InitializeTable", "InitializeTableFromTextFileV2",
      "InitializeTableFromTextFile", "LookupTableImportV2", "ControlTrigger",
      "ReportUninitializedVariables", "SaveSlices", "StringJoin"};
  if (kOps.count(op)) return true;
  return StartsWith(op, "Apply") || StartsWith(op, "ResourceApply") ||
         StartsWith(op, "SparseApply") || StartsWith(op, "ResourceSparseApply") ||
         Contains(op, "Summary") || StartsWith(op, "Scatter") || StartsWith(op, "ResourceScatter");
}

bool IsControlFlowOp(std::string_view op) {
  return op == "Switch" || op == "Merge" || op == "Enter" || op == "Exit" ||
         op == "NextIteration" || op == "LoopCond" || op == "RefSwitch" || op == "RefMerge" ||
         op == "RefEnter" || op == "RefExit" || op == "RefNextIteration";
}

// What ranking reads from the scope components of a name. A name's facts
// combine those of its scope (everything before the last '/', shared by
// many nodes and worked out once per distinct scope) with those of its last
// component.
struct NameFacts {
  bool bookkeeping = false;   // a saver, optimizer, summary, init... scope
  bool training = false;      // a loss or metric scope
  bool control_flow = false;  // inside while/cond
  double bonus = 0;           // how much the words look like an output
};

const std::unordered_set<std::string_view>& BookkeepingScopes() {
  static const std::unordered_set<std::string_view> kScopes = {
      "train_op", "train_step", "training_op", "optimize", "minimize", "update_ops", "gradients",
      "gradient_tape", "optimizer", "train", "training", "adam", "momentum", "rmsprop",
      "gradientdescent", "adagrad", "adadelta", "adamax", "nadam", "ftrl", "sgd",
      "beta1_power", "beta2_power", "summaries", "summary", "init", "init_all_tables",
      "initializer", "initializers", "report_uninitialized_variables", "global_step",
      "exponentialmovingaverage", "moving_average", "ema", "learning_rate", "lr", "decay",
      "piecewise_constant", "exponentialdecay", "assign", "assign_add", "group_deps",
      "save_counter", "iterations"};
  return kScopes;
}

const std::unordered_set<std::string_view>& TrainingScopes() {
  static const std::unordered_set<std::string_view> kScopes = {
      "loss", "losses", "total_loss", "cost", "cross_entropy", "crossentropy", "xentropy",
      "xent", "softmax_cross_entropy_loss", "sparse_softmax_cross_entropy_loss",
      "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_sg",
      "sparse_softmax_cross_entropy_with_logits", "sigmoid_cross_entropy_with_logits",
      "mean_squared_error", "absolute_difference", "l2_loss", "regularization", "regularizer",
      "metrics", "accuracy", "acc", "correct_prediction", "correct_pred", "auc", "precision",
      "recall", "mean_iou", "confusion_matrix", "error", "mse", "mae", "rmse"};
  return kScopes;
}

// Name words that mark a network output.
const std::unordered_set<std::string_view>& OutputWords() {
  static const std::unordered_set<std::string_view> kWords = {
      "output", "outputs", "out", "logits", "logit", "prediction", "predictions", "predict",
      "probabilities", "probability", "probs", "prob", "softmax", "sigmoid", "scores", "score",
      "classes", "class", "y_pred", "y_hat", "yhat", "result", "results", "inference",
      "output_node", "final_output", "y", "labels_pred", "predicted"};
  return kWords;
}

// The facts of one component `raw` of a name: the first one or not, the
// last one or not (output words weigh more at the end).
NameFacts ComponentFacts(std::string_view raw, bool first, bool last) {
  thread_local std::string c;
  BaseInto(raw, &c);
  NameFacts f;
  f.bookkeeping = BookkeepingScopes().count(c) > 0 ||
                  (first && (c == "save" || c == "saver_filename"));
  f.training = TrainingScopes().count(c) > 0 || Contains(c, "cross_entropy") ||
               Contains(c, "crossentropy") || Contains(c, "_loss") || StartsWith(c, "loss_");
  f.control_flow =
      c == "while" || c == "cond" || StartsWith(c, "while_") || StartsWith(c, "cond_");
  if (OutputWords().count(c)) {
    f.bonus = last ? 25.0 : 18.0;
  } else if (Contains(c, "output") || Contains(c, "logit") || Contains(c, "predict") ||
             Contains(c, "prob") || Contains(c, "softmax")) {
    f.bonus = last ? 14.0 : 10.0;
  }
  return f;
}

NameFacts Combine(const NameFacts& a, const NameFacts& b) {
  return {a.bookkeeping || b.bookkeeping, a.training || b.training,
          a.control_flow || b.control_flow, std::max(a.bonus, b.bonus)};
}

// NameFacts of every name of one graph, scopes memoized. The string_views
// it keeps are the graph's own node names, which outlive it.
class NameFactsCache {
 public:
  NameFacts Of(std::string_view name) {
    size_t slash = name.rfind('/');
    if (slash == std::string_view::npos) return ComponentFacts(name, true, true);
    std::string_view scope = name.substr(0, slash);
    // Nodes in graph order mostly share the previous node's scope.
    if (scope != last_scope_) {
      last_scope_ = scope;
      last_facts_ = Scope(scope);
    }
    return Combine(last_facts_, ComponentFacts(name.substr(slash + 1), false, true));
  }

 private:
  std::string_view last_scope_;
  NameFacts last_facts_;
  NameFacts Scope(std::string_view scope) {
    auto it = scopes_.find(scope);
    if (it != scopes_.end()) return it->second;
    size_t slash = scope.rfind('/');
    NameFacts f = slash == std::string_view::npos
                      ? ComponentFacts(scope, true, false)
                      : Combine(Scope(scope.substr(0, slash)),
                                ComponentFacts(scope.substr(slash + 1), false, false));
    scopes_.emplace(scope, f);
    return f;
  }
  std::unordered_map<std::string_view, NameFacts> scopes_;
};

Role RoleOf(NameFactsCache& names, std::string_view name, std::string_view op) {
  if (IsBookkeepingOp(op)) return Role::kBookkeeping;
  NameFacts f = names.Of(name);
  if (f.bookkeeping) return Role::kBookkeeping;
  if (f.training) return Role::kTraining;
  return Role::kModel;
}

double OpBonus(std::string_view op) {
  if (op == "Softmax" || op == "Sigmoid" || op == "ArgMax" || op == "LogSoftmax" ||
      op == "TopKV2" || op == "ArgMin")
    return 20;
  if (op == "BiasAdd" || op == "Identity" || op == "Add" || op == "AddV2" || op == "MatMul" ||
      op == "Tanh" || op == "Reshape" || op == "Squeeze" || op == "Relu" || op == "Mul" ||
      op == "StatefulPartitionedCall" || op == "PartitionedCall" || op == "Conv2D" ||
      op == "Pack" || op == "ConcatV2" || op == "Cast" || op == "Relu6" || op == "Elu")
    return 8;
  return 0;
}

bool IsInputOp(std::string_view op) {
  return op == "Placeholder" || op == "PlaceholderV2" || op == "PlaceholderWithDefault";
}

// Saver filename placeholders (save/Const, save/filename, saver_filename).
bool IsSaverInput(const Graph& g, int i, NameFactsCache& names) {
  const auto& comps = Components(g.name(i));
  if (!comps.empty() && (comps[0] == "save" || comps[0] == "saver_filename")) return true;
  const auto& consumers = g.node(i).consumers;
  if (consumers.empty()) return false;
  for (int c : consumers) {
    std::string_view op = g.op(c);
    if (!(StartsWith(op, "Save") || StartsWith(op, "Restore") || op == "MergeV2Checkpoints" ||
          op == "ShardedFilename" || op == "StringJoin" || op == "Identity"))
      return false;
  }
  return RoleOf(names, g.name(consumers[0]), g.op(consumers[0])) == Role::kBookkeeping;
}

void TypeAndShape(const tensorflow::NodeDef& def, Candidate* c) {
  // The output dtype from the op's definition; for ops TF does not define,
  // the attrs that usually hold it.
  auto types = OpRegistry::Global().OutputTypes(def);
  if (types.ok() && !types->empty()) {
    c->dtype = types->front();
  } else {
    for (const char* key : {"output_type", "out_type", "DstT", "dtype", "T"}) {
      auto it = def.attr().find(key);
      if (it != def.attr().end() && it->second.value_case() == tensorflow::AttrValue::kType) {
        c->dtype = it->second.type();
        break;
      }
    }
  }
  auto s = def.attr().find("shape");
  if (s != def.attr().end() && s->second.has_shape()) {
    c->shape = ShapeDims(s->second.shape());
    return;
  }
  auto o = def.attr().find("_output_shapes");
  if (o != def.attr().end() && o->second.list().shape_size() > 0) {
    c->shape = ShapeDims(o->second.list().shape(0));
  }
}

struct Analysis {
  std::unique_ptr<NameFactsCache> names = std::make_unique<NameFactsCache>();
  std::vector<Role> role;
  std::vector<bool> from_input;  // reachable over data edges from a placeholder
  std::vector<int> depth;        // BFS distance from the nearest input (-1 if none)
  std::vector<int> inputs;       // placeholders that are real inputs
  // Nodes whose output meets the labels (in the loss or metrics): the
  // network's end in a training graph.
  std::vector<bool> meets_labels;
  std::vector<bool> labels;  // inputs that are labels of a training graph
};

// "[...]/gradients[_N]/Shape[_N]", compared as Components() would.
bool EndsWithGradientsShape(std::string_view name) {
  size_t slash = name.rfind('/');
  if (slash == std::string_view::npos || Base(name.substr(slash + 1)) != "shape") return false;
  size_t start = slash == 0 ? std::string_view::npos : name.rfind('/', slash - 1);
  start = start == std::string_view::npos ? 0 : start + 1;
  return Base(name.substr(start, slash - start)) == "gradients";
}

// Loss nodes: what tf.gradients differentiates. The gradient of loss L
// starts in scope "gradients/<L>_grad/" (and "gradients/Shape" may read L
// when its shape is not static).
std::vector<int> FindLosses(const Graph& g) {
  std::set<int> losses;
  for (int i = 0; i < g.size(); ++i) {
    std::string_view name = g.name(i);
    if (EndsWithGradientsShape(name)) {
      for (const auto& in : g.node(i).inputs)
        if (in.node >= 0 && !in.control && g.op(in.node) != "Const") losses.insert(in.node);
    }
    // "[prefix/]gradients[_N]/<loss name>_grad/<op>"
    size_t pos = 0;
    while ((pos = name.find("gradients", pos)) != std::string_view::npos) {
      size_t scope_end = name.find('/', pos);
      if (scope_end == std::string_view::npos) break;
      std::string_view scope = name.substr(pos, scope_end - pos);
      bool at_start = pos == 0 || name[pos - 1] == '/';
      pos = scope_end;
      if (!at_start || Base(scope) != "gradients") continue;
      std::string_view rest = name.substr(scope_end + 1);
      size_t grad = rest.find("_grad/");
      if (grad == std::string_view::npos) break;
      int l = g.Find(rest.substr(0, grad));
      if (l >= 0) losses.insert(l);
      break;
    }
  }
  // Only the outermost: a loss that feeds another loss is part of it.
  return std::vector<int>(losses.begin(), losses.end());
}

bool IsLayerOp(std::string_view op) {
  return op == "MatMul" || op == "BatchMatMul" || op == "BatchMatMulV2" || op == "Conv2D" ||
         op == "Conv3D" || op == "Conv1D" || op == "DepthwiseConv2dNative" || op == "BiasAdd" ||
         op == "FusedBatchNorm" || op == "FusedBatchNormV2" || op == "FusedBatchNormV3" ||
         op == "GatherV2" || op == "Gather" || op == "ResourceGather" || op == "Enter" ||
         op == "Conv2DBackpropInput" || op == "StatefulPartitionedCall" || op == "PartitionedCall";
}

// Nodes that are a variable or a plain read of one (through Identity,
// ReadVariableOp, control-flow forwarding or Cast).
std::vector<bool> WeightReads(const Graph& g) {
  int n = g.size();
  std::vector<bool> w(n, false);
  for (int i = 0; i < n; ++i) w[i] = CreatesVariable(g.op(i));
  for (int pass = 0; pass < 4; ++pass) {
    for (int i = 0; i < n; ++i) {
      if (w[i]) continue;
      std::string_view op = g.op(i);
      if (op != "Identity" && op != "ReadVariableOp" && op != "Enter" && op != "RefEnter" &&
          op != "Switch" && op != "RefSwitch" && op != "Cast")
        continue;
      const auto& ins = g.node(i).inputs;
      if (!ins.empty() && !ins[0].control && ins[0].node >= 0 && w[ins[0].node]) w[i] = true;
    }
  }
  return w;
}

// A node where weights meet data: one input is a weight read, another
// carries an input's values (e.g. Mul(W, x) of a linear regression).
bool AppliesWeights(const Graph& g, int i, const std::vector<bool>& is_weight,
                    const std::vector<uint64_t>& mask) {
  bool weight = false, data = false;
  for (const auto& in : g.node(i).inputs) {
    if (in.node < 0 || in.control) continue;
    if (is_weight[in.node]) weight = true;
    if (mask[in.node] != 0) data = true;
  }
  return weight && data;
}

// In a training graph, finds the labels (inputs that join the network's
// output only in the loss or metrics), marks everything computed from them
// as kTraining, and marks the nodes whose output meets them (the network's
// end) as meets_labels.
void FindLossRegion(const Graph& g, const std::vector<std::vector<int>>& data_out, Analysis* a) {
  int n = g.size();
  a->meets_labels.assign(n, false);
  a->labels.assign(n, false);
  std::vector<int> losses = FindLosses(g);
  if (losses.empty() || a->inputs.empty()) return;
  // Which inputs each node depends on (bit k: input k; inputs past 63 share
  // bit 63). A monotone OR, so cycles (while loops) terminate.
  std::vector<uint64_t> mask(n, 0);
  std::deque<int> work;
  for (size_t k = 0; k < a->inputs.size(); ++k) {
    mask[a->inputs[k]] |= uint64_t{1} << std::min<size_t>(k, 63);
    work.push_back(a->inputs[k]);
  }
  while (!work.empty()) {
    int i = work.front();
    work.pop_front();
    for (int c : data_out[i]) {
      uint64_t m = mask[c] | mask[i];
      if (m != mask[c]) {
        mask[c] = m;
        work.push_back(c);
      }
    }
  }
  // Ancestors of the losses, over data edges.
  std::vector<bool> feeds_loss(n, false);
  std::vector<int> stack(losses.begin(), losses.end());
  while (!stack.empty()) {
    int i = stack.back();
    stack.pop_back();
    if (feeds_loss[i]) continue;
    feeds_loss[i] = true;
    for (const auto& in : g.node(i).inputs)
      if (in.node >= 0 && !in.control) stack.push_back(in.node);
  }
  // Labels are inputs whose every path to the loss avoids the network's
  // layers (MatMul, Conv2D, BiasAdd, ...): they meet the output only in the
  // loss. Real inputs, even several of them, pass through layers.
  std::vector<bool> is_weight = WeightReads(g);
  uint64_t label_bits = 0;
  std::vector<int> seen_by(n, -1);
  for (size_t k = 0; k < a->inputs.size() && k < 63; ++k) {
    int p = a->inputs[k];
    if (!feeds_loss[p]) continue;
    bool through_layer = false;
    std::vector<int> todo{p};
    seen_by[p] = static_cast<int>(k);
    while (!todo.empty() && !through_layer) {
      int i = todo.back();
      todo.pop_back();
      for (int c : data_out[i]) {
        if (!feeds_loss[c] || seen_by[c] == static_cast<int>(k)) continue;
        seen_by[c] = static_cast<int>(k);
        if (IsLayerOp(g.op(c)) || AppliesWeights(g, c, is_weight, mask)) {
          through_layer = true;
          break;
        }
        todo.push_back(c);
      }
    }
    if (!through_layer) label_bits |= uint64_t{1} << k;
  }
  // If no input passes through a layer, the rule tells nothing.
  uint64_t feeding = 0;
  for (size_t k = 0; k < a->inputs.size() && k < 63; ++k)
    if (feeds_loss[a->inputs[k]]) feeding |= uint64_t{1} << k;
  if (label_bits == feeding) label_bits = 0;
  if (label_bits == 0) return;
  for (size_t k = 0; k < a->inputs.size(); ++k)
    if (label_bits & (uint64_t{1} << std::min<size_t>(k, 63))) a->labels[a->inputs[k]] = true;
  for (int i = 0; i < n; ++i) {
    if (IsInputOp(g.op(i))) continue;
    if (mask[i] & label_bits) {
      if (a->role[i] == Role::kModel) a->role[i] = Role::kTraining;
    } else if (mask[i] != 0 && a->role[i] == Role::kModel) {
      // Gradient ops read activations too; only the loss and metrics count.
      for (int c : data_out[i])
        if ((mask[c] & label_bits) && a->role[c] != Role::kBookkeeping) a->meets_labels[i] = true;
    }
  }
}

Analysis Analyze(const Graph& g) {
  Analysis a;
  int n = g.size();
  a.role.resize(n);
  a.from_input.assign(n, false);
  a.depth.assign(n, -1);
  std::deque<int> queue;
  for (int i = 0; i < n; ++i) {
    a.role[i] = RoleOf(*a.names, g.name(i), g.op(i));
    if (IsInputOp(g.op(i)) && !IsSaverInput(g, i, *a.names)) {
      a.inputs.push_back(i);
      a.from_input[i] = true;
      a.depth[i] = 0;
      queue.push_back(i);
    }
  }
  // Consumers include control edges; follow data edges only.
  std::vector<std::vector<int>> data_out(n);
  for (int i = 0; i < n; ++i)
    for (const auto& in : g.node(i).inputs)
      if (in.node >= 0 && !in.control) data_out[in.node].push_back(i);
  while (!queue.empty()) {
    int i = queue.front();
    queue.pop_front();
    for (int c : data_out[i]) {
      if (a.from_input[c]) continue;
      a.from_input[c] = true;
      a.depth[c] = a.depth[i] + 1;
      queue.push_back(c);
    }
  }
  FindLossRegion(g, data_out, &a);
  return a;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : "; ") + p;
  return s;
}

// Why a node ranks as an output: the first reason, then any of the notes.
enum class OutputReason : uint8_t {
  kBookkeepingSink,
  kLossSink,
  kSink,
  kReadByLoss,
  kReadByBookkeeping,
  kMeetsLabels,
  kNamedLikeOutput,
};

const char* OutputReasonText(OutputReason r) {
  switch (r) {
    case OutputReason::kBookkeepingSink: return "bookkeeping sink";
    case OutputReason::kLossSink: return "loss/metric sink";
    case OutputReason::kSink: return "sink";
    case OutputReason::kReadByLoss: return "end of network (read by loss/metrics)";
    case OutputReason::kReadByBookkeeping: return "read only by bookkeeping ops";
    case OutputReason::kMeetsLabels: return "end of network (meets the labels)";
    case OutputReason::kNamedLikeOutput: return "named like an output";
  }
  return "";
}

// A scored node; the Candidate with its strings is built only for the few
// that are kept, not for each of a million scored nodes.
struct ScoredOutput {
  double score;
  int node;
  OutputReason reason;
  bool op_note;            // the op itself suggests an output
  bool not_fed;            // "not fed by any input"
  bool control_flow;       // "control-flow internal"
};

std::vector<Candidate> RankOutputsFrom(const Graph& g, const Analysis& a, size_t max) {
  int n = g.size();
  // Data consumers that belong to the network; training and bookkeeping
  // consumers do not stop a node from being the network's end.
  std::vector<int> model_consumers(n, 0), all_consumers(n, 0), training_consumers(n, 0);
  for (int i = 0; i < n; ++i) {
    for (const auto& in : g.node(i).inputs) {
      if (in.node < 0) continue;
      ++all_consumers[in.node];
      if (in.control) continue;
      if (a.role[i] == Role::kModel && !IsBookkeepingOp(g.op(i))) ++model_consumers[in.node];
      if (a.role[i] == Role::kTraining) ++training_consumers[in.node];
    }
  }
  std::vector<ScoredOutput> scored;
  for (int i = 0; i < n; ++i) {
    std::string_view op = g.op(i);
    bool sink = all_consumers[i] == 0;
    bool model_sink = model_consumers[i] == 0;
    ScoredOutput s{0, i, OutputReason::kSink, false, false, false};
    // The name's facts, worked out at most once and only when asked for.
    std::optional<NameFacts> facts;
    auto name_facts = [&]() -> const NameFacts& {
      if (!facts) facts = a.names->Of(g.name(i));
      return *facts;
    };
    if (a.role[i] == Role::kBookkeeping || IsBookkeepingOp(op)) {
      if (!sink) continue;
      s.score = -100;
      s.reason = OutputReason::kBookkeepingSink;
    } else if (a.role[i] == Role::kTraining) {
      if (!sink) continue;
      s.score = -50;
      s.reason = OutputReason::kLossSink;
    } else if (model_sink) {
      s.score = 50;
      if (sink) {
        s.reason = OutputReason::kSink;
      } else if (training_consumers[i] > 0) {
        s.reason = OutputReason::kReadByLoss;
      } else {
        // Read only by summaries, initializers or the saver: computed for
        // bookkeeping, not a result of the network.
        s.score -= 20;
        s.reason = OutputReason::kReadByBookkeeping;
      }
    } else if (a.meets_labels[i]) {
      s.score = 50;
      s.reason = OutputReason::kMeetsLabels;
    } else if (OpBonus(op) >= 20 || name_facts().bonus > 0) {
      s.score = 0;
      s.reason = OutputReason::kNamedLikeOutput;
    } else {
      continue;
    }
    if (a.role[i] == Role::kModel) {
      double op_bonus = OpBonus(op);
      s.score += name_facts().bonus + op_bonus;
      s.op_note = op_bonus > 0;
      if (a.meets_labels[i]) s.score += 30;
      if (a.from_input[i]) {
        s.score += 15 + std::min(a.depth[i], 40) * 0.25;
      } else if (!a.inputs.empty()) {
        s.score -= 45;
        s.not_fed = true;
      }
      if (IsControlFlowOp(op) || name_facts().control_flow) {
        s.score -= 30;
        s.control_flow = true;
      }
    }
    scored.push_back(s);
  }
  // Best first; equal scores keep graph order.
  auto better = [](const ScoredOutput& x, const ScoredOutput& y) {
    return x.score != y.score ? x.score > y.score : x.node < y.node;
  };
  if (scored.size() > max) {
    std::partial_sort(scored.begin(), scored.begin() + static_cast<ptrdiff_t>(max), scored.end(),
                      better);
    scored.resize(max);
  } else {
    std::sort(scored.begin(), scored.end(), better);
  }
  std::vector<Candidate> out;
  out.reserve(scored.size());
  for (const ScoredOutput& s : scored) {
    std::string_view op = g.op(s.node);
    std::vector<std::string> why{OutputReasonText(s.reason)};
    if (s.op_note) why.emplace_back(op);
    if (s.not_fed) why.emplace_back("not fed by any input");
    if (s.control_flow) why.emplace_back("control-flow internal");
    Candidate c;
    c.node = std::string(g.name(s.node));
    c.tensor = c.node + ":0";
    c.op = std::string(op);
    TypeAndShape(*g.node(s.node).def, &c);
    c.score = s.score;
    c.reason = Join(why);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Candidate> RankInputsFrom(const Graph& g, const Analysis& a, size_t max) {
  // Placeholders that feed the best output rank first.
  std::set<int> feeding_top;
  auto top = RankOutputsFrom(g, a, 1);
  if (!top.empty()) {
    int t = g.Find(top[0].node);
    std::vector<bool> seen(g.size(), false);
    std::vector<int> stack{t};
    while (!stack.empty()) {
      int i = stack.back();
      stack.pop_back();
      if (i < 0 || seen[i]) continue;
      seen[i] = true;
      if (IsInputOp(g.op(i))) feeding_top.insert(i);
      for (const auto& in : g.node(i).inputs)
        if (!in.control) stack.push_back(in.node);
    }
  }
  std::vector<Candidate> out;
  for (int i : a.inputs) {
    Candidate c;
    c.node = std::string(g.name(i));
    c.tensor = c.node + ":0";
    c.op = std::string(g.op(i));
    TypeAndShape(*g.node(i).def, &c);
    c.optional = c.op == "PlaceholderWithDefault";
    std::vector<std::string> why;
    c.score = c.optional ? 30 : 50;
    why.push_back(c.optional ? "has a default" : "placeholder");
    if (feeding_top.count(i)) {
      c.score += 20;
      why.push_back("feeds " + top[0].node);
    }
    bool only_bookkeeping = true;
    for (int k : g.node(i).consumers)
      if (a.role[k] != Role::kBookkeeping) only_bookkeeping = false;
    if (a.labels[i]) {
      c.score -= 25;
      why.push_back("labels: feeds only the loss and metrics");
    } else if (g.node(i).consumers.empty()) {
      c.score -= 40;
      why.push_back("unused");
    } else if (only_bookkeeping) {
      c.score -= 40;
      why.push_back("feeds only assign/bookkeeping ops");
    } else if (a.role[i] != Role::kModel) {
      c.score -= 20;
    }
    c.reason = Join(why);
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
  if (out.size() > max) out.resize(max);
  return out;
}

}  // namespace

std::vector<Candidate> RankOutputs(const Graph& g, size_t max) {
  return RankOutputsFrom(g, Analyze(g), max);
}

std::vector<Candidate> RankInputs(const Graph& g, size_t max) {
  return RankInputsFrom(g, Analyze(g), max);
}

namespace {

// Signatures, serving_default first, each tensor once.
std::vector<Candidate> FromSignatures(const Model& model, bool outputs) {
  std::vector<const Signature*> sigs;
  for (const auto& s : model.signatures())
    if (s.key == "serving_default") sigs.push_back(&s);
  for (const auto& s : model.signatures())
    if (s.key != "serving_default") sigs.push_back(&s);
  std::vector<Candidate> out;
  std::set<std::string> seen;
  for (const Signature* s : sigs) {
    for (const auto& t : outputs ? s->outputs : s->inputs) {
      if (!seen.insert(t.name).second) continue;
      Candidate c;
      auto colon = t.name.rfind(':');
      c.node = colon == std::string::npos ? t.name : t.name.substr(0, colon);
      c.tensor = t.name;
      int i = model.graph().Find(c.node);
      if (i >= 0) c.op = std::string(model.graph().op(i));
      c.dtype = t.dtype;
      c.shape = t.shape;
      c.signature = s->key;
      c.score = 1000;
      c.reason = "signature " + s->key + " " + (outputs ? "output" : "input") + " '" + t.key + "'";
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::vector<Candidate> Merge(std::vector<Candidate> first, const std::vector<Candidate>& rest,
                             size_t max) {
  std::set<std::string> nodes;
  for (const auto& c : first) nodes.insert(c.node);
  for (const auto& c : rest) {
    if (first.size() >= max) break;
    if (nodes.insert(c.node).second) first.push_back(c);
  }
  if (first.size() > max) first.resize(max);
  return first;
}

}  // namespace

std::vector<Candidate> OutputCandidates(const Model& model, size_t max) {
  return Merge(FromSignatures(model, true), RankOutputs(model.graph(), max), max);
}

std::vector<Candidate> InputCandidates(const Model& model, size_t max) {
  return Merge(FromSignatures(model, false), RankInputs(model.graph(), max), max);
}

CandidateLists RankCandidates(const Model& model, size_t max_inputs, size_t max_outputs) {
  Analysis a = Analyze(model.graph());
  CandidateLists lists;
  lists.inputs = Merge(FromSignatures(model, false), RankInputsFrom(model.graph(), a, max_inputs),
                       max_inputs);
  lists.outputs = Merge(FromSignatures(model, true),
                        RankOutputsFrom(model.graph(), a, max_outputs), max_outputs);
  return lists;
}

}  // namespace tfgraph
