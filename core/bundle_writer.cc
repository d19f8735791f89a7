#include "core/bundle_writer.h"

#include <leveldb/env.h>
#include <leveldb/options.h>
#include <leveldb/table_builder.h>

#include "core/bundle_data.h"
#include "core/checkpoint_path.h"
#include "core/crc32c.h"
#include "core/mapped_file.h"

namespace tfgraph {
namespace {

// leveldb::TableBuilder output collected in memory (an index is small).
class StringSink : public leveldb::WritableFile {
 public:
  explicit StringSink(std::string* out) : out_(out) {}
  leveldb::Status Append(const leveldb::Slice& data) override {
    out_->append(data.data(), data.size());
    return leveldb::Status::OK();
  }
  leveldb::Status Close() override { return leveldb::Status::OK(); }
  leveldb::Status Flush() override { return leveldb::Status::OK(); }
  leveldb::Status Sync() override { return leveldb::Status::OK(); }

 private:
  std::string* out_;
};

}  // namespace

std::string BundleHeaderBytes(int num_shards) {
  tensorflow::BundleHeaderProto h;
  h.set_num_shards(num_shards);
  h.set_endianness(tensorflow::BundleHeaderProto::LITTLE);
  h.mutable_version()->set_producer(1);
  return h.SerializeAsString();
}

BundleWriter::~BundleWriter() = default;

StatusOr<std::unique_ptr<BundleWriter>> BundleWriter::Create(const std::string& prefix,
                                                             const BundleWriterOptions& options) {
  if (options.num_shards < 1 || options.num_shards > 99999)
    return Status::InvalidArgument("bundle shard count must be 1..99999");
  std::unique_ptr<BundleWriter> w(new BundleWriter());
  w->prefix_ = prefix;
  w->options_ = options;
  if (!options.overwrite && PathExists(prefix + ".index"))
    return Status::AlreadyExists(prefix + ".index: exists (use --force to overwrite)");
  for (int i = 0; i < options.num_shards; ++i) {
    TFG_ASSIGN_OR_RETURN(auto f, AtomicFile::Open(DataFileName(prefix, i, options.num_shards),
                                                  options.overwrite));
    w->data_.push_back(std::move(f));
    w->data_size_.push_back(0);
  }
  return w;
}

Status BundleWriter::AddEntry(const std::string& key, const Tensor& t, int shard) {
  if (finished_) return Status::Internal(prefix_ + ": Add after Finish");
  if (shard < 0 || shard >= options_.num_shards)
    return Status::InvalidArgument(prefix_ + ": shard " + std::to_string(shard) + " out of range");
  if (entries_.count(key))
    return Status::InvalidArgument(prefix_ + ": tensor '" + key + "' added twice");
  std::string bytes;
  TFG_ASSIGN_OR_RETURN(uint32_t crc, EncodeBundleTensor(t, &bytes));
  tensorflow::BundleEntryProto& e = entries_[key];
  e.set_dtype(t.dtype());
  DimsToProto(t.dims(), e.mutable_shape());  // always present: "12 00" for scalars
  e.set_shard_id(shard);
  e.set_offset(static_cast<int64_t>(data_size_[static_cast<size_t>(shard)]));
  e.set_size(static_cast<int64_t>(bytes.size()));
  e.set_crc32c(crc32c::Mask(crc));
  data_size_[static_cast<size_t>(shard)] += bytes.size();
  return data_[static_cast<size_t>(shard)]->Append(bytes);
}

Status BundleWriter::Add(const std::string& name, const Tensor& t, int shard) {
  if (name.empty() || name[0] == '\0')
    return Status::InvalidArgument("tensor names must be non-empty and not start with a NUL byte");
  return AddEntry(name, t, shard);
}

Status BundleWriter::AddSlice(const std::string& name, const Dims& full_shape,
                              const TensorSlice& slice, const Tensor& part, int shard) {
  TFG_ASSIGN_OR_RETURN(Dims shape, slice.Resolve(full_shape));
  if (shape != part.dims())
    return Status::InvalidArgument(prefix_ + ": slice " + slice.ToString() + " of '" + name +
                                   "' has shape " + DimsToString(shape) + ", tensor has " +
                                   DimsToString(part.dims()));
  auto existing = entries_.find(name);
  if (existing != entries_.end() && existing->second.slices_size() == 0)
    return Status::InvalidArgument(prefix_ + ": '" + name + "' was added whole, not as slices");
  tensorflow::BundleEntryProto& full = entries_[name];
  if (full.dtype() != tensorflow::DT_INVALID && full.dtype() != part.dtype())
    return Status::InvalidArgument(prefix_ + ": slices of '" + name + "' differ in dtype");
  full.set_dtype(part.dtype());
  DimsToProto(full_shape, full.mutable_shape());
  slice.ToProto(full.add_slices());
  return AddEntry(EncodeTensorNameSlice(name, slice), part, shard);
}

StatusOr<std::string> BundleWriter::BuildIndex() const {
  std::string out;
  StringSink sink(&out);
  leveldb::Options opts;
  opts.compression = options_.snappy ? leveldb::kSnappyCompression : leveldb::kNoCompression;
  opts.block_size = 262144;
  opts.block_restart_interval = 16;
  leveldb::TableBuilder builder(opts, &sink);
  builder.Add("", BundleHeaderBytes(options_.num_shards));
  for (const auto& [key, entry] : entries_) builder.Add(key, entry.SerializeAsString());
  leveldb::Status s = builder.Finish();
  if (!s.ok()) return Status::Internal(prefix_ + ".index: " + s.ToString());
  return out;
}

Status BundleWriter::Finish() {
  if (finished_) return Status::Internal(prefix_ + ": Finish called twice");
  finished_ = true;
  TFG_ASSIGN_OR_RETURN(std::string index, BuildIndex());
  TFG_ASSIGN_OR_RETURN(auto index_file, AtomicFile::Open(prefix_ + ".index", options_.overwrite));
  TFG_RETURN_IF_ERROR(index_file->Append(index));
  for (auto& f : data_) TFG_RETURN_IF_ERROR(f->Commit());
  return index_file->Commit();
}

}  // namespace tfgraph
