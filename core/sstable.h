// SstableReader: reads a LevelDB-format table (.index of a V2 checkpoint, or
// a whole V1 checkpoint) from a memory-mapped file through leveldb::Table.
//
// LevelDB trusts block handles: it allocates a block's claimed size before
// reading it, so a corrupted footer or index entry could ask for terabytes.
// Open() therefore validates the file first, by hand: the footer's magic,
// that the metaindex and index handles lie inside the file, the index block's
// CRC, and that every data block handle it lists lies inside the file (and,
// for Snappy blocks, that the claimed uncompressed size is plausible). Only
// then is leveldb::Table opened (paranoid_checks), and every data block is
// read with verify_checksums, zero-copy from the mapping.
//
// ForEach() visits entries in file order and fails with Corruption if keys
// are not strictly increasing (bytewise), since lookups in such a table
// would silently miss entries. Every error message starts with the path.
#ifndef TFGRAPH_CORE_SSTABLE_H_
#define TFGRAPH_CORE_SSTABLE_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/mapped_file.h"
#include "core/status.h"

namespace leveldb {
class Table;
class RandomAccessFile;
}  // namespace leveldb

namespace tfgraph {

class SstableReader {
 public:
  static StatusOr<std::unique_ptr<SstableReader>> Open(std::shared_ptr<const MappedFile> file);
  ~SstableReader();

  using Visitor = std::function<Status(std::string_view key, std::string_view value)>;
  Status ForEach(const Visitor& visit) const;
  // Finds `key` (valid after a successful ForEach proved the keys sorted);
  // NotFound if absent. The value is copied: it may live in a temporary
  // decompressed block.
  StatusOr<std::string> Get(std::string_view key) const;

  const std::string& path() const { return file_->path(); }
  int num_data_blocks() const { return num_data_blocks_; }
  int num_snappy_blocks() const { return num_snappy_blocks_; }

 private:
  SstableReader() = default;
  std::shared_ptr<const MappedFile> file_;
  std::unique_ptr<leveldb::RandomAccessFile> raf_;
  std::unique_ptr<leveldb::Table> table_;
  int num_data_blocks_ = 0;
  int num_snappy_blocks_ = 0;
};

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_SSTABLE_H_
