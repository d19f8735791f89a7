// Freeze rewrite: variables become constants, and everything that reads them
// is changed to read a value instead of a variable.
//
// Starting at each variable node, the change is pushed along data edges, in
// the main graph and into library functions, the way TensorFlow's
// convert_variables_to_constants does (tf-formats.md §5.5):
//
//   VariableV2/Variable/VarHandleOp  -> Const (dtype; value holds dtype and shape
//                                       only, the bytes are attached by the writer)
//   ReadVariableOp                   -> Identity (T = dtype; control inputs dropped)
//   ResourceGather                   -> GatherV2 + new Const "<name>/axis" (= batch_dims)
//   ResourceGatherNd                 -> GatherNd
//   VariableShape                    -> Const holding the shape (out_type)
//   VarIsInitializedOp,
//   IsVariableInitialized            -> Const true (noted)
//   Identity, Snapshot, Enter, Exit, NextIteration, Switch, _SwitchN, Merge,
//   IdentityN and their Ref* forms  -> value forms, T = dtype, _output_shapes
//                                       dropped; continues to their consumers
//   If/StatelessIf/Case              -> Tin fixed; branch functions converted
//   While/StatelessWhile             -> T and output_shapes fixed; cond and body
//                                       converted (body output type too);
//                                       continues from the While's output
//   PartitionedCall, StatefulPartitionedCall, direct function calls
//                                    -> Tin fixed; callee converted
//
// Converting a function for one call site copies it to "<base>_frozen_<n>"
// (the base is the name without a trailing "_<digits>"), points the call at the
// copy, sets the argument's type to the value dtype (resetting its recorded
// shapes and handle data), and continues inside the copy from that argument.
// The original is left for other callers; unused functions are pruned later.
//
// Anything else that receives a variable handle, or a ref input fed by a
// former ref variable, cannot work on a constant. Those are collected and
// returned as one Unsupported status naming each node, e.g.
//   "variable 'calls' is written by AssignAddVariableOp 'while/AssignAdd' in
//    function 'while_body_172'; a frozen graph has no variables to write".
#ifndef TFGRAPH_CORE_FREEZE_REWRITE_H_
#define TFGRAPH_CORE_FREEZE_REWRITE_H_

#include <string>
#include <vector>

#include "core/op_registry.h"
#include "core/status.h"
#include "tensorflow/types.pb.h"
#include "tensorflow/graph.pb.h"

namespace tfgraph {

struct VariableToFreeze {
  std::string node;  // variable node in the main graph
  tensorflow::DataType dtype = tensorflow::DT_INVALID;  // value dtype (never a ref type)
  std::vector<int64_t> shape;
};

struct RewriteStats {
  int reads = 0;          // ReadVariableOp -> Identity
  int gathers = 0;        // ResourceGather(Nd) -> Gather(V2|Nd)
  int shapes = 0;         // VariableShape -> Const
  int passthrough = 0;    // Identity/Switch/Merge/... retyped
  int functions = 0;      // function copies made
  std::vector<std::string> notes;  // one line each
};

// True for ops that write a variable or check its state (never kept across a
// control edge by freeze; an error when a value needs them).
bool IsVariableWriteOp(std::string_view op);

Status FreezeVariables(tensorflow::GraphDef* graph, const std::vector<VariableToFreeze>& vars,
                       const OpRegistry& ops, RewriteStats* stats);

// The name a converted copy of function `name` gets: "<base>_frozen_<n>".
std::string FrozenFunctionName(std::string_view name, int n);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_FREEZE_REWRITE_H_
