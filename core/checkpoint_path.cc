#include "core/checkpoint_path.h"

#include <dirent.h>

#include <algorithm>
#include <cstdio>

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include "core/mapped_file.h"
#include "tensorflow/checkpoint_state.pb.h"

namespace tfgraph {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Matches "<base>-DDDDD-of-DDDDD" at the end of `name`.
bool ParseShardSuffix(const std::string& name, std::string_view sep, std::string* base, int* shard,
                      int* num) {
  // "-00000-of-00001" / ".data-00000-of-00001": digits of at least 5.
  size_t of = name.rfind("-of-");
  if (of == std::string::npos) return false;
  std::string_view total = std::string_view(name).substr(of + 4);
  size_t dash = name.rfind(sep, of == 0 ? 0 : of - 1);
  if (dash == std::string::npos) return false;
  std::string_view index = std::string_view(name).substr(dash + sep.size(), of - dash - sep.size());
  if (!AllDigits(index) || !AllDigits(total) || index.size() < 5 || total.size() < 5 ||
      index.size() > 9 || total.size() > 9)
    return false;
  *base = name.substr(0, dash);
  *shard = std::stoi(std::string(index));
  *num = std::stoi(std::string(total));
  return true;
}

std::string V1ShardName(const std::string& prefix, int shard, int num) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "-%05d-of-%05d", shard, num);
  return prefix + buf;
}

// V1 sharded checkpoint P-SSSSS-of-NNNNN: every shard must exist.
StatusOr<CheckpointLocation> V1Sharded(const std::string& prefix, int num) {
  CheckpointLocation loc;
  loc.format = CheckpointFormat::kV1;
  loc.prefix = prefix;
  for (int i = 0; i < num; ++i) {
    std::string f = V1ShardName(prefix, i, num);
    if (!IsRegularFile(f)) return Status::Corruption(f + ": missing V1 checkpoint shard");
    loc.v1_files.push_back(f);
  }
  return loc;
}

// Looks for "P-00000-of-NNNNN" next to P (V1 sharded saves).
bool FindV1Shards(const std::string& prefix, int* num) {
  std::string dir = Dirname(prefix), base = Basename(prefix);
  DIR* d = ::opendir(dir.c_str());
  if (!d) return false;
  bool found = false;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name, b;
    int shard, n;
    if (ParseShardSuffix(name, "-", &b, &shard, &n) && b == base && shard == 0) {
      *num = n;
      found = true;
      break;
    }
  }
  ::closedir(d);
  return found;
}

StatusOr<CheckpointLocation> FromPrefix(const std::string& prefix) {
  CheckpointLocation loc;
  if (IsRegularFile(prefix + ".index")) {
    loc.format = CheckpointFormat::kV2;
    loc.prefix = prefix;
    return loc;
  }
  std::string base;
  int shard, num;
  if (IsRegularFile(prefix) && ParseShardSuffix(prefix, "-", &base, &shard, &num) &&
      !IsRegularFile(base + ".index"))
    return V1Sharded(base, num);
  if (IsRegularFile(prefix)) {
    loc.format = CheckpointFormat::kV1;
    loc.prefix = prefix;
    loc.v1_files.push_back(prefix);
    return loc;
  }
  if (FindV1Shards(prefix, &num)) return V1Sharded(prefix, num);
  return Status::IOError(prefix + ": no checkpoint here (neither " + Basename(prefix) +
                          ".index nor a V1 checkpoint file " + Basename(prefix) + " exists)");
}

bool CheckpointExists(const std::string& prefix) {
  int num;
  return IsRegularFile(prefix + ".index") || IsRegularFile(prefix) || FindV1Shards(prefix, &num);
}

StatusOr<CheckpointLocation> FromStateFile(const std::string& state_path) {
  TFG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(state_path));
  tensorflow::CheckpointState state;
  google::protobuf::TextFormat::Parser parser;
  parser.AllowUnknownField(true);
  // Silence protobuf's stderr logging: the Status carries the message.
  class Quiet : public google::protobuf::io::ErrorCollector {
   public:
    void AddError(int line, int col, const std::string& m) override {
      if (first.empty()) first = "line " + std::to_string(line + 1) + ": " + m;
    }
    std::string first;
  } errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, &state))
    return Status::Corruption(state_path + ": not a checkpoint state file (" + errors.first + ")");
  if (state.model_checkpoint_path().empty())
    return Status::Corruption(state_path + ": model_checkpoint_path is empty");
  const std::string dir = Dirname(state_path);
  std::string named = state.model_checkpoint_path();
  std::string prefix = named[0] == '/' ? named : JoinPath(dir, named);
  if (!CheckpointExists(prefix)) {
    std::string msg = state_path + ": names checkpoint '" + named + "', which does not exist";
    std::string local = JoinPath(dir, Basename(named));
    if (local != prefix && CheckpointExists(local))
      msg += " (a checkpoint '" + Basename(named) + "' is next to the state file: pass " + local +
             " to use it)";
    return Status::Corruption(msg);
  }
  TFG_ASSIGN_OR_RETURN(CheckpointLocation loc, FromPrefix(prefix));
  loc.state_file = state_path;
  return loc;
}

}  // namespace

std::string DataFileName(const std::string& prefix, int shard, int num_shards) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), ".data-%05d-of-%05d", shard, num_shards);
  return prefix + buf;
}

bool ParseDataFileName(const std::string& name, std::string* prefix, int* shard, int* num) {
  return ParseShardSuffix(name, ".data-", prefix, shard, num);
}

StatusOr<CheckpointLocation> ResolveCheckpoint(const std::string& path_in) {
  std::string path = path_in;
  while (path.size() > 1 && path.back() == '/' && !IsRegularFile(path + ".index")) path.pop_back();
  if (path.empty()) return Status::InvalidArgument("empty checkpoint path");
  if (IsDirectory(path)) {
    std::string state = JoinPath(path, "checkpoint");
    if (IsRegularFile(state)) return FromStateFile(state);
    std::string sm = JoinPath(path, "variables/variables");
    if (IsRegularFile(sm + ".index")) return FromPrefix(sm);
    // "dir/" used as a prefix with an empty base name: files "dir/.index".
    if (IsRegularFile(JoinPath(path, ".index"))) return FromPrefix(JoinPath(path, ""));
    return Status::IOError(path + ": directory has no `checkpoint` state file and no " +
                            "variables/variables.index");
  }
  if (Basename(path) == "checkpoint" && IsRegularFile(path) && !IsRegularFile(path + ".index"))
    return FromStateFile(path);
  std::string prefix;
  int shard, num;
  if (EndsWith(path, ".index") && IsRegularFile(path))
    return FromPrefix(path.substr(0, path.size() - 6));
  if (EndsWith(path, ".meta") && !IsRegularFile(path + ".index"))
    return FromPrefix(path.substr(0, path.size() - 5));
  if (ParseDataFileName(path, &prefix, &shard, &num) && IsRegularFile(prefix + ".index"))
    return FromPrefix(prefix);
  return FromPrefix(path);
}

}  // namespace tfgraph
