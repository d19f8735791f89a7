#include "core/checkpoint_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <set>

#include "core/dir_list.h"
#include "core/mapped_file.h"
#include "core/proto_io.h"
#include "tensorflow/checkpoint_state.pb.h"

namespace tfgraph {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Splits a prefix into folder and basename without normalising an empty
// basename away ("dir/" -> "dir", "").
void SplitPrefix(const std::string& prefix, std::string* dir, std::string* base) {
  auto pos = prefix.rfind('/');
  if (pos == std::string::npos) {
    *dir = ".";
    *base = prefix;
  } else {
    *dir = pos == 0 ? "/" : prefix.substr(0, pos);
    *base = prefix.substr(pos + 1);
  }
}

// A table file ends with LevelDB's magic number; V1 checkpoints are tables.
bool HasTableFooter(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = false;
  off_t size = ::lseek(fd, 0, SEEK_END);
  unsigned char tail[8];
  if (size >= 48 && ::pread(fd, tail, 8, size - 8) == 8) {
    static const unsigned char kMagic[8] = {0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb};
    ok = std::memcmp(tail, kMagic, 8) == 0;
  }
  ::close(fd);
  return ok;
}

std::string ShardName(const std::string& prefix, int shard, int total) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), ".data-%05d-of-%05d", shard, total);
  return prefix + buf;
}

bool IsAbsolute(std::string_view p) { return !p.empty() && p.front() == '/'; }

}  // namespace

bool ParseShardSuffix(std::string_view s, int* shard, int* total) {
  auto of = s.find("-of-");
  if (of == std::string_view::npos) return false;
  std::string_view a = s.substr(0, of), b = s.substr(of + 4);
  auto digits = [](std::string_view d, int* out) {
    if (d.size() < 5 || d.size() > 9) return false;
    int v = 0;
    for (char c : d) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
  };
  return digits(a, shard) && digits(b, total);
}

CheckpointLayout FindCheckpoint(const std::string& prefix) {
  if (IsRegularFile(prefix + ".index")) return CheckpointLayout::kV2;
  if (IsRegularFile(prefix) && HasTableFooter(prefix)) return CheckpointLayout::kV1;
  std::string dir, base;
  SplitPrefix(prefix, &dir, &base);
  auto names = ListDirectory(dir);
  if (!names.ok()) return CheckpointLayout::kNone;
  for (const auto& n : *names) {
    int s, t;
    if (n.size() > base.size() + 1 && n.compare(0, base.size(), base) == 0 &&
        n[base.size()] == '-' && ParseShardSuffix(std::string_view(n).substr(base.size() + 1), &s, &t))
      return CheckpointLayout::kV1Sharded;
  }
  return CheckpointLayout::kNone;
}

std::string PrefixOfCheckpointFile(std::string_view path) {
  if (EndsWith(path, ".index")) return std::string(path.substr(0, path.size() - 6));
  if (EndsWith(path, ".meta")) return std::string(path.substr(0, path.size() - 5));
  auto slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  int s, t;
  auto data = name.rfind(".data-");
  if (data != std::string_view::npos && ParseShardSuffix(name.substr(data + 6), &s, &t))
    return std::string(path.substr(0, path.size() - name.size() + data));
  // V1 shard: "<prefix>-00000-of-00002"; the suffix is 15+ characters.
  auto of = name.rfind("-of-");
  if (of != std::string_view::npos) {
    auto dash = name.rfind('-', of - 1);
    if (dash != std::string_view::npos && ParseShardSuffix(name.substr(dash + 1), &s, &t))
      return std::string(path.substr(0, path.size() - name.size() + dash));
  }
  return "";
}

std::vector<std::string> ListDataFiles(const std::string& prefix) {
  std::string dir, base;
  SplitPrefix(prefix, &dir, &base);
  std::vector<std::string> out;
  auto names = ListDirectory(dir);
  if (!names.ok()) return out;
  std::string lead = base + ".data-";
  for (const auto& n : *names) {
    int s, t;
    if (n.compare(0, lead.size(), lead) == 0 &&
        ParseShardSuffix(std::string_view(n).substr(lead.size()), &s, &t))
      out.push_back(JoinPath(dir, n));
  }
  return out;
}

std::vector<std::string> CheckDataFiles(const std::string& prefix, int num_shards,
                                        const std::vector<uint64_t>& extents) {
  std::vector<std::string> problems;
  std::set<std::string> present;
  for (auto& f : ListDataFiles(prefix)) present.insert(f);
  std::string dir, base;
  SplitPrefix(prefix, &dir, &base);
  std::string missing;
  int missing_count = 0;
  for (int i = 0; i < num_shards; ++i) {
    std::string want = JoinPath(dir, base + ShardName("", i, num_shards));
    if (present.erase(want) == 0) {
      if (missing_count++ < 3) missing += (missing.empty() ? "" : ", ") + Basename(want);
      continue;
    }
    struct stat st;
    const uint64_t need = static_cast<size_t>(i) < extents.size() ? extents[i] : 0;
    if (need > 0 && ::stat(want.c_str(), &st) == 0 && static_cast<uint64_t>(st.st_size) < need) {
      problems.push_back(Basename(want) + " holds " + std::to_string(st.st_size) +
                         " bytes but the index places tensors up to byte " +
                         std::to_string(need) + " (truncated?): values past its end cannot "
                         "be read");
    }
  }
  if (missing_count > 0) {
    if (missing_count > 3) missing += ", ...";
    problems.push_back(Basename(prefix + ".index") + " names " + std::to_string(num_shards) +
                       " data shard(s) but " + std::to_string(missing_count) +
                       " are missing (" + missing + "): tensor values in them cannot be read");
  }
  if (!present.empty()) {
    std::string stale;
    int n = 0;
    for (const auto& f : present) {
      if (n++ < 3) stale += (stale.empty() ? "" : ", ") + Basename(f);
    }
    if (n > 3) stale += ", ...";
    problems.push_back("ignoring " + std::to_string(present.size()) +
                       " stale data file(s) not part of this checkpoint (" + stale + "; " +
                       Basename(prefix + ".index") + " names " + std::to_string(num_shards) +
                       " shard(s))");
  }
  return problems;
}

long long CheckpointStep(std::string_view prefix) {
  size_t end = prefix.size();
  size_t i = end;
  while (i > 0 && std::isdigit(static_cast<unsigned char>(prefix[i - 1]))) --i;
  if (i == end || end - i > 18) return -1;
  return std::stoll(std::string(prefix.substr(i)));
}

std::vector<std::string> FindPrefixesInDirectory(const std::string& dir) {
  std::set<std::string> prefixes;
  auto names = ListDirectory(dir);
  if (!names.ok()) return {};
  for (const auto& n : *names) {
    std::string path = JoinPath(dir, n);
    if (EndsWith(n, ".index") && IsRegularFile(path)) {
      prefixes.insert(PrefixOfCheckpointFile(path));
    } else if (EndsWith(n, ".meta") && IsRegularFile(path)) {
      std::string p = PrefixOfCheckpointFile(path);
      if (CheckpointExists(p)) prefixes.insert(p);
    } else if (n.find("-of-") != std::string::npos && n.find(".data-") == std::string::npos) {
      std::string p = PrefixOfCheckpointFile(path);
      if (!p.empty() && HasTableFooter(path)) prefixes.insert(p);
    }
  }
  std::vector<std::string> out(prefixes.begin(), prefixes.end());
  std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return CheckpointStep(a) < CheckpointStep(b);
  });
  return out;
}

StatusOr<ResolvedCheckpoint> ResolveCheckpointState(const std::string& state_file) {
  TFG_ASSIGN_OR_RETURN(auto file, MappedFile::Open(state_file));
  tensorflow::CheckpointState state;
  TFG_RETURN_IF_ERROR(ParseTextProto(file->data(), state_file, &state));
  std::vector<std::string> listed;
  if (!state.model_checkpoint_path().empty()) listed.push_back(state.model_checkpoint_path());
  for (int i = state.all_model_checkpoint_paths_size() - 1; i >= 0; --i) {
    const std::string& p = state.all_model_checkpoint_paths(i);
    if (!p.empty() && std::find(listed.begin(), listed.end(), p) == listed.end())
      listed.push_back(p);
  }
  if (listed.empty()) {
    return Status::Corruption(state_file + ": checkpoint state file names no checkpoint");
  }
  const std::string dir = Dirname(state_file);
  ResolvedCheckpoint out;
  for (size_t i = 0; i < listed.size(); ++i) {
    const std::string& named = listed[i];
    std::string direct = IsAbsolute(named) ? named : JoinPath(dir, named);
    std::string found;
    if (CheckpointExists(direct)) {
      found = direct;
    } else {
      // Absolute paths from the machine that trained the model, or a
      // relative path with folders: look for the same name beside the file.
      std::string local = JoinPath(dir, Basename(named));
      if (local != direct && CheckpointExists(local)) found = local;
    }
    if (found.empty()) continue;
    if (i > 0) {
      out.warnings.push_back(Basename(state_file) + " names '" + listed[0] +
                             "' as latest, which does not exist; using '" + found + "'");
    } else if (found != direct) {
      out.warnings.push_back(Basename(state_file) + " names '" + named +
                             "', which does not exist; using '" + found + "' beside it");
    }
    out.prefix = found;
    return out;
  }
  // Nothing the state file names exists; use what the folder holds, if any.
  auto prefixes = FindPrefixesInDirectory(dir);
  if (!prefixes.empty()) {
    out.prefix = prefixes.back();
    out.warnings.push_back(Basename(state_file) + " names '" + listed[0] +
                           "', which does not exist; using '" + out.prefix +
                           "' found in the same folder");
    return out;
  }
  return Status::Corruption(state_file + ": names checkpoint '" + listed[0] +
                            "', which does not exist (no .index or V1 checkpoint file)");
}

StatusOr<ResolvedCheckpoint> ResolveCheckpointPath(const std::string& path) {
  if (IsDirectory(path)) {
    std::string state = JoinPath(path, "checkpoint");
    if (IsRegularFile(state)) return ResolveCheckpointState(state);
    auto prefixes = FindPrefixesInDirectory(path);
    if (prefixes.empty()) {
      return Status::IOError(path + ": no checkpoint in this folder (no `checkpoint` state "
                             "file, no .index files)");
    }
    ResolvedCheckpoint out;
    out.prefix = prefixes.back();
    if (prefixes.size() > 1) {
      out.warnings.push_back(std::to_string(prefixes.size()) +
                             " checkpoints and no `checkpoint` state file; using '" +
                             Basename(out.prefix) + "' (highest step)");
    }
    return out;
  }
  ResolvedCheckpoint out;
  // A file of a checkpoint ("m.index" is itself a table, so this comes first).
  std::string p = PrefixOfCheckpointFile(path);
  if (!p.empty() && CheckpointExists(p)) {
    out.prefix = p;
    return out;
  }
  if (CheckpointExists(path)) {
    out.prefix = path;
    return out;
  }
  if (!PathExists(path) && (p.empty() || !PathExists(p + ".index"))) {
    return Status::IOError(path + ": no such checkpoint (no " + Basename(path) +
                           ".index, no V1 checkpoint file)");
  }
  return Status::Corruption(path + ": not a checkpoint (expected a prefix, its .index file, "
                            "a V1 checkpoint file or a folder with a `checkpoint` file)");
}

}  // namespace tfgraph
