// The dtype/shape column of the node list, from the attrs a node carries.
// Names and shapes are rendered by core/attr_format.h and core/dtype.h, so
// the UI shows them exactly as `tfgraph node` prints them.
#ifndef TFGRAPH_TUI_ATTR_FORMAT_H_
#define TFGRAPH_TUI_ATTR_FORMAT_H_

#include <string>

#include "tensorflow/node_def.pb.h"

namespace tfgraph::tui {

// "float32 (-1, 4)" from dtype, T, DstT, out_type, output_type or
// output_types, and _output_shapes, shape or a Const's value; "" when
// nothing is known.
std::string NodeTypeText(const tensorflow::NodeDef& node);

}  // namespace tfgraph::tui

#endif  // TFGRAPH_TUI_ATTR_FORMAT_H_
