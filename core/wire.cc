#include "core/wire.h"

namespace tfgraph {

bool ReadVarint(std::string_view d, size_t* pos, uint64_t* out) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (*pos >= d.size()) return false;
    uint8_t b = static_cast<uint8_t>(d[(*pos)++]);
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      *out = v;
      return true;
    }
  }
  return false;
}

bool WireReader::Next(WireField* f) {
  if (!ok_ || pos_ >= data_.size()) return false;
  uint64_t tag;
  if (!ReadVarint(data_, &pos_, &tag) || (tag >> 3) == 0 || (tag >> 3) > 536870911) {
    ok_ = false;
    return false;
  }
  f->number = static_cast<uint32_t>(tag >> 3);
  f->wire = static_cast<int>(tag & 7);
  f->value = 0;
  f->payload = {};
  bool good = true;
  switch (f->wire) {
    case 0:
      good = ReadVarint(data_, &pos_, &f->value);
      break;
    case 1:
    case 5: {
      size_t n = f->wire == 1 ? 8 : 4;
      good = data_.size() - pos_ >= n;
      if (good) pos_ += n;
      break;
    }
    case 2: {
      uint64_t len;
      good = ReadVarint(data_, &pos_, &len) && len <= data_.size() - pos_;
      if (good) {
        f->payload = data_.substr(pos_, static_cast<size_t>(len));
        pos_ += static_cast<size_t>(len);
      }
      break;
    }
    default:
      good = false;
  }
  if (!good) ok_ = false;
  return good;
}

}  // namespace tfgraph
