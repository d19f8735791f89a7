// Graph check: validates a GraphDef (and its function library) the way
// TensorFlow would when importing it, without TensorFlow. Freeze and export
// run it on what they produce; a problem found here means TF would refuse the
// artifact (or, for variables, that freezing left state behind).
//
// What is checked, in the graph and in every library function body:
//   * node names are non-empty and unique (in a function, also distinct from
//     its argument names);
//   * every input parses, resolves (graph: "node[:N]" / "^node"; function
//     body: "arg", "node:out_arg:idx", "^node"), and output indices are in
//     range for the producer's op;
//   * control inputs come after all data inputs;
//   * a node has as many data inputs as its op signature says;
//   * along every data edge the producer's output dtype equals the
//     consumer's expected input dtype, where a ref output may feed a non-ref
//     input of the same base type but never the other way round (see
//     core/dtype.h); function returns must match the signature's types;
//   * no ref or resource input is fed by a Const (the typical broken freeze:
//     a variable replaced by a constant that an Assign still writes to);
//   * optionally, no variable op remains (IsVariableOp).
// Nodes whose op is neither in the registry nor a library function cannot be
// typed: their edges are not dtype-checked and a note says so. That is not a
// problem (models use custom ops), and is never reported as one.
//
// The checker never fails: malformed input becomes problems. Each problem is
// one line naming the function (if any), the node, the input and what was
// expected versus found.
#ifndef TFGRAPH_CORE_GRAPH_CHECK_H_
#define TFGRAPH_CORE_GRAPH_CHECK_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/op_registry.h"
#include "core/status.h"
#include "tensorflow/function.pb.h"
#include "tensorflow/graph.pb.h"

namespace tfgraph {

struct GraphCheckOptions {
  // Where op signatures come from; nullptr means OpRegistry::Global(). The
  // graph's library function signatures are layered on top automatically.
  const OpRegistry* registry = nullptr;
  // Report every node whose op IsVariableOp (what a frozen graph must not
  // contain).
  bool forbid_variables = false;
  // Also check the bodies of library functions.
  bool check_functions = true;
};

struct GraphProblem {
  enum class Kind {
    kBadName,          // empty or duplicate node name
    kBadInput,         // an input string that does not parse or is not allowed here
    kDanglingInput,    // names a node/argument/output that does not exist
    kControlOrder,     // a data input after a control input
    kInputCount,       // number of data inputs differs from the op signature
    kBadAttrs,         // the node's attrs do not fit its op (types cannot be derived)
    kDtypeMismatch,    // producer output dtype != consumer input dtype
    kConstIntoRef,     // a Const feeds a ref or resource input
    kBadReturn,        // a function ret/control_ret entry is missing or wrong
    kVariableOp,       // a variable op remains (forbid_variables)
  };
  Kind kind;
  std::string function;   // the library function, or empty for the graph
  std::string node;       // the node (for kBadReturn: the output name)
  int input = -1;         // index in NodeDef.input, or -1
  std::string input_text; // that input as written, or empty
  std::string message;    // e.g. "expected float32, got int32 from 'c' (Const)"

  // "dtype-mismatch: node 'n' input 1 'c:0': expected float32, got int32 ...",
  // prefixed by "function 'f': " inside a library function.
  std::string ToString() const;
};

const char* GraphProblemKindName(GraphProblem::Kind kind);

struct GraphCheckReport {
  std::vector<GraphProblem> problems;
  // What could not be checked and why (unknown ops, polymorphic functions),
  // one line each. Informational only.
  std::vector<std::string> notes;
  int nodes_checked = 0;   // graph nodes plus function body nodes
  int edges_typed = 0;     // data edges whose dtypes were compared

  bool ok() const { return problems.empty(); }
  // OK, or FailedCheck "graph check found N problems; first: ...".
  Status ToStatus() const;
};

// Checks a GraphDef and (if options.check_functions) its function library.
GraphCheckReport CheckGraph(const tensorflow::GraphDef& graph,
                            const GraphCheckOptions& options = GraphCheckOptions());

// Checks one function body against `ops` (which should already know the
// library's function signatures), appending to `report`.
void CheckFunction(const tensorflow::FunctionDef& function, const OpRegistry& ops,
                   const GraphCheckOptions& options, GraphCheckReport* report);

// Whether `op` creates, reads or writes a variable: Variable, VariableV2,
// TemporaryVariable, DestroyTemporaryVariable, VarHandleOp, _VarHandlesOp,
// _XlaAotOnlyVarHandleOp, ReadVariableOp, _ReadVariablesOp,
// ReadVariableXlaSplitND, VariableShape, VarIsInitializedOp,
// IsVariableInitialized, ResourceGather, ResourceGatherNd, Assign, AssignAdd,
// AssignSub, AssignVariableOp, AssignAddVariableOp, AssignSubVariableOp,
// AssignVariableXlaConcatND, CountUpTo, ResourceCountUpTo, StridedSliceAssign,
// ResourceStridedSliceAssign, Scatter{Add,Sub,Mul,Div,Min,Max,Update},
// ScatterNd{Add,Sub,Min,Max,Update}, ResourceScatter{Add,Sub,Mul,Div,Min,Max,
// Update}, ResourceScatterNd{Add,Sub,Min,Max,Update}, and the optimizer
// updates Apply*, SparseApply*, ResourceApply*, ResourceSparseApply*.
// Not included: ops on other resources or refs (lookup tables, queues,
// TensorArrays, iterators), which legitimately survive freezing.
bool IsVariableOp(std::string_view op);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_GRAPH_CHECK_H_
