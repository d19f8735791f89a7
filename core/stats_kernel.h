// Vector kernel for the statistics of float32 tensors (core/tensor_stats.cc).
//
// float32 is what nearly every checkpoint stores, and `vars --stats` over a
// whole checkpoint must keep up with reading it (issue #3: >= 1 GB/s). The
// generic path converts every element to double through a buffer and runs
// scalar min/max, which tops out near 2.5 GB/s of CPU; this kernel uses AVX2
// (8 floats per instruction: min/max/zero count in float, which is exact, and
// the moments in double after an exact widening) when the CPU has it.
//
// SumFiniteFloats() summarises n floats read from `bytes` (any alignment).
// It returns false, leaving *out unspecified, if any element is NaN or +-Inf
// (the caller then takes the per-element path for that block, which counts
// them). Moments are taken about `shift` (see StatsAccumulator). n must stay
// below 2^31 (zero counts are kept in 32-bit lanes); callers pass blocks.
// HaveFloatKernel() says whether the kernel may be called on this machine.
#ifndef TFGRAPH_CORE_STATS_KERNEL_H_
#define TFGRAPH_CORE_STATS_KERNEL_H_

#include <cstdint>

namespace tfgraph::stats_kernel {

struct FloatSums {
  double sum = 0, sum_sq = 0;  // of (x - shift) and (x - shift)^2
  float min = 0, max = 0;
  int64_t zeros = 0;
};

bool HaveFloatKernel();
bool SumFiniteFloats(const char* bytes, int64_t n, double shift, FloatSums* out);

}  // namespace tfgraph::stats_kernel

#endif  // TFGRAPH_CORE_STATS_KERNEL_H_
