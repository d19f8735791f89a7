// What the model fuzz targets do with a model once Model::Load accepted it:
// the computations `tfgraph info`, `nodes` and `sigs` run on every model
// (variable summary, input/output candidates, graph check, attribute
// rendering, function body graphs, the checkpoint listing), so a file that
// loads cannot crash the commands that show it either.
#ifndef TFGRAPH_TESTS_FUZZ_MODEL_FUZZ_H_
#define TFGRAPH_TESTS_FUZZ_MODEL_FUZZ_H_

#include <string>

#include "core/model.h"
#include "core/status.h"

namespace tfgraph::fuzz {

// Loads `path` (a file or folder in the scratch area) and exercises the
// result. Returns the load status (callers ignore it: errors are expected).
Status LoadAndExercise(const std::string& path, const LoadOptions& options = {});

}  // namespace tfgraph::fuzz

#endif  // TFGRAPH_TESTS_FUZZ_MODEL_FUZZ_H_
