// GraphHead: how many nodes a model file has and what its first ones are,
// read in milliseconds without parsing the model.
//
// Parsing a million-node GraphDef takes a second or more; the UI shows the
// first page of the node list while that runs. ReadGraphHead walks the
// file's wire format to the GraphDef (the file itself, the graph_def of a
// MetaGraphDef, or that of a SavedModel's only meta graph), counts its node
// records and parses only the first `max_nodes` of them.
//
// It is a preview and says so: it gives up (ok() false, with the reason)
// whenever the file is not plainly one of those shapes, rather than guess
// what the full loader would pick (a SavedModel with several meta graphs,
// text protos, anything malformed). The full load remains the authority.
#ifndef TFGRAPH_CORE_GRAPH_HEAD_H_
#define TFGRAPH_CORE_GRAPH_HEAD_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "tensorflow/graph.pb.h"

namespace tfgraph {

struct GraphHead {
  size_t node_count = 0;      // NodeDefs in the whole graph
  tensorflow::GraphDef head;  // the first min(node_count, max_nodes) of them
  uint64_t file_bytes = 0;    // size of the file read
};

// From the bytes of a binary SavedModel, MetaGraphDef or GraphDef.
StatusOr<GraphHead> GraphHeadFromBytes(std::string_view data, size_t max_nodes);

// From what the user named: a .pb/.meta file, a SavedModel folder
// (saved_model.pb) or a checkpoint prefix (PREFIX.meta).
StatusOr<GraphHead> ReadGraphHead(const std::string& model_path, size_t max_nodes);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_GRAPH_HEAD_H_
