// Export signatures: turning a SignatureSpec into a checked SignatureDef.
//
// ResolveSignature looks every `[KEY=]TENSOR[@DTYPE]` of a spec up in the
// graph (Graph::Resolve, so a typo gets "did you mean" suggestions), rejects
// output indices the node does not have, fills dtype and shape from the graph
// (core/export_typing.h), compares a stated @DTYPE with the graph's, and
// builds the SignatureDef with the method name. Keys default to the node
// name; two tensors with one key are an error.
//
// CheckSignatureGraph then checks that the signature can run in a session fed
// with exactly its inputs:
//   - every output depends on at least one input (when there are inputs):
//     an output that does not is almost always a wrong tensor;
//   - no plain Placeholder that is not an input is needed to compute an
//     output (TF would fail at serving time with "You must feed a value for
//     placeholder tensor ...").
// CheckMethodConventions applies TF Serving's rules for the classify and
// regress methods (a single DT_STRING input `inputs`; outputs `classes`
// (string) / `scores` (float), or `outputs` (float)) and, where the graph
// knows the rank, the shapes its request handling accepts: `inputs` a vector
// [batch_size]; classify outputs [batch_size, num_classes]; the regress
// output [batch_size] or [batch_size, 1].
//
// Every failure is one line: "signature 'serving_default' output 'probs'
// (probs:0): ...". NotFound for names that do not exist, InvalidArgument for
// everything the user can fix in the command line, FailedCheck for a graph
// that cannot serve the signature.
#ifndef TFGRAPH_CORE_EXPORT_SIGNATURE_H_
#define TFGRAPH_CORE_EXPORT_SIGNATURE_H_

#include <string>
#include <vector>

#include "core/export_spec.h"
#include "core/export_typing.h"
#include "core/graph.h"
#include "core/status.h"
#include "tensorflow/meta_graph.pb.h"

namespace tfgraph {

struct ResolvedTensor {
  std::string key;
  int node = -1;
  int output = 0;
};

struct ResolvedSignature {
  std::string key;
  tensorflow::SignatureDef def;
  std::vector<ResolvedTensor> inputs;
  std::vector<ResolvedTensor> outputs;
};

StatusOr<ResolvedSignature> ResolveSignature(const Graph& graph, const TensorTyper& typer,
                                             const SignatureSpec& spec);

// Resolves the tensors of an existing SignatureDef (from a SavedModel being
// re-exported) so the same graph checks can run on it.
StatusOr<ResolvedSignature> ResolveExistingSignature(const Graph& graph, const std::string& key,
                                                     const tensorflow::SignatureDef& def);

Status CheckSignatureGraph(const Graph& graph, const ResolvedSignature& sig);
Status CheckMethodConventions(const std::string& key, const tensorflow::SignatureDef& def);

// Node indices reachable backwards from `from` over data and control edges,
// not walking past any node in `stop` (which is itself included when
// reached). Returns a membership vector of graph size.
std::vector<bool> BackwardClosure(const Graph& graph, const std::vector<int>& from,
                                  const std::vector<int>& stop);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_EXPORT_SIGNATURE_H_
