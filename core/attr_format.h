// Text rendering of attr values, shapes and small tensors, as `tfgraph node`
// and the UI show them.
//
// Shapes print like saved_model_cli: "(-1, 784)", "()" for a scalar,
// "unknown" for unknown rank. Dtypes print as TF python names ("float32").
// Strings print quoted with C-style escapes for bytes that are not printable
// ASCII, cut after `max_chars` with "...". Tensors print as
// "float32 (3, 3) [1, 2, 3, ...]" with at most `max_elements` values.
// Rendering never fails: malformed tensors print what is wrong instead of
// their values ("float32 (2) <tensor_content has 3 bytes, expected 8>").
#ifndef TFGRAPH_CORE_ATTR_FORMAT_H_
#define TFGRAPH_CORE_ATTR_FORMAT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tensorflow/attr_value.pb.h"
#include "tensorflow/tensor.pb.h"
#include "tensorflow/tensor_shape.pb.h"

namespace tfgraph {

// Dims of a shape proto; nullopt for unknown rank.
std::optional<std::vector<int64_t>> ShapeDims(const tensorflow::TensorShapeProto& shape);
std::string FormatDims(const std::optional<std::vector<int64_t>>& dims);
inline std::string FormatShape(const tensorflow::TensorShapeProto& s) { return FormatDims(ShapeDims(s)); }

std::string QuoteBytes(std::string_view s, size_t max_chars = 120);
std::string FormatTensorPreview(const tensorflow::TensorProto& t, int max_elements = 8);
std::string FormatAttrValue(const tensorflow::AttrValue& v, int max_elements = 8);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_ATTR_FORMAT_H_
