// Model::Load: from a user-given path to a loaded Model.
//
// The path is routed by what exists on disk and by content, in this order:
//   folder  -> saved_model.pb(.pbtxt) | export.meta (SessionBundle) |
//              `checkpoint` state file | numeric version folders (highest) |
//              checkpoint files (*.meta / *.index) | a single graph file;
//   file    -> by name: state file, checkpoint .index/.data/.meta,
//              saved_model.pb(.pbtxt); then by content: checkpoint table (V1),
//              text state file, or whichever of SavedModel / MetaGraphDef /
//              GraphDef the bytes are;
//   neither -> a checkpoint prefix.
// Everything found wrong on the way is a warning when the model is still
// usable, else the one-line Status that Load returns.
#include <algorithm>
#include <cctype>
#include <set>

#include "core/checkpoint_files.h"
#include "core/checkpoint_reader.h"
#include "core/dir_list.h"
#include "core/mapped_file.h"
#include "core/model.h"
#include "core/op_registry.h"
#include "core/proto_io.h"
#include "core/sniff.h"
#include "core/variables.h"
#include "tensorflow/fingerprint.pb.h"

namespace tfgraph {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Numeric comparison of digit strings of any length ("00000124" > "123").
bool VersionLess(const std::string& a, const std::string& b) {
  auto strip = [](const std::string& s) {
    size_t i = 0;
    while (i + 1 < s.size() && s[i] == '0') ++i;
    return s.substr(i);
  };
  std::string x = strip(a), y = strip(b);
  if (x.size() != y.size()) return x.size() < y.size();
  return x < y;
}

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string s;
  for (const auto& t : tags) s += (s.empty() ? "" : ",") + t;
  return s;
}

std::vector<std::string> SplitTags(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string t = text.substr(start, comma - start);
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
    size_t lead = 0;
    while (lead < t.size() && std::isspace(static_cast<unsigned char>(t[lead]))) ++lead;
    t = t.substr(lead);
    if (!t.empty()) out.push_back(t);
    start = comma + 1;
  }
  return out;
}

std::set<std::string> TagSet(const tensorflow::MetaGraphDef& mg) {
  const auto& t = mg.meta_info_def().tags();
  return std::set<std::string>(t.begin(), t.end());
}

// A file's name suggests what it should hold; content decides.
ProtoKind HintFromName(std::string_view name) {
  if (name == "saved_model.pb" || name == "saved_model.pbtxt") return ProtoKind::kSavedModel;
  if (EndsWith(name, ".meta")) return ProtoKind::kMetaGraph;
  if (EndsWith(name, ".pb") || EndsWith(name, ".pbtxt") || EndsWith(name, ".graphdef"))
    return ProtoKind::kGraphDef;
  return ProtoKind::kUnknown;
}

// A text CheckpointState starts with one of its two path fields.
bool IsCheckpointStateText(std::string_view data) {
  size_t i = 0;
  while (i < data.size() && std::isspace(static_cast<unsigned char>(data[i]))) ++i;
  std::string_view rest = data.substr(i);
  return rest.rfind("model_checkpoint_path", 0) == 0 ||
         rest.rfind("all_model_checkpoint_paths", 0) == 0;
}

// Files a user may have meant when a folder holds no model itself.
bool IsGraphFileName(std::string_view n) {
  return EndsWith(n, ".pb") || EndsWith(n, ".pbtxt") || EndsWith(n, ".graphdef");
}

}  // namespace

class ModelLoader {
 public:
  ModelLoader(const std::string& path, const LoadOptions& options)
      : model_(new Model()), options_(options) {
    model_->path_ = path;
  }

  StatusOr<std::unique_ptr<Model>> Run() {
    QuietProtobufLogging();
    std::string path = model_->path_;
    if (path.empty()) return Status::InvalidArgument("empty model path");
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    Status st = LoadPath(path, /*depth=*/0);
    // NotFound is reserved for "no such tag-set"; a missing file is a model
    // that cannot be read.
    if (st.code() == Status::Code::kNotFound && !tag_set_missing_)
      st = Status::IOError(st.message());
    TFG_RETURN_IF_ERROR(st);
    TFG_RETURN_IF_ERROR(AttachCheckpointOption());
    TFG_RETURN_IF_ERROR(Finish());
    return std::move(model_);
  }

 private:
  Status LoadPath(const std::string& path, int depth) {
    if (IsDirectory(path)) return LoadDirectory(path, depth);
    if (PathExists(path)) {
      if (!IsRegularFile(path)) return Status::IOError(path + ": not a regular file or folder");
      return LoadFile(path);
    }
    // A checkpoint prefix is not a file of its own.
    if (CheckpointExists(path)) return LoadCheckpoint(ResolvedCheckpoint{path, {}});
    if (model_->path_.size() > 1 && model_->path_.back() == '/' && CheckpointExists(path + "/"))
      return LoadCheckpoint(ResolvedCheckpoint{path + "/", {}});
    return Status::IOError(path + ": no such file, folder or checkpoint prefix");
  }

  Status LoadDirectory(const std::string& dir, int depth) {
    const std::string pb = JoinPath(dir, "saved_model.pb");
    const std::string pbtxt = JoinPath(dir, "saved_model.pbtxt");
    if (IsRegularFile(pb) || IsRegularFile(pbtxt)) return LoadSavedModel(dir);
    if (IsRegularFile(JoinPath(dir, "saved_model.cpb"))) {
      return Status::Unsupported(JoinPath(dir, "saved_model.cpb") +
                                 ": chunked SavedModel (graphs over 2 GiB) is not supported");
    }
    if (IsRegularFile(JoinPath(dir, "export.meta"))) return LoadSessionBundle(dir);
    const std::string state = JoinPath(dir, "checkpoint");
    if (IsRegularFile(state)) {
      TFG_ASSIGN_OR_RETURN(auto resolved, ResolveCheckpointState(state));
      return LoadCheckpoint(resolved);
    }
    TFG_ASSIGN_OR_RETURN(auto names, ListDirectory(dir));

    // TF Serving layout: numeric version folders, the highest is served.
    std::vector<std::string> versions;
    for (const auto& n : names)
      if (AllDigits(n) && IsDirectory(JoinPath(dir, n))) versions.push_back(n);
    if (!versions.empty() && depth == 0) {
      std::sort(versions.begin(), versions.end(), VersionLess);
      const std::string& pick = versions.back();
      if (versions.size() > 1) {
        std::string list;
        for (const auto& v : versions) list += (list.empty() ? "" : ", ") + v;
        Note(std::to_string(versions.size()) + " version folders (" + list +
             "); loaded the highest, " + pick);
      } else {
        Note("loaded version folder " + pick);
      }
      return LoadPath(JoinPath(dir, pick), depth + 1);
    }

    auto prefixes = FindPrefixesInDirectory(dir);
    std::vector<std::string> metas;
    for (const auto& n : names)
      if (EndsWith(n, ".meta") && IsRegularFile(JoinPath(dir, n))) metas.push_back(n);
    if (!prefixes.empty()) {
      ResolvedCheckpoint r{prefixes.back(), {}};
      if (prefixes.size() > 1) {
        Note(std::to_string(prefixes.size()) + " checkpoints and no `checkpoint` state file; " +
             "loaded '" + Basename(r.prefix) + "' (highest step)");
      }
      return LoadCheckpoint(r);
    }
    if (metas.size() == 1) return LoadFile(JoinPath(dir, metas[0]));

    std::vector<std::string> graphs;
    for (const auto& n : names)
      if (IsGraphFileName(n) && IsRegularFile(JoinPath(dir, n))) graphs.push_back(n);
    if (graphs.size() == 1) {
      Note("loaded " + graphs[0] + ", the only graph file in the folder");
      return LoadFile(JoinPath(dir, graphs[0]));
    }
    std::string hint;
    if (graphs.size() + metas.size() > 1) {
      for (const auto& g : metas) hint += (hint.empty() ? "" : ", ") + g;
      for (const auto& g : graphs) hint += (hint.empty() ? "" : ", ") + g;
      return Status::Unsupported(dir + ": holds several graph files (" + hint +
                                     "); give one of them");
    }
    for (const auto& n : names) {
      std::string sub = JoinPath(dir, n);
      if (!IsDirectory(sub)) continue;
      if (IsRegularFile(JoinPath(sub, "saved_model.pb")) ||
          IsRegularFile(JoinPath(sub, "saved_model.pbtxt")) ||
          IsRegularFile(JoinPath(sub, "export.meta")) ||
          IsRegularFile(JoinPath(sub, "checkpoint"))) {
        hint += (hint.empty() ? "" : ", ") + sub;
      }
    }
    if (!hint.empty()) {
      return Status::Corruption(dir + ": no model in this folder itself; try " + hint);
    }
    return Status::Corruption(dir + ": no TensorFlow model here (no saved_model.pb, "
                              "export.meta, `checkpoint` file, .meta, .index or .pb files)");
  }

  Status LoadFile(const std::string& file) {
    const std::string name = Basename(file);
    if (name == "checkpoint") {
      TFG_ASSIGN_OR_RETURN(auto resolved, ResolveCheckpointState(file));
      return LoadCheckpoint(resolved);
    }
    if (name == "saved_model.pb" || name == "saved_model.pbtxt") {
      return LoadSavedModel(Dirname(file), file);
    }
    // Any file of a V2 checkpoint but the .meta stands for the checkpoint.
    const std::string prefix = PrefixOfCheckpointFile(file);
    if (EndsWith(name, ".index") || (!prefix.empty() && name.find(".data-") != std::string::npos)) {
      return LoadCheckpoint(ResolvedCheckpoint{prefix, {}});
    }
    TFG_ASSIGN_OR_RETURN(auto mapped, MappedFile::Open(file));
    std::string_view data = mapped->data();
    FileKind kind = SniffContent(data);
    if (kind == FileKind::kTable) {
      // A V1 checkpoint (the table file is the prefix itself, or a shard).
      std::string v1 = prefix;
      if (v1.empty() || !CheckpointExists(v1)) v1 = file;
      return LoadCheckpoint(ResolvedCheckpoint{v1, {}});
    }
    if (kind == FileKind::kTextProto && IsCheckpointStateText(data)) {
      TFG_ASSIGN_OR_RETURN(auto resolved, ResolveCheckpointState(file));
      return LoadCheckpoint(resolved);
    }
    TFG_ASSIGN_OR_RETURN(auto parsed, ParseModelProto(data, file, HintFromName(name)));
    return Adopt(std::move(parsed), file, /*export_dir=*/"");
  }

  // Takes a parsed proto of whatever kind as the model's graph.
  Status Adopt(ParsedModelProto parsed, const std::string& file, const std::string& export_dir) {
    model_->graph_path_ = file;
    if (parsed.arena) model_->arenas_.push_back(std::move(parsed.arena));
    switch (parsed.kind) {
      case ProtoKind::kSavedModel: {
        model_->saved_model_.reset(static_cast<tensorflow::SavedModel*>(parsed.message.release()));
        model_->format_ = ModelFormat::kSavedModel;
        std::string dir = export_dir.empty() ? Dirname(file) : export_dir;
        model_->export_dir_ = dir;
        TFG_RETURN_IF_ERROR(SelectMetaGraph(file));
        AttachSavedModelVariables(dir);
        return Status::OK();
      }
      case ProtoKind::kMetaGraph: {
        model_->owned_meta_graph_.reset(
            static_cast<tensorflow::MetaGraphDef*>(parsed.message.release()));
        meta_graph_ = model_->owned_meta_graph_.get();
        graph_def_ = meta_graph_->mutable_graph_def();
        model_->format_ = ModelFormat::kMetaGraph;
        if (!export_dir.empty()) {
          Warn(Basename(file) + " holds a MetaGraphDef, not a SavedModel");
          model_->export_dir_ = export_dir;
          AttachSavedModelVariables(export_dir);
          return Status::OK();
        }
        // A .meta file is written beside its checkpoint.
        std::string prefix = EndsWith(file, ".meta") ? PrefixOfCheckpointFile(file) : "";
        if (!prefix.empty() && CheckpointExists(prefix)) {
          model_->checkpoint_prefix_ = prefix;
          model_->format_ = ModelFormat::kCheckpoint;
        }
        return Status::OK();
      }
      case ProtoKind::kGraphDef:
        model_->owned_graph_def_.reset(static_cast<tensorflow::GraphDef*>(parsed.message.release()));
        graph_def_ = model_->owned_graph_def_.get();
        model_->format_ = parsed.text ? ModelFormat::kGraphDefText : ModelFormat::kGraphDef;
        if (!export_dir.empty()) {
          Warn(Basename(file) + " holds a plain GraphDef, not a SavedModel");
          model_->export_dir_ = export_dir;
        }
        return Status::OK();
      case ProtoKind::kUnknown:
        break;
    }
    return Status::Internal(file + ": parsed proto of unknown kind");
  }

  Status LoadSavedModel(const std::string& dir, std::string file = "") {
    if (file.empty()) {
      file = JoinPath(dir, "saved_model.pb");
      if (!IsRegularFile(file)) file = JoinPath(dir, "saved_model.pbtxt");
    }
    TFG_ASSIGN_OR_RETURN(auto mapped, MappedFile::Open(file));
    auto parsed = ParseModelProto(mapped->data(), file, ProtoKind::kSavedModel);
    if (!parsed.ok()) {
      // A broken saved_model.pb: say whether the variables are still there.
      Status st = parsed.status();
      std::string vars = JoinPath(dir, "variables/variables");
      if (CheckpointExists(vars)) {
        st = Status(st.code(), st.message() +
                                   "; the variables can still be read from the checkpoint " + vars);
      }
      return st;
    }
    CheckFingerprint(dir);
    return Adopt(std::move(parsed).value(), file, dir);
  }

  void CheckFingerprint(const std::string& dir) {
    std::string fp = JoinPath(dir, "fingerprint.pb");
    if (!IsRegularFile(fp)) return;
    auto mapped = MappedFile::Open(fp);
    if (!mapped.ok()) {
      Warn(mapped.status().message());
      return;
    }
    tensorflow::FingerprintDef def;
    Status st = ParseBinaryProto((*mapped)->data(), fp, &def);
    if (st.ok() && CountUnknownFields(def, 1) > 0) {
      st = Status::Corruption(fp + ": holds fields a FingerprintDef does not have");
    }
    if ((*mapped)->size() == 0) st = Status::Corruption(fp + ": file is empty");
    if (!st.ok()) Warn("fingerprint.pb is not a valid FingerprintDef (ignored; mangled upload?)");
  }

  Status SelectMetaGraph(const std::string& file) {
    tensorflow::SavedModel* sm = model_->saved_model_.get();
    if (sm->meta_graphs_size() == 0) return Status::Corruption(file + ": SavedModel has no meta graphs");
    int pick = -1;
    if (!options_.tag_set.empty()) {
      auto wanted_list = SplitTags(options_.tag_set);
      std::set<std::string> wanted(wanted_list.begin(), wanted_list.end());
      for (int i = 0; i < sm->meta_graphs_size() && pick < 0; ++i)
        if (TagSet(sm->meta_graphs(i)) == wanted) pick = i;
      if (pick < 0) {
        std::string have;
        for (const auto& mg : sm->meta_graphs()) {
          const auto& t = mg.meta_info_def().tags();
          have += std::string(have.empty() ? "" : ", ") + "'" +
                  JoinTags(std::vector<std::string>(t.begin(), t.end())) + "'";
        }
        tag_set_missing_ = true;
        return Status::NotFound(file + ": no MetaGraph with tag-set '" + JoinTags(wanted_list) +
                                "'; available: " + have);
      }
    } else {
      for (int i = 0; i < sm->meta_graphs_size() && pick < 0; ++i)
        if (TagSet(sm->meta_graphs(i)) == std::set<std::string>{"serve"}) pick = i;
      if (pick < 0) pick = 0;
      if (sm->meta_graphs_size() > 1) {
        const auto& t = sm->meta_graphs(pick).meta_info_def().tags();
        Note(std::to_string(sm->meta_graphs_size()) + " MetaGraphs; showing tag-set '" +
             JoinTags(std::vector<std::string>(t.begin(), t.end())) + "' (choose with --tag-set)");
      }
    }
    meta_graph_ = sm->mutable_meta_graphs(pick);
    graph_def_ = meta_graph_->mutable_graph_def();
    return Status::OK();
  }

  // variables/variables of a SavedModel, or a warning when the graph needs
  // values that are not there.
  void AttachSavedModelVariables(const std::string& dir) {
    std::string prefix = JoinPath(dir, "variables/variables");
    if (CheckpointExists(prefix)) {
      model_->checkpoint_prefix_ = prefix;
      return;
    }
    int vars = 0;
    for (const auto& n : graph_def_->node())
      if (CreatesVariable(n.op())) ++vars;
    if (vars == 0) return;
    std::string vdir = JoinPath(dir, "variables");
    if (!IsDirectory(vdir)) {
      Warn("no variables/ folder: the graph's " + std::to_string(vars) +
           " variable(s) have no saved values");
    } else {
      Warn("variables/ holds no variables.index: the graph's " + std::to_string(vars) +
           " variable(s) have no saved values");
    }
  }

  Status LoadSessionBundle(const std::string& dir) {
    std::string meta = JoinPath(dir, "export.meta");
    TFG_ASSIGN_OR_RETURN(auto mapped, MappedFile::Open(meta));
    TFG_ASSIGN_OR_RETURN(auto parsed, ParseModelProto(mapped->data(), meta, ProtoKind::kMetaGraph));
    if (parsed.kind != ProtoKind::kMetaGraph) {
      return Status::Corruption(meta + ": holds a " + ProtoKindName(parsed.kind) +
                                ", expected a MetaGraphDef");
    }
    TFG_RETURN_IF_ERROR(Adopt(std::move(parsed), meta, ""));
    model_->format_ = ModelFormat::kSessionBundle;
    model_->export_dir_ = dir;
    std::string prefix = JoinPath(dir, "export");
    if (CheckpointExists(prefix)) {
      model_->checkpoint_prefix_ = prefix;
    } else {
      model_->checkpoint_prefix_.clear();
      Warn("SessionBundle has no export checkpoint (export.index, export or export-NNNNN-of-NNNNN)");
    }
    return Status::OK();
  }

  Status LoadCheckpoint(const ResolvedCheckpoint& ck) {
    for (const auto& w : ck.warnings) Warn(w);
    const std::string& prefix = ck.prefix;
    if (FindCheckpoint(prefix) == CheckpointLayout::kV2) {
      std::string index = prefix + ".index";
      TFG_ASSIGN_OR_RETURN(auto mapped, MappedFile::Open(index));
      FileKind kind = SniffContent(mapped->data());
      if (kind != FileKind::kTable) {
        return Status::Corruption(index + ": not a checkpoint index (" +
                                  (kind == FileKind::kEmpty ? std::string("file is empty")
                                                            : std::string(FileKindDescription(kind)) +
                                                                  ", no table footer") +
                                  ")");
      }
    }
    std::string meta = prefix + ".meta";
    if (IsRegularFile(meta)) {
      TFG_ASSIGN_OR_RETURN(auto mapped, MappedFile::Open(meta));
      TFG_ASSIGN_OR_RETURN(auto parsed, ParseModelProto(mapped->data(), meta, ProtoKind::kMetaGraph));
      TFG_RETURN_IF_ERROR(Adopt(std::move(parsed), meta, ""));
      model_->checkpoint_prefix_ = prefix;
      model_->format_ = ModelFormat::kCheckpoint;
      return Status::OK();
    }
    model_->format_ = ModelFormat::kCheckpointOnly;
    model_->checkpoint_prefix_ = prefix;
    model_->graph_path_.clear();
    model_->owned_graph_def_.reset(new tensorflow::GraphDef());
    graph_def_ = model_->owned_graph_def_.get();
    Warn("checkpoint has no graph: a .meta file or a SavedModel is needed for the graph");
    return Status::OK();
  }

  Status AttachCheckpointOption() {
    if (options_.checkpoint.empty()) return Status::OK();
    auto resolved = ResolveCheckpointPath(options_.checkpoint);
    if (!resolved.ok()) return resolved.status().WithPrefix("--checkpoint");
    for (const auto& w : resolved->warnings) Warn(w);
    if (!model_->checkpoint_prefix_.empty() && model_->checkpoint_prefix_ != resolved->prefix) {
      Note("using checkpoint " + resolved->prefix + " (--checkpoint) instead of " +
           model_->checkpoint_prefix_);
    }
    model_->checkpoint_prefix_ = resolved->prefix;
    if (model_->format_ == ModelFormat::kMetaGraph) model_->format_ = ModelFormat::kCheckpoint;
    return Status::OK();
  }

  // Reads the checkpoint's index now, so that a damaged checkpoint is found
  // at load time: fatal when it is all the model has, else a warning.
  Status OpenCheckpoint() {
    const std::string& prefix = model_->checkpoint_prefix_;
    if (prefix.empty()) return Status::OK();
    auto reader = CheckpointReader::Open(prefix);
    if (!reader.ok()) {
      Status st = reader.status();
      if (st.code() == Status::Code::kNotFound) st = Status::Corruption(st.message());
      if (model_->format_ == ModelFormat::kCheckpointOnly) return st;
      model_->checkpoint_status_ = st;
      Warn("checkpoint unreadable, the graph is shown without variable values: " + st.message());
      return Status::OK();
    }
    model_->checkpoint_ = *reader;
    if ((*reader)->format() == CheckpointFormat::kV2) {
      for (auto& problem : CheckDataFiles((*reader)->prefix(), (*reader)->num_shards(),
                                          (*reader)->ShardExtents()))
        Warn(problem);
    }
    return Status::OK();
  }

  Status Finish() {
    if (!graph_def_) return Status::Internal(model_->path_ + ": loader produced no graph");
    TFG_RETURN_IF_ERROR(OpenCheckpoint());
    if (!options_.tag_set.empty() && model_->format_ != ModelFormat::kSavedModel) {
      Warn(std::string("--tag-set '") + options_.tag_set + "' is ignored: only a SavedModel "
           "has tag-sets (this model's format is " + FormatName(model_->format_) + ")");
    }
    if (meta_graph_ && meta_graph_->meta_info_def().stripped_default_attrs()) {
      // As TensorFlow's importer: defaults from TF's own op registry; the
      // model's stripped_op_list only for ops TF does not define (custom ops).
      OpRegistry ops(&OpRegistry::Global());
      ops.AddUnknownOps(meta_graph_->meta_info_def().stripped_op_list());
      ops.AddDefaultAttrsToGraph(graph_def_);
    }
    model_->meta_graph_ = meta_graph_;
    model_->graph_def_ = graph_def_;
    auto graph = Graph::FromGraphDef(
        *graph_def_, options_.background_index ? Graph::Indexing::kBackground : Graph::Indexing::kNow);
    if (!graph.ok()) return graph.status().WithPrefix(model_->graph_path_);
    model_->graph_ = std::move(graph).value();
    // In the background the index is not there yet; whoever asked for that
    // reports this warning once it is (the UI does, in its status line).
    if (!options_.background_index) {
      std::string dangling = model_->graph_->DanglingWarning();
      if (!dangling.empty()) Warn(dangling);
    }
    if (meta_graph_) model_->signatures_ = SignaturesOf(*meta_graph_);
    return Status::OK();
  }

  void Warn(std::string w) {
    if (std::find(model_->warnings_.begin(), model_->warnings_.end(), w) == model_->warnings_.end())
      model_->warnings_.push_back(std::move(w));
  }
  void Note(std::string n) { model_->notes_.push_back(std::move(n)); }

  std::unique_ptr<Model> model_;
  LoadOptions options_;
  tensorflow::MetaGraphDef* meta_graph_ = nullptr;
  tensorflow::GraphDef* graph_def_ = nullptr;
  bool tag_set_missing_ = false;
};

StatusOr<std::unique_ptr<Model>> Model::Load(const std::string& path, const LoadOptions& options) {
  ModelLoader loader(path, options);
  auto result = loader.Run();
  if (!result.ok()) {
    // Size limits of inputs are "cannot read this model" for the user.
    if (result.status().code() == Status::Code::kResourceExhausted)
      return Status::Unsupported(result.status().message());
    return result.status();
  }
  return result;
}

}  // namespace tfgraph
