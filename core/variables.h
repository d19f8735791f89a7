// Variables a graph declares, and a summary of their size.
//
// Without reading a checkpoint, a graph says what variables it has: TF1 ref
// variables (Variable, VariableV2), resource variables (VarHandleOp, with
// their dtype and shape attrs). GraphVariables lists them in graph order;
// SummarizeVariables adds up parameters (elements) and bytes for those whose
// shape and dtype are fully known, and counts the others as unknown.
// Checkpoint-based numbers, when a checkpoint is available, come from
// CheckpointReader instead and take precedence in what the CLI shows.
#ifndef TFGRAPH_CORE_VARIABLES_H_
#define TFGRAPH_CORE_VARIABLES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tensorflow/graph.pb.h"
#include "tensorflow/types.pb.h"

namespace tfgraph {

struct VariableInfo {
  std::string name;  // the variable node's name
  std::string op;    // VariableV2, VarHandleOp, ...
  tensorflow::DataType dtype = tensorflow::DT_INVALID;  // base type (no _ref)
  std::optional<std::vector<int64_t>> shape;            // nullopt: unknown rank
};

// True for ops that create a variable (ref or resource); unlike
// graph_check.h's IsVariableOp, reads and assignments are not included.
bool CreatesVariable(std::string_view op);

std::vector<VariableInfo> GraphVariables(const tensorflow::GraphDef& graph);

struct VariableSummary {
  int count = 0;
  int64_t parameters = 0;  // elements of variables with known shapes
  int64_t bytes = 0;       // of those with known shape and fixed-size dtype
  int unknown = 0;         // variables whose size is not known
};
VariableSummary SummarizeVariables(const std::vector<VariableInfo>& vars);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_VARIABLES_H_
