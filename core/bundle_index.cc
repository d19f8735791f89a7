#include "core/bundle_index.h"

#include "core/crc32c.h"
#include "core/mapped_file.h"
#include "core/sstable.h"

namespace tfgraph {
namespace {

// Upper bound for num_shards: far above any real save, low enough that a
// corrupt header cannot make us create millions of file names.
constexpr int kMaxShards = 1 << 20;

// Checks what can be checked from the entry alone; returns the problem text.
std::string EntryProblem(const BundleEntry& e, int num_shards) {
  if (!IsKnownDType(e.dtype) || IsRefType(e.dtype) || e.dtype == tensorflow::DT_INVALID)
    return "unknown dtype " + std::to_string(static_cast<int>(e.dtype));
  if (e.dtype == tensorflow::DT_RESOURCE) return "a resource handle entry cannot hold a value";
  for (int64_t d : e.shape)
    if (d < 0) return "shape " + DimsToString(e.shape) + " is not fully defined";
  auto n = NumElements(e.shape);
  if (!n.ok()) return n.status().message();
  if (e.shard < 0 || e.shard >= num_shards)
    return "shard id " + std::to_string(e.shard) + " is outside the header's " +
           std::to_string(num_shards) + " shard(s)";
  if (e.offset < 0 || e.size < 0)
    return "negative offset or size (" + std::to_string(e.offset) + ", " +
           std::to_string(e.size) + ")";
  const uint64_t un = static_cast<uint64_t>(*n);
  const uint64_t size = static_cast<uint64_t>(e.size);
  if (int elem = DTypeSize(e.dtype); elem > 0) {
    if (un > size / static_cast<uint64_t>(elem) || un * elem != size)
      return "shape " + DimsToString(e.shape) + " of " + DTypeName(e.dtype) + " needs " +
             (un > (uint64_t{1} << 62) / elem ? std::string("more than 2^62")
                                               : std::to_string(un * elem)) +
             " bytes but the entry holds " + std::to_string(size);
  } else if (e.dtype == tensorflow::DT_STRING) {
    // At least one varint byte per element plus the 4-byte length checksum.
    if (size < 4 || un > size - 4)
      return "shape " + DimsToString(e.shape) + " claims " + std::to_string(un) +
             " strings but the entry holds only " + std::to_string(size) + " bytes";
  } else if (e.dtype == tensorflow::DT_VARIANT) {
    if (un > size / 5)
      return "shape " + DimsToString(e.shape) + " claims " + std::to_string(un) +
             " variants but the entry holds only " + std::to_string(size) + " bytes";
  }
  return "";
}

BundleEntry FromProto(std::string key, const tensorflow::BundleEntryProto& p) {
  BundleEntry e;
  e.key = std::move(key);
  e.dtype = p.dtype();
  if (p.shape().unknown_rank()) {
    e.problem = "shape has unknown rank";
  } else {
    for (const auto& d : p.shape().dim()) e.shape.push_back(d.size());
  }
  e.shard = p.shard_id();
  e.offset = p.offset();
  e.size = p.size();
  e.crc32c = crc32c::Unmask(p.crc32c());
  return e;
}

}  // namespace

const BundleVariable* BundleIndex::Find(const std::string& name) const {
  auto it = variables_.find(name);
  return it == variables_.end() ? nullptr : &it->second;
}

StatusOr<std::unique_ptr<BundleIndex>> BundleIndex::Open(const std::string& prefix) {
  auto index = std::make_unique<BundleIndex>();
  index->prefix_ = prefix;
  index->index_path_ = prefix + ".index";
  const std::string& path = index->index_path_;
  TFG_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  TFG_ASSIGN_OR_RETURN(auto table, SstableReader::Open(file));
  index->snappy_blocks_ = table->num_snappy_blocks();

  bool have_header = false;
  std::map<std::string, BundleEntry> slice_entries;  // by slice key
  std::map<std::string, std::vector<TensorSlice>> declared_slices;
  Status st = table->ForEach([&](std::string_view key, std::string_view value) -> Status {
    if (!have_header) {
      if (!key.empty())
        return Status::Corruption(path + ": no header entry (first key is not \"\")");
      if (!index->header_.ParseFromArray(value.data(), static_cast<int>(value.size())))
        return Status::Corruption(path + ": header entry does not parse as BundleHeaderProto");
      have_header = true;
      return Status::OK();
    }
    tensorflow::BundleEntryProto proto;
    std::string name;
    TensorSlice slice;
    const bool is_slice = !key.empty() && key[0] == '\0';
    if (is_slice && !DecodeTensorNameSlice(key, &name, &slice))
      return Status::Corruption(path + ": malformed slice key in the index");
    if (!is_slice) name.assign(key);
    if (!proto.ParseFromArray(value.data(), static_cast<int>(value.size())))
      return Status::Corruption(path + ": entry for tensor '" + name +
                                "' does not parse as BundleEntryProto");
    BundleEntry e = FromProto(std::string(key), proto);
    if (is_slice) {
      slice_entries.emplace(std::string(key), std::move(e));
      return Status::OK();
    }
    BundleVariable& v = index->variables_[name];
    v.name = name;
    v.entry = std::move(e);
    for (const auto& s : proto.slices()) declared_slices[name].push_back(TensorSlice::FromProto(s));
    return Status::OK();
  });
  TFG_RETURN_IF_ERROR(st);
  if (!have_header) return Status::Corruption(path + ": table is empty (no header entry)");

  const auto& h = index->header_;
  if (h.version().producer() < 0 || h.version().min_consumer() > 1)
    return Status::Unsupported(path + ": bundle version (producer " +
                               std::to_string(h.version().producer()) + ", min consumer " +
                               std::to_string(h.version().min_consumer()) +
                               ") is newer than this reader (1)");
  for (int bad : h.version().bad_consumers())
    if (bad == 1) return Status::Unsupported(path + ": bundle marks reader version 1 as bad");
  if (h.endianness() != tensorflow::BundleHeaderProto::LITTLE)
    return Status::Unsupported(path + ": big-endian tensor data is not supported");
  if (h.num_shards() < 1 || h.num_shards() > kMaxShards)
    return Status::Corruption(path + ": header claims " + std::to_string(h.num_shards()) +
                              " data shards");

  for (auto& [name, v] : index->variables_) {
    auto declared = declared_slices.find(name);
    if (declared == declared_slices.end()) {
      if (v.entry.problem.empty()) v.entry.problem = EntryProblem(v.entry, h.num_shards());
      continue;
    }
    // Partitioned: the full entry carries dtype and full shape only.
    v.partitioned = true;
    BundleEntry& full = v.entry;
    if (!IsKnownDType(full.dtype) || full.dtype == tensorflow::DT_INVALID) {
      full.problem = "unknown dtype " + std::to_string(static_cast<int>(full.dtype));
    }
    auto total = NumElements(full.shape);
    if (full.problem.empty() && !total.ok()) full.problem = total.status().message();
    int64_t covered = 0;
    for (const TensorSlice& s : declared->second) {
      BundleVariable::Part part;
      part.slice = s;
      auto shape = s.Resolve(full.shape);
      if (!shape.ok()) {
        if (full.problem.empty()) full.problem = shape.status().message();
        continue;
      }
      part.shape = *shape;
      auto it = slice_entries.find(EncodeTensorNameSlice(name, s));
      if (it == slice_entries.end()) {
        if (full.problem.empty()) full.problem = "slice " + s.ToString() + " has no data entry";
        continue;
      }
      part.entry = it->second;
      if (part.entry.problem.empty()) part.entry.problem = EntryProblem(part.entry, h.num_shards());
      if (part.entry.shape != part.shape && part.entry.problem.empty())
        part.entry.problem = "slice " + s.ToString() + " entry has shape " +
                             DimsToString(part.entry.shape) + ", expected " +
                             DimsToString(part.shape);
      if (part.entry.dtype != full.dtype && part.entry.problem.empty())
        part.entry.problem = "slice " + s.ToString() + " has dtype " +
                             DTypeName(part.entry.dtype);
      if (!part.entry.problem.empty() && full.problem.empty())
        full.problem = "slice " + s.ToString() + ": " + part.entry.problem;
      covered += *NumElements(part.shape);
      v.parts.push_back(std::move(part));
    }
    for (size_t i = 0; i < v.parts.size() && full.problem.empty(); ++i)
      for (size_t j = i + 1; j < v.parts.size() && full.problem.empty(); ++j)
        if (SlicesOverlap(v.parts[i].slice, v.parts[j].slice, full.shape))
          full.problem = "slices " + v.parts[i].slice.ToString() + " and " +
                         v.parts[j].slice.ToString() + " overlap";
    if (full.problem.empty() && total.ok() && covered != *total)
      full.problem = "slices cover " + std::to_string(covered) + " of " +
                     std::to_string(*total) + " elements";
    // Listing shows the stored bytes of all parts.
    full.size = 0;
    for (const auto& p : v.parts) full.size += p.entry.size;
    full.shard = v.parts.empty() ? 0 : v.parts[0].entry.shard;
  }
  return index;
}

}  // namespace tfgraph
