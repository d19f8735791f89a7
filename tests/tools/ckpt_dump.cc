// ckpt_dump: a test-only driver of the checkpoint layer, used by the
// conformance tests (tests/conformance/test_checkpoint_values.py) to compare
// what tfgraph writes with what TensorFlow writes (reading is checked through
// the tfgraph program itself; `list` cross-checks the library against it).
//
//   ckpt_dump list PATH                 JSON Lines, one "variable" record per name
//   ckpt_dump check PATH                reads (and so verifies) every tensor;
//                                       prints "<n> tensors verified"
//   ckpt_dump rewrite PATH DST_PREFIX   reads every tensor and writes them with
//                                       BundleWriter in the original data order,
//                                       same shard ids (so the .index should be
//                                       byte-identical to TensorFlow's)
// Exit status: 0 ok, 3 when the checkpoint layer reports an error (printed as
// one line on stderr), 2 for usage errors.
#include <algorithm>
#include <cstdio>
#include <string>
#include <tuple>
#include <vector>

#include "core/bundle_writer.h"
#include "core/checkpoint_reader.h"
#include "core/tensor_slice.h"

namespace tfgraph {
namespace {

int Fail(const Status& s) {
  std::fprintf(stderr, "ckpt_dump: %s\n", s.message().c_str());
  return 3;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string JsonDims(const Dims& d) {
  std::string s = "[";
  for (size_t i = 0; i < d.size(); ++i) s += (i ? "," : "") + std::to_string(d[i]);
  return s + "]";
}

int List(const std::string& path) {
  auto r = CheckpointReader::Open(path);
  if (!r.ok()) return Fail(r.status());
  for (const auto& v : (*r)->variables()) {
    std::string parts = "[";
    for (size_t i = 0; i < v.parts.size(); ++i)
      parts += std::string(i ? "," : "") + "{\"slice\":" + JsonString(v.parts[i].slice) +
               ",\"shape\":" + JsonDims(v.parts[i].shape) + "}";
    parts += "]";
    std::printf(
        "{\"type\":\"variable\",\"name\":%s,\"dtype\":%s,\"shape\":%s,\"bytes\":%llu,"
        "\"shard\":%d,\"parts\":%s,\"problem\":%s}\n",
        JsonString(v.name).c_str(), JsonString(DTypeName(v.dtype)).c_str(),
        JsonDims(v.shape).c_str(), static_cast<unsigned long long>(v.bytes), v.shard,
        parts.c_str(), JsonString(v.problem).c_str());
  }
  return 0;
}

int Check(const std::string& path) {
  auto r = CheckpointReader::Open(path);
  if (!r.ok()) return Fail(r.status());
  for (const auto& v : (*r)->variables()) {
    auto t = (*r)->Read(v.name);
    if (!t.ok()) return Fail(t.status());
  }
  std::printf("%zu tensors verified\n", (*r)->variables().size());
  return 0;
}

int Rewrite(const std::string& path, const std::string& dst) {
  auto r = CheckpointReader::Open(path);
  if (!r.ok()) return Fail(r.status());
  if ((*r)->format() != CheckpointFormat::kV2)
    return Fail(Status::Unsupported(path + ": rewrite needs a V2 checkpoint"));
  // Everything stored, in TensorFlow's write order: (shard, offset).
  struct Item {
    int shard;
    uint64_t offset;
    std::string name;
    int part;  // -1: a whole tensor
  };
  std::vector<Item> items;
  for (const auto& v : (*r)->variables()) {
    if (!v.partitioned()) {
      items.push_back({v.shard, v.offset, v.name, -1});
      continue;
    }
    for (size_t i = 0; i < v.parts.size(); ++i)
      items.push_back({v.parts[i].shard, v.parts[i].offset, v.name, static_cast<int>(i)});
  }
  // An empty tensor shares its offset with the tensor added after it: it was
  // added first, so zero-size entries sort first among equal offsets.
  std::stable_sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    auto size_of = [&](const Item& it) {
      const auto* v = (*r)->Find(it.name);
      return it.part < 0 ? v->bytes : v->parts[static_cast<size_t>(it.part)].bytes;
    };
    return std::make_tuple(a.shard, a.offset, size_of(a) > 0) <
           std::make_tuple(b.shard, b.offset, size_of(b) > 0);
  });
  auto w = BundleWriter::Create(dst, {true, (*r)->num_shards(), (*r)->index_is_snappy()});
  if (!w.ok()) return Fail(w.status());
  for (const Item& it : items) {
    auto t = (*r)->Read(it.name);
    if (!t.ok()) return Fail(t.status());
    Status st;
    if (it.part < 0) {
      st = (*w)->Add(it.name, *t, it.shard);
    } else {
      const auto* v = (*r)->Find(it.name);
      auto slice = TensorSlice::Parse(v->parts[static_cast<size_t>(it.part)].slice);
      if (!slice.ok()) return Fail(slice.status());
      auto part = ExtractSlice(*t, *slice);
      if (!part.ok()) return Fail(part.status());
      st = (*w)->AddSlice(it.name, v->shape, *slice, *part, it.shard);
    }
    if (!st.ok()) return Fail(st);
  }
  Status st = (*w)->Finish();
  return st.ok() ? 0 : Fail(st);
}

}  // namespace
}  // namespace tfgraph

int main(int argc, char** argv) {
  std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() == 2 && a[0] == "list") return tfgraph::List(a[1]);
  if (a.size() == 2 && a[0] == "check") return tfgraph::Check(a[1]);
  if (a.size() == 3 && a[0] == "rewrite") return tfgraph::Rewrite(a[1], a[2]);
  std::fprintf(stderr,
               "usage: ckpt_dump list PATH | check PATH | "
               "rewrite PATH DST_PREFIX\n");
  return 2;
}
