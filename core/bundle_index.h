// BundleIndex: the .index file of a V2 checkpoint (tensor bundle), parsed.
//
// Open() reads the whole table through SstableReader (validated block
// handles, verified block CRCs, strictly increasing keys), checks the header
// entry (key "": BundleHeaderProto; version producer >= 0, min_consumer <= 1,
// consumer 1 not listed as bad; little-endian data; 1 <= num_shards) and
// parses every BundleEntryProto. It never opens a data file. Entries whose
// contents are inconsistent on their own (unknown dtype, negative offset or
// size, shard id outside the header's count, a numeric size that disagrees
// with shape x element size, slices that do not lie in the shape) are kept
// with a `problem` text so that listing still works; reading such a tensor
// fails with that problem. An entry that does not even parse, or a missing or
// bad header, fails Open().
//
// Slice entries of partitioned variables (keys starting with a 0 byte) are
// decoded back to (name, slice) and attached to their full-name entry.
#ifndef TFGRAPH_CORE_BUNDLE_INDEX_H_
#define TFGRAPH_CORE_BUNDLE_INDEX_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"
#include "core/tensor_slice.h"
#include "tensorflow/tensor_bundle.pb.h"

namespace tfgraph {

struct BundleEntry {
  std::string key;  // the table key (binary for slice entries)
  DataType dtype = tensorflow::DT_INVALID;
  Dims shape;
  int shard = 0;
  int64_t offset = 0;
  int64_t size = 0;
  uint32_t crc32c = 0;  // unmasked
  std::string problem;  // non-empty: why this entry cannot be read
};

struct BundleVariable {
  std::string name;
  BundleEntry entry;  // for a partitioned variable: dtype and full shape only
  struct Part {
    TensorSlice slice;
    Dims shape;         // the slice's own shape
    BundleEntry entry;  // where its bytes are
  };
  std::vector<Part> parts;  // non-empty for partitioned variables
  bool partitioned = false;
};

class BundleIndex {
 public:
  static StatusOr<std::unique_ptr<BundleIndex>> Open(const std::string& prefix);

  const std::string& prefix() const { return prefix_; }
  const std::string& index_path() const { return index_path_; }
  int num_shards() const { return header_.num_shards(); }
  const tensorflow::BundleHeaderProto& header() const { return header_; }
  // Variables by name (bytewise order, as in the table).
  const std::map<std::string, BundleVariable>& variables() const { return variables_; }
  const BundleVariable* Find(const std::string& name) const;
  int num_snappy_blocks() const { return snappy_blocks_; }

 private:
  std::string prefix_, index_path_;
  tensorflow::BundleHeaderProto header_;
  std::map<std::string, BundleVariable> variables_;
  int snappy_blocks_ = 0;
};

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_BUNDLE_INDEX_H_
