// Helpers shared by the libFuzzer targets in tests/fuzz/.
//
// Targets whose parser reads from disk (Model::Load, CheckpointReader) get
// their bytes written into a private scratch folder, created once per
// process under $TMPDIR and removed at exit, so a target never touches
// anything but its own files. ResetDir() empties a folder between runs so
// that one input cannot see files left by another.
//
// SplitParts() cuts one input into several files: parts are separated by the
// 8-byte marker kPartSeparator, so seeds are plain concatenations
// (scripts/fuzz_seeds.sh builds them) and the fuzzer mutates all files at
// once, including their lengths.
#ifndef TFGRAPH_TESTS_FUZZ_FUZZ_UTIL_H_
#define TFGRAPH_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tfgraph::fuzz {

inline constexpr std::string_view kPartSeparator = "\n#TFGPART";

// The process's scratch folder (no trailing slash).
const std::string& ScratchDir();
// Removes everything inside `dir` (which must exist), keeping `dir`.
void ResetDir(const std::string& dir);
// Creates `dir` and its missing parents.
void MakeDir(const std::string& dir);
// Writes (replaces) `path` with `data`; aborts on failure (an environment
// problem, not a finding).
void WriteFile(const std::string& path, std::string_view data);
// Splits `data` at kPartSeparator into exactly `n` parts (missing ones empty,
// extra separators stay in the last part).
std::vector<std::string_view> SplitParts(std::string_view data, size_t n);

inline std::string_view AsView(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace tfgraph::fuzz

#endif  // TFGRAPH_TESTS_FUZZ_FUZZ_UTIL_H_
