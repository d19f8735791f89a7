// Unfreeze: turns the large constants of a frozen GraphDef back into
// variables plus a checkpoint, so the model can be trained again or exported
// as an ordinary (unfrozen) SavedModel.
//
// A Const C qualifies when it has no inputs (a Const with a control input
// lives in a v1 control-flow frame and must stay), its dtype is floating
// point (float16/bfloat16/float32/float64: weights, never shape or index
// constants) and its value holds at least min_bytes bytes. It becomes
//   C/var        VarHandleOp (resource variable, dtype/shape of C, shared_name C/var)
//   C            ReadVariableOp(C/var), so every consumer of "C" is unchanged
//   C/var/Assign AssignVariableOp(C/var, zeros of C's shape): the initializer
// and its value goes to the checkpoint under the key C (which is the original
// variable name when TF froze the graph). The result is a MetaGraphDef with
// the `variables` / `trainable_variables` collections (VariableDef protos, so
// tf.compat.v1.train.import_meta_graph recreates the variables), an `init`
// NoOp running every initializer, and a V2 saver over the new variables
// (core/export_saver.h AddSaver), whose saver_def TF's Saver and loaders use.
//
// WriteUnfrozen writes DIR/model.ckpt.meta, DIR/model.ckpt.index,
// DIR/model.ckpt.data-00000-of-00001 and the `checkpoint` state file, into a
// temporary folder renamed into place (an existing DIR only with `force`).
#ifndef TFGRAPH_CORE_UNFREEZE_H_
#define TFGRAPH_CORE_UNFREEZE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"
#include "tensorflow/graph.pb.h"
#include "tensorflow/meta_graph.pb.h"

namespace tfgraph {

struct UnfreezeOptions {
  uint64_t min_bytes = 1024;
};

struct UnfreezeResult {
  tensorflow::MetaGraphDef meta;
  std::vector<std::pair<std::string, Tensor>> values;  // checkpoint key -> value
  uint64_t bytes = 0;   // value bytes moved into the checkpoint
  int kept_consts = 0;  // Consts left as they were
  std::vector<std::string> notes;
};

StatusOr<UnfreezeResult> Unfreeze(const tensorflow::GraphDef& frozen,
                                  const UnfreezeOptions& options);

inline constexpr const char* kUnfrozenPrefix = "model.ckpt";

Status WriteUnfrozen(const UnfreezeResult& result, const std::string& dir, bool force);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_UNFREEZE_H_
