// The TensorFlow op registry as bytes compiled into the binary.
//
// core/ops/ops_tf2_15.pb is a serialized tensorflow.OpList dumped from
// tensorflow-cpu 2.15.1 by scripts/gen_op_registry.py (every registered op,
// including internal ones such as _Arg or RefSwitch; prose stripped). The build
// turns it into a byte array (cmake/embed_file.cmake) so the program needs no
// data files at run time. Use OpRegistry::Global() rather than these bytes.
#ifndef TFGRAPH_CORE_OPS_EMBEDDED_OPS_H_
#define TFGRAPH_CORE_OPS_EMBEDDED_OPS_H_

#include <cstddef>

namespace tfgraph {
namespace embedded {

// The serialized OpList; kOpsTf2_15Size bytes (a 0 byte follows, not counted).
extern const unsigned char kOpsTf2_15[];
extern const std::size_t kOpsTf2_15Size;

}  // namespace embedded
}  // namespace tfgraph

#endif  // TFGRAPH_CORE_OPS_EMBEDDED_OPS_H_
