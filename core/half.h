// IEEE half (float16) and bfloat16 <-> float conversions.
//
// Tensor bytes keep half and bfloat16 values as raw 16-bit patterns; these
// helpers turn them into float for statistics and printing, and back (round to
// nearest even, NaN kept NaN) for writers and tests. Every half and bfloat16
// value is exactly representable as a float, so HalfToFloat/BFloat16ToFloat
// are exact.
#ifndef TFGRAPH_CORE_HALF_H_
#define TFGRAPH_CORE_HALF_H_

#include <cstdint>
#include <cstring>

namespace tfgraph {

inline float BitsToFloat(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
inline uint32_t FloatToBits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

inline float BFloat16ToFloat(uint16_t b) { return BitsToFloat(uint32_t(b) << 16); }

inline uint16_t FloatToBFloat16(float f) {
  uint32_t u = FloatToBits(f);
  if ((u & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((u >> 16) | 0x40);  // NaN
  u += 0x7fffu + ((u >> 16) & 1u);  // round to nearest even
  return static_cast<uint16_t>(u >> 16);
}

float HalfToFloat(uint16_t h);
uint16_t FloatToHalf(float f);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_HALF_H_
