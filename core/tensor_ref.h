// Tensor references as users and GraphDefs write them.
//
// A GraphDef input string is "node" (output 0), "node:N" (output N) or
// "^node" (a control dependency). Inside a FunctionDef body an input is
// "arg" (a function argument), "node:out_arg:idx" (element idx of the named
// output argument of a body node) or "^node".
//
// Users write the same things, plus a few habits that TensorFlow rejects
// but whose meaning is clear: a leading "import/" (what import_graph_def adds),
// a trailing ":0" on a node name where an op name is wanted, surrounding
// whitespace. ParseTensorRef accepts all of them; it never looks at a graph
// (see Graph::Resolve for that).
#ifndef TFGRAPH_CORE_TENSOR_REF_H_
#define TFGRAPH_CORE_TENSOR_REF_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace tfgraph {

struct TensorRef {
  std::string node;     // node (or function argument) name
  std::string out_arg;  // function bodies only: the output argument name, else empty
  int index = 0;        // output index (or element of out_arg)
  bool control = false; // "^node"
  bool explicit_index = false;  // the text carried ":N"

  // "node:N" (or "node:out_arg:N" in a function body, "^node" for control).
  std::string ToString() const;
  // The form a TF user feeds or fetches: "node:N".
  std::string TensorName() const { return node + ":" + std::to_string(index); }
};

// Parses a GraphDef-level input string ("node", "node:N", "^node").
// Fails with InvalidArgument on empty names or a malformed index.
StatusOr<TensorRef> ParseGraphInput(std::string_view text);

// Parses a FunctionDef-body input string ("arg", "node:out_arg:idx", "^node").
StatusOr<TensorRef> ParseFunctionInput(std::string_view text);

// Parses what a user typed on the command line or in the UI. Strips
// whitespace; keeps an "import/" prefix in the name (Graph::Resolve decides
// whether to drop it).
StatusOr<TensorRef> ParseUserTensor(std::string_view text);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_TENSOR_REF_H_
