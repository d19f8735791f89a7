// Freeze specs: what users type for `freeze --inputs` and `--const`.
//
//   --inputs X[:dtype[:shape]]   X is a node or tensor name ("images",
//                                "images:0", "split:1"); dtype a TF name
//                                ("float32", "uint8"); shape "[?,224,224,3]",
//                                "[1,4]", "[]" (scalar), "?x224x224x3" or "*"
//                                (unknown rank). An empty dtype keeps the
//                                graph's: "x::[1,4]".
//   --const NAME=VALUE           VALUE is parsed for the placeholder's dtype:
//                                bool (true/false/1/0), integers, floats (also
//                                nan, inf), strings (as given).
// Parsing never looks at a graph; errors are InvalidArgument naming the text.
#ifndef TFGRAPH_CORE_FREEZE_SPEC_H_
#define TFGRAPH_CORE_FREEZE_SPEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "tensorflow/tensor.pb.h"
#include "tensorflow/types.pb.h"

namespace tfgraph {

// A shape as users and signatures give it: dims (-1 unknown), or nullopt for
// unknown rank.
using OptShape = std::optional<std::vector<int64_t>>;

struct InputSpec {
  std::string name;  // node or tensor name as typed
  std::optional<tensorflow::DataType> dtype;
  bool has_shape = false;
  OptShape shape;
};

StatusOr<InputSpec> ParseInputSpec(std::string_view text);
StatusOr<OptShape> ParseShapeText(std::string_view text);
// "[?,224,224,3]" style (unknown rank: "<unknown>").
std::string ShapeText(const OptShape& shape);

// Splits a comma-separated --inputs value without breaking "[1,2]" shapes;
// `pieces` is what a plain split at commas produced.
std::vector<std::string> RejoinBracketed(const std::vector<std::string>& pieces);

struct ConstSpec {
  std::string name;
  std::string value;
};
StatusOr<ConstSpec> ParseConstSpec(std::string_view text);

// A TensorProto of `dtype` and `shape` (fully known dims, or scalar if
// empty) with every element `value` (one typed value, broadcast as TF does).
StatusOr<tensorflow::TensorProto> ConstValueProto(std::string_view value, tensorflow::DataType dtype,
                                                  const std::vector<int64_t>& shape);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_FREEZE_SPEC_H_
