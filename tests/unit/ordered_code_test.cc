// OrderedCode and tensor-slice keys: round trips, the order-preserving
// property that defines the encoding, known bytes, malformed input, and the
// slice keys TensorFlow itself wrote in the partitioned sample.
#include "core/ordered_code.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "ckpt_test_util.h"
#include "core/mapped_file.h"
#include "core/sstable.h"
#include "core/tensor_slice.h"

namespace tfgraph {
namespace {

std::string Signed(int64_t v) {
  std::string s;
  ordered_code::WriteSignedNumIncreasing(&s, v);
  return s;
}

TEST(OrderedCode, SignedKnownBytes) {
  EXPECT_EQ(Signed(0), "\x80");
  EXPECT_EQ(Signed(-1), "\x7f");
  EXPECT_EQ(Signed(63), "\xbf");
  EXPECT_EQ(Signed(64), std::string("\xc0\x40", 2));
  EXPECT_EQ(Signed(-64), "\x40");
  EXPECT_EQ(Signed(-65), std::string("\x3f\xbf", 2));
  EXPECT_EQ(Signed(INT64_MAX).size(), 10u);
  EXPECT_EQ(Signed(INT64_MIN).size(), 10u);
}

TEST(OrderedCode, SignedRoundTripAndOrder) {
  std::vector<int64_t> values = {INT64_MIN, INT64_MIN + 1, -(int64_t{1} << 40), -65, -64, -1, 0,
                                 1, 63, 64, 8191, 8192, int64_t{1} << 40, INT64_MAX - 1, INT64_MAX};
  std::mt19937_64 rng(3);
  for (int i = 0; i < 2000; ++i) values.push_back(static_cast<int64_t>(rng()) >> (rng() % 64));
  std::sort(values.begin(), values.end());
  std::string prev;
  for (size_t i = 0; i < values.size(); ++i) {
    std::string s = Signed(values[i]);
    std::string_view in = s;
    int64_t back;
    ASSERT_TRUE(ordered_code::ReadSignedNumIncreasing(&in, &back)) << values[i];
    EXPECT_EQ(back, values[i]);
    EXPECT_TRUE(in.empty());
    if (i > 0 && values[i] != values[i - 1]) {
      EXPECT_LT(prev, s) << values[i];
    }
    prev = s;
  }
}

TEST(OrderedCode, UnsignedAndString) {
  std::string s;
  ordered_code::WriteNumIncreasing(&s, 0);
  ordered_code::WriteNumIncreasing(&s, 258);
  ordered_code::WriteString(&s, std::string("a\0b\xff", 4));
  EXPECT_EQ(s, std::string("\x00\x02\x01\x02" "a\x00\xff" "b\xff\x00\x00\x01", 12));
  std::string_view in = s;
  uint64_t a, b;
  std::string str;
  ASSERT_TRUE(ordered_code::ReadNumIncreasing(&in, &a));
  ASSERT_TRUE(ordered_code::ReadNumIncreasing(&in, &b));
  ASSERT_TRUE(ordered_code::ReadString(&in, &str));
  EXPECT_EQ(a, 0u);
  EXPECT_EQ(b, 258u);
  EXPECT_EQ(str, std::string("a\0b\xff", 4));
}

TEST(OrderedCode, MalformedInputRefused) {
  int64_t v;
  uint64_t u;
  std::string str;
  std::string_view truncated("\xc0", 1);  // claims 2 bytes
  EXPECT_FALSE(ordered_code::ReadSignedNumIncreasing(&truncated, &v));
  std::string_view too_long("\xff\xff\xff", 3);  // > 10 bytes
  EXPECT_FALSE(ordered_code::ReadSignedNumIncreasing(&too_long, &v));
  std::string_view bad_len("\x09\x01", 2);
  EXPECT_FALSE(ordered_code::ReadNumIncreasing(&bad_len, &u));
  std::string_view unterminated("abc", 3);
  EXPECT_FALSE(ordered_code::ReadString(&unterminated, &str));
  std::string_view bad_escape("a\x00\x05", 3);
  EXPECT_FALSE(ordered_code::ReadString(&bad_escape, &str));
}

TEST(TensorSliceKey, RoundTrip) {
  TensorSlice s = *TensorSlice::Parse("0,10:-:5,3");
  std::string key = EncodeTensorNameSlice("emb/table", s);
  EXPECT_EQ(key[0], '\0');
  std::string name;
  TensorSlice back;
  ASSERT_TRUE(DecodeTensorNameSlice(key, &name, &back));
  EXPECT_EQ(name, "emb/table");
  EXPECT_EQ(back, s);
  EXPECT_EQ(back.ToString(), "0,10:-:5,3");
  EXPECT_FALSE(DecodeTensorNameSlice("plain", &name, &back));
  EXPECT_FALSE(DecodeTensorNameSlice(key + "x", &name, &back));
}

TEST(TensorSliceKey, TensorFlowWrittenKeysReencodeIdentically) {
  TFG_REQUIRE_SAMPLES(dir, "partitioned");
  auto file = MappedFile::Open(dir + "/model.ckpt-4.index");
  ASSERT_TRUE(file.ok());
  auto table = SstableReader::Open(*file);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  int slice_keys = 0;
  Status st = (*table)->ForEach([&](std::string_view key, std::string_view) {
    if (key.empty() || key[0] != '\0') return Status::OK();
    std::string name;
    TensorSlice slice;
    EXPECT_TRUE(DecodeTensorNameSlice(key, &name, &slice));
    EXPECT_EQ(EncodeTensorNameSlice(name, slice), key) << name;
    ++slice_keys;
    return Status::OK();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(slice_keys, 12);  // 4 partitioned variables x 3 parts
}

TEST(TensorSlice, ResolveChecksBounds) {
  Dims full = {10, 4};
  EXPECT_EQ(*TensorSlice::Parse("2,3:-")->Resolve(full), (Dims{3, 4}));
  EXPECT_FALSE(TensorSlice::Parse("8,3:-")->Resolve(full).ok());
  EXPECT_FALSE(TensorSlice::Parse("-")->Resolve(full).ok());  // rank mismatch
  EXPECT_FALSE(TensorSlice::Parse("1;2").ok());
  EXPECT_TRUE(TensorSlice::Parse("")->extents.empty());
}

TEST(TensorSlice, CopyIntoFull) {
  Dims full = {3, 4};
  std::string buf(12, '.');
  TensorSlice s = *TensorSlice::Parse("1,2:1,2");
  CopySlice(full, s, "abcd", 1, buf.data());
  EXPECT_EQ(buf, ".....ab..cd.");  // rows 1-2, columns 1-2 of 3x4
  std::vector<std::string> elems(12);
  CopySliceStrings(full, *TensorSlice::Parse("2,1:-"), {"w", "x", "y", "z"}, &elems);
  EXPECT_EQ(elems[8], "w");
  EXPECT_EQ(elems[11], "z");
  Tensor m =
      Tensor::Of<int32_t>(tensorflow::DT_INT32, {3, 4}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  auto part = ExtractSlice(m, *TensorSlice::Parse("1,2:1,2"));
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(part->dims(), (Dims{2, 2}));
  EXPECT_EQ(part->Get<int32_t>(0), 5);
  EXPECT_EQ(part->Get<int32_t>(3), 10);
  EXPECT_TRUE(SlicesOverlap(*TensorSlice::Parse("0,2:-"), *TensorSlice::Parse("1,2:-"), full));
  EXPECT_FALSE(SlicesOverlap(*TensorSlice::Parse("0,1:-"), *TensorSlice::Parse("1,2:-"), full));
}

}  // namespace
}  // namespace tfgraph
