// Rendering model pieces for the commands: signatures and nodes, as aligned
// text or as JSON Lines records (cli/output.h). Shared by info, sigs, nodes
// and node so that each thing is printed one way everywhere.
//
// JSON records:
//   {"type":"signature","tags":[...],"key","method","inputs":[{"key","name","dtype","shape"}],
//    "outputs":[...]}
//   {"type":"node","name","op","device","inputs":[...]}  (+ "attrs", "consumers" for `node`)
#ifndef TFGRAPH_CLI_RENDER_H_
#define TFGRAPH_CLI_RENDER_H_

#include <string>
#include <vector>

#include "cli/output.h"
#include "core/graph.h"
#include "core/model.h"

namespace tfgraph::cli {

std::string DTypeText(tensorflow::DataType t);

JsonLine SignatureJson(const Signature& sig, const std::vector<std::string>& tags);
// Text block: "signature 'key' (method)" then aligned input and output rows.
void PrintSignature(const Signature& sig, const std::string& indent);

JsonLine NodeJson(const Graph& g, int node);
// Typed JSON for an attr value (dtype names, shapes as arrays, tensors as
// {"dtype","shape","preview"}).
std::string AttrJson(const tensorflow::AttrValue& v);

}  // namespace tfgraph::cli

#endif  // TFGRAPH_CLI_RENDER_H_
