// Input and output candidates: what a user would pass as input and output
// names to freeze or export a model.
//
// Outputs: the outputs of the signatures come first when the model has any
// (serving_default first). Then graph nodes ranked by a score: sinks of the
// "model" part of the graph rank high, where the model part leaves out what
// training and bookkeeping add (saver save/*, gradients, optimizer slots and
// apply ops, summaries, initializers, Assign/NoOp/Assert, EMA, global_step,
// metrics). Sinks reachable from an input placeholder, ops that typically end
// a network (Softmax, Sigmoid, ArgMax, BiasAdd, ...) and names like "output",
// "logits", "predictions", "probabilities" rank higher; loss and accuracy
// computations, control-flow internals and bookkeeping sinks fall to the
// bottom.
//
// Inputs: signature inputs first, then Placeholders (those that feed the top
// output first) and PlaceholderWithDefault (flagged optional: is_training,
// keep_prob). Saver filename placeholders are never candidates.
//
// Ranking is deterministic (ties keep graph order) and reads only the graph.
#ifndef TFGRAPH_CORE_CANDIDATES_H_
#define TFGRAPH_CORE_CANDIDATES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/graph.h"
#include "core/model.h"

namespace tfgraph {

struct Candidate {
  std::string node;    // node name: what output_node_names takes
  std::string tensor;  // tensor name "node:0" (a signature's own tensor name when from one)
  std::string op;
  tensorflow::DataType dtype = tensorflow::DT_INVALID;
  std::optional<std::vector<int64_t>> shape;  // nullopt: unknown
  double score = 0;
  std::string reason;     // why it ranks where it does, e.g. "sink; Softmax"
  std::string signature;  // signature key, when the candidate comes from one
  bool optional = false;  // inputs: has a default value (PlaceholderWithDefault)
};

// Graph-only ranking (no signatures); at most `max` candidates.
std::vector<Candidate> RankOutputs(const Graph& graph, size_t max = 10);
std::vector<Candidate> RankInputs(const Graph& graph, size_t max = 20);

// Model-level: signatures first, then the graph ranking; duplicates (same
// node) appear once. At most `max` candidates.
std::vector<Candidate> OutputCandidates(const Model& model, size_t max = 10);
std::vector<Candidate> InputCandidates(const Model& model, size_t max = 20);

// Both lists from one analysis of the graph (each function above analyses
// it anew, which on a million nodes costs a second or more).
struct CandidateLists {
  std::vector<Candidate> inputs, outputs;
};
CandidateLists RankCandidates(const Model& model, size_t max_inputs, size_t max_outputs);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_CANDIDATES_H_
