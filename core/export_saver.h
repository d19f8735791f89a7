// Export savers: which checkpoint entry restores which variable, and the
// save/restore subgraph a SavedModel needs so TensorFlow's loader restores
// its variables.
//
// TF's SavedModel loaders restore variables by feeding
// "<export>/variables/variables" into SaverDef.filename_tensor_name and running
// SaverDef.restore_op_name. The graph from a training .meta usually has its
// own Saver; BindingsFromSaver reads it back (restore NoOp -> Assign /
// AssignVariableOp -> RestoreV2 output i -> tensor_names[i] and
// shape_and_slices[i]), which is exact even for savers built over renamed
// var_lists or partitioned variables. BindingsFromCollections is the
// fallback for graphs without a usable saver: keys are the variable op names,
// partitioned parts take their slice from the `variables` collection's
// save_slice_info_def, as tf.compat.v1.train.Saver does.
//
// AddSaver appends a V2, non-sharded saver over a chosen set of variables in
// a fresh name scope ("save", else "save_1", ...): RestoreV2 feeding Assign
// (ref variables) or Identity + AssignVariableOp (resource variables), all
// grouped by the NoOp `<scope>/restore_all`, and SaveV2 followed by
// `<scope>/control_dependency` (the filename with a control edge on the save)
// so the exported model can also be re-saved. Nothing in the graph is
// touched except appending nodes.
#ifndef TFGRAPH_CORE_EXPORT_SAVER_H_
#define TFGRAPH_CORE_EXPORT_SAVER_H_

#include <string>
#include <vector>

#include "core/graph.h"
#include "core/status.h"
#include "tensorflow/graph.pb.h"
#include "tensorflow/meta_graph.pb.h"
#include "tensorflow/saver.pb.h"
#include "tensorflow/types.pb.h"

namespace tfgraph {

// One variable as a saver restores it. (Not named VariableBinding: that is
// core/variable_binding.h's checkpoint-wide map, and two structs of one name
// in one namespace break the one-definition rule: the linker kept one
// destructor for both, which freed garbage.)
struct SaverBinding {
  std::string node;   // the variable node (VariableV2, VarHandleOp, ...)
  std::string key;    // checkpoint key
  std::string slice;  // shape_and_slices entry, "" for the whole tensor
  tensorflow::DataType dtype = tensorflow::DT_INVALID;  // base type
  bool resource = false;
};

// True for ops that hold a variable (ref or resource).
bool IsVariableNodeOp(std::string_view op);

// The variables the graph's own saver restores, in restore order. Fails with
// NotFound when the restore op is missing and Unsupported when the restore
// subgraph has a shape we do not understand (callers fall back then).
StatusOr<std::vector<SaverBinding>> BindingsFromSaver(const Graph& graph,
                                                         const tensorflow::SaverDef& saver);

// One binding per variable node of the graph (graph order), keyed as a
// default tf.compat.v1.train.Saver would key it.
std::vector<SaverBinding> BindingsFromCollections(const Graph& graph,
                                                     const tensorflow::MetaGraphDef* meta);

// A name scope no node of `graph` uses yet: `base`, else `base_1`, ...
std::string FreshScope(const tensorflow::GraphDef& graph, const std::string& base);

// Appends a saver over `vars` (non-empty) to `graph` and returns its SaverDef.
StatusOr<tensorflow::SaverDef> AddSaver(tensorflow::GraphDef* graph,
                                        const std::vector<SaverBinding>& vars);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_EXPORT_SAVER_H_
