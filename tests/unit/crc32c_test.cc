// CRC-32C: published check values, Extend() associativity, hardware vs portable
// agreement on every length and alignment, and the Mask/Unmask transform.
#include "core/crc32c.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace tfgraph {
namespace {

TEST(Crc32c, StandardCheckValue) {
  EXPECT_EQ(crc32c::Value("123456789"), 0xE3069283u);
  EXPECT_EQ(crc32c::ExtendPortable(0, "123456789", 9), 0xE3069283u);
}

// Test vectors from RFC 3720 (iSCSI), appendix B.4.
TEST(Crc32c, Rfc3720Vectors) {
  std::string zeros(32, '\0'), ones(32, '\xff'), inc(32, '\0'), dec(32, '\0');
  for (int i = 0; i < 32; ++i) {
    inc[i] = static_cast<char>(i);
    dec[i] = static_cast<char>(31 - i);
  }
  EXPECT_EQ(crc32c::Value(zeros), 0x8A9136AAu);
  EXPECT_EQ(crc32c::Value(ones), 0x62A8AB43u);
  EXPECT_EQ(crc32c::Value(inc), 0x46DD794Eu);
  EXPECT_EQ(crc32c::Value(dec), 0x113FDB5Cu);
  EXPECT_EQ(crc32c::Value(""), 0u);
}

TEST(Crc32c, ExtendEqualsWhole) {
  std::string a = "hello ", b = "world";
  EXPECT_EQ(crc32c::Extend(crc32c::Value(a), b), crc32c::Value(a + b));
}

TEST(Crc32c, HardwareMatchesPortableAtAllLengthsAndAlignments) {
  std::mt19937 rng(7);
  std::string buf(4096 + 16, '\0');
  for (char& c : buf) c = static_cast<char>(rng());
  for (size_t align = 0; align < 8; ++align)
    for (size_t len : {0, 1, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4096})
      ASSERT_EQ(crc32c::Value(buf.data() + align, len),
                crc32c::ExtendPortable(0, buf.data() + align, len))
          << "align " << align << " len " << len << " impl " << crc32c::Implementation();
}

TEST(Crc32c, MaskRoundTripsAndKnownValues) {
  EXPECT_EQ(crc32c::Mask(0), 0xa282ead8u);
  for (uint32_t v : {0u, 1u, 0xE3069283u, 0xffffffffu, 0x12345678u}) {
    EXPECT_NE(crc32c::Mask(v), v);
    EXPECT_EQ(crc32c::Unmask(crc32c::Mask(v)), v);
  }
}

}  // namespace
}  // namespace tfgraph
