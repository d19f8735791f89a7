// Fuzzes Model::Load on a SavedModel folder. The input is up to three files
// joined by the part separator (fuzz_util.h): saved_model.pb (or
// saved_model.pbtxt when it is text), variables/variables.index and
// variables/variables.data-00000-of-00001; empty parts are left out. The
// folder is loaded (MetaGraph selection, signatures, TF2 object graph,
// checkpoint binding) and shown as `tfgraph info` would.
#include "core/sniff.h"
#include "tests/fuzz/fuzz_util.h"
#include "tests/fuzz/model_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfgraph;
  const std::string dir = fuzz::ScratchDir() + "/sm";
  fuzz::MakeDir(dir);
  fuzz::ResetDir(dir);
  auto parts = fuzz::SplitParts(fuzz::AsView(data, size), 3);
  const bool text = !parts[0].empty() && LooksLikeText(parts[0]);
  fuzz::WriteFile(dir + (text ? "/saved_model.pbtxt" : "/saved_model.pb"), parts[0]);
  if (!parts[1].empty() || !parts[2].empty()) {
    fuzz::MakeDir(dir + "/variables");
    if (!parts[1].empty()) fuzz::WriteFile(dir + "/variables/variables.index", parts[1]);
    if (!parts[2].empty())
      fuzz::WriteFile(dir + "/variables/variables.data-00000-of-00001", parts[2]);
  }
  (void)fuzz::LoadAndExercise(dir);
  return 0;
}
