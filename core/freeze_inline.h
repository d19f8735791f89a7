// Freeze inlining: function calls of the main graph replaced by the nodes of
// the function they call.
//
// TF2 SavedModels keep the model in library functions; the main graph only
// has StatefulPartitionedCall nodes. A frozen graph must not (the callee's
// variables arrive as resource arguments), so freeze inlines every call it
// keeps, recursively:
//   - body node N of a call C becomes main-graph node "C/N" (made unique if
//     that name is taken), its inputs rewritten from body syntax
//     ("node:out_arg:idx", via the op registry) to graph syntax ("C/node:k");
//   - a function argument is replaced by the call's corresponding input, so a
//     captured variable handle reaches the body's ReadVariableOp directly;
//   - the call's outputs are produced by a node with the call's own name (an
//     Identity for one output, IdentityN for several, NoOp for none) reading
//     the function's return values, so "C:1" still names the same tensor and
//     signature tensor names keep working;
//   - control inputs of the call are added to the inlined nodes that have no
//     inputs at all (so they still run after them).
// Side effects that only the function's control outputs keep alive
// (control_ret) are not wired to anything: freezing keeps what the outputs
// need. Calls to functions with list arguments or unresolved attr
// placeholders are Unsupported.
#ifndef TFGRAPH_CORE_FREEZE_INLINE_H_
#define TFGRAPH_CORE_FREEZE_INLINE_H_

#include <set>
#include <string>
#include <vector>

#include "core/op_registry.h"
#include "core/status.h"
#include "tensorflow/graph.pb.h"

namespace tfgraph {

struct InlineStats {
  int calls = 0;        // call nodes replaced (nested ones included)
  int nodes_added = 0;  // body nodes added to the graph
  std::set<std::string> functions;  // names of the functions inlined
};

// True for StatefulPartitionedCall / PartitionedCall and for a node whose op
// is a library function.
bool IsFunctionCall(const tensorflow::NodeDef& node, const tensorflow::FunctionDefLibrary& lib);

// Inlines the call nodes named in `calls` (others are left alone) and every
// call inside the inlined bodies. `max_depth` bounds recursion (a function
// calling itself is Unsupported).
Status InlineCalls(tensorflow::GraphDef* graph, const std::set<std::string>& calls,
                   const OpRegistry& ops, InlineStats* stats, int max_depth = 64);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_FREEZE_INLINE_H_
