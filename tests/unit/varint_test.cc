// Varints and fixed-width integers: round trips at the edges, and every
// malformed or truncated input is refused without reading past the view.
#include "core/varint.h"

#include <gtest/gtest.h>

namespace tfgraph {
namespace {

TEST(Varint, RoundTripEdges) {
  for (uint64_t v : {uint64_t{0}, uint64_t{1}, uint64_t{127}, uint64_t{128}, uint64_t{300},
                     uint64_t{0xffffffff}, uint64_t{1} << 35, ~uint64_t{0}}) {
    std::string s;
    PutVarint64(&s, v);
    EXPECT_EQ(static_cast<int>(s.size()), VarintLength(v));
    std::string_view in = s;
    uint64_t out;
    ASSERT_TRUE(GetVarint64(&in, &out));
    EXPECT_EQ(out, v);
    EXPECT_TRUE(in.empty());
  }
}

TEST(Varint, KnownBytes) {
  std::string s;
  PutVarint64(&s, 300);
  EXPECT_EQ(s, std::string("\xac\x02", 2));
}

TEST(Varint, RefusesTruncatedAndOverlong) {
  uint64_t v;
  std::string_view truncated("\x80\x80", 2);
  EXPECT_FALSE(GetVarint64(&truncated, &v));
  std::string_view overlong("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 10);
  EXPECT_FALSE(GetVarint64(&overlong, &v));  // > 64 bits
  std::string_view eleven("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01", 11);
  EXPECT_FALSE(GetVarint64(&eleven, &v));
  std::string_view empty;
  EXPECT_FALSE(GetVarint64(&empty, &v));
}

TEST(Varint, Varint32RefusesWideValues) {
  std::string s;
  PutVarint64(&s, uint64_t{1} << 32);
  std::string_view in = s;
  uint32_t v;
  EXPECT_FALSE(GetVarint32(&in, &v));
  EXPECT_EQ(in.size(), s.size());  // cursor untouched on failure
}

TEST(Fixed, LittleEndian) {
  std::string s;
  PutFixed32(&s, 0x01020304);
  PutFixed64(&s, 0x0102030405060708ull);
  EXPECT_EQ(s, std::string("\x04\x03\x02\x01\x08\x07\x06\x05\x04\x03\x02\x01", 12));
  std::string_view in = s;
  uint32_t a;
  uint64_t b;
  ASSERT_TRUE(GetFixed32(&in, &a));
  ASSERT_TRUE(GetFixed64(&in, &b));
  EXPECT_EQ(a, 0x01020304u);
  EXPECT_EQ(b, 0x0102030405060708ull);
  EXPECT_FALSE(GetFixed32(&in, &a));
}

}  // namespace
}  // namespace tfgraph
