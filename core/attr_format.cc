#include "core/attr_format.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

#include "core/dtype.h"
#include "core/tensor.h"
#include "core/tensor_format.h"

namespace tfgraph {
namespace {



std::string Num(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6g", v);
  return buf;
}

// The first k values of `t` as a 1-D TensorProto of k elements: only what
// the preview shows is copied and decoded, however large the tensor claims
// to be (a broadcast scalar may claim billions of elements).
tensorflow::TensorProto Head(const tensorflow::TensorProto& t, int64_t k) {
  tensorflow::TensorProto h;
  h.set_dtype(t.dtype());
  h.mutable_tensor_shape()->add_dim()->set_size(k);
  if (!t.tensor_content().empty()) {
    int size = DTypeSize(t.dtype());
    h.set_tensor_content(t.tensor_content().substr(0, static_cast<size_t>(k) * size));
    return h;
  }
  auto copy = [k](const auto& from, auto* to) {
    for (int i = 0; i < from.size() && i < k; ++i) to->Add(from.Get(i));
  };
  copy(t.float_val(), h.mutable_float_val());
  copy(t.double_val(), h.mutable_double_val());
  copy(t.int_val(), h.mutable_int_val());
  copy(t.int64_val(), h.mutable_int64_val());
  copy(t.bool_val(), h.mutable_bool_val());
  copy(t.half_val(), h.mutable_half_val());
  copy(t.uint32_val(), h.mutable_uint32_val());
  copy(t.uint64_val(), h.mutable_uint64_val());
  for (int i = 0; i < t.string_val_size() && i < k; ++i) h.add_string_val(t.string_val(i));
  // Complex values come in (re, im) pairs.
  for (int i = 0; i < t.scomplex_val_size() && i < 2 * k; ++i) h.add_scomplex_val(t.scomplex_val(i));
  for (int i = 0; i < t.dcomplex_val_size() && i < 2 * k; ++i) h.add_dcomplex_val(t.dcomplex_val(i));
  return h;
}

}  // namespace

std::optional<std::vector<int64_t>> ShapeDims(const tensorflow::TensorShapeProto& shape) {
  if (shape.unknown_rank()) return std::nullopt;
  std::vector<int64_t> dims;
  dims.reserve(shape.dim_size());
  for (const auto& d : shape.dim()) dims.push_back(d.size() < 0 ? -1 : d.size());
  return dims;
}

std::string FormatDims(const std::optional<std::vector<int64_t>>& dims) {
  if (!dims) return "unknown";
  std::string s = "(";
  for (size_t i = 0; i < dims->size(); ++i) {
    if (i) s += ", ";
    s += std::to_string((*dims)[i]);
  }
  if (dims->size() == 1) s += ",";
  return s + ")";
}

std::string QuoteBytes(std::string_view s, size_t max_chars) {
  std::string out = "\"";
  size_t shown = 0;
  for (unsigned char c : s) {
    if (shown >= max_chars) {
      out += "...";
      break;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
    ++shown;
  }
  return out + "\"";
}

std::string FormatTensorPreview(const tensorflow::TensorProto& t, int max_elements) {
  auto dims = ShapeDims(t.tensor_shape());
  std::string head = DataTypeName(t.dtype()) + " " + FormatDims(dims);
  if (!dims) return head;
  int64_t count = 1;
  for (int64_t d : *dims) {
    if (d < 0) return head + " <shape not fully defined>";
    if (d > 0 && count > (int64_t{1} << 50) / d) return head + " <too many elements>";
    count *= d;
  }
  int64_t k = std::min<int64_t>(count, max_elements);
  bool string_content = !t.tensor_content().empty() && DTypeSize(t.dtype()) == 0;
  if (!string_content && !t.tensor_content().empty() &&
      t.tensor_content().size() != static_cast<size_t>(count) * DTypeSize(t.dtype())) {
    return head + " <tensor_content has " + std::to_string(t.tensor_content().size()) +
           " bytes, expected " + std::to_string(count * DTypeSize(t.dtype())) + ">";
  }
  StatusOr<Tensor> values = string_content ? Tensor::FromProto(t) : Tensor::FromProto(Head(t, k));
  if (!values.ok()) return head + " <" + values.status().message() + ">";
  std::string body;
  for (int64_t i = 0; i < k; ++i) {
    std::string e = FormatElement(*values, i);
    if (e.size() > 60) e = e.substr(0, 57) + "...";
    body += (i ? ", " : "") + e;
  }
  if (dims->empty()) return head + " " + body;
  if (count > k) body += ", ...";
  return head + " [" + body + "]";
}

std::string FormatAttrValue(const tensorflow::AttrValue& v, int max_elements) {
  using tensorflow::AttrValue;
  switch (v.value_case()) {
    case AttrValue::kS: return QuoteBytes(v.s());
    case AttrValue::kI: return std::to_string(v.i());
    case AttrValue::kF: return Num(v.f());
    case AttrValue::kB: return v.b() ? "true" : "false";
    case AttrValue::kType: return DataTypeName(v.type());
    case AttrValue::kShape: return FormatShape(v.shape());
    case AttrValue::kTensor: return FormatTensorPreview(v.tensor(), max_elements);
    case AttrValue::kPlaceholder: return "$" + v.placeholder();
    case AttrValue::kFunc: {
      std::string s = v.func().name();
      if (v.func().attr_size() > 0) {
        std::map<std::string, std::string> sorted;
        for (const auto& [k, a] : v.func().attr()) sorted[k] = FormatAttrValue(a, max_elements);
        s += "[";
        bool first = true;
        for (const auto& [k, a] : sorted) {
          s += (first ? "" : ", ") + k + "=" + a;
          first = false;
        }
        s += "]";
      }
      return s;
    }
    case AttrValue::kList: {
      const auto& l = v.list();
      std::vector<std::string> items;
      for (const auto& x : l.s()) items.push_back(QuoteBytes(x, 60));
      for (auto x : l.i()) items.push_back(std::to_string(x));
      for (auto x : l.f()) items.push_back(Num(x));
      for (auto x : l.b()) items.push_back(x ? "true" : "false");
      for (auto x : l.type()) items.push_back(DataTypeName(static_cast<tensorflow::DataType>(x)));
      for (const auto& x : l.shape()) items.push_back(FormatShape(x));
      for (const auto& x : l.tensor()) items.push_back(FormatTensorPreview(x, max_elements));
      for (const auto& x : l.func()) items.push_back(x.name());
      std::string s = "[";
      size_t limit = 32;
      for (size_t i = 0; i < items.size() && i < limit; ++i) s += (i ? ", " : "") + items[i];
      if (items.size() > limit) s += ", ... (" + std::to_string(items.size()) + " items)";
      return s + "]";
    }
    case AttrValue::VALUE_NOT_SET: break;
  }
  return "<empty>";
}

}  // namespace tfgraph
