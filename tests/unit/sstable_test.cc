// SstableReader: reading LevelDB-format tables (including Snappy blocks,
// which our own decoder must handle in the index block), and refusing every
// kind of damaged table with a message naming the file, before LevelDB could
// allocate what a corrupt handle claims.
#include "core/sstable.h"

#include <gtest/gtest.h>

#include <leveldb/env.h>
#include <leveldb/options.h>
#include <leveldb/table_builder.h>

#include "ckpt_test_util.h"
#include "core/crc32c.h"
#include "core/snappy_decode.h"
#include "core/varint.h"

namespace tfgraph {
namespace {

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

std::string BuildTable(const std::vector<std::pair<std::string, std::string>>& kv, bool snappy,
                       int block_size) {
  std::string out;
  Sink sink(&out);
  leveldb::Options o;
  o.compression = snappy ? leveldb::kSnappyCompression : leveldb::kNoCompression;
  o.block_size = block_size;
  leveldb::TableBuilder b(o, &sink);
  for (const auto& [k, v] : kv) b.Add(k, v);
  EXPECT_TRUE(b.Finish().ok());
  return out;
}

struct Handle {
  uint64_t offset, size;
};
// Footer handles of a table held in `t`: [0] metaindex, [1] index.
std::vector<Handle> FooterHandles(const std::string& t) {
  std::string_view f = std::string_view(t).substr(t.size() - 48);
  std::vector<Handle> h(2);
  for (auto& x : h) {
    GetVarint64(&f, &x.offset);
    GetVarint64(&f, &x.size);
  }
  return h;
}
void FixCrc(std::string* t, Handle h) {
  uint32_t crc = crc32c::Extend(crc32c::Value(t->data() + h.offset, h.size),
                                t->data() + h.offset + h.size, 1);
  std::string masked;
  PutFixed32(&masked, crc32c::Mask(crc));
  t->replace(h.offset + h.size + 1, 4, masked);
}

Status OpenAndScan(const std::string& path, int* count = nullptr) {
  auto file = MappedFile::Open(path);
  if (!file.ok()) return file.status();
  auto table = SstableReader::Open(*file);
  if (!table.ok()) return table.status();
  int n = 0;
  Status st = (*table)->ForEach([&n](std::string_view, std::string_view) {
    ++n;
    return Status::OK();
  });
  if (count) *count = n;
  return st;
}

std::vector<std::pair<std::string, std::string>> ManyEntries(int n) {
  std::vector<std::pair<std::string, std::string>> kv;
  char key[32];
  for (int i = 0; i < n; ++i) {
    std::snprintf(key, sizeof(key), "layer_%05d/kernel", i);
    kv.emplace_back(key, std::string(40, static_cast<char>('a' + i % 3)));
  }
  return kv;
}

TEST(Sstable, ReadsSnappyCompressedTables) {
  std::string dir = FreshDir("snappy");
  std::string table = BuildTable(ManyEntries(2000), true, 256);
  WriteAll(dir + "/t", table);
  auto file = MappedFile::Open(dir + "/t");
  ASSERT_TRUE(file.ok());
  auto r = SstableReader::Open(*file);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT((*r)->num_snappy_blocks(), 0);
  // The index block itself is compressed too (so our decoder was exercised).
  Handle index = FooterHandles(table)[1];
  EXPECT_EQ(table[index.offset + index.size], 1);
  int n = 0;
  ASSERT_TRUE((*r)->ForEach([&](std::string_view k, std::string_view v) {
    EXPECT_EQ(v.size(), 40u);
    ++n;
    return Status::OK();
  }).ok());
  EXPECT_EQ(n, 2000);
  auto v = (*r)->Get("layer_01999/kernel");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, std::string(40, 'b'));
  EXPECT_EQ((*r)->Get("layer_x").status().code(), Status::Code::kNotFound);
}

TEST(Sstable, SnappyDecoderRejectsBadInput) {
  std::string out;
  EXPECT_TRUE(SnappyDecompress(std::string("\x03\x08" "abc", 5), 100, &out));
  EXPECT_EQ(out, "abc");
  EXPECT_TRUE(SnappyDecompress(std::string("\x08\x00" "a" "\x0d\x01", 5), 100, &out));  // copy
  EXPECT_EQ(out, "aaaaaaaa");
  EXPECT_FALSE(SnappyDecompress(std::string("\x03\x08" "ab", 4), 100, &out));   // short literal
  EXPECT_FALSE(SnappyDecompress(std::string("\x08\x0d\x05", 3), 100, &out));    // copy before data
  EXPECT_FALSE(SnappyDecompress(std::string("\xff\xff\xff\x0f", 4), 100, &out));  // too big
}

TEST(Sstable, EmptyAndShortFiles) {
  std::string dir = FreshDir("short");
  WriteAll(dir + "/empty", "");
  Status st = OpenAndScan(dir + "/empty");
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find(dir + "/empty: file is empty"), std::string::npos) << st.message();
  WriteAll(dir + "/short", "0123456789");
  st = OpenAndScan(dir + "/short");
  EXPECT_NE(st.message().find("shorter than a table footer"), std::string::npos) << st.message();
}

TEST(Sstable, BadMagic) {
  std::string dir = FreshDir("magic");
  std::string t = BuildTable(ManyEntries(10), false, 4096);
  t[t.size() - 1] ^= 1;
  WriteAll(dir + "/t", t);
  Status st = OpenAndScan(dir + "/t");
  EXPECT_NE(st.message().find("bad magic"), std::string::npos) << st.message();
}

TEST(Sstable, FooterHandlePastEndRefusedBeforeAllocation) {
  std::string dir = FreshDir("footer");
  std::string t = BuildTable(ManyEntries(10), false, 4096);
  // Rewrite the footer: index handle claiming 2^40 bytes.
  std::vector<Handle> h = FooterHandles(t);
  std::string footer;
  PutVarint64(&footer, h[0].offset);
  PutVarint64(&footer, h[0].size);
  PutVarint64(&footer, h[1].offset);
  PutVarint64(&footer, uint64_t{1} << 40);
  footer.resize(40, '\0');
  t.replace(t.size() - 48, 40, footer);
  WriteAll(dir + "/t", t);
  Status st = OpenAndScan(dir + "/t");
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find("past the end"), std::string::npos) << st.message();
}

TEST(Sstable, DataBlockHandlePastEndRefused) {
  std::string dir = FreshDir("datahandle");
  std::string t = BuildTable(ManyEntries(5), false, 4096);
  // The index block holds one entry: key, then handle (offset 0, size S).
  // Replace its size varint by a same-length larger value, then fix the CRC.
  Handle index = FooterHandles(t)[1];
  std::string_view block(t.data() + index.offset, index.size);
  uint64_t data_size = FooterHandles(t)[0].offset - 5;  // one data block before metaindex
  std::string needle;
  PutVarint64(&needle, 0);
  PutVarint64(&needle, data_size);
  size_t pos = block.find(needle);
  ASSERT_NE(pos, std::string_view::npos);
  std::string bigger;
  PutVarint64(&bigger, data_size | (uint64_t{1} << (7 * (needle.size() - 1) - 1)));
  ASSERT_EQ(bigger.size(), needle.size() - 1);
  t.replace(index.offset + pos + 1, bigger.size(), bigger);
  FixCrc(&t, index);
  WriteAll(dir + "/t", t);
  Status st = OpenAndScan(dir + "/t");
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find("data block"), std::string::npos) << st.message();
}

TEST(Sstable, BlockChecksumMismatch) {
  std::string dir = FreshDir("crc");
  std::string t = BuildTable(ManyEntries(5), false, 4096);
  t[20] ^= 0x40;  // inside the first data block
  WriteAll(dir + "/t", t);
  Status st = OpenAndScan(dir + "/t");
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find(dir + "/t"), std::string::npos);
  EXPECT_NE(st.message().find("checksum"), std::string::npos) << st.message();
}

TEST(Sstable, KeysOutOfOrder) {
  std::string dir = FreshDir("order");
  std::string t = BuildTable({{"apple", "1"}, {"banana", "2"}}, false, 4096);
  // "banana" shares no prefix with "apple": its bytes are stored whole.
  size_t pos = t.find("banana");
  ASSERT_NE(pos, std::string::npos);
  t[pos] = 'A';  // "Aanana" < "apple"
  FixCrc(&t, {0, FooterHandles(t)[0].offset - 5});
  WriteAll(dir + "/t", t);
  Status st = OpenAndScan(dir + "/t");
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find("keys out of order: 'Aanana' follows 'apple'"), std::string::npos)
      << st.message();
}

}  // namespace
}  // namespace tfgraph
