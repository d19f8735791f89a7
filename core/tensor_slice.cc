#include "core/tensor_slice.h"

#include <cstdlib>
#include <cstring>

#include "core/ordered_code.h"

namespace tfgraph {

TensorSlice TensorSlice::Full(int rank) {
  TensorSlice s;
  s.extents.resize(static_cast<size_t>(rank));
  return s;
}

TensorSlice TensorSlice::FromProto(const tensorflow::TensorSliceProto& proto) {
  TensorSlice s;
  for (const auto& e : proto.extent()) {
    Extent x;
    if (e.has_length_case() == tensorflow::TensorSliceProto::Extent::kLength) {
      x.start = e.start();
      x.length = e.length();
    }
    s.extents.push_back(x);
  }
  return s;
}

void TensorSlice::ToProto(tensorflow::TensorSliceProto* proto) const {
  proto->Clear();
  for (const Extent& x : extents) {
    auto* e = proto->add_extent();
    if (x.length != -1 || x.start != 0) {
      e->set_start(x.start);
      e->set_length(x.length);
    }
  }
}

std::string TensorSlice::ToString() const {
  std::string s;
  for (size_t i = 0; i < extents.size(); ++i) {
    if (i) s += ':';
    if (extents[i].length == -1 && extents[i].start == 0) {
      s += '-';
    } else {
      s += std::to_string(extents[i].start) + "," + std::to_string(extents[i].length);
    }
  }
  return s;
}

StatusOr<TensorSlice> TensorSlice::Parse(std::string_view text) {
  TensorSlice s;
  if (text.empty()) return s;
  auto bad = [&text]() {
    return Status::InvalidArgument("bad tensor slice '" + std::string(text) + "'");
  };
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find(':', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string part(text.substr(pos, end - pos));
    Extent x;
    if (part != "-") {
      char* rest = nullptr;
      long long start = std::strtoll(part.c_str(), &rest, 10);
      if (rest == part.c_str() || *rest != ',') return bad();
      const char* len_text = rest + 1;
      long long length = std::strtoll(len_text, &rest, 10);
      if (rest == len_text || *rest != '\0' || start < 0 || length < 0) return bad();
      x.start = start;
      x.length = length;
    }
    s.extents.push_back(x);
    pos = end + 1;
  }
  return s;
}

bool TensorSlice::IsFull() const {
  for (const Extent& x : extents)
    if (!(x.start == 0 && x.length == -1)) return false;
  return true;
}

StatusOr<Dims> TensorSlice::Resolve(const Dims& full) const {
  if (extents.size() != full.size())
    return Status::Corruption("slice " + ToString() + " has rank " +
                              std::to_string(extents.size()) + " but the tensor has shape " +
                              DimsToString(full));
  Dims shape;
  for (size_t d = 0; d < full.size(); ++d) {
    const Extent& x = extents[d];
    if (x.length == -1 && x.start == 0) {
      shape.push_back(full[d]);
      continue;
    }
    if (x.start < 0 || x.length < 0 || x.start > full[d] || x.length > full[d] - x.start)
      return Status::Corruption("slice " + ToString() + " lies outside shape " +
                                DimsToString(full));
    shape.push_back(x.length);
  }
  return shape;
}

std::string EncodeTensorNameSlice(std::string_view name, const TensorSlice& slice) {
  std::string key;
  ordered_code::WriteNumIncreasing(&key, 0);
  ordered_code::WriteString(&key, name);
  ordered_code::WriteNumIncreasing(&key, slice.extents.size());
  for (const auto& x : slice.extents) {
    ordered_code::WriteSignedNumIncreasing(&key, x.start);
    ordered_code::WriteSignedNumIncreasing(&key, x.length);
  }
  return key;
}

bool DecodeTensorNameSlice(std::string_view key, std::string* name, TensorSlice* slice) {
  uint64_t zero, rank;
  if (!ordered_code::ReadNumIncreasing(&key, &zero) || zero != 0) return false;
  if (!ordered_code::ReadString(&key, name)) return false;
  if (!ordered_code::ReadNumIncreasing(&key, &rank) || rank > 64) return false;
  slice->extents.clear();
  for (uint64_t d = 0; d < rank; ++d) {
    TensorSlice::Extent x;
    if (!ordered_code::ReadSignedNumIncreasing(&key, &x.start) ||
        !ordered_code::ReadSignedNumIncreasing(&key, &x.length))
      return false;
    slice->extents.push_back(x);
  }
  return key.empty();
}

namespace {

// Concrete [start, start+len) of dimension d.
void Bounds(const TensorSlice& s, const Dims& full, size_t d, int64_t* start, int64_t* len) {
  const auto& x = s.extents[d];
  if (x.length == -1 && x.start == 0) {
    *start = 0;
    *len = full[d];
  } else {
    *start = x.start;
    *len = x.length;
  }
}

}  // namespace

bool SlicesOverlap(const TensorSlice& a, const TensorSlice& b, const Dims& full) {
  for (size_t d = 0; d < full.size(); ++d) {
    int64_t as, al, bs, bl;
    Bounds(a, full, d, &as, &al);
    Bounds(b, full, d, &bs, &bl);
    if (al == 0 || bl == 0 || as + al <= bs || bs + bl <= as) return false;
  }
  return true;
}

// Walks every row (innermost-dimension run) of the slice, calling
// fn(full_offset, slice_offset, run_length) in elements.
template <typename Fn>
static void ForEachRun(const Dims& full, const TensorSlice& slice, Fn fn) {
  const size_t rank = full.size();
  if (rank == 0) {
    fn(0, 0, 1);
    return;
  }
  std::vector<int64_t> start(rank), len(rank), stride(rank);
  for (size_t d = 0; d < rank; ++d) Bounds(slice, full, d, &start[d], &len[d]);
  for (size_t d = 0; d < rank; ++d)
    if (len[d] == 0) return;
  stride[rank - 1] = 1;
  for (size_t d = rank - 1; d > 0; --d) stride[d - 1] = stride[d] * full[d];
  std::vector<int64_t> idx(rank - 1, 0);  // index within the slice, outer dims
  int64_t slice_off = 0;
  while (true) {
    int64_t full_off = start[rank - 1];
    for (size_t d = 0; d + 1 < rank; ++d) full_off += (start[d] + idx[d]) * stride[d];
    fn(full_off, slice_off, len[rank - 1]);
    slice_off += len[rank - 1];
    size_t d = rank - 1;
    while (d > 0) {
      --d;
      if (++idx[d] < len[d]) break;
      idx[d] = 0;
      if (d == 0) return;
    }
    if (rank == 1) return;
  }
}

void CopySlice(const Dims& full, const TensorSlice& slice, std::string_view part, size_t elem_size,
               char* full_buf) {
  ForEachRun(full, slice, [&](int64_t full_off, int64_t slice_off, int64_t n) {
    std::memcpy(full_buf + full_off * elem_size, part.data() + slice_off * elem_size,
                static_cast<size_t>(n) * elem_size);
  });
}

void CopySliceStrings(const Dims& full, const TensorSlice& slice,
                      const std::vector<std::string>& part, std::vector<std::string>* out) {
  ForEachRun(full, slice, [&](int64_t full_off, int64_t slice_off, int64_t n) {
    for (int64_t i = 0; i < n; ++i) (*out)[full_off + i] = part[slice_off + i];
  });
}

StatusOr<Tensor> ExtractSlice(const Tensor& full, const TensorSlice& slice) {
  TFG_ASSIGN_OR_RETURN(Dims shape, slice.Resolve(full.dims()));
  TFG_ASSIGN_OR_RETURN(int64_t n, NumElements(shape));
  if (full.is_string_like()) {
    std::vector<std::string> out(static_cast<size_t>(n));
    ForEachRun(full.dims(), slice, [&](int64_t full_off, int64_t slice_off, int64_t len) {
      for (int64_t i = 0; i < len; ++i) out[slice_off + i] = full.strings()[full_off + i];
    });
    return Tensor::FromStrings(full.dtype(), shape, std::move(out));
  }
  const size_t elem = static_cast<size_t>(DTypeSize(full.dtype()));
  std::string out(static_cast<size_t>(n) * elem, '\0');
  ForEachRun(full.dims(), slice, [&](int64_t full_off, int64_t slice_off, int64_t len) {
    std::memcpy(out.data() + slice_off * elem, full.bytes().data() + full_off * elem,
                static_cast<size_t>(len) * elem);
  });
  return Tensor::FromBytes(full.dtype(), shape, std::move(out));
}

}  // namespace tfgraph
