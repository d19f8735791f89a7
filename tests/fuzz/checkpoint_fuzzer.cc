// Fuzzes reading tensors from a V2 checkpoint: the input is an .index file
// and a data shard joined by the part separator (fuzz_util.h), written as
// <scratch>/ckpt/c.index and c.data-00000-of-00001. CheckpointReader lists the
// variables, reads each one (byte ranges, CRC32C of numeric and string
// tensors, partitioned variables reassembled) and decodes the TF2 object
// graph when there is one. Every failure must be a Status, never a crash or
// an allocation the files do not back (libFuzzer's -malloc_limit_mb).
#include "core/checkpoint_reader.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfgraph;
  const std::string dir = fuzz::ScratchDir() + "/ckpt";
  static bool made = (fuzz::MakeDir(dir), true);
  (void)made;
  auto parts = fuzz::SplitParts(fuzz::AsView(data, size), 2);
  const std::string prefix = dir + "/c";
  fuzz::WriteFile(prefix + ".index", parts[0]);
  fuzz::WriteFile(prefix + ".data-00000-of-00001", parts[1]);
  auto reader = CheckpointReader::Open(prefix);
  if (!reader.ok()) return 0;
  int reads = 0;
  for (const auto& v : (*reader)->variables()) {
    if (++reads > 64) break;  // enough to reach every code path; keeps runs fast
    auto t = (*reader)->Read(v.name);
    if (t.ok()) (void)t->num_elements();
  }
  if ((*reader)->has_object_graph()) (void)(*reader)->ObjectGraph();
  return 0;
}
