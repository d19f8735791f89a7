#include "core/sniff.h"

#include <cctype>
#include <cstring>

namespace tfgraph {
namespace {

// LevelDB / TF table footer magic 0xdb4775248b80fb57, little-endian.
constexpr char kTableMagic[8] = {'\x57', '\xfb', '\x80', '\x8b', '\x24', '\x75', '\x47', '\xdb'};
constexpr size_t kTableFooterSize = 48;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

bool LooksLikeText(std::string_view data) {
  std::string_view head = data.substr(0, 64 * 1024);
  for (unsigned char c : head) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    if (c == 0x7f) return false;
  }
  // Skip blanks and comment lines; the first real character must start a
  // field name (text protos) or be a '[' (an extension / Any type URL).
  size_t i = 0;
  while (i < head.size()) {
    unsigned char c = head[i];
    if (std::isspace(c)) {
      ++i;
    } else if (c == '#') {
      while (i < head.size() && head[i] != '\n') ++i;
    } else {
      return std::isalpha(c) || c == '_' || c == '[';
    }
  }
  return false;  // nothing but blanks
}

FileKind SniffContent(std::string_view data) {
  if (data.empty()) return FileKind::kEmpty;
  bool blank = true;
  for (unsigned char c : data.substr(0, 4096)) {
    if (!std::isspace(c)) {
      blank = false;
      break;
    }
  }
  if (blank && data.size() <= 4096) return FileKind::kBlank;
  if (data.size() >= kTableFooterSize &&
      std::memcmp(data.data() + data.size() - 8, kTableMagic, 8) == 0) {
    return FileKind::kTable;
  }
  if (StartsWith(data, "version https://git-lfs")) return FileKind::kGitLfsPointer;
  if (StartsWith(data, "\x89HDF\r\n\x1a\n")) return FileKind::kHdf5;
  if (StartsWith(data, "PK\x03\x04")) return FileKind::kZip;
  if (data.size() >= 8 && data.substr(4, 4) == "TFL3") return FileKind::kTfLite;
  if (LooksLikeText(data)) return FileKind::kTextProto;
  return FileKind::kBinaryProto;
}

const char* FileKindDescription(FileKind kind) {
  switch (kind) {
    case FileKind::kEmpty: return "an empty file (0 bytes)";
    case FileKind::kBlank: return "a file holding only whitespace";
    case FileKind::kTable: return "a checkpoint table (.index or V1 checkpoint)";
    case FileKind::kTextProto: return "a text file";
    case FileKind::kBinaryProto: return "a binary file";
    case FileKind::kGitLfsPointer: return "a Git LFS pointer, not the real file (run `git lfs pull`)";
    case FileKind::kHdf5: return "an HDF5 file (Keras .h5), not a TensorFlow graph";
    case FileKind::kZip: return "a zip archive (Keras .keras?), not a TensorFlow graph";
    case FileKind::kTfLite: return "a TensorFlow Lite flatbuffer, not a TensorFlow graph";
  }
  return "a file";
}

}  // namespace tfgraph
