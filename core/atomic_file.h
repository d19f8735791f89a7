// Atomic outputs: every file or folder tfgraph writes appears whole or not at all.
//
// AtomicFile writes to a temporary name in the destination's directory
// ("<dest>.tfgraph-tmp-<pid>-<n>"), and Commit() fsyncs it, renames it over
// the destination and fsyncs the directory. Until Commit() the destination is
// untouched; a destructor without Commit() removes the temporary. An existing
// destination is replaced only when `overwrite` is true; otherwise Open()
// fails with AlreadyExists before anything is written.
//
// AtomicDir does the same for a folder (a SavedModel): callers fill path()
// and Commit() fsyncs every file and folder in it, then renames it into place.
// Replacing an existing folder with overwrite=true swaps the two atomically
// (renameat2 RENAME_EXCHANGE) and deletes the old one afterwards, so an
// interrupted run leaves either the old or the new. Filesystems without
// RENAME_EXCHANGE get two renames; the old folder is moved aside to
// "<dest>.tfgraph-tmp-<pid>-<n>-old" first, so a kill between them leaves it
// there, complete, under that name.
//
// Leftovers: a process killed with SIGKILL can leave a temporary behind (never
// a partial destination), named "<dest>.tfgraph-tmp-<pid>-<n>" beside the
// destination so users recognise it. The next Open()/Create() for the same
// destination removes such leftovers whose process is gone (kill(pid, 0)
// fails with ESRCH) - except an "-old" one while the destination is missing,
// which is the only copy of the previous output. Temporaries of a live
// process (a concurrent run) are never touched. On a folder shared between
// machines (NFS) a pid says nothing about another host's processes; there a
// leftover of a run still going on another host could be removed.
#ifndef TFGRAPH_CORE_ATOMIC_FILE_H_
#define TFGRAPH_CORE_ATOMIC_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tfgraph {

class AtomicFile {
 public:
  static StatusOr<std::unique_ptr<AtomicFile>> Open(const std::string& dest, bool overwrite);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  Status Append(std::string_view data);
  uint64_t bytes_written() const { return written_; }
  const std::string& temp_path() const { return temp_; }
  const std::string& dest_path() const { return dest_; }
  // A descriptor for writers that need one (e.g. protobuf's FileOutputStream).
  int fd() const { return fd_; }
  // Notes bytes written directly through fd().
  void AddWritten(uint64_t n) { written_ += n; }

  // fsync, rename into place, fsync the directory.
  Status Commit();

 private:
  AtomicFile(std::string dest, std::string temp, int fd, bool overwrite)
      : dest_(std::move(dest)), temp_(std::move(temp)), fd_(fd), overwrite_(overwrite) {}
  std::string dest_;
  std::string temp_;
  int fd_ = -1;
  bool overwrite_ = false;
  bool committed_ = false;
  uint64_t written_ = 0;
};

// Writes `data` to `dest` atomically.
Status WriteFileAtomically(const std::string& dest, std::string_view data, bool overwrite);

class AtomicDir {
 public:
  static StatusOr<std::unique_ptr<AtomicDir>> Create(const std::string& dest, bool overwrite);
  ~AtomicDir();
  AtomicDir(const AtomicDir&) = delete;
  AtomicDir& operator=(const AtomicDir&) = delete;

  // The temporary folder to fill.
  const std::string& path() const { return temp_; }
  const std::string& dest_path() const { return dest_; }
  Status Commit();

 private:
  AtomicDir(std::string dest, std::string temp, bool overwrite)
      : dest_(std::move(dest)), temp_(std::move(temp)), overwrite_(overwrite) {}
  std::string dest_;
  std::string temp_;
  bool overwrite_ = false;
  bool committed_ = false;
};

// Removes the leftovers of killed runs for `dest` (see above). Best effort.
void RemoveStaleTemporaries(const std::string& dest);

// fsyncs a file or directory by path.
Status SyncPath(const std::string& path);
// Recursively removes a file or folder (does not follow symlinks).
Status RemoveAll(const std::string& path);
// Creates a directory and any missing parents.
Status MakeDirs(const std::string& path);

// For tests: the renameat2 that AtomicFile and AtomicDir call. A test swaps in
// one that fails with EINVAL, as on a filesystem without RENAME_EXCHANGE or
// RENAME_NOREPLACE, to run the fallbacks. Returns the one it replaces.
using Renameat2Fn = int (*)(const char* from, const char* to, unsigned flags);
Renameat2Fn SetRenameat2ForTesting(Renameat2Fn fn);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_ATOMIC_FILE_H_
