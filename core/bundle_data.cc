#include "core/bundle_data.h"

#include <cstdio>

#include "core/crc32c.h"
#include "core/varint.h"

namespace tfgraph {
namespace {

std::string Hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "0x%08x", v);
  return buf;
}

uint32_t ExtendLength32Or64(uint32_t crc, uint64_t len) {
  char buf[8];
  if (len <= 0xffffffffu) {
    for (int i = 0; i < 4; ++i) buf[i] = static_cast<char>((len >> (8 * i)) & 0xff);
    return crc32c::Extend(crc, buf, 4);
  }
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>((len >> (8 * i)) & 0xff);
  return crc32c::Extend(crc, buf, 8);
}

uint32_t ExtendLength64(uint32_t crc, uint64_t len) {
  char buf[8];
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>((len >> (8 * i)) & 0xff);
  return crc32c::Extend(crc, buf, 8);
}

StatusOr<Tensor> DecodeStrings(const Dims& shape, int64_t n, std::string_view bytes,
                               uint32_t expected_crc) {
  // Each length takes at least one byte, plus the 4-byte checksum: bound n
  // by the bytes present before reserving anything.
  if (bytes.size() < 4 || static_cast<uint64_t>(n) > bytes.size() - 4)
    return Status::Corruption("shape " + DimsToString(shape) + " claims " + std::to_string(n) +
                              " strings but only " + std::to_string(bytes.size()) +
                              " bytes are stored");
  std::string_view in = bytes;
  std::vector<uint64_t> lengths;
  lengths.reserve(static_cast<size_t>(n));
  uint32_t crc = 0;
  uint64_t total = 0;
  for (int64_t i = 0; i < n; ++i) {
    uint64_t len;
    if (!GetVarint64(&in, &len))
      return Status::Corruption("bad length of string element " + std::to_string(i));
    crc = ExtendLength32Or64(crc, len);
    // Running total checked against the stored size, so it cannot overflow.
    if (len > bytes.size() - total)
      return Status::Corruption("string element " + std::to_string(i) + " claims " +
                                std::to_string(len) + " bytes, more than stored");
    total += len;
    lengths.push_back(len);
  }
  uint32_t stored;
  std::string_view crc_bytes = in.substr(0, 4);
  if (!GetFixed32(&in, &stored))
    return Status::Corruption("string lengths run past the stored bytes");
  if (crc32c::Unmask(stored) != crc)
    return Status::Corruption("string length checksum mismatch (stored " +
                              Hex(crc32c::Unmask(stored)) + ", computed " + Hex(crc) + ")");
  if (total != in.size())
    return Status::Corruption("string lengths sum to " + std::to_string(total) + " bytes but " +
                              std::to_string(in.size()) + " are stored");
  crc = crc32c::Extend(crc, crc_bytes);
  crc = crc32c::Extend(crc, in);
  if (crc != expected_crc)
    return Status::Corruption("checksum mismatch (entry says " + Hex(expected_crc) +
                              ", data gives " + Hex(crc) + ")");
  std::vector<std::string> elems;
  elems.reserve(static_cast<size_t>(n));
  for (uint64_t len : lengths) {
    elems.emplace_back(in.substr(0, len));
    in.remove_prefix(len);
  }
  return Tensor::FromStrings(tensorflow::DT_STRING, shape, std::move(elems));
}

StatusOr<Tensor> DecodeVariants(const Dims& shape, int64_t n, std::string_view bytes,
                                uint32_t expected_crc) {
  if (static_cast<uint64_t>(n) > bytes.size() / 5)
    return Status::Corruption("shape " + DimsToString(shape) + " claims " + std::to_string(n) +
                              " variants but only " + std::to_string(bytes.size()) +
                              " bytes are stored");
  std::string_view in = bytes;
  std::vector<std::string> elems;
  uint32_t crc = 0;
  for (int64_t i = 0; i < n; ++i) {
    uint64_t len;
    if (!GetVarint64(&in, &len) || len > in.size())
      return Status::Corruption("bad length of variant element " + std::to_string(i));
    crc = ExtendLength64(crc, len);
    std::string_view proto = in.substr(0, len);
    in.remove_prefix(len);
    crc = crc32c::Extend(crc, proto);
    uint32_t stored;
    std::string_view crc_bytes = in.substr(0, 4);
    if (!GetFixed32(&in, &stored))
      return Status::Corruption("variant element " + std::to_string(i) + " is truncated");
    if (crc32c::Unmask(stored) != crc)
      return Status::Corruption("checksum mismatch in variant element " + std::to_string(i));
    crc = crc32c::Extend(crc, crc_bytes);
    elems.emplace_back(proto);
  }
  if (!in.empty())
    return Status::Corruption(std::to_string(in.size()) + " stray bytes after the variants");
  if (crc != expected_crc)
    return Status::Corruption("checksum mismatch (entry says " + Hex(expected_crc) +
                              ", data gives " + Hex(crc) + ")");
  return Tensor::FromStrings(tensorflow::DT_VARIANT, shape, std::move(elems));
}

}  // namespace

StatusOr<Tensor> DecodeBundleTensor(DataType dtype, const Dims& shape, std::string_view bytes,
                                    uint32_t expected_crc, std::shared_ptr<const void> owner) {
  TFG_ASSIGN_OR_RETURN(int64_t n, NumElements(shape));
  if (dtype == tensorflow::DT_STRING) return DecodeStrings(shape, n, bytes, expected_crc);
  if (dtype == tensorflow::DT_VARIANT) return DecodeVariants(shape, n, bytes, expected_crc);
  const int elem = DTypeSize(dtype);
  if (elem == 0) return Status::Unsupported("cannot decode " + DTypeName(dtype) + " data");
  if (static_cast<uint64_t>(n) > bytes.size() / elem ||
      static_cast<uint64_t>(n) * elem != bytes.size())
    return Status::Corruption("shape " + DimsToString(shape) + " of " + DTypeName(dtype) +
                              " does not match the " + std::to_string(bytes.size()) +
                              " stored bytes");
  uint32_t crc = crc32c::Value(bytes);
  if (crc != expected_crc)
    return Status::Corruption("checksum mismatch (entry says " + Hex(expected_crc) +
                              ", data gives " + Hex(crc) + ")");
  return Tensor::View(dtype, shape, bytes, std::move(owner));
}

StatusOr<uint32_t> EncodeBundleTensor(const Tensor& t, std::string* out) {
  if (!t.valid()) return Status::InvalidArgument("cannot save an invalid tensor");
  if (t.dtype() == tensorflow::DT_RESOURCE)
    return Status::InvalidArgument("resource tensors cannot be saved in a bundle");
  if (!t.is_string_like()) {
    out->append(t.bytes());
    return crc32c::Value(t.bytes());
  }
  uint32_t crc = 0;
  if (t.dtype() == tensorflow::DT_STRING) {
    for (const std::string& s : t.strings()) {
      PutVarint64(out, s.size());
      crc = ExtendLength32Or64(crc, s.size());
    }
    std::string masked;
    PutFixed32(&masked, crc32c::Mask(crc));
    out->append(masked);
    crc = crc32c::Extend(crc, masked);
    for (const std::string& s : t.strings()) {
      out->append(s);
      crc = crc32c::Extend(crc, s);
    }
    return crc;
  }
  for (const std::string& s : t.strings()) {  // DT_VARIANT
    PutVarint64(out, s.size());
    crc = ExtendLength64(crc, s.size());
    out->append(s);
    crc = crc32c::Extend(crc, s);
    std::string masked;
    PutFixed32(&masked, crc32c::Mask(crc));
    out->append(masked);
    crc = crc32c::Extend(crc, masked);
  }
  return crc;
}

}  // namespace tfgraph
