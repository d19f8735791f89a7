// The dtype table: names as TensorFlow's Python spells them, enum names,
// element sizes, ref types and parsing of every spelling.
#include "core/dtype.h"

#include <gtest/gtest.h>

namespace tfgraph {
namespace {

TEST(DType, NamesAndSizes) {
  struct Row {
    DataType t;
    const char* name;
    const char* enum_name;
    int size;
  };
  const Row rows[] = {
      {tensorflow::DT_FLOAT, "float32", "DT_FLOAT", 4},
      {tensorflow::DT_DOUBLE, "float64", "DT_DOUBLE", 8},
      {tensorflow::DT_HALF, "float16", "DT_HALF", 2},
      {tensorflow::DT_BFLOAT16, "bfloat16", "DT_BFLOAT16", 2},
      {tensorflow::DT_COMPLEX64, "complex64", "DT_COMPLEX64", 8},
      {tensorflow::DT_COMPLEX128, "complex128", "DT_COMPLEX128", 16},
      {tensorflow::DT_BOOL, "bool", "DT_BOOL", 1},
      {tensorflow::DT_INT8, "int8", "DT_INT8", 1},
      {tensorflow::DT_UINT64, "uint64", "DT_UINT64", 8},
      {tensorflow::DT_QINT32, "qint32", "DT_QINT32", 4},
      {tensorflow::DT_STRING, "string", "DT_STRING", 0},
      {tensorflow::DT_RESOURCE, "resource", "DT_RESOURCE", 0},
      {tensorflow::DT_VARIANT, "variant", "DT_VARIANT", 0},
      {tensorflow::DT_FLOAT8_E4M3FN, "float8_e4m3fn", "DT_FLOAT8_E4M3FN", 1},
      {tensorflow::DT_FLOAT_REF, "float32_ref", "DT_FLOAT_REF", 4},
      {tensorflow::DT_STRING_REF, "string_ref", "DT_STRING_REF", 0},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(DTypeName(r.t), r.name);
    EXPECT_EQ(DTypeEnumName(r.t), r.enum_name);
    EXPECT_EQ(DTypeSize(r.t), r.size) << r.name;
    auto parsed = ParseDType(r.name);
    ASSERT_TRUE(parsed.ok()) << r.name;
    EXPECT_EQ(*parsed, r.t);
    auto parsed_enum = ParseDType(r.enum_name);
    ASSERT_TRUE(parsed_enum.ok()) << r.enum_name;
    EXPECT_EQ(*parsed_enum, r.t);
  }
}

TEST(DType, RefTypes) {
  EXPECT_TRUE(IsRefType(tensorflow::DT_INT32_REF));
  EXPECT_FALSE(IsRefType(tensorflow::DT_INT32));
  EXPECT_EQ(BaseType(tensorflow::DT_INT32_REF), tensorflow::DT_INT32);
  EXPECT_EQ(MakeRefType(tensorflow::DT_INT32), tensorflow::DT_INT32_REF);
  EXPECT_EQ(MakeRefType(tensorflow::DT_INT32_REF), tensorflow::DT_INT32_REF);
}

TEST(DType, AliasesAndErrors) {
  EXPECT_EQ(*ParseDType("half"), tensorflow::DT_HALF);
  EXPECT_EQ(*ParseDType("float"), tensorflow::DT_FLOAT);
  EXPECT_EQ(*ParseDType("double"), tensorflow::DT_DOUBLE);
  EXPECT_EQ(*ParseDType("Float32"), tensorflow::DT_FLOAT);
  auto bad = ParseDType("float33");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("float33"), std::string::npos);
}

TEST(DType, UnknownValuesPrintSafely) {
  DataType odd = static_cast<DataType>(77);
  EXPECT_EQ(DTypeName(odd), "dtype(77)");
  EXPECT_EQ(DTypeSize(odd), 0);
  EXPECT_FALSE(IsKnownDType(77));
  EXPECT_FALSE(IsKnownDType(-1));
}

TEST(DType, Kinds) {
  EXPECT_TRUE(IsFloating(tensorflow::DT_BFLOAT16));
  EXPECT_TRUE(IsComplex(tensorflow::DT_COMPLEX64));
  EXPECT_TRUE(IsInteger(tensorflow::DT_QUINT8));
  EXPECT_TRUE(IsQuantized(tensorflow::DT_QUINT8));
  EXPECT_TRUE(IsSigned(tensorflow::DT_INT16));
  EXPECT_FALSE(IsSigned(tensorflow::DT_UINT16));
  EXPECT_FALSE(IsMemcpyable(tensorflow::DT_STRING));
  EXPECT_EQ(AllBaseDTypes().size(), 33u);
  EXPECT_EQ(NumpyDescr(tensorflow::DT_BOOL), "|b1");
  EXPECT_EQ(NumpyDescr(tensorflow::DT_COMPLEX128), "<c16");
}

}  // namespace
}  // namespace tfgraph
