#include "core/proto_io.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/text_format.h>

#include "core/sniff.h"
#include "core/wire.h"
#include "tensorflow/graph.pb.h"
#include "tensorflow/meta_graph.pb.h"
#include "tensorflow/saved_model.pb.h"

namespace tfgraph {
namespace {

namespace pb = google::protobuf;

Status TooBig(const std::string& path, size_t size) {
  return Status::ResourceExhausted(path + ": " + std::to_string(size) +
                                   " bytes; protobuf messages are limited to 2 GiB");
}

class FirstErrorCollector : public pb::io::ErrorCollector {
 public:
  void AddError(int line, pb::io::ColumnNumber column, const std::string& message) override {
    if (!error_.empty()) return;
    error_ = "line " + std::to_string(line + 1) + " column " + std::to_string(column + 1) + ": " +
             message;
  }
  void AddWarning(int, pb::io::ColumnNumber, const std::string&) override {}
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

// The top-level fields of a buffer read as a protobuf, without a schema.
struct TagScan {
  bool ok = true;
  size_t fail_offset = 0;
  std::string fail_reason;
  // field number -> (wire type -> occurrences)
  std::map<int, std::map<int, int>> fields;
};

TagScan ScanTopLevel(std::string_view d) {
  TagScan scan;
  size_t pos = 0;
  auto fail = [&](size_t at, std::string why) {
    scan.ok = false;
    scan.fail_offset = at;
    scan.fail_reason = std::move(why);
    return scan;
  };
  while (pos < d.size()) {
    size_t start = pos;
    uint64_t tag;
    if (!ReadVarint(d, &pos, &tag)) return fail(start, "a field tag runs past the end of the file");
    int field = static_cast<int>(tag >> 3);
    int wire = static_cast<int>(tag & 7);
    if (field <= 0 || (tag >> 3) > 536870911) return fail(start, "invalid field number");
    uint64_t len = 0;
    switch (wire) {
      case 0:
        if (!ReadVarint(d, &pos, &len)) return fail(start, "a value runs past the end of the file");
        break;
      case 1:
        if (d.size() - pos < 8) return fail(start, "a value runs past the end of the file");
        pos += 8;
        break;
      case 2:
        if (!ReadVarint(d, &pos, &len) || len > d.size() - pos)
          return fail(start, "a field runs past the end of the file");
        pos += len;
        break;
      case 5:
        if (d.size() - pos < 4) return fail(start, "a value runs past the end of the file");
        pos += 4;
        break;
      default:
        return fail(start, "invalid wire type " + std::to_string(wire));
    }
    scan.fields[field][wire]++;
  }
  return scan;
}

int WireTypeOf(const pb::FieldDescriptor* f) {
  using FD = pb::FieldDescriptor;
  switch (f->type()) {
    case FD::TYPE_DOUBLE: case FD::TYPE_FIXED64: case FD::TYPE_SFIXED64: return 1;
    case FD::TYPE_FLOAT: case FD::TYPE_FIXED32: case FD::TYPE_SFIXED32: return 5;
    case FD::TYPE_STRING: case FD::TYPE_BYTES: case FD::TYPE_MESSAGE: return 2;
    case FD::TYPE_GROUP: return 3;
    default: return 0;
  }
}

// How badly the top-level tags fit `desc`: -1 if impossible, else the number
// of repeated occurrences of singular fields (legal on the wire, but writers
// never do it, so it counts against the type).
int TagFit(const TagScan& scan, const pb::Descriptor* desc) {
  int penalty = 0;
  for (const auto& [number, wires] : scan.fields) {
    const pb::FieldDescriptor* f = desc->FindFieldByNumber(number);
    if (!f) return -1;
    int expected = WireTypeOf(f);
    for (const auto& [wire, count] : wires) {
      bool packed_ok = f->is_repeated() && wire == 2 && expected != 2;
      if (wire != expected && !packed_ok) return -1;
      if (!f->is_repeated()) penalty += count - 1;
    }
  }
  return penalty;
}

bool PrintableName(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7f) return false;
  return true;
}

bool GraphLooksSane(const tensorflow::GraphDef& g) {
  int checked = 0;
  for (const auto& n : g.node()) {
    if (!PrintableName(n.name()) || !PrintableName(n.op())) return false;
    if (++checked >= 64) break;
  }
  return true;
}

// Whether a parse of the given kind is believable beyond "the bytes decode".
bool Sane(ProtoKind kind, const pb::Message& m) {
  switch (kind) {
    case ProtoKind::kSavedModel: {
      const auto& sm = static_cast<const tensorflow::SavedModel&>(m);
      if (sm.meta_graphs_size() == 0) return false;
      for (const auto& mg : sm.meta_graphs())
        if (!GraphLooksSane(mg.graph_def())) return false;
      return true;
    }
    case ProtoKind::kMetaGraph: {
      const auto& mg = static_cast<const tensorflow::MetaGraphDef&>(m);
      if (!mg.has_graph_def() && !mg.has_meta_info_def() && mg.signature_def_size() == 0)
        return false;
      for (const auto& t : mg.meta_info_def().tags())
        if (!PrintableName(t)) return false;
      return GraphLooksSane(mg.graph_def());
    }
    case ProtoKind::kGraphDef: {
      const auto& g = static_cast<const tensorflow::GraphDef&>(m);
      if (g.node_size() == 0 && !g.has_library()) return false;
      return GraphLooksSane(g);
    }
    case ProtoKind::kUnknown: break;
  }
  return false;
}

ProtoPtr<pb::Message> NewMessage(ProtoKind k, pb::Arena* arena = nullptr) {
  switch (k) {
    case ProtoKind::kSavedModel:
      return ProtoPtr<pb::Message>(pb::Arena::CreateMessage<tensorflow::SavedModel>(arena));
    case ProtoKind::kMetaGraph:
      return ProtoPtr<pb::Message>(pb::Arena::CreateMessage<tensorflow::MetaGraphDef>(arena));
    case ProtoKind::kGraphDef:
      return ProtoPtr<pb::Message>(pb::Arena::CreateMessage<tensorflow::GraphDef>(arena));
    case ProtoKind::kUnknown: break;
  }
  return nullptr;
}

std::shared_ptr<pb::Arena> NewArena(size_t data_size) {
  pb::ArenaOptions options;
  // Blocks grow to 16 MiB; the first one is sized for small models. The size
  // must be a multiple of 8: protobuf 3.21 carves cleanup records downward from
  // the block's end, so an odd-sized block misaligns every one of them (UBSan
  // reports it; strict-alignment CPUs would fault).
  size_t start = std::min<size_t>(std::max<size_t>(data_size, 4096), 1 << 20);
  options.start_block_size = (start + 7) & ~size_t{7};
  options.max_block_size = 16 << 20;
  return std::make_shared<pb::Arena>(options);
}

constexpr ProtoKind kKinds[] = {ProtoKind::kSavedModel, ProtoKind::kMetaGraph,
                                ProtoKind::kGraphDef};

std::string Expected(ProtoKind hint) {
  return hint == ProtoKind::kUnknown ? std::string("a TensorFlow model")
                                     : std::string("a ") + ProtoKindName(hint);
}

// The first token of a text file, past blank and comment lines: a field
// name, or an extension name in brackets.
std::string_view FirstWord(std::string_view data) {
  size_t i = 0;
  while (i < data.size()) {
    char c = data[i];
    if (c == '#') {
      while (i < data.size() && data[i] != '\n') ++i;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else {
      break;
    }
  }
  size_t j = i;
  if (j < data.size() && data[j] == '[') {
    // Up to the ']' on the same line, so the token never holds a line break.
    while (j < data.size() && data[j] != ']' && data[j] != '\n' && data[j] != '\r') ++j;
    if (j < data.size() && data[j] == ']') ++j;
  } else {
    while (j < data.size() && (std::isalnum(static_cast<unsigned char>(data[j])) || data[j] == '_'))
      ++j;
  }
  return data.substr(i, j - i);
}

// Text protos: the first field name says what the file means to be.
ProtoKind KindFromFirstField(std::string_view data) {
  std::string_view word = FirstWord(data);
  if (word == "saved_model_schema_version" || word == "meta_graphs") return ProtoKind::kSavedModel;
  if (word == "meta_info_def" || word == "graph_def" || word == "saver_def" ||
      word == "collection_def" || word == "signature_def" || word == "asset_file_def" ||
      word == "object_graph_def")
    return ProtoKind::kMetaGraph;
  if (word == "node" || word == "library" || word == "versions" || word == "version" ||
      word == "debug_info")
    return ProtoKind::kGraphDef;
  return ProtoKind::kUnknown;
}

StatusOr<ParsedModelProto> ParseTextModel(std::string_view data, const std::string& path,
                                          ProtoKind hint) {
  std::vector<ProtoKind> order;
  ProtoKind first = KindFromFirstField(data);
  if (first == ProtoKind::kUnknown) {
    // No model type has this field at the top, so every parse would fail on
    // it; say that, rather than one type's complaint about the word.
    std::string_view word = FirstWord(data).substr(0, 40);
    return Status::Corruption(path + ": a text file, but not a GraphDef, MetaGraphDef or "
                              "SavedModel in text form: it begins with \"" + std::string(word) +
                              "\", a field none of them has");
  }
  order.push_back(first);
  if (hint != ProtoKind::kUnknown && hint != first) order.push_back(hint);
  for (ProtoKind k : kKinds)
    if (k != first && k != hint) order.push_back(k);
  Status first_error;
  for (ProtoKind k : order) {
    auto msg = NewMessage(k);
    Status st = ParseTextProto(data, path, msg.get());
    if (st.ok()) {
      if (!Sane(k, *msg)) continue;
      ParsedModelProto out;
      out.kind = k;
      out.text = true;
      out.message = std::move(msg);
      return out;
    }
    if (first_error.ok()) first_error = st;
  }
  if (!first_error.ok()) return first_error;
  return Status::Corruption(path + ": text file is not " + Expected(hint) +
                            " (no graph nodes or meta graphs in it)");
}

}  // namespace

void QuietProtobufLogging() {
  static std::once_flag once;
  std::call_once(once, [] { pb::SetLogHandler(nullptr); });
}

const char* ProtoKindName(ProtoKind k) {
  switch (k) {
    case ProtoKind::kSavedModel: return "SavedModel";
    case ProtoKind::kMetaGraph: return "MetaGraphDef";
    case ProtoKind::kGraphDef: return "GraphDef";
    case ProtoKind::kUnknown: break;
  }
  return "protobuf";
}

Status ParseBinaryProto(std::string_view data, const std::string& path, pb::Message* msg) {
  QuietProtobufLogging();
  if (data.size() > static_cast<size_t>(INT_MAX)) return TooBig(path, data.size());
  pb::io::ArrayInputStream stream(data.data(), static_cast<int>(data.size()));
  pb::io::CodedInputStream in(&stream);
  in.SetTotalBytesLimit(INT_MAX);
  in.SetRecursionLimit(kProtoRecursionLimit);
  msg->Clear();
  if (!msg->MergePartialFromCodedStream(&in) || !in.ConsumedEntireMessage()) {
    msg->Clear();
    return Status::Corruption(path + ": not a valid binary " + msg->GetDescriptor()->name() +
                              " (" + std::to_string(data.size()) +
                              " bytes; damaged, truncated or nested too deeply)");
  }
  return Status::OK();
}

Status ParseTextProto(std::string_view data, const std::string& path, pb::Message* msg) {
  QuietProtobufLogging();
  if (data.size() > static_cast<size_t>(INT_MAX)) return TooBig(path, data.size());
  FirstErrorCollector errors;
  pb::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  parser.SetRecursionLimit(kProtoRecursionLimit);
  pb::io::ArrayInputStream stream(data.data(), static_cast<int>(data.size()));
  msg->Clear();
  if (!parser.Parse(&stream, msg)) {
    msg->Clear();
    std::string why = errors.error().empty() ? "parse failed" : errors.error();
    return Status::Corruption(path + ": not a valid text " + msg->GetDescriptor()->name() + ": " +
                              why);
  }
  return Status::OK();
}

int CountUnknownFields(const pb::Message& msg, int cap) {
  int count = 0;
  std::vector<const pb::Message*> stack{&msg};
  std::vector<const pb::FieldDescriptor*> fields;
  const pb::Descriptor* node_def = tensorflow::NodeDef::descriptor();
  while (!stack.empty() && count < cap) {
    const pb::Message* m = stack.back();
    stack.pop_back();
    if (m->GetDescriptor() == node_def) {
      // The same count as the reflective walk below, without it: a graph is
      // mostly NodeDefs, and listing their fields by reflection was a tenth
      // of loading a million-node graph. Its only message fields besides
      // the attr map (skipped, as below) are the two experimental ones.
      const auto& n = static_cast<const tensorflow::NodeDef&>(*m);
      count += n.GetReflection()->GetUnknownFields(n).field_count();
      if (n.has_experimental_debug_info()) stack.push_back(&n.experimental_debug_info());
      if (n.has_experimental_type()) stack.push_back(&n.experimental_type());
      continue;
    }
    const pb::Reflection* r = m->GetReflection();
    count += r->GetUnknownFields(*m).field_count();
    fields.clear();
    r->ListFields(*m, &fields);
    for (const pb::FieldDescriptor* f : fields) {
      // Map fields are skipped: reflection would copy every entry into a
      // repeated field first, and the message types are told apart well
      // before their maps.
      if (f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE || f->is_map()) continue;
      if (f->is_repeated()) {
        int n = r->FieldSize(*m, f);
        for (int i = 0; i < n; ++i) stack.push_back(&r->GetRepeatedMessage(*m, f, i));
      } else {
        stack.push_back(&r->GetMessage(*m, f));
      }
    }
  }
  return count;
}

StatusOr<ParsedModelProto> ParseModelProto(std::string_view data, const std::string& path,
                                           ProtoKind hint) {
  FileKind kind = SniffContent(data);
  switch (kind) {
    case FileKind::kEmpty:
      return Status::Corruption(path + ": file is empty (0 bytes), expected " + Expected(hint));
    case FileKind::kBlank:
      return Status::Corruption(path + ": file holds only " + std::to_string(data.size()) +
                                " bytes of whitespace, expected " + Expected(hint) +
                                " (truncated or mangled upload?)");
    case FileKind::kGitLfsPointer:
    case FileKind::kHdf5:
    case FileKind::kZip:
    case FileKind::kTfLite:
      return Status::Unsupported(path + ": " + FileKindDescription(kind));
    case FileKind::kTable:
      return Status::Corruption(path + ": this is a checkpoint table, not " + Expected(hint));
    case FileKind::kTextProto:
    case FileKind::kBinaryProto:
      break;
  }
  if (data.size() > static_cast<size_t>(INT_MAX)) return TooBig(path, data.size());

  TagScan scan = ScanTopLevel(data);
  if (!scan.ok) {
    // Not a binary protobuf. A text proto is the remaining possibility.
    if (kind == FileKind::kTextProto) return ParseTextModel(data, path, hint);
    return Status::Corruption(path + ": not " + Expected(hint) + ": " + scan.fail_reason +
                              " at byte " + std::to_string(scan.fail_offset) + " of " +
                              std::to_string(data.size()) + " (truncated or not a protobuf)");
  }

  struct Candidate {
    ProtoKind kind;
    int penalty;
  };
  std::vector<Candidate> candidates;
  for (ProtoKind k : kKinds) {
    int fit = TagFit(scan, NewMessage(k)->GetDescriptor());
    if (fit >= 0) candidates.push_back({k, fit});
  }
  if (candidates.empty()) {
    if (kind == FileKind::kTextProto) return ParseTextModel(data, path, hint);
    std::string tags;
    for (const auto& f : scan.fields) {
      if (!tags.empty()) tags += ",";
      tags += std::to_string(f.first);
      if (tags.size() > 40) break;
    }
    return Status::Corruption(path + ": a protobuf, but not a SavedModel, MetaGraphDef or "
                              "GraphDef (top-level fields " + tags + ")");
  }
  std::stable_sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
    if (a.penalty != b.penalty) return a.penalty < b.penalty;
    return (a.kind == hint) > (b.kind == hint);
  });

  ParsedModelProto best;
  int best_score = INT_MAX;
  Status first_error;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (c.penalty >= best_score) break;  // cannot do better
    // One arena per attempt, so a losing parse is freed with its arena.
    auto arena = NewArena(data.size());
    auto msg = NewMessage(c.kind, arena.get());
    Status st = ParseBinaryProto(data, path, msg.get());
    if (!st.ok()) {
      if (first_error.ok() || c.kind == hint) first_error = st;
      continue;
    }
    int score = c.penalty + (Sane(c.kind, *msg) ? 0 : 1000000);
    // Only one type fits the tags at all: no need to weigh unknown fields.
    bool alone = candidates.size() == 1;
    if (score < best_score && !alone) score += CountUnknownFields(*msg, best_score - score);
    if (score < best_score) {
      best_score = score;
      best.kind = c.kind;
      best.message = std::move(msg);
      best.arena = std::move(arena);
    }
    if (best_score == 0) break;
  }
  if (best.message && best_score < 1000000) return best;
  if (kind == FileKind::kTextProto) return ParseTextModel(data, path, hint);
  if (!first_error.ok()) return first_error;
  return Status::Corruption(path + ": decodes as a protobuf but holds no graph nodes or meta "
                            "graphs; not " + Expected(hint));
}

}  // namespace tfgraph
