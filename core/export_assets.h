// Export assets: the files (vocabularies) a SavedModel carries in assets/.
//
// A TF1 graph reads an asset through a string tensor holding its path (the
// Const that a TextFileInitializer's filename comes from). The SavedModel
// lists each such tensor in MetaGraphDef.asset_file_def with a file name
// under assets/, and TF's loaders feed "<export>/assets/<filename>" into the
// tensor before running the init op, so the baked-in training path is never
// used. Sources of the list:
//   - a SavedModel: its asset_file_def, else the `saved_model_assets`
//     collection (TF1 Builder), files read from <export>/assets/;
//   - a training graph: the `asset_filepaths` collection, else the string
//     Consts that InitializeTableFromTextFile(V2) nodes read their filename
//     from; the baked-in path is tried (relative: beside the model), then the
//     file's name beside the model and in its assets/ folder (training folders
//     move), then a relative path in the current directory.
//
// Safety: an asset name never leaves the export folder. Names must be a
// single path component (no '/', no "..", not absolute, no NUL). A source
// file must be a regular file; a source under a SavedModel must resolve
// (symlinks followed) to a path inside that SavedModel. Copies are plain
// files, never links. Two different files wanting one name get `_1`, `_2`
// suffixes; one file used by several tensors is copied once.
#ifndef TFGRAPH_CORE_EXPORT_ASSETS_H_
#define TFGRAPH_CORE_EXPORT_ASSETS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/graph.h"
#include "core/status.h"
#include "tensorflow/meta_graph.pb.h"

namespace tfgraph {

struct ExportAsset {
  std::string tensor;    // "asset_path:0"
  std::string source;    // the file to copy
  std::string filename;  // its name under assets/
};

// OK if `name` is one safe path component.
Status CheckAssetFilename(std::string_view name);

// Regular file; when `root` is non-empty its real path must lie inside root.
Status CheckAssetSource(const std::string& path, const std::string& root);

// OK if `path`, symlinks followed, lies inside `root` (symlinks followed too).
Status CheckInsideRoot(const std::string& path, const std::string& root);

// The assets a SavedModel's MetaGraph lists, each checked to be a safe name
// and a regular file inside the folder. One listed but absent from assets/ is
// left out with a warning, not an error: TF's loaders only pass asset paths
// to the graph, so such a model loads (and fails only if an op opens it).
StatusOr<std::vector<ExportAsset>> AssetsFromSavedModel(const tensorflow::MetaGraphDef& meta,
                                                        const std::string& export_dir,
                                                        std::vector<std::string>* warnings);

StatusOr<std::vector<ExportAsset>> AssetsFromGraph(const tensorflow::MetaGraphDef* meta,
                                                   const Graph& graph,
                                                   const std::string& model_dir);

// Picks unique output names (keeping each basename where possible).
void AssignAssetNames(std::vector<ExportAsset>* assets);

// Lists the assets in meta.asset_file_def (replacing what was there) and, if
// the meta graph has a `saved_model_assets` collection, rewrites it to match.
void RecordAssets(const std::vector<ExportAsset>& assets, tensorflow::MetaGraphDef* meta);

// Copies each asset once into <export_dir>/assets/.
Status CopyAssets(const std::vector<ExportAsset>& assets, const std::string& export_dir);

// Copies a regular file (contents only; the destination must not exist).
Status CopyFile(const std::string& from, const std::string& to);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_EXPORT_ASSETS_H_
