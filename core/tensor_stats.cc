#include "core/tensor_stats.h"

#include <cmath>
#include <algorithm>
#include <complex>
#include <cstring>
#include <limits>

#include "core/half.h"
#include "core/stats_kernel.h"

namespace tfgraph {

inline void StatsAccumulator::AddValue(double v) {
  if (std::isnan(v)) {
    ++s_.nan;
    return;
  }
  if (std::isinf(v)) {
    ++(v > 0 ? s_.pos_inf : s_.neg_inf);
    return;
  }
  if (!have_shift_) {
    have_shift_ = true;
    shift_ = v;
    s_.min = s_.max = v;
  }
  if (v < s_.min) s_.min = v;
  if (v > s_.max) s_.max = v;
  if (v == 0) ++s_.zeros;
  ++s_.finite;
  double d = v - shift_;
  sum_ += d;
  sum_sq_ += d * d;
}

void StatsAccumulator::AddFinite(const double* v, int64_t n) {
  if (n == 0) return;
  if (!have_shift_) {
    have_shift_ = true;
    shift_ = v[0];
    s_.min = s_.max = v[0];
  }
  // Four independent accumulator chains in local variables (registers):
  const double shift = shift_;
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
  double mn0 = s_.min, mn1 = s_.min, mx0 = s_.max, mx1 = s_.max;
  int64_t z = 0;
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const double a = v[i], b = v[i + 1], c = v[i + 2], e = v[i + 3];
    const double da = a - shift, db = b - shift, dc = c - shift, de = e - shift;
    s0 += da;
    s1 += db;
    s2 += dc;
    s3 += de;
    q0 += da * da;
    q1 += db * db;
    q2 += dc * dc;
    q3 += de * de;
    mn0 = std::min(mn0, std::min(a, c));
    mn1 = std::min(mn1, std::min(b, e));
    mx0 = std::max(mx0, std::max(a, c));
    mx1 = std::max(mx1, std::max(b, e));
    z += (a == 0) + (b == 0) + (c == 0) + (e == 0);
  }
  for (; i < n; ++i) {
    const double x = v[i], d = x - shift;
    s0 += d;
    q0 += d * d;
    mn0 = std::min(mn0, x);
    mx0 = std::max(mx0, x);
    z += x == 0;
  }
  sum_ += (s0 + s1) + (s2 + s3);
  sum_sq_ += (q0 + q1) + (q2 + q3);
  s_.min = std::min(mn0, mn1);
  s_.max = std::max(mx0, mx1);
  s_.zeros += z;
  s_.finite += n;
}

template <typename T, typename Conv>
void StatsAccumulator::AddAll(const Tensor& t, Conv conv) {
  // Converts blocks to double, checks them for NaN/Inf in one cheap pass, and
  // takes the fast path for all-finite blocks (the overwhelmingly common case).
  constexpr int64_t kBlock = 2048;
  double buf[kBlock];
  const char* p = t.bytes().data();
  const int64_t n = t.num_elements();
  for (int64_t start = 0; start < n; start += kBlock) {
    const int64_t m = std::min(kBlock, n - start);
    bool all_finite = true;
    for (int64_t i = 0; i < m; ++i) {
      T v;
      std::memcpy(&v, p + (start + i) * static_cast<int64_t>(sizeof(T)), sizeof(T));
      buf[i] = conv(v);
      // |x| <= DBL_MAX is false exactly for NaN and +-Inf.
      all_finite &= std::fabs(buf[i]) <= std::numeric_limits<double>::max();
    }
    if (all_finite) {
      AddFinite(buf, m);
    } else {
      for (int64_t i = 0; i < m; ++i) AddValue(buf[i]);
    }
  }
}

void StatsAccumulator::AddFloats(const Tensor& t) {
  const char* p = t.bytes().data();
  const int64_t n = t.num_elements();
  auto at = [p](int64_t i) {
    float v;
    std::memcpy(&v, p + i * 4, 4);
    return static_cast<double>(v);
  };
  int64_t i = 0;
  // The kernel needs the shift (the first finite value) before it starts.
  for (; i < n && !have_shift_; ++i) AddValue(at(i));
  // Blocks small enough to stay in L1 when a block with a NaN/Inf must be
  // redone element by element, large enough to amortise the reductions.
  constexpr int64_t kBlock = 4096;
  for (; i < n; i += kBlock) {
    const int64_t m = std::min(kBlock, n - i);
    stats_kernel::FloatSums b;
    if (stats_kernel::SumFiniteFloats(p + i * 4, m, shift_, &b)) {
      sum_ += b.sum;
      sum_sq_ += b.sum_sq;
      s_.min = std::min(s_.min, static_cast<double>(b.min));
      s_.max = std::max(s_.max, static_cast<double>(b.max));
      s_.zeros += b.zeros;
      s_.finite += m;
    } else {
      for (int64_t k = i; k < i + m; ++k) AddValue(at(k));
    }
  }
}

void StatsAccumulator::Add(const Tensor& t) {
  s_.count += t.num_elements();
  if (t.is_string_like()) {
    for (const std::string& e : t.strings()) {
      int64_t len = static_cast<int64_t>(e.size());
      if (!s_.string_like || len < s_.min_length) s_.min_length = len;
      if (!s_.string_like || len > s_.max_length) s_.max_length = len;
      s_.string_like = true;
    }
    s_.string_like = true;
    return;
  }
  auto id = [](auto v) { return static_cast<double>(v); };
  switch (t.dtype()) {
    case tensorflow::DT_FLOAT:
      if (stats_kernel::HaveFloatKernel()) {
        AddFloats(t);
      } else {
        AddAll<float>(t, id);
      }
      break;
    case tensorflow::DT_DOUBLE: AddAll<double>(t, id); break;
    case tensorflow::DT_HALF:
      AddAll<uint16_t>(t, [](uint16_t h) { return double(HalfToFloat(h)); });
      break;
    case tensorflow::DT_BFLOAT16:
      AddAll<uint16_t>(t, [](uint16_t h) { return double(BFloat16ToFloat(h)); });
      break;
    case tensorflow::DT_INT8: case tensorflow::DT_QINT8: case tensorflow::DT_INT4:
    case tensorflow::DT_INT2:
      AddAll<int8_t>(t, id);
      break;
    case tensorflow::DT_UINT8: case tensorflow::DT_QUINT8: case tensorflow::DT_UINT4:
    case tensorflow::DT_UINT2:
      AddAll<uint8_t>(t, id);
      break;
    case tensorflow::DT_BOOL: AddAll<uint8_t>(t, [](uint8_t b) { return b ? 1.0 : 0.0; }); break;
    case tensorflow::DT_INT16: case tensorflow::DT_QINT16: AddAll<int16_t>(t, id); break;
    case tensorflow::DT_UINT16: case tensorflow::DT_QUINT16: AddAll<uint16_t>(t, id); break;
    case tensorflow::DT_INT32: case tensorflow::DT_QINT32: AddAll<int32_t>(t, id); break;
    case tensorflow::DT_UINT32: AddAll<uint32_t>(t, id); break;
    case tensorflow::DT_INT64: AddAll<int64_t>(t, id); break;
    case tensorflow::DT_UINT64: AddAll<uint64_t>(t, id); break;
    case tensorflow::DT_COMPLEX64:
    case tensorflow::DT_COMPLEX128: {
      const bool wide = t.dtype() == tensorflow::DT_COMPLEX128;
      for (int64_t i = 0; i < t.num_elements(); ++i) {
        double re = wide ? t.Get<double>(2 * i) : t.Get<float>(2 * i);
        double im = wide ? t.Get<double>(2 * i + 1) : t.Get<float>(2 * i + 1);
        if (std::isnan(re) || std::isnan(im)) {
          ++s_.nan;
        } else if (std::isinf(re) || std::isinf(im)) {
          ++s_.pos_inf;
        } else {
          AddValue(std::hypot(re, im));
        }
      }
      break;
    }
    default:
      // float8/float4 formats: no decoder; count the elements only.
      break;
  }
}

TensorStats StatsAccumulator::Finish() const {
  TensorStats out = s_;
  if (out.finite > 0) {
    double n = static_cast<double>(out.finite);
    double mean_d = sum_ / n;
    out.mean = shift_ + mean_d;
    double var = sum_sq_ / n - mean_d * mean_d;
    out.std = var > 0 ? std::sqrt(var) : 0.0;
  }
  return out;
}

TensorStats ComputeStats(const Tensor& t) {
  StatsAccumulator acc;
  acc.Add(t);
  return acc.Finish();
}

}  // namespace tfgraph
