// Export typing: the dtype and static shape of a graph tensor, for the
// TensorInfo entries of a SignatureDef.
//
// TensorFlow's Python exporter copies dtype and shape from the live graph,
// where shape inference has run. We have only the GraphDef, so TensorTyper
// combines what the file records with a small amount of inference:
//   dtype: the op registry's output types for the node (when a registry
//          function is given), else the node's own type attrs (dtype, T,
//          out_type, DstT, ...); ref types are reported as their base type,
//          since a client always feeds and fetches values;
//   shape: the node's `_output_shapes` attr if present; else the op's own
//          shape attrs (Placeholder `shape`, Const value, VarHandleOp);
//          else a rule for common shape-preserving and simple ops (unary
//          elementwise, BiasAdd, MatMul, broadcasting binary ops, Identity,
//          Switch/Merge, Squeeze, ArgMax/ArgMin with a constant axis,
//          Reshape with a constant shape). Anything else is unknown rank.
// Unknown dims are -1. Results are cached per tensor; inference depth is
// bounded so a deep chain cannot exhaust the stack (beyond it: unknown).
#ifndef TFGRAPH_CORE_EXPORT_TYPING_H_
#define TFGRAPH_CORE_EXPORT_TYPING_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/graph.h"
#include "core/status.h"
#include "tensorflow/meta_graph.pb.h"
#include "tensorflow/types.pb.h"

namespace tfgraph {

using Shape = std::optional<std::vector<int64_t>>;  // nullopt: unknown rank

// Returns the flat output dtypes of a node (ref types included), or an error
// when the op is unknown. core/op_registry.h provides one.
using OutputTypesFn =
    std::function<StatusOr<std::vector<tensorflow::DataType>>(const tensorflow::NodeDef&)>;

class TensorTyper {
 public:
  TensorTyper(const Graph& graph, OutputTypesFn output_types)
      : graph_(graph), output_types_(std::move(output_types)) {}

  // Number of outputs of a node when known (registry, _output_shapes), or -1.
  int NumOutputs(int node) const;
  // DT_INVALID when nothing says.
  tensorflow::DataType DType(int node, int output) const;
  Shape StaticShape(int node, int output) const;

  // Fills a TensorInfo: name "node:output", dtype, tensor_shape.
  void Fill(int node, int output, tensorflow::TensorInfo* info) const;

 private:
  Shape Infer(int node, int output, int depth) const;
  Shape InputShape(int node, int input, int depth) const;
  const Graph& graph_;
  OutputTypesFn output_types_;
  mutable std::map<std::pair<int, int>, Shape> cache_;
};

// Writes a Shape into a TensorShapeProto (unknown_rank for nullopt).
void ShapeToProto(const Shape& shape, tensorflow::TensorShapeProto* proto);
Shape ShapeFromProto(const tensorflow::TensorShapeProto& proto);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_EXPORT_TYPING_H_
