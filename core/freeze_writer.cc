#include "core/freeze_writer.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>
#include <cerrno>
#include <cstdio>
#include <vector>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_file.h"

namespace tfgraph {
namespace {

// Wire-format tags (field number << 3 | wire type 2, length-delimited).
constexpr char kGraphNodeTag = 0x0a;      // GraphDef.node = 1
constexpr char kNodeAttrTag = 0x2a;       // NodeDef.attr = 5
constexpr char kMapKeyTag = 0x0a;         // map entry key = 1
constexpr char kMapValueTag = 0x12;       // map entry value = 2
constexpr char kAttrTensorTag = 0x42;     // AttrValue.tensor = 8
constexpr char kTensorContentTag = 0x22;  // TensorProto.tensor_content = 4

int VarintLen(uint64_t v) {
  int n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutLenField(std::string* out, char tag, uint64_t len) {
  out->push_back(tag);
  PutVarint(out, len);
}

// Deterministic serialization (map entries sorted by key), so that the same
// input always gives the same output file.
std::string Serialize(const google::protobuf::MessageLite& m) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  m.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

// A node whose value bytes are streamed: everything but the content, and the
// lengths needed to frame it.
struct StreamedNode {
  std::string head;   // GraphDef.node tag+len, NodeDef without `value`, attr framing,
                      // TensorProto dtype+shape, tensor_content tag+len
  std::string_view content;
  uint64_t total() const { return head.size() + content.size(); }
};

bool Streamable(const Tensor& t) { return t.valid() && !t.is_string_like(); }

StreamedNode FrameNode(const tensorflow::NodeDef& node, const Tensor& value) {
  tensorflow::NodeDef base = node;
  base.mutable_attr()->erase("value");
  std::string base_bytes = Serialize(base);

  tensorflow::TensorProto tp;
  tp.set_dtype(value.dtype());
  DimsToProto(value.dims(), tp.mutable_tensor_shape());
  std::string tp_head = Serialize(tp);
  const uint64_t n = value.bytes().size();
  const uint64_t tp_len = tp_head.size() + 1 + VarintLen(n) + n;
  const uint64_t av_len = 1 + VarintLen(tp_len) + tp_len;
  const uint64_t entry_len = 1 + 1 + 5 + 1 + VarintLen(av_len) + av_len;
  const uint64_t node_len = base_bytes.size() + 1 + VarintLen(entry_len) + entry_len;

  StreamedNode s;
  PutLenField(&s.head, kGraphNodeTag, node_len);
  s.head += base_bytes;
  PutLenField(&s.head, kNodeAttrTag, entry_len);
  PutLenField(&s.head, kMapKeyTag, 5);
  s.head += "value";
  PutLenField(&s.head, kMapValueTag, av_len);
  PutLenField(&s.head, kAttrTensorTag, tp_len);
  s.head += tp_head;
  PutLenField(&s.head, kTensorContentTag, n);
  s.content = value.bytes();
  return s;
}

std::string PlainNode(const tensorflow::NodeDef& node) {
  std::string bytes = Serialize(node);
  std::string out;
  PutLenField(&out, kGraphNodeTag, bytes.size());
  return out + bytes;
}

std::string NodeWithValue(const tensorflow::NodeDef& node, const Tensor& value, Status* st) {
  tensorflow::NodeDef copy = node;
  *st = value.ToProto((*copy.mutable_attr())["value"].mutable_tensor());
  return PlainNode(copy);
}

std::string GraphTail(const tensorflow::GraphDef& graph) {
  tensorflow::GraphDef rest;
  if (graph.has_library()) *rest.mutable_library() = graph.library();
  if (graph.has_versions()) *rest.mutable_versions() = graph.versions();
  return Serialize(rest);
}

// A file-backed mapping of this process (from /proc/self/maps).
struct FileMapping {
  uintptr_t begin = 0, end = 0;
  uint64_t offset = 0;
  uint64_t inode = 0;
  std::string path;
};

std::vector<FileMapping> FileMappings() {
  std::vector<FileMapping> out;
  FILE* f = std::fopen("/proc/self/maps", "r");
  if (f == nullptr) return out;
  char line[8192];
  while (std::fgets(line, sizeof line, f)) {
    unsigned long begin = 0, end = 0, offset = 0, inode = 0;
    char perms[8] = {0}, dev[32] = {0};
    int consumed = 0;
    if (std::sscanf(line, "%lx-%lx %7s %lx %31s %lu %n", &begin, &end, perms, &offset, dev,
                    &inode, &consumed) < 6 ||
        inode == 0)
      continue;
    FileMapping m;
    m.begin = begin;
    m.end = end;
    m.offset = offset;
    m.inode = inode;
    m.path = line + consumed;
    while (!m.path.empty() && (m.path.back() == '\n' || m.path.back() == ' ')) m.path.pop_back();
    out.push_back(std::move(m));
  }
  std::fclose(f);
  return out;
}

const FileMapping* MappingOf(std::string_view bytes, const std::vector<FileMapping>& maps) {
  uintptr_t begin = reinterpret_cast<uintptr_t>(bytes.data());
  uintptr_t end = begin + bytes.size();
  for (const auto& m : maps)
    if (begin >= m.begin && end <= m.end) return &m;
  return nullptr;
}

// Drops the pages of a written tensor from our resident set when they belong
// to a file mapping (the checkpoint): they are clean and the kernel re-reads
// them if needed. Heap memory is left alone (MADV_DONTNEED would zero it).
void ReleasePages(std::string_view bytes, const std::vector<FileMapping>& maps) {
  static const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  if (MappingOf(bytes, maps) == nullptr) return;
  uintptr_t begin = reinterpret_cast<uintptr_t>(bytes.data());
  uintptr_t end = begin + bytes.size();
  begin = (begin + page - 1) & ~(page - 1);
  end &= ~(page - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

// Copies `bytes`, which lie in the file mapping `m`, from that file to the
// end of `out` inside the kernel (copy_file_range), as cp does: no user-space
// copy and no page faults. Returns false (nothing written) when the kernel or
// filesystem cannot, so the caller writes the bytes itself.
bool KernelCopy(std::string_view bytes, const FileMapping& m, AtomicFile* out, Status* st) {
  if (m.path.empty() || m.path[0] != '/' || m.path.find(" (deleted)") != std::string::npos)
    return false;
  int in = ::open(m.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return false;
  struct stat sb;
  if (::fstat(in, &sb) != 0 || static_cast<uint64_t>(sb.st_ino) != m.inode) {
    ::close(in);  // not the file that is mapped (replaced since)
    return false;
  }
  loff_t off = static_cast<loff_t>(m.offset + (reinterpret_cast<uintptr_t>(bytes.data()) - m.begin));
  size_t left = bytes.size();
  bool ok = true;
  while (left > 0) {
    ssize_t n = ::copy_file_range(in, &off, out->fd(), nullptr, left, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (left == bytes.size()) {
        ok = false;  // nothing copied: let the caller write()
      } else {
        *st = Status::WriteErrno(out->dest_path(), n < 0 ? errno : EIO);
      }
      break;
    }
    left -= static_cast<size_t>(n);
    out->AddWritten(static_cast<uint64_t>(n));
  }
  ::close(in);
  return ok;
}

}  // namespace

uint64_t FrozenGraphSize(const tensorflow::GraphDef& graph, const ConstValues& values) {
  uint64_t total = 0;
  for (const auto& node : graph.node()) {
    auto v = values.find(node.name());
    if (v != values.end() && Streamable(v->second)) {
      total += FrameNode(node, v->second).total();
    } else if (v != values.end()) {
      Status st;
      total += NodeWithValue(node, v->second, &st).size();
    } else {
      uint64_t n = node.ByteSizeLong();
      total += 1 + VarintLen(n) + n;
    }
  }
  return total + GraphTail(graph).size();
}

Status MaterializeFrozenGraph(const tensorflow::GraphDef& graph, const ConstValues& values,
                              tensorflow::GraphDef* out) {
  *out = graph;
  for (auto& node : *out->mutable_node()) {
    auto v = values.find(node.name());
    if (v == values.end()) continue;
    TFG_RETURN_IF_ERROR(v->second.ToProto((*node.mutable_attr())["value"].mutable_tensor()));
  }
  return Status::OK();
}

Status WriteFrozenGraph(const tensorflow::GraphDef& graph, const ConstValues& values,
                        const std::string& path, const WriteOptions& options,
                        uint64_t* bytes_written) {
  TFG_ASSIGN_OR_RETURN(auto file, AtomicFile::Open(path, options.overwrite));
  if (options.text) {
    tensorflow::GraphDef full;
    TFG_RETURN_IF_ERROR(MaterializeFrozenGraph(graph, values, &full));
    std::string text;
    if (!google::protobuf::TextFormat::PrintToString(full, &text))
      return Status::Internal(path + ": cannot print the graph as text");
    TFG_RETURN_IF_ERROR(file->Append(text));
  } else {
    constexpr size_t kFlushAt = 4 << 20;
    const auto file_maps = FileMappings();
    std::string buf;
    auto flush = [&]() -> Status {
      Status st = file->Append(buf);
      buf.clear();
      if (options.progress) options.progress(file->bytes_written());
      return st;
    };
    for (const auto& node : graph.node()) {
      auto v = values.find(node.name());
      if (v != values.end() && Streamable(v->second)) {
        StreamedNode s = FrameNode(node, v->second);
        buf += s.head;
        if (s.content.size() < kFlushAt) {
          buf += s.content;
        } else {
          TFG_RETURN_IF_ERROR(flush());
          const FileMapping* m = MappingOf(s.content, file_maps);
          Status st;
          if (m == nullptr || !KernelCopy(s.content, *m, file.get(), &st)) {
            TFG_RETURN_IF_ERROR(file->Append(s.content));
          }
          TFG_RETURN_IF_ERROR(st);
          ReleasePages(s.content, file_maps);
          if (options.progress) options.progress(file->bytes_written());
        }
      } else if (v != values.end()) {
        Status st;
        buf += NodeWithValue(node, v->second, &st);
        TFG_RETURN_IF_ERROR(st);
      } else {
        buf += PlainNode(node);
      }
      if (buf.size() >= kFlushAt) TFG_RETURN_IF_ERROR(flush());
    }
    buf += GraphTail(graph);
    TFG_RETURN_IF_ERROR(flush());
  }
  const uint64_t n = file->bytes_written();
  TFG_RETURN_IF_ERROR(file->Commit());
  if (bytes_written) *bytes_written = n;
  return Status::OK();
}

}  // namespace tfgraph
