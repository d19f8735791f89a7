// MappedFile: a read-only, memory-mapped view of a whole file.
//
// Big model files (frozen graphs, checkpoint data shards) are read through
// mmap so that tensor bytes are never copied into our own buffers: callers
// take std::string_view slices of data() and keep the MappedFile alive for as
// long as they use them. A zero-length file maps to an empty view (mmap of
// length 0 is not allowed, so nothing is mapped).
//
// Open() fails with NotFound for a missing path, and IOError for anything
// else the OS refuses and for what is not a file: a directory, a FIFO or a
// socket (refused at once; a FIFO is never waited on).
#ifndef TFGRAPH_CORE_MAPPED_FILE_H_
#define TFGRAPH_CORE_MAPPED_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tfgraph {

class MappedFile {
 public:
  static StatusOr<std::shared_ptr<const MappedFile>> Open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const std::string& path() const { return path_; }
  std::string_view data() const { return {data_, size_}; }
  uint64_t size() const { return size_; }

  // A bounds-checked slice; Corruption naming the file if it runs past EOF.
  StatusOr<std::string_view> Slice(uint64_t offset, uint64_t length) const;

  // Lets the kernel drop the whole pages of [offset, offset + length) from
  // this process (madvise MADV_DONTNEED): resident memory goes down, the page
  // cache keeps the data, and any later read of the range faults the same
  // bytes back in (the mapping is private and never written), so views into
  // it stay valid. Used to scan files larger than memory one tensor at a time.
  void DropPages(uint64_t offset, uint64_t length) const;

 private:
  MappedFile(std::string path, const char* data, uint64_t size)
      : path_(std::move(path)), data_(data), size_(size) {}
  std::string path_;
  const char* data_;
  uint64_t size_;
};

// Reads a small file whole into a string (for text protos, state files).
StatusOr<std::string> ReadFileToString(const std::string& path);

// Filesystem helpers used across core/.
bool PathExists(const std::string& path);
bool IsDirectory(const std::string& path);
bool IsRegularFile(const std::string& path);
// "dir/name" with exactly one slash between; "" dir yields name.
std::string JoinPath(std::string_view dir, std::string_view name);
std::string Dirname(std::string_view path);
std::string Basename(std::string_view path);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_MAPPED_FILE_H_
