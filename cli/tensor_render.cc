#include "cli/tensor_render.h"

#include <cmath>

#include "cli/output.h"
#include "core/tensor_format.h"

namespace tfgraph::cli {
namespace {

std::string FloatJson(const std::string& repr) {
  if (repr == "nan" || repr == "inf" || repr == "-inf") return "\"" + repr + "\"";
  return repr;
}

std::string DoubleJson(double v) { return FloatJson(FormatDouble(v)); }

std::string ElementJson(const Tensor& t, int64_t i) {
  switch (t.dtype()) {
    case tensorflow::DT_FLOAT: return FloatJson(FormatFloat(t.Get<float>(i)));
    case tensorflow::DT_DOUBLE: return FloatJson(FormatDouble(t.Get<double>(i)));
    case tensorflow::DT_HALF: return FloatJson(FormatHalf(t.Get<uint16_t>(i)));
    case tensorflow::DT_BFLOAT16: return FloatJson(FormatBFloat16(t.Get<uint16_t>(i)));
    case tensorflow::DT_BOOL: return t.Get<uint8_t>(i) ? "true" : "false";
    case tensorflow::DT_COMPLEX64:
      return "[" + FloatJson(FormatFloat(t.Get<float>(2 * i))) + "," +
             FloatJson(FormatFloat(t.Get<float>(2 * i + 1))) + "]";
    case tensorflow::DT_COMPLEX128:
      return "[" + FloatJson(FormatDouble(t.Get<double>(2 * i))) + "," +
             FloatJson(FormatDouble(t.Get<double>(2 * i + 1))) + "]";
    case tensorflow::DT_STRING: return JsonString(t.strings()[static_cast<size_t>(i)]);
    case tensorflow::DT_RESOURCE:
    case tensorflow::DT_VARIANT: return JsonString(FormatElement(t, i));
    default: {
      // Integers print as integers; float8/float4 as their raw byte.
      std::string s = FormatElement(t, i);
      if (s.rfind("0x", 0) == 0) return std::to_string(std::stoi(s, nullptr, 16));
      return s;
    }
  }
}

void Nest(const Tensor& t, size_t depth, int64_t* index, std::string* out) {
  if (depth == t.dims().size()) {
    *out += ElementJson(t, (*index)++);
    return;
  }
  *out += '[';
  for (int64_t k = 0; k < t.dims()[depth]; ++k) {
    if (k) *out += ',';
    Nest(t, depth + 1, index, out);
  }
  *out += ']';
}

}  // namespace

std::string TensorValuesJson(const Tensor& t) {
  std::string out;
  int64_t index = 0;
  Nest(t, 0, &index, &out);
  return out;
}

std::string StatsJson(const TensorStats& s) {
  JsonObject o;
  o.Int("count", s.count);
  if (s.string_like) {
    o.Int("min_length", s.min_length).Int("max_length", s.max_length);
    return o.Render();
  }
  o.Int("finite", s.finite).Int("nan", s.nan).Int("inf", s.pos_inf).Int("neg_inf", s.neg_inf);
  o.Int("zeros", s.zeros);
  if (s.finite > 0) {
    o.Raw("min", DoubleJson(s.min)).Raw("max", DoubleJson(s.max));
    o.Raw("mean", DoubleJson(s.mean)).Raw("std", DoubleJson(s.std));
  }
  return o.Render();
}

std::string StatsText(const TensorStats& s) {
  if (s.string_like)
    return "length " + std::to_string(s.min_length) + ".." + std::to_string(s.max_length);
  auto g = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.6g", v);
    return std::string(buf);
  };
  std::string out;
  if (s.finite > 0) {
    out = "min " + g(s.min) + "  max " + g(s.max) + "  mean " + g(s.mean) + "  std " + g(s.std);
  } else {
    out = "no finite values";
  }
  out += "  nan " + std::to_string(s.nan) + "  inf " + std::to_string(s.pos_inf + s.neg_inf);
  return out;
}

std::string ShapeText(const Dims& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}

}  // namespace tfgraph::cli
