// Writing a tensor as a numpy .npy file, byte-identical to numpy.save.
//
// The header is numpy's: magic "\x93NUMPY", format version 1.0 (2.0 when the
// header does not fit in 65535 bytes), the dict "{'descr': ..., 'fortran_order':
// False, 'shape': (...), }" plus numpy's 21-digit growth padding, spaces and
// a newline up to a multiple of 64 bytes. The data follow in C order, little
// endian, exactly the tensor's bytes.
//
// Types numpy lacks: bfloat16 is written as '<V2' and float8 types as '|V1'
// (raw 2/1-byte voids, what numpy itself writes for ml_dtypes arrays; view them
// with ml_dtypes). Strings cannot be numpy object arrays without pickle, so a
// DT_STRING tensor is written as fixed-width bytes 'S<n>' with n the longest
// element (at least 1), each element NUL-padded; numpy strips trailing NULs
// when reading, so elements that end in NUL bytes lose them. Resource and
// variant tensors cannot be written (Unsupported).
#ifndef TFGRAPH_CORE_NPY_H_
#define TFGRAPH_CORE_NPY_H_

#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/tensor.h"

namespace tfgraph {

// The complete header (magic through the final newline).
StatusOr<std::string> NpyHeader(const Tensor& t);
// Streams header and data to `sink`.
Status EncodeNpy(const Tensor& t, const std::function<Status(std::string_view)>& sink);
// Writes `path` atomically (AlreadyExists unless overwrite).
Status WriteNpyFile(const Tensor& t, const std::string& path, bool overwrite);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_NPY_H_
