#include "core/sstable.h"

#include <leveldb/env.h>
#include <leveldb/iterator.h>
#include <leveldb/options.h>
#include <leveldb/table.h>

#include <cstdio>

#include "core/crc32c.h"
#include "core/snappy_decode.h"
#include "core/varint.h"

namespace tfgraph {
namespace {

constexpr uint64_t kFooterSize = 48;
constexpr uint64_t kTrailerSize = 5;  // type byte + masked crc
constexpr uint64_t kMagic = 0xdb4775248b80fb57ull;
// Snappy cannot expand more than ~21x (a 3-byte copy of 64 bytes).
constexpr uint64_t kMaxSnappyRatio = 22;

struct Handle {
  uint64_t offset = 0, size = 0;
};

bool DecodeHandle(std::string_view* in, Handle* h) {
  return GetVarint64(in, &h->offset) && GetVarint64(in, &h->size);
}

// Serves leveldb reads straight from the mapping (no copy: leveldb uses the
// returned pointer directly when it differs from its scratch buffer).
class MappedRandomAccessFile : public leveldb::RandomAccessFile {
 public:
  explicit MappedRandomAccessFile(std::shared_ptr<const MappedFile> f) : f_(std::move(f)) {}
  leveldb::Status Read(uint64_t offset, size_t n, leveldb::Slice* result,
                       char* scratch) const override {
    if (offset > f_->size()) return leveldb::Status::Corruption("read past end of file");
    uint64_t avail = f_->size() - offset;
    if (n > avail) n = static_cast<size_t>(avail);
    *result = leveldb::Slice(f_->data().data() + offset, n);
    return leveldb::Status::OK();
  }

 private:
  std::shared_ptr<const MappedFile> f_;
};

class Validator {
 public:
  explicit Validator(const MappedFile& f) : f_(f) {}

  Status Error(const std::string& what) const {
    return Status::Corruption(f_.path() + ": not a valid table: " + what);
  }

  // Checks the block's CRC and returns its uncompressed contents in *out
  // (a view of the mapping, or `storage` when Snappy-compressed).
  Status ReadBlock(const Handle& h, const char* what, std::string* storage,
                   std::string_view* out, bool* snappy) const {
    if (h.offset > f_.size() || h.size > f_.size() - h.offset ||
        kTrailerSize > f_.size() - h.offset - h.size)
      return Error(std::string(what) + " block [" + std::to_string(h.offset) + ", +" +
                   std::to_string(h.size) + ") runs past end of file (size " +
                   std::to_string(f_.size()) + ")");
    std::string_view contents = f_.data().substr(h.offset, h.size);
    const char* trailer = f_.data().data() + h.offset + h.size;
    uint32_t expected = crc32c::Unmask(DecodeFixed32(trailer + 1));
    uint32_t actual = crc32c::Extend(crc32c::Value(contents), trailer, 1);
    if (expected != actual)
      return Error(std::string(what) + " block at offset " + std::to_string(h.offset) +
                   ": checksum mismatch");
    *snappy = trailer[0] == 1;
    if (trailer[0] == 0) {
      *out = contents;
      return Status::OK();
    }
    if (trailer[0] != 1)
      return Error(std::string(what) + " block at offset " + std::to_string(h.offset) +
                   ": unknown compression type " + std::to_string(int(trailer[0])));
    if (!SnappyDecompress(contents, kMaxSnappyRatio * contents.size() + 64, storage))
      return Error(std::string(what) + " block at offset " + std::to_string(h.offset) +
                   ": bad Snappy data");
    *out = *storage;
    return Status::OK();
  }

  // Checks a data block handle and the plausibility of a Snappy size claim.
  Status CheckDataBlock(const Handle& h, uint64_t limit, bool* snappy) const {
    if (h.offset > limit || h.size > limit - h.offset || kTrailerSize > limit - h.offset - h.size)
      return Error("data block [" + std::to_string(h.offset) + ", +" + std::to_string(h.size) +
                   ") runs past the end of the data area (" + std::to_string(limit) + ")");
    const char type = f_.data()[h.offset + h.size];
    *snappy = type == 1;
    if (type == 1) {
      uint64_t ulen;
      std::string_view contents = f_.data().substr(h.offset, h.size);
      if (!SnappyUncompressedLength(contents, &ulen) ||
          ulen > kMaxSnappyRatio * contents.size() + 64)
        return Error("data block at offset " + std::to_string(h.offset) +
                     ": implausible Snappy length");
    }
    return Status::OK();
  }

 private:
  const MappedFile& f_;
};

// Visits the handles of a block's entries (index block: key -> handle).
Status ForEachBlockEntry(std::string_view block, const Validator& v,
                         const std::function<Status(std::string_view value)>& fn) {
  if (block.size() < 4) return v.Error("index block too short");
  uint32_t num_restarts = DecodeFixed32(block.data() + block.size() - 4);
  if (num_restarts == 0 || num_restarts > (block.size() - 4) / 4)
    return v.Error("index block has a bad restart count");
  std::string_view entries = block.substr(0, block.size() - 4 - 4 * uint64_t{num_restarts});
  while (!entries.empty()) {
    uint32_t shared, non_shared, value_len;
    if (!GetVarint32(&entries, &shared) || !GetVarint32(&entries, &non_shared) ||
        !GetVarint32(&entries, &value_len) ||
        entries.size() < uint64_t{non_shared} + value_len)
      return v.Error("index block entry is malformed");
    entries.remove_prefix(non_shared);
    TFG_RETURN_IF_ERROR(fn(entries.substr(0, value_len)));
    entries.remove_prefix(value_len);
  }
  return Status::OK();
}

// Keys may be binary (slice keys start with a NUL byte): show them safely.
std::string Printable(std::string_view key) {
  std::string out;
  for (unsigned char c : key) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

SstableReader::~SstableReader() = default;

StatusOr<std::unique_ptr<SstableReader>> SstableReader::Open(
    std::shared_ptr<const MappedFile> file) {
  const MappedFile& f = *file;
  Validator v(f);
  if (f.size() == 0) return Status::Corruption(f.path() + ": file is empty (0 bytes)");
  if (f.size() < kFooterSize)
    return v.Error("file is " + std::to_string(f.size()) + " bytes, shorter than a table footer");
  std::string_view footer = f.data().substr(f.size() - kFooterSize);
  if (DecodeFixed64(footer.data() + 40) != kMagic) return v.Error("bad magic number in footer");
  Handle meta, index;
  std::string_view handles = footer.substr(0, 40);
  if (!DecodeHandle(&handles, &meta) || !DecodeHandle(&handles, &index))
    return v.Error("bad block handles in footer");
  const uint64_t body = f.size() - kFooterSize;
  for (const Handle* h : {&meta, &index})
    if (h->offset > body || h->size > body - h->offset || kTrailerSize > body - h->offset - h->size)
      return v.Error("footer points past the end of the file");

  std::unique_ptr<SstableReader> r(new SstableReader());
  std::string storage;
  std::string_view index_block;
  bool snappy = false;
  TFG_RETURN_IF_ERROR(v.ReadBlock(index, "index", &storage, &index_block, &snappy));
  // Data blocks must lie before the metaindex block (LevelDB writes it after them).
  const uint64_t data_limit = std::min(meta.offset, index.offset);
  TFG_RETURN_IF_ERROR(ForEachBlockEntry(index_block, v, [&](std::string_view value) {
    Handle h;
    if (!DecodeHandle(&value, &h)) return v.Error("index entry holds a bad block handle");
    bool block_snappy = false;
    TFG_RETURN_IF_ERROR(v.CheckDataBlock(h, data_limit, &block_snappy));
    ++r->num_data_blocks_;
    if (block_snappy) ++r->num_snappy_blocks_;
    return Status::OK();
  }));

  r->file_ = std::move(file);
  r->raf_ = std::make_unique<MappedRandomAccessFile>(r->file_);
  leveldb::Options options;
  options.paranoid_checks = true;
  leveldb::Table* table = nullptr;
  leveldb::Status s = leveldb::Table::Open(options, r->raf_.get(), r->file_->size(), &table);
  if (!s.ok()) return v.Error(s.ToString());
  r->table_.reset(table);
  return r;
}

Status SstableReader::ForEach(const Visitor& visit) const {
  leveldb::ReadOptions ro;
  ro.verify_checksums = true;
  ro.fill_cache = false;
  std::unique_ptr<leveldb::Iterator> it(table_->NewIterator(ro));
  std::string prev;
  bool first = true;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    leveldb::Slice k = it->key(), val = it->value();
    std::string_view key(k.data(), k.size());
    if (!first && !(std::string_view(prev) < key))
      return Status::Corruption(path() + ": keys out of order: '" + Printable(key) + "' follows '" +
                                Printable(prev) + "'");
    first = false;
    prev.assign(key);
    TFG_RETURN_IF_ERROR(visit(key, std::string_view(val.data(), val.size())));
  }
  if (!it->status().ok())
    return Status::Corruption(path() + ": corrupt table: " + it->status().ToString());
  return Status::OK();
}

StatusOr<std::string> SstableReader::Get(std::string_view key) const {
  leveldb::ReadOptions ro;
  ro.verify_checksums = true;
  ro.fill_cache = false;
  std::unique_ptr<leveldb::Iterator> it(table_->NewIterator(ro));
  it->Seek(leveldb::Slice(key.data(), key.size()));
  if (!it->status().ok())
    return Status::Corruption(path() + ": corrupt table: " + it->status().ToString());
  if (!it->Valid() || std::string_view(it->key().data(), it->key().size()) != key)
    return Status::NotFound(path() + ": no entry '" + Printable(key) + "'");
  return std::string(it->value().data(), it->value().size());
}

}  // namespace tfgraph
