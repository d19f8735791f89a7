// Freeze keys: which checkpoint tensor holds the value of each variable node.
//
// A variable node's name is not always its checkpoint key. TensorFlow itself
// restores variables through the graph's saver, so that is what we read:
//   1. Saver (TF1 graphs): every RestoreV2 / RestoreSlice / Restore node that
//      the SaverDef's restore_op_name depends on (all of them if there is no
//      SaverDef) names its tensors in Const inputs (tensor_names,
//      shape_and_slices). Each output is followed through Identity nodes to
//      the Assign / AssignVariableOp that writes it, whose first input is the
//      variable. Partitioned variables (`w/part_0`, ...) get the full key and
//      their slice from shape_and_slices ("30 6 0,10:0,6").
//   2. Object graph (TF2 SavedModels): a call node whose function is a saved
//      concrete function passes the captured variables as its trailing
//      inputs; SavedConcreteFunction.bound_inputs gives their object ids, and
//      the checkpoint's TrackableObjectGraph gives each object's
//      VARIABLE_VALUE key.
//   3. Otherwise the node's shared_name (resource variables) or its name.
// Lookup never fails for a variable: a key it cannot find is still returned
// (by name) and the caller reports the missing tensor.
#ifndef TFGRAPH_CORE_FREEZE_KEYS_H_
#define TFGRAPH_CORE_FREEZE_KEYS_H_

#include <map>
#include <string>
#include <vector>

#include "core/freeze_values.h"
#include "core/status.h"
#include "tensorflow/graph.pb.h"
#include "tensorflow/meta_graph.pb.h"

namespace tfgraph {

struct VariableKey {
  enum class Source { kSaver, kObjectGraph, kSharedName, kNodeName };
  std::string key;
  Source source = Source::kNodeName;
  // For one partition of a partitioned variable: its part of the full tensor.
  bool sliced = false;
  Dims full_shape;
  TensorSlice slice;
};
const char* VariableKeySourceName(VariableKey::Source s);  // "saver", "object graph", ...

// Maps variable node names (VariableV2, Variable, VarHandleOp, ... of the
// main graph) to their keys. `meta` may be null (plain GraphDef); `objects` is
// the checkpoint's object graph or null. Fails only on malformed saver
// constants (Corruption).
StatusOr<std::map<std::string, VariableKey>> MapVariableKeys(
    const tensorflow::GraphDef& graph, const tensorflow::MetaGraphDef* meta,
    const ObjectGraphInfo* objects);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_FREEZE_KEYS_H_
