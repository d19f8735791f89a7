// CRC-32C (Castagnoli): the checksum of every TensorFlow file format we read.
//
// Table blocks, bundle entries, string-tensor length prefixes and TFRecords
// all carry CRC-32C values (polynomial 0x1EDC6F41, reflected, init and final
// xor 0xFFFFFFFF: the iSCSI / SSE4.2 `crc32` instruction variant). Value() and
// Extend() compute it; Extend(Value(a), b) == Value(a + b). On x86-64 with
// SSE4.2 the hardware instruction is used (checked once at run time);
// elsewhere a slicing-by-8 table implementation. Both give identical results.
//
// Mask()/Unmask() are TensorFlow's (and LevelDB's) storage transform for CRCs
// that are themselves embedded in checksummed data: rotate right 15, add a
// constant. Files store masked CRCs; compare Unmask(stored) with Value(data).
#ifndef TFGRAPH_CORE_CRC32C_H_
#define TFGRAPH_CORE_CRC32C_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tfgraph::crc32c {

// Returns the CRC of `data` appended to bytes whose CRC was `crc`.
uint32_t Extend(uint32_t crc, const void* data, size_t n);
inline uint32_t Extend(uint32_t crc, std::string_view data) {
  return Extend(crc, data.data(), data.size());
}
inline uint32_t Value(const void* data, size_t n) { return Extend(0, data, n); }
inline uint32_t Value(std::string_view data) { return Extend(0, data); }

constexpr uint32_t kMaskDelta = 0xa282ead8u;

constexpr uint32_t Mask(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + kMaskDelta; }
constexpr uint32_t Unmask(uint32_t masked) {
  uint32_t rot = masked - kMaskDelta;
  return (rot >> 17) | (rot << 15);
}

// Which implementation Extend() uses on this machine ("sse4.2" or "slicing-by-8").
const char* Implementation();
// The portable implementation, always available (exposed so tests can compare).
uint32_t ExtendPortable(uint32_t crc, const void* data, size_t n);

}  // namespace tfgraph::crc32c

#endif  // TFGRAPH_CORE_CRC32C_H_
