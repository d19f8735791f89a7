// Tensor: a dtype, a shape and the element values, without needless copies.
//
// Numeric tensors hold a std::string_view of their little-endian element
// bytes plus a shared owner that keeps those bytes alive: a MappedFile when
// the bytes are a slice of a checkpoint data shard (no copy at all), or an
// owned std::string otherwise. The bytes may be unaligned (bundle data is
// packed with alignment 1): read elements with Get<T>(), which memcpy's.
// DT_STRING tensors hold a vector of byte strings. DT_RESOURCE and DT_VARIANT
// tensors hold one serialized proto per element (ResourceHandleProto /
// VariantTensorDataProto) in the same vector, so they can be shown and
// written back, never interpreted.
//
// Copying a Tensor is cheap (the storage is shared and immutable).
//
// FromProto decodes a tensorflow::TensorProto exactly as TensorFlow's
// Tensor::FromProto does: tensor_content wins when non-empty; otherwise the
// typed field for the dtype (half_val for half and bfloat16), where no values
// means all zeros, fewer than N values repeat the last one, and extra values
// are ignored. The shape must be fully defined. A tensor whose decoded size
// would exceed options.max_bytes (default 2 GiB, TensorFlow's own proto limit)
// is refused with ResourceExhausted before anything is allocated, so a tiny
// proto claiming shape [2^40] cannot exhaust memory.
#ifndef TFGRAPH_CORE_TENSOR_H_
#define TFGRAPH_CORE_TENSOR_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/dtype.h"
#include "core/status.h"
#include "tensorflow/tensor.pb.h"
#include "tensorflow/tensor_shape.pb.h"

namespace tfgraph {

using Dims = std::vector<int64_t>;

// TensorFlow's own limit on a tensor's rank (TensorShape::MaxDimensions()).
// A file claiming more is damaged; refusing it also bounds every walk that
// recurses over the dimensions.
constexpr size_t kMaxRank = 254;

// Product of dims; InvalidArgument for a rank above kMaxRank and for
// negative dims, Corruption-free overflow check (fails above 2^62 elements).
StatusOr<int64_t> NumElements(const Dims& dims);
// "[2,3]" style, "[]" for scalars.
std::string DimsToString(const Dims& dims);
// Reads a fully defined shape; InvalidArgument for unknown rank or dims < 0.
StatusOr<Dims> DimsFromProto(const tensorflow::TensorShapeProto& proto);
void DimsToProto(const Dims& dims, tensorflow::TensorShapeProto* proto);

struct TensorDecodeOptions {
  uint64_t max_bytes = uint64_t{1} << 31;
};

class Tensor {
 public:
  Tensor() = default;

  // A numeric tensor viewing `bytes`, which `owner` keeps alive. The size
  // must be exactly num_elements * DTypeSize(dtype).
  static StatusOr<Tensor> View(DataType dtype, Dims dims, std::string_view bytes,
                               std::shared_ptr<const void> owner);
  // A numeric tensor owning a copy of (or the moved) `bytes`.
  static StatusOr<Tensor> FromBytes(DataType dtype, Dims dims, std::string bytes);
  // A string-like tensor (DT_STRING, or DT_RESOURCE / DT_VARIANT holding
  // serialized protos); elements.size() must equal the shape's element count.
  static StatusOr<Tensor> FromStrings(DataType dtype, Dims dims,
                                      std::vector<std::string> elements);
  // Decodes a TensorProto (see the header comment). With `owner` given and the
  // proto kept alive by it, numeric tensor_content is viewed, not copied.
  static StatusOr<Tensor> FromProto(const tensorflow::TensorProto& proto,
                                    const TensorDecodeOptions& options = {},
                                    std::shared_ptr<const void> owner = nullptr);

  // Convenience for tests and writers: a numeric tensor from typed values.
  template <typename T>
  static Tensor Of(DataType dtype, Dims dims, const std::vector<T>& values) {
    std::string bytes(values.size() * sizeof(T), '\0');
    if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
    auto t = FromBytes(dtype, std::move(dims), std::move(bytes));
    return t.ok() ? std::move(t).value() : Tensor();
  }

  bool valid() const { return dtype_ != tensorflow::DT_INVALID; }
  DataType dtype() const { return dtype_; }
  const Dims& dims() const { return dims_; }
  int rank() const { return static_cast<int>(dims_.size()); }
  int64_t num_elements() const { return num_elements_; }
  bool is_string_like() const { return strings_ != nullptr; }

  // Numeric element bytes (empty for string-like tensors).
  std::string_view bytes() const { return bytes_; }
  // String-like elements (empty for numeric tensors).
  const std::vector<std::string>& strings() const;

  // Element i of a numeric tensor as T (T must have the dtype's size).
  template <typename T>
  T Get(int64_t i) const {
    T v;
    std::memcpy(&v, bytes_.data() + i * static_cast<int64_t>(sizeof(T)), sizeof(T));
    return v;
  }

  // Writes the tensor into a TensorProto: numeric as tensor_content (or, with
  // typed_fields, as the repeated field of the dtype, as Python does for small
  // constants), strings as string_val, resource/variant as their protos.
  Status ToProto(tensorflow::TensorProto* proto, bool typed_fields = false) const;

  // Bitwise equality of dtype, shape and values (NaNs with equal bits equal).
  bool Identical(const Tensor& other) const;

 private:
  DataType dtype_ = tensorflow::DT_INVALID;
  Dims dims_;
  int64_t num_elements_ = 0;
  std::string_view bytes_;
  std::shared_ptr<const void> owner_;
  std::shared_ptr<const std::vector<std::string>> strings_;
};

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_TENSOR_H_
