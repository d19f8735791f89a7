// Fuzzes Model::Load on a binary GraphDef (a frozen graph): the bytes are written as
// <scratch>/model.pb and loaded by path (content sniffing, protobuf parsing with
// limits, default attrs, graph index), then shown as `tfgraph info` would.
#include "tests/fuzz/fuzz_util.h"
#include "tests/fuzz/model_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = tfgraph::fuzz::ScratchDir() + "/model.pb";
  tfgraph::fuzz::WriteFile(path, tfgraph::fuzz::AsView(data, size));
  (void)tfgraph::fuzz::LoadAndExercise(path);
  return 0;
}
