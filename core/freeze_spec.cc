#include "core/freeze_spec.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "core/dtype.h"
#include "core/half.h"

namespace tfgraph {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

StatusOr<int64_t> ParseInt(std::string_view text, std::string_view what) {
  std::string s(Trim(text));
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 0);
  if (s.empty() || end != s.c_str() + s.size() || errno == ERANGE)
    return Status::InvalidArgument("bad " + std::string(what) + " '" + std::string(text) + "'");
  return static_cast<int64_t>(v);
}

StatusOr<double> ParseFloat(std::string_view text) {
  std::string s = Lower(Trim(text));
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size())
    return Status::InvalidArgument("bad number '" + std::string(text) + "'");
  return v;
}

}  // namespace

StatusOr<OptShape> ParseShapeText(std::string_view text) {
  std::string_view s = Trim(text);
  if (s == "*" || Lower(s) == "<unknown>" || Lower(s) == "unknown") return OptShape();
  bool bracketed = !s.empty() && s.front() == '[';
  char sep = 'x';
  if (bracketed) {
    if (s.back() != ']')
      return Status::InvalidArgument("bad shape '" + std::string(text) + "': missing ']'");
    s = Trim(s.substr(1, s.size() - 2));
    sep = ',';
  } else if (s.find(',') != std::string_view::npos) {
    sep = ',';
  }
  std::vector<int64_t> dims;
  if (s.empty()) return OptShape(dims);  // "[]": a scalar
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find(sep, pos);
    if (end == std::string_view::npos) end = s.size();
    std::string_view d = Trim(s.substr(pos, end - pos));
    if (d == "?" || d == "-1" || d == "None" || d == "none") {
      dims.push_back(-1);
    } else if (AllDigits(d)) {
      auto v = ParseInt(d, "dimension");
      if (!v.ok()) return v.status();
      dims.push_back(*v);
    } else {
      return Status::InvalidArgument("bad shape '" + std::string(text) + "': dimension '" +
                                     std::string(d) + "'");
    }
    pos = end + 1;
  }
  return OptShape(dims);
}

std::string ShapeText(const OptShape& shape) {
  if (!shape) return "<unknown>";
  std::string s = "[";
  for (size_t i = 0; i < shape->size(); ++i) {
    if (i) s += ",";
    s += (*shape)[i] < 0 ? "?" : std::to_string((*shape)[i]);
  }
  return s + "]";
}

StatusOr<InputSpec> ParseInputSpec(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.empty()) return Status::InvalidArgument("empty --inputs entry");
  // Split at ':' outside brackets.
  std::vector<std::string> parts(1);
  int depth = 0;
  for (char c : s) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c == ':' && depth == 0) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  InputSpec spec;
  size_t next = 1;
  spec.name = parts[0];
  if (parts.size() > 1 && AllDigits(parts[1])) {
    spec.name += ":" + parts[1];
    next = 2;
  }
  if (spec.name.empty()) return Status::InvalidArgument("--inputs '" + std::string(text) +
                                                        "': empty name");
  if (next < parts.size() && !Trim(parts[next]).empty()) {
    auto t = ParseDType(Trim(parts[next]));
    if (!t.ok())
      return Status::InvalidArgument("--inputs '" + std::string(text) + "': " +
                                     t.status().message());
    spec.dtype = BaseType(*t);
  }
  ++next;
  if (next < parts.size()) {
    auto shape = ParseShapeText(parts[next]);
    if (!shape.ok())
      return Status::InvalidArgument("--inputs '" + std::string(text) + "': " +
                                     shape.status().message());
    spec.has_shape = true;
    spec.shape = *shape;
    ++next;
  }
  if (next < parts.size())
    return Status::InvalidArgument("--inputs '" + std::string(text) +
                                   "': expected NAME[:dtype[:shape]]");
  return spec;
}

std::vector<std::string> RejoinBracketed(const std::vector<std::string>& pieces) {
  std::vector<std::string> out;
  int depth = 0;
  for (const auto& p : pieces) {
    if (depth > 0) {
      out.back() += "," + p;
    } else {
      out.push_back(p);
    }
    for (char c : p) {
      if (c == '[') ++depth;
      if (c == ']') --depth;
    }
    if (depth < 0) depth = 0;
  }
  return out;
}

StatusOr<ConstSpec> ParseConstSpec(std::string_view text) {
  size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return Status::InvalidArgument("--const '" + std::string(text) + "': expected NAME=VALUE");
  ConstSpec c;
  c.name = std::string(Trim(text.substr(0, eq)));
  c.value = std::string(text.substr(eq + 1));
  return c;
}

StatusOr<tensorflow::TensorProto> ConstValueProto(std::string_view value,
                                                  tensorflow::DataType dtype,
                                                  const std::vector<int64_t>& shape) {
  tensorflow::TensorProto t;
  t.set_dtype(dtype);
  for (int64_t d : shape) t.mutable_tensor_shape()->add_dim()->set_size(d);
  auto bad = [&](const Status& s) {
    return Status::InvalidArgument("value '" + std::string(value) + "' for " + DTypeName(dtype) +
                                   ": " + s.message());
  };
  switch (dtype) {
    case tensorflow::DT_BOOL: {
      std::string v = Lower(Trim(value));
      if (v == "true" || v == "1") {
        t.add_bool_val(true);
      } else if (v == "false" || v == "0") {
        t.add_bool_val(false);
      } else {
        return Status::InvalidArgument("value '" + std::string(value) +
                                       "' is not a bool (true, false, 1, 0)");
      }
      break;
    }
    case tensorflow::DT_FLOAT: {
      auto v = ParseFloat(value);
      if (!v.ok()) return bad(v.status());
      t.add_float_val(static_cast<float>(*v));
      break;
    }
    case tensorflow::DT_DOUBLE: {
      auto v = ParseFloat(value);
      if (!v.ok()) return bad(v.status());
      t.add_double_val(*v);
      break;
    }
    case tensorflow::DT_HALF:
    case tensorflow::DT_BFLOAT16: {
      auto v = ParseFloat(value);
      if (!v.ok()) return bad(v.status());
      float f = static_cast<float>(*v);
      t.add_half_val(dtype == tensorflow::DT_HALF ? FloatToHalf(f) : FloatToBFloat16(f));
      break;
    }
    case tensorflow::DT_INT8: case tensorflow::DT_INT16: case tensorflow::DT_INT32:
    case tensorflow::DT_UINT8: case tensorflow::DT_UINT16: {
      auto v = ParseInt(value, "integer");
      if (!v.ok()) return bad(v.status());
      t.add_int_val(static_cast<int32_t>(*v));
      break;
    }
    case tensorflow::DT_INT64: {
      auto v = ParseInt(value, "integer");
      if (!v.ok()) return bad(v.status());
      t.add_int64_val(*v);
      break;
    }
    case tensorflow::DT_UINT32: {
      auto v = ParseInt(value, "integer");
      if (!v.ok()) return bad(v.status());
      t.add_uint32_val(static_cast<uint32_t>(*v));
      break;
    }
    case tensorflow::DT_UINT64: {
      auto v = ParseInt(value, "integer");
      if (!v.ok()) return bad(v.status());
      t.add_uint64_val(static_cast<uint64_t>(*v));
      break;
    }
    case tensorflow::DT_STRING:
      t.add_string_val(std::string(value));
      break;
    default:
      return Status::Unsupported("--const cannot make a " + DTypeName(dtype) + " constant");
  }
  return t;
}

}  // namespace tfgraph
