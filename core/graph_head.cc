#include "core/graph_head.h"

#include <vector>

#include "core/mapped_file.h"
#include "core/proto_io.h"
#include "core/wire.h"

namespace tfgraph {
namespace {

// Field numbers used below (tensorflow/core/protobuf/saved_model.proto,
// meta_graph.proto, tensorflow/core/framework/graph.proto):
//   SavedModel:   1 saved_model_schema_version (varint), 2 meta_graphs
//   MetaGraphDef: 1 meta_info_def, 2 graph_def, 3.. saver_def and the rest
//   GraphDef:     1 node (repeated NodeDef), 2 library, 3 version (varint),
//                 4 versions
constexpr uint32_t kGraphNode = 1;
constexpr uint32_t kGraphVersion = 3;
constexpr uint32_t kGraphVersions = 4;

// One walk over a message's top level: how many field-1 and field-2
// records it has, the payload of the first field 2, and whether anything
// besides fields 1 to 4 of a GraphDef appears.
struct Shape {
  bool ok = false;
  size_t f1_len = 0, f1_varint = 0, f2_len = 0;
  bool only_graph_fields = true;
  std::string_view first_f2;
};

Shape Survey(std::string_view data) {
  Shape s;
  WireReader r(data);
  WireField f;
  while (r.Next(&f)) {
    if (f.number == 1 && f.wire == 2) {
      ++s.f1_len;
    } else if (f.number == 1 && f.wire == 0) {
      ++s.f1_varint;
    } else if (f.number == 2 && f.wire == 2) {
      if (s.f2_len++ == 0) s.first_f2 = f.payload;
    } else if (!(f.number == kGraphVersion && f.wire == 0) &&
               !(f.number == kGraphVersions && f.wire == 2)) {
      s.only_graph_fields = false;
    }
  }
  s.ok = r.ok();
  return s;
}

bool Printable(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

// A GraphDef holds many field-1 records (nodes), at most one library and
// nothing but versions besides. A MetaGraphDef holds at most one field 1
// (meta_info_def) and exactly one field 2 (graph_def). A SavedModel starts
// with a varint field 1 and holds its meta graphs in field 2.
StatusOr<std::string_view> LocateGraphDef(std::string_view data) {
  Shape top = Survey(data);
  if (!top.ok) return Status::Corruption("not a binary protobuf");
  if (top.f1_varint == 1 && top.f1_len == 0) {  // SavedModel
    if (top.f2_len != 1)
      return Status::Unsupported(std::to_string(top.f2_len) +
                                 " meta graphs; the full load picks one by tags");
    Shape meta = Survey(top.first_f2);
    if (!meta.ok || meta.f2_len != 1) return Status::Corruption("meta graph has no graph_def");
    return meta.first_f2;
  }
  if (top.f1_len >= 2 && top.f2_len <= 1 && top.only_graph_fields) return data;
  if (top.f1_len <= 1 && top.f2_len == 1 && top.f1_varint == 0) return top.first_f2;
  return Status::Unsupported("not plainly a GraphDef, MetaGraphDef or SavedModel");
}

}  // namespace

StatusOr<GraphHead> GraphHeadFromBytes(std::string_view data, size_t max_nodes) {
  TFG_ASSIGN_OR_RETURN(std::string_view graph, LocateGraphDef(data));
  GraphHead out;
  out.file_bytes = data.size();
  WireReader r(graph);
  WireField f;
  while (r.Next(&f)) {
    if (f.number != kGraphNode || f.wire != 2) continue;
    if (out.node_count++ >= max_nodes) continue;
    tensorflow::NodeDef* node = out.head.add_node();
    if (!node->ParseFromArray(f.payload.data(), static_cast<int>(f.payload.size())) ||
        !Printable(node->name()) || !Printable(node->op()))
      return Status::Corruption("node " + std::to_string(out.node_count) + " is not a NodeDef");
  }
  if (!r.ok()) return Status::Corruption("malformed graph_def");
  if (out.node_count == 0) return Status::Unsupported("no nodes");
  return out;
}

StatusOr<GraphHead> ReadGraphHead(const std::string& model_path, size_t max_nodes) {
  QuietProtobufLogging();  // callers draw a screen; nothing may print under it
  std::string path = model_path;
  if (IsDirectory(path)) {
    path = JoinPath(path, "saved_model.pb");
  } else if (!IsRegularFile(path) && IsRegularFile(path + ".meta")) {
    path += ".meta";
  }
  TFG_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  return GraphHeadFromBytes(file->data(), max_nodes);
}

}  // namespace tfgraph
