// Freeze values: where the constant that replaces a variable comes from.
//
// The freeze engine never talks to a checkpoint directly; it asks a
// VariableStore for a key's dtype and shape (cheap: index only) and then for
// the Tensor itself. CheckpointStore wraps a CheckpointReader (V1 or V2
// bundles, partitioned variables reassembled, TF2 object graph); MemoryStore
// holds tensors given in code (unit tests, synthetic graphs).
//
// Tensors returned by a CheckpointStore view the mmapped data shard, so a
// frozen Const can be written straight from the checkpoint bytes without a
// copy. One partition of a partitioned variable is cut out of the
// reassembled tensor with ExtractSlice (core/tensor_slice.h).
#ifndef TFGRAPH_CORE_FREEZE_VALUES_H_
#define TFGRAPH_CORE_FREEZE_VALUES_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/object_graph.h"
#include "core/status.h"
#include "core/tensor.h"
#include "core/tensor_slice.h"

namespace tfgraph {

class CheckpointReader;

class VariableStore {
 public:
  struct Entry {
    DataType dtype = tensorflow::DT_INVALID;
    Dims shape;
    uint64_t bytes = 0;  // value bytes as stored (numeric: elements x size)
  };
  virtual ~VariableStore() = default;
  // What to call the store in messages: the checkpoint prefix.
  virtual std::string Describe() const = 0;
  virtual std::optional<Entry> Find(std::string_view key) const = 0;
  virtual StatusOr<Tensor> Read(std::string_view key) const = 0;
  // Every key, sorted (for suggestions).
  virtual std::vector<std::string> Keys() const = 0;
  // The TF2 object graph, or null when the checkpoint is not object-based.
  virtual StatusOr<std::shared_ptr<const ObjectGraphInfo>> ObjectGraph() const = 0;
};

std::unique_ptr<VariableStore> MakeCheckpointStore(std::shared_ptr<CheckpointReader> reader);

class MemoryStore : public VariableStore {
 public:
  explicit MemoryStore(std::string name = "memory") : name_(std::move(name)) {}
  void Add(std::string key, Tensor value) { tensors_[std::move(key)] = std::move(value); }
  void SetObjectGraph(std::shared_ptr<const ObjectGraphInfo> g) { objects_ = std::move(g); }

  std::string Describe() const override { return name_; }
  std::optional<Entry> Find(std::string_view key) const override;
  StatusOr<Tensor> Read(std::string_view key) const override;
  std::vector<std::string> Keys() const override;
  StatusOr<std::shared_ptr<const ObjectGraphInfo>> ObjectGraph() const override {
    return objects_;
  }

 private:
  std::string name_;
  std::map<std::string, Tensor, std::less<>> tensors_;
  std::shared_ptr<const ObjectGraphInfo> objects_;
};

// Parses a RestoreV2 shape_and_slices entry: "" (the whole tensor) or
// "<d0> <d1> ... <slice>" such as "30 6 0,10:0,6". Fills full shape and slice.
struct ShapeAndSlice {
  Dims full_shape;
  TensorSlice slice;
  bool sliced = false;
};
StatusOr<ShapeAndSlice> ParseShapeAndSlice(std::string_view text);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_FREEZE_VALUES_H_
