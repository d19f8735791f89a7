// Round-trips every TensorFlow-written protobuf file of the shared corpus through our own
// proto/tensorflow/*.proto definitions. A file passes when
//   1. it parses with the message type TF wrote it as (SavedModel / MetaGraphDef / GraphDef /
//      FingerprintDef),
//   2. no unknown field and no unknown enum value is left anywhere in the tree (either would mean
//      our protos miss something TF wrote), including inside google.protobuf.Any payloads of
//      tensorflow types and the serialized VariableDef / SaverDef entries of TF1 collections,
//   3. our deterministic serialization equals the original bytes once the original is put into
//      canonical order (fields by number, map entries by key, recursively), and
//   4. for the files TF itself wrote in canonical order, our deterministic serialization equals
//      the original bytes exactly.
// Why (3) and not plain byte identity for all files: the wire format does not fix the order of
// map entries or of fields, and TF's writers did not always produce the canonical order:
//   * map entries in hash-table order: TF1-era Python wrote protos with SerializeToString()
//     without `deterministic`, so NodeDef.attr, SignatureDef.inputs, collection_def, ... come
//     out in whatever order the C++ hash maps held; and even TF 2.15's deterministic writer
//     leaves maps of the function library (e.g. FunctionDef.arg_attr, uint32 keys) unsorted.
//   * fields in descending number order: the TF 2.14 export in
//     serving_saved_model_half_plus_two_tf2_cpu (saved_model.pb and fingerprint.pb alike) has
//     every message's fields written last-number-first.
// Both are legal encodings that any parser must accept; (3) proves nothing but order differs,
// since lengths, packing, presence and every value re-encode identically. The lists below pin
// down exactly which files are in canonical order, so a change in either direction fails.
#include <algorithm>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <google/protobuf/any.pb.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <google/protobuf/wire_format_lite.h>
#include <gtest/gtest.h>

#include "tensorflow/fingerprint.pb.h"
#include "tensorflow/graph.pb.h"
#include "tensorflow/meta_graph.pb.h"
#include "tensorflow/saved_model.pb.h"
#include "tensorflow/saver.pb.h"
#include "tensorflow/variable.pb.h"

namespace {

namespace fs = std::filesystem;
namespace pb = google::protobuf;
using pb::internal::WireFormatLite;

// Files whose bytes TF wrote in canonical order (relative to the corpus root).
const std::set<std::string> kCanonicalFiles = {
    "serving_saved_model_half_plus_two_cpu_with_empty_saved_model_config/00000123/saved_model.pb",
    "serving_saved_model_half_plus_two_cpu_with_saved_model_config/00000123/saved_model.pb",
    "serving_saved_model_half_plus_two_gpu_trt/00000123/saved_model.pb",
    "serving_saved_model_half_plus_two_mlmd/00000123/saved_model.pb",
    "serving_tf_text_regression_2020/01/saved_model.pb",
    "tf2_keras_savedmodel_abisheakjacob_ann/fingerprint.pb",
    "tf2_savedmodel_2shards_titanic/saved_model.pb",
    "tf2onnx_regression_ckpt_frozen_savedmodel/graphdef/frozen.pb",
    "tfjava_saved_model_using_python/model/saved_model.pb",
    "textpb_dicereader_frozen_pb_and_pbtxt/frozen_graph.pb",
    "tfrust_graphdefs/addition_model.pb",
    "tfrust_graphdefs/multiplication.pb",
    "tfx_keras_serving_savedmodel/saved_model.pb",
    "tfx_tft_transform_fn_savedmodel_with_vocab_assets/saved_model.pb",
};

// Real-world damaged files: a 2-byte "\r\n" saved_model.pb and a fingerprint.pb whose binary
// bytes were re-encoded as UTF-8 text. Both must be rejected by the parser.
const std::set<std::string> kKnownBadFiles = {
    "malformed_davidecigi_GP_phi_savedmodel_mangled_upload/saved_model.pb",
    "malformed_davidecigi_GP_phi_savedmodel_mangled_upload/fingerprint.pb",
};

// TF1 collections whose bytes_list entries are serialized VariableDef / SaverDef protos.
const std::set<std::string> kVariableCollections = {
    "variables",        "trainable_variables",      "local_variables", "model_variables",
    "metric_variables", "moving_average_variables", "global_step",
};

fs::path CorpusDir() {
  if (const char* env = std::getenv("TFGRAPH_CORPUS"); env != nullptr && *env != '\0') return env;
  // Default: <source>/../shared/corpus, the source root found from this file's path.
  return fs::path(__FILE__).parent_path().parent_path().parent_path() / ".." / "shared" / "corpus";
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Parses a whole binary message; the default total-bytes limit of older protobuf (64 MiB) would
// reject large graphs, so it is raised to the 2 GiB maximum.
bool ParseBinary(const std::string& data, pb::Message* msg) {
  pb::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(data.data()),
                              static_cast<int>(data.size()));
  in.SetTotalBytesLimit(INT_MAX);
  return msg->ParseFromCodedStream(&in) && in.ConsumedEntireMessage();
}

std::string SerializeDeterministic(const pb::Message& msg) {
  std::string out;
  {
    pb::io::StringOutputStream stream(&out);
    pb::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    msg.SerializeToCodedStream(&coded);
  }
  return out;
}

// One encoded field (tag + payload) of a message, as found on the wire.
struct WireField {
  int number = 0;
  std::string key;    // map entries only: the entry's key, to sort by
  std::string bytes;  // the complete encoded field
};

bool Canonicalize(const std::string& in, const pb::Descriptor* desc, std::string* out);

// Compares two map keys the way deterministic serialization orders them.
bool MapKeyLess(const pb::FieldDescriptor* key_field, const pb::Message& a,
                const pb::Message& b) {
  const pb::Reflection* ra = a.GetReflection();
  const pb::Reflection* rb = b.GetReflection();
  switch (key_field->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_STRING:
      return ra->GetString(a, key_field) < rb->GetString(b, key_field);
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return ra->GetInt32(a, key_field) < rb->GetInt32(b, key_field);
    case pb::FieldDescriptor::CPPTYPE_INT64:
      return ra->GetInt64(a, key_field) < rb->GetInt64(b, key_field);
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return ra->GetUInt32(a, key_field) < rb->GetUInt32(b, key_field);
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      return ra->GetUInt64(a, key_field) < rb->GetUInt64(b, key_field);
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return ra->GetBool(a, key_field) < rb->GetBool(b, key_field);
    default:
      return false;
  }
}

// Re-encodes `in` (a `desc` message) with fields stably sorted by number and map entries sorted
// by key, recursing into sub-messages. Values, packing and lengths are kept exactly as found, so
// the result differs from `in` only in order. Fails on malformed input or unknown fields.
bool Canonicalize(const std::string& in, const pb::Descriptor* desc, std::string* out) {
  pb::io::CodedInputStream input(reinterpret_cast<const uint8_t*>(in.data()),
                                 static_cast<int>(in.size()));
  input.SetTotalBytesLimit(INT_MAX);
  std::vector<WireField> fields;
  while (uint32_t tag = input.ReadTag()) {
    const int number = WireFormatLite::GetTagFieldNumber(tag);
    const pb::FieldDescriptor* field = desc->FindFieldByNumber(number);
    if (field == nullptr) return false;
    WireField wf;
    wf.number = number;
    std::string payload;
    switch (WireFormatLite::GetTagWireType(tag)) {
      case WireFormatLite::WIRETYPE_VARINT: {
        uint64_t v;
        if (!input.ReadVarint64(&v)) return false;
        pb::io::StringOutputStream s(&wf.bytes);
        pb::io::CodedOutputStream c(&s);
        c.WriteTag(tag);
        c.WriteVarint64(v);
        break;
      }
      case WireFormatLite::WIRETYPE_FIXED64: {
        uint64_t v;
        if (!input.ReadLittleEndian64(&v)) return false;
        pb::io::StringOutputStream s(&wf.bytes);
        pb::io::CodedOutputStream c(&s);
        c.WriteTag(tag);
        c.WriteLittleEndian64(v);
        break;
      }
      case WireFormatLite::WIRETYPE_FIXED32: {
        uint32_t v;
        if (!input.ReadLittleEndian32(&v)) return false;
        pb::io::StringOutputStream s(&wf.bytes);
        pb::io::CodedOutputStream c(&s);
        c.WriteTag(tag);
        c.WriteLittleEndian32(v);
        break;
      }
      case WireFormatLite::WIRETYPE_LENGTH_DELIMITED: {
        uint32_t len;
        if (!input.ReadVarint32(&len) || !input.ReadString(&payload, static_cast<int>(len))) {
          return false;
        }
        if (field->type() == pb::FieldDescriptor::TYPE_MESSAGE) {
          std::string canonical;
          if (!Canonicalize(payload, field->message_type(), &canonical)) return false;
          payload.swap(canonical);
          if (field->is_map()) wf.key = payload;  // the canonical entry; key read when sorting
        }
        pb::io::StringOutputStream s(&wf.bytes);
        pb::io::CodedOutputStream c(&s);
        c.WriteTag(tag);
        c.WriteVarint32(static_cast<uint32_t>(payload.size()));
        c.WriteString(payload);
        break;
      }
      default:
        return false;  // groups are not used by TensorFlow's protos
    }
    fields.push_back(std::move(wf));
  }
  if (!input.ConsumedEntireMessage()) return false;

  std::stable_sort(fields.begin(), fields.end(),
                   [](const WireField& a, const WireField& b) { return a.number < b.number; });
  // Sort each map's entries by key; entries of one map are adjacent after the sort above.
  pb::DynamicMessageFactory factory;
  for (size_t begin = 0; begin < fields.size();) {
    size_t end = begin;
    while (end < fields.size() && fields[end].number == fields[begin].number) ++end;
    const pb::FieldDescriptor* field = desc->FindFieldByNumber(fields[begin].number);
    if (field->is_map()) {
      const pb::Descriptor* entry_desc = field->message_type();
      const pb::FieldDescriptor* key_field = entry_desc->map_key();
      std::vector<std::unique_ptr<pb::Message>> entries;
      std::vector<size_t> order;
      for (size_t i = begin; i < end; ++i) {
        entries.emplace_back(factory.GetPrototype(entry_desc)->New());
        if (!entries.back()->ParseFromString(fields[i].key)) return false;
        order.push_back(i - begin);
      }
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return MapKeyLess(key_field, *entries[a], *entries[b]);
      });
      std::vector<WireField> sorted;
      for (size_t i : order) sorted.push_back(std::move(fields[begin + i]));
      std::move(sorted.begin(), sorted.end(), fields.begin() + static_cast<long>(begin));
    }
    begin = end;
  }
  out->clear();
  for (const WireField& wf : fields) out->append(wf.bytes);
  return true;
}

// Offset of the first differing byte, for failure messages (never dump megabytes).
size_t FirstDifference(const std::string& a, const std::string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}

// Checks that a parsed `msg` re-encodes to `original` up to order (see the file comment).
void ExpectSameUpToOrder(const std::string& original, const pb::Message& msg,
                         const std::string& where) {
  std::string canonical;
  ASSERT_TRUE(Canonicalize(original, msg.GetDescriptor(), &canonical)) << where;
  const std::string ours = SerializeDeterministic(msg);
  EXPECT_EQ(canonical.size(), original.size()) << where;
  EXPECT_TRUE(canonical == ours) << where << ": canonical original and our serialization differ"
                                 << " at byte " << FirstDifference(canonical, ours)
                                 << " (sizes " << canonical.size() << " / " << ours.size() << ")";
}

// Walks a message tree and records, as readable paths, every unknown field and unknown enum
// value. Also opens Any payloads of tensorflow types and TF1 collections of serialized protos.
class Auditor {
 public:
  std::vector<std::string> problems;
  std::set<std::string> opened_any_types;
  std::set<std::string> foreign_any_types;

  void Audit(const pb::Message& msg, const std::string& path) {
    const pb::Reflection* refl = msg.GetReflection();
    if (!refl->GetUnknownFields(msg).empty()) {
      problems.push_back(path + ": " + std::to_string(refl->GetUnknownFields(msg).field_count()) +
                         " unknown field(s)");
    }
    if (msg.GetDescriptor()->full_name() == "google.protobuf.Any") {
      AuditAny(static_cast<const pb::Any&>(msg), path);
    }
    if (const auto* coll = dynamic_cast<const tensorflow::MetaGraphDef*>(&msg)) {
      AuditCollections(*coll, path);
    }
    std::vector<const pb::FieldDescriptor*> fields;
    refl->ListFields(msg, &fields);
    for (const pb::FieldDescriptor* field : fields) {
      const std::string fpath = path + "." + field->name();
      if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_ENUM) {
        const int n = field->is_repeated() ? refl->FieldSize(msg, field) : 1;
        for (int i = 0; i < n; ++i) {
          const int v = field->is_repeated() ? refl->GetRepeatedEnumValue(msg, field, i)
                                             : refl->GetEnumValue(msg, field);
          if (field->enum_type()->FindValueByNumber(v) == nullptr) {
            problems.push_back(fpath + ": unknown enum value " + std::to_string(v));
          }
        }
      }
      if (field->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) continue;
      if (field->is_repeated()) {
        for (int i = 0; i < refl->FieldSize(msg, field); ++i) {
          Audit(refl->GetRepeatedMessage(msg, field, i), fpath + "[" + std::to_string(i) + "]");
        }
      } else {
        Audit(refl->GetMessage(msg, field), fpath);
      }
    }
  }

 private:
  // Any payloads are opaque bytes to the outer message; check those of our own types too.
  void AuditAny(const pb::Any& any, const std::string& path) {
    const std::string prefix = "type.googleapis.com/";
    if (any.type_url().rfind(prefix, 0) != 0) return;
    const std::string type = any.type_url().substr(prefix.size());
    const pb::Descriptor* desc = pb::DescriptorPool::generated_pool()->FindMessageTypeByName(type);
    if (desc == nullptr) {
      foreign_any_types.insert(type);  // not ours to check; the caller pins the expected set
      return;
    }
    std::unique_ptr<pb::Message> inner(
        pb::MessageFactory::generated_factory()->GetPrototype(desc)->New());
    if (!ParseBinary(any.value(), inner.get())) {
      problems.push_back(path + ": Any payload does not parse as " + type);
      return;
    }
    opened_any_types.insert(type);
    ExpectSameUpToOrder(any.value(), *inner, path + " (" + type + ")");
    Audit(*inner, path + "<" + type + ">");
  }

  void AuditCollections(const tensorflow::MetaGraphDef& mg, const std::string& path) {
    for (const auto& [name, coll] : mg.collection_def()) {
      const bool is_vars = kVariableCollections.count(name) > 0;
      if (!is_vars && name != "savers") continue;
      for (int i = 0; i < coll.bytes_list().value_size(); ++i) {
        const std::string& bytes = coll.bytes_list().value(i);
        std::unique_ptr<pb::Message> inner;
        if (is_vars) {
          inner = std::make_unique<tensorflow::VariableDef>();
        } else {
          inner = std::make_unique<tensorflow::SaverDef>();
        }
        const std::string where =
            path + ".collection_def[" + name + "][" + std::to_string(i) + "]";
        if (!ParseBinary(bytes, inner.get())) {
          problems.push_back(where + ": does not parse");
          continue;
        }
        ExpectSameUpToOrder(bytes, *inner, where);
        Audit(*inner, where);
      }
    }
  }
};

enum class Kind { kSavedModel, kMetaGraph, kGraphDef, kFingerprint };

std::unique_ptr<pb::Message> NewMessage(Kind kind) {
  switch (kind) {
    case Kind::kSavedModel:
      return std::make_unique<tensorflow::SavedModel>();
    case Kind::kMetaGraph:
      return std::make_unique<tensorflow::MetaGraphDef>();
    case Kind::kGraphDef:
      return std::make_unique<tensorflow::GraphDef>();
    case Kind::kFingerprint:
      return std::make_unique<tensorflow::FingerprintDef>();
  }
  return nullptr;
}

struct CorpusFile {
  std::string rel;  // path relative to the corpus root, '/'-separated
  fs::path path;
  Kind kind;
};

// Every binary TF proto of the corpus, typed by its name. keras_metadata.pb (Keras' own proto)
// and assets.extra/saved_model_config.pb (a TF Serving proto) are not TensorFlow core protos.
std::vector<CorpusFile> BinaryCorpusFiles(const fs::path& root) {
  std::vector<CorpusFile> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    const std::string ext = entry.path().extension().string();
    Kind kind;
    if (name == "saved_model.pb") {
      kind = Kind::kSavedModel;
    } else if (name == "fingerprint.pb") {
      kind = Kind::kFingerprint;
    } else if (name == ".meta" || ext == ".meta") {
      kind = Kind::kMetaGraph;
    } else if (ext == ".pb" && name != "keras_metadata.pb" && name != "saved_model_config.pb") {
      kind = Kind::kGraphDef;
    } else {
      continue;
    }
    files.push_back({fs::relative(entry.path(), root).generic_string(), entry.path(), kind});
  }
  std::sort(files.begin(), files.end(),
            [](const CorpusFile& a, const CorpusFile& b) { return a.rel < b.rel; });
  return files;
}

class ProtoRoundTripTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = CorpusDir();
    if (!fs::is_directory(root_)) {
      GTEST_SKIP() << "corpus not found at " << root_ << " (set TFGRAPH_CORPUS)";
    }
  }
  fs::path root_;
};

TEST_F(ProtoRoundTripTest, BinaryFilesParseFullyAndReencodeIdentically) {
  const std::vector<CorpusFile> files = BinaryCorpusFiles(root_);
  int counts[4] = {0, 0, 0, 0};
  int byte_identical = 0;
  std::set<std::string> any_types;
  std::set<std::string> foreign_any_types;
  for (const CorpusFile& file : files) {
    if (kKnownBadFiles.count(file.rel)) continue;
    SCOPED_TRACE(file.rel);
    const std::string data = ReadFile(file.path);
    std::unique_ptr<pb::Message> msg = NewMessage(file.kind);
    ASSERT_TRUE(ParseBinary(data, msg.get())) << file.rel << " does not parse as "
                                              << msg->GetTypeName();
    ++counts[static_cast<int>(file.kind)];

    Auditor auditor;
    auditor.Audit(*msg, msg->GetDescriptor()->name());
    EXPECT_TRUE(auditor.problems.empty())
        << file.rel << ": " << auditor.problems.size() << " problem(s), first: "
        << auditor.problems.front();
    any_types.insert(auditor.opened_any_types.begin(), auditor.opened_any_types.end());
    foreign_any_types.insert(auditor.foreign_any_types.begin(), auditor.foreign_any_types.end());

    ExpectSameUpToOrder(data, *msg, file.rel);

    const bool identical = SerializeDeterministic(*msg) == data;
    byte_identical += identical ? 1 : 0;
    EXPECT_EQ(identical, kCanonicalFiles.count(file.rel) > 0)
        << file.rel << (identical ? " is unexpectedly byte-identical: add it to kCanonicalFiles"
                                  : " is expected to be byte-identical but is not");
  }
  // The corpus is fixed (MANIFEST.md); make sure the walk really saw it.
  EXPECT_GE(counts[static_cast<int>(Kind::kSavedModel)], 20);
  EXPECT_GE(counts[static_cast<int>(Kind::kMetaGraph)], 9);
  EXPECT_GE(counts[static_cast<int>(Kind::kGraphDef)], 12);
  EXPECT_GE(counts[static_cast<int>(Kind::kFingerprint)], 2);
  EXPECT_EQ(byte_identical, static_cast<int>(kCanonicalFiles.size()));
  // TF1 SavedModels keep their AssetFileDefs packed in Any (collection saved_model_assets).
  EXPECT_TRUE(any_types.count("tensorflow.AssetFileDef")) << "no Any payload was checked";
  EXPECT_TRUE(any_types.count("tensorflow.GraphDef"));  // SessionBundle's serving_graph
  // The only Any payloads we cannot open are TF Serving's legacy SessionBundle manifest protos
  // (tensorflow_serving/session_bundle/manifest.proto), which are not TensorFlow protos.
  EXPECT_EQ(foreign_any_types,
            (std::set<std::string>{"tensorflow.serving.AssetFile", "tensorflow.serving.Signatures"}));
}

TEST_F(ProtoRoundTripTest, KnownBadFilesAreRejected) {
  for (const std::string& rel : kKnownBadFiles) {
    const fs::path path = root_ / rel;
    ASSERT_TRUE(fs::is_regular_file(path)) << rel;
    const std::string data = ReadFile(path);
    std::unique_ptr<pb::Message> msg =
        NewMessage(rel.find("fingerprint") != std::string::npos ? Kind::kFingerprint
                                                                : Kind::kSavedModel);
    EXPECT_FALSE(ParseBinary(data, msg.get())) << rel << " parsed although it is damaged";
  }
}

TEST_F(ProtoRoundTripTest, TextSavedModelParses) {
  const fs::path path =
      root_ / "unusual_text_savedmodel_pbtxt_no_variables_tf1.2" / "saved_model.pbtxt";
  ASSERT_TRUE(fs::is_regular_file(path));
  tensorflow::SavedModel model;
  // TextFormat rejects unknown field and enum names, so success means full coverage.
  ASSERT_TRUE(pb::TextFormat::ParseFromString(ReadFile(path), &model));
  ASSERT_EQ(model.meta_graphs_size(), 1);
  const tensorflow::MetaGraphDef& mg = model.meta_graphs(0);
  EXPECT_EQ(mg.meta_info_def().tensorflow_version(), "1.2.0");
  EXPECT_GT(mg.graph_def().node_size(), 0);
  EXPECT_GT(mg.signature_def_size(), 0);

  Auditor auditor;
  auditor.Audit(model, "SavedModel");
  EXPECT_TRUE(auditor.problems.empty()) << auditor.problems.front();

  // Binary round trip of the text-parsed model.
  tensorflow::SavedModel reparsed;
  ASSERT_TRUE(ParseBinary(SerializeDeterministic(model), &reparsed));
  EXPECT_TRUE(pb::util::MessageDifferencer::Equals(model, reparsed));
}

// The DiceReader repository committed frozen_graph.pb and frozen_graph.pbtxt together, but
// they come from two training runs: the graphs are the same node for node, yet the weights
// differ and the last layer has 6 classes in the binary and 10 in the text file. So the test
// requires equality of everything except the four weight constants, and checks those shapes.
TEST_F(ProtoRoundTripTest, TextGraphDefMatchesBinaryGraphDef) {
  const fs::path dir = root_ / "textpb_dicereader_frozen_pb_and_pbtxt";
  ASSERT_TRUE(fs::is_directory(dir));
  tensorflow::GraphDef from_text;
  ASSERT_TRUE(pb::TextFormat::ParseFromString(ReadFile(dir / "frozen_graph.pbtxt"), &from_text));
  const std::string binary = ReadFile(dir / "frozen_graph.pb");
  tensorflow::GraphDef from_binary;
  ASSERT_TRUE(ParseBinary(binary, &from_binary));
  ASSERT_EQ(from_text.node_size(), 17);
  ASSERT_EQ(from_binary.node_size(), 17);

  // Text -> binary -> message is lossless.
  tensorflow::GraphDef reparsed;
  ASSERT_TRUE(ParseBinary(SerializeDeterministic(from_text), &reparsed));
  EXPECT_TRUE(pb::util::MessageDifferencer::Equals(from_text, reparsed));

  const std::string prefix = "sequential/";
  const std::set<std::string> weights = {
      prefix + "dense/MatMul/ReadVariableOp/resource",
      prefix + "dense/BiasAdd/ReadVariableOp/resource",
      prefix + "dense_1/MatMul/ReadVariableOp/resource",
      prefix + "dense_1/BiasAdd/ReadVariableOp/resource",
  };
  std::set<std::string> differing;
  for (int i = 0; i < from_text.node_size(); ++i) {
    tensorflow::NodeDef t = from_text.node(i);
    tensorflow::NodeDef b = from_binary.node(i);
    if (!pb::util::MessageDifferencer::Equals(t, b)) differing.insert(t.name());
    if (weights.count(t.name())) {
      // Same dtype and rank; only values and the class count may differ.
      const tensorflow::TensorProto& tt = t.attr().at("value").tensor();
      const tensorflow::TensorProto& bt = b.attr().at("value").tensor();
      EXPECT_EQ(tt.dtype(), tensorflow::DT_FLOAT);
      EXPECT_EQ(bt.dtype(), tensorflow::DT_FLOAT);
      EXPECT_EQ(tt.tensor_shape().dim_size(), bt.tensor_shape().dim_size());
      int64_t t_elems = 1, b_elems = 1;
      for (const auto& d : tt.tensor_shape().dim()) t_elems *= d.size();
      for (const auto& d : bt.tensor_shape().dim()) b_elems *= d.size();
      EXPECT_EQ(tt.tensor_content().size(), static_cast<size_t>(t_elems) * 4) << t.name();
      EXPECT_EQ(bt.tensor_content().size(), static_cast<size_t>(b_elems) * 4) << t.name();
      (*t.mutable_attr())["value"].clear_tensor();
      (*b.mutable_attr())["value"].clear_tensor();
    }
    EXPECT_TRUE(pb::util::MessageDifferencer::Equals(t, b)) << "node " << i << " " << t.name();
  }
  EXPECT_EQ(differing, weights);
  for (const auto* g : {&from_text, &from_binary}) {
    for (const auto& n : g->node()) {
      if (n.name() != prefix + "dense_1/BiasAdd/ReadVariableOp/resource") continue;
      const auto& shape = n.attr().at("value").tensor().tensor_shape();
      ASSERT_EQ(shape.dim_size(), 1);
      EXPECT_EQ(shape.dim(0).size(), g == &from_text ? 10 : 6);
    }
  }
}

}  // namespace
