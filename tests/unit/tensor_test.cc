// Tensor: decoding TensorProto in every representation TensorFlow uses
// (tensor_content, typed fields, half_val, broadcast, zero fill), zero-copy
// views, size limits, and encoding back.
#include "core/tensor.h"

#include <gtest/gtest.h>

#include "core/half.h"

namespace tfgraph {
namespace {

tensorflow::TensorProto Proto(DataType dtype, const Dims& dims) {
  tensorflow::TensorProto p;
  p.set_dtype(dtype);
  DimsToProto(dims, p.mutable_tensor_shape());
  return p;
}

TEST(Tensor, TensorContentWins) {
  auto p = Proto(tensorflow::DT_FLOAT, {2});
  float vals[2] = {1.5f, -2.0f};
  p.set_tensor_content(std::string(reinterpret_cast<char*>(vals), 8));
  p.add_float_val(9.0f);  // ignored: tensor_content is non-empty
  auto t = Tensor::FromProto(p);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->Get<float>(0), 1.5f);
  EXPECT_EQ(t->Get<float>(1), -2.0f);
}

TEST(Tensor, TensorContentWrongSizeIsCorruption) {
  auto p = Proto(tensorflow::DT_INT32, {3});
  p.set_tensor_content(std::string(8, '\0'));
  auto t = Tensor::FromProto(p);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Status::Code::kCorruption);
}

TEST(Tensor, ScalarBroadcastAndLastValueRepeat) {
  auto p = Proto(tensorflow::DT_INT64, {2, 3});
  p.add_int64_val(7);
  p.add_int64_val(8);
  auto t = Tensor::FromProto(p);
  ASSERT_TRUE(t.ok());
  std::vector<int64_t> got;
  for (int i = 0; i < 6; ++i) got.push_back(t->Get<int64_t>(i));
  EXPECT_EQ(got, (std::vector<int64_t>{7, 8, 8, 8, 8, 8}));
}

TEST(Tensor, NoValuesMeansZeros) {
  auto p = Proto(tensorflow::DT_DOUBLE, {4});
  auto t = Tensor::FromProto(p);
  ASSERT_TRUE(t.ok());
  for (int i = 0; i < 4; ++i) EXPECT_EQ(t->Get<double>(i), 0.0);
  auto s = Tensor::FromProto(Proto(tensorflow::DT_STRING, {2}));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->strings(), (std::vector<std::string>{"", ""}));
}

TEST(Tensor, HalfAndBFloat16FromHalfVal) {
  auto p = Proto(tensorflow::DT_HALF, {2});
  p.add_half_val(FloatToHalf(0.5f));
  p.add_half_val(FloatToHalf(-3.0f));
  auto t = Tensor::FromProto(p);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(HalfToFloat(t->Get<uint16_t>(0)), 0.5f);
  EXPECT_EQ(HalfToFloat(t->Get<uint16_t>(1)), -3.0f);
  auto b = Proto(tensorflow::DT_BFLOAT16, {3});
  b.add_half_val(FloatToBFloat16(2.0f));
  auto tb = Tensor::FromProto(b);
  ASSERT_TRUE(tb.ok());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(BFloat16ToFloat(tb->Get<uint16_t>(i)), 2.0f);
}

TEST(Tensor, SmallIntsBoolComplex) {
  auto p = Proto(tensorflow::DT_INT8, {3});
  for (int v : {-1, 127, -128}) p.add_int_val(v);
  auto t = Tensor::FromProto(p);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->Get<int8_t>(0), -1);
  EXPECT_EQ(t->Get<int8_t>(2), -128);
  EXPECT_EQ(t->bytes().size(), 3u);

  auto b = Proto(tensorflow::DT_BOOL, {2});
  b.add_bool_val(true);
  b.add_bool_val(false);
  auto tb = Tensor::FromProto(b);
  ASSERT_TRUE(tb.ok());
  EXPECT_EQ(tb->bytes(), std::string("\x01\x00", 2));

  auto c = Proto(tensorflow::DT_COMPLEX64, {2});
  for (float v : {1.0f, 2.0f}) c.add_scomplex_val(v);  // one pair, broadcast
  auto tc = Tensor::FromProto(c);
  ASSERT_TRUE(tc.ok());
  EXPECT_EQ(tc->Get<float>(0), 1.0f);
  EXPECT_EQ(tc->Get<float>(1), 2.0f);
  EXPECT_EQ(tc->Get<float>(2), 1.0f);
  EXPECT_EQ(tc->Get<float>(3), 2.0f);
}

TEST(Tensor, StringsFromStringValAndContent) {
  auto p = Proto(tensorflow::DT_STRING, {3});
  p.add_string_val("a");
  p.add_string_val(std::string("b\0c", 3));
  auto t = Tensor::FromProto(p);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->strings(), (std::vector<std::string>{"a", std::string("b\0c", 3),
                                                     std::string("b\0c", 3)}));
  auto q = Proto(tensorflow::DT_STRING, {2});
  q.set_tensor_content(std::string("\x02\x01" "abc", 5));
  auto u = Tensor::FromProto(q);
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->strings(), (std::vector<std::string>{"ab", "c"}));
  q.set_tensor_content(std::string("\x02\x05" "abc", 5));
  EXPECT_FALSE(Tensor::FromProto(q).ok());
}

TEST(Tensor, HugeShapeRefusedBeforeAllocation) {
  auto p = Proto(tensorflow::DT_FLOAT, {int64_t{1} << 40});
  p.add_float_val(1.0f);
  auto t = Tensor::FromProto(p);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Status::Code::kResourceExhausted);
  auto s = Proto(tensorflow::DT_STRING, {int64_t{1} << 40});
  s.add_string_val("x");
  EXPECT_EQ(Tensor::FromProto(s).status().code(), Status::Code::kResourceExhausted);
}

TEST(Tensor, UnknownShapeRefused) {
  auto p = Proto(tensorflow::DT_FLOAT, {-1});
  EXPECT_EQ(Tensor::FromProto(p).status().code(), Status::Code::kInvalidArgument);
}

TEST(Tensor, ViewDoesNotCopy) {
  auto owner = std::make_shared<std::string>(std::string("\x01\x00\x00\x00\x02\x00\x00\x00", 8));
  auto t = Tensor::View(tensorflow::DT_INT32, {2}, *owner, owner);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->bytes().data(), owner->data());
  EXPECT_EQ(t->Get<int32_t>(1), 2);
  auto bad = Tensor::View(tensorflow::DT_INT32, {3}, *owner, owner);
  EXPECT_EQ(bad.status().code(), Status::Code::kCorruption);
}

TEST(Tensor, ViewOfProtoContentWithOwner) {
  auto p = std::make_shared<tensorflow::TensorProto>(Proto(tensorflow::DT_INT16, {2}));
  p->set_tensor_content(std::string("\x05\x00\x06\x00", 4));
  auto t = Tensor::FromProto(*p, {}, p);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->bytes().data(), p->tensor_content().data());
}

TEST(Tensor, ToProtoRoundTrips) {
  Tensor t = Tensor::Of<float>(tensorflow::DT_FLOAT, {2, 2}, {1, 2, 3, 4});
  for (bool typed : {false, true}) {
    tensorflow::TensorProto p;
    ASSERT_TRUE(t.ToProto(&p, typed).ok());
    EXPECT_EQ(p.tensor_content().empty(), typed);
    auto back = Tensor::FromProto(p);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(back->Identical(t));
  }
  auto s = Tensor::FromStrings(tensorflow::DT_STRING, {2}, {"x", ""});
  ASSERT_TRUE(s.ok());
  tensorflow::TensorProto p;
  ASSERT_TRUE(s->ToProto(&p).ok());
  auto back = Tensor::FromProto(p);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->Identical(*s));
}

TEST(Tensor, FromStringsChecksCount) {
  EXPECT_FALSE(Tensor::FromStrings(tensorflow::DT_STRING, {3}, {"a"}).ok());
  EXPECT_FALSE(Tensor::FromStrings(tensorflow::DT_FLOAT, {1}, {"a"}).ok());
}

TEST(Tensor, RankAboveTensorFlowsLimitRefused) {
  // TensorFlow allows 254 dimensions; a file claiming more is damaged, and
  // refusing it bounds every walk that recurses per dimension.
  Dims at_limit(kMaxRank, 1);
  EXPECT_EQ(*NumElements(at_limit), 1);
  auto ok = Tensor::FromProto(Proto(tensorflow::DT_FLOAT, at_limit));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->dims().size(), kMaxRank);

  Dims above(kMaxRank + 1, 1);
  auto n = NumElements(above);
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.status().message().find("rank 255, above TensorFlow's limit of 254"),
            std::string::npos)
      << n.status().message();
  EXPECT_FALSE(Tensor::FromProto(Proto(tensorflow::DT_FLOAT, above)).ok());
  tensorflow::TensorShapeProto shape;
  DimsToProto(Dims(40000, 1), &shape);
  EXPECT_EQ(DimsFromProto(shape).status().code(), Status::Code::kInvalidArgument);
}

TEST(Tensor, NumElementsOverflow) {
  EXPECT_FALSE(NumElements({int64_t{1} << 40, int64_t{1} << 40}).ok());
  EXPECT_EQ(*NumElements({}), 1);
  EXPECT_EQ(*NumElements({3, 0, 5}), 0);
}

}  // namespace
}  // namespace tfgraph
