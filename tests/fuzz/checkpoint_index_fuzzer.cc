// Fuzzes the .index file of a V2 checkpoint: SstableReader (footer, block
// handles, block CRCs, key order) and BundleIndex (header, entries, slice
// keys of partitioned variables). The bytes are written as <scratch>/c.index
// and opened as the prefix <scratch>/c; no data shard exists.
#include "core/bundle_index.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfgraph;
  const std::string prefix = fuzz::ScratchDir() + "/c";
  fuzz::WriteFile(prefix + ".index", fuzz::AsView(data, size));
  auto index = BundleIndex::Open(prefix);
  if (!index.ok()) return 0;
  for (const auto& [name, v] : (*index)->variables()) {
    (void)(*index)->Find(name);
    for (const auto& part : v.parts) (void)part.slice.ToString();
  }
  return 0;
}
