#include "core/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>  // renameat2
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/mapped_file.h"

namespace tfgraph {
namespace {

constexpr std::string_view kMarker = ".tfgraph-tmp-";

int SystemRenameat2(const char* from, const char* to, unsigned flags) {
  return ::renameat2(AT_FDCWD, from, AT_FDCWD, to, flags);
}

std::atomic<Renameat2Fn> g_renameat2{SystemRenameat2};

int Renameat2(const char* from, const char* to, unsigned flags) {
  return g_renameat2.load()(from, to, flags);
}

std::string TempName(const std::string& dest) {
  static std::atomic<int> counter{0};
  return dest + std::string(kMarker) + std::to_string(::getpid()) + "-" +
         std::to_string(counter++);
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

// Reads the decimal digits at the front of `s` (consuming them); false if none.
bool TakeNumber(std::string_view* s, long* out) {
  size_t i = 0;
  long v = 0;
  while (i < s->size() && i < 12 && (*s)[i] >= '0' && (*s)[i] <= '9') {
    v = v * 10 + ((*s)[i] - '0');
    ++i;
  }
  if (i == 0) return false;
  s->remove_prefix(i);
  *out = v;
  return true;
}

bool ProcessAlive(long pid) {
  if (pid <= 0) return true;  // not a name we made: leave it
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

// rename() that fails instead of replacing an existing `to` (closing the
// window between the caller's existence check and the rename). Filesystems
// without RENAME_NOREPLACE get a plain rename after that check.
int RenameNoReplace(const char* from, const char* to) {
  if (Renameat2(from, to, RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return -1;
  return ::rename(from, to);
}

}  // namespace

Renameat2Fn SetRenameat2ForTesting(Renameat2Fn fn) { return g_renameat2.exchange(fn); }

void RemoveStaleTemporaries(const std::string& dest) {
  const std::string dir = Dirname(dest);
  const std::string prefix = Basename(dest) + std::string(kMarker);
  DIR* d = ::opendir(dir.empty() ? "." : dir.c_str());
  if (!d) return;
  std::vector<std::string> stale;
  while (struct dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    std::string_view rest = name.substr(prefix.size());
    long pid = 0, n = 0;
    if (!TakeNumber(&rest, &pid) || rest.empty() || rest[0] != '-') continue;
    rest.remove_prefix(1);
    if (!TakeNumber(&rest, &n)) continue;
    const bool old = rest == "-old";
    if (!rest.empty() && !old) continue;
    if (ProcessAlive(pid)) continue;  // another run is writing it right now
    // "-old" is a replaced destination moved aside (only on filesystems without
    // RENAME_EXCHANGE). If the run died before the new one took its place, it
    // is the user's only copy: keep it.
    if (old && !Exists(dest)) continue;
    stale.push_back(JoinPath(dir, std::string(name)));
  }
  ::closedir(d);
  // Best effort: a leftover that cannot be removed harms nothing.
  for (const auto& p : stale) RemoveAll(p);
}

Status SyncPath(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::WriteErrno(path, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  // Some filesystems refuse fsync on directories; that is not data loss.
  if (rc != 0 && err != EINVAL && err != EBADF) return Status::WriteErrno(path, err);
  return Status::OK();
}

Status RemoveAll(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    return errno == ENOENT ? Status::OK() : Status::FromErrno(path, errno);
  }
  if (S_ISDIR(st.st_mode)) {
    DIR* d = ::opendir(path.c_str());
    if (!d) return Status::FromErrno(path, errno);
    Status result;
    while (struct dirent* e = ::readdir(d)) {
      if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
      Status s = RemoveAll(JoinPath(path, e->d_name));
      if (!s.ok() && result.ok()) result = s;
    }
    ::closedir(d);
    TFG_RETURN_IF_ERROR(result);
    if (::rmdir(path.c_str()) != 0) return Status::FromErrno(path, errno);
    return Status::OK();
  }
  if (::unlink(path.c_str()) != 0) return Status::FromErrno(path, errno);
  return Status::OK();
}

Status MakeDirs(const std::string& path) {
  if (path.empty() || IsDirectory(path)) return Status::OK();
  std::string parent = Dirname(path);
  if (parent != path) TFG_RETURN_IF_ERROR(MakeDirs(parent));
  if (::mkdir(path.c_str(), 0777) != 0 && errno != EEXIST) return Status::WriteErrno(path, errno);
  return Status::OK();
}

StatusOr<std::unique_ptr<AtomicFile>> AtomicFile::Open(const std::string& dest, bool overwrite) {
  if (dest.empty()) return Status::InvalidArgument("empty output path");
  if (IsDirectory(dest)) return Status::AlreadyExists(dest + ": is a directory");
  if (!overwrite && Exists(dest)) {
    return Status::AlreadyExists(dest + ": already exists (use --force to replace it)");
  }
  std::string dir = Dirname(dest);
  if (!IsDirectory(dir)) {
    return Status::WriteFailed(dest + ": cannot write: folder " + dir + " does not exist");
  }
  RemoveStaleTemporaries(dest);
  std::string temp = TempName(dest);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return Status::WriteErrno(dest, errno);
  return std::unique_ptr<AtomicFile>(new AtomicFile(dest, temp, fd, overwrite));
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_.c_str());
}

Status AtomicFile::Append(std::string_view data) {
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::WriteErrno(dest_, errno);
    }
    p += n;
    left -= static_cast<size_t>(n);
    written_ += static_cast<uint64_t>(n);
  }
  return Status::OK();
}

Status AtomicFile::Commit() {
  if (committed_) return Status::Internal(dest_ + ": committed twice");
  if (::fsync(fd_) != 0) return Status::WriteErrno(dest_, errno);
  if (::close(fd_) != 0) {
    fd_ = -1;
    return Status::WriteErrno(dest_, errno);
  }
  fd_ = -1;
  // Re-check at the last moment: the destination may have appeared meanwhile.
  if (!overwrite_ && Exists(dest_)) {
    return Status::AlreadyExists(dest_ + ": already exists (use --force to replace it)");
  }
  int rc = overwrite_ ? ::rename(temp_.c_str(), dest_.c_str())
                      : RenameNoReplace(temp_.c_str(), dest_.c_str());
  if (rc != 0) {
    if (errno == EEXIST) {
      return Status::AlreadyExists(dest_ + ": already exists (use --force to replace it)");
    }
    return Status::WriteErrno(dest_, errno);
  }
  committed_ = true;
  return SyncPath(Dirname(dest_));
}

Status WriteFileAtomically(const std::string& dest, std::string_view data, bool overwrite) {
  TFG_ASSIGN_OR_RETURN(auto file, AtomicFile::Open(dest, overwrite));
  TFG_RETURN_IF_ERROR(file->Append(data));
  return file->Commit();
}

StatusOr<std::unique_ptr<AtomicDir>> AtomicDir::Create(const std::string& dest, bool overwrite) {
  if (dest.empty()) return Status::InvalidArgument("empty output path");
  if (!overwrite && Exists(dest)) {
    return Status::AlreadyExists(dest + ": already exists (use --force to replace it)");
  }
  std::string parent = Dirname(dest);
  TFG_RETURN_IF_ERROR(MakeDirs(parent));
  RemoveStaleTemporaries(dest);
  std::string temp = TempName(dest);
  if (::mkdir(temp.c_str(), 0777) != 0) return Status::WriteErrno(dest, errno);
  return std::unique_ptr<AtomicDir>(new AtomicDir(dest, temp, overwrite));
}

AtomicDir::~AtomicDir() {
  if (!committed_) RemoveAll(temp_);
}

Status AtomicDir::Commit() {
  if (committed_) return Status::Internal(dest_ + ": committed twice");
  // Make the content durable before it becomes visible.
  std::vector<std::string> stack{temp_};
  while (!stack.empty()) {
    std::string p = stack.back();
    stack.pop_back();
    if (IsDirectory(p)) {
      if (DIR* d = ::opendir(p.c_str())) {
        while (struct dirent* e = ::readdir(d)) {
          if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
          stack.push_back(JoinPath(p, e->d_name));
        }
        ::closedir(d);
      }
    }
    TFG_RETURN_IF_ERROR(SyncPath(p));
  }
  if (Exists(dest_)) {
    if (!overwrite_) return Status::AlreadyExists(dest_ + ": already exists (use --force to replace it)");
    // Swap new and old in one step: at every instant dest_ is one or the
    // other. The old content then sits under the temporary name.
    if (Renameat2(temp_.c_str(), dest_.c_str(), RENAME_EXCHANGE) == 0) {
      committed_ = true;
      TFG_RETURN_IF_ERROR(SyncPath(Dirname(dest_)));
      return RemoveAll(temp_);
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
      return Status::WriteErrno(dest_, errno);
    }
    // No RENAME_EXCHANGE here: move the old one aside, then the new one in.
    // A kill between the two renames leaves no destination, but the old one
    // survives as "<dest>.tfgraph-tmp-<pid>-<n>-old" (never cleaned up
    // automatically while the destination is missing).
    std::string old = TempName(dest_) + "-old";
    if (::rename(dest_.c_str(), old.c_str()) != 0) return Status::WriteErrno(dest_, errno);
    if (::rename(temp_.c_str(), dest_.c_str()) != 0) {
      int err = errno;
      ::rename(old.c_str(), dest_.c_str());  // put the old one back
      return Status::WriteErrno(dest_, err);
    }
    committed_ = true;
    TFG_RETURN_IF_ERROR(SyncPath(Dirname(dest_)));
    return RemoveAll(old);
  }
  if (RenameNoReplace(temp_.c_str(), dest_.c_str()) != 0) {
    if (errno == EEXIST) {
      return Status::AlreadyExists(dest_ + ": already exists (use --force to replace it)");
    }
    return Status::WriteErrno(dest_, errno);
  }
  committed_ = true;
  return SyncPath(Dirname(dest_));
}

}  // namespace tfgraph
