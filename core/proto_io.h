// Parsing protobuf messages from bytes we do not trust.
//
// Every proto tfgraph reads from disk goes through these functions, so that
// the same limits apply everywhere:
//   - binary parses raise CodedInputStream's total-bytes limit to INT_MAX
//     (real frozen graphs exceed old 64 MiB defaults) and set a recursion
//     limit (kProtoRecursionLimit), so a crafted file cannot exhaust the stack;
//   - inputs of 2 GiB or more are refused with ResourceExhausted (protobuf
//     cannot represent them);
//   - text parses report the first error as "line L column C: ..." and use
//     the same recursion limit;
//   - libprotobuf's own log output (e.g. invalid UTF-8 warnings) is silenced:
//     the caller reports errors, one line each.
// Errors are Corruption statuses whose message starts with the file path.
//
// ParseModelProto tells a SavedModel, a MetaGraphDef and a GraphDef apart by
// content: it scans the top-level field tags, checks which message types they
// fit, parses the plausible ones and keeps the one with the fewest unknown
// fields (preferring the type the file name suggests on a tie).
#ifndef TFGRAPH_CORE_PROTO_IO_H_
#define TFGRAPH_CORE_PROTO_IO_H_

#include <memory>
#include <string>
#include <string_view>

#include <google/protobuf/arena.h>
#include <google/protobuf/message.h>

#include "core/status.h"

namespace tfgraph {

constexpr int kProtoRecursionLimit = 256;

// Silences libprotobuf logging for the process (idempotent, thread-safe).
void QuietProtobufLogging();

Status ParseBinaryProto(std::string_view data, const std::string& path,
                        google::protobuf::Message* msg);
Status ParseTextProto(std::string_view data, const std::string& path,
                      google::protobuf::Message* msg);

// Counts unknown fields in `msg` and every message inside it except map
// values (bounded: stops counting at `cap`). A clean parse of the right type has none (or only those
// of fields newer than our .proto files).
int CountUnknownFields(const google::protobuf::Message& msg, int cap = 1000);

enum class ProtoKind { kUnknown, kSavedModel, kMetaGraph, kGraphDef };
const char* ProtoKindName(ProtoKind k);  // "SavedModel", "MetaGraphDef", "GraphDef"

// Deletes a message unless an arena owns it (then the arena frees it).
struct ProtoDeleter {
  void operator()(google::protobuf::Message* m) const {
    if (m != nullptr && m->GetArena() == nullptr) delete m;
  }
};
template <typename T>
using ProtoPtr = std::unique_ptr<T, ProtoDeleter>;

struct ParsedModelProto {
  ProtoKind kind = ProtoKind::kUnknown;
  bool text = false;
  // Binary models are parsed into an arena: a million-node graph parses
  // about a sixth faster (a few large blocks instead of millions of
  // mallocs) and is freed three times as fast. Whoever keeps `message`
  // keeps `arena` alive at least as long.
  std::shared_ptr<google::protobuf::Arena> arena;
  ProtoPtr<google::protobuf::Message> message;
};

// Parses `data` (binary or text) as whichever of SavedModel, MetaGraphDef or
// GraphDef it is. `hint` (from the file name) breaks ties. Fails with
// Corruption naming the file when none fits; empty, blank and foreign files
// (HDF5, zip, LFS pointer, ...) get a message saying what they are.
StatusOr<ParsedModelProto> ParseModelProto(std::string_view data, const std::string& path,
                                           ProtoKind hint = ProtoKind::kUnknown);

}  // namespace tfgraph

#endif  // TFGRAPH_CORE_PROTO_IO_H_
