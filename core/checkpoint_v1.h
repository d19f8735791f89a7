// V1Checkpoint: the deprecated SaveSlices/SaverDef.V1 checkpoint format.
//
// A V1 checkpoint is one LevelDB-format table (or N of them, named
// P-SSSSS-of-NNNNN) whose "" entry holds SavedTensorSlices.meta (name, shape,
// dtype and slices of every tensor in that file) and whose other entries,
// keyed by EncodeTensorNameSlice, hold SavedSlice{name, slice, data}, the
// values as a TensorProto without dtype or shape. Open() reads every table's
// meta (validated like any table, see core/sstable.h) and the set of keys;
// Read() fetches a tensor's slices, requires each to hold exactly the
// slice's element count (no broadcasting: V1 writers always store every
// value, so a short field means damage) and assembles the full tensor. Old
// V1 files may have Snappy-compressed blocks; LevelDB handles them.
#ifndef TFGRAPH_CORE_CHECKPOINT_V1_H_
#define TFGRAPH_CORE_CHECKPOINT_V1_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/sstable.h"
#include "core/status.h"
#include "core/tensor.h"
#include "core/tensor_slice.h"

namespace tfgraph {

class V1Checkpoint {
 public:
  struct Variable {
    std::string name;
    DataType dtype = tensorflow::DT_INVALID;
    Dims shape;
    struct Part {
      TensorSlice slice;
      int file = -1;  // index into files(); -1 if no data entry was found
    };
    std::vector<Part> parts;
    std::string problem;  // non-empty: why it cannot be read
  };

  static StatusOr<std::unique_ptr<V1Checkpoint>> Open(const std::vector<std::string>& files);

  const std::vector<std::string>& files() const { return files_; }
  const std::map<std::string, Variable>& variables() const { return variables_; }
  StatusOr<Tensor> Read(const std::string& name) const;

 private:
  std::vector<std::string> files_;
  std::vector<std::unique_ptr<SstableReader>> tables_;
  std::map<std::string, Variable> variables_;
};

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_CHECKPOINT_V1_H_
