// WriteExport: puts an ExportPlan on disk (see core/export.h).
#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <set>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "core/atomic_file.h"
#include "core/bundle_writer.h"
#include "core/checkpoint_path.h"
#include "core/checkpoint_reader.h"
#include "core/export.h"
#include "core/mapped_file.h"

namespace tfgraph {
namespace {

// Copies the regular files and folders below `from` into `to` (created).
// Symlinks are followed only when they resolve inside `root`; anything else
// (sockets, devices, links out of the source model) is refused. `from` itself
// is checked too: a model's assets/ (or variables/) may be a symlink to a
// folder elsewhere, whose files must not be copied into the export.
Status CopyTree(const std::string& from, const std::string& to, const std::string& root) {
  TFG_RETURN_IF_ERROR(CheckInsideRoot(from, root));
  TFG_RETURN_IF_ERROR(MakeDirs(to));
  DIR* d = ::opendir(from.c_str());
  if (d == nullptr) return Status::FromErrno(from, errno);
  std::vector<std::string> names;
  while (struct dirent* e = ::readdir(d)) {
    if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
    names.emplace_back(e->d_name);
  }
  ::closedir(d);
  for (const auto& name : names) {
    std::string src = JoinPath(from, name);
    struct stat st;
    if (::lstat(src.c_str(), &st) != 0) return Status::FromErrno(src, errno);
    if (S_ISLNK(st.st_mode) || S_ISREG(st.st_mode)) {
      if (S_ISLNK(st.st_mode)) {
        TFG_RETURN_IF_ERROR(CheckAssetSource(src, root));
      }
      if (IsDirectory(src)) {
        TFG_RETURN_IF_ERROR(CopyTree(src, JoinPath(to, name), root));
      } else {
        TFG_RETURN_IF_ERROR(CopyFile(src, JoinPath(to, name)));
      }
    } else if (S_ISDIR(st.st_mode)) {
      TFG_RETURN_IF_ERROR(CopyTree(src, JoinPath(to, name), root));
    } else {
      return Status::Corruption(src + ": not a regular file or folder; refusing to copy it");
    }
  }
  return Status::OK();
}

Status WriteProto(const google::protobuf::Message& msg, const std::string& path) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);  // what TF's SavedModel writer does
    if (!msg.SerializeToCodedStream(&coded)) {
      return Status::Internal(path + ": could not serialize " + msg.GetTypeName());
    }
  }
  return WriteFileAtomically(path, bytes, false);
}

Status CopyBundle(const CheckpointReader& ckpt, const std::string& prefix) {
  TFG_RETURN_IF_ERROR(CopyFile(ckpt.prefix() + ".index", prefix + ".index"));
  int shards = ckpt.num_shards();
  for (int i = 0; i < shards; ++i) {
    TFG_RETURN_IF_ERROR(CopyFile(DataFileName(ckpt.prefix(), i, shards),
                                 DataFileName(prefix, i, shards)));
  }
  return Status::OK();
}

Status WriteBundle(const CheckpointReader& ckpt, const std::vector<SaverBinding>& vars,
                   const std::string& prefix) {
  TFG_ASSIGN_OR_RETURN(auto writer, BundleWriter::Create(prefix));
  std::set<std::string> done;
  for (const auto& v : vars) {
    // Partitioned parts share one key: the full tensor is stored once and TF
    // restores each part's slice out of it.
    if (!done.insert(v.key).second) continue;
    TFG_ASSIGN_OR_RETURN(Tensor t, ckpt.Read(v.key));
    TFG_RETURN_IF_ERROR(writer->Add(v.key, t));
  }
  return writer->Finish();
}

}  // namespace

Status WriteExport(const ExportPlan& plan, bool force) {
  TFG_ASSIGN_OR_RETURN(auto dir, AtomicDir::Create(plan.destination, force));
  const std::string& root = dir->path();
  TFG_RETURN_IF_ERROR(WriteProto(plan.saved_model, JoinPath(root, "saved_model.pb")));

  const std::string vars = JoinPath(root, "variables");
  const std::string prefix = JoinPath(vars, "variables");
  switch (plan.variables_mode) {
    case ExportPlan::VariablesMode::kNone:
      TFG_RETURN_IF_ERROR(MakeDirs(vars));
      break;
    case ExportPlan::VariablesMode::kCopyDir:
      TFG_RETURN_IF_ERROR(CopyTree(plan.variables_source, vars, Dirname(plan.variables_source)));
      break;
    case ExportPlan::VariablesMode::kCopyBundle:
      TFG_RETURN_IF_ERROR(MakeDirs(vars));
      TFG_RETURN_IF_ERROR(CopyBundle(*plan.checkpoint, prefix));
      break;
    case ExportPlan::VariablesMode::kWriteBundle:
      TFG_RETURN_IF_ERROR(MakeDirs(vars));
      TFG_RETURN_IF_ERROR(WriteBundle(*plan.checkpoint, plan.variables, prefix));
      break;
  }
  if (!plan.assets_dir.empty()) {
    // Carried over from a SavedModel: every MetaGraph may use any asset.
    TFG_RETURN_IF_ERROR(
        CopyTree(plan.assets_dir, JoinPath(root, "assets"), Dirname(plan.assets_dir)));
  } else {
    TFG_RETURN_IF_ERROR(CopyAssets(plan.assets, root));
  }
  if (!plan.assets_extra.empty()) {
    TFG_RETURN_IF_ERROR(
        CopyTree(plan.assets_extra, JoinPath(root, "assets.extra"), Dirname(plan.assets_extra)));
  }
  return dir->Commit();
}

}  // namespace tfgraph
