// Model accessors. Loading lives in model_loader.cc.
#include "core/model.h"

#include <algorithm>

#include "core/attr_format.h"
#include "core/checkpoint_reader.h"
#include "core/suggest.h"

namespace tfgraph {

const char* FormatName(ModelFormat f) {
  switch (f) {
    case ModelFormat::kGraphDef: return "graphdef";
    case ModelFormat::kGraphDefText: return "graphdef_text";
    case ModelFormat::kMetaGraph: return "meta_graph";
    case ModelFormat::kCheckpoint: return "checkpoint";
    case ModelFormat::kCheckpointOnly: return "checkpoint_only";
    case ModelFormat::kSavedModel: return "saved_model";
    case ModelFormat::kSessionBundle: return "session_bundle";
  }
  return "unknown";
}

namespace {

SignatureTensor ToSignatureTensor(const std::string& key, const tensorflow::TensorInfo& info) {
  SignatureTensor t;
  t.key = key;
  if (info.has_coo_sparse()) {
    const auto& sp = info.coo_sparse();
    t.encoding = "coo_sparse";
    t.components = {sp.values_tensor_name(), sp.indices_tensor_name(),
                    sp.dense_shape_tensor_name()};
  } else if (info.has_composite_tensor()) {
    t.encoding = "composite_tensor";
    for (const auto& c : info.composite_tensor().components()) t.components.push_back(c.name());
  } else {
    t.name = info.name();
  }
  if (!t.encoding.empty() && !t.components.empty()) t.name = t.components.front();
  t.dtype = info.dtype();
  t.shape = ShapeDims(info.tensor_shape());
  return t;
}

}  // namespace

std::vector<Signature> SignaturesOf(const tensorflow::MetaGraphDef& meta_graph,
                                    bool include_internal) {
  std::vector<Signature> out;
  for (const auto& [key, def] : meta_graph.signature_def()) {
    // Init and train ops are stored as pseudo-signatures; they are not APIs.
    if (!include_internal && key.rfind("__saved_model_", 0) == 0) continue;
    Signature s;
    s.key = key;
    s.method = def.method_name();
    for (const auto& [k, info] : def.inputs()) s.inputs.push_back(ToSignatureTensor(k, info));
    for (const auto& [k, info] : def.outputs()) s.outputs.push_back(ToSignatureTensor(k, info));
    auto by_key = [](const SignatureTensor& a, const SignatureTensor& b) { return a.key < b.key; };
    std::sort(s.inputs.begin(), s.inputs.end(), by_key);
    std::sort(s.outputs.begin(), s.outputs.end(), by_key);
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(),
            [](const Signature& a, const Signature& b) { return a.key < b.key; });
  return out;
}

Model::~Model() = default;

bool Model::is_tf2() const {
  return format_ == ModelFormat::kSavedModel && meta_graph_ != nullptr &&
         meta_graph_->has_object_graph_def() && meta_graph_->object_graph_def().nodes_size() > 0;
}

std::vector<std::vector<std::string>> Model::tag_sets() const {
  std::vector<std::vector<std::string>> out;
  if (saved_model_) {
    for (const auto& mg : saved_model_->meta_graphs()) {
      const auto& tags = mg.meta_info_def().tags();
      out.emplace_back(tags.begin(), tags.end());
    }
  } else if (meta_graph_ && meta_graph_->meta_info_def().tags_size() > 0) {
    const auto& tags = meta_graph_->meta_info_def().tags();
    out.emplace_back(tags.begin(), tags.end());
  }
  return out;
}

int Model::function_count() const { return graph_def_->library().function_size(); }

const tensorflow::FunctionDef* Model::FindFunction(std::string_view name) const {
  for (const auto& f : graph_def_->library().function())
    if (f.signature().name() == name) return &f;
  return nullptr;
}

StatusOr<const Graph*> Model::FunctionGraph(std::string_view name) const {
  auto it = function_graphs_.find(name);
  if (it != function_graphs_.end()) return static_cast<const Graph*>(it->second.get());
  const tensorflow::FunctionDef* f = FindFunction(name);
  if (!f) {
    std::string msg = "no function '" + std::string(name) + "' in the graph's library";
    if (function_count() == 0) {
      msg += " (the library is empty)";
    } else {
      std::vector<std::string_view> names;
      for (const auto& fn : graph_def_->library().function()) names.push_back(fn.signature().name());
      msg += DidYouMean(ClosestNames(name, names));
    }
    return Status::NotFound(msg);
  }
  auto g = Graph::FromFunction(*f);
  if (!g.ok()) return g.status().WithPrefix(graph_path_ + ": function '" + std::string(name) + "'");
  const Graph* raw = g->get();
  function_graphs_.emplace(std::string(name), std::move(g).value());
  return raw;
}

std::string Model::tensorflow_version() const {
  return meta_graph_ ? meta_graph_->meta_info_def().tensorflow_version() : std::string();
}

int Model::graph_producer() const { return graph_def_->versions().producer(); }

StatusOr<std::shared_ptr<CheckpointReader>> Model::checkpoint() const {
  if (!checkpoint_status_.ok()) return checkpoint_status_;
  return checkpoint_;  // null when the model has no checkpoint
}

}  // namespace tfgraph
