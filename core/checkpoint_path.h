// Finding the checkpoint a user means from the path they typed.
//
// ResolveCheckpoint accepts:
//   - a prefix P (the V2 files are P.index and P.data-SSSSS-of-NNNNN);
//   - P.index, P.meta, or one of the P.data-… files;
//   - a directory holding a `checkpoint` state file (its model_checkpoint_path,
//     i.e. the latest; relative paths are resolved against that directory), or
//     the state file itself;
//   - a SavedModel directory (its variables/variables);
//   - a V1 checkpoint: a single table file P, a shard P-SSSSS-of-NNNNN, or a
//     prefix P whose shards exist.
// V2 is recognised by P.index existing (TensorFlow's own rule). A state file
// that names a checkpoint which does not exist gives one Corruption error naming
// the state file and the missing prefix (and, when a checkpoint with the same
// base name sits next to the state file, says so: moved checkpoints keep
// their old absolute paths). A path with no checkpoint is an IOError; NotFound
// is left for names (a tensor that is not in the checkpoint).
#ifndef TFGRAPH_CORE_CHECKPOINT_PATH_H_
#define TFGRAPH_CORE_CHECKPOINT_PATH_H_

#include <string>
#include <vector>

#include "core/status.h"

namespace tfgraph {

enum class CheckpointFormat { kV2, kV1 };

struct CheckpointLocation {
  CheckpointFormat format = CheckpointFormat::kV2;
  std::string prefix;                 // V2: P; V1: P (without shard suffix)
  std::vector<std::string> v1_files;  // V1: the table files, in shard order
  std::string state_file;             // the `checkpoint` file used, if any
};

StatusOr<CheckpointLocation> ResolveCheckpoint(const std::string& path);

// "P.data-00003-of-00010"
std::string DataFileName(const std::string& prefix, int shard, int num_shards);
// True if `name` ends with ".data-DDDDD-of-DDDDD"; sets the prefix.
bool ParseDataFileName(const std::string& name, std::string* prefix, int* shard, int* num_shards);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_CHECKPOINT_PATH_H_
