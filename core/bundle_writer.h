// BundleWriter: writes a V2 checkpoint (tensor bundle) that TensorFlow reads.
//
// Add() appends a tensor's bytes to its data shard at once, in call order
// (TensorFlow's SaveV2 order is what determines offsets; the index is sorted
// by key regardless), with alignment 1 like TensorFlow's default. AddSlice()
// stores one slice of a partitioned variable under its OrderedCode key and
// records the slice on the full-name entry, as BundleWriter::AddSlice does.
// Finish() writes the .index with leveldb::TableBuilder using TensorFlow's
// parameters (no compression, block_size 262144, restart interval 16), with
// the header TF writes (num_shards, version{producer: 1}; little-endian
// omitted) and entries serialized as TF does (a scalar carries an empty
// shape), so the .index is byte-identical to TensorFlow's for the same
// tensors added in the same order.
//
// All files are written under temporary names (core/atomic_file.h) and
// renamed into place only by Finish(): data shards first, the .index last, so
// an interrupted write never leaves a readable but incomplete checkpoint.
// Unless options.overwrite is set, Create() refuses (AlreadyExists) if any
// file of the bundle exists. A writer destroyed without Finish() leaves the
// destination untouched.
#ifndef TFGRAPH_CORE_BUNDLE_WRITER_H_
#define TFGRAPH_CORE_BUNDLE_WRITER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/atomic_file.h"
#include "core/status.h"
#include "core/tensor.h"
#include "core/tensor_slice.h"
#include "tensorflow/tensor_bundle.pb.h"

namespace tfgraph {

struct BundleWriterOptions {
  bool overwrite = false;
  int num_shards = 1;
  // TensorFlow writes uncompressed indexes, but some TF builds (e.g. those that
  // made TF Serving's test models) wrote Snappy-compressed blocks; set this to
  // reproduce such an .index byte for byte.
  bool snappy = false;
};

class BundleWriter {
 public:
  static StatusOr<std::unique_ptr<BundleWriter>> Create(const std::string& prefix,
                                                        const BundleWriterOptions& options = {});
  ~BundleWriter();

  Status Add(const std::string& name, const Tensor& t, int shard = 0);
  Status AddSlice(const std::string& name, const Dims& full_shape, const TensorSlice& slice,
                  const Tensor& part, int shard = 0);
  Status Finish();

  // The .index bytes Finish() writes (for tests comparing with TensorFlow).
  StatusOr<std::string> BuildIndex() const;

 private:
  BundleWriter() = default;
  Status AddEntry(const std::string& key, const Tensor& t, int shard);

  std::string prefix_;
  BundleWriterOptions options_;
  std::vector<std::unique_ptr<AtomicFile>> data_;
  std::vector<uint64_t> data_size_;
  std::map<std::string, tensorflow::BundleEntryProto> entries_;
  bool finished_ = false;
};

// The exact bytes of a BundleHeaderProto as TensorFlow writes it.
std::string BundleHeaderBytes(int num_shards);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_BUNDLE_WRITER_H_
