#include "core/npy.h"

#include <algorithm>

#include "core/atomic_file.h"

namespace tfgraph {
namespace {

constexpr size_t kAlign = 64;
constexpr size_t kGrowthDigits = 21;

size_t MaxStringLength(const Tensor& t) {
  size_t n = 1;
  for (const std::string& s : t.strings()) n = std::max(n, s.size());
  return n;
}

StatusOr<std::string> Descr(const Tensor& t) {
  if (t.dtype() == tensorflow::DT_STRING) return "|S" + std::to_string(MaxStringLength(t));
  std::string d = NumpyDescr(t.dtype());
  if (d.empty())
    return Status::Unsupported("cannot write a " + DTypeName(t.dtype()) + " tensor as .npy");
  return d;
}

// Python's repr of a tuple of ints.
std::string ShapeRepr(const Dims& dims) {
  if (dims.empty()) return "()";
  std::string s = "(";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(dims[i]);
  }
  if (dims.size() == 1) s += ",";
  return s + ")";
}

}  // namespace

StatusOr<std::string> NpyHeader(const Tensor& t) {
  if (!t.valid()) return Status::InvalidArgument("cannot write an invalid tensor as .npy");
  TFG_ASSIGN_OR_RETURN(std::string descr, Descr(t));
  std::string dict =
      "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + ShapeRepr(t.dims()) + ", }";
  if (!t.dims().empty()) {
    size_t digits = std::to_string(t.dims()[0]).size();
    if (digits < kGrowthDigits) dict += std::string(kGrowthDigits - digits, ' ');
  }
  for (int major : {1, 2}) {
    const size_t len_bytes = major == 1 ? 2 : 4;
    const size_t hlen = dict.size() + 1;  // + newline
    const size_t padlen = kAlign - ((6 + 2 + len_bytes + hlen) % kAlign);
    const size_t total = hlen + padlen;
    if (major == 1 && total > 0xffff) continue;
    std::string out = "\x93NUMPY";
    out += static_cast<char>(major);
    out += '\0';
    for (size_t i = 0; i < len_bytes; ++i) out += static_cast<char>((total >> (8 * i)) & 0xff);
    out += dict;
    out.append(padlen, ' ');
    out += '\n';
    return out;
  }
  return Status::Internal("npy header too large");
}

Status EncodeNpy(const Tensor& t, const std::function<Status(std::string_view)>& sink) {
  TFG_ASSIGN_OR_RETURN(std::string header, NpyHeader(t));
  TFG_RETURN_IF_ERROR(sink(header));
  if (t.dtype() != tensorflow::DT_STRING) return sink(t.bytes());
  const size_t width = MaxStringLength(t);
  std::string chunk;
  for (const std::string& s : t.strings()) {
    chunk += s;
    chunk.append(width - s.size(), '\0');
    if (chunk.size() >= (1 << 20)) {
      TFG_RETURN_IF_ERROR(sink(chunk));
      chunk.clear();
    }
  }
  return chunk.empty() ? Status::OK() : sink(chunk);
}

Status WriteNpyFile(const Tensor& t, const std::string& path, bool overwrite) {
  TFG_ASSIGN_OR_RETURN(auto file, AtomicFile::Open(path, overwrite));
  TFG_RETURN_IF_ERROR(EncodeNpy(t, [&file](std::string_view s) { return file->Append(s); }));
  return file->Commit();
}

}  // namespace tfgraph
