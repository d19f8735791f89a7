// Helpers shared by the checkpoint tests: the corpus location (tests skip,
// saying so, when it is absent), fresh temporary directories, and file edits
// used to build corrupted copies of real checkpoints.
#ifndef TFGRAPH_TESTS_UNIT_CKPT_TEST_UTIL_H_
#define TFGRAPH_TESTS_UNIT_CKPT_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace tfgraph::testing_util {

// $TFGRAPH_CORPUS/<item>, or "" when the corpus is absent.
inline std::string CorpusPath(const std::string& item) {
  const char* c = std::getenv("TFGRAPH_CORPUS");
  if (!c || !std::filesystem::is_directory(c)) return "";
  return std::string(c) + "/" + item;
}

inline std::string SamplesPath(const std::string& item) {
  const char* c = std::getenv("TFGRAPH_SAMPLES");
  std::string root = c ? c : "";
  if (root.empty()) {
    const char* src = std::getenv("TFGRAPH_SOURCE_DIR");
    if (src) root = std::string(src) + "/samples";
  }
  if (root.empty() || !std::filesystem::is_directory(root)) return "";
  return root + "/" + item;
}

#define TFG_REQUIRE_CORPUS(var, item)                                                  \
  const std::string var = ::tfgraph::testing_util::CorpusPath(item);                   \
  if (var.empty()) GTEST_SKIP() << "TFGRAPH_CORPUS not set or absent: corpus test skipped"

#define TFG_REQUIRE_SAMPLES(var, item)                                                 \
  const std::string var = ::tfgraph::testing_util::SamplesPath(item);                  \
  if (var.empty() || !std::filesystem::exists(var))                                   \
  GTEST_SKIP() << "samples/" << item << " absent: sample test skipped"

// A new empty directory under the gtest temp dir.
inline std::string FreshDir(const std::string& name) {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string dir = ::testing::TempDir() + "/tfgraph_" + info->test_suite_name() + "_" +
                    info->name() + "_" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void WriteAll(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

// Copies every file of `src_dir` whose name starts with `stem` into `dst_dir`.
inline void CopyFiles(const std::string& src_dir, const std::string& stem,
                      const std::string& dst_dir) {
  for (const auto& e : std::filesystem::directory_iterator(src_dir)) {
    std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.compare(0, stem.size(), stem) == 0)
      std::filesystem::copy_file(e.path(), dst_dir + "/" + name,
                                 std::filesystem::copy_options::overwrite_existing);
  }
}

}  // namespace tfgraph::testing_util

#endif  // TFGRAPH_TESTS_UNIT_CKPT_TEST_UTIL_H_
