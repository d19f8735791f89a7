// Rendering tensors and checkpoint variables for `vars` and `tensor`.
//
// JSON values are exact: floats are written as the shortest decimal that reads
// back to the same value in the tensor's own type (float16 0.1 is "0.1"), so
// json.loads + a cast to the dtype recovers every bit except NaN payloads;
// NaN and infinities are the strings "nan", "inf", "-inf" (as everywhere in
// our JSON); complex elements are [re, im]; bool true/false; strings as JSON
// strings or {"base64": ...} when not UTF-8; the nesting follows the shape
// (a scalar is a bare value). Statistics render as an object
// {"count","finite","nan","inf","neg_inf","zeros","min","max","mean","std"}
// (min..std absent when no element is finite; "min_length"/"max_length"
// for strings).
#ifndef TFGRAPH_CLI_TENSOR_RENDER_H_
#define TFGRAPH_CLI_TENSOR_RENDER_H_

#include <string>

#include "core/tensor.h"
#include "core/tensor_stats.h"

namespace tfgraph::cli {

std::string TensorValuesJson(const Tensor& t);
std::string StatsJson(const TensorStats& s);
// "min -0.25  max 3.5  mean 0.0125  std 0.9  nan 0  inf 0" (one line).
std::string StatsText(const TensorStats& s);
std::string ShapeText(const Dims& dims);  // "[2450, 100]", "[]"

}  // namespace tfgraph::cli

#endif  // TFGRAPH_CLI_TENSOR_RENDER_H_
