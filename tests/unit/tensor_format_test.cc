// Value printing: shortest round-trip floats per type in Python's layout,
// numpy's nesting and indentation, bytes literals, complex and bool.
#include "core/tensor_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/half.h"

namespace tfgraph {
namespace {

TEST(Format, FloatsLikePythonRepr) {
  EXPECT_EQ(FormatDouble(1.0), "1.0");
  EXPECT_EQ(FormatDouble(0.1), "0.1");
  EXPECT_EQ(FormatDouble(-2.5), "-2.5");
  EXPECT_EQ(FormatDouble(1e-5), "1e-05");
  EXPECT_EQ(FormatDouble(0.0001), "0.0001");
  EXPECT_EQ(FormatDouble(1e16), "1e+16");
  EXPECT_EQ(FormatDouble(123456789012345.0), "123456789012345.0");
  EXPECT_EQ(FormatDouble(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(FormatDouble(-0.0), "-0.0");
  EXPECT_EQ(FormatDouble(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(FormatDouble(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(FormatFloat(0.1f), "0.1");  // shortest for float, not 0.10000000149011612
  EXPECT_EQ(FormatFloat(3.4028235e38f), "3.4028235e+38");
}

TEST(Format, HalfAndBFloat16Shortest) {
  EXPECT_EQ(FormatHalf(FloatToHalf(0.1f)), "0.1");
  EXPECT_EQ(FormatHalf(0x7bff), "65500.0");  // numpy prints float16 max as 65500.0
  EXPECT_EQ(FormatHalf(0x0001), "6e-08");
  EXPECT_EQ(FormatBFloat16(FloatToBFloat16(0.1f)), "0.1");
  EXPECT_EQ(FormatBFloat16(0x3f80), "1.0");
  // Every printed half reads back to the same bits.
  for (uint32_t h = 0; h < 65536; h += 7) {
    float f = HalfToFloat(static_cast<uint16_t>(h));
    if (!std::isfinite(f)) continue;
    ASSERT_EQ(FloatToHalf(std::strtof(FormatHalf(static_cast<uint16_t>(h)).c_str(), nullptr)), h);
  }
}

TEST(Format, NestedLayout) {
  Tensor t = Tensor::Of<int32_t>(tensorflow::DT_INT32, {2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  EXPECT_EQ(FormatValues(t), "[[[1 2]\n  [3 4]]\n\n [[5 6]\n  [7 8]]]");
  Tensor m = Tensor::Of<float>(tensorflow::DT_FLOAT, {2, 3}, {1, 2.5f, 3, 4, 5, 6});
  EXPECT_EQ(FormatValues(m), "[[1.0 2.5 3.0]\n [4.0 5.0 6.0]]");
  Tensor s = Tensor::Of<double>(tensorflow::DT_DOUBLE, {}, {0.25});
  EXPECT_EQ(FormatValues(s), "0.25");
  Tensor e = Tensor::Of<float>(tensorflow::DT_FLOAT, {2, 0}, {});
  EXPECT_EQ(FormatValues(e), "[]");  // as numpy prints zeros((2, 0))
}

TEST(Format, NeverTruncates) {
  std::vector<int64_t> v(5000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int64_t>(i);
  std::string out = FormatValues(Tensor::Of<int64_t>(tensorflow::DT_INT64, {5000}, v));
  EXPECT_NE(out.find(" 4999]"), std::string::npos);
  EXPECT_EQ(out.find("..."), std::string::npos);
}

TEST(Format, BytesBoolComplex) {
  EXPECT_EQ(PythonBytesRepr("ab"), "b'ab'");
  EXPECT_EQ(PythonBytesRepr(std::string("a\0\xff\n'", 5)), "b\"a\\x00\\xff\\n'\"");
  EXPECT_EQ(PythonBytesRepr("it's \"x\""), "b'it\\'s \"x\"'");
  auto s = Tensor::FromStrings(tensorflow::DT_STRING, {2}, {"caf\xc3\xa9", ""});
  EXPECT_EQ(FormatValues(*s), "[b'caf\\xc3\\xa9' b'']");
  Tensor b = Tensor::Of<uint8_t>(tensorflow::DT_BOOL, {2}, {1, 0});
  EXPECT_EQ(FormatValues(b), "[True False]");
  Tensor c = Tensor::Of<float>(tensorflow::DT_COMPLEX64, {2}, {1, 2, 0.5f, -1});
  EXPECT_EQ(FormatValues(c), "[(1+2j) (0.5-1j)]");
}

}  // namespace
}  // namespace tfgraph
