#include "tests/fuzz/model_fuzz.h"

#include "core/attr_format.h"
#include "core/candidates.h"
#include "core/checkpoint_reader.h"
#include "core/graph_check.h"
#include "core/variables.h"

namespace tfgraph::fuzz {

Status LoadAndExercise(const std::string& path, const LoadOptions& options) {
  auto loaded = Model::Load(path, options);
  if (!loaded.ok()) return loaded.status();
  const Model& m = **loaded;
  (void)m.tag_sets();
  (void)m.tensorflow_version();
  (void)SummarizeVariables(GraphVariables(m.graph_def()));
  (void)InputCandidates(m, 5);
  (void)OutputCandidates(m, 5);
  (void)CheckGraph(m.graph_def());
  const Graph& g = m.graph();
  for (int i = 0; i < g.size() && i < 2000; ++i) {
    for (const auto& [key, value] : g.node(i).def->attr()) (void)FormatAttrValue(value);
  }
  if (g.size() > 0) (void)g.Resolve(std::string(g.name(0)) + ":0");
  (void)g.Resolve("no_such_node");
  for (const auto& f : m.graph_def().library().function()) {
    auto body = m.FunctionGraph(f.signature().name());
    if (body.ok()) (void)(*body)->size();
  }
  if (!m.checkpoint_prefix().empty()) {
    auto ckpt = CheckpointReader::Open(m.checkpoint_prefix());
    if (ckpt.ok()) (void)(*ckpt)->variables().size();
  }
  return Status::OK();
}

}  // namespace tfgraph::fuzz
