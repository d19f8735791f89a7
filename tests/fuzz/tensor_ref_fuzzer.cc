// Fuzzes core/tensor_ref: the three parsers of tensor reference strings.
// Whatever they accept must print back (ToString/TensorName) and reparse to
// the same reference, since freeze and export write these strings into the
// graphs they produce.
#include <cstdlib>

#include "core/tensor_ref.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

void CheckSame(const tfgraph::TensorRef& a, const tfgraph::TensorRef& b) {
  if (a.node != b.node || a.out_arg != b.out_arg || a.index != b.index ||
      a.control != b.control) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = tfgraph::fuzz::AsView(data, size);
  auto graph = tfgraph::ParseGraphInput(text);
  if (graph.ok()) {
    auto again = tfgraph::ParseGraphInput(graph->ToString());
    if (!again.ok()) std::abort();
    CheckSame(*graph, *again);
  }
  auto function = tfgraph::ParseFunctionInput(text);
  if (function.ok()) {
    auto again = tfgraph::ParseFunctionInput(function->ToString());
    if (!again.ok()) std::abort();
    CheckSame(*function, *again);
  }
  auto user = tfgraph::ParseUserTensor(text);
  if (user.ok() && !user->control) (void)user->TensorName();
  return 0;
}
