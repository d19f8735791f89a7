// Damaged checkpoints, built at test time by corrupting copies of real
// TensorFlow files: each case must fail with one line that names the file
// (and the tensor, when one is involved), and must never allocate more than
// the files really hold.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <leveldb/env.h>
#include <leveldb/options.h>
#include <leveldb/table_builder.h>

#include <filesystem>
#include <functional>

#include "ckpt_test_util.h"
#include "core/checkpoint_reader.h"
#include "core/crc32c.h"
#include "core/mapped_file.h"
#include "core/sstable.h"
#include "core/varint.h"
#include "tensorflow/tensor_bundle.pb.h"

namespace tfgraph {
namespace {

using testing_util::CopyFiles;
using testing_util::FreshDir;
using testing_util::ReadAll;
using testing_util::WriteAll;

class Sink : public leveldb::WritableFile {
 public:
  explicit Sink(std::string* out) : out_(out) {}
  leveldb::Status Append(const leveldb::Slice& d) override {
    out_->append(d.data(), d.size());
    return leveldb::Status::OK();
  }
  leveldb::Status Close() override { return leveldb::Status::OK(); }
  leveldb::Status Flush() override { return leveldb::Status::OK(); }
  leveldb::Status Sync() override { return leveldb::Status::OK(); }

 private:
  std::string* out_;
};

// Re-emits an .index with TensorFlow's table parameters after `edit` had a
// chance to change each value (keys keep their order).
void RewriteIndex(const std::string& path,
                  const std::function<void(const std::string& key, std::string* value)>& edit) {
  auto file = MappedFile::Open(path);
  ASSERT_TRUE(file.ok());
  auto table = SstableReader::Open(*file);
  ASSERT_TRUE(table.ok());
  std::vector<std::pair<std::string, std::string>> kv;
  ASSERT_TRUE((*table)->ForEach([&](std::string_view k, std::string_view v) {
    kv.emplace_back(k, v);
    edit(kv.back().first, &kv.back().second);
    return Status::OK();
  }).ok());
  std::string out;
  Sink sink(&out);
  leveldb::Options o;
  o.compression = leveldb::kNoCompression;
  o.block_size = 262144;
  leveldb::TableBuilder b(o, &sink);
  for (const auto& [k, v] : kv) b.Add(k, v);
  ASSERT_TRUE(b.Finish().ok());
  table->reset();
  WriteAll(path, out);
}

void EditEntry(const std::string& index, const std::string& name,
               const std::function<void(tensorflow::BundleEntryProto*)>& edit) {
  RewriteIndex(index, [&](const std::string& key, std::string* value) {
    if (key != name) return;
    tensorflow::BundleEntryProto e;
    ASSERT_TRUE(e.ParseFromString(*value));
    edit(&e);
    *value = e.SerializeAsString();
  });
}

// A fresh copy of samples/tf1_checkpoint (37 float/int64 variables).
class CorruptCheckpoint : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string src = testing_util::SamplesPath("tf1_checkpoint");
    if (src.empty() || !std::filesystem::exists(src)) GTEST_SKIP() << "samples/ absent";
    dir_ = FreshDir("ckpt");
    CopyFiles(src, "model.ckpt-6", dir_);
    prefix_ = dir_ + "/model.ckpt-6";
    index_ = prefix_ + ".index";
    data_ = prefix_ + ".data-00000-of-00001";
  }
  std::shared_ptr<CheckpointReader> Open() {
    auto r = CheckpointReader::Open(prefix_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : nullptr;
  }
  // Expects Read(name) to fail with `code` and a one-line message that starts
  // with `file` and names the tensor.
  std::string ExpectReadError(const std::string& name, Status::Code code, const std::string& file) {
    auto r = Open();
    if (!r) return "";
    auto t = r->Read(name);
    EXPECT_FALSE(t.ok());
    if (t.ok()) return "";
    EXPECT_EQ(t.status().code(), code) << t.status().ToString();
    const std::string& m = t.status().message();
    EXPECT_EQ(m.find(file + ": "), 0u) << m;
    EXPECT_NE(m.find("'" + name + "'"), std::string::npos) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos);
    return m;
  }
  std::string dir_, prefix_, index_, data_;
};

const char kWeights[] = "hidden1/dense/weights";  // float32 [8,16]

TEST_F(CorruptCheckpoint, DataChecksumMismatch) {
  // Find the tensor's offset from the index and flip one bit inside it.
  int64_t offset = -1;
  RewriteIndex(index_, [&](const std::string& key, std::string* value) {
    if (key != kWeights) return;
    tensorflow::BundleEntryProto e;
    e.ParseFromString(*value);
    offset = e.offset();
  });
  ASSERT_GE(offset, 0);
  std::string data = ReadAll(data_);
  data[static_cast<size_t>(offset) + 17] ^= 0x01;
  WriteAll(data_, data);
  std::string m = ExpectReadError(kWeights, Status::Code::kCorruption, data_);
  EXPECT_NE(m.find("checksum mismatch"), std::string::npos) << m;
  // Other tensors still read.
  EXPECT_TRUE(Open()->Read("global_step").ok());
}

TEST_F(CorruptCheckpoint, TruncatedDataShard) {
  std::string data = ReadAll(data_);
  WriteAll(data_, data.substr(0, data.size() / 2));
  auto r = Open();
  int past_end = 0;
  for (const auto& v : r->variables()) {
    auto t = r->Read(v.name);
    if (t.ok()) continue;
    ++past_end;
    EXPECT_EQ(t.status().message().find(data_ + ": tensor '" + v.name + "' at ["), 0u)
        << t.status().message();
    EXPECT_NE(t.status().message().find("runs past the end of the shard"), std::string::npos);
  }
  EXPECT_GT(past_end, 0);
}

TEST_F(CorruptCheckpoint, ZeroByteDataShard) {
  WriteAll(data_, "");
  std::string m = ExpectReadError(kWeights, Status::Code::kCorruption, data_);
  EXPECT_NE(m.find("(0 bytes; truncated?)"), std::string::npos) << m;
}

TEST_F(CorruptCheckpoint, ZeroByteIndex) {
  WriteAll(index_, "");
  auto r = CheckpointReader::Open(prefix_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), index_ + ": file is empty (0 bytes)");
}

TEST_F(CorruptCheckpoint, MissingShard) {
  std::filesystem::remove(data_);
  auto r = Open();  // listing still works: it needs only the index
  ASSERT_TRUE(r);
  EXPECT_EQ(r->variables().size(), 37u);
  std::string m = ExpectReadError(kWeights, Status::Code::kCorruption, data_);
  EXPECT_NE(m.find("missing data shard 0 of 1"), std::string::npos) << m;
}

TEST_F(CorruptCheckpoint, HeaderShardCountDisagreesWithFiles) {
  RewriteIndex(index_, [](const std::string& key, std::string* value) {
    if (!key.empty()) return;
    tensorflow::BundleHeaderProto h;
    h.ParseFromString(*value);
    h.set_num_shards(2);
    *value = h.SerializeAsString();
  });
  auto r = Open();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->num_shards(), 2);
  std::string expected_file = prefix_ + ".data-00000-of-00002";
  std::string m = ExpectReadError(kWeights, Status::Code::kCorruption, expected_file);
  EXPECT_NE(m.find("present instead: model.ckpt-6.data-00000-of-00001"), std::string::npos) << m;
}

TEST_F(CorruptCheckpoint, KeysOutOfOrder) {
  // "hidden1/bn/gamma" follows "hidden1/bn/beta/ExponentialMovingAverage" with
  // shared prefix "hidden1/bn/": turn its 'g' into 'a' and fix the block CRC.
  std::string idx = ReadAll(index_);
  size_t pos = idx.find("gamma");
  ASSERT_NE(pos, std::string::npos);
  idx[pos] = 'a';
  std::string_view footer = std::string_view(idx).substr(idx.size() - 48);
  uint64_t meta_offset, ignore;
  ASSERT_TRUE(GetVarint64(&footer, &meta_offset) && GetVarint64(&footer, &ignore));
  const uint64_t block_size = meta_offset - 5;  // one data block at offset 0
  ASSERT_LT(pos, block_size);
  uint32_t crc = crc32c::Extend(crc32c::Value(idx.data(), block_size), idx.data() + block_size, 1);
  std::string masked;
  PutFixed32(&masked, crc32c::Mask(crc));
  idx.replace(block_size + 1, 4, masked);
  WriteAll(index_, idx);
  auto r = CheckpointReader::Open(prefix_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(r.status().message().find(index_ + ": keys out of order: 'hidden1/bn/aamma'"), 0u)
      << r.status().message();
}

TEST_F(CorruptCheckpoint, EntryRunsPastItsShard) {
  const uint64_t shard_size = std::filesystem::file_size(data_);
  EditEntry(index_, kWeights, [&](tensorflow::BundleEntryProto* e) {
    e->set_offset(static_cast<int64_t>(shard_size) - 100);
  });
  std::string m = ExpectReadError(kWeights, Status::Code::kCorruption, data_);
  EXPECT_NE(m.find("runs past the end of the shard"), std::string::npos) << m;
}

TEST_F(CorruptCheckpoint, ShapeClaimsMoreElementsThanBytes) {
  EditEntry(index_, kWeights, [](tensorflow::BundleEntryProto* e) {
    e->mutable_shape()->mutable_dim(1)->set_size(17);
  });
  auto r = Open();
  ASSERT_TRUE(r);
  EXPECT_NE(r->Find(kWeights)->problem, "");  // listing shows the damage
  std::string m = ExpectReadError(kWeights, Status::Code::kCorruption, index_);
  EXPECT_NE(m.find("shape [8,17] of float32 needs 544 bytes but the entry holds 512"),
            std::string::npos)
      << m;
}

TEST_F(CorruptCheckpoint, ShardIdOutsideHeader) {
  EditEntry(index_, kWeights, [](tensorflow::BundleEntryProto* e) { e->set_shard_id(7); });
  std::string m = ExpectReadError(kWeights, Status::Code::kCorruption, index_);
  EXPECT_NE(m.find("shard id 7 is outside the header's 1 shard(s)"), std::string::npos) << m;
}

TEST_F(CorruptCheckpoint, BadHeaderVersion) {
  RewriteIndex(index_, [](const std::string& key, std::string* value) {
    if (!key.empty()) return;
    tensorflow::BundleHeaderProto h;
    h.ParseFromString(*value);
    h.mutable_version()->set_min_consumer(5);
    *value = h.SerializeAsString();
  });
  auto r = CheckpointReader::Open(prefix_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnsupported);
  EXPECT_EQ(r.status().message().find(index_ + ": bundle version"), 0u) << r.status().message();
}

// Runs in a child process whose address space is capped at 1 GiB: exits 0
// only if reading `name` failed cleanly with Corruption. (Unused under ASan.)
[[noreturn, maybe_unused]] void ReadCappedAndExit(const std::string& prefix, const std::string& name) {
  struct rlimit lim;
  lim.rlim_cur = lim.rlim_max = rlim_t{1} << 30;
  setrlimit(RLIMIT_AS, &lim);
  auto r = CheckpointReader::Open(prefix);
  if (!r.ok()) std::_Exit(2);
  auto t = (*r)->Read(name);
  std::fprintf(stderr, "%s\n", t.ok() ? "read ok" : t.status().message().c_str());
  std::_Exit(!t.ok() && t.status().code() == Status::Code::kCorruption ? 0 : 1);
}

// gcc says __SANITIZE_ADDRESS__; clang only answers __has_feature.
#if defined(__SANITIZE_ADDRESS__)
#define TFGRAPH_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TFGRAPH_UNDER_ASAN 1
#endif
#endif

void ReadUnderMemoryCap(const std::string& prefix, const std::string& name) {
#if defined(TFGRAPH_UNDER_ASAN)
  GTEST_SKIP() << "address-space cap is incompatible with ASan's shadow memory";
#else
  EXPECT_EXIT(ReadCappedAndExit(prefix, name), ::testing::ExitedWithCode(0),
              "tensor '" + name + "'");
#endif
}

TEST_F(CorruptCheckpoint, TerabyteNumericTensorAllocatesNothing) {
  // A consistent entry (size == elements x 4) claiming 4 TiB.
  EditEntry(index_, kWeights, [](tensorflow::BundleEntryProto* e) {
    e->mutable_shape()->mutable_dim(0)->set_size(int64_t{1} << 20);
    e->mutable_shape()->mutable_dim(1)->set_size(int64_t{1} << 20);
    e->set_size(int64_t{4} << 40);
  });
  ReadUnderMemoryCap(prefix_, kWeights);
}

TEST_F(CorruptCheckpoint, TerabyteStringCountAllocatesNothing) {
  // Make global_step a string tensor of 2^40 elements over its 8 bytes.
  EditEntry(index_, "global_step", [](tensorflow::BundleEntryProto* e) {
    e->set_dtype(tensorflow::DT_STRING);
    e->mutable_shape()->add_dim()->set_size(int64_t{1} << 40);
  });
  auto r = Open();
  ASSERT_TRUE(r);
  EXPECT_NE(r->Find("global_step")->problem.find("claims 1099511627776 strings"),
            std::string::npos);
  ReadUnderMemoryCap(prefix_, "global_step");
}

TEST_F(CorruptCheckpoint, TerabyteStringLengthsAllocateNothing) {
  // A string entry whose size is huge and consistent with its (huge) shape.
  EditEntry(index_, "global_step", [](tensorflow::BundleEntryProto* e) {
    e->set_dtype(tensorflow::DT_STRING);
    e->mutable_shape()->add_dim()->set_size(int64_t{1} << 38);
    e->set_size(int64_t{1} << 40);
  });
  ReadUnderMemoryCap(prefix_, "global_step");
}

TEST(CorruptV1, BlockChecksumOfV1File) {
  TFG_REQUIRE_CORPUS(src, "pair_fishbonelsy_mnist_v1ckpt_frozen/model.ckpt");
  std::string dir = FreshDir("v1");
  std::string data = ReadAll(src);
  data[1000] ^= 0x10;
  WriteAll(dir + "/model.ckpt", data);
  auto r = CheckpointReader::Open(dir + "/model.ckpt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(r.status().message().find(dir + "/model.ckpt: "), 0u) << r.status().message();
  EXPECT_NE(r.status().message().find("checksum"), std::string::npos) << r.status().message();
}

TEST(CorruptV1, TruncatedV1File) {
  TFG_REQUIRE_CORPUS(src, "serving_half_plus_two_session_bundle_v1ckpt/00000123/export");
  std::string dir = FreshDir("v1t");
  WriteAll(dir + "/export", ReadAll(src).substr(0, 150));
  auto r = CheckpointReader::Open(dir + "/export");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().find(dir + "/export: not a valid table"), 0u)
      << r.status().message();
}

TEST(CorruptV2, TruncatedIndexOfCorpusCheckpoint) {
  TFG_REQUIRE_CORPUS(src, "pair_ardianumam_lenet_ckpt_frozen");
  std::string dir = FreshDir("trunc");
  CopyFiles(src, "model_small", dir);
  std::string idx = ReadAll(dir + "/model_small.index");
  for (size_t cut : {size_t{1}, size_t{47}, idx.size() / 2, idx.size() - 1}) {
    WriteAll(dir + "/model_small.index", idx.substr(0, cut));
    auto r = CheckpointReader::Open(dir + "/model_small");
    ASSERT_FALSE(r.ok()) << cut;
    EXPECT_EQ(r.status().message().find(dir + "/model_small.index: "), 0u)
        << r.status().message();
  }
}

}  // namespace
}  // namespace tfgraph
