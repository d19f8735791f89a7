// Summary statistics of a tensor's values, computed in one pass.
//
// For real numbers (all float and integer types, bool as 0/1): min, max, mean
// and population standard deviation (ddof = 0, like numpy's std) over the
// finite elements; NaN, +Inf and -Inf are counted separately and excluded
// from the moments. Complex tensors are summarised by element magnitude |z|;
// an element is NaN (Inf) if either part is. String-like tensors get only the
// element count and the min/max byte length.
//
// StatsAccumulator can be fed several tensors (or pieces of one tensor) in
// turn, so a whole checkpoint can be summarised one tensor at a time. The
// moments are accumulated relative to the first finite value seen, which
// keeps the variance accurate when values are large and close together.
#ifndef TFGRAPH_CORE_TENSOR_STATS_H_
#define TFGRAPH_CORE_TENSOR_STATS_H_

#include <cstdint>

#include "core/tensor.h"

namespace tfgraph {

struct TensorStats {
  int64_t count = 0;   // all elements
  int64_t finite = 0;  // elements included in min/max/mean/std
  int64_t nan = 0;
  int64_t pos_inf = 0;
  int64_t neg_inf = 0;
  int64_t zeros = 0;
  double min = 0, max = 0, mean = 0, std = 0;  // valid when finite > 0
  // For string-like tensors: shortest and longest element in bytes.
  int64_t min_length = 0, max_length = 0;
  bool string_like = false;
};

class StatsAccumulator {
 public:
  void Add(const Tensor& t);
  TensorStats Finish() const;

 private:
  void AddValue(double v);
  TensorStats s_;
  bool have_shift_ = false;
  double shift_ = 0;
  double sum_ = 0, sum_sq_ = 0;
  template <typename T, typename Conv>
  void AddAll(const Tensor& t, Conv conv);
  // Adds n values known to be finite, with four independent accumulators
  // (the per-element NaN/Inf checks and the single dependency chain of
  // AddValue would otherwise limit throughput to a few hundred MB/s).
  void AddFinite(const double* v, int64_t n);
  // float32 through the vector kernel (core/stats_kernel.h), block by block.
  void AddFloats(const Tensor& t);
};

TensorStats ComputeStats(const Tensor& t);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_TENSOR_STATS_H_
