#include "core/stats_kernel.h"

#include <cfloat>
#include <cmath>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace tfgraph::stats_kernel {

#if defined(__x86_64__)

bool HaveFloatKernel() {
  static const bool have = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return have;
}

namespace {

__attribute__((target("avx2,fma"))) inline double HorizontalSum(__m256d v) {
  __m128d lo = _mm256_castpd256_pd128(v), hi = _mm256_extractf128_pd(v, 1);
  lo = _mm_add_pd(lo, hi);
  return _mm_cvtsd_f64(_mm_add_sd(lo, _mm_unpackhi_pd(lo, lo)));
}

}  // namespace

__attribute__((target("avx2,fma"))) bool SumFiniteFloats(const char* bytes, int64_t n,
                                                          double shift, FloatSums* out) {
  const __m256 abs_mask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
  const __m256 largest = _mm256_set1_ps(FLT_MAX);
  const __m256 zero = _mm256_setzero_ps();
  const __m256d sh = _mm256_set1_pd(shift);
  // All-ones lanes while every element seen is finite: |x| <= FLT_MAX is
  // false exactly for NaN (unordered compare) and +-Inf.
  __m256 finite = _mm256_castsi256_ps(_mm256_set1_epi32(-1));
  __m256 mn0 = _mm256_set1_ps(INFINITY), mn1 = mn0;
  __m256 mx0 = _mm256_set1_ps(-INFINITY), mx1 = mx0;
  __m256i zeros = _mm256_setzero_si256();
  // Four independent add chains for each moment hide the add latency.
  __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
  __m256d q0 = s0, q1 = s0, q2 = s0, q3 = s0;
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m256 a = _mm256_loadu_ps(reinterpret_cast<const float*>(bytes + i * 4));
    const __m256 b = _mm256_loadu_ps(reinterpret_cast<const float*>(bytes + i * 4 + 32));
    finite = _mm256_and_ps(finite, _mm256_cmp_ps(_mm256_and_ps(a, abs_mask), largest,
                                                 _CMP_LE_OQ));
    finite = _mm256_and_ps(finite, _mm256_cmp_ps(_mm256_and_ps(b, abs_mask), largest,
                                                 _CMP_LE_OQ));
    mn0 = _mm256_min_ps(mn0, a);
    mn1 = _mm256_min_ps(mn1, b);
    mx0 = _mm256_max_ps(mx0, a);
    mx1 = _mm256_max_ps(mx1, b);
    // Equal lanes compare to all ones (-1): subtracting counts them.
    zeros = _mm256_sub_epi32(zeros, _mm256_castps_si256(_mm256_cmp_ps(a, zero, _CMP_EQ_OQ)));
    zeros = _mm256_sub_epi32(zeros, _mm256_castps_si256(_mm256_cmp_ps(b, zero, _CMP_EQ_OQ)));
    const __m256d a0 = _mm256_sub_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(a)), sh);
    const __m256d a1 = _mm256_sub_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(a, 1)), sh);
    const __m256d b0 = _mm256_sub_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(b)), sh);
    const __m256d b1 = _mm256_sub_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(b, 1)), sh);
    s0 = _mm256_add_pd(s0, a0);
    s1 = _mm256_add_pd(s1, a1);
    s2 = _mm256_add_pd(s2, b0);
    s3 = _mm256_add_pd(s3, b1);
    q0 = _mm256_fmadd_pd(a0, a0, q0);
    q1 = _mm256_fmadd_pd(a1, a1, q1);
    q2 = _mm256_fmadd_pd(b0, b0, q2);
    q3 = _mm256_fmadd_pd(b1, b1, q3);
  }
  if (_mm256_movemask_ps(finite) != 0xff) return false;
  double sum = HorizontalSum(_mm256_add_pd(_mm256_add_pd(s0, s1), _mm256_add_pd(s2, s3)));
  double sum_sq = HorizontalSum(_mm256_add_pd(_mm256_add_pd(q0, q1), _mm256_add_pd(q2, q3)));
  alignas(32) float lanes_min[8], lanes_max[8];
  alignas(32) int32_t lanes_zero[8];
  _mm256_store_ps(lanes_min, _mm256_min_ps(mn0, mn1));
  _mm256_store_ps(lanes_max, _mm256_max_ps(mx0, mx1));
  _mm256_store_si256(reinterpret_cast<__m256i*>(lanes_zero), zeros);
  float mn = INFINITY, mx = -INFINITY;
  int64_t z = 0;
  // Plain comparisons: every value here is finite, and std::fmin/fmax are
  // out-of-line libm calls.
  for (int k = 0; k < 8; ++k) {
    mn = lanes_min[k] < mn ? lanes_min[k] : mn;
    mx = lanes_max[k] > mx ? lanes_max[k] : mx;
    z += lanes_zero[k];
  }
  for (; i < n; ++i) {  // the last n % 16 elements
    float x;
    std::memcpy(&x, bytes + i * 4, 4);
    if (!std::isfinite(x)) return false;
    const double d = static_cast<double>(x) - shift;
    sum += d;
    sum_sq += d * d;
    mn = x < mn ? x : mn;
    mx = x > mx ? x : mx;
    z += x == 0;
  }
  out->sum = sum;
  out->sum_sq = sum_sq;
  out->min = mn;
  out->max = mx;
  out->zeros = z;
  return true;
}

#else  // not x86-64: the generic path in tensor_stats.cc is used.

bool HaveFloatKernel() { return false; }
bool SumFiniteFloats(const char*, int64_t, double, FloatSums*) { return false; }

#endif

}  // namespace tfgraph::stats_kernel
