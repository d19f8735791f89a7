#include "core/export.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/checkpoint_reader.h"
#include "core/export_signature.h"
#include "core/export_typing.h"
#include "core/graph.h"
#include "core/mapped_file.h"
#include "core/op_registry.h"
#include "core/tensor_ref.h"
#include "tensorflow/variable.pb.h"

namespace tfgraph {
namespace {

using tensorflow::MetaGraphDef;

constexpr const char* kMainOpCollection = "saved_model_main_op";
constexpr const char* kLegacyInitOpCollection = "legacy_init_op";
constexpr uint64_t kProtoLimit = 2147483647ull;

std::string JoinKeys(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
  return out.empty() ? "(none)" : out;
}

std::vector<std::string> SignatureKeys(const MetaGraphDef& mg) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : mg.signature_def()) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  return keys;
}

bool IsReservedKey(const std::string& key) {
  return key == kInitOpSignatureKey || key == kTrainOpSignatureKey;
}

bool HasInitOp(const MetaGraphDef& mg) {
  return mg.signature_def().count(std::string(kInitOpSignatureKey)) ||
         mg.collection_def().count(kMainOpCollection) ||
         mg.collection_def().count(kLegacyInitOpCollection);
}

// Nodes whose execution the init op must trigger: table initializers (from
// the collection TF keeps them in, else by op) and the initializers of local
// variables the signatures read.
std::vector<int> TableInitializers(const Graph& g, const MetaGraphDef& mg) {
  std::vector<int> out;
  auto it = mg.collection_def().find("table_initializer");
  if (it != mg.collection_def().end() && it->second.has_node_list()) {
    for (const auto& name : it->second.node_list().value()) {
      auto ref = ParseGraphInput(name);
      int n = ref.ok() ? g.Find(ref->node) : -1;
      if (n >= 0) out.push_back(n);
    }
    return out;
  }
  for (int i = 0; i < g.size(); ++i) {
    std::string_view op = g.op(i);
    if (op.rfind("InitializeTable", 0) == 0 || op == "LookupTableImportV2" ||
        op == "LookupTableImport") {
      out.push_back(i);
    }
  }
  return out;
}

std::vector<std::pair<int, int>> LocalVariableInitializers(const Graph& g, const MetaGraphDef& mg) {
  std::vector<std::pair<int, int>> out;  // variable node, initializer node
  auto it = mg.collection_def().find("local_variables");
  if (it == mg.collection_def().end() || !it->second.has_bytes_list()) return out;
  for (const auto& bytes : it->second.bytes_list().value()) {
    tensorflow::VariableDef def;
    if (!def.ParseFromString(bytes)) continue;
    auto var = ParseGraphInput(def.variable_name());
    auto init = ParseGraphInput(def.initializer_name());
    int v = var.ok() ? g.Find(var->node) : -1;
    int i = init.ok() ? g.Find(init->node) : -1;
    if (v >= 0 && i >= 0) out.emplace_back(v, i);
  }
  return out;
}

bool SameTagSet(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  b.erase(std::unique(b.begin(), b.end()), b.end());
  return a == b;
}

// Adds the OpDefs of ops used by the graph that the stripped op list lacks.
void CompleteStrippedOpList(const OpRegistry& registry, MetaGraphDef* mg) {
  auto* list = mg->mutable_meta_info_def()->mutable_stripped_op_list();
  std::set<std::string> have;
  for (const auto& op : list->op()) have.insert(op.name());
  std::set<std::string> functions;
  for (const auto& f : mg->graph_def().library().function()) functions.insert(f.signature().name());
  std::set<std::string> used;
  for (const auto& n : mg->graph_def().node()) used.insert(n.op());
  for (const auto& f : mg->graph_def().library().function())
    for (const auto& n : f.node_def()) used.insert(n.op());
  for (const auto& name : used) {
    if (have.count(name) || functions.count(name)) continue;
    if (const auto* def = registry.Find(name)) *list->add_op() = *def;
  }
  std::sort(list->mutable_op()->begin(), list->mutable_op()->end(),
            [](const auto& a, const auto& b) { return a.name() < b.name(); });
}

// Compares a checkpoint entry with the variable that restores it.
Status CheckEntry(const CheckpointReader& ckpt, const SaverBinding& b, const Graph& g,
                  const std::string& needed_by) {
  const CheckpointVariable* v = ckpt.Find(b.key);
  if (v == nullptr) {
    return Status::NotFound("checkpoint " + ckpt.prefix() + " has no entry '" + b.key +
                            "' for variable '" + b.node + "', which " + needed_by + " needs");
  }
  if (!v->problem.empty()) {
    return Status::Corruption("checkpoint " + ckpt.prefix() + ": entry '" + b.key +
                              "': " + v->problem);
  }
  if (b.dtype != tensorflow::DT_INVALID && v->dtype != b.dtype) {
    return Status::FailedCheck("checkpoint " + ckpt.prefix() + ": entry '" + b.key + "' is " +
                               DataTypeName(v->dtype) + " but variable '" + b.node + "' is " +
                               DataTypeName(b.dtype));
  }
  // Whole-tensor restores must match the variable's declared shape.
  int node = g.Find(b.node);
  if (b.slice.empty() && node >= 0) {
    const auto& attrs = g.node(node).def->attr();
    auto it = attrs.find("shape");
    if (it != attrs.end() && it->second.has_shape() && !it->second.shape().unknown_rank()) {
      Shape s = ShapeFromProto(it->second.shape());
      bool known = std::none_of(s->begin(), s->end(), [](int64_t d) { return d < 0; });
      if (known && *s != v->shape) {
        return Status::FailedCheck("checkpoint " + ckpt.prefix() + ": entry '" + b.key +
                                   "' has shape " + DimsToString(v->shape) + " but variable '" +
                                   b.node + "' has shape " + DimsToString(*s));
      }
    }
  }
  return Status::OK();
}

// TF2 SavedModels list their signatures a second time, as the children of
// the root object's "signatures" child; tf.saved_model.load reads them from
// there. Renames (and drops, with `to` empty) must happen in both places.
void RenameInObjectGraph(MetaGraphDef* mg, const std::string& from, const std::string& to) {
  if (!mg->has_object_graph_def() || mg->object_graph_def().nodes_size() == 0) return;
  auto* og = mg->mutable_object_graph_def();
  int map_node = -1;
  for (const auto& child : og->nodes(0).children()) {
    if (child.local_name() == "signatures") map_node = child.node_id();
  }
  if (map_node < 0 || map_node >= og->nodes_size()) return;
  auto* children = og->mutable_nodes(map_node)->mutable_children();
  for (int i = 0; i < children->size(); ++i) {
    if (children->Get(i).local_name() != from) continue;
    if (to.empty()) {
      children->DeleteSubrange(i, 1);
    } else {
      children->Mutable(i)->set_local_name(to);
    }
    return;
  }
}

}  // namespace

StatusOr<ExportPlan> PlanExport(const ExportSource& source, const ExportOptions& options) {
  ExportPlan plan;
  if (options.output_dir.empty()) return Status::InvalidArgument("no output folder (-o DIR)");
  if (source.graph == nullptr) return Status::InvalidArgument(source.path + ": has no graph");
  plan.destination = options.output_dir;
  if (options.version) {
    if (*options.version < 0) return Status::InvalidArgument("--version must be >= 0");
    plan.destination = JoinPath(options.output_dir, std::to_string(*options.version));
  }
  while (plan.destination.size() > 1 && plan.destination.back() == '/') plan.destination.pop_back();
  if (PathExists(plan.destination) && !options.force) {
    return Status::AlreadyExists(plan.destination + ": already exists (use --force to replace it)");
  }

  const bool from_saved_model = source.kind == ExportSource::Kind::kSavedModel;
  MetaGraphDef mg;
  if (source.meta_graph != nullptr) mg = *source.meta_graph;
  *mg.mutable_graph_def() = *source.graph;

  // Tags: as given; else a SavedModel keeps its own; else TF Serving's "serve".
  std::vector<std::string> tags = options.tags;
  if (tags.empty() && from_saved_model) {
    tags.assign(mg.meta_info_def().tags().begin(), mg.meta_info_def().tags().end());
  }
  if (tags.empty()) tags = {"serve"};
  for (const auto& t : tags) {
    if (t.empty()) return Status::InvalidArgument("empty tag in --tags");
  }
  if (tags.empty()) return Status::InvalidArgument("a SavedModel needs at least one tag");
  if (from_saved_model) {
    for (int i = 0; i < source.saved_model->meta_graphs_size(); ++i) {
      if (i == source.meta_graph_index) continue;
      const auto& other = source.saved_model->meta_graphs(i).meta_info_def().tags();
      if (SameTagSet(tags, {other.begin(), other.end()})) {
        return Status::InvalidArgument("tag-set '" + JoinKeys(tags) +
                                       "' is already used by another MetaGraph of " +
                                       source.export_dir);
      }
    }
  }
  // TF's Python loader parses tensorflow_version with packaging.version and
  // crashes on old forms such as "0.12.head"; keep the numeric release only.
  {
    const std::string& v = mg.meta_info_def().tensorflow_version();
    size_t end = 0;
    while (end < v.size() && (std::isdigit(static_cast<unsigned char>(v[end])) ||
                              (v[end] == '.' && end > 0 && end + 1 < v.size() &&
                               std::isdigit(static_cast<unsigned char>(v[end + 1]))))) {
      ++end;
    }
    if (end != v.size()) {
      std::string kept = v.substr(0, end);
      plan.notes.push_back("tensorflow_version '" + v + "' recorded as '" + kept +
                           "' (TF's loader cannot parse the original)");
      mg.mutable_meta_info_def()->set_tensorflow_version(kept);
    }
  }
  mg.mutable_meta_info_def()->clear_tags();
  for (const auto& t : tags) mg.mutable_meta_info_def()->add_tags(t);

  // A training job's device placements would not exist where the model is served.
  if (!from_saved_model) {
    for (auto& n : *mg.mutable_graph_def()->mutable_node()) n.clear_device();
  }

  TFG_ASSIGN_OR_RETURN(auto graph, Graph::FromGraphDef(mg.graph_def()));
  const Graph& g = *graph;
  OpRegistry registry(&OpRegistry::Global());
  registry.AddUnknownOps(mg.meta_info_def().stripped_op_list());
  registry.AddFunctionSignatures(mg.graph_def().library());
  TensorTyper typer(g, [&registry](const tensorflow::NodeDef& n) { return registry.OutputTypes(n); });

  // Signatures: renames and drops of existing ones, then the new groups.
  auto* sigs = mg.mutable_signature_def();
  for (const auto& [from, to] : options.renames) {
    if (!sigs->count(from)) {
      return Status::NotFound("no signature '" + from + "' to rename; signatures: " +
                              JoinKeys(SignatureKeys(mg)));
    }
    if (IsReservedKey(from) || IsReservedKey(to)) {
      return Status::InvalidArgument("signature '" + (IsReservedKey(from) ? from : to) +
                                     "' is reserved by TensorFlow and cannot be renamed");
    }
    if (sigs->count(to) && to != from) {
      return Status::InvalidArgument("cannot rename '" + from + "' to '" + to +
                                     "': that signature exists (drop it with --drop-signature)");
    }
    tensorflow::SignatureDef def = sigs->at(from);
    sigs->erase(from);
    (*sigs)[to] = def;
    RenameInObjectGraph(&mg, from, to);
    plan.notes.push_back("renamed signature '" + from + "' to '" + to + "'");
  }
  for (const auto& key : options.drop_signatures) {
    if (!sigs->count(key)) {
      return Status::NotFound("no signature '" + key + "' to drop; signatures: " +
                              JoinKeys(SignatureKeys(mg)));
    }
    sigs->erase(key);
    RenameInObjectGraph(&mg, key, "");
    plan.notes.push_back("dropped signature '" + key + "'");
  }
  for (const auto& [key, def] : options.carried_signatures) {
    if (IsReservedKey(key)) return Status::InvalidArgument("signature '" + key + "' is reserved");
    (*sigs)[key] = def;
    plan.notes.push_back("kept signature '" + key + "'");
  }
  std::vector<ResolvedSignature> resolved;
  for (const auto& spec : options.signatures) {
    TFG_ASSIGN_OR_RETURN(ResolvedSignature r, ResolveSignature(g, typer, spec));
    TFG_RETURN_IF_ERROR(CheckSignatureGraph(g, r));
    TFG_RETURN_IF_ERROR(CheckMethodConventions(r.key, r.def));
    plan.notes.push_back((sigs->count(r.key) ? "replaced signature '" : "added signature '") +
                         r.key + "'");
    (*sigs)[r.key] = r.def;
    resolved.push_back(std::move(r));
  }
  // A TF2 SavedModel lists signatures in its object graph too, as concrete
  // functions; a signature over graph tensors cannot be listed there. Without
  // the object graph, tf.saved_model.load reads the model the TF1 way, where
  // every SignatureDef (old and new) works.
  if (!resolved.empty() && mg.has_object_graph_def()) {
    mg.clear_object_graph_def();
    plan.notes.push_back("dropped the TF2 object graph so the new signatures are visible to "
                         "tf.saved_model.load (it now loads the model as a TF1 SavedModel: "
                         "signatures work, Python objects and functions are not restored)");
  }
  // Signatures carried over must still name tensors of the graph.
  std::set<std::string> new_keys;
  for (const auto& r : resolved) new_keys.insert(r.key);
  for (const auto& key : SignatureKeys(mg)) {
    if (new_keys.count(key) || IsReservedKey(key)) continue;
    auto r = ResolveExistingSignature(g, key, sigs->at(key));
    if (!r.ok()) return Status::FailedCheck(r.status().message());
    resolved.push_back(std::move(r).value());
  }
  int user_sigs = 0;
  for (const auto& key : SignatureKeys(mg)) user_sigs += IsReservedKey(key) ? 0 : 1;
  if (user_sigs == 0) {
    return Status::InvalidArgument("the SavedModel would have no signature; give --inputs and "
                                   "--outputs (TF Serving answers \"serving_default not found\")");
  }
  if (!sigs->count(std::string(kDefaultSignatureKey))) {
    plan.warnings.push_back("no 'serving_default' signature: TF Serving and SageMaker requests "
                            "must name a signature explicitly");
  }

  // What must run: every signature output, and the init op's work.
  std::vector<int> init_deps;
  const bool keep_init = from_saved_model || HasInitOp(mg);
  if (!keep_init) init_deps = TableInitializers(g, mg);
  std::vector<bool> needed(g.size(), false);
  std::vector<std::string> needed_by(g.size());
  auto mark = [&](const std::vector<bool>& closure, const std::string& who) {
    for (int i = 0; i < g.size(); ++i) {
      if (closure[i] && !needed[i]) {
        needed[i] = true;
        needed_by[i] = who;
      }
    }
  };
  for (const auto& r : resolved) {
    std::vector<int> outs, ins;
    for (const auto& t : r.outputs) outs.push_back(t.node);
    for (const auto& t : r.inputs) ins.push_back(t.node);
    mark(BackwardClosure(g, outs, ins), "signature '" + r.key + "'");
  }
  if (!init_deps.empty()) mark(BackwardClosure(g, init_deps, {}), "the table initializers");
  if (!keep_init) {
    for (const auto& [var, init] : LocalVariableInitializers(g, mg)) {
      if (needed[var]) {
        init_deps.push_back(init);
        mark(BackwardClosure(g, {init}, {}), needed_by[var]);
      }
    }
  }

  // Variables.
  std::vector<int> var_nodes;
  for (int i = 0; i < g.size(); ++i)
    if (IsVariableNodeOp(g.op(i))) var_nodes.push_back(i);
  std::vector<SaverBinding> add_saver_for;
  bool clear_saver = false;
  if (from_saved_model) {
    std::string vars_dir = JoinPath(source.export_dir, "variables");
    if (IsDirectory(vars_dir)) {
      plan.variables_mode = ExportPlan::VariablesMode::kCopyDir;
      plan.variables_source = vars_dir;
    }
  } else if (var_nodes.empty()) {
    clear_saver = true;
  } else {
    int first_needed = -1;
    for (int v : var_nodes)
      if (needed[v]) {
        first_needed = v;
        break;
      }
    const auto& ckpt = source.checkpoint;
    if (!ckpt) {
      if (first_needed >= 0) {
        return Status::NotFound(source.path + ": the graph has variables (e.g. '" +
                                std::string(g.name(first_needed)) + "', which " +
                                needed_by[first_needed] +
                                " needs) but no checkpoint holds their values; give the "
                                "checkpoint (--checkpoint PREFIX) or freeze first (--frozen)");
      }
      clear_saver = true;
      plan.warnings.push_back("the graph has variables but no checkpoint; none is needed by "
                              "the signatures, so none is restored");
    } else {
      plan.checkpoint = ckpt;
      plan.variables_source = ckpt->prefix();
      // Who restores what: the graph's own saver, else TF's default keying.
      std::vector<SaverBinding> saver_bindings;
      bool saver_ok = false;
      if (mg.has_saver_def() && !mg.saver_def().restore_op_name().empty()) {
        auto b = BindingsFromSaver(g, mg.saver_def());
        if (b.ok()) {
          saver_bindings = std::move(b).value();
          saver_ok = true;
        } else {
          plan.warnings.push_back("the graph's saver is not reused: " + b.status().message());
        }
      }
      std::map<std::string, SaverBinding> by_node;
      for (const auto& b : BindingsFromCollections(g, source.meta_graph)) by_node[b.node] = b;
      for (const auto& b : saver_bindings) by_node[b.node] = b;

      std::vector<SaverBinding> write;
      std::set<std::string> in_write;
      for (int v : var_nodes) {
        const SaverBinding& b = by_node[std::string(g.name(v))];
        if (needed[v]) {
          TFG_RETURN_IF_ERROR(CheckEntry(*ckpt, b, g, needed_by[v]));
          write.push_back(b);
          in_write.insert(b.node);
        } else if (options.all_variables) {
          if (ckpt->Find(b.key) == nullptr) {
            plan.warnings.push_back("variable '" + b.node + "' (key '" + b.key +
                                    "') is not in the checkpoint; it is not exported");
            continue;
          }
          TFG_RETURN_IF_ERROR(CheckEntry(*ckpt, b, g, "--all-variables"));
          write.push_back(b);
          in_write.insert(b.node);
        }
      }
      bool saver_fits = saver_ok && mg.saver_def().version() == tensorflow::SaverDef::V2 &&
                        saver_bindings.size() == in_write.size();
      for (const auto& b : saver_bindings) {
        saver_fits = saver_fits && in_write.count(b.node) && ckpt->Find(b.key) != nullptr;
      }
      if (write.empty()) {
        clear_saver = true;
        plan.notes.push_back("no variable is needed by the signatures; variables/ is empty");
      } else if (saver_fits && ckpt->format() == CheckpointFormat::kV2) {
        plan.variables_mode = ExportPlan::VariablesMode::kCopyBundle;
        plan.variables = saver_bindings;
        plan.notes.push_back("variables/: copied " + ckpt->prefix() + " (" +
                             std::to_string(ckpt->variables().size()) +
                             " entries); the graph's own saver restores " +
                             std::to_string(saver_bindings.size()) + " variables");
      } else {
        plan.variables_mode = ExportPlan::VariablesMode::kWriteBundle;
        plan.variables = write;
        add_saver_for = write;
        std::set<std::string> keys;
        for (const auto& b : write) keys.insert(b.key);
        plan.notes.push_back("variables/: wrote " + std::to_string(keys.size()) + " of " +
                             std::to_string(ckpt->variables().size()) + " checkpoint entries (" +
                             (options.all_variables ? "--all-variables" : "what the signatures need") +
                             "); added a saver restoring " + std::to_string(write.size()) +
                             " variables");
      }
    }
  }

  // Assets.
  if (from_saved_model) {
    std::string extra = JoinPath(source.export_dir, "assets.extra");
    if (IsDirectory(extra)) plan.assets_extra = extra;
    std::string assets = JoinPath(source.export_dir, "assets");
    if (IsDirectory(assets)) plan.assets_dir = assets;
    TFG_ASSIGN_OR_RETURN(plan.assets, AssetsFromSavedModel(*source.meta_graph, source.export_dir,
                                                           &plan.warnings));
  } else if (!init_deps.empty() || mg.collection_def().count("asset_filepaths")) {
    TFG_ASSIGN_OR_RETURN(plan.assets, AssetsFromGraph(source.meta_graph, g, source.model_dir));
    AssignAssetNames(&plan.assets);
    RecordAssets(plan.assets, &mg);
    for (const auto& a : plan.assets) {
      plan.notes.push_back("asset " + a.tensor + " <- " + a.source + " (assets/" + a.filename + ")");
    }
  }

  // Graph edits come last: `g` indexes the graph and must not see them.
  std::vector<std::string> init_names;
  for (int n : init_deps) init_names.push_back(std::string(g.name(n)));
  graph.reset();
  if (clear_saver) mg.clear_saver_def();
  if (!add_saver_for.empty()) {
    TFG_ASSIGN_OR_RETURN(*mg.mutable_saver_def(), AddSaver(mg.mutable_graph_def(), add_saver_for));
  }
  if (!init_names.empty()) {
    std::string name = FreshScope(mg.graph_def(), "saved_model_init");
    auto* init = mg.mutable_graph_def()->add_node();
    init->set_name(name);
    init->set_op("NoOp");
    for (const auto& dep : init_names) init->add_input("^" + dep);
    tensorflow::SignatureDef def;
    (*def.mutable_outputs())[std::string(kInitOpSignatureKey)].set_name(name);
    (*sigs)[std::string(kInitOpSignatureKey)] = def;
    (*mg.mutable_collection_def())[kMainOpCollection].mutable_node_list()->add_value(name);
    plan.notes.push_back("init op '" + name + "' runs " + std::to_string(init_names.size()) +
                         " initializer(s)");
  }
  if (!from_saved_model) CompleteStrippedOpList(registry, &mg);

  // Assemble.
  if (from_saved_model) {
    plan.saved_model = *source.saved_model;
    plan.meta_graph_index = source.meta_graph_index;
    *plan.saved_model.mutable_meta_graphs(source.meta_graph_index) = std::move(mg);
  } else {
    plan.saved_model.set_saved_model_schema_version(1);
    *plan.saved_model.add_meta_graphs() = std::move(mg);
  }
  if (plan.saved_model.ByteSizeLong() >= kProtoLimit) {
    return Status::ResourceExhausted("the SavedModel proto would be " +
                                     std::to_string(plan.saved_model.ByteSizeLong()) +
                                     " bytes, over protobuf's 2 GiB limit");
  }
  return plan;
}

}  // namespace tfgraph
