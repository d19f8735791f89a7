#include "core/checkpoint_v1.h"

#include <set>

#include "core/mapped_file.h"
#include "tensorflow/saved_tensor_slice.pb.h"

namespace tfgraph {
namespace {

// How many values the typed field for `dtype` holds (-1: no typed field).
int64_t TypedValueCount(const tensorflow::TensorProto& p, DataType dtype) {
  switch (dtype) {
    case tensorflow::DT_FLOAT: return p.float_val_size();
    case tensorflow::DT_DOUBLE: return p.double_val_size();
    case tensorflow::DT_INT32: case tensorflow::DT_INT16: case tensorflow::DT_INT8:
    case tensorflow::DT_UINT8: case tensorflow::DT_UINT16: case tensorflow::DT_QINT8:
    case tensorflow::DT_QUINT8: case tensorflow::DT_QINT16: case tensorflow::DT_QUINT16:
    case tensorflow::DT_QINT32: case tensorflow::DT_INT4: case tensorflow::DT_UINT4:
      return p.int_val_size();
    case tensorflow::DT_INT64: return p.int64_val_size();
    case tensorflow::DT_UINT32: return p.uint32_val_size();
    case tensorflow::DT_UINT64: return p.uint64_val_size();
    case tensorflow::DT_BOOL: return p.bool_val_size();
    case tensorflow::DT_HALF: case tensorflow::DT_BFLOAT16: return p.half_val_size();
    case tensorflow::DT_COMPLEX64:
      return p.scomplex_val_size() % 2 ? -1 : p.scomplex_val_size() / 2;
    case tensorflow::DT_COMPLEX128:
      return p.dcomplex_val_size() % 2 ? -1 : p.dcomplex_val_size() / 2;
    case tensorflow::DT_STRING: return p.string_val_size();
    default: return static_cast<int64_t>(p.float8_val().size());
  }
}

}  // namespace

StatusOr<std::unique_ptr<V1Checkpoint>> V1Checkpoint::Open(const std::vector<std::string>& files) {
  auto ck = std::make_unique<V1Checkpoint>();
  ck->files_ = files;
  // Slice keys present in each file.
  std::vector<std::set<std::string>> keys(files.size());
  for (size_t f = 0; f < files.size(); ++f) {
    const std::string& path = files[f];
    TFG_ASSIGN_OR_RETURN(auto mapped, MappedFile::Open(path));
    TFG_ASSIGN_OR_RETURN(auto table, SstableReader::Open(mapped));
    bool have_meta = false;
    Status st = table->ForEach([&](std::string_view key, std::string_view value) -> Status {
      if (!key.empty()) {
        keys[f].emplace(key);
        return Status::OK();
      }
      tensorflow::SavedTensorSlices sts;
      if (!sts.ParseFromArray(value.data(), static_cast<int>(value.size())) || !sts.has_meta())
        return Status::Corruption(path + ": first entry is not a V1 SavedTensorSlices meta " +
                                  "(not a V1 checkpoint?)");
      have_meta = true;
      for (const auto& m : sts.meta().tensor()) {
        Variable& v = ck->variables_[m.name()];
        const bool seen = !v.name.empty();
        v.name = m.name();
        Dims shape;
        std::string problem;
        if (m.shape().unknown_rank()) problem = "shape has unknown rank";
        for (const auto& d : m.shape().dim()) shape.push_back(d.size());
        if (seen && (v.dtype != m.type() || v.shape != shape)) {
          v.problem = "shards disagree on its dtype or shape";
        }
        v.dtype = m.type();
        v.shape = shape;
        if (v.problem.empty()) v.problem = problem;
        for (const auto& s : m.slice()) v.parts.push_back({TensorSlice::FromProto(s), -1});
      }
      return Status::OK();
    });
    TFG_RETURN_IF_ERROR(st);
    if (!have_meta) return Status::Corruption(path + ": V1 checkpoint has no meta entry");
    ck->tables_.push_back(std::move(table));
  }
  for (auto& [name, v] : ck->variables_) {
    if (!v.problem.empty()) continue;
    if (!IsKnownDType(v.dtype) || IsRefType(v.dtype) || DTypeSize(v.dtype) == 0) {
      if (v.dtype != tensorflow::DT_STRING) {
        v.problem = "unsupported dtype " + DTypeName(v.dtype);
        continue;
      }
    }
    auto total = NumElements(v.shape);
    if (!total.ok()) {
      v.problem = total.status().message();
      continue;
    }
    int64_t covered = 0;
    for (auto& part : v.parts) {
      auto shape = part.slice.Resolve(v.shape);
      if (!shape.ok()) {
        v.problem = shape.status().message();
        break;
      }
      covered += *NumElements(*shape);
      std::string key = EncodeTensorNameSlice(name, part.slice);
      for (size_t f = 0; f < keys.size(); ++f)
        if (keys[f].count(key)) part.file = static_cast<int>(f);
      if (part.file < 0) {
        v.problem = "slice " + part.slice.ToString() + " has no data entry";
        break;
      }
    }
    for (size_t i = 0; i < v.parts.size() && v.problem.empty(); ++i)
      for (size_t j = i + 1; j < v.parts.size() && v.problem.empty(); ++j)
        if (SlicesOverlap(v.parts[i].slice, v.parts[j].slice, v.shape))
          v.problem = "slices " + v.parts[i].slice.ToString() + " and " +
                      v.parts[j].slice.ToString() + " overlap";
    if (v.problem.empty() && covered != *total)
      v.problem = "slices cover " + std::to_string(covered) + " of " + std::to_string(*total) +
                  " elements";
  }
  return ck;
}

StatusOr<Tensor> V1Checkpoint::Read(const std::string& name) const {
  auto it = variables_.find(name);
  if (it == variables_.end())
    return Status::NotFound(files_[0] + ": no tensor '" + name + "' in checkpoint");
  const Variable& v = it->second;
  auto err = [&](const std::string& file, const std::string& what) {
    return Status::Corruption(file + ": tensor '" + name + "': " + what);
  };
  if (!v.problem.empty()) return err(files_[0], v.problem);
  const int64_t total = *NumElements(v.shape);
  const bool strings = v.dtype == tensorflow::DT_STRING;
  const size_t elem = strings ? 0 : static_cast<size_t>(DTypeSize(v.dtype));
  // Decode every part first: each holds exactly its element count, so the
  // parts are bounded by the file's real content, and together (coverage was
  // checked at Open) they bound the full tensor allocated below.
  std::vector<Tensor> parts;
  for (const auto& part : v.parts) {
    const std::string& file = files_[static_cast<size_t>(part.file)];
    TFG_ASSIGN_OR_RETURN(std::string value,
                         tables_[static_cast<size_t>(part.file)]->Get(
                             EncodeTensorNameSlice(name, part.slice)));
    tensorflow::SavedTensorSlices sts;
    if (!sts.ParseFromString(value) || !sts.has_data())
      return err(file, "slice " + part.slice.ToString() + " does not parse");
    tensorflow::TensorProto proto = sts.data().data();
    const Dims shape = *part.slice.Resolve(v.shape);
    const int64_t n = *NumElements(shape);
    proto.set_dtype(v.dtype);
    DimsToProto(shape, proto.mutable_tensor_shape());
    if (proto.tensor_content().empty() && TypedValueCount(proto, v.dtype) != n)
      return err(file, "slice " + part.slice.ToString() + " holds " +
                           std::to_string(TypedValueCount(proto, v.dtype)) + " values, shape " +
                           DimsToString(shape) + " needs " + std::to_string(n));
    auto t = Tensor::FromProto(proto);
    if (!t.ok()) return err(file, t.status().message());
    parts.push_back(std::move(t).value());
  }
  if (v.parts.size() == 1 && v.parts[0].slice.IsFull()) {
    // The common case: one full slice is the tensor itself.
    if (strings) return Tensor::FromStrings(v.dtype, v.shape, parts[0].strings());
    return Tensor::FromBytes(v.dtype, v.shape, std::string(parts[0].bytes()));
  }
  std::string full_bytes;
  std::vector<std::string> full_strings;
  if (strings) {
    full_strings.resize(static_cast<size_t>(total));
  } else {
    full_bytes.assign(static_cast<size_t>(total) * elem, '\0');
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    if (strings) {
      CopySliceStrings(v.shape, v.parts[i].slice, parts[i].strings(), &full_strings);
    } else {
      CopySlice(v.shape, v.parts[i].slice, parts[i].bytes(), elem, full_bytes.data());
    }
  }
  if (strings) return Tensor::FromStrings(v.dtype, v.shape, std::move(full_strings));
  return Tensor::FromBytes(v.dtype, v.shape, std::move(full_bytes));
}

}  // namespace tfgraph
