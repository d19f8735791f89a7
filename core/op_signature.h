// Op signatures of individual nodes: how an OpDef plus a NodeDef's attrs
// become a flat list of typed inputs and outputs.
//
// An OpDef declares named arguments; one argument may stand for several
// tensors: `number_attr: "N"` repeats one type N times, `type_list_attr: "T"`
// gives one tensor per entry of a list(type) attr. A GraphDef addresses
// outputs by flat index ("node:3"), a FunctionDef body by argument name and
// element ("node:output:1"). The functions here convert between the two and
// compute each flat input's and output's dtype (is_ref args yield ref dtypes).
//
// Attrs are read from the NodeDef, falling back to the OpDef's default value
// when the node lacks one (graphs saved with stripped default attrs). A
// missing attr without a default, or an attr of the wrong kind, is an
// InvalidArgument naming the node, the op and the attr. Nothing here looks up
// registries; see core/op_registry.h for that.
#ifndef TFGRAPH_CORE_OP_SIGNATURE_H_
#define TFGRAPH_CORE_OP_SIGNATURE_H_

#include <string_view>
#include <vector>

#include "core/status.h"
#include "tensorflow/node_def.pb.h"
#include "tensorflow/op_def.pb.h"
#include "tensorflow/types.pb.h"

namespace tfgraph {

// The flat positions one OpDef argument occupies for a given node.
struct ArgRange {
  std::string_view name;  // the argument name (a view into the OpDef)
  int begin = 0;          // first flat index
  int size = 0;           // number of tensors (0 is legal, e.g. N=0 lists)
};

// An output addressed by argument name and element, as function bodies do.
struct OutputArgRef {
  std::string_view arg;  // a view into the OpDef
  int index = 0;
};

// Checks that an OpDef is self-consistent: a non-empty name, unique argument
// and attr names, and every argument typed by exactly one of `type`,
// `type_attr` or `type_list_attr` (with `number_attr` only alongside the first
// two), each naming an attr of the right kind ("type", "int", "list(type)").
// TF's own OpDefs all pass; models may carry broken ones.
Status ValidateOpDef(const tensorflow::OpDef& op);

// Per-argument flat ranges of the node's inputs / outputs, in OpDef order.
StatusOr<std::vector<ArgRange>> InputArgRanges(const tensorflow::NodeDef& node,
                                               const tensorflow::OpDef& op);
StatusOr<std::vector<ArgRange>> OutputArgRanges(const tensorflow::NodeDef& node,
                                                const tensorflow::OpDef& op);

// The dtype of every flat input / output (ref dtypes for is_ref arguments).
StatusOr<std::vector<tensorflow::DataType>> InputTypes(const tensorflow::NodeDef& node,
                                                       const tensorflow::OpDef& op);
StatusOr<std::vector<tensorflow::DataType>> OutputTypes(const tensorflow::NodeDef& node,
                                                        const tensorflow::OpDef& op);

// "node:out_arg:idx" -> flat output index. NotFound if `out_arg` is not an
// output argument of the op; InvalidArgument if idx is outside its range.
StatusOr<int> OutputIndex(const tensorflow::NodeDef& node, const tensorflow::OpDef& op,
                          std::string_view out_arg, int idx);

// The inverse: flat output index -> (out_arg, idx). InvalidArgument when out
// of range.
StatusOr<OutputArgRef> OutputArgAt(const tensorflow::NodeDef& node, const tensorflow::OpDef& op,
                                   int flat_index);

// Adds to `node` every attr the OpDef gives a default value and the node
// lacks (what TF does when it loads a graph saved with
// stripped_default_attrs). Returns how many were added.
int AddDefaultAttrs(const tensorflow::OpDef& op, tensorflow::NodeDef* node);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_OP_SIGNATURE_H_
