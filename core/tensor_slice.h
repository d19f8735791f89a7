// TensorSlice: the part of a partitioned variable that one checkpoint entry
// holds, and the keys under which TensorFlow stores such parts.
//
// A slice has one extent per dimension: a start and a length, with length -1
// meaning "the whole dimension" (stored in TensorSliceProto as an extent with
// no length). Slices appear in V2 bundle entries (BundleEntryProto.slices) and
// in every V1 (SavedTensorSlices) entry. Their data entries are keyed by
// EncodeTensorNameSlice(name, slice), an OrderedCode string that starts with a
// 0 byte so all slice keys sort before ordinary names.
//
// Resolve() checks a slice against the full shape (rank equal, 0 <= start,
// start + length <= dim) before anything is copied, so a corrupt slice can
// never index outside the full tensor. CopySlice() moves a slice's row-major
// elements into their place in the full tensor's row-major buffer.
#ifndef TFGRAPH_CORE_TENSOR_SLICE_H_
#define TFGRAPH_CORE_TENSOR_SLICE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/tensor.h"
#include "tensorflow/tensor_slice.pb.h"

namespace tfgraph {

struct TensorSlice {
  struct Extent {
    int64_t start = 0;
    int64_t length = -1;  // -1: the whole dimension
    bool operator==(const Extent& o) const { return start == o.start && length == o.length; }
  };
  std::vector<Extent> extents;

  static TensorSlice Full(int rank);
  static TensorSlice FromProto(const tensorflow::TensorSliceProto& proto);
  void ToProto(tensorflow::TensorSliceProto* proto) const;
  // TensorFlow's text form: "start,length" per dim joined by ':', "-" for a
  // full dim ("0,5:-"). Parse accepts the same.
  std::string ToString() const;
  static StatusOr<TensorSlice> Parse(std::string_view text);

  bool IsFull() const;
  // The slice's own shape within `full`, after bounds checks.
  StatusOr<Dims> Resolve(const Dims& full) const;
  bool operator==(const TensorSlice& o) const { return extents == o.extents; }
};

std::string EncodeTensorNameSlice(std::string_view name, const TensorSlice& slice);
// Decodes a slice key; false if `key` is not one.
bool DecodeTensorNameSlice(std::string_view key, std::string* name, TensorSlice* slice);

// True if the two (resolved) slices share at least one element.
bool SlicesOverlap(const TensorSlice& a, const TensorSlice& b, const Dims& full);

// Copies the `slice` part (elements of `elem_size` bytes, row-major over the
// slice's own shape) into `full_buf` (row-major over `full`). The slice must
// have been Resolve()d against `full`.
void CopySlice(const Dims& full, const TensorSlice& slice, std::string_view part, size_t elem_size,
               char* full_buf);
// The same for string-like elements.
void CopySliceStrings(const Dims& full, const TensorSlice& slice,
                      const std::vector<std::string>& part, std::vector<std::string>* full_elems);

// The part of `full` that `slice` selects, as its own tensor (the inverse of
// CopySlice; used to save partitioned variables).
StatusOr<Tensor> ExtractSlice(const Tensor& full, const TensorSlice& slice);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_TENSOR_SLICE_H_
