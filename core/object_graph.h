// The TF2 object graph of a checkpoint (_CHECKPOINTABLE_OBJECT_GRAPH).
//
// Object-based checkpoints (tf.train.Checkpoint, Keras save_weights, TF2
// SavedModels) store a serialized TrackableObjectGraph as a scalar string.
// DecodeObjectGraph parses it and derives, for every checkpoint key:
//   - the object path: local names of the edges from the root (node 0), in
//     TensorFlow's breadth-first order, each escaped ('.' -> '..',
//     '/' -> '.S') and joined by '/', exactly the prefix TF puts before
//     "/.ATTRIBUTES/" in the key;
//   - the attribute name and the TF1-style full_name recorded by TF;
//   - for optimizer slot variables, the variable they belong to and the slot
//     name: from slot_variables references (legacy optimizers, keys with
//     ".OPTIMIZER_SLOT"), and for Keras 3-style optimizers, which keep slots
//     in parallel lists, by position: list child "_momentums"/"_velocities"/...
//     entry i belongs to "_trainable_variables" entry i (slot "momentum",
//     "velocity").
// Node ids out of range give Corruption; cycles are harmless (BFS).
#ifndef TFGRAPH_CORE_OBJECT_GRAPH_H_
#define TFGRAPH_CORE_OBJECT_GRAPH_H_

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tfgraph {

inline constexpr char kObjectGraphKey[] = "_CHECKPOINTABLE_OBJECT_GRAPH";

struct ObjectGraphInfo {
  struct Attribute {
    int node_id = -1;
    std::string object_path;  // escaped, '/'-joined; "" for the root
    std::string name;         // "VARIABLE_VALUE"
    std::string full_name;    // e.g. "dense/kernel"
  };
  struct Slot {
    std::string variable_key;    // checkpoint key of the variable
    std::string slot_name;       // "m", "v", "momentum"
    std::string optimizer_path;  // object path of the optimizer
  };
  int num_nodes = 0;
  std::map<std::string, Attribute> attributes;  // by checkpoint key
  std::map<std::string, Slot> slots;            // by the slot's checkpoint key
};

StatusOr<ObjectGraphInfo> DecodeObjectGraph(std::string_view serialized);

// TensorFlow's local-name escaping in checkpoint keys.
std::string EscapeLocalName(std::string_view name);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_OBJECT_GRAPH_H_
