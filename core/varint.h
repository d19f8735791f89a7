// Little-endian fixed-width integers and LEB128 varints, bounds-checked.
//
// The byte formats we parse by hand (string tensors, variant tensors, footers,
// ordered-code keys) use protobuf-style varints and little-endian fixed32 /
// fixed64. Every Get* function takes a std::string_view cursor, consumes the
// value from its front and returns false, leaving the cursor unspecified, if
// the input is too short or the varint is malformed (longer than 10 bytes, or
// overflowing the target width). They never read past the view.
#ifndef TFGRAPH_CORE_VARINT_H_
#define TFGRAPH_CORE_VARINT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tfgraph {

void PutVarint64(std::string* dst, uint64_t v);
void PutFixed32(std::string* dst, uint32_t v);
void PutFixed64(std::string* dst, uint64_t v);
// Number of bytes PutVarint64 would append.
int VarintLength(uint64_t v);

bool GetVarint64(std::string_view* in, uint64_t* v);
bool GetVarint32(std::string_view* in, uint32_t* v);
bool GetFixed32(std::string_view* in, uint32_t* v);
bool GetFixed64(std::string_view* in, uint64_t* v);

inline uint32_t DecodeFixed32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return uint32_t(u[0]) | uint32_t(u[1]) << 8 | uint32_t(u[2]) << 16 | uint32_t(u[3]) << 24;
}
inline uint64_t DecodeFixed64(const char* p) {
  return uint64_t(DecodeFixed32(p)) | uint64_t(DecodeFixed32(p + 4)) << 32;
}

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_VARINT_H_
