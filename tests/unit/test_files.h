// Helpers for unit tests that need files: a temporary folder removed at the
// end of the test, file writing, and the locations of samples/ and the shared
// corpus (from the environment ctest sets; empty when unavailable).
#ifndef TFGRAPH_TESTS_UNIT_TEST_FILES_H_
#define TFGRAPH_TESTS_UNIT_TEST_FILES_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "core/bundle_writer.h"

namespace tfgraph::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tfgraph-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data()) ? tmpl : std::string();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

inline void WriteFile(const std::string& path, std::string_view bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A file ending with LevelDB's table footer: enough for the loader to take it
// as a checkpoint table (it does not read tensors).
inline std::string FakeTable() {
  std::string t(48, '\0');
  const char magic[8] = {'\x57', '\xfb', '\x80', '\x8b', '\x24', '\x75', '\x47', '\xdb'};
  t.replace(40, 8, magic, 8);
  return t;
}

// A real one-tensor V2 checkpoint at `prefix` (w = [1, 2, 3]); false on error.
inline bool WriteCheckpoint(const std::string& prefix) {
  std::filesystem::create_directories(std::filesystem::path(prefix).parent_path());
  auto w = BundleWriter::Create(prefix, BundleWriterOptions{true, 1});
  if (!w.ok()) return false;
  if (!(*w)->Add("w", Tensor::Of<float>(tensorflow::DT_FLOAT, {3}, {1, 2, 3})).ok()) return false;
  return (*w)->Finish().ok();
}

inline std::string EnvPath(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v || !std::filesystem::exists(v)) return "";
  return v;
}
inline std::string SamplesDir() { return EnvPath("TFGRAPH_SAMPLES"); }
inline std::string CorpusDir() { return EnvPath("TFGRAPH_CORPUS"); }

}  // namespace tfgraph::testing

#endif  // TFGRAPH_TESTS_UNIT_TEST_FILES_H_
