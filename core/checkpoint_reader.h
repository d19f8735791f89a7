// CheckpointReader: one interface over every TensorFlow checkpoint format.
//
// Open() takes whatever path the user gave (see core/checkpoint_path.h:
// prefix, .index/.data/.meta file, directory with a `checkpoint` state file,
// SavedModel directory, V1 file or shard) and reads only the metadata: the
// .index of a V2 bundle (core/bundle_index.h) or the meta entries of a V1
// checkpoint (core/checkpoint_v1.h). Listing variables never touches a data
// shard. The number of data shards comes from the bundle header, never from
// the files present (a directory may hold stale shards of an older save).
//
// Read() returns one tensor: for V2 it maps the data shard on first use
// (core/mapped_file.h), checks that the entry's byte range lies inside the
// shard, verifies the tensor's CRC32C (and the string/variant checksums),
// and returns numeric tensors as zero-copy views of the mapping. A
// partitioned variable is listed once (with its parts) and read as the
// reassembled full tensor. Every failure is one line naming the file and the
// tensor, e.g.
//   "m.data-00000-of-00001: tensor 'w': checksum mismatch (entry says ..., data gives ...)".
// Nothing is allocated that the files do not back: sizes are checked against
// the entry and the shard size before any buffer is made.
//
// ObjectGraph() decodes the TF2 object graph (reading that one tensor) and is
// cached. CheckpointReader is safe to use from several threads.
#ifndef TFGRAPH_CORE_CHECKPOINT_READER_H_
#define TFGRAPH_CORE_CHECKPOINT_READER_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/checkpoint_path.h"
#include "core/mapped_file.h"
#include "core/object_graph.h"
#include "core/status.h"
#include "core/tensor.h"

namespace tfgraph {

class BundleIndex;
class V1Checkpoint;

struct CheckpointVariable {
  std::string name;  // checkpoint key
  DataType dtype = tensorflow::DT_INVALID;
  Dims shape;
  uint64_t bytes = 0;  // bytes stored (V2: entry sizes; V1: elements x size)
  int shard = -1;      // V2 data shard (first part's for partitioned); V1: file index
  uint64_t offset = 0;  // V2: byte offset in the shard (0 for V1 and partitioned)
  struct Part {
    std::string slice;  // TF slice text, e.g. "0,5:-"
    Dims shape;
    int shard = -1;
    uint64_t offset = 0;
    uint64_t bytes = 0;
  };
  std::vector<Part> parts;  // non-empty for partitioned variables
  std::string problem;      // non-empty: the entry is damaged (Read() will fail)
  bool partitioned() const { return !parts.empty(); }
};

class CheckpointReader {
 public:
  static StatusOr<std::shared_ptr<CheckpointReader>> Open(const std::string& path);
  ~CheckpointReader();

  CheckpointFormat format() const { return location_.format; }
  const CheckpointLocation& location() const { return location_; }
  const std::string& prefix() const { return location_.prefix; }
  // V2: the header's shard count; V1: the number of table files.
  int num_shards() const;
  // V2: P.data-SSSSS-of-NNNNN for every shard the header names; V1: the tables.
  std::vector<std::string> DataFiles() const;
  // Every tensor name (partition slices folded into their variable), bytewise sorted.
  const std::vector<CheckpointVariable>& variables() const { return variables_; }
  const CheckpointVariable* Find(std::string_view name) const;
  bool has_object_graph() const { return Find(kObjectGraphKey) != nullptr; }
  // V2: whether the .index has Snappy-compressed blocks (older TF builds).
  bool index_is_snappy() const;
  // V2: for each shard, the end of the last tensor the index places in it
  // (the least size the data file must have); empty for V1.
  std::vector<uint64_t> ShardExtents() const;

  StatusOr<Tensor> Read(std::string_view name) const;
  // Hints that the tensor's data-shard pages are no longer needed (see
  // MappedFile::DropPages): scanning a whole checkpoint tensor by tensor then
  // keeps resident memory at about one tensor. Tensors already returned stay
  // valid. No-op for V1 checkpoints and unread shards.
  void DropPages(std::string_view name) const;
  StatusOr<std::shared_ptr<const ObjectGraphInfo>> ObjectGraph() const;

 private:
  CheckpointReader() = default;
  StatusOr<std::shared_ptr<const MappedFile>> Shard(int shard, const std::string& tensor) const;
  StatusOr<Tensor> ReadV2(const std::string& name) const;

  CheckpointLocation location_;
  std::unique_ptr<BundleIndex> index_;
  std::unique_ptr<V1Checkpoint> v1_;
  std::vector<CheckpointVariable> variables_;

  mutable std::mutex mu_;
  mutable std::vector<std::shared_ptr<const MappedFile>> shards_;
  mutable std::shared_ptr<const ObjectGraphInfo> object_graph_;
};

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_CHECKPOINT_READER_H_
