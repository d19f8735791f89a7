#include "core/export_typing.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_set>

#include "tensorflow/attr_value.pb.h"
#include "tensorflow/tensor.pb.h"

namespace tfgraph {
namespace {

constexpr int kMaxDepth = 400;

tensorflow::DataType BaseOf(tensorflow::DataType t) {
  int v = static_cast<int>(t);
  return v > 100 ? static_cast<tensorflow::DataType>(v - 100) : t;
}

const tensorflow::AttrValue* FindAttr(const tensorflow::NodeDef& n, const char* name) {
  auto it = n.attr().find(name);
  return it == n.attr().end() ? nullptr : &it->second;
}

Shape FromAttrShape(const tensorflow::AttrValue* a) {
  if (a == nullptr || a->value_case() != tensorflow::AttrValue::kShape) return std::nullopt;
  return ShapeFromProto(a->shape());
}

bool IsUnaryElementwise(std::string_view op) {
  static const std::unordered_set<std::string_view> kOps = {
      "Identity", "Snapshot", "StopGradient", "PreventGradient", "CheckNumerics", "Relu",
      "Relu6", "Elu", "Selu", "LeakyRelu", "Softplus", "Softsign", "Sigmoid", "Tanh", "Softmax",
      "LogSoftmax", "Neg", "Abs", "Exp", "Log", "Log1p", "Sqrt", "Rsqrt", "Square", "Reciprocal",
      "Sign", "Floor", "Ceil", "Round", "Cast", "LogicalNot", "IsNan", "IsFinite", "Erf",
      "FakeQuantWithMinMaxVars", "FakeQuantWithMinMaxArgs", "ZerosLike", "OnesLike",
      "ReadVariableOp", "Enter", "Exit", "NextIteration", "RefIdentity"};
  return kOps.count(op) > 0;
}

bool IsBroadcastBinary(std::string_view op) {
  static const std::unordered_set<std::string_view> kOps = {
      "Add", "AddV2", "Sub", "Mul", "RealDiv", "Div", "DivNoNan", "FloorDiv", "FloorMod",
      "Maximum", "Minimum", "Pow", "SquaredDifference", "Equal", "NotEqual", "Less",
      "LessEqual", "Greater", "GreaterEqual", "LogicalAnd", "LogicalOr"};
  return kOps.count(op) > 0;
}

// Little-endian integer values of a small int32/int64 Const; nullopt if the
// node is not such a constant.
std::optional<std::vector<int64_t>> ConstInts(const tensorflow::NodeDef& n) {
  if (n.op() != "Const") return std::nullopt;
  const auto* v = FindAttr(n, "value");
  if (v == nullptr || v->value_case() != tensorflow::AttrValue::kTensor) return std::nullopt;
  const auto& t = v->tensor();
  int64_t count = 1;
  for (const auto& d : t.tensor_shape().dim()) {
    if (d.size() < 0 || d.size() > 64) return std::nullopt;
    count *= d.size();
  }
  std::vector<int64_t> out;
  if (t.dtype() == tensorflow::DT_INT32 || t.dtype() == tensorflow::DT_INT64) {
    size_t width = t.dtype() == tensorflow::DT_INT32 ? 4 : 8;
    if (!t.tensor_content().empty()) {
      if (t.tensor_content().size() != width * static_cast<size_t>(count)) return std::nullopt;
      for (int64_t i = 0; i < count; ++i) {
        if (width == 4) {
          int32_t x;
          std::memcpy(&x, t.tensor_content().data() + i * 4, 4);
          out.push_back(x);
        } else {
          int64_t x;
          std::memcpy(&x, t.tensor_content().data() + i * 8, 8);
          out.push_back(x);
        }
      }
      return out;
    }
    int have = width == 4 ? t.int_val_size() : t.int64_val_size();
    for (int64_t i = 0; i < count; ++i) {
      if (have == 0) {
        out.push_back(0);
        continue;
      }
      int k = static_cast<int>(std::min<int64_t>(i, have - 1));  // TF repeats the last value
      out.push_back(width == 4 ? t.int_val(k) : t.int64_val(k));
    }
    return out;
  }
  return std::nullopt;
}

Shape Broadcast(const Shape& a, const Shape& b) {
  if (!a || !b) return std::nullopt;
  size_t rank = std::max(a->size(), b->size());
  std::vector<int64_t> out(rank, -1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a->size() ? 1 : (*a)[i - (rank - a->size())];
    int64_t db = i < rank - b->size() ? 1 : (*b)[i - (rank - b->size())];
    if (da == 1) {
      out[i] = db;
    } else if (db == 1) {
      out[i] = da;
    } else if (da == db) {
      out[i] = da;
    } else if (da == -1 || db == -1) {
      out[i] = da == -1 ? db : da;
    } else {
      return std::nullopt;  // incompatible: let TF decide at run time
    }
  }
  return out;
}

}  // namespace

void ShapeToProto(const Shape& shape, tensorflow::TensorShapeProto* proto) {
  proto->Clear();
  if (!shape) {
    proto->set_unknown_rank(true);
    return;
  }
  for (int64_t d : *shape) proto->add_dim()->set_size(d < 0 ? -1 : d);
}

Shape ShapeFromProto(const tensorflow::TensorShapeProto& proto) {
  if (proto.unknown_rank()) return std::nullopt;
  std::vector<int64_t> dims;
  for (const auto& d : proto.dim()) dims.push_back(d.size() < 0 ? -1 : d.size());
  return dims;
}

int TensorTyper::NumOutputs(int node) const {
  const auto& n = *graph_.node(node).def;
  if (output_types_) {
    auto types = output_types_(n);
    if (types.ok()) return static_cast<int>(types->size());
  }
  if (const auto* a = FindAttr(n, "_output_shapes")) return a->list().shape_size();
  return -1;
}

tensorflow::DataType TensorTyper::DType(int node, int output) const {
  const auto& n = *graph_.node(node).def;
  if (output_types_) {
    auto types = output_types_(n);
    if (types.ok()) {
      if (output < 0 || output >= static_cast<int>(types->size())) return tensorflow::DT_INVALID;
      return BaseOf((*types)[output]);
    }
  }
  // No registry entry (custom op, or no registry): the usual type attrs.
  static const std::unordered_set<std::string_view> kResourceOps = {
      "VarHandleOp", "HashTableV2", "MutableHashTableV2", "MutableDenseHashTableV2",
      "MutableHashTableOfTensorsV2", "AnonymousHashTable"};
  if (kResourceOps.count(n.op())) return output == 0 ? tensorflow::DT_RESOURCE : tensorflow::DT_INVALID;
  for (const char* name : {"dtype", "DstT", "out_type", "output_type", "Tout", "T"}) {
    const auto* a = FindAttr(n, name);
    if (a != nullptr && a->value_case() == tensorflow::AttrValue::kType) return BaseOf(a->type());
  }
  return tensorflow::DT_INVALID;
}

void TensorTyper::Fill(int node, int output, tensorflow::TensorInfo* info) const {
  info->set_name(std::string(graph_.name(node)) + ":" + std::to_string(output));
  info->set_dtype(DType(node, output));
  ShapeToProto(StaticShape(node, output), info->mutable_tensor_shape());
}

Shape TensorTyper::StaticShape(int node, int output) const { return Infer(node, output, 0); }

Shape TensorTyper::InputShape(int node, int input, int depth) const {
  const auto& inputs = graph_.node(node).inputs;
  if (input >= static_cast<int>(inputs.size())) return std::nullopt;
  const auto& in = inputs[input];
  if (in.control || in.node < 0) return std::nullopt;
  return Infer(in.node, in.output, depth + 1);
}

Shape TensorTyper::Infer(int node, int output, int depth) const {
  if (depth > kMaxDepth) return std::nullopt;
  auto key = std::make_pair(node, output);
  auto cached = cache_.find(key);
  if (cached != cache_.end()) return cached->second;
  // Mark in progress (cycles through loops resolve to unknown).
  cache_[key] = std::nullopt;

  const auto& n = *graph_.node(node).def;
  std::string_view op = n.op();
  Shape result;
  if (const auto* a = FindAttr(n, "_output_shapes");
      a != nullptr && output < a->list().shape_size()) {
    result = ShapeFromProto(a->list().shape(output));
  } else if (op == "Placeholder" || op == "PlaceholderV2") {
    result = FromAttrShape(FindAttr(n, "shape"));
  } else if (op == "PlaceholderWithDefault") {
    result = FromAttrShape(FindAttr(n, "shape"));
    if (!result) result = InputShape(node, 0, depth);
  } else if (op == "Const") {
    const auto* v = FindAttr(n, "value");
    if (v != nullptr && v->value_case() == tensorflow::AttrValue::kTensor) {
      result = ShapeFromProto(v->tensor().tensor_shape());
    }
  } else if (op == "VariableV2" || op == "Variable") {
    result = FromAttrShape(FindAttr(n, "shape"));
  } else if (op == "VarHandleOp") {
    result = std::vector<int64_t>{};  // a scalar handle
  } else if (IsUnaryElementwise(op) || op == "BiasAdd" || op == "FusedBatchNorm" ||
             op == "FusedBatchNormV3" || op == "Switch" || op == "RefSwitch") {
    if (output == 0 || op == "Switch" || op == "RefSwitch") result = InputShape(node, 0, depth);
  } else if (op == "Merge" && output == 0) {
    // Known only when every branch agrees.
    int data_inputs = 0;
    for (const auto& in : graph_.node(node).inputs) data_inputs += in.control ? 0 : 1;
    for (int i = 0; i < data_inputs; ++i) {
      Shape s = InputShape(node, i, depth);
      if (i == 0) {
        result = s;
      } else if (s != result) {
        result = std::nullopt;
        break;
      }
    }
  } else if (IsBroadcastBinary(op)) {
    result = Broadcast(InputShape(node, 0, depth), InputShape(node, 1, depth));
  } else if (op == "MatMul") {
    Shape a = InputShape(node, 0, depth), b = InputShape(node, 1, depth);
    if (a && b && a->size() == 2 && b->size() == 2) {
      auto attr_true = [&](const char* name) {
        const auto* t = FindAttr(n, name);
        return t != nullptr && t->b();
      };
      int64_t rows = attr_true("transpose_a") ? (*a)[1] : (*a)[0];
      int64_t cols = attr_true("transpose_b") ? (*b)[0] : (*b)[1];
      result = std::vector<int64_t>{rows, cols};
    }
  } else if (op == "Squeeze") {
    Shape in = InputShape(node, 0, depth);
    const auto* dims = FindAttr(n, "squeeze_dims");
    if (in) {
      std::vector<int64_t> out;
      bool known = true;
      int rank = static_cast<int>(in->size());
      for (int i = 0; i < rank; ++i) {
        bool listed = false;
        if (dims != nullptr && dims->list().i_size() > 0) {
          for (int64_t d : dims->list().i()) listed |= (d < 0 ? d + rank : d) == i;
        } else {
          listed = (*in)[i] == 1;
          if ((*in)[i] == -1) known = false;  // may or may not be squeezed
        }
        if (!listed) out.push_back((*in)[i]);
      }
      if (known) result = out;
    }
  } else if ((op == "ArgMax" || op == "ArgMin") && output == 0) {
    Shape in = InputShape(node, 0, depth);
    const auto& inputs = graph_.node(node).inputs;
    if (in && inputs.size() >= 2 && inputs[1].node >= 0) {
      auto axis = ConstInts(*graph_.node(inputs[1].node).def);
      if (axis && axis->size() == 1) {
        int64_t ax = (*axis)[0] < 0 ? (*axis)[0] + static_cast<int64_t>(in->size()) : (*axis)[0];
        if (ax >= 0 && ax < static_cast<int64_t>(in->size())) {
          std::vector<int64_t> out(*in);
          out.erase(out.begin() + ax);
          result = out;
        }
      }
    }
  } else if (op == "Reshape" && output == 0) {
    const auto& inputs = graph_.node(node).inputs;
    if (inputs.size() >= 2 && inputs[1].node >= 0) {
      auto dims = ConstInts(*graph_.node(inputs[1].node).def);
      if (dims) {
        std::vector<int64_t> out(*dims);
        // One -1 can be derived when the input's element count is known.
        Shape in = InputShape(node, 0, depth);
        int64_t total = 1, known = 1;
        int minus = 0;
        bool in_known = in.has_value();
        if (in) {
          for (int64_t d : *in) {
            if (d < 0) in_known = false;
            total *= d < 0 ? 1 : d;
          }
        }
        for (int64_t d : out) {
          if (d == -1) ++minus;
          else known *= d;
        }
        if (minus == 1 && in_known && known > 0 && total % known == 0) {
          for (auto& d : out)
            if (d == -1) d = total / known;
        }
        result = out;
      }
    }
  }
  cache_[key] = result;
  return result;
}

}  // namespace tfgraph
