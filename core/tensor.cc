#include "core/tensor.h"

#include <algorithm>
#include <limits>

#include "core/varint.h"

namespace tfgraph {
namespace {

constexpr int64_t kMaxElements = int64_t{1} << 62;

// Copies element i of a repeated proto field into the tensor buffer, with
// TensorFlow's fill rule: no values -> zeros (buffer is already zeroed),
// fewer than n -> repeat the last value.
template <typename Out, typename Field, typename Conv>
void FillFromField(const Field& field, int64_t n, std::string* bytes, Conv conv) {
  const int64_t in_n = field.size();
  if (in_n <= 0) return;
  char* out = bytes->data();
  for (int64_t i = 0; i < n; ++i) {
    Out v = conv(field.Get(static_cast<int>(std::min(i, in_n - 1))));
    std::memcpy(out + i * static_cast<int64_t>(sizeof(Out)), &v, sizeof(Out));
  }
}

// Complex fields hold (re, im) pairs; the element count is size()/2.
template <typename Part, typename Field>
void FillComplex(const Field& field, int64_t n, std::string* bytes) {
  const int64_t pairs = field.size() / 2;
  if (pairs <= 0) return;
  char* out = bytes->data();
  for (int64_t i = 0; i < n; ++i) {
    int64_t j = std::min(i, pairs - 1);
    Part re = field.Get(static_cast<int>(2 * j)), im = field.Get(static_cast<int>(2 * j + 1));
    std::memcpy(out + i * 2 * static_cast<int64_t>(sizeof(Part)), &re, sizeof(Part));
    std::memcpy(out + (i * 2 + 1) * static_cast<int64_t>(sizeof(Part)), &im, sizeof(Part));
  }
}

// Repeats the last of `in` to fill n strings (none -> `empty`).
template <typename Field, typename Conv>
std::vector<std::string> FillStrings(const Field& field, int64_t n, Conv conv) {
  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(n));
  const int64_t in_n = field.size();
  for (int64_t i = 0; i < n; ++i) {
    if (in_n == 0) {
      out.emplace_back();
    } else {
      out.push_back(conv(field.Get(static_cast<int>(std::min(i, in_n - 1)))));
    }
  }
  return out;
}

Status DecodeStringContent(std::string_view content, int64_t n, std::vector<std::string>* out) {
  // EncodeStringList: n varint32 lengths, then the concatenated bytes.
  std::vector<uint32_t> lengths;
  uint64_t total = 0;
  for (int64_t i = 0; i < n; ++i) {
    uint32_t len;
    if (!GetVarint32(&content, &len))
      return Status::Corruption("string tensor_content: bad length prefix of element " +
                                std::to_string(i));
    lengths.push_back(len);
    total += len;
  }
  if (total != content.size())
    return Status::Corruption("string tensor_content: lengths sum to " + std::to_string(total) +
                              " bytes but " + std::to_string(content.size()) + " remain");
  out->reserve(static_cast<size_t>(n));
  for (uint32_t len : lengths) {
    out->emplace_back(content.substr(0, len));
    content.remove_prefix(len);
  }
  return Status::OK();
}

Status TooManyDims(size_t rank) {
  return Status::InvalidArgument("shape has rank " + std::to_string(rank) +
                                 ", above TensorFlow's limit of " + std::to_string(kMaxRank));
}

}  // namespace

StatusOr<int64_t> NumElements(const Dims& dims) {
  if (dims.size() > kMaxRank) return TooManyDims(dims.size());
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d < 0)
      return Status::InvalidArgument("shape " + DimsToString(dims) + " is not fully defined");
    if (d != 0 && n > kMaxElements / d)
      return Status::InvalidArgument("shape " + DimsToString(dims) + " has too many elements");
    n *= d;
  }
  return n;
}

std::string DimsToString(const Dims& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(dims[i]);
  }
  return s + "]";
}

StatusOr<Dims> DimsFromProto(const tensorflow::TensorShapeProto& proto) {
  if (proto.unknown_rank()) return Status::InvalidArgument("shape has unknown rank");
  if (static_cast<size_t>(proto.dim_size()) > kMaxRank) return TooManyDims(proto.dim_size());
  Dims dims;
  for (const auto& d : proto.dim()) dims.push_back(d.size());
  for (int64_t d : dims)
    if (d < 0)
      return Status::InvalidArgument("shape " + DimsToString(dims) + " is not fully defined");
  return dims;
}

void DimsToProto(const Dims& dims, tensorflow::TensorShapeProto* proto) {
  proto->Clear();
  for (int64_t d : dims) proto->add_dim()->set_size(d);
}

const std::vector<std::string>& Tensor::strings() const {
  static const std::vector<std::string> kEmpty;
  return strings_ ? *strings_ : kEmpty;
}

StatusOr<Tensor> Tensor::View(DataType dtype, Dims dims, std::string_view bytes,
                              std::shared_ptr<const void> owner) {
  int size = DTypeSize(dtype);
  if (size == 0)
    return Status::InvalidArgument("dtype " + DTypeName(dtype) + " has no fixed element size");
  TFG_ASSIGN_OR_RETURN(int64_t n, NumElements(dims));
  if (static_cast<uint64_t>(n) > std::numeric_limits<uint64_t>::max() / size ||
      static_cast<uint64_t>(n) * size != bytes.size())
    return Status::Corruption("shape " + DimsToString(dims) + " of " + DTypeName(dtype) +
                              " needs " + std::to_string(static_cast<uint64_t>(n) * size) +
                              " bytes, have " + std::to_string(bytes.size()));
  Tensor t;
  t.dtype_ = dtype;
  t.dims_ = std::move(dims);
  t.num_elements_ = n;
  t.bytes_ = bytes;
  t.owner_ = std::move(owner);
  return t;
}

StatusOr<Tensor> Tensor::FromBytes(DataType dtype, Dims dims, std::string bytes) {
  auto owned = std::make_shared<const std::string>(std::move(bytes));
  std::string_view view(*owned);
  return View(dtype, std::move(dims), view, std::move(owned));
}

StatusOr<Tensor> Tensor::FromStrings(DataType dtype, Dims dims, std::vector<std::string> elements) {
  if (dtype != tensorflow::DT_STRING && dtype != tensorflow::DT_RESOURCE &&
      dtype != tensorflow::DT_VARIANT)
    return Status::InvalidArgument("dtype " + DTypeName(dtype) + " is not string-like");
  TFG_ASSIGN_OR_RETURN(int64_t n, NumElements(dims));
  if (static_cast<uint64_t>(n) != elements.size())
    return Status::Corruption("shape " + DimsToString(dims) + " needs " + std::to_string(n) +
                              " strings, have " + std::to_string(elements.size()));
  Tensor t;
  t.dtype_ = dtype;
  t.dims_ = std::move(dims);
  t.num_elements_ = n;
  t.strings_ = std::make_shared<const std::vector<std::string>>(std::move(elements));
  return t;
}

StatusOr<Tensor> Tensor::FromProto(const tensorflow::TensorProto& proto,
                                   const TensorDecodeOptions& options,
                                   std::shared_ptr<const void> owner) {
  const DataType dtype = proto.dtype();
  if (!IsKnownDType(dtype) || IsRefType(dtype) || dtype == tensorflow::DT_INVALID)
    return Status::Unsupported("TensorProto has dtype " + DTypeName(dtype));
  TFG_ASSIGN_OR_RETURN(Dims dims, DimsFromProto(proto.tensor_shape()));
  TFG_ASSIGN_OR_RETURN(int64_t n, NumElements(dims));
  const int size = DTypeSize(dtype);
  const uint64_t un = static_cast<uint64_t>(n);

  if (size > 0) {
    if (un > options.max_bytes / static_cast<uint64_t>(size))
      return Status::ResourceExhausted("tensor of shape " + DimsToString(dims) + " " +
                                       DTypeName(dtype) + " would need " +
                                       std::to_string(un * size) + " bytes (limit " +
                                       std::to_string(options.max_bytes) + ")");
    const std::string& content = proto.tensor_content();
    if (!content.empty()) {
      if (content.size() != un * size)
        return Status::Corruption("tensor_content has " + std::to_string(content.size()) +
                                  " bytes, shape " + DimsToString(dims) + " of " +
                                  DTypeName(dtype) + " needs " + std::to_string(un * size));
      if (owner) return View(dtype, std::move(dims), content, std::move(owner));
      return FromBytes(dtype, std::move(dims), content);
    }
    std::string bytes(un * size, '\0');
    using tensorflow::DataType;
    switch (dtype) {
      case tensorflow::DT_FLOAT:
        FillFromField<float>(proto.float_val(), n, &bytes, [](float v) { return v; });
        break;
      case tensorflow::DT_DOUBLE:
        FillFromField<double>(proto.double_val(), n, &bytes, [](double v) { return v; });
        break;
      case tensorflow::DT_INT32:
      case tensorflow::DT_QINT32:
        FillFromField<int32_t>(proto.int_val(), n, &bytes, [](int32_t v) { return v; });
        break;
      case tensorflow::DT_INT16:
      case tensorflow::DT_QINT16:
        FillFromField<int16_t>(proto.int_val(), n, &bytes,
                               [](int32_t v) { return static_cast<int16_t>(v); });
        break;
      case tensorflow::DT_UINT16:
      case tensorflow::DT_QUINT16:
        FillFromField<uint16_t>(proto.int_val(), n, &bytes,
                                [](int32_t v) { return static_cast<uint16_t>(v); });
        break;
      case tensorflow::DT_INT8:
      case tensorflow::DT_QINT8:
      case tensorflow::DT_INT4:
      case tensorflow::DT_INT2:
        FillFromField<int8_t>(proto.int_val(), n, &bytes,
                              [](int32_t v) { return static_cast<int8_t>(v); });
        break;
      case tensorflow::DT_UINT8:
      case tensorflow::DT_QUINT8:
      case tensorflow::DT_UINT4:
      case tensorflow::DT_UINT2:
        FillFromField<uint8_t>(proto.int_val(), n, &bytes,
                               [](int32_t v) { return static_cast<uint8_t>(v); });
        break;
      case tensorflow::DT_INT64:
        FillFromField<int64_t>(proto.int64_val(), n, &bytes, [](int64_t v) { return v; });
        break;
      case tensorflow::DT_UINT32:
        FillFromField<uint32_t>(proto.uint32_val(), n, &bytes, [](uint32_t v) { return v; });
        break;
      case tensorflow::DT_UINT64:
        FillFromField<uint64_t>(proto.uint64_val(), n, &bytes, [](uint64_t v) { return v; });
        break;
      case tensorflow::DT_BOOL:
        FillFromField<uint8_t>(proto.bool_val(), n, &bytes,
                               [](bool v) { return static_cast<uint8_t>(v ? 1 : 0); });
        break;
      case tensorflow::DT_HALF:
      case tensorflow::DT_BFLOAT16:
        // half_val carries the raw 16-bit pattern in each int32.
        FillFromField<uint16_t>(proto.half_val(), n, &bytes,
                                [](int32_t v) { return static_cast<uint16_t>(v); });
        break;
      case tensorflow::DT_COMPLEX64:
        FillComplex<float>(proto.scomplex_val(), n, &bytes);
        break;
      case tensorflow::DT_COMPLEX128:
        FillComplex<double>(proto.dcomplex_val(), n, &bytes);
        break;
      default: {
        // float8 / float4 types: one byte per element in float8_val.
        const std::string& f8 = proto.float8_val();
        if (!f8.empty())
          for (int64_t i = 0; i < n; ++i)
            bytes[i] = f8[static_cast<size_t>(std::min<int64_t>(i, f8.size() - 1))];
        break;
      }
    }
    return FromBytes(dtype, std::move(dims), std::move(bytes));
  }

  // String-like dtypes.
  if (dtype == tensorflow::DT_STRING) {
    const auto& vals = proto.string_val();
    uint64_t last = vals.empty() ? 0 : vals.Get(vals.size() - 1).size();
    // Each element costs a std::string plus its bytes; refuse huge broadcasts.
    if (un > options.max_bytes / (sizeof(std::string) + last))
      return Status::ResourceExhausted("string tensor of shape " + DimsToString(dims) +
                                       " would exceed " + std::to_string(options.max_bytes) +
                                       " bytes");
    if (!proto.tensor_content().empty()) {
      std::vector<std::string> elems;
      TFG_RETURN_IF_ERROR(DecodeStringContent(proto.tensor_content(), n, &elems));
      return FromStrings(dtype, std::move(dims), std::move(elems));
    }
    return FromStrings(dtype, std::move(dims),
                       FillStrings(vals, n, [](const std::string& s) { return s; }));
  }
  if (un > options.max_bytes / sizeof(std::string))
    return Status::ResourceExhausted("tensor of shape " + DimsToString(dims) + " would exceed " +
                                     std::to_string(options.max_bytes) + " bytes");
  if (!proto.tensor_content().empty())
    return Status::Unsupported(DTypeName(dtype) + " tensor stored in tensor_content");
  if (dtype == tensorflow::DT_RESOURCE) {
    return FromStrings(dtype, std::move(dims),
                       FillStrings(proto.resource_handle_val(), n,
                                   [](const auto& h) { return h.SerializeAsString(); }));
  }
  // DT_VARIANT: missing elements are empty variants, not copies of the last.
  std::vector<std::string> elems;
  const int64_t have = proto.variant_val_size();
  for (int64_t i = 0; i < n; ++i)
    elems.push_back(i < have ? proto.variant_val(static_cast<int>(i)).SerializeAsString()
                             : std::string());
  return FromStrings(dtype, std::move(dims), std::move(elems));
}

Status Tensor::ToProto(tensorflow::TensorProto* proto, bool typed_fields) const {
  proto->Clear();
  proto->set_dtype(dtype_);
  DimsToProto(dims_, proto->mutable_tensor_shape());
  if (!valid()) return Status::InvalidArgument("cannot encode an invalid tensor");
  if (strings_) {
    for (const std::string& s : *strings_) {
      if (dtype_ == tensorflow::DT_STRING) {
        proto->add_string_val(s);
      } else if (dtype_ == tensorflow::DT_RESOURCE) {
        if (!proto->add_resource_handle_val()->ParseFromString(s))
          return Status::Corruption("resource handle element does not parse");
      } else if (!s.empty() && !proto->add_variant_val()->ParseFromString(s)) {
        return Status::Corruption("variant element does not parse");
      } else if (s.empty()) {
        proto->add_variant_val();
      }
    }
    return Status::OK();
  }
  if (!typed_fields) {
    proto->set_tensor_content(std::string(bytes_));
    return Status::OK();
  }
  const int64_t n = num_elements_;
  switch (dtype_) {
    case tensorflow::DT_FLOAT:
      for (int64_t i = 0; i < n; ++i) proto->add_float_val(Get<float>(i));
      break;
    case tensorflow::DT_DOUBLE:
      for (int64_t i = 0; i < n; ++i) proto->add_double_val(Get<double>(i));
      break;
    case tensorflow::DT_INT32:
    case tensorflow::DT_QINT32:
      for (int64_t i = 0; i < n; ++i) proto->add_int_val(Get<int32_t>(i));
      break;
    case tensorflow::DT_INT16:
    case tensorflow::DT_QINT16:
      for (int64_t i = 0; i < n; ++i) proto->add_int_val(Get<int16_t>(i));
      break;
    case tensorflow::DT_UINT16:
    case tensorflow::DT_QUINT16:
      for (int64_t i = 0; i < n; ++i) proto->add_int_val(Get<uint16_t>(i));
      break;
    case tensorflow::DT_INT8:
    case tensorflow::DT_QINT8:
    case tensorflow::DT_INT4:
    case tensorflow::DT_INT2:
      for (int64_t i = 0; i < n; ++i) proto->add_int_val(Get<int8_t>(i));
      break;
    case tensorflow::DT_UINT8:
    case tensorflow::DT_QUINT8:
    case tensorflow::DT_UINT4:
    case tensorflow::DT_UINT2:
      for (int64_t i = 0; i < n; ++i) proto->add_int_val(Get<uint8_t>(i));
      break;
    case tensorflow::DT_INT64:
      for (int64_t i = 0; i < n; ++i) proto->add_int64_val(Get<int64_t>(i));
      break;
    case tensorflow::DT_UINT32:
      for (int64_t i = 0; i < n; ++i) proto->add_uint32_val(Get<uint32_t>(i));
      break;
    case tensorflow::DT_UINT64:
      for (int64_t i = 0; i < n; ++i) proto->add_uint64_val(Get<uint64_t>(i));
      break;
    case tensorflow::DT_BOOL:
      for (int64_t i = 0; i < n; ++i) proto->add_bool_val(Get<uint8_t>(i) != 0);
      break;
    case tensorflow::DT_HALF:
    case tensorflow::DT_BFLOAT16:
      for (int64_t i = 0; i < n; ++i) proto->add_half_val(Get<uint16_t>(i));
      break;
    case tensorflow::DT_COMPLEX64:
      for (int64_t i = 0; i < 2 * n; ++i) proto->add_scomplex_val(Get<float>(i));
      break;
    case tensorflow::DT_COMPLEX128:
      for (int64_t i = 0; i < 2 * n; ++i) proto->add_dcomplex_val(Get<double>(i));
      break;
    default:
      proto->set_float8_val(std::string(bytes_));
      break;
  }
  return Status::OK();
}

bool Tensor::Identical(const Tensor& o) const {
  if (dtype_ != o.dtype_ || dims_ != o.dims_) return false;
  if ((strings_ == nullptr) != (o.strings_ == nullptr)) return false;
  if (strings_) return *strings_ == *o.strings_;
  return bytes_ == o.bytes_;
}

}  // namespace tfgraph
