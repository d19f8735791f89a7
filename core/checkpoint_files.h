// Checkpoint files on disk: which files make up a checkpoint, how to get from
// any of them (or from a directory and its `checkpoint` state file) to the
// checkpoint prefix, and which data shards are missing or stale.
//
// This module only looks at names and directory listings (plus the text
// state file); reading the tensors is CheckpointReader's job. A prefix is a
// path that is not itself a file: "dir/model.ckpt-1000" stands for
// dir/model.ckpt-1000.index + .data-?????-of-????? (V2), or for the file
// dir/model.ckpt-1000 / dir/model.ckpt-1000-?????-of-????? (V1). The prefix
// may have an empty basename ("dir/" when a Saver was given only a folder),
// whose files are "dir/.index" and "dir/.meta".
#ifndef TFGRAPH_CORE_CHECKPOINT_FILES_H_
#define TFGRAPH_CORE_CHECKPOINT_FILES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tfgraph {

enum class CheckpointLayout {
  kNone,
  kV2,         // P.index (+ P.data-SSSSS-of-NNNNN)
  kV1,         // the single table file P
  kV1Sharded,  // P-SSSSS-of-NNNNN table files
};

// What exists on disk for `prefix`.
CheckpointLayout FindCheckpoint(const std::string& prefix);
inline bool CheckpointExists(const std::string& prefix) {
  return FindCheckpoint(prefix) != CheckpointLayout::kNone;
}

// The prefix a checkpoint file belongs to: "x.index", "x.meta" and
// "x.data-00000-of-00001" give "x"; "x-00000-of-00002" (a V1 shard) gives
// "x". Empty if the name has none of these forms.
std::string PrefixOfCheckpointFile(std::string_view path);

// True for "NNNNN-of-NNNNN" shard suffixes (five or more digits each).
bool ParseShardSuffix(std::string_view s, int* shard, int* total);

// Data files of a V2 checkpoint, found by listing the prefix's directory:
// every P.data-SSSSS-of-NNNNN whatever its NNNNN.
std::vector<std::string> ListDataFiles(const std::string& prefix);

// Problems with the data files of a V2 checkpoint whose index says it has
// `num_shards` shards: missing shards and shards shorter than `extents`
// (CheckpointReader::ShardExtents; both errors for reading tensors, so
// reported as warnings by the loader), and files from another save with a
// different shard count (stale; ignored). One line each.
std::vector<std::string> CheckDataFiles(const std::string& prefix, int num_shards,
                                        const std::vector<uint64_t>& extents = {});

// The `checkpoint` state file of a directory, resolved to a prefix that
// exists. Relative paths are taken against the state file's folder; an
// absolute path from another machine that does not exist is retried as a
// basename in that folder; when the latest checkpoint is gone, older ones
// listed in the file are tried. Each fallback adds a warning. Fails with one
// line naming the state file when no listed checkpoint exists.
struct ResolvedCheckpoint {
  std::string prefix;
  std::vector<std::string> warnings;
};
StatusOr<ResolvedCheckpoint> ResolveCheckpointState(const std::string& state_file);

// Resolves what a user gave as a checkpoint (--checkpoint, or a model path):
// a prefix, any file of the checkpoint, or a folder (with a state file, or
// holding checkpoint files: the one with the highest step number is taken,
// with a warning when there are several).
StatusOr<ResolvedCheckpoint> ResolveCheckpointPath(const std::string& path);

// Checkpoint prefixes found in a directory without reading any state file:
// one per *.index file and per *.meta file whose prefix has a checkpoint,
// sorted by their trailing step number (lowest first), then by name.
std::vector<std::string> FindPrefixesInDirectory(const std::string& dir);

// The trailing number of a prefix ("model.ckpt-1000" -> 1000, "ckpt-9" -> 9),
// -1 if it has none.
long long CheckpointStep(std::string_view prefix);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_CHECKPOINT_FILES_H_
