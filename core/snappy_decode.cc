#include "core/snappy_decode.h"

#include "core/varint.h"

namespace tfgraph {

bool SnappyUncompressedLength(std::string_view in, uint64_t* length) {
  uint32_t len;
  if (!GetVarint32(&in, &len)) return false;
  *length = len;
  return true;
}

bool SnappyDecompress(std::string_view in, uint64_t max_size, std::string* out) {
  uint32_t total;
  if (!GetVarint32(&in, &total) || total > max_size) return false;
  out->clear();
  out->reserve(total);
  auto take = [&in](size_t n, uint32_t* v) {
    if (in.size() < n) return false;
    *v = 0;
    for (size_t i = 0; i < n; ++i) *v |= uint32_t(static_cast<unsigned char>(in[i])) << (8 * i);
    in.remove_prefix(n);
    return true;
  };
  while (!in.empty()) {
    const unsigned char tag = static_cast<unsigned char>(in[0]);
    in.remove_prefix(1);
    uint32_t len = 0, offset = 0;
    switch (tag & 3) {
      case 0: {  // literal
        len = tag >> 2;
        if (len >= 60) {
          uint32_t extra;
          if (!take(len - 59, &extra)) return false;
          len = extra;
        }
        uint64_t n = uint64_t{len} + 1;
        if (in.size() < n || out->size() + n > total) return false;
        out->append(in.substr(0, n));
        in.remove_prefix(n);
        continue;
      }
      case 1:
        len = 4 + ((tag >> 2) & 7);
        if (!take(1, &offset)) return false;
        offset |= uint32_t(tag >> 5) << 8;
        break;
      case 2:
        len = (tag >> 2) + 1;
        if (!take(2, &offset)) return false;
        break;
      default:
        len = (tag >> 2) + 1;
        if (!take(4, &offset)) return false;
        break;
    }
    if (offset == 0 || offset > out->size() || out->size() + len > total) return false;
    // Copies may overlap their own output (run-length style): byte by byte.
    size_t from = out->size() - offset;
    for (uint32_t i = 0; i < len; ++i) out->push_back((*out)[from + i]);
  }
  return out->size() == total;
}

}  // namespace tfgraph
