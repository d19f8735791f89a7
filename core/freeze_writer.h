// Freeze writer: a frozen GraphDef on disk, written without building it in
// memory.
//
// A frozen graph is mostly variable bytes. The rewrite leaves each frozen
// variable as a Const whose `value` holds only dtype and shape; the values
// themselves are Tensors viewing the checkpoint's mmapped data. The binary
// writer serializes the graph node by node and, for those Consts, emits the
// protobuf framing of attr `value` { tensor { dtype, tensor_shape,
// tensor_content } } by hand followed by the checkpoint bytes straight from
// the checkpoint file, so the output's tensor_content is byte-identical to the
// checkpoint tensor and no second copy of the weights is ever made: big
// values that lie in a file mapping are copied file to file in the kernel
// (copy_file_range, as cp does), others are written from memory, and pages
// already written are released from memory as it goes. The text writer
// (.pbtxt) builds the complete proto and prints it.
//
// Output goes through AtomicFile: a temporary beside the destination,
// fsync, rename; an existing file is replaced only with `overwrite`.
#ifndef TFGRAPH_CORE_FREEZE_WRITER_H_
#define TFGRAPH_CORE_FREEZE_WRITER_H_

#include <cstdint>
#include <map>
#include <functional>
#include <string>

#include "core/status.h"
#include "core/tensor.h"
#include "tensorflow/graph.pb.h"

namespace tfgraph {

// Const node name -> the value its `value` attr stands for.
using ConstValues = std::map<std::string, Tensor, std::less<>>;

// Bytes of the binary GraphDef WriteFrozenGraph would write.
uint64_t FrozenGraphSize(const tensorflow::GraphDef& graph, const ConstValues& values);

// The complete GraphDef (values copied into tensor_content / string_val).
Status MaterializeFrozenGraph(const tensorflow::GraphDef& graph, const ConstValues& values,
                              tensorflow::GraphDef* out);

struct WriteOptions {
  bool text = false;
  bool overwrite = false;
  // Called with the bytes written so far after each flush (every few MiB),
  // so that a caller can show progress on a long write. May be empty.
  std::function<void(uint64_t bytes)> progress;
};
// Writes the frozen graph; *bytes_written receives the file size.
Status WriteFrozenGraph(const tensorflow::GraphDef& graph, const ConstValues& values,
                        const std::string& path, const WriteOptions& options,
                        uint64_t* bytes_written);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_FREEZE_WRITER_H_
