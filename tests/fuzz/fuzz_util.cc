#include "tests/fuzz/fuzz_util.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tfgraph::fuzz {
namespace {

void RemoveTree(const std::string& path, bool keep_top) {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) return;
  if (S_ISDIR(st.st_mode)) {
    if (DIR* d = opendir(path.c_str())) {
      while (dirent* e = readdir(d)) {
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
        RemoveTree(path + "/" + e->d_name, false);
      }
      closedir(d);
    }
    if (!keep_top) rmdir(path.c_str());
  } else {
    unlink(path.c_str());
  }
}

std::string* g_scratch = nullptr;

void RemoveScratch() {
  if (g_scratch) RemoveTree(*g_scratch, false);
}

}  // namespace

const std::string& ScratchDir() {
  if (!g_scratch) {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/tfgraph-fuzz-XXXXXX";
    if (!mkdtemp(templ.data())) {
      std::perror("mkdtemp");
      std::abort();
    }
    g_scratch = new std::string(templ);
    std::atexit(RemoveScratch);
  }
  return *g_scratch;
}

void ResetDir(const std::string& dir) { RemoveTree(dir, true); }

void MakeDir(const std::string& dir) {
  for (size_t i = 1; i <= dir.size(); ++i) {
    if (i == dir.size() || dir[i] == '/') {
      std::string part = dir.substr(0, i);
      if (mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) {
        std::perror(part.c_str());
        std::abort();
      }
    }
  }
}

void WriteFile(const std::string& path, std::string_view data) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || (!data.empty() && std::fwrite(data.data(), 1, data.size(), f) != data.size()) ||
      std::fclose(f) != 0) {
    std::perror(path.c_str());
    std::abort();
  }
}

std::vector<std::string_view> SplitParts(std::string_view data, size_t n) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < n) {
    size_t pos = data.find(kPartSeparator);
    if (pos == std::string_view::npos) break;
    parts.push_back(data.substr(0, pos));
    data.remove_prefix(pos + kPartSeparator.size());
  }
  parts.push_back(data);
  while (parts.size() < n) parts.push_back({});
  return parts;
}

}  // namespace tfgraph::fuzz
