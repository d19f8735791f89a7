// Freeze bodies: the main graph and function bodies seen the same way while
// freezing rewrites them.
//
// A GraphDef addresses outputs by flat index ("node:2"), a FunctionDef body
// by output argument and element ("node:output:2", "arg"). BodyIndex parses
// either form once and indexes every data edge by (producer, flat output),
// so the rewrite rules can ask "who reads output k of node X" in both places.
// Flat indices inside function bodies come from the op registry (OpDef
// output arguments) or, for nodes that call a library function directly, from
// that function's signature.
//
// The index stores positions, not pointers: nodes may be appended to the
// body afterwards (positions stay valid); renaming or deleting nodes requires
// a new index.
#ifndef TFGRAPH_CORE_FREEZE_BODY_H_
#define TFGRAPH_CORE_FREEZE_BODY_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/op_registry.h"
#include "core/status.h"
#include "tensorflow/function.pb.h"
#include "tensorflow/graph.pb.h"

namespace tfgraph {

using NodeList = google::protobuf::RepeatedPtrField<tensorflow::NodeDef>;

// Flat output index of "node:out_arg:idx" for `producer`. Library functions
// used as ops are looked up in `library` first.
StatusOr<int> FlatOutputIndex(const tensorflow::NodeDef& producer, std::string_view out_arg,
                              int idx, const OpRegistry& ops,
                              const tensorflow::FunctionDefLibrary& library);
// The inverse, as "out_arg:idx" (for writing function-body references).
StatusOr<std::string> OutputArgSuffix(const tensorflow::NodeDef& producer, int flat,
                                      const OpRegistry& ops,
                                      const tensorflow::FunctionDefLibrary& library);

// The library function a node calls as its op, or null.
const tensorflow::FunctionDef* CalledFunction(const tensorflow::NodeDef& node,
                                              const tensorflow::FunctionDefLibrary& library);

class BodyIndex {
 public:
  struct Edge {
    int node;   // consumer position in the body
    int input;  // position in its input list
  };
  // A parsed data input.
  struct Source {
    std::string node;  // producer node or function argument name
    int output = 0;    // flat output index (0 for arguments)
    bool is_arg = false;
  };

  // Indexes a GraphDef's nodes.
  static StatusOr<BodyIndex> ForGraph(const tensorflow::GraphDef& graph);
  // Indexes a function body; fails (Unsupported) when an input cannot be
  // mapped to a flat index (an op unknown to the registry).
  static StatusOr<BodyIndex> ForFunction(const tensorflow::FunctionDef& function,
                                         const OpRegistry& ops,
                                         const tensorflow::FunctionDefLibrary& library);

  bool is_function() const { return is_function_; }
  // Position of a node by name, -1 if none.
  int Find(std::string_view name) const;
  // Data consumers of output `output` of node (or argument) `producer`.
  const std::vector<Edge>& Consumers(std::string_view producer, int output) const;
  // The parsed data input `input` of node `node` (control inputs are absent).
  const Source* InputSource(int node, int input) const;

 private:
  Status Add(int node, int input, Source src);
  bool is_function_ = false;
  std::unordered_map<std::string, int> by_name_;
  std::unordered_map<std::string, std::vector<Edge>> consumers_;  // key "name:out"
  std::vector<std::vector<Source>> sources_;                       // per node, per input
  std::vector<std::vector<bool>> has_source_;
};

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_FREEZE_BODY_H_
