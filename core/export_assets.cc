#include "core/export_assets.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <map>
#include <set>

#include "core/atomic_file.h"
#include "core/mapped_file.h"
#include "core/tensor_ref.h"
#include "tensorflow/attr_value.pb.h"

namespace tfgraph {
namespace {

constexpr const char* kAssetsCollection = "saved_model_assets";
constexpr const char* kAssetFileDefType = "type.googleapis.com/tensorflow.AssetFileDef";

StatusOr<std::string> RealPath(const std::string& path) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) return Status::FromErrno(path, errno);
  return std::string(buf);
}

bool Inside(const std::string& path, const std::string& root) {
  return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                          (root.back() == '/' || path[root.size()] == '/'));
}

// The string value of a scalar string Const, through Identity nodes.
bool ConstString(const Graph& g, int node, std::string* out) {
  for (int hops = 0; hops < 16 && node >= 0; ++hops) {
    std::string_view op = g.op(node);
    if (op == "Identity") {
      const auto& ins = g.node(node).inputs;
      if (ins.empty() || ins[0].control) return false;
      node = ins[0].node;
      continue;
    }
    if (op != "Const") return false;
    const auto& attrs = g.node(node).def->attr();
    auto it = attrs.find("value");
    if (it == attrs.end() || !it->second.has_tensor()) return false;
    const auto& t = it->second.tensor();
    if (t.dtype() != tensorflow::DT_STRING || t.string_val_size() != 1) return false;
    *out = t.string_val(0);
    return true;
  }
  return false;
}

StatusOr<std::string> FindSourceFile(const std::string& baked, const std::string& model_dir,
                                     const std::string& tensor) {
  std::vector<std::string> tried;
  // The path baked in at training time first; then, since training folders
  // move, the file's name beside the model and in its assets/ folder.
  const bool absolute = !baked.empty() && baked[0] == '/';
  if (absolute) tried.push_back(baked);
  if (!model_dir.empty()) {
    if (!absolute) tried.push_back(JoinPath(model_dir, baked));
    tried.push_back(JoinPath(model_dir, Basename(baked)));
    tried.push_back(JoinPath(JoinPath(model_dir, "assets"), Basename(baked)));
  }
  if (!absolute) tried.push_back(baked);
  for (const auto& p : tried) {
    if (IsRegularFile(p)) return p;
  }
  std::string where;
  for (const auto& p : tried) where += (where.empty() ? "" : ", ") + p;
  return Status::NotFound("asset file '" + baked + "' (read by tensor " + tensor +
                          ") not found; looked at " + where);
}

}  // namespace

Status CheckAssetFilename(std::string_view name) {
  if (name.empty()) return Status::Corruption("empty asset file name");
  if (name == "." || name == ".." || name.find('/') != std::string_view::npos ||
      name.find('\\') != std::string_view::npos || name.find('\0') != std::string_view::npos) {
    return Status::Corruption("asset file name '" + std::string(name) +
                              "' is not a plain file name (it could point outside assets/)");
  }
  return Status::OK();
}

Status CheckAssetSource(const std::string& path, const std::string& root) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Status::FromErrno(path, errno);
  if (!S_ISREG(st.st_mode)) return Status::Corruption(path + ": asset is not a regular file");
  if (!root.empty()) TFG_RETURN_IF_ERROR(CheckInsideRoot(path, root));
  return Status::OK();
}

Status CheckInsideRoot(const std::string& path, const std::string& root) {
  TFG_ASSIGN_OR_RETURN(std::string real, RealPath(path));
  TFG_ASSIGN_OR_RETURN(std::string real_root, RealPath(root));
  if (!Inside(real, real_root)) {
    return Status::Corruption(path + ": resolves (through a symlink) to " + real +
                              ", outside the SavedModel folder " + root + "; refusing to copy it");
  }
  return Status::OK();
}

StatusOr<std::vector<ExportAsset>> AssetsFromSavedModel(const tensorflow::MetaGraphDef& meta,
                                                        const std::string& export_dir,
                                                        std::vector<std::string>* warnings) {
  std::vector<tensorflow::AssetFileDef> defs(meta.asset_file_def().begin(),
                                             meta.asset_file_def().end());
  if (defs.empty()) {
    auto it = meta.collection_def().find(kAssetsCollection);
    if (it != meta.collection_def().end() && it->second.has_any_list()) {
      for (const auto& any : it->second.any_list().value()) {
        tensorflow::AssetFileDef def;
        if (!any.UnpackTo(&def)) {
          return Status::Corruption(export_dir + ": collection saved_model_assets holds an "
                                    "entry that is not an AssetFileDef");
        }
        defs.push_back(def);
      }
    }
  }
  std::vector<ExportAsset> out;
  const std::string assets_dir = JoinPath(export_dir, "assets");
  for (const auto& def : defs) {
    TFG_RETURN_IF_ERROR(CheckAssetFilename(def.filename()).WithPrefix(export_dir));
    ExportAsset a;
    a.tensor = def.tensor_info().name();
    a.source = JoinPath(assets_dir, def.filename());
    a.filename = def.filename();
    struct stat st;
    if (::lstat(a.source.c_str(), &st) != 0 && errno == ENOENT) {
      warnings->push_back("asset " + a.tensor + " names " + a.source + ", which is missing; "
                          "the export lists it too (as the source does), without the file");
      continue;
    }
    TFG_RETURN_IF_ERROR(CheckAssetSource(a.source, export_dir));
    out.push_back(std::move(a));
  }
  return out;
}

StatusOr<std::vector<ExportAsset>> AssetsFromGraph(const tensorflow::MetaGraphDef* meta,
                                                   const Graph& graph,
                                                   const std::string& model_dir) {
  std::vector<std::pair<std::string, int>> tensors;  // tensor name, node
  if (meta != nullptr) {
    auto it = meta->collection_def().find("asset_filepaths");
    if (it != meta->collection_def().end() && it->second.has_node_list()) {
      for (const auto& name : it->second.node_list().value()) {
        auto ref = ParseGraphInput(name);
        int node = ref.ok() ? graph.Find(ref->node) : -1;
        if (node < 0) {
          return Status::NotFound("collection asset_filepaths names '" + name +
                                  "', which is not in the graph");
        }
        tensors.emplace_back(ref->TensorName(), node);
      }
    }
  }
  if (tensors.empty()) {
    std::set<int> seen;
    for (int i = 0; i < graph.size(); ++i) {
      std::string_view op = graph.op(i);
      if (op != "InitializeTableFromTextFile" && op != "InitializeTableFromTextFileV2") continue;
      const auto& ins = graph.node(i).inputs;
      if (ins.size() < 2 || ins[1].node < 0) continue;
      int node = ins[1].node;
      // Through Identity to the Const that holds the path.
      while (graph.op(node) == "Identity" && !graph.node(node).inputs.empty() &&
             graph.node(node).inputs[0].node >= 0) {
        node = graph.node(node).inputs[0].node;
      }
      if (graph.op(node) != "Const" || !seen.insert(node).second) continue;
      tensors.emplace_back(std::string(graph.name(node)) + ":0", node);
    }
  }
  std::vector<ExportAsset> out;
  for (const auto& [tensor, node] : tensors) {
    std::string baked;
    if (!ConstString(graph, node, &baked)) {
      return Status::Unsupported("asset tensor " + tensor +
                                 " is not a constant string, so its file cannot be found");
    }
    ExportAsset a;
    a.tensor = tensor;
    TFG_ASSIGN_OR_RETURN(a.source, FindSourceFile(baked, model_dir, tensor));
    TFG_RETURN_IF_ERROR(CheckAssetSource(a.source, ""));
    a.filename = Basename(baked);
    out.push_back(std::move(a));
  }
  return out;
}

void AssignAssetNames(std::vector<ExportAsset>* assets) {
  std::map<std::string, std::string> by_source;  // real source -> name
  std::set<std::string> used;
  for (auto& a : *assets) {
    auto real = RealPath(a.source);
    std::string id = real.ok() ? *real : a.source;
    auto it = by_source.find(id);
    if (it != by_source.end()) {
      a.filename = it->second;
      continue;
    }
    std::string base = CheckAssetFilename(a.filename).ok() ? a.filename : "asset";
    std::string name = base;
    for (int i = 1; used.count(name); ++i) {
      auto dot = base.rfind('.');
      name = dot == std::string::npos || dot == 0
                 ? base + "_" + std::to_string(i)
                 : base.substr(0, dot) + "_" + std::to_string(i) + base.substr(dot);
    }
    used.insert(name);
    by_source[id] = name;
    a.filename = name;
  }
}

void RecordAssets(const std::vector<ExportAsset>& assets, tensorflow::MetaGraphDef* meta) {
  meta->clear_asset_file_def();
  std::vector<tensorflow::AssetFileDef> defs;
  for (const auto& a : assets) {
    tensorflow::AssetFileDef def;
    def.mutable_tensor_info()->set_name(a.tensor);
    def.set_filename(a.filename);
    *meta->add_asset_file_def() = def;
    defs.push_back(def);
  }
  auto* colls = meta->mutable_collection_def();
  auto it = colls->find(kAssetsCollection);
  if (it != colls->end()) {
    auto* list = it->second.mutable_any_list();
    list->Clear();
    for (const auto& def : defs) {
      auto* any = list->add_value();
      any->set_type_url(kAssetFileDefType);
      any->set_value(def.SerializeAsString());
    }
  }
}

Status CopyFile(const std::string& from, const std::string& to) {
  TFG_ASSIGN_OR_RETURN(auto src, MappedFile::Open(from));
  TFG_ASSIGN_OR_RETURN(auto out, AtomicFile::Open(to, false));
  TFG_RETURN_IF_ERROR(out->Append(src->data()));
  return out->Commit();
}

Status CopyAssets(const std::vector<ExportAsset>& assets, const std::string& export_dir) {
  if (assets.empty()) return Status::OK();
  const std::string dir = JoinPath(export_dir, "assets");
  TFG_RETURN_IF_ERROR(MakeDirs(dir));
  std::set<std::string> done;
  for (const auto& a : assets) {
    TFG_RETURN_IF_ERROR(CheckAssetFilename(a.filename));
    if (!done.insert(a.filename).second) continue;
    TFG_RETURN_IF_ERROR(CopyFile(a.source, JoinPath(dir, a.filename)));
  }
  return Status::OK();
}

}  // namespace tfgraph
