// DataType table: names, element sizes and kinds of TensorFlow dtypes.
//
// Every module that shows or checks a dtype goes through this table, so that
// the same value is always spelled the same way:
//   - DTypeName: TensorFlow's Python name ("float32", "float16", "bfloat16",
//     "complex64", "string", "resource", "variant", ...), with "_ref" appended
//     for TF1 reference types ("float32_ref"). This is the spelling of our JSON.
//   - DTypeEnumName: the proto enum name ("DT_FLOAT", "DT_FLOAT_REF").
//   - DTypeSize: bytes per element in tensor buffers and checkpoint data
//     (0 for string, resource, variant, invalid and unknown values).
// ParseDType accepts either spelling plus common aliases ("float", "half",
// "double") and returns InvalidArgument naming the text otherwise. Values not
// in the table (a newer TensorFlow's dtype) print as "dtype(<N>)" and are
// treated as unknown, never as an error by the printers.
//
// Ref types: a "ref" dtype (DT_FLOAT_REF = DT_FLOAT + 100, ...) is what a TF1
// variable (VariableV2) outputs and what ops that mutate it (Assign,
// ApplyAdam, ...) take: a mutable reference to a buffer, not a value. Along a
// graph edge TF allows a ref output to feed a non-ref input of the same base
// type (the value is read), but never a value to feed a ref input;
// TypesCompatible encodes exactly that.
#ifndef TFGRAPH_CORE_DTYPE_H_
#define TFGRAPH_CORE_DTYPE_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "tensorflow/types.pb.h"

namespace tfgraph {

using tensorflow::DataType;

// The offset between a dtype and its ref dtype in the DataType enum.
constexpr int kDataTypeRefOffset = 100;

std::string DTypeName(DataType t);
// The same as DTypeName (the name graph checks were written against).
inline std::string DataTypeName(DataType t) { return DTypeName(t); }
std::string DTypeEnumName(DataType t);
// Bytes per element of the base type; 0 if not a fixed-size numeric type.
int DTypeSize(DataType t);
StatusOr<DataType> ParseDType(std::string_view name);

inline bool IsRefType(DataType t) { return static_cast<int>(t) > kDataTypeRefOffset; }
// DT_FLOAT_REF -> DT_FLOAT; a non-ref type is returned unchanged.
DataType BaseType(DataType t);
// DT_FLOAT -> DT_FLOAT_REF; a ref type (and DT_INVALID) is returned unchanged.
DataType MakeRefType(DataType t);
// Whether an edge from an output of type `produced` into an input expecting
// `expected` is legal: equal types, or a ref output read by a non-ref input of
// the same base type.
bool TypesCompatible(DataType produced, DataType expected);
// True if the value (base or ref) is in the table.
bool IsKnownDType(int value);
// A fixed-size element type whose bytes can be copied as they are
// (everything except string, resource, variant and invalid).
inline bool IsMemcpyable(DataType t) { return DTypeSize(t) > 0; }

bool IsFloating(DataType t);   // half, bfloat16, float, double, float8 types
bool IsComplex(DataType t);    // complex64, complex128
bool IsInteger(DataType t);    // signed and unsigned ints, int4/uint4, quantized
bool IsQuantized(DataType t);  // qint8, quint8, qint16, quint16, qint32
bool IsSigned(DataType t);     // for integer kinds

// The numpy dtype descr used for .npy output ("<f4", "|b1", "<c8"). bfloat16
// and float8 types have no numpy standard type: "<V2" / "|V1" (raw bytes,
// which is also what numpy writes for ml_dtypes arrays). Empty for string,
// resource, variant (the npy writer handles strings itself).
std::string NumpyDescr(DataType t);

// All base types of the table, in enum order (for tests and help output).
std::vector<DataType> AllBaseDTypes();

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_DTYPE_H_
