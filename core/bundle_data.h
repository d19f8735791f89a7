// Encoding and decoding of one tensor's bytes in a bundle data shard, with
// TensorFlow's checksums (tf-formats.md §1.6-1.8).
//
//   - Fixed-size dtypes: the raw little-endian elements; the entry's CRC32C
//     is over exactly these bytes.
//   - DT_STRING: N varint64 lengths, a 4-byte masked CRC of the lengths (each
//     fed to the CRC as a 4-byte little-endian uint32, or 8 bytes if it does
//     not fit), then the concatenated bytes. The entry CRC runs over the
//     lengths (as fed above), the 4 stored checksum bytes, then the bytes.
//   - DT_VARIANT: per element a varint64 length, the serialized
//     VariantTensorDataProto and a 4-byte masked running CRC; the running CRC
//     is extended by the length as 8-byte uint64, the proto bytes, and the 4
//     stored bytes.
// DecodeBundleTensor verifies every checksum and every length against the
// bytes actually present before allocating anything (a length prefix can
// never make it reserve more than the entry's size), and views numeric data
// in place (no copy) with `owner` keeping it alive. Errors describe the
// problem only; callers prefix the file and tensor name.
#ifndef TFGRAPH_CORE_BUNDLE_DATA_H_
#define TFGRAPH_CORE_BUNDLE_DATA_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"

namespace tfgraph {

// `expected_crc` is the unmasked CRC from the entry.
StatusOr<Tensor> DecodeBundleTensor(DataType dtype, const Dims& shape, std::string_view bytes,
                                    uint32_t expected_crc, std::shared_ptr<const void> owner);

// Appends the encoding of `t` to *out and returns the unmasked entry CRC.
StatusOr<uint32_t> EncodeBundleTensor(const Tensor& t, std::string* out);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_BUNDLE_DATA_H_
