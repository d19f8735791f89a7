// FreezeForExport (see core/export_frozen.h): export --frozen, built on
// core/freeze (no freezing logic of its own).
#include "core/export_frozen.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "core/checkpoint_reader.h"
#include "core/dtype.h"
#include "core/export_signature.h"
#include "core/export_typing.h"
#include "core/freeze.h"
#include "core/graph.h"
#include "core/mapped_file.h"
#include "core/model.h"
#include "core/op_registry.h"
#include "core/tensor_ref.h"

namespace tfgraph {
namespace {

std::string Canonical(const Graph& g, const ResolvedTensor& t) {
  return std::string(g.name(t.node)) + ":" + std::to_string(t.output);
}

std::string KeyList(const std::map<std::string, tensorflow::SignatureDef>& sigs) {
  std::string out;
  for (const auto& [key, def] : sigs) out += (out.empty() ? "" : ", ") + key;
  return out.empty() ? "(none)" : out;
}

bool Dense(const tensorflow::SignatureDef& def) {
  for (const auto* side : {&def.inputs(), &def.outputs()})
    for (const auto& [k, info] : *side)
      if (info.encoding_case() != tensorflow::TensorInfo::kName) return false;
  return true;
}

// A SavedModel's own signatures, after --drop-signature and
// --rename-signature (checked as PlanExport checks them), into
// options->carried_signatures; groups the user gave win on an equal key.
// TF's reserved keys are left out: PlanExport builds the init op anew.
Status CarryOverSignatures(const tensorflow::MetaGraphDef& meta, ExportOptions* options,
                           std::vector<std::string>* notes) {
  std::map<std::string, tensorflow::SignatureDef> own;
  for (const auto& [key, def] : meta.signature_def())
    if (key != kInitOpSignatureKey && key != kTrainOpSignatureKey) own[key] = def;
  for (const auto& key : options->drop_signatures) {
    if (!own.erase(key)) {
      return Status::NotFound("no signature '" + key + "' to drop; signatures: " + KeyList(own));
    }
    notes->push_back("dropped signature '" + key + "'");
  }
  for (const auto& [from, to] : options->renames) {
    auto it = own.find(from);
    if (it == own.end()) {
      return Status::NotFound("no signature '" + from + "' to rename; signatures: " +
                              KeyList(own));
    }
    if ((own.count(to) && to != from) || to == kInitOpSignatureKey || to == kTrainOpSignatureKey) {
      return Status::InvalidArgument("cannot rename '" + from + "' to '" + to +
                                     "': that signature exists or the key is reserved");
    }
    tensorflow::SignatureDef def = std::move(it->second);
    own.erase(it);
    own[to] = std::move(def);
    notes->push_back("renamed signature '" + from + "' to '" + to + "'");
  }
  options->drop_signatures.clear();
  options->renames.clear();

  std::set<std::string> given;
  for (const auto& s : options->signatures) given.insert(s.key);
  for (auto& [key, def] : own) {
    if (given.count(key)) continue;
    if (!Dense(def)) {
      notes->push_back("signature '" + key + "' is not carried over: it has a sparse or "
                       "composite tensor, which a frozen graph signature cannot express");
      continue;
    }
    options->carried_signatures[key] = std::move(def);
  }
  return Status::OK();
}

// Which inputs freezing may cut at. A cut replaces the tensor by a
// placeholder for the whole graph, so it is made only when every signature
// that computes through that node has exactly this tensor as an input;
// otherwise (a predict signature fed at "x" beside a classify signature that
// computes x from serialized examples) the input is fed where it is, as in a
// plain export, and what lies upstream of it stays in the frozen graph.
std::set<std::string> CuttableInputs(const Graph& g, const std::vector<ResolvedSignature>& sigs) {
  std::vector<std::vector<bool>> closures;
  for (const auto& s : sigs) {
    std::vector<int> outs, ins;
    for (const auto& t : s.outputs) outs.push_back(t.node);
    for (const auto& t : s.inputs) ins.push_back(t.node);
    closures.push_back(BackwardClosure(g, outs, ins));
  }
  std::set<std::string> out;
  for (const auto& s : sigs) {
    for (const auto& t : s.inputs) {
      const std::string name = Canonical(g, t);
      bool ok = true;
      for (size_t i = 0; i < sigs.size() && ok; ++i) {
        if (!closures[i][t.node]) continue;
        ok = std::any_of(sigs[i].inputs.begin(), sigs[i].inputs.end(),
                         [&](const ResolvedTensor& u) { return Canonical(g, u) == name; });
      }
      if (ok) out.insert(name);
    }
  }
  return out;
}

// The checks a plain export makes, on the source graph, so --frozen fails the
// same way; then every tensor becomes its canonical name with an explicit key.
// Returns the inputs freezing may cut at.
StatusOr<std::set<std::string>> CheckAndCanonicalize(
    const Model& model, std::vector<SignatureSpec>* signatures,
    std::map<std::string, tensorflow::SignatureDef>* carried) {
  const tensorflow::GraphDef& gd = model.graph_def();
  TFG_ASSIGN_OR_RETURN(auto graph, Graph::FromGraphDef(gd));
  const Graph& g = *graph;
  OpRegistry registry(&OpRegistry::Global());
  if (model.meta_graph() != nullptr)
    registry.AddUnknownOps(model.meta_graph()->meta_info_def().stripped_op_list());
  registry.AddFunctionSignatures(gd.library());
  TensorTyper typer(g,
                    [&registry](const tensorflow::NodeDef& n) { return registry.OutputTypes(n); });
  // Carried signatures are the source's, kept as TF wrote them: their
  // tensors must exist; the user's rules for new signatures do not apply.
  std::vector<ResolvedSignature> all;
  for (auto& [key, def] : *carried) {
    TFG_ASSIGN_OR_RETURN(ResolvedSignature r, ResolveExistingSignature(g, key, def));
    all.push_back(std::move(r));
    for (auto* side : {def.mutable_inputs(), def.mutable_outputs()}) {
      for (auto& [k, info] : *side) {
        TFG_ASSIGN_OR_RETURN(TensorRef ref, ParseGraphInput(info.name()));
        info.set_name(ref.TensorName());
      }
    }
  }
  for (auto& spec : *signatures) {
    TFG_ASSIGN_OR_RETURN(ResolvedSignature r, ResolveSignature(g, typer, spec));
    TFG_RETURN_IF_ERROR(CheckSignatureGraph(g, r));
    TFG_RETURN_IF_ERROR(CheckMethodConventions(r.key, r.def));
    // ResolveSignature keeps the spec's order, one resolved tensor per item.
    // The dtype is stated too: the frozen graph must agree, and where its
    // typing knows less (inlined function bodies) the source's is used.
    auto pin = [&](const auto& map, const std::vector<ResolvedTensor>& resolved,
                   std::vector<TensorSpec>* items) {
      for (size_t i = 0; i < items->size() && i < resolved.size(); ++i) {
        TensorSpec& item = (*items)[i];
        item.key = resolved[i].key;
        item.tensor = Canonical(g, resolved[i]);
        auto it = map.find(item.key);
        if (it != map.end() && it->second.dtype() != tensorflow::DT_INVALID)
          item.dtype = DTypeName(it->second.dtype());
      }
    };
    pin(r.def.inputs(), r.inputs, &spec.inputs);
    pin(r.def.outputs(), r.outputs, &spec.outputs);
    all.push_back(std::move(r));
  }
  return CuttableInputs(g, all);
}

bool IsPlaceholderOp(const std::string& op) {
  return op == "Placeholder" || op == "PlaceholderV2" || op == "PlaceholderWithDefault";
}

// Freezing keeps what the outputs need, so a signature input that no output
// reads (TF models have them: an unused feed, a label placeholder) is pruned
// away, and clients that feed it would then fail. Such an input is put back
// as the placeholder it was: feeding it works, and it changes nothing.
// Anything else that is missing cannot be put back meaningfully.
Status RestoreUnusedInputs(const tensorflow::GraphDef& source,
                           const std::vector<std::string>& inputs, tensorflow::GraphDef* frozen,
                           std::vector<std::string>* notes) {
  std::set<std::string> present;
  for (const auto& n : frozen->node()) present.insert(n.name());
  std::map<std::string, std::string> missing;  // node -> the tensor that names it
  for (const auto& tensor : inputs) {
    TFG_ASSIGN_OR_RETURN(TensorRef ref, ParseGraphInput(tensor));
    if (present.count(ref.node)) continue;
    if (ref.index != 0) {
      return Status::Unsupported("signature input " + tensor + " is not needed by any output, "
                                 "and freezing removed its node; drop it from the signature");
    }
    missing.emplace(ref.node, tensor);
  }
  for (const auto& n : source.node()) {
    auto it = missing.find(n.name());
    if (it == missing.end()) continue;
    if (!IsPlaceholderOp(n.op())) {
      return Status::Unsupported("signature input " + it->second + " (" + n.op() +
                                 ") is not needed by any output, and freezing removed it; "
                                 "drop it from the signature or feed a placeholder");
    }
    tensorflow::NodeDef* p = frozen->add_node();
    p->set_name(n.name());
    p->set_op("Placeholder");  // a PlaceholderWithDefault's default fed nothing here
    for (const char* key : {"dtype", "shape"}) {
      auto a = n.attr().find(key);
      if (a != n.attr().end()) (*p->mutable_attr())[key] = a->second;
    }
    notes->push_back("kept input " + it->second + " as a placeholder although no output "
                     "reads it, so clients that feed it still work");
    missing.erase(it);
  }
  if (!missing.empty()) {
    return Status::Internal("signature input " + missing.begin()->second +
                            " was neither in the source graph nor kept by freezing");
  }
  return Status::OK();
}

}  // namespace

StatusOr<FrozenSource> FreezeForExport(const Model& model, ExportOptions* options) {
  FrozenSource out;
  if (model.format() == ModelFormat::kCheckpointOnly) {
    return Status::Unsupported(model.path() + ": a checkpoint without a graph cannot be frozen; "
                               "give its .meta file (or a GraphDef with --checkpoint)");
  }
  const tensorflow::SavedModel* sm = model.saved_model();
  if (sm != nullptr && model.meta_graph() != nullptr) {
    if (options->tags.empty()) {
      const auto& tags = model.meta_graph()->meta_info_def().tags();
      options->tags.assign(tags.begin(), tags.end());
    }
    TFG_RETURN_IF_ERROR(CarryOverSignatures(*model.meta_graph(), options, &out.notes));
    if (sm->meta_graphs_size() > 1) {
      out.notes.push_back("--frozen exports one MetaGraph (the selected tag-set); the source's " +
                          std::to_string(sm->meta_graphs_size() - 1) + " other(s) are not kept");
    }
  } else if (!options->renames.empty() || !options->drop_signatures.empty()) {
    const std::string& key = options->renames.empty() ? options->drop_signatures.front()
                                                       : options->renames.front().first;
    return Status::NotFound("no signature '" + key + "' to " +
                            (options->renames.empty() ? "drop" : "rename") + "; " + model.path() +
                            " is not a SavedModel and has no signatures");
  }
  std::vector<SignatureSpec>* signatures = &options->signatures;
  auto* carried = &options->carried_signatures;
  if (signatures->empty() && carried->empty()) {
    return Status::InvalidArgument(model.path() + ": --frozen needs a signature to know what to "
                                   "keep; give --inputs and --outputs");
  }
  TFG_ASSIGN_OR_RETURN(std::set<std::string> cuttable,
                       CheckAndCanonicalize(model, signatures, carried));

  FreezeOptions freeze;
  freeze.clear_devices = true;  // as a plain export does
  std::set<std::string> seen_in, seen_out;
  auto add = [&](const std::string& tensor, bool input) {
    if (!input) {
      if (seen_out.insert(tensor).second) freeze.outputs.push_back(tensor);
    } else if (cuttable.count(tensor) && seen_in.insert(tensor).second) {
      InputSpec in;
      in.name = tensor;  // dtype and shape: the graph's (a stated @DTYPE was checked above)
      freeze.inputs.push_back(std::move(in));
    }
  };
  for (const auto& sig : *signatures) {
    for (const auto& t : sig.outputs) add(t.tensor, false);
    for (const auto& t : sig.inputs) add(t.tensor, true);
  }
  for (const auto& [key, def] : *carried) {
    for (const auto& [k, info] : def.outputs()) add(info.name(), false);
    for (const auto& [k, info] : def.inputs()) add(info.name(), true);
  }
  std::unique_ptr<VariableStore> store;
  if (!model.checkpoint_prefix().empty()) {
    TFG_ASSIGN_OR_RETURN(std::shared_ptr<CheckpointReader> reader, model.checkpoint());
    if (reader) store = MakeCheckpointStore(reader);
  }
  FreezeSource src;
  src.graph = &model.graph_def();
  src.meta = model.meta_graph();
  src.values = store.get();
  src.export_dir = model.export_dir();
  auto frozen = Freeze(src, freeze);
  if (!frozen.ok()) return frozen.status().WithPrefix(model.path() + ": --frozen");

  // Inputs fed through a new placeholder are named by it in the signatures.
  std::map<std::string, std::string> renamed(frozen->renamed_inputs.begin(),
                                             frozen->renamed_inputs.end());
  for (auto& sig : *signatures) {
    for (auto* side : {&sig.inputs, &sig.outputs}) {
      for (auto& t : *side) {
        if (auto it = renamed.find(t.tensor); it != renamed.end()) t.tensor = it->second + ":0";
      }
    }
  }
  for (auto& [key, def] : *carried) {
    for (auto* side : {def.mutable_inputs(), def.mutable_outputs()}) {
      for (auto& [k, info] : *side) {
        if (auto it = renamed.find(info.name()); it != renamed.end())
          info.set_name(it->second + ":0");
      }
    }
  }

  out.graph = std::make_unique<tensorflow::GraphDef>();
  TFG_RETURN_IF_ERROR(MaterializeFrozenGraph(frozen->graph, frozen->values, out.graph.get()));
  std::vector<std::string> input_tensors;
  for (const auto& sig : *signatures)
    for (const auto& t : sig.inputs) input_tensors.push_back(t.tensor);
  for (const auto& [key, def] : *carried)
    for (const auto& [k, info] : def.inputs()) input_tensors.push_back(info.name());
  TFG_RETURN_IF_ERROR(
      RestoreUnusedInputs(model.graph_def(), input_tensors, out.graph.get(), &out.notes)
          .WithPrefix(model.path() + ": --frozen"));
  out.notes.push_back("froze " + std::to_string(frozen->variables.size()) + " variable(s) (" +
                      std::to_string(frozen->variable_bytes) + " bytes) into constants; the " +
                      "frozen graph has " + std::to_string(frozen->nodes_out) + " nodes (the " +
                      "source " + std::to_string(frozen->nodes_in) + ")");
  for (const auto& n : frozen->notes) out.notes.push_back("freeze: " + n);
  out.warnings = frozen->warnings;
  out.source.kind = ExportSource::Kind::kGraphDef;
  out.source.graph = out.graph.get();
  out.source.path = model.path();
  out.source.model_dir = Dirname(model.graph_path().empty() ? model.path() : model.graph_path());
  return out;
}

}  // namespace tfgraph
