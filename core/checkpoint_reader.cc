#include "core/checkpoint_reader.h"

#include <dirent.h>

#include <algorithm>
#include <cstdint>

#include "core/bundle_data.h"
#include "core/bundle_index.h"
#include "core/checkpoint_v1.h"
#include "core/tensor_slice.h"

namespace tfgraph {
namespace {

// On a missing shard, says which other data files exist for this prefix:
// the usual cause is an index and data files from different saves.
std::string OtherDataFiles(const std::string& prefix) {
  std::string dir = Dirname(prefix), base = Basename(prefix) + ".data-";
  std::vector<std::string> found;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name.compare(0, base.size(), base) == 0) found.push_back(name);
    }
    ::closedir(d);
  }
  if (found.empty()) return "";
  std::sort(found.begin(), found.end());
  std::string s = "; present instead: ";
  for (size_t i = 0; i < found.size() && i < 4; ++i) s += (i ? ", " : "") + found[i];
  return s + " (index and data files from different saves?)";
}

}  // namespace

CheckpointReader::~CheckpointReader() = default;

StatusOr<std::shared_ptr<CheckpointReader>> CheckpointReader::Open(const std::string& path) {
  TFG_ASSIGN_OR_RETURN(CheckpointLocation loc, ResolveCheckpoint(path));
  std::shared_ptr<CheckpointReader> r(new CheckpointReader());
  r->location_ = loc;
  if (loc.format == CheckpointFormat::kV2) {
    TFG_ASSIGN_OR_RETURN(r->index_, BundleIndex::Open(loc.prefix));
    r->shards_.resize(static_cast<size_t>(r->index_->num_shards()));
    for (const auto& [name, v] : r->index_->variables()) {
      CheckpointVariable cv;
      cv.name = name;
      cv.dtype = v.entry.dtype;
      cv.shape = v.entry.shape;
      cv.bytes = static_cast<uint64_t>(std::max<int64_t>(0, v.entry.size));
      cv.shard = v.entry.shard;
      cv.offset = v.partitioned ? 0 : static_cast<uint64_t>(std::max<int64_t>(0, v.entry.offset));
      cv.problem = v.entry.problem;
      for (const auto& p : v.parts)
        cv.parts.push_back({p.slice.ToString(), p.shape, p.entry.shard,
                            static_cast<uint64_t>(std::max<int64_t>(0, p.entry.offset)),
                            static_cast<uint64_t>(std::max<int64_t>(0, p.entry.size))});
      r->variables_.push_back(std::move(cv));
    }
  } else {
    TFG_ASSIGN_OR_RETURN(r->v1_, V1Checkpoint::Open(loc.v1_files));
    for (const auto& [name, v] : r->v1_->variables()) {
      CheckpointVariable cv;
      cv.name = name;
      cv.dtype = v.dtype;
      cv.shape = v.shape;
      auto n = NumElements(v.shape);
      cv.bytes = n.ok() ? static_cast<uint64_t>(*n) * DTypeSize(v.dtype) : 0;
      cv.shard = v.parts.empty() ? -1 : v.parts[0].file;
      cv.problem = v.problem;
      if (v.parts.size() > 1 || (v.parts.size() == 1 && !v.parts[0].slice.IsFull())) {
        for (const auto& p : v.parts) {
          auto shape = p.slice.Resolve(v.shape);
          CheckpointVariable::Part part{p.slice.ToString(), shape.ok() ? *shape : Dims{}, p.file,
                                        0, 0};
          auto pn = NumElements(part.shape);
          part.bytes = pn.ok() ? static_cast<uint64_t>(*pn) * DTypeSize(v.dtype) : 0;
          cv.parts.push_back(std::move(part));
        }
      }
      r->variables_.push_back(std::move(cv));
    }
  }
  return r;
}

int CheckpointReader::num_shards() const {
  return index_ ? index_->num_shards() : static_cast<int>(location_.v1_files.size());
}

bool CheckpointReader::index_is_snappy() const {
  return index_ && index_->num_snappy_blocks() > 0;
}

std::vector<std::string> CheckpointReader::DataFiles() const {
  if (!index_) return location_.v1_files;
  std::vector<std::string> files;
  for (int i = 0; i < index_->num_shards(); ++i)
    files.push_back(DataFileName(location_.prefix, i, index_->num_shards()));
  return files;
}

const CheckpointVariable* CheckpointReader::Find(std::string_view name) const {
  auto it = std::lower_bound(
      variables_.begin(), variables_.end(), name,
      [](const CheckpointVariable& v, std::string_view n) { return v.name < n; });
  return it != variables_.end() && it->name == name ? &*it : nullptr;
}

std::vector<uint64_t> CheckpointReader::ShardExtents() const {
  std::vector<uint64_t> ends;
  if (!index_) return ends;
  ends.assign(static_cast<size_t>(std::max(index_->num_shards(), 0)), 0);
  auto note = [&ends](const BundleEntry& e) {
    if (!e.problem.empty() || e.shard < 0 || static_cast<size_t>(e.shard) >= ends.size() ||
        e.offset < 0 || e.size < 0 || e.offset > INT64_MAX - e.size)
      return;  // a damaged entry reports itself when read
    uint64_t end = static_cast<uint64_t>(e.offset + e.size);
    ends[static_cast<size_t>(e.shard)] = std::max(ends[static_cast<size_t>(e.shard)], end);
  };
  for (const auto& [name, v] : index_->variables()) {
    if (!v.partitioned) note(v.entry);
    for (const auto& p : v.parts) note(p.entry);
  }
  return ends;
}

StatusOr<std::shared_ptr<const MappedFile>> CheckpointReader::Shard(
    int shard, const std::string& tensor) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = shards_[static_cast<size_t>(shard)];
  if (slot) return slot;
  const std::string file = DataFileName(location_.prefix, shard, index_->num_shards());
  auto f = MappedFile::Open(file);
  if (!f.ok()) {
    if (f.status().code() == Status::Code::kNotFound)
      return Status::Corruption(file + ": missing data shard " + std::to_string(shard) + " of " +
                              std::to_string(index_->num_shards()) + " (needed by tensor '" +
                              tensor + "')" + OtherDataFiles(location_.prefix));
    return f.status().WithPrefix("tensor '" + tensor + "'");
  }
  slot = *f;
  return slot;
}

StatusOr<Tensor> CheckpointReader::Read(std::string_view name_view) const {
  const std::string name(name_view);
  if (!Find(name))
    return Status::NotFound((index_ ? index_->index_path() : location_.v1_files[0]) +
                            ": no tensor '" + name + "' in the checkpoint");
  if (v1_) return v1_->Read(name);
  return ReadV2(name);
}

void CheckpointReader::DropPages(std::string_view name) const {
  if (!index_) return;
  const BundleVariable* v = index_->Find(std::string(name));
  if (!v) return;
  auto drop = [this](const BundleEntry& e) {
    std::shared_ptr<const MappedFile> f;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (e.shard >= 0 && static_cast<size_t>(e.shard) < shards_.size())
        f = shards_[static_cast<size_t>(e.shard)];
    }
    if (f && e.offset >= 0 && e.size >= 0)
      f->DropPages(static_cast<uint64_t>(e.offset), static_cast<uint64_t>(e.size));
  };
  if (!v->partitioned) drop(v->entry);
  for (const auto& p : v->parts) drop(p.entry);
}

StatusOr<Tensor> CheckpointReader::ReadV2(const std::string& name) const {
  const BundleVariable& v = *index_->Find(name);
  if (!v.entry.problem.empty())
    return Status::Corruption(index_->index_path() + ": tensor '" + name + "': " + v.entry.problem);

  auto read_entry = [&](const BundleEntry& e) -> StatusOr<Tensor> {
    TFG_ASSIGN_OR_RETURN(auto file, Shard(e.shard, name));
    const uint64_t off = static_cast<uint64_t>(e.offset), size = static_cast<uint64_t>(e.size);
    if (off > file->size() || size > file->size() - off)
      return Status::Corruption(file->path() + ": tensor '" + name + "' at [" +
                                std::to_string(off) + ", +" + std::to_string(size) +
                                ") runs past the end of the shard (" +
                                std::to_string(file->size()) + " bytes; truncated?)");
    std::string_view bytes = file->data().substr(off, size);
    auto t = DecodeBundleTensor(e.dtype, e.shape, bytes, e.crc32c, file);
    if (!t.ok()) return t.status().WithPrefix(file->path() + ": tensor '" + name + "'");
    return t;
  };

  if (!v.partitioned) return read_entry(v.entry);

  // Read (and verify) every part first: their sizes are backed by the shards
  // and, covering the full shape exactly (checked by BundleIndex), bound the
  // full tensor allocated below.
  std::vector<Tensor> parts;
  for (const auto& p : v.parts) {
    TFG_ASSIGN_OR_RETURN(Tensor t, read_entry(p.entry));
    parts.push_back(std::move(t));
  }
  const Dims& full = v.entry.shape;
  const int64_t n = *NumElements(full);
  if (v.entry.dtype == tensorflow::DT_STRING || v.entry.dtype == tensorflow::DT_VARIANT) {
    std::vector<std::string> elems(static_cast<size_t>(n));
    for (size_t i = 0; i < parts.size(); ++i)
      CopySliceStrings(full, v.parts[i].slice, parts[i].strings(), &elems);
    return Tensor::FromStrings(v.entry.dtype, full, std::move(elems));
  }
  const size_t elem = static_cast<size_t>(DTypeSize(v.entry.dtype));
  std::string bytes(static_cast<size_t>(n) * elem, '\0');
  for (size_t i = 0; i < parts.size(); ++i)
    CopySlice(full, v.parts[i].slice, parts[i].bytes(), elem, bytes.data());
  return Tensor::FromBytes(v.entry.dtype, full, std::move(bytes));
}

StatusOr<std::shared_ptr<const ObjectGraphInfo>> CheckpointReader::ObjectGraph() const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (object_graph_) return object_graph_;
  }
  if (!has_object_graph()) return std::shared_ptr<const ObjectGraphInfo>();
  TFG_ASSIGN_OR_RETURN(Tensor t, Read(kObjectGraphKey));
  if (t.dtype() != tensorflow::DT_STRING || t.num_elements() != 1)
    return Status::Corruption(prefix() + ": " + kObjectGraphKey + " is not a scalar string");
  auto info = DecodeObjectGraph(t.strings()[0]);
  if (!info.ok()) return info.status().WithPrefix(prefix() + ": " + kObjectGraphKey);
  auto shared = std::make_shared<const ObjectGraphInfo>(std::move(info).value());
  std::lock_guard<std::mutex> lock(mu_);
  object_graph_ = shared;
  return object_graph_;
}

}  // namespace tfgraph
