// Fuzzes the TF2 object graph decoder (a serialized TrackableObjectGraph, the
// _CHECKPOINTABLE_OBJECT_GRAPH tensor): node ids out of range, cycles, slot
// references and deep child lists must give a Status or a result, never a
// crash or a hang.
#include "core/object_graph.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto info = tfgraph::DecodeObjectGraph(tfgraph::fuzz::AsView(data, size));
  if (info.ok()) {
    for (const auto& [key, attr] : info->attributes) (void)tfgraph::EscapeLocalName(attr.name);
  }
  return 0;
}
