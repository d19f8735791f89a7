// Fuzzes core/graph_head on any bytes: the wire walk to the GraphDef of a
// GraphDef, MetaGraphDef or SavedModel, the node count and the parse of the
// first nodes. A head that comes back must be self-consistent.
#include <cstdlib>

#include "core/graph_head.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto head = tfgraph::GraphHeadFromBytes(tfgraph::fuzz::AsView(data, size), 20);
  if (head.ok()) {
    size_t shown = static_cast<size_t>(head->head.node_size());
    if (shown > 20 || shown > head->node_count || head->node_count == 0) abort();
  }
  return 0;
}
