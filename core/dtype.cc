#include "core/dtype.h"

#include <cctype>

namespace tfgraph {
namespace {

enum Kind { kNone, kFloat, kComplex, kSignedInt, kUnsignedInt, kQuantS, kQuantU, kBool };

struct Info {
  int value;
  const char* name;       // Python name
  const char* enum_name;  // without the DT_ prefix
  int size;
  Kind kind;
  const char* npy;        // numpy descr, "" if none
};

// Element sizes follow tensor_bundle's memcpy layout: int4/uint4/int2/uint2 and
// float4 occupy one byte per element in TensorFlow's buffers.
constexpr Info kTable[] = {
    {0, "invalid", "INVALID", 0, kNone, ""},
    {1, "float32", "FLOAT", 4, kFloat, "<f4"},
    {2, "float64", "DOUBLE", 8, kFloat, "<f8"},
    {3, "int32", "INT32", 4, kSignedInt, "<i4"},
    {4, "uint8", "UINT8", 1, kUnsignedInt, "|u1"},
    {5, "int16", "INT16", 2, kSignedInt, "<i2"},
    {6, "int8", "INT8", 1, kSignedInt, "|i1"},
    {7, "string", "STRING", 0, kNone, ""},
    {8, "complex64", "COMPLEX64", 8, kComplex, "<c8"},
    {9, "int64", "INT64", 8, kSignedInt, "<i8"},
    {10, "bool", "BOOL", 1, kBool, "|b1"},
    {11, "qint8", "QINT8", 1, kQuantS, "|i1"},
    {12, "quint8", "QUINT8", 1, kQuantU, "|u1"},
    {13, "qint32", "QINT32", 4, kQuantS, "<i4"},
    {14, "bfloat16", "BFLOAT16", 2, kFloat, "<V2"},
    {15, "qint16", "QINT16", 2, kQuantS, "<i2"},
    {16, "quint16", "QUINT16", 2, kQuantU, "<u2"},
    {17, "uint16", "UINT16", 2, kUnsignedInt, "<u2"},
    {18, "complex128", "COMPLEX128", 16, kComplex, "<c16"},
    {19, "float16", "HALF", 2, kFloat, "<f2"},
    {20, "resource", "RESOURCE", 0, kNone, ""},
    {21, "variant", "VARIANT", 0, kNone, ""},
    {22, "uint32", "UINT32", 4, kUnsignedInt, "<u4"},
    {23, "uint64", "UINT64", 8, kUnsignedInt, "<u8"},
    {24, "float8_e5m2", "FLOAT8_E5M2", 1, kFloat, "|V1"},
    {25, "float8_e4m3fn", "FLOAT8_E4M3FN", 1, kFloat, "|V1"},
    {26, "float8_e4m3fnuz", "FLOAT8_E4M3FNUZ", 1, kFloat, "|V1"},
    {27, "float8_e4m3b11fnuz", "FLOAT8_E4M3B11FNUZ", 1, kFloat, "|V1"},
    {28, "float8_e5m2fnuz", "FLOAT8_E5M2FNUZ", 1, kFloat, "|V1"},
    {29, "int4", "INT4", 1, kSignedInt, "|i1"},
    {30, "uint4", "UINT4", 1, kUnsignedInt, "|u1"},
    {31, "int2", "INT2", 1, kSignedInt, "|i1"},
    {32, "uint2", "UINT2", 1, kUnsignedInt, "|u1"},
    {33, "float4_e2m1fn", "FLOAT4_E2M1FN", 1, kFloat, "|V1"},
};
constexpr int kTableSize = sizeof(kTable) / sizeof(kTable[0]);

const Info* Lookup(int value) {
  if (value >= kDataTypeRefOffset) value -= kDataTypeRefOffset;
  if (value < 0 || value >= kTableSize) return nullptr;
  return &kTable[value];
}

}  // namespace

bool IsKnownDType(int value) {
  if (value == kDataTypeRefOffset) return false;  // DT_INVALID has no ref form
  return Lookup(value) != nullptr;
}

DataType BaseType(DataType t) {
  return IsRefType(t) ? static_cast<DataType>(static_cast<int>(t) - kDataTypeRefOffset) : t;
}

DataType MakeRefType(DataType t) {
  if (IsRefType(t) || t == tensorflow::DT_INVALID) return t;
  return static_cast<DataType>(static_cast<int>(t) + kDataTypeRefOffset);
}

bool TypesCompatible(DataType produced, DataType expected) {
  if (produced == expected) return true;
  return IsRefType(produced) && !IsRefType(expected) && BaseType(produced) == expected;
}

std::string DTypeName(DataType t) {
  if (!IsKnownDType(t)) return "dtype(" + std::to_string(static_cast<int>(t)) + ")";
  std::string s = Lookup(t)->name;
  if (IsRefType(t)) s += "_ref";
  return s;
}

std::string DTypeEnumName(DataType t) {
  if (!IsKnownDType(t)) return std::to_string(static_cast<int>(t));
  std::string s = "DT_";
  s += Lookup(t)->enum_name;
  if (IsRefType(t)) s += "_REF";
  return s;
}

int DTypeSize(DataType t) {
  const Info* info = IsKnownDType(t) ? Lookup(t) : nullptr;
  return info ? info->size : 0;
}

static Kind KindOf(DataType t) {
  const Info* info = IsKnownDType(t) ? Lookup(t) : nullptr;
  return info ? info->kind : kNone;
}

bool IsFloating(DataType t) { return KindOf(t) == kFloat; }
bool IsComplex(DataType t) { return KindOf(t) == kComplex; }
bool IsInteger(DataType t) {
  Kind k = KindOf(t);
  return k == kSignedInt || k == kUnsignedInt || k == kQuantS || k == kQuantU;
}
bool IsQuantized(DataType t) {
  Kind k = KindOf(t);
  return k == kQuantS || k == kQuantU;
}
bool IsSigned(DataType t) {
  Kind k = KindOf(t);
  return k == kSignedInt || k == kQuantS;
}

std::string NumpyDescr(DataType t) {
  const Info* info = IsKnownDType(t) ? Lookup(t) : nullptr;
  return info ? info->npy : "";
}

std::vector<DataType> AllBaseDTypes() {
  std::vector<DataType> out;
  for (int i = 1; i < kTableSize; ++i) out.push_back(static_cast<DataType>(kTable[i].value));
  return out;
}

StatusOr<DataType> ParseDType(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool ref = false;
  std::string_view s = lower;
  if (s.size() > 4 && s.substr(s.size() - 4) == "_ref") {
    ref = true;
    s.remove_suffix(4);
  }
  if (s.size() > 3 && s.substr(0, 3) == "dt_") s.remove_prefix(3);
  struct Alias {
    const char* from;
    int to;
  };
  static constexpr Alias kAliases[] = {
      {"float", 1}, {"double", 2}, {"half", 19}, {"complex", 8}, {"bytes", 7}};
  int found = -1;
  for (int i = 1; i < kTableSize && found < 0; ++i) {
    std::string enum_lower;
    for (const char* p = kTable[i].enum_name; *p; ++p)
      enum_lower += static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
    if (s == kTable[i].name || s == enum_lower) found = kTable[i].value;
  }
  for (const Alias& a : kAliases)
    if (found < 0 && s == a.from) found = a.to;
  if (found < 0) return Status::InvalidArgument("unknown dtype '" + std::string(text) + "'");
  DataType t = static_cast<DataType>(found);
  return ref ? MakeRefType(t) : t;
}

}  // namespace tfgraph
