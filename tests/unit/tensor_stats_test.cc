// Statistics: exact values on small inputs, NaN/Inf accounting, precision
// with large offsets, half/bfloat16/complex/bool/int inputs, accumulation;
// the float32 vector kernel against a long-double reference.
#include "core/tensor_stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "core/half.h"
#include "core/stats_kernel.h"

namespace tfgraph {
namespace {

TEST(Stats, Basic) {
  auto s = ComputeStats(Tensor::Of<float>(tensorflow::DT_FLOAT, {4}, {1, 2, 3, 4}));
  EXPECT_EQ(s.count, 4);
  EXPECT_EQ(s.min, 1);
  EXPECT_EQ(s.max, 4);
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_DOUBLE_EQ(s.std, std::sqrt(1.25));
}

TEST(Stats, NanInfCountedNotAveraged) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  auto s = ComputeStats(Tensor::Of<float>(tensorflow::DT_FLOAT, {5}, {nan, inf, -inf, 2, 0}));
  EXPECT_EQ(s.nan, 1);
  EXPECT_EQ(s.pos_inf, 1);
  EXPECT_EQ(s.neg_inf, 1);
  EXPECT_EQ(s.finite, 2);
  EXPECT_EQ(s.zeros, 1);
  EXPECT_DOUBLE_EQ(s.mean, 1.0);
}

TEST(Stats, LargeOffsetKeepsPrecision) {
  std::vector<double> v;
  for (int i = 0; i < 1000; ++i) v.push_back(1e9 + (i % 2));
  auto s = ComputeStats(Tensor::Of<double>(tensorflow::DT_DOUBLE, {1000}, v));
  EXPECT_DOUBLE_EQ(s.mean, 1e9 + 0.5);
  EXPECT_NEAR(s.std, 0.5, 1e-9);
}

TEST(Stats, OtherTypes) {
  auto h = ComputeStats(Tensor::Of<uint16_t>(tensorflow::DT_HALF, {2},
                                             {FloatToHalf(-1.5f), FloatToHalf(0.5f)}));
  EXPECT_EQ(h.min, -1.5);
  EXPECT_EQ(h.max, 0.5);
  auto b = ComputeStats(Tensor::Of<uint16_t>(tensorflow::DT_BFLOAT16, {1}, {0x7fc0}));
  EXPECT_EQ(b.nan, 1);
  auto flags = ComputeStats(Tensor::Of<uint8_t>(tensorflow::DT_BOOL, {4}, {1, 0, 1, 1}));
  EXPECT_DOUBLE_EQ(flags.mean, 0.75);
  auto c = ComputeStats(Tensor::Of<float>(tensorflow::DT_COMPLEX64, {1}, {3, 4}));
  EXPECT_EQ(c.max, 5);
  auto u = ComputeStats(Tensor::Of<uint64_t>(tensorflow::DT_UINT64, {2}, {0, ~uint64_t{0}}));
  EXPECT_EQ(u.max, 18446744073709551615.0);
  auto i8 = ComputeStats(Tensor::Of<int8_t>(tensorflow::DT_INT8, {2}, {-128, 127}));
  EXPECT_EQ(i8.min, -128);
  auto s = ComputeStats(*Tensor::FromStrings(tensorflow::DT_STRING, {3}, {"a", "", "abc"}));
  EXPECT_TRUE(s.string_like);
  EXPECT_EQ(s.min_length, 0);
  EXPECT_EQ(s.max_length, 3);
}

TEST(Stats, AccumulatesAcrossTensors) {
  StatsAccumulator acc;
  acc.Add(Tensor::Of<float>(tensorflow::DT_FLOAT, {2}, {1, 2}));
  acc.Add(Tensor::Of<int32_t>(tensorflow::DT_INT32, {2}, {3, 4}));
  auto s = acc.Finish();
  EXPECT_EQ(s.count, 4);
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_EQ(s.max, 4);
}

// Reference statistics in long double, element by element.
TensorStats Reference(const std::vector<float>& v) {
  TensorStats r;
  long double sum = 0, sum_sq = 0;
  for (float x : v) {
    if (std::isnan(x)) { ++r.nan; continue; }
    if (std::isinf(x)) { ++(x > 0 ? r.pos_inf : r.neg_inf); continue; }
    if (r.finite == 0) r.min = r.max = x;
    r.min = std::min<double>(r.min, x);
    r.max = std::max<double>(r.max, x);
    r.zeros += x == 0;
    ++r.finite;
    sum += x;
    sum_sq += static_cast<long double>(x) * x;
  }
  const long double mean = sum / r.finite;
  r.mean = static_cast<double>(mean);
  r.std = static_cast<double>(std::sqrt(sum_sq / r.finite - mean * mean));
  return r;
}

void ExpectMatches(const TensorStats& s, const TensorStats& r) {
  EXPECT_EQ(s.finite, r.finite);
  EXPECT_EQ(s.nan, r.nan);
  EXPECT_EQ(s.pos_inf, r.pos_inf);
  EXPECT_EQ(s.neg_inf, r.neg_inf);
  EXPECT_EQ(s.zeros, r.zeros);
  EXPECT_EQ(s.min, r.min);
  EXPECT_EQ(s.max, r.max);
  EXPECT_NEAR(s.mean, r.mean, 1e-9 * (1 + std::fabs(r.mean)));
  EXPECT_NEAR(s.std, r.std, 1e-9 * (1 + r.std));
}

// Sizes not a multiple of the kernel's 16 or the 4096-element block, values
// offset from zero, exact zeros and -0.0, read from an odd address (tensor
// views into a data shard need not be aligned).
TEST(Stats, FloatKernelMatchesReference) {
  std::mt19937 rng(7);
  std::normal_distribution<float> normal(3.0f, 0.02f);
  for (int64_t n : {1, 15, 17, 4095, 4097, 100003}) {
    std::vector<float> v(n);
    for (auto& x : v) x = normal(rng);
    if (n > 20) v[5] = 0.0f, v[n - 3] = -0.0f, v[n / 2] = -1e30f;
    std::string bytes(1 + n * 4, '\0');
    std::memcpy(&bytes[1], v.data(), n * 4);
    auto t = Tensor::View(tensorflow::DT_FLOAT, {n}, std::string_view(bytes).substr(1), nullptr);
    ASSERT_TRUE(t.ok());
    SCOPED_TRACE("n=" + std::to_string(n));
    ExpectMatches(ComputeStats(*t), Reference(v));
  }
}

// NaN/Inf anywhere (first element, inside a vector, in the scalar tail)
// send that block down the per-element path: counts stay exact.
TEST(Stats, FloatKernelNonFiniteAnywhere) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> v(10000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(i % 97) - 40.0f;
  v[0] = nan;
  v[4100] = inf;
  v[8191] = -inf;
  v[9999] = nan;
  ExpectMatches(ComputeStats(Tensor::Of<float>(tensorflow::DT_FLOAT, {10000}, v)),
                Reference(v));
}

TEST(Stats, FloatKernelRejectsBlockWithNonFinite) {
  if (!stats_kernel::HaveFloatKernel()) GTEST_SKIP() << "no AVX2 on this CPU";
  std::vector<float> v(40, 1.0f);
  stats_kernel::FloatSums sums;
  EXPECT_TRUE(stats_kernel::SumFiniteFloats(reinterpret_cast<const char*>(v.data()), 40, 1.0,
                                            &sums));
  EXPECT_EQ(sums.sum, 0);
  EXPECT_EQ(sums.min, 1.0f);
  for (int at : {3, 20, 38}) {
    auto w = v;
    w[at] = std::numeric_limits<float>::infinity();
    EXPECT_FALSE(stats_kernel::SumFiniteFloats(reinterpret_cast<const char*>(w.data()), 40, 1.0,
                                               &sums))
        << at;
  }
}

}  // namespace
}  // namespace tfgraph
