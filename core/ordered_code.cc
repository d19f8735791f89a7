#include "core/ordered_code.h"

namespace tfgraph::ordered_code {

void WriteString(std::string* dst, std::string_view s) {
  for (char c : s) {
    if (c == '\x00') {
      dst->append("\x00\xff", 2);
    } else if (c == '\xff') {
      dst->append("\xff\x00", 2);
    } else {
      dst->push_back(c);
    }
  }
  dst->append("\x00\x01", 2);
}

bool ReadString(std::string_view* in, std::string* s) {
  s->clear();
  size_t i = 0;
  while (i < in->size()) {
    char c = (*in)[i];
    if (c != '\x00' && c != '\xff') {
      s->push_back(c);
      ++i;
      continue;
    }
    if (i + 1 >= in->size()) return false;
    char next = (*in)[i + 1];
    if (c == '\x00' && next == '\x01') {
      in->remove_prefix(i + 2);
      return true;
    }
    if (c == '\x00' && next == '\xff') {
      s->push_back('\x00');
    } else if (c == '\xff' && next == '\x00') {
      s->push_back('\xff');
    } else {
      return false;
    }
    i += 2;
  }
  return false;
}

void WriteNumIncreasing(std::string* dst, uint64_t v) {
  unsigned char buf[9];
  int len = 0;
  while (v > 0) {
    buf[8 - len++] = static_cast<unsigned char>(v & 0xff);
    v >>= 8;
  }
  buf[8 - len] = static_cast<unsigned char>(len);
  dst->append(reinterpret_cast<const char*>(buf + 8 - len), static_cast<size_t>(len + 1));
}

bool ReadNumIncreasing(std::string_view* in, uint64_t* v) {
  if (in->empty()) return false;
  size_t len = static_cast<unsigned char>((*in)[0]);
  if (len > 8 || in->size() < len + 1) return false;
  uint64_t x = 0;
  for (size_t i = 1; i <= len; ++i) x = (x << 8) | static_cast<unsigned char>((*in)[i]);
  in->remove_prefix(len + 1);
  *v = x;
  return true;
}

// Encoding length L (1..10 bytes) carries 7L-1 magnitude bits; the top L bits
// of the 8L-bit big-endian two's complement value are flipped to ones (for
// non-negative values; zeros for negative ones), which marks the length.
void WriteSignedNumIncreasing(std::string* dst, int64_t v) {
  const uint64_t x = v < 0 ? ~static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  int bits = 0;  // bits of magnitude
  while (bits < 64 && (x >> bits) != 0) ++bits;
  const int len = (bits + 7) / 7;  // 7L - 1 >= bits
  unsigned char buf[10];
  const unsigned char sign = v < 0 ? 0xff : 0x00;
  for (int i = 0; i < 10; ++i) {
    int shift = 8 * (9 - i);
    buf[i] = shift >= 64 ? sign : static_cast<unsigned char>(static_cast<uint64_t>(v) >> shift);
  }
  unsigned char* begin = buf + 10 - len;
  // Header: `len` one-bits starting at the top of begin[0].
  for (int b = 0; b < len; ++b) begin[b / 8] ^= static_cast<unsigned char>(0x80 >> (b % 8));
  dst->append(reinterpret_cast<const char*>(begin), static_cast<size_t>(len));
}

bool ReadSignedNumIncreasing(std::string_view* in, int64_t* v) {
  if (in->empty()) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(in->data());
  const bool negative = (p[0] & 0x80) == 0;
  const unsigned char flip = negative ? 0xff : 0x00;
  // Count the header one-bits (after undoing the sign complement).
  int len = 0;
  for (size_t byte = 0; byte < 2 && len == static_cast<int>(8 * byte); ++byte) {
    if (byte >= in->size()) return false;
    unsigned char b = p[byte] ^ flip;
    for (int bit = 7; bit >= 0 && (b >> bit) & 1; --bit) ++len;
  }
  if (len < 1 || len > 10 || in->size() < static_cast<size_t>(len)) return false;
  // Rebuild the 8L-bit value with the header bits restored to sign bits,
  // keeping the low 64 bits.
  uint64_t x = negative ? ~uint64_t{0} : 0;
  for (int i = 0; i < len; ++i) {
    unsigned char b = p[i];
    for (int bit = 0; bit < 8; ++bit) {
      int pos = i * 8 + bit;  // bit index from the top of the encoding
      if (pos < len) {
        // Header bit: replace with the sign bit.
        unsigned char mask = static_cast<unsigned char>(0x80 >> bit);
        b = negative ? (b | mask) : (b & ~mask);
      }
    }
    x = (x << 8) | b;
  }
  if (len == 10) {
    // 80 bits: the top 16 must all be sign bits, checked via the 9th/10th
    // bytes already folded in; the 2nd byte's low bits beyond the header
    // must equal the sign too, else the value needs more than 64 bits.
    unsigned char second = p[1] ^ flip;
    if ((second & 0x3f) != 0) return false;
    if (((p[2] ^ flip) & 0x80) != 0) return false;
  }
  in->remove_prefix(static_cast<size_t>(len));
  *v = static_cast<int64_t>(x);
  return true;
}

}  // namespace tfgraph::ordered_code
