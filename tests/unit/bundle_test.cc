// Tensor bundles written by BundleWriter and read back by CheckpointReader:
// the byte-exact test vectors of tf-formats.md §1.12 and §1.7, every dtype,
// partitioned variables, and the writer's refusal to overwrite.
#include "core/bundle_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "ckpt_test_util.h"
#include "core/bundle_data.h"
#include "core/checkpoint_reader.h"
#include "core/crc32c.h"
#include "core/half.h"

namespace tfgraph {
namespace {

using testing_util::FreshDir;
using testing_util::ReadAll;

std::string Hex(const std::string& s) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

TEST(Bundle, MiniTestVectorIsByteExact) {
  std::string dir = FreshDir("mini");
  auto w = BundleWriter::Create(dir + "/mini");
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  ASSERT_TRUE((*w)->Add("x", Tensor::Of<float>(tensorflow::DT_FLOAT, {2}, {1.0f, 2.0f})).ok());
  ASSERT_TRUE((*w)->Finish().ok());
  EXPECT_EQ(Hex(ReadAll(dir + "/mini.data-00000-of-00001")), "0000803f00000040");
  // tf-formats.md §1.12, 121 bytes, as its xxd dump (offsets stripped below).
  const char* kDump[] = {
      "00000000: 0000 0608 011a 0208 0100 010f 7808 0112",
      "00000010: 0412 0208 0228 0835 593c e535 0000 0000",
      "00000020: 0100 0000 0091 3642 3300 0000 0001 0000",
      "00000030: 0000 c0f2 a1b0 0001 0279 0024 0000 0000",
      "00000040: 0100 0000 0008 1210 1729 0836 0e00 0000",
      "00000050: 0000 0000 0000 0000 0000 0000 0000 0000",
      "00000060: 0000 0000 0000 0000 0000 0000 0000 0000",
      "00000070: 0057 fb80 8b24 7547 db",
  };
  std::string compact;
  for (const char* line : kDump)
    for (const char* c = line + 10; *c; ++c)
      if (*c != ' ') compact += *c;
  EXPECT_EQ(Hex(ReadAll(dir + "/mini.index")), compact);
  EXPECT_EQ(ReadAll(dir + "/mini.index").size(), 121u);

  auto r = CheckpointReader::Open(dir + "/mini");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ((*r)->variables().size(), 1u);
  auto x = (*r)->Read("x");
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  EXPECT_EQ(x->Get<float>(1), 2.0f);
}

TEST(Bundle, StringTensorEncodingMatchesTensorFlow) {
  // tf-formats.md §1.7: ["ab", "c"] -> 02 01 03 71 7c 67 61 62 63, crc field 0x5fd830d5.
  std::string out;
  Tensor ab_c = *Tensor::FromStrings(tensorflow::DT_STRING, {2}, {"ab", "c"});
  auto crc = EncodeBundleTensor(ab_c, &out);
  ASSERT_TRUE(crc.ok());
  EXPECT_EQ(Hex(out), "020103717c6761626" "3");
  EXPECT_EQ(crc32c::Mask(*crc), 0x5fd830d5u);
  auto back = DecodeBundleTensor(tensorflow::DT_STRING, {2}, out, *crc, nullptr);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->strings(), (std::vector<std::string>{"ab", "c"}));
  // An empty string tensor still has the 4-byte length checksum.
  std::string empty;
  Tensor none = *Tensor::FromStrings(tensorflow::DT_STRING, {0}, {});
  ASSERT_TRUE(EncodeBundleTensor(none, &empty).ok());
  EXPECT_EQ(Hex(empty), "d8ea82a2");
}

TEST(Bundle, ScalarEntryCarriesEmptyShape) {
  std::string dir = FreshDir("scalar");
  auto w = BundleWriter::Create(dir + "/s");
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Add("v", Tensor::Of<int64_t>(tensorflow::DT_INT64, {}, {5})).ok());
  auto index = (*w)->BuildIndex();
  ASSERT_TRUE(index.ok());
  // dtype 9, shape {} ("12 00"), size 8, crc.
  EXPECT_NE(Hex(*index).find("08091200280835"), std::string::npos) << Hex(*index);
}

TEST(Bundle, EveryDtypeRoundTrips) {
  std::string dir = FreshDir("dtypes");
  std::vector<std::pair<std::string, Tensor>> tensors = {
      {"f32", Tensor::Of<float>(tensorflow::DT_FLOAT, {2, 2}, {1, -2, 3.5f, 0})},
      {"f64", Tensor::Of<double>(tensorflow::DT_DOUBLE, {1}, {1e300})},
      {"f16", Tensor::Of<uint16_t>(tensorflow::DT_HALF, {2}, {FloatToHalf(0.5f), 0x7e00})},
      {"bf16", Tensor::Of<uint16_t>(tensorflow::DT_BFLOAT16, {2}, {0x3f80, 0xff80})},
      {"c64", Tensor::Of<float>(tensorflow::DT_COMPLEX64, {1}, {1, -1})},
      {"c128", Tensor::Of<double>(tensorflow::DT_COMPLEX128, {1}, {2, 3})},
      {"b", Tensor::Of<uint8_t>(tensorflow::DT_BOOL, {3}, {1, 0, 1})},
      {"i8", Tensor::Of<int8_t>(tensorflow::DT_INT8, {1}, {-7})},
      {"u8", Tensor::Of<uint8_t>(tensorflow::DT_UINT8, {1}, {200})},
      {"i16", Tensor::Of<int16_t>(tensorflow::DT_INT16, {1}, {-300})},
      {"u16", Tensor::Of<uint16_t>(tensorflow::DT_UINT16, {1}, {60000})},
      {"i32", Tensor::Of<int32_t>(tensorflow::DT_INT32, {1}, {-1})},
      {"u32", Tensor::Of<uint32_t>(tensorflow::DT_UINT32, {1}, {4000000000u})},
      {"i64", Tensor::Of<int64_t>(tensorflow::DT_INT64, {0}, {})},
      {"u64", Tensor::Of<uint64_t>(tensorflow::DT_UINT64, {1}, {~uint64_t{0}})},
      {"q8", Tensor::Of<int8_t>(tensorflow::DT_QINT8, {1}, {3})},
      {"s", *Tensor::FromStrings(tensorflow::DT_STRING, {3},
                                 {"", std::string("\0\xff", 2), std::string(300, 'z')})},
      {"v", *Tensor::FromStrings(tensorflow::DT_VARIANT, {2}, {"", "\x0a\x03" "abc"})},
  };
  auto w = BundleWriter::Create(dir + "/all");
  ASSERT_TRUE(w.ok());
  for (auto& [name, t] : tensors) ASSERT_TRUE((*w)->Add(name, t).ok()) << name;
  ASSERT_TRUE((*w)->Finish().ok());
  auto r = CheckpointReader::Open(dir + "/all.index");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->variables().size(), tensors.size());
  for (auto& [name, t] : tensors) {
    auto got = (*r)->Read(name);
    ASSERT_TRUE(got.ok()) << name << ": " << got.status().ToString();
    EXPECT_TRUE(got->Identical(t)) << name;
    EXPECT_EQ((*r)->Find(name)->problem, "") << name;
  }
}

TEST(Bundle, PartitionedVariableReassembled) {
  std::string dir = FreshDir("part");
  auto w = BundleWriter::Create(dir + "/p", {false, 2});
  ASSERT_TRUE(w.ok());
  // 4x3 matrix 0..11 saved as rows [0,1) in shard 1 and rows [1,4) in shard 0.
  std::vector<int32_t> top = {0, 1, 2}, rest = {3, 4, 5, 6, 7, 8, 9, 10, 11};
  ASSERT_TRUE((*w)->AddSlice("m", {4, 3}, *TensorSlice::Parse("1,3:-"),
                             Tensor::Of<int32_t>(tensorflow::DT_INT32, {3, 3}, rest), 0).ok());
  ASSERT_TRUE((*w)->AddSlice("m", {4, 3}, *TensorSlice::Parse("0,1:-"),
                             Tensor::Of<int32_t>(tensorflow::DT_INT32, {1, 3}, top), 1).ok());
  ASSERT_TRUE((*w)->Finish().ok());
  auto r = CheckpointReader::Open(dir + "/p");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ((*r)->variables().size(), 1u);  // slice keys are folded into "m"
  const auto& v = (*r)->variables()[0];
  EXPECT_EQ(v.name, "m");
  EXPECT_EQ(v.shape, (Dims{4, 3}));
  ASSERT_EQ(v.parts.size(), 2u);
  EXPECT_EQ(v.parts[0].slice, "1,3:-");
  EXPECT_EQ(v.bytes, 48u);
  auto t = (*r)->Read("m");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  for (int i = 0; i < 12; ++i) EXPECT_EQ(t->Get<int32_t>(i), i);
}

TEST(Bundle, WriterRefusesToOverwrite) {
  std::string dir = FreshDir("overwrite");
  auto first = BundleWriter::Create(dir + "/c");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE((*first)->Add("a", Tensor::Of<float>(tensorflow::DT_FLOAT, {}, {1})).ok());
  ASSERT_TRUE((*first)->Finish().ok());
  auto again = BundleWriter::Create(dir + "/c");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Status::Code::kAlreadyExists);
  auto forced = BundleWriter::Create(dir + "/c", {true, 1});
  ASSERT_TRUE(forced.ok());
  ASSERT_TRUE((*forced)->Add("a", Tensor::Of<float>(tensorflow::DT_FLOAT, {}, {2})).ok());
  ASSERT_TRUE((*forced)->Finish().ok());
  EXPECT_EQ((*CheckpointReader::Open(dir + "/c"))->Read("a")->Get<float>(0), 2.0f);
}

TEST(Bundle, UnfinishedWriterLeavesNothing) {
  std::string dir = FreshDir("abandon");
  {
    auto w = BundleWriter::Create(dir + "/c");
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Add("a", Tensor::Of<float>(tensorflow::DT_FLOAT, {}, {1})).ok());
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(Bundle, WriterRejectsBadInput) {
  std::string dir = FreshDir("bad");
  auto w = BundleWriter::Create(dir + "/c");
  ASSERT_TRUE(w.ok());
  Tensor t = Tensor::Of<float>(tensorflow::DT_FLOAT, {}, {1});
  ASSERT_TRUE((*w)->Add("a", t).ok());
  EXPECT_FALSE((*w)->Add("a", t).ok());  // duplicate
  EXPECT_FALSE((*w)->Add("", t).ok());
  EXPECT_FALSE((*w)->Add("b", t, 3).ok());  // no such shard
  EXPECT_FALSE((*w)->Add("r", *Tensor::FromStrings(tensorflow::DT_RESOURCE, {1}, {""})).ok());
  EXPECT_FALSE((*w)->AddSlice("a", {2}, *TensorSlice::Parse("0,1"),
                              Tensor::Of<float>(tensorflow::DT_FLOAT, {1}, {1})).ok());
}

}  // namespace
}  // namespace tfgraph
