// OrderedCode: TensorFlow's order-preserving binary encoding, used for the
// keys of partitioned-variable slices in V2 bundles and of all data entries in
// V1 (SavedTensorSlices) checkpoints.
//
// Encodings (from tensorflow/core/lib/strings/ordered_code.cc):
//   - String: bytes with 0x00 -> 00 FF and 0xFF -> FF 00, then 00 01.
//   - NumIncreasing (uint64): one length byte, then the big-endian bytes
//     without leading zeros (0 is the single byte 00).
//   - SignedNumIncreasing (int64): self-delimiting, 1 to 10 bytes; the
//     leading bits give the length, negatives are the complement form.
// Read* functions consume from the front of `in` and return false on
// malformed or truncated input without reading past the view.
#ifndef TFGRAPH_CORE_ORDERED_CODE_H_
#define TFGRAPH_CORE_ORDERED_CODE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tfgraph::ordered_code {

void WriteString(std::string* dst, std::string_view s);
void WriteNumIncreasing(std::string* dst, uint64_t v);
void WriteSignedNumIncreasing(std::string* dst, int64_t v);

bool ReadString(std::string_view* in, std::string* s);
bool ReadNumIncreasing(std::string_view* in, uint64_t* v);
bool ReadSignedNumIncreasing(std::string_view* in, int64_t* v);

}  // namespace tfgraph::ordered_code

#endif  // TFGRAPH_CORE_ORDERED_CODE_H_
