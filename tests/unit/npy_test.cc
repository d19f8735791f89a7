// .npy output: header bytes as numpy 1.26 writes them (dict, growth padding,
// 64-byte alignment), data bytes, and the fixed-width bytes form for strings.
#include "core/npy.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/mapped_file.h"

namespace tfgraph {
namespace {

std::string Encode(const Tensor& t) {
  std::string out;
  Status st = EncodeNpy(t, [&out](std::string_view s) {
    out += s;
    return Status::OK();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out;
}

TEST(Npy, HeaderMatchesNumpy) {
  // Bytes of numpy.save(f, numpy.zeros((2, 3), '<f4'))[:128] with numpy 1.26.
  Tensor t = Tensor::Of<float>(tensorflow::DT_FLOAT, {2, 3}, {0, 0, 0, 0, 0, 0});
  std::string header = *NpyHeader(t);
  std::string expected = std::string("\x93NUMPY\x01\x00\x76\x00", 10) +
                         "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
  expected += std::string(20, ' ');   // growth padding: 21 - len("2")
  expected += std::string(128 - expected.size() - 1, ' ') + "\n";
  EXPECT_EQ(header, expected);
  EXPECT_EQ(header.size() % 64, 0u);
}

TEST(Npy, ScalarAndOneDim) {
  std::string s = *NpyHeader(Tensor::Of<double>(tensorflow::DT_DOUBLE, {}, {1}));
  // numpy.save(f, numpy.float64(1)): no growth padding for a scalar.
  std::string expected = std::string("\x93NUMPY\x01\x00\x76\x00", 10) +
                         "{'descr': '<f8', 'fortran_order': False, 'shape': (), }";
  expected += std::string(128 - expected.size() - 1, ' ') + "\n";
  EXPECT_EQ(s, expected);
  std::string v = *NpyHeader(Tensor::Of<int8_t>(tensorflow::DT_INT8, {5}, {1, 2, 3, 4, 5}));
  EXPECT_NE(v.find("{'descr': '|i1', 'fortran_order': False, 'shape': (5,), }"),
            std::string::npos);
}

TEST(Npy, DataFollowsHeader) {
  Tensor t = Tensor::Of<uint16_t>(tensorflow::DT_BFLOAT16, {2}, {0x3f80, 0xc000});
  std::string out = Encode(t);
  EXPECT_NE(out.find("'descr': '<V2'"), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 4), std::string("\x80\x3f\x00\xc0", 4));
}

TEST(Npy, StringsAsFixedWidthBytes) {
  auto t = Tensor::FromStrings(tensorflow::DT_STRING, {3}, {"ab", "", "xyz"});
  std::string out = Encode(*t);
  EXPECT_NE(out.find("'descr': '|S3'"), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 9), std::string("ab\0\0\0\0xyz", 9));
  auto empty = Tensor::FromStrings(tensorflow::DT_STRING, {1}, {""});
  EXPECT_NE(Encode(*empty).find("'|S1'"), std::string::npos);
}

TEST(Npy, ResourceRefused) {
  auto t = Tensor::FromStrings(tensorflow::DT_RESOURCE, {1}, {""});
  EXPECT_EQ(NpyHeader(*t).status().code(), Status::Code::kUnsupported);
}

TEST(Npy, WriteFileRefusesOverwrite) {
  std::string dir = ::testing::TempDir() + "/npy_test";
  std::filesystem::create_directories(dir);
  std::string path = dir + "/a.npy";
  std::filesystem::remove(path);
  Tensor t = Tensor::Of<int32_t>(tensorflow::DT_INT32, {1}, {42});
  ASSERT_TRUE(WriteNpyFile(t, path, false).ok());
  EXPECT_EQ(WriteNpyFile(t, path, false).code(), Status::Code::kAlreadyExists);
  EXPECT_TRUE(WriteNpyFile(t, path, true).ok());
  EXPECT_EQ(*ReadFileToString(path), Encode(t));
}

}  // namespace
}  // namespace tfgraph
