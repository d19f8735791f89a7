// Fuzzes V1 (SaveSlices) checkpoints: one LevelDB table holding
// SavedTensorSlices. The bytes are written as <scratch>/model.ckpt; the meta
// entry is parsed by Open() and every tensor is read and assembled from its
// slices (each must hold exactly the slice's element count).
#include "core/checkpoint_v1.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfgraph;
  const std::string path = fuzz::ScratchDir() + "/model.ckpt";
  fuzz::WriteFile(path, fuzz::AsView(data, size));
  auto ckpt = V1Checkpoint::Open({path});
  if (!ckpt.ok()) return 0;
  int reads = 0;
  for (const auto& [name, v] : (*ckpt)->variables()) {
    if (++reads > 64) break;
    auto t = (*ckpt)->Read(name);
    if (t.ok()) (void)t->num_elements();
  }
  return 0;
}
