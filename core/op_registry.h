// OpRegistry: TensorFlow's op definitions (OpDefs), available without TF.
//
// OpRegistry::Global() holds every op registered by tensorflow-cpu 2.15.1
// (1862 ops, including internal ones such as _Arg, _Retval, RefSwitch,
// VariableV2, VarHandleOp), compiled into the binary from
// core/ops/ops_tf2_15.pb (see core/ops/embedded_ops.h). It is parsed on
// first use, thread-safely, and is immutable and never destroyed afterwards.
//
// Models may use ops this registry does not know (custom ops, TF Text, ops
// newer than 2.15). A MetaGraphDef carries the OpDefs it uses in
// meta_info_def.stripped_op_list, and a function library is a list of
// signatures; both can be layered on top of the global registry:
//
//   OpRegistry ops(&OpRegistry::Global());
//   auto report = ops.AddUnknownOps(meta.meta_info_def().stripped_op_list());
//
// A layered registry consults its own OpDefs first and then its base, and it
// only ever adds ops that neither knows: for an op TF itself defines,
// TF's definition wins over the model's (which may be stale or stripped).
// The base must outlive the layer. Registries are movable, not copyable;
// const methods may be called from several threads.
//
// The per-node methods look the node's op up and then apply the functions
// of core/op_signature.h (flat input/output dtypes, output-argument <-> flat
// index mapping, default attrs); an unknown op is NotFound.
#ifndef TFGRAPH_CORE_OP_REGISTRY_H_
#define TFGRAPH_CORE_OP_REGISTRY_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/op_signature.h"
#include "core/status.h"
#include "tensorflow/function.pb.h"
#include "tensorflow/graph.pb.h"
#include "tensorflow/node_def.pb.h"
#include "tensorflow/op_def.pb.h"

namespace tfgraph {

class OpRegistry {
 public:
  // The embedded TensorFlow 2.15.1 registry. If its bytes failed to parse (a
  // build bug) it is empty and load_status() says why.
  static const OpRegistry& Global();

  // Parses a serialized tensorflow.OpList into a standalone registry. Fails
  // (Corruption) on undecodable bytes, duplicate op names or an OpDef that
  // ValidateOpDef rejects.
  static StatusOr<OpRegistry> FromSerialized(std::string_view bytes);

  // An empty registry, or an empty layer over `base` (which must outlive it).
  OpRegistry() = default;
  explicit OpRegistry(const OpRegistry* base) : base_(base) {}
  OpRegistry(OpRegistry&&) = default;
  OpRegistry& operator=(OpRegistry&&) = default;
  OpRegistry(const OpRegistry&) = delete;
  OpRegistry& operator=(const OpRegistry&) = delete;

  // What AddUnknownOps did with each OpDef it was given.
  struct MergeReport {
    int added = 0;   // unknown before, now registered
    int known = 0;   // already defined here or in the base: ours kept
    // One line per OpDef refused by ValidateOpDef (not added).
    std::vector<std::string> rejected;
  };
  // Registers each OpDef of `ops` whose name is not yet known. Never fails
  // as a whole: invalid defs are skipped and listed in the report.
  MergeReport AddUnknownOps(const tensorflow::OpList& ops);
  // Same, for the signatures of a function library's functions (a node may
  // use a library function as its op).
  MergeReport AddFunctionSignatures(const tensorflow::FunctionDefLibrary& library);
  // Registers one OpDef: AlreadyExists if the name is known, InvalidArgument
  // if ValidateOpDef rejects it.
  Status AddOp(const tensorflow::OpDef& op);

  // The OpDef for an op name, or nullptr.
  const tensorflow::OpDef* Find(std::string_view op) const;
  // The same as a Status: NotFound "unknown op 'X'".
  StatusOr<const tensorflow::OpDef*> Lookup(std::string_view op) const;
  // Number of ops known (own plus base).
  size_t size() const;
  // All op names known (own plus base), sorted.
  std::vector<std::string> OpNames() const;
  // OK, or why the embedded data could not be loaded (Global() only).
  const Status& load_status() const { return load_status_; }

  // Adds the node's missing default-valued attrs; returns how many.
  StatusOr<int> AddDefaultAttrs(tensorflow::NodeDef* node) const;
  // Restores defaults on every node of a graph saved with
  // MetaInfoDef.stripped_default_attrs: the graph's nodes and the bodies of
  // its library functions. Nodes whose op is unknown (or is a library
  // function) are left alone. Returns the number of attrs added.
  int AddDefaultAttrsToGraph(tensorflow::GraphDef* graph) const;

  // Flat dtypes of the node's inputs / outputs (ref dtypes for ref args).
  StatusOr<std::vector<tensorflow::DataType>> InputTypes(const tensorflow::NodeDef& node) const;
  StatusOr<std::vector<tensorflow::DataType>> OutputTypes(const tensorflow::NodeDef& node) const;
  // Number of flat outputs of the node.
  StatusOr<int> NumOutputs(const tensorflow::NodeDef& node) const;
  // "node:out_arg:idx" -> flat output index, and back.
  StatusOr<int> OutputIndex(const tensorflow::NodeDef& node, std::string_view out_arg,
                            int idx) const;
  StatusOr<OutputArgRef> OutputArgAt(const tensorflow::NodeDef& node, int flat_index) const;

 private:
  Status Insert(std::unique_ptr<tensorflow::OpDef> op);

  const OpRegistry* base_ = nullptr;
  std::vector<std::unique_ptr<tensorflow::OpDef>> defs_;
  // Keys view the names inside defs_ (heap-allocated, so moves keep them valid).
  std::unordered_map<std::string_view, const tensorflow::OpDef*> by_name_;
  Status load_status_;
};

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_OP_REGISTRY_H_
