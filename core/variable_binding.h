// Which graph node each checkpoint entry belongs to.
//
// BindVariables matches a model's variables to the keys of its checkpoint the
// way TensorFlow's restore does, not by guessing from names:
//   - TF1 graphs: every Assign / AssignVariableOp whose value comes (through
//     Identity nodes) from output i of a RestoreV2 (or the older RestoreSlice
//     / Restore) op restores tensor_names[i] into the variable its first
//     input leads to (VariableV2, VarHandleOp, ...). This follows the
//     SaverDef's restore subgraph, so renamed saves (Saver({"key": var})) and
//     partitioned variables (several part nodes restored from one key) bind
//     correctly.
//   - TF2 SavedModels: the checkpoint's object graph and the SavedObjectGraph
//     share node ids; a key's node is a SavedVariable whose name is the
//     shared_name of a VarHandleOp in the graph.
//   - Otherwise, a variable op named exactly like the key.
// Entries that no variable uses (optimizer slots of a training checkpoint,
// _CHECKPOINTABLE_OBJECT_GRAPH excluded) and graph variables with no entry are
// listed, so callers can report them.
#ifndef TFGRAPH_CORE_VARIABLE_BINDING_H_
#define TFGRAPH_CORE_VARIABLE_BINDING_H_

#include <map>
#include <string>
#include <vector>

#include "core/checkpoint_reader.h"
#include "core/model.h"
#include "core/tensor_slice.h"

namespace tfgraph {

struct VariableBinding {
  // Checkpoint key -> variable nodes restored from it (several for the parts
  // of a partitioned variable), in graph order.
  std::map<std::string, std::vector<std::string>> nodes_of_key;
  std::vector<std::string> unused_keys;     // entries no graph variable restores
  std::vector<std::string> missing_nodes;   // graph variables without an entry
};

VariableBinding BindVariables(const Model& model, const CheckpointReader& checkpoint);

// The parts of partitioned variables: part node -> the slice of its entry
// that it restores, read from the saver's restore op (shape_and_slices such
// as "30 6 10,10:0,6": the full shape, then the slice). Empty when nothing
// is partitioned or the model has no SaverDef; a part missing here holds
// its whole entry.
std::map<std::string, TensorSlice> PartSlices(const Model& model, const VariableBinding& binding);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_VARIABLE_BINDING_H_
