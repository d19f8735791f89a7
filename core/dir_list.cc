#include "core/dir_list.h"

#include <dirent.h>

#include <algorithm>
#include <cerrno>

namespace tfgraph {

StatusOr<std::vector<std::string>> ListDirectory(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return Status::FromErrno(dir, errno);
  std::vector<std::string> names;
  errno = 0;
  while (struct dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  int err = errno;
  ::closedir(d);
  if (err != 0) return Status::FromErrno(dir, err);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace tfgraph
