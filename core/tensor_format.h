// Printing tensor values: every element, never truncated, in the style of
// numpy/TensorFlow's repr.
//
// FormatValues lays a tensor out as nested brackets (rows on their own lines,
// a blank line between blocks of rank >= 3, numpy's indentation); a scalar is
// just its value. Elements are formatted by FormatElement:
//   - floating types as the shortest decimal that reads back to the same
//     value *in that type* (float16 0.1 prints "0.1", not 0.0999755859375),
//     Python's repr layout ("1.0", "1e-05", "nan", "-inf");
//   - integers in decimal, bool as True/False, complex as "(re+imj)";
//   - strings as Python bytes literals (b'caf\xc3\xa9'), so any byte is shown;
//   - resource and variant elements as <resource ...> / <variant type>.
// Output is produced in chunks through a sink so that a tensor of any size can
// be streamed without building one huge string.
#ifndef TFGRAPH_CORE_TENSOR_FORMAT_H_
#define TFGRAPH_CORE_TENSOR_FORMAT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/tensor.h"

namespace tfgraph {

std::string FormatElement(const Tensor& t, int64_t i);
void FormatValues(const Tensor& t, const std::function<void(std::string_view)>& sink);
std::string FormatValues(const Tensor& t);

// Shortest round-trip representations in Python repr layout.
std::string FormatDouble(double v);
std::string FormatFloat(float v);
std::string FormatHalf(uint16_t bits);
std::string FormatBFloat16(uint16_t bits);
// Python bytes literal: b'...'.
std::string PythonBytesRepr(std::string_view s);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_TENSOR_FORMAT_H_
