#include "core/tensor_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/half.h"

namespace tfgraph {
namespace {

// Lays out significant digits `digits` (no dot) with decimal exponent `exp`
// (value = d.ddd * 10^exp) the way Python's float repr does: fixed notation
// for -4 <= exp < 16 with at least one fractional digit, else d.ddde+XX.
std::string PythonLayout(bool negative, std::string digits, int exp) {
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = negative ? "-" : "";
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      out += "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
    } else if (static_cast<int>(digits.size()) <= exp + 1) {
      out += digits + std::string(static_cast<size_t>(exp + 1 - digits.size()), '0') + ".0";
    } else {
      out += digits.substr(0, exp + 1) + "." + digits.substr(exp + 1);
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  char buf[16];
  std::snprintf(buf, sizeof(buf), "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
  return out + buf;
}

// Splits a C-locale scientific string "-d.ddde+XX" into digits and exponent.
std::string FromScientific(std::string_view sci) {
  bool negative = !sci.empty() && sci[0] == '-';
  if (negative) sci.remove_prefix(1);
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  int exp = std::atoi(std::string(sci.substr(e + 1)).c_str());
  return PythonLayout(negative, digits, exp);
}

std::string NonFinite(double v) {
  if (std::isnan(v)) return "nan";
  return v > 0 ? "inf" : "-inf";
}

template <typename F>
std::string ShortestRepr(F v) {
  if (!std::isfinite(v)) return NonFinite(v);
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  return FromScientific(std::string_view(buf, r.ptr - buf));
}

// Shortest digits that convert back to the same 16-bit pattern.
template <typename ToFloat, typename FromFloat>
std::string Shortest16(uint16_t bits, ToFloat to_float, FromFloat from_float) {
  float v = to_float(bits);
  if (!std::isfinite(v)) return NonFinite(v);
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  for (int precision = 0; precision < 9; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*e", precision, static_cast<double>(v));
    if (from_float(std::strtof(buf, nullptr)) == bits) break;
  }
  return FromScientific(buf);
}

std::string ComplexRepr(double re, double im, bool single) {
  auto part = [single](double x) {
    std::string s = single ? ShortestRepr(static_cast<float>(x)) : ShortestRepr(x);
    // Python prints complex parts without a trailing ".0".
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
  };
  std::string imag = part(im);
  if (imag[0] != '-' && imag[0] != '+') imag = "+" + imag;
  return "(" + part(re) + imag + "j)";
}

std::string ResourceRepr(const std::string& serialized) {
  tensorflow::ResourceHandleProto h;
  if (!h.ParseFromString(serialized)) return "<resource (unparsable)>";
  std::string s = "<resource";
  if (!h.container().empty()) s += " container=" + h.container();
  s += " name=" + h.name();
  if (!h.device().empty()) s += " device=" + h.device();
  return s + ">";
}

std::string VariantRepr(const std::string& serialized) {
  if (serialized.empty()) return "<variant (empty)>";
  tensorflow::VariantTensorDataProto v;
  if (!v.ParseFromString(serialized)) return "<variant (unparsable)>";
  return "<variant " + (v.type_name().empty() ? std::string("(no type)") : v.type_name()) + ", " +
         std::to_string(v.tensors_size()) + " tensors>";
}

}  // namespace

std::string FormatDouble(double v) { return ShortestRepr(v); }
std::string FormatFloat(float v) { return ShortestRepr(v); }
std::string FormatHalf(uint16_t bits) { return Shortest16(bits, HalfToFloat, FloatToHalf); }
std::string FormatBFloat16(uint16_t bits) {
  return Shortest16(bits, BFloat16ToFloat, FloatToBFloat16);
}

std::string PythonBytesRepr(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out = "b";
  out += quote;
  for (unsigned char c : s) {
    if (c == quote || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += quote;
  return out;
}

std::string FormatElement(const Tensor& t, int64_t i) {
  switch (t.dtype()) {
    case tensorflow::DT_FLOAT: return FormatFloat(t.Get<float>(i));
    case tensorflow::DT_DOUBLE: return FormatDouble(t.Get<double>(i));
    case tensorflow::DT_HALF: return FormatHalf(t.Get<uint16_t>(i));
    case tensorflow::DT_BFLOAT16: return FormatBFloat16(t.Get<uint16_t>(i));
    case tensorflow::DT_BOOL: return t.Get<uint8_t>(i) ? "True" : "False";
    case tensorflow::DT_INT8: case tensorflow::DT_QINT8: case tensorflow::DT_INT4:
    case tensorflow::DT_INT2:
      return std::to_string(t.Get<int8_t>(i));
    case tensorflow::DT_UINT8: case tensorflow::DT_QUINT8: case tensorflow::DT_UINT4:
    case tensorflow::DT_UINT2:
      return std::to_string(t.Get<uint8_t>(i));
    case tensorflow::DT_INT16: case tensorflow::DT_QINT16: return std::to_string(t.Get<int16_t>(i));
    case tensorflow::DT_UINT16: case tensorflow::DT_QUINT16:
      return std::to_string(t.Get<uint16_t>(i));
    case tensorflow::DT_INT32: case tensorflow::DT_QINT32: return std::to_string(t.Get<int32_t>(i));
    case tensorflow::DT_UINT32: return std::to_string(t.Get<uint32_t>(i));
    case tensorflow::DT_INT64: return std::to_string(t.Get<int64_t>(i));
    case tensorflow::DT_UINT64: return std::to_string(t.Get<uint64_t>(i));
    case tensorflow::DT_COMPLEX64:
      return ComplexRepr(t.Get<float>(2 * i), t.Get<float>(2 * i + 1), true);
    case tensorflow::DT_COMPLEX128:
      return ComplexRepr(t.Get<double>(2 * i), t.Get<double>(2 * i + 1), false);
    case tensorflow::DT_STRING: return PythonBytesRepr(t.strings()[static_cast<size_t>(i)]);
    case tensorflow::DT_RESOURCE: return ResourceRepr(t.strings()[static_cast<size_t>(i)]);
    case tensorflow::DT_VARIANT: return VariantRepr(t.strings()[static_cast<size_t>(i)]);
    default: {
      // float8/float4: no decoder here; show the raw byte.
      char buf[8];
      std::snprintf(buf, sizeof(buf), "0x%02x", t.Get<uint8_t>(i));
      return buf;
    }
  }
}

namespace {

class Printer {
 public:
  Printer(const Tensor& t, const std::function<void(std::string_view)>& sink)
      : t_(t), sink_(sink) {}
  ~Printer() {
    if (!buf_.empty()) sink_(buf_);
  }

  void Print(int depth, int64_t* index) {
    const Dims& dims = t_.dims();
    if (depth == static_cast<int>(dims.size())) {
      Emit(FormatElement(t_, (*index)++));
      return;
    }
    Emit("[");
    const int rank = static_cast<int>(dims.size());
    for (int64_t k = 0; k < dims[depth]; ++k) {
      if (k > 0) {
        if (depth == rank - 1) {
          Emit(" ");
        } else {
          Emit(std::string(static_cast<size_t>(rank - depth - 1), '\n') +
               std::string(static_cast<size_t>(depth + 1), ' '));
        }
      }
      Print(depth + 1, index);
    }
    Emit("]");
  }

 private:
  void Emit(std::string_view s) {
    buf_ += s;
    if (buf_.size() >= 1 << 16) {
      sink_(buf_);
      buf_.clear();
    }
  }
  const Tensor& t_;
  const std::function<void(std::string_view)>& sink_;
  std::string buf_;
};

}  // namespace

void FormatValues(const Tensor& t, const std::function<void(std::string_view)>& sink) {
  if (!t.valid()) return;
  // numpy prints any tensor without elements as "[]", whatever its shape.
  if (t.num_elements() == 0) {
    sink("[]");
    return;
  }
  Printer p(t, sink);
  int64_t index = 0;
  p.Print(0, &index);
}

std::string FormatValues(const Tensor& t) {
  std::string out;
  FormatValues(t, [&out](std::string_view s) { out += s; });
  return out;
}

}  // namespace tfgraph
