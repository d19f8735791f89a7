#include "tui/attr_format.h"

#include "core/attr_format.h"
#include "core/dtype.h"

namespace tfgraph::tui {

std::string NodeTypeText(const tensorflow::NodeDef& node) {
  const auto& attrs = node.attr();
  std::string dtype;
  for (const char* key : {"dtype", "T", "DstT", "out_type", "output_type"}) {
    auto it = attrs.find(key);
    if (it != attrs.end() && it->second.value_case() == tensorflow::AttrValue::kType) {
      dtype = DTypeName(it->second.type());
      break;
    }
  }
  if (dtype.empty()) {
    auto it = attrs.find("output_types");
    if (it != attrs.end() && it->second.list().type_size() > 0) {
      dtype = DTypeName(it->second.list().type(0));
      if (it->second.list().type_size() > 1) dtype += ",...";
    }
  }
  std::string shape;
  auto os = attrs.find("_output_shapes");
  if (os != attrs.end() && os->second.list().shape_size() > 0) {
    shape = FormatShape(os->second.list().shape(0));
  } else if (auto s = attrs.find("shape"); s != attrs.end() && s->second.has_shape()) {
    shape = FormatShape(s->second.shape());
  } else if (auto v = attrs.find("value"); v != attrs.end() && v->second.has_tensor()) {
    shape = FormatShape(v->second.tensor().tensor_shape());
  }
  if (dtype.empty()) return shape;
  if (shape.empty()) return dtype;
  return dtype + " " + shape;
}

}  // namespace tfgraph::tui
